//! Suppressions in HTML comments, which no renderer shows:
//!
//! ```markdown
//! <!-- retro-lint-disable-next-line D005 the weekday is quoted as written -->
//! <!-- retro-lint-disable sum-mismatch, percent-mismatch -->  ...  <!-- retro-lint-enable sum-mismatch, percent-mismatch -->
//! <!-- retro-lint-disable-file permalink-pattern -- old URL kept on purpose -->
//! ```
//!
//! The first word is the rule list (codes or names, comma-separated, or `all`); an optional
//! `row=N` or `row="label"` follows; the rest (after an optional `--`) is the reason.
//! A comment never goes inside a table (it would end the table): `disable-next-line` on the
//! line right before a table covers the whole table, or only the row `row=` names (the
//! N-th body row, or the row a cell of which reads `label`).
//!
//! A suppression that suppresses nothing is reported as `unused-suppression` (X001), one
//! that names no known rule as `unknown-rule-in-suppression` (X002); both carry a safe fix
//! that removes the name, or the whole comment when nothing in it is left.

use crate::diagnostic::{Diagnostic, Edit, Text};
use crate::post::Post;
use crate::registry::{self, Scope};
use crate::source::Span;
use crate::t;
use std::collections::HashSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Directive {
    NextLine,
    Disable,
    Enable,
    File,
}

impl Directive {
    pub fn word(self) -> &'static str {
        match self {
            Directive::NextLine => "retro-lint-disable-next-line",
            Directive::Disable => "retro-lint-disable",
            Directive::Enable => "retro-lint-enable",
            Directive::File => "retro-lint-disable-file",
        }
    }
}

