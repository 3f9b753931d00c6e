//! Command-line interface: parse arguments, run the library, print, map the outcome to an
//! exit code (0 clean, 1 findings, 2 the tool could not do its job). One file per command:
//! [`lint`] (the default: lint, fix, diff, baselines), [`rule`] (print a rule's doc).

mod args;
mod fix;
mod init;
mod lint;
mod rule;
mod settings;
mod watch;

pub use args::{Cli, Command, ServerArgs};

use crate::error::Error;
use crate::output;
use clap::{CommandFactory, Parser};
use std::ffi::OsString;
use std::io::{IsTerminal, Write};

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
        Some(Command::Rule { code, all }) => rule::print(code.as_deref(), *all, out),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Cli::command(), "retro-lint", out);
            Ok(0)
        }
        Some(Command::Init {
            path,
            force,
            stdout,
        }) => init::run(path.as_deref(), *force, *stdout, out, err),
        Some(Command::Schema) => {
            let schema = crate::config::json_schema();
            let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
            writeln_ok(out, &text)?;
            Ok(0)
        }
        Some(Command::Server(a)) => crate::server::run(a.into()),
        None if cli.watch => watch::run(cli, out, err),
        None => lint::run(cli, out, err),
    }
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
