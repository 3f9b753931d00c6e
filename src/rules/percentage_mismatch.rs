//! A share that does not follow from its part and base: `48개 (90%)` of 50.

use super::Context;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::post::facts::fmt;
use crate::t;

/// `value` written with `decimals` digits after the point.
pub fn with_decimals(value: f64, decimals: u8) -> String {
    format!("{value:.*}", usize::from(decimals))
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let facts = &cx.post.facts;
    for s in &facts.shares {
        if !s.part.exact() || !s.base.exact() || !s.pct.exact() {
            continue;
        }
        let written = |n: &crate::post::facts::Num| {
            cx.text()
                .get(n.num_span.range())
                .filter(|w| {
                    w.bytes()
                        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
                })
                .map_or_else(|| fmt(n.value), str::to_owned)
        };
        let part = written(&s.part);
        let base = if s.base_is_sum {
            fmt(s.base.value)
        } else {
            written(&s.base)
        };
        let stated = written(&s.pct);
        if s.base.value == 0.0 {
            if s.pct.value != 0.0 {
                out.push(
                    cx.diag(
                        s.pct.span,
                        t!(
                            "share of an empty base: {stated}% of 0",
                            "기준이 0인데 비율이 적혀 있습니다: {stated}%"
                        ),
                    )
                    .label(s.base.span, t!("base: 0", "기준: 0")),
                );
            }
            continue;
        }
        let expected = s.part.value / s.base.value * 100.0;
        // The post's rounding: one point either way.
        if (expected - s.pct.value).abs() <= 1.0 + 1e-9 {
            continue;
        }
        let right = with_decimals(expected, s.pct.decimals);
        let (base_en, base_ko) = if s.base_is_sum {
            (
                format!("the rows add up to {base}"),
                format!("행의 합 {base}"),
            )
        } else {
            (format!("base {base}"), format!("기준 {base}"))
        };
        let mut d = cx
            .diag(
                s.pct.span,
                t!(
                    "percentage does not follow from its numbers: stated {stated}%, {part} / {base} = {right}%",
                    "비율이 수치와 맞지 않습니다: 적힌 값 {stated}%, {part} / {base} = {right}%"
                ),
            )
            .label(s.pct.span, t!("stated: {stated}%", "적힌 값: {stated}%"))
            .label(s.part.span, t!("part: {part}", "부분: {part}"));
        if !s.base_is_sum {
            d = d.label(s.base.span, t!("{base_en}", "{base_ko}"));
        }
        d = d.help(if s.guess {
            t!(
                "{part} of {base} is {right}% ({base_en}); the percentages fit none of the table's count columns, and the nearest one was taken as their base",
                "{part} / {base} = {right}% ({base_ko}); 비율이 표의 어느 개수 열과도 맞지 않아 가장 가까운 열을 기준으로 삼았습니다"
            )
        } else {
            t!(
                "{part} of {base} is {right}% ({base_en})",
                "{part} / {base} = {right}% ({base_ko})"
            )
        });
        // Recomputing is offered only when the base is certain; a guessed base column
        // could rewrite right shares.
        out.push(if s.guess {
            d.guessed()
        } else {
            d.replace(
                Applicability::Unsafe,
                t!(
                    "recompute: {right}%",
                    "다시 계산한 값으로 바꾸기: {stated}% → {right}%"
                ),
                s.pct.num_span,
                right.clone(),
            )
        });
    }
}
