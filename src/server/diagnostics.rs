//! Findings as LSP diagnostics: the range from the finding's byte span (UTF-16 positions),
//! severity, code, the message in the document's language with its help, and the labels
//! and notes in other posts as related information.

use super::documents::{Doc, State, path_to_uri};
use crate::diagnostic::{Diagnostic, Lang, Related, Severity};
use crate::output::one_line;
use crate::site::Site;
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Range,
};

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The message shown for a finding: the message, then its help on a line of its own.
pub fn message(d: &Diagnostic, lang: Lang) -> String {
    let mut m = one_line(d.message.get(lang));
    if let Some(h) = &d.help {
        m.push_str(match lang {
            Lang::En => "\nhelp: ",
            Lang::Ko => "\n도움말: ",
        });
        m.push_str(&one_line(h.get(lang)));
    }
    m
}

pub fn to_lsp(
    d: &Diagnostic,
    doc: &Doc,
    site: Option<&Site>,
    state: &State,
) -> lsp_types::Diagnostic {
    let lang = doc.lang;
    let mut related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(doc.uri.clone(), doc.range(l.span)),
            message: one_line(l.text.get(lang)),
        })
        .collect();
    related.extend(
        d.related
            .iter()
            .filter_map(|r| related_info(r, site, state, lang)),
    );
    lsp_types::Diagnostic {
        range: doc.range(d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_owned())),
        code_description: None,
        source: Some("retro-lint".to_owned()),
        message: message(d, lang),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// A note in another post: exact when that post is open, else from its line and
/// character column (equal to UTF-16 units unless the line holds emoji before it).
fn related_info(
    r: &Related,
    site: Option<&Site>,
    state: &State,
    lang: Lang,
) -> Option<DiagnosticRelatedInformation> {
    let path = match site.and_then(|s| s.root.as_ref()) {
        Some(root) if r.path.is_relative() && !r.path.exists() => root.join(&r.path),
        _ => r.path.clone(),
    };
    let range = match state.doc_at(&path) {
        Some(other) => other.range(r.span),
        None => {
            let p = Position::new(
                r.line.saturating_sub(1) as u32,
                r.column.saturating_sub(1) as u32,
            );
            Range::new(p, p)
        }
    };
    Some(DiagnosticRelatedInformation {
        location: Location::new(path_to_uri(&path)?, range),
        message: one_line(r.text.get(lang)),
    })
}
