//! The facts a post states, as the numeric rules read them: [`Facts`] and what it holds.

use crate::post::markdown::Inline;
use crate::post::numbers::{Approx, Quantity, Unit};
use crate::source::Span;

/// What is counted.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Metric {
    Commits,
    Issues,
    PullRequests,
}

impl Metric {
    pub fn en(self) -> &'static str {
        match self {
            Metric::Commits => "commits",
            Metric::Issues => "issues",
            Metric::PullRequests => "pull requests",
        }
    }
    pub fn ko(self) -> &'static str {
        match self {
            Metric::Commits => "커밋",
            Metric::Issues => "이슈",
            Metric::PullRequests => "PR",
        }
    }
}

/// A stated number, with its place in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Num {
    pub value: f64,
    pub decimals: u8,
    pub approx: Approx,
    pub unit: Option<Unit>,
    /// The whole quantity (`약 360개`).
    pub span: Span,
    /// The number alone (`360`), for replacements.
    pub num_span: Span,
}

impl Num {
    pub(super) fn from_q(inl: &Inline, q: &Quantity) -> Num {
        Num {
            value: q.value,
            decimals: q.decimals,
            approx: q.approx,
            unit: q.unit,
            span: inl.span_of(q.range.clone()),
            num_span: inl.span_of(q.num.clone()),
        }
    }
    pub fn exact(&self) -> bool {
        self.approx == Approx::Exact
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SumShape {
    /// `700개 (A 330 + B 178)` or `A 20개 + B 10개 (총 30개)`.
    Inline,
    /// `총 커밋 수: 75개` followed by `Backend: 40개` items.
    List,
    /// A table's total row or total column.
    TableTotal,
    /// A month or quarter table's column against a total stated before it.
    PeriodColumn,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub label: String,
    pub num: Num,
}

/// A total and the parts it is said to be made of.
#[derive(Clone, Debug, PartialEq)]
pub struct Sum {
    pub total: Num,
    pub parts: Vec<Part>,
    pub shape: SumShape,
    pub metric: Option<Metric>,
    /// `month`, `quarter`, `row` ...: what the parts are, for messages.
    pub part_kind: PartKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartKind {
    Term,
    Item,
    Row,
    Month,
    Quarter,
    Column,
}

impl PartKind {
    pub fn en(self) -> &'static str {
        match self {
            PartKind::Term => "parts",
            PartKind::Item => "items",
            PartKind::Row => "rows",
            PartKind::Month => "monthly rows",
            PartKind::Quarter => "quarterly rows",
            PartKind::Column => "columns",
        }
    }
    pub fn ko(self) -> &'static str {
        match self {
            PartKind::Term => "항목",
            PartKind::Item => "항목",
            PartKind::Row => "행",
            PartKind::Month => "월별 행",
            PartKind::Quarter => "분기별 행",
            PartKind::Column => "열",
        }
    }
}

impl Sum {
    /// The most decimals written in the total or a part.
    pub fn decimals(&self) -> u8 {
        self.parts
            .iter()
            .map(|p| p.num.decimals)
            .chain([self.total.decimals])
            .max()
            .unwrap_or(0)
    }
}

/// A count stated over the rows or items it heads: `### Backend (14 commits)`, "We fixed 7
/// bugs:".
#[derive(Clone, Debug, PartialEq)]
pub struct Count {
    pub stated: Num,
    /// The heading or label line holding the count.
    pub holder: Span,
    /// Each row or item with its weight (`(3개 커밋)` counts 3).
    pub items: Vec<(Span, f64)>,
    pub of_table: bool,
    /// The weights are numbers the items carry (`- api: 9개`, a `커밋 수` column), not
    /// one per item.
    pub carried: bool,
}

impl Count {
    pub fn counted(&self) -> f64 {
        self.items.iter().map(|(_, w)| w).sum()
    }
}

/// The same metric stated for a scope: `총 커밋 수: 75개`, `서버 40개`, `Backend (40 commits)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub metric: Metric,
    /// Lower-cased label of the scope (`total`, `backend`, `mobidoc-pdf`), before aliases.
    pub scope: String,
    pub num: Num,
}

