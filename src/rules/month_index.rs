//! A table or list of links to monthly posts (an annual post's month index) that does not
//! cover each month of the post's period once, in order, with labels that match the months
//! the links lead to.

use super::Context;
use super::shared::{intended, link_span};
use crate::diagnostic::Diagnostic;
use crate::post::markdown::{Inline, Link};
use crate::post::period::{self, Kind, Period};
use crate::site::{Resolution, describe_period};
use crate::source::Span;
use crate::t;
use regex::Regex;
use std::sync::LazyLock;

/// A month as (year, month).
type Ym = (i16, i8);

/// A label naming a month, with or without its year.
struct Label {
    year: Option<i16>,
    month: i8,
    span: Span,
    text: String,
}

/// One row or item of an index: its month labels and the monthly post it links to.
struct Entry {
    labels: Vec<Label>,
    month: Ym,
    link: Span,
    post: Option<usize>,
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.site_index().is_none() {
        return;
    }
    let doc = &cx.post.doc;
    for t in &doc.tables {
        let rows: Vec<Option<Entry>> = t
            .rows
            .iter()
            .map(|r| {
                let inlines: Vec<&Inline> = r.cells.iter().map(|c| &c.text).collect();
                entry(cx, r.span, &[], &inlines, false)
            })
            .collect();
        check_index(cx, rows, out);
    }
    for l in &doc.lists {
        let rows: Vec<Option<Entry>> = l
            .items
            .iter()
            .map(|&i| {
                let item = &doc.items[i];
                let skip: Vec<Span> =
                    item.children.iter().map(|&c| doc.items[c].span).collect();
                let own = if item.text.text.trim().is_empty() {
                    doc.paragraphs
                        .iter()
                        .find(|p| {
                            item.span.start <= p.span.start && p.span.end <= item.span.end
                        })
                        .map(|p| &p.text)
                } else {
                    Some(&item.text)
                };
                entry(
                    cx,
                    item.span,
                    &skip,
                    &own.into_iter().collect::<Vec<_>>(),
                    true,
                )
            })
            .collect();
        check_index(cx, rows, out);
    }
}

/// The entry of a row: its first link to a monthly post and the month labels of its text.
fn entry(cx: &Context, span: Span, skip: &[Span], texts: &[&Inline], item: bool) -> Option<Entry> {
    let within = |s: Span| {
        span.start <= s.start
            && s.end <= span.end
            && !skip.iter().any(|k| k.start <= s.start && s.end <= k.end)
    };
    // Links are in the order they end: only those ending inside the row can be in it, so
    // the row looks at its own links, not at every link of the post.
    let links = &cx.post.doc.links;
    let first = links.partition_point(|l| l.span.end < span.start);
    let (link, month, post) = links[first..]
        .iter()
        .take_while(|l| l.span.end <= span.end)
        .filter(|l| !l.image && within(l.span))
        .find_map(|l| monthly_target(cx, l))?;
    let mut labels = Vec::new();
    for inl in texts {
        labels.extend(month_labels(inl, item));
    }
    Some(Entry {
        labels,
        month,
        link,
        post,
    })
}

/// The month a link leads to: the linked post's, else the one its URL names.
fn monthly_target(cx: &Context, l: &Link) -> Option<(Span, Ym, Option<usize>)> {
    let site = cx.site;
    let ym = |p: Period| (p.start.year(), p.start.month());
    match site.resolve(&cx.post.path, &l.dest) {
        Resolution::Post(i) => {
            let p = &site.posts[i];
            let per = p.period?;
            let monthly = p.kind == Some(Kind::Monthly)
                || (p.kind.is_none() && per.natural_kind() == Kind::Monthly);
            (monthly && per.months() == 1).then_some((
                link_span(l),
                ym(per),
                Some(i),
            ))
        }
        Resolution::External => None,
        _ => {
            let t = site.link_target(&l.dest)?;
            let (k, p) = intended(&t.path)?;
            (k == Kind::Monthly && p.months() == 1).then_some((
                link_span(l),
                ym(p),
                None,
            ))
        }
    }
}

static BARE_KO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([0-9]{1,2})\s*월(?:$|[\s:：)\-–—])").expect("valid regex"));
static BARE_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?(?:$|[\s:\-–—])")
        .expect("valid regex")
});
static BARE_YM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([0-9]{4})[.\-/]([0-9]{1,2})\.?\s*$").expect("valid regex"));

