//! Every post of the site in a compact form: URL, kind, period, where it lies, the facts
//! cross-post rules need. Built once per run; rules look things up here (hash maps, sorted
//! series) instead of reading other files or comparing every post with every other.
//!
//! How the site is laid out comes from `.retro-lint.yml` (`content_roots`, `url.pattern`,
//! `url.base`) or is detected from the files at the site's top:
//!
//! | site | detected by | content roots | URL of a post without `permalink` |
//! |---|---|---|---|
//! | Astro | `astro.config.*`, `src/content/` | `src/content/posts`, `src/content/blog`, else `src/content` | `/{path}.html` |
//! | Hexo | `source/_posts/` | `source/_posts` | `/{year}/{month}/{day}/{title}/` |
//! | Jekyll | `_config.yml`, `_posts/` | `_posts` and collections with `output: true` | `_config.yml`'s `permalink`, else `/{categories}/{year}/{month}/{day}/{title}.html` |
//! | Hugo | `hugo.toml`, `config.{toml,yml,yaml,json}` with `content/` | `content` | `/{path}/` |
//! | Zola | `config.toml` with `base_url` | `content` | `/{path}/` |
//! | Gatsby | `gatsby-config.*` | its `gatsby-source-filesystem` folders | `/{path}/` |
//! | other | | `content/posts`, `content`, `posts`, `src/posts`, `blog`, `docs` | `/{path}.html` |
//!
//! A URL from a front-matter key or a configured pattern is *certain*; one from a detected
//! default is a guess, and rules treat a link that matches such a post's file name as fine.

mod generators;
mod index;
mod layout;
mod learned;
mod links;
mod paths;
mod summary;
mod url;

pub use index::{PostHas, UrlRole, series_key};
pub use layout::{Built, DEFAULT_CONTENT_ROOTS, Layout, SiteKind};
pub use learned::{Dating, Learned, UrlShapes};
pub use links::{Broken, LinkTarget, Resolution};
pub use paths::{absolute, relative_to_cwd};
pub use summary::{Loc, SitePost};
pub use url::{percent_decode, url_key};

use crate::config::Config;
use crate::post::period::Period;
use index::Index;
use std::path::{Path, PathBuf};

/// Files and folders that mark the top of a site. `package.json` stands for every
/// JavaScript generator (Gatsby, Next.js, Astro, VuePress, custom ones): without it a site
/// kept in a larger folder would be read as part of that folder.
const SITE_MARKERS: &[&str] = &[
    ".git",
    ".retro-lint.yml",
    "astro.config.mjs",
    "astro.config.ts",
    "astro.config.js",
    "_config.yml",
    "hugo.toml",
    "hugo.yaml",
    "hugo.json",
    "config.toml",
    "config.yml",
    "config.yaml",
    "gatsby-config.js",
    "gatsby-config.ts",
    "gatsby-config.mjs",
    "next.config.js",
    "next.config.mjs",
    "next.config.ts",
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "package.json",
    "src/content",
    "_posts",
];

#[derive(Clone, Debug, Default)]
pub struct Site {
    pub root: Option<PathBuf>,
    pub content_roots: Vec<PathBuf>,
    pub posts: Vec<SitePost>,
    pub layout: Layout,
    index: Index,
    /// What rules learned from whole series during this run.
    pub learned: Learned,
}

impl Site {
    /// The site of `posts`, with its lookup tables.
    pub fn new(root: Option<PathBuf>, layout: Layout, posts: Vec<SitePost>) -> Site {
        let mut site = Site {
            root,
            content_roots: layout.content_roots.clone(),
            posts,
            layout,
            index: Index::default(),
            learned: Learned::default(),
        };
        site.index = Index::build(&site.posts);
        site
    }

    /// Find the site's top folder: the config's folder, else the nearest folder at or above
    /// `start` with a site marker, else `start` itself.
    pub fn find_root(start: &Path, config: &Config) -> PathBuf {
        if config.path.is_some() {
            return config.root.clone();
        }
        let abs = absolute(start);
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
            // `post.md` in the working folder: its parent is `.`, not an empty path.
            match start.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            }
        }
    }

    /// The content roots: configured, or detected from the site's kind.
    pub fn content_roots(root: &Path, config: &Config) -> Vec<PathBuf> {
        Layout::detect(root, config).content_roots
    }

    /// Whether site-wide rules can run: a content root was found or configured.
    pub fn has_content_roots(&self) -> bool {
        !self.content_roots.is_empty()
    }
}

/// A period as people write it: `2025-05` for a month, `2025` for a year, else a range.
pub fn describe_period(p: Period) -> String {
    if p.is_whole_months() && p.months() == 1 {
        format!("{:04}-{:02}", p.start.year(), p.start.month())
    } else if p.is_whole_months() && p.months() == 12 && p.start.month() == 1 {
        format!("{:04}", p.start.year())
    } else if p.is_whole_months() {
        format!(
            "{:04}-{:02} ~ {:04}-{:02}",
            p.start.year(),
            p.start.month(),
            p.end.year(),
            p.end.month()
        )
    } else {
        p.to_string()
    }
}
