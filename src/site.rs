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
        }
    }

    /// Other retrospectives of the same kind (the post itself excluded).
    pub fn siblings<'a>(
        &'a self,
        path: &'a Path,
        kind: Kind,
    ) -> impl Iterator<Item = &'a SitePost> {
        let series = series_key(path);
        self.posts.iter().filter(move |p| {
            p.retrospective
                && p.kind == Some(kind)
                && p.path != path
                && series_key(&p.path) == series
        })
    }

    /// Share of the other posts under the content roots that have front matter, and how
    /// many such posts there are.
    pub fn front_matter_share(&self, except: &Path) -> (f64, usize) {
        let posts = self
            .posts
            .iter()
            .filter(|p| p.rel.is_some() && p.path != except);
        let (n, with) = posts.fold((0, 0), |(n, w), p| {
            (n + 1, w + usize::from(p.has_front_matter))
        });
        if n == 0 {
            return (0.0, 0);
        }
        (with as f64 / n as f64, n)
    }
}

/// The folder a post's series lives in, with year folders generalised: posts in
/// `retro/2023/monthly/` and `retro/2025/monthly/` are one series. A post that is a folder
/// (`2021/06/index.md`, `05-May/README.md`) counts from its folder's parent.
pub fn series_key(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let mut dir = path.parent();
    if stem.eq_ignore_ascii_case("index") || stem.eq_ignore_ascii_case("readme") {
        dir = dir.and_then(Path::parent);
    }
    let abs = dir
        .map(|d| std::path::absolute(d).unwrap_or_else(|_| d.to_path_buf()))
        .unwrap_or_default();
    abs.components()
        .map(|c| {
            let s = c.as_os_str().to_string_lossy();
            let year = s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
            if year { "*".to_owned() } else { s.into_owned() }
        })
        .collect::<Vec<_>>()
        .join("/")
}
