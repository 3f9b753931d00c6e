//! `path:line:col: CODE [name] message`, one finding a line, for grep and editors.

use super::{Settings, display_path, message, position};
use crate::engine::Report;
use std::io::{self, Write};

pub fn write(report: &Report, s: &Settings, w: &mut dyn Write) -> io::Result<()> {
    for f in &report.files {
        let path = display_path(&f.post.path);
        for d in &f.diagnostics {
            let p = position(&f.post.source, d.span);
            writeln!(
                w,
                "{path}:{}:{}: {} [{}] {}",
                p.line,
                p.column,
                d.code,
                d.name,
                message(d, s.lang)
            )?;
        }
    }
    Ok(())
}
