//! Consecutive weekly (or monthly) posts of one series whose periods leave a gap or overlap.
//! A series is the built retrospectives of one kind in one folder, year folders aside
//! (`Retrospective/*/weekly`), ordered by start.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::post::period::{Kind, Period, days_between};
use crate::site::describe_period;
use crate::t;
use jiff::ToSpan;

enum Finding {
    /// Whole weeks or months with no post.
    Missing(Vec<Period>),
    /// Days between the two periods that no post covers.
    GapDays(Period),
    /// Days both periods cover.
    Overlap(i64),
}

fn add_days(d: jiff::civil::Date, n: i64) -> Option<jiff::civil::Date> {
    d.checked_add(n.days()).ok()
}

fn judge(kind: Kind, a: Period, b: Period, max_missing: i64) -> Option<Finding> {
    if b.start <= a.end {
        return Some(Finding::Overlap(
            days_between(b.start, a.end.min(b.end)) + 1,
        ));
    }
    let gap = || {
        Some(Finding::GapDays(Period {
            start: add_days(a.end, 1)?,
            end: add_days(b.start, -1)?,
        }))
    };
    match kind {
        Kind::Weekly => {
            let d = days_between(a.start, b.start);
            if d % 7 == 0 {
                let missing = d / 7 - 1;
                if !(1..=max_missing).contains(&missing) {
                    return None;
                }
                let weeks = (1..=missing)
                    .filter_map(|k| {
                        Some(Period {
                            start: add_days(a.start, 7 * k)?,
                            end: add_days(a.start, 7 * k + 6)?,
                        })
                    })
                    .collect();
                Some(Finding::Missing(weeks))
            } else if a.days() == 7 && b.days() == 7 {
                // Full weeks that drifted: the days between are uncovered.
                let days = days_between(a.end, b.start) - 1;
                (days >= 1 && days < 7 * (max_missing + 1))
                    .then(gap)
                    .flatten()
            } else {
                None
            }
        }
        Kind::Monthly => {
            // From the month the previous post ends in: a post may cover two months.
            let idx = |d: jiff::civil::Date| i64::from(d.year()) * 12 + i64::from(d.month());
            let months = idx(b.start) - idx(a.end);
            if months == 1 {
                return (days_between(a.end, b.start) > 1).then(gap).flatten();
            }
            let missing = months - 1;
            if !(1..=max_missing).contains(&missing) || !a.is_whole_months() {
                return None;
            }
            let list = (1..=missing)
                .filter_map(|k| {
                    let m0 = idx(a.end) - 1 + k;
                    Period::month(
                        i16::try_from(m0 / 12).ok()?,
                        i8::try_from(m0 % 12 + 1).ok()?,
                    )
                })
                .collect();
            Some(Finding::Missing(list))
        }
        _ => None,
    }
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(i) = cx.site_index() else { return };
    let site = cx.site;
    let (Some(j), parallel) = site.series_prev(i) else {
        return;
    };
    let (me, prev) = (&site.posts[i], &site.posts[j]);
    let (Some(kind), Some(b), Some(a)) = (me.kind, me.period, prev.period) else {
        return;
    };
    let default_max = if kind == Kind::Weekly { 4 } else { 2 };
    let max_missing = cx.opt_int("max_missing").unwrap_or(default_max);
    let Some(finding) = judge(kind, a, b, max_missing) else {
        return;
    };
    let (ks, kk) = (kind.as_str(), kind.ko());
    let (pa, pb) = (describe_period(a), describe_period(b));
    let other = site.display_rel(&prev.path);
    let msg = match finding {
        Finding::Overlap(_) if parallel => return,
        Finding::Overlap(_) if a == b => t!(
            "another {ks} post covers the same period {pb}: {other}",
            "같은 기간({pb})의 {kk} 회고가 또 있습니다: {other}"
        ),
        Finding::Overlap(n) => t!(
            "this {ks} post's period {pb} overlaps the previous one's ({pa}) by {n} days",
            "이전 {kk} 회고와 기간이 겹칩니다: 이 글 {pb}, 이전 글 {pa}, 겹친 날 {n}일"
        ),
        Finding::Missing(list) => {
            let n = list.len();
            let l = list
                .into_iter()
                .map(describe_period)
                .collect::<Vec<_>>()
                .join(", ");
            t!(
                "no {ks} post covers {l} ({n} missing between the previous post, {pa}, and this one)",
                "{kk} 회고가 없는 기간이 있습니다: {l} (빠진 기간 {n}개, 이전 글 {pa}, 이 글 {pb})"
            )
        }
        Finding::GapDays(g) => {
            let n = g.days();
            t!(
                "no {ks} post covers {g} ({n} days between the previous post, {pa}, and this one)",
                "{kk} 회고가 다루지 않는 날이 있습니다: {g} ({n}일, 이전 글 {pa}, 이 글 {pb})"
            )
        }
    };
    let span = me
        .period_at
        .map(|l| l.span)
        .or_else(|| cx.post.title().map(|(_, s)| s))
        .unwrap_or_else(|| cx.post.source.line_span(1));
    let mut d = cx.diag(span, msg);
    d.related.push(site.related(
        j,
        prev.period_at,
        t!("the previous {ks} post", "이전 {kk} 회고"),
    ));
    out.push(d);
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn p(a: (i16, i8, i8), b: (i16, i8, i8)) -> Period {
        Period {
            start: date(a.0, a.1, a.2),
            end: date(b.0, b.1, b.2),
        }
    }

    #[test]
    fn weekly_gaps_and_overlaps() {
        let w1 = p((2026, 1, 2), (2026, 1, 8));
        let w2 = p((2026, 1, 9), (2026, 1, 15));
        let w4 = p((2026, 1, 23), (2026, 1, 29));
        assert!(judge(Kind::Weekly, w1, w2, 4).is_none());
        assert!(
            matches!(judge(Kind::Weekly, w2, w4, 4), Some(Finding::Missing(v)) if v.len() == 1)
        );
        let w2b = p((2026, 1, 8), (2026, 1, 14));
        assert!(matches!(
            judge(Kind::Weekly, w1, w2b, 4),
            Some(Finding::Overlap(1))
        ));
        // Monday to Friday weeks: the weekend between is no gap.
        let a = p((2026, 1, 5), (2026, 1, 9));
        let b = p((2026, 1, 12), (2026, 1, 16));
        assert!(judge(Kind::Weekly, a, b, 4).is_none());
        // A pause of months is no missing post.
        let late = p((2026, 6, 5), (2026, 6, 11));
        assert!(judge(Kind::Weekly, w1, late, 4).is_none());
    }

    #[test]
    fn monthly_gaps() {
        let m = |y, mo| Period::month(y, mo).unwrap();
        assert!(judge(Kind::Monthly, m(2023, 12), m(2024, 1), 2).is_none());
        assert!(
            matches!(judge(Kind::Monthly, m(2023, 11), m(2024, 1), 2), Some(Finding::Missing(v)) if describe_period(v[0]) == "2023-12")
        );
        assert!(judge(Kind::Monthly, m(2023, 1), m(2024, 1), 2).is_none());
        // A post of two months leaves no gap before the month after them.
        let aug_sep = p((2024, 8, 1), (2024, 9, 30));
        assert!(judge(Kind::Monthly, aug_sep, m(2024, 10), 2).is_none());
        assert!(judge(Kind::Monthly, m(2024, 7), aug_sep, 2).is_none());
        assert!(
            matches!(judge(Kind::Monthly, aug_sep, m(2024, 11), 2), Some(Finding::Missing(v)) if describe_period(v[0]) == "2024-10")
        );
    }
}
