//! A permalink that breaks the pattern of its kind: the configured one, or the one most of
//! the site's retrospectives of that kind follow. A `legacy_url` is checked only against a
//! configured `legacy_patterns`.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::post::period::{Kind, Period};
use crate::site::UrlShapes;
use crate::t;
use std::collections::HashMap;

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

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
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
            // An older URL is history, kept so old links still resolve: it is held to a
            // pattern only when one is configured, never to what today's posts do.
            None if key != "permalink" => continue,
            None => {
                let Some((best, n, total)) = learned_pattern(cx, kind) else {
                    continue;
                };
                // Enforced only when a clear majority agrees: 3 posts and two thirds.
                if n < 3 || n * 3 < total * 2 {
                    continue;
                }
                (best, Some((n, total)))
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

/// The most common shape of the permalinks of the post's siblings, with its count and the
/// number of siblings having a permalink. The series is counted once per run (in what the
/// site learned); the post's own shape is then taken out, so each post costs O(1).
fn learned_pattern(cx: &Context, kind: Kind) -> Option<(String, usize, usize)> {
    let site = cx.site;
    let series = site.series_id(&cx.post.path)?;
    let shapes = site.learned.url_shapes.get_or((kind, series), || {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for &i in site.series_members(&cx.post.path, kind) {
            let s = &site.posts[i];
            if let (Some(u), Some(p)) = (s.permalink.as_deref(), s.period) {
                *counts.entry(shape(u, p)).or_default() += 1;
            }
        }
        let total = counts.values().sum();
        let mut top: Vec<(String, usize)> = counts.into_iter().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        top.truncate(2);
        UrlShapes { total, top }
    });
    let own = site
        .get(&cx.post.path)
        .filter(|me| me.retrospective && me.kind == Some(kind))
        .and_then(|me| Some(shape(me.permalink.as_deref()?, me.period?)));
    let mut top: Vec<(&str, usize)> = shapes.top.iter().map(|(s, n)| (s.as_str(), *n)).collect();
    let mut total = shapes.total;
    if let Some(own) = &own {
        total -= 1;
        for t in &mut top {
            if t.0 == own {
                t.1 -= 1;
            }
        }
    }
    // Most posts first, then the smaller shape; the own shape can only have dropped from
    // first place to second, so the two best of the series are enough.
    top.retain(|t| t.1 > 0);
    top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let (best, n) = top.first()?;
    Some(((*best).to_owned(), *n, total))
}
