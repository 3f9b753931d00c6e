//! A retrospective in a place the site does not build: outside every content root (a
//! generator's output folder such as `_pages/` beside an Astro `src/content/`), or under a
//! folder the generator skips (`_old/` inside an Astro collection).

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::site::Built;
use crate::t;
use std::path::{Path, PathBuf};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (site, post) = (cx.site, cx.post);
    // A post: front matter and a period; a retrospective by its name or front matter.
    if post.fm().is_none() || post.period.period.is_none() || !post.period.retrospective {
        return;
    }
    let Some(me) = cx.site_index().map(|i| &site.posts[i]) else {
        return;
    };
    let rel = site.display_rel(&post.path);
    let roots = site.roots_display();
    let top = rel.split('/').next().unwrap_or("");
    let msg = match &me.built {
        Built::Yes | Built::Draft => return,
        Built::Outside => t!(
            "this retrospective is not published: its folder `{top}/` lies outside the site's content roots ({roots})",
            "이 회고는 게시되지 않습니다: 사이트의 콘텐츠 루트({roots}) 밖의 폴더에 있습니다 (`{top}/`)"
        ),
        Built::Hidden(seg) => t!(
            "this retrospective is not published: the site skips `{seg}`, as names starting with `_` are not built",
            "이 회고는 게시되지 않습니다: `_`로 시작하는 이름은 빌드되지 않습니다 ({seg})"
        ),
    };
    let span = post
        .title()
        .map(|(_, s)| s)
        .unwrap_or_else(|| post.source.line_span(1));
    let mut d = cx.diag(span, msg);
    if let Some(dir) = suggestion(cx, &rel) {
        d = d.help(t!(
            "move it to {dir}/, where the site builds its posts",
            "사이트가 글을 빌드하는 {dir}/ 아래로 옮기세요"
        ));
    }
    out.push(d);
}

/// A built folder for the post: its own folder path under a content root, when that
/// exists (`_pages/R/2026/weekly` -> `src/content/posts/R/2026/weekly`), else the folder of
/// a built sibling of the same kind.
fn suggestion(cx: &Context, rel: &str) -> Option<String> {
    let site = cx.site;
    let dir = Path::new(rel).parent()?;
    let parts: Vec<_> = dir.components().collect();
    for skip in 0..parts.len() {
        let rest: PathBuf = parts[skip..].iter().collect();
        for r in &site.content_roots {
            let cand = r.join(&rest);
            if cand.is_dir() && !rest.as_os_str().is_empty() {
                return Some(site.display_rel(&cand));
            }
        }
    }
    let kind = cx.post.period.kind?;
    let sib = site
        .siblings(&cx.post.path, kind)
        .find(|s| s.is_built() && s.rel.is_some())?;
    let d = site.display_rel(&sib.path);
    Path::new(&d)
        .parent()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
}
