//! Percentages written in prose with the two numbers they are computed from, tied by the
//! words between them: shares `12 of 387 customers (3.1%)`, `3.1% (12 of 387)`,
//! `45/60 (75%)`, `200명 중 50명(25%)`; changes `from 1,000 to 1,500 (+50%)`,
//! `grew 8% to $4,320 (from $4,000 in April)`, `1,000명에서 1,500명으로 50% 늘었다`.
//! Where the words leave open what the base is (`3 of the 10`, `50% of 200`, a score
//! `4/5`, a date `3/12`), nothing is read.

use super::text::line_start;
use super::trends::{pairs, word_after, word_before};
use super::types::{Facts, Num, Share, ShareOf};
use super::vocabulary::compatible;
use crate::post::markdown::Inline;
use crate::post::numbers::{Approx, Quantity};

pub(super) fn based_percents(inl: &Inline, qs: &[Quantity], f: &mut Facts) {
    // Most text has no percentage: one byte test before anything else.
    if !inl.text.as_bytes().contains(&b'%') {
        return;
    }
    shares(inl, qs, f);
    fractions(inl, qs, f);
    changes(inl, qs, f);
}

/// A count or amount a share or change can be computed from.
fn plain(q: &Quantity) -> bool {
    q.is_exact() && !q.is_percent() && !q.signed && q.glued.is_none()
}

/// A percentage alone in a parenthesis: `(3.1%)`.
fn alone_in_paren(s: &str, q: &Quantity, opens_at: usize) -> bool {
    s[opens_at..q.range.start].trim() == "(" && s[q.range.end..].trim_start().starts_with(')')
}

/// A few words and nothing else (`visitors signed up`, `이 가입`): no number, no
/// punctuation that would end the clause.
fn few_words(gap: &str) -> bool {
    gap.split_whitespace().count() <= 4
        && gap.chars().count() <= 32
        && gap
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
}

/// The percentage of a share whose numbers span `lo..hi` in `s`: alone in a parenthesis
/// right after them (`12 of 40 tests (30%)`), or right before them, with them alone in
/// the parenthesis (`30% (12 of 40 tests)`).
fn share_pct<'a>(s: &str, qs: &'a [Quantity], lo: usize, hi: usize) -> Option<&'a Quantity> {
    let after = qs.iter().find(|q| q.range.start >= hi);
    if let Some(p) = after
        && p.is_percent()
        && !p.signed
    {
        let gap = &s[hi..p.range.start];
        if let Some(words) = gap.trim_end().strip_suffix('(')
            && few_words(words)
            && alone_in_paren(s, p, hi + words.len())
        {
            return Some(p);
        }
    }
    let before = qs.iter().rev().find(|q| q.range.end <= lo)?;
    let rest = &s[hi..];
    let close = rest.find(')')?;
    // `rose 2% (12 of 300)`, `5% (200명 중 50명) 증가`: a change, the parenthesis says
    // where it ended, not what it is a share of.
    let lead = s[..before.range.start].trim_end().to_lowercase();
    let change = word_before(lead.strip_suffix(" by").unwrap_or(&lead)).is_some()
        || word_after(&rest[close + 1..]).is_some_and(|(r, _, _)| r.start <= 1);
    (before.is_percent()
        && !before.signed
        && !change
        && s[before.range.end..lo].trim() == "("
        && few_words(&rest[..close]))
    .then_some(before)
}

fn push_share(inl: &Inline, part: &Quantity, base: &Quantity, pct: &Quantity, f: &mut Facts) {
    let part = Num::from_q(inl, part);
    if f.shares.iter().any(|s| s.part.span == part.span) {
        return;
    }
    f.shares.push(Share {
        part,
        base: Num::from_q(inl, base),
        pct: Num::from_q(inl, pct),
        of: ShareOf::Part,
        base_is_sum: false,
        guess: false,
    });
}

/// `12 of 387 customers`, `12 out of 387`, `387명 중 12명`, `전체 32개 커밋 중 30개`.
fn shares(inl: &Inline, qs: &[Quantity], f: &mut Facts) {
    let s = inl.text.as_str();
    for w in qs.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if !plain(a) || !plain(b) || !compatible(a.unit, b.unit) {
            continue;
        }
        let gap = &s[a.range.end..b.range.start];
        let en = matches!(gap, " of " | " out of ");
        // `387명 중 12명`, `전체 32개 커밋 중 30개`: a noun at most between the base and `중`.
        let ko = gap.ends_with(" 중 ")
            && gap.chars().count() <= 12
            && few_words(gap.trim_end().trim_end_matches('중'));
        let (part, base) = match (en, ko) {
            (true, _) => (a, b),
            (_, true) => (b, a),
            _ => continue,
        };
        // `Chapter 3 of 10`, `#3 of 10`: a place in a sequence, not a part of a base.
        let lead = s[line_start(s, a.range.start)..a.range.start].trim_end();
        let rank = lead.ends_with(['#', '/'])
            || lead.ends_with(|c: char| c.is_ascii_digit())
            || ordinal_label(lead);
        if en && rank {
            continue;
        }
        if base.value <= 0.0 || part.value > base.value {
            continue;
        }
        if let Some(p) = share_pct(s, qs, a.range.start, b.range.end) {
            push_share(inl, part, base, p, f);
        }
    }
}

