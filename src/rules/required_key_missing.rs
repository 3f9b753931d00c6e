//! A front-matter key the site needs (default `title`, `date`) is missing.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(fm) = cx.post.fm() else { return };
    if fm.error.is_some() || fm.not_a_mapping.is_some() {
        return;
    }
    let keys = cx.opt_list("keys").unwrap_or_else(|| vec!["title", "date"]);
    for key in keys {
        if fm.get(key).is_some() {
            continue;
        }
        // Jekyll takes the date from a `YYYY-MM-DD-slug.md` file name.
        if key == "date" && cx.post.period.file_date.is_some() {
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