/// What a percentage says of its two numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareOf {
    /// `part` is `pct` % of `base`: `48개 (96.0%)` of 50; an achievement, 235 of a target
    /// of 150 (157 %).
    Part,
    /// The change from `base` to `part`: `+12% (1,375→1,540)`.
    Change,
    /// The change in points from `base` to `part`: `+2.5%p` from 13.5 % to 16.0 %.
    Points,
}

/// `48개 (96.0%)` of a base of 50, or a change `+12% (1,375→1,540)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Share {
    pub part: Num,
    pub base: Num,
    pub pct: Num,
    pub of: ShareOf,
    /// The base is the sum of a table's rows rather than a stated figure.
    pub base_is_sum: bool,
    /// Which column is the base is a guess (a table with several count columns, none of
    /// which the percentages fit).
    pub guess: bool,
}

/// `월 평균 커밋 58개` with a total over a number of months.
#[derive(Clone, Debug, PartialEq)]
pub struct Average {
    pub avg: Num,
    pub total: Num,
    /// Months (`per_day` false) or days (`per_day` true) the total is divided by.
    pub divisor: f64,
    /// Where the number of days is stated; `None` for the months of the post's period.
    pub divisor_span: Option<Span>,
    pub per_day: bool,
    pub metric: Option<Metric>,
}

/// `월간 최다 커밋(78개)` against a month table's column.
#[derive(Clone, Debug, PartialEq)]
pub struct Superlative {
    pub claim: Num,
    pub word: Span,
    pub most: bool,
    pub metric: Metric,
    /// The extreme row of the table: its label and value.
    pub actual_label: String,
    pub actual: Num,
}

/// `증가(486→700)`: a direction word with the values it describes.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    pub word: Span,
    pub word_text: String,
    pub up: bool,
    pub from: Num,
    pub to: Num,
}

/// A ratio claim about two of the post's own values: `2배 증가(40→80)`, `doubled from 40 to
/// 80`, `이번 달(41개)은 지난달(80개)의 절반`. `value` should be `factor` × `base`.
#[derive(Clone, Debug, PartialEq)]
pub struct Ratio {
    pub word: Span,
    pub word_text: String,
    pub factor: f64,
    /// How far the actual ratio may be from `factor` (rounding of `2배`, `half`).
    pub tolerance: f64,
    /// `2배 증가`, `3 times more`: read as ×(factor + 1) too.
    pub or_plus_one: bool,
    /// `2배 빨라짐 (300 → 150)`, `3x fewer`: read as a reduction by `factor` too.
    pub inverse: bool,
    pub base: Num,
    pub value: Num,
}

/// A row of a month table: `| 3월 | 55 |` under a `커밋` column.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthRow {
    pub metric: Metric,
    pub month: u8,
    pub num: Num,
}

/// A total stated for a whole year in a shorter post: `| 총 커밋 수 | 약 360개 |` under
/// `## 2023년 총 결산` in a December post.
#[derive(Clone, Debug, PartialEq)]
pub struct YearFigure {
    pub metric: Metric,
    pub year: i16,
    pub num: Num,
    /// A row of a comparison table (`| 2023년 | 700 |`) rather than a year heading's total.
    pub row: bool,
}

/// What a commit or an issue is tagged as (`fix:`, `[feat]`, `(버그)`), and what a tally
/// of such items counts (`버그 수정 6건`, `| docs | 3 |`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TagKind {
    Fix,
    Feat,
    Docs,
    Refactor,
    Perf,
    Test,
    Chore,
    Style,
    Ci,
    Build,
    Improve,
}

