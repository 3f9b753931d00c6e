//! Trends: a direction word with the values it describes, `증가(486→700)`,
//! `decreased (31 -> 24)`, `deploys 42 → 37, up`, `went down from 42 to 47`,
//! `486개에서 700개로 감소`; and a change stated beside the two values it is the change of,
//! `42 → 37 (+5)`, `6명 → 24명 (300% 증가)`.

use super::text::parens;
use super::types::{Facts, Num, Trend};
use super::vocabulary::ends_with_word;
use crate::post::markdown::Inline;
use crate::post::numbers::{self, Approx, Quantity};

const UP: &[&str] = &[
    "증가",
    "늘었",
    "늘어",
    "상승",
    "increase",
    "increased",
    "grew",
    "rose",
    "up",
    "growth",
    "성장",
];
const DOWN: &[&str] = &[
    "감소",
    "줄었",
    "줄어",
    "하락",
    "decrease",
    "decreased",
    "dropped",
    "fell",
    "down",
];

/// A change stated beside the two values it is the change of: `6 → 24 (+300%)`.
#[derive(Clone, Debug, PartialEq)]
pub struct StatedChange {
    pub from: Num,
    pub to: Num,
    /// The signed change as stated (`+300`, `-5`); a percentage of `from` when `relative`.
    pub change: Num,
    pub relative: bool,
    /// Where the change is written, with its sign or word (`+300%`, `400% 증가`).
    pub span: crate::source::Span,
}

/// A value a trend may compare: exact, or a bound (`80+`, `80 이상`), never approximate.
fn comparable(q: &Quantity) -> bool {
    matches!(q.approx, Approx::Exact | Approx::AtLeast | Approx::AtMost)
}

/// The direction a word at the end of `lead` says (`... 증가`, `went up`), with its length.
pub(super) fn word_before(lead: &str) -> Option<(&'static str, bool)> {
    UP.iter()
        .map(|w| (*w, true))
        .chain(DOWN.iter().map(|w| (*w, false)))
        .find(|(w, _)| ends_with_word(lead, w))
}

/// The direction a word at the start of `tail` says (`, up`, ` (down)`, `로 증가`), with the
/// byte range of the word in `tail`.
pub(super) fn word_after(tail: &str) -> Option<(std::ops::Range<usize>, &'static str, bool)> {
    let t = tail.trim_start_matches([',', ' ', '(']);
    let t = t
        .strip_prefix("으로")
        .or_else(|| t.strip_prefix('로'))
        .map_or(t, str::trim_start);
    let off = tail.len() - t.len();
    // The longest word is `decreased`: a few characters are enough.
    let lower: String = t.chars().take(12).flat_map(char::to_lowercase).collect();
    UP.iter()
        .map(|w| (*w, true))
        .chain(DOWN.iter().map(|w| (*w, false)))
        .find(|(w, _)| {
            lower.starts_with(w)
                && (!w.is_ascii() || !lower[w.len()..].starts_with(|c: char| c.is_alphanumeric()))
        })
        .map(|(w, up)| (off..off + w.len(), w, up))
}

/// Pairs of a change: `40 → 80` (any arrow), `from 40 to 80`, `40개에서 80개로`, as indexes
/// into `qs`, with whether the pair is the `from ... to` shape.
pub(super) fn pairs(s: &str, qs: &[Quantity]) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = numbers::arrows(s, qs)
        .into_iter()
        .map(|(a, b)| (a, b, false))
        .collect();
    for (i, w) in qs.windows(2).enumerate() {
        let gap = s[w[0].range.end..w[1].range.start].trim();
        // `from 40 to 80`: the word before the first value, without lower-casing the text.
        let en = gap == "to" && {
            let before = s[..w[0].range.start].trim_end();
            let cut = before.len().saturating_sub(4);
            before.is_char_boundary(cut)
                && before[cut..].eq_ignore_ascii_case("from")
                && !before[..cut]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
        };
        let rest = &s[w[1].range.end..];
        let ko = gap == "에서" && (rest.starts_with('로') || rest.starts_with("으로"));
        if en || ko {
            out.push((i, i + 1, en));
        }
    }
    out.sort_unstable();
    out
}

