//! A figure one post states about another period differs from what that period's own post
//! states: an annual post's month row against the monthly post, a monthly post's total
//! against the sum of the weekly posts covering the month, a comparison table's row for an
//! earlier month or year against that period's post.

use super::Context;
use crate::diagnostic::{Diagnostic, Related, Text};
use crate::post::facts::{Change, KeyedFigure, Previous, SiteFigure, fmt, fmt_as};
use crate::post::period::{Kind, Period, days_between};
use crate::site::SitePost;
use crate::source::Span;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let post = cx.post;
    let Some(period) = post.period.period else {
        return;
    };
    year_figures(cx, period, out);
    weekly_sums(cx, period, out);
    changes(cx, period, out);
    // Month labels without a year take the year of a post within one calendar year; a
    // month after the post (`12월` in a January post) is of the year before.
    if period.start.year() != period.end.year() || post.facts.month_rows.is_empty() {
        return;
    }
    for row in &post.facts.month_rows {
        if !row.num.exact() {
            continue;
        }
        let mut year = period.start.year();
        let Some(mut target) = Period::month(year, row.month as i8) else {
            continue;
        };
        if target.start > period.end {
            year -= 1;
            let Some(t) = Period::month(year, row.month as i8) else {
                continue;
            };
            target = t;
        }
        let others: Vec<&SitePost> = cx
            .site
            .overlapping(Kind::Monthly, target)
            .into_iter()
            .map(|i| &cx.site.posts[i])
            .filter(|p| p.path != post.path && p.period == Some(target))
            .collect();
        // One monthly post for the month, or nothing can be said.
        let [other] = others.as_slice() else { continue };
        let stated: Vec<_> = other
            .figures
            .iter()
            .filter(|f| f.month.is_none() && f.metric == row.metric)
            .collect();
        if stated.is_empty()
            || stated
                .iter()
                .any(|f| (f.value - row.num.value).abs() < 1e-9)
        {
            continue;
        }
        let mut values: Vec<f64> = stated.iter().map(|f| f.value).collect();
        values.sort_by(f64::total_cmp);
        values.dedup();
        let v = fmt(row.num.value);
        let (m_en, m_ko) = (row.metric.en(), row.metric.ko());
        let month = format!("{year}-{:02}", row.month);
        let other_path = other.path.display().to_string();
        let msg = if let [only] = values.as_slice() {
            let o = fmt(*only);
            t!(
                "{month} {m_en}: this post says {v}, the monthly post says {o}",
                "다른 글의 수치와 다릅니다 ({month} {m_ko}): 이 글 {v}, 월간 회고 {o}"
            )
        } else {
            let list: Vec<String> = values.iter().map(|x| fmt(*x)).collect();
            let list = list.join(", ");
            t!(
                "{month} {m_en}: this post says {v}; the monthly post is itself inconsistent ({list})",
                "다른 글의 수치와 다릅니다 ({month} {m_ko}): 이 글 {v}, 월간 회고 자체가 서로 다른 값을 적음 ({list})"
            )
        };
        let mut d = stated_here(
            cx,
            row.num.span,
            &v,
            msg,
            t!(
                "check the monthly post ({other_path}) and make both agree",
                "월간 회고({other_path})를 확인하고 두 글의 값을 맞추세요"
            ),
        );
        relate(&mut d, &other.path, &stated, |o| {
            t!("the monthly post: {o}", "월간 회고: {o}")
        });
        out.push(d);
    }
}

/// Whether this rule reads other posts' figures when it checks `post`: the post has month
/// rows, figures for a year, or is a monthly post with totals. A run checks such posts
/// after every post's figures are known.
pub fn reads_others(post: &crate::post::Post) -> bool {
    let f = &post.facts;
    !f.month_rows.is_empty()
        || !f.year_figures.is_empty()
        || !f.changes.is_empty()
        || (post.period.kind == Some(Kind::Monthly)
            && f.figures
                .iter()
                .any(|x| x.scope == "total" && x.num.exact()))
}

/// Whether the figures of a post of this kind can be read by this rule on another post:
/// monthly posts (month rows), annual posts (figures for a year), weekly posts (sums).
pub fn figures_read(kind: Option<Kind>) -> bool {
    matches!(kind, Some(Kind::Monthly | Kind::Annual | Kind::Weekly))
}

