//! `--watch`: lint, then lint again whenever a post changes, until Ctrl-C.
//!
//! The site is indexed once ([`WarmSite`]). When files change, each is read again and its
//! summary replaces the old one in the index; then only what can have changed is checked
//! again: the changed posts, the posts that compare figures with them when their figures
//! changed, and every given post when what all posts read of a post changed (its URL,
//! period, presence). A changed `.retro-lint.yml` starts over. Each round prints the whole
//! report in the chosen format (the screen cleared first in a terminal, for `full` and
//! `concise`).

use super::args::ColorChoice;
use super::{Cli, print_errors, writeln_ok};
use crate::baseline::Baseline;
use crate::config::Config;
use crate::diagnostic::Lang;
use crate::engine::{self, Change, FileReport, Report, WarmSite};
use crate::error::Error;
use crate::fs_watch::{RecursiveMode, Watcher};
use crate::output::{self, Format, Settings};
use crate::site;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::time::Duration;

/// Options `--watch` cannot go with: they write files (a write would be a change) or read
/// standard input.
fn refuse(cli: &Cli) -> Option<&'static str> {
    if cli.fix || cli.diff {
        Some("--fix and --diff")
    } else if cli.write_baseline.is_some() {
        Some("--write-baseline")
    } else if cli.stdin_filename.is_some() || cli.paths.iter().any(|p| p.as_os_str() == "-") {
        Some("standard input")
    } else if cli.show_files || cli.show_settings {
        Some("--show-files and --show-settings")
    } else {
        None
    }
}

pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Error> {
    if let Some(what) = refuse(&cli) {
        return Err(Error::Usage(format!("--watch cannot go with {what}")));
    }
    let paths = if cli.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        cli.paths.clone()
    };
    for p in &paths {
        if !p.exists() {
            return Err(Error::Path {
                path: p.display().to_string(),
                message: "no such file or directory".into(),
            });
        }
    }
    let (tx, rx) = channel::<Vec<PathBuf>>();
    let mut watcher = crate::fs_watch::watcher(move |paths| {
        let _ = tx.send(paths);
    })
    .map_err(|e| Error::Usage(format!("cannot watch files: {e}")))?;
    let mut watched = HashSet::new();
    let mut w = Watch::start(&cli, &paths)?;
    for (dir, mode) in w.folders(&paths) {
        if watched.insert(dir.clone())
            && let Err(e) = watcher.watch(&dir, mode)
        {
            writeln_ok(
                err,
                &format!("retro-lint: cannot watch {}: {e}", dir.display()),
            )?;
        }
    }
    w.print(&cli, out, err)?;
    writeln_ok(
        err,
        &match w.lang {
            Lang::En => "retro-lint: watching for changes (Ctrl-C to stop)".to_owned(),
            Lang::Ko => "retro-lint: 바뀌는 파일을 지켜보는 중 (멈추려면 Ctrl-C)".to_owned(),
        },
    )?;
    loop {
        let Ok(first) = rx.recv() else {
            return Ok(2);
        };
        // The burst of events one save makes: until 100 ms pass without one (2 s at most).
        let mut changed: BTreeSet<PathBuf> = first.into_iter().collect();
        let until = std::time::Instant::now() + Duration::from_secs(2);
        while std::time::Instant::now() < until
            && let Ok(more) = rx.recv_timeout(Duration::from_millis(100))
        {
            changed.extend(more);
        }
        let config_changed = changed.iter().any(|p| w.is_config(p));
        let posts: Vec<PathBuf> = changed.into_iter().filter(|p| is_post(p)).collect();
        if config_changed {
            w = Watch::start(&cli, &paths)?;
            for (dir, mode) in w.folders(&paths) {
                if watched.insert(dir.clone()) {
                    let _ = watcher.watch(&dir, mode);
                }
            }
        } else if posts.is_empty() || !w.update(&cli, &paths, &posts) {
            continue;
        }
        w.print(&cli, out, err)?;
    }
}

