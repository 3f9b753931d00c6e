//! GitLab Code Quality (a subset of the Code Climate issue format): one JSON array, read by
//! the merge request widget from a `codequality` report artifact. Each issue has a
//! `description` with the code in it, `check_name`, a `fingerprint` that stays the same when
//! lines above move (see [`super::fingerprints`]) and is unique in the report, a `severity` in
//! info/minor/major/critical/blocker, and `location.path` relative to the repository
//! (`CI_PROJECT_DIR` when set) with `location.positions.begin/end`.

use super::{Settings, fingerprints, message, position, repo_path};
use crate::diagnostic::Severity;
use crate::engine::Report;
use serde_json::{Value, json};
use std::io::{self, Write};

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "minor",
        Severity::Error => "major",
    }
}

pub fn issues(report: &Report, s: &Settings) -> Vec<Value> {
    let mut out = Vec::new();
    for f in &report.files {
        let path = repo_path(&f.post.path);
        let prints = fingerprints(f, &path);
        for (d, fp) in f.diagnostics.iter().zip(prints) {
            let p = position(&f.post.source, d.span);
            out.push(json!({
                "type": "issue",
                "description": format!("{} {}: {}", d.code, d.name, message(d, s.lang)),
                "check_name": format!("{}/{}", d.code, d.name),
                "categories": ["Bug Risk"],
                "fingerprint": fp,
                "severity": severity(d.severity),
                "location": {
                    "path": path,
                    "positions": {
                        "begin": {"line": p.line, "column": p.column},
                        "end": {"line": p.end_line, "column": p.end_column},
                    },
                },
            }));
        }
    }
    out
}

pub fn write(report: &Report, s: &Settings, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &Value::Array(issues(report, s)))?;
    writeln!(w)
}
