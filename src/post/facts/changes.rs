//! Values written with their change from the previous period: `61.20€ (+3.15€)`,
//! `1,079 (+353)`, `2,647 (+12%)`, `followers increased by 15 to 181`. The change restates
//! the previous post's value, so it is checked against that post (`cross-post-figures`).

use super::sections::Cx;
use super::text::{back, line_start};
use super::types::{Facts, Num};
use super::vocabulary::{clean_label, month_label};
use super::words::{Words, has_any, words};
use crate::post::markdown::Inline;
use crate::post::numbers::{self, Approx, Quantity, Unit};
use crate::source::Span;

/// A value with what the post says about the previous period next to it: the change from
/// it (`61.20€ (+3.15€)`), or its value in a column of its own (`| Visitors | 8,420 | 7,480 |`
/// under `This month` and `Last month`).
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// What the value is of, lower-cased: the row label of its table, the label of its
    /// `Label: value` line, or the heading of its section. Matched with the previous post's.
    pub key: String,
    /// The unit both are in: a currency (`€`, `$`), a counter, or none.
    pub unit: Option<Unit>,
    pub value: Num,
    pub previous: Previous,
}

/// What a [`Change`] says of the previous period.
#[derive(Clone, Debug, PartialEq)]
pub enum Previous {
    /// The signed change (`+3.15`, `-11.62`), or a signed percentage when `relative`.
    Delta {
        delta: Num,
        relative: bool,
        /// How far the written change may be from the difference of the two values: half a
        /// unit of its last digit (`1k` is ±500), and at least a unit of the values' last
        /// digit (they may be rounded from the amounts the change was computed from).
        tolerance: f64,
    },
    /// The previous period's value, from a column of a comparison table.
    Value(Num),
}

/// A value a post states for a key, kept for the next post's changes to be checked against.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct KeyedFigure {
    pub key: String,
    pub unit: Option<String>,
    pub value: f64,
    pub decimals: u8,
    pub span: Span,
    pub line: usize,
    pub column: usize,
}

/// The values of a post's changes, by key, for the next post.
pub fn keyed_figures(post: &crate::post::Post) -> Vec<KeyedFigure> {
    post.facts
        .changes
        .iter()
        .map(|c| {
            let (line, column) = post.source.line_col(c.value.span.start);
            KeyedFigure {
                key: c.key.clone(),
                unit: c.unit.map(str::to_owned),
                value: c.value.value,
                decimals: c.value.decimals,
                span: c.value.num_span,
                line,
                column,
            }
        })
        .collect()
}

/// The currency written right after a number (`61.20€`), which the number scanner leaves
/// out of the quantity, or the quantity's own unit.
fn unit_of(s: &str, q: &Quantity) -> (Option<Unit>, usize) {
    if q.unit.is_some() {
        return (q.unit, q.range.end);
    }
    match s[q.range.end..].chars().next() {
        Some('€') => (Some("€"), q.range.end + '€'.len_utf8()),
        Some('$') => (Some("$"), q.range.end + 1),
        Some('£') => (Some("£"), q.range.end + '£'.len_utf8()),
        _ => (None, q.range.end),
    }
}

/// Words that make a change about another base than the previous period: a goal, the
/// launch, the same month of last year, a first week; or a comparison (`vs`, `대비`) that
/// does not name the previous month.
fn other_base(s: &str) -> bool {
    let previous = has_any(s, &PREVIOUS_MONTH_WORDS);
    has_any(
        s,
        words![
            "yoy",
            "year over year",
            "last year",
            "전년",
            "작년",
            "지난해",
            "week 1",
            "1주차",
            "goal",
            "target",
            "목표",
            "since",
            "launch",
            "출시",
            "누적",
            "cumulative",
            "forecast",
            "예상",
        ],
    ) || (!previous && has_any(s, words![" vs", "versus", "compared", "대비"]))
}

/// Words naming the month before the post's.
const PREVIOUS_MONTH: &[&str] = &[
    "last month",
    "previous month",
    "prior month",
    "month over month",
    "지난달",
    "지난 달",
    "전월",
];

