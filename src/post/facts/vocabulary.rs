//! The words facts are read by: metrics and units, labels of totals and of parts, words
//! that make a list partial or a figure about something else, scopes and their
//! spellings, and month and quarter labels.

use super::types::Metric;
use super::words::{has_any, words};
use crate::post::numbers::{self, Unit};

// ---------------------------------------------------------------------------------------
// Vocabulary

/// The metric named in a text: `커밋`, `commits`, `이슈`, `issues`, `PR`.
pub fn metric_in(s: &str) -> Option<Metric> {
    // Most texts need no lower-cased copy: see `lowers_to_ascii`.
    if lowers_to_ascii(s) {
        return metric_in_lower(&s.to_lowercase());
    }
    metric_in_lower(s)
}

/// [`metric_in`] of a text for which ASCII letters compared without case suffice.
fn metric_in_lower(l: &str) -> Option<Metric> {
    let has = |w| contains_ignore_ascii_case(l, w);
    let c = has("커밋") || has("commit");
    let i = has("이슈") || has("issue") || has("티켓") || has("ticket");
    let p = has("pull request") || has("merge request") || has_word(l, "pr") || has_word(l, "prs");
    match (c, i, p) {
        (true, false, false) => Some(Metric::Commits),
        (false, true, false) => Some(Metric::Issues),
        (false, false, true) => Some(Metric::PullRequests),
        _ => None,
    }
}

pub(super) fn unit_metric(u: Option<Unit>) -> Option<Metric> {
    match u {
        Some("commit") => Some(Metric::Commits),
        Some("issue") => Some(Metric::Issues),
        Some("pr") => Some(Metric::PullRequests),
        _ => None,
    }
}

/// `w` (lower case) occurs in `hay` as a word, ASCII letters compared without case.
fn has_word(hay: &str, w: &str) -> bool {
    ascii_case_matches(hay, w).any(|i| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + w.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
    })
}

pub(super) fn ends_with_word(s: &str, w: &str) -> bool {
    s.ends_with(w)
        && (w.chars().next().is_some_and(numbers::is_hangul)
            || !s[..s.len() - w.len()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric()))
}

/// Whether two units can be added together.
pub fn compatible(a: Option<Unit>, b: Option<Unit>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => {
            x == y || (is_counter(x) && is_counter(y) && !(is_noun(x) && is_noun(y)))
        }
        (Some("%"), None) | (None, Some("%")) => false,
        _ => true,
    }
}

fn is_counter(u: &str) -> bool {
    matches!(
        u,
        "개" | "건" | "commit" | "issue" | "pr" | "item" | "task" | "bug" | "ticket"
    )
}

fn is_noun(u: &str) -> bool {
    matches!(
        u,
        "commit" | "issue" | "pr" | "item" | "task" | "bug" | "ticket"
    )
}

/// Whether lower-casing `s` would make ASCII letters of other characters: only `İ` (to
/// `i` and a combining dot, which also ends a word) and the Kelvin sign (to `k`) do. Any
/// other upper-case letter lower-cases to a letter beyond ASCII, which no ASCII word can
/// match, so comparing ASCII letters without case answers the same.
pub(super) fn lowers_to_ascii(s: &str) -> bool {
    // By their UTF-8 lead bytes, rare in any text (a search for the characters goes by
    // their last bytes, which Hangul is full of).
    let b = s.as_bytes();
    !s.is_ascii()
        && b.iter().enumerate().any(|(i, &x)| match x {
            0xC4 => b.get(i + 1) == Some(&0xB0),
            0xE2 => b.get(i + 1..i + 3) == Some(&[0x84, 0xAA][..]),
            _ => false,
        })
}

/// `needle` occurs in `hay`, ASCII letters compared without case.
pub(super) fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    needle.is_empty() || ascii_case_matches(hay, needle).next().is_some()
}

/// The byte offsets where a non-empty `needle` occurs in `hay`, ASCII letters compared
/// without case. A match starts at a character boundary, as the needle's first byte does.
fn ascii_case_matches<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    // Candidates are found by one byte of the needle with memchr: its first, or its last
    // when neither end is a letter, as in Korean words, whose last byte is much rarer in
    // Korean text than their lead byte.
    let letter_end = n.first().is_none_or(u8::is_ascii_alphabetic)
        || n.last().is_some_and(u8::is_ascii_alphabetic);
    let k = if letter_end { 0 } else { n.len() - 1 };
    let key = n.get(k).copied().unwrap_or(0);
    let (lo, up) = (key.to_ascii_lowercase(), key.to_ascii_uppercase());
    let mut i = k;
    std::iter::from_fn(move || {
        while let Some(off) = memchr::memchr2(lo, up, h.get(i..)?) {
            let at = i + off - k;
            if h.len() - at < n.len() {
                return None;
            }
            i += off + 1;
            if h[at..at + n.len()].eq_ignore_ascii_case(n) {
                return Some(at);
            }
        }
        None
    })
}

/// Words that make a label a total.
pub(super) fn is_total_label(s: &str) -> bool {
    let l = clean_label(s).to_lowercase();
    l.starts_with('총')
        || l.starts_with("전체")
        || l.starts_with("합계")
        || l == "계"
        || l.starts_with("total")
        || l.starts_with("sum")
        || l.starts_with("overall")
        || l.starts_with("all ")
        || l == "all"
}

pub(super) fn is_total_row_label(s: &str) -> bool {
    let l = clean_label(s).to_lowercase();
    matches!(
        l.as_str(),
        "합계"
            | "총계"
            | "계"
            | "총합"
            | "합"
            | "total"
            | "sum"
            | "totals"
            | "overall"
            | "전체"
            | "총"
    )
}

