//! Tallies of tagged items: a number of items of one kind (`버그 수정 6건`, `Bug fixes: 6`,
//! `6 fixes`, a breakdown by kind `| fix | 6 |`) and the list items or table rows tagged with
//! a kind (`fix: ...`, `[feat] ...`, `... (버그)`) it counts. `tally-mismatch` compares them
//! where the post's structure shows the tagged items are the whole set.

use super::lists::kv_item;
use super::sections::Cx;
use super::tables::cell_value;
use super::text::{parens, sentences, within};
use super::types::{Facts, Metric, Num, TagGroup, TagKind, TaggedItem, Tally};
use super::vocabulary::{
    clean_label, contains_ignore_ascii_case, is_not_part_label, is_partial, is_total_label,
    is_total_row_label, metric_in, month_label, narrows, other_period, quarter_label, unit_metric,
};
use super::words::{Words, has_any, words};
use crate::post::markdown::{Block, Inline, Table};
use crate::post::numbers::{self, Quantity, Unit};
use crate::source::Span;
use std::collections::HashSet;

/// Each kind as a tag or a label names it (lower case): `[fix]`, `feat:`, `(버그)`, `| docs |`.
const KINDS: &[(TagKind, &[&str])] = &[
    (
        TagKind::Fix,
        &[
            "fix",
            "fixes",
            "bugfix",
            "bugfixes",
            "bug fix",
            "bug fixes",
            "hotfix",
            "hotfixes",
            "bug",
            "bugs",
            "버그",
            "버그 수정",
            "버그수정",
        ],
    ),
    (
        TagKind::Feat,
        &[
            "feat",
            "feature",
            "features",
            "new feature",
            "new features",
            "기능",
            "기능 추가",
            "신규 기능",
            "새 기능",
        ],
    ),
    (
        TagKind::Docs,
        &["docs", "doc", "documentation", "문서", "문서화"],
    ),
    (
        TagKind::Refactor,
        &["refactor", "refactoring", "리팩토링", "리팩터링"],
    ),
    (
        TagKind::Perf,
        &["perf", "performance", "성능", "성능 개선", "성능 최적화"],
    ),
    (TagKind::Test, &["test", "tests", "테스트"]),
    (TagKind::Chore, &["chore", "chores"]),
    (TagKind::Style, &["style", "스타일"]),
    (TagKind::Ci, &["ci"]),
    (TagKind::Build, &["build", "빌드"]),
    (
        TagKind::Improve,
        &[
            "improvement",
            "improvements",
            "enhancement",
            "enhancements",
            "개선",
        ],
    ),
];

/// The phrases that name a kind in running text without doubt (`버그 수정 6건`, `6 fixes`);
/// a bare `기능` or `bug` is not one (`기능 3개를 설계`, `6 bugs reported`).
const PROSE: &[(TagKind, &[&str])] = &[
    (
        TagKind::Fix,
        &[
            "버그 수정",
            "버그수정",
            "bug fixes",
            "bugfixes",
            "fixes",
            "hotfixes",
        ],
    ),
    (
        TagKind::Feat,
        &["신규 기능", "새 기능", "기능 추가", "new features"],
    ),
    (TagKind::Refactor, &["리팩토링", "리팩터링", "refactorings"]),
    (TagKind::Docs, &["문서화"]),
];

/// Words that may stand in a clause before a tally without narrowing it: the period, the
/// post's own total, who did it (`이번 달 총 버그 수정 6건`, `This month we shipped 6 fixes`).
const FILLER: &[&str] = &[
    "this",
    "month",
    "week",
    "year",
    "quarter",
    "we",
    "i",
    "made",
    "shipped",
    "landed",
    "merged",
    "pushed",
    "had",
    "did",
    "wrote",
    "closed",
    "total",
    "in",
    "a",
    "of",
    "overall",
    "총",
    "전체",
    "이번",
    "달",
    "주",
    "이번달",
    "이번주",
    "올해",
    "금주",
    "금월",
    "한",
    "달간",
    "주간",
    "동안",
];

