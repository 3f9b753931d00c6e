//! The `date` key is not where this site puts it in the period (the last day, by default
//! when most of the site's retrospectives of the same kind do so).

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::t;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let info = &cx.post.period;
    let (Some((date, span)), Some(p), Some(kind), true) =
        (info.date, info.period, info.kind, info.retrospective)
    else {
        return;
    };
    if date == p.end {
        return;
    }
    let enforce = match cx.opt_str("position") {
        Some("end") => true,
        Some(_) => false,
        // Learned: at least 3 siblings of the kind, all dated on the last day.
        None => cx.site.series_dating(&cx.post.path, kind).at_period_end(),
    };
    if enforce {
        let (end, key) = (p.end, info.date_key);
        out.push(
            cx.diag(
                span,
                t!(
                    "`{key}` is {date}, not the last day of the period ({end})",
                    "`{key}` 값이 기간의 마지막 날이 아닙니다: {date}, 마지막 날 {end}"
                ),
            )
            .help(t!(
                "this site dates its retrospectives on the period's last day",
                "이 사이트의 회고는 기간의 마지막 날을 date로 씁니다"
            )),
        );
    }
}
