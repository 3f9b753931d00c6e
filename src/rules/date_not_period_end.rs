//! The `date` key is not where this site puts it in the period (the last day, by default
//! when most of the site's retrospectives of the same kind do so).

use super::{Context, FixKind, Opt, OptKind, RuleMeta, Scope};
use crate::diagnostic::{Diagnostic, Severity};
use crate::t;

pub static META: RuleMeta = RuleMeta {
    code: "D004",
    name: "date-not-period-end",
    severity: Severity::Warning,
    fix: FixKind::None,
    scope: Scope::Site,
    options: &[Opt {
        name: "position",
        kind: OptKind::Str,
    }],
    doc: include_str!("../../rules/date-not-period-end.md"),
};

pub struct Rule;

impl super::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
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
                let sibs: Vec<_> = cx
                    .site
                    .siblings(&cx.post.path, kind)
                    .filter(|s| s.period.is_some() && s.date.is_some())
                    .collect();
                let at_end = sibs
                    .iter()
                    .filter(|s| s.date == s.period.map(|p| p.end))
                    .count();
                sibs.len() >= 3 && at_end * 5 >= sibs.len() * 4
            }
        };
        if enforce {
            let end = p.end;
            out.push(
                cx.diag(
                    span,
                    t!(
                        "`date` is {date}, not the last day of the period ({end})",
                        "`date` 값이 기간의 마지막 날이 아닙니다: {date}, 마지막 날 {end}"
                    ),
                )
                .help(t!(
                    "this site dates its retrospectives on the period's last day",
                    "이 사이트의 회고는 기간의 마지막 날을 date로 씁니다"
                )),
            );
        }
    }
}