/// [`PREVIOUS_MONTH`] searched for in a text.
static PREVIOUS_MONTH_WORDS: Words = Words::new(PREVIOUS_MONTH);

/// Words naming the post's own month.
const THIS_MONTH: &[&str] = &[
    "this month",
    "current month",
    "이번 달",
    "이번달",
    "금월",
    "당월",
];

/// `430€ (last month: 412.50€)`, `(up from 412.50€)`, `(지난달 412,500원)`: the words
/// around the previous value inside the parenthesis, when they say it is the previous one.
fn names_previous(before: &str, after: &str) -> bool {
    let b = before.trim().trim_end_matches(':').trim().to_lowercase();
    let a = after.trim().to_lowercase();
    let prev = |w: &str| PREVIOUS_MONTH.contains(&w);
    (a.is_empty() && (prev(&b) || matches!(b.as_str(), "up from" | "down from")))
        || (matches!(
            b.as_str(),
            "" | "vs" | "vs." | "from" | "up from" | "down from"
        ) && prev(&a))
}

/// Changes in one inline run. `cell` is the row label and column header of a table cell.
pub(super) fn changes(
    cx: &Cx,
    inl: &Inline,
    qs: &[Quantity],
    cell: Option<(&str, &str)>,
    f: &mut Facts,
) {
    let s = inl.text.as_str();
    if !s.contains(['(', '+', '-', '−']) && !s.contains(" by ") {
        return;
    }
    for w in qs.windows(2) {
        let (v, d) = (&w[0], &w[1]);
        // `went up to 142` is a value reached, not a bound (`up to 5`).
        let reached = v.approx == Approx::AtMost && {
            let lead = s.get(..v.range.start + "up to".len()).unwrap_or("");
            let lead = lead[back(lead, lead.len(), 16)..].to_ascii_lowercase();
            ["went up to", "gone up to", "goes up to", "go up to"]
                .iter()
                .any(|w| lead.ends_with(w))
        };
        if !d.signed || v.signed || !(v.is_exact() || reached) || !d.is_exact() || v.is_percent() {
            continue;
        }
        let (vu, vend) = unit_of(s, v);
        // `61.20€ (+3.15€)`, `142. (+22)`, `1,180 readers (+60)`: nothing but a period or
        // the word counted between them. (A `$` after one number may be the next one's.)
        let Some(gap) = s.get(vend..d.range.start).map(str::trim) else {
            continue;
        };
        if !open_paren(gap).is_some_and(|inside| inside.trim().is_empty()) {
            continue;
        }
        let (du, dend) = unit_of(s, d);
        if !s[dend..].trim_start().starts_with(')') {
            continue;
        }
        let relative = d.is_percent();
        // `+2.5%p` is a change in points of a rate, not of this value.
        if (!relative && du.is_some() && du != vu) || s[d.num.end..].starts_with("%p") {
            continue;
        }
        push(cx, inl, v, vu, delta(inl, v, d, relative), cell, f);
    }
    previous_values(cx, inl, qs, cell, f);
    by_to(cx, inl, qs, f);
}

/// What follows the `(` after a value: right after it, after a period (`142. (+22)`), or
/// after the one word it counts (`1,180 readers (+60)`).
fn open_paren(gap: &str) -> Option<&str> {
    let (head, inside) = gap.split_once('(')?;
    let head = head.trim().trim_end_matches('.');
    (head.is_empty() || (head.chars().count() <= 20 && head.chars().all(char::is_alphabetic)))
        .then_some(inside)
}

