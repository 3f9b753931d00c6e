//! GitHub Actions workflow commands: `::error file=...,line=...,col=...::message`, which the
//! run page shows as annotations. GitHub shows at most 10 annotations of each level per step;
//! when there are more, a closing notice says how many the log holds.

use super::{Settings, escape_path, message, position, repo_path};
use crate::diagnostic::Severity;
use crate::engine::Report;
use std::io::{self, Write};

/// GitHub shows this many annotations of one level per step.
pub const SHOWN_PER_LEVEL: usize = 10;

/// Escape the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file=`, `title=`) of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(report: &Report, s: &Settings, w: &mut dyn Write) -> io::Result<()> {
    let mut counts = [0usize; 3];
    for f in &report.files {
        let path = escape_property(&escape_path(&repo_path(&f.post.path)));
        for d in &f.diagnostics {
            let p = position(&f.post.source, d.span);
            let (level, i) = match d.severity {
                Severity::Error => ("error", 0),
                Severity::Warning => ("warning", 1),
                Severity::Info => ("notice", 2),
            };
            counts[i] += 1;
            writeln!(
                w,
                "::{level} title={},file={path},line={},col={},endLine={},endColumn={}::{}",
                escape_property(&format!("{} {}", d.code, d.name)),
                p.line,
                p.column,
                p.end_line,
                p.end_column,
                escape_data(&message(d, s.lang))
            )?;
        }
    }
    let total: usize = counts.iter().sum();
    if counts.iter().any(|&n| n > SHOWN_PER_LEVEL) {
        writeln!(
            w,
            "::notice title=retro-lint::{}",
            escape_data(&format!(
                "{total} findings ({} errors, {} warnings, {} notices); GitHub shows at most {SHOWN_PER_LEVEL} of each level as annotations: the rest are in this log",
                counts[0], counts[1], counts[2]
            ))
        )?;
    }
    Ok(())
}
