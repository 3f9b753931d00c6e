//! Front matter that is not valid YAML (or TOML, between `+++`): the site generator fails
//! or drops every key.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(fm) = cx.post.fm() else { return };
    if let Some(e) = &fm.error {
        let m = &e.message;
        let lang = fm.format.as_str();
        out.push(cx.diag(
            e.span,
            t!(
                "front matter is not valid {lang}: {m}",
                "front matter가 올바른 {lang} 형식이 아닙니다: {m}"
            ),
        ));
    }
    if let Some(span) = fm.not_a_mapping {
        out.push(cx.diag(
            span,
            t!(
                "front matter must be a mapping of `key: value` lines",
                "front matter는 `키: 값` 형식의 매핑이어야 합니다"
            ),
        ));
    }
}
