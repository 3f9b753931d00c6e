//! The parsed model of one post, built once per file; every rule reads it.

pub mod dates;
pub mod facts;
pub mod front_matter;
pub mod markdown;
pub mod numbers;
pub mod period;

use crate::source::{NotText, SourceFile, Span};

/// A finder of literal words, ASCII letters matched without case: the prefilter that lets a
/// text with none of a pattern's words skip the pattern's regex.
pub fn word_finder<'a>(words: impl IntoIterator<Item = &'a str>) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("literal words always build")
}
use front_matter::{FrontMatter, FrontMatterBlock, Value};
use markdown::{Document, Inline};
use period::{Claim, Kind, Origin, PeriodInfo};
use std::path::PathBuf;

/// Front-matter keys that date a post, in the order they are looked for: `date`, then the
/// keys of Astro's and other themes' content schemas (`pubDate`), of Next.js starters
/// (`publishedAt`) and of custom generators (`published_date`).
pub const DATE_KEYS: &[&str] = &[
    "date",
    "pubDate",
    "publishDate",
    "publishedAt",
    "published_at",
    "published_date",
    "publish_date",
    "publishedDate",
    "createdAt",
    "created_at",
    "created",
];

#[derive(Debug)]
pub struct Post {
    /// The path as the user gave it (or as found under a given folder).
    pub path: PathBuf,
    pub source: SourceFile,
    /// Set when the bytes are not text; the rest of the model is then empty.
    pub not_text: Option<NotText>,
    pub front_matter: FrontMatterBlock,
    pub body_start: usize,
    pub doc: Document,
    pub dates: Vec<dates::DateMention>,
    pub period: PeriodInfo,
    /// Quantitative claims (totals, counts, figures, shares...), for the numeric rules.
    pub facts: facts::Facts,
}

impl Post {
    /// Build the model from a file's bytes.
    pub fn from_bytes(path: PathBuf, bytes: Vec<u8>) -> Post {
        Post::from_bytes_limited(path, bytes, markdown::DEFAULT_MAX_ELEMENTS)
    }

    /// [`Post::from_bytes`], reading at most `max_elements` Markdown elements.
    pub fn from_bytes_limited(path: PathBuf, bytes: Vec<u8>, max_elements: usize) -> Post {
        match SourceFile::from_bytes(bytes) {
            Ok(source) => Post::new_limited(path, source, max_elements),
            Err(not_text) => Post::not_text(path, not_text),
        }
    }

    fn not_text(path: PathBuf, not_text: NotText) -> Post {
        Post {
            path,
            source: SourceFile::new(String::new()),
            not_text: Some(not_text),
            front_matter: FrontMatterBlock::Absent,
            body_start: 0,
            doc: Document::default(),
            dates: Vec::new(),
            period: PeriodInfo::default(),
            facts: facts::Facts::default(),
        }
    }

    /// The model of a post that is only indexed for the site, not reported on: the front
    /// matter, the period and the source, without the Markdown body or date mentions. It
    /// holds everything [`crate::site::Site::summarize`] reads; a fact taken from the body
    /// needs the full model ([`Post::from_bytes`]) instead.
    pub fn for_index(path: PathBuf, bytes: Vec<u8>) -> Post {
        let source = match SourceFile::from_bytes(bytes) {
            Ok(source) => source,
            Err(not_text) => return Post::not_text(path, not_text),
        };
        Post::head(path, source)
    }

    /// The front matter and the period: what every model has, full or index-only.
    fn head(path: PathBuf, source: SourceFile) -> Post {
        let (front_matter, body_start) = front_matter::scan(&source.text);
        let mut post = Post {
            path,
            source,
            not_text: None,
            front_matter,
            body_start,
            doc: Document::default(),
            dates: Vec::new(),
            period: PeriodInfo::default(),
            facts: facts::Facts::default(),
        };
        post.period = post.read_period();
        post
    }

    /// How many leading bytes of a file [`Post::for_index`] needs: through the line that
    /// closes the front matter (0 when the file has none), or `None` when `head` ends
    /// before that is known and more must be read. Mirrors [`front_matter::scan`].
    pub fn index_head_len(head: &[u8]) -> Option<usize> {
        let bom = if head.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let mut at = bom;
        let mut syntax = None;
        for line in head[bom..].split_inclusive(|&b| b == b'\n') {
            if !line.ends_with(b"\n") {
                return None;
            }
            at += line.len();
            let bare = line.strip_suffix(b"\n").unwrap_or(line);
            let bare = bare.strip_suffix(b"\r").unwrap_or(bare);
            match syntax {
                Some(s) if front_matter::Syntax::closed_by(s, bare) => return Some(at),
                Some(_) => {}
                None => match front_matter::Syntax::opened_by(bare, at > bom + line.len()) {
                    Some(s) => syntax = Some(s),
                    // Blank lines before a `+++` fence.
                    None if bare.trim_ascii().is_empty() => {}
                    None => return Some(0),
                },
            }
        }
        None
    }