impl TagKind {
    /// The conventional-commit name, shown in messages in both languages.
    pub fn name(self) -> &'static str {
        match self {
            TagKind::Fix => "fix",
            TagKind::Feat => "feat",
            TagKind::Docs => "docs",
            TagKind::Refactor => "refactor",
            TagKind::Perf => "perf",
            TagKind::Test => "test",
            TagKind::Chore => "chore",
            TagKind::Style => "style",
            TagKind::Ci => "ci",
            TagKind::Build => "build",
            TagKind::Improve => "improvement",
        }
    }
}

/// A list item or table row tagged with one kind: `- fix: 결제 오류`, `| 03-02 | [docs] README |`.
#[derive(Clone, Debug, PartialEq)]
pub struct TaggedItem {
    pub kind: TagKind,
    pub span: Span,
    /// What a marker at its end says it stands for (`(3개)`, `x2`), if any.
    pub times: Option<f64>,
}

/// A list or table whose items carry tags.
#[derive(Clone, Debug, PartialEq)]
pub struct TagGroup {
    pub span: Span,
    pub items: Vec<TaggedItem>,
    /// Every item of the list or row of the table (two at least) carries exactly one kind:
    /// the author tags consistently, so the tagged items are all the items there.
    pub consistent: bool,
    /// The metric its section names, if any.
    pub metric: Option<Metric>,
}

/// A stated number of items of one kind: `버그 수정 6건`, `Bug fixes: 6`, `| fix | 6 |`.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    pub kind: TagKind,
    pub stated: Num,
    /// What is counted, when the tally or its table or section says it.
    pub metric: Option<Metric>,
    /// The groups of tagged items it counts (indices into [`Facts::tag_groups`]): empty when
    /// the post's structure does not show which items it counts.
    pub groups: Vec<usize>,
    /// Whether counting those groups is a guess (several lists in its part of the post).
    pub guessed: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    pub month_rows: Vec<MonthRow>,
    pub year_figures: Vec<YearFigure>,
    pub sums: Vec<Sum>,
    pub counts: Vec<Count>,
    pub figures: Vec<Figure>,
    pub shares: Vec<Share>,
    pub averages: Vec<Average>,
    pub superlatives: Vec<Superlative>,
    pub trends: Vec<Trend>,
    /// A change written beside the two values it is the change of: `42 → 37 (-5)`.
    pub stated_changes: Vec<super::trends::StatedChange>,
    pub ratios: Vec<Ratio>,
    /// Values with their change from the previous period: `61.20€ (+3.15€)`.
    pub changes: Vec<super::changes::Change>,
    /// Lists and tables of tagged items, and the tallies of a kind stated over them.
    pub tag_groups: Vec<TagGroup>,
    pub tallies: Vec<Tally>,
}

/// A figure of a post, compact, with its place for labels in other files' findings.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SiteFigure {
    pub metric: Metric,
    /// `None`: the post's own total; `Some(m)`: a month-table row for month `m`.
    pub month: Option<u8>,
    pub value: f64,
    pub span: Span,
    pub line: usize,
    pub column: usize,
}
/// The post's exact totals and month-table rows, for cross-post figure checks.
pub fn site_figures(post: &crate::post::Post) -> Vec<SiteFigure> {
    let facts = &post.facts;
    let at = |span: Span| post.source.line_col(span.start);
    let totals = facts
        .figures
        .iter()
        .filter(|f| f.scope == "total" && f.num.exact())
        .map(|f| (f.metric, None, &f.num));
    let rows = facts
        .month_rows
        .iter()
        .filter(|r| r.num.exact())
        .map(|r| (r.metric, Some(r.month), &r.num));
    totals
        .chain(rows)
        .map(|(metric, month, num)| {
            let (line, column) = at(num.span);
            SiteFigure {
                metric,
                month,
                value: num.value,
                span: num.span,
                line,
                column,
            }
        })
        .collect()
}
