//! One JSON array of findings; the fields are a contract (see the README).

use super::{Settings, escape_controls, one_line, position};
use crate::diagnostic::Applicability;
use crate::engine::Report;
use serde_json::{Value, json};
use std::io::{self, Write};

pub fn findings(report: &Report, s: &Settings) -> Vec<Value> {
    let mut out = Vec::new();
    for f in &report.files {
        let src = &f.post.source;
        let path = f.post.path.to_string_lossy().into_owned();
        for d in &f.diagnostics {
            let p = position(src, d.span);
            let labels: Vec<Value> = d
                .labels
                .iter()
                .map(|l| {
                    let lp = position(src, l.span);
                    json!({
                        "line": lp.line, "column": lp.column,
                        "end_line": lp.end_line, "end_column": lp.end_column,
                        "message": one_line(l.text.get(s.lang)),
                        "text": escape_controls(src.slice(l.span)),
                    })
                })
                .collect();
            let related: Vec<Value> = d
                .related
                .iter()
                .map(|r| {
                    json!({
                        "path": r.path.to_string_lossy(),
                        "line": r.line, "column": r.column,
                        "message": one_line(r.text.get(s.lang)),
                    })
                })
                .collect();
            let fix = d.fix.as_ref().map(|fx| {
                json!({
                    "applicability": match fx.applicability {
                        Applicability::Safe => "safe",
                        Applicability::Unsafe => "unsafe",
                        Applicability::DisplayOnly => "display-only",
                    },
                    "message": one_line(fx.title.get(s.lang)),
                    "edits": fx.edits.iter().map(|e| {
                        let ep = position(src, e.span);
                        json!({
                            "line": ep.line, "column": ep.column,
                            "end_line": ep.end_line, "end_column": ep.end_column,
                            "content": e.content,
                        })
                    }).collect::<Vec<_>>(),
                })
            });
            let mut finding = json!({
                "path": path,
                "line": p.line,
                "column": p.column,
                "end_line": p.end_line,
                "end_column": p.end_column,
                "code": d.code,
                "name": d.name,
                "severity": d.severity.as_str(),
                "message": one_line(d.message.get(s.lang)),
                "text": escape_controls(src.slice(d.span)),
                "labels": labels,
                "help": d.help.as_ref().map(|h| one_line(h.get(s.lang))),
                "fix": fix,
                "related": related,
            });
            if d.guess {
                finding["preview"] = json!(true);
            }
            out.push(finding);
        }
    }
    out
}

pub fn write(report: &Report, s: &Settings, w: &mut dyn Write) -> io::Result<()> {
    let v = Value::Array(findings(report, s));
    serde_json::to_writer_pretty(&mut *w, &v)?;
    writeln!(w)
}
