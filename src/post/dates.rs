//! Dates written in the prose, tables and headings, with the weekday written next to them:
//! `2025-05-07 (수)`, `12/03 (화)`, `12월 29일(월)`, `Tue 2025-03-04`, `Tuesday, March 4`.

use super::markdown::Inline;
use super::period::{Ymd, month_number};
use crate::source::Span;
use jiff::civil::Weekday;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// The year, when the text wrote one.
    pub year: Option<i32>,
    pub month: i32,
    pub day: i32,
    /// The date as written (digits and separators).
    pub span: Span,
    pub weekday: Option<WrittenWeekday>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenWeekday {
    pub weekday: Weekday,
    pub span: Span,
    /// `Korean` (`화`), `EnglishShort` (`Tue`) or `EnglishLong` (`Tuesday`): a fix keeps it.
    pub style: WeekdayStyle,
    /// Capitalisation as written (`Tue`, `TUE`).
    pub upper: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeekdayStyle {
    Korean,
    KoreanLong,
    EnglishShort,
    EnglishLong,
}

impl DateMention {
    pub fn ymd(&self, year: i32) -> Ymd {
        Ymd {
            year: self.year.unwrap_or(year),
            month: self.month,
            day: self.day,
        }
    }
}

pub fn weekday_name(w: Weekday, style: WeekdayStyle, upper: bool) -> String {
    let i = w.to_monday_zero_offset() as usize;
    let s = match style {
        WeekdayStyle::Korean => ["월", "화", "수", "목", "금", "토", "일"][i].to_owned(),
        WeekdayStyle::KoreanLong => [
            "월요일",
            "화요일",
            "수요일",
            "목요일",
            "금요일",
            "토요일",
            "일요일",
        ][i]
            .to_owned(),
        WeekdayStyle::EnglishShort => {
            ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i].to_owned()
        }
        WeekdayStyle::EnglishLong => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][i]
            .to_owned(),
    };
    if upper { s.to_uppercase() } else { s }
}

fn ko_weekday(s: &str) -> Option<(Weekday, WeekdayStyle)> {
    let w = match s.chars().next()? {
        '월' => Weekday::Monday,
        '화' => Weekday::Tuesday,
        '수' => Weekday::Wednesday,
        '목' => Weekday::Thursday,
        '금' => Weekday::Friday,
        '토' => Weekday::Saturday,
        '일' => Weekday::Sunday,
        _ => return None,
    };
    let style = if s.ends_with("요일") {
        WeekdayStyle::KoreanLong
    } else {
        WeekdayStyle::Korean
    };
    Some((w, style))
}

fn en_weekday(s: &str) -> Option<(Weekday, WeekdayStyle, bool)> {
    let l = s.to_ascii_lowercase();
    let w = match l.get(..3)? {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    };
    let style = if l.ends_with("day") {
        WeekdayStyle::EnglishLong
    } else {
        WeekdayStyle::EnglishShort
    };
    let upper = s.len() > 1 && s.chars().all(|c| c.is_ascii_uppercase());
    Some((w, style, upper))
}

const KO_WD: &str = r"(?:월|화|수|목|금|토|일)(?:요일)?";
const EN_WD: &str =
    r"(?i:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?i:day|nesday|sday|urday|rsday)?";

