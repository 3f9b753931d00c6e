//! Go to definition: from a link to the post it resolves to (the site index's link
//! resolution, as `broken-internal-link` reads it), and from a month row or a figure for a
//! year to that period's own post, at the figure it states.

use super::documents::{Doc, State, path_to_uri};
use super::hover::row_month;
use crate::post::facts::Metric;
use crate::post::period::{Kind, Period};
use crate::site::{Broken, Resolution, Site, SitePost};
use crate::source::Span;
use lsp_types::{GotoDefinitionResponse, Location, Position, Range};

pub fn definition(
    doc: &Doc,
    offset: usize,
    site: &Site,
    state: &State,
) -> Option<GotoDefinitionResponse> {
    let post = doc.post.as_ref()?;
    let at = |s: Span| s.start <= offset && offset <= s.end;
    if let Some(link) = post.doc.links.iter().find(|l| at(l.span)) {
        let i = match site.resolve(&post.path, &link.dest) {
            Resolution::Post(i)
            | Resolution::Broken(Broken::Case(i))
            | Resolution::Broken(Broken::Unbuilt(i)) => i,
            _ => return None,
        };
        return location(&site.posts[i], None, state).map(GotoDefinitionResponse::Scalar);
    }
    let facts = &post.facts;
    let (kind, period, metric) = if let Some(r) = facts.month_rows.iter().find(|r| at(r.num.span)) {
        (Kind::Monthly, row_month(r, post.period.period)?, r.metric)
    } else if let Some(y) = facts.year_figures.iter().find(|y| at(y.num.span)) {
        (Kind::Annual, Period::year(y.year)?, y.metric)
    } else {
        return None;
    };
    let found: Vec<Location> = site
        .overlapping(kind, period)
        .into_iter()
        .map(|i| &site.posts[i])
        .filter(|p| p.path != post.path && p.period == Some(period))
        .filter_map(|p| location(p, Some(metric), state))
        .collect();
    match found.len() {
        0 => None,
        1 => found.into_iter().next().map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(found)),
    }
}

/// Where to go in a post: the total it states for `metric`, else its title's period, else
/// its top. Exact (UTF-16) when the post is open; else from its line and character column.
fn location(p: &SitePost, metric: Option<Metric>, state: &State) -> Option<Location> {
    let loc = metric
        .and_then(|m| {
            p.figures
                .iter()
                .find(|f| f.metric == m && f.month.is_none())
                .map(|f| (f.span, f.line, f.column))
        })
        .or_else(|| p.period_at.map(|l| (l.span, l.line, l.column)));
    let range = match (loc, state.doc_at(&p.path)) {
        (Some((span, ..)), Some(open)) => open.range(span),
        (Some((_, line, column)), None) => {
            let start = Position::new(
                line.saturating_sub(1) as u32,
                column.saturating_sub(1) as u32,
            );
            Range::new(start, start)
        }
        (None, _) => Range::default(),
    };
    Some(Location::new(path_to_uri(&p.path)?, range))
}