/// Words after a tally that narrow it to a part (`6 fixes to the parser`, `결제 모듈에서`,
/// `3 bugs reported by users`).
const NARROWING: &[&str] = &[
    " in ",
    " to ",
    " for ",
    " on ",
    " of ",
    " across ",
    " by ",
    " from ",
    " that ",
    " which ",
    " reported",
    "에서",
    "에 대한",
    "관련",
    "중 ",
    "제보",
];

/// The kind a tag or label names, if it is exactly one of its spellings.
fn kind_of(s: &str) -> Option<TagKind> {
    let t = s.trim();
    // Every spelling is short and has no digit: most cells and labels are rejected here,
    // before any allocation.
    if t.len() > 20 || t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let l = t.to_lowercase();
    let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
    KINDS
        .iter()
        .find(|(_, sp)| sp.contains(&l.as_str()))
        .map(|(k, _)| *k)
}

/// A label naming a kind: `fix`, `**버그 수정**`, `✨ feat (새 기능)`, `chore (프로젝트 관리)`.
fn label_kind(label: &str) -> Option<TagKind> {
    let l = clean_label(label)
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim();
    if let Some(k) = kind_of(l) {
        return Some(k);
    }
    // `feat (새 기능)`: either part, when they do not disagree.
    let (a, b) = l.split_once('(')?;
    let b = b.trim_end_matches(')');
    match (kind_of(a), kind_of(b)) {
        (Some(x), Some(y)) if x != y => None,
        (x, y) => x.or(y),
    }
}

/// The kinds one item's text is tagged with: leading `[...]` groups, a leading or trailing
/// `(...)`, a conventional-commit prefix (`fix:`, `feat(api):`, `fix!:`, `버그:`).
fn tags(line: &str) -> Vec<TagKind> {
    let mut out = Vec::new();
    let mut t = line
        .trim_start_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '[' | '('))
        .trim_start();
    for _ in 0..4 {
        let Some(rest) = t.strip_prefix('[') else {
            break;
        };
        let Some(end) = rest.find(']') else { break };
        out.extend(kind_of(&rest[..end]));
        t = rest[end + 1..].trim_start();
    }
    if let Some(rest) = t.strip_prefix('(')
        && let Some(end) = rest.find(')')
        && let Some(k) = kind_of(&rest[..end])
    {
        out.push(k);
        t = rest[end + 1..].trim_start();
    }
    // Conventional-commit types are ASCII words; `버그: ...` is a label line, not a tag.
    if let Some((head, rest)) = t.split_once([':', '：'])
        && !rest.trim().is_empty()
        && head.chars().count() <= 30
        && head.is_ascii()
    {
        // `feat(api)`, `fix!`: the type before its scope and breaking mark.
        let base = head.split('(').next().unwrap_or("").trim_end_matches('!');
        if head == base || head.trim_end_matches('!').ends_with(')') {
            out.extend(kind_of(base));
        }
    }
    let tail = line.trim_end();
    if tail.ends_with(')')
        && let Some(body) = parens(tail).last()
        && body.end + 1 == tail.len()
    {
        out.extend(kind_of(&tail[body.clone()]));
    }
    out.sort();
    out.dedup();
    out
}

