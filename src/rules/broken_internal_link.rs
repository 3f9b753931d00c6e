//! A link inside the site (root-relative, relative, or to the site's own host) that leads to
//! no post and no file. When exactly one post has the period and kind the link names, a
//! fix rewrites the link to that post's URL.

use super::Context;
use super::shared::{intended, link_span};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::post::markdown::Link;
use crate::site::{Broken, Resolution, describe_period};
use crate::source::Span;
use crate::t;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(me) = cx.site_index() else { return };
    let site = cx.site;
    for link in &cx.post.doc.links {
        let Resolution::Broken(why) = site.resolve(&cx.post.path, &link.dest) else {
            continue;
        };
        let Some(target) = site.link_target(&link.dest) else {
            continue;
        };
        out.push(report(cx, link, &target, &why, Some(me)));
    }
}

fn report(
    cx: &Context,
    link: &Link,
    target: &crate::site::LinkTarget,
    why: &Broken,
    me: Option<usize>,
) -> Diagnostic {
    let site = cx.site;
    let dest = link.dest.trim();
    // A reference link's destination lies in its definition: point at the link, no fix.
    let at = link_span(link);
    let path = target.path.as_str();
    let mut d = match why {
        Broken::NoPost => cx.diag(
            at,
            t!(
                "link target not found: no post or file of this site is at `{path}`",
                "링크 대상이 없습니다 (`{path}`): 이 주소의 글이나 파일이 사이트에 없습니다"
            ),
        ),
        // A folder of posts, but no period the folder's posts would prove missing: the site
        // may serve the target from a page we cannot see, or a post outside the indexed
        // folders.
        Broken::Unlisted => cx
            .diag(
                at,
                t!(
                    "link target not found: no post or file of this site is at `{path}`",
                    "링크 대상이 없습니다 (`{path}`): 이 주소의 글이나 파일이 사이트에 없습니다"
                ),
            )
            .help(t!(
                "a folder of this site's posts, but it may also hold pages retro-lint cannot see (a page that is not Markdown, a post outside the content roots)",
                "이 사이트의 글이 있는 폴더이지만, retro-lint가 볼 수 없는 페이지(Markdown이 아닌 페이지, 콘텐츠 루트 밖의 글)가 있을 수 있습니다"
            ))
            .guessed(),
        Broken::NoFile => cx.diag(
            at,
            t!(
                "link target not found: `{path}` is neither a file next to this post nor a page of the site",
                "링크 대상이 없습니다: `{path}` 위치에 파일도 사이트의 글도 없습니다"
            ),
        ),
        Broken::Unbuilt(j) => {
            let post = &site.posts[*j];
            let other = site.display_rel(&post.path);
            let roots = site.roots_display();
            let mut d = cx
                .diag(
                    at,
                    t!(
                        "link leads to a post the site does not build: {other}",
                        "사이트가 빌드하지 않는 글로 연결됩니다: {other}"
                    ),
                )
                .help(t!(
                    "the site builds posts under {roots}, without `_` folders; move that post, or link elsewhere",
                    "사이트는 {roots} 아래의 글만 빌드합니다 (`_` 폴더 제외); 그 글을 옮기거나 다른 곳으로 링크하세요"
                ));
            if post.url_at.is_some() {
                d.related.push(site.related(
                    *j,
                    post.url_at,
                    t!("the unpublished post's URL", "게시되지 않는 글의 주소"),
                ));
            }
            d
        }
        Broken::Case(j) => {
            let url = site.posts[*j].url.clone().unwrap_or_default();
            cx.diag(
                at,
                t!(
                    "link differs in letter case from the post's URL `{url}`; most hosts treat URLs as case-sensitive",
                    "글의 주소와 대소문자가 다릅니다 (주소 `{url}`); 대부분의 호스트는 대소문자를 구분합니다"
                ),
            )
        }
    };
    // The post the link meant: the one case aside, else the only one of its period and kind.
    let wanted = intended(path);
    let candidate = match why {
        Broken::Case(j) => Some(*j),
        _ => wanted.and_then(|(k, p)| match site.with_period(k, p) {
            [one] if Some(*one) != me => Some(*one),
            _ => None,
        }),
    };
    if let Some(j) = candidate
        && let Some(url) = site.posts[j].url.as_deref()
    {
        let post = &site.posts[j];
        let base = if !target.relative
            && !site.layout.base_path.is_empty()
            && target
                .path
                .starts_with(&format!("{}/", site.layout.base_path))
        {
            site.layout.base_path.as_str()
        } else {
            ""
        };
        let new = format!("{}{base}{url}{}", target.prefix, target.suffix);
        if new != dest && !link.dest_span.is_empty() {
            let applicability = if post.url_certain {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let other = site.display_rel(&post.path);
            d = d.replace(
                applicability,
                t!(
                    "link to `{url}` ({other})",
                    "링크 바꾸기: `{url}` ({other})"
                ),
                at,
                new,
            );
            if post.url_at.is_some() {
                d.related
                    .push(site.related(j, post.url_at, t!("the post's URL", "글의 주소")));
            }
        }
    } else if let Some((k, p)) = wanted
        && !matches!(why, Broken::Unbuilt(_))
    {
        let per = describe_period(p);
        let (ks, kk) = (k.as_str(), k.ko());
        let n = site.built_count();
        let roots = site.roots_display();
        d = d.help(match site.with_period(k, p).len() {
            0 => t!(
                "this site has no {ks} post for {per} ({n} posts indexed under {roots}); add the post, or link to where it lives",
                "이 사이트에 {per} {kk} 회고가 없습니다 (색인한 글 {n}개, 콘텐츠 루트 {roots}); 글을 추가하거나 실제 주소로 링크하세요"
            ),
            m => t!(
                "{m} {ks} posts cover {per}; link to the one meant",
                "{per} 기간의 {kk} 회고가 {m}개입니다; 의도한 글로 링크하세요"
            ),
        });
    }
    if let Some((mine, (shape, n))) = odd_shape(cx, link) {
        d = d.label(
            at,
            t!(
                "shaped `{mine}`, unlike the {n} other links here (`{shape}`)",
                "주소 형태 `{mine}`: 여기 있는 다른 링크 {n}개의 형태(`{shape}`)와 다릅니다"
            ),
        );
    }
    d
}

/// A URL with its dates written as placeholders: `/r/YYYY-MM-monthly.html`.
fn url_shape(url: &str) -> String {
    static DAY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").expect("valid regex"));
    static MONTH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[0-9]{4}-[0-9]{2}").expect("valid regex"));
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9]{4}").expect("valid regex"));
    let s = DAY.replace_all(url, "YYYY-MM-DD");
    let s = MONTH.replace_all(&s, "YYYY-MM");
    YEAR.replace_all(&s, "YYYY").into_owned()
}

