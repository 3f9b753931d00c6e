//! A suppression comment that names no known rule (a typo, a rule that was renamed), or no
//! rule at all. Runs in the suppression pass, after every other rule.

use super::Context;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::registry;
use crate::suppress::{Pass, Target, remove_comment};
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(pass) = cx.suppressions else { return };
    for (si, s) in pass.sups.iter().enumerate() {
        if s.names.is_empty() {
            out.push(no_rule(cx, pass, si));
            continue;
        }
        for (ni, n) in s.names.iter().enumerate() {
            let meant = match n.target {
                Target::Misspelled(code) => registry::find(code),
                Target::Unknown => None,
                _ => continue,
            };
            let w = &n.text;
            let d = cx
                .diag(
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
            let Some(m) = meant else {
                let (title, edits) = pass.removal(cx.post, si, ni);
                out.push(d.fix(Applicability::Safe, title, edits));
                continue;
            };
            // A typo: correct the name (the comment then hides what it was written for),
            // written the way the author wrote it, as a code or as a name.
            let (code, name) = (m.code, m.name);
            let right = if registry::find(&w.to_uppercase()).is_some() || is_code_like(w) {
                code
            } else {
                name
            };
            out.push(
                d.help(t!(
                    "did you mean `{name}` ({code})?",
                    "혹시 이 규칙인가요: `{name}` ({code})"
                ))
                .replace(
                    Applicability::Safe,
                    t!("write `{right}`", "이름 고치기: `{w}` → `{right}`"),
                    n.span,
                    right.to_owned(),
                ),
            );
        }
    }
}

fn no_rule(cx: &Context, pass: &Pass, si: usize) -> Diagnostic {
    let s = &pass.sups[si];
    let dir = s.directive.word();
    cx.diag(
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
        remove_comment(cx.post, s),
    )
}

/// `D05`, `n001`: a letter and digits, so the author meant a code.
fn is_code_like(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(|l| l.is_ascii_alphabetic()) && c.all(|d| d.is_ascii_digit())
}