/// What a marker at the end of an item says it stands for: `(3개)`, `(2건)`, `(3 commits)`,
/// `(3개 커밋)`, `x2`, `×3`, `(x2)`.
fn times(line: &str) -> Option<f64> {
    let t = line.trim_end();
    let inner = t.strip_suffix(')').map_or(t, str::trim_end);
    let digits = inner.len() - inner.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=3).contains(&digits) {
        let head = &inner[..inner.len() - digits];
        if let Some(h) = head
            .strip_suffix(['x', 'X'])
            .or_else(|| head.strip_suffix('×'))
            && (h.ends_with(' ') || h.ends_with('('))
        {
            return inner[inner.len() - digits..]
                .parse()
                .ok()
                .filter(|n: &f64| *n >= 1.0);
        }
    }
    let body = parens(t).last().cloned()?;
    if body.end + 1 != t.len() {
        return None;
    }
    let inner = t[body].trim();
    let qs = numbers::scan(inner);
    let [q] = qs.as_slice() else { return None };
    let rest = inner[q.range.end..].trim();
    (q.range.start == 0
        && q.is_exact()
        && q.value >= 1.0
        && q.value.fract() == 0.0
        && matches!(q.unit, Some("개" | "건" | "commit"))
        && (rest.is_empty() || rest == "커밋"))
        .then_some(q.value)
}

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

/// `버그 수정 6건`, `Bug fixes: 6`, `6 fixes`, `6건의 버그 수정`, `fixed 6 bugs` in a sentence
/// about the period as a whole.
fn prose_tallies(
    cx: &Cx,
    inl: &Inline,
    groups: &[TagGroup],
    taken: &mut HashSet<Span>,
    f: &mut Facts,
) {
    let s = inl.text.as_str();
    if !s.bytes().any(|b| b.is_ascii_digit()) || !has_prose_phrase(s) {
        return;
    }
    let qs = numbers::scan(s);
    let at = inl.span().start;
    for sentence in sentences(s) {
        let text = &s[sentence.clone()];
        if narrows(text) || is_partial(text) {
            continue;
        }
        let idx = within(&qs, &sentence);
        for (pos, &qi) in idx.iter().enumerate() {
            let q = &qs[qi];
            let bug = q.unit == Some("bug");
            if !(counts_things(q) || (bug && q.is_exact() && !q.signed)) {
                continue;
            }
            // The clause of the quantity: from the previous quantity or delimiter to the
            // next one.
            let from = pos
                .checked_sub(1)
                .map_or(sentence.start, |p| qs[idx[p]].range.end);
            let to = idx
                .get(pos + 1)
                .map_or(sentence.end, |&n| qs[n].range.start);
            let pre = clause_tail(&s[from..q.range.start]);
            let post = clause_head(&s[q.range.end..to]);
            if other_period(pre) {
                continue;
            }
            let Some((kind, metric)) = named_before(pre, post, bug, cx.own_month)
                .or_else(|| named_after(pre, post, q.unit, cx.own_month))
            else {
                continue;
            };
            let stated = Num::from_q(inl, q);
            if !taken.insert(stated.span) {
                continue;
            }
            let metric = unit_metric(q.unit).or(metric);
            f.tallies
                .extend(tally(cx, at, kind, stated, metric, groups));
        }
    }
}

/// A tally phrase with a digit a few bytes before or after it (`6건의 버그 수정`,
/// `Bug fixes: 6`, `6 fixes`, `fixed 6 bugs`).
fn phrase_by_number(s: &str) -> bool {
    let b = s.as_bytes();
    let digit_in = |from: usize, to: usize| b[from..to.min(b.len())].iter().any(u8::is_ascii_digit);
    PROSE
        .iter()
        .flat_map(|(_, ps)| ps.iter())
        .chain(&["fixed"])
        .any(|p| {
            let n = p.as_bytes();
            b.windows(n.len()).enumerate().any(|(i, w)| {
                w.eq_ignore_ascii_case(n)
                    && (digit_in(i.saturating_sub(12), i)
                        || digit_in(i + n.len(), i + n.len() + 12))
            })
        })
}

fn has_prose_phrase(s: &str) -> bool {
    // A few anchors that every phrase of [`PROSE`] (and `fixed`) contains; Hangul has no
    // case, so a plain substring search (fast) is enough for the Korean ones.
    ["fix", "new feature", "refactor"]
        .iter()
        .any(|p| contains_ignore_ascii_case(s, p))
        || ["버그", "기능", "리팩", "문서화"]
            .iter()
            .any(|p| s.contains(p))
}

