//! Ratio claims about two of the post's own values: `2배 증가(40→80)`,
//! `doubled from 40 to 80`, `이번 달(41개)은 지난달(80개)의 절반`.

use super::text::sentences;
use super::types::{Facts, Num, Ratio};
use super::vocabulary::{compatible, ends_with_word};
use super::words::{has_any, words};
use crate::post::markdown::Inline;
use crate::post::numbers::{self, Quantity};

/// Ratio words without digits: `절반`, `두 배`, `doubled`, `half`.
const RATIO_WORDS: &[(&str, f64)] = &[
    ("절반", 0.5),
    ("두 배", 2.0),
    ("두배", 2.0),
    ("세 배", 3.0),
    ("세배", 3.0),
    ("doubled", 2.0),
    ("twice", 2.0),
    ("tripled", 3.0),
    ("halved", 0.5),
    ("by half", 0.5),
    ("in half", 0.5),
    ("half as", 0.5),
];

/// Words that make a ratio a guess: `약 2배`, `2배 가까이`, `nearly doubled`.
fn hedged(before: &str, after: &str) -> bool {
    let b = before.trim_end().to_lowercase();
    let a = after.trim_start().to_lowercase();
    [
        "약",
        "거의",
        "대략",
        "about",
        "nearly",
        "almost",
        "roughly",
        "around",
        "over",
        "than",
        "more than",
        "at least",
        "~",
        "±",
        "최소",
        "무려",
    ]
    .iter()
    .any(|w| ends_with_word(&b, w))
        || [
            "이상",
            "넘",
            "가까이",
            "가량",
            "정도",
            "이하",
            "미만",
            "+",
            "or more",
            "or so",
        ]
        .iter()
        .any(|w| a.starts_with(w))
}

/// Pairs of a change inside one sentence: `40 → 80`, `from 40 to 80`, `40개에서 80개로`.
fn change_pairs(s: &str, qs: &[Quantity]) -> Vec<(usize, usize)> {
    let mut out = numbers::arrows(s, qs);
    for (i, w) in qs.windows(2).enumerate() {
        let gap = &s[w[0].range.end..w[1].range.start];
        let before = s[..w[0].range.start].trim_end().to_lowercase();
        let after = &s[w[1].range.end..];
        let en = gap.trim() == "to" && ends_with_word(&before, "from");
        let ko = gap.trim() == "에서" && after.starts_with('로');
        if en || ko {
            out.push((i, i + 1));
        }
    }
    out.sort_unstable();
    out
}

