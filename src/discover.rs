//! Which files to lint: Markdown files under the given folders (.gitignore respected, hidden
//! files skipped, config excludes applied), and every file named on the command line.

use crate::config::Config;
use crate::error::Error;
use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;
use ignore::types::TypesBuilder;
use std::path::{Path, PathBuf};

pub const MARKDOWN_GLOBS: &[&str] = &["*.md", "*.markdown", "*.mdx", "*.mdown", "*.mkd"];

/// The files to lint, sorted, each once. Unreadable folders become errors.
pub fn files(
    paths: &[PathBuf],
    config: &Config,
    force_exclude: bool,
    errors: &mut Vec<Error>,
) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, config, &mut out, errors);
        } else if !force_exclude || !excluded(p, config) {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}

fn excluded(path: &Path, config: &Config) -> bool {
    if config.exclude.is_empty() {
        return false;
    }
    let Ok(ov) = overrides(&config.root, config) else {
        return false;
    };
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let root = std::path::absolute(&config.root).unwrap_or_else(|_| config.root.clone());
    let rel = abs.strip_prefix(&root).unwrap_or(&abs);
    ov.matched(rel, false).is_ignore()
}

fn overrides(root: &Path, config: &Config) -> Result<ignore::overrides::Override, ignore::Error> {
    let mut ob = OverrideBuilder::new(root);
    for e in &config.exclude {
        ob.add(&format!("!{e}"))?;
    }
    ob.build()
}

fn walk(dir: &Path, config: &Config, out: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    let mut types = TypesBuilder::new();
    for g in MARKDOWN_GLOBS {
        let _ = types.add("md", g);
    }
    types.select("md");
    let mut wb = WalkBuilder::new(dir);
    wb.require_git(false).follow_links(false);
    if let Ok(t) = types.build() {
        wb.types(t);
    }
    if !config.exclude.is_empty() {
        let root = if config.path.is_some() {
            config.root.clone()
        } else {
            dir.to_path_buf()
        };
        match overrides(&root, config) {
            Ok(ov) => {
                wb.overrides(ov);
            }
            Err(e) => errors.push(Error::Usage(format!("bad `exclude` pattern: {e}"))),
        }
    }
    for entry in wb.build() {
        match entry {
            Ok(e) => {
                if e.file_type().is_some_and(|t| t.is_file()) {
                    out.push(e.into_path());
                }
            }
            Err(e) => errors.push(Error::Path {
                path: dir.display().to_string(),
                message: e.to_string(),
            }),
        }
    }
}
