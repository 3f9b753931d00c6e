//! Tables: a total row or column against its rows, a month or quarter column against the
//! total stated before it (and the month rows superlatives are checked against), share
//! columns, and comparison tables with a row per year.

use super::sections::Cx;
use super::superlatives::resolve_superlatives;
use super::types::{
    Facts, Metric, MonthRow, Num, Part, PartKind, Share, ShareOf, Sum, SumShape, YearFigure,
};
use super::vocabulary::{
    compatible, is_not_part_label, is_partial, is_total_row_label, metric_in, month_label,
    quarter_label,
};
use super::words::{Words, has_any, words};
use crate::post::markdown::Table;
use crate::post::numbers::{self, Approx, Quantity, Unit};

/// The leading quantity of a cell, `-` and empty as zero.
pub(super) fn cell_value(c: &crate::post::markdown::Cell) -> Option<Option<Quantity>> {
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

pub(super) fn table_facts(cx: &Cx, _ti: usize, t: &Table, shared_parent: bool, f: &mut Facts) {
    let ncols = t.header.cells.len();
    if ncols < 2 || t.rows.is_empty() {
        return;
    }
    row_percentages(t, f);
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
    // Each column's leading quantities, row by row (`None` for a column of text).
    let cols: Vec<Option<Vec<Option<Quantity>>>> = (0..ncols)
        .map(|col| {
            t.rows
                .iter()
                .map(|r| r.cells.get(col).map_or(Some(None), cell_value))
                .collect()
        })
        .collect();
    for col in 1..ncols {
        let head = t.header.cells[col].plain();
        let Some(vals) = cols[col].as_deref() else {
            continue;
        };
        if vals.iter().all(Option::is_none) {
            continue;
        }
        let metric = metric_in(head).or_else(|| cx.section_metric(at));
        let units: Vec<Option<Unit>> = vals.iter().flatten().map(|q| q.unit).collect();
        if units.contains(&Some("%")) || vals.iter().flatten().any(|q| q.signed) {
            // A percentage column: shares of the values in the column to its left.
            if units.iter().all(|u| *u == Some("%")) && !table_partial {
                share_column(t, col, vals, None, &total_rows, &cols, f);
            }
            continue;
        }
        if !units.windows(2).all(|w| compatible(w[0], w[1])) || is_not_part_label(head) {
            continue;
        }
        // Exact values and lower bounds (`50개+`): a total is at least their sum (N008);
        // N001 adds up exact parts only.
        let bounded = vals
            .iter()
            .flatten()
            .all(|q| matches!(q.approx, Approx::Exact | Approx::AtLeast));
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
        // Superlative claims about months, against this column (with its total row and
        // its bounds: `50개+` is at least 50), and the month rows other posts are checked
        // against.
        if kind == PartKind::Month
            && let Some(metric) = metric
        {
            for (&i, p) in body_rows.iter().zip(&parts) {
                if let (Some(month), Some(_)) = (months[i], &vals[i]) {
                    f.month_rows.push(MonthRow {
                        metric,
                        month,
                        num: p.num.clone(),
                    });
                }
            }
            resolve_superlatives(f, metric, &parts);
        }
        // Shares in the same column: `35개 (51%)`.
        if let Some(pcts) = cell_percentages(t, col) {
            share_column(t, col, &pcts, Some(vals), &total_rows, &cols, f);
        }
        if let [tr] = total_rows.as_slice() {
            if bounded
                && body_rows.len() >= 2
                && let Some(q) = vals[*tr].as_ref().filter(|q| q.is_exact())
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
        if kind == PartKind::Row || !bounded {
            continue;
        }
        let Some(metric) = metric else { continue };
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

/// The one column whose header has any of `words`.
fn column_named(t: &Table, words: &Words) -> Option<usize> {
    let mut found =
        (1..t.header.cells.len()).filter(|&c| has_any(t.header.cells[c].plain(), words));
    let c = found.next()?;
    found.next().is_none().then_some(c)
}

/// Percentages computed from two cells of their row, where the headers say which:
/// a change against the previous period (`| Sessions | 1,540 | 1,375 | +12% |` under
/// `This month | Previous | Change`; `%p` for two percentages) and an achievement against
/// a target (`| Visitors | 150 | 235 | 157% |` under `Target | Actual | Achievement`).
fn row_percentages(t: &Table, f: &mut Facts) {
    let has_pct =
        |r: &crate::post::markdown::Row| r.cells.iter().any(|c| c.text.text.contains('%'));
    if !t.rows.iter().any(has_pct) {
        return;
    }
    let prev = column_named(
        t,
        words![
            "previous", "prev", "last ", "before", "이전", "지난", "전월", "전주", "전년", "작년",
        ],
    );
    let change = column_named(t, words!["change", "변화", "증감", "growth", "diff", "vs"]);
    let target = column_named(t, words!["target", "goal", "목표"]);
    let actual = column_named(t, words!["actual", "실제", "실적"]);
    let achieved = column_named(t, words!["achievement", "달성", "progress", "진척"]);
    // The current column: named, else the one other column of numbers.
    let current = column_named(
        t,
        words!["this ", "current", "이번", "금월", "금주", "현재", "now"],
    );
    let cell = |r: &crate::post::markdown::Row, c: usize| {
        let cl = r.cells.get(c)?;
        let q = cell_value(cl)??;
        (q.is_exact()).then(|| (Num::from_q(&cl.text, &q), q, cl.text.text[..].to_owned()))
    };
    if let (Some(p), Some(c), Some(ch)) = (prev, current, change)
        && p != c
    {
        for r in &t.rows {
            let (Some((from, fq, _)), Some((to, tq, _)), Some((pct, pq, pt))) =
                (cell(r, p), cell(r, c), cell(r, ch))
            else {
                continue;
            };
            let points = pt[pq.range.clone()].ends_with("%p");
            let of = match (fq.is_percent() && tq.is_percent(), points) {
                (false, false) if compatible(fq.unit, tq.unit) => ShareOf::Change,
                (true, true) => ShareOf::Points,
                _ => continue,
            };
            if !pq.is_percent() || !(pq.signed || pq.value == 0.0) || fq.signed || tq.signed {
                continue;
            }
            f.shares.push(Share {
                part: to,
                base: from,
                pct,
                of,
                base_is_sum: false,
                guess: false,
            });
        }
    }
    if let (Some(g), Some(a), Some(ach)) = (target, actual, achieved) {
        for r in &t.rows {
            let (Some((goal, gq, _)), Some((got, aq, _)), Some((pct, pq, _))) =
                (cell(r, g), cell(r, a), cell(r, ach))
            else {
                continue;
            };
            if !pq.is_percent() || pq.signed || gq.value <= 0.0 || aq.value <= 0.0 {
                continue;
            }
            if !(compatible(gq.unit, aq.unit) && gq.is_percent() == aq.is_percent()) {
                continue;
            }
            // A target to stay under (a bounce rate) is met by the inverse ratio.
            let inverse = gq.value / aq.value * 100.0;
            if (inverse - pq.value).abs() <= 1.0 {
                continue;
            }
            f.shares.push(Share {
                part: got,
                base: goal,
                pct,
                of: ShareOf::Part,
                base_is_sum: false,
                guess: false,
            });
        }
    }
}

/// The `(P%)` after the leading count of each cell of a column (`35개 (51%)`), row by
/// row; `None` when a cell holds anything else after its count.
fn cell_percentages(t: &Table, col: usize) -> Option<Vec<Option<Quantity>>> {
    let mut out = Vec::with_capacity(t.rows.len());
    let last = t.rows.len().saturating_sub(1);
    for (i, r) in t.rows.iter().enumerate() {
        let qs = r.cells.get(col).map(|c| numbers::scan(&c.text.text));
        match qs.as_deref() {
            Some([_, p]) if p.is_percent() => out.push(Some(p.clone())),
            // Only a last (total) row may go without one.
            Some([] | [_]) | None if i == last && i > 0 => out.push(None),
            _ => return None,
        }
    }
    Some(out)
}

/// A percentage column read as shares of its rows: `| 서버 | 33 | 61.1% |` over
/// `| 합계 | 54 | 100% |`, or `35개 (51%)` cells. `pcts` are the column's percentages row
/// by row; `parts` the counts they go with when they share a cell.
///
/// A column is a share of its rows only when its cells add up to about 100 % or a total
/// row says 100 % (that row is then the base, never one of the parts, whatever its
/// label). Anything else is a rate of two cells of a row (bounce rates, conversion), a
/// change against another period (`+12%`, `+2.5%p`) or shares of a base the table does
/// not show (a top-5 of all visitors): not checked here. The base of a percentage column
/// of its own is a count column of the table: when one fits every row the column is right;
/// when none does and the table has several, which one was meant is a guess.
fn share_column(
    t: &Table,
    col: usize,
    pcts: &[Option<Quantity>],
    parts: Option<&[Option<Quantity>]>,
    labelled_totals: &[usize],
    cols: &[Option<Vec<Option<Quantity>>>],
    f: &mut Facts,
) {
    let cell = |i: usize, c: usize| t.rows.get(i).and_then(|r| r.cells.get(c));
    // A change (`+12%`) or a difference in points (`+2.5%p`) is no share.
    let points = |i: usize, q: &Quantity| {
        cell(i, col).is_some_and(|c| c.text.text[q.range.clone()].ends_with('p'))
    };
    if pcts.iter().enumerate().any(|(i, p)| {
        p.as_ref()
            .is_some_and(|q| q.signed || points(i, q) || !q.is_exact())
    }) {
        return;
    }
    let is_100 = |q: &Quantity| (q.value - 100.0).abs() < 1e-9;
    // A total row by its label, else a row saying 100 % whose siblings add up to it.
    let mut totals: Vec<usize> = labelled_totals.to_vec();
    if totals
        .iter()
        .any(|&i| pcts[i].as_ref().is_some_and(|q| !is_100(q)))
    {
        return;
    }
    let said_100: Vec<usize> = (0..pcts.len())
        .filter(|i| !totals.contains(i) && pcts[*i].as_ref().is_some_and(is_100))
        .collect();
    if totals.is_empty()
        && let [i] = said_100.as_slice()
        && pcts.len() >= 3
    {
        totals.push(*i);
    }
    let total = match totals.as_slice() {
        [] => None,
        [i] => Some(*i),
        _ => return,
    };
    let body: Vec<usize> = (0..pcts.len()).filter(|&i| Some(i) != total).collect();
    if body.len() < 2 || body.iter().any(|&i| pcts[i].is_none()) {
        return;
    }
    let sum: f64 = body
        .iter()
        .filter_map(|&i| pcts[i].as_ref())
        .map(|q| q.value)
        .sum();
    let says_100 = total.is_some_and(|i| pcts[i].is_some());
    if (sum - 100.0).abs() > 1.5 + 1e-9 && !says_100 {
        return;
    }
    // A count column: every row an exact count (the total row too, when there is one).
    let counts_of = |vals: &[Option<Quantity>]| -> Option<Vec<f64>> {
        let ok = |q: &Quantity| q.is_exact() && !q.is_percent() && !q.signed && q.value >= 0.0;
        body.iter()
            .chain(total.as_ref())
            .map(|&i| vals.get(i)?.as_ref().filter(|q| ok(q)).map(|q| q.value))
            .collect()
    };
    let base_of = |v: &[f64]| {
        if total.is_some() {
            v[body.len()]
        } else {
            v[..body.len()].iter().sum()
        }
    };
    let fits = |v: &[f64]| {
        let base = base_of(v);
        base > 0.0
            && body.iter().zip(v).all(|(&i, x)| {
                pcts[i]
                    .as_ref()
                    .is_some_and(|p| (x / base * 100.0 - p.value).abs() <= 1.0 + 1e-9)
            })
    };
    // The counts the percentages are shares of: in the same cell, or a count column.
    let (src, guess) = match parts {
        Some(p) => {
            if counts_of(p).is_none() {
                return;
            }
            (col, false)
        }
        None => {
            let cands: Vec<(usize, Vec<f64>)> = (1..cols.len())
                .filter(|&c| c != col)
                .filter_map(|c| Some((c, counts_of(cols[c].as_deref()?)?)))
                .collect();
            if cands.is_empty() || cands.iter().any(|(_, v)| fits(v)) {
                return;
            }
            // The nearest count column to the left, else to the right.
            let pick = cands
                .iter()
                .filter(|(c, _)| *c < col)
                .map(|(c, _)| *c)
                .max()
                .or_else(|| cands.iter().map(|(c, _)| *c).min());
            let Some(c) = pick else { return };
            (c, cands.len() > 1)
        }
    };
    let Some(vals) = (if src == col {
        parts.map(<[_]>::to_vec)
    } else {
        cols[src].clone()
    }) else {
        return;
    };
    let num = |i: usize| -> Option<Num> {
        let q = vals.get(i)?.as_ref()?;
        Some(Num::from_q(&cell(i, src)?.text, q))
    };
    let mut items = Vec::new();
    for &i in &body {
        let (Some(part), Some(p), Some(pc)) = (num(i), pcts[i].as_ref(), cell(i, col)) else {
            return;
        };
        items.push((part, Num::from_q(&pc.text, p)));
    }
    let base = match total {
        Some(i) => {
            let Some(b) = num(i) else { return };
            b
        }
        None => Num {
            value: items.iter().map(|(q, _)| q.value).sum(),
            decimals: 0,
            approx: Approx::Exact,
            unit: None,
            span: t.span,
            num_span: t.span,
        },
    };
    let base_is_sum = total.is_none();
    for (part, pct) in items {
        f.shares.push(Share {
            part,
            base: base.clone(),
            pct,
            of: ShareOf::Part,
            base_is_sum,
            guess,
        });
    }
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
pub(super) fn year_rows(t: &Table, f: &mut Facts) {
    let rows: Vec<(i16, &crate::post::markdown::Row)> = t
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
            words![
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
