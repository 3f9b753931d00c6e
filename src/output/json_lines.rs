//! One JSON object a line: the same fields as `json`, for streaming consumers.

use super::Settings;
use crate::engine::Report;
use std::io::{self, Write};

pub fn write(report: &Report, s: &Settings, w: &mut dyn Write) -> io::Result<()> {
    for v in super::json::findings(report, s) {
        serde_json::to_writer(&mut *w, &v)?;
        writeln!(w)?;
    }
    Ok(())
}