/// Ratio claims: a ratio word and the two values it relates, in one sentence.
pub(super) fn ratios(inl: &Inline, qs: &[Quantity], f: &mut Facts) {
    let s = inl.text.as_str();
    if !RATIO_WORDS.iter().any(|(w, _)| s.contains(w))
        && !qs
            .iter()
            .any(|q| q.unit == Some("배") || q.unit == Some("time"))
        && !s.contains('×')
        && !s.contains('x')
    {
        return;
    }
    let pairs = change_pairs(s, qs);
    'sent: for sent in sentences(s) {
        let text = &s[sent.clone()];
        // The claim: one ratio word or one `N배` / `Nx` / `N times` in the sentence.
        let mut claims: Vec<(std::ops::Range<usize>, f64, f64, Option<usize>)> = Vec::new();
        for (i, q) in qs.iter().enumerate() {
            if q.range.start < sent.start || q.range.end > sent.end {
                continue;
            }
            let tail = &s[q.num.end..];
            // `×` is two bytes: step over the sign by its length, not by one byte.
            let mut after_sign = tail.chars();
            let sign = after_sign.next();
            let x = matches!(sign, Some('x' | '×'))
                && !after_sign.next().is_some_and(|c| c.is_alphanumeric());
            if q.unit == Some("배") || q.unit == Some("time") || (q.unit.is_none() && x) {
                if !q.is_exact() || q.value <= 0.0 {
                    continue 'sent;
                }
                let tol = (0.5 * 10f64.powi(-i32::from(q.decimals))).max(0.15 * q.value);
                let end = if x && q.unit.is_none() {
                    q.num.end + tail.chars().next().map_or(0, char::len_utf8)
                } else {
                    q.range.end
                };
                claims.push((q.range.start..end, q.value, tol, Some(i)));
            }
        }
        // `2x`: not a quantity to the scanner (a glued letter).
        for c in TIMES_X.captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            let Ok(v) = m.as_str().parse::<f64>() else {
                continue;
            };
            let decimals = m.as_str().split_once('.').map_or(0, |(_, d)| d.len()) as i32;
            let at = sent.start + m.start();
            let end = sent.start + m.end() + 1;
            if v > 0.0 {
                let tol = (0.5 * 10f64.powi(-decimals)).max(0.15 * v);
                claims.push((at..end, v, tol, None));
            }
        }
        let lower = text.to_lowercase();
        if lower.len() == text.len() {
            for (w, v) in RATIO_WORDS {
                let mut from = 0;
                while let Some(k) = lower[from..].find(w) {
                    let at = sent.start + from + k;
                    let end = at + w.len();
                    from += k + w.len();
                    let word_ok = w.chars().next().is_some_and(numbers::is_hangul)
                        || (!s[..at]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric)
                            && !s[end..].chars().next().is_some_and(char::is_alphanumeric));
                    // `두 배` inside `열두 배`, `double` inside `doubled`.
                    let inside = claims.iter().any(|c| c.0.start <= at && end <= c.0.end)
                        || claims.iter().any(|c| at <= c.0.start && c.0.end <= end);
                    if word_ok && !inside {
                        claims.retain(|c| !(at <= c.0.start && c.0.end <= end));
                        claims.push((at..end, *v, 0.15 * v, None));
                    }
                }
            }
        }
        let [(range, factor, tolerance, qi)] = claims.as_slice() else {
            continue;
        };
        if hedged(&s[..range.start], &s[range.end..]) {
            continue;
        }
        let after = s[range.end..].trim_start().to_lowercase();
        // `twice a week`, `2x per day`: a frequency, not a ratio.
        if [" a ", " per ", "a ", "per "]
            .iter()
            .any(|w| after.starts_with(w.trim_start()))
            && *factor > 1.0
            && qi.is_none_or(|i| qs[i].unit != Some("배"))
        {
            continue;
        }
        // `2배 빨라졌습니다 (300ms → 150ms)`, `3x faster`: maybe the factor of a reduction.
        let inverse = has_any(
            text,
            words![
                "빨라", "빠르", "단축", "줄", "감소", "절감", "faster", "quicker", "shorter",
                "smaller", "fewer", "less", "lower", "cheaper", "reduc", "cut", "drop", "down",
            ],
        );
        let or_plus_one = *factor > 1.0
            && ["증가", "늘", "많", "more", "higher", "bigger", "larger"]
                .iter()
                .any(|w| after.starts_with(w));
        let usable = |i: usize| {
            Some(i) != *qi
                && qs[i].range.start >= sent.start
                && qs[i].range.end <= sent.end
                && qs[i].is_exact()
                && !matches!(qs[i].unit, Some("배" | "time"))
        };
        let in_sent: Vec<usize> = (0..qs.len()).filter(|&i| usable(i)).collect();
        let sent_pairs: Vec<_> = pairs
            .iter()
            .filter(|&&(a, b)| usable(a) && usable(b))
            .collect();
        let (base, value) = if let [(a, b)] = sent_pairs.as_slice() {
            // A change: the ratio relates its two ends; nothing else may be counted.
            if in_sent.len() != 2 {
                continue;
            }
            (*a, *b)
        } else if sent_pairs.is_empty() && in_sent.len() == 2 {
            // `A(41개)는 B(80개)의 절반`, `B(80개)에 비해 절반`: the value before `의` is the base.
            let (a, b) = (in_sent[0], in_sent[1]);
            // The ratio word must come after both values; checked before slicing between them.
            let Some(gap) = s.get(qs[b].range.end..range.start) else {
                continue;
            };
            let gap = gap.trim_start_matches(')').trim();
            if !matches!(gap, "의" | "에 비해" | "에 비해서" | "대비" | "보다") {
                continue;
            }
            (b, a)
        } else {
            continue;
        };
        let (qb, qv) = (&qs[base], &qs[value]);
        if !compatible(qb.unit, qv.unit) || qb.value <= 0.0 || qb.is_percent() != qv.is_percent() {
            continue;
        }
        f.ratios.push(Ratio {
            word: inl.span_of(range.clone()),
            word_text: s[range.clone()].to_owned(),
            factor: *factor,
            tolerance: *tolerance,
            or_plus_one,
            inverse: inverse && *factor > 1.0,
            base: Num::from_q(inl, qb),
            value: Num::from_q(inl, qv),
        });
    }
}

static TIMES_X: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:^|[^\w.,])(\d{1,3}(?:\.\d{1,2})?)x(?:$|[^\w])").expect("times pattern")
});
