//! A post's kind and the period it covers, read from every place that states it:
//! the title, the `date` key, the file name and the permalink.

use crate::source::Span;
use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Weekly,
    Monthly,
    Quarterly,
    Annual,
    Other,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Weekly => "weekly",
            Kind::Monthly => "monthly",
            Kind::Quarterly => "quarterly",
            Kind::Annual => "annual",
            Kind::Other => "other",
        }
    }
    pub fn ko(self) -> &'static str {
        match self {
            Kind::Weekly => "주간",
            Kind::Monthly => "월간",
            Kind::Quarterly => "분기",
            Kind::Annual => "연간",
            Kind::Other => "기타",
        }
    }
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "weekly" => Kind::Weekly,
            "monthly" => Kind::Monthly,
            "quarterly" => Kind::Quarterly,
            "annual" => Kind::Annual,
            "other" => Kind::Other,
            _ => return None,
        })
    }
}

/// An inclusive range of days.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

impl Period {
    pub fn month(year: i16, month: i8) -> Option<Period> {
        let start = Date::new(year, month, 1).ok()?;
        Some(Period {
            start,
            end: start.last_of_month(),
        })
    }
    pub fn year(year: i16) -> Option<Period> {
        Some(Period {
            start: Date::new(year, 1, 1).ok()?,
            end: Date::new(year, 12, 31).ok()?,
        })
    }
    pub fn quarter(year: i16, q: i8) -> Option<Period> {
        let start = Date::new(year, (q - 1) * 3 + 1, 1).ok()?;
        let end = Date::new(year, q * 3, 1).ok()?.last_of_month();
        Some(Period { start, end })
    }
    pub fn days(self) -> i64 {
        (self.end.to_jiff_epoch_days() - self.start.to_jiff_epoch_days()) + 1
    }
    pub fn contains(self, d: Date) -> bool {
        self.start <= d && d <= self.end
    }
    /// Whole calendar months from start to end (first day to last day).
    pub fn is_whole_months(self) -> bool {
        self.start.day() == 1 && self.end == self.end.last_of_month()
    }
    /// Number of calendar months touched.
    pub fn months(self) -> i32 {
        (i32::from(self.end.year()) - i32::from(self.start.year())) * 12
            + i32::from(self.end.month())
            - i32::from(self.start.month())
            + 1
    }
    /// The kind a period of this shape usually is.
    pub fn natural_kind(self) -> Kind {
        if self.days() == 7 {
            Kind::Weekly
        } else if self.is_whole_months() && self.months() == 1 {
            Kind::Monthly
        } else if self.is_whole_months() && self.months() == 3 && self.start.month() % 3 == 1 {
            Kind::Quarterly
        } else if self.is_whole_months() && self.months() > 3 {
            Kind::Annual
        } else {
            Kind::Other
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ~ {}", self.start, self.end)
    }
}

trait EpochDays {
    fn to_jiff_epoch_days(self) -> i64;
}
impl EpochDays for Date {
    fn to_jiff_epoch_days(self) -> i64 {
        // Days since 0000-03-01 style civil count; differences are what matter.
        let y = i64::from(self.year()) - i64::from(self.month() <= 2);
        let m = i64::from(self.month());
        let d = i64::from(self.day());
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    }
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    b.to_jiff_epoch_days() - a.to_jiff_epoch_days()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    Title,
    FileName,
    Permalink,
    LegacyUrl,
}

impl Origin {
    pub fn en(self) -> &'static str {
        match self {
            Origin::Title => "title",
            Origin::FileName => "file name",
            Origin::Permalink => "permalink",
            Origin::LegacyUrl => "legacy_url",
        }
    }
    pub fn ko(self) -> &'static str {
        match self {
            Origin::Title => "제목",
            Origin::FileName => "파일 이름",
            Origin::Permalink => "permalink",
            Origin::LegacyUrl => "legacy_url",
        }
    }
}

/// One place that states the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub origin: Origin,
    pub kind: Option<Kind>,
    pub period: Period,
    /// The matched text in the file; `None` for the file name.
    pub span: Option<Span>,
    pub text: String,
    /// The text names a week of `period`'s month (`1월 2주차`, `first week of April 2025`),
    /// not which 7 days: the claim says only that the week lies in or at the edge of it.
    pub week_of: bool,
}

