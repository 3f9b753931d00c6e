//! A front-matter key the site needs is missing: by default `title` and a date, where most
//! of the site's other posts have them (or always, without a site to learn from).

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::post::period::DATE_KEYS;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(fm) = cx.post.fm() else { return };
    if fm.error.is_some() || fm.not_a_mapping.is_some() {
        return;
    }
    let configured = cx.opt_list("keys");
    let learned = configured.is_none();
    let keys = configured.unwrap_or_else(|| vec!["title", "date"]);
    // The site's own convention: a default key is required where at least 3 other posts
    // and 80% of them have it.
    let (n, titled, dated) = cx.site.front_matter_keys(&cx.post.path);
    let site_has = |with: usize| n < 3 || with * 5 >= n * 4;
    // A page outside the content roots (a Jekyll page, an about page) has no date.
    let page = cx.site.has_content_roots()
        && cx.site.get(&cx.post.path).is_some_and(|p| p.rel.is_none());
    for key in keys {
        if key == "date" {
            // Any of the keys generators date posts with (`pubDate`, `publishedAt`, ...);
            // Jekyll takes the date from a `YYYY-MM-DD-slug.md` file name.
            if DATE_KEYS.iter().any(|k| fm.get(k).is_some())
                || cx.post.period.file_date.is_some()
                || (learned && (page || !site_has(dated)))
            {
                continue;
            }
        } else if fm.get(key).is_some() || (learned && key == "title" && !site_has(titled)) {
            continue;
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
