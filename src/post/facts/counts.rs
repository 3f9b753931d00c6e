//! Counts stated over what follows: `### Backend (14 commits)`, `**개선 이슈 (3개):**` or
//! "We fixed 7 bugs this month:" against the rows or items of the table or list below.
//!
//! A count is checked only when the items are the counted things. Items that carry their
//! own numbers (`- app-server: 9개`) add up their numbers; an item marked `(3개)`, `(2편)`
//! or `x2` counts that many; lists under bold lines of one group (`**서버**`, `**웹**`)
//! add up; a list introduced by a line that names something else (`작업 내용:`,
//! `Highlights:`) holds work or themes, not the counted things, and is not counted.

use super::lists::kv_item;
use super::sections::{Cx, is_bold_line};
use super::tables::cell_value;
use super::text::parens;
use super::types::{Count, Facts, Metric, Num};
use super::vocabulary::{compatible, is_more_row, is_partial, metric_in, number_word, unit_metric};
use crate::post::markdown::{Block, Document, Inline, Table};
use crate::post::numbers::{self, Approx, Unit};

/// Units that count things a list or table can hold one per row: never durations, money,
/// percentages or lines of code.
fn counts_things(u: Option<Unit>) -> bool {
    matches!(
        u,
        Some(
            "개" | "건"
                | "명"
                | "commit"
                | "issue"
                | "pr"
                | "post"
                | "user"
                | "visitor"
                | "item"
                | "task"
                | "bug"
                | "ticket"
        )
    )
}

/// What a count states: its number, its unit and the metric it counts.
struct Stated {
    num: Num,
    unit: Option<Unit>,
    metric: Option<Metric>,
    /// Stated in a sentence ("We fixed 7 bugs:"): the list must follow right after it.
    prose: bool,
}

/// `### Backend (14 commits)`, `**개선 이슈 (3개):**` or a sentence ending with a count and
/// a colon, over the table or list below it.
pub(super) fn heading_counts(cx: &Cx, f: &mut Facts) {
    let doc = cx.doc;
    for (bi, b) in doc.blocks.iter().enumerate() {
        let (inl, holder) = match *b {
            Block::Heading(i) => (&doc.headings[i].text, doc.headings[i].span),
            Block::Paragraph(i) => {
                let p = &doc.paragraphs[i];
                let t = p.text.text.trim_end();
                if !(t.ends_with(':') || t.ends_with(')'))
                    || t.contains('\n')
                    || t.chars().count() > 200
                {
                    continue;
                }
                (&p.text, p.span)
            }
            _ => continue,
        };
        let Some(stated) = paren_count(inl, matches!(b, Block::Heading(_)))
            .or_else(|| prose_count(inl, matches!(b, Block::Paragraph(_))))
        else {
            continue;
        };
        if is_partial(&inl.text) {
            continue;
        }
        let Some(got) = counted_items(doc, bi, &stated) else {
            continue;
        };
        f.counts.push(Count {
            stated: stated.num,
            holder,
            items: got.items,
            of_table: got.of_table,
            carried: got.carried,
        });
    }
}

/// The count in the last parenthesis of a heading or label line: `(14 commits)`,
/// `(8개 이슈)`, `(3개)`.
fn paren_count(inl: &Inline, heading: bool) -> Option<Stated> {
    let s = inl.text.trim_end().trim_end_matches(':').trim_end();
    if !s.ends_with(')') && !heading {
        return None;
    }
    let body = parens(&inl.text)
        .into_iter()
        .rev()
        .find(|r| !inl.text[r.clone()].trim().is_empty())?;
    let inner = inl.text[body.clone()].trim();
    let qs = numbers::scan(inner);
    let [q] = qs.as_slice() else { return None };
    if q.range.len() != inner.len()
        && !(inner.ends_with("커밋") || inner.ends_with("이슈") || inner.ends_with("건"))
    {
        return None;
    }
    if !q.is_exact() || !counts_things(q.unit) {
        return None;
    }
    let off = body.start + (inl.text[body.clone()].len() - inl.text[body].trim_start().len());
    let mut qq = q.clone();
    qq.range = qq.range.start + off..qq.range.end + off;
    qq.num = qq.num.start + off..qq.num.end + off;
    Some(Stated {
        num: Num::from_q(inl, &qq),
        unit: q.unit,
        metric: unit_metric(q.unit).or_else(|| metric_in(&inl.text)),
        prose: false,
    })
}