/// Labels that are not parts of a total: averages, extremes, rates, periods.
pub(super) fn is_not_part_label(s: &str) -> bool {
    has_any(
        s,
        words![
            "평균",
            "average",
            "avg",
            "mean",
            "median",
            "최다",
            "최대",
            "최소",
            "최고",
            "최저",
            "비율",
            "rate",
            "ratio",
            "per ",
            "기간",
            "period",
            "증감",
            "change",
            "누적",
            "cumulative",
            "%",
            "목표",
            "goal",
            "target",
        ],
    )
}

/// Words that mark a list or table as a selection, never a complete breakdown.
pub(super) fn is_partial(s: &str) -> bool {
    has_any(
        s,
        words![
            "주요",
            "일부",
            "대표",
            "예:",
            "예시",
            "예)",
            "top ",
            "top3",
            "top5",
            "some ",
            "selected",
            "highlight",
            "notable",
            "e.g.",
            "for example",
            "such as",
            "외 ",
            "among",
            "including",
            "등)",
            "하이라이트",
            "발췌",
            "excerpt",
        ],
    )
}

/// A last row or item that stands for more: `...`, `외 12건`, `and 5 more`.
pub(super) fn is_more_row(s: &str) -> bool {
    let t = s.trim();
    t == "..."
        || t == "…"
        || t.starts_with("... ")
        || t.starts_with("… ")
        || t.ends_with(" ...")
        || t.ends_with(" …")
        || s.contains("외 ") && {
            let l = s.to_lowercase();
            numbers::scan(&l).iter().any(|q| {
                l[q.range.end..].trim_start().starts_with(['건', '개'])
                    || l[..q.range.start].ends_with("외 ")
            })
        }
        || (contains_ignore_ascii_case(s, " more") && contains_ignore_ascii_case(s, "and "))
}

/// Markdown leftovers and punctuation around a label.
pub fn clean_label(s: &str) -> &str {
    let t = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | ':' | '|' | '-' | '·' | '•' | '(' | ',')
    });
    if t.contains('(') {
        t
    } else {
        t.trim_end_matches(')').trim_end()
    }
}

/// Headings of sections that state the post's own figures.
pub(super) fn is_summary_heading(h: &str) -> bool {
    has_any(
        h,
        words![
            "개요",
            "요약",
            "통계",
            "결산",
            "회고",
            "마무리",
            "정리",
            "summary",
            "overview",
            "stats",
            "statistics",
            "numbers",
            "by the numbers",
            "tl;dr",
            "retrospective",
            "conclusion",
            "wrap",
            "커밋",
            "이슈",
            "commits",
            "issues",
        ],
    )
}

/// Words in a sentence that make a figure about something narrower than the post.
pub(super) fn narrows(s: &str) -> bool {
    has_any(
        s,
        words![
            "이 기능",
            "이 작업",
            "관련",
            "투입",
            "this feature",
            "related",
            "for this",
            "대비",
            "누적",
            "cumulative",
            "so far this",
        ],
    )
}

/// Words before a figure that make it about another period.
pub(super) fn other_period(before: &str) -> bool {
    has_any(
        before,
        words![
            "이전 달",
            "지난달",
            "지난 달",
            "전월",
            "전년",
            "작년",
            "지난해",
            "previous month",
            "last month",
            "last year",
            "prior month",
            "이전",
            "이후",
        ],
    )
}

/// `one` .. `twenty` (any case): a count written as a word.
pub(super) fn number_word(w: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let i = WORDS.iter().position(|x| x.eq_ignore_ascii_case(w))?;
    u32::try_from(i + 1).ok()
}

// ---------------------------------------------------------------------------------------
// Months and quarters

/// `3월`, `March`, `Mar`, `2025.03`, `2025-03` → 1..=12.
pub fn month_label(s: &str) -> Option<u8> {
    let t = clean_label(s);
    if let Some(n) = t.strip_suffix('월') {
        let n = n.rsplit(|c: char| !c.is_ascii_digit()).next()?;
        let m: u8 = n.parse().ok()?;
        return (1..=12).contains(&m).then_some(m);
    }
    const EN: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    // The first word, when all ASCII letters. Lower-casing first would change nothing: no
    // other letter lower-cases to ASCII but the Kelvin sign, and no month has a `k`.
    let word = t.split_whitespace().next().unwrap_or("");
    if word.len() >= 3 && word.bytes().all(|b| b.is_ascii_alphabetic()) && t.starts_with(word) {
        let full = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        let abbr = &word[..3];
        if let Some(i) = full.iter().position(|f| {
            f.eq_ignore_ascii_case(word)
                || (word.len() <= 4
                    && f.get(..word.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(word))
                    && EN.iter().any(|e| e.eq_ignore_ascii_case(abbr)))
        }) {
            return Some(i as u8 + 1);
        }
    }
    let b = t.as_bytes();
    if b.len() == 7 && b[..4].iter().all(u8::is_ascii_digit) && matches!(b[4], b'.' | b'-' | b'/') {
        let m: u8 = t[5..].parse().ok()?;
        return (1..=12).contains(&m).then_some(m);
    }
    None
}

/// `Q1`, `1분기`, `1Q` → 1..=4.
pub fn quarter_label(s: &str) -> Option<u8> {
    // No copy in upper case: only `q` upper-cases to `Q`, and nothing to a digit.
    let t = clean_label(s).split_whitespace().next().unwrap_or("");
    let n = t
        .strip_prefix(['Q', 'q'])
        .or_else(|| t.strip_suffix(['Q', 'q']))
        .or_else(|| t.strip_suffix("분기"))?;
    let n: u8 = n.parse().ok()?;
    (1..=4).contains(&n).then_some(n)
}
