//! Every post of the site in a compact form: URL, kind, period, the facts cross-post rules
//! need. Built once per run; rules look things up here instead of reading other files.

use crate::config::Config;
use crate::post::Post;
use crate::post::period::{Kind, Period};
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// Folders that hold posts, in the order they are tried when none is configured.
/// Astro's `src/content` wins over a Jekyll leftover such as `_pages`.
pub const DEFAULT_CONTENT_ROOTS: &[&str] = &[
    "src/content/posts",
    "src/content/blog",
    "src/content",
    "content/posts",
    "content",
    "_posts",
    "source/_posts",
    "docs",
];

/// Files and folders that mark the top of a site.
const SITE_MARKERS: &[&str] = &[
    ".git",
    "astro.config.mjs",
    "astro.config.ts",
    "_config.yml",
    "hugo.toml",
    "config.toml",
    "gatsby-config.js",
    "docusaurus.config.js",
    "src/content",
    "_posts",
];

#[derive(Clone, Debug, Default)]
pub struct SitePost {
    pub path: PathBuf,
    /// Path under its content root, `/`-separated, without extension.
    pub rel: Option<String>,
    pub has_front_matter: bool,
    pub retrospective: bool,
    pub kind: Option<Kind>,
    pub period: Option<Period>,
    pub date: Option<Date>,
    pub permalink: Option<String>,
    pub aliases: Vec<String>,
    /// The URL the site serves the post at.
    pub url: Option<String>,
    /// Figures other posts may restate: the post's own totals and its month-table rows.
    pub figures: Vec<crate::post::facts::SiteFigure>,
}

#[derive(Clone, Debug, Default)]
pub struct Site {
    pub root: Option<PathBuf>,
    pub content_roots: Vec<PathBuf>,
    pub posts: Vec<SitePost>,
}

impl Site {
    /// Find the site's top folder: the config's folder, else the nearest folder at or above
    /// `start` with a site marker, else `start` itself.
    pub fn find_root(start: &Path, config: &Config) -> PathBuf {
        if config.path.is_some() {
            return config.root.clone();
        }
        let abs = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        let mut dir = if abs.is_dir() {
            Some(abs.as_path())
        } else {
            abs.parent()
        };
        while let Some(d) = dir {
            if SITE_MARKERS.iter().any(|m| d.join(m).exists()) {
                return d.to_path_buf();
            }
            dir = d.parent();
        }
        if start.is_dir() {
            start.to_path_buf()
        } else {
            start.parent().map(Path::to_path_buf).unwrap_or_default()
        }
    }

    /// The content roots: configured, or the first default that exists.
    pub fn content_roots(root: &Path, config: &Config) -> Vec<PathBuf> {
        if !config.content_roots.is_empty() {
            return config.content_roots.iter().map(|r| root.join(r)).collect();
        }
        DEFAULT_CONTENT_ROOTS
            .iter()
            .map(|r| root.join(r))
            .find(|p| p.is_dir())
            .into_iter()
            .collect()
    }

    pub fn summarize(post: &Post, roots: &[PathBuf], config: &Config) -> SitePost {
        let abs = std::path::absolute(&post.path).unwrap_or_else(|_| post.path.clone());
        let rel = roots.iter().find_map(|r| {
            let r = std::path::absolute(r).unwrap_or_else(|_| r.clone());
            let rel = abs.strip_prefix(&r).ok()?;
            let s = rel.with_extension("").to_string_lossy().replace('\\', "/");
            Some(s)
        });
        let keys: Vec<&str> = if config.url.permalink_keys.is_empty() {
            vec!["permalink"]
        } else {
            config
                .url
                .permalink_keys
                .iter()
                .map(String::as_str)
                .collect()
        };
        let alias_keys: Vec<&str> = if config.url.alias_keys.is_empty() {
            vec!["legacy_url"]
        } else {
            config.url.alias_keys.iter().map(String::as_str).collect()
        };
        let permalink = keys
            .iter()
            .find_map(|k| post.fm_str(k).map(|(v, _)| v.to_owned()));
        let aliases = alias_keys
            .iter()
            .filter_map(|k| post.fm_str(k).map(|(v, _)| v.to_owned()))
            .collect();
        let pattern = config.url.pattern.as_deref().unwrap_or("/{path}.html");
        let url = permalink
            .clone()
            .or_else(|| rel.as_ref().map(|r| pattern.replace("{path}", r)));
        SitePost {
            path: post.path.clone(),
            rel,
            has_front_matter: post.fm().is_some(),
            retrospective: post.period.retrospective,
            kind: post.period.kind,
            period: post.period.period,
            date: post.period.date.map(|(d, _)| d),
            permalink,
            aliases,
            url,
            figures: crate::post::facts::site_figures(post),
        }
    }

    /// Other retrospectives of the same kind (the post itself excluded).
    pub fn siblings<'a>(
        &'a self,
        path: &'a Path,
        kind: Kind,
    ) -> impl Iterator<Item = &'a SitePost> {
        self.posts
            .iter()
            .filter(move |p| p.retrospective && p.kind == Some(kind) && p.path != path)
    }

    /// Share of the site's posts that have front matter, and how many posts there are.
    pub fn front_matter_share(&self) -> (f64, usize) {
        let n = self.posts.len();
        if n == 0 {
            return (0.0, 0);
        }
        let with = self.posts.iter().filter(|p| p.has_front_matter).count();
        (with as f64 / n as f64, n)
    }
}
