//! A `---` at the top with no closing `---`: the whole post is swallowed as YAML.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::post::front_matter::FrontMatterBlock;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
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
