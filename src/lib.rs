//! retro-lint: a linter for retrospective posts. Data flows one way:
//! source -> post model -> rules -> diagnostics -> output.

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod fix;
pub mod output;
pub mod post;
pub mod rules;
pub mod site;
pub mod source;

use config::Config;
use diagnostic::{Diagnostic, Severity};
use post::Post;
use rayon::prelude::*;
use rules::{Context, RULES, RuleMeta};
use site::Site;
use source::NotText;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Files larger than this are skipped with a `file-too-large` finding.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 32 << 20;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("{path}: {message}")]
    Path { path: String, message: String },
    #[error("{0}")]
    Usage(String),
}

/// What to lint and how, beyond the config file.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    /// `--select`: replaces the config's `select` when not empty.
    pub select: Vec<String>,
    /// `--ignore`: added to the config's `ignore`.
    pub ignore: Vec<String>,
    pub max_file_size: Option<u64>,
    /// Apply the config's `exclude` to files named on the command line too.
    pub force_exclude: bool,
}

/// The findings of one file, with the model they point into.
#[derive(Debug)]
pub struct FileReport {
    pub post: Post,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    /// Files that could not be read: printed as errors, and the run exits 2.
    pub io_errors: Vec<Error>,
    /// Things the user should know (no content root found, ...).
    pub notes: Vec<String>,
}

/// The rules that run, with their effective severity.
pub fn active_rules(
    config: &Config,
    opts: &LintOptions,
) -> Result<Vec<(&'static dyn rules::Rule, Severity)>, Error> {
    let select = if opts.select.is_empty() {
        &config.select
    } else {
        &opts.select
    };
    let mut on: Vec<&'static RuleMeta> = Vec::new();
    if select.is_empty() {
        on.extend(RULES.iter().map(|r| r.meta()));
    } else {
        for s in select {
            let m = rules::matching(s);
            if m.is_empty() {
                return Err(Error::Usage(format!("--select `{s}` matches no rule")));
            }
            on.extend(m);
        }
    }
    for s in config.ignore.iter().chain(&opts.ignore) {
        let m = rules::matching(s);
        if m.is_empty() {
            return Err(Error::Usage(format!("--ignore `{s}` matches no rule")));
        }
        on.retain(|r| !m.iter().any(|x| x.code == r.code));
    }
    let explicit = !select.is_empty();
    Ok(RULES
        .iter()
        .filter(|r| on.iter().any(|m| m.code == r.meta().code))
        .filter_map(|&r| {
            let meta = r.meta();
            let setting = config.setting(meta.code);
            // A rule turned off in the config stays off unless selected by its own code.
            if setting.is_some_and(|s| s.off)
                && !(explicit
                    && select
                        .iter()
                        .any(|s| s.eq_ignore_ascii_case(meta.code) || s == meta.name))
            {
                return None;
            }
            Some((r, setting.and_then(|s| s.severity).unwrap_or(meta.severity)))
        })
        .collect())
}

/// Run the active rules on one post.
pub fn check_post(
    post: &Post,
    site: &Site,
    config: &Config,
    active: &[(&'static dyn rules::Rule, Severity)],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (rule, severity) in active {
        let meta = rule.meta();
        // A file that is not text has no model: only file-level rules can say anything.
        if post.not_text.is_some() && !meta.code.starts_with("F00") {
            continue;
        }
        let start = out.len();
        rule.check(
            &Context {
                post,
                site,
                config,
                meta,
            },
            &mut out,
        );
        for d in &mut out[start..] {
            d.severity = *severity;
        }
    }
    let src = &post.source;
    out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    out.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
    let _ = src;
    out
}

/// Lint one text as a post at `path`, with only itself as the site. For tests and editors.
pub fn lint_text(path: &Path, text: &str, config: &Config) -> Vec<Diagnostic> {
    let post = Post::new(path.to_path_buf(), source::SourceFile::new(text.to_owned()));
    let site = Site {
        root: None,
        content_roots: Vec::new(),
        posts: vec![Site::summarize(&post, &[], config)],
    };
    let active = active_rules(config, &LintOptions::default()).unwrap_or_default();
    check_post(&post, &site, config, &active)
}

/// Read a file into a post, or an I/O error.
pub fn read_post(path: &Path, max: u64) -> Result<Post, Error> {
    let io = |e: std::io::Error| Error::Path {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(Error::Path {
            path: path.display().to_string(),
            message: "is a directory".into(),
        });
    }
    if meta.len() > max {
        let mut post = Post::from_bytes(path.to_path_buf(), Vec::new());
        post.not_text = Some(NotText::TooLarge {
            size: meta.len(),
            limit: max,
        });
        return Ok(post);
    }
    let bytes = std::fs::read(path).map_err(io)?;
    Ok(Post::from_bytes(path.to_path_buf(), bytes))
}

/// Resolve the config: `--config FILE`, else the closest file above the first path.
pub fn load_config(explicit: Option<&Path>, first: &Path) -> Result<Config, Error> {
    if let Some(p) = explicit {
        if !p.is_file() {
            return Err(Error::Path {
                path: p.display().to_string(),
                message: "config file not found".into(),
            });
        }
        return Ok(Config::load(p)?);
    }
    match Config::discover(first) {
        Some(p) => Ok(Config::load(&p)?),
        None => Ok(Config::default()),
    }
}

/// Lint files and folders: the whole site is indexed for cross-post rules, and only the
/// given files are reported on.
pub fn lint_paths(paths: &[PathBuf], config: &Config, opts: &LintOptions) -> Result<Report, Error> {
    let active = active_rules(config, opts)?;
    let max = opts.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE);
    let mut report = Report::default();
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    for p in paths {
        if !p.exists() {
            return Err(Error::Path {
                path: p.display().to_string(),
                message: "no such file or directory".into(),
            });
        }
    }
    let targets = discover::files(paths, config, opts.force_exclude, &mut report.io_errors);
    let root = Site::find_root(&first, config);
    let roots = Site::content_roots(&root, config);
    if roots.is_empty() {
        report.notes.push(format!(
            "no content root found under {}; site-wide rules saw only the given files (set `content_roots` in .retro-lint.yml)",
            root.display()
        ));
    }
    // The site: every Markdown file under the site root, read once with the targets.
    let mut site_files = if roots.is_empty() {
        Vec::new()
    } else {
        discover::files(std::slice::from_ref(&root), config, false, &mut Vec::new())
    };
    let key = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let target_keys: HashMap<PathBuf, usize> = targets
        .iter()
        .enumerate()
        .map(|(i, p)| (key(p), i))
        .collect();
    site_files.retain(|p| !target_keys.contains_key(&key(p)));

    let parsed: Vec<Result<Post, Error>> = targets.par_iter().map(|p| read_post(p, max)).collect();
    let others: Vec<Post> = site_files
        .par_iter()
        .filter_map(|p| read_post(p, max).ok())
        .collect();
    let mut posts = Vec::new();
    for r in parsed {
        match r {
            Ok(p) => posts.push(p),
            Err(e) => report.io_errors.push(e),
        }
    }
    let site = Site {
        root: Some(root),
        posts: posts
            .iter()
            .chain(&others)
            .filter(|p| p.not_text.is_none())
            .map(|p| Site::summarize(p, &roots, config))
            .collect(),
        content_roots: roots,
    };
    drop(others);
    report.files = posts
        .into_par_iter()
        .map(|post| {
            let diagnostics = check_post(&post, &site, config, &active);
            FileReport { post, diagnostics }
        })
        .collect();
    report.files.sort_by(|a, b| a.post.path.cmp(&b.post.path));
    Ok(report)
}
