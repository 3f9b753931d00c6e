//! Building the model from pulldown-cmark's events, one pass, with the budget that bounds
//! how much of a post is read.

use super::*;
use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

enum Target {
    Heading(u8, usize),
    Paragraph(usize),
    Cell(usize),
}

#[derive(Default)]
pub(super) struct Builder {
    target: Option<(Target, Inline)>,
    item_stack: Vec<usize>,
    list_stack: Vec<usize>,
    table: Option<Table>,
    row: Option<Row>,
    in_head: bool,
    code_depth: usize,
    /// The line being read of a text block ([`TextBlock`]), while inside one.
    text_line: Option<Inline>,
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
            self.text_block_text(doc, s, range, source);
            return;
        }
        if let Some((_, _, _, text)) = self.link_stack.last_mut() {
            text.push_str(s);
        }
        if let Some(inl) = self.inline(doc) {
            inl.push(s, range, source);
        }
    }

    pub(super) fn event(
        &mut self,
        doc: &mut Document,
        event: Event,
        range: Range<usize>,
        source: &str,
    ) {
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
                if self.code_depth == 1
                    && let CodeBlockKind::Fenced(info) = &kind
                    && is_text_info(info)
                {
                    doc.text_blocks.push(TextBlock {
                        span,
                        lines: Vec::new(),
                    });
                    self.text_line = Some(Inline::default());
                }
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
            TagEnd::CodeBlock => {
                self.code_depth = self.code_depth.saturating_sub(1);
                if let Some(line) = self.text_line.take() {
                    push_line(doc, line);
                    // A fence never closed runs to the end of the post: that is a slip, not a
                    // chart, and what follows it is not read as one.
                    let span = trim_line_end(source, span);
                    if closed_fence(source.get(span.range()).unwrap_or("")) {
                        if let Some(b) = doc.text_blocks.last_mut() {
                            b.span = span;
                        }
                    } else {
                        doc.text_blocks.pop();
                    }
                }
            }
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

impl Builder {
    /// Text of a text block, cut into its lines.
    fn text_block_text(&mut self, doc: &mut Document, s: &str, range: Range<usize>, source: &str) {
        let Some(line) = self.text_line.as_mut() else {
            return;
        };
        let mut at = 0;
        for piece in s.split_inclusive('\n') {
            let body = piece.strip_suffix('\n').unwrap_or(piece);
            let body = body.strip_suffix('\r').unwrap_or(body);
            let start = range.start + at;
            // Where the piece is in the source is found by [`Inline::push`]; the range
            // only bounds the search.
            line.push(body, start..range.end.max(start), source);
            at += piece.len();
            if piece.ends_with('\n') {
                let done = std::mem::take(line);
                push_line(doc, done);
            }
        }
    }
}

/// A finished line of the last text block, kept when it has something to read.
fn push_line(doc: &mut Document, line: Inline) {
    if let Some(b) = doc.text_blocks.last_mut()
        && !line.text.trim().is_empty()
    {
        b.lines.push(line.shrink());
    }
}

/// Whether a fenced block's text ends with its closing fence.
fn closed_fence(block: &str) -> bool {
    let mut lines = block.lines();
    let open = lines.next().unwrap_or("").trim_start();
    let close = lines.next_back().unwrap_or("").trim();
    let mark = if open.starts_with('~') { '~' } else { '`' };
    close.len() >= 3 && close.chars().all(|c| c == mark)
}

/// The info string of a fence that holds text, not code: none, or `text`, `txt`, `plain`,
/// `plaintext` (a language name after it, `text title=...`, is ignored).
fn is_text_info(info: &str) -> bool {
    let lang = info
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or("");
    lang.is_empty()
        || ["text", "txt", "plain", "plaintext"]
            .iter()
            .any(|l| lang.eq_ignore_ascii_case(l))
}

/// Where to stop reading `body` so that it holds at most `max_marks` marks: Markdown marks
/// (`*`, `_`, `~`, `` ` ``, `[`, `]`, `!`, `<`, `&`, `\`, `|`, line breaks) and runs of digits
/// (each can start a date or a number a rule reads). After the last blank line before the
/// mark over the limit, so no block is cut in two. `None` when all fits.
pub(super) fn budget_end(body: &str, max_marks: usize) -> Option<usize> {
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
