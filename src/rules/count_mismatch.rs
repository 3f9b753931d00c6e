//! A count stated over the rows or items it heads: `### Backend (14 commits)` over a table
//! of 9 rows.

use super::Context;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::post::facts::fmt;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for c in &cx.post.facts.counts {
        let counted = c.counted();
        if !c.stated.exact() || (counted - c.stated.value).abs() < 1e-9 {
            continue;
        }
        let stated = fmt(c.stated.value);
        let got = fmt(counted);
        let n = c.items.len();
        let weighted = (counted - n as f64).abs() > 1e-9;
        let (what_en, what_ko) = match (c.of_table, c.carried) {
            (true, false) => ("the table below has", "아래 표의 개수와"),
            (false, false) => ("the list below has", "아래 목록의 개수와"),
            (true, true) => ("the table below adds up to", "아래 표에 적힌 수의 합과"),
            (false, true) => ("the list below adds up to", "아래 목록에 적힌 수의 합과"),
        };
        let (unit_en, unit_ko) = if c.of_table {
            ("rows", "행")
        } else {
            ("items", "항목")
        };
        let (detail_en, detail_ko) = if c.carried {
            (
                format!(" ({n} {unit_en}, each counted by the number it carries)"),
                format!(" ({unit_ko} {n}개, 각 {unit_ko}에 적힌 수로 계산)"),
            )
        } else if weighted {
            (
                format!(" ({n} {unit_en}, entries marked `(N commits)` or `xN` counted N times)"),
                format!(" ({unit_ko} {n}개, `(N개 커밋)`, `(N개)`, `xN` 표시는 N개로 계산)"),
            )
        } else {
            (String::new(), String::new())
        };
        let block = c
            .items
            .first()
            .zip(c.items.last())
            .map(|(a, b)| a.0.cover(b.0));
        let mut d = cx
            .diag(
                c.stated.span,
                t!(
                    "stated count {stated} does not match: {what_en} {got}{detail_en}",
                    "적힌 개수가 {what_ko} 다릅니다: 적힌 값 {stated}, 실제 {got}{detail_ko}"
                ),
            )
            .label(c.stated.span, t!("stated: {stated}", "적힌 값: {stated}"));
        if let Some(b) = block {
            d = d.label(b, t!("{got} counted here", "여기서 센 개수: {got}"));
        }
        out.push(
            d.help(t!(
                "write {got}, or add the missing entries (or say that the list is partial)",
                "개수를 고치거나(후보: {got}), 빠진 항목을 채우세요 (일부만 적었다면 '주요'처럼 밝히세요)"
            ))
            .replace(
                Applicability::DisplayOnly,
                t!("set the count to {got}", "개수 바꾸기: {stated} → {got}"),
                c.stated.num_span,
                got.clone(),
            ),
        );
    }
}
