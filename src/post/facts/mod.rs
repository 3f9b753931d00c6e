//! Quantitative claims of one post, extracted once from the model and shared by every
//! numeric rule: totals with their parts, counts of what follows, figures per metric and
//! scope, shares, averages, superlatives and trends.
//!
//! Extraction is linear in the size of the post: every inline is scanned once, tables and
//! lists are walked once, and section lookups are binary searches over heading offsets.

mod averages;
mod figures;
mod format;
mod inline_sums;
mod ratios;
mod sections;
mod superlatives;
mod tables;
mod text;
mod trends;
mod types;
mod vocabulary;

pub use format::{fmt, fmt_as};
pub use types::{
    Average, Count, Facts, Figure, Metric, MonthRow, Num, Part, PartKind, Ratio, Share, SiteFigure,
    Sum, SumShape, Superlative, Trend, YearFigure, site_figures,
};
pub use vocabulary::{
    canonical_scope, clean_label, compatible, metric_in, month_label, quarter_label,
};

use super::markdown::{Block, Document, Inline};
use super::numbers::{self, Quantity};
use averages::{averages, daily_averages, key_value_daily};
use figures::figures;
use inline_sums::{paren_sum, share_of};
use ratios::ratios;
use sections::{Cx, Sections};
use superlatives::superlative_claims;
use tables::{table_facts, year_rows};
use text::parens;
use trends::trends;
use vocabulary::{is_more_row, is_not_part_label, is_partial, is_total_label, unit_metric};

// ---------------------------------------------------------------------------------------
// Extraction

/// Extract the facts of a post's document. `months` is the length of the post's period.
pub fn extract(doc: &Document, months: Option<f64>, own_month: Option<u8>) -> Facts {
    let cx = Cx {
        doc,
        sec: Sections::new(doc),
        months,
        own_month,
    };
    let mut f = Facts::default();
    for p in &doc.paragraphs {
        inline_facts(&cx, &p.text, None, &mut f);
    }
    for h in &doc.headings {
        inline_facts(&cx, &h.text, None, &mut f);
    }
    for it in &doc.items {
        inline_facts(&cx, &it.text, None, &mut f);
    }
    for t in &doc.tables {
        for r in &t.rows {
            let label = r.cells.first().map(|c| c.plain()).unwrap_or("");
            for (ci, c) in r.cells.iter().enumerate().skip(1) {
                let head = t.header.cells.get(ci).map(|c| c.plain()).unwrap_or("");
                inline_facts(&cx, &c.text, Some((label, head)), &mut f);
            }
        }
    }
    list_blocks(&cx, &mut f);
    heading_counts(&cx, &mut f);
    // Month tables per parent section: a parent's total fits a month table only when it
    // is the only one there.
    let mut per_parent: std::collections::HashMap<Option<usize>, usize> = Default::default();
    for t in &doc.tables {
        let months = t
            .rows
            .iter()
            .filter(|r| {
                r.cells
                    .first()
                    .is_some_and(|c| month_label(c.plain()).is_some())
            })
            .count();
        if months >= 2 {
            *per_parent
                .entry(cx.sec.chain(t.span.start).get(1).copied())
                .or_default() += 1;
        }
    }
    for (ti, t) in doc.tables.iter().enumerate() {
        let shared = per_parent
            .get(&cx.sec.chain(t.span.start).get(1).copied())
            .is_some_and(|&n| n > 1);
        table_facts(&cx, ti, t, shared, &mut f);
    }
    averages(&cx, &mut f);
    daily_averages(&cx, &mut f);
    key_value_daily(&cx, &mut f);
    for t in &doc.tables {
        year_rows(t, &mut f);
    }
    f
}

/// Facts inside one inline run: sums in parentheses, figures, shares, superlatives, trends.
/// `cell` is the row label and column header when the run is a table cell.
fn inline_facts(cx: &Cx, inl: &Inline, cell: Option<(&str, &str)>, f: &mut Facts) {
    let s = inl.text.as_str();
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let qs = numbers::scan(s);
    if qs.is_empty() {
        return;
    }
    let at = inl.span().start;
    let sec_metric = cx.section_metric(at);
    for body in parens(s) {
        paren_sum(cx, inl, &qs, body, cell, sec_metric, f);
    }
    figures(cx, inl, &qs, cell, sec_metric, f);
    share_of(inl, &qs, f);
    trends(inl, &qs, f);
    ratios(inl, &qs, f);
    superlative_claims(cx, inl, &qs, sec_metric, f);
}

