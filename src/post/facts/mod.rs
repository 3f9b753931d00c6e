//! Quantitative claims of one post, extracted once from the model and shared by every
//! numeric rule: totals with their parts, counts of what follows, figures per metric and
//! scope, shares, averages, superlatives and trends.
//!
//! Extraction is linear in the size of the post: every inline is scanned once, tables and
//! lists are walked once, and section lookups are binary searches over heading offsets.

mod averages;
mod based_percents;
mod changes;
mod counts;
mod figures;
mod format;
mod inline_sums;
mod lists;
mod month_lines;
mod prose_shares;
mod ratios;
mod scopes;
mod sections;
mod superlatives;
mod tables;
mod tallies;
mod text;
mod total_lines;
mod trends;
mod types;
mod vocabulary;
mod words;

pub use changes::{Change, KeyedFigure, Previous, keyed_figures};
pub use format::{fmt, fmt_as};
pub use scopes::canonical_scope;
pub use trends::StatedChange;
pub use types::{
    Average, Count, Facts, Figure, Metric, MonthRow, Num, Part, PartKind, Ratio, Share, ShareOf,
    SiteFigure, Sum, SumShape, Superlative, TagGroup, TagKind, TaggedItem, Tally, Trend,
    YearFigure, site_figures,
};
pub use vocabulary::{clean_label, compatible, metric_in, month_label, quarter_label};

use super::markdown::{Document, Inline};
use super::numbers;
use averages::{averages, daily_averages, key_value_daily};
use counts::heading_counts;
use figures::figures;
use inline_sums::{arrow_changes, paren_sum};
use lists::list_blocks;
use ratios::ratios;
use sections::{Cx, Sections};
use superlatives::superlative_claims;
use tables::{table_facts, year_rows};
use text::parens;
use trends::trends;

// ---------------------------------------------------------------------------------------
// Extraction

/// Extract the facts of a post's document. `months` is the length of the post's period.
pub fn extract(doc: &Document, months: Option<f64>, own_month: Option<u8>) -> Facts {
    let cx = Cx {
        doc,
        sec: Sections::new(doc),
        months,
        own_month,
    };
    let mut f = Facts::default();
    for p in &doc.paragraphs {
        inline_facts(&cx, &p.text, None, &mut f);
    }
    for h in &doc.headings {
        inline_facts(&cx, &h.text, None, &mut f);
    }
    for it in &doc.items {
        inline_facts(&cx, &it.text, None, &mut f);
    }
    for line in doc.text_lines() {
        inline_facts(&cx, line, None, &mut f);
    }
    for t in &doc.tables {
        for r in &t.rows {
            let label = r.cells.first().map(|c| c.plain()).unwrap_or("");
            for (ci, c) in r.cells.iter().enumerate().skip(1) {
                let head = t.header.cells.get(ci).map(|c| c.plain()).unwrap_or("");
                inline_facts(&cx, &c.text, Some((label, head)), &mut f);
            }
        }
    }
    list_blocks(&cx, &mut f);
    heading_counts(&cx, &mut f);
    // Month tables per parent section: a parent's total fits a month table only when it
    // is the only one there.
    let mut per_parent: std::collections::HashMap<Option<usize>, usize> = Default::default();
    for t in &doc.tables {
        let months = t
            .rows
            .iter()
            .filter(|r| {
                r.cells
                    .first()
                    .is_some_and(|c| month_label(c.plain()).is_some())
            })
            .count();
        if months >= 2 {
            *per_parent
                .entry(cx.sec.chain(t.span.start).get(1).copied())
                .or_default() += 1;
        }
    }
    for (ti, t) in doc.tables.iter().enumerate() {
        let shared = per_parent
            .get(&cx.sec.chain(t.span.start).get(1).copied())
            .is_some_and(|&n| n > 1);
        table_facts(&cx, ti, t, shared, &mut f);
    }
    month_lines::month_lines(&cx, &mut f);
    prose_shares::prose_shares(&cx, &mut f);
    prose_shares::breakdown_sums(&cx, &mut f);
    total_lines::total_lines(&cx, &mut f);
    averages(&cx, &mut f);
    daily_averages(&cx, &mut f);
    key_value_daily(&cx, &mut f);
    for t in &doc.tables {
        year_rows(t, &mut f);
    }
    changes::comparison_tables(&cx, &mut f);
    changes::drop_ambiguous(&mut f);
    tallies::tallies(&cx, &mut f);
    f
}

/// Facts inside one inline run: sums in parentheses, figures, shares, superlatives, trends.
/// `cell` is the row label and column header when the run is a table cell.
fn inline_facts(cx: &Cx, inl: &Inline, cell: Option<(&str, &str)>, f: &mut Facts) {
    let s = inl.text.as_str();
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let qs = numbers::scan(s);
    if qs.is_empty() {
        return;
    }
    let at = inl.span().start;
    let sec_metric = cx.section_metric(at);
    for body in parens(s) {
        paren_sum(cx, inl, &qs, body, cell, sec_metric, f);
    }
    figures(cx, inl, &qs, cell, sec_metric, f);
    arrow_changes(inl, &qs, f);
    based_percents::based_percents(inl, &qs, f);
    trends(inl, &qs, f);
    ratios(inl, &qs, f);
    superlative_claims(cx, inl, &qs, sec_metric, f);
    changes::changes(cx, inl, &qs, cell, f);
}

#[cfg(test)]
mod tests;