/// The post right before this one in its series: same kind, its period ending the day before
/// this one starts. One such post, or none.
fn previous_post<'a>(cx: &'a Context, period: Period) -> Option<&'a SitePost> {
    let kind = cx.post.period.kind?;
    let day = period.start.yesterday().ok()?;
    let before: Vec<&SitePost> = cx
        .site
        .overlapping(kind, Period { start: day, end: day })
        .into_iter()
        .map(|i| &cx.site.posts[i])
        .filter(|p| p.path != cx.post.path && p.period.is_some_and(|q| q.end == day))
        .collect();
    match before.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// `79.19€ (+4.78€)`, or a `Last month` column: what a post says of the previous period
/// against the previous post's value for the same thing (the same row, label or section, in
/// the same unit).
fn changes(cx: &Context, period: Period, out: &mut Vec<Diagnostic>) {
    if cx.post.facts.changes.is_empty() {
        return;
    }
    let Some(prev) = previous_post(cx, period) else {
        return;
    };
    for c in &cx.post.facts.changes {
        let unit = c.unit.map(str::to_owned);
        let same: Vec<&KeyedFigure> = prev
            .keyed
            .iter()
            .filter(|k| k.key == c.key && k.unit == unit)
            .collect();
        let [before] = same.as_slice() else { continue };
        if let Some(d) = against_previous(cx, c, before, &prev.path) {
            out.push(d);
        }
    }
}

/// The finding on one change or previous-period value, if the previous post contradicts it.
fn against_previous(
    cx: &Context,
    c: &Change,
    before: &KeyedFigure,
    prev_path: &std::path::Path,
) -> Option<Diagnostic> {
    let (v, p) = (c.value.value, before.value);
    // A value as the post writes it: `+$6.84`, `-11.62€`, `+38명`, `+12%`.
    let written = |x: f64, dec: u8, signed: bool, pct: bool| {
        let sign = if !signed {
            ""
        } else if x < 0.0 {
            "-"
        } else {
            "+"
        };
        let n = fmt_as(x.abs(), dec, x.abs() >= 1_000.0);
        match (pct, c.unit) {
            (true, _) => format!("{sign}{n}%"),
            (_, Some(u @ ("$" | "£"))) => format!("{sign}{u}{n}"),
            (_, Some(u @ ("€" | "원" | "명" | "개" | "건" | "회"))) => format!("{sign}{n}{u}"),
            _ => format!("{sign}{n}"),
        }
    };
    let vs = written(v, c.value.decimals, false, false);
    let ps = written(p, before.decimals, false, false);
    let key = &c.key;
    let other_path = prev_path.display().to_string();
    let help = t!(
        "check this value and the previous post's ({other_path}); either may be wrong",
        "이 글의 값과 이전 글({other_path})의 값을 확인하세요. 어느 쪽이든 틀렸을 수 있습니다"
    );
    let mut d = match &c.previous {
        Previous::Delta {
            delta,
            relative,
            tolerance,
        } => {
            let (d, decimals) = (delta.value, delta.decimals);
            let (stated, actual) = if *relative {
                if p <= 0.0 {
                    return None;
                }
                let pct = (v / p - 1.0) * 100.0;
                // Each percentage ±1 point, more when the values are small and rounded.
                let step = 10f64.powi(-i32::from(c.value.decimals.max(before.decimals)));
                let tol = 1f64.max(100.0 * step * (1.0 / p + v / (p * p)));
                if (pct - d).abs() <= tol {
                    return None;
                }
                (
                    written(d, decimals, true, true),
                    written(pct, decimals.max(1), true, true),
                )
            } else {
                let diff = v - p;
                if (diff - d).abs() <= *tolerance {
                    return None;
                }
                let dec = decimals.max(c.value.decimals).max(before.decimals);
                (
                    written(d, decimals, true, false),
                    written(diff, dec, true, false),
                )
            };
            cx.diag(
                delta.span,
                t!(
                    "change from the previous post ({key}): stated {stated}, but the previous post says {ps} and this one {vs}, a change of {actual}",
                    "이전 글과의 차이가 맞지 않습니다 ({key}): 적힌 차이 {stated}, 이전 글 {ps} → 이 글 {vs} ({actual})"
                ),
            )
            .label(delta.span, t!("stated change: {stated}", "적힌 차이: {stated}"))
            .label(c.value.num_span, t!("this post: {vs}", "이 글: {vs}"))
        }
        Previous::Value(stated) => {
            // Either may be rounded: a unit of the last digit of either.
            let step = |dec: u8| 10f64.powi(-i32::from(dec));
            if (stated.value - p).abs() <= step(stated.decimals).max(step(before.decimals)) / 2.0 + 1e-9 {
                return None;
            }
            let ss = written(stated.value, stated.decimals, false, false);
            cx.diag(
                stated.num_span,
                t!(
                    "the previous period's value ({key}): this post says {ss}, the previous post says {ps}",
                    "이전 글의 수치와 다릅니다 ({key}): 이 글의 지난 기간 값 {ss}, 이전 글 {ps}"
                ),
            )
            .label(stated.num_span, t!("previous period here: {ss}", "이 글의 지난 기간 값: {ss}"))
        }
    };
    d = d.help(help);
    d.related.push(Related {
        path: prev_path.to_path_buf(),
        span: before.span,
        line: before.line,
        column: before.column,
        text: t!("the previous post: {ps}", "이전 글: {ps}"),
    });
    Some(d)
}

