//! A post without front matter on a site whose posts carry it: the site will not know its
//! title or date.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::post::front_matter::FrontMatterBlock;
use crate::site::PostHas;
use crate::source::Span;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let post = cx.post;
    if post.not_text.is_some() || !matches!(post.front_matter, FrontMatterBlock::Absent) {
        return;
    }
    // Learned from the site unless configured: most posts (and at least 3) carry it.
    let required = cx.opt_bool("required").unwrap_or_else(|| {
        let (share, n) = cx.site.share_of_posts(PostHas::FrontMatter, &cx.post.path);
        n >= 3 && share >= 0.8
    });
    if !required || !in_content(cx) {
        return;
    }
    let first = post.source.line_span(1);
    out.push(
        cx.diag(
            Span::new(first.start, first.end.min(first.start + 40)),
            t!(
                "post has no front matter (`---` block at the top with title and date)",
                "글에 front matter가 없습니다 (맨 위 `---` 블록: title, date)"
            ),
        )
        .help(t!(
            "most posts of this site start with a `---` block; add one",
            "이 사이트의 글 대부분은 `---` 블록으로 시작합니다; 추가하세요"
        )),
    );
}

/// Only posts count: a README or a doc outside the content roots needs no front matter.
fn in_content(cx: &Context) -> bool {
    cx.site.get(&cx.post.path).is_some_and(|p| p.rel.is_some())
}
