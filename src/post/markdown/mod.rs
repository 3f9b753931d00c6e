//! The Markdown model every rule reads: headings, paragraphs, tables, lists, links, with
//! byte spans into the file. Built once per file from pulldown-cmark's offset iterator.
//! Code blocks and HTML are kept out of the prose, except fences without a language (or in
//! `text`): authors draw schedules and charts in them, and their lines are read as prose
//! ([`TextBlock`]).

mod build;

use crate::source::Span;
use build::{Builder, budget_end};
use pulldown_cmark::{Options, Parser};
use std::ops::Range;

/// Plain text of an inline run (emphasis, links and code marks stripped) with a map back
/// to the source bytes it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    segs: Vec<Seg>,
    /// Plain-text ranges that were bold (`**...**`).
    pub strong: Vec<Range<usize>>,
    /// Plain-text ranges that were inline code (`` `x` ``).
    pub code: Vec<Range<usize>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seg {
    plain: usize,
    src: usize,
    len: usize,
    src_len: usize,
    /// The plain text equals the source bytes, so offsets inside map one to one.
    exact: bool,
}

impl Inline {
    fn push(&mut self, s: &str, range: Range<usize>, source: &str) {
        if s.is_empty() {
            return;
        }
        let raw = source.get(range.clone()).unwrap_or("");
        // Plain text is mostly its own source: compare before searching.
        let found = if raw.starts_with(s) {
            Some(0)
        } else {
            raw.find(s)
        };
        let (src, src_len, exact) = match found {
            Some(off) => (range.start + off, s.len(), true),
            None => (range.start, range.len(), false),
        };
        self.segs.push(Seg {
            plain: self.text.len(),
            src,
            len: s.len(),
            src_len,
            exact,
        });
        // Control characters (a BEL, a vertical tab) are no text a reader sees: they read
        // as spaces of the same length, so offsets still map and `4 \x07` is the number 4.
        if s.chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        {
            for c in s.chars() {
                if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                    self.text.extend(std::iter::repeat_n(' ', c.len_utf8()));
                } else {
                    self.text.push(c);
                }
            }
        } else {
            self.text.push_str(s);
        }
    }

    /// Give back the spare capacity of a finished run: a big post has a million cells.
    fn shrink(mut self) -> Inline {
        self.text.shrink_to_fit();
        self.segs.shrink_to_fit();
        self
    }

    fn push_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// Source span of a byte range of [`Inline::text`].
    pub fn span_of(&self, r: Range<usize>) -> Span {
        if self.segs.is_empty() {
            return Span::default();
        }
        let seg_at = |pos: usize, is_end: bool| -> &Seg {
            let i = self.segs.partition_point(|s| {
                if is_end {
                    s.plain < pos
                } else {
                    s.plain <= pos
                }
            });
            &self.segs[i.saturating_sub(1)]
        };
        let a = seg_at(r.start, false);
        let start = if a.exact && r.start >= a.plain && r.start <= a.plain + a.len {
            a.src + (r.start - a.plain)
        } else if r.start >= a.plain + a.len {
            a.src + a.src_len
        } else {
            a.src
        };
        let b = seg_at(r.end.max(r.start), true);
        let end = if b.exact && r.end >= b.plain && r.end <= b.plain + b.len {
            b.src + (r.end - b.plain)
        } else {
            b.src + b.src_len
        };
        Span::new(start, end.max(start))
    }

    /// Source span of the whole run.
    pub fn span(&self) -> Span {
        self.span_of(0..self.text.len())
    }

    /// Whether plain range `r` overlaps inline code.
    pub fn is_code(&self, r: &Range<usize>) -> bool {
        self.code.iter().any(|c| c.start < r.end && r.start < c.end)
    }

    /// An inline run whose text is exactly `source[span]` (a front-matter title).
    pub fn from_source(source: &str, span: Span) -> Inline {
        let mut inl = Inline::default();
        if let Some(s) = source.get(span.range()) {
            inl.push(s, span.range(), source);
        }
        inl
    }

    /// Whether plain range `r` lies inside bold text.
    pub fn is_strong(&self, r: &Range<usize>) -> bool {
        self.strong
            .iter()
            .any(|s| s.start <= r.start && r.end <= s.end)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: Inline,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub text: Inline,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: Inline,
    /// The cell between its pipes, surrounding spaces trimmed.
    pub span: Span,
}

