//! The default command: lint files, folders or standard input, then fix, diff, write a
//! baseline or print the report.

use super::args::ColorChoice;
use super::fix::{FixSummary, Input, fix_files, show_fixes};
use super::{Cli, print_errors, writeln_ok};
use crate::baseline::Baseline;
use crate::config::Config;
use crate::diagnostic::{Lang, Severity};
use crate::engine::{self, LintOptions, Report};
use crate::error::Error;
use crate::fix::Mode;
use crate::output::{self, Format, Settings};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Error> {
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
    let mut config = engine::load_config(cli.config.as_deref(), &paths[0])?;
    config.preview |= cli.preview;
    let lang = language(&cli, &config);
    // --diff promises to write nothing, the cache included.
    let opts = lint_options(&cli, !cli.diff);
    if cli.show_files {
        return show_files(&cli, &paths, &config, out, err);
    }
    if cli.show_settings {
        return super::settings::print(&cli, &paths, &config, &opts, lang, out);
    }
    let stdin_text = if stdin_mode {
        let max = opts
            .max_file_size
            .or(config.max_file_size)
            .unwrap_or(engine::DEFAULT_MAX_FILE_SIZE);
        let text = read_stdin(max)?;
        if text.len() as u64 > max && cli.fix && !cli.diff {
            // Standard output would carry the fixed text: a cut input cannot be echoed.
            return Err(Error::Usage(format!(
                "standard input is over the size limit of {max} bytes (--max-file-size); nothing fixed"
            )));
        }
        Some(text)
    } else {
        None
    };
    let mut report = match &stdin_text {
        Some(text) => engine::lint_stdin(&stdin_path, text, &config, &opts)?,
        None => engine::lint_paths(&paths, &config, &opts)?,
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
                "retro-lint: wrote {} to {}",
                output::counted(n, "finding", "findings"),
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
            write_all(out, &text)?;
        }
    }
    if cli.diff {
        return print_diff(&cli, &report, &fixes, lang, out, err);
    }
    write_report(&cli, &report, &fixes, lang, stdin_fix, out, err)?;
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

/// `--lang`, else a Korean or English locale, else the config's `lang`, else English.
pub(super) fn language(cli: &Cli, config: &Config) -> Lang {
    match cli.lang.as_deref() {
        Some("ko") => Lang::Ko,
        Some(_) => Lang::En,
        None => Lang::from_env().or(config.lang).unwrap_or_default(),
    }
}

/// `--show-files`: the site's layout (on stderr), then the files that would be linted.
fn show_files(
    cli: &Cli,
    paths: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Error> {
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let root = crate::site::Site::find_root(&first, config);
    for line in crate::site::Layout::detect(&root, config).describe() {
        writeln_ok(err, &format!("retro-lint: {line}"))?;
    }
    let mut errors = Vec::new();
    for f in crate::discover::files(paths, config, cli.force_exclude, &mut errors) {
        writeln_ok(out, &output::display_path(&f))?;
    }
    for e in &errors {
        writeln_ok(err, &format!("retro-lint: error: {e}"))?;
    }
    Ok(if errors.is_empty() { 0 } else { 2 })
}

/// Standard input, read up to one byte over `max` (`--max-file-size`): a longer input is
/// not read further, and is reported as too large like a file on disk.
fn read_stdin(max: u64) -> Result<String, Error> {
    let mut buf = Vec::new();
    std::io::stdin()
        .take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| Error::Usage(format!("cannot read standard input: {e}")))?;
    if buf.len() as u64 > max {
        // Only its length matters now; the cut may split a character.
        return Ok(String::from_utf8_lossy(&buf).into_owned());
    }
    String::from_utf8(buf).map_err(|_| Error::Usage("standard input is not valid UTF-8".into()))
}

/// Write to standard output; a closed pipe (`| head`) is not an error.
fn write_all(out: &mut dyn Write, text: &str) -> Result<(), Error> {
    match out.write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Usage(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

/// `--diff`: the diffs and a summary; exit 1 when there is a diff.
fn print_diff(
    cli: &Cli,
    report: &Report,
    fixes: &FixSummary,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Error> {
    for d in &fixes.diffs {
        write_all(out, d)?;
    }
    let n = fixes.applied.iter().map(|(_, a)| a.len()).sum::<usize>();
    if !cli.quiet {
        let files = fixes.diffs.len();
        writeln_ok(
            err,
            &match lang {
                Lang::Ko => format!("고칠 것 {n}개: 파일 {files}개 (--diff: 쓰지 않음)"),
                Lang::En => format!(
                    "{} would be applied in {} (--diff: nothing written).",
                    output::counted(n, "fix", "fixes"),
                    output::counted(files, "file", "files")
                ),
            },
        )?;
    }
    if cli.show_fixes {
        show_fixes(fixes, lang, err)?;
    }
    let errors = !report.io_errors.is_empty() || !fixes.errors.is_empty();
    Ok(if errors {
        2
    } else if fixes.diffs.is_empty() {
        0
    } else {
        1
    })
}

/// The report in the chosen format (or the statistics), to standard output or the output
/// file, then what `--fix` did.
/// The run's options from the command line; `cache_ok`: whether this command may write the
/// site index cache.
pub(super) fn lint_options(cli: &Cli, cache_ok: bool) -> LintOptions {
    LintOptions {
        select: cli.select.clone(),
        ignore: cli.ignore.clone(),
        max_file_size: cli.max_file_size,
        force_exclude: cli.force_exclude,
        threads: cli.threads,
        cache: !cli.no_cache && cache_ok,
        cache_dir: cli.cache_dir.clone(),
    }
}

/// The file `--output-file` names, created (or emptied) for the report.
pub(super) fn create_output_file(p: &std::path::Path) -> Result<std::fs::File, Error> {
    std::fs::File::create(p).map_err(|e| Error::Path {
        path: p.display().to_string(),
        message: e.to_string(),
    })
}

fn write_report(
    cli: &Cli,
    report: &Report,
    fixes: &FixSummary,
    lang: Lang,
    stdin_fix: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Error> {
    let machine = !matches!(cli.output_format, Format::Full | Format::Concise);
    let mut file_out;
    let use_file = cli.output_file.is_some();
    let dest: &mut dyn Write = match &cli.output_file {
        Some(p) => {
            file_out = create_output_file(p)?;
            &mut file_out
        }
        None if stdin_fix => &mut *err,
        None => &mut *out,
    };
    let color = cli.output_format == Format::Full
        && match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                !use_file
                    && !stdin_fix
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
    let settings = Settings {
        lang,
        color,
        quiet: cli.quiet,
    };
    let written = if cli.statistics {
        output::statistics(report, dest)
    } else {
        output::write(report, cli.output_format, &settings, dest)
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
            show_fixes(fixes, lang, w)?;
        }
        let n = fixes.applied.iter().map(|(_, a)| a.len()).sum::<usize>();
        if !cli.quiet && n > 0 {
            writeln_ok(
                w,
                &match lang {
                    Lang::Ko => format!("고친 것 {n}개: 파일 {}개", fixes.changed),
                    Lang::En => format!(
                        "Fixed {} in {}.",
                        output::counted(n, "finding", "findings"),
                        output::counted(fixes.changed, "file", "files")
                    ),
                },
            )?;
        }
    }
    Ok(())
}