impl Claim {
    /// Whether this claim and an exact period agree: the same period, or for a week of a
    /// month, a period that touches that month.
    pub fn agrees(&self, p: Period) -> bool {
        if self.week_of {
            p.start <= self.period.end && p.end >= self.period.start
        } else {
            self.period == p
        }
    }

    /// The period as the claim states it: the period, or the words naming a week.
    pub fn stated(&self) -> String {
        if self.week_of {
            self.text.clone()
        } else {
            self.period.to_string()
        }
    }
}

/// A date written as year, month and day that may not exist (`2025-02-30`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ymd {
    pub year: i32,
    pub month: i32,
    pub day: i32,
}

impl Ymd {
    pub fn date(self) -> Option<Date> {
        Date::new(
            i16::try_from(self.year).ok()?,
            i8::try_from(self.month).ok()?,
            i8::try_from(self.day).ok()?,
        )
        .ok()
    }
}

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Front-matter keys that hold a post's publication date, by generator and habit: `date`
/// (Jekyll, Hugo, Zola, Gatsby), `pubDate` (Astro), `publishedAt` (Next.js starters) and
/// their kin. The first one present is the post's date.
pub const DATE_KEYS: &[&str] = &[
    "date",
    "pubDate",
    "publishDate",
    "publishedAt",
    "published_at",
    "publishedDate",
    "published_date",
    "createdAt",
    "created_at",
    "created",
];

/// Everything the post says about its period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeriodInfo {
    /// Recognised as a retrospective (title, file name, tags or folder).
    pub retrospective: bool,
    pub kind: Option<Kind>,
    /// The period, from the first claim in order title, file name, permalink.
    pub period: Option<Period>,
    pub claims: Vec<Claim>,
    /// The date key ([`DATE_KEYS`]): its value (when a real date) and span.
    pub date: Option<(Date, Span)>,
    /// Jekyll's publication date from a `YYYY-MM-DD-slug.md` file name.
    pub file_date: Option<Date>,
}

static RETRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)회고|retrospective|\bretro\b|\brecap\b|year in review|month in review|week in review|monthly report|weekly report|\b(weekly|monthly|annual|yearly) review\b|결산")
        .expect("valid regex")
});

static KIND_WORDS: LazyLock<[(Kind, Regex); 4]> = LazyLock::new(|| {
    let r = |s: &str| Regex::new(s).expect("valid regex");
    [
        (Kind::Weekly, r(r"(?i)주간|주차|weekly|\bweek\b")),
        (Kind::Monthly, r(r"(?i)월간|monthly|\bmonth\b")),
        (Kind::Quarterly, r(r"(?i)분기|quarterly|\bquarter\b")),
        (
            Kind::Annual,
            r(r"(?i)연간|annual|yearly|\byear\b|년 결산|연말"),
        ),
    ]
});

/// The kind a text names by keyword (`주간`, `monthly`, ...), if exactly one.
pub fn kind_word(s: &str) -> Option<Kind> {
    let mut found = KIND_WORDS.iter().filter(|(_, re)| re.is_match(s));
    let first = found.next()?;
    if found.next().is_some() {
        return None;
    }
    Some(first.0)
}

pub fn looks_retrospective(s: &str) -> bool {
    RETRO.is_match(s)
}

static DATE_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{4})[.\-/]([0-9]{1,2})[.\-/]([0-9]{1,2})\.?\s*(?:~|–|—|-|to|부터)\s*([0-9]{4})[.\-/]([0-9]{1,2})[.\-/]([0-9]{1,2})")
        .expect("valid regex")
});
static MONTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{4})[.\-/]([0-9]{1,2})\s*(?:~|–|—|-|to)\s*([0-9]{4})[.\-/]([0-9]{1,2})(?:[^0-9.\-/]|$)")
        .expect("valid regex")
});
static KO_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{4})년\s*([0-9]{1,2})월(?:\s*[0-9]{1,2}일)?").expect("valid regex")
});
static KO_QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)([0-9]{4})년?\s*(?:([1-4])분기|Q([1-4]))").expect("valid regex")
});
static EN_QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([0-9]{4})\W{0,3}quarter\s*([1-4])\b|\bquarter\s*([1-4])\W{0,3}(?:of\s+)?([0-9]{4})\b|\b(first|second|third|fourth)\s+quarter\s+(?:of\s+)?([0-9]{4})\b|\bQ([1-4])\W{0,2}([0-9]{4})\b")
        .expect("valid regex")
});
static EN_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+([0-9]{4})\b",
    )
    .expect("valid regex")
});
static DOT_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([0-9]{4})[.\-/]([0-9]{1,2})\)").expect("valid regex"));
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])([0-9]{4})(?:년|[^0-9]|$)").expect("valid regex"));

