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
        out.push(
            d.help(t!(
                "{part} of {base} is {right}% ({base_en})",
                "{part} / {base} = {right}% ({base_ko})"
            ))
            .replace(
                Applicability::Unsafe,
                t!(
                    "recompute: {right}%",
                    "다시 계산한 값으로 바꾸기: {stated}% → {right}%"
                ),
                s.pct.num_span,
                right.clone(),
            ),
        );
    }
    // A percentage column whose rows are a partition must add up to about 100.
    let mut groups: Vec<(crate::source::Span, Vec<&crate::post::facts::Share>)> = Vec::new();
    for s in facts.shares.iter().filter(|s| s.base_is_sum) {
        match groups.iter_mut().find(|(b, _)| *b == s.base.span) {
            Some((_, g)) => g.push(s),
            None => groups.push((s.base.span, vec![s])),
        }
    }
    for (_, g) in groups {
        let total: f64 = g.iter().map(|s| s.pct.value).sum();
        if (total - 100.0).abs() <= 1.5 + 1e-9 {
            continue;
        }
        // Already reported row by row when a row is off.
        if g.iter().any(|s| {
            let e = s.part.value / s.base.value.max(1e-9) * 100.0;
            (e - s.pct.value).abs() > 1.0 + 1e-9
        }) {
            continue;
        }
        let t = fmt(total);
        let first = g[0].pct.span;
        let mut d = cx.diag(
            first,
            t!(
                "percentages of a breakdown add up to {t}%, not 100%",
                "나눈 비율의 합이 100%가 아닙니다: 합 {t}%"
            ),
        );
        for s in &g {
            let v = fmt(s.pct.value);
            d = d.label(s.pct.span, t!("{v}%", "{v}%"));
        }
        out.push(d);
    }
}
