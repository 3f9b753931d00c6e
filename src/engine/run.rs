//! A run over files and folders, in three steps:
//!
//! 1. the site index, from the head of every post (front matter, period, URL) or from the
//!    cache;
//! 2. each given file read, modelled and checked once on all cores, and its model dropped,
//!    so memory holds one model per thread; a post whose cross-post figures are compared
//!    with other posts' keeps only its period and figures;
//! 3. the cross-post rules on those posts, once every post's figures are known.
//!
//! Site rules look other posts up through the index's hash maps, never by scanning the
//! site. Findings and their order do not depend on the number of threads.

use super::check::{DEFAULT_MAX_FILE_SIZE, apply_suppressions, check_post, finish, run_rules};
use super::read::{read_index_post, read_post};
use super::select::active_rules;
use super::{FileReport, LintOptions, Report, Texts};
use crate::cache;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover;
use crate::error::Error;
use crate::post::{self, Post};
use crate::registry::Scope;
use crate::rules::{self, Active};
use crate::site::{self, Site};
use crate::source;
use crate::suppress;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Lint files and folders: the whole site is indexed for cross-post rules, and only the
/// given files are reported on. Findings and their order do not depend on `opts.threads`.
pub fn lint_paths(paths: &[PathBuf], config: &Config, opts: &LintOptions) -> Result<Report, Error> {
    lint_paths_with(paths, config, opts, &Texts::new())
}

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

/// What a run needs at every step.
struct Run<'a> {
    config: &'a Config,
    active: Vec<Active>,
    texts: &'a Texts,
    max: u64,
    max_elements: usize,
    /// Whether a cross-post rule runs: then other posts' figures are read too.
    cross: bool,
    cache: Option<cache::Cache>,
    cwd: PathBuf,
}

impl Run<'_> {
    fn read_full(&self, p: &PathBuf) -> Result<Post, Error> {
        match self.texts.get(p) {
            Some(text) if text.len() as u64 > self.max => Ok(self.too_large(p, text)),
            Some(text) => Ok(Post::from_bytes_limited(
                p.clone(),
                text.as_bytes().to_vec(),
                self.max_elements,
            )),
            None => read_post(p, self.max, self.max_elements),
        }
    }
    fn read_head(&self, p: &PathBuf) -> Result<Post, Error> {
        match self.texts.get(p) {
            Some(text) if text.len() as u64 > self.max => Ok(self.too_large(p, text)),
            Some(text) => Ok(Post::for_index(p.clone(), text.as_bytes().to_vec())),
            None => read_index_post(p, self.max),
        }
    }
    /// A text given in place of a file (standard input) over the size limit: skipped like
    /// a file on disk.
    fn too_large(&self, p: &Path, text: &str) -> Post {
        let mut post = Post::from_bytes(p.to_path_buf(), Vec::new());
        post.not_text = Some(source::NotText::TooLarge {
            size: text.len() as u64,
            limit: self.max,
        });
        post
    }
    fn cached(&self, p: &PathBuf) -> Option<&cache::Cache> {
        self.cache.as_ref().filter(|_| !self.texts.contains_key(p))
    }
    /// The summary of a post for the index. A given file's figures come from its check,
    /// and its cache entry is written after it; another post's figures are read here when
    /// other posts' cross-post checks can read them.
    fn summarize(&self, layout: &site::Layout, p: &PathBuf, given: bool) -> Option<site::SitePost> {
        let key = self.cwd.join(p);
        let wants_figures = |kind| !given && self.cross && rules::figures_read(kind);
        let mut stamp = None;
        if let Some(c) = self.cached(p) {
            match c.get(p, &key, |s| wants_figures(s.kind)) {
                cache::Lookup::Hit(s) => return Some(*s),
                cache::Lookup::Miss(s) => stamp = s,
            }
        }
        let head = self.read_head(p).ok()?;
        if head.not_text.is_some() {
            return None;
        }
        let full = wants_figures(head.period.kind);
        let summary = if full {
            let post = self.read_full(p).ok()?;
            if post.not_text.is_some() {
                return None;
            }
            Site::summarize(&post, layout)
        } else {
            Site::summarize(&head, layout)
        };
        if !given && let Some(c) = self.cached(p) {
            c.put(p, &key, stamp, full, &summary);
        }
        Some(summary)
    }
}

/// What a run reads and with what: the given files, the site's other files, the site's
/// top folder and layout, and the state every step needs.
struct Plan<'a> {
    run: Run<'a>,
    targets: Vec<PathBuf>,
    site_files: Vec<PathBuf>,
    root: PathBuf,
    layout: site::Layout,
}