/// English month names, whole or as their usual abbreviations (never a longer word:
/// `marketing` is no month).
const EN_MONTHS: &str = r"january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

/// A pattern with `MONTH` standing for [`EN_MONTHS`].
fn with_months(pattern: &str) -> Regex {
    Regex::new(&pattern.replace("MONTH", EN_MONTHS)).expect("valid regex")
}

/// A week of a month: `2025년 1월 1주차`, `3월 첫째 주`, `first week of April 2025`,
/// `week 2 of March 2025`, `March 2025, week 2`.
static KO_WEEK: LazyLock<Regex> = LazyLock::new(|| {
    with_months(
        r"([0-9]{4})년\s*([0-9]{1,2})월\s*(?:[1-6]\s*주\s*차|(?:첫|두|둘|세|셋|네|넷|다섯|마지막)\s*(?:번\s*)?째?\s*주)",
    )
});
static EN_WEEK: LazyLock<Regex> = LazyLock::new(|| {
    with_months(
        r"(?i)\b(?:(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+week|week\s+[1-5])\s+(?:of|in)\s+(MONTH)\.?,?\s+([0-9]{4})\b|\b(MONTH)\.?\s+([0-9]{4}),?\s+week\s+[1-5]\b",
    )
});
/// Months listed or ranged in one year: `2024년 8월, 9월`, `2024년 8~9월`,
/// `July and August 2024`, `Nov/Dec 2023`, `Dec 2024 – Jan 2025`.
static KO_MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    with_months(
        r"([0-9]{4})년\s*([0-9]{1,2})월?((?:\s*(?:,|·|와|과|및|&|~|-|–)\s*[0-9]{1,2}월?)*\s*(?:,|·|와|과|및|&|~|-|–)\s*[0-9]{1,2}월)",
    )
});
static EN_MONTHS_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    with_months(
        r"(?i)\b(MONTH)\.?(?:\s+([0-9]{4}))?\s*(?:,|and|&|/|–|—|-|to|through)\s*(MONTH)\.?,?\s+([0-9]{4})\b",
    )
});

/// The month of a week a title-like text names (`1월 2주차`), and the byte range of that
/// statement: which 7 days is not said, so the month is all a claim can hold.
pub fn week_of_month_in_text(s: &str) -> Option<(Period, std::ops::Range<usize>)> {
    if let Some(c) = KO_WEEK.captures(s) {
        return Some((Period::month(num(&c[1])?, num(&c[2])?)?, c.get(0)?.range()));
    }
    let c = EN_WEEK.captures(s)?;
    let (m, y) = match (c.get(1), c.get(2)) {
        (Some(m), Some(y)) => (m, y),
        _ => (c.get(3)?, c.get(4)?),
    };
    let p = Period::month(num(y.as_str())?, month_number(m.as_str())?)?;
    Some((p, c.get(0)?.range()))
}