/// Words that make a sentence's count something other than the items that follow: they
/// point back (`these 4 improvements`), select (`my favourite`), or measure a rate.
const NOT_THE_ITEMS: &[&str] = &[
    "these",
    "those",
    "above",
    "previous",
    "favorite",
    "favourite",
    "main",
    "key",
    "each",
    "every",
    "per ",
    "average",
    "over ",
    "more than",
    "at least",
    "almost",
    "nearly",
    "around",
    "about",
    "a few",
    "several",
    "other",
    "이런",
    "이러한",
    "위의",
    "앞의",
    "평균",
];

/// A sentence that ends with a colon right before a list and states how many items it
/// holds: "We fixed 7 bugs this month:", "Three releases went out:", "버그 7개를 고쳤습니다:".
/// Exactly one count in the sentence, followed by a plural noun (or a Korean counter).
fn prose_count(inl: &Inline, paragraph: bool) -> Option<Stated> {
    let t = inl.text.trim_end();
    if !paragraph || !t.ends_with(':') {
        return None;
    }
    // The last sentence.
    let start = [". ", "! ", "? "]
        .iter()
        .filter_map(|m| t.rfind(m).map(|i| i + m.len()))
        .max()
        .unwrap_or(0);
    let sentence = &t[start..t.len() - 1];
    let lower = sentence.to_lowercase();
    if NOT_THE_ITEMS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let mut found: Vec<(f64, std::ops::Range<usize>, Option<Unit>)> = Vec::new();
    let qs = numbers::scan(sentence);
    for q in &qs {
        let rest = &sentence[q.range.end..];
        let counted = if q.unit.is_some() {
            counts_things(q.unit)
        } else {
            plural_noun_follows(rest) || rest.starts_with("가지")
        };
        if q.is_exact() && !q.signed && q.value >= 1.0 && q.value.fract() == 0.0 && counted {
            found.push((q.value, q.range.clone(), q.unit));
        } else if !q.is_percent() {
            // Another number in the sentence (a year, a duration): not a plain count.
            return None;
        }
    }
    let mut at = 0;
    for w in sentence.split_inclusive(|c: char| !c.is_alphanumeric()) {
        let word = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        if let Some(n) = number_word(word)
            && plural_noun_follows(&sentence[at + word.len()..])
        {
            found.push((f64::from(n), at..at + word.len(), None));
        }
        at += w.len();
    }
    let [(value, range, unit)] = found.as_slice() else {
        return None;
    };
    let r = range.start + start..range.end + start;
    let num = Num {
        value: *value,
        decimals: 0,
        approx: Approx::Exact,
        unit: *unit,
        span: inl.span_of(r.clone()),
        num_span: inl.span_of(r),
    };
    Some(Stated {
        num,
        unit: *unit,
        metric: unit_metric(*unit).or_else(|| metric_in(sentence)),
        prose: true,
    })
}

/// `bugs this month`, ` new features went out`: a plural noun within the next two words.
fn plural_noun_follows(rest: &str) -> bool {
    if !rest.starts_with(' ') {
        return false;
    }
    rest.split_whitespace().take(2).any(|w| {
        let w = w.trim_end_matches([',', ':', ';']);
        w.len() > 2 && w.ends_with('s') && w.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
    })
}

type Items = Vec<(crate::source::Span, f64)>;

/// What a count is checked against.
struct Counted {
    items: Items,
    of_table: bool,
    /// The items carry the numbers that were added (a count column, `label: N` items).
    carried: bool,
}

