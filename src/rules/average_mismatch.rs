//! An average that does not follow from its total and period: `월 평균 70개` with 700 over
//! 12 months; `하루 평균 4개` with 60 over a stated 20 days.

use super::Context;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::post::facts::fmt;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for a in &cx.post.facts.averages {
        if a.divisor <= 0.0 {
            continue;
        }
        let expected = a.total.value / a.divisor;
        // Rounded, truncated or rounded up: anything within one unit of the last digit.
        let step = 10f64.powi(-i32::from(a.avg.decimals));
        if (expected - a.avg.value).abs() < step - 1e-9 {
            continue;
        }
        let stated = fmt(a.avg.value);
        let total = fmt(a.total.value);
        let n = fmt(a.divisor);
        let right = format!("{expected:.*}", usize::from(a.avg.decimals));
        let exact = format!("{expected:.2}");
        let mut d = if a.per_day {
            cx.diag(
                a.avg.span,
                t!(
                    "daily average does not follow from the total: stated {stated}, {total} / {n} days = {exact}",
                    "하루 평균이 합계와 맞지 않습니다: 적힌 값 {stated}, {total} / {n}일 = {exact}"
                ),
            )
            .help(t!(
                "the post states {n} days",
                "글에 적힌 일수는 {n}일입니다"
            ))
        } else {
            cx.diag(
                a.avg.span,
                t!(
                    "monthly average does not follow from the total: stated {stated}, {total} / {n} months = {exact}",
                    "월 평균이 합계와 맞지 않습니다: 적힌 값 {stated}, {total} / {n}개월 = {exact}"
                ),
            )
            .help(t!(
                "the period of the post has {n} months",
                "글의 기간은 {n}개월입니다"
            ))
        };
        d = d
            .label(
                a.avg.span,
                t!("stated average: {stated}", "적힌 평균: {stated}"),
            )
            .label(a.total.span, t!("total: {total}", "합계: {total}"));
        if let Some(sp) = a.divisor_span {
            d = d.label(sp, t!("{n} days", "{n}일"));
        }
        out.push(d.replace(
            Applicability::Unsafe,
            t!(
                "recompute: {right}",
                "다시 계산한 값으로 바꾸기: {stated} → {right}"
            ),
            a.avg.num_span,
            right.clone(),
        ));
    }
}