/// Month labels in a cell (the whole cell) or an item (its start): `3월`, `March`,
/// `2025.03`, and any single month `period_in_text` finds (`월간 회고 (2025.03)`).
fn month_labels(inl: &Inline, item: bool) -> Vec<Label> {
    let text = inl.text.as_str();
    let mut out = Vec::new();
    let mut push = |year: Option<i16>, month: i8, r: std::ops::Range<usize>| {
        if (1..=12).contains(&month) {
            out.push(Label {
                year,
                month,
                span: inl.span_of(r.clone()),
                text: text[r].trim().to_owned(),
            });
        }
    };
    let trimmed = text.trim();
    let whole_or_prefix = |m: &regex::Match| item || m.as_str().trim().len() == trimmed.len();
    if let Some((p, r)) = period::period_in_text(text) {
        if p.months() == 1 && p.is_whole_months() {
            push(Some(p.start.year()), p.start.month(), r);
        }
        return out;
    }
    if let Some(c) = BARE_YM.captures(text)
        && let (Ok(y), Ok(m)) = (c[1].parse::<i16>(), c[2].parse::<i8>())
    {
        push(Some(y), m, c.get(0).map_or(0..0, |m| m.range()));
        return out;
    }
    for re in [&*BARE_KO, &*BARE_EN] {
        if let Some(c) = re.captures(text)
            && let Some(m0) = c.get(0)
            && whole_or_prefix(&m0)
        {
            let g = c.get(1).map_or(0..0, |g| g.range());
            let label = text[g.start..m0.end()]
                .trim_end_matches(|ch: char| ch.is_whitespace() || ":：)-–—".contains(ch));
            let g = g.start..g.start + label.len();
            let month = c[1]
                .parse::<i8>()
                .ok()
                .or_else(|| period::month_number(&c[1]));
            if let Some(m) = month {
                push(None, m, g);
            }
        }
    }
    out
}

fn label_fits(l: &Label, (y, m): Ym) -> bool {
    l.month == m && l.year.is_none_or(|ly| ly == y)
}

fn ym_text((y, m): Ym) -> String {
    format!("{y:04}-{m:02}")
}

