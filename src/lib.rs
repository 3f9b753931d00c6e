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
use std::collections::HashSet;
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
    /// Worker threads (`--threads`); `None` or 0: all cores.
    pub threads: Option<usize>,
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
    lint_bytes(path, text.as_bytes().to_vec(), config)
}

/// Lint raw bytes as a post at `path` (not-text and size checks included), alone.
pub fn lint_bytes(path: &Path, bytes: Vec<u8>, config: &Config) -> Vec<Diagnostic> {
    let max = config.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE);
    let size = bytes.len() as u64;
    let mut post = Post::from_bytes(
        path.to_path_buf(),
        if size > max { Vec::new() } else { bytes },
    );
    if size > max {
        post.not_text = Some(NotText::TooLarge { size, limit: max });
    }
    let layout = site::Layout::bare(config);
    let summary = Site::summarize(&post, &layout);
    let site = Site::new(None, layout, vec![summary]);
    let active = active_rules(config, &LintOptions::default()).unwrap_or_default();
    check_post(&post, &site, config, &active)
}

/// Read a file into a post, or an I/O error.
pub fn read_post(path: &Path, max: u64) -> Result<Post, Error> {
    read_post_with(path, max, Post::from_bytes)
}

/// Read a file and build its model with `build` (the full one, or the index-only one).
fn read_post_with(
    path: &Path,
    max: u64,
    build: fn(PathBuf, Vec<u8>) -> Post,
) -> Result<Post, Error> {
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
    Ok(build(path.to_path_buf(), bytes))
}

/// Read only the head of a file, through its front matter, as an index-only post: the
/// site index needs nothing from the body. At least the first 8 KiB are read, so a binary
/// file is still recognised.
pub fn read_index_post(path: &Path, max: u64) -> Result<Post, Error> {
    use std::io::Read;
    let io = |e: std::io::Error| Error::Path {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > max {
        return read_post_with(path, max, Post::for_index);
    }
    let mut reader = file.take(size.min(max) + 1);
    let mut buf = Vec::new();
    let mut chunk = 16 << 10;
    loop {
        let got = (&mut reader)
            .take(chunk)
            .read_to_end(&mut buf)
            .map_err(io)?;
        let eof = (got as u64) < chunk;
        if buf[..buf.len().min(8192)].contains(&0) {
            return Ok(Post::for_index(path.to_path_buf(), buf));
        }
        if let Some(len) = Post::index_head_len(&buf) {
            buf.truncate(len);
            return Ok(Post::for_index(path.to_path_buf(), buf));
        }
        if eof {
            return Ok(Post::for_index(path.to_path_buf(), buf));
        }
        chunk *= 2;
    }
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
/// given files are reported on. Findings and their order do not depend on `opts.threads`.
pub fn lint_paths(paths: &[PathBuf], config: &Config, opts: &LintOptions) -> Result<Report, Error> {
    match opts.threads {
        Some(n) if n > 0 => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| Error::Usage(format!("cannot start {n} threads: {e}")))?
            .install(|| lint_paths_in_pool(paths, config, opts)),
        _ => lint_paths_in_pool(paths, config, opts),
    }
}

fn lint_paths_in_pool(
    paths: &[PathBuf],
    config: &Config,
    opts: &LintOptions,
) -> Result<Report, Error> {
    let active = active_rules(config, opts)?;
    let max = opts
        .max_file_size
        .or(config.max_file_size)
        .unwrap_or(DEFAULT_MAX_FILE_SIZE);
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
    let layout = site::Layout::detect(&root, config);
    if layout.content_roots.is_empty() {
        let site_rules: Vec<&str> = active
            .iter()
            .map(|(r, _)| r.meta())
            .filter(|m| m.code.starts_with('S'))
            .map(|m| m.code)
            .collect();
        if !site_rules.is_empty() {
            report.notes.push(format!(
                "no content root found under {}: the site-wide rules {} did not run (set `content_roots` in .retro-lint.yml)",
                root.display(),
                site_rules.join(", ")
            ));
        }
    }
    // The site: every Markdown file under the site root.
    let site_files = if layout.content_roots.is_empty() {
        Vec::new()
    } else {
        let files = discover::files(std::slice::from_ref(&root), config, false, &mut Vec::new());
        // Relative when the user gave relative paths, so other posts' paths (in the notes
        // of findings) read like the user's own.
        if first.is_relative() {
            files.par_iter().map(|p| site::relative_to_cwd(p)).collect()
        } else {
            files
        }
    };
    // Given files are not indexed twice. Only a site file with the file name of a given
    // one can be it (the walk takes no symlinks), so only those are canonicalized.
    let key = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let target_keys: HashSet<PathBuf> = targets.par_iter().map(|p| key(p)).collect();
    let target_names: HashSet<&std::ffi::OsStr> =
        target_keys.iter().filter_map(|p| p.file_name()).collect();
    let site_files: Vec<PathBuf> = site_files
        .into_par_iter()
        .filter(|p| {
            !(p.file_name().is_some_and(|n| target_names.contains(n))
                && target_keys.contains(&key(p)))
        })
        .collect();

    // Phase 1, the index: every post, given or not, as its compact summary. Only the front
    // matter is parsed here; texts are dropped as soon as they are summarized, so memory
    // grows with the summaries, not the texts.
    let summarize = |post: Post| (post.not_text.is_none()).then(|| Site::summarize(&post, &layout));
    let given: Vec<Result<Option<site::SitePost>, Error>> = targets
        .par_iter()
        .map(|p| read_index_post(p, max).map(summarize))
        .collect();
    let mut summaries = Vec::with_capacity(targets.len() + site_files.len());
    let mut readable = Vec::with_capacity(targets.len());
    for (path, r) in targets.iter().zip(given) {
        match r {
            Ok(summary) => {
                summaries.extend(summary);
                readable.push(path);
            }
            Err(e) => report.io_errors.push(e),
        }
    }
    summaries.par_extend(
        site_files
            .par_iter()
            .filter_map(|p| read_index_post(p, max).ok())
            .filter_map(summarize),
    );
    let site = Site::new(Some(root), layout, summaries);

    // Phase 2, the given files: the full model, the rules, and only what the output needs
    // kept (the text of files with findings).
    report.files = readable
        .into_par_iter()
        .filter_map(|path| read_post(path, max).ok())
        .map(|post| {
            let diagnostics = check_post(&post, &site, config, &active);
            FileReport {
                post: post.into_reported(!diagnostics.is_empty()),
                diagnostics,
            }
        })
        .collect();
    report.files.sort_by(|a, b| a.post.path.cmp(&b.post.path));
    Ok(report)
}
