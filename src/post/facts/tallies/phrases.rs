//! Tallies stated in sentences: `버그 수정 6건`, `Bug fixes: 6`, `6 fixes`, `we fixed 6 bugs`.

use super::*;
use crate::post::facts::sections::Cx;
use crate::post::facts::text::{sentences, within};
use crate::post::facts::types::{Facts, Metric, Num, TagGroup, TagKind};
use crate::post::facts::vocabulary::{
    contains_ignore_ascii_case, is_partial, month_label, narrows, other_period, unit_metric,
};
use crate::post::markdown::Inline;
use crate::post::numbers::{self, Unit};
use crate::source::Span;
use std::collections::HashSet;

/// `버그 수정 6건`, `Bug fixes: 6`, `6 fixes`, `6건의 버그 수정`, `fixed 6 bugs` in a sentence
/// about the period as a whole.
pub(super) fn prose_tallies(
    cx: &Cx,
    inl: &Inline,
    groups: &[TagGroup],
    taken: &mut HashSet<Span>,
    f: &mut Facts,
) {
    let s = inl.text.as_str();
    if !s.bytes().any(|b| b.is_ascii_digit()) || !has_prose_phrase(s) {
        return;
    }
    let qs = numbers::scan(s);
    let at = inl.span().start;
    for sentence in sentences(s) {
        let text = &s[sentence.clone()];
        if narrows(text) || is_partial(text) {
            continue;
        }
        let idx = within(&qs, &sentence);
        for (pos, &qi) in idx.iter().enumerate() {
            let q = &qs[qi];
            let bug = q.unit == Some("bug");
            if !(counts_things(q) || (bug && q.is_exact() && !q.signed)) {
                continue;
            }
            // The clause of the quantity: from the previous quantity or delimiter to the
            // next one.
            let from = pos
                .checked_sub(1)
                .map_or(sentence.start, |p| qs[idx[p]].range.end);
            let to = idx
                .get(pos + 1)
                .map_or(sentence.end, |&n| qs[n].range.start);
            let pre = clause_tail(&s[from..q.range.start]);
            let post = clause_head(&s[q.range.end..to]);
            if other_period(pre) {
                continue;
            }
            let Some((kind, metric)) = named_before(pre, post, bug, cx.own_month)
                .or_else(|| named_after(pre, post, q.unit, cx.own_month))
            else {
                continue;
            };
            let stated = Num::from_q(inl, q);
            if !taken.insert(stated.span) {
                continue;
            }
            let metric = unit_metric(q.unit).or(metric);
            f.tallies
                .extend(tally(cx, at, kind, stated, metric, groups));
        }
    }
}

/// A tally phrase with a digit a few bytes before or after it (`6건의 버그 수정`,
/// `Bug fixes: 6`, `6 fixes`, `fixed 6 bugs`).
pub(super) fn phrase_by_number(s: &str) -> bool {
    let b = s.as_bytes();
    let digit_in = |from: usize, to: usize| b[from..to.min(b.len())].iter().any(u8::is_ascii_digit);
    PROSE
        .iter()
        .flat_map(|(_, ps)| ps.iter())
        .chain(&["fixed"])
        .any(|p| {
            let n = p.as_bytes();
            b.windows(n.len()).enumerate().any(|(i, w)| {
                w.eq_ignore_ascii_case(n)
                    && (digit_in(i.saturating_sub(12), i)
                        || digit_in(i + n.len(), i + n.len() + 12))
            })
        })
}

pub(super) fn has_prose_phrase(s: &str) -> bool {
    // A few anchors that every phrase of [`PROSE`] (and `fixed`) contains; Hangul has no
    // case, so a plain substring search (fast) is enough for the Korean ones.
    ["fix", "new feature", "refactor"]
        .iter()
        .any(|p| contains_ignore_ascii_case(s, p))
        || ["버그", "기능", "리팩", "문서화"]
            .iter()
            .any(|p| s.contains(p))
}

/// The end of the text before a quantity that belongs to its clause.
pub(super) fn clause_tail(s: &str) -> &str {
    let cut = s
        .rfind([',', ';', ':', '(', ')', '.', '·', '|', '/', '、', '\n'])
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    // A colon right before the number is the label's: `Bug fixes: 6`.
    let t = s.trim_end();
    if let Some(label) = t.strip_suffix([':', '：']) {
        return clause_tail(label);
    }
    let mut rest = s[cut..].trim_start();
    // `6건과 기능 추가 3건`, `6 fixes and 3 new features`: the joining word is no part.
    for w in ["과 ", "와 ", "및 ", "and ", "이고 ", "이며 ", "그리고 "] {
        if let Some(r) = rest.strip_prefix(w) {
            rest = r;
        }
    }
    rest
}