impl Cell {
    pub fn plain(&self) -> &str {
        self.text.text.trim()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub header: Row,
    pub rows: Vec<Row>,
    pub span: Span,
}

impl Table {
    /// Index of the first header column whose text satisfies `f`.
    pub fn column(&self, f: impl Fn(&str) -> bool) -> Option<usize> {
        self.header.cells.iter().position(|c| f(c.plain()))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// 0 for items of a top-level list.
    pub depth: usize,
    pub text: Inline,
    pub span: Span,
    pub list: usize,
    /// Items of lists nested directly in this one.
    pub children: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct List {
    pub ordered: bool,
    pub items: Vec<usize>,
    pub span: Span,
    /// The item this list is nested in.
    pub parent: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    /// The destination in the source (`/a/b.html` inside `(...)`), for fixes.
    pub dest_span: Span,
    pub text: String,
    pub span: Span,
    pub image: bool,
}

/// A fenced block without a language, or in `text`, `txt`, `plain`: a schedule or a bar
/// chart drawn in text (`2025-03-04 (화): ███ 3개`). Its lines are prose to the rules that
/// read dates and figures; code in a named language (```` ```rust ````) is never read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextBlock {
    pub span: Span,
    /// Each non-blank line, as plain text mapped to the source.
    pub lines: Vec<Inline>,
}

/// Top-level blocks in document order, as indexes into the vectors of [`Document`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(usize),
    Paragraph(usize),
    Table(usize),
    List(usize),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub headings: Vec<Heading>,
    pub paragraphs: Vec<Paragraph>,
    pub tables: Vec<Table>,
    pub lists: Vec<List>,
    pub items: Vec<Item>,
    pub links: Vec<Link>,
    pub blocks: Vec<Block>,
    /// HTML blocks and inline HTML (comments included), never prose.
    pub html: Vec<Span>,
    /// Fenced and indented code blocks (text blocks included).
    pub code: Vec<Span>,
    /// Fences that hold text, not code: their lines are read as prose.
    pub text_blocks: Vec<TextBlock>,
    /// Where reading stopped when the post is over its limit of work
    /// ([`DEFAULT_MAX_ELEMENTS`]): nothing from this byte on is in the model.
    pub cut: Option<Cut>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    /// The byte offset where reading stopped.
    pub at: usize,
    /// Why: more marks than the parser may read (`true`), or more elements than the rules may.
    pub marks: bool,
}

/// How many Markdown elements (pulldown-cmark events: the start and end of a block, a table
/// cell, a link or an emphasis, a run of text) of one post are read at most, so one generated
/// post cannot hold up a CI run or fill the memory. A long real post has a few thousand.
pub const DEFAULT_MAX_ELEMENTS: usize = 200_000;

impl Document {
    /// Parse `source[body_start..]`; every span is an offset into `source`.
    pub fn parse(source: &str, body_start: usize) -> Document {
        Document::parse_limited(source, body_start, DEFAULT_MAX_ELEMENTS)
    }

    /// [`Document::parse`], reading at most `max_elements` elements; the blocks still open at
    /// the cut (a table half read) are left out, so no rule sees half a table as a whole one.
    pub fn parse_limited(source: &str, body_start: usize, max_elements: usize) -> Document {
        let mut body = source.get(body_start..).unwrap_or("");
        // The parser builds its tree of the whole text before the first event: bound it
        // first, by the marks that can each start an element, cut at a blank line.
        let text_cut = budget_end(body, max_elements.saturating_mul(2));
        if let Some(end) = text_cut {
            body = &body[..end];
        }
        let mut opts = Options::empty();
        opts.insert(Options::ENABLE_TABLES);
        opts.insert(Options::ENABLE_STRIKETHROUGH);
        opts.insert(Options::ENABLE_FOOTNOTES);
        opts.insert(Options::ENABLE_TASKLISTS);
        let mut doc = Document::default();
        let mut b = Builder::default();
        for (n, (event, range)) in Parser::new_ext(body, opts).into_offset_iter().enumerate() {
            let range = range.start + body_start..range.end + body_start;
            if n >= max_elements {
                doc.cut = Some(Cut {
                    at: range.start,
                    marks: false,
                });
                break;
            }
            b.event(&mut doc, event, range, source);
        }
        if doc.cut.is_none() {
            doc.cut = text_cut.map(|end| Cut {
                at: body_start + end,
                marks: true,
            });
        }
        doc
    }

    /// The text of every paragraph, then of every list item: the runs of prose a claim is
    /// read from.
    pub fn prose(&self) -> impl Iterator<Item = &Inline> {
        self.paragraphs
            .iter()
            .map(|p| &p.text)
            .chain(self.items.iter().map(|i| &i.text))
    }