/// Which files a run reads, and the notes the report starts with.
fn plan<'a>(
    paths: &[PathBuf],
    config: &'a Config,
    opts: &LintOptions,
    stdin: bool,
    texts: &'a Texts,
    report: &mut Report,
) -> Result<Plan<'a>, Error> {
    let active = active_rules(config, opts)?;
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
            .map(|(r, _)| r.meta)
            .filter(|m| m.scope.reads_site())
            .map(|m| m.code)
            .collect();
        if !site_rules.is_empty() {
            let at = if root.as_os_str().is_empty() {
                ".".to_owned()
            } else {
                crate::output::display_path(&root)
            };
            let rules = site_rules.join(", ");
            report.notes.push(crate::t!(
                "no content root found under {at}: the site-wide rules {rules} did not run (set `content_roots` in .retro-lint.yml)",
                "콘텐츠 폴더를 찾지 못해 사이트 규칙을 실행하지 않았습니다 ({at}): {rules} (.retro-lint.yml에 `content_roots`를 지정하세요)"
            ));
        }
    }
    // Given the site's root folder itself, the walk of the site finds the given files and
    // nothing else: not walked twice.
    let whole_site = !stdin
        && paths.len() == 1
        && first.is_dir()
        && std::fs::canonicalize(&first)
            .is_ok_and(|f| std::fs::canonicalize(&root).is_ok_and(|r| r == f));
    let site_files = if whole_site {
        Vec::new()
    } else {
        other_site_files(&root, &first, &layout, config, &targets)
    };
    let cross = active.iter().any(|(r, _)| r.meta.scope == Scope::CrossPost);
    let cache = (opts.cache && !layout.content_roots.is_empty()).then(|| {
        let dir = opts
            .cache_dir
            .clone()
            .unwrap_or_else(|| root.join(cache::DIR));
        cache::Cache::open(&dir, &layout, targets.len() + site_files.len())
    });
    let run = Run {
        config,
        active,
        texts,
        max: opts
            .max_file_size
            .or(config.max_file_size)
            .unwrap_or(DEFAULT_MAX_FILE_SIZE),
        max_elements: config.max_elements(),
        cross,
        cache,
        cwd: std::env::current_dir().unwrap_or_default(),
    };
    Ok(Plan {
        run,
        targets,
        site_files,
        root,
        layout,
    })
}

/// The site of `paths` indexed once for repeated checks (the language server, `--watch`):
/// every post summarized with the figures cross-post rules read, the given files
/// included, `texts` standing in for files. Returns the site, the given files, and a report
/// with no file yet: the notes and the paths that could not be read.
pub(super) fn index_site(
    paths: &[PathBuf],
    config: &Config,
    opts: &LintOptions,
    texts: &Texts,
) -> Result<(Site, Vec<PathBuf>, Report), Error> {
    in_pool(opts, || {
        let mut report = Report::default();
        let Plan {
            mut run,
            targets,
            site_files,
            root,
            layout,
        } = plan(paths, config, opts, false, texts, &mut report)?;
        let summaries: Vec<site::SitePost> = targets
            .par_iter()
            .chain(site_files.par_iter())
            .filter_map(|p| run.summarize(&layout, p, false))
            .collect();
        if let Some(c) = run.cache.take() {
            c.save();
        }
        Ok((Site::new(Some(root), layout, summaries), targets, report))
    })
}

fn lint_inner(
    paths: &[PathBuf],
    config: &Config,
    opts: &LintOptions,
    stdin: bool,
    texts: &Texts,
) -> Result<Report, Error> {
    let mut report = Report::default();
    let Plan {
        run,
        targets,
        site_files,
        root,
        layout,
    } = plan(paths, config, opts, stdin, texts, &mut report)?;

    // 1. The index, from the head of every file (or the cache): front matter, period, URL.
    // The given files' figures are added as they are checked.
    let mut summaries: Vec<site::SitePost> = targets
        .par_iter()
        .filter_map(|p| run.summarize(&layout, p, true))
        .collect();
    summaries.par_extend(
        site_files
            .par_iter()
            .filter_map(|p| run.summarize(&layout, p, false)),
    );
    report.site = Site::new(Some(root), layout, summaries);

    // 2. Each given file, checked once; posts that read other posts' figures wait.
    let checked: Vec<Checked> = targets
        .par_iter()
        .map(|p| check_given(&run, &report.site, p))
        .collect();
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
            if let Some(k) = learned.keyed {
                report.site.posts[i].keyed = k;
            }
            if let Some(st) = learned.stamp {
                stamps.push((i, st));
            }
        }
    }

    // 3. With every figure known, the cross-post rules on the posts that waited (a few:
    // annual and monthly posts).
    let site = &report.site;
    let finished: Vec<Result<FileReport, Error>> = later
        .into_par_iter()
        .map(|w| check_waiting(&run, site, w))
        .collect();
    for r in finished {
        match r {
            Ok(file) => report.files.push(file),
            Err(e) => report.io_errors.push(e),
        }
    }
    if let Some(c) = run.cache {
        for (i, st) in stamps {
            let s = &report.site.posts[i];
            c.put(&s.path, &run.cwd.join(&s.path), Some(st), run.cross, s);
        }
        c.save();
    }
    report.files.sort_by(|a, b| a.post.path.cmp(&b.post.path));
    Ok(report)
}