fn is_post(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e, "md" | "markdown" | "mdx"))
}

/// One watch: the warm site, the report of the given files, the settings.
struct Watch {
    warm: WarmSite,
    report: Report,
    lang: Lang,
    baseline: Option<Baseline>,
    /// The config file in use, if any (its change starts over).
    config_file: Option<PathBuf>,
}

impl Watch {
    /// Index the site and lint every given file.
    fn start(cli: &Cli, paths: &[PathBuf]) -> Result<Watch, Error> {
        let mut config: Config = engine::load_config(cli.config.as_deref(), &paths[0])?;
        config.preview |= cli.preview;
        let lang = super::lint::language(cli, &config);
        let config_file = config.path.as_deref().map(site::absolute);
        let opts = super::lint::lint_options(cli, true);
        let baseline = match &cli.baseline {
            Some(file) => Some(Baseline::load(file)?),
            None => None,
        };
        let mut warm = WarmSite::index(paths, config, &opts, &engine::Texts::new())?;
        let mut report = std::mem::take(&mut warm.report);
        let mut w = Watch {
            warm,
            report: Report::default(),
            lang,
            baseline,
            config_file,
        };
        let targets = w.warm.targets.clone();
        let (files, errors) = w.lint(&targets);
        report.files = files;
        report.io_errors.extend(errors);
        w.report = report;
        Ok(w)
    }

    fn is_config(&self, p: &Path) -> bool {
        p.file_name().is_some_and(|n| n == ".retro-lint.yml")
            || self.config_file.as_deref() == Some(p)
    }

    /// The folders to watch: the given ones (a given file's folder), the site's content
    /// roots, and the site's top folder and the config's folder for the config.
    fn folders(&self, paths: &[PathBuf]) -> Vec<(PathBuf, RecursiveMode)> {
        let mut deep: Vec<PathBuf> = Vec::new();
        let mut flat: Vec<PathBuf> = Vec::new();
        for p in paths {
            let abs = site::absolute(p);
            if abs.is_dir() {
                deep.push(abs);
            } else if let Some(d) = abs.parent() {
                flat.push(d.to_path_buf());
            }
        }
        deep.extend(
            self.warm
                .site
                .content_roots
                .iter()
                .map(|r| site::absolute(r)),
        );
        flat.extend(self.warm.site.root.iter().map(|r| site::absolute(r)));
        flat.extend(
            self.config_file
                .as_deref()
                .and_then(Path::parent)
                .map(Path::to_path_buf),
        );
        deep.sort();
        deep.dedup();
        // A folder inside another watched one is watched already.
        let covered = |d: &Path, deep: &[PathBuf]| deep.iter().any(|o| o != d && d.starts_with(o));
        let kept: Vec<PathBuf> = deep
            .iter()
            .filter(|d| !covered(d, &deep))
            .cloned()
            .collect();
        flat.sort();
        flat.dedup();
        let mut out: Vec<(PathBuf, RecursiveMode)> = flat
            .into_iter()
            .filter(|d| d.is_dir() && !kept.iter().any(|o| d.starts_with(o)))
            .map(|d| (d, RecursiveMode::NonRecursive))
            .collect();
        out.extend(
            kept.into_iter()
                .filter(|d| d.is_dir())
                .map(|d| (d, RecursiveMode::Recursive)),
        );
        out
    }