/// `430€ (last month: 412.50€)`, `1,180 (up from 1,120)`, `3,450명 (지난달 3,200명)`.
fn previous_values(
    cx: &Cx,
    inl: &Inline,
    qs: &[Quantity],
    cell: Option<(&str, &str)>,
    f: &mut Facts,
) {
    let s = inl.text.as_str();
    for w in qs.windows(2) {
        let (v, p) = (&w[0], &w[1]);
        if !v.is_exact()
            || !p.is_exact()
            || v.signed
            || p.signed
            || v.is_percent()
            || p.is_percent()
        {
            continue;
        }
        let (vu, vend) = unit_of(s, v);
        let (pu, pend) = unit_of(s, p);
        if vu != pu {
            continue;
        }
        let Some(gap) = s.get(vend..p.range.start) else {
            continue;
        };
        let Some(before) = open_paren(gap) else {
            continue;
        };
        let Some((after, _)) = s[pend..].split_once(')') else {
            continue;
        };
        if before.contains(['(', ')']) || !names_previous(before, after) {
            continue;
        }
        push(
            cx,
            inl,
            v,
            vu,
            Previous::Value(Num::from_q(inl, p)),
            cell,
            f,
        );
    }
}

/// `increased by 15 to 181`, `went down by 70 to 741`.
fn by_to(cx: &Cx, inl: &Inline, qs: &[Quantity], f: &mut Facts) {
    let s = inl.text.as_str();
    for w in qs.windows(2) {
        let (d, v) = (&w[0], &w[1]);
        if !d.is_exact() || !v.is_exact() || d.signed || v.signed || d.is_percent() {
            continue;
        }
        let (du, dend) = unit_of(s, d);
        let (vu, _) = unit_of(s, v);
        if s.get(dend..v.range.start).map(str::trim) != Some("to") || (du.is_some() && du != vu) {
            continue;
        }
        let before = s[line_start(s, d.range.start)..d.range.start].to_lowercase();
        let Some(lead) = before.trim_end().strip_suffix(" by") else {
            continue;
        };
        const UP: &[&str] = &["increased", "went up", "grew", "rose", "up"];
        const DOWN: &[&str] = &["decreased", "went down", "dropped", "fell", "down"];
        let sign = if UP.iter().any(|w| lead.ends_with(w)) {
            1.0
        } else if DOWN.iter().any(|w| lead.ends_with(w)) {
            -1.0
        } else {
            continue;
        };
        let mut d = d.clone();
        d.value *= sign;
        push(cx, inl, v, vu, delta(inl, v, &d, false), None, f);
    }
}

