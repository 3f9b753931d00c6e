//! Quantities in prose and tables: `700개`, `1,234`, `40%`, `약 360`, `12+`, `$4,208.15`,
//! `68 (41+18+1+1+mig7)`, `486→700`. One linear pass over a text; ASCII digits only.
//!
//! Numbers that are not quantities are left out: dates and times (`2025-08-08`, `14:52`,
//! `2025.01`), month and year labels (`2월`, `2025년`, `Q1`), ranges (`7~8`), issue numbers
//! (`#48`), versions (`v2`, `3.1.4`).

use std::ops::Range;

/// How exact a stated value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Approx {
    Exact,
    /// `약 360`, `~360`, `about 360`, `300여`.
    About,
    /// `80개+`, `80개 이상`, `12+`, `at least 12`.
    AtLeast,
    /// `최대 5`, `up to 5`, `5개 이하`.
    AtMost,
}

/// A unit or counter, normalised: `개`, `건`, `commit`, `issue`, `%`, `$`, ...
pub type Unit = &'static str;

#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    pub value: f64,
    /// Digits after the decimal point as written (`96.0` has 1).
    pub decimals: u8,
    /// The whole quantity with its prefix and unit (`약 360개`), in the scanned text.
    pub range: Range<usize>,
    /// The number alone (`360`), sign and currency excluded.
    pub num: Range<usize>,
    pub unit: Option<Unit>,
    pub approx: Approx,
    /// Written with an explicit sign (`+8,825`, `-199`).
    pub signed: bool,
    /// ASCII letters glued before the number (`mig` in `mig7`), as a label.
    pub glued: Option<Range<usize>>,
}

impl Quantity {
    pub fn is_percent(&self) -> bool {
        self.unit == Some("%")
    }
    /// A whole number that is exactly stated.
    pub fn is_exact(&self) -> bool {
        self.approx == Approx::Exact
    }
    /// The value as an integer when it is one.
    pub fn int(&self) -> Option<i64> {
        (self.value.fract() == 0.0 && self.value.abs() < 1e15).then_some(self.value as i64)
    }
}

const KO_UNITS: &[(&str, Unit)] = &[
    ("개월", "개월"),
    ("개", "개"),
    ("건", "건"),
    ("명", "명"),
    ("회", "회"),
    ("라인", "라인"),
    ("줄", "라인"),
    ("원", "원"),
    ("시간", "시간"),
    ("커밋", "commit"),
    ("이슈", "issue"),
    ("주", "주"),
    ("배", "배"),
];

const EN_UNITS: &[(&str, Unit)] = &[
    ("commits", "commit"),
    ("commit", "commit"),
    ("issues", "issue"),
    ("issue", "issue"),
    ("pull requests", "pr"),
    ("prs", "pr"),
    ("pr", "pr"),
    ("merge requests", "pr"),
    ("mrs", "pr"),
    ("days", "day"),
    ("day", "day"),
    ("weeks", "week"),
    ("week", "week"),
    ("months", "month"),
    ("month", "month"),
    ("hours", "hour"),
    ("hour", "hour"),
    ("lines", "line"),
    ("posts", "post"),
    ("users", "user"),
    ("visitors", "visitor"),
    ("items", "item"),
    ("tasks", "task"),
    ("bugs", "bug"),
    ("tickets", "ticket"),
    ("times", "time"),
];

/// Suffixes that make a number a label, a date or a rank rather than a quantity.
const NOT_QUANTITY_KO: &[&str] = &[
    "월", "년", "일", "분기", "주차", "차", "위", "번째", "번", "시", "분", "초", "호", "층",
    "학년", "세",
];

fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

/// The char that ends just before byte `i`.
fn prev_char(s: &str, i: usize) -> Option<char> {
    s.get(..i)?.chars().next_back()
}

fn starts_with_ci(s: &str, p: &str) -> bool {
    s.len() >= p.len() && s.is_char_boundary(p.len()) && s[..p.len()].eq_ignore_ascii_case(p)
}

fn ends_with_ci(s: &str, p: &str) -> bool {
    s.len() >= p.len()
        && s.is_char_boundary(s.len() - p.len())
        && s[s.len() - p.len()..].eq_ignore_ascii_case(p)
}

