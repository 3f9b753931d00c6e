//! Tallies of tagged items: a number of items of one kind (`버그 수정 6건`, `Bug fixes: 6`,
//! `6 fixes`, a breakdown by kind `| fix | 6 |`) and the list items or table rows tagged with
//! a kind (`fix: ...`, `[feat] ...`, `... (버그)`) it counts. `tally-mismatch` compares them
//! where the post's structure shows the tagged items are the whole set.

mod kinds;
mod phrases;

use super::lists::kv_item;
use super::sections::Cx;
use super::tables::cell_value;
use super::types::{Facts, Metric, Num, TagGroup, TagKind, TaggedItem, Tally};
use super::vocabulary::{
    is_not_part_label, is_partial, is_total_label, is_total_row_label, metric_in, month_label,
    quarter_label, unit_metric,
};
use super::words::{Words, has_any, words};
use crate::post::markdown::{Block, Table};
use crate::post::numbers::Quantity;
use crate::source::Span;
use kinds::*;
use phrases::*;
use std::collections::HashSet;

/// A stated count of things: a bare number, `개`, `건`, or commits, issues, PRs.
fn counts_things(q: &Quantity) -> bool {
    q.is_exact()
        && !q.signed
        && !q.is_percent()
        && q.value.fract() == 0.0
        && matches!(
            q.unit,
            None | Some("개" | "건" | "commit" | "issue" | "pr" | "item" | "task" | "ticket")
        )
}

/// Sections whose items are plans or a selection, never the record of what was done.
fn set_aside(cx: &Cx, at: usize) -> bool {
    cx.sec.chain(at).into_iter().any(|h| {
        let t = &cx.doc.headings[h].text.text;
        is_partial(t)
            || has_any(
                t,
                words![
                    "계획", "예정", "할 일", "다음", "목표", "todo", "to do", "plan", "next",
                    "goal", "backlog",
                ],
            )
    })
}

/// The part of the post a tally at `at` counts the tagged items of: its own section when
/// that holds tagged items, else the whole post when the tally is in a summary.
fn domain(cx: &Cx, at: usize, groups: &[TagGroup]) -> Option<Span> {
    let whole = Span::new(0, usize::MAX);
    let Some(h) = cx.sec.at(at) else {
        return Some(whole);
    };
    let own = section_span(cx, h);
    if groups.iter().any(|g| inside(g.span, own)) {
        Some(own)
    } else if cx.in_summary(at) {
        Some(whole)
    } else {
        None
    }
}

/// Heading `h` and everything under it.
fn section_span(cx: &Cx, h: usize) -> Span {
    let hs = &cx.doc.headings;
    let end = hs[h + 1..]
        .iter()
        .find(|x| x.level <= hs[h].level)
        .map_or(usize::MAX, |x| x.span.start);
    Span::new(hs[h].span.start, end)
}

fn inside(s: Span, d: Span) -> bool {
    d.start <= s.start && s.end <= d.end
}

/// A heading naming a period or a day (`## 3월`, `### Week 2`, `### 2024-03-02`, `Q1`): the
/// items under it are that period's, not the whole post's, unless it is the post's own month.
fn period_heading(cx: &Cx, h: &str) -> bool {
    if let Some(m) = h.split_whitespace().find_map(month_label) {
        return Some(m) != cx.own_month;
    }
    let l = h.to_lowercase();
    h.split_whitespace().any(|w| quarter_label(w).is_some())
        || has_any(
            &l,
            words![
                "주차",
                "째 주",
                "week ",
                "day ",
                "일차",
                "sprint",
                "스프린트",
            ],
        )
        || crate::post::period::period_in_text(h).is_some()
        || has_date(&l)
}

/// `03-02`, `3/2`, `2024.03.02`, `3월 2일`: a day in a heading.
fn has_date(l: &str) -> bool {
    let b = l.as_bytes();
    b.windows(3).any(|w| {
        w[0].is_ascii_digit() && matches!(w[1], b'-' | b'/' | b'.') && w[2].is_ascii_digit()
    }) || l.contains("일 ")
        || l.ends_with('일') && l.contains("월")
}

