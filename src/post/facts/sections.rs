//! Where an offset of the post lies: the section holding it, the chain of headings above
//! it, and what those headings say (a metric, a scope, a whole year, a summary).

use super::types::Metric;
use super::vocabulary::{heading_scope, is_summary_heading, metric_in, month_label};
use crate::post::markdown::Document;
use crate::source::Span;

pub(super) struct Sections {
    /// (start offset, level, heading index), in order.
    heads: Vec<(usize, u8, usize)>,
    /// For each heading, its parent heading (a lower level before it).
    parent: Vec<Option<usize>>,
}

impl Sections {
    pub(super) fn new(doc: &Document) -> Sections {
        let mut heads = Vec::new();
        let mut parent = Vec::new();
        let mut stack: Vec<(u8, usize)> = Vec::new();
        for (i, h) in doc.headings.iter().enumerate() {
            while stack.last().is_some_and(|&(l, _)| l >= h.level) {
                stack.pop();
            }
            parent.push(stack.last().map(|&(_, j)| j));
            stack.push((h.level, i));
            heads.push((h.span.start, h.level, i));
        }
        Sections { heads, parent }
    }
    /// The heading whose section holds offset `at`.
    pub(super) fn at(&self, at: usize) -> Option<usize> {
        let i = self.heads.partition_point(|&(s, _, _)| s <= at);
        i.checked_sub(1).map(|j| self.heads[j].2)
    }
    /// The heading chain from the section of `at` up to the top.
    pub(super) fn chain(&self, at: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut h = self.at(at);
        while let Some(i) = h {
            out.push(i);
            h = self.parent[i];
            if out.len() > 8 {
                break;
            }
        }
        out
    }
}

pub(super) struct Cx<'a> {
    pub(super) doc: &'a Document,
    pub(super) sec: Sections,
    pub(super) months: Option<f64>,
    /// The month of a post about one calendar month: naming it is not another period.
    pub(super) own_month: Option<u8>,
}

/// `2023년 총 결산`, `2023 in numbers`, `2023 summary`: a heading about a whole year.
fn year_heading(h: &str) -> Option<i16> {
    let b = h.as_bytes();
    for i in 0..b.len().saturating_sub(3) {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4)
                .is_none_or(|c| !c.is_ascii_digit() && !matches!(c, b'.' | b'-' | b'/'))
        {
            let y: i16 = h[i..i + 4].parse().ok()?;
            let rest = h[i + 4..].trim_start();
            let yearly = rest.starts_with('년')
                || rest.starts_with("in ")
                || rest.starts_with("summary")
                || rest.starts_with("recap");
            if (2000..2100).contains(&y)
                && yearly
                && (h.contains("결산")
                    || h.contains("총")
                    || h.contains("전체")
                    || h.to_lowercase().contains("numbers")
                    || h.to_lowercase().contains("summary")
                    || h.to_lowercase().contains("total"))
            {
                return Some(y);
            }
        }
    }
    None
}

impl Cx<'_> {
    /// The year a section of a post shorter than a year is about, from its headings.
    pub(super) fn section_year(&self, at: usize) -> Option<i16> {
        self.own_month?;
        self.sec
            .chain(at)
            .into_iter()
            .find_map(|h| year_heading(self.heading_text(h)))
    }
    /// A word naming a month other than the post's own.
    pub(super) fn other_month(&self, w: &str) -> bool {
        month_label(w.trim_matches(|c: char| !c.is_alphanumeric()))
            .is_some_and(|m| Some(m) != self.own_month)
    }
    fn heading_text(&self, i: usize) -> &str {
        &self.doc.headings[i].text.text
    }
    /// The metric named by the section of `at` (its heading or a parent's).
    pub(super) fn section_metric(&self, at: usize) -> Option<Metric> {
        self.sec
            .chain(at)
            .into_iter()
            .find_map(|h| metric_in(self.heading_text(h)))
    }
    /// What a figure without a scope word in its own text is about, from its section:
    /// the post as a whole (summary sections), a component (`### Frontend`), or unknown.
    pub(super) fn section_scope(&self, at: usize) -> Option<String> {
        let chain = self.sec.chain(at);
        if chain.is_empty() {
            return Some("total".into());
        }
        for &h in &chain {
            let t = self.heading_text(h);
            if let Some(s) = heading_scope(t) {
                return Some(s.into());
            }
            if is_summary_heading(t) {
                continue;
            }
            return None;
        }
        Some("total".into())
    }
    /// Whether offset `at` lies in a section about the post as a whole.
    pub(super) fn in_summary(&self, at: usize) -> bool {
        let chain = self.sec.chain(at);
        chain.is_empty()
            || (chain
                .iter()
                .all(|&h| heading_scope(self.heading_text(h)).is_none())
                && is_summary_heading(self.heading_text(chain[0])))
            || self
                .doc
                .paragraphs
                .first()
                .is_some_and(|p| p.span.contains_offset(at))
    }
}

trait Contains {
    fn contains_offset(&self, at: usize) -> bool;
}
impl Contains for Span {
    fn contains_offset(&self, at: usize) -> bool {
        self.start <= at && at < self.end
    }
}
