//! A stated number of items of one kind (`버그 수정 6건`, `4 bug fixes`, `| fix | 6 |`)
//! against the items of the same post tagged as that kind (`fix:`, `[버그]`, a type column).

use super::Context;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::post::facts::fmt;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let facts = &cx.post.facts;
    for tally in &facts.tallies {
        if !tally.stated.exact() || tally.groups.is_empty() {
            continue;
        }
        let groups: Vec<_> = tally.groups.iter().map(|&i| &facts.tag_groups[i]).collect();
        let items: Vec<_> = groups
            .iter()
            .flat_map(|g| &g.items)
            .filter(|i| i.kind == tally.kind)
            .collect();
        // A kind the tagging never uses says nothing: its items may be listed elsewhere.
        if items.is_empty() {
            continue;
        }
        let counted: f64 = items.iter().map(|i| i.times.unwrap_or(1.0)).sum();
        if (counted - tally.stated.value).abs() < 1e-9 {
            continue;
        }
        let stated = fmt(tally.stated.value);
        let got = fmt(counted);
        let kind = tally.kind.name();
        let mut d = cx
            .diag(
                tally.stated.span,
                t!(
                    "stated number of `{kind}` items {stated} does not match the items tagged `{kind}` in this post: {got}",
                    "적힌 항목 수가 이 글에 표시된 항목 수와 다릅니다 (종류: `{kind}`): 적힌 값 {stated}, 실제 {got}"
                ),
            )
            .label(tally.stated.span, t!("stated: {stated}", "적힌 값: {stated}"));
        for g in &groups {
            let n = fmt(
                g.items
                    .iter()
                    .filter(|i| i.kind == tally.kind)
                    .map(|i| i.times.unwrap_or(1.0))
                    .sum(),
            );
            d = d.label(
                g.span,
                t!("tagged `{kind}` here: {n}", "여기서 표시된 항목 (`{kind}`): {n}"),
            );
        }
        d = d.help(t!(
            "write {got}, or tag the items that are missing (or say that the count covers more than this list)",
            "수를 고치거나(후보: {got}), 빠진 항목에 표시를 붙이세요 (이 목록 밖의 항목도 센 수라면 그렇게 밝히세요)"
        ));
        // The number is offered only when the counted list is certain.
        d = if tally.guessed {
            d.guessed()
        } else {
            d.replace(
                Applicability::DisplayOnly,
                t!("set the count to {got}", "수 바꾸기: {stated} → {got}"),
                tally.stated.num_span,
                got,
            )
        };
        out.push(d);
    }
}
