//! A suppression comment that names no known rule (a typo, a rule that was renamed), or no
//! rule at all. Runs in the suppression pass, after every other rule.

use super::Context;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::registry::{self, RuleMeta};
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
            if n.target != Target::Unknown {
                continue;
            }
            let w = &n.text;
            let mut d = cx
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
            if let Some(m) = close_rule(w) {
                let (code, name) = (m.code, m.name);
                d = d.help(t!(
                    "did you mean `{name}` ({code})?",
                    "혹시 이 규칙인가요: `{name}` ({code})"
                ));
            }
            let (title, edits) = pass.removal(cx.post, si, ni);
            out.push(d.fix(Applicability::Safe, title, edits));
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

/// The rule whose code or name is one edit away from `w`, if exactly one is.
fn close_rule(w: &str) -> Option<&'static RuleMeta> {
    let mut found = registry::ALL
        .iter()
        .copied()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names() {
        assert!(near("weekday-mismatch", "weekday-mismatc"));
        assert!(near("D005", "d005"));
        assert!(!near("D005", "D017"));
    }
}
