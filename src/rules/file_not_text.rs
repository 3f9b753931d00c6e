//! A file that is not UTF-8 text (a binary, a wrong encoding) cannot be a post.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::source::{NotText, Span};
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let msg = match cx.post.not_text {
        Some(NotText::InvalidUtf8 { offset }) => t!(
            "file is not valid UTF-8 (first invalid byte at offset {offset}); save it as UTF-8",
            "UTF-8 파일이 아닙니다 (잘못된 첫 바이트 위치: {offset}); UTF-8로 저장하세요"
        ),
        Some(NotText::Binary { offset }) => t!(
            "file looks binary (a NUL byte at offset {offset}), not a Markdown post",
            "바이너리 파일로 보입니다 (NUL 바이트 위치: {offset}); Markdown 글이 아닙니다"
        ),
        _ => return,
    };
    out.push(cx.diag(Span::empty(0), msg));
}
