//! Averages against a total: monthly averages over the post's months, and per-day
//! averages over a stated number of days (`근무일 20일`, `20 working days`).

use super::lists::kv_item;
use super::sections::Cx;
use super::tables::cell_value;
use super::types::{Average, Facts, Metric, Num};
use super::vocabulary::{compatible, contains_ignore_ascii_case, metric_in, unit_metric};
use super::words::{has_any, words};
use crate::post::markdown::Inline;
use crate::post::numbers::{self, Quantity};
use crate::source::Span;

/// The total an average divides: the last exact total figure of the metric before it in
/// section `sec`.
fn section_total(cx: &Cx, f: &Facts, metric: Metric, avg: &Num, sec: Option<usize>) -> Option<Num> {
    f.figures
        .iter()
        .filter(|x| {
            x.metric == metric
                && x.scope == "total"
                && x.num.exact()
                && x.num.span.end <= avg.span.start
        })
        .rfind(|x| cx.sec.at(x.num.span.start) == sec)
        .map(|x| x.num.clone())
}

/// `월 평균 커밋 58개` / `monthly average: 58 commits` against a total and the months.
pub(super) fn averages(cx: &Cx, f: &mut Facts) {
    let mut found = Vec::new();
    let mut consider = |label: &str, inl: &Inline, q: &Quantity, at: usize| {
        let l = label.to_lowercase();
        let monthly = l.contains("월 평균")
            || l.contains("월평균")
            || l.contains("monthly average")
            || l.contains("average per month")
            || l.contains("avg per month")
            || l.contains("per month");
        if !monthly || !q.is_exact() || q.is_percent() {
            return;
        }
        let Some(metric) = metric_in(label).or_else(|| unit_metric(q.unit)) else {
            return;
        };
        found.push((Num::from_q(inl, q), metric, at));
    };
    for t in &cx.doc.tables {
        for r in &t.rows {
            if r.cells.len() < 2 {
                continue;
            }
            let label = r.cells[0].plain();
            if let Some(Some(q)) = cell_value(&r.cells[1])
                && r.cells[1].text.text[q.range.end..].trim().is_empty()
            {
                consider(label, &r.cells[1].text, &q, t.span.start);
            }
        }
    }
    for it in &cx.doc.items {
        if let Some((label, q, None)) = kv_item(&it.text) {
            consider(label, &it.text, &q, it.span.start);
        }
    }
    for (avg, metric, at) in found {
        // The total: the last total figure of the metric in the same section before it.
        let Some(total) = section_total(cx, f, metric, &avg, cx.sec.at(at)) else {
            continue;
        };
        let Some(months) = cx.months else { continue };
        f.averages.push(Average {
            avg,
            total,
            divisor: months,
            divisor_span: None,
            per_day: false,
            metric: Some(metric),
        });
    }
}

static DAYS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)(?:(?:근무일|영업일|작업일|출근일)\s*:?\s*(\d{1,3})\s*일?|\b(\d{1,3})\s*(?:영업일|근무일|작업일|일\s*동안|일간|일\s*중)|\b(\d{1,3})\s+(?:(?:working|business|work|active|calendar)\s+)?days\b)",
    )
    .expect("days pattern")
});

static PER_DAY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)(?:(?:하루|(?:^|[^0-9가-힣])일)\s*평균|daily average|average per (?:working |business |active )?day|(?:\b(?:per|a)\s+|/\s*)(?:working |business |active )?day\b)",
    )
    .expect("per-day pattern")
});

/// Stated numbers of days in a text: `20일 동안`, `근무일 20일`, `20 working days`.
fn stated_days(s: &str) -> Vec<(std::ops::Range<usize>, f64)> {
    DAYS.captures_iter(s)
        .filter_map(|c| {
            let m = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3))?;
            // `3월 20일 동안` is a date.
            let before = s[..m.start()].trim_end();
            if before.ends_with('월') || before.ends_with('/') || before.ends_with('.') {
                return None;
            }
            let v: f64 = m.as_str().parse().ok()?;
            (v > 0.0).then(|| (c.get(0).map_or(m.range(), |w| w.range()), v))
        })
        .collect()
}

static DAYS_VALUE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(\d{1,3})\s*(?:일|days?)?$").expect("days value pattern")
});

/// A label naming a number of days worked: `근무일`, `작업 일수`, `Working days`.
fn days_label(l: &str) -> bool {
    let l = l.to_lowercase();
    has_any(
        &l,
        words![
            "근무일",
            "작업일",
            "영업일",
            "출근일",
            "근무 일수",
            "작업 일수",
            "working days",
            "work days",
            "business days",
            "active days",
            "days worked",
        ],
    )
}

/// A label naming a per-day average: `하루 평균 커밋`, `일 평균`, `Daily average`.
fn per_day_label(l: &str) -> bool {
    let l = l.to_lowercase();
    has_any(
        &l,
        words![
            "하루 평균",
            "일평균",
            "daily average",
            "average per day",
            "per day",
            "/day",
        ],
    ) || l.trim_start().starts_with("일 평균")
}