/// A shorter post's figure for a whole year (`## 2023년 총 결산`) against the annual post.
fn year_figures(cx: &Context, period: Period, out: &mut Vec<Diagnostic>) {
    for yf in &cx.post.facts.year_figures {
        // A comparison table's row: only for a year before the post's own.
        if yf.row && yf.year >= period.start.year() {
            continue;
        }
        let Some(whole_year) = Period::year(yf.year) else {
            continue;
        };
        let annuals: Vec<&SitePost> = cx
            .site
            .overlapping(Kind::Annual, whole_year)
            .into_iter()
            .map(|i| &cx.site.posts[i])
            .filter(|p| {
                p.path != cx.post.path
                    && p.period
                        .is_some_and(|x| x.start.year() == yf.year && x.end.year() == yf.year)
            })
            .collect();
        let [annual] = annuals.as_slice() else {
            continue;
        };
        let stated: Vec<_> = annual
            .figures
            .iter()
            .filter(|f| f.month.is_none() && f.metric == yf.metric)
            .collect();
        // An approximate value may be off by a tenth; an exact one must match.
        let tol = if yf.num.exact() { 1e-9 } else { 0.1 };
        let close = |v: f64| (v - yf.num.value).abs() <= tol * v.abs().max(1.0);
        if stated.is_empty() || stated.iter().any(|f| close(f.value)) {
            continue;
        }
        let written = cx.text().get(yf.num.span.range()).unwrap_or("").to_owned();
        let mut values: Vec<f64> = stated.iter().map(|f| f.value).collect();
        values.sort_by(f64::total_cmp);
        values.dedup();
        let grouped = written.contains(',');
        let list: Vec<String> = values
            .iter()
            .map(|&x| {
                if grouped && x.fract() == 0.0 {
                    crate::post::facts::fmt_as(x, 0, true)
                } else {
                    fmt(x)
                }
            })
            .collect();
        let list = list.join(", ");
        let year = yf.year;
        let (m_en, m_ko) = (yf.metric.en(), yf.metric.ko());
        let other_path = annual.path.display().to_string();
        let mut d = stated_here(
            cx,
            yf.num.span,
            &written,
            t!(
                    "{year} {m_en}: this post says {written}, the annual post says {list}",
                    "다른 글의 수치와 다릅니다 ({year}년 {m_ko}): 이 글 {written}, 연간 회고 {list}"
                ),
            t!(
                "check the annual post ({other_path}) and make both agree",
                "연간 회고({other_path})를 확인하고 두 글의 값을 맞추세요"
            ),
        );
        relate(&mut d, &annual.path, &stated, |o| {
            t!("the annual post: {o}", "연간 회고: {o}")
        });
        out.push(d);
    }
}

