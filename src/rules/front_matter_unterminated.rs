//! A `---` (or `+++`) at the top with no closing fence: the whole post is swallowed as
//! front matter.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::post::front_matter::FrontMatterBlock;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    if let FrontMatterBlock::Unterminated { open } = cx.post.front_matter {
        let fence = cx.post.source.slice(open).trim();
        out.push(
            cx.diag(
                open,
                t!(
                    "front matter opened here is never closed with `{fence}`",
                    "여기서 연 front matter가 닫히지 않습니다: 닫는 줄 `{fence}`"
                ),
            )
            .help(t!(
                "add a line `{fence}` after the last front-matter key",
                "front matter 마지막 키 다음 줄에 추가할 줄: `{fence}`"
            )),
        );
    }
}
