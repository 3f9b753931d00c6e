//! Lower bounds whose sum exceeds the total they divide: `100개 (A 80개+ + B 30개+)`.

use super::Context;
use super::shared::{arithmetic, total_against_parts};
use crate::diagnostic::Diagnostic;
use crate::post::facts::fmt;
use crate::post::numbers::Approx;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for s in &cx.post.facts.sums {
        // An exact total or an upper bound, parts exact or lower bounds, one bound at least.
        if !matches!(s.total.approx, Approx::Exact | Approx::AtMost)
            || !s.parts.iter().any(|p| p.num.approx == Approx::AtLeast)
            || s.parts
                .iter()
                .any(|p| !matches!(p.num.approx, Approx::Exact | Approx::AtLeast))
        {
            continue;
        }
        let least: f64 = s.parts.iter().map(|p| p.num.value).sum();
        if least <= s.total.value + 1e-9 {
            continue;
        }
        let total = fmt(s.total.value);
        let l = fmt(least);
        let values: Vec<f64> = s.parts.iter().map(|p| p.num.value).collect();
        let arith = arithmetic(&values, least);
        let d = total_against_parts(
            cx,
            s,
            t!(
                "the parts are at least {l} ({arith}), more than the total {total}",
                "항목의 최솟값 합이 합계보다 큽니다: 합계 {total}, 최솟값의 합 {l} ({arith})"
            ),
            t!("total: {total}", "합계: {total}"),
            |_, v| t!("at least {v}", "최소 {v}"),
        );
        out.push(d.help(t!(
            "raise the total or lower a bound",
            "합계를 늘리거나 최솟값을 낮추세요"
        )));
    }
}
