//! A `---` at the top with no closing `---`: the whole post is swallowed as YAML.

use super::{Context, FixKind, RuleMeta, Scope};
use crate::diagnostic::{Diagnostic, Severity};
use crate::post::front_matter::FrontMatterBlock;
use crate::t;

pub static META: RuleMeta = RuleMeta {
    code: "F004",
    name: "front-matter-unterminated",
    severity: Severity::Error,
    fix: FixKind::None,
    scope: Scope::Post,
    options: &[],
    doc: include_str!("../../rules/front-matter-unterminated.md"),
};

pub struct Rule;

impl super::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        if let FrontMatterBlock::Unterminated { open } = cx.post.front_matter {
            out.push(
                cx.diag(
                    open,
                    t!(
                        "front matter opened here is never closed with `---`",
                        "여기서 연 front matter가 `---`로 닫히지 않습니다"
                    ),
                )
                .help(t!(
                    "add a line `---` after the last front-matter key",
                    "front matter 마지막 키 다음 줄에 `---`를 추가하세요"
                )),
            );
        }
    }
}