/// `**총 커밋 수**: 75개` followed by `**Backend**: 40개` items in the same list.
fn list_blocks(cx: &Cx, f: &mut Facts) {
    let doc = cx.doc;
    for list in &doc.lists {
        let items: Vec<_> = list.items.iter().map(|&i| &doc.items[i]).collect();
        let mut k = 0;
        while k < items.len() {
            let it = items[k];
            let Some((label, q, share)) = kv_item(&it.text) else {
                k += 1;
                continue;
            };
            if !is_total_label(label) || !q.is_exact() {
                k += 1;
                continue;
            }
            // Siblings until the next total.
            let mut parts = Vec::new();
            let mut shares = Vec::new();
            let mut ok = true;
            let mut j = k + 1;
            while j < items.len() {
                let Some((l, pq, psh)) = kv_item(&items[j].text) else {
                    ok = false;
                    break;
                };
                if is_total_label(l) {
                    break;
                }
                if is_not_part_label(l) || !compatible(q.unit, pq.unit) {
                    ok = false;
                }
                if let Some(p) = psh {
                    shares.push((pq.clone(), p, j));
                }
                parts.push((l.to_owned(), pq, j));
                j += 1;
            }
            let _ = share;
            let total = Num::from_q(&it.text, &q);
            if ok && parts.len() >= 2 && !is_partial(label) {
                let metric = unit_metric(q.unit)
                    .or_else(|| metric_in(label))
                    .or_else(|| cx.section_metric(it.span.start));
                f.sums.push(Sum {
                    total: total.clone(),
                    parts: parts
                        .iter()
                        .map(|(l, pq, j)| Part {
                            label: clean_label(l).to_owned(),
                            num: Num::from_q(&items[*j].text, pq),
                        })
                        .collect(),
                    shape: SumShape::List,
                    metric,
                    part_kind: PartKind::Item,
                });
            }
            if ok {
                for (pq, p, j) in shares {
                    f.shares.push(Share {
                        part: Num::from_q(&items[j].text, &pq),
                        base: total.clone(),
                        pct: Num::from_q(&items[j].text, &p),
                        base_is_sum: false,
                    });
                }
            }
            k = j;
        }
    }
}

/// An item that is just `label: quantity` (optionally `(P%)` after it).
fn kv_item(inl: &Inline) -> Option<(&str, Quantity, Option<Quantity>)> {
    let s = inl.text.trim_end();
    let (label, _) = s.split_once(':')?;
    if label.bytes().any(|b| b.is_ascii_digit())
        || label.chars().count() > 40
        || label.trim().is_empty()
    {
        return None;
    }
    let qs = numbers::scan(s);
    let vstart = label.len() + 1;
    let mut it = qs.into_iter().filter(|q| q.range.start >= vstart);
    let q = it.next()?;
    if s[vstart..q.range.start].trim() != "" {
        return None;
    }
    let rest = s[q.range.end..].trim();
    if rest.is_empty() {
        return Some((label, q, None));
    }
    let p = it.next()?;
    if p.is_percent()
        && rest.starts_with('(')
        && rest.ends_with(')')
        && s[p.range.end..].trim() == ")"
    {
        return Some((label, q, Some(p)));
    }
    None
}