/// The rows or items that follow block `bi`, each with its weight, and whether they are
/// table rows. `None` when what follows is not the counted things.
fn counted_items(doc: &Document, bi: usize, stated: &Stated) -> Option<Counted> {
    let mut j = bi + 1;
    // One intro line may come first; the list is the counted things only when it says so.
    if let Some(Block::Paragraph(p)) = doc.blocks.get(j) {
        let inl = &doc.paragraphs[*p].text;
        if stated.prose {
            return None;
        }
        if !is_bold_line(inl) {
            if is_partial(&inl.text)
                || stated.metric.is_none()
                || metric_in(&inl.text) != stated.metric
            {
                return None;
            }
            j += 1;
        }
    }
    // Then one list or table, or several, each under a bold line naming a part of the
    // group (`**서버**`, `**웹**`), added up.
    let mut items = Vec::new();
    let mut of_table = false;
    let mut carried = false;
    let mut groups = 0;
    let mut bold_groups = 0;
    loop {
        let under_bold = match doc.blocks.get(j) {
            Some(Block::Paragraph(p))
                if !stated.prose
                    && is_bold_line(&doc.paragraphs[*p].text)
                    && matches!(
                        doc.blocks.get(j + 1),
                        Some(Block::List(_) | Block::Table(_))
                    ) =>
            {
                if is_partial(&doc.paragraphs[*p].text.text) {
                    return None;
                }
                j += 1;
                true
            }
            _ => false,
        };
        if bold_groups > 0 && !under_bold {
            break;
        }
        let (mut got, c) = match doc.blocks.get(j) {
            Some(Block::Table(t)) => {
                of_table = true;
                table_rows(&doc.tables[*t], stated)?
            }
            Some(Block::List(l)) => list_items(doc, *l, stated)?,
            _ => break,
        };
        carried |= c;
        items.append(&mut got);
        groups += 1;
        j += 1;
        if !under_bold {
            // A list split in two (a marker changed, an item badly indented) is read as
            // two lists: which of them the count covers is a guess.
            if matches!(doc.blocks.get(j), Some(Block::List(_))) {
                return None;
            }
            break;
        }
        bold_groups += 1;
    }
    // One list under one bold line is a selection named by it, not a group of parts.
    (groups > 0 && bold_groups != 1).then_some(Counted {
        items,
        of_table,
        carried,
    })
}

/// The rows of a table with their weights: the values of a column counting the same thing
/// (`| app-server | 9 |` under `커밋`), else one per row (`(3개 커밋)` counts 3).
/// The flag says whether the weights are numbers the rows carry.
fn table_rows(t: &Table, stated: &Stated) -> Option<(Items, bool)> {
    if t.rows
        .iter()
        .any(|r| could_be_more_row(r) && is_more_row(&row_text(r)))
    {
        return None;
    }
    // A count of commits over a table of issues counts something else.
    let header: Vec<&str> = t.header.cells.iter().map(|c| c.plain()).collect();
    if let (Some(a), Some(b)) = (unit_metric(stated.unit), metric_in(&header.join(" ")))
        && a != b
    {
        return None;
    }
    // A column counting the same thing (`커밋`, `개수`) with a count on every row.
    for (c, head) in header.iter().enumerate().skip(1) {
        let named = stated.metric.is_some() && metric_in(head) == stated.metric
            || matches!(
                head.to_lowercase().as_str(),
                "개수" | "건수" | "수" | "count"
            );
        if !named {
            continue;
        }
        let vals: Vec<Option<f64>> = t
            .rows
            .iter()
            .map(|r| {
                let q = r.cells.get(c).and_then(cell_value).flatten()?;
                (q.is_exact() && !q.is_percent() && !q.signed).then_some(q.value)
            })
            .collect();
        match vals.iter().flatten().count() {
            0 => continue,
            n if n == vals.len() => {
                let rows = t.rows.iter().map(|r| r.span);
                return Some((rows.zip(vals.into_iter().flatten()).collect(), true));
            }
            // Counts on some rows only: which rows stand for how many is a guess.
            _ => return None,
        }
    }
    let rows = t.rows.iter().map(|r| {
        let w = r
            .cells
            .iter()
            .map(|c| weight(&c.text.text, stated))
            .fold(1.0, f64::max);
        (r.span, w)
    });
    Some((rows.collect(), false))
}