/// A date pattern, built with `format!` around the weekday patterns above.
fn with_weekdays(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static FULL: LazyLock<Regex> = LazyLock::new(|| {
    with_weekdays(&format!(
        r"(?:(?-u:\b)({EN_WD})\.?,?\s+)?(?-u:\b)([0-9]{{4}})([.\-/])([0-9]{{1,2}})([.\-/])([0-9]{{1,2}})(?-u:\b)\.?(?:\s*\(\s*({KO_WD}|{EN_WD})\s*\))?"
    ))
});
static SHORT: LazyLock<Regex> = LazyLock::new(|| {
    // `12/03 (화)`, `02-03 (화)`, `3.4(화)`: month and day only, a weekday required.
    with_weekdays(&format!(
        r"(?:^|[^0-9./\-])([0-9]{{1,2}})[./\-]([0-9]{{1,2}})\s*\(\s*({KO_WD}|{EN_WD})\s*\)"
    ))
});
static KO: LazyLock<Regex> = LazyLock::new(|| {
    with_weekdays(&format!(
        r"(?:([0-9]{{4}})년\s*)?([0-9]{{1,2}})월\s*([0-9]{{1,2}})일\s*(?:\(\s*({KO_WD})\s*\)|({KO_WD})(?-u:\b))?"
    ))
});
/// `Tue, March 4`, `Tuesday, March 4, 2025`, and the `date`/`git log` form with the time
/// before the year: `Mon Oct 7 14:22:01 2024`.
static EN: LazyLock<Regex> = LazyLock::new(|| {
    with_weekdays(&format!(
        r"(?-u:\b)({EN_WD}),?\s+((?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)\s+([0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?:[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?\s+)?([0-9]{{4}})(?-u:\b))?"
    ))
});

static EN_WEEKDAY_PREFIXES: LazyLock<aho_corasick::AhoCorasick> =
    LazyLock::new(|| super::word_finder(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]));

fn n(s: &str) -> i32 {
    s.parse().unwrap_or(0)
}

/// All dates in one inline run. A date is kept when it has a year or a weekday.
pub fn mentions(inl: &Inline, out: &mut Vec<DateMention>) {
    let first = out.len();
    find_mentions(inl, out);
    out[first..].sort_by_key(|m| m.span);
}

