//! retro-lint: a linter for retrospective posts. Data flows one way:
//! source -> post model -> rules -> diagnostics -> output.

pub mod baseline;
pub mod cache;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod error;
pub mod fix;
pub mod fs_watch;
#[doc(hidden)]
pub mod invariants;
pub mod output;
pub mod post;
pub mod registry;
pub mod rules;
pub mod safe_fs;
pub mod server;
pub mod site;
pub mod source;
pub mod suggest;
pub mod suppress;

pub use engine::{
    DEFAULT_MAX_FILE_SIZE, FileReport, LintOptions, Report, Texts, active_rules, check_post,
    lint_bytes, lint_paths, lint_paths_with, lint_stdin, lint_text, load_config, read_index_post,
    read_post,
};
pub use error::Error;
