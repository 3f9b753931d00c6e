//! The same metric for the same scope stated twice in one post with different values:
//! the overview says 40 commits, the statistics section 75.

use super::Context;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::post::facts::{Figure, canonical_scope, fmt};
use crate::t;
use std::collections::BTreeMap;

/// Statements listed in the message and labelled; a post stating a figure hundreds of times
/// (a generated one) gets the first ones and a count of the rest.
const LISTED: usize = 10;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut groups: BTreeMap<(crate::post::facts::Metric, String), Vec<&Figure>> =
        BTreeMap::new();
    for f in &cx.post.facts.figures {
        if !f.num.exact() {
            continue;
        }
        let scope = canonical_scope(&f.scope, &cx.config.aliases);
        groups.entry((f.metric, scope)).or_default().push(f);
    }
    for ((metric, scope), mut figs) in groups {
        // One figure per place (a number can be read twice).
        figs.sort_by_key(|f| (f.num.span.start, f.num.span.end));
        figs.dedup_by_key(|f| f.num.span);
        let mut values: Vec<f64> = figs.iter().map(|f| f.num.value).collect();
        values.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
        let mut distinct = values.clone();
        distinct.sort_by(f64::total_cmp);
        distinct.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
        if distinct.len() < 2 {
            continue;
        }
        // How often a value is stated, by binary search over the sorted values.
        let mut sorted: Vec<f64> = figs.iter().map(|f| f.num.value).collect();
        sorted.sort_by(f64::total_cmp);
        // The tolerance grows with the value: at 1e20 and above, `v + 1e-9` is `v` itself.
        let count = |v: f64| {
            let eps = 1e-9 * v.abs().max(1.0);
            sorted.partition_point(|&x| x <= v + eps) - sorted.partition_point(|&x| x < v - eps)
        };
        // A value stated more often than any other is the likely one: the finding points
        // at the first statement that differs from it. Otherwise at the first statement.
        let top = distinct.iter().map(|&v| count(v)).max().unwrap_or(0);
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
        for f in figs.iter().take(LISTED) {
            let (l, _) = cx.post.source.line_col(f.num.span.start);
            let v = fmt(f.num.value);
            en.push(format!("{v} (line {l})"));
            ko.push(format!("{v} ({l}행)"));
        }
        if figs.len() > LISTED {
            let more = figs.len() - LISTED;
            en.push(format!("and {more} more"));
            ko.push(format!("그 밖에 {more}곳"));
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
        for f in figs.iter().take(LISTED).chain(
            // The statement the finding points at is always labelled.
            (figs
                .iter()
                .position(|f| f.num.span == first.num.span)
                .unwrap_or(0)
                >= LISTED)
                .then_some(&first),
        ) {
            let v = fmt(f.num.value);
            d = d.label(f.num.span, t!("{v} here", "여기: {v}"));
        }
        let mut cands: Vec<String> = distinct.iter().take(LISTED).map(|v| fmt(*v)).collect();
        if distinct.len() > LISTED {
            cands.push("…".into());
        }
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

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    /// A figure stated hundreds of times: the message lists ten, counts the rest, and
    /// labels ten places (plus the one the finding points at).
    #[test]
    fn many_statements_are_listed_up_to_ten() {
        let mut text = String::from("---\ntitle: \"Monthly retrospective\"\n---\n");
        text.push_str("## Stats\n\n");
        for i in 0..300 {
            text.push_str(&format!("- **Total commits**: {}\n", i % 7 + 3));
        }
        let diags = crate::engine::lint_text(Path::new("m.md"), &text, &Config::default());
        let d = diags
            .iter()
            .find(|d| d.code == "N003")
            .expect("a conflicting-figures finding");
        assert!(d.message.en.ends_with(", and 290 more"), "{}", d.message.en);
        assert!(
            d.message.ko.ends_with(", 그 밖에 290곳"),
            "{}",
            d.message.ko
        );
        assert!(d.labels.len() <= 11, "{} labels", d.labels.len());
    }
}
