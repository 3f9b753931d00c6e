//! A front-matter key the site needs (default `title`, `date`) is missing.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::site::PostHas;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(fm) = cx.post.fm() else { return };
    if fm.error.is_some() || fm.not_a_mapping.is_some() {
        return;
    }
    let configured = cx.opt_list("keys");
    let keys = configured.clone().unwrap_or_else(|| vec!["title", "date"]);
    let site = cx.site;
    let me = site.get(&cx.post.path);
    // Posts are the files under a content root (every file, where none is known); a page
    // (`about.md`) needs no date.
    let is_post = !site.has_content_roots() || me.is_some_and(|p| p.rel.is_some());
    for key in keys {
        let present = match key {
            // Jekyll takes the date from a `YYYY-MM-DD-slug.md` file name; a theme's own
            // date key (`pubDate`) dates the post as well, unless `date` is configured.
            "date" if cx.post.period.file_date.is_some() => true,
            "date" if configured.is_none() => cx.post.date_entry().is_some(),
            k => fm.get(k).is_some(),
        };
        if present {
            continue;
        }
        if configured.is_none() {
            let has = match key {
                "date" if !is_post => continue,
                "date" => PostHas::Date,
                _ => PostHas::Title,
            };
            // Learned from the site: where its other posts (at least 3) do without the
            // key, its generator does not need it.
            let (share, n) = site.share_of_posts(has, &cx.post.path);
            if n >= 3 && share < 0.8 {
                continue;
            }
        }
        out.push(cx.diag(
            fm.open,
            t!(
                "front matter has no `{key}` key",
                "front matter에 필요한 키가 없습니다: `{key}`"
            ),
        ));
    }
}
