//! Front matter that is not valid YAML (or TOML, between `+++` fences): the site generator
//! fails or drops every key.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::post::front_matter::Syntax;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(fm) = cx.post.fm() else { return };
    if let Some(e) = &fm.error {
        let m = &e.message;
        out.push(cx.diag(
            e.span,
            match fm.syntax {
                Syntax::Yaml => t!(
                    "front matter is not valid YAML: {m}",
                    "front matter가 올바른 YAML이 아닙니다: {m}"
                ),
                Syntax::Toml => t!(
                    "front matter is not valid TOML: {m}",
                    "front matter가 올바른 TOML이 아닙니다: {m}"
                ),
            },
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