/// What a name in the rule list refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    All,
    /// A rule, by its code.
    Rule(&'static str),
    /// A typo of one rule's code or name (`weekday-mismach`): it suppresses that rule, as
    /// its author meant, and `unknown-rule-in-suppression` offers the correction.
    Misspelled(&'static str),
    Unknown,
}

#[derive(Clone, Debug)]
pub struct Name {
    pub text: String,
    pub span: Span,
    pub target: Target,
}

impl Name {
    fn covers(&self, code: &str) -> bool {
        match self.target {
            Target::All => true,
            Target::Rule(c) | Target::Misspelled(c) => c == code,
            Target::Unknown => false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    Index(usize),
    Label(String),
}

#[derive(Clone, Debug)]
pub struct Suppression {
    pub directive: Directive,
    /// The whole comment, `<!--` to `-->`.
    pub span: Span,
    pub names: Vec<Name>,
    pub row: Option<Row>,
    pub reason: String,
    /// The bytes a finding must start in to be suppressed (empty span: none).
    pub covers: Option<Span>,
}

/// Every suppression comment of a post, in document order, with what each covers.
pub fn parse(post: &Post) -> Vec<Suppression> {
    let text = &post.source.text;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut spans = post.doc.html.clone();
    spans.sort();
    for s in spans {
        let chunk = &text[s.range()];
        let mut at = 0;
        while let Some(open) = chunk[at..].find("<!--") {
            let start = s.start + at + open;
            let body_start = start + 4;
            let Some(close) = text[body_start..].find("-->") else {
                break;
            };
            let end = body_start + close + 3;
            at = (end - s.start).min(chunk.len());
            if seen.insert(start)
                && let Some(sup) = parse_comment(text, Span::new(start, end))
            {
                out.push(sup);
            }
        }
    }
    resolve(post, &mut out);
    out
}

/// One comment: `<!-- retro-lint-WORD names [row=...] [--] reason -->`.
fn parse_comment(text: &str, span: Span) -> Option<Suppression> {
    let inner_start = span.start + 4;
    let inner = &text[inner_start..span.end - 3];
    let lead = inner.len() - inner.trim_start().len();
    let body = &inner[lead..];
    let word_len = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
    let directive = match &body[..word_len] {
        "retro-lint-disable-next-line" => Directive::NextLine,
        "retro-lint-disable" => Directive::Disable,
        "retro-lint-enable" => Directive::Enable,
        "retro-lint-disable-file" => Directive::File,
        _ => return None,
    };
    let base = inner_start + lead + word_len;
    let rest = &text[base..span.end - 3];
    let mut names = Vec::new();
    let mut i = skip_ws(rest, 0);
    loop {
        let end = rest[i..]
            .find(|c: char| c.is_whitespace() || c == ',')
            .map_or(rest.len(), |e| i + e);
        if end == i {
            break;
        }
        let word = &rest[i..end];
        if !names.is_empty() || !word.starts_with("row=") {
            names.push(name(word, Span::new(base + i, base + end)));
        }
        i = skip_ws(rest, end);
        if rest[i..].starts_with(',') {
            i = skip_ws(rest, i + 1);
        } else {
            break;
        }
    }
    let mut row = None;
    if let Some(r) = rest[i..].strip_prefix("row=") {
        let (value, used) = if let Some(q) = r.strip_prefix('"') {
            let close = q.find('"').unwrap_or(q.len());
            (&q[..close], (close + 2).min(r.len()))
        } else {
            let e = r.find(char::is_whitespace).unwrap_or(r.len());
            (&r[..e], e)
        };
        row = Some(match value.parse::<usize>() {
            Ok(n) => Row::Index(n),
            Err(_) => Row::Label(value.trim().to_owned()),
        });
        i = skip_ws(rest, i + 4 + used);
    }
    let reason = rest[i..].trim();
    let reason = reason
        .strip_prefix("--")
        .unwrap_or(reason)
        .trim()
        .to_owned();
    Some(Suppression {
        directive,
        span,
        names,
        row,
        reason,
        covers: None,
    })
}

fn skip_ws(s: &str, from: usize) -> usize {
    let from = from.min(s.len());
    from + (s[from..].len() - s[from..].trim_start().len())
}

fn name(word: &str, span: Span) -> Name {
    let target = if word.eq_ignore_ascii_case("all") {
        Target::All
    } else {
        match registry::find(word) {
            Some(m) => Target::Rule(m.code),
            None => {
                let words = registry::ALL.iter().flat_map(|m| [m.code, m.name]);
                crate::suggest::closest(word, words)
                    .and_then(registry::find)
                    .map_or(Target::Unknown, |m| Target::Misspelled(m.code))
            }
        }
    };
    Name {
        text: word.to_owned(),
        span,
        target,
    }
}

/// Work out what each suppression covers.
fn resolve(post: &Post, sups: &mut [Suppression]) {
    let src = &post.source;
    let len = src.text.len();
    for i in 0..sups.len() {
        let s = &sups[i];
        let covers = match s.directive {
            Directive::File => Some(Span::new(0, len)),
            Directive::Enable => None,
            Directive::Disable => {
                let end = sups[i + 1..]
                    .iter()
                    .find(|e| {
                        e.directive == Directive::Enable
                            && e.names.iter().any(|n| {
                                n.target == Target::All
                                    || s.names.iter().any(|m| m.target == n.target)
                            })
                    })
                    .map_or(len, |e| e.span.start);
                Some(Span::new(s.span.end, end))
            }
            Directive::NextLine => {
                let (line, _) = src.line_col(s.span.end);
                let next = src.line_span(line + 1);
                if line + 1 > src.line_count() {
                    None
                } else {
                    let table = post.doc.tables.iter().find(|t| {
                        t.span.start >= next.start && t.span.start <= next.end.max(next.start)
                    });
                    match (table, &s.row) {
                        (Some(t), None) => Some(t.span),
                        (Some(t), Some(Row::Index(n))) => {
                            n.checked_sub(1).and_then(|k| t.rows.get(k)).map(|r| r.span)
                        }
                        (Some(t), Some(Row::Label(l))) => t
                            .rows
                            .iter()
                            .find(|r| r.cells.iter().any(|c| c.plain().trim() == l))
                            .map(|r| r.span),
                        (None, _) => Some(next),
                    }
                }
            }
        };
        sups[i].covers = covers;
    }
}

/// Whether an `enable` closes some `disable` before it.
fn closes_something(sups: &[Suppression], i: usize) -> bool {
    let e = &sups[i];
    sups[..i].iter().any(|d| {
        d.directive == Directive::Disable
            && d.covers.is_some_and(|c| c.end == e.span.start)
            && !d.names.is_empty()
    })
}

/// The suppression pass of one post, as the suppression rules see it: every comment, and
/// for each name in it whether it suppressed a finding of this run.
pub struct Pass<'a> {
    pub sups: &'a [Suppression],
    /// `used[i][j]`: name `j` of suppression `i` covered a finding.
    pub used: Vec<Vec<bool>>,
    /// The codes of the rules of this run: a suppression of a rule that did not run is not
    /// unused.
    pub active: Vec<&'static str>,
}

impl Pass<'_> {
    fn is_active(&self, code: &str) -> bool {
        self.active.contains(&code)
    }
    /// Which names of suppression `si` are reported: unknown ones, and known ones that
    /// suppressed nothing.
    pub fn bad(&self, si: usize) -> Vec<bool> {
        let is_self =
            |code: &str| registry::find(code).is_some_and(|m| m.scope == Scope::Suppression);
        // `all` can only be unused when some rule other than the suppression rules ran.
        let others_ran = self.active.iter().any(|c| !is_self(c));
        self.sups[si]
            .names
            .iter()
            .enumerate()
            .map(|(ni, n)| match n.target {
                Target::Unknown | Target::Misspelled(_) => true,
                Target::All => !self.used[si][ni] && others_ran,
                // A suppression rule's name suppresses what this pass reports: never unused.
                Target::Rule(c) => !self.used[si][ni] && self.is_active(c) && !is_self(c),
            })
            .collect()
    }
    /// The safe fix for the reported name `ni` of suppression `si`: the name goes, or the
    /// whole comment when every name in it is reported.
    pub fn removal(&self, post: &Post, si: usize, ni: usize) -> (Text, Vec<Edit>) {
        let s = &self.sups[si];
        if self.bad(si).iter().all(|b| *b) {
            (
                t!("remove the comment", "주석 지우기"),
                remove_comment(post, s),
            )
        } else {
            let w = &s.names[ni].text;
            (
                t!("remove `{w}` from the list", "목록에서 지우기: `{w}`"),
                remove_name(s, ni),
            )
        }
    }
}

/// Drop the findings `sups` cover; what is left, and the pass for the suppression rules
/// (which names suppressed something). `active`: the codes of the rules of this run.
pub fn mark<'a>(
    sups: &'a [Suppression],
    diags: Vec<Diagnostic>,
    active: Vec<&'static str>,
) -> (Vec<Diagnostic>, Pass<'a>) {
    let mut used: Vec<Vec<bool>> = sups.iter().map(|s| vec![false; s.names.len()]).collect();
    let mut kept = Vec::with_capacity(diags.len());
    for d in diags {
        let mut hit = false;
        for (si, s) in sups.iter().enumerate() {
            let Some(c) = s.covers else { continue };
            if d.span.start < c.start || d.span.start > c.end {
                continue;
            }
            for (ni, n) in s.names.iter().enumerate() {
                if n.covers(d.code) {
                    used[si][ni] = true;
                    hit = true;
                }
            }
        }
        if !hit {
            kept.push(d);
        }
    }
    // An `enable` is used when it closes a `disable`; its names are then all used.
    for (si, u) in used.iter_mut().enumerate() {
        if sups[si].directive == Directive::Enable && closes_something(sups, si) {
            u.iter_mut().for_each(|u| *u = true);
        }
    }
    (kept, Pass { sups, used, active })
}

