//! `retro-lint rule CODE`: a rule's doc, or every rule's.

use super::writeln_ok;
use crate::error::Error;
use crate::registry;
use std::io::Write;

pub fn print(code: Option<&str>, all: bool, out: &mut dyn Write) -> Result<i32, Error> {
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