/// The start of the text after a quantity that belongs to its clause.
pub(super) fn clause_head(s: &str) -> &str {
    let end = s
        .find([',', ';', ':', '(', ')', '.', '·', '|', '/', '、', '\n'])
        .unwrap_or(s.len());
    &s[..end]
}

/// The words of `s` are all filler (Korean particles after them allowed), the post's own
/// month (`May had 5 fixes`, `8월에는`) included.
pub(super) fn only_filler(s: &str, own: Option<u8>) -> bool {
    s.split_whitespace().all(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let w = ["에는", "에도", "엔", "은", "는", "에", "간"]
            .iter()
            .find_map(|p| w.strip_suffix(p).filter(|r| !r.is_empty()))
            .unwrap_or(&w);
        w.is_empty() || FILLER.contains(&w) || (own.is_some() && month_label(w) == own)
    })
}

pub(super) fn narrowed(post: &str) -> bool {
    let p = format!(" {} ", post.to_lowercase());
    NARROWING.iter().any(|w| p.contains(w))
}

/// A phrase at the end of `pre`, the rest before it filler: `버그 수정 6건`, `Bug fixes: 6`,
/// `이번 달 버그 수정 커밋 6개`; `fixed 6 bugs`.
pub(super) fn named_before(
    pre: &str,
    post: &str,
    bug: bool,
    own: Option<u8>,
) -> Option<(TagKind, Option<Metric>)> {
    if narrowed(post) {
        return None;
    }
    let p = pre.trim_end().trim_matches('*').trim_end();
    if bug {
        let l = p.to_lowercase();
        let rest = l.strip_suffix("fixed")?;
        return only_filler(rest, own).then_some((TagKind::Fix, None));
    }
    // A metric word between the phrase and the number: `버그 수정 커밋 6개`.
    let mut metric = None;
    let mut p = p;
    for (w, m) in [("커밋", Metric::Commits), ("commits", Metric::Commits)] {
        if let Some(r) = strip_suffix_ci(p, w) {
            p = r.trim_end();
            metric = Some(m);
            break;
        }
    }
    for (kind, phrases) in PROSE {
        for ph in *phrases {
            if let Some(rest) = strip_suffix_ci(p, ph)
                && (rest.is_empty() || rest.ends_with(char::is_whitespace))
                && only_filler(rest, own)
            {
                return Some((*kind, metric));
            }
        }
    }
    None
}

/// A phrase right after the number, the clause before it filler: `6 fixes`, `6건의 버그
/// 수정`, `3 new features`.
pub(super) fn named_after(
    pre: &str,
    post: &str,
    unit: Option<Unit>,
    own: Option<u8>,
) -> Option<(TagKind, Option<Metric>)> {
    if unit == Some("bug") || !only_filler(pre, own) {
        return None;
    }
    let a = post.trim_start();
    let a = a.strip_prefix('의').map_or(a, str::trim_start);
    for (kind, phrases) in PROSE {
        for ph in *phrases {
            let Some(rest) = strip_prefix_ci(a, ph) else {
                continue;
            };
            // A Korean phrase takes its particle (`버그 수정을`); an English one ends a word.
            let boundary = ph
                .chars()
                .next()
                .is_some_and(crate::post::numbers::is_hangul)
                || !rest.starts_with(|c: char| c.is_alphanumeric());
            if boundary && !narrowed(rest) {
                return Some((*kind, None));
            }
        }
    }
    None
}

pub(super) fn strip_suffix_ci<'a>(s: &'a str, w: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(w.len())?;
    (s.is_char_boundary(cut) && s[cut..].eq_ignore_ascii_case(w)).then(|| &s[..cut])
}

pub(super) fn strip_prefix_ci<'a>(s: &'a str, w: &str) -> Option<&'a str> {
    (s.len() >= w.len() && s.is_char_boundary(w.len()) && s[..w.len()].eq_ignore_ascii_case(w))
        .then(|| &s[w.len()..])
}