/// Whether `lead` ends with a word that makes the number after it a place in a sequence
/// (`Chapter 3 of 12`, `Sprint 3 of 8`). Time words are not among them: `this month 215
/// of 8,600` is a count.
fn ordinal_label(lead: &str) -> bool {
    let word = lead
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        word.as_str(),
        "part"
            | "chapter"
            | "step"
            | "episode"
            | "page"
            | "level"
            | "phase"
            | "sprint"
            | "round"
            | "stage"
            | "book"
            | "volume"
            | "lesson"
            | "module"
            | "slide"
            | "question"
            | "no"
            | "number"
    )
}

/// A whole number written in `s[r]`, digits and thousands commas only.
fn whole(s: &str, r: std::ops::Range<usize>) -> Option<Quantity> {
    let t = &s[r.clone()];
    if t.is_empty() || t.starts_with([',', '0']) || t.ends_with(',') {
        return None;
    }
    let value: f64 = t.replace(',', "").parse().ok()?;
    Some(Quantity {
        value,
        decimals: 0,
        range: r.clone(),
        num: r,
        unit: None,
        approx: Approx::Exact,
        signed: false,
        glued: None,
    })
}

/// `45/60 (75%)`, `75% (45/60)`: a fraction of whole numbers beside a percentage. A fraction
/// over 10 or less is a score (`4/5`), and one that could be a day of a month (`3/12`) or
/// a month of a year (`5/2024`) is a date: neither is read.
fn fractions(inl: &Inline, qs: &[Quantity], f: &mut Facts) {
    let s = inl.text.as_str();
    let b = s.as_bytes();
    let num_byte = |c: u8| c.is_ascii_digit() || c == b',';
    for (i, _) in s.match_indices('/') {
        let mut lo = i;
        while lo > 0 && num_byte(b[lo - 1]) {
            lo -= 1;
        }
        let mut hi = i + 1;
        while hi < b.len() && num_byte(b[hi]) {
            hi += 1;
        }
        // Glued to anything else (`v1/2`, `1/2/2024`, `3.5/5`, `45/60fps`): not a fraction.
        let before = lo.checked_sub(1).map(|k| b[k]);
        let after = b.get(hi).copied();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'-'))
            || after.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.'))
        {
            continue;
        }
        let (Some(part), Some(base)) = (whole(s, lo..i), whole(s, i + 1..hi)) else {
            continue;
        };
        let (p, q) = (part.value, base.value);
        let date = p <= 12.0 && (q <= 31.0 || (1900.0..=2100.0).contains(&q));
        if q <= 10.0 || p > q || date {
            continue;
        }
        if let Some(pct) = share_pct(s, qs, lo, hi) {
            push_share(inl, &part, &base, pct, f);
        }
    }
}

/// A year (`from 2023 to 2024`): a period, not two values.
fn year(q: &Quantity) -> bool {
    q.unit.is_none() && q.decimals == 0 && (1900.0..=2100.0).contains(&q.value)
}

/// Whether the direction a word says agrees with the values; no word agrees.
fn agrees(word: Option<bool>, from: &Quantity, to: &Quantity) -> bool {
    word.is_none_or(|up| up == (to.value > from.value))
}

fn push_change(
    inl: &Inline,
    from: &Quantity,
    to: &Quantity,
    pct: &Quantity,
    up: bool,
    f: &mut Facts,
) {
    if from.value == to.value {
        return;
    }
    // An unsigned percentage takes its sign from the word (`fell 10%`).
    let mut pct = Num::from_q(inl, pct);
    if !up {
        pct.value = -pct.value.abs();
    }
    if f.shares.iter().any(|s| s.pct.span == pct.span) {
        return;
    }
    f.shares.push(Share {
        part: Num::from_q(inl, to),
        base: Num::from_q(inl, from),
        pct,
        of: ShareOf::Change,
        base_is_sum: false,
        guess: false,
    });
}

