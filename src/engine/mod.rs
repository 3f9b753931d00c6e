//! The engine: which rules run ([`select`]), checking one post ([`check`]), reading posts
//! within bounds ([`read`]) and a whole run with its cross-post pass ([`run`]).

mod check;
mod read;
mod run;
mod select;
mod warm;

pub use check::{
    DEFAULT_MAX_FILE_SIZE, apply_suppressions, check_post, finish, lint_bytes, lint_text, run_rules,
};
pub use read::{read_index_post, read_post};
pub use run::{lint_paths, lint_paths_with, lint_stdin};
pub use select::active_rules;
pub use warm::{Change, WarmSite};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::post::Post;
use crate::site::Site;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
    /// Keep the site index between runs ([`crate::cache`]); off unless asked (the CLI asks).
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
    pub notes: Vec<crate::diagnostic::Text>,
    /// The site the posts were checked in, for re-linting fixed texts.
    pub site: Site,
}

/// Texts that stand in for files on disk (by the path a report gives the file): standard
/// input, or the fixed texts of a `--diff` run, which writes nothing.
pub type Texts = HashMap<PathBuf, String>;

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