/// The tagged groups a tally at `at` counts, and whether that is a guess: the groups in its
/// part of the post, each tagging every item, none under a heading of another period than
/// the tally's, none counting another thing. One group is certain; several are a guess.
fn counted(
    cx: &Cx,
    at: usize,
    metric: Option<Metric>,
    groups: &[TagGroup],
) -> Option<(Vec<usize>, bool)> {
    let domain = domain(cx, at, groups)?;
    let own: Vec<usize> = cx.sec.chain(at);
    let ids: Vec<usize> = (0..groups.len())
        .filter(|&i| inside(groups[i].span, domain))
        .collect();
    if ids.is_empty() {
        return None;
    }
    for &i in &ids {
        let g = &groups[i];
        let other_period = cx
            .sec
            .chain(g.span.start)
            .into_iter()
            .any(|h| !own.contains(&h) && period_heading(cx, &cx.doc.headings[h].text.text));
        // An intro line naming another month: `12월 한 달의 커밋만 적습니다` in a yearly post.
        let other_period =
            other_period || intro_paragraph(cx, g.span).is_some_and(|t| names_other_month(cx, t));
        let other_metric = matches!((metric, g.metric), (Some(a), Some(b)) if a != b);
        if !g.consistent || other_period || other_metric {
            return None;
        }
    }
    let guessed = ids.len() > 1;
    Some((ids, guessed))
}

/// A tally at `at`, when the structure shows which tagged groups it counts.
fn tally(
    cx: &Cx,
    at: usize,
    kind: TagKind,
    stated: Num,
    metric: Option<Metric>,
    groups: &[TagGroup],
) -> Option<Tally> {
    let (groups, guessed) = counted(cx, at, metric, groups)?;
    Some(Tally {
        kind,
        stated,
        metric,
        groups,
        guessed,
    })
}

/// Lists and tables of tagged items, then the tallies of the post.
pub(super) fn tallies(cx: &Cx, f: &mut Facts) {
    let doc = cx.doc;
    // Most posts state no tally of a kind: then the items' tags are not read at all.
    if !may_state_tally(doc) {
        return;
    }
    let breakdown_tables: Vec<Option<usize>> = doc.tables.iter().map(breakdown_column).collect();
    for l in &doc.lists {
        if set_aside(cx, l.span.start) {
            continue;
        }
        let lines = l.items.iter().map(|&i| {
            let it = &doc.items[i];
            let first = it.text.text.split('\n').next().unwrap_or("");
            // `- fix: 5개` is a count by kind, not an item tagged `fix`.
            let tagged = if kv_item(&it.text).is_some() {
                Vec::new()
            } else {
                tags(first)
            };
            (it.span, tagged, times(first))
        });
        group(cx, l.span, lines, f);
    }
    for (t, breakdown) in doc.tables.iter().zip(&breakdown_tables) {
        if breakdown.is_some() || set_aside(cx, t.span.start) {
            continue;
        }
        // A column of types (`| 유형 | 내용 |` with `feat`, `fix` cells) tags its rows; with
        // a column of counts (`| 유형 | 개수 |`) its rows are counts by type, not items.
        let type_col = t.column(|h| has_any(h, &TYPE_HEADERS));
        if type_col.is_some() && count_column(t, |_| true).is_some() {
            continue;
        }
        let rows = t.rows.iter().map(|r| {
            let mut ks = Vec::new();
            let mut n = None;
            for (ci, c) in r.cells.iter().enumerate() {
                let found = if Some(ci) == type_col {
                    kind_of(c.plain()).into_iter().collect()
                } else {
                    tags(c.plain())
                };
                if !found.is_empty() {
                    n = n.or(times(c.plain()));
                }
                ks.extend(found);
            }
            ks.sort();
            ks.dedup();
            (r.span, ks, n)
        });
        group(cx, t.span, rows, f);
    }
    if f.tag_groups.is_empty() {
        return;
    }
    let groups = f.tag_groups.clone();
    // A count over the list it heads (`버그 수정 4건:` over its items) is count-mismatch's.
    let mut taken: HashSet<Span> = f.counts.iter().map(|c| c.stated.span).collect();
    for (t, breakdown) in doc.tables.iter().zip(breakdown_tables) {
        table_tallies(cx, t, breakdown, &groups, &mut taken, f);
    }
    for l in &doc.lists {
        list_tallies(cx, l, &groups, &mut taken, f);
    }
    let tagged: HashSet<Span> = groups
        .iter()
        .flat_map(|g| g.items.iter().map(|i| i.span))
        .collect();
    for p in &doc.paragraphs {
        prose_tallies(cx, &p.text, &groups, &mut taken, f);
    }
    for it in &doc.items {
        if !tagged.contains(&it.span) {
            prose_tallies(cx, &it.text, &groups, &mut taken, f);
        }
    }
}

