//! SARIF 2.1.0, for code-scanning tools and IDE viewers: the rules with their help, one result
//! per finding with its region (columns counted in Unicode code points, `columnKind`), the
//! labels and other-file notes as related locations, and safe and unsafe fixes as `fixes`.

use super::{Settings, escape_controls, fingerprints, message, one_line, position, repo_path};
use crate::diagnostic::{Applicability, Severity};
use crate::engine::Report;
use crate::registry::{self, RuleMeta};
use crate::source::{SourceFile, Span};
use serde_json::{Value, json};
use std::io::{self, Write};

pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encode a relative path as a URI reference (`/` kept, every byte outside the
/// unreserved set encoded, so Hangul and spaces are valid).
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The first paragraph of a rule doc's `## What it does`.
pub fn summary(doc: &str) -> String {
    let Some(at) = doc.find("## What it does") else {
        return String::new();
    };
    doc[at..]
        .lines()
        .skip(1)
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A rule doc without its YAML front matter.
fn doc_body(doc: &str) -> &str {
    doc.strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n").map(|e| &rest[e + 5..]))
        .unwrap_or(doc)
        .trim()
}

fn rule(m: &RuleMeta) -> Value {
    let short = summary(m.doc);
    json!({
        "id": m.code,
        "name": m.name,
        "shortDescription": {"text": if short.is_empty() { m.name.to_owned() } else { short.clone() }},
        "fullDescription": {"text": if short.is_empty() { m.name.to_owned() } else { short }},
        "help": {"text": doc_body(m.doc), "markdown": doc_body(m.doc)},
        "defaultConfiguration": {"level": level(m.severity)},
        "properties": {"fix": m.fix.as_str()},
    })
}

fn region(src: &SourceFile, span: Span) -> Value {
    let p = position(src, span);
    json!({
        "startLine": p.line, "startColumn": p.column,
        "endLine": p.end_line, "endColumn": p.end_column,
    })
}

fn location(uri_ref: &str, region: Value) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri_ref, "uriBaseId": "%SRCROOT%"},
            "region": region,
        }
    })
}

pub fn log(report: &Report, s: &Settings) -> Value {
    let rules: Vec<Value> = registry::ALL.iter().map(|m| rule(m)).collect();
    let mut results = Vec::new();
    for f in &report.files {
        let src = &f.post.source;
        let path = repo_path(&f.post.path);
        let u = uri(&path);
        let prints = fingerprints(f, &path);
        for (d, fp) in f.diagnostics.iter().zip(prints) {
            let mut reg = region(src, d.span);
            reg["snippet"] = json!({"text": escape_controls(src.slice(d.span))});
            let mut related: Vec<Value> = Vec::new();
            for l in &d.labels {
                let mut loc = location(&u, region(src, l.span));
                loc["id"] = json!(related.len());
                loc["message"] = json!({"text": one_line(l.text.get(s.lang))});
                related.push(loc);
            }
            for r in &d.related {
                let rp = repo_path(&r.path);
                let mut loc = location(
                    &uri(&rp),
                    json!({"startLine": r.line, "startColumn": r.column}),
                );
                loc["id"] = json!(related.len());
                loc["message"] = json!({"text": one_line(r.text.get(s.lang))});
                related.push(loc);
            }
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": registry::ALL.iter().position(|m| m.code == d.code),
                "level": level(d.severity),
                "message": {"text": message(d, s.lang)},
                "locations": [location(&u, reg)],
                "partialFingerprints": {"retroLint/v1": fp},
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            if let Some(fx) = &d.fix
                && fx.applicability != Applicability::DisplayOnly
                && !fx.edits.is_empty()
            {
                let replacements: Vec<Value> = fx
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": region(src, e.span),
                            "insertedContent": {"text": e.content},
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": {"text": one_line(fx.title.get(s.lang))},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": u, "uriBaseId": "%SRCROOT%"},
                        "replacements": replacements,
                    }],
                }]);
                result["properties"] = json!({"fixApplicability": match fx.applicability {
                    Applicability::Safe => "safe",
                    _ => "unsafe",
                }});
            }
            results.push(result);
        }
    }
    let root = std::fs::canonicalize(super::repo_root()).ok();
    let mut run = json!({
        "tool": {"driver": {
            "name": "retro-lint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(root) = root {
        let mut u = uri(&root.to_string_lossy().replace('\\', "/"));
        if !u.ends_with('/') {
            u.push('/');
        }
        if !u.starts_with('/') {
            u.insert(0, '/');
        }
        run["originalUriBaseIds"] = json!({"%SRCROOT%": {"uri": format!("file://{u}")}});
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    })
}

pub fn write(report: &Report, s: &Settings, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &log(report, s))?;
    writeln!(w)
}