/// When the link sits in a table or list whose other links mostly share one URL shape and
/// this link has another: its shape, the usual shape and how many links have that.
fn odd_shape(cx: &Context, link: &Link) -> Option<(String, (String, usize))> {
    let doc = &cx.post.doc;
    let inside = |s: Span| s.start <= link.span.start && link.span.end <= s.end;
    let container = doc
        .tables
        .iter()
        .map(|t| t.span)
        .chain(
            doc.lists
                .iter()
                .filter(|l| l.parent.is_none())
                .map(|l| l.span),
        )
        .find(|&s| inside(s))?;
    let mine = url_shape(link.dest.trim());
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in doc.links.iter().filter(|l| {
        container.start <= l.span.start && l.span.end <= container.end && l.span != link.span
    }) {
        *counts.entry(url_shape(l.dest.trim())).or_default() += 1;
    }
    let mine_others = counts.get(&mine).copied().unwrap_or(0);
    let (best, n) = counts.into_iter().max_by_key(|(s, n)| (*n, s.clone()))?;
    (best != mine && n >= 2 && n > mine_others + 1).then_some((mine, (best, n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(
            url_shape("/R/2025-01-01-2025-01-31-monthly.html"),
            "/R/YYYY-MM-DD-YYYY-MM-DD-monthly.html"
        );
        assert_eq!(
            url_shape("/R/2025-05-monthly.html"),
            "/R/YYYY-MM-monthly.html"
        );
    }
}
