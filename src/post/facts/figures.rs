//! Figures: a metric stated for a scope (`총 커밋 수: 75개`, `서버 40개`,
//! `Backend (40 commits)`), in table cells, key/value items, headings and prose, and the
//! totals of a whole year under a year heading.

use super::scopes::{ColumnScope, SCOPES, canonical_scope, column_scope, heading_scope};
use super::sections::Cx;
use super::text::{LOOK_BACK, back, is_rate, sentences, within};
use super::types::{Facts, Figure, Metric, Num, YearFigure};
use super::vocabulary::{
    clean_label, is_not_part_label, is_total_label, metric_in, month_label, narrows, other_period,
    quarter_label, unit_metric,
};
use crate::post::markdown::Inline;
use crate::post::numbers::{Approx, Quantity};
use crate::source::Span;

/// Figures for conflicting-figures: a metric stated for a scope.
pub(super) fn figures(
    cx: &Cx,
    inl: &Inline,
    qs: &[Quantity],
    cell: Option<(&str, &str)>,
    sec_metric: Option<Metric>,
    f: &mut Facts,
) {
    let s = inl.text.as_str();
    let at = inl.span().start;
    // A table row `총 커밋 | 700개 (...)`: the first quantity of the cell.
    // Figures in a section about a whole year (`## 2023년 총 결산`) of a shorter post are
    // about that year, not about the post.
    let year = cx.section_year(at);
    if let Some(year) = year {
        let kv = match cell {
            Some((label, _)) => qs
                .first()
                .filter(|q| q.range.start == s.len() - s.trim_start().len())
                .map(|q| (label, q)),
            None => s.split_once(':').and_then(|(label, _)| {
                qs.iter()
                    .find(|q| q.range.start > label.len())
                    .map(|q| (label, q))
            }),
        };
        if let Some((label, q)) = kv
            && !q.is_percent()
            && is_total_label(label)
            && matches!(q.approx, Approx::Exact | Approx::About)
            && let Some(metric) = unit_metric(q.unit).or_else(|| metric_in(label))
        {
            f.year_figures.push(YearFigure {
                metric,
                year,
                num: Num::from_q(inl, q),
                row: false,
            });
        }
        return;
    }
    if let Some((label, head)) = cell {
        let Some(q) = qs.first() else { return };
        // A percentage is never a count of the row's thing (`| 총 커밋 | 54 | 100% |`).
        if q.range.start != s.len() - s.trim_start().len() || !q.is_exact() || q.is_percent() {
            return;
        }
        if is_not_part_label(label)
            || month_label(label).is_some()
            || quarter_label(label).is_some()
        {
            return;
        }
        let Some(metric) = unit_metric(q.unit)
            .or_else(|| metric_in(label))
            .or_else(|| metric_in(head))
        else {
            return;
        };
        if !cx.in_summary(at) {
            return;
        }
        // A total row's cell is the post's total only under a column of the post's own
        // figures; in a transposed table (`| 총 커밋 | 18 | 22 | 40 |`) each column is a part.
        let whole = is_total_label(label) || canonical_scope(label, &Default::default()) == "total";
        let scope = match (whole, column_scope(head)) {
            (_, ColumnScope::Other) => return,
            (true, ColumnScope::Own) => "total".to_owned(),
            (true, ColumnScope::Part) => canonical_scope(head, &Default::default()),
            (false, _) => clean_label(label).to_lowercase(),
        };
        push_figure(cx, at, metric, scope, Num::from_q(inl, q), f);
        // The parts of a total stated in the same cell: `700개 (BE 330 + FE 178)`.
        if let Some(sum) = f.sums.last()
            && sum.total.span == Num::from_q(inl, q).span
        {
            for p in sum.parts.clone() {
                let scope = canonical_scope(&p.label, &Default::default());
                f.figures.push(Figure {
                    metric,
                    scope,
                    num: p.num,
                });
            }
        }
        return;
    }
    // `**총 커밋 수**: 75개`, `**Frontend**: 28개` as a whole item.
    if let Some((label, value)) = s.split_once(':')
        && let [q] = qs
            .iter()
            .filter(|q| q.range.start > label.len())
            .collect::<Vec<_>>()
            .as_slice()
        && value.trim().starts_with(&s[q.range.clone()])
        && !label.bytes().any(|b| b.is_ascii_digit())
        && label.chars().count() <= 40
    {
        let rest = value.trim()[q.range.len()..].trim();
        let rest_ok =
            rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')') && rest.contains('%'));
        if rest_ok && q.is_exact() && !q.is_percent() && !is_not_part_label(label) {
            let metric = unit_metric(q.unit)
                .or_else(|| metric_in(label))
                .or(sec_metric);
            let scope = if is_total_label(label) {
                cx.section_scope(at)
            } else {
                Some(canonical_scope(label, &Default::default()))
            };
            // `총 커밋: 14개` in one repository's section or group is that repository's.
            let scope = match scope {
                Some(s) if s == "total" => Some(cx.part_scope(at).unwrap_or(s)),
                s => s,
            };
            if let (Some(metric), Some(scope)) = (metric, scope)
                && (cx.in_summary(at) || scope != "total")
                && (scope != "total" || metric_in(label).is_some() || sec_metric.is_some())
            {
                f.figures.push(Figure {
                    metric,
                    scope,
                    num: Num::from_q(inl, q),
                });
            }
        }
        return;
    }
    // A heading `Backend Server (40 commits)`.
    // Headings are in document order: find the one that could be this text by where it
    // starts, instead of looking at every heading for every text.
    let hs = &cx.doc.headings;
    let i = hs.partition_point(|h| h.text.span().start < at);
    if hs.get(i).is_some_and(|h| std::ptr::eq(&h.text, inl)) {
        if let Some(q) = qs.last()
            && let Some(m) = unit_metric(q.unit)
            && q.is_exact()
        {
            let name = s[..q.range.start].trim_end().trim_end_matches('(').trim();
            let scope = canonical_scope(name, &Default::default());
            if scope != "total" && heading_scope(name).is_some() {
                f.figures.push(Figure {
                    metric: m,
                    scope,
                    num: Num::from_q(inl, q),
                });
            }
        }
        return;
    }
    // Prose: `총 50개의 이슈`, `40개의 커밋(서버 40개 + ...)`, `커밋 수(32개)`, `전체 32개 커밋 중`.
    if !cx.in_summary(at) {
        return;
    }
    // The parts of a total in this run name their scope: `(서버 40개 + 프론트 0개)`.
    let span = inl.span();
    let mut part_figs = Vec::new();
    for sum in f
        .sums
        .iter()
        .rev()
        .take_while(|x| x.total.span.start >= span.start && x.total.span.end <= span.end)
    {
        let Some(metric) = sum.metric else { continue };
        for p in &sum.parts {
            let scope = canonical_scope(&p.label, &Default::default());
            if SCOPES.iter().any(|(n, _)| *n == scope && *n != "total") && p.num.exact() {
                part_figs.push(Figure {
                    metric,
                    scope,
                    num: p.num.clone(),
                });
            }
        }
    }
    let taken: std::collections::HashSet<Span> = part_figs.iter().map(|x| x.num.span).collect();
    f.figures.extend(part_figs);
    for sentence in sentences(s) {
        let text = &s[sentence.clone()];
        if narrows(text) {
            continue;
        }
        let idx = within(qs, &sentence);
        // Whether a quantity other than a length in months comes before each one.
        let mut prior = Vec::with_capacity(idx.len());
        let mut any = false;
        for &k in &idx {
            prior.push(any);
            any |= qs[k].unit != Some("개월") && !qs[k].is_percent();
        }
        for (pos, &qi) in idx.iter().enumerate() {
            let q = &qs[qi];
            if !q.is_exact() || q.glued.is_some() {
                continue;
            }
            let bs = back(s, q.range.start, LOOK_BACK).max(sentence.start);
            let before = &s[bs..q.range.start];
            let after = &s[q.range.end..sentence.end];
            let metric = if let Some(m) = unit_metric(q.unit) {
                Some(m)
            } else if q.unit == Some("개") || q.unit == Some("건") {
                let a = after.trim_start();
                let a = a.strip_prefix('의').unwrap_or(a).trim_start();
                if a.starts_with("커밋") {
                    Some(Metric::Commits)
                } else if a.starts_with("이슈") {
                    Some(Metric::Issues)
                } else if before.trim_end().ends_with("커밋 수(")
                    || before.trim_end().ends_with("커밋(")
                {
                    Some(Metric::Commits)
                } else if before.trim_end().ends_with("이슈 수(")
                    || before.trim_end().ends_with("이슈(")
                {
                    Some(Metric::Issues)
                } else {
                    None
                }
            } else {
                None
            };
            let Some(metric) = metric else { continue };
            // A count of things is whole; `4.5 commits per day` is a rate, not the total.
            if q.int().is_none() || is_rate(before, after) {
                continue;
            }
            if taken.contains(&inl.span_of(q.range.clone())) || other_period(before) {
                continue;
            }
            let b = before.trim_end();
            let counted_as = ["커밋 수(", "이슈 수(", "커밋수(", "이슈수("];
            let names_month = before.split_whitespace().any(|w| cx.other_month(w));
            if counted_as.iter().any(|w| b.ends_with(w)) && !names_month {
                f.figures.push(Figure {
                    metric,
                    scope: "total".into(),
                    num: Num::from_q(inl, q),
                });
                continue;
            }
            // A scope word right before: `서버 40개`; else `총`/`전체`/nothing means the post.
            let word: String = b
                .trim_end_matches('(')
                .trim_end()
                .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '+' || c == ',')
                .next()
                .unwrap_or("")
                .to_owned();
            let in_paren_sum = b.ends_with('+')
                || b.ends_with('(')
                    && !b.ends_with("수(")
                    && !b.ends_with("커밋(")
                    && !b.ends_with("이슈(");
            let others = prior[pos];
            let conj = ["과", "와", "및", "and", "그리고"]
                .iter()
                .any(|c| word.ends_with(c));
            const VERBS: &[&str] = &[
                "made",
                "pushed",
                "merged",
                "closed",
                "resolved",
                "wrote",
                "landed",
                "shipped",
                "authored",
                "committed",
                "opened",
                "fixed",
                "had",
                "with",
            ];
            let verb =
                VERBS.contains(&word.to_lowercase().as_str()) && unit_metric(q.unit).is_some();
            if word == "중" || word == "of" {
                continue;
            }
            let scope = if ((conj || verb) && !b.ends_with('+'))
                || word.is_empty()
                || word == "총"
                || word == "전체"
                || word.ends_with("수(")
                || word == "커밋"
                || word == "이슈"
                || b.is_empty()
            {
                "total".to_owned()
            } else {
                let c = canonical_scope(&word, &Default::default());
                if SCOPES.iter().any(|(n, _)| *n == c) && c != "total" {
                    c
                } else if in_paren_sum || b.ends_with("+ ") {
                    continue;
                } else {
                    // `이번 달 커밋 수`, `12개월간`: the post itself only with a clear total word.
                    let tail: String = b
                        .chars()
                        .rev()
                        .take(12)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    if others {
                        continue;
                    }
                    if tail.contains("총")
                        || tail.contains("전체")
                        || tail.contains("이번 달")
                        || tail.ends_with("커밋 수(")
                        || tail.ends_with("이슈 수(")
                        || tail.contains("개월간")
                    {
                        "total".to_owned()
                    } else {
                        continue;
                    }
                }
            };
            // A month named in the sentence before the value is about another period.
            if scope == "total" && before.split_whitespace().any(|w| cx.other_month(w)) {
                continue;
            }
            push_figure(cx, at, metric, scope, Num::from_q(inl, q), f);
        }
    }
}

/// A figure at `at`: `총 14개` in one repository's section or group is that repository's
/// total, not the post's.
fn push_figure(cx: &Cx, at: usize, metric: Metric, scope: String, num: Num, f: &mut Facts) {
    let scope = match scope.as_str() {
        "total" => cx.part_scope(at).unwrap_or(scope),
        _ => scope,
    };
    f.figures.push(Figure { metric, scope, num });
}
