//! Code actions for the findings on the lines of a range: the finding's fix (a safe one is
//! the preferred quick fix; an unsafe one says so in its title and is never preferred; a
//! display-only one is no action), and suppression comments as README "Suppressions"
//! describes them: `retro-lint-disable-next-line CODE` on the line before the finding, or
//! before its table (`row=N` for a finding in a body row), or `retro-lint-disable-file`
//! for a finding in the front matter and for the whole file.

use super::diagnostics::to_lsp;
use super::documents::{Doc, State};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Lang, Text};
use crate::output::one_line;
use crate::post::Post;
use crate::site::Site;
use crate::source::Span;
use crate::suppress::{self, Directive};
use crate::t;
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, WorkspaceEdit};
use std::collections::HashMap;

/// The code actions for the findings on the lines `range` touches.
pub fn code_actions(
    doc: &Doc,
    range: Range,
    site: Option<&Site>,
    state: &State,
) -> Vec<CodeActionOrCommand> {
    let Some(post) = &doc.post else {
        return Vec::new();
    };
    let lang = doc.lang;
    let mut out = Vec::new();
    for d in &doc.diagnostics {
        let r = doc.range(d.span);
        if r.start.line > range.end.line || r.end.line < range.start.line {
            continue;
        }
        let lsp = to_lsp(d, doc, site, state);
        if let Some(fix) = &d.fix
            && fix.applicability != Applicability::DisplayOnly
            && !fix.edits.is_empty()
        {
            let safe = fix.applicability == Applicability::Safe;
            let title = one_line(fix.title.get(lang));
            let title = if safe {
                title
            } else {
                match lang {
                    Lang::En => format!("{title} (unsafe fix: review the result)"),
                    Lang::Ko => format!("{title} (안전하지 않은 수정: 결과를 검토하세요)"),
                }
            };
            out.push(action(doc, title, &lsp, &fix.edits, safe));
        }
        if post.not_text.is_none() {
            for (title, edits) in suppressions(post, d) {
                let title = one_line(title.get(lang));
                out.push(action(doc, title, &lsp, &edits, false));
            }
        }
    }
    out
}

fn action(
    doc: &Doc,
    title: String,
    diag: &lsp_types::Diagnostic,
    edits: &[Edit],
    preferred: bool,
) -> CodeActionOrCommand {
    let crlf = doc.text.contains("\r\n");
    let edits = edits
        .iter()
        .map(|e| TextEdit {
            range: doc.range(e.span),
            new_text: if crlf {
                to_crlf(&e.content)
            } else {
                e.content.clone()
            },
        })
        .collect();
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        command: None,
        is_preferred: Some(preferred),
        disabled: None,
        data: None,
    })
}

/// Line breaks as CRLF, as the document has them.
fn to_crlf(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// The suppressions of one finding: where it is (line, table row or table, or the file
/// for the front matter), then for the whole file.
pub fn suppressions(post: &Post, d: &Diagnostic) -> Vec<(Text, Vec<Edit>)> {
    let code = d.code;
    let name = d.name;
    let mut out = Vec::new();
    if d.span.start >= post.body_start {
        out.push(
            match post
                .doc
                .tables
                .iter()
                .find(|t| in_span(t.span, d.span.start))
            {
                Some(t) => {
                    let row = t
                        .rows
                        .iter()
                        .position(|r| in_span(r.span, d.span.start))
                        .map(|k| k + 1);
                    let title = match row {
                        Some(n) => t!(
                            "Suppress {code} ({name}) for this table row ({n})",
                            "이 표의 행에서 숨기기: {code} ({name}), {n}번째 행"
                        ),
                        None => t!(
                            "Suppress {code} ({name}) for this table",
                            "이 표에서 숨기기: {code} ({name})"
                        ),
                    };
                    (title, before_table(post, t.span, row, code))
                }
                None => (
                    t!(
                        "Suppress {code} ({name}) on this line",
                        "이 줄에서 숨기기: {code} ({name})"
                    ),
                    before_line(post, d.span.start, code),
                ),
            },
        );
    }
    out.push((
        t!(
            "Suppress {code} ({name}) in this file",
            "이 파일에서 숨기기: {code} ({name})"
        ),
        in_file(post, code),
    ));
    out
}

fn in_span(s: Span, at: usize) -> bool {
    s.start <= at && at < s.end.max(s.start + 1)
}

fn newline(post: &Post) -> &'static str {
    if post.source.crlf() { "\r\n" } else { "\n" }
}

/// What stands before the text of a line and must stand before a comment inserted above
/// it to keep it in the same block: indentation, and `>` of a quote.
fn prefix(post: &Post, line_start: usize, at: usize) -> &str {
    let p = post.source.text.get(line_start..at).unwrap_or("");
    if p.chars().all(|c| c == ' ' || c == '\t' || c == '>') {
        p
    } else {
        let n = p.len() - p.trim_start().len();
        &p[..n]
    }
}

/// A `disable-next-line` comment on the line before the one at `at`, or `CODE` added to
/// the comment already there.
fn before_line(post: &Post, at: usize, code: &str) -> Vec<Edit> {
    let src = &post.source;
    let (line, _) = src.line_col(at);
    let target = src.line_span(line);
    let sups = suppress::parse(post);
    if let Some(e) = sups
        .iter()
        .filter(|s| s.directive == Directive::NextLine && s.covers == Some(target))
        .find_map(|s| add_name(s, code))
    {
        return vec![e];
    }
    let start = src.line_start(line);
    let text_start = start + (src.slice(target).len() - src.slice(target).trim_start().len());
    let p = prefix(post, start, text_start.min(target.end));
    vec![Edit {
        span: Span::empty(start),
        content: format!(
            "{p}<!-- retro-lint-disable-next-line {code} -->{}",
            newline(post)
        ),
    }]
}

