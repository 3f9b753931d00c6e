//! Command-line interface: parse arguments, run the library, print, map the outcome to an
//! exit code (0 clean, 1 findings, 2 the tool could not do its job).

use crate::diagnostic::{Lang, Severity};
use crate::output::{self, Format, Settings};
use crate::rules::{self, RULES};
use crate::{Error, LintOptions};
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
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

    /// Message language (default: from LC_ALL / LC_MESSAGES / LANG, else the config's `lang`).
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

    /// Print the files that would be linted, and why, then stop.
    #[arg(long)]
    pub show_files: bool,
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
}

/// Run the CLI with `args` (program name first); returns the exit code.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let text = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            if code == 0 {
                let _ = write!(out, "{text}");
            } else {
                let _ = write!(err, "{text}");
            }
            return code;
        }
    };
    match execute(cli, out, err) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(
                err,
                "retro-lint: error: {}",
                output::escape_controls(&e.to_string())
            );
            2
        }
    }
}

fn execute(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Error> {
    if let Some(Command::Rule { code, all }) = &cli.command {
        return print_rules(code.as_deref(), *all, out);
    }
    let paths = if cli.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        cli.paths.clone()
    };
    let config = crate::load_config(cli.config.as_deref(), &paths[0])?;
    let lang = match cli.lang.as_deref() {
        Some("ko") => Lang::Ko,
        Some(_) => Lang::En,
        None => {
            if std::env::var_os("LC_ALL").is_some()
                || std::env::var_os("LC_MESSAGES").is_some()
                || std::env::var_os("LANG").is_some()
            {
                Lang::from_env()
            } else {
                config.lang.unwrap_or_default()
            }
        }
    };
    let opts = LintOptions {
        select: cli.select.clone(),
        ignore: cli.ignore.clone(),
        max_file_size: cli.max_file_size,
        force_exclude: false,
        threads: cli.threads,
    };
    if cli.show_files {
        let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
        let root = crate::site::Site::find_root(&first, &config);
        for line in crate::site::Layout::detect(&root, &config).describe() {
            writeln_ok(err, &format!("retro-lint: {line}"))?;
        }
        let mut errors = Vec::new();
        for f in crate::discover::files(&paths, &config, false, &mut errors) {
            writeln_ok(out, &output::display_path(&f))?;
        }
        for e in &errors {
            writeln_ok(err, &format!("retro-lint: error: {e}"))?;
        }
        return Ok(if errors.is_empty() { 0 } else { 2 });
    }
    let report = crate::lint_paths(&paths, &config, &opts)?;
    for e in &report.io_errors {
        writeln_ok(
            err,
            &format!(
                "retro-lint: error: {}",
                output::escape_controls(&e.to_string())
            ),
        )?;
    }
    let color = cli.output_format == Format::Full
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let settings = Settings {
        lang,
        color,
        quiet: cli.quiet,
    };
    if let Err(e) = output::write(&report, cli.output_format, &settings, out)
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(Error::Usage(format!("cannot write output: {e}")));
    }
    let fail_on = Severity::parse(&cli.fail_on).unwrap_or(Severity::Warning);
    let failing = report
        .files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .any(|d| d.severity >= fail_on);
    Ok(if !report.io_errors.is_empty() {
        2
    } else if failing {
        1
    } else {
        0
    })
}

fn writeln_ok(w: &mut dyn Write, s: &str) -> Result<(), Error> {
    match writeln!(w, "{s}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Usage(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

fn print_rules(code: Option<&str>, all: bool, out: &mut dyn Write) -> Result<i32, Error> {
    if all || code.is_none() {
        for r in RULES {
            let m = r.meta();
            writeln_ok(out, m.doc.trim_end())?;
            writeln_ok(out, "")?;
        }
        return Ok(0);
    }
    let code = code.unwrap_or_default();
    match rules::find(code) {
        Some(m) => {
            writeln_ok(out, m.doc.trim_end())?;
            Ok(0)
        }
        None => Err(Error::Usage(format!(
            "unknown rule `{code}`; `retro-lint rule --all` lists every rule"
        ))),
    }
}
