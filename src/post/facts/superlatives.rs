//! Superlative claims about months, `월간 최다 커밋(78개)`, `busiest month (78 commits)`:
//! read from prose here, checked against a month table's column by the table reader.

use super::sections::Cx;
use super::text::clause_start;
use super::types::{Facts, Metric, Num, Part, Superlative};
use super::vocabulary::{ends_with_word, metric_in, unit_metric};
use crate::post::markdown::Inline;
use crate::post::numbers::{Approx, Quantity};
use crate::source::Span;

/// `월간 최다 커밋(78개)`, `busiest month (78 commits)`: the claim; checked against tables later.
pub(super) fn superlative_claims(
    cx: &Cx,
    inl: &Inline,
    qs: &[Quantity],
    sec_metric: Option<Metric>,
    f: &mut Facts,
) {
    let s = inl.text.as_str();
    const MOST: &[&str] = &[
        "최다",
        "가장 많은",
        "최고",
        "busiest",
        "most",
        "highest",
        "peak",
        "record",
    ];
    const LEAST: &[&str] = &["최저", "최소", "가장 적은", "fewest", "lowest", "quietest"];
    // Most text has none of the words: one pass to tell, not one a word.
    static ANY: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(MOST.iter().chain(LEAST)).expect("literal words")
    });
    if !ANY.is_match(s) {
        return;
    }
    for (words, most) in [(MOST, true), (LEAST, false)] {
        for w in words {
            for (wi, _) in s.match_indices(w) {
                // The claim is about months: `월간`, `한 달`, `month`.
                if w.is_ascii()
                    && (!ends_with_word(&s[..wi + w.len()], w)
                        || s[wi + w.len()..].starts_with(|c: char| c.is_alphanumeric()))
                {
                    continue;
                }
                let mut end = (wi + w.len() + 24).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                let clause = &s[clause_start(s, wi)..end];
                let lc = clause.to_lowercase();
                if !(lc.contains("월간")
                    || lc.contains("한 달")
                    || lc.contains("월별")
                    || lc.contains("month"))
                {
                    continue;
                }
                // The value right after the word: `최다 커밋(78개)`.
                let k = qs.partition_point(|q| q.range.start <= wi);
                let Some(q) = qs.get(k).filter(|q| q.range.start - wi <= w.len() + 14) else {
                    continue;
                };
                let between = &s[wi + w.len()..q.range.start];
                if between.contains([',', '.', ':']) || !q.is_exact() || q.is_percent() {
                    continue;
                }
                let metric = unit_metric(q.unit)
                    .or_else(|| metric_in(between))
                    .or_else(|| metric_in(clause))
                    .or(sec_metric);
                let Some(metric) = metric else { continue };
                pending_superlative(
                    cx,
                    f,
                    Num::from_q(inl, q),
                    inl.span_of(wi..wi + w.len()),
                    most,
                    metric,
                );
            }
        }
    }
}

fn pending_superlative(
    _cx: &Cx,
    f: &mut Facts,
    claim: Num,
    word: Span,
    most: bool,
    metric: Metric,
) {
    // Filled in by `table_facts`: the table is not known yet when prose is read.
    f.superlatives.push(Superlative {
        claim: claim.clone(),
        word,
        most,
        metric,
        actual_label: String::new(),
        actual: claim,
    });
}

/// Fill in the superlatives about `metric` not yet resolved with the extreme row of a
/// month column. A lower bound (`50개+`) can only be the highest when even its bound is
/// higher, an upper bound only the lowest; approximate rows (`약 50`) decide neither.
pub(super) fn resolve_superlatives(f: &mut Facts, metric: Metric, parts: &[Part]) {
    for sup in f
        .superlatives
        .iter_mut()
        .filter(|s| s.metric == metric && s.actual_label.is_empty())
    {
        let usable = |p: &&Part| match p.num.approx {
            Approx::Exact => true,
            Approx::AtLeast => sup.most,
            Approx::AtMost => !sup.most,
            Approx::About => false,
        };
        let best = parts.iter().filter(usable).max_by(|a, b| {
            let o = a.num.value.total_cmp(&b.num.value);
            if sup.most { o } else { o.reverse() }
        });
        if let Some(b) = best {
            sup.actual_label = b.label.clone();
            sup.actual = b.num.clone();
        }
    }
}
