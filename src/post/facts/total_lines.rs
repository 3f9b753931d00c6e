//! A table without a total row, closed by a paragraph that states its total: `Total
//! expenses: $245` or `**합계**: 245,000원` right after a table of expenses. The table is
//! the breakdown that line sums up, so its one value column must add up to it.

use super::prose_shares::breakdown_labels;
use super::sections::Cx;
use super::tables::cell_value;
use super::types::{Facts, Num, Part, PartKind, Sum, SumShape};
use super::vocabulary::{
    clean_label, compatible, is_not_part_label, is_partial, is_total_label, is_total_row_label,
    metric_in, narrows, other_period,
};
use crate::post::markdown::{Block, Table};
use crate::post::numbers::{self, Approx, Unit};

pub(super) fn total_lines(cx: &Cx, f: &mut Facts) {
    let doc = cx.doc;
    for (k, b) in doc.blocks.iter().enumerate() {
        let (Block::Table(ti), Some(Block::Paragraph(pi))) = (*b, doc.blocks.get(k + 1).copied())
        else {
            continue;
        };
        let t = &doc.tables[ti];
        let inl = &doc.paragraphs[pi].text;
        // The paragraph follows the table in its section, with no heading between.
        if cx.sec.at(t.span.start) != cx.sec.at(inl.span().start) {
            continue;
        }
        let Some((col, parts)) = value_column(t) else {
            continue;
        };
        let s = inl.text.as_str();
        let Some(colon) = s.find([':', '=']) else {
            continue;
        };
        let label = s[..colon].trim().trim_matches('*').trim();
        if !is_total_label(label) || other_period(label) || narrows(label) {
            continue;
        }
        // `Total revenue:` after a table of expenses sums up something else.
        let heading = cx
            .sec
            .at(t.span.start)
            .map_or("", |h| doc.headings[h].text.text.as_str());
        // `## Top expenses` lists a selection of what the line sums up.
        if is_partial(heading) {
            continue;
        }
        let header = t.header.cells.get(col).map_or("", |c| c.plain());
        if !names_the_table(label, heading, header) {
            continue;
        }
        let qs = numbers::scan(s);
        let Some(q) = qs.iter().find(|q| q.range.start > colon) else {
            continue;
        };
        let gap = s[colon + 1..q.range.start].trim().trim_matches('*').trim();
        if !gap.is_empty()
            || q.approx != Approx::Exact
            || q.is_percent()
            || q.signed
            || !parts.iter().all(|(_, u)| compatible(*u, q.unit))
        {
            continue;
        }
        // `Total: $300, including taxes`: more than the rows.
        let tail = s[q.range.end..]
            .split(". ")
            .next()
            .unwrap_or("")
            .to_lowercase();
        if [
            "includ", "incl", "other", "plus", "exclud", "포함", "기타", "제외", " 외",
        ]
        .iter()
        .any(|w| tail.contains(w))
        {
            continue;
        }
        f.sums.push(Sum {
            total: Num::from_q(inl, q),
            parts: parts.into_iter().map(|(p, _)| p).collect(),
            shape: SumShape::TableTotal,
            metric: metric_in(header).or_else(|| metric_in(heading)),
            part_kind: PartKind::Row,
        });
    }
}

/// A row's part, with the unit its amount is written in.
type UnitPart = (Part, Option<Unit>);

/// The table's one column of exact amounts, row by row, when no row is a total row and the
/// table breaks a whole down ([`breakdown_labels`]; months have their own readers).
fn value_column(t: &Table) -> Option<(usize, Vec<UnitPart>)> {
    let labels = breakdown_labels(t)?;
    if labels.iter().any(|l| is_total_row_label(l)) {
        return None;
    }
    let mut found = None;
    for (col, head) in t.header.cells.iter().enumerate().skip(1) {
        let values: Option<Vec<_>> = t
            .rows
            .iter()
            .map(|r| {
                let c = r.cells.get(col)?;
                match cell_value(c) {
                    Some(Some(q)) if q.approx == Approx::Exact && !q.is_percent() && !q.signed => {
                        Some((c, q))
                    }
                    _ => None,
                }
            })
            .collect();
        let Some(values) = values else { continue };
        // A second column of amounts leaves open which one the line sums up.
        if found.is_some() || is_partial(head.plain()) || is_not_part_label(head.plain()) {
            return None;
        }
        let parts = values
            .iter()
            .zip(&labels)
            .map(|((c, q), l)| {
                let part = Part {
                    label: clean_label(l).to_owned(),
                    num: Num::from_q(&c.text, q),
                };
                (part, q.unit)
            })
            .collect();
        found = Some((col, parts));
    }
    found
}

/// Whether the words of the label after its total word (`expenses` of `Total expenses`)
/// name the table's heading or value column; a bare `Total` or `합계` names it.
fn names_the_table(label: &str, heading: &str, header: &str) -> bool {
    let rest = label.to_lowercase();
    let rest = [
        "total", "sum", "overall", "총계", "총합", "합계", "전체", "총",
    ]
    .iter()
    .find_map(|w| rest.strip_prefix(w))
    .unwrap_or(&rest)
    .trim()
    .to_owned();
    if rest.is_empty() {
        return true;
    }
    let place = format!("{} {}", heading.to_lowercase(), header.to_lowercase());
    rest.split_whitespace().all(|w| {
        let stem = w.trim_end_matches('s');
        stem.chars().count() >= 2 && place.contains(stem)
    })
}
