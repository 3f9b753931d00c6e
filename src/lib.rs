//! retro-lint: a linter for retrospective posts. Data flows one way:
//! source -> post model -> rules -> diagnostics -> output.

pub mod baseline;
pub mod cache;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod fix;
#[doc(hidden)]
pub mod invariants;
pub mod output;
pub mod post;
pub mod rules;
pub mod site;
pub mod source;
pub mod suppress;

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
    /// Worker threads (`--threads`); `None` or 0: all cores.
    pub threads: Option<usize>,
    /// Keep the site index between runs ([`cache`]); off unless asked (the CLI asks).
    pub cache: bool,
    /// Where the cache goes; default `.retro-lint-cache/` at the site root.
    pub cache_dir: Option<PathBuf>,
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
    /// The site the posts were checked in, for re-linting fixed texts.
    pub site: Site,
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
    let out = run_rules(post, site, config, active);
    finish(suppress::filter(post, out, active))
}

/// The findings of `active` on one post, before suppressions.
fn run_rules(
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
    out
}

/// Findings in the order of the text, each once.
fn finish(mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    out.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
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
    let mut post = Post::from_bytes_limited(
        path.to_path_buf(),
        if size > max { Vec::new() } else { bytes },
        config.max_elements(),
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

/// Open a regular file and give its size; a folder, a pipe or a device is an error (a pipe
/// named `x.md` would block the run).
fn open_regular(path: &Path) -> Result<(std::fs::File, u64), Error> {
    let io = |e: std::io::Error| Error::Path {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    let not = |message: &str| Error::Path {
        path: path.display().to_string(),
        message: message.into(),
    };
    if meta.is_dir() {
        return Err(not("is a directory"));
    }
    if !meta.is_file() {
        return Err(not("not a regular file (a pipe, socket or device)"));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    Ok((file, meta.len()))
}

/// Read a file into a post (at most `max_elements` Markdown elements read), or an I/O error.
pub fn read_post(path: &Path, max: u64, max_elements: usize) -> Result<Post, Error> {
    let io = |e: std::io::Error| Error::Path {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let (file, size) = open_regular(path)?;
    let too_large = |size: u64| {
        let mut post = Post::from_bytes(path.to_path_buf(), Vec::new());
        post.not_text = Some(NotText::TooLarge { size, limit: max });
        Ok(post)
    };
    if size > max {
        return too_large(size);
    }
    // Read at most one byte over the limit: a file growing while it is read stays bounded.
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, max + 1), &mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return too_large(bytes.len() as u64);
    }
    Ok(Post::from_bytes_limited(
        path.to_path_buf(),
        bytes,
        max_elements,
    ))
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
    let (file, size) = open_regular(path)?;
    if size > max {
        let mut post = Post::for_index(path.to_path_buf(), Vec::new());
        post.not_text = Some(NotText::TooLarge { size, limit: max });
        return Ok(post);
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
    lint_paths_with(paths, config, opts, &Texts::new())
}

/// Texts that stand in for files on disk (by the path a report gives the file): standard
/// input, or the fixed texts of a `--diff` run, which writes nothing.
pub type Texts = HashMap<PathBuf, String>;

/// [`lint_paths`], with some files read from `texts` instead of the disk.
pub fn lint_paths_with(
    paths: &[PathBuf],
    config: &Config,
    opts: &LintOptions,
    texts: &Texts,
) -> Result<Report, Error> {
    for p in paths {
        if !p.exists() {
            return Err(Error::Path {
                path: p.display().to_string(),
                message: "no such file or directory".into(),
            });
        }
    }
    in_pool(opts, || lint_inner(paths, config, opts, false, texts))
}

/// Lint `text` (an editor's buffer, standard input) as if it were the file at `path`: the
/// site index still comes from disk, with this text in place of the file's. The file need
/// not exist. With `force_exclude`, a path the config excludes gives an empty report.
pub fn lint_stdin(
    path: &Path,
    text: &str,
    config: &Config,
    opts: &LintOptions,
) -> Result<Report, Error> {
    let texts = Texts::from([(path.to_path_buf(), text.to_owned())]);
    in_pool(opts, || {
        lint_inner(&[path.to_path_buf()], config, opts, true, &texts)
    })
}

/// Run `f` on a pool of `--threads` threads (default: rayon's, one per core).
fn in_pool<T: Send>(
    opts: &LintOptions,
    f: impl FnOnce() -> Result<T, Error> + Send,
) -> Result<T, Error> {
    match opts.threads {
        Some(n) if n > 0 => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| Error::Usage(format!("cannot start {n} threads: {e}")))?
            .install(f),
        _ => f(),
    }
}

fn lint_inner(
    paths: &[PathBuf],
    config: &Config,
    opts: &LintOptions,
    stdin: bool,
    texts: &Texts,
) -> Result<Report, Error> {
    let active = active_rules(config, opts)?;
    let max = opts
        .max_file_size
        .or(config.max_file_size)
        .unwrap_or(DEFAULT_MAX_FILE_SIZE);
    let max_elements = config.max_elements();
    let mut report = Report::default();
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let targets = if stdin {
        // Standard input is one file by name, never a folder to walk.
        if opts.force_exclude {
            discover::files(paths, config, true, &mut report.io_errors)
                .into_iter()
                .filter(|p| !p.is_dir())
                .collect()
        } else {
            paths.to_vec()
        }
    } else {
        discover::files(paths, config, opts.force_exclude, &mut report.io_errors)
    };
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
    // The site: every Markdown file under the site root. Files not given are summarized
    // as they are read and dropped, so memory grows with the summaries, not the texts.
    let mut site_files = if layout.content_roots.is_empty() {
        Vec::new()
    } else {
        let files = discover::files(std::slice::from_ref(&root), config, false, &mut Vec::new());
        // Relative when the user gave relative paths, so other posts' paths (in the notes
        // of findings) read like the user's own.
        if first.is_relative() {
            files.iter().map(|p| site::relative_to_cwd(p)).collect()
        } else {
            files
        }
    };
    let key = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    // Resolved only if some site file is named like a given file under another path.
    let target_keys = std::cell::OnceCell::new();
    let target_keys = || {
        target_keys.get_or_init(|| {
            targets
                .iter()
                .map(|p| key(p))
                .collect::<std::collections::HashSet<PathBuf>>()
        })
    };
    // Resolving a path costs system calls: only files named like a given file can be one.
    let target_names: std::collections::HashSet<&std::ffi::OsStr> =
        targets.iter().filter_map(|p| p.file_name()).collect();
    let target_paths: std::collections::HashSet<&PathBuf> = targets.iter().collect();
    site_files.retain(|p| {
        !target_paths.contains(p)
            && (!p.file_name().is_some_and(|n| target_names.contains(n))
                || !target_keys().contains(&key(p)))
    });

    let read_full = |p: &PathBuf| match texts.get(p) {
        Some(text) => Ok(Post::from_bytes_limited(
            p.clone(),
            text.as_bytes().to_vec(),
            max_elements,
        )),
        None => read_post(p, max, max_elements),
    };
    let read_head = |p: &PathBuf| match texts.get(p) {
        Some(text) => Ok(Post::for_index(p.clone(), text.as_bytes().to_vec())),
        None => read_index_post(p, max),
    };
    // Cross-post figures reads the figures of other monthly, annual and weekly posts: those
    // need a full model; for everything else the front matter is enough.
    let cross = active
        .iter()
        .any(|(r, _)| r.meta().code == rules::CROSS_POST_FIGURES.code);
    let cache = (opts.cache && !layout.content_roots.is_empty()).then(|| {
        let dir = opts
            .cache_dir
            .clone()
            .unwrap_or_else(|| root.join(cache::DIR));
        cache::Cache::open(&dir, &layout)
    });
    let cwd = std::env::current_dir().unwrap_or_default();
    let cached = |p: &PathBuf| cache.as_ref().filter(|_| !texts.contains_key(p));
    // The summary of a post for the index. A given file's figures come from its check, and
    // its cache entry is written after it; another post's figures are read here when other
    // posts' cross-post checks can read them.
    let summarize = |p: &PathBuf, given: bool| {
        let key = cwd.join(p);
        let wants_figures = |kind| !given && cross && rules::figures_read(kind);
        let mut stamp = None;
        if let Some(c) = cached(p) {
            match c.get(p, &key, |s| wants_figures(s.kind)) {
                cache::Lookup::Hit(s) => return Some(*s),
                cache::Lookup::Miss(s) => stamp = s,
            }
        }
        let head = read_head(p).ok()?;
        if head.not_text.is_some() {
            return None;
        }
        let full = wants_figures(head.period.kind);
        let summary = if full {
            let post = read_full(p).ok()?;
            if post.not_text.is_some() {
                return None;
            }
            Site::summarize(&post, &layout)
        } else {
            Site::summarize(&head, &layout)
        };
        if !given && let Some(c) = cached(p) {
            c.put(p, &key, stamp, full, &summary);
        }
        Some(summary)
    };
    // 1. The index, from the head of every file (or the cache): front matter, period, URL.
    // The given files' figures are added as they are checked.
    let mut summaries: Vec<site::SitePost> = targets
        .par_iter()
        .filter_map(|p| summarize(p, true))
        .collect();
    summaries.par_extend(site_files.par_iter().filter_map(|p| summarize(p, false)));
    report.site = Site::new(Some(root), layout, summaries);

    // 2. Each given file is read, modelled and checked once, and its model dropped, so
    // memory holds one model per thread. A post whose cross-post check reads other posts'
    // figures waits for step 3 (only its own figures are kept).
    /// What checking a file taught the index: its figures, and its stamp for the cache.
    struct Learned {
        index: Option<usize>,
        figures: Option<Vec<post::facts::SiteFigure>>,
        stamp: Option<cache::Stamp>,
    }
    /// A post waiting for other posts' figures: its findings so far, its suppressions.
    struct Waiting {
        post: Post,
        early: Vec<Diagnostic>,
        sups: Vec<suppress::Suppression>,
        /// The text's length and hash: it is read again only if a finding points into it.
        text: (usize, u64),
    }
    enum Checked {
        Done(Box<FileReport>, Learned),
        Later(Box<Waiting>, Learned),
        Failed(Error),
    }
    let (cross_rule, other_rules): (Vec<_>, Vec<_>) = active
        .iter()
        .partition(|(r, _)| r.meta().code == rules::CROSS_POST_FIGURES.code);
    let check = |post: Post, site: &Site| {
        let diagnostics = check_post(&post, site, config, &active);
        FileReport {
            post: post.into_reported(!diagnostics.is_empty()),
            diagnostics,
        }
    };
    let site = &report.site;
    let checked: Vec<Checked> = targets
        .par_iter()
        .map(|p| {
            // The time before the read: a change while reading shows as a newer time.
            let before = cached(p).and_then(|_| std::fs::metadata(p).ok());
            let post = match read_full(p) {
                Ok(post) => post,
                Err(e) => return Checked::Failed(e),
            };
            let text = post.not_text.is_none();
            let learned = Learned {
                index: site.index_of(&post.path),
                figures: (cross && text).then(|| post::facts::site_figures(&post)),
                stamp: before
                    .filter(|_| text)
                    .and_then(|m| cache::stamp_from(&m, post.source.text.as_bytes())),
            };
            if cross && text && rules::reads_others(&post) {
                // Every other rule runs now; the model is dropped but for what the
                // cross-post check reads.
                let early = run_rules(&post, site, config, &other_rules);
                let sups = if post.doc.html.is_empty() {
                    Vec::new()
                } else {
                    suppress::parse(&post)
                };
                let text = (
                    post.source.text.len(),
                    cache::content_hash(post.source.text.as_bytes()),
                );
                let post = post.for_cross_check();
                return Checked::Later(
                    Box::new(Waiting {
                        post,
                        early,
                        sups,
                        text,
                    }),
                    learned,
                );
            }
            Checked::Done(Box::new(check(post, site)), learned)
        })
        .collect();

    // 3. With every figure known, the cross-post check runs on the posts that waited (a few:
    // annual and monthly posts).
    let mut later = Vec::new();
    let mut stamps = Vec::new();
    for c in checked {
        let learned = match c {
            Checked::Done(file, learned) => {
                report.files.push(*file);
                learned
            }
            Checked::Later(waiting, learned) => {
                later.push(*waiting);
                learned
            }
            Checked::Failed(e) => {
                report.io_errors.push(e);
                continue;
            }
        };
        if let Some(i) = learned.index {
            if let Some(f) = learned.figures {
                report.site.posts[i].figures = f;
            }
            if let Some(st) = learned.stamp {
                stamps.push((i, st));
            }
        }
    }
    let site = &report.site;
    let finished: Vec<Result<FileReport, Error>> = later
        .into_par_iter()
        .map(|w| {
            let Waiting {
                mut post,
                early: mut diags,
                sups,
                text,
            } = w;
            let mut found = run_rules(&post, site, config, &cross_rule);
            // Findings and suppressions point into the text: read it back (the same bytes
            // as before, or the file changed during the run) and check again with it.
            if !diags.is_empty() || !found.is_empty() || !sups.is_empty() {
                let error = |message: String| Error::Path {
                    path: post.path.display().to_string(),
                    message,
                };
                let bytes = match texts.get(&post.path) {
                    Some(t) => t.clone().into_bytes(),
                    None => std::fs::read(&post.path).map_err(|e| error(e.to_string()))?,
                };
                if (bytes.len(), cache::content_hash(&bytes)) != text {
                    return Err(error("changed while it was being linted; run again".into()));
                }
                post.source = source::SourceFile::new(String::from_utf8(bytes).unwrap_or_default());
                found = run_rules(&post, site, config, &cross_rule);
            }
            diags.extend(found);
            let diagnostics = finish(suppress::apply(&post, &sups, diags, &active));
            Ok(FileReport {
                post: post.into_reported(!diagnostics.is_empty()),
                diagnostics,
            })
        })
        .collect();
    for r in finished {
        match r {
            Ok(file) => report.files.push(file),
            Err(e) => report.io_errors.push(e),
        }
    }
    if let Some(c) = cache {
        for (i, st) in stamps {
            let s = &report.site.posts[i];
            c.put(&s.path, &cwd.join(&s.path), Some(st), cross, s);
        }
        c.save();
    }
    report.files.sort_by(|a, b| a.post.path.cmp(&b.post.path));
    Ok(report)
}