/// Whether some text could be a tally: a prose phrase with a number, a list item
/// `label: N` or a table row whose label names a kind. Cheap, and true for every post
/// [`tallies`] finds one in.
fn may_state_tally(doc: &crate::post::markdown::Document) -> bool {
    let prose = |s: &str| {
        s.bytes().any(|b| b.is_ascii_digit()) && has_prose_phrase(s) && phrase_by_number(s)
    };
    doc.paragraphs.iter().any(|p| prose(&p.text.text))
        || doc.items.iter().any(|it| {
            prose(&it.text.text)
                || kv_item(&it.text).is_some_and(|(label, _, _)| label_kind(label).is_some())
        })
        || doc.tables.iter().any(|t| {
            t.rows.iter().any(|r| {
                r.cells
                    .first()
                    .is_some_and(|c| label_kind(c.plain()).is_some())
            })
        })
}

/// A group of items or rows with their tags: kept when one is tagged at least.
fn group(
    cx: &Cx,
    span: Span,
    entries: impl Iterator<Item = (Span, Vec<TagKind>, Option<f64>)>,
    f: &mut Facts,
) {
    let mut items = Vec::new();
    let mut consistent = true;
    let mut any = false;
    for (span, ks, n) in entries {
        match ks.as_slice() {
            [kind] => items.push(TaggedItem {
                kind: *kind,
                span,
                times: n,
            }),
            [] => consistent = false,
            _ => consistent = false,
        }
        any |= !ks.is_empty();
    }
    if any {
        // One tagged item shows no habit of tagging.
        let consistent = consistent && items.len() >= 2;
        f.tag_groups.push(TagGroup {
            span,
            items,
            consistent,
            metric: cx.section_metric(span.start),
        });
    }
}

/// Headers of a column holding each row's type.
static TYPE_HEADERS: Words =
    Words::new(&["유형", "타입", "분류", "종류", "type", "kind", "category"]);

/// The count column of a table breaking a number down by kind: every row a kind (or the
/// total), two kinds at least, each once, and a column of counts (`| fix | 5개 | 31% |`).
fn breakdown_column(t: &Table) -> Option<usize> {
    let mut seen = HashSet::new();
    for r in &t.rows {
        let label = r.cells.first().map_or("", |c| c.plain());
        if is_total_row_label(label) {
            continue;
        }
        if !label_kind(label).is_some_and(|k| seen.insert(k)) {
            return None;
        }
    }
    if seen.len() < 2 {
        return None;
    }
    count_column(t, |_| true)
}

/// The first column whose cells are counts in every row `rows` picks.
fn count_column(t: &Table, rows: impl Fn(&str) -> bool) -> Option<usize> {
    (1..t.header.cells.len()).find(|&c| {
        let head = t.header.cells[c].plain();
        !is_not_part_label(head)
            && !is_partial(head)
            && t.rows.iter().all(|r| {
                !rows(r.cells.first().map_or("", |x| x.plain()))
                    || r.cells
                        .get(c)
                        .and_then(cell_value)
                        .flatten()
                        .is_some_and(|q| counts_things(&q))
            })
    })
}

