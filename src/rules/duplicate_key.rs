//! A front-matter key given twice: generators keep one of them silently.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(fm) = cx.post.fm() else { return };
    for (i, e) in fm.entries.iter().enumerate() {
        if let Some(first) = fm.entries[..i].iter().find(|f| f.key == e.key) {
            let k = &e.key;
            out.push(
                cx.diag(
                    e.key_span,
                    t!(
                        "duplicate front-matter key `{k}`",
                        "front matter 키가 중복됩니다: `{k}`"
                    ),
                )
                .label(first.key_span, t!("first defined here", "처음 정의된 곳"))
                .help(t!(
                    "keep one `{k}` line; which value wins differs between generators",
                    "`{k}` 줄을 하나만 남기세요; 어느 값이 쓰이는지는 생성기마다 다릅니다"
                )),
            );
        }
    }
}
