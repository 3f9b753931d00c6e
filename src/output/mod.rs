//! Report formats, one file each. Every format reads the same [`crate::engine::Report`].

mod concise;
mod full;
pub mod github;
pub mod gitlab;
mod json;
mod json_lines;
pub mod junit;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::engine::{FileReport, Report};
use crate::source::SourceFile;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Code frames with labels and fixes (default).
    Full,
    /// One line per finding: `path:line:col: CODE [name] message`.
    Concise,
    /// One JSON array of findings (the contract in the README).
    Json,
    /// One JSON object a line, the same fields as `json`.
    JsonLines,
    /// GitLab Code Quality report (the merge request widget).
    Gitlab,
    /// SARIF 2.1.0 (code scanning, IDE viewers).
    Sarif,
    /// JUnit XML (CI test reports).
    Junit,
    /// GitHub Actions annotations (workflow commands).
    Github,
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
        Format::JsonLines => return json_lines::write(report, s, w),
        Format::Gitlab => return gitlab::write(report, s, w),
        Format::Sarif => return sarif::write(report, s, w),
        Format::Junit => return junit::write(report, s, w),
        Format::Github => return github::write(report, s, w),
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
    escape(s, true)
}

/// Control characters escaped; line breaks and tabs kept when `keep_lines`.
fn escape(s: &str, keep_lines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() && !(keep_lines && (c == '\n' || c == '\t')) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// A path as one line of text: every control character escaped, line breaks included (a
/// file name may hold one), so `path:line:col` stays on its line.
pub fn escape_path(s: &str) -> String {
    escape(s, false)
}

/// A message, label, help or fix title as one line: they quote the post (a front-matter
/// key may hold an escaped line break), and no line of any report may start with
/// something a post wrote (`::error::` in a CI log).
pub fn one_line(s: &str) -> String {
    escape(s, false)
}

pub fn display_path(p: &std::path::Path) -> String {
    escape_path(&p.display().to_string())
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
        writeln!(w, "note: {}", one_line(note.get(s.lang)))?;
    }
    let en = counted;
    let line = match (s.lang, n) {
        (Lang::En, 0) => format!("No findings in {}.", en(checked, "file", "files")),
        (Lang::Ko, 0) => format!("문제 없음: 파일 {checked}개 검사"),
        (Lang::En, _) => format!(
            "Found {} ({}, {}, {i} info) in {files} of {}{}.",
            en(n, "finding", "findings"),
            en(e, "error", "errors"),
            en(wn, "warning", "warnings"),
            en(checked, "file", "files"),
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

/// An English count with its noun: `1 file`, `2 files` (Korean counts need no plural).
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn message(d: &Diagnostic, lang: Lang) -> String {
    one_line(d.message.get(lang))
}

/// The folder CI paths are relative to: `CI_PROJECT_DIR` when it is set and is a folder here,
/// else the working folder (local runners set a `CI_PROJECT_DIR` that does not exist).
pub fn repo_root() -> std::path::PathBuf {
    std::env::var_os("CI_PROJECT_DIR")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
        .filter(|p| p.is_dir())
        .unwrap_or_else(|| std::path::PathBuf::from("."))
}

/// A path as CI tools want it: relative to [`repo_root`], `/`-separated, without `./`; a
/// file outside `CI_PROJECT_DIR` (a job that changed folder, a local runner) relative to
/// the working folder, which is where the job runs; absolute only when below neither.
pub fn repo_path(p: &std::path::Path) -> String {
    crate::baseline::relative_below(&repo_root(), p)
        .or_else(|| crate::baseline::relative_below(std::path::Path::new("."), p))
        .unwrap_or_else(|| crate::baseline::relative_to(&repo_root(), p))
}

/// A stable fingerprint for every finding of a file: rule, path, the quoted text and the text
/// of its line, and which occurrence of that key it is. Line numbers are left out, so moving
/// a paragraph changes no fingerprint below it; the occurrence makes equal keys unique.
pub fn fingerprints(f: &FileReport, path: &str) -> Vec<String> {
    let src = &f.post.source;
    let mut seen: HashMap<String, usize> = HashMap::new();
    f.diagnostics
        .iter()
        .map(|d| {
            let (line, _) = src.line_col(d.span.start);
            let key = format!(
                "{}\0{}\0{}\0{}",
                d.code,
                path,
                crate::baseline::quoted_text(&f.post, d),
                src.slice(src.line_span(line)).trim()
            );
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            hash128(&format!("{key}\0{n}"))
        })
        .collect()
}

/// 128-bit FNV-1a as 32 hex digits: stable across runs, platforms and versions.
pub fn hash128(s: &str) -> String {
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for b in s.bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(PRIME);
    }
    format!("{h:032x}")
}

/// `--statistics`: how many findings per rule, most first, and how many have a safe fix.
pub fn statistics(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    let mut by: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    for d in report.files.iter().flat_map(|f| &f.diagnostics) {
        let e = by.entry((d.code, d.name)).or_insert((0, 0));
        e.0 += 1;
        if d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == crate::diagnostic::Applicability::Safe)
        {
            e.1 += 1;
        }
    }
    let mut rows: Vec<_> = by.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    let width = rows
        .iter()
        .map(|r| r.1.0.to_string().len())
        .max()
        .unwrap_or(1);
    for ((code, name), (n, fixable)) in rows {
        let fix = if fixable > 0 {
            format!(" ({fixable} fixable)")
        } else {
            String::new()
        };
        writeln!(w, "{n:>width$}\t{code}\t{name}{fix}")?;
    }
    Ok(())
}