/// A breakdown table's rows as tallies (its total row aside); in another table, a row whose
/// label is a kind (`| 버그 수정 | 6건 |`).
fn table_tallies(
    cx: &Cx,
    t: &Table,
    breakdown: Option<usize>,
    groups: &[TagGroup],
    taken: &mut HashSet<Span>,
    f: &mut Facts,
) {
    let at = t.span.start;
    if t.header.cells.len() < 2 || is_partial(t.header.cells[0].plain()) || set_aside(cx, at) {
        return;
    }
    let Some(col) = breakdown.or_else(|| {
        t.rows
            .iter()
            .any(|r| {
                r.cells
                    .first()
                    .is_some_and(|c| label_kind(c.plain()).is_some())
            })
            .then(|| count_column(t, |l| label_kind(l).is_some()))
            .flatten()
    }) else {
        return;
    };
    let header: Vec<&str> = t.header.cells.iter().map(|c| c.plain()).collect();
    let metric = metric_in(&header.join(" ")).or_else(|| cx.section_metric(at));
    for r in &t.rows {
        let (Some(label), Some(c)) = (r.cells.first(), r.cells.get(col)) else {
            continue;
        };
        let q = cell_value(c).flatten().filter(counts_things);
        if let (Some(kind), Some(q)) = (label_kind(label.plain()), q) {
            let stated = Num::from_q(&c.text, &q);
            let span = stated.span;
            if !taken.contains(&span)
                && let Some(t) = tally(cx, at, kind, stated, metric, groups)
            {
                taken.insert(span);
                f.tallies.push(t);
            }
        }
    }
}

/// `- fix: 5개` items (a count by kind, in a list of such counts).
fn list_tallies(
    cx: &Cx,
    l: &crate::post::markdown::List,
    groups: &[TagGroup],
    taken: &mut HashSet<Span>,
    f: &mut Facts,
) {
    let doc = cx.doc;
    let at = l.span.start;
    let mut rows = Vec::new();
    for &i in &l.items {
        let it = &doc.items[i];
        if let Some((label, q, _)) = kv_item(&it.text)
            && !is_total_label(label)
            && let Some(k) = label_kind(label)
            && counts_things(&q)
        {
            rows.push((k, Num::from_q(&it.text, &q), metric_in(label)));
        }
    }
    if rows.is_empty() || set_aside(cx, at) || is_partial_intro(cx, l) {
        return;
    }
    let sec = cx.section_metric(at);
    for (kind, stated, m) in rows {
        let metric = unit_metric(stated.unit).or(m).or(sec);
        let span = stated.span;
        if !taken.contains(&span)
            && let Some(t) = tally(cx, at, kind, stated, metric, groups)
        {
            taken.insert(span);
            f.tallies.push(t);
        }
    }
}

/// The block right before the list or table at `span`: its intro line or its heading.
fn block_before(cx: &Cx, span: Span) -> Option<Block> {
    let doc = cx.doc;
    let bi = doc
        .blocks
        .iter()
        .position(|&b| doc.block_span(b).start == span.start)?;
    doc.block_before(bi)
}

/// The paragraph right before the list or table at `span` (a heading's period is read as a
/// heading's).
fn intro_paragraph<'a>(cx: &Cx<'a>, span: Span) -> Option<&'a str> {
    match block_before(cx, span)? {
        Block::Paragraph(p) => Some(cx.doc.paragraphs[p].text.text.as_str()),
        _ => None,
    }
}

/// A list right after a line marking it as a selection (`주요 유형:`, `e.g.`).
fn is_partial_intro(cx: &Cx, l: &crate::post::markdown::List) -> bool {
    block_before(cx, l.span)
        .and_then(|b| cx.doc.block_inline(b))
        .is_some_and(|inl| is_partial(&inl.text))
}

/// A month other than the post's own named in `s` (`12월 커밋만`, `December only`).
fn names_other_month(cx: &Cx, s: &str) -> bool {
    s.split_whitespace().any(|w| {
        let w = w.find('월').map_or(w, |i| &w[..i + '월'.len_utf8()]);
        month_label(w).is_some_and(|m| Some(m) != cx.own_month)
    })
}

#[cfg(test)]
mod tests;
