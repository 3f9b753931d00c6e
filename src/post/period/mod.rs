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
        } else if self.is_whole_months() && self.months() <= 2 {
            // Two months in one post ("8월, 9월 회고") belong to a monthly series.
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

/// Everything the post says about its period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeriodInfo {
    /// Recognised as a retrospective (title, file name, tags or folder).
    pub retrospective: bool,
    pub kind: Option<Kind>,
    /// The period, from the first claim in order title, file name, permalink.
    pub period: Option<Period>,
    pub claims: Vec<Claim>,
    /// The `date` key (or the site's own date key, [`crate::post::DATE_KEYS`]): its value
    /// (when a real date) and span.
    pub date: Option<(Date, Span)>,
    /// The name of that key (`date`, `pubDate`, ...), for messages.
    pub date_key: &'static str,
    /// Jekyll's publication date from a `YYYY-MM-DD-slug.md` file name.
    pub file_date: Option<Date>,
}

static RETRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)회고|retrospective|\bretro\b|\brecap\b|year in review|month in review|week in review|monthly report|weekly report|progress report|activity report|monthly update|this month in\b|\b(weekly|monthly|annual|yearly) review\b|결산")
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

/// A title that calls the post a report or an update (`Activity & Contract Report`,
/// `Monthly Update`, `월간 리포트`): with a period in the title, a periodic report.
pub fn names_a_report(s: &str) -> bool {
    static REPORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:report|update|newsletter)s?\b|리포트|보고서|(?:주간|월간|연간|활동|업무|운영)\s*보고").expect("valid regex")
    });
    REPORT.is_match(s)
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
/// `2021: Quarter 2`, `Quarter 2 of 2021`, `second quarter of 2021`, `Q2 2021`.
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
/// Month names as words, whole: `Mar`, `March`, `Sept.`; never `Marketing`.
const EN_MONTH_WORD: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?";
/// Separators between the months of a list or a range: `8월, 9월`, `8~9월`, `8·9월`.
const KO_MONTH_SEP: &str = r"\s*(?:,|·|/|및|와|과|~|〜|-|–)\s*";