    /// Every line of every text block, in order.
    pub fn text_lines(&self) -> impl Iterator<Item = &Inline> {
        self.text_blocks.iter().flat_map(|b| &b.lines)
    }

    /// The block right before block index `i`, if any.
    pub fn block_before(&self, i: usize) -> Option<Block> {
        i.checked_sub(1).and_then(|j| self.blocks.get(j).copied())
    }

    pub fn block_span(&self, b: Block) -> Span {
        match b {
            Block::Heading(i) => self.headings[i].span,
            Block::Paragraph(i) => self.paragraphs[i].span,
            Block::Table(i) => self.tables[i].span,
            Block::List(i) => self.lists[i].span,
        }
    }

    /// The plain text of a heading or paragraph block.
    pub fn block_inline(&self, b: Block) -> Option<&Inline> {
        match b {
            Block::Heading(i) => Some(&self.headings[i].text),
            Block::Paragraph(i) => Some(&self.paragraphs[i].text),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_map_back_to_source() {
        let src =
            "# 통계\n\n| 항목 | 수치 |\n|---|---|\n| **총 커밋** | 700개 (BE 330 + FE 370) |\n";
        let doc = Document::parse(src, 0);
        assert_eq!(doc.tables.len(), 1);
        let t = &doc.tables[0];
        assert_eq!(t.header.cells[1].plain(), "수치");
        let c = &t.rows[0].cells[0];
        assert_eq!(c.plain(), "총 커밋");
        assert_eq!(&src[c.span.range()], "**총 커밋**");
        assert_eq!(&src[c.text.span().range()], "총 커밋");
        let v = &t.rows[0].cells[1];
        let at = v.text.text.find("330").unwrap();
        assert_eq!(&src[v.text.span_of(at..at + 3).range()], "330");
        assert!(t.rows[0].cells[0].text.is_strong(&(0..3)));
    }

    #[test]
    fn lists_nest_and_links_have_spans() {
        let src = "- a [월간](/r/2025-01.html)\n  - b\n- c\n\n```\n- not a list\n```\n";
        let doc = Document::parse(src, 0);
        assert_eq!(doc.lists.len(), 2);
        assert_eq!(doc.items.len(), 3);
        assert_eq!(doc.items[0].children, vec![1]);
        assert_eq!(doc.items[1].depth, 1);
        assert_eq!(doc.items[0].text.text, "a 월간");
        assert_eq!(&src[doc.links[0].dest_span.range()], "/r/2025-01.html");
        assert_eq!(doc.code.len(), 1);
        assert_eq!(doc.blocks.len(), 1);
    }

    #[test]
    fn text_blocks_are_read_line_by_line_and_code_is_not() {
        let src = "```\n2025-03-04 (화): ██ 3개\n\nB 2개\n```\n\n```text title=x\nC\n```\n\n```rust\nlet a = 1;\n```\n\n    indented 4\n";
        let doc = Document::parse(src, 0);
        assert_eq!(doc.code.len(), 4);
        let lines: Vec<&str> = doc.text_lines().map(|l| l.text.as_str()).collect();
        assert_eq!(lines, ["2025-03-04 (화): ██ 3개", "B 2개", "C"]);
        let first = &doc.text_blocks[0].lines[0];
        let at = first.text.find("3개").unwrap();
        assert_eq!(&src[first.span_of(at..at + 4).range()], "3개");
        assert_eq!(&src[doc.text_blocks[1].lines[0].span().range()], "C");
        assert!(doc.blocks.is_empty() && doc.paragraphs.is_empty());
    }

    #[test]
    fn reading_stops_at_a_blank_line_within_the_budget() {
        let src = "a\n\n|x|\n|-|\n|1|\n";
        // Marks: `\n` `\n` `|` `|` `\n` `|` `|`: the 7th is over a budget of 6 (3 elements).
        assert_eq!(budget_end(src, 6), Some(3));
        assert_eq!(budget_end(src, 100), None);
        let doc = Document::parse_limited(src, 0, 3);
        assert_eq!(doc.cut, Some(Cut { at: 3, marks: true }));
        assert!(doc.tables.is_empty(), "no half table");
        assert_eq!(doc.paragraphs[0].text.text, "a");
    }

    #[test]
    fn offsets_are_rebased() {
        let src = "---\nt: 1\n---\n## 제목 (3개)\n";
        let doc = Document::parse(src, 12);
        assert_eq!(&src[doc.headings[0].span.range()], "## 제목 (3개)");
        assert_eq!(&src[doc.headings[0].text.span().range()], "제목 (3개)");
    }
}
