//! Hover on a number the post states: a total with its parts and the arithmetic, a count
//! with what it counts, a share or an average with its base, a month row or a figure for
//! a year with what that period's own post says. Everything comes from the model of the
//! document and the site index; nothing is parsed again.

use super::documents::Doc;
use crate::diagnostic::Lang;
use crate::post::facts::{Figure, MonthRow, Num, Sum, fmt_as};
use crate::post::numbers::Approx;
use crate::post::period::{Kind, Period};
use crate::site::{Site, SitePost};
use crate::source::Span;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

/// At most this many parts are written out in a sum.
const MAX_TERMS: usize = 40;

pub fn hover(doc: &Doc, offset: usize, site: Option<&Site>) -> Option<Hover> {
    let post = doc.post.as_ref()?;
    let facts = &post.facts;
    let lang = doc.lang;
    let at = |s: Span| s.start <= offset && offset <= s.end;
    let mut parts: Vec<(Span, String)> = Vec::new();
    for s in &facts.sums {
        if at(s.total.span) {
            parts.push((s.total.span, sum(s, lang, None)));
        } else if let Some(p) = s.parts.iter().find(|p| at(p.num.span)) {
            parts.push((p.num.span, sum(s, lang, Some(&p.num))));
        }
    }
    for c in facts.counts.iter().filter(|c| at(c.stated.span)) {
        let counted = c.counted();
        let what = match (lang, c.of_table) {
            (Lang::En, true) => "rows",
            (Lang::En, false) => "items",
            (Lang::Ko, true) => "행",
            (Lang::Ko, false) => "항목",
        };
        let (st, n) = (num(&c.stated), fmt_as(counted, 0, true));
        let rel = relation(c.stated.value, counted, &c.stated);
        parts.push((
            c.stated.span,
            match lang {
                Lang::En => format!(
                    "**count** {st} {rel} {n}: the {what} under it ({} of them)",
                    c.items.len()
                ),
                Lang::Ko => format!(
                    "**개수** {st} {rel} {n}: 아래 {what}의 수 ({what} {}개)",
                    c.items.len()
                ),
            },
        ));
    }
    for s in facts
        .shares
        .iter()
        .filter(|s| at(s.pct.span) || at(s.part.span))
    {
        let (part, base) = (num(&s.part), num(&s.base));
        let pct = if s.base.value == 0.0 {
            None
        } else {
            Some(s.part.value / s.base.value * 100.0)
        };
        let computed = pct.map_or_else(
            || "—".to_owned(),
            |v| format!("{}%", fmt_as(v, s.pct.decimals.max(1), false)),
        );
        let stated = format!("{}%", fmt_as(s.pct.value, s.pct.decimals, false));
        let base_note = match (lang, s.base_is_sum) {
            (Lang::En, true) => " (the base is the sum of the rows)",
            (Lang::Ko, true) => " (기준은 행의 합)",
            _ => "",
        };
        parts.push((
            s.pct.span,
            match lang {
                Lang::En => {
                    format!("**share** {part} / {base} = {computed}; stated {stated}{base_note}")
                }
                Lang::Ko => {
                    format!("**비율** {part} / {base} = {computed}; 적힌 값 {stated}{base_note}")
                }
            },
        ));
    }
    for a in facts.averages.iter().filter(|a| at(a.avg.span)) {
        let v = if a.divisor == 0.0 {
            "—".to_owned()
        } else {
            fmt_as(a.total.value / a.divisor, a.avg.decimals.max(1), true)
        };
        let d = fmt_as(a.divisor, 0, false);
        let unit = match (lang, a.per_day) {
            (Lang::En, true) => "days",
            (Lang::En, false) => "months",
            (Lang::Ko, true) => "일",
            (Lang::Ko, false) => "개월",
        };
        let (total, avg) = (num(&a.total), num(&a.avg));
        parts.push((
            a.avg.span,
            match lang {
                Lang::En => format!("**average** {total} / {d} {unit} = {v}; stated {avg}"),
                Lang::Ko => format!("**평균** {total} / {d}{unit} = {v}; 적힌 값 {avg}"),
            },
        ));
    }
    let period = post.period.period;
    for r in facts.month_rows.iter().filter(|r| at(r.num.span)) {
        parts.push((r.num.span, month_row(r, period, site, &post.path, lang)));
    }
    for y in facts.year_figures.iter().filter(|y| at(y.num.span)) {
        let whole = Period::year(y.year);
        let other = whole.and_then(|w| own_post(site, Kind::Annual, w, &post.path));
        let (m_en, m_ko) = (y.metric.en(), y.metric.ko());
        let here = num(&y.num);
        let there = other
            .map(|o| stated_in(o, y.metric, None))
            .unwrap_or_default();
        parts.push((
            y.num.span,
            match lang {
                Lang::En => format!(
                    "**{} {m_en}**: this post {here}; {}",
                    y.year,
                    there_text(other, &there, "annual post", lang)
                ),
                Lang::Ko => format!(
                    "**{}년 {m_ko}**: 이 글 {here}; {}",
                    y.year,
                    there_text(other, &there, "연간 회고", lang)
                ),
            },
        ));
    }
    for f in facts.figures.iter().filter(|f| at(f.num.span)) {
        parts.push((f.num.span, figure(f, &facts.figures, post, lang)));
    }
    if parts.is_empty() {
        return None;
    }
    let span = parts
        .iter()
        .map(|(s, _)| *s)
        .reduce(Span::cover)
        .unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    let value = parts
        .into_iter()
        .map(|(_, t)| t)
        .filter(|t| seen.insert(t.clone()))
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(doc.range(span)),
    })
}