/// Direction words with the values they describe, and changes stated beside two values.
pub(super) fn trends(inl: &Inline, qs: &[Quantity], f: &mut Facts) {
    let s = inl.text.as_str();
    let pairs = pairs(s, qs);
    if pairs.is_empty() {
        return;
    }
    let mut push = |w: std::ops::Range<usize>, text: &str, up: bool, a: &Quantity, b: &Quantity| {
        if !comparable(a) || !comparable(b) {
            return;
        }
        let word = inl.span_of(w);
        if f.trends.iter().any(|t| t.word == word) {
            return;
        }
        f.trends.push(Trend {
            word,
            word_text: text.to_owned(),
            up,
            from: Num::from_q(inl, a),
            to: Num::from_q(inl, b),
        });
    };
    // `증가(486→700)`: the word right before the parenthesis holding the pair.
    for body in parens(s) {
        let lead = s[..body.start - 1].trim_end();
        let Some((w, up)) = word_before(lead) else {
            continue;
        };
        for &(a, b, _) in &pairs {
            let (qa, qb) = (&qs[a], &qs[b]);
            if qa.range.start >= body.start && qb.range.end <= body.end {
                push(lead.len() - w.len()..lead.len(), w, up, qa, qb);
            }
        }
    }
    for &(a, b, from_to) in &pairs {
        let (qa, qb) = (&qs[a], &qs[b]);
        // `went down from 42 to 47`: the word before `from`.
        if from_to {
            let lead = s[..qa.range.start].trim_end();
            let lead = lead[..lead.len() - "from".len()].trim_end();
            if let Some((w, up)) = word_before(&lead.to_lowercase()) {
                push(lead.len() - w.len()..lead.len(), w, up, qa, qb);
            }
            continue;
        }
        // `42 → 37, up`, `486개에서 700개로 감소`: the word right after the pair.
        let tail = &s[qb.range.end..];
        if let Some((r, w, up)) = word_after(tail) {
            let at = qb.range.end;
            push(at + r.start..at + r.end, w, up, qa, qb);
        }
    }
    for &(a, b, from_to) in &pairs {
        if !from_to {
            stated_change(inl, qs, a, b, f);
        }
    }
}

/// `42 → 37 (+5)`, `6명 → 24명 (400% 증가)`, `6 → 24 (300% increase)`: the change written
/// beside a pair. Pairs of percentages are left out: their change may be in points or
/// relative, and a post rarely says which.
fn stated_change(inl: &Inline, qs: &[Quantity], a: usize, b: usize, f: &mut Facts) {
    let s = inl.text.as_str();
    let (qa, qb) = (&qs[a], &qs[b]);
    if !qa.is_exact() || !qb.is_exact() || qa.is_percent() || qb.is_percent() || qa.signed {
        return;
    }
    // After: `(+300%)`, `(400% 증가)`, `(-5)`.
    let after = qs.get(b + 1).filter(|c| {
        s[qb.range.end..c.range.start].trim() == "("
            && s[c.range.end..].trim_start().starts_with(')')
            || s[qb.range.end..c.range.start].trim() == "("
                && word_after(&s[c.range.end..]).is_some_and(|(r, _, _)| {
                    let rest = &s[c.range.end..][r.end..];
                    r.start <= 1 && rest.trim_start().starts_with(')')
                })
    });
    // Before: `+158% (40→103)`, the pair alone in the parenthesis.
    let before = a.checked_sub(1).map(|i| &qs[i]).filter(|c| {
        c.signed
            && c.is_percent()
            && s[c.range.end..qa.range.start].trim() == "("
            && s[qb.range.end..].trim_start().starts_with(')')
    });
    let Some(c) = after.or(before) else { return };
    // A signed percentage (`+12%`) beside its values is a change in percent, checked as a
    // percentage (`percentage-mismatch`); here: amounts (`+12`) and words (`400% 증가`).
    if !c.is_exact() || (!c.signed && !c.is_percent()) || (c.signed && c.is_percent()) {
        return;
    }
    let mut change = Num::from_q(inl, c);
    let mut span = change.span;
    if !c.signed {
        // `400% 증가`: the word gives the sign.
        let Some((r, _, up)) = word_after(&s[c.range.end..]) else {
            return;
        };
        if !up {
            change.value = -change.value;
        }
        span = inl.span_of(c.range.start..c.range.end + r.end);
    }
    let relative = c.is_percent();
    if relative && qa.value == 0.0 {
        return;
    }
    if !relative && !numbers_compatible(qa, c) {
        return;
    }
    f.stated_changes.push(StatedChange {
        from: Num::from_q(inl, qa),
        to: Num::from_q(inl, qb),
        change,
        relative,
        span,
    });
}

/// An absolute change is in the unit of its values, or in none.
fn numbers_compatible(a: &Quantity, c: &Quantity) -> bool {
    c.unit.is_none() || c.unit == a.unit
}