/// A `disable-next-line` comment on the line before a table (for body row `row`, or the
/// whole table); `CODE` added to the comment already there when it covers the same; else a
/// `disable`/`enable` pair around the table and that comment.
fn before_table(post: &Post, table: Span, row: Option<usize>, code: &str) -> Vec<Edit> {
    let src = &post.source;
    let nl = newline(post);
    let (line, _) = src.line_col(table.start);
    let start = src.line_start(line);
    let p = prefix(post, start, table.start).to_owned();
    let sups = suppress::parse(post);
    let existing = sups.iter().find(|s| {
        s.directive == Directive::NextLine
            && s.covers
                .is_some_and(|c| c.start >= table.start && c.end <= table.end)
    });
    let Some(s) = existing else {
        let row = row.map(|n| format!(" row={n}")).unwrap_or_default();
        return vec![Edit {
            span: Span::empty(start),
            content: format!("{p}<!-- retro-lint-disable-next-line {code}{row} -->{nl}"),
        }];
    };
    let same = match (&s.row, row) {
        (None, None) => true,
        (Some(suppress::Row::Index(k)), Some(n)) => *k == n,
        _ => false,
    };
    if same && let Some(e) = add_name(s, code) {
        return vec![e];
    }
    // Before the comment there (which must stay right above the table), and after the table.
    let (cline, _) = src.line_col(s.span.start);
    let (last, _) = src.line_col(table.end.saturating_sub(1).max(table.start));
    let after = src.line_start(last + 1);
    let end_nl = if after == src.text.len() && !src.text.ends_with('\n') {
        nl
    } else {
        ""
    };
    vec![
        Edit {
            span: Span::empty(src.line_start(cline)),
            content: format!("{p}<!-- retro-lint-disable {code} -->{nl}"),
        },
        Edit {
            span: Span::empty(after),
            content: format!("{end_nl}{p}<!-- retro-lint-enable {code} -->{nl}"),
        },
    ]
}

/// `, CODE` after the last name of a comment.
fn add_name(s: &suppress::Suppression, code: &str) -> Option<Edit> {
    let last = s.names.last()?;
    Some(Edit {
        span: Span::empty(last.span.end),
        content: format!(", {code}"),
    })
}

/// A `disable-file` comment at the top of the body (after the front matter).
fn in_file(post: &Post, code: &str) -> Vec<Edit> {
    let at = post.body_start.min(post.source.text.len());
    let nl = newline(post);
    // A front matter closed at the end of the text without a line break.
    let lead = if at > 0 && !post.source.text[..at].ends_with('\n') {
        nl
    } else {
        ""
    };
    vec![Edit {
        span: Span::empty(at),
        content: format!("{lead}<!-- retro-lint-disable-file {code} -->{nl}"),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::{Path, PathBuf};

    fn apply(text: &str, edits: &[Edit]) -> String {
        let mut edits = edits.to_vec();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut s = text.to_owned();
        for e in edits {
            s.replace_range(e.span.range(), &e.content);
        }
        s
    }

    /// Every suppression offered for every finding of `text` silences that finding and
    /// adds no other.
    fn each_suppression_works(text: &str) -> usize {
        let config = Config::default();
        let path = Path::new("p.md");
        let diags = crate::engine::lint_text(path, text, &config);
        assert!(!diags.is_empty(), "a finding to suppress in {text}");
        let post = Post::new(
            PathBuf::from("p.md"),
            crate::source::SourceFile::new(text.to_owned()),
        );
        let mut n = 0;
        for d in &diags {
            for (title, edits) in suppressions(&post, d) {
                let fixed = apply(text, &edits);
                let after = crate::engine::lint_text(path, &fixed, &config);
                let same = |x: &Diagnostic| x.code == d.code && x.message == d.message;
                assert!(
                    !after.iter().any(same),
                    "{} left {} in:\n{fixed}",
                    title.en,
                    d.code
                );
                assert_eq!(
                    after.len(),
                    diags.len() - diags.iter().filter(|x| same(x)).count(),
                    "{} changed other findings in:\n{fixed}\n{after:#?}",
                    title.en
                );
                n += 1;
            }
        }
        n
    }

    #[test]
    fn suppressions_silence_their_finding() {
        // A line, a table row, a table with a comment already above it (for another row).
        let text = "---\ntitle: 2025년 5월 회고\ndate: 2025-05-31\n---\n\n회의는 2025-05-07 (화)에 했다.\n\n<!-- retro-lint-disable-next-line D005 row=1 -->\n| 월 | 매출 |\n|----|------|\n| 1월 | 400 |\n| 2월 | 300 |\n| 합계 | 720 |\n";
        assert!(each_suppression_works(text) >= 4);
        // The same in CRLF, and a next-line comment that gets the new code added.
        let crlf = "# t\r\n\r\n<!-- retro-lint-disable-next-line T001 -->\r\n회의는 2025-05-07 (화)에 했다.\r\n";
        assert!(each_suppression_works(crlf) >= 2);
    }
}