/// A number as written: its value with the decimals the post uses, `~` when approximate.
fn num(n: &Num) -> String {
    let v = fmt_as(n.value, n.decimals, n.value.abs() >= 10_000.0);
    match n.approx {
        Approx::Exact => v,
        Approx::About => format!("~{v}"),
        Approx::AtLeast => format!("≥{v}"),
        Approx::AtMost => format!("≤{v}"),
    }
}

/// `=` when a stated exact value is the computed one, `≠` when not, `≈` for an
/// approximate value or a bound (the rules compare those with a tolerance).
fn relation(stated: f64, computed: f64, n: &Num) -> &'static str {
    if n.approx != Approx::Exact {
        "≈"
    } else if (stated - computed).abs() < 1e-6 {
        "="
    } else {
        "≠"
    }
}

/// A total and its parts: `total 700 ≠ 8 + 4 + … = 712`, then each part with its label.
fn sum(s: &Sum, lang: Lang, on: Option<&Num>) -> String {
    let total: f64 = s.parts.iter().map(|p| p.num.value).sum();
    let decimals = s.decimals();
    let computed = fmt_as(total, decimals, total.abs() >= 10_000.0);
    let mut terms = String::new();
    for (i, p) in s.parts.iter().take(MAX_TERMS).enumerate() {
        let v = num(&Num {
            value: p.num.value.abs(),
            ..p.num.clone()
        });
        let mark = |x: String| {
            if on == Some(&p.num) {
                format!("**{x}**")
            } else {
                x
            }
        };
        match (i, p.num.value < 0.0) {
            (0, false) => terms.push_str(&mark(v)),
            (0, true) => terms.push_str(&mark(format!("-{v}"))),
            (_, false) => terms.push_str(&format!(" + {}", mark(v))),
            (_, true) => terms.push_str(&format!(" - {}", mark(v))),
        }
    }
    if s.parts.len() > MAX_TERMS {
        terms.push_str(&match lang {
            Lang::En => format!(" + … ({} more)", s.parts.len() - MAX_TERMS),
            Lang::Ko => format!(" + … ({}개 더)", s.parts.len() - MAX_TERMS),
        });
    }
    let rel = relation(s.total.value, total, &s.total);
    let stated = num(&s.total);
    let n = s.parts.len();
    let kind = match lang {
        Lang::En => format!("{n} {}", s.part_kind.en()),
        Lang::Ko => format!("{} {n}개", s.part_kind.ko()),
    };
    let head = match lang {
        Lang::En => format!("**total** {stated} {rel} {terms} = {computed} ({kind})"),
        Lang::Ko => format!("**합계** {stated} {rel} {terms} = {computed} ({kind})"),
    };
    let mut out = head;
    if rel == "≠" {
        let diff = fmt_as((total - s.total.value).abs(), decimals, false);
        out.push_str(&match lang {
            Lang::En => {
                format!("\n\nthe parts add up to {computed}, not {stated} (a difference of {diff})")
            }
            Lang::Ko => format!("\n\n항목의 합 {computed}, 적힌 합계 {stated} (차이 {diff})"),
        });
    }
    let labelled: Vec<String> = s
        .parts
        .iter()
        .take(MAX_TERMS)
        .filter(|p| !p.label.trim().is_empty())
        .map(|p| {
            let l = crate::output::one_line(p.label.trim()).replace('|', "\\|");
            format!("| {l} | {} |", num(&p.num))
        })
        .collect();
    if !labelled.is_empty() {
        let (a, b) = match lang {
            Lang::En => ("part", "value"),
            Lang::Ko => ("항목", "값"),
        };
        out.push_str(&format!(
            "\n\n| {a} | {b} |\n|---|---:|\n{}",
            labelled.join("\n")
        ));
    }
    out
}

