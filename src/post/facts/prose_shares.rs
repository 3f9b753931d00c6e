//! A share stated in prose about a row of the post's own table: "the API made up 58% of our
//! commits" over `| API | 33 |` of a table whose total is 54. The table decides, so the
//! claim becomes a [`Share`] of the row's value and the table's total (`percentage-mismatch`).

use super::sections::Cx;
use super::tables::cell_value;
use super::text::sentences;
use super::types::{Facts, Metric, Num, Part, PartKind, Share, ShareOf, Sum, SumShape};
use super::vocabulary::{
    clean_label, is_not_part_label, is_partial, is_total_row_label, metric_in, month_label,
    other_period, quarter_label, unit_metric,
};
use super::words::{Words, has_any};
use crate::post::markdown::{Inline, Table};
use crate::post::numbers::{self, Approx};

/// A column of a table that breaks a total of one metric down by rows.
struct Breakdown {
    metric: Metric,
    /// Row labels with their values.
    rows: Vec<(String, Num)>,
    total: Num,
}

/// A column of one metric: its rows (label, value) and its total row's value.
type Column = (Metric, Vec<(String, Num)>, Option<Num>);

/// The row labels of a table of two rows or more that can break a whole down by rows: not a
/// selection (`Top 5`), no row of months, quarters or derived values.
pub(super) fn breakdown_labels(t: &Table) -> Option<Vec<&str>> {
    if t.rows.len() < 2 || is_partial(t.header.cells.first().map_or("", |c| c.plain())) {
        return None;
    }
    let labels: Vec<&str> = t
        .rows
        .iter()
        .map(|r| r.cells.first().map_or("", |c| c.plain()))
        .collect();
    let other =
        |l: &&str| month_label(l).is_some() || quarter_label(l).is_some() || is_not_part_label(l);
    (!labels.iter().any(other)).then_some(labels)
}

/// The columns of a table that break one metric down by rows (not months or quarters, no
/// averages or rates), with the total row's value if it has one.
fn columns(cx: &Cx, t: &Table) -> Vec<Column> {
    let mut out = Vec::new();
    let Some(labels) = breakdown_labels(t) else {
        return out;
    };
    let totals: Vec<usize> = (0..labels.len())
        .filter(|&i| is_total_row_label(labels[i]))
        .collect();
    if totals.len() > 1 {
        return out;
    }
    'col: for (col, head) in t.header.cells.iter().enumerate().skip(1) {
        let head = head.plain();
        let Some(metric) = metric_in(head).or_else(|| cx.section_metric(t.span.start)) else {
            continue;
        };
        if is_partial(head) || is_not_part_label(head) {
            continue;
        }
        let mut rows = Vec::new();
        let mut total = None;
        for (i, r) in t.rows.iter().enumerate() {
            let Some(c) = r.cells.get(col) else {
                continue 'col;
            };
            let Some(Some(q)) = cell_value(c) else {
                continue 'col;
            };
            if q.approx != Approx::Exact || q.is_percent() || q.signed {
                continue 'col;
            }
            let n = Num::from_q(&c.text, &q);
            if totals.contains(&i) {
                total = Some(n);
            } else {
                rows.push((clean_label(labels[i]).to_owned(), n));
            }
        }
        out.push((metric, rows, total));
    }
    out
}

/// The one total the post states for `metric` (a figure for the whole post), if it states
/// exactly one value.
fn stated_total(f: &Facts, metric: Metric) -> Option<Num> {
    let mut stated = f
        .figures
        .iter()
        .filter(|x| x.metric == metric && x.scope == "total" && x.num.exact())
        .map(|x| &x.num);
    let first = stated.next()?;
    stated
        .all(|n| (n.value - first.value).abs() < 1e-9)
        .then(|| first.clone())
}

/// The breakdowns of a table: each column of one metric whose rows add up to a total the
/// post states, in a total row or (when the rows add up to it exactly) as its total figure.
fn breakdowns(cx: &Cx, t: &Table, f: &Facts, out: &mut Vec<Breakdown>) {
    for (metric, rows, total) in columns(cx, t) {
        let sum: f64 = rows.iter().map(|(_, n)| n.value).sum();
        let total =
            total.or_else(|| stated_total(f, metric).filter(|one| (one.value - sum).abs() < 1e-9));
        if let Some(total) = total
            && total.value > 0.0
        {
            out.push(Breakdown {
                metric,
                rows,
                total,
            });
        }
    }
}

/// Whether `label` occurs in `hay` (both lower case) as a word; a Korean label may carry a
/// particle (`서버가`).
fn names(hay: &str, label: &str) -> bool {
    label.chars().count() >= 2
        && hay.match_indices(label).any(|(i, _)| {
            let before = hay[..i].chars().next_back();
            let after = hay[i + label.len()..].chars().next();
            let hangul_end = label.chars().next_back().is_some_and(numbers::is_hangul);
            !before.is_some_and(char::is_alphanumeric)
                && (hangul_end || !after.is_some_and(char::is_alphanumeric))
        })
}

/// Words that make a percentage a share of something: `58% of`, `커밋의 58%`, `차지`.
static SHARE_WORDS: Words = Words::new(&[
    "% of",
    "percent of",
    "의 ",
    "차지",
    "비중",
    "share",
    "made up",
    "makes up",
    "make up",
    "accounted",
    "accounting",
    "accounts",
]);

/// Words that make a percentage a change or a rate, not a share.
static NOT_SHARE: Words = Words::new(&[
    "증가", "감소", "늘", "줄", "상승", "하락", "성장", "growth", "grew", "increase", "decrease",
    "rose", "fell", "dropped", " rate", "faster", "slower", "목표", "goal", "target",
]);