/// Every quantity in `s`, in order. Linear in `s.len()`.
pub fn scan(s: &str) -> Vec<Quantity> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !is_digit(b[i]) {
            i += 1;
            continue;
        }
        let (q, next) = read_at(s, i);
        if let Some(q) = q {
            out.push(q);
        }
        i = next.max(i + 1);
    }
    out
}

/// Read the number starting at byte `i` (an ASCII digit). Returns the quantity, if the
/// number is one, and the byte after everything consumed.
fn read_at(s: &str, i: usize) -> (Option<Quantity>, usize) {
    let b = s.as_bytes();
    // Integer part with optional thousands separators.
    let mut j = i;
    while j < b.len() && is_digit(b[j]) {
        j += 1;
    }
    let first_group = j - i;
    let mut grouped = false;
    if first_group <= 3 {
        let mut k = j;
        while k + 3 < b.len() && b[k] == b',' && b[k + 1..k + 4].iter().all(|&c| is_digit(c)) {
            if k + 4 < b.len() && is_digit(b[k + 4]) {
                break;
            }
            k += 4;
            grouped = true;
        }
        j = k;
    }
    let int_end = j;
    let mut decimals = 0u8;
    let mut end = j;
    if j + 1 < b.len() && b[j] == b'.' && is_digit(b[j + 1]) {
        let mut k = j + 1;
        while k < b.len() && is_digit(b[k]) {
            k += 1;
        }
        // `3.1.4` (a version) and `2025.01` (a year and month) are not quantities.
        if (k < b.len() && b[k] == b'.' && k + 1 < b.len() && is_digit(b[k + 1]))
            || (!grouped && first_group == 4 && k - j - 1 <= 2 && !followed_by_unit(s, k))
        {
            return (None, skip_token(b, k));
        }
        decimals = (k - j - 1).min(255) as u8;
        end = k;
    }
    let digits: String = s[i..end].chars().filter(|&c| c != ',').collect();
    let Ok(mut value) = digits.parse::<f64>() else {
        return (None, end);
    };

    // What comes before: `#48`, `v2`, dates `2025-08-`, ranges `7~`.
    let before = prev_char(s, i);
    let before2 = before.and_then(|c| prev_char(s, i - c.len_utf8()));
    if matches!(before, Some('#' | '.' | '/' | ':' | '_' | '@'))
        || (matches!(before, Some('-' | '~' | '～' | '–'))
            && before2.is_some_and(|c| c.is_ascii_digit()))
    {
        return (None, skip_token(b, end));
    }
    // What comes after: `-08` (a date), `:52` (a time), `~2` (a range), `/23` (a ratio).
    if end + 1 < b.len()
        && matches!(b[end], b'-' | b':' | b'/' | b'~' | b'_')
        && is_digit(b[end + 1])
    {
        return (None, skip_token(b, end + 1));
    }
    if s[end..].starts_with('～') || s[end..].starts_with('–') {
        return (None, end);
    }

    // Glued label: `mig7`, `db37`; but `v2`, `Q1`, `H1` are labels, not quantities.
    let mut glued = None;
    let mut start = i;
    if before.is_some_and(|c| c.is_ascii_alphabetic()) {
        let mut k = i;
        while k > 0 && b[k - 1].is_ascii_alphabetic() {
            k -= 1;
        }
        let word = &s[k..i];
        // A word glued to more letters or digits on the left is an identifier.
        let left = prev_char(s, k);
        if word.len() == 1 || left.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            return (None, skip_token(b, end));
        }
        glued = Some(k..i);
        start = k;
    } else if before.is_some_and(|c| c.is_alphabetic() && !is_hangul(c)) {
        return (None, skip_token(b, end));
    }

    // Sign and currency.
    let mut signed = false;
    let mut unit: Option<Unit> = None;
    if glued.is_none() {
        let mut k = i;
        if let Some(c) = prev_char(s, k)
            && let Some(u) = currency(c)
        {
            unit = Some(u);
            k -= c.len_utf8();
        }
        if let Some(c) = prev_char(s, k)
            && matches!(c, '+' | '-' | '−')
            && !prev_char(s, k - c.len_utf8()).is_some_and(|p| p.is_alphanumeric())
        {
            signed = true;
            if c != '+' {
                value = -value;
            }
            k -= c.len_utf8();
            if unit.is_none()
                && let Some(c) = prev_char(s, k)
                && let Some(u) = currency(c)
            {
                unit = Some(u);
                k -= c.len_utf8();
            }
        }
        start = k;
    }

    // Unit or counter.
    let mut k = end;
    let rest = &s[end..];
    if rest.starts_with('%') {
        unit = Some("%");
        k += 1;
        if s[k..].starts_with('p') && !s[k + 1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            k += 1;
        }
    } else if let Some(w) = NOT_QUANTITY_KO.iter().find(|w| rest.starts_with(**w))
        && !KO_UNITS
            .iter()
            .any(|(u, _)| rest.starts_with(u) && u.len() > w.len())
    {
        // `2월`, `2025년`, `3일`: labels and dates. `4시간` is a unit (checked above).
        return (None, end + w.len());
    } else if let Some((u, n)) = KO_UNITS.iter().find(|(u, _)| rest.starts_with(u)) {
        unit = Some(n);
        k += u.len();
    } else if let Some((u, n)) = rest
        .strip_prefix(' ')
        .and_then(|r| {
            EN_UNITS
                .iter()
                .find(|(u, _)| starts_with_ci(r, u))
                .map(|x| (x, r))
        })
        .and_then(|((u, n), r)| {
            let after = r[u.len()..].chars().next();
            (!after.is_some_and(|c| c.is_alphanumeric())).then_some((*u, *n))
        })
    {
        unit = Some(n);
        k += 1 + u.len();
    } else if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        // `3x`, `2nd`, `10k`, `5MB`: not counted quantities.
        let w: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if matches!(w.as_str(), "k" | "K") {
            value *= 1000.0;
            k += 1;
        } else {
            return (None, skip_token(b, end));
        }
    } else if rest.starts_with("만") {
        value *= 10_000.0;
        k += "만".len();
        let r = &s[k..];
        if let Some(r2) = r.strip_prefix(' ').filter(|r2| r2.starts_with('원')) {
            let _ = r2;
            k += 1;
        }
        if s[k..].starts_with('원') {
            unit = Some("원");
            k += '원'.len_utf8();
        }
    }

    // Approximation and bounds.
    let mut approx = Approx::Exact;
    let head = &s[..start];
    let head_t = head.trim_end();
    for (p, a) in [
        ("약", Approx::About),
        ("대략", Approx::About),
        ("거의", Approx::About),
        ("about", Approx::About),
        ("around", Approx::About),
        ("approximately", Approx::About),
        ("roughly", Approx::About),
        ("nearly", Approx::About),
        ("almost", Approx::About),
        ("최소", Approx::AtLeast),
        ("at least", Approx::AtLeast),
        ("more than", Approx::AtLeast),
        ("over", Approx::AtLeast),
        ("최대", Approx::AtMost),
        ("up to", Approx::AtMost),
        ("at most", Approx::AtMost),
        ("under", Approx::AtMost),
        ("less than", Approx::AtMost),
    ] {
        if ends_with_ci(head_t, p)
            && head_t.len() < head.len()
            && !prev_char(head_t, head_t.len() - p.len()).is_some_and(|c| c.is_alphanumeric())
        {
            approx = a;
            start = head_t.len() - p.len();
            break;
        }
    }
    if approx == Approx::Exact
        && head.ends_with('~')
        && !before2.is_some_and(|c| c.is_ascii_digit())
    {
        approx = Approx::About;
        start -= 1;
    }
    if s[end..].starts_with('여') {
        approx = Approx::About;
    }
    let tail = &s[k..];
    if tail.starts_with('+')
        && !tail[1..].starts_with(|c: char| c.is_alphanumeric())
        && !tail[1..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
    {
        approx = Approx::AtLeast;
        k += 1;
    } else {
        let t = tail.trim_start_matches(' ');
        for (p, a) in [
            ("이상", Approx::AtLeast),
            ("넘게", Approx::AtLeast),
            ("이하", Approx::AtMost),
            ("미만", Approx::AtMost),
            ("정도", Approx::About),
            ("가량", Approx::About),
            ("쯤", Approx::About),
            ("남짓", Approx::About),
            ("or more", Approx::AtLeast),
            ("or so", Approx::About),
        ] {
            if starts_with_ci(t, p) {
                approx = a;
                k += tail.len() - t.len() + p.len();
                break;
            }
        }
    }
    let _ = int_end;
    (
        Some(Quantity {
            value,
            decimals,
            range: start..k,
            num: i..end,
            unit,
            approx,
            signed,
            glued,
        }),
        k,
    )
}

