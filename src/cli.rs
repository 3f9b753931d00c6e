//! Command-line interface: parse arguments, run the library, print, map the outcome to an
//! exit code (0 clean, 1 findings, 2 the tool could not do its job).

use crate::baseline::Baseline;
use crate::diagnostic::{Lang, Severity};
use crate::fix::{Applied, Mode};
use crate::output::{self, Format, Settings};
use crate::post::Post;
use crate::registry;
use crate::{Error, LintOptions};
use clap::{CommandFactory, Parser, Subcommand};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

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

    /// Neither read nor write the site index cache (`.retro-lint-cache/` at the site root).
    #[arg(long)]
    pub no_cache: bool,

    /// Keep the site index cache in DIR instead (also `RETRO_LINT_CACHE_DIR`).
    #[arg(long, value_name = "DIR", env = "RETRO_LINT_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Print the files that would be linted, and why, then stop.
    #[arg(long)]
    pub show_files: bool,

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
    match &cli.command {
        Some(Command::Rule { code, all }) => return print_rules(code.as_deref(), *all, out),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Cli::command(), "retro-lint", out);
            return Ok(0);
        }
        None => {}
    }
    let dash = cli.paths.iter().any(|p| p.as_os_str() == "-");
    let stdin_mode = dash || (cli.stdin_filename.is_some() && cli.paths.is_empty());
    if stdin_mode && cli.paths.len() > 1 {
        return Err(Error::Usage(
            "`-` (standard input) cannot be mixed with other paths".into(),
        ));
    }
    if cli.unsafe_fixes && !cli.fix && !cli.diff {
        return Err(Error::Usage(
            "--unsafe-fixes goes with --fix or --diff".into(),
        ));
    }
    let stdin_path = cli
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("stdin.md"));
    let paths = if stdin_mode {
        vec![stdin_path.clone()]
    } else if cli.paths.is_empty() {
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
        force_exclude: cli.force_exclude,
        threads: cli.threads,
        // --diff promises to write nothing, the cache included.
        cache: !cli.no_cache && !cli.diff,
        cache_dir: cli.cache_dir.clone(),
    };
    if cli.show_files {
        let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
        let root = crate::site::Site::find_root(&first, &config);
        for line in crate::site::Layout::detect(&root, &config).describe() {
            writeln_ok(err, &format!("retro-lint: {line}"))?;
        }
        let mut errors = Vec::new();
        for f in crate::discover::files(&paths, &config, cli.force_exclude, &mut errors) {
            writeln_ok(out, &output::display_path(&f))?;
        }
        for e in &errors {
            writeln_ok(err, &format!("retro-lint: error: {e}"))?;
        }
        return Ok(if errors.is_empty() { 0 } else { 2 });
    }
    let stdin_text = if stdin_mode {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::Usage(format!("cannot read standard input: {e}")))?;
        Some(
            String::from_utf8(buf)
                .map_err(|_| Error::Usage("standard input is not valid UTF-8".into()))?,
        )
    } else {
        None
    };
    let mut report = match &stdin_text {
        Some(text) => crate::lint_stdin(&stdin_path, text, &config, &opts)?,
        None => crate::lint_paths(&paths, &config, &opts)?,
    };
    print_errors(&report.io_errors, err)?;
    if let Some(file) = &cli.write_baseline {
        let (text, n) = crate::baseline::render(&report, file);
        std::fs::write(file, text).map_err(|e| Error::Path {
            path: file.display().to_string(),
            message: e.to_string(),
        })?;
        writeln_ok(
            err,
            &format!(
                "retro-lint: wrote {n} findings to {}",
                output::display_path(file)
            ),
        )?;
        return Ok(if report.io_errors.is_empty() { 0 } else { 2 });
    }
    let baseline = match &cli.baseline {
        Some(file) => Some(Baseline::load(file)?),
        None => None,
    };
    if let Some(b) = &baseline {
        b.filter_report(&mut report);
    }

    let machine = !matches!(cli.output_format, Format::Full | Format::Concise);
    // In stdin --fix mode standard output carries the fixed text: the report goes to stderr.
    let stdin_fix = stdin_mode && cli.fix && !cli.diff;
    let mut fixes = FixSummary::default();
    if cli.fix || cli.diff {
        let mode = if cli.unsafe_fixes {
            Mode::Unsafe
        } else {
            Mode::Safe
        };
        let input = match stdin_text.as_deref() {
            Some(t) => Input::Stdin(&stdin_path, t),
            None => Input::Paths(&paths),
        };
        fixes = fix_files(
            &mut report,
            input,
            &config,
            &opts,
            baseline.as_ref(),
            mode,
            cli.diff,
        )?;
        print_errors(&fixes.errors, err)?;
        if stdin_fix {
            let text = fixes
                .stdin_text
                .clone()
                .or(stdin_text.clone())
                .unwrap_or_default();
            if let Err(e) = out.write_all(text.as_bytes())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(Error::Usage(format!("cannot write output: {e}")));
            }
        }
    }
    if cli.diff {
        for d in &fixes.diffs {
            if let Err(e) = out.write_all(d.as_bytes())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(Error::Usage(format!("cannot write output: {e}")));
            }
        }
        let n = fixes.applied.iter().map(|(_, a)| a.len()).sum::<usize>();
        if !cli.quiet {
            let files = fixes.diffs.len();
            writeln_ok(
                err,
                &match lang {
                    Lang::Ko => format!("고칠 것 {n}개: 파일 {files}개 (--diff: 쓰지 않음)"),
                    Lang::En => format!(
                        "{n} fixes would be applied in {files} files (--diff: nothing written)."
                    ),
                },
            )?;
        }
        if cli.show_fixes {
            show_fixes(&fixes, lang, err)?;
        }
        let errors = !report.io_errors.is_empty() || !fixes.errors.is_empty();
        return Ok(if errors {
            2
        } else if fixes.diffs.is_empty() {
            0
        } else {
            1
        });
    }

    let mut file_out;
    let use_file = cli.output_file.is_some();
    let dest: &mut dyn Write = match &cli.output_file {
        Some(p) => {
            file_out = std::fs::File::create(p).map_err(|e| Error::Path {
                path: p.display().to_string(),
                message: e.to_string(),
            })?;
            &mut file_out
        }
        None if stdin_fix => &mut *err,
        None => &mut *out,
    };
    let color = cli.output_format == Format::Full
        && !use_file
        && !stdin_fix
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let settings = Settings {
        lang,
        color,
        quiet: cli.quiet,
    };
    let written = if cli.statistics {
        output::statistics(&report, dest)
    } else {
        output::write(&report, cli.output_format, &settings, dest)
    };
    if let Err(e) = written.and_then(|_| dest.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(Error::Usage(format!("cannot write output: {e}")));
    }
    if cli.fix {
        // The fix summary goes where it cannot spoil a machine-readable report.
        let to_err = machine || use_file || stdin_fix;
        let w: &mut dyn Write = if to_err { &mut *err } else { &mut *out };
        if cli.show_fixes {
            show_fixes(&fixes, lang, w)?;
        }
        let n = fixes.applied.iter().map(|(_, a)| a.len()).sum::<usize>();
        if !cli.quiet && n > 0 {
            writeln_ok(
                w,
                &match lang {
                    Lang::Ko => format!("고친 것 {n}개: 파일 {}개", fixes.changed),
                    Lang::En => format!("Fixed {n} findings in {} files.", fixes.changed),
                },
            )?;
        }
    }
    let fail_on = Severity::parse(&cli.fail_on).unwrap_or(Severity::Warning);
    let failing = report
        .files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .any(|d| d.severity >= fail_on);
    Ok(
        if !report.io_errors.is_empty() || !fixes.errors.is_empty() {
            2
        } else if cli.exit_zero {
            0
        } else if failing || (cli.exit_non_zero_on_fix && fixes.changed > 0) {
            1
        } else {
            0
        },
    )
}

