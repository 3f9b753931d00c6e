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

use super::markdown::{Block, Document, Inline, Table};
use super::numbers::{self, Approx, Quantity, Unit};
use averages::{averages, daily_averages, key_value_daily};
use figures::figures;
use inline_sums::{paren_sum, share_of};
use ratios::ratios;
use sections::{Cx, Sections};
use superlatives::superlative_claims;
use text::parens;
use trends::trends;
use vocabulary::{
    has_any, is_more_row, is_not_part_label, is_partial, is_total_label, is_total_row_label,
    unit_metric,
};

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

/// The leading quantity of a cell, `-` and empty as zero.
fn cell_value(c: &super::markdown::Cell) -> Option<Option<Quantity>> {
    let t = c.plain();
    if t.is_empty() || matches!(t, "-" | "–" | "—" | "0") {
        if t == "0" {
            return Some(numbers::scan(&c.text.text).into_iter().next());
        }
        return Some(None);
    }
    let qs = numbers::scan(&c.text.text);
    let q = qs.into_iter().next()?;
    let lead = c.text.text[..q.range.start].trim();
    if !lead.is_empty() {
        return None;
    }
    // A footnote marker may follow: `$2,410.75*`, `12†`.
    let rest = c.text.text[q.range.end..]
        .trim()
        .trim_start_matches(['*', '†', '‡']);
    if !(rest.is_empty() || rest.starts_with('(')) {
        return None;
    }
    Some(Some(q))
}

fn table_facts(cx: &Cx, _ti: usize, t: &Table, shared_parent: bool, f: &mut Facts) {
    let ncols = t.header.cells.len();
    if ncols < 2 || t.rows.is_empty() {
        return;
    }
    let labels: Vec<&str> = t
        .rows
        .iter()
        .map(|r| r.cells.first().map(|c| c.plain()).unwrap_or(""))
        .collect();
    let months: Vec<Option<u8>> = labels.iter().map(|l| month_label(l)).collect();
    let quarters: Vec<Option<u8>> = labels.iter().map(|l| quarter_label(l)).collect();
    let total_rows: Vec<usize> = labels
        .iter()
        .enumerate()
        .filter(|(_, l)| is_total_row_label(l))
        .map(|(i, _)| i)
        .collect();
    let body_rows: Vec<usize> = (0..t.rows.len())
        .filter(|i| !total_rows.contains(i))
        .collect();
    let kind = if body_rows.iter().all(|&i| months[i].is_some()) && body_rows.len() >= 2 {
        PartKind::Month
    } else if body_rows.iter().all(|&i| quarters[i].is_some()) && body_rows.len() >= 2 {
        PartKind::Quarter
    } else {
        PartKind::Row
    };
    let at = t.span.start;
    let table_partial = is_partial(t.header.cells[0].plain());
    // Distinct period rows only: a repeated month is not a partition.
    if kind != PartKind::Row {
        let mut seen = std::collections::HashSet::new();
        let ok = body_rows
            .iter()
            .all(|&i| seen.insert(months[i].or(quarters[i])));
        if !ok {
            return;
        }
    }
    for col in 1..ncols {
        let head = t.header.cells[col].plain();
        let vals: Option<Vec<Option<Quantity>>> = t
            .rows
            .iter()
            .map(|r| r.cells.get(col).map_or(Some(None), cell_value))
            .collect();
        let Some(vals) = vals else { continue };
        if vals.iter().all(Option::is_none) {
            continue;
        }
        let metric = metric_in(head).or_else(|| cx.section_metric(at));
        let units: Vec<Option<Unit>> = vals.iter().flatten().map(|q| q.unit).collect();
        if units.contains(&Some("%")) || vals.iter().flatten().any(|q| q.signed) {
            // A percentage column: shares of the values in the column to its left.
            if units.iter().all(|u| *u == Some("%")) && !table_partial {
                share_column(t, col, &body_rows, &total_rows, &vals, f);
            }
            continue;
        }
        if !units.windows(2).all(|w| compatible(w[0], w[1])) || is_not_part_label(head) {
            continue;
        }
        let exact = vals.iter().flatten().all(Quantity::is_exact);
        let parts: Vec<Part> = body_rows
            .iter()
            .filter_map(|&i| {
                let c = t.rows[i].cells.get(col)?;
                Some(match &vals[i] {
                    Some(q) => Part {
                        label: labels[i].to_owned(),
                        num: Num::from_q(&c.text, q),
                    },
                    None => Part {
                        label: labels[i].to_owned(),
                        num: Num {
                            value: 0.0,
                            decimals: 0,
                            approx: Approx::Exact,
                            unit: None,
                            span: c.span,
                            num_span: c.span,
                        },
                    },
                })
            })
            .collect();
        if table_partial || is_partial(head) {
            continue;
        }
        // Shares in the same column: `35개 (51%)`.
        column_shares(t, col, &body_rows, &vals, &total_rows, f);
        if let [tr] = total_rows.as_slice() {
            if exact
                && body_rows.len() >= 2
                && let Some(q) = &vals[*tr]
                && let Some(tc) = t.rows[*tr].cells.get(col)
                && body_rows
                    .iter()
                    .all(|&i| vals[i].as_ref().is_none_or(|p| p.unit == q.unit))
            {
                f.sums.push(Sum {
                    total: Num::from_q(&tc.text, q),
                    parts: parts.clone(),
                    shape: SumShape::TableTotal,
                    metric,
                    part_kind: kind,
                });
            }
            continue;
        }
        if kind == PartKind::Row || !exact {
            continue;
        }
        let Some(metric) = metric else { continue };
        // Superlative claims about months, against this column.
        if kind == PartKind::Month {
            for (&i, p) in body_rows.iter().zip(&parts) {
                if let (Some(month), Some(_)) = (months[i], &vals[i]) {
                    f.month_rows.push(MonthRow {
                        metric,
                        month,
                        num: p.num.clone(),
                    });
                }
            }
            for sup in f
                .superlatives
                .iter_mut()
                .filter(|s| s.metric == metric && s.actual_label.is_empty())
            {
                let best = parts.iter().max_by(|a, b| {
                    let o = a.num.value.total_cmp(&b.num.value);
                    if sup.most { o } else { o.reverse() }
                });
                if let Some(b) = best {
                    sup.actual_label = b.label.clone();
                    sup.actual = b.num.clone();
                }
            }
        }
        // The total stated before the table, in its section or the parent section.
        if let Some(total) = total_before(cx, f, at, metric, kind, shared_parent) {
            f.sums.push(Sum {
                total,
                parts,
                shape: SumShape::PeriodColumn,
                metric: Some(metric),
                part_kind: kind,
            });
        }
    }
}

