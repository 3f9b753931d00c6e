//! The `date` key is not where this site puts it in the period (the last day, by default
//! when most of the site's retrospectives of the same kind do so).

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::post::period::Kind;
use crate::site::{Dating, SitePost};
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
        // Learned: at least 3 siblings of the kind, 80% of them dated on the last day.
        None => {
            let (n, at_end) = siblings_at_end(cx, kind);
            n >= 3 && at_end * 5 >= n * 4
        }
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

/// Siblings of the post (same kind and series) with a period and a date, and how many of
/// them are dated on the period's last day. The series is counted once per run (in what
/// the site learned); the post's own contribution is then taken out, so each post costs O(1).
fn siblings_at_end(cx: &Context, kind: Kind) -> (usize, usize) {
    let site = cx.site;
    let Some(series) = site.series_id(&cx.post.path) else {
        return (0, 0);
    };
    let dating = site.learned.dating.get_or((kind, series), || {
        let members = site.series_members(&cx.post.path, kind);
        let dated = members.iter().filter_map(|&i| counted(&site.posts[i]));
        dated.fold(Dating::default(), |d, at_end| Dating {
            dated: d.dated + 1,
            at_end: d.at_end + usize::from(at_end),
        })
    });
    let (mut n, mut at_end) = (dating.dated, dating.at_end);
    if let Some(me) = site.get(&cx.post.path)
        && me.retrospective
        && me.kind == Some(kind)
        && let Some(end) = counted(me)
    {
        n -= 1;
        at_end -= usize::from(end);
    }
    (n, at_end)
}

/// Whether a post counts (it has a period and a date), and if so whether the date is the
/// period's last day.
fn counted(p: &SitePost) -> Option<bool> {
    let (per, date) = (p.period?, p.date?);
    Some(date == per.end)
}