/// A monthly post's totals against the sum of the weekly posts that cover exactly its month.
fn weekly_sums(cx: &Context, period: Period, out: &mut Vec<Diagnostic>) {
    let post = cx.post;
    let (y, m) = (period.start.year(), period.start.month());
    if post.period.kind != Some(Kind::Monthly) || Period::month(y, m) != Some(period) {
        return;
    }
    let mut weeks: Vec<&SitePost> = cx
        .site
        .overlapping(Kind::Weekly, period)
        .into_iter()
        .map(|i| &cx.site.posts[i])
        .filter(|p| p.path != post.path)
        .collect();
    weeks.sort_by_key(|p| p.period);
    // Every day of the month in exactly one weekly post, none reaching outside the month.
    let mut next = period.start;
    for w in &weeks {
        let Some(wp) = w.period else { return };
        if wp.start != next || wp.end > period.end {
            return;
        }
        next = match wp.end.tomorrow() {
            Ok(d) => d,
            Err(_) => return,
        };
    }
    if weeks.is_empty() || days_between(period.end, next) != 1 {
        return;
    }
    let month = format!("{y}-{m:02}");
    let mut metrics: Vec<_> = post
        .facts
        .figures
        .iter()
        .filter(|f| f.scope == "total" && f.num.exact())
        .map(|f| f.metric)
        .collect();
    metrics.dedup();
    let mut seen = Vec::new();
    for metric in metrics {
        if seen.contains(&metric) {
            continue;
        }
        seen.push(metric);
        let own: Vec<_> = post
            .facts
            .figures
            .iter()
            .filter(|f| f.scope == "total" && f.num.exact() && f.metric == metric)
            .collect();
        let per_week: Vec<Vec<&SiteFigure>> = weeks
            .iter()
            .map(|w| {
                w.figures
                    .iter()
                    .filter(|f| f.month.is_none() && f.metric == metric)
                    .collect()
            })
            .collect();
        // A week without the figure: nothing to add up.
        if per_week.iter().any(Vec::is_empty) {
            continue;
        }
        let (m_en, m_ko) = (metric.en(), metric.ko());
        let first = &own[0].num;
        let v = fmt(first.value);
        let inconsistent = weeks
            .iter()
            .zip(&per_week)
            .find(|(_, figs)| figs.iter().any(|f| (f.value - figs[0].value).abs() > 1e-9));
        if let Some((w, figs)) = inconsistent {
            let mut values: Vec<f64> = figs.iter().map(|f| f.value).collect();
            values.sort_by(f64::total_cmp);
            values.dedup();
            let list: Vec<String> = values.iter().map(|x| fmt(*x)).collect();
            let list = list.join(", ");
            let wpath = w.path.display().to_string();
            let wp = w
                .period
                .map(|p| format!("{} ~ {}", p.start, p.end))
                .unwrap_or_default();
            let mut d = stated_here(
                cx,
                first.span,
                &v,
                t!(
                        "{month} {m_en}: the weekly posts cannot be added up, the one for {wp} is itself inconsistent ({list})",
                        "주간 회고의 합과 비교할 수 없습니다 ({month} {m_ko}): {wp} 주간 회고 자체가 서로 다른 값을 적음 ({list})"
                    ),
                t!(
                    "make the weekly post ({wpath}) agree with itself first",
                    "주간 회고({wpath})의 값을 먼저 맞추세요"
                ),
            );
            relate(&mut d, &w.path, figs, |o| {
                t!("the weekly post: {o}", "주간 회고: {o}")
            });
            out.push(d);
            continue;
        }
        let sum: f64 = per_week.iter().map(|f| f[0].value).sum();
        if own.iter().any(|f| (f.num.value - sum).abs() < 1e-9) {
            continue;
        }
        let s = fmt(sum);
        let n = weeks.len();
        let terms: Vec<String> = per_week.iter().map(|f| fmt(f[0].value)).collect();
        let terms = terms.join(" + ");
        let mut d = stated_here(
            cx,
            first.span,
            &v,
            t!(
                    "{month} {m_en}: this post says {v}, the {n} weekly posts add up to {s} ({terms})",
                    "주간 회고의 합과 다릅니다 ({month} {m_ko}): 이 글 {v}, 주간 회고 {n}개의 합 {s} ({terms})"
                ),
            t!(
                "check the weekly posts and this post and make them agree",
                "주간 회고와 이 글을 확인하고 값을 맞추세요"
            ),
        );
        for (w, figs) in weeks.iter().zip(&per_week) {
            relate(&mut d, &w.path, &figs[..1], |o| {
                t!("the weekly post: {o}", "주간 회고: {o}")
            });
        }
        out.push(d);
    }
}

/// A figure of this post that another post contradicts: the message on it, labelled
/// "here", and what to check.
fn stated_here(cx: &Context, at: Span, v: &str, message: Text, help: Text) -> Diagnostic {
    cx.diag(at, message)
        .label(at, t!("{v} here", "이 글: {v}"))
        .help(help)
}

/// Labels in the other post, one for each figure it states.
fn relate(
    d: &mut Diagnostic,
    path: &std::path::Path,
    figs: &[&SiteFigure],
    text: impl Fn(String) -> crate::diagnostic::Text,
) {
    for f in figs {
        d.related.push(Related {
            path: path.to_path_buf(),
            span: f.span,
            line: f.line,
            column: f.column,
            text: text(fmt(f.value)),
        });
    }
}
