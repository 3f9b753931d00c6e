//! A file over the size limit is skipped, so one file cannot hold up a whole CI run.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::source::{NotText, Span};
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    if let Some(NotText::TooLarge { size, limit }) = cx.post.not_text {
        out.push(cx.diag(
            Span::empty(0),
            t!(
                "file not linted: {size} bytes is over the limit of {limit} bytes (max_file_size)",
                "검사하지 않은 파일: 크기 {size} 바이트, 한도 {limit} 바이트 (max_file_size)"
            ),
        ));
    }
}
