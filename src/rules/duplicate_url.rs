//! Two posts the site builds at the same URL: the same permalink, URLs that differ only in
//! letter case, or an alias (`legacy_url`, `redirect_from`) equal to another post's URL.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::site::{SitePost, UrlRole, url_key};
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(me) = cx.site_index() else { return };
    let site = cx.site;
    let post = &site.posts[me];
    if !post.is_built() {
        return;
    }
    let mine = post
        .url
        .iter()
        .map(|u| (u, UrlRole::Url, post.url_at))
        .chain(post.aliases.iter().enumerate().map(|(n, a)| {
            (
                a,
                UrlRole::Alias(n),
                post.alias_at.get(n).copied().flatten(),
            )
        }));
    for (url, role, at) in mine {
        if !url.starts_with('/') {
            continue;
        }
        let key = url_key(url);
        let exact = site.posts_at(&key);
        let others: Vec<(usize, UrlRole, bool)> = exact
            .iter()
            .map(|&(j, r)| (j, r, true))
            .chain(
                site.posts_at_ignoring_case(&key)
                    .iter()
                    .filter(|(j, r)| !exact.contains(&(*j, *r)))
                    .map(|&(j, r)| (j, r, false)),
            )
            .filter(|&(j, _, _)| j != me)
            .collect();
        // Two aliases of the same old URL conflict too, but only the URLs a reader
        // reaches matter most: report alias-alias only when exact.
        let Some(&(j, other_role, same_case)) = others
            .iter()
            .find(|(_, r, exact)| !(role != UrlRole::Url && *r != UrlRole::Url && !exact))
        else {
            continue;
        };
        let other = &site.posts[j];
        let other_path = site.display_rel(&other.path);
        let other_url = match other_role {
            UrlRole::Url => other.url.clone(),
            UrlRole::Alias(n) => other.aliases.get(n).cloned(),
        }
        .unwrap_or_default();
        let span = SitePost::loc_or_top(at).span;
        let span = if span.is_empty() {
            cx.post.source.line_span(1)
        } else {
            span
        };
        let what = match role {
            UrlRole::Url => ("URL", "주소"),
            UrlRole::Alias(_) => ("redirect", "리디렉트 주소"),
        };
        let theirs = match other_role {
            UrlRole::Url => ("URL", "주소"),
            UrlRole::Alias(_) => ("redirect", "리디렉트 주소"),
        };
        let (w, wk, o, ok) = (what.0, what.1, theirs.0, theirs.1);
        let msg = if same_case {
            t!(
                "this post's {w} `{url}` is also the {o} of another post: {other_path}",
                "다른 글과 주소가 겹칩니다: 이 글의 {wk} `{url}`, 다른 글의 {ok} (파일 {other_path})"
            )
        } else {
            t!(
                "this post's {w} `{url}` differs only in letter case from the {o} `{other_url}` of another post: {other_path}",
                "다른 글의 주소와 대소문자만 다릅니다: 이 글의 {wk} `{url}`, 다른 글의 {ok} `{other_url}` (파일 {other_path})"
            )
        };
        let at_other = match other_role {
            UrlRole::Url => other.url_at,
            UrlRole::Alias(n) => other.alias_at.get(n).copied().flatten(),
        };
        let mut d = cx.diag(span, msg).help(t!(
            "one URL must lead to one page; change one of them",
            "한 주소는 한 글로만 연결되어야 합니다; 둘 중 하나를 바꾸세요"
        ));
        d.related
            .push(site.related(j, at_other, t!("the other post's {o}", "다른 글의 {ok}")));
        out.push(d);
    }
}
