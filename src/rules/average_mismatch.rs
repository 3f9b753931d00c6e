//! An average that does not follow from its total and period: `월 평균 70개` with 700 over 12 months.

use super::{Context, FixKind, RuleMeta, Scope};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::post::facts::fmt;
use crate::t;

pub static META: RuleMeta = RuleMeta {
    code: "N005",
    name: "average-mismatch",
    severity: Severity::Warning,
    fix: FixKind::Unsafe,
    scope: Scope::Post,
    options: &[],
    doc: include_str!("../../rules/average-mismatch.md"),
};

pub struct Rule;

impl super::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        for a in &cx.post.facts.averages {
            if a.months <= 0.0 {
                continue;
            }
            let expected = a.total.value / a.months;
            // Rounded, truncated or rounded up: anything within one unit of the last digit.
            let step = 10f64.powi(-i32::from(a.avg.decimals));
            if (expected - a.avg.value).abs() < step - 1e-9 {
                continue;
            }
            let stated = fmt(a.avg.value);
            let total = fmt(a.total.value);
            let months = fmt(a.months);
            let right = format!("{expected:.*}", usize::from(a.avg.decimals));
            let exact = format!("{expected:.2}");
            out.push(
                cx.diag(
                    a.avg.span,
                    t!(
                        "monthly average does not follow from the total: stated {stated}, {total} / {months} months = {exact}",
                        "월 평균이 합계와 맞지 않습니다: 적힌 값 {stated}, {total} / {months}개월 = {exact}"
                    ),
                )
                .label(a.avg.span, t!("stated average: {stated}", "적힌 평균: {stated}"))
                .label(a.total.span, t!("total: {total}", "합계: {total}"))
                .help(t!(
                    "the period of the post has {months} months",
                    "글의 기간은 {months}개월입니다"
                ))
                .replace(
                    Applicability::Unsafe,
                    t!("recompute: {right}", "다시 계산한 값으로 바꾸기: {stated} → {right}"),
                    a.avg.num_span,
                    right.clone(),
                ),
            );
        }
    }
}
