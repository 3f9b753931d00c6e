//! Report formats, one file each. Every format reads the same [`crate::Report`].

mod concise;
mod full;
mod json;

use crate::Report;
use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::source::SourceFile;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Code frames with labels and fixes (default).
    Full,
    /// One line per finding: `path:line:col: CODE [name] message`.
    Concise,
    /// One JSON array of findings (the contract in the README).
    Json,
}

pub struct Settings {
    pub lang: Lang,
    pub color: bool,
    pub quiet: bool,
}

pub fn write(report: &Report, format: Format, s: &Settings, w: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Full => full::write(report, s, w)?,
        Format::Concise => concise::write(report, s, w)?,
        Format::Json => return json::write(report, s, w),
    }
    if !s.quiet {
        summary(report, s, w)?;
    }
    Ok(())
}

/// A finding's position: 1-based line and character column, start and end.
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

pub fn position(src: &SourceFile, span: crate::source::Span) -> Position {
    let (line, column) = src.line_col(span.start);
    let (end_line, end_column) = src.line_col(span.end);
    Position {
        line,
        column,
        end_line,
        end_column,
    }
}

/// Text from a post is never written raw: control characters (terminal escapes) are shown
/// as `\u{1b}`, so a hostile post cannot drive the terminal or a CI log.
pub fn escape_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

pub fn display_path(p: &std::path::Path) -> String {
    escape_controls(&p.display().to_string())
}

fn count(report: &Report) -> (usize, usize, usize, usize, usize) {
    let all = report.files.iter().flat_map(|f| &f.diagnostics);
    let (mut e, mut w, mut i, mut fixable) = (0, 0, 0, 0);
    for d in all {
        match d.severity {
            Severity::Error => e += 1,
            Severity::Warning => w += 1,
            Severity::Info => i += 1,
        }
        if d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == crate::diagnostic::Applicability::Safe)
        {
            fixable += 1;
        }
    }
    let files = report
        .files
        .iter()
        .filter(|f| !f.diagnostics.is_empty())
        .count();
    (e, w, i, fixable, files)
}

fn summary(report: &Report, s: &Settings, w: &mut dyn Write) -> io::Result<()> {
    let (e, wn, i, fixable, files) = count(report);
    let n = e + wn + i;
    let checked = report.files.len();
    for note in &report.notes {
        writeln!(w, "note: {note}")?;
    }
    let line = match (s.lang, n) {
        (Lang::En, 0) => format!("No findings in {checked} files."),
        (Lang::Ko, 0) => format!("문제 없음: 파일 {checked}개 검사"),
        (Lang::En, _) => format!(
            "Found {n} findings ({e} errors, {wn} warnings, {i} info) in {files} of {checked} files{}.",
            if fixable > 0 {
                format!("; {fixable} fixable with --fix")
            } else {
                String::new()
            }
        ),
        (Lang::Ko, _) => format!(
            "문제 {n}개 (오류 {e}, 경고 {wn}, 정보 {i}): 파일 {checked}개 중 {files}개{}",
            if fixable > 0 {
                format!("; --fix로 고칠 수 있는 것 {fixable}개")
            } else {
                String::new()
            }
        ),
    };
    writeln!(w, "{line}")
}

pub fn message(d: &Diagnostic, lang: Lang) -> String {
    escape_controls(d.message.get(lang))
}