/// `| 5개 | 31.3% |`: a percentage column against the count column right before it.
fn share_column(
    t: &Table,
    col: usize,
    body_rows: &[usize],
    total_rows: &[usize],
    pcts: &[Option<Quantity>],
    f: &mut Facts,
) {
    let Some(prev) = col.checked_sub(1).filter(|&c| c >= 1) else {
        return;
    };
    let Some(vals) = t
        .rows
        .iter()
        .map(|r| r.cells.get(prev).map_or(Some(None), cell_value))
        .collect::<Option<Vec<Option<Quantity>>>>()
    else {
        return;
    };
    let numeric = |q: &Quantity| q.is_exact() && !q.is_percent() && !q.signed;
    if !vals.iter().flatten().all(numeric) {
        return;
    }
    let cell = |i: usize, c: usize| t.rows[i].cells.get(c);
    let mut items = Vec::new();
    for &i in body_rows {
        let (Some(q), Some(p), Some(qc), Some(pc)) =
            (&vals[i], &pcts[i], cell(i, prev), cell(i, col))
        else {
            return;
        };
        items.push((Num::from_q(&qc.text, q), Num::from_q(&pc.text, p)));
    }
    if items.len() < 2 {
        return;
    }
    let total = match total_rows {
        [tr] => match (&vals[*tr], cell(*tr, prev)) {
            (Some(q), Some(c)) => Some(Num::from_q(&c.text, q)),
            _ => return,
        },
        [] => None,
        _ => return,
    };
    shares_against(t, items, total, f);
}

/// Push `(part, pct)` shares of a table against its total row, or the sum of the parts.
fn shares_against(t: &Table, items: Vec<(Num, Num)>, total: Option<Num>, f: &mut Facts) {
    let base_is_sum = total.is_none();
    let base = total.unwrap_or_else(|| Num {
        value: items.iter().map(|(q, _)| q.value).sum(),
        decimals: 0,
        approx: Approx::Exact,
        unit: None,
        span: t.span,
        num_span: t.span,
    });
    for (part, pct) in items {
        f.shares.push(Share {
            part,
            base: base.clone(),
            pct,
            base_is_sum,
        });
    }
}