    /// What a report keeps of a checked post: its path, and its text only when findings
    /// point into it. The Markdown model is dropped, so a run over many files
    /// holds one model per thread, not one per file.
    pub fn into_reported(mut self, keep_text: bool) -> Post {
        self.doc = Document::default();
        self.dates = Vec::new();
        self.facts = facts::Facts::default();
        self.front_matter = FrontMatterBlock::Absent;
        self.period = PeriodInfo::default();
        if !keep_text {
            self.source = SourceFile::new(String::new());
        }
        self
    }

    /// What a cross-post check still reads once the other rules have run: the period and
    /// the figures of the post (month rows, figures for a year, totals). The text goes
    /// too; a run reads it back for the few posts with findings.
    pub fn for_cross_check(mut self) -> Post {
        self.source = SourceFile::new(String::new());
        self.doc = Document::default();
        self.dates = Vec::new();
        self.front_matter = FrontMatterBlock::Absent;
        let f = std::mem::take(&mut self.facts);
        self.facts = facts::Facts {
            month_rows: f.month_rows,
            year_figures: f.year_figures,
            figures: f.figures,
            changes: f.changes,
            ..facts::Facts::default()
        };
        self
    }

    pub fn new(path: PathBuf, source: SourceFile) -> Post {
        Post::new_limited(path, source, markdown::DEFAULT_MAX_ELEMENTS)
    }

    /// [`Post::new`], reading at most `max_elements` Markdown elements (`file-too-complex`).
    pub fn new_limited(path: PathBuf, source: SourceFile, max_elements: usize) -> Post {
        let mut post = Post::head(path, source);
        post.doc = Document::parse_limited(&post.source.text, post.body_start, max_elements);
        let mut dates = Vec::new();
        if let Some((_, span)) = post.title() {
            dates::mentions(&Inline::from_source(&post.source.text, span), &mut dates);
        }
        post.for_each_inline(|inl| dates::mentions(inl, &mut dates));
        // Schedules drawn in text blocks state dates and weekdays like prose does.
        post.doc
            .text_lines()
            .for_each(|inl| dates::mentions(inl, &mut dates));
        post.dates = dates;
        let months = post
            .period
            .period
            .filter(|p| p.is_whole_months())
            .map(|p| f64::from(p.months()));
        let own_month = post
            .period
            .period
            .filter(|p| p.is_whole_months() && p.months() == 1)
            .map(|p| p.start.month() as u8);
        post.facts = facts::extract(&post.doc, months, own_month);
        post
    }

    pub fn fm(&self) -> Option<&FrontMatter> {
        match &self.front_matter {
            FrontMatterBlock::Present(fm) => Some(fm),
            _ => None,
        }
    }

    /// The front-matter title and the span of its text.
    pub fn title(&self) -> Option<(&str, Span)> {
        let fm = self.fm()?;
        let (t, _) = fm.str("title")?;
        Some((t, fm.str_inner_span(&self.source.text, "title")?))
    }

    /// A string value of the front matter with the span of its text (quotes excluded).
    pub fn fm_str(&self, key: &str) -> Option<(&str, Span)> {
        let fm = self.fm()?;
        let (v, _) = fm.str(key)?;
        Some((v, fm.str_inner_span(&self.source.text, key)?))
    }

    /// The front-matter entry that dates the post: `date`, else the key the generator or
    /// theme uses instead ([`DATE_KEYS`]).
    pub fn date_entry(&self) -> Option<&front_matter::Entry> {
        let fm = self.fm()?;
        DATE_KEYS.iter().find_map(|k| fm.get(k))
    }

    pub fn tags(&self) -> Vec<&str> {
        let fm = self.fm();
        // Zola keeps tags under `[taxonomies]`.
        let taxonomies = || match fm?.get("taxonomies").map(|e| &e.value.value) {
            Some(Value::Map(entries)) => entries.iter().find(|e| e.key == "tags"),
            _ => None,
        };
        match fm
            .and_then(|fm| fm.get("tags"))
            .or_else(taxonomies)
            .map(|e| &e.value.value)
        {
            Some(Value::Seq(items)) => items.iter().filter_map(|n| n.value.as_str()).collect(),
            Some(Value::Str(s)) => s.split([',', ' ']).filter(|s| !s.is_empty()).collect(),
            _ => Vec::new(),
        }
    }

    pub fn file_name(&self) -> &str {
        self.path.file_name().and_then(|n| n.to_str()).unwrap_or("")
    }

