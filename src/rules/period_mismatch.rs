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
    let Some(primary) = info.claims.first() else {
        return;
    };
    let anchor = primary.span.or_else(|| cx.post.title().map(|t| t.1));
    for c in &info.claims[1..] {
        if c.period == primary.period {
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
        out.push(d);
    }
    // A post dated before its period starts, or long after it ends, names the wrong period.
    if let (Some((date, span)), Some(p)) = (info.date, info.period) {
        let after = cx.opt_int("max_days_after_end").unwrap_or(45);
        let late = days_between(p.end, date);
        if date < p.start || late > after {
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
            out.push(d);
        }
    }
}
