//! A stated total that differs from the sum of its listed parts: `700개 (A 330 + B 178)`,
//! a table's total row, a month table's column against the total stated above it.

use super::Context;
use super::shared::{total_against_parts, written_arithmetic};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::post::facts::{Sum, fmt, fmt_as};
use crate::t;

/// Whether two values differ beyond the precision they are written with.
fn differs(a: f64, b: f64, decimals: u8) -> bool {
    let tol = if decimals == 0 {
        1e-9
    } else {
        0.5 * 10f64.powi(-i32::from(decimals)) + 1e-9
    };
    (a - b).abs() > tol
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut seen = Vec::new();
    for s in &cx.post.facts.sums {
        if !s.total.exact() || s.parts.iter().any(|p| !p.num.exact()) {
            continue;
        }
        let sum: f64 = s.parts.iter().map(|p| p.num.value).sum();
        let decimals = s.decimals();
        if !differs(sum, s.total.value, decimals) {
            continue;
        }
        let key = (s.total.span, s.parts.first().map(|p| p.num.span));
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        out.push(report(cx, s, sum));
    }
}

fn report(cx: &Context, s: &Sum, sum: f64) -> Diagnostic {
    let text = &cx.post.source.text;
    let written =
        |n: &crate::post::facts::Num| text.get(n.num_span.range()).unwrap_or("").to_owned();
    let grouped =
        written(&s.total).contains(',') || s.parts.iter().any(|p| written(&p.num).contains(','));
    let decimals = s.decimals();
    let total = written(&s.total);
    let got = fmt_as(sum, decimals, grouped);
    let n = s.parts.len();
    let (kind_en, kind_ko) = (s.part_kind.en(), s.part_kind.ko());
    let terms: Vec<String> = s
        .parts
        .iter()
        .map(|p| {
            let w = written(&p.num);
            if w.bytes().any(|b| b.is_ascii_digit()) {
                w
            } else {
                fmt(p.num.value)
            }
        })
        .collect();
    let arith = written_arithmetic(terms, got.clone());
    let metric_en = s
        .metric
        .map_or(String::new(), |m| format!(" of {}", m.en()));
    let metric_ko = s.metric.map_or(String::new(), |m| format!(" ({})", m.ko()));
    let diff = fmt_as((sum - s.total.value).abs(), decimals, grouped);
    let d = total_against_parts(
        cx,
        s,
        t!(
            "the total{metric_en} does not add up: stated {total}, the {n} {kind_en} add up to {got} ({arith})",
            "합계가 항목의 합과 다릅니다{metric_ko}: 적힌 값 {total}, {kind_ko} {n}개의 합 {got} ({arith})"
        ),
        t!("stated total: {total}", "적힌 합계: {total}"),
        |p, v| {
            let l = if p.label.is_empty() {
                v.clone()
            } else {
                format!("{} {v}", p.label)
            };
            t!("{l}", "{l}")
        },
    );
    d.help(t!(
        "either the total should be {got}, or a part is off by {diff}",
        "합계를 고치거나(후보: {got}), 틀린 항목을 고치세요 (차이: {diff})"
    ))
    .replace(
        Applicability::DisplayOnly,
        t!("set the total to {got}", "합계 바꾸기: {total} → {got}"),
        s.total.num_span,
        got.clone(),
    )
}