/// `from 1,000 to 1,500 (+50%)`, `1,000명에서 1,500명으로 50% 늘었다`,
/// `grew 8% to $4,320 (from $4,000 in April)`.
fn changes(inl: &Inline, qs: &[Quantity], f: &mut Facts) {
    let s = inl.text.as_str();
    let ok = |a: &Quantity, b: &Quantity| {
        plain(a) && plain(b) && compatible(a.unit, b.unit) && !(year(a) && year(b))
    };
    for (i, j, from_to) in pairs(s, qs) {
        let (a, b) = (&qs[i], &qs[j]);
        let Some(p) = qs.get(j + 1).filter(|p| p.is_percent() && p.is_exact()) else {
            continue;
        };
        if !ok(a, b) {
            continue;
        }
        let gap = &s[b.range.end..p.range.start];
        if from_to {
            // `went down from 42 to 47 (+12%)`: a word its values contradict is for
            // false-trend.
            let lead = s[..a.range.start].trim_end();
            let lead = lead[..lead.len() - "from".len()].to_lowercase();
            if !agrees(word_before(lead.trim_end()).map(|(_, up)| up), a, b) {
                continue;
            }
            // `(+50%)` alone, or `(50% increase)`.
            let Some(words) = gap.trim_end().strip_suffix('(') else {
                continue;
            };
            if !few_words(words) {
                continue;
            }
            let tail = &s[p.range.end..];
            let up = if p.signed {
                tail.trim_start().starts_with(')').then_some(p.value > 0.0)
            } else {
                word_after(tail)
                    .filter(|(r, _, _)| r.start <= 1 && tail[r.end..].trim_start().starts_with(')'))
                    .map(|(_, _, up)| up)
            };
            if let Some(up) = up
                && agrees(Some(up), a, b)
            {
                push_change(inl, a, b, p, up, f);
            }
        } else if s[a.range.end..b.range.start].trim() == "에서" {
            // `1,000명에서 1,500명으로 50% 늘었다`: the word right after the percentage.
            let g = gap.strip_prefix("으로").or_else(|| gap.strip_prefix('로'));
            if !g.is_some_and(|g| !g.is_empty() && g.trim().is_empty()) || p.signed {
                continue;
            }
            if let Some((r, _, up)) = word_after(&s[p.range.end..])
                && r.start <= 1
                && agrees(Some(up), a, b)
            {
                push_change(inl, a, b, p, up, f);
            }
        }
    }
    // `grew 8% to $4,320 (from $4,000 in April)`.
    for w in qs.windows(3) {
        let (p, b, a) = (&w[0], &w[1], &w[2]);
        if !p.is_percent() || !p.is_exact() || p.signed || !ok(a, b) {
            continue;
        }
        let lead = s[..p.range.start].trim_end().to_lowercase();
        let lead = lead.strip_suffix(" by").unwrap_or(&lead);
        let Some((_, up)) = word_before(lead) else {
            continue;
        };
        if s[p.range.end..b.range.start] != *" to " || s[b.range.end..a.range.start] != *" (from " {
            continue;
        }
        let tail = &s[a.range.end..];
        let Some(close) = tail.find(')') else {
            continue;
        };
        if few_words(&tail[..close]) && agrees(Some(up), a, b) {
            push_change(inl, a, b, p, up, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::post::facts::{Facts, ShareOf, extract};
    use crate::post::markdown::Document;

    fn facts(md: &str) -> Facts {
        extract(&Document::parse(md, 0), Some(12.0), None)
    }

    /// (part, base, pct, of) of every share read in `md`.
    fn read(md: &str) -> Vec<(f64, f64, f64, ShareOf)> {
        facts(md)
            .shares
            .iter()
            .map(|s| (s.part.value, s.base.value, s.pct.value, s.of))
            .collect()
    }

    #[test]
    fn shares_tied_by_words() {
        assert_eq!(
            read("Churn 3.5% (12 of 387 customers).\n"),
            [(12.0, 387.0, 3.5, ShareOf::Part)]
        );
        assert_eq!(
            read("12 out of 40 tests passed (30%).\n"),
            [(12.0, 40.0, 30.0, ShareOf::Part)]
        );
        assert_eq!(
            read("Coverage 45/60 (70%).\n"),
            [(45.0, 60.0, 70.0, ShareOf::Part)]
        );
        assert_eq!(
            read("200명 중 50명(30%)\n"),
            [(50.0, 200.0, 30.0, ShareOf::Part)]
        );
        assert_eq!(
            read("재방문율 30% (200명 중 50명).\n"),
            [(50.0, 200.0, 30.0, ShareOf::Part)]
        );
    }

    #[test]
    fn changes_tied_by_words() {
        assert_eq!(
            read("from 1,000 to 1,500 (+40%)\n"),
            [(1500.0, 1000.0, 40.0, ShareOf::Change)]
        );
        assert_eq!(
            read("1,000명에서 1,500명으로 40% 늘었다.\n"),
            [(1500.0, 1000.0, 40.0, ShareOf::Change)]
        );
        assert_eq!(
            read("fell 10% to 90 (from 100 in May)\n"),
            [(90.0, 100.0, -10.0, ShareOf::Change)]
        );
    }

    #[test]
    fn open_bases_are_not_read() {
        for md in [
            "3 of the 10 new customers (40%)\n",
            "50% of 200 signups\n",
            "rated 4/5 (90%)\n",
            "on 3/12 (40%)\n",
            "in 5/2024 (40%)\n",
            "Chapter 3 of 10 (40%) and #2 of 9 (50%)\n",
            "1 of 3 posts, 2/9 drafts\n",
            "from 10 to 20 people (+50% of our goal)\n",
            "from 2023 to 2024 (+30%)\n",
            // The word says down, the values go up: false-trend's, not a change to check.
            "fell from 100 to 120 (+20%)\n",
            // A change, with where it ended in the parenthesis.
            "Conversion rose 2% (12 of 300 visitors).\n",
            "재방문율 5% (200명 중 50명) 증가\n",
            "100명에서 120명으로 20% 줄었다.\n",
        ] {
            assert_eq!(read(md), [], "{md}");
        }
    }
}
