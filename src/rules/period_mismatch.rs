//! The title, file name, permalink and `date` of a retrospective disagree about its period.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::post::period::{Claim, Origin, Period, days_between};
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let info = &cx.post.period;
    if !info.retrospective {
        return;
    }
    let Some(primary) = info.claims.first() else {
        return;
    };
    let anchor = primary.span.or_else(|| cx.post.title().map(|t| t.1));
    for c in &info.claims[1..] {
        if c.period == primary.period || names_an_end_month(primary.period, c) {
            continue;
        }
        let (a, b) = (primary.period, c.period);
        let (po, co) = (primary.origin, c.origin);
        let (pe, pk, ce, ck) = (po.en(), po.ko(), co.en(), co.ko());
        let msg = t!(
            "the {ce} says {b}, the {pe} says {a}",
            "기간이 서로 다릅니다: {ck} {b}, {pk} {a}"
        );
        let Some(span) = c.span.or(anchor) else {
            continue;
        };
        let mut d = cx.diag(span, msg);
        if let (Some(ps), true) = (primary.span, c.span.is_some()) {
            d = d.label(ps, t!("the {pe} says {a}", "{pk}: {a}"));
        }
        if c.origin == Origin::FileName {
            let f = cx.post.file_name();
            d = d.help(t!("the file is named `{f}`", "파일 이름: `{f}`"));
        }
        // An older URL is history: it may name the period the post was first filed under.
        if c.origin == Origin::LegacyUrl {
            d = d.guessed();
        }
        out.push(d);
    }
    // A post dated before its period starts names the wrong period. One dated after it
    // ends is a late write-up (`date-not-period-end` speaks where the site dates its
    // posts on the period's end), unless the config sets how late a post may be.
    if let (Some((date, span)), Some(p)) = (info.date, info.period) {
        let late = cx
            .opt_int("max_days_after_end")
            .is_some_and(|after| days_between(p.end, date) > after);
        if date < p.start || late {
            let key = info.date_key;
            let mut d = cx.diag(
                span,
                t!(
                    "`{key}` {date} lies outside the period the post covers ({p})",
                    "`{key}` 값이 글의 기간 밖입니다: {date}, 기간 {p}"
                ),
            );
            if let Some(ps) = primary.span {
                d = d.label(ps, t!("period stated here", "기간이 적힌 곳"));
            }
            out.push(d);
        }
    }
}

/// A post of several months named after its first or last month (`2025-08.md` for
/// "8월, 9월 회고"): the name points into the period, it does not contradict it. A name
/// that writes the month's days out (`2025-08-01-2025-08-31`) states that month exactly.
fn names_an_end_month(whole: Period, c: &Claim) -> bool {
    let part = c.period;
    whole.is_whole_months()
        && whole.months() > 1
        && part.is_whole_months()
        && part.months() == 1
        && (part.start == whole.start || part.end == whole.end)
        && !c.text.contains(&part.end.to_string())
}