    /// The path with `/` separators, for slug and folder matching.
    pub fn path_str(&self) -> String {
        self.path.to_string_lossy().replace('\\', "/")
    }

    /// Every inline run of prose: headings, paragraphs, list items, table cells.
    pub fn for_each_inline<'a>(&'a self, mut f: impl FnMut(&'a Inline)) {
        let d = &self.doc;
        d.headings.iter().for_each(|h| f(&h.text));
        d.paragraphs.iter().for_each(|p| f(&p.text));
        d.items.iter().for_each(|i| f(&i.text));
        for t in &d.tables {
            t.header.cells.iter().for_each(|c| f(&c.text));
            t.rows
                .iter()
                .flat_map(|r| &r.cells)
                .for_each(|c| f(&c.text));
        }
    }

    fn read_period(&self) -> PeriodInfo {
        let mut info = PeriodInfo::default();
        let path = self.path_str();
        let slug = period::slug_of(&path).to_owned();
        let title = self.title();
        if let Some((t, span)) = title
            && let Some((p, r)) = period::period_in_text(t)
        {
            info.claims.push(Claim {
                origin: Origin::Title,
                kind: period::kind_word(t),
                period: p,
                span: Some(Span::new(span.start + r.start, span.start + r.end)),
                text: t[r].to_owned(),
            });
        }
        if let Some(p) = period::period_in_slug(&slug) {
            info.claims.push(Claim {
                origin: Origin::FileName,
                kind: period::kind_word(&slug),
                period: p,
                span: None,
                text: slug.clone(),
            });
        }
        info.file_date = period::date_in_slug(&slug);
        for (key, origin) in [
            ("permalink", Origin::Permalink),
            ("legacy_url", Origin::LegacyUrl),
        ] {
            if let Some((url, span)) = self.fm_str(key) {
                let s = period::slug_of(url);
                if let Some(p) = period::period_in_slug(s) {
                    let off = url.rfind(s).unwrap_or(0);
                    info.claims.push(Claim {
                        origin,
                        kind: period::kind_word(s),
                        period: p,
                        span: Some(Span::new(span.start + off, span.start + off + s.len())),
                        text: s.to_owned(),
                    });
                }
            }
        }
        if let Some(e) = self.date_entry()
            && let Some(s) = e.value.value.as_str()
            && let Ok(d) = period::parse_date_value(s)
        {
            info.date = Some((d, e.value.span));
            info.date_key = DATE_KEYS
                .iter()
                .find(|k| **k == e.key)
                .copied()
                .unwrap_or("date");
        }
        info.period = info
            .claims
            .iter()
            .find(|c| c.origin != Origin::LegacyUrl)
            .map(|c| c.period);
        let tags = self.tags().join(" ");
        let title_text = title.map_or("", |(t, _)| t);
        let words = format!("{title_text} {slug} {tags}");
        // A report or update whose title names its period ("Activity Report: May 2022")
        // is a periodic report too.
        let periodic_report = info.claims.iter().any(|c| c.origin == Origin::Title)
            && period::names_a_report(title_text);
        info.retrospective = period::looks_retrospective(&words)
            || period::looks_retrospective(&path.replace(['/', '-', '_'], " "))
            || periodic_report;
        // A retrospective titled with one year and nothing shorter (`2021년 회고`) covers
        // that year.
        if info.retrospective
            && !info.claims.iter().any(|c| c.origin == Origin::Title)
            && let Some((t, span)) = title
            && let Some((p, r)) = period::year_of_retrospective(t)
        {
            info.claims.insert(
                0,
                Claim {
                    origin: Origin::Title,
                    kind: Some(Kind::Annual),
                    period: p,
                    span: Some(Span::new(span.start + r.start, span.start + r.end)),
                    text: t[r].to_owned(),
                },
            );
            info.period = Some(p);
        }
        info.kind = period::kind_word(title_text)
            .or_else(|| info.claims.iter().find_map(|c| c.kind))
            .or_else(|| period::kind_word(&format!("{slug} {tags}")))
            .or_else(|| info.period.map(|p| p.natural_kind()))
            .or(info.retrospective.then_some(Kind::Other));
        info
    }
}

/// Text for property tests: up to `max` pieces, each a number (`digits`), one of `words`, or
/// a few arbitrary characters.
#[cfg(test)]
pub(crate) fn text_of(
    digits: &'static str,
    words: &'static [&'static str],
    max: usize,
) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        1 => proptest::string::string_regex(digits).expect("valid pattern").boxed(),
        words.len() as u32 => proptest::sample::select(words).prop_map(str::to_owned).boxed(),
        1 => "\\PC{0,3}".boxed(),
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|v| v.concat())
}
