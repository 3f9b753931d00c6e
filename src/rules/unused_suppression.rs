//! A suppression comment that suppresses nothing: a `retro-lint-disable...` naming a rule
//! that ran and reported nothing there, or an `enable` that closes no `disable`. Runs in
//! the suppression pass, after every other rule.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::suppress::{Directive, Row, Target};
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(pass) = cx.suppressions else { return };
    let post = cx.post;
    for (si, s) in pass.sups.iter().enumerate() {
        let bad = pass.bad(si);
        for (ni, n) in s.names.iter().enumerate() {
            if !bad[ni] || matches!(n.target, Target::Unknown | Target::Misspelled(_)) {
                continue;
            }
            let w = &n.text;
            let dir = s.directive.word();
            let mut d = cx.diag(
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
            let (title, edits) = pass.removal(post, si, ni);
            out.push(d.fix(crate::diagnostic::Applicability::Safe, title, edits));
        }
    }
}
