//! Front matter: our own scanner, then YAML (`---` at byte 0) through serde-saphyr or TOML
//! (`+++`, Hugo and Zola, which also allow blank lines before it) through toml_edit, with
//! the byte span of every key and value, rebased to the file.
//!
//! pulldown-cmark's own metadata block misses front matter after a BOM or a blank line and
//! rewrites CRLF, so the block is cut out here and only the body goes to the Markdown parser.

use crate::source::Span;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;
use toml_edit::TableLike;

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

/// The language of the front matter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Between `---` fences.
    #[default]
    Yaml,
    /// Between `+++` fences (Hugo, Zola).
    Toml,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct YamlError {
    pub message: String,
    /// Where the parser stopped, in the file.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FrontMatter {
    pub format: Format,
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
    let mut format = None;
    let mut open = Span::new(0, 0);
    // YAML only at byte 0; TOML after blank lines too, as Hugo and Zola read it.
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end_matches(['\n', '\r']).trim_end();
        let len = text[pos..end].trim_end_matches(['\n', '\r']).len();
        if line == "---" && pos == 0 {
            format = Some(Format::Yaml);
        } else if line == "+++" {
            format = Some(Format::Toml);
        } else if line.is_empty() {
            pos = end;
            continue;
        }
        open = Span::new(pos, pos + len);
        pos = end;
        break;
    }
    let Some(format) = format else {
        return (FrontMatterBlock::Absent, 0);
    };
    let body_start = pos;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end_matches(['\n', '\r']).trim_end();
        let closes = match format {
            Format::Yaml => line == "---" || line == "...",
            Format::Toml => line == "+++",
        };
        if closes {
            let inner = Span::new(body_start, pos);
            let block = Span::new(open.start, end);
            let fm = match format {
                Format::Yaml => parse_yaml(text, inner, block, open),
                Format::Toml => parse_toml(text, inner, block, open),
            };
            return (FrontMatterBlock::Present(fm), end);
        }
        pos = end;
    }
    (FrontMatterBlock::Unterminated { open }, text.len())
}

fn parse_yaml(text: &str, yaml: Span, block: Span, open: Span) -> FrontMatter {
    let src = &text[yaml.range()];
    let mut fm = FrontMatter {
        format: Format::Yaml,
        span: block,
        open,
        entries: Vec::new(),
        error: None,
        not_a_mapping: None,
    };
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

/// TOML front matter into the same entries as YAML's: tables are mappings, dates are
/// strings as written (`2024-08-08`).
fn parse_toml(text: &str, inner: Span, block: Span, open: Span) -> FrontMatter {
    let src = &text[inner.range()];
    let base = inner.start;
    let mut fm = FrontMatter {
        format: Format::Toml,
        span: block,
        open,
        entries: Vec::new(),
        error: None,
        not_a_mapping: None,
    };
    match toml_edit::Document::parse(src) {
        Ok(doc) => fm.entries = toml_entries(doc.as_table(), base, src.len()),
        Err(e) => {
            let at = e.span().map_or(0, |r| r.start).min(src.len());
            let at = floor_boundary(src, at);
            let end = src[at..].find('\n').map_or(src.len(), |i| at + i);
            let message = e
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .to_owned();
            fm.error = Some(YamlError {
                message,
                span: Span::new(base + at, base + end.max(at)),
            });
        }
    }
    fm
}

fn toml_span(r: Option<std::ops::Range<usize>>, base: usize, limit: usize) -> Span {
    let r = r.unwrap_or(0..0);
    Span::new(base + r.start.min(limit), base + r.end.min(limit))
}

fn toml_entries(t: &dyn TableLike, base: usize, limit: usize) -> Vec<Entry> {
    t.iter()
        .filter_map(|(k, item)| {
            let value = toml_item(item, base, limit)?;
            let key_span = toml_span(t.key(k).and_then(toml_edit::Key::span), base, limit);
            Some(Entry {
                key: k.to_owned(),
                key_span,
                value,
            })
        })
        .collect()
}

fn toml_item(item: &toml_edit::Item, base: usize, limit: usize) -> Option<Node> {
    use toml_edit::Item;
    Some(match item {
        Item::None => return None,
        Item::Value(v) => toml_value(v, base, limit),
        Item::Table(t) => Node {
            value: Value::Map(toml_entries(t, base, limit)),
            span: toml_span(t.span(), base, limit),
        },
        Item::ArrayOfTables(a) => Node {
            value: Value::Seq(
                a.iter()
                    .map(|t| Node {
                        value: Value::Map(toml_entries(t, base, limit)),
                        span: toml_span(t.span(), base, limit),
                    })
                    .collect(),
            ),
            span: toml_span(a.span(), base, limit),
        },
    })
}

fn toml_value(v: &toml_edit::Value, base: usize, limit: usize) -> Node {
    use toml_edit::Value as T;
    let value = match v {
        T::String(s) => Value::Str(s.value().clone()),
        T::Integer(i) => Value::Int(*i.value()),
        T::Float(f) => Value::Float(*f.value()),
        T::Boolean(b) => Value::Bool(*b.value()),
        T::Datetime(d) => Value::Str(d.value().to_string()),
        T::Array(a) => Value::Seq(a.iter().map(|v| toml_value(v, base, limit)).collect()),
        T::InlineTable(t) => Value::Map(toml_entries(t, base, limit)),
    };
    Node {
        value,
        span: toml_span(v.span(), base, limit),
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
    fn toml_front_matter_after_blank_lines() {
        let text = "\n+++\ntitle = \"주간 회고\"\ndate = 2024-08-08\ntags = [\"a\"]\n[extra]\nmonth = \"July\"\n+++\nbody";
        let (fm, body) = present(text);
        assert_eq!(fm.format, Format::Toml);
        assert_eq!(&text[body..], "body");
        assert_eq!(&text[fm.open.range()], "+++");
        let t = fm.get("title").unwrap();
        assert_eq!(&text[t.key_span.range()], "title");
        assert_eq!(
            &text[fm.str_inner_span(text, "title").unwrap().range()],
            "주간 회고"
        );
        assert_eq!(fm.str("date").map(|(d, _)| d), Some("2024-08-08"));
        assert!(matches!(&fm.get("extra").unwrap().value.value, Value::Map(m) if m.len() == 1));
        // YAML opens only at the first byte.
        assert!(matches!(
            scan("\n---\na: 1\n---\n").0,
            FrontMatterBlock::Absent
        ));
        let (fm, _) = present("+++\ntitle = \"a\n+++\n");
        assert!(fm.error.is_some());
    }

    #[test]
    fn syntax_error_has_a_position() {
        let text = "---\ntitle: [a\ndate: 2025-01-01\n---\n";
        let (fm, _) = present(text);
        let e = fm.error.unwrap();
        assert!(e.span.start >= 4, "{e:?}");
    }
}
