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

use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::post::Post;
use crate::rules::{self, RuleMeta};
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
    fn word(self) -> &'static str {
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
            Target::Rule(c) => c == code,
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
        rules::find(word).map_or(Target::Unknown, |m| Target::Rule(m.code))
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

/// Drop the findings a suppression covers, and report the suppressions that did nothing
/// or name no known rule. `active` is the rules of this run: a suppression of a rule that
/// did not run is not reported as unused.
pub fn filter(
    post: &Post,
    diags: Vec<Diagnostic>,
    active: &[(&'static dyn rules::Rule, Severity)],
) -> Vec<Diagnostic> {
    if post.not_text.is_some() || post.doc.html.is_empty() {
        return diags;
    }
    apply(post, &parse(post), diags, active)
}

/// [`filter`] with the post's suppressions parsed before: only its text is read (the
/// Markdown model may be gone).
pub fn apply(
    post: &Post,
    sups: &[Suppression],
    diags: Vec<Diagnostic>,
    active: &[(&'static dyn rules::Rule, Severity)],
) -> Vec<Diagnostic> {
    if sups.is_empty() {
        return diags;
    }
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
    let severity = |code: &str| {
        active
            .iter()
            .find(|(r, _)| r.meta().code == code)
            .map(|(_, s)| *s)
    };
    let unused_sev = severity(rules::UNUSED_SUPPRESSION.code);
    let unknown_sev = severity(rules::UNKNOWN_RULE_IN_SUPPRESSION.code);
    let is_active = |code: &str| active.iter().any(|(r, _)| r.meta().code == code);
    let is_self = |code: &str| {
        code == rules::UNUSED_SUPPRESSION.code || code == rules::UNKNOWN_RULE_IN_SUPPRESSION.code
    };
    // `all` can only be unused when some rule other than these two ran.
    let others_ran = active.iter().any(|(r, _)| !is_self(r.meta().code));
    let first_own = kept.len();
    for (si, s) in sups.iter().enumerate() {
        // An `enable` is used when it closes a `disable`; its names are then all used.
        if s.directive == Directive::Enable && closes_something(sups, si) {
            used[si].iter_mut().for_each(|u| *u = true);
        }
        let bad: Vec<bool> = s
            .names
            .iter()
            .enumerate()
            .map(|(ni, n)| match n.target {
                Target::Unknown => true,
                Target::All => !used[si][ni] && others_ran,
                // A name of X001/X002 suppresses what this pass reports: never unused.
                Target::Rule(c) => !used[si][ni] && is_active(c) && !is_self(c),
            })
            .collect();
        let all_bad = !s.names.is_empty() && bad.iter().all(|b| *b);
        if s.names.is_empty() {
            if let Some(sev) = unknown_sev {
                kept.push(no_rule(post, s, sev));
            }
            continue;
        }
        for (ni, n) in s.names.iter().enumerate() {
            if !bad[ni] {
                continue;
            }
            let edits = if all_bad {
                remove_comment(post, s)
            } else {
                remove_name(s, ni)
            };
            let d = match n.target {
                Target::Unknown => {
                    let Some(sev) = unknown_sev else { continue };
                    let w = &n.text;
                    let mut d = Diagnostic::new(
                        &rules::UNKNOWN_RULE_IN_SUPPRESSION,
                        n.span,
                        t!(
                            "suppression names an unknown rule: `{w}`",
                            "억제 주석에 알 수 없는 규칙이 있습니다: `{w}`"
                        ),
                    )
                    .help(t!(
                        "write a rule code or name; `retro-lint rule --all` lists them",
                        "규칙 코드나 이름을 쓰세요. 목록은 `retro-lint rule --all`"
                    ));
                    if let Some(m) = close_rule(w) {
                        let (code, name) = (m.code, m.name);
                        d = d.help(t!(
                            "did you mean `{name}` ({code})?",
                            "혹시 이 규칙인가요: `{name}` ({code})"
                        ));
                    }
                    d.severity = sev;
                    d
                }
                _ => {
                    let Some(sev) = unused_sev else { continue };
                    let w = &n.text;
                    let dir = s.directive.word();
                    let mut d = Diagnostic::new(
                        &rules::UNUSED_SUPPRESSION,
                        n.span,
                        match s.directive {
                            Directive::Enable => t!(
                                "`{dir} {w}` closes no `retro-lint-disable`",
                                "닫을 disable 주석이 없습니다: `{dir} {w}`"
                            ),
                            _ => t!(
                                "unused suppression: `{dir} {w}` suppresses no finding",
                                "쓰이지 않는 억제 주석입니다: `{dir} {w}` (가릴 문제가 없음)"
                            ),
                        },
                    );
                    if s.directive == Directive::NextLine
                        && s.covers.is_none()
                        && let Some(r) = &s.row
                    {
                        let r = match r {
                            Row::Index(n) => n.to_string(),
                            Row::Label(l) => l.clone(),
                        };
                        d = d.help(t!(
                            "the table below has no row `{r}`",
                            "아래 표에 해당 행이 없습니다: `{r}`"
                        ));
                    }
                    if s.directive == Directive::NextLine
                        && s.covers
                            .is_some_and(|c| post.source.slice(c).trim().is_empty())
                    {
                        d = d.help(t!(
                            "the line after the comment is empty: put the comment right above the line or table it is for",
                            "주석 다음 줄이 비어 있습니다: 가릴 줄이나 표 바로 위에 주석을 두세요"
                        ));
                    }
                    d.severity = sev;
                    d
                }
            };
            kept.push(d.fix(
                Applicability::Safe,
                if all_bad {
                    t!("remove the comment", "주석 지우기")
                } else {
                    let w = &n.text;
                    t!("remove `{w}` from the list", "목록에서 지우기: `{w}`")
                },
                edits,
            ));
        }
    }
    // What this pass reported can itself be suppressed, by naming its code or name.
    let own = kept.split_off(first_own);
    kept.extend(own.into_iter().filter(|d| {
        !sups.iter().any(|s| {
            s.covers
                .is_some_and(|c| d.span.start >= c.start && d.span.start <= c.end)
                && s.names.iter().any(|n| n.target == Target::Rule(d.code))
        })
    }));
    kept
}

fn no_rule(post: &Post, s: &Suppression, sev: Severity) -> Diagnostic {
    let dir = s.directive.word();
    let mut d = Diagnostic::new(
        &rules::UNKNOWN_RULE_IN_SUPPRESSION,
        s.span,
        t!(
            "`{dir}` names no rule",
            "규칙 이름이 없는 억제 주석입니다: `{dir}`"
        ),
    )
    .help(t!(
        "name the rules it is for (`all` for every rule)",
        "가릴 규칙을 쓰세요 (모든 규칙은 `all`)"
    ))
    .fix(
        Applicability::Safe,
        t!("remove the comment", "주석 지우기"),
        remove_comment(post, s),
    );
    d.severity = sev;
    d
}

/// The rule whose code or name is one edit away from `w`, if exactly one is.
fn close_rule(w: &str) -> Option<&'static RuleMeta> {
    let mut found = rules::RULES
        .iter()
        .map(|r| r.meta())
        .filter(|m| near(&m.name.to_lowercase(), &w.to_lowercase()) || near(m.code, w));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// Levenshtein distance at most 1, or a rule name used in another case/with underscores.
fn near(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) || a.replace('-', "_") == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a.len().max(b.len()) - prefix - suffix <= 1
}

/// Remove a whole comment: its line when it stands alone there, else the comment and the
/// spaces before it.
fn remove_comment(post: &Post, s: &Suppression) -> Vec<Edit> {
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
        let opts = crate::LintOptions {
            select: select.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let active = crate::active_rules(&config, &opts).expect("rules");
        let p = post(text);
        let site = crate::site::Site::default();
        crate::check_post(&p, &site, &config, &active)
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

    #[test]
    fn near_names() {
        assert!(near("weekday-mismatch", "weekday-mismatc"));
        assert!(near("D005", "d005"));
        assert!(!near("D005", "D017"));
    }
}
