//! Where things are in one run of text: parenthesised groups, sentences, the start of a
//! line or clause looking back a bounded distance, and the quantities inside a range.

use crate::post::numbers::Quantity;

/// `(`...`)` groups at depth one, as byte ranges of the body.
pub(super) fn parens(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let Some(first) = memchr::memchr(b'(', s.as_bytes()) else {
        return out;
    };
    let mut depth = 0usize;
    let mut open = 0;
    // By bytes: the three marks are ASCII, never part of another character.
    for (i, &c) in s.as_bytes().iter().enumerate().skip(first) {
        match c {
            b'(' => {
                if depth == 0 {
                    open = i + 1;
                }
                depth += 1;
            }
            b')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(open..i);
                }
            }
            b'\n' => depth = 0,
            _ => {}
        }
    }
    out
}

/// Quantities inside a byte range of the text.
pub(super) fn within(qs: &[Quantity], r: &std::ops::Range<usize>) -> Vec<usize> {
    let a = qs.partition_point(|q| q.range.start < r.start);
    (a..qs.len())
        .take_while(|&i| qs[i].range.end <= r.end)
        .collect()
}

/// How far back context is looked for: keeps extraction linear on huge paragraphs.
pub(super) const LOOK_BACK: usize = 240;

/// A char boundary at most `max` bytes before `at`.
pub(super) fn back(s: &str, at: usize, max: usize) -> usize {
    let mut b = at.saturating_sub(max);
    while !s.is_char_boundary(b) {
        b += 1;
    }
    b
}

/// Start of the line holding `at` (looking back a bounded distance).
pub(super) fn line_start(s: &str, at: usize) -> usize {
    let b = back(s, at, LOOK_BACK);
    s[b..at].rfind('\n').map_or(b, |i| b + i + 1)
}

/// Start of the clause ending at `at`: after the last `:` `,` `.` or line break.
pub(super) fn clause_start(s: &str, at: usize) -> usize {
    let b = back(s, at, LOOK_BACK);
    s[b..at]
        .rfind([':', ',', '.', '\n', ';', '('])
        .map_or(b, |i| {
            b + i + s[b + i..].chars().next().map_or(1, char::len_utf8)
        })
}

pub(super) fn shift(q: &Quantity, by: usize) -> Quantity {
    let mut q = q.clone();
    q.range = q.range.start + by..q.range.end + by;
    q.num = q.num.start + by..q.num.end + by;
    q.glued = q.glued.map(|g| g.start + by..g.end + by);
    q
}

/// Sentence ranges of a text (split after `. ` `! ` `? ` and line breaks).
pub(super) fn sentences(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    for i in 0..b.len() {
        let end = (b[i] == b'.'
            && (i + 1 == b.len() || b[i + 1] == b' ')
            && i > 0
            && !b[i - 1].is_ascii_digit())
            || b[i] == b'\n';
        if end {
            out.push(start..i);
            start = i + 1;
        }
    }
    if start < s.len() {
        out.push(start..s.len());
    }
    out
}

/// Whether a value is stated as a rate or an average, around the quantity (`4.5 commits
/// per working day`, `하루 평균 3개`, `주당 10개`, `3 a week`, `2개씩`): never a count of the
/// post's things, however its unit reads.
pub(super) fn is_rate(before: &str, after: &str) -> bool {
    let a = after.trim_start().to_ascii_lowercase();
    let b = before.trim_end().to_ascii_lowercase();
    const AFTER: &[&str] = &[
        "per ",
        "a day",
        "a week",
        "a month",
        "an hour",
        "each",
        "on average",
        "/",
        "씩",
    ];
    const BEFORE: &[&str] = &[
        "average",
        "average of",
        "avg",
        "avg.",
        "평균",
        "주당",
        "월당",
        "일당",
        "인당",
        "건당",
        "시간당",
        "하루",
    ];
    AFTER.iter().any(|w| a.starts_with(w)) || BEFORE.iter().any(|w| b.ends_with(w))
}
