//! A date that does not exist on the calendar: `2025-02-30`, `2023-02-29`, `4월 31일`.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for m in &cx.post.dates {
        // Out-of-range month or day values are not dates at all (`2025.13`, version numbers).
        if !(1..=12).contains(&m.month) || !(1..=31).contains(&m.day) {
            continue;
        }
        // Every month has 28 days in any year the period gives: no need to find it.
        if m.year.is_none() && m.day <= 28 {
            continue;
        }
        let year = m.year.or_else(|| cx.post.period.year_for(m.month, m.day));
        let Some(year) = year else { continue };
        let ymd = m.ymd(year);
        if ymd.date().is_none() {
            out.push(cx.diag(
                m.span,
                t!(
                    "{ymd} is not a date: that month has fewer days",
                    "존재하지 않는 날짜입니다: {ymd}"
                ),
            ));
        }
    }
}