    /// Read, check and report files against the warm site (on all cores).
    fn lint(&self, files: &[PathBuf]) -> (Vec<FileReport>, Vec<Error>) {
        let results: Vec<Result<FileReport, Error>> = files
            .par_iter()
            .map(|p| {
                let post = self.warm.read(p)?;
                let mut diagnostics = self.warm.check(&post);
                if let Some(b) = &self.baseline {
                    diagnostics = b.filter(&post, diagnostics);
                }
                Ok(FileReport {
                    post: post.into_reported(!diagnostics.is_empty()),
                    diagnostics,
                })
            })
            .collect();
        let mut ok = Vec::new();
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(f) => ok.push(f),
                Err(e) => errors.push(e),
            }
        }
        (ok, errors)
    }

    /// Files changed on disk (absolute paths): read them again, check what can have
    /// changed. Returns whether anything was checked.
    fn update(&mut self, cli: &Cli, paths: &[PathBuf], changed: &[PathBuf]) -> bool {
        let config = &self.warm.config;
        let mut errors = Vec::new();
        let targets = crate::discover::files(paths, config, cli.force_exclude, &mut errors);
        let shown: HashMap<PathBuf, PathBuf> = targets
            .iter()
            .chain(self.warm.site.posts.iter().map(|p| &p.path))
            .map(|p| (site::absolute(p), p.clone()))
            .collect();
        let relative = paths[0].is_relative();
        let roots: Vec<PathBuf> = self
            .warm
            .site
            .content_roots
            .iter()
            .map(|r| site::absolute(r))
            .collect();
        self.warm.targets = targets.clone();
        let target_set: HashSet<&PathBuf> = targets.iter().collect();
        let mut to_lint: BTreeSet<PathBuf> = BTreeSet::new();
        let mut all = false;
        for abs in changed {
            let path = match shown.get(abs) {
                Some(p) => p.clone(),
                // A new post of the site, named as the site's other posts are.
                None if roots.iter().any(|r| abs.starts_with(r)) => {
                    if relative {
                        site::relative_to_cwd(abs)
                    } else {
                        abs.clone()
                    }
                }
                None => continue,
            };
            match self.warm.refresh(&path) {
                Change::Shape => all = true,
                Change::Figures => to_lint.extend(self.warm.dependents(&path)),
                Change::None => {}
            }
            to_lint.insert(path);
        }
        if all {
            to_lint = targets.iter().cloned().collect();
        }
        let to_lint: Vec<PathBuf> = to_lint
            .into_iter()
            .filter(|p| target_set.contains(p))
            .collect();
        let gone: Vec<bool> = self
            .report
            .files
            .iter()
            .map(|f| !target_set.contains(&f.post.path))
            .collect();
        if to_lint.is_empty() && !gone.iter().any(|g| *g) {
            return false;
        }
        let (files, lint_errors) = self.lint(&to_lint);
        let redone: HashSet<&PathBuf> = to_lint.iter().collect();
        let mut keep = gone.iter().map(|g| !g);
        self.report
            .files
            .retain(|f| keep.next().unwrap_or(true) && !redone.contains(&f.post.path));
        self.report.files.extend(files);
        self.report
            .files
            .sort_by(|a, b| a.post.path.cmp(&b.post.path));
        self.report.io_errors = errors;
        self.report.io_errors.extend(lint_errors);
        true
    }

    /// The whole report, as a run without `--watch` prints it.
    fn print(&self, cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Error> {
        let human = matches!(cli.output_format, Format::Full | Format::Concise);
        let terminal = std::io::stdout().is_terminal();
        if human && terminal && cli.output_file.is_none() {
            // Clear the screen and the scrollback, cursor home.
            let _ = write!(out, "\x1b[2J\x1b[3J\x1b[H");
        }
        print_errors(&self.report.io_errors, err)?;
        let settings = Settings {
            lang: self.lang,
            color: cli.output_format == Format::Full
                && match cli.color {
                    ColorChoice::Always => true,
                    ColorChoice::Never => false,
                    ColorChoice::Auto => {
                        cli.output_file.is_none()
                            && terminal
                            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    }
                },
            quiet: cli.quiet,
        };
        let mut file_out;
        let dest: &mut dyn Write = match &cli.output_file {
            Some(p) => {
                file_out = super::lint::create_output_file(p)?;
                &mut file_out
            }
            None => &mut *out,
        };
        let written = if cli.statistics {
            output::statistics(&self.report, dest)
        } else {
            output::write(&self.report, cli.output_format, &settings, dest)
        };
        match written.and_then(|_| dest.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(Error::Usage(format!("cannot write output: {e}")))
            }
            _ => Ok(()),
        }
    }
}
