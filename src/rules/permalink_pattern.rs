//! A permalink (or legacy_url) that breaks the pattern of its kind: the configured one, or
//! the one most of the site's retrospectives of that kind follow.

use super::{Context, FixKind, Opt, OptKind, RuleMeta, Scope};
use crate::diagnostic::{Diagnostic, Severity};
use crate::post::period::Period;
use crate::t;
use std::collections::HashMap;

pub static META: RuleMeta = RuleMeta {
    code: "D006",
    name: "permalink-pattern",
    severity: Severity::Warning,
    fix: FixKind::None,
    scope: Scope::Site,
    options: &[
        Opt {
            name: "patterns",
            kind: OptKind::StrMap,
        },
        Opt {
            name: "legacy_patterns",
            kind: OptKind::StrMap,
        },
    ],
    doc: include_str!("../../rules/permalink-pattern.md"),
};

pub struct Rule;

/// The URL with the period written as placeholders: `/r/{start}-{end}-monthly.html`.
pub fn shape(url: &str, p: Period) -> String {
    let start = p.start.to_string();
    let end = p.end.to_string();
    let month = format!("{:04}-{:02}", p.start.year(), p.start.month());
    url.replace(&start, "{start}")
        .replace(&end, "{end}")
        .replace(&month, "{month}")
        .replace(&format!("{:04}", p.start.year()), "{year}")
}

/// A pattern with this period's values filled in.
pub fn expand(pattern: &str, p: Period) -> String {
    pattern
        .replace("{start}", &p.start.to_string())
        .replace("{end}", &p.end.to_string())
        .replace(
            "{month}",
            &format!("{:04}-{:02}", p.start.year(), p.start.month()),
        )
        .replace("{year}", &format!("{:04}", p.start.year()))
}

impl super::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let info = &cx.post.period;
        let (Some(kind), Some(p), true) = (info.kind, info.period, info.retrospective) else {
            return;
        };
        for (key, opt) in [("permalink", "patterns"), ("legacy_url", "legacy_patterns")] {
            let Some((url, span)) = cx.post.fm_str(key) else {
                continue;
            };
            let configured = cx.opt_map(opt).and_then(|m| {
                m.into_iter()
                    .find(|(k, _)| *k == kind.as_str())
                    .map(|(_, v)| v.to_owned())
            });
            let (pattern, learned) = match configured {
                Some(pat) => (pat, None),
                None => {
                    let shapes: Vec<String> = cx
                        .site
                        .siblings(&cx.post.path, kind)
                        .filter_map(|s| {
                            let u = if key == "permalink" {
                                s.permalink.as_deref()
                            } else {
                                s.aliases.first().map(String::as_str)
                            }?;
                            Some(shape(u, s.period?))
                        })
                        .collect();
                    let mut counts: HashMap<&str, usize> = HashMap::new();
                    for s in &shapes {
                        *counts.entry(s).or_default() += 1;
                    }
                    let Some((best, n)) = counts
                        .into_iter()
                        .max_by_key(|&(s, n)| (n, std::cmp::Reverse(s)))
                    else {
                        continue;
                    };
                    // Enforced only when a clear majority agrees: 3 posts and two thirds.
                    if n < 3 || n * 3 < shapes.len() * 2 {
                        continue;
                    }
                    (best.to_owned(), Some((n, shapes.len())))
                }
            };
            if shape(url, p) == pattern || url == pattern {
                continue;
            }
            let expected = expand(&pattern, p);
            let k = kind.as_str();
            let kk = kind.ko();
            let mut d = cx.diag(
                span,
                t!(
                    "{key} does not follow the {k} pattern `{pattern}`; expected `{expected}`",
                    "{kk} 회고의 패턴과 다릅니다 ({key}): 패턴 `{pattern}`, 기대 값 `{expected}`"
                ),
            );
            if let Some((n, total)) = learned {
                d = d.help(t!(
                    "{n} of {total} other {k} posts follow this pattern; set `patterns` in the rule's config to choose another",
                    "다른 {kk} 글 {total}개 중 {n}개가 이 패턴을 따릅니다; 다른 패턴은 설정의 `patterns`로 정하세요"
                ));
            }
            out.push(d);
        }
    }
}