/// What `--fix` / `--diff` did.
#[derive(Default)]
struct FixSummary {
    /// Per changed file: its shown path and the fixes applied.
    applied: Vec<(String, Vec<Applied>)>,
    changed: usize,
    diffs: Vec<String>,
    errors: Vec<Error>,
    /// The fixed text of standard input.
    stdin_text: Option<String>,
}

/// A text with its BOM put back.
fn with_bom(text: &str, bom: bool) -> String {
    if bom {
        format!("{}{text}", crate::source::BOM)
    } else {
        text.to_owned()
    }
}

/// Fix every file of the report to a fixpoint, re-linting the whole site between passes
/// (a fix in one post can change what another post is checked against), then write the files,
/// or diff them, or hand back the fixed standard input. The report becomes that of the fixed
/// texts.
/// What was linted: paths, or standard input as a named file.
enum Input<'a> {
    Paths(&'a [PathBuf]),
    Stdin(&'a Path, &'a str),
}

fn fix_files(
    report: &mut crate::Report,
    input: Input,
    config: &crate::config::Config,
    opts: &LintOptions,
    baseline: Option<&Baseline>,
    mode: Mode,
    diff: bool,
) -> Result<FixSummary, Error> {
    let stdin = match input {
        Input::Stdin(p, t) => Some((p, t)),
        Input::Paths(_) => None,
    };
    let active = crate::active_rules(config, opts)?;
    let fixable = |d: &crate::diagnostic::Diagnostic| {
        d.fix.as_ref().is_some_and(|x| mode.allows(x.applicability))
    };
    let mut texts = crate::Texts::new();
    if let Some((p, t)) = stdin {
        texts.insert(p.to_path_buf(), t.to_owned());
    }
    let mut originals: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut applied: BTreeMap<PathBuf, Vec<Applied>> = BTreeMap::new();
    for _ in 0..crate::fix::MAX_ROUNDS {
        let mut changed = false;
        let site = &report.site;
        for f in &mut report.files {
            if f.post.not_text.is_some() || !f.diagnostics.iter().any(fixable) {
                continue;
            }
            let path = f.post.path.clone();
            let lint = |text: &str| {
                let post = Post::new_limited(
                    path.clone(),
                    crate::source::SourceFile::new(text.to_owned()),
                    config.max_elements(),
                );
                let diags = crate::check_post(&post, site, config, &active);
                match baseline {
                    Some(b) => b.filter(&post, diags),
                    None => diags,
                }
            };
            let fixed = crate::fix::fix_rounds(&f.post.source.text, mode, lint);
            if fixed.text == f.post.source.text {
                continue;
            }
            let bom = f.post.source.bom;
            originals
                .entry(path.clone())
                .or_insert_with(|| with_bom(&f.post.source.text, bom));
            texts.insert(path.clone(), with_bom(&fixed.text, bom));
            applied
                .entry(path.clone())
                .or_default()
                .extend(fixed.applied);
            let mut source = crate::source::SourceFile::new(fixed.text);
            source.bom = bom;
            f.post = Post::new_limited(path, source, config.max_elements());
            f.diagnostics = fixed.remaining;
            changed = true;
        }
        if !changed {
            break;
        }
        let mut next = match stdin {
            Some((p, _)) => crate::lint_stdin(p, &texts[p], config, opts)?,
            None => {
                let paths = match input {
                    Input::Paths(p) => p,
                    Input::Stdin(..) => &[],
                };
                crate::lint_paths_with(paths, config, opts, &texts)?
            }
        };
        if let Some(b) = baseline {
            b.filter_report(&mut next);
        }
        let again = next.files.iter().any(|f| f.diagnostics.iter().any(fixable));
        *report = next;
        if !again {
            break;
        }
    }
    let mut sum = FixSummary::default();
    for (path, original) in originals {
        let new = &texts[&path];
        if *new == original {
            continue;
        }
        let shown = output::display_path(&path);
        if diff {
            let strip = |t: &str| t.strip_prefix(crate::source::BOM).unwrap_or(t).to_owned();
            sum.diffs.push(crate::fix::unified_diff(
                shown.strip_prefix("./").unwrap_or(&shown),
                &strip(&original),
                &strip(new),
            ));
        } else if stdin.is_some() {
            sum.stdin_text = Some(new.clone());
        } else if let Err(e) = crate::fix::write_atomic(&path, original.as_bytes(), new.as_bytes())
        {
            sum.errors.push(Error::Path {
                path: path.display().to_string(),
                message: e.to_string(),
            });
            continue;
        }
        sum.changed += 1;
        sum.applied
            .push((shown, applied.remove(&path).unwrap_or_default()));
    }
    Ok(sum)
}

fn show_fixes(sum: &FixSummary, lang: Lang, w: &mut dyn Write) -> Result<(), Error> {
    for (path, applied) in &sum.applied {
        for a in applied {
            writeln_ok(
                w,
                &format!(
                    "fixed {path}:{}:{}: {} [{}] {}",
                    a.line,
                    a.column,
                    a.code,
                    a.name,
                    output::escape_controls(a.title.get(lang))
                ),
            )?;
        }
    }
    Ok(())
}

fn print_errors(errors: &[Error], err: &mut dyn Write) -> Result<(), Error> {
    for e in errors {
        writeln_ok(
            err,
            &format!(
                "retro-lint: error: {}",
                output::escape_controls(&e.to_string())
            ),
        )?;
    }
    Ok(())
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
        for m in registry::ALL {
            writeln_ok(out, m.doc.trim_end())?;
            writeln_ok(out, "")?;
        }
        return Ok(0);
    }
    let code = code.unwrap_or_default();
    match registry::find(code) {
        Some(m) => {
            writeln_ok(out, m.doc.trim_end())?;
            Ok(0)
        }
        None => Err(Error::Usage(format!(
            "unknown rule `{code}`; `retro-lint rule --all` lists every rule"
        ))),
    }
}