/// Consecutive months a text lists or ranges (`8월, 9월`, `July–August 2024`).
fn months_in_text(s: &str) -> Option<(Period, std::ops::Range<usize>)> {
    if let Some(c) = KO_MONTHS.captures(s) {
        let year: i16 = num(&c[1])?;
        let first: i8 = num(&c[2])?;
        let rest: Vec<i8> = c[3]
            .split(|ch: char| !ch.is_ascii_digit())
            .filter(|t| !t.is_empty())
            .filter_map(num)
            .collect();
        let ranged = c[3].contains(['~', '-', '–']);
        let last = *rest.last()?;
        // A list names each month: they must follow each other (`8월, 9월`).
        let listed = std::iter::once(first).chain(rest.iter().copied());
        let consecutive = listed
            .clone()
            .zip(listed.skip(1))
            .all(|(a, b)| b == a % 12 + 1);
        if !(ranged || consecutive) {
            return None;
        }
        let end_year = if last < first { year + 1 } else { year };
        let a = Period::month(year, first)?;
        let b = Period::month(end_year, last)?;
        return Some((
            Period {
                start: a.start,
                end: b.end,
            },
            c.get(0)?.range(),
        ));
    }
    let c = EN_MONTHS_RANGE.captures(s)?;
    let (m1, m2) = (month_number(&c[1])?, month_number(&c[3])?);
    let y2: i16 = num(&c[4])?;
    let y1: i16 = match c.get(2) {
        Some(y) => num(y.as_str())?,
        None if m2 < m1 => y2 - 1,
        None => y2,
    };
    let (a, b) = (Period::month(y1, m1)?, Period::month(y2, m2)?);
    let p = Period {
        start: a.start,
        end: b.end,
    };
    // Up to a year; a list with `,` or `and` names two months that follow each other.
    let joined = &s[c.get(1)?.end()..c.get(3)?.start()];
    let listed = joined.contains(',') || joined.to_ascii_lowercase().contains("and");
    let next = (i32::from(y2) * 12 + i32::from(m2)) - (i32::from(y1) * 12 + i32::from(m1));
    ((1..12).contains(&next) && (!listed || next == 1))
        .then(|| (p, c.get(0).map_or(0..0, |m| m.range())))
}

pub fn month_number(name: &str) -> Option<i8> {
    let n = name.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| n.starts_with(m))
        .map(|i| i as i8 + 1)
}

fn num<T: std::str::FromStr>(s: &str) -> Option<T> {
    s.parse().ok()
}

fn ymd(c: &regex::Captures, i: usize) -> Option<Ymd> {
    Some(Ymd {
        year: num(c.get(i)?.as_str())?,
        month: num(c.get(i + 1)?.as_str())?,
        day: num(c.get(i + 2)?.as_str())?,
    })
}

/// The period a title-like text states, and the byte range of that statement.
pub fn period_in_text(s: &str) -> Option<(Period, std::ops::Range<usize>)> {
    if let Some(c) = DATE_RANGE.captures(s) {
        let a = ymd(&c, 1)?.date()?;
        let b = ymd(&c, 4)?.date()?;
        let m = c.get(0)?;
        return (a <= b).then_some((Period { start: a, end: b }, m.range()));
    }
    if let Some(c) = MONTH_RANGE.captures(s) {
        let a = Period::month(num(&c[1])?, num(&c[2])?)?;
        let b = Period::month(num(&c[3])?, num(&c[4])?)?;
        let m = c.get(0)?;
        let text = m.as_str().trim_end_matches(|ch: char| !ch.is_ascii_digit());
        return (a.start <= b.end).then_some((
            Period {
                start: a.start,
                end: b.end,
            },
            m.start()..m.start() + text.len(),
        ));
    }
    if let Some(found) = months_in_text(s) {
        return Some(found);
    }
    if let Some(c) = KO_QUARTER.captures(s) {
        let q = c.get(2).or(c.get(3))?;
        let p = Period::quarter(num(&c[1])?, num(q.as_str())?)?;
        return Some((p, c.get(0)?.range()));
    }
    if let Some(c) = EN_QUARTER.captures(s) {
        let ordinal = |w: &str| {
            ["first", "second", "third", "fourth"]
                .iter()
                .position(|o| w.eq_ignore_ascii_case(o))
                .map(|i| i as i8 + 1)
        };
        let (y, q) = if let (Some(y), Some(q)) = (c.get(1), c.get(2)) {
            (num(y.as_str())?, num(q.as_str())?)
        } else if let (Some(q), Some(y)) = (c.get(3), c.get(4)) {
            (num(y.as_str())?, num(q.as_str())?)
        } else if let (Some(w), Some(y)) = (c.get(5), c.get(6)) {
            (num(y.as_str())?, ordinal(w.as_str())?)
        } else {
            (num(c.get(8)?.as_str())?, num(c.get(7)?.as_str())?)
        };
        return Some((Period::quarter(y, q)?, c.get(0)?.range()));
    }
    if let Some(c) = KO_MONTH.captures(s) {
        let m = c.get(0)?;
        // "2025년 3월 4일" names a day, not a month.
        if !m.as_str().ends_with('일') {
            return Some((Period::month(num(&c[1])?, num(&c[2])?)?, m.range()));
        }
    }
    if let Some(c) = EN_MONTH.captures(s) {
        let p = Period::month(num(&c[2])?, month_number(&c[1])?)?;
        return Some((p, c.get(0)?.range()));
    }
    if let Some(c) = DOT_MONTH.captures(s) {
        let p = Period::month(num(&c[1])?, num(&c[2])?)?;
        return Some((p, c.get(0)?.range()));
    }
    if kind_word(s) == Some(Kind::Annual) {
        let c = YEAR.captures(s)?;
        let y = c.get(1)?;
        return Some((Period::year(num(y.as_str())?)?, y.range()));
    }
    None
}

