//! The Markdown model every rule reads: headings, paragraphs, tables, lists, links, with
//! byte spans into the file. Built once per file from pulldown-cmark's offset iterator.
//! Code blocks and HTML are kept out of the prose.

use crate::source::Span;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
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
        self.text.push_str(s);
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
    /// Fenced and indented code blocks.
    pub code: Vec<Span>,
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

enum Target {
    Heading(u8, usize),
    Paragraph(usize),
    Cell(usize),
}

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

#[derive(Default)]
struct Builder {
    target: Option<(Target, Inline)>,
    item_stack: Vec<usize>,
    list_stack: Vec<usize>,
    table: Option<Table>,
    row: Option<Row>,
    in_head: bool,
    code_depth: usize,
    link_stack: Vec<(String, bool, usize, String)>,
    strong_start: Vec<usize>,
}

impl Builder {
    fn inline<'a>(&'a mut self, doc: &'a mut Document) -> Option<&'a mut Inline> {
        if let Some((_, inl)) = self.target.as_mut() {
            return Some(inl);
        }
        let &i = self.item_stack.last()?;
        Some(&mut doc.items[i].text)
    }

    fn text(&mut self, doc: &mut Document, s: &str, range: Range<usize>, source: &str) {
        if self.code_depth > 0 {
            return;
        }
        if let Some((_, _, _, text)) = self.link_stack.last_mut() {
            text.push_str(s);
        }
        if let Some(inl) = self.inline(doc) {
            inl.push(s, range, source);
        }
    }

