//! The title, file name, permalink and `date` of a retrospective disagree about its period.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::post::period::{Origin, days_between};
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let info = &cx.post.period;
    if !info.retrospective {
        return;
    }
    // An older URL (`legacy_url`) is history: it may name the period the post once had.
    let claims: Vec<_> = info
        .claims
        .iter()
        .filter(|c| c.origin != Origin::LegacyUrl)
        .collect();
    // A week of a month (`1월 2주차`) says no days: the exact claims are compared with it.
    let Some(primary) = claims.iter().copied().find(|c| !c.week_of) else {
        return;
    };
    let anchor = primary.span.or_else(|| cx.post.title().map(|t| t.1));
    for c in claims {
        if std::ptr::eq(c, primary) || c.agrees(primary.period) {
            continue;
        }
        let (a, b) = (primary.period, c.stated());
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
        out.push(d);
    }
    // A post dated before its period starts names the wrong period. One dated long after
    // its end is a late write-up, unless its series dates its posts at the period's end.
    if let (Some((date, span)), Some(p)) = (info.date, info.period) {
        let after = cx.opt_int("max_days_after_end").unwrap_or(45);
        let late = days_between(p.end, date);
        let too_late = late > after
            && info
                .kind
                .is_some_and(|k| cx.site.series_dating(&cx.post.path, k).at_period_end());
        if date < p.start || too_late {
            let mut d = cx.diag(
                span,
                t!(
                    "`date` {date} lies outside the period the post covers ({p})",
                    "`date` 값이 글의 기간 밖입니다: {date}, 기간 {p}"
                ),
            );
            if let Some(ps) = primary.span {
                d = d.label(ps, t!("period stated here", "기간이 적힌 곳"));
            }
            if too_late {
                d = d.help(t!(
                    "the other posts of this series are dated on their period's last day",
                    "이 시리즈의 다른 글은 기간의 마지막 날을 date로 씁니다"
                ));
            }
            out.push(d);
        }
    }
}