/// The year a retrospective's title names when it names nothing shorter and no kind
/// (`2021년 회고`, `2019: what went well`): a retrospective of one year is that year's.
pub fn year_of_retrospective(s: &str) -> Option<(Period, std::ops::Range<usize>)> {
    static YEARS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9])((?:19|20)[0-9]{2})(?:년|[^0-9]|$)").expect("valid regex")
    });
    if kind_word(s).is_some_and(|k| k != Kind::Annual) {
        return None;
    }
    let mut found = YEARS.captures_iter(s).filter_map(|c| c.get(1));
    let first = found.next()?;
    // Two years (`2020 and 2021`, `2021 goals for 2022`) name no one year.
    if found.any(|m| m.as_str() != first.as_str()) {
        return None;
    }
    Some((Period::year(num(first.as_str())?)?, first.range()))
}

static FILE_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})-([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[-_.]|$)")
        .expect("valid regex")
});
static FILE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})-([0-9]{2})(?:-(?:monthly|month|월간)|$)").expect("valid regex")
});
static FILE_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})[-_]").expect("valid regex"));

/// The period a file name or URL slug states: `2025-03-01-2025-03-31-...`, `2025-05-monthly-...`.
pub fn period_in_slug(slug: &str) -> Option<Period> {
    if let Some(c) = FILE_RANGE.captures(slug) {
        let a = ymd(&c, 1)?.date()?;
        let b = ymd(&c, 4)?.date()?;
        return (a <= b).then_some(Period { start: a, end: b });
    }
    if let Some(c) = FILE_MONTH.captures(slug) {
        return Period::month(num(&c[1])?, num(&c[2])?);
    }
    None
}

/// Jekyll's publication date: `2025-03-31-title.md`.
pub fn date_in_slug(slug: &str) -> Option<Date> {
    let c = FILE_DATE.captures(slug)?;
    ymd(&c, 1)?.date()
}

/// The last path segment without extension (`index`/`README` stand for their folder).
pub fn slug_of(path: &str) -> &str {
    let path = path.trim_end_matches('/');
    let mut parts = path.rsplit('/');
    let mut last = parts.next().unwrap_or("");
    for ext in [".html", ".md", ".markdown", ".mdx", ".htm"] {
        if let Some(s) = last.strip_suffix(ext) {
            last = s;
            break;
        }
    }
    if last.eq_ignore_ascii_case("index") || last.eq_ignore_ascii_case("readme") {
        return parts.next().unwrap_or(last);
    }
    last
}

/// Parse a `date` value: `2025-03-31`, `2025-03-31 10:00:00 +0900`, `2025-03-31T10:00`,
/// Jekyll's `2025-03-31-10:00` (a time after a dash, which Ruby's date parser reads), and
/// `2025/03/31`.
pub fn parse_date_value(s: &str) -> Result<Date, Option<Ymd>> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:$|[T\s]|-[0-9]{1,2}:[0-9]{2})",
        )
        .expect("valid regex")
    });
    let Some(c) = RE.captures(s) else {
        return Err(None);
    };
    let y = ymd(&c, 1).ok_or(None)?;
    y.date().ok_or(Some(y))
}

/// Whether a value is a date written in a form generators and their date parsers read
/// besides the year-first one of [`parse_date_value`]: `10/31/2021 11:57 -05:00`,
/// `31.10.2021`, `October 31, 2021`, `Sun, 31 Oct 2021 09:00:00`. Which of day and month
/// comes first is the site's own convention, so no period is read from it.
pub fn other_date_form(s: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        with_months(
            r"(?i)^\s*(?:[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{4}|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:[0-9]{1,2}\s+(?:MONTH)\.?,?\s+[0-9]{4}|(?:MONTH)\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s+[0-9]{4}))(?:$|[^0-9])",
        )
    });
    RE.is_match(s)
}