/// The site: every Markdown file under the site root but the given files. They are
/// summarized as they are read and dropped, so memory grows with the summaries, not the
/// texts.
fn other_site_files(
    root: &Path,
    first: &Path,
    layout: &site::Layout,
    config: &Config,
    targets: &[PathBuf],
) -> Vec<PathBuf> {
    let mut site_files = if layout.content_roots.is_empty() {
        Vec::new()
    } else {
        let files = discover::files(&[root.to_path_buf()], config, false, &mut Vec::new());
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
    let target_keys =
        || target_keys.get_or_init(|| targets.iter().map(|p| key(p)).collect::<HashSet<PathBuf>>());
    // Resolving a path costs system calls: only files named like a given file can be one.
    let target_names: HashSet<&std::ffi::OsStr> =
        targets.iter().filter_map(|p| p.file_name()).collect();
    let target_paths: HashSet<&PathBuf> = targets.iter().collect();
    site_files.retain(|p| {
        !target_paths.contains(p)
            && (!p.file_name().is_some_and(|n| target_names.contains(n))
                || !target_keys().contains(&key(p)))
    });
    site_files
}

/// What checking a file taught the index: its figures, and its stamp for the cache.
struct Learned {
    index: Option<usize>,
    figures: Option<Vec<post::facts::SiteFigure>>,
    keyed: Option<Vec<post::facts::KeyedFigure>>,
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

/// Step 2 for one given file: read, model, check, drop the model.
fn check_given(run: &Run, site: &Site, p: &PathBuf) -> Checked {
    // The time before the read: a change while reading shows as a newer time.
    let before = run.cached(p).and_then(|_| std::fs::metadata(p).ok());
    let post = match run.read_full(p) {
        Ok(post) => post,
        Err(e) => return Checked::Failed(e),
    };
    let text = post.not_text.is_none();
    let learned = Learned {
        index: site.index_of(&post.path),
        figures: (run.cross && text).then(|| post::facts::site_figures(&post)),
        keyed: (run.cross && text).then(|| post::facts::keyed_figures(&post)),
        stamp: before
            .filter(|_| text)
            .and_then(|m| cache::stamp_from(&m, post.source.text.as_bytes())),
    };
    if run.cross && text && rules::reads_others(&post) {
        // Every other rule runs now; the model is dropped but for what the cross-post
        // check reads.
        let others: Vec<&Active> = run
            .active
            .iter()
            .filter(|(r, _)| r.meta.scope != Scope::CrossPost)
            .collect();
        let early = run_rules(&post, site, run.config, &others, None);
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
    let diagnostics = check_post(&post, site, run.config, &run.active);
    Checked::Done(
        Box::new(FileReport {
            post: post.into_reported(!diagnostics.is_empty()),
            diagnostics,
        }),
        learned,
    )
}

/// Step 3 for one waiting post: the cross-post rules, then its suppressions.
fn check_waiting(run: &Run, site: &Site, w: Waiting) -> Result<FileReport, Error> {
    let Waiting {
        mut post,
        early: mut diags,
        sups,
        text,
    } = w;
    let cross: Vec<&Active> = run
        .active
        .iter()
        .filter(|(r, _)| r.meta.scope == Scope::CrossPost)
        .collect();
    let mut found = run_rules(&post, site, run.config, &cross, None);
    // Findings and suppressions point into the text: read it back (the same bytes as
    // before, or the file changed during the run) and check again with it.
    if !diags.is_empty() || !found.is_empty() || !sups.is_empty() {
        let error = |message: String| Error::Path {
            path: post.path.display().to_string(),
            message,
        };
        let bytes = match run.texts.get(&post.path) {
            Some(t) => t.clone().into_bytes(),
            None => std::fs::read(&post.path).map_err(|e| error(e.to_string()))?,
        };
        if (bytes.len(), cache::content_hash(&bytes)) != text {
            return Err(error("changed while it was being linted; run again".into()));
        }
        post.source = source::SourceFile::new(String::from_utf8(bytes).unwrap_or_default());
        found = run_rules(&post, site, run.config, &cross, None);
    }
    diags.extend(found);
    let diagnostics = finish(
        apply_suppressions(&post, site, run.config, &sups, diags, &run.active),
        run.config,
    );
    Ok(FileReport {
        post: post.into_reported(!diagnostics.is_empty()),
        diagnostics,
    })
}