fn find_mentions(inl: &Inline, out: &mut Vec<DateMention>) {
    let text = &inl.text;
    // Every form has an ASCII digit: most table cells and prose runs have none, and skip
    // the four searches.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let span = |r: std::ops::Range<usize>| inl.span_of(r);
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    let overlaps = |taken: &Vec<std::ops::Range<usize>>, r: &std::ops::Range<usize>| {
        taken.iter().any(|t| t.start < r.end && r.start < t.end)
    };
    // `2025-03-04` needs four digits and a separator.
    let full = text
        .as_bytes()
        .windows(5)
        .any(|w| w[..4].iter().all(u8::is_ascii_digit) && matches!(w[4], b'.' | b'-' | b'/'));
    for c in full.then(|| FULL.captures_iter(text)).into_iter().flatten() {
        let (Some(y), Some(m), Some(d)) = (c.get(2), c.get(4), c.get(6)) else {
            continue;
        };
        // `2025-03.04` mixes separators: not a date.
        if c.get(3).map(|m| m.as_str()) != c.get(5).map(|m| m.as_str()) {
            continue;
        }
        let wd = c.get(7).or(c.get(1)).and_then(|w| {
            let (weekday, style, upper) = match ko_weekday(w.as_str()) {
                Some((wd, st)) => (wd, st, false),
                None => en_weekday(w.as_str())?,
            };
            Some(WrittenWeekday {
                weekday,
                span: span(w.range()),
                style,
                upper,
            })
        });
        let whole = c.get(0).map_or(0..0, |m| m.range());
        taken.push(whole);
        out.push(DateMention {
            year: Some(n(y.as_str())),
            month: n(m.as_str()),
            day: n(d.as_str()),
            span: span(y.start()..d.end()),
            weekday: wd,
        });
    }
    // `3월 4일` needs a digit right before a 월; `12/03 (화)` a parenthesis and a digit,
    // separator and digit.
    let bytes = text.as_bytes();
    let ko = text
        .match_indices('월')
        .any(|(i, _)| i > 0 && bytes[i - 1].is_ascii_digit());
    let short = text.contains('(')
        && bytes.windows(3).any(|w| {
            w[0].is_ascii_digit() && matches!(w[1], b'.' | b'/' | b'-') && w[2].is_ascii_digit()
        });
    let ko = if ko {
        Some(KO.captures_iter(text))
    } else {
        None
    };
    for c in ko.into_iter().flatten() {
        let (Some(m), Some(d)) = (c.get(2), c.get(3)) else {
            continue;
        };
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if overlaps(&taken, &whole) {
            continue;
        }
        let wd = c.get(4).or(c.get(5)).and_then(|w| {
            let (weekday, style) = ko_weekday(w.as_str())?;
            Some(WrittenWeekday {
                weekday,
                span: span(w.range()),
                style,
                upper: false,
            })
        });
        // `2월 30일` is a date even without a year or weekday: Korean spells it out.
        let year = c.get(1).map(|y| n(y.as_str()));
        let start = c.get(1).unwrap_or(m).start();
        taken.push(whole);
        out.push(DateMention {
            year,
            month: n(m.as_str()),
            day: n(d.as_str()),
            span: span(start..d.end() + '일'.len_utf8()),
            weekday: wd,
        });
    }
    let short = if short {
        Some(SHORT.captures_iter(text))
    } else {
        None
    };
    for c in short.into_iter().flatten() {
        let (Some(m), Some(d), Some(w)) = (c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        let r = m.start()..w.end();
        if overlaps(&taken, &r) {
            continue;
        }
        let wd = match ko_weekday(w.as_str()) {
            Some((wd, st)) => Some((wd, st, false)),
            None => en_weekday(w.as_str()),
        };
        let Some((weekday, style, upper)) = wd else {
            continue;
        };
        // `12/03` is month/day; `03.12` too in Korean posts. Day-first is not guessed.
        taken.push(r);
        out.push(DateMention {
            year: None,
            month: n(m.as_str()),
            day: n(d.as_str()),
            span: span(m.start()..d.end()),
            weekday: Some(WrittenWeekday {
                weekday,
                span: span(w.range()),
                style,
                upper,
            }),
        });
    }
    // `Tue, March 4` needs an English weekday (a match of any other spelling is dropped
    // below: only ASCII weekdays are read).
    let en = EN_WEEKDAY_PREFIXES.is_match(text);
    for c in en.then(|| EN.captures_iter(text)).into_iter().flatten() {
        let (Some(w), Some(mo), Some(d)) = (c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if overlaps(&taken, &whole) {
            continue;
        }
        let (Some((weekday, style, upper)), Some(month)) =
            (en_weekday(w.as_str()), month_number(mo.as_str()))
        else {
            continue;
        };
        let end = c.get(4).map_or(d.end(), |y| y.end());
        taken.push(whole);
        out.push(DateMention {
            year: c.get(4).map(|y| n(y.as_str())),
            month: i32::from(month),
            day: n(d.as_str()),
            span: span(mo.start()..end),
            weekday: Some(WrittenWeekday {
                weekday,
                span: span(w.range()),
                style,
                upper,
            }),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post::markdown::Document;

    fn found(src: &str) -> Vec<DateMention> {
        let doc = Document::parse(src, 0);
        let mut out = Vec::new();
        mentions(&doc.paragraphs[0].text, &mut out);
        out
    }

    #[test]
    fn a_year_after_the_time_is_the_dates() {
        let v = found("Date:   Mon Oct 7 14:22:01 2024 +0900\n");
        assert_eq!((v[0].year, v[0].month, v[0].day), (Some(2024), 10, 7));
        let v = found("Tue, March 4 at noon, 2025 was busy\n");
        assert_eq!(v[0].year, None);
    }

    #[test]
    fn korean_and_english_forms() {
        let v = found(
            "회의 2025-05-07 (수), 12/03 (화), 12월 29일(월), Tue 2025-03-04, Tuesday, March 4\n",
        );
        assert_eq!(v.len(), 5, "{v:?}");
        assert_eq!(v[0].weekday.as_ref().unwrap().weekday, Weekday::Wednesday);
        assert_eq!((v[1].month, v[1].day), (12, 3));
        assert_eq!((v[2].month, v[2].day), (12, 29));
        assert_eq!(
            v[3].weekday.as_ref().unwrap().style,
            WeekdayStyle::EnglishShort
        );
        assert!(
            v.iter()
                .any(|m| m.month == 3 && m.day == 4 && m.year.is_none())
        );
    }

    #[test]
    fn plain_dates_without_weekday_are_kept_only_with_a_year() {
        let v = found("02-03 작업, 2025-02-30 배포, 3월 4일\n");
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].month, v[0].day), (2, 30));
        assert_eq!((v[1].month, v[1].day, v[1].year), (3, 4, None));
    }
}