impl PeriodInfo {
    /// The year of a date written without one (`12/03 (화)`): the year that puts it inside
    /// the post's period, else the period's year, else the `date` key's year.
    pub fn year_for(&self, month: i32, day: i32) -> Option<i32> {
        if let Some(p) = self.period {
            let (a, b) = (i32::from(p.start.year()), i32::from(p.end.year()));
            for y in [a, b] {
                let d = Ymd {
                    year: y,
                    month,
                    day,
                }
                .date();
                if d.is_some_and(|d| p.contains(d)) {
                    return Some(y);
                }
            }
            if a == b {
                return Some(a);
            }
            // A period across New Year: December belongs to the first year.
            return Some(if month >= i32::from(p.start.month()) {
                a
            } else {
                b
            });
        }
        self.date.map(|(d, _)| i32::from(d.year()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Option<String> {
        period_in_text(s).map(|(p, _)| p.to_string())
    }

    #[test]
    fn weeks_of_a_month_name_the_month() {
        let week =
            |s: &str| week_of_month_in_text(s).map(|(p, r)| (p.to_string(), s[r].to_owned()));
        assert_eq!(
            week("2025년 1월 1주차 회고"),
            Some(("2025-01-01 ~ 2025-01-31".into(), "2025년 1월 1주차".into()))
        );
        assert!(week("2025년 3월 첫째 주 회고").is_some());
        assert!(week("Notes: the second week of April 2025").is_some());
        assert!(week("March 2025, week 2").is_some());
        assert!(week("2025년 3월 회고").is_none());
    }

    #[test]
    fn quarters_and_years() {
        for t in [
            "2021: Quarter 2 Review and Goals",
            "Quarter 2 of 2021 review",
            "Second quarter of 2021",
            "Q2 2021 recap",
            "2021 Q2",
        ] {
            assert_eq!(text(t).as_deref(), Some("2021-04-01 ~ 2021-06-30"), "{t}");
        }
        let year = |s: &str| year_of_retrospective(s).map(|(p, _)| p.to_string());
        assert_eq!(
            year("2021년 회고").as_deref(),
            Some("2021-01-01 ~ 2021-12-31")
        );
        assert_eq!(
            year("2019: What Went Well").as_deref(),
            Some("2019-01-01 ~ 2019-12-31")
        );
        assert_eq!(year("2020 and 2021 retrospective"), None);
        assert_eq!(year("2021 weekly review"), None);
    }

    #[test]
    fn several_months() {
        assert_eq!(
            text("2024년 8월, 9월 회고").as_deref(),
            Some("2024-08-01 ~ 2024-09-30")
        );
        assert_eq!(
            text("2024년 11~1월").as_deref(),
            Some("2024-11-01 ~ 2025-01-31")
        );
        assert_eq!(
            text("July and August 2024 recap").as_deref(),
            Some("2024-07-01 ~ 2024-08-31")
        );
        assert_eq!(
            text("Dec 2024 – Jan 2025").as_deref(),
            Some("2024-12-01 ~ 2025-01-31")
        );
        // A list must name months that follow each other; else the first month stands.
        assert_eq!(
            text("2024년 8월, 10월 회고").as_deref(),
            Some("2024-08-01 ~ 2024-08-31")
        );
        // `marketing` is no month.
        assert_eq!(text("marketing and sales 2024"), None);
    }

    #[test]
    fn jekyll_dates_with_times() {
        for s in [
            "2020-06-01-09:00",
            "2020-06-01 09:00:00 +0900",
            "2020-06-01T09:00",
        ] {
            assert_eq!(
                parse_date_value(s).map(|d| d.to_string()),
                Ok("2020-06-01".into())
            );
        }
        assert!(parse_date_value("2020-06-01x").is_err());
        for s in [
            "10/31/2021 11:57 -05:00",
            "31.10.2021",
            "October 31, 2021",
            "Sun, 31 Oct 2021",
        ] {
            assert!(other_date_form(s), "{s}");
        }
        assert!(!other_date_form("yesterday"));
        assert!(!other_date_form("2021"));
    }
}
