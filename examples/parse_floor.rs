//! The parse floor: what any linter of these posts must do at least, with the crates
//! retro-lint uses and nothing else. Walk the folders (ignore, Markdown files), read each
//! file, parse its front matter with serde-saphyr and iterate pulldown-cmark's offset
//! events over the body, on all cores (rayon). `bench/run.sh` times retro-lint against it.
//!
//! `cargo run --release --example parse_floor -- [--threads N] PATH...`

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use std::path::PathBuf;

fn main() {
    let mut threads = 0;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--threads" {
            threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    if threads > 0 {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global();
    }
    let files = walk(&paths);
    let (events, keys): (usize, usize) = files
        .par_iter()
        .map(|p| std::fs::read(p).map_or((0, 0), |b| parse(&b)))
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!(
        "{} files, {events} Markdown events, {keys} front-matter keys",
        files.len()
    );
}

fn walk(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut types = ignore::types::TypesBuilder::new();
    for g in ["*.md", "*.markdown", "*.mdx", "*.mdown", "*.mkd"] {
        let _ = types.add("md", g);
    }
    types.select("md");
    let mut out = Vec::new();
    for p in paths {
        if p.is_file() {
            out.push(p.clone());
            continue;
        }
        let mut wb = ignore::WalkBuilder::new(p);
        wb.require_git(false).follow_links(false);
        if let Ok(t) = types.build() {
            wb.types(t);
        }
        out.extend(
            wb.build()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .map(ignore::DirEntry::into_path),
        );
    }
    out.sort();
    out
}

/// Front matter (a `---` block at byte 0) through serde-saphyr, the body through
/// pulldown-cmark with offsets. Returns (events, front-matter keys).
fn parse(bytes: &[u8]) -> (usize, usize) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return (0, 0);
    };
    let (yaml, body) = split_front_matter(text);
    let keys = yaml
        .and_then(|y| serde_saphyr::from_str::<serde_json::Value>(y).ok())
        .and_then(|v| v.as_object().map(serde_json::Map::len))
        .unwrap_or(0);
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_TASKLISTS);
    let mut events = 0;
    for (_event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        events += usize::from(range.end >= range.start);
    }
    (events, keys)
}

fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, text);
    };
    let mut pos = 0;
    while pos < rest.len() {
        let end = rest[pos..].find('\n').map_or(rest.len(), |i| pos + i + 1);
        if rest[pos..end].trim_end() == "---" {
            return (Some(&rest[..pos]), &rest[end..]);
        }
        pos = end;
    }
    (None, text)
}
