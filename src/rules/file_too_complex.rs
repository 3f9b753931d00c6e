//! A post with more Markdown elements than the limit is read only up to it, so one generated
//! post cannot hold up a whole CI run or fill the memory. Says where reading stopped.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(cut) = cx.post.doc.cut else { return };
    let limit = cx.config.max_elements();
    let marks = limit.saturating_mul(2);
    let message = if cut.marks {
        t!(
            "file checked only up to here: it has more than {marks} Markdown marks and numbers (twice max_elements)",
            "여기까지만 검사했습니다: Markdown 기호와 숫자가 한도보다 많습니다 (한도 {marks}, max_elements의 두 배)"
        )
    } else {
        t!(
            "file checked only up to here: it has more than {limit} Markdown elements (max_elements)",
            "여기까지만 검사했습니다: Markdown 요소가 한도보다 많습니다 (한도 {limit}, max_elements)"
        )
    };
    out.push(cx.diag(Span::empty(cut.at), message));
}