fn followed_by_unit(s: &str, k: usize) -> bool {
    let r = &s[k..];
    r.starts_with('%') || KO_UNITS.iter().any(|(u, _)| r.starts_with(u))
}

/// Skip the rest of a digit/punctuation token (`2025-08-08`, `14:52:10`).
fn skip_token(b: &[u8], mut k: usize) -> usize {
    while k < b.len() && (is_digit(b[k]) || matches!(b[k], b'-' | b':' | b'.' | b'/' | b'~' | b'_'))
    {
        k += 1;
    }
    k
}

fn currency(c: char) -> Option<Unit> {
    match c {
        '$' => Some("$"),
        '€' => Some("€"),
        '₩' => Some("원"),
        '£' => Some("£"),
        _ => None,
    }
}

pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{3131}'..='\u{318E}')
}

/// One term of a written sum: `BE 330`, `mig7`, `2월 8`, `서버 40개`.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// The label written before (or glued to) the number, trimmed.
    pub label: Option<Range<usize>>,
    pub q: Quantity,
}

/// Parse `s` (a whole parenthesis body or cell remainder) as a sum of terms joined by `+`:
/// `41+18+1+1+mig7`, `BE 330 + FE 178`, `2월 8 + 3월 4`, `서버 40개 + 프론트 0개`.
/// Ranges are into `s`. None unless every term is a (labelled) quantity and there are two
/// terms or more.
pub fn parse_sum(s: &str) -> Option<Vec<Part>> {
    if !s.contains('+') {
        return None;
    }
    let mut parts = Vec::new();
    let mut seg_start = 0;
    for (idx, piece) in split_keep(s, '+') {
        let _ = idx;
        let term = &s[piece.clone()];
        let t0 = piece.start + (term.len() - term.trim_start().len());
        let t1 = piece.start + term.trim_end().len();
        if t0 >= t1 {
            return None;
        }
        let qs = scan(&s[t0..t1]);
        let [q] = qs.as_slice() else { return None };
        let mut q = q.clone();
        // The quantity must end the term (a unit may follow it).
        if q.range.end != t1 - t0 {
            return None;
        }
        q.range = q.range.start + t0..q.range.end + t0;
        q.num = q.num.start + t0..q.num.end + t0;
        q.glued = q.glued.map(|g| g.start + t0..g.end + t0);
        if q.signed || q.is_percent() {
            return None;
        }
        let label = if let Some(g) = &q.glued {
            Some(g.clone())
        } else {
            let l = s[t0..q.range.start].trim_end();
            (!l.is_empty()).then(|| t0..t0 + l.len())
        };
        if let Some(l) = &label
            && s[l.clone()].chars().count() > 40
        {
            return None;
        }
        parts.push(Part { label, q });
        seg_start = piece.end;
    }
    let _ = seg_start;
    (parts.len() >= 2).then_some(parts)
}

/// Split on `sep`, yielding the byte ranges of the pieces.
fn split_keep(s: &str, sep: char) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == sep {
            out.push((out.len(), start..i));
            start = i + c.len_utf8();
        }
    }
    out.push((out.len(), start..s.len()));
    out
}

/// `486→700`, `31 -> 24`: two quantities joined by an arrow in `s`, as indexes into `qs`.
pub fn arrows(s: &str, qs: &[Quantity]) -> Vec<(usize, usize)> {
    qs.windows(2)
        .enumerate()
        .filter(|(_, w)| {
            let gap = s.get(w[0].range.end..w[1].range.start).unwrap_or("").trim();
            matches!(gap, "→" | "->" | "=>" | "⇒" | "➡" | "➔")
        })
        .map(|(i, _)| (i, i + 1))
        .collect()
}

#[cfg(test)]
mod tests;
