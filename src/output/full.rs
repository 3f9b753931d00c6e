//! Code frames (annotate-snippets, rustc's renderer): character columns, so carets sit right
//! under Hangul; labels on every span involved; the fix as a patch.

use super::{Settings, display_path, escape_controls, message, one_line};
use crate::diagnostic::{Applicability, Diagnostic, Lang, Severity};
use crate::engine::Report;
use crate::source::{SourceFile, Span};
use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};
use std::io::{self, Write};

pub fn write(report: &Report, s: &Settings, w: &mut dyn Write) -> io::Result<()> {
    let renderer = if s.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for f in &report.files {
        let path = display_path(&f.post.path);
        for d in &f.diagnostics {
            let text = render(&renderer, &f.post.source, &path, d, s);
            writeln!(w, "{text}\n")?;
        }
    }
    Ok(())
}

/// The lines a diagnostic touches, as one excerpt: its text (control characters escaped) and
/// the byte offset it starts at.
fn excerpt(src: &SourceFile, spans: &[Span]) -> (String, usize, usize) {
    let first = spans.iter().map(|s| s.start).min().unwrap_or(0);
    let last = spans.iter().map(|s| s.end).max().unwrap_or(0);
    let (l1, _) = src.line_col(first);
    let (l2, _) = src.line_col(last);
    let start = src.line_start(l1);
    let end = src.line_span(l2).end.max(start);
    (src.text[start..end].to_owned(), start, l1)
}

fn render(r: &Renderer, src: &SourceFile, path: &str, d: &Diagnostic, s: &Settings) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let msg = message(d, s.lang);
    let mut spans = vec![d.span];
    spans.extend(d.labels.iter().map(|l| l.span));
    let (text, base, line) = excerpt(src, &spans);
    let (safe_text, map) = escape_with_map(&text);
    let rebase = |sp: Span| {
        let a = map(sp.start.saturating_sub(base).min(text.len()));
        let b = map(sp.end.saturating_sub(base).min(text.len()));
        a..b.max(a)
    };
    let mut snippet = Snippet::source(safe_text.clone())
        .line_start(line)
        .path(path.to_owned())
        .fold(true)
        .annotation(AnnotationKind::Primary.span(rebase(d.span)));
    for l in &d.labels {
        snippet = snippet.annotation(
            AnnotationKind::Context
                .span(rebase(l.span))
                .label(one_line(l.text.get(s.lang))),
        );
    }
    let title = level
        .clone()
        .primary_title(msg)
        .id(format!("{}/{}", d.code, d.name));
    let mut groups = vec![title.element(snippet)];
    if let Some(fix) = &d.fix {
        let how = match (fix.applicability, s.lang) {
            (Applicability::Safe, _) => "",
            (Applicability::Unsafe, Lang::En) => " (unsafe: --unsafe-fixes)",
            (Applicability::Unsafe, Lang::Ko) => " (안전하지 않은 수정: --unsafe-fixes)",
            (Applicability::DisplayOnly, Lang::En) => " (not applied: check which side is right)",
            (Applicability::DisplayOnly, Lang::Ko) => {
                " (자동으로 고치지 않음: 어느 쪽이 맞는지 확인하세요)"
            }
        };
        let in_excerpt = fix
            .edits
            .iter()
            .all(|e| e.span.start >= base && e.span.end <= base + text.len());
        let t = format!("{}{how}", one_line(fix.title.get(s.lang)));
        if in_excerpt && !fix.edits.is_empty() {
            let mut sn = Snippet::source(safe_text.clone())
                .line_start(line)
                .path(path.to_owned())
                .fold(true);
            for e in &fix.edits {
                sn = sn.patch(Patch::new(rebase(e.span), escape_controls(&e.content)));
            }
            groups.push(Group::with_title(Level::HELP.secondary_title(t)).element(sn));
        } else {
            groups.push(Group::with_title(Level::HELP.secondary_title(t)));
        }
    }
    if let Some(h) = &d.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(one_line(h.get(s.lang))),
        ));
    }
    for rel in &d.related {
        let p = display_path(&rel.path);
        groups.push(Group::with_title(Level::NOTE.secondary_title(format!(
            "{p}:{}:{}: {}",
            rel.line,
            rel.column,
            one_line(rel.text.get(s.lang))
        ))));
    }
    r.render(&groups)
}

/// Escape control characters and return a map from old byte offsets to new ones.
fn escape_with_map(text: &str) -> (String, impl Fn(usize) -> usize + '_) {
    let has = text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r');
    let mut out = String::with_capacity(text.len());
    let mut shifts: Vec<(usize, usize)> = Vec::new();
    if has {
        for (i, c) in text.char_indices() {
            if c.is_control() && c != '\n' && c != '\t' && c != '\r' {
                let e = c.escape_unicode().to_string();
                out.push_str(&e);
                shifts.push((i + c.len_utf8(), e.len() - c.len_utf8()));
            } else {
                out.push(c);
            }
        }
    } else {
        out.push_str(text);
    }
    let map = move |off: usize| {
        off + shifts
            .iter()
            .take_while(|(at, _)| *at <= off)
            .map(|(_, d)| d)
            .sum::<usize>()
    };
    (out, map)
}