/// `### Backend (14 commits)` or `**개선 이슈 (3개):**` over the table or list below it.
fn heading_counts(cx: &Cx, f: &mut Facts) {
    let doc = cx.doc;
    for (bi, b) in doc.blocks.iter().enumerate() {
        let (inl, holder) = match *b {
            Block::Heading(i) => (&doc.headings[i].text, doc.headings[i].span),
            Block::Paragraph(i) => {
                let p = &doc.paragraphs[i];
                let t = p.text.text.trim_end();
                if !(t.ends_with(':') || t.ends_with(')'))
                    || t.contains('\n')
                    || t.chars().count() > 80
                {
                    continue;
                }
                (&p.text, p.span)
            }
            _ => continue,
        };
        let s = inl.text.trim_end().trim_end_matches(':').trim_end();
        if !s.ends_with(')') && !matches!(b, Block::Heading(_)) {
            continue;
        }
        // The last parenthesis holds the count: `(14 commits)`, `(8개 이슈)`, `(3개)`.
        let Some(body) = parens(&inl.text).into_iter().rev().find(|r| {
            let x = inl.text[r.clone()].trim();
            !x.is_empty()
        }) else {
            continue;
        };
        let inner = inl.text[body.clone()].trim();
        let qs = numbers::scan(inner);
        let [q] = qs.as_slice() else { continue };
        if q.range.len() != inner.len()
            && !(inner.ends_with("커밋") || inner.ends_with("이슈") || inner.ends_with("건"))
        {
            continue;
        }
        if !q.is_exact()
            || q.is_percent()
            || q.unit.is_none()
            || matches!(q.unit, Some("개월" | "주" | "원" | "$" | "시간" | "배"))
        {
            continue;
        }
        let s_full = &inl.text;
        if is_partial(s_full) {
            continue;
        }
        // The block that follows, skipping one short intro paragraph.
        let mut j = bi + 1;
        let mut intro_partial = false;
        if let Some(Block::Paragraph(p)) = doc.blocks.get(j) {
            let t = &doc.paragraphs[*p].text.text;
            intro_partial = is_partial(t);
            j += 1;
        }
        let mut qq = q.clone();
        let off =
            body.start + (inl.text[body.clone()].len() - inl.text[body.clone()].trim_start().len());
        qq.range = qq.range.start + off..qq.range.end + off;
        qq.num = qq.num.start + off..qq.num.end + off;
        let stated = Num::from_q(inl, &qq);
        match doc.blocks.get(j) {
            Some(Block::Table(t)) if !intro_partial => {
                let t = &doc.tables[*t];
                if t.rows
                    .iter()
                    .any(|r| could_be_more_row(r) && is_more_row(&r.span_text_hint()))
                {
                    continue;
                }
                // A count of commits over a table of issues counts something else.
                let header: Vec<&str> = t.header.cells.iter().map(|c| c.plain()).collect();
                if let (Some(a), Some(b)) = (unit_metric(q.unit), metric_in(&header.join(" ")))
                    && a != b
                {
                    continue;
                }
                let items = t
                    .rows
                    .iter()
                    .map(|r| {
                        (
                            r.span,
                            r.cells
                                .iter()
                                .map(|c| weight(&c.text.text))
                                .fold(1.0, f64::max),
                        )
                    })
                    .collect();
                f.counts.push(Count {
                    stated,
                    holder,
                    items,
                    of_table: true,
                });
            }
            Some(Block::List(l)) if !intro_partial => {
                let l = &doc.lists[*l];
                let items = l
                    .items
                    .iter()
                    .map(|&i| (doc.items[i].span, weight(&doc.items[i].text.text)))
                    .collect();
                f.counts.push(Count {
                    stated,
                    holder,
                    items,
                    of_table: false,
                });
            }
            _ => {}
        }
    }
}

/// Whether a row has what [`is_more_row`] looks for (`...`, `…`, `외`, `more`), without
/// joining its cells.
fn could_be_more_row(r: &super::markdown::Row) -> bool {
    static MARKS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| super::word_finder(["...", "…", "외", "more"]));
    r.cells.iter().any(|c| MARKS.is_match(&c.text.text))
}

trait RowHint {
    fn span_text_hint(&self) -> String;
}
impl RowHint for super::markdown::Row {
    fn span_text_hint(&self) -> String {
        let mut s = String::new();
        for c in &self.cells {
            s.push_str(&c.text.text);
            s.push(' ');
        }
        s
    }
}

/// `(3개 커밋)` or `(3 commits)` at the end of a row or item counts 3.
fn weight(s: &str) -> f64 {
    let t = s.trim_end();
    if let Some(body) = parens(t).last()
        && body.end + 1 == t.len()
    {
        let inner = t[body.clone()].trim();
        let qs = numbers::scan(inner);
        if let [q] = qs.as_slice()
            && q.range.start == 0
            && q.is_exact()
            && (q.unit == Some("commit") || inner.ends_with("커밋") || inner.ends_with("commits"))
            && q.value >= 1.0
        {
            return q.value;
        }
    }
    1.0
}

#[cfg(test)]
mod tests;