/// Two or more months of one year: `2025년 8월, 9월`, `2025년 8~9월`, `2025년 7·8·9월`.
static KO_MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"([0-9]{{4}})년\s*((?:[0-9]{{1,2}}월?{KO_MONTH_SEP})+[0-9]{{1,2}})월(?:\s*[0-9]{{1,2}}\s*일)?"
    ))
    .expect("valid regex")
});
/// Months across a year end: `2024년 12월 ~ 2025년 1월`.
static KO_MONTH_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{4})년\s*([0-9]{1,2})월\s*(?:~|〜|-|–|부터)\s*([0-9]{4})년\s*([0-9]{1,2})월")
        .expect("valid regex")
});
/// `August and September 2025`, `Aug–Sep 2025`, `December 2024 to January 2025`.
static EN_MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({EN_MONTH_WORD})(?:,?\s+([0-9]{{4}}))?\s*(?:and|&|/|-|–|—|to|through)\s*({EN_MONTH_WORD}),?\s+([0-9]{{4}})\b"
    ))
    .expect("valid regex")
});
/// A week inside a month: `1월 1주차`, `3월 둘째 주`, `first week of April`, `week 2 of
/// March`, `March week 2`. Which days such a week holds differs between authors, so it
/// states no period.
static WEEK_OF_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)[0-9]{{1,2}}월[\s\-–:,]*(?:[0-9]\s*주|(?:첫|첫째|둘째|셋째|넷째|다섯째|마지막)\s*주)|\b(?:(?:first|second|third|fourth|fifth|last|final|[1-5](?:st|nd|rd|th))\s+week|week\s+[1-5])\s+(?:of|in)\s+{EN_MONTH_WORD}|\b{EN_MONTH_WORD}(?:,?\s+[0-9]{{4}})?,?\s+week\s+[1-5]\b"
    ))
    .expect("valid regex")
});
static DOT_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([0-9]{4})[.\-/]([0-9]{1,2})\)").expect("valid regex"));
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])([0-9]{4})(?:년|[^0-9]|$)").expect("valid regex"));

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
    if WEEK_OF_MONTH.is_match(s) {
        return None;
    }
    // A list of months states their period, or (not consecutive) none at all.
    if let Some(found) = months_in_text(s) {
        return found;
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

/// A period of several whole months named as months: `2025년 8월, 9월`, `2025년 8~9월`,
/// `2024년 12월 ~ 2025년 1월`, `August and September 2025`. A list must name consecutive
/// months (`8월, 10월` is no period). `None` when the text names no months this way;
/// `Some(None)` when it does but they make no period.
fn months_in_text(s: &str) -> Option<Option<(Period, std::ops::Range<usize>)>> {
    let span = |a: Option<Period>, b: Option<Period>, r: std::ops::Range<usize>| {
        let (a, b) = (a?, b?);
        (a.start < b.start).then_some((
            Period {
                start: a.start,
                end: b.end,
            },
            r,
        ))
    };
    if let Some(c) = KO_MONTH_SPAN.captures(s) {
        let a = Period::month(num(&c[1])?, num(&c[2])?);
        let b = Period::month(num(&c[3])?, num(&c[4])?);
        return Some(span(a, b, c.get(0)?.range()));
    }
    if let Some(c) = KO_MONTHS.captures(s) {
        let m = c.get(0)?;
        // `2025년 8월, 9월 3일` ends on a day: not a list of months.
        if m.as_str().ends_with('일') {
            return None;
        }
        let year: i16 = num(&c[1])?;
        let list = &c[2];
        let months: Vec<i8> = list
            .split(|ch: char| !ch.is_ascii_digit())
            .filter(|t| !t.is_empty())
            .map(num)
            .collect::<Option<_>>()?;
        let range = list.contains(['~', '〜', '-', '–']);
        let consecutive = months.windows(2).all(|w| w[1] == w[0] + 1);
        if months.len() < 2 || (range && months.len() != 2) || (!range && !consecutive) {
            return Some(None);
        }
        let a = Period::month(year, *months.first()?);
        let b = Period::month(year, *months.last()?);
        return Some(span(a, b, m.range()));
    }
    if let Some(c) = EN_MONTHS.captures(s) {
        let (m1, m2) = (month_number(&c[1])?, month_number(&c[3])?);
        let y2: i16 = num(&c[4])?;
        // `December and January 2025`: the first month is in the year before.
        let y1 = match c.get(2) {
            Some(y) => num(y.as_str())?,
            None if m1 > m2 => y2 - 1,
            None => y2,
        };
        let (a, b) = (Period::month(y1, m1), Period::month(y2, m2));
        return Some(span(a, b, c.get(0)?.range()));
    }
    None
}

/// The year a retrospective's title names when it names nothing shorter and no kind
/// (`2021년 회고`, `2019: what went well`): a retrospective of one year is that year's.
pub fn year_of_retrospective(s: &str) -> Option<(Period, std::ops::Range<usize>)> {
    static YEARS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9])((?:19|20)[0-9]{2})(?:년|[^0-9]|$)").expect("valid regex")
    });
    // Months, weeks or quarters named (even when they state no period): not a year.
    static SHORTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)[0-9]\s*월|주차|분기|\b(?:week|quarter|q[1-4])\b|\b{EN_MONTH_WORD}"
        ))
        .expect("valid regex")
    });
    if kind_word(s).is_some_and(|k| k != Kind::Annual) || SHORTER.is_match(s) {
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

/// Whether a value is a date written in a form generators and their date parsers read
/// besides the year-first one of [`parse_date_value`]: `10/31/2021 11:57 -05:00`,
/// `31.10.2021`, `October 31, 2021`, `Sun, 31 Oct 2021 09:00:00`. Which of day and month
/// comes first is the site's own convention, so no period is read from it.
pub fn other_date_form(s: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^\s*(?:[0-9]{{1,2}}[/.\-][0-9]{{1,2}}[/.\-][0-9]{{4}}|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:[0-9]{{1,2}}\s+{EN_MONTH_WORD},?\s+[0-9]{{4}}|{EN_MONTH_WORD}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?,?\s+[0-9]{{4}}))(?:$|[^0-9])"
        ))
        .expect("valid regex")
    });
    RE.is_match(s)
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
/// `2025-03-31-10:00` (a time after a dash, which Jekyll reads too) and `2025/03/31`.
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

impl PeriodInfo {
    /// The year of a date written without one (`12/03 (화)`): the nearest of
    /// [`PeriodInfo::years_for`], else the period's year (a date no year makes real, such
    /// as `2월 30일`), else the `date` key's year.
    pub fn year_for(&self, month: i32, day: i32) -> Option<i32> {
        // The nearest candidate without collecting them: every date mention asks.
        if let Some((_, y)) = self.candidate_years(month, day).min() {
            return Some(y);
        }
        match self.period {
            Some(p) => Some(i32::from(p.start.year())),
            None => self.date.map(|(d, _)| i32::from(d.year())),
        }
    }

    /// The years a date written without one can be in, earliest first: those that put it
    /// inside the period or within three months of it. A retrospective also names the last
    /// days of the month before (`12/28` in a January post) and plans after the period
    /// (`1월 5일` in an annual post). An iterator, not a list: every date mention with a
    /// weekday asks.
    pub fn years_for(&self, month: i32, day: i32) -> impl Iterator<Item = i32> + '_ {
        self.candidate_years(month, day).map(|(_, y)| y)
    }

    /// (days from the period, year) of each year that puts the date near the period.
    fn candidate_years(&self, month: i32, day: i32) -> impl Iterator<Item = (i64, i32)> + '_ {
        let p = self.period;
        let years = p
            .into_iter()
            .flat_map(|p| i32::from(p.start.year()) - 1..=i32::from(p.end.year()) + 1);
        years.filter_map(move |year| {
            let p = p?;
            let d = Ymd { year, month, day }.date()?;
            let off = if d < p.start {
                days_between(d, p.start)
            } else {
                days_between(p.end, d).max(0)
            };
            (off <= 92).then_some((off, year))
        })
    }
}

#[cfg(test)]
mod tests;