/// Whether a suppression names the rule `code` and covers `d`: what the suppression
/// rules report can itself be suppressed by naming their code or name.
pub fn names_and_covers(sups: &[Suppression], d: &Diagnostic) -> bool {
    sups.iter().any(|s| {
        s.covers
            .is_some_and(|c| d.span.start >= c.start && d.span.start <= c.end)
            && s.names.iter().any(|n| n.target == Target::Rule(d.code))
    })
}

/// Remove a whole comment: its line when it stands alone there, else the comment and the
/// spaces before it.
pub fn remove_comment(post: &Post, s: &Suppression) -> Vec<Edit> {
    let src = &post.source;
    let (l1, _) = src.line_col(s.span.start);
    let (l2, _) = src.line_col(s.span.end);
    let first = src.line_span(l1);
    let last = src.line_span(l2);
    let before = &src.text[first.start..s.span.start];
    let after = &src.text[s.span.end..last.end];
    let span = if before.trim().is_empty() && after.trim().is_empty() {
        Span::new(first.start, src.line_start(l2 + 1))
    } else if before.trim().is_empty() {
        // At the start of a line of text: the spaces after it go too.
        let pad = after.len() - after.trim_start().len();
        Span::new(s.span.start, s.span.end + pad)
    } else {
        let pad = before.len() - before.trim_end().len();
        Span::new(s.span.start - pad, s.span.end)
    };
    vec![Edit {
        span,
        content: String::new(),
    }]
}