/// The items of a list with their weights: the numbers they carry (`- app-server: 9개`)
/// when every item carries one, else one per item (`(3개)` and `x2` count that many).
/// The flag says whether the weights are numbers the items carry.
fn list_items(doc: &Document, l: usize, stated: &Stated) -> Option<(Items, bool)> {
    let items: Vec<&crate::post::markdown::Item> =
        doc.lists[l].items.iter().map(|&i| &doc.items[i]).collect();
    let carried: Vec<Option<f64>> = items
        .iter()
        .map(|it| {
            let (_, q, _) = kv_item(&it.text)?;
            (q.is_exact() && !q.is_percent() && q.unit.is_some() && compatible(q.unit, stated.unit))
                .then_some(q.value)
        })
        .collect();
    let n = carried.iter().flatten().count();
    if n == items.len() && n > 0 && stated.metric.is_some() {
        let spans = items.iter().map(|it| it.span);
        return Some((spans.zip(carried.into_iter().flatten()).collect(), true));
    }
    if n > 0 {
        // Some items carry a number and some do not, or the count does not say what it
        // counts (`5개` repositories over `- api: 9개` commits): which to count is a guess.
        return None;
    }
    let weighted: Items = items
        .iter()
        .map(|it| (it.span, weight(&it.text.text, stated)))
        .collect();
    // Every item holding a list of its own: the items may be groups (`- 서버` over its
    // issues) or the counted things with details under them. The level whose count is
    // stated is the one counted; when neither is, which one was meant is a guess.
    if items.iter().all(|it| !it.children.is_empty()) {
        let nested: Items = items
            .iter()
            .flat_map(|it| it.children.iter().map(|&c| &doc.items[c]))
            .map(|it| (it.span, weight(&it.text.text, stated)))
            .collect();
        let total = |x: &Items| x.iter().map(|(_, w)| w).sum::<f64>();
        let is = |x: &Items| (total(x) - stated.num.value).abs() < 1e-9;
        return if is(&weighted) {
            Some((weighted, false))
        } else if is(&nested) {
            Some((nested, false))
        } else {
            None
        };
    }
    Some((weighted, false))
}

/// Whether a row has what [`is_more_row`] looks for (`...`, `…`, `외`, `more`), without
/// joining its cells.
fn could_be_more_row(r: &crate::post::markdown::Row) -> bool {
    static MARKS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| crate::post::word_finder(["...", "…", "외", "more"]));
    r.cells.iter().any(|c| MARKS.is_match(&c.text.text))
}

fn row_text(r: &crate::post::markdown::Row) -> String {
    let mut s = String::new();
    for c in &r.cells {
        s.push_str(&c.text.text);
        s.push(' ');
    }
    s
}

/// How many of the counted things one row or item stands for: `(3개 커밋)`, `(3 commits)`,
/// `(3개)`, `(2편)` or `x2` at its end count that many; anything else counts 1.
fn weight(s: &str, stated: &Stated) -> f64 {
    let t = s.trim_end();
    if let Some(n) = times_marker(t) {
        return n;
    }
    // Only a parenthesis closing the text counts; most rows and items have none.
    if !t.ends_with(')') {
        return 1.0;
    }
    if let Some(body) = parens(t).last()
        && body.end + 1 == t.len()
    {
        let inner = t[body.clone()].trim();
        let qs = numbers::scan(inner);
        if let [q] = qs.as_slice()
            && q.range.start == 0
            && q.is_exact()
            && q.value >= 1.0
            && q.value.fract() == 0.0
        {
            let rest = inner[q.range.end..].trim();
            // `(3개)` under a count of `개`; under `(39 commits)` a bare `(5개)` is a detail
            // of the entry (a limit of 5), not 5 commits.
            let same_unit = q.unit.is_some() && rest.is_empty() && q.unit == stated.unit;
            let named = (rest == "커밋" || rest == "commits" || q.unit == Some("commit"))
                && stated.metric.is_none_or(|m| m == Metric::Commits);
            // `(2편)`, `(3권)`: a bare number with a Korean counter of works or things
            // (never `(31뷰)`: views of one item).
            let counter = q.unit.is_none()
                && matches!(rest, "편" | "권" | "곡" | "종" | "가지")
                && inner[q.num.end..].starts_with(rest);
            if same_unit || named || counter {
                return q.value;
            }
        }
    }
    1.0
}

/// `x2`, `×3`, `(x2)` at the end of an item.
fn times_marker(t: &str) -> Option<f64> {
    let t = t.strip_suffix(')').map_or(t, |x| x.trim_end());
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let head = &t[..t.len() - digits];
    let head = head
        .strip_suffix('x')
        .or_else(|| head.strip_suffix('×'))
        .or_else(|| head.strip_suffix('X'))?;
    if !(head.ends_with(' ') || head.ends_with('(')) {
        return None;
    }
    let n: f64 = t[t.len() - digits..].parse().ok()?;
    (n >= 1.0).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::times_marker;

    #[test]
    fn multiplicity_markers() {
        assert_eq!(times_marker("결제 오류 수정 x2"), Some(2.0));
        assert_eq!(times_marker("Fix flaky test (×3)"), Some(3.0));
        assert_eq!(times_marker("Upgrade to v2"), None);
        assert_eq!(times_marker("box2"), None);
    }
}
