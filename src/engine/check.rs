//! Checking one post: the active rules in code order, then the suppression pass, then the
//! findings in the order of the text.

use super::{LintOptions, select::active_rules};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::post::Post;
use crate::registry::Scope;
use crate::rules::{Active, Context};
use crate::site::{self, Site};
use crate::source::NotText;
use crate::suppress::{self, Pass, Suppression};
use std::path::Path;

/// Files larger than this are skipped with a `file-too-large` finding.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 32 << 20;

/// Run the active rules on one post, then its suppressions.
pub fn check_post(post: &Post, site: &Site, config: &Config, active: &[Active]) -> Vec<Diagnostic> {
    let rules: Vec<&Active> = active.iter().collect();
    let out = run_rules(post, site, config, &rules, None);
    if post.not_text.is_some() || post.doc.html.is_empty() {
        return finish(out, config);
    }
    finish(
        apply_suppressions(post, site, config, &suppress::parse(post), out, active),
        config,
    )
}

/// Drop the findings the post's suppressions cover, then run the suppression rules, which
/// report the suppressions that did nothing or name no known rule. Only the post's text is
/// read (its Markdown model may be gone).
pub fn apply_suppressions(
    post: &Post,
    site: &Site,
    config: &Config,
    sups: &[Suppression],
    diags: Vec<Diagnostic>,
    active: &[Active],
) -> Vec<Diagnostic> {
    if sups.is_empty() {
        return diags;
    }
    let codes = active.iter().map(|(r, _)| r.meta.code).collect();
    let (mut kept, pass) = suppress::mark(sups, diags, codes);
    let own: Vec<&Active> = active
        .iter()
        .filter(|(r, _)| r.meta.scope == Scope::Suppression)
        .collect();
    let found = run_rules(post, site, config, &own, Some(&pass));
    kept.extend(
        found
            .into_iter()
            .filter(|d| !suppress::names_and_covers(sups, d)),
    );
    kept
}

/// The findings of `rules` on one post, before suppressions (suppression rules report only
/// when given the suppression pass).
pub fn run_rules(
    post: &Post,
    site: &Site,
    config: &Config,
    rules: &[&Active],
    suppressions: Option<&Pass>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (rule, severity) in rules {
        let meta = rule.meta;
        // A file that is not text has no model: only file rules can say anything.
        if post.not_text.is_some() && meta.scope != Scope::File {
            continue;
        }
        if (meta.scope == Scope::Suppression) != suppressions.is_some() {
            continue;
        }
        let start = out.len();
        (rule.check)(
            &Context {
                post,
                site,
                config,
                meta,
                suppressions,
            },
            &mut out,
        );
        for d in &mut out[start..] {
            d.severity = *severity;
        }
    }
    out
}

/// Findings in the order of the text, each once; the guesses only with `preview` (after
/// the suppressions, which may name them).
pub fn finish(mut out: Vec<Diagnostic>, config: &Config) -> Vec<Diagnostic> {
    if !config.preview {
        out.retain(|d| !d.guess);
    }
    out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    out.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
    out
}

/// Lint one text as a post at `path`, with only itself as the site. For tests and editors.
pub fn lint_text(path: &Path, text: &str, config: &Config) -> Vec<Diagnostic> {
    lint_bytes(path, text.as_bytes().to_vec(), config)
}

/// Lint raw bytes as a post at `path` (not-text and size checks included), alone.
pub fn lint_bytes(path: &Path, bytes: Vec<u8>, config: &Config) -> Vec<Diagnostic> {
    let max = config.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE);
    let size = bytes.len() as u64;
    let mut post = Post::from_bytes_limited(
        path.to_path_buf(),
        if size > max { Vec::new() } else { bytes },
        config.max_elements(),
    );
    if size > max {
        post.not_text = Some(NotText::TooLarge { size, limit: max });
    }
    let layout = site::Layout::bare(config);
    let summary = Site::summarize(&post, &layout);
    let site = Site::new(None, layout, vec![summary]);
    let active = active_rules(config, &LintOptions::default()).unwrap_or_default();
    check_post(&post, &site, config, &active)
}
