//! A share that does not follow from its part and base: `48개 (90%)` of 50; a change that
//! does not follow from its two values: `+20% (1,375→1,540)`.

use super::Context;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::post::facts::{Num, Share, ShareOf, fmt};
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
        if s.of != ShareOf::Part {
            if let Some(d) = change(cx, s) {
                out.push(d);
            }
            continue;
        }
        let part = written(cx, &s.part);
        let base = if s.base_is_sum {
            fmt(s.base.value)
        } else {
            written(cx, &s.base)
        };
        let stated = written(cx, &s.pct);
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
        // The post's rounding: one point either way for a whole percentage; for one with
        // decimals, two units of its last digit (`3.5%` claims a tenth, not a point).
        if (expected - s.pct.value).abs() <= tolerance(s.pct.decimals) + 1e-9 {
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

/// How far a stated share may be from its part over its base, by the decimals it has.
fn tolerance(decimals: u8) -> f64 {
    if decimals == 0 {
        1.0
    } else {
        2.0 * 10f64.powi(-i32::from(decimals))
    }
}

/// The number as written (`1,540`), else formatted.
fn written(cx: &Context, n: &Num) -> String {
    cx.text()
        .get(n.num_span.range())
        .filter(|w| {
            w.bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        })
        .map_or_else(|| fmt(n.value), str::to_owned)
}

/// A change from `base` to `part` that its stated percentage (or points) does not match.
fn change(cx: &Context, s: &Share) -> Option<Diagnostic> {
    let (from, to) = (s.base.value, s.part.value);
    let (expected, tolerance, unit) = match s.of {
        ShareOf::Points => (to - from, 10f64.powi(-i32::from(s.pct.decimals)), "%p"),
        _ if from == 0.0 => return None,
        // One point, or half a percent of a large change (`+8300%`), either way.
        _ => {
            let e = (to - from) / from * 100.0;
            (e, (0.005 * e.abs()).max(1.0), "%")
        }
    };
    if (expected - s.pct.value).abs() <= tolerance + 1e-9 {
        return None;
    }
    let sign = |v: f64| if v < 0.0 { "-" } else { "+" };
    let stated = format!("{}{}", sign(s.pct.value), written(cx, &s.pct));
    let magnitude = with_decimals(expected.abs(), s.pct.decimals);
    let right = format!("{}{magnitude}", sign(expected));
    let pc = if s.of == ShareOf::Points { "%" } else { "" };
    let (a, b) = (
        format!("{}{pc}", written(cx, &s.base)),
        format!("{}{pc}", written(cx, &s.part)),
    );
    let d = cx
        .diag(
            s.pct.span,
            t!(
                "change does not follow from its numbers: stated {stated}{unit}, {a} → {b} is {right}{unit}",
                "증감이 수치와 맞지 않습니다: 적힌 값 {stated}{unit}, {a} → {b}: {right}{unit}"
            ),
        )
        .label(s.pct.span, t!("stated: {stated}{unit}", "적힌 값: {stated}{unit}"))
        .label(s.base.span, t!("from: {a}", "이전: {a}"))
        .label(s.part.span, t!("to: {b}", "이후: {b}"));
    // The number alone is replaced: only when the sign stays.
    if (expected < 0.0) != (s.pct.value < 0.0) {
        return Some(d);
    }
    Some(d.replace(
        Applicability::Unsafe,
        t!(
            "recompute: {right}{unit}",
            "다시 계산한 값으로 바꾸기: {stated}{unit} → {right}{unit}"
        ),
        s.pct.num_span,
        magnitude,
    ))
}