/// The end of the text before a quantity that belongs to its clause.
fn clause_tail(s: &str) -> &str {
    let cut = s
        .rfind([',', ';', ':', '(', ')', '.', '·', '|', '/', '、', '\n'])
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    // A colon right before the number is the label's: `Bug fixes: 6`.
    let t = s.trim_end();
    if let Some(label) = t.strip_suffix([':', '：']) {
        return clause_tail(label);
    }
    let mut rest = s[cut..].trim_start();
    // `6건과 기능 추가 3건`, `6 fixes and 3 new features`: the joining word is no part.
    for w in ["과 ", "와 ", "및 ", "and ", "이고 ", "이며 ", "그리고 "] {
        if let Some(r) = rest.strip_prefix(w) {
            rest = r;
        }
    }
    rest
}

/// The start of the text after a quantity that belongs to its clause.
fn clause_head(s: &str) -> &str {
    let end = s
        .find([',', ';', ':', '(', ')', '.', '·', '|', '/', '、', '\n'])
        .unwrap_or(s.len());
    &s[..end]
}

/// The words of `s` are all filler (Korean particles after them allowed), the post's own
/// month (`May had 5 fixes`, `8월에는`) included.
fn only_filler(s: &str, own: Option<u8>) -> bool {
    s.split_whitespace().all(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let w = ["에는", "에도", "엔", "은", "는", "에", "간"]
            .iter()
            .find_map(|p| w.strip_suffix(p).filter(|r| !r.is_empty()))
            .unwrap_or(&w);
        w.is_empty() || FILLER.contains(&w) || (own.is_some() && month_label(w) == own)
    })
}

fn narrowed(post: &str) -> bool {
    let p = format!(" {} ", post.to_lowercase());
    NARROWING.iter().any(|w| p.contains(w))
}

/// A phrase at the end of `pre`, the rest before it filler: `버그 수정 6건`, `Bug fixes: 6`,
/// `이번 달 버그 수정 커밋 6개`; `fixed 6 bugs`.
fn named_before(
    pre: &str,
    post: &str,
    bug: bool,
    own: Option<u8>,
) -> Option<(TagKind, Option<Metric>)> {
    if narrowed(post) {
        return None;
    }
    let p = pre.trim_end().trim_matches('*').trim_end();
    if bug {
        let l = p.to_lowercase();
        let rest = l.strip_suffix("fixed")?;
        return only_filler(rest, own).then_some((TagKind::Fix, None));
    }
    // A metric word between the phrase and the number: `버그 수정 커밋 6개`.
    let mut metric = None;
    let mut p = p;
    for (w, m) in [("커밋", Metric::Commits), ("commits", Metric::Commits)] {
        if let Some(r) = strip_suffix_ci(p, w) {
            p = r.trim_end();
            metric = Some(m);
            break;
        }
    }
    for (kind, phrases) in PROSE {
        for ph in *phrases {
            if let Some(rest) = strip_suffix_ci(p, ph)
                && (rest.is_empty() || rest.ends_with(char::is_whitespace))
                && only_filler(rest, own)
            {
                return Some((*kind, metric));
            }
        }
    }
    None
}

/// A phrase right after the number, the clause before it filler: `6 fixes`, `6건의 버그
/// 수정`, `3 new features`.
fn named_after(
    pre: &str,
    post: &str,
    unit: Option<Unit>,
    own: Option<u8>,
) -> Option<(TagKind, Option<Metric>)> {
    if unit == Some("bug") || !only_filler(pre, own) {
        return None;
    }
    let a = post.trim_start();
    let a = a.strip_prefix('의').map_or(a, str::trim_start);
    for (kind, phrases) in PROSE {
        for ph in *phrases {
            let Some(rest) = strip_prefix_ci(a, ph) else {
                continue;
            };
            // A Korean phrase takes its particle (`버그 수정을`); an English one ends a word.
            let boundary = ph
                .chars()
                .next()
                .is_some_and(crate::post::numbers::is_hangul)
                || !rest.starts_with(|c: char| c.is_alphanumeric());
            if boundary && !narrowed(rest) {
                return Some((*kind, None));
            }
        }
    }
    None
}

