//! Front matter: our own `---` scanner at byte 0, then YAML through serde-saphyr with the
//! byte span of every key and value, rebased to the file.
//!
//! pulldown-cmark's own metadata block misses front matter after a BOM or a blank line and
//! rewrites CRLF, so the block is cut out here and only the body goes to the Markdown parser.

use crate::source::Span;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "list",
            Value::Map(_) => "mapping",
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    /// Bytes of the value in the file (a quoted string includes its quotes).
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

#[derive(Clone, Debug, PartialEq)]
pub struct YamlError {
    pub message: String,
    /// Where the parser stopped, in the file.
    pub span: Span,
}

/// The syntax of a front-matter block, told by its fences: `---` (YAML) on the first line,
/// or `+++` (TOML, Hugo and Zola), which those generators find after blank lines too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Syntax {
    #[default]
    Yaml,
    Toml,
}

impl Syntax {
    /// The syntax of a block opened by `line` (`after_blank`: blank lines came before it).
    pub fn opened_by(line: &[u8], after_blank: bool) -> Option<Syntax> {
        match line.trim_ascii_end() {
            b"---" if !after_blank => Some(Syntax::Yaml),
            b"+++" => Some(Syntax::Toml),
            _ => None,
        }
    }

    /// Whether `line` closes a block of this syntax.
    pub fn closed_by(self, line: &[u8]) -> bool {
        let t = line.trim_ascii_end();
        match self {
            Syntax::Yaml => t == b"---" || t == b"...",
            Syntax::Toml => t == b"+++",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FrontMatter {
    /// YAML (`---`) or TOML (`+++`).
    pub syntax: Syntax,
    /// The whole block, fences included.
    pub span: Span,
    /// The opening fence line.
    pub open: Span,
    /// Top-level entries in source order, duplicates included.
    pub entries: Vec<Entry>,
    pub error: Option<YamlError>,
    /// The YAML is valid but not a mapping (a list, a scalar).
    pub not_a_mapping: Option<Span>,
}

impl FrontMatter {
    /// The first entry with this key.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }
    pub fn str(&self, key: &str) -> Option<(&str, Span)> {
        self.get(key)
            .and_then(|e| e.value.value.as_str().map(|s| (s, e.value.span)))
    }
    /// Byte span of the text inside a string value (without quotes).
    pub fn str_inner_span(&self, text: &str, key: &str) -> Option<Span> {
        let (s, span) = self.str(key)?;
        let raw = text.get(span.range())?;
        let off = raw.find(s).unwrap_or(0);
        Some(Span::new(
            span.start + off,
            span.start + off + s.len().min(raw.len()),
        ))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum FrontMatterBlock {
    /// The file does not start with `---`.
    Absent,
    /// `---` at byte 0 with no closing fence.
    Unterminated {
        open: Span,
    },
    Present(FrontMatter),
}

/// Where the Markdown body starts, and the front matter before it.
pub fn scan(text: &str) -> (FrontMatterBlock, usize) {
    let mut pos = 0;
    let mut lines = text.split_inclusive('\n');
    // The opening fence, after the blank lines TOML front matter may follow.
    let (syntax, open, body) = loop {
        let Some(line) = lines.next() else {
            return (FrontMatterBlock::Absent, 0);
        };
        let bare = line.trim_end_matches(['\n', '\r']);
        if let Some(syntax) = Syntax::opened_by(bare.as_bytes(), pos > 0) {
            let open = Span::new(pos, pos + bare.len());
            break (syntax, open, pos + line.len());
        }
        if !bare.trim().is_empty() {
            return (FrontMatterBlock::Absent, 0);
        }
        pos += line.len();
    };
    let mut pos = body;
    for line in lines {
        let end = pos + line.len();
        if syntax.closed_by(line.trim_end_matches(['\n', '\r']).as_bytes()) {
            let inner = Span::new(body, pos);
            let block = Span::new(open.start, end);
            let fm = match syntax {
                Syntax::Yaml => parse_yaml(text, inner, block, open),
                Syntax::Toml => parse_toml(text, inner, block, open),
            };
            return (FrontMatterBlock::Present(fm), end);
        }
        pos = end;
    }
    (FrontMatterBlock::Unterminated { open }, text.len())
}

impl FrontMatter {
    /// A block with nothing read from it yet.
    fn empty(syntax: Syntax, block: Span, open: Span) -> FrontMatter {
        FrontMatter {
            syntax,
            span: block,
            open,
            entries: Vec::new(),
            error: None,
            not_a_mapping: None,
        }
    }
}

fn parse_yaml(text: &str, yaml: Span, block: Span, open: Span) -> FrontMatter {
    let src = &text[yaml.range()];
    let mut fm = FrontMatter::empty(Syntax::Yaml, block, open);
    if src.trim().is_empty() {
        return fm;
    }
    match parse_document(src, yaml.start) {
        Ok(node) => match node.value {
            Value::Map(entries) => fm.entries = entries,
            Value::Null => {}
            _ => fm.not_a_mapping = Some(node.span),
        },
        Err(e) => fm.error = Some(e),
    }
    fm
}

/// TOML front matter (`+++`), into the same entries as YAML's: dates become strings
/// (`2025-06-05`), tables mappings, arrays lists.
fn parse_toml(text: &str, inner: Span, block: Span, open: Span) -> FrontMatter {
    let src = &text[inner.range()];
    let mut fm = FrontMatter::empty(Syntax::Toml, block, open);
    let base = inner.start;
    let at = |r: Option<std::ops::Range<usize>>| {
        r.map_or(Span::new(base, base), |r| {
            Span::new(base + r.start, base + r.end)
        })
    };
    match toml_edit::Document::parse(src) {
        Ok(doc) => fm.entries = toml_table(doc.as_table(), &at),
        Err(e) => {
            let start = e.span().map_or(0, |r| r.start).min(src.len());
            let start = floor_boundary(src, start);
            let end = src[start..].find('\n').map_or(src.len(), |i| start + i);
            fm.error = Some(YamlError {
                message: e.message().trim().to_owned(),
                span: Span::new(base + start, base + end),
            });
        }
    }
    fm
}

type SpanAt<'a> = dyn Fn(Option<std::ops::Range<usize>>) -> Span + 'a;

fn toml_table(t: &toml_edit::Table, at: &SpanAt) -> Vec<Entry> {
    toml_entries(t.iter().map(|(k, _)| k), |k| t.get_key_value(k), at)
}

/// The entries of a table or an inline table, keys with their spans.
fn toml_entries<'a>(
    keys: impl Iterator<Item = &'a str>,
    get: impl Fn(&str) -> Option<(&'a toml_edit::Key, &'a toml_edit::Item)>,
    at: &SpanAt,
) -> Vec<Entry> {
    keys.filter_map(|k| {
        let (key, item) = get(k)?;
        Some(Entry {
            key: k.to_owned(),
            key_span: at(key.span()),
            value: toml_item(item, at),
        })
    })
    .collect()
}

fn toml_item(item: &toml_edit::Item, at: &SpanAt) -> Node {
    use toml_edit::Item;
    match item {
        Item::Value(v) => toml_value(v, at),
        Item::Table(t) => Node {
            value: Value::Map(toml_table(t, at)),
            span: at(t.span()),
        },
        Item::ArrayOfTables(a) => Node {
            value: Value::Seq(
                a.iter()
                    .map(|t| Node {
                        value: Value::Map(toml_table(t, at)),
                        span: at(t.span()),
                    })
                    .collect(),
            ),
            span: at(a.span()),
        },
        Item::None => Node {
            value: Value::Null,
            span: at(None),
        },
    }
}

fn toml_value(v: &toml_edit::Value, at: &SpanAt) -> Node {
    use toml_edit::Value as V;
    let value = match v {
        V::String(s) => Value::Str(s.value().clone()),
        V::Integer(i) => Value::Int(*i.value()),
        V::Float(f) => Value::Float(*f.value()),
        V::Boolean(b) => Value::Bool(*b.value()),
        V::Datetime(d) => Value::Str(d.value().to_string()),
        V::Array(a) => Value::Seq(a.iter().map(|v| toml_value(v, at)).collect()),
        V::InlineTable(t) => Value::Map(toml_entries(
            t.iter().map(|(k, _)| k),
            |k| t.get_key_value(k),
            at,
        )),
    };
    Node {
        value,
        span: at(v.span()),
    }
}

/// Parse one YAML document; spans are offset by `base`. Used for front matter and config.
pub fn parse_document(src: &str, base: usize) -> Result<Node, YamlError> {
    let mut options = serde_saphyr::Options::default();
    // Forward repeated keys to our visitor, which keeps both spans for the finding.
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    options.with_snippet = false;
    // YAML 1.2 booleans only: `draft: no` is the string "no" to js-yaml and Ruby's Psych
    // alike, which read it as true; report it instead of guessing.
    options.strict_booleans = true;
    // Front matter and config files are small: a few dozen keys. Tight limits end an alias
    // bomb or a generated monster within milliseconds, not seconds (`F005`).
    let mut budget = serde_saphyr::Budget::default();
    budget.max_events = 100_000;
    budget.max_nodes = 20_000;
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 10_000;
    match serde_saphyr::from_str_with_options::<Spanned<RawValue>>(src, options) {
        Ok(node) => Ok(node_from(node, base, src.len())),
        Err(err) => {
            let at = err
                .location()
                .and_then(|l| l.span().byte_offset())
                .map_or(0, |o| o as usize)
                .min(src.len());
            let at = floor_boundary(src, at);
            let end = src[at..].find('\n').map_or(src.len(), |i| at + i);
            let message = clean_message(&err.without_snippet().to_string());
            Err(YamlError {
                message,
                span: Span::new(base + at, base + end.max(at)),
            })
        }
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The value as serde-saphyr hands it over, before spans are rebased.
enum RawValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawValue>>),
    Map(Vec<(Spanned<RawValue>, Spanned<RawValue>)>),
}

fn span_of(loc: &serde_saphyr::Location, base: usize, limit: usize) -> Span {
    let sp = loc.span();
    let start = sp.byte_offset().map_or(0, |o| o as usize).min(limit);
    let len = sp.byte_len().map_or(0, |l| l as usize);
    let end = (start + len).min(limit);
    Span::new(base + start, base + end)
}

fn node_from(raw: Spanned<RawValue>, base: usize, limit: usize) -> Node {
    let span = span_of(&raw.referenced, base, limit);
    let value = match raw.value {
        RawValue::Null => Value::Null,
        RawValue::Bool(b) => Value::Bool(b),
        RawValue::Int(i) => Value::Int(i),
        RawValue::Float(f) => Value::Float(f),
        RawValue::Str(s) => Value::Str(s),
        RawValue::Seq(items) => Value::Seq(
            items
                .into_iter()
                .map(|n| node_from(n, base, limit))
                .collect(),
        ),
        RawValue::Map(pairs) => Value::Map(
            pairs
                .into_iter()
                .map(|(k, v)| {
                    let key = node_from(k, base, limit);
                    Entry {
                        key: scalar_text(&key.value),
                        key_span: key.span,
                        value: node_from(v, base, limit),
                    }
                })
                .collect(),
        ),
    };
    // A block collection's span can be empty; widen it to cover its children.
    let span = match &value {
        Value::Seq(items) if span.is_empty() => items.iter().fold(span, |s, n| {
            if s.is_empty() {
                n.span
            } else {
                s.cover(n.span)
            }
        }),
        _ => span,
    };
    Node { value, span }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Str(s) => s.clone(),
        Value::Seq(_) | Value::Map(_) => "<complex key>".to_owned(),
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        RawValue::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawValue, E> {
        Ok(i64::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<RawValue, E> {
        Ok(i64::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<RawValue, E> {
        Ok(i64::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawValue, E> {
        Ok(RawValue::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RawValue, E> {
        Ok(RawValue::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawValue>>()? {
            items.push(item);
        }
        Ok(RawValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut pairs = Vec::new();
        while let Some(k) = map.next_key::<Spanned<RawValue>>()? {
            let v = map.next_value::<Spanned<RawValue>>()?;
            pairs.push((k, v));
        }
        Ok(RawValue::Map(pairs))
    }
}

/// The parser's message without its own positions, which count from the start of the YAML
/// block rather than the file: the finding's span already says where.
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or("invalid YAML");
    // `budget breached: Nodes { nodes: 20001 }` and alias replay limits: say what it means.
    if first.contains("budget breached") || first.contains("alias replay") {
        return "too large or too many aliases expanded (limits: 20,000 values, 10,000 expanded from aliases)".into();
    }
    let cut = [" at line ", " (defined at ", " (used at "]
        .iter()
        .filter_map(|m| first.find(m))
        .min()
        .unwrap_or(first.len());
    first[..cut].trim_end_matches([':', ' ']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn present(text: &str) -> (FrontMatter, usize) {
        match scan(text) {
            (FrontMatterBlock::Present(fm), body) => (fm, body),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn toml_front_matter() {
        let text = "\n+++\ntitle = \"Report: May 2025\"\ndate = 2025-06-05\ntags = [\"a\", \"b\"]\ndraft = false\n[extra]\nmonth = \"May\"\n+++\nbody\n";
        let (fm, body) = present(text);
        assert_eq!((fm.syntax, &text[body..]), (Syntax::Toml, "body\n"));
        assert_eq!(&text[fm.open.range()], "+++");
        let t = fm.get("title").unwrap();
        assert_eq!(&text[t.key_span.range()], "title");
        assert_eq!(
            &text[fm.str_inner_span(text, "title").unwrap().range()],
            "Report: May 2025"
        );
        let d = fm.get("date").unwrap();
        assert_eq!(d.value.value, Value::Str("2025-06-05".into()));
        assert_eq!(&text[d.value.span.range()], "2025-06-05");
        let Value::Seq(tags) = &fm.get("tags").unwrap().value.value else {
            panic!()
        };
        assert_eq!(&text[tags[1].span.range()], "\"b\"");
        assert_eq!(fm.get("draft").unwrap().value.value, Value::Bool(false));
        let Value::Map(extra) = &fm.get("extra").unwrap().value.value else {
            panic!()
        };
        assert_eq!(extra[0].value.value, Value::Str("May".into()));
        // Broken TOML is an error at its place; `---` after a blank line is no front matter.
        let bad = "+++\ntitle = \"x\"\ntitle = \"y\"\n+++\n";
        let (fm, _) = present(bad);
        assert!(fm.error.is_some(), "{fm:?}");
        assert!(matches!(
            scan("\n---\na: 1\n---\n").0,
            FrontMatterBlock::Absent
        ));
        assert!(matches!(
            scan("+++\na = 1\n").0,
            FrontMatterBlock::Unterminated { .. }
        ));
    }

    #[test]
    fn spans_point_into_the_file() {
        let text = "---\ntitle: \"주간 회고록\"\ndate: 2025-03-31\ntags: [회고, a]\n---\n# x\n";
        let (fm, body) = present(text);
        assert_eq!(&text[body..], "# x\n");
        let t = fm.get("title").unwrap();
        assert_eq!(&text[t.key_span.range()], "title");
        assert_eq!(t.value.value, Value::Str("주간 회고록".into()));
        assert_eq!(
            &text[fm.str_inner_span(text, "title").unwrap().range()],
            "주간 회고록"
        );
        let d = fm.get("date").unwrap();
        assert_eq!(&text[d.value.span.range()], "2025-03-31");
        let Value::Seq(tags) = &fm.get("tags").unwrap().value.value else {
            panic!()
        };
        assert_eq!(&text[tags[0].span.range()], "회고");
    }

    #[test]
    fn duplicate_keys_are_kept() {
        let (fm, _) = present("---\ntitle: a\ntitle: b\n---\n");
        assert_eq!(fm.entries.len(), 2);
        assert!(fm.error.is_none());
    }

    #[test]
    fn crlf_and_unterminated() {
        let text = "---\r\ntitle: a\r\n---\r\nbody";
        let (fm, body) = present(text);
        assert_eq!(&text[body..], "body");
        assert_eq!(&text[fm.get("title").unwrap().value.span.range()], "a");
        assert!(matches!(
            scan("---\ntitle: a\n").0,
            FrontMatterBlock::Unterminated { .. }
        ));
        assert!(matches!(scan("# t\n---\n").0, FrontMatterBlock::Absent));
    }

    #[test]
    fn syntax_error_has_a_position() {
        let text = "---\ntitle: [a\ndate: 2025-01-01\n---\n";
        let (fm, _) = present(text);
        let e = fm.error.unwrap();
        assert!(e.span.start >= 4, "{e:?}");
    }
}