/// Remove one name from a comment's rule list, with the comma that joins it.
fn remove_name(s: &Suppression, i: usize) -> Vec<Edit> {
    let n = &s.names;
    let span = if i + 1 < n.len() {
        Span::new(n[i].span.start, n[i + 1].span.start)
    } else if i > 0 {
        Span::new(n[i - 1].span.end, n[i].span.end)
    } else {
        n[i].span
    };
    vec![Edit {
        span,
        content: String::new(),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use std::path::PathBuf;

    fn post(text: &str) -> Post {
        Post::new(PathBuf::from("p.md"), SourceFile::new(text.to_owned()))
    }

    #[test]
    fn parses_names_row_and_reason() {
        let p = post(
            "# t\n\n<!-- retro-lint-disable-next-line D005, sum-mismatch row=\"합계\" -- 원문 그대로 -->\n| a | b |\n|---|---|\n| 합계 | 3 |\n",
        );
        let s = parse(&p);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].directive, Directive::NextLine);
        assert_eq!(s[0].names.len(), 2);
        assert_eq!(s[0].names[1].text, "sum-mismatch");
        assert_eq!(s[0].row, Some(Row::Label("합계".into())));
        assert_eq!(s[0].reason, "원문 그대로");
        let row = p.doc.tables[0].rows[0].span;
        assert_eq!(s[0].covers, Some(row));
    }

    #[test]
    fn comment_before_a_table_covers_the_table() {
        let p =
            post("<!-- retro-lint-disable-next-line all -->\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        let s = parse(&p);
        assert_eq!(
            p.doc.tables.len(),
            1,
            "the comment must not break the table"
        );
        assert_eq!(s[0].covers, Some(p.doc.tables[0].span));
    }

    #[test]
    fn disable_runs_to_the_matching_enable() {
        let text = "<!-- retro-lint-disable D005 -->\na\n<!-- retro-lint-enable D005 -->\nb\n";
        let p = post(text);
        let s = parse(&p);
        assert_eq!(s.len(), 2);
        let c = s[0].covers.expect("covers");
        assert_eq!(&text[c.range()], "\na\n");
        assert!(closes_something(&s, 1));
    }

    fn lint(text: &str, select: &[&str]) -> Vec<Diagnostic> {
        let config = crate::config::Config::default();
        let opts = crate::engine::LintOptions {
            select: select.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let active = crate::engine::active_rules(&config, &opts).expect("rules");
        let p = post(text);
        let site = crate::site::Site::default();
        crate::engine::check_post(&p, &site, &config, &active)
    }

    #[test]
    fn all_is_not_unused_when_only_the_suppression_rules_run() {
        let text = "<!-- retro-lint-disable-next-line all -->\nplain text\n";
        assert!(lint(text, &["X001"]).is_empty());
        let found = lint(text, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "X001");
    }

    #[test]
    fn the_suppression_rules_can_be_suppressed_by_name() {
        let text = "<!-- retro-lint-disable-file unused-suppression -->\n<!-- retro-lint-disable-next-line D005 -->\nplain text\n";
        assert!(lint(text, &[]).is_empty());
    }

    #[test]
    fn removing_a_comment_leaves_the_text_around_it() {
        let text = "# t\n\n<!-- retro-lint-disable-next-line D005 --> 본문입니다.\n\n끝 <!-- retro-lint-disable-next-line D005 -->\n";
        let found = lint(text, &[]);
        assert_eq!(found.len(), 2);
        let (fixed, _) = crate::fix::apply(text, &found, crate::fix::Mode::Safe);
        assert_eq!(fixed, "# t\n\n본문입니다.\n\n끝\n");
    }

    #[test]
    fn a_blank_line_after_the_comment_is_explained() {
        let found = lint(
            "<!-- retro-lint-disable-next-line D005 -->\n\n- Mon 2025-01-07: a\n",
            &["D005", "X001"],
        );
        let x = found.iter().find(|d| d.code == "X001").expect("X001");
        assert!(x.help.as_ref().expect("help").en.contains("is empty"));
    }
}