fn strip_suffix_ci<'a>(s: &'a str, w: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(w.len())?;
    (s.is_char_boundary(cut) && s[cut..].eq_ignore_ascii_case(w)).then(|| &s[..cut])
}

fn strip_prefix_ci<'a>(s: &'a str, w: &str) -> Option<&'a str> {
    (s.len() >= w.len() && s.is_char_boundary(w.len()) && s[..w.len()].eq_ignore_ascii_case(w))
        .then(|| &s[w.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_of_items() {
        assert_eq!(
            tags("[app][refactor] split the module"),
            [TagKind::Refactor]
        );
        assert_eq!(tags("[app] chore: bump deps"), [TagKind::Chore]);
        assert_eq!(tags("feat(auth)!: new login"), [TagKind::Feat]);
        assert_eq!(tags("결제 오류 수정 (버그)"), [TagKind::Fix]);
        assert!(tags("버그: 로그인 실패").is_empty(), "a label line");
        assert_eq!(tags("🐛 fix: crash on start"), [TagKind::Fix]);
        assert!(tags("[환자] 예약 화면").is_empty());
        assert!(tags("결과: 성공").is_empty());
        assert!(tags("fix").is_empty(), "a bare word is no tag");
        assert_eq!(tags("[fix] docs: typo").len(), 2);
    }

    #[test]
    fn markers_of_many() {
        assert_eq!(times("fix: 결제 오류 (3개)"), Some(3.0));
        assert_eq!(times("fix: flaky test x2"), Some(2.0));
        assert_eq!(times("fix: flaky test (×3)"), Some(3.0));
        assert_eq!(times("fix: 페이지 5개 로딩"), None);
        assert_eq!(times("feat: 3명 초대 (3명)"), None);
        assert_eq!(times("fix: box2"), None);
    }

    #[test]
    fn labels_of_kinds() {
        assert_eq!(label_kind("chore (프로젝트 관리)"), Some(TagKind::Chore));
        assert_eq!(label_kind("**🐛 버그 수정**"), Some(TagKind::Fix));
        assert_eq!(label_kind("feat (새 기능)"), Some(TagKind::Feat));
        assert_eq!(label_kind("fix (문서)"), None);
        assert_eq!(label_kind("회의"), None);
    }

    #[test]
    fn prose_phrases() {
        assert_eq!(
            named_before("이번 달 버그 수정 ", "건", false, None).map(|x| x.0),
            Some(TagKind::Fix)
        );
        assert_eq!(
            named_before(clause_tail("Bug fixes: "), "", false, None).map(|x| x.0),
            Some(TagKind::Fix)
        );
        assert!(named_before("결제 모듈 버그 수정 ", "건", false, None).is_none());
        assert!(named_before("버그 수정 ", "건이 결제 모듈에서", false, None).is_none());
        assert_eq!(
            named_after("we shipped ", " fixes", None, None).map(|x| x.0),
            Some(TagKind::Fix)
        );
        assert!(named_after("", " fixes to the parser", None, None).is_none());
        assert_eq!(
            named_after("", "의 버그 수정을 했다", Some("건"), None).map(|x| x.0),
            Some(TagKind::Fix)
        );
        assert_eq!(
            named_before("we ", " bugs", true, None).map(|x| x.0),
            None,
            "bugs without fixed"
        );
        assert_eq!(
            named_before("We fixed ", "", true, None).map(|x| x.0),
            Some(TagKind::Fix)
        );
        assert_eq!(clause_tail("과 기능 추가 "), "기능 추가 ");
    }
}
