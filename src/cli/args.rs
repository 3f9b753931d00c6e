//! The command line, as clap reads it.

use crate::output::Format;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "retro-lint",
    version,
    about = "Lint retrospective posts: totals, counts, dates, periods and links that do not add up",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or folders to lint (default: the current folder).
    pub paths: Vec<PathBuf>,

    /// How to print findings.
    #[arg(long, value_enum, default_value = "full")]
    pub output_format: Format,

    /// Rules to run: codes, names or code prefixes, comma-separated (replaces the config's).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,

    /// Rules to skip: codes, names or code prefixes, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Config file (default: the closest .retro-lint.yml above the first path).
    #[arg(long)]
    pub config: Option<PathBuf>,

    /// Message language (default: a Korean or English LC_ALL / LC_MESSAGES / LANG, else the
    /// config's `lang`; a `C` or `POSIX` locale leaves it to the config).
    #[arg(long, value_parser = ["ko", "en"])]
    pub lang: Option<String>,

    /// Print findings only, no summary line.
    #[arg(long, short)]
    pub quiet: bool,

    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_parser = ["error", "warning", "info"], default_value = "warning")]
    pub fail_on: String,

    /// Skip files larger than this many bytes (reported as file-too-large).
    #[arg(long)]
    pub max_file_size: Option<u64>,

    /// Worker threads for reading, parsing and checking (default: all cores). Findings and
    /// their order are the same for any number.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Colour in the full output: `auto` (a terminal, and `NO_COLOR` unset), `always`, `never`.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,

    /// Also report findings that rest on a guess about a post's structure (hidden by
    /// default; config `preview: true`).
    #[arg(long)]
    pub preview: bool,

    /// Neither read nor write the site index cache (`.retro-lint-cache/` at the site root).
    #[arg(long)]
    pub no_cache: bool,

    /// Keep the site index cache in DIR instead (also `RETRO_LINT_CACHE_DIR`).
    #[arg(long, value_name = "DIR", env = "RETRO_LINT_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Print the files that would be linted, and why, then stop.
    #[arg(long)]
    pub show_files: bool,

    /// Print the settings this run would use, and where each came from, then stop.
    #[arg(long)]
    pub show_settings: bool,

    /// Apply safe fixes, write the files, and report what is left.
    #[arg(long)]
    pub fix: bool,

    /// With --fix or --diff: apply unsafe fixes too (review them). Display-only fixes are
    /// never applied.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print a unified diff of the fixes instead of writing files; exit 1 when there is one.
    #[arg(long)]
    pub diff: bool,

    /// List the fixes that were applied.
    #[arg(long)]
    pub show_fixes: bool,

    /// With --fix: exit 1 when a file was changed, even if no finding is left (for hooks).
    #[arg(long)]
    pub exit_non_zero_on_fix: bool,

    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record today's findings in this baseline file, print nothing else, exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Print how many findings each rule has instead of the findings.
    #[arg(long)]
    pub statistics: bool,

    /// Exit 0 even when there are findings (2 still means the tool could not do its job).
    #[arg(long)]
    pub exit_zero: bool,

    /// Lint standard input as if it were this file (with `-` as the path, or no path). The
    /// site index still comes from disk. With --fix the fixed text goes to standard output.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Apply the config's `exclude` to files named on the command line too (pre-commit
    /// passes every changed file by name).
    #[arg(long)]
    pub force_exclude: bool,

    /// Lint, then lint again whenever a post changes (the changed posts and those that
    /// compare figures with them), until Ctrl-C.
    #[arg(long, short = 'w')]
    pub watch: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print a rule's documentation.
    Rule {
        /// A rule code or name.
        code: Option<String>,
        /// Print every rule.
        #[arg(long)]
        all: bool,
    },
    /// Print a shell completion script: `retro-lint completions bash > ...`.
    Completions { shell: clap_complete::Shell },
    /// Write a `.retro-lint.yml` learned from the site: its generator, content roots, URL
    /// pattern, the permalink pattern of each kind of retrospective, and its language.
    Init {
        /// The site's folder (default: the current folder).
        path: Option<PathBuf>,
        /// Replace an existing config file.
        #[arg(long)]
        force: bool,
        /// Print the config instead of writing it.
        #[arg(long)]
        stdout: bool,
    },
    /// Print the JSON Schema of `.retro-lint.yml` (for editors).
    Schema,
    /// Run the language server for editors (LSP over standard input and output).
    Server(ServerArgs),
}

/// `retro-lint server`: the settings a client cannot send.
#[derive(clap::Args, Clone, Debug)]
pub struct ServerArgs {
    /// Message language, unless the client sends `initializationOptions.lang` (default: a
    /// Korean or English locale, else the config's `lang`).
    #[arg(long, value_parser = ["ko", "en"])]
    pub lang: Option<String>,
    /// Config file (default: the closest .retro-lint.yml above each document).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Also report findings that rest on a guess.
    #[arg(long)]
    pub preview: bool,
    /// Neither read nor write the site index cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Accepted for clients that pass it: standard input and output are the transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}
