//! A period of the wrong length for its kind: a week that is not 7 days, a month range that
//! does not run from the first to the last day of its months.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::post::period::Kind;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let info = &cx.post.period;
    if !info.retrospective {
        return;
    }
    let week = cx.opt_int("week_days").unwrap_or(7);
    // The first claim with a span (the title, the permalink); the file name has none.
    let Some(c) = info.claims.iter().find(|c| c.span.is_some()) else {
        return;
    };
    let Some(span) = c.span else { return };
    let p = c.period;
    let n = p.days();
    match info.kind {
        Some(Kind::Weekly) if n != week => out.push(cx.diag(
            span,
            t!(
                "a weekly period of {n} days ({p}); expected {week}",
                "주간 기간이 {week}일이 아닙니다: {n}일 ({p})"
            ),
        )),
        Some(Kind::Monthly | Kind::Quarterly | Kind::Annual)
            if p.start.day() == 1 && p.end != p.end.last_of_month() =>
        {
            let (last, end) = (p.end.last_of_month(), p.end);
            out.push(
                cx.diag(
                    span,
                    t!(
                        "the period ends on {end}, not on the last day of its month ({last})",
                        "기간의 끝이 그 달의 마지막 날이 아닙니다: {end}, 마지막 날 {last}"
                    ),
                )
                .help(t!("write {last}", "고칠 값: {last}")),
            );
        }
        _ => {}
    }
}
