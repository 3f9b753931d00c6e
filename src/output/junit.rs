//! JUnit XML, for CI test reports (GitLab's `junit` artifact): one `testsuite` per file, one
//! `testcase` per finding with a unique name, the `file` attribute and a `failure`; a file
//! without findings is one passing test case. Text is escaped for XML, and characters XML 1.0
//! cannot hold are written as `\u{..}`.

use super::{Settings, escape_controls, message, position, repo_path};
use crate::engine::Report;
use std::collections::HashSet;
use std::io::{self, Write};

/// Escape text for an XML attribute or element (control characters made visible first).
pub fn xml(s: &str) -> String {
    let s = escape_controls(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

pub fn write(report: &Report, s: &Settings, w: &mut dyn Write) -> io::Result<()> {
    let total: usize = report
        .files
        .iter()
        .map(|f| f.diagnostics.len().max(1))
        .sum();
    let failures: usize = report.files.iter().map(|f| f.diagnostics.len()).sum();
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<testsuites name="retro-lint" tests="{total}" failures="{failures}" errors="0">"#
    )?;
    for f in &report.files {
        let path = xml(&repo_path(&f.post.path));
        let n = f.diagnostics.len();
        writeln!(
            w,
            r#"  <testsuite name="{path}" tests="{}" failures="{n}" errors="0" skipped="0">"#,
            n.max(1)
        )?;
        if n == 0 {
            writeln!(
                w,
                r#"    <testcase name="no findings" classname="{path}" file="{path}"/>"#
            )?;
        }
        let mut names = HashSet::new();
        for d in &f.diagnostics {
            let p = position(&f.post.source, d.span);
            let base = format!("{} {} at {}:{}", d.code, d.name, p.line, p.column);
            let mut name = base.clone();
            let mut k = 2;
            while !names.insert(name.clone()) {
                name = format!("{base} #{k}");
                k += 1;
            }
            let msg = message(d, s.lang);
            writeln!(
                w,
                r#"    <testcase name="{}" classname="{path}" file="{path}" line="{}">"#,
                xml(&name),
                p.line
            )?;
            writeln!(
                w,
                r#"      <failure message="{}" type="{}">{path}:{}:{}: {} [{}] {}</failure>"#,
                xml(&msg),
                d.severity.as_str(),
                p.line,
                p.column,
                d.code,
                d.name,
                xml(&msg)
            )?;
            writeln!(w, "    </testcase>")?;
        }
        writeln!(w, "  </testsuite>")?;
    }
    writeln!(w, "</testsuites>")
}
