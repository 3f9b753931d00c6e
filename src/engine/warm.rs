//! A site indexed once and kept warm for repeated checks: the language server (unsaved
//! texts stand in for files) and `--watch` (files re-read as they change). A changed post
//! is modelled once, its summary replaces the old one in the index, and only the posts
//! whose findings can depend on it are checked again.
//!
//! Checking a post against a warm site gives the findings a fresh run gives: the index
//! holds the figures of every post cross-post rules read (as a run's third step sees
//! them), and what rules learn from a series is learned anew for each new state of the
//! index.

use super::check::{DEFAULT_MAX_FILE_SIZE, check_post};
use super::read::{read_index_post, read_post};
use super::select::active_rules;
use super::{LintOptions, Report, Texts};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::post::Post;
use crate::post::period::Period;
use crate::registry::Scope;
use crate::rules::{self, Active};
use crate::site::{Site, SitePost};
use crate::source::NotText;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// How much of a post's summary changed, as other posts see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Nothing another post reads: only the post itself needs checking.
    None,
    /// Its figures (or where they stand): the posts that compare figures with it.
    Figures,
    /// Its URL, period, kind, front matter or presence: any post of the site may read it
    /// (links, series, URLs).
    Shape,
}

/// The site of some paths, indexed once.
pub struct WarmSite {
    pub config: Config,
    pub site: Site,
    /// The files given (found under the given folders), as the walk named them.
    pub targets: Vec<PathBuf>,
    /// Notes and unreadable paths from indexing, as a report starts with them.
    pub report: Report,
    active: Vec<Active>,
    max: u64,
    max_elements: usize,
    cross: bool,
}

impl WarmSite {
    /// Index the site of `paths` (the site of the first one) once; `texts` stand in for
    /// files.
    pub fn index(
        paths: &[PathBuf],
        config: Config,
        opts: &LintOptions,
        texts: &Texts,
    ) -> Result<WarmSite, Error> {
        let active = active_rules(&config, opts)?;
        let (site, targets, report) = super::run::index_site(paths, &config, opts, texts)?;
        let cross = active.iter().any(|(r, _)| r.meta.scope == Scope::CrossPost);
        Ok(WarmSite {
            max: opts
                .max_file_size
                .or(config.max_file_size)
                .unwrap_or(DEFAULT_MAX_FILE_SIZE),
            max_elements: config.max_elements(),
            config,
            site,
            targets,
            report,
            active,
            cross,
        })
    }

    /// The model of `text` as the post at `path`, bounded like a file on disk (a text over
    /// the size limit is skipped with `file-too-large`).
    pub fn model(&self, path: &Path, text: &str) -> Post {
        if text.len() as u64 > self.max {
            let mut post = Post::from_bytes(path.to_path_buf(), Vec::new());
            post.not_text = Some(NotText::TooLarge {
                size: text.len() as u64,
                limit: self.max,
            });
            return post;
        }
        Post::from_bytes_limited(
            path.to_path_buf(),
            text.as_bytes().to_vec(),
            self.max_elements,
        )
    }

    /// The model of the file at `path`, read within bounds.
    pub fn read(&self, path: &Path) -> Result<Post, Error> {
        read_post(path, self.max, self.max_elements)
    }

    /// The findings of a post against the warm site: every active rule, then its
    /// suppressions, in the order of the text.
    pub fn check(&self, post: &Post) -> Vec<Diagnostic> {
        check_post(post, &self.site, &self.config, &self.active)
    }

    /// Put the summary of `post` (a full model) in the index, in place of the post's old
    /// one or as a new post.
    pub fn put(&mut self, post: &Post) -> Change {
        if post.not_text.is_some() {
            return self.remove(&post.path);
        }
        let summary = Site::summarize(post, &self.site.layout);
        self.replace(&post.path, Some(summary))
    }

    /// Take the post at `path` out of the index (deleted, or no longer text).
    pub fn remove(&mut self, path: &Path) -> Change {
        self.replace(path, None)
    }

    /// Read the file at `path` again (changed on disk): its summary as a run makes it, or
    /// none when it is gone or no longer text.
    pub fn refresh(&mut self, path: &Path) -> Change {
        let given = self.targets.iter().any(|t| t == path);
        let summary = read_index_post(path, self.max).ok().and_then(|head| {
            if head.not_text.is_some() {
                return None;
            }
            // The figures of a post others read (or of a given post) come from its body.
            if self.cross && (given || rules::figures_read(head.period.kind)) {
                let full = self.read(path).ok()?;
                full.not_text
                    .is_none()
                    .then(|| Site::summarize(&full, &self.site.layout))
            } else {
                Some(Site::summarize(&head, &self.site.layout))
            }
        });
        self.replace(path, summary)
    }

    fn replace(&mut self, path: &Path, summary: Option<SitePost>) -> Change {
        let at = self.site.index_of(path);
        let change = match (at.map(|i| &self.site.posts[i]), &summary) {
            (None, None) => return Change::None,
            (Some(old), Some(new)) => compare(old, new),
            _ => Change::Shape,
        };
        if change == Change::None {
            // The same summary: the index stays as it is.
            return change;
        }
        let mut posts = std::mem::take(&mut self.site.posts);
        match (at, summary) {
            (Some(i), Some(s)) => posts[i] = s,
            (Some(i), None) => {
                posts.remove(i);
            }
            (None, Some(s)) => posts.push(s),
            (None, None) => {}
        }
        let root = self.site.root.take();
        let layout = std::mem::take(&mut self.site.layout);
        // The lookup tables anew, and what rules learn from a series learned anew.
        self.site = Site::new(root, layout, posts);
        change
    }

    /// The posts whose findings may change when the figures of the post at `path` change:
    /// those whose periods share a year with its period, when one of the two states
    /// figures the other's cross-post check reads.
    pub fn dependents(&self, path: &Path) -> Vec<PathBuf> {
        let Some(me) = self.site.get(path) else {
            return Vec::new();
        };
        let Some(p) = me.period else {
            return Vec::new();
        };
        self.site
            .posts
            .iter()
            .filter(|q| q.path != path)
            .filter(|q| q.period.is_some_and(|r| same_years(p, r)))
            .filter(|q| rules::figures_read(q.kind) || rules::figures_read(me.kind))
            .map(|q| q.path.clone())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect()
    }
}

fn same_years(a: Period, b: Period) -> bool {
    a.start.year() <= b.end.year() && b.start.year() <= a.end.year()
}

/// What changed between two summaries of one post.
fn compare(old: &SitePost, new: &SitePost) -> Change {
    let (a, b) = (shape(old), shape(new));
    if a != b {
        return Change::Shape;
    }
    let places = |p: &SitePost| {
        serde_json::to_string(&(&p.figures, &p.url_at, &p.alias_at, &p.period_at))
            .unwrap_or_default()
    };
    if places(old) != places(new) {
        Change::Figures
    } else {
        Change::None
    }
}

/// A summary without its figures and the places things are written: what other posts'
/// site rules read of it.
fn shape(p: &SitePost) -> serde_json::Value {
    let mut v = serde_json::to_value(p).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        for k in ["figures", "url_at", "alias_at", "period_at"] {
            o.remove(k);
        }
    }
    v
}
