//! The compact form of a post ([`SitePost`]): what other posts' rules need to know.

use super::url::{UrlVars, categories, collapse_index, expand, jekyll_pattern};
use super::{Built, Layout, Site, SiteKind, absolute};
use crate::post::Post;
use crate::post::front_matter::Value;
use crate::post::period::{self, Kind, Period};
use crate::source::Span;
use jiff::civil::Date;
use std::path::PathBuf;

/// A place in a post's file, kept so findings in other files can point at it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Loc {
    pub span: Span,
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct SitePost {
    pub path: PathBuf,
    /// Path under its content root, `/`-separated, without extension.
    pub rel: Option<String>,
    pub has_front_matter: bool,
    /// The front matter has a `title`.
    pub has_title: bool,
    /// The post is dated: a date key ([`crate::post::DATE_KEYS`]) or a dated file name.
    pub has_date: bool,
    pub retrospective: bool,
    pub kind: Option<Kind>,
    pub period: Option<Period>,
    pub date: Option<Date>,
    pub permalink: Option<String>,
    pub aliases: Vec<String>,
    /// The URL the site serves the post at.
    pub url: Option<String>,
    /// The URL comes from the front matter or a known pattern, not a guess.
    pub url_certain: bool,
    pub built: Built,
    /// The file's name without extension (`index.md` stands for its folder), and on Jekyll
    /// and Hexo without its date prefix.
    pub slug: String,
    /// Where the URL is written (the permalink's value), if in the front matter.
    pub url_at: Option<Loc>,
    /// Where each alias is written, in the order of `aliases`.
    pub alias_at: Vec<Option<Loc>>,
    /// Where the title states the period.
    pub period_at: Option<Loc>,
    /// Figures other posts may restate: the post's own totals and its month-table rows.
    pub figures: Vec<crate::post::facts::SiteFigure>,
    /// Values the post states with their change from the period before, by key: the
    /// next post's changes are checked against them.
    pub keyed: Vec<crate::post::facts::KeyedFigure>,
}

impl SitePost {
    /// A place to point at in this post: `at`, else the top of the file.
    pub fn loc_or_top(at: Option<Loc>) -> Loc {
        at.unwrap_or(Loc {
            span: Span::new(0, 0),
            line: 1,
            column: 1,
        })
    }
    pub fn is_built(&self) -> bool {
        self.built == Built::Yes
    }
}

impl Site {
    /// The compact form of a post: what other posts' rules need to know about it.
    pub fn summarize(post: &Post, layout: &Layout) -> SitePost {
        let abs = absolute(&post.path);
        let src = &post.source;
        let loc = |span: Span| {
            let (line, column) = src.line_col(span.start);
            Loc { span, line, column }
        };
        let (mut root_rel, page_rel) = layout.rel_paths(&abs);
        // Jekyll takes posts from every `_posts` folder (`retro/_posts/x.md`); the folders
        // above it are the post's first categories.
        let site_rel = abs
            .strip_prefix(&layout.root)
            .ok()
            .map(|r| r.with_extension("").to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let mut folders: Vec<&str> = Vec::new();
        if layout.kind == SiteKind::Jekyll
            && let Some((above, rest)) = site_rel
                .split_once("/_posts/")
                .or_else(|| site_rel.strip_prefix("_posts/").map(|rest| ("", rest)))
        {
            folders = above.split('/').filter(|s| !s.is_empty()).collect();
            root_rel = Some(rest.to_owned());
        }
        let file_slug = period::slug_of(&post.path_str()).to_owned();
        let file_date = post.period.file_date;
        // Jekyll and Hexo drop the date of `2025-03-31-title.md` from the post's slug.
        // Jekyll, Hexo and Zola drop the date of `2025-03-31-title.md` from the post's slug.
        let dated = matches!(
            layout.kind,
            SiteKind::Jekyll | SiteKind::Hexo | SiteKind::Zola
        );
        let slug = match file_date {
            Some(_)
                if dated
                    && file_slug.len() > 11
                    && matches!(file_slug.as_bytes()[10], b'-' | b'_') =>
            {
                file_slug[11..].to_owned()
            }
            _ => file_slug.clone(),
        };
        let mut permalink = None;
        let mut url_at = None;
        for k in &layout.permalink_keys {
            if let Some((v, span)) = post.fm_str(k)
                && !v.trim().is_empty()
            {
                permalink = Some(v.trim().to_owned());
                url_at = Some(loc(span));
                break;
            }
        }
        let mut aliases = Vec::new();
        let mut alias_at = Vec::new();
        if let Some(fm) = post.fm() {
            for k in &layout.alias_keys {
                let Some(e) = fm.get(k) else { continue };
                let items: Vec<&crate::post::front_matter::Node> = match &e.value.value {
                    Value::Seq(items) => items.iter().collect(),
                    Value::Str(_) => vec![&e.value],
                    _ => Vec::new(),
                };
                for n in items {
                    if let Some(s) = n.value.as_str().map(str::trim).filter(|s| !s.is_empty()) {
                        let raw = src.text.get(n.span.range()).unwrap_or("");
                        let off = raw.find(s).unwrap_or(0);
                        let at = Span::new(n.span.start + off, n.span.start + off + s.len());
                        aliases.push(s.to_owned());
                        alias_at.push(Some(loc(at)));
                    }
                }
            }
        }
        let date = post.period.date.map(|(d, _)| d).or(file_date);
        let vars = UrlVars {
            path: root_rel.as_deref(),
            slug: &slug,
            fm_slug: post
                .fm_str("slug")
                .map(|(s, _)| s.trim())
                .filter(|s| !s.is_empty()),
            date,
            categories: categories(post, &folders, layout.kind == SiteKind::Jekyll),
        };
        let (url, url_certain) = match &permalink {
            Some(p)
                if p.contains(':') && matches!(layout.kind, SiteKind::Jekyll | SiteKind::Hexo) =>
            {
                match expand(&jekyll_pattern(p), &vars) {
                    Some(u) => (Some(u), true),
                    None => (Some(p.clone()), false),
                }
            }
            Some(p) => (Some(p.clone()), true),
            None if root_rel.is_some() => match expand(&layout.pattern, &vars) {
                Some(u) => (Some(u), layout.pattern_certain),
                None => (None, false),
            },
            None => match page_rel {
                Some(r) if layout.kind == SiteKind::Jekyll => (Some(format!("/{r}.html")), false),
                Some(r) => (Some(format!("/{}", collapse_index(&r))), false),
                None => (None, false),
            },
        };
        // Generators serve `2025/03/31/x/` (Hexo's default permalink, a permalink written
        // without its slash) from the site's top.
        let url = url.map(|u| {
            if u.starts_with('/') || u.contains("://") {
                u
            } else {
                format!("/{u}")
            }
        });
        let period_at = post
            .period
            .claims
            .iter()
            .find(|c| c.origin == period::Origin::Title)
            .and_then(|c| c.span)
            .map(loc);
        SitePost {
            path: post.path.clone(),
            rel: root_rel,
            has_front_matter: post.fm().is_some(),
            has_title: post.fm().is_some_and(|fm| fm.get("title").is_some()),
            has_date: post.date_entry().is_some() || file_date.is_some(),
            retrospective: post.period.retrospective,
            kind: post.period.kind,
            period: post.period.period,
            date,
            permalink,
            aliases,
            url,
            url_certain,
            built: layout.built(&abs),
            slug,
            url_at,
            alias_at,
            period_at,
            figures: crate::post::facts::site_figures(post),
            keyed: crate::post::facts::keyed_figures(post),
        }
    }
}
