//! Where an offset of the post lies: the section holding it, the chain of headings above
//! it, and what those headings say (a metric, a scope, a whole year, a summary).

use super::scopes::{heading_scope, part_name};
use super::types::Metric;
use super::vocabulary::{is_summary_heading, metric_in, month_label, unit_metric};
use crate::post::markdown::{Block, Document};
use crate::post::numbers;
use crate::source::Span;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

/// Headings under one parent, at one level, counting one metric.
type Siblings = (Option<usize>, u8, Metric);

pub(super) struct Sections {
    /// (start offset, level, heading index), in order.
    heads: Vec<(usize, u8, usize)>,
    /// For each heading, its parent heading (a lower level before it).
    parent: Vec<Option<usize>>,
    /// Headings by parent, in order.
    kids: HashMap<Option<usize>, Vec<usize>>,
    /// For each heading, read when first needed: the metric it counts and the part it
    /// names (`### app-server 커밋`: commits, `app-server`).
    named: Vec<OnceCell<Option<(Metric, String)>>>,
    /// How many headings under one parent, at one level, name a part and count a metric.
    parallel: RefCell<HashMap<Siblings, usize>>,
    /// Start offset of each top-level block, and the part named by the bold line right
    /// before a list or table, when the section has several such groups.
    block_starts: Vec<usize>,
    block_part: Vec<Option<String>>,
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
        let mut kids: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
        for (i, p) in parent.iter().enumerate() {
            kids.entry(*p).or_default().push(i);
        }
        let (block_starts, block_part) = bold_groups(doc);
        Sections {
            heads,
            parent,
            kids,
            named: (0..doc.headings.len()).map(|_| OnceCell::new()).collect(),
            parallel: RefCell::default(),
            block_starts,
            block_part,
        }
    }
    fn named(&self, doc: &Document, h: usize) -> Option<&(Metric, String)> {
        self.named[h]
            .get_or_init(|| {
                let t = &doc.headings[h].text.text;
                let metric = metric_in(t).or_else(|| {
                    numbers::scan(t)
                        .iter()
                        .rev()
                        .find_map(|q| unit_metric(q.unit))
                })?;
                Some((metric, part_name(t)?))
            })
            .as_ref()
    }
    /// The part heading `h` names when it is one of parallel sections: it and a sibling
    /// (same parent, same level) each name a part and count the same metric
    /// (`### app-server 커밋` beside `### app-web 커밋`, `### api (12 commits)` beside
    /// `### web (30 commits)`). Each heading is read at most once.
    fn head_part(&self, doc: &Document, h: usize) -> Option<String> {
        let (metric, name) = self.named(doc, h)?;
        let level = doc.headings[h].level;
        let key = (self.parent[h], level, *metric);
        let known = self.parallel.borrow().get(&key).copied();
        let n = known.unwrap_or_else(|| {
            let n = self.kids[&self.parent[h]]
                .iter()
                .filter(|&&j| {
                    doc.headings[j].level == level
                        && self.named(doc, j).is_some_and(|(m, _)| m == metric)
                })
                .count();
            self.parallel.borrow_mut().insert(key, n);
            n
        });
        (n >= 2).then(|| name.clone())
    }
    /// The part offset `at` is about, when the post's structure names one: the item a
    /// nested item sits under, the bold line heading its list or table among parallel
    /// ones, or a heading among parallel sections. A total stated there is that part's.
    pub(super) fn part_at(&self, doc: &Document, at: usize) -> Option<String> {
        let i = doc.items.partition_point(|it| it.span.start <= at);
        if let Some(it) = i.checked_sub(1).map(|i| &doc.items[i])
            && it.span.start <= at
            && at < it.span.end
            && let Some(parent) = doc.lists.get(it.list).and_then(|l| l.parent)
            && let Some(name) = part_name(&doc.items[parent].text.text)
        {
            return Some(name);
        }
        let b = self.block_starts.partition_point(|&s| s <= at);
        if let Some(p) = b.checked_sub(1).and_then(|b| self.block_part[b].clone()) {
            return Some(p);
        }
        self.chain(at)
            .into_iter()
            .find_map(|h| self.head_part(doc, h))
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

/// Lists and tables each headed by a bold line naming a part (`**app-server**`, then its
/// items), where a section has at least two such groups.
fn bold_groups(doc: &Document) -> (Vec<usize>, Vec<Option<String>>) {
    let starts: Vec<usize> = doc
        .blocks
        .iter()
        .map(|&b| doc.block_span(b).start)
        .collect();
    let mut parts: Vec<Option<String>> = vec![None; doc.blocks.len()];
    let mut section: Vec<usize> = Vec::new();
    // A section with one bold-headed group names no parallel parts.
    let flush = |section: &mut Vec<usize>, parts: &mut Vec<Option<String>>| {
        if section.len() < 2 {
            for &b in section.iter() {
                parts[b] = None;
            }
        }
        section.clear();
    };
    for (bi, b) in doc.blocks.iter().enumerate() {
        match *b {
            Block::Heading(_) => flush(&mut section, &mut parts),
            Block::List(_) | Block::Table(_) => {
                if let Some(Block::Paragraph(p)) = doc.block_before(bi)
                    && let Some(name) = bold_line(&doc.paragraphs[p].text)
                {
                    parts[bi] = Some(name);
                    section.push(bi);
                }
            }
            Block::Paragraph(_) => {}
        }
    }
    flush(&mut section, &mut parts);
    (starts, parts)
}

/// A paragraph that is one bold run naming a part (`**app-server**`, `**app-web:**`).
fn bold_line(inl: &crate::post::markdown::Inline) -> Option<String> {
    is_bold_line(inl).then(|| part_name(inl.text.trim_end()))?
}

/// A paragraph that is one short bold run: a sub-heading of a group (`**서버**`,
/// `**Web:**`).
pub(super) fn is_bold_line(inl: &crate::post::markdown::Inline) -> bool {
    let t = inl.text.trim_end();
    let lead = inl.text.len() - inl.text.trim_start().len();
    let body = t.trim_end_matches(':').trim_end().len();
    !t.contains('\n')
        && t.chars().count() <= 60
        && inl.strong.iter().any(|r| r.start <= lead && r.end >= body)
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
    /// The part offset `at` is about (see [`Sections::part_at`]), canonical.
    pub(super) fn part_scope(&self, at: usize) -> Option<String> {
        let name = self.sec.part_at(self.doc, at)?;
        Some(super::scopes::canonical_scope(&name, &Default::default()))
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