fn push(
    cx: &Cx,
    inl: &Inline,
    v: &Quantity,
    unit: Option<Unit>,
    previous: Previous,
    cell: Option<(&str, &str)>,
    f: &mut Facts,
) {
    let s = inl.text.as_str();
    let line = &s[line_start(s, v.range.start)..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    if other_base(line) || cell.is_some_and(|(_, head)| other_base(head)) {
        return;
    }
    // A list item `Revenue: 412.50€ (+12.30€)` is keyed by its label; a sentence with a
    // colon is not a label and value.
    let item = cx.doc.items.iter().any(|it| std::ptr::eq(&it.text, inl));
    let key = match cell {
        Some((label, _)) => clean_label(label).to_owned(),
        None => match line.split_once(':') {
            Some((label, rest))
                if item
                    && label.chars().count() <= 40
                    && !label.bytes().any(|b| b.is_ascii_digit())
                    && rest
                        .trim_start()
                        .trim_start_matches('*')
                        .starts_with(|c: char| {
                            c.is_ascii_digit() || matches!(c, '$' | '€' | '£')
                        }) =>
            {
                clean_label(label).to_owned()
            }
            _ => {
                let at = inl.span_of(v.range.clone()).start;
                match cx.sec.at(at) {
                    Some(h) => clean_label(&cx.doc.headings[h].text.text).to_owned(),
                    None => return,
                }
            }
        },
    };
    let Some(key) = normal_key(&key) else { return };
    f.changes.push(Change {
        key,
        unit,
        value: Num::from_q(inl, v),
        previous,
    });
}

/// The written change `d` of `v`, with the rounding it allows.
fn delta(inl: &Inline, v: &Quantity, d: &Quantity, relative: bool) -> Previous {
    let unit_of_last = |q: &Quantity| 10f64.powi(-i32::from(q.decimals));
    // `1k`: the scanner multiplied it; the last written digit is in thousands.
    let scale = if inl.text[d.num.end..].starts_with(['k', 'K']) {
        1000.0
    } else {
        1.0
    };
    Previous::Delta {
        delta: Num::from_q(inl, d),
        relative,
        tolerance: (0.5 * scale * unit_of_last(d)).max(unit_of_last(v)) + 1e-9,
    }
}

/// A key as matched across posts: lower case, single spaces; `None` without a letter.
fn normal_key(label: &str) -> Option<String> {
    let key = clean_label(label)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let key = key.to_lowercase();
    key.chars().any(char::is_alphabetic).then_some(key)
}

/// A header naming the post's own period (`This month`, `이번 달`, its month) or the one
/// before (`Last month`, `지난달`, the month before), in a post of one month or one year.
fn period_column(cx: &Cx, head: &str) -> Option<bool> {
    let h = clean_label(head).to_lowercase();
    if let Some(own) = cx.own_month {
        let before = if own == 1 { 12 } else { own - 1 };
        match month_label(&h) {
            Some(m) if m == own => return Some(true),
            Some(m) if m == before => return Some(false),
            _ => {}
        }
        if THIS_MONTH.contains(&h.as_str()) {
            return Some(true);
        }
        if PREVIOUS_MONTH.contains(&h.as_str()) {
            return Some(false);
        }
    } else if cx.months == Some(12.0) {
        if ["this year", "올해", "금년"].contains(&h.as_str()) {
            return Some(true);
        }
        if ["last year", "previous year", "작년", "지난해", "전년"].contains(&h.as_str()) {
            return Some(false);
        }
    }
    None
}

/// `| Visitors | 8,420 | 7,480 |` under `This month | Last month`: the previous period's
/// value in a column of its own, against the previous post.
pub(super) fn comparison_tables(cx: &Cx, f: &mut Facts) {
    for t in &cx.doc.tables {
        let cols: Vec<(usize, bool)> = t
            .header
            .cells
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(i, c)| period_column(cx, c.plain()).map(|now| (i, now)))
            .collect();
        let (Some(&(cur, _)), Some(&(prev, _))) = (
            cols.iter()
                .find(|c| c.1)
                .filter(|_| cols.iter().filter(|c| c.1).count() == 1),
            cols.iter()
                .find(|c| !c.1)
                .filter(|_| cols.iter().filter(|c| !c.1).count() == 1),
        ) else {
            continue;
        };
        for r in &t.rows {
            let (Some(label), Some(a), Some(b)) =
                (r.cells.first(), r.cells.get(cur), r.cells.get(prev))
            else {
                continue;
            };
            let Some(key) = normal_key(label.plain()) else {
                continue;
            };
            let value = |c: &crate::post::markdown::Cell| {
                let s = c.text.text.as_str();
                let qs = numbers::scan(s);
                let q = qs.first()?;
                let (u, end) = unit_of(s, q);
                // The cell is the value alone.
                (q.is_exact()
                    && !q.signed
                    && !q.is_percent()
                    && s[end..].trim().is_empty()
                    && s[..q.range.start].trim().is_empty())
                .then(|| (Num::from_q(&c.text, q), u))
            };
            let (Some((now, u)), Some((before, ub))) = (value(a), value(b)) else {
                continue;
            };
            if u != ub {
                continue;
            }
            f.changes.push(Change {
                key,
                unit: u,
                value: now,
                previous: Previous::Value(before),
            });
        }
    }
}

/// Changes whose key and unit appear more than once in the post say nothing certain.
pub(super) fn drop_ambiguous(f: &mut Facts) {
    let mut seen: std::collections::HashMap<(String, Option<Unit>), usize> = Default::default();
    for c in &f.changes {
        *seen.entry((c.key.clone(), c.unit)).or_default() += 1;
    }
    f.changes.retain(|c| seen[&(c.key.clone(), c.unit)] == 1);
}

#[cfg(test)]
mod tests {
    use crate::post::markdown::Document;