fn months_of(p: Period) -> Vec<Ym> {
    let mut out = Vec::new();
    let (mut y, mut m) = (p.start.year(), p.start.month());
    while (y, m) <= (p.end.year(), p.end.month()) && out.len() < 1200 {
        out.push((y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

fn check_index(cx: &Context, rows: Vec<Option<Entry>>, out: &mut Vec<Diagnostic>) {
    let n_rows = rows.len();
    let entries: Vec<Entry> = rows.into_iter().flatten().collect();
    // An index: at least 3 rows link monthly posts, and most rows do.
    if entries.len() < 3 || entries.len() * 2 < n_rows {
        return;
    }
    let site = cx.site;
    let mismatched: Vec<bool> = entries
        .iter()
        .map(|e| e.labels.iter().any(|l| !label_fits(l, e.month)))
        .collect();
    for e in &entries {
        // One finding per entry, at its first wrong label; the others are labelled.
        let bad: Vec<&Label> = e
            .labels
            .iter()
            .filter(|l| !label_fits(l, e.month))
            .collect();
        let Some(l) = bad.first() else { continue };
        let label = &l.text;
        let linked = ym_text(e.month);
        let mut d = cx
            .diag(
                l.span,
                t!(
                    "month label `{label}` does not match its link, which leads to the post for {linked}",
                    "월 표시가 링크와 다릅니다: 표시 `{label}`, 링크한 글의 기간 {linked}"
                ),
            )
            .label(e.link, t!("the link", "링크"));
        for other in &bad[1..] {
            d = d.label(other.span, t!("also this label", "이 표시도"));
        }
        let named = (l.year.unwrap_or(e.month.0), l.month);
        if let Some(p) = Period::month(named.0, named.1)
            && let [i] = site.with_period(Kind::Monthly, p)
        {
            let other = site.display_rel(&site.posts[*i].path);
            let nm = ym_text(named);
            d = d.help(t!("the post for {nm} is {other}", "{nm} 글: {other}"));
        }
        if let Some(i) = e.post {
            d.related.push(site.related(
                i,
                site.posts[i].period_at,
                t!("the linked post's period", "링크한 글의 기간"),
            ));
        }
        out.push(d);
    }
    // Order, repeats and coverage make sense for an index, not for a "related posts" list:
    // the post spans several months, or most entries carry a month label.
    let info = &cx.post.period;
    let spans_months = info.retrospective && info.period.is_some_and(|p| p.months() >= 2);
    let labelled_entries = entries.iter().filter(|e| !e.labels.is_empty()).count();
    if !spans_months && labelled_entries * 2 <= entries.len() {
        return;
    }
    // Order: ascending or descending, whichever most steps take.
    let up = entries
        .windows(2)
        .filter(|w| w[0].month < w[1].month)
        .count();
    let down = entries
        .windows(2)
        .filter(|w| w[0].month > w[1].month)
        .count();
    let ascending = up >= down;
    for (i, w) in entries.windows(2).enumerate() {
        let (a, b) = (&w[0], &w[1]);
        let m = ym_text(b.month);
        if let Some(f) = entries[..=i].iter().position(|e| e.month == b.month) {
            // A wrong label explains the repeat: that finding says it.
            if mismatched[f] || mismatched[i + 1] {
                continue;
            }
            let first = &entries[f];
            out.push(
                cx.diag(
                    b.link,
                    t!(
                        "the month index links {m} twice",
                        "월 목록에 같은 달이 두 번 있습니다: {m}"
                    ),
                )
                .label(first.link, t!("first link to {m}", "{m} 첫 링크")),
            );
            continue;
        }
        // A wrong label on either side explains the order: that finding says it.
        if (a.month < b.month) != ascending && !mismatched[i] && !mismatched[i + 1] {
            let prev = ym_text(a.month);
            let order = if ascending { "ascending" } else { "descending" };
            let order_ko = if ascending {
                "오름차순"
            } else {
                "내림차순"
            };
            out.push(
                cx.diag(
                    b.link,
                    t!(
                        "the month index is out of order: {m} after {prev} (the rest is {order})",
                        "월 목록의 순서가 어긋납니다: {prev} 다음에 {m} (나머지는 {order_ko})"
                    ),
                )
                .label(a.link, t!("{prev}", "{prev}")),
            );
        }
    }
    coverage(cx, &entries, &mismatched, ascending, out);
}

/// Every month of the post's period once: months outside it, months missing from it.
fn coverage(
    cx: &Context,
    entries: &[Entry],
    mismatched: &[bool],
    ascending: bool,
    out: &mut Vec<Diagnostic>,
) {
    let info = &cx.post.period;
    let Some(p) = info.period else { return };
    if !info.retrospective || p.months() < 2 || !p.is_whole_months() {
        return;
    }
    let period_text = describe_period(p);
    let host: Vec<Ym> = months_of(p);
    for (e, _) in entries.iter().zip(mismatched).filter(|(_, bad)| !**bad) {
        if !host.contains(&e.month) {
            let m = ym_text(e.month);
            out.push(cx.diag(
                e.link,
                t!(
                    "the month index links {m}, outside the post's period {period_text}",
                    "월 목록의 링크가 글의 기간({period_text}) 밖입니다: {m}"
                ),
            ));
        }
    }
    let listed: Vec<Ym> = entries.iter().map(|e| e.month).collect();
    let (Some(lo), Some(hi)) = (listed.iter().min(), listed.iter().max()) else {
        return;
    };
    let site = cx.site;
    // A month some label names is covered by that label's finding.
    let labelled = |m: Ym| {
        entries.iter().any(|e| {
            e.labels
                .iter()
                .any(|l| l.month == m.1 && l.year.is_none_or(|y| y == m.0))
        })
    };
    for &m in host
        .iter()
        .filter(|&&m| !listed.contains(&m) && !labelled(m))
    {
        let Some(month) = Period::month(m.0, m.1) else {
            continue;
        };
        let posts = site.with_period(Kind::Monthly, month);
        let interior = *lo < m && m < *hi;
        // A month at the edge with no post: the series may start later; say nothing.
        if posts.is_empty() && !interior {
            continue;
        }
        // Point at the entry the missing month belongs next to.
        let near = entries
            .iter()
            .rfind(|e| (e.month < m) == ascending)
            .or(entries.first())
            .map_or(entries[0].link, |e| e.link);
        let mt = ym_text(m);
        let mut d = cx.diag(
            near,
            t!(
                "the month index skips {mt}, a month of the post's period {period_text}",
                "월 목록에 글의 기간({period_text})에 속한 달이 빠졌습니다: {mt}"
            ),
        );
        if let [i] = posts {
            let other = site.display_rel(&site.posts[*i].path);
            d = d.help(t!(
                "the site has its monthly post: {other}",
                "이 달의 월간 회고가 있습니다: {other}"
            ));
            d.related.push(site.related(
                *i,
                site.posts[*i].period_at,
                t!("the monthly post for {mt}", "{mt} 월간 회고"),
            ));
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str, item: bool) -> Vec<(Option<i16>, i8)> {
        let inl = Inline::from_source(s, Span::new(0, s.len()));
        month_labels(&inl, item)
            .into_iter()
            .map(|l| (l.year, l.month))
            .collect()
    }

    #[test]
    fn month_labels_in_cells_and_items() {
        assert_eq!(labels("3월", false), vec![(None, 3)]);
        assert_eq!(labels("March", false), vec![(None, 3)]);
        assert_eq!(labels("2025.03", false), vec![(Some(2025), 3)]);
        assert_eq!(
            labels("월간 회고록 (2023.02)", false),
            vec![(Some(2023), 2)]
        );
        assert_eq!(labels("March 2025 recap", false), vec![(Some(2025), 3)]);
        assert!(labels("4월에 19개 이슈", false).is_empty());
        assert_eq!(labels("4월: 회고", true), vec![(None, 4)]);
        assert!(labels("바로가기", false).is_empty());
        assert!(labels("Mayday", true).is_empty());
    }
}