/// The one built retrospective of `kind` for exactly `period` (not `me`).
fn own_post<'a>(
    site: Option<&'a Site>,
    kind: Kind,
    period: Period,
    me: &std::path::Path,
) -> Option<&'a SitePost> {
    let site = site?;
    let found: Vec<&SitePost> = site
        .overlapping(kind, period)
        .into_iter()
        .map(|i| &site.posts[i])
        .filter(|p| p.path != me && p.period == Some(period))
        .collect();
    match found.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// The month a month row means: of the post's year, or the year before for a month after
/// the post (as cross-post-figures reads it).
pub fn row_month(r: &MonthRow, period: Option<Period>) -> Option<Period> {
    let p = period?;
    if p.start.year() != p.end.year() {
        return None;
    }
    let target = Period::month(p.start.year(), r.month as i8)?;
    if target.start > p.end {
        Period::month(p.start.year() - 1, r.month as i8)
    } else {
        Some(target)
    }
}

/// What a post states for `metric` (its totals, or its row for `month`).
fn stated_in(p: &SitePost, metric: crate::post::facts::Metric, month: Option<u8>) -> Vec<String> {
    let mut v: Vec<String> = p
        .figures
        .iter()
        .filter(|f| f.metric == metric && f.month == month)
        .map(|f| format!("{} (line {})", fmt_as(f.value, 0, false), f.line))
        .collect();
    v.dedup();
    v
}

fn there_text(other: Option<&SitePost>, stated: &[String], what: &str, lang: Lang) -> String {
    match (other, lang) {
        (None, Lang::En) => format!("no single {what} for this period in the site to compare with"),
        (None, Lang::Ko) => format!("비교할 글 없음: {what}"),
        (Some(o), _) => {
            let name = o
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = crate::output::one_line(&name);
            match (stated.is_empty(), lang) {
                (true, Lang::En) => format!("the {what} `{name}` states no such figure"),
                (true, Lang::Ko) => format!("{what} `{name}`: 같은 수치 없음"),
                (false, Lang::En) => format!("the {what} `{name}` says {}", stated.join(", ")),
                (false, Lang::Ko) => format!("{what} `{name}`: {}", stated.join(", ")),
            }
        }
    }
}

fn month_row(
    r: &MonthRow,
    period: Option<Period>,
    site: Option<&Site>,
    me: &std::path::Path,
    lang: Lang,
) -> String {
    let here = num(&r.num);
    let Some(target) = row_month(r, period) else {
        return match lang {
            Lang::En => format!("**month {} {}**: {here}", r.month, r.metric.en()),
            Lang::Ko => format!("**{}월 {}**: {here}", r.month, r.metric.ko()),
        };
    };
    let other = own_post(site, Kind::Monthly, target, me);
    let there = other
        .map(|o| stated_in(o, r.metric, None))
        .unwrap_or_default();
    let month = format!("{}-{:02}", target.start.year(), r.month);
    match lang {
        Lang::En => format!(
            "**{month} {}**: this row {here}; {}",
            r.metric.en(),
            there_text(other, &there, "monthly post", lang)
        ),
        Lang::Ko => format!(
            "**{month} {}**: 이 행 {here}; {}",
            r.metric.ko(),
            there_text(other, &there, "월간 회고", lang)
        ),
    }
}

/// A figure with every other statement of the same metric and scope in the post.
fn figure(f: &Figure, all: &[Figure], post: &crate::post::Post, lang: Lang) -> String {
    let others: Vec<String> = all
        .iter()
        .filter(|g| g.metric == f.metric && g.scope == f.scope && g.num.span != f.num.span)
        .map(|g| {
            let (line, _) = post.source.line_col(g.num.span.start);
            match lang {
                Lang::En => format!("{} (line {line})", num(&g.num)),
                Lang::Ko => format!("{} ({line}번째 줄)", num(&g.num)),
            }
        })
        .collect();
    let scope = crate::output::one_line(&f.scope);
    let v = num(&f.num);
    match (lang, others.is_empty()) {
        (Lang::En, true) => format!(
            "**{} ({scope})**: {v}, stated once in this post",
            f.metric.en()
        ),
        (Lang::Ko, true) => format!("**{} ({scope})**: {v}, 이 글에서 한 번 적힘", f.metric.ko()),
        (Lang::En, false) => format!(
            "**{} ({scope})**: {v}; also stated as {}",
            f.metric.en(),
            others.join(", ")
        ),
        (Lang::Ko, false) => format!(
            "**{} ({scope})**: {v}; 다른 곳에 적힌 값: {}",
            f.metric.ko(),
            others.join(", ")
        ),
    }
}
