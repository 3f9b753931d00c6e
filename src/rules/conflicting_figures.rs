//! The same metric for the same scope stated twice in one post with different values:
//! the overview says 40 commits, the statistics section 75.

use super::{Context, FixKind, RuleMeta, Scope};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::post::facts::{Figure, canonical_scope, fmt};
use crate::t;
use std::collections::BTreeMap;

pub static META: RuleMeta = RuleMeta {
    code: "N003",
    name: "conflicting-figures",
    severity: Severity::Warning,
    fix: FixKind::DisplayOnly,
    scope: Scope::Post,
    options: &[],
    doc: include_str!("../../rules/conflicting-figures.md"),
};

pub struct Rule;

impl super::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let mut groups: BTreeMap<(crate::post::facts::Metric, String), Vec<&Figure>> =
            BTreeMap::new();
        for f in &cx.post.facts.figures {
            if !f.num.exact() {
                continue;
            }
            let scope = canonical_scope(&f.scope, &cx.config.aliases);
            let g = groups.entry((f.metric, scope)).or_default();
            if !g.iter().any(|x| x.num.span == f.num.span) {
                g.push(f);
            }
        }
        for ((metric, scope), mut figs) in groups {
            figs.sort_by_key(|f| f.num.span.start);
            let mut values: Vec<f64> = figs.iter().map(|f| f.num.value).collect();
            values.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
            let mut distinct = values.clone();
            distinct.sort_by(f64::total_cmp);
            distinct.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
            if distinct.len() < 2 {
                continue;
            }
            // The value stated most often is the likely one; ties go to the later statement.
            let count = |v: f64| {
                figs.iter()
                    .filter(|f| (f.num.value - v).abs() < 1e-9)
                    .count()
            };
            // A value stated more often than any other is the likely one: the finding points
            // at the first statement that differs from it. Otherwise at the first statement.
            let top = figs.iter().map(|f| count(f.num.value)).max().unwrap_or(0);
            let leaders: Vec<f64> = distinct
                .iter()
                .copied()
                .filter(|v| count(*v) == top)
                .collect();
            let best = match leaders.as_slice() {
                [one] if top > 1 => Some(*one),
                _ => None,
            };
            let first = best
                .and_then(|b| {
                    figs.iter()
                        .copied()
                        .find(|f| (f.num.value - b).abs() > 1e-9)
                })
                .unwrap_or(figs[0]);
            let (mut en, mut ko) = (Vec::new(), Vec::new());
            for f in &figs {
                let (l, _) = cx.post.source.line_col(f.num.span.start);
                let v = fmt(f.num.value);
                en.push(format!("{v} (line {l})"));
                ko.push(format!("{v} ({l}행)"));
            }
            let (listed, listed_ko) = (en.join(", "), ko.join(", "));
            let (m_en, m_ko) = (metric.en(), metric.ko());
            let (s_en, s_ko) = if scope == "total" {
                ("in total".to_owned(), "전체".to_owned())
            } else {
                (format!("for `{scope}`"), format!("`{scope}`"))
            };
            let mut d = cx.diag(
                first.num.span,
                t!(
                    "{m_en} {s_en} stated with different values: {listed}",
                    "같은 수치가 서로 다르게 적혀 있습니다 ({s_ko} {m_ko}): {listed_ko}"
                ),
            );
            for f in &figs {
                let v = fmt(f.num.value);
                d = d.label(f.num.span, t!("{v} here", "여기: {v}"));
            }
            let cands: Vec<String> = distinct.iter().map(|v| fmt(*v)).collect();
            let cands = cands.join(", ");
            d = d.help(t!(
                "make them agree; candidates: {cands}",
                "한 값으로 맞추세요. 후보: {cands}"
            ));
            if let Some(best) = best {
                let b = fmt(best);
                let a = fmt(first.num.value);
                d = d.replace(
                    Applicability::DisplayOnly,
                    t!(
                        "use {b}, stated elsewhere",
                        "다른 곳의 값으로 바꾸기: {a} → {b}"
                    ),
                    first.num.num_span,
                    b.clone(),
                );
            }
            out.push(d);
        }
    }
}