pub(super) fn prose_shares(cx: &Cx, f: &mut Facts) {
    if cx.doc.tables.is_empty() || !cx.doc.prose().any(|inl| inl.text.contains('%')) {
        return;
    }
    let mut all = Vec::new();
    for t in &cx.doc.tables {
        breakdowns(cx, t, f, &mut all);
    }
    if all.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for inl in cx.doc.prose() {
        shares_in(inl, &all, &mut found);
    }
    f.shares.extend(found);
}

fn shares_in(inl: &Inline, all: &[Breakdown], out: &mut Vec<Share>) {
    let s = inl.text.as_str();
    if !s.contains('%') {
        return;
    }
    for sent in sentences(s) {
        let text = &s[sent.clone()];
        let Some(metric) = metric_in(text) else {
            continue;
        };
        let lower = text.to_lowercase();
        if lower.len() != text.len()
            || !has_any(&lower, &SHARE_WORDS)
            || has_any(&lower, &NOT_SHARE)
            || other_period(&lower)
        {
            continue;
        }
        let qs = numbers::scan(text);
        let pcts: Vec<_> = qs.iter().filter(|q| q.is_percent()).collect();
        let [pct] = pcts.as_slice() else { continue };
        if !pct.is_exact() || pct.signed || s[sent.start + pct.num.end..].starts_with("%p") {
            continue;
        }
        // One row of one breakdown of the metric is named, and no other row.
        let named: Vec<(&Breakdown, &Num)> = all
            .iter()
            .filter(|b| b.metric == metric)
            .flat_map(|b| {
                b.rows
                    .iter()
                    .filter(|(l, _)| names(&lower, &l.to_lowercase()))
                    .map(move |(_, n)| (b, n))
            })
            .collect();
        let [(b, part)] = named.as_slice() else {
            continue;
        };
        let mut q = (*pct).clone();
        q.range = q.range.start + sent.start..q.range.end + sent.start;
        q.num = q.num.start + sent.start..q.num.end + sent.start;
        out.push(Share {
            part: (*part).clone(),
            base: b.total.clone(),
            pct: Num::from_q(inl, &q),
            of: ShareOf::Part,
            base_is_sum: false,
            guess: false,
        });
    }
}

/// `## 저장소별 커밋`, `## Commits by repository`, `## Commit breakdown`: a heading that says
/// its table breaks the whole metric down, row by row.
fn breakdown_heading(h: &str) -> bool {
    let l = h.to_lowercase();
    let ko = l.match_indices('별').any(|(i, _)| {
        let after = l[i + '별'.len_utf8()..].trim_start();
        i > 0 && metric_in(after).is_some() && !after.starts_with("평균")
    });
    ko || l.contains(" by ") && metric_in(l.split(" by ").next().unwrap_or("")).is_some()
        || l.contains("breakdown")
}

/// A table without a total row under a heading that breaks a metric down (`저장소별 커밋`),
/// against the one total the post states for that metric elsewhere: its rows must add up.
pub(super) fn breakdown_sums(cx: &Cx, f: &mut Facts) {
    let mut found = Vec::new();
    for t in &cx.doc.tables {
        let Some(h) = cx.sec.at(t.span.start) else {
            continue;
        };
        let heading = &cx.doc.headings[h].text.text;
        if !breakdown_heading(heading) || is_partial(heading) {
            continue;
        }
        let cols = columns(cx, t);
        // One column of the metric the heading names, no total row (a total row is checked
        // by the table reader already).
        let [(metric, rows, None)] = cols.as_slice() else {
            continue;
        };
        if metric_in(heading) != Some(*metric) || rows.len() < 2 {
            continue;
        }
        let Some(total) = stated_total(f, *metric) else {
            continue;
        };
        // The total is stated outside the table.
        if total.span.start >= t.span.start && total.span.end <= t.span.end {
            continue;
        }
        found.push(Sum {
            total,
            parts: rows
                .iter()
                .map(|(l, n)| Part {
                    label: l.clone(),
                    num: n.clone(),
                })
                .collect(),
            shape: SumShape::PeriodColumn,
            metric: Some(*metric),
            part_kind: PartKind::Row,
        });
    }
    // A bar chart in a text block under such a heading: one value a line (`2025-03-04:
    // ███ 3개`), the first on the line (what follows explains it: `(서버 2개 + 앱 1개)`).
    for b in &cx.doc.text_blocks {
        let Some(h) = cx.sec.at(b.span.start) else {
            continue;
        };
        let heading = &cx.doc.headings[h].text.text;
        let Some(metric) = metric_in(heading) else {
            continue;
        };
        if !breakdown_heading(heading) || is_partial(heading) || b.lines.len() < 2 {
            continue;
        }
        let parts: Option<Vec<Part>> = b
            .lines
            .iter()
            .map(|l| {
                let q = numbers::scan(&l.text).into_iter().next()?;
                let ok = q.is_exact()
                    && !q.is_percent()
                    && !q.signed
                    && unit_metric(q.unit).is_none_or(|m| m == metric);
                // The line's label: what comes before its colon (a date, a name).
                let label = l.text[..q.range.start]
                    .split(':')
                    .next()
                    .filter(|x| x.len() < q.range.start && x.chars().count() <= 20)
                    .map_or(String::new(), |x| x.trim().to_owned());
                ok.then(|| Part {
                    label,
                    num: Num::from_q(l, &q),
                })
            })
            .collect();
        let (Some(parts), Some(total)) = (parts, stated_total(f, metric)) else {
            continue;
        };
        found.push(Sum {
            total,
            parts,
            shape: SumShape::PeriodColumn,
            metric: Some(metric),
            part_kind: PartKind::Row,
        });
    }
    f.sums.extend(found);
}