    fn event(&mut self, doc: &mut Document, event: Event, range: Range<usize>, source: &str) {
        match event {
            Event::Start(tag) => self.start(doc, tag, range, source),
            Event::End(tag) => self.end(doc, tag, range, source),
            Event::Text(s) => self.text(doc, &s, range, source),
            Event::Code(s) => {
                let start = self.inline(doc).map(|i| i.text.len());
                self.text(doc, &s, range, source);
                if let (Some(start), Some(inl)) = (start, self.inline(doc)) {
                    let end = inl.text.len();
                    inl.code.push(start..end);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(inl) = self.inline(doc) {
                    inl.push_break();
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                if self.code_depth == 0 {
                    doc.html.push(Span::new(range.start, range.end));
                }
            }
            Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::Rule
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, doc: &mut Document, tag: Tag, range: Range<usize>, source: &str) {
        let span = Span::new(range.start, range.end);
        match tag {
            Tag::Heading { level, .. } => {
                self.target = Some((Target::Heading(level as u8, range.start), Inline::default()));
            }
            Tag::Paragraph => {
                if let Some(&i) = self.item_stack.last()
                    && self.target.is_none()
                {
                    doc.items[i].text.push_break();
                    return;
                }
                if self.target.is_none() {
                    self.target = Some((Target::Paragraph(range.start), Inline::default()));
                }
            }
            Tag::Table(_) => {
                self.table = Some(Table {
                    header: Row {
                        cells: Vec::new(),
                        span,
                    },
                    rows: Vec::new(),
                    span,
                });
            }
            Tag::TableHead => {
                self.in_head = true;
                self.row = Some(Row {
                    cells: Vec::new(),
                    span,
                });
            }
            Tag::TableRow => {
                self.row = Some(Row {
                    cells: Vec::new(),
                    span,
                });
            }
            Tag::TableCell => {
                self.target = Some((Target::Cell(range.start), Inline::default()));
                let _ = source;
            }
            Tag::List(start) => {
                let id = doc.lists.len();
                let parent = self.item_stack.last().copied();
                doc.lists.push(List {
                    ordered: start.is_some(),
                    items: Vec::new(),
                    span,
                    parent,
                });
                if self.list_stack.is_empty() && self.item_stack.is_empty() {
                    doc.blocks.push(Block::List(id));
                }
                self.list_stack.push(id);
            }
            Tag::Item => {
                let id = doc.items.len();
                let list = self.list_stack.last().copied().unwrap_or(0);
                let depth = self.list_stack.len().saturating_sub(1);
                if let Some(&parent) = self.item_stack.last() {
                    doc.items[parent].children.push(id);
                }
                if let Some(l) = doc.lists.get_mut(list) {
                    l.items.push(id);
                }
                doc.items.push(Item {
                    depth,
                    text: Inline::default(),
                    span,
                    list,
                    children: Vec::new(),
                });
                self.item_stack.push(id);
            }
            Tag::CodeBlock(kind) => {
                self.code_depth += 1;
                let _ = matches!(kind, CodeBlockKind::Fenced(_));
                doc.code.push(span);
            }
            Tag::HtmlBlock => doc.html.push(span),
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                let image =
                    matches!(range, _ if source.get(range.start..range.start + 1) == Some("!"));
                self.link_stack
                    .push((dest_url.to_string(), image, range.start, String::new()));
            }
            Tag::Strong => {
                let at = self.inline(doc).map_or(0, |i| i.text.len());
                self.strong_start.push(at);
            }
            _ => {}
        }
    }

    fn end(&mut self, doc: &mut Document, tag: TagEnd, range: Range<usize>, source: &str) {
        let span = Span::new(range.start, range.end);
        match tag {
            TagEnd::Heading(_) => {
                if let Some((Target::Heading(level, start), text)) = self.target.take() {
                    doc.blocks.push(Block::Heading(doc.headings.len()));
                    doc.headings.push(Heading {
                        level,
                        text,
                        span: trim_line_end(source, Span::new(start, range.end)),
                    });
                }
            }
            TagEnd::Paragraph => {
                if let Some((Target::Paragraph(start), _)) = &self.target {
                    let start = *start;
                    if let Some((_, text)) = self.target.take() {
                        let span = trim_line_end(source, Span::new(start, range.end));
                        if self.item_stack.is_empty() {
                            doc.blocks.push(Block::Paragraph(doc.paragraphs.len()));
                        }
                        doc.paragraphs.push(Paragraph {
                            text: text.shrink(),
                            span,
                        });
                    }
                }
            }
            TagEnd::TableCell => {
                if let Some((Target::Cell(start), text)) = self.target.take() {
                    let span = trim_cell(source, Span::new(start, range.end));
                    if let Some(row) = self.row.as_mut() {
                        row.cells.push(Cell {
                            text: text.shrink(),
                            span,
                        });
                    }
                }
            }
            TagEnd::TableHead => {
                self.in_head = false;
                if let (Some(t), Some(row)) = (self.table.as_mut(), self.row.take()) {
                    t.header = Row {
                        span: trim_line_end(source, span),
                        ..row
                    };
                }
            }
            TagEnd::TableRow => {
                if let (Some(t), Some(mut row)) = (self.table.as_mut(), self.row.take()) {
                    row.cells.shrink_to_fit();
                    t.rows.push(Row {
                        span: trim_line_end(source, span),
                        ..row
                    });
                }
            }
            TagEnd::Table => {
                if let Some(mut t) = self.table.take() {
                    t.span = trim_line_end(source, span);
                    if self.item_stack.is_empty() {
                        doc.blocks.push(Block::Table(doc.tables.len()));
                    }
                    doc.tables.push(t);
                }
            }
            TagEnd::List(_) => {
                if let Some(id) = self.list_stack.pop() {
                    doc.lists[id].span = trim_line_end(source, span);
                }
            }
            TagEnd::Item => {
                if let Some(id) = self.item_stack.pop() {
                    doc.items[id].span = trim_line_end(source, span);
                }
            }
            TagEnd::CodeBlock => self.code_depth = self.code_depth.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => {
                if let Some((dest, image, start, text)) = self.link_stack.pop() {
                    let raw = source.get(start..range.end).unwrap_or("");
                    let dest_span = raw
                        .rfind(dest.as_str())
                        .filter(|_| !dest.is_empty())
                        .map_or(Span::empty(range.end), |off| {
                            Span::new(start + off, start + off + dest.len())
                        });
                    doc.links.push(Link {
                        dest,
                        dest_span,
                        text,
                        span: Span::new(start, range.end),
                        image,
                    });
                }
            }
            TagEnd::Strong => {
                if let Some(s) = self.strong_start.pop()
                    && let Some(inl) = self.inline(doc)
                {
                    let e = inl.text.len();
                    inl.strong.push(s..e);
                }
            }
            _ => {}
        }
    }
}

/// Where to stop reading `body` so that it holds at most `max_marks` marks: Markdown marks
/// (`*`, `_`, `~`, `` ` ``, `[`, `]`, `!`, `<`, `&`, `\`, `|`, line breaks) and runs of digits
/// (each can start a date or a number a rule reads). After the last blank line before the
/// mark over the limit, so no block is cut in two. `None` when all fits.
fn budget_end(body: &str, max_marks: usize) -> Option<usize> {
    // Each mark is at least one byte.
    if body.len() <= max_marks {
        return None;
    }
    let mut marks = 0usize;
    let mut after_blank = 0;
    let mut line_blank = true;
    let mut prev = 0u8;
    for (i, &c) in body.as_bytes().iter().enumerate() {
        let digits = c.is_ascii_digit() && !prev.is_ascii_digit();
        prev = c;
        if digits
            || matches!(
                c,
                b'*' | b'_' | b'~' | b'`' | b'[' | b']' | b'!' | b'<' | b'&' | b'\\' | b'|' | b'\n'
            )
        {
            marks += 1;
            if marks > max_marks {
                return Some(after_blank);
            }
        }
        match c {
            b'\n' => {
                if line_blank {
                    after_blank = i + 1;
                }
                line_blank = true;
            }
            b' ' | b'\t' | b'\r' => {}
            _ => line_blank = false,
        }
    }
    None
}

fn trim_line_end(source: &str, span: Span) -> Span {
    let s = source.get(span.range()).unwrap_or("");
    let t = s.trim_end();
    Span::new(span.start, span.start + t.len())
}

fn trim_cell(source: &str, span: Span) -> Span {
    let s = source.get(span.range()).unwrap_or("");
    let lead = s.len()
        - s.trim_start_matches(|c: char| c == '|' || c.is_whitespace())
            .len();
    let t = s.trim_end_matches(|c: char| c == '|' || c.is_whitespace());
    Span::new(span.start + lead.min(t.len()), span.start + t.len())
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
