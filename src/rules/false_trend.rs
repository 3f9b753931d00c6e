//! A direction word its own values contradict: `증가(700→486)`, `decreased (24 -> 31)`; a
//! ratio they contradict: `2배 증가(40→60)`, `half of March's 80` with 60.

use super::Context;
use super::shared::contradicted_claim;
use crate::diagnostic::Diagnostic;
use crate::post::facts::{Num, Ratio, StatedChange, fmt, fmt_as};
use crate::post::numbers::Approx;
use crate::t;

/// The lowest and highest a stated value can be: a bound (`80+`) is open on one side.
fn range(n: &Num) -> (f64, f64) {
    match n.approx {
        Approx::AtLeast => (n.value, f64::INFINITY),
        Approx::AtMost => (f64::NEG_INFINITY, n.value),
        _ => (n.value, n.value),
    }
}

/// A value as written: `80+` for a lower bound.
fn written(n: &Num) -> String {
    let v = fmt(n.value);
    match n.approx {
        Approx::AtLeast => format!("{v}+"),
        Approx::AtMost => format!("≤{v}"),
        _ => v,
    }
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for tr in &cx.post.facts.trends {
        let ((a_lo, a_hi), (b_lo, b_hi)) = (range(&tr.from), range(&tr.to));
        // Wrong only when every value the bounds allow goes the other way.
        let wrong = if tr.up { b_hi < a_lo } else { b_lo > a_hi };
        if !wrong {
            continue;
        }
        let (a, b) = (tr.from.value, tr.to.value);
        let (fa, fb) = (written(&tr.from), written(&tr.to));
        let w = &tr.word_text;
        let (dir_en, dir_ko) = if tr.up {
            ("an increase", "증가")
        } else {
            ("a decrease", "감소")
        };
        let (real_en, real_ko) = if b < a {
            ("went down", "감소")
        } else {
            ("went up", "증가")
        };
        out.push(contradicted_claim(
            cx,
            tr.word.cover(tr.from.span).cover(tr.to.span),
            t!(
                "`{w}` says {dir_en}, but {fa} → {fb} {real_en}",
                "방향이 수치와 맞지 않습니다: 적힌 말 {dir_ko}, 실제 {fa} → {fb} ({real_ko})"
            ),
            [
                (tr.word, t!("`{w}`", "`{w}`")),
                (tr.from.span, t!("from {fa}", "이전: {fa}")),
                (tr.to.span, t!("to {fb}", "이후: {fb}")),
            ],
            t!(
                "swap the values or the word",
                "수치의 순서나 방향을 나타내는 말을 고치세요"
            ),
        ));
    }
    for r in &cx.post.facts.ratios {
        ratio(cx, r, out);
    }
    for c in &cx.post.facts.stated_changes {
        stated_change(cx, c, out);
    }
}

/// `6 → 24 (+400%)`: a change its two values contradict.
fn stated_change(cx: &Context, c: &StatedChange, out: &mut Vec<Diagnostic>) {
    let (a, b, d) = (c.from.value, c.to.value, c.change.value);
    let step = |n: &Num| 10f64.powi(-i32::from(n.decimals));
    let (actual, tol) = if c.relative {
        // Each percentage ±1 point, more when the values are small and rounded.
        let rounding = 100.0 * step(&c.from).max(step(&c.to)) * (1.0 / a + b / (a * a));
        ((b / a - 1.0) * 100.0, (0.5 * step(&c.change)).max(1.0).max(rounding))
    } else {
        (
            b - a,
            (0.5 * step(&c.change)).max(step(&c.from)).max(step(&c.to)),
        )
    };
    if (actual - d).abs() <= tol + 1e-9 {
        return;
    }
    let pct = if c.relative { "%" } else { "" };
    let sign = |x: f64| if x < 0.0 { "-" } else { "+" };
    let dec = if c.relative { 0 } else { c.change.decimals };
    let stated = format!("{}{}{pct}", sign(d), fmt_as(d.abs(), c.change.decimals, false));
    let real = format!("{}{}{pct}", sign(actual), fmt_as(actual.abs(), dec, false));
    let (fa, fb) = (fmt(a), fmt(b));
    out.push(contradicted_claim(
        cx,
        c.span,
        t!(
            "the stated change {stated} does not follow from {fa} → {fb}: {real}",
            "변화량이 수치와 맞지 않습니다: 적힌 값 {stated}, 실제 {fa} → {fb} ({real})"
        ),
        [
            (c.span, t!("stated: {stated}", "적힌 값: {stated}")),
            (c.from.span, t!("from {fa}", "이전: {fa}")),
            (c.to.span, t!("to {fb}", "이후: {fb}")),
        ],
        t!(
            "correct the change or the values",
            "변화량이나 수치를 고치세요"
        ),
    ));
}

/// A ratio word its two values contradict.
fn ratio(cx: &Context, r: &Ratio, out: &mut Vec<Diagnostic>) {
    let actual = r.value.value / r.base.value;
    let near = |f: f64| (actual - f).abs() <= r.tolerance.max(1e-9);
    let inverse = r.inverse && actual > 0.0 && (1.0 / actual - r.factor).abs() <= r.tolerance;
    if near(r.factor) || (r.or_plus_one && near(r.factor + 1.0)) || inverse {
        return;
    }
    let (w, mut b, mut v) = (&r.word_text, fmt(r.base.value), fmt(r.value.value));
    let (base_at, value_at) = (b.clone(), v.clone());
    let f = fmt(r.factor);
    let mut a = fmt((actual * 100.0).round() / 100.0);
    if r.inverse && actual < 1.0 {
        // A reduction: show it the way it is claimed, `300 / 100 = ×3`.
        std::mem::swap(&mut b, &mut v);
        a = fmt((100.0 / actual).round() / 100.0);
    }
    out.push(contradicted_claim(
        cx,
        r.word,
        t!(
            "`{w}` says ×{f}, but {v} / {b} = ×{a}",
            "배율이 수치와 맞지 않습니다: 적힌 말 `{w}` (×{f}), 실제 {v} / {b} = ×{a}"
        ),
        [
            (r.word, t!("×{f}", "×{f}")),
            (r.base.span, t!("base {base_at}", "기준: {base_at}")),
            (r.value.span, t!("{value_at}", "비교 값: {value_at}")),
        ],
        t!(
            "correct the ratio or the values",
            "배율이나 수치를 고치세요"
        ),
    ));
}