/// `- **근무일**: 20일` with `- **하루 평균 커밋**: 3개` in the same section, against the
/// section's total.
pub(super) fn key_value_daily(cx: &Cx, f: &mut Facts) {
    // (section, label, value run, value text) for every key/value row and item.
    let mut rows: Vec<(Option<usize>, &str, &Inline, usize)> = Vec::new();
    for t in &cx.doc.tables {
        for r in &t.rows {
            if let [label, value, ..] = r.cells.as_slice() {
                rows.push((cx.sec.at(r.span.start), label.plain(), &value.text, 0));
            }
        }
    }
    for it in &cx.doc.items {
        let s = it.text.text.as_str();
        if let Some((label, _)) = s.split_once(':')
            && label.chars().count() <= 40
        {
            rows.push((cx.sec.at(it.span.start), label, &it.text, label.len() + 1));
        }
    }
    for &(sec, label, inl, from) in &rows {
        if !per_day_label(label) {
            continue;
        }
        let days: Vec<(Span, f64)> = rows
            .iter()
            .filter(|r| r.0 == sec && days_label(r.1))
            .filter_map(|r| {
                let v = r.2.text[r.3..].trim().trim_matches('*').trim();
                let c = DAYS_VALUE.captures(v)?;
                let n: f64 = c.get(1)?.as_str().parse().ok()?;
                let at = r.2.text.len() - r.2.text[r.3..].trim_start().len();
                Some((r.2.span_of(at..r.2.text.trim_end().len()), n))
            })
            .collect();
        let [(dspan, d)] = days.as_slice() else {
            continue;
        };
        let qs = numbers::scan(&inl.text);
        let mut vals = qs.iter().filter(|q| q.range.start >= from);
        let (Some(q), None) = (vals.next(), vals.next()) else {
            continue;
        };
        if !q.is_exact() || q.is_percent() || *d <= 0.0 {
            continue;
        }
        let Some(metric) = metric_in(label).or_else(|| unit_metric(q.unit)) else {
            continue;
        };
        let avg = Num::from_q(inl, q);
        let Some(total) = section_total(cx, f, metric, &avg, sec) else {
            continue;
        };
        f.averages.push(Average {
            avg,
            total,
            divisor: *d,
            divisor_span: Some(*dspan),
            per_day: true,
            metric: Some(metric),
        });
    }
}

/// `20일 동안 커밋 62개, 하루 평균 3개`, `60 commits over 20 working days, 3 per day`: a
/// per-day average with its total and the number of days in the same paragraph or item.
pub(super) fn daily_averages(cx: &Cx, f: &mut Facts) {
    for inl in cx.doc.prose() {
        let s = inl.text.as_str();
        // Every form of the pattern has `평균`, `day` or `daily`; most text has none.
        if !s.contains("평균")
            && !contains_ignore_ascii_case(s, "day")
            && !contains_ignore_ascii_case(s, "daily")
        {
            continue;
        }
        let Some(m) = PER_DAY.find(s) else { continue };
        // One average per text, one number of days.
        if PER_DAY.find_iter(s).count() != 1 {
            continue;
        }
        let days = stated_days(s);
        let [(drange, d)] = days.as_slice() else {
            continue;
        };
        let qs = numbers::scan(s);
        let is_day = |q: &Quantity| q.range.start < drange.end && drange.start < q.range.end;
        let lead = m.as_str().trim_start().to_lowercase();
        let after_word = lead.starts_with("per") || lead.starts_with('a') || lead.starts_with('/');
        // The average: the value right before `per day`, or the first one after `하루 평균`.
        let avg = if after_word {
            qs.iter()
                .rfind(|q| q.range.end <= m.start())
                .filter(|q| s[q.range.end..m.start()].trim().is_empty())
        } else {
            qs.iter().find(|q| q.range.start >= m.end()).filter(|q| {
                let gap = &s[m.end()..q.range.start];
                gap.len() <= 24 && !gap.contains(['.', ',', '(', ')'])
            })
        };
        let Some(avg) = avg else { continue };
        if !avg.is_exact() || avg.is_percent() || is_day(avg) {
            continue;
        }
        // The total: the only other value of the text, besides the days.
        let others: Vec<&Quantity> = qs
            .iter()
            .filter(|q| q.range != avg.range && !is_day(q))
            .collect();
        let [total] = others.as_slice() else { continue };
        if !total.is_exact()
            || total.is_percent()
            || total.value <= avg.value
            || !compatible(total.unit, avg.unit)
        {
            continue;
        }
        f.averages.push(Average {
            avg: Num::from_q(inl, avg),
            total: Num::from_q(inl, total),
            divisor: *d,
            divisor_span: Some(inl.span_of(drange.clone())),
            per_day: true,
            metric: metric_in(s).or_else(|| unit_metric(avg.unit)),
        });
    }
}
