//! Counts stated over what follows: `### Backend (14 commits)` or `**개선 이슈 (3개):**`
//! against the rows or items of the table or list below, each weighted by its own
//! `(3개 커밋)`.

use super::sections::Cx;
use super::text::parens;
use super::types::{Count, Facts, Num};
use super::vocabulary::{is_more_row, is_partial, metric_in, unit_metric};
use crate::post::markdown::Block;
use crate::post::numbers;

/// `### Backend (14 commits)` or `**개선 이슈 (3개):**` over the table or list below it.
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
                    || t.chars().count() > 80
                {
                    continue;
                }
                (&p.text, p.span)
            }
            _ => continue,
        };
        let s = inl.text.trim_end().trim_end_matches(':').trim_end();
        if !s.ends_with(')') && !matches!(b, Block::Heading(_)) {
            continue;
        }
        // The last parenthesis holds the count: `(14 commits)`, `(8개 이슈)`, `(3개)`.
        let Some(body) = parens(&inl.text).into_iter().rev().find(|r| {
            let x = inl.text[r.clone()].trim();
            !x.is_empty()
        }) else {
            continue;
        };
        let inner = inl.text[body.clone()].trim();
        let qs = numbers::scan(inner);
        let [q] = qs.as_slice() else { continue };
        if q.range.len() != inner.len()
            && !(inner.ends_with("커밋") || inner.ends_with("이슈") || inner.ends_with("건"))
        {
            continue;
        }
        if !q.is_exact()
            || q.is_percent()
            || q.unit.is_none()
            || matches!(q.unit, Some("개월" | "주" | "원" | "$" | "시간" | "배"))
        {
            continue;
        }
        let s_full = &inl.text;
        if is_partial(s_full) {
            continue;
        }
        // The block that follows, skipping one short intro paragraph.
        let mut j = bi + 1;
        let mut intro_partial = false;
        if let Some(Block::Paragraph(p)) = doc.blocks.get(j) {
            let t = &doc.paragraphs[*p].text.text;
            intro_partial = is_partial(t);
            j += 1;
        }
        let mut qq = q.clone();
        let off =
            body.start + (inl.text[body.clone()].len() - inl.text[body.clone()].trim_start().len());
        qq.range = qq.range.start + off..qq.range.end + off;
        qq.num = qq.num.start + off..qq.num.end + off;
        let stated = Num::from_q(inl, &qq);
        match doc.blocks.get(j) {
            Some(Block::Table(t)) if !intro_partial => {
                let t = &doc.tables[*t];
                if t.rows
                    .iter()
                    .any(|r| could_be_more_row(r) && is_more_row(&r.span_text_hint()))
                {
                    continue;
                }
                // A count of commits over a table of issues counts something else.
                let header: Vec<&str> = t.header.cells.iter().map(|c| c.plain()).collect();
                if let (Some(a), Some(b)) = (unit_metric(q.unit), metric_in(&header.join(" ")))
                    && a != b
                {
                    continue;
                }
                let items = t
                    .rows
                    .iter()
                    .map(|r| {
                        (
                            r.span,
                            r.cells
                                .iter()
                                .map(|c| weight(&c.text.text))
                                .fold(1.0, f64::max),
                        )
                    })
                    .collect();
                f.counts.push(Count {
                    stated,
                    holder,
                    items,
                    of_table: true,
                });
            }
            Some(Block::List(l)) if !intro_partial => {
                let l = &doc.lists[*l];
                let items = l
                    .items
                    .iter()
                    .map(|&i| (doc.items[i].span, weight(&doc.items[i].text.text)))
                    .collect();
                f.counts.push(Count {
                    stated,
                    holder,
                    items,
                    of_table: false,
                });
            }
            _ => {}
        }
    }
}

/// Whether a row has what [`is_more_row`] looks for (`...`, `…`, `외`, `more`), without
/// joining its cells.
fn could_be_more_row(r: &crate::post::markdown::Row) -> bool {
    static MARKS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| crate::post::word_finder(["...", "…", "외", "more"]));
    r.cells.iter().any(|c| MARKS.is_match(&c.text.text))
}

trait RowHint {
    fn span_text_hint(&self) -> String;
}
impl RowHint for crate::post::markdown::Row {
    fn span_text_hint(&self) -> String {
        let mut s = String::new();
        for c in &self.cells {
            s.push_str(&c.text.text);
            s.push(' ');
        }
        s
    }
}

/// `(3개 커밋)` or `(3 commits)` at the end of a row or item counts 3.
fn weight(s: &str) -> f64 {
    let t = s.trim_end();
    if let Some(body) = parens(t).last()
        && body.end + 1 == t.len()
    {
        let inner = t[body.clone()].trim();
        let qs = numbers::scan(inner);
        if let [q] = qs.as_slice()
            && q.range.start == 0
            && q.is_exact()
            && (q.unit == Some("commit") || inner.ends_with("커밋") || inner.ends_with("commits"))
            && q.value >= 1.0
        {
            return q.value;
        }
    }
    1.0
}