fn column_shares(
    t: &Table,
    col: usize,
    body_rows: &[usize],
    vals: &[Option<Quantity>],
    total_rows: &[usize],
    f: &mut Facts,
) {
    // Each body cell `N (P%)`.
    let mut items = Vec::new();
    for &i in body_rows {
        let Some(c) = t.rows[i].cells.get(col) else {
            return;
        };
        let Some(q) = &vals[i] else { return };
        let qs = numbers::scan(&c.text.text);
        let Some(p) = qs.get(1) else { return };
        if !p.is_percent() || qs.len() != 2 {
            return;
        }
        items.push((Num::from_q(&c.text, q), Num::from_q(&c.text, p)));
    }
    if items.len() < 2 {
        return;
    }
    let total = match total_rows {
        [tr] => match (&vals[*tr], t.rows[*tr].cells.get(col)) {
            (Some(q), Some(c)) => Some(Num::from_q(&c.text, q)),
            _ => return,
        },
        _ => None,
    };
    shares_against(t, items, total, f);
}

/// The nearest total of `metric` stated before offset `at` in the same section or its
/// parent: a figure with scope `total`, or a sum's total.
fn total_before(
    cx: &Cx,
    f: &Facts,
    at: usize,
    metric: Metric,
    kind: PartKind,
    shared_parent: bool,
) -> Option<Num> {
    let chain = cx.sec.chain(at);
    let limit = |h: Option<&usize>| h.map_or(0, |&h| cx.doc.headings[h].span.start);
    // Section of the table, then its parent: [start, at).
    for depth in 0..2.min(chain.len().max(1)) {
        let from = limit(chain.get(depth));
        let mut best: Option<&Num> = None;
        for fig in f
            .figures
            .iter()
            .filter(|x| x.metric == metric && x.scope == "total")
        {
            if fig.num.span.start >= from
                && fig.num.span.end <= at
                && best.is_none_or(|b| fig.num.span.start > b.span.start)
            {
                best = Some(&fig.num);
            }
        }
        for s in f
            .sums
            .iter()
            .filter(|s| s.metric == Some(metric) && s.shape != SumShape::PeriodColumn)
        {
            if s.total.span.start >= from
                && s.total.span.end <= at
                && best.is_none_or(|b| s.total.span.start > b.span.start)
            {
                best = Some(&s.total);
            }
        }
        if let Some(b) = best {
            return b.exact().then(|| b.clone());
        }
        // A month table under a section of its own may use the parent's total; a
        // quarter table only its own section's.
        if kind == PartKind::Quarter || shared_parent {
            break;
        }
    }
    None
}

/// `2023`, `2023년`, `**2023년**`: a row label naming a whole year.
fn year_label(s: &str) -> Option<i16> {
    let t = s.trim().trim_matches('*').trim();
    let t = t
        .strip_suffix("년도")
        .or_else(|| t.strip_suffix('년'))
        .unwrap_or(t)
        .trim_end();
    let y: i16 =
        (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok())??;
    (2000..2100).contains(&y).then_some(y)
}

/// A comparison table with a row per year (`| 2023년 | 700 |`, `| 2024 | 812 |`) and a
/// column per metric: each cell a figure for that year.
fn year_rows(t: &Table, f: &mut Facts) {
    let rows: Vec<(i16, &super::markdown::Row)> = t
        .rows
        .iter()
        .filter_map(|r| Some((year_label(r.cells.first()?.plain())?, r)))
        .collect();
    if rows.len() < 2 || rows.len() != t.rows.len() {
        return;
    }
    for (ci, h) in t.header.cells.iter().enumerate().skip(1) {
        let head = h.plain();
        let derived = has_any(
            head,
            &[
                "평균",
                "증감",
                "변화",
                "비율",
                "증가",
                "감소",
                "%",
                "average",
                "avg",
                "change",
                "growth",
                "diff",
                "delta",
                "ratio",
                "per ",
                "누적",
                "목표",
                "예상",
                "cumulative",
                "target",
                "goal",
                "forecast",
            ],
        );
        let Some(metric) = metric_in(head) else {
            continue;
        };
        if derived || is_partial(head) {
            continue;
        }
        for (year, r) in &rows {
            let Some(c) = r.cells.get(ci) else { continue };
            if let Some(Some(q)) = cell_value(c)
                && q.is_exact()
                && !q.is_percent()
                && !q.signed
            {
                f.year_figures.push(YearFigure {
                    metric,
                    year: *year,
                    num: Num::from_q(&c.text, &q),
                    row: true,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests;