    /// Key, unit, value, change, relative, tolerance.
    type Read = (String, Option<&'static str>, f64, f64, bool, f64);

    fn changes(src: &str) -> Vec<Read> {
        let doc = Document::parse(src, 0);
        super::super::extract(&doc, Some(1.0), Some(5))
            .changes
            .into_iter()
            .filter_map(|c| match c.previous {
                super::Previous::Delta {
                    delta,
                    relative,
                    tolerance,
                } => Some((
                    c.key,
                    c.unit,
                    c.value.value,
                    delta.value,
                    relative,
                    tolerance,
                )),
                super::Previous::Value(_) => None,
            })
            .collect()
    }

    #[test]
    fn values_with_their_change_and_what_they_are_of() {
        let c = changes("### Ad Revenue\nI made **55.24€** (-11.62€) this month.\n");
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].0.as_str(), c[0].1), ("ad revenue", Some("€")));
        assert_eq!((c[0].2, c[0].3, c[0].4), (55.24, -11.62, false));
        let c = changes("## Twitter\nFollowers went up to 142. (+22)\n");
        assert_eq!((c[0].0.as_str(), c[0].2, c[0].3), ("twitter", 142.0, 22.0));
        let c = changes("## Money\n\n- Sponsors: $1,250 (+$50)\n- Visitors: 8,420 (+12%)\n");
        assert_eq!(
            (c[0].0.as_str(), c[0].1, c[0].3),
            ("sponsors", Some("$"), 50.0)
        );
        assert_eq!((c[1].0.as_str(), c[1].4), ("visitors", true));
        let c = changes("## Reach\nFollowers increased by 1k to **9,781**.\n");
        assert_eq!((c[0].2, c[0].3, c[0].5 > 499.0), (9781.0, 1000.0, true));
        let c = changes("| 항목 | 이번 달 |\n|---|---|\n| 구독자 | 840명 (+28명) |\n");
        assert_eq!((c[0].0.as_str(), c[0].1), ("구독자", Some("명")));
    }

    fn previous(src: &str) -> Vec<(String, f64, f64)> {
        let doc = Document::parse(src, 0);
        super::super::extract(&doc, Some(1.0), Some(5))
            .changes
            .into_iter()
            .filter_map(|c| match c.previous {
                super::Previous::Value(p) => Some((c.key, c.value.value, p.value)),
                super::Previous::Delta { .. } => None,
            })
            .collect()
    }

    #[test]
    fn previous_values_in_parentheses() {
        let p = previous("## Revenue\nWe made 430€ (last month: 412.50€).\n");
        assert_eq!(p, [("revenue".to_owned(), 430.0, 412.5)]);
        let p = previous("## Readers\n1,180 readers (vs 1,120 last month)\n");
        assert_eq!(p, [("readers".to_owned(), 1180.0, 1120.0)]);
        let p = previous("## 방문\n방문자 3,450명 (지난달 3,200명)\n");
        assert_eq!(p, [("방문".to_owned(), 3450.0, 3200.0)]);
        assert!(previous("## Revenue\n430€ (goal: 500€)\n").is_empty());
        assert!(previous("## Revenue\n430€ (412€ last year)\n").is_empty());
        let t =
            "| Metric | This month | Last month |\n|---|---|---|\n| Readers | 1,180 | 1,120 |\n";
        assert_eq!(previous(t), [("readers".to_owned(), 1180.0, 1120.0)]);
        let t = "| Metric | May | April |\n|---|---|---|\n| Readers | 1,180 | 1,120 |\n";
        assert_eq!(previous(t), [("readers".to_owned(), 1180.0, 1120.0)]);
        let t = "| Metric | June | May |\n|---|---|---|\n| Readers | 1,180 | 1,120 |\n";
        assert!(previous(t).is_empty(), "the post is about May");
    }

    #[test]
    fn other_bases_and_repeated_names_are_not_read() {
        assert!(changes("## Users\nUsers vs week 1: 2,647 (+253%)\n").is_empty());
        assert!(changes("## Rate\nBounce rate 41.2% (+2.5%p)\n").is_empty());
        assert!(changes("## Users\nUsers 2,647 (+2.5%p)\n").is_empty());
        assert!(changes("## Sales\nA: 10€ (+1€). B: 12€ (+2€).\n").is_empty());
        assert!(changes("no heading: 10€ (+1€)\n").is_empty());
    }
}
