//! `--fix` and `--diff`: fix every file to a fixpoint, then write, diff or hand back the
//! fixed standard input.

use super::writeln_ok;
use crate::baseline::Baseline;
use crate::diagnostic::Lang;
use crate::engine::{LintOptions, Report, Texts};
use crate::error::Error;
use crate::fix::{Applied, Mode};
use crate::output;
use crate::post::Post;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `--fix` / `--diff` did.
#[derive(Default)]
pub struct FixSummary {
    /// Per changed file: its shown path and the fixes applied.
    pub applied: Vec<(String, Vec<Applied>)>,
    pub changed: usize,
    pub diffs: Vec<String>,
    pub errors: Vec<Error>,
    /// The fixed text of standard input.
    pub stdin_text: Option<String>,
}

/// A text with its BOM put back.
fn with_bom(text: &str, bom: bool) -> String {
    if bom {
        format!("{}{text}", crate::source::BOM)
    } else {
        text.to_owned()
    }
}

/// Fix every file of the report to a fixpoint, re-linting the whole site between passes
/// (a fix in one post can change what another post is checked against), then write the files,
/// or diff them, or hand back the fixed standard input. The report becomes that of the fixed
/// texts.
/// What was linted: paths, or standard input as a named file.
pub enum Input<'a> {
    Paths(&'a [PathBuf]),
    Stdin(&'a Path, &'a str),
}

pub fn fix_files(
    report: &mut Report,
    input: Input,
    config: &crate::config::Config,
    opts: &LintOptions,
    baseline: Option<&Baseline>,
    mode: Mode,
    diff: bool,
) -> Result<FixSummary, Error> {
    let stdin = match input {
        Input::Stdin(p, t) => Some((p, t)),
        Input::Paths(_) => None,
    };
    let active = crate::engine::active_rules(config, opts)?;
    let fixable = |d: &crate::diagnostic::Diagnostic| {
        d.fix.as_ref().is_some_and(|x| mode.allows(x.applicability))
    };
    let mut texts = Texts::new();
    if let Some((p, t)) = stdin {
        texts.insert(p.to_path_buf(), t.to_owned());
    }
    let mut originals: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut applied: BTreeMap<PathBuf, Vec<Applied>> = BTreeMap::new();
    for _ in 0..crate::fix::MAX_ROUNDS {
        let mut changed = false;
        let site = &report.site;
        for f in &mut report.files {
            if f.post.not_text.is_some() || !f.diagnostics.iter().any(fixable) {
                continue;
            }
            let path = f.post.path.clone();
            let lint = |text: &str| {
                let post = Post::new_limited(
                    path.clone(),
                    crate::source::SourceFile::new(text.to_owned()),
                    config.max_elements(),
                );
                let diags = crate::engine::check_post(&post, site, config, &active);
                match baseline {
                    Some(b) => b.filter(&post, diags),
                    None => diags,
                }
            };
            let fixed = crate::fix::fix_rounds(&f.post.source.text, mode, lint);
            if fixed.text == f.post.source.text {
                continue;
            }
            let bom = f.post.source.bom;
            originals
                .entry(path.clone())
                .or_insert_with(|| with_bom(&f.post.source.text, bom));
            texts.insert(path.clone(), with_bom(&fixed.text, bom));
            applied
                .entry(path.clone())
                .or_default()
                .extend(fixed.applied);
            let mut source = crate::source::SourceFile::new(fixed.text);
            source.bom = bom;
            f.post = Post::new_limited(path, source, config.max_elements());
            f.diagnostics = fixed.remaining;
            changed = true;
        }
        if !changed {
            break;
        }
        let mut next = match stdin {
            Some((p, _)) => crate::engine::lint_stdin(p, &texts[p], config, opts)?,
            None => {
                let paths = match input {
                    Input::Paths(p) => p,
                    Input::Stdin(..) => &[],
                };
                crate::engine::lint_paths_with(paths, config, opts, &texts)?
            }
        };
        if let Some(b) = baseline {
            b.filter_report(&mut next);
        }
        let again = next.files.iter().any(|f| f.diagnostics.iter().any(fixable));
        *report = next;
        if !again {
            break;
        }
    }
    let given = match input {
        Input::Paths(p) => p,
        Input::Stdin(..) => &[],
    };
    if !diff && stdin.is_none() {
        // Temporary files an interrupted `--fix` left next to these posts.
        let dirs: std::collections::BTreeSet<&Path> =
            originals.keys().filter_map(|p| p.parent()).collect();
        for d in dirs {
            crate::safe_fs::remove_stale_temps(if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            });
        }
    }
    let mut sum = FixSummary::default();
    for (path, original) in originals {
        let new = &texts[&path];
        if *new == original {
            continue;
        }
        let shown = output::display_path(&path);
        if diff {
            let strip = |t: &str| t.strip_prefix(crate::source::BOM).unwrap_or(t).to_owned();
            sum.diffs.push(crate::fix::unified_diff(
                shown.strip_prefix("./").unwrap_or(&shown),
                &strip(&original),
                &strip(new),
            ));
        } else if stdin.is_some() {
            sum.stdin_text = Some(new.clone());
        } else if let Err(e) = write(&path, given, &original, new) {
            sum.errors.push(Error::Path {
                path: path.display().to_string(),
                message: e.to_string(),
            });
            continue;
        }
        sum.changed += 1;
        sum.applied
            .push((shown, applied.remove(&path).unwrap_or_default()));
    }
    if !sum.errors.is_empty() {
        // What could not be written is still as it was: report the files as they are.
        let mut now = crate::engine::lint_paths(given, config, opts)?;
        if let Some(b) = baseline {
            b.filter_report(&mut now);
        }
        *report = now;
    }
    Ok(sum)
}

/// Write one fixed file, never outside the tree it was given in.
fn write(
    path: &Path,
    given: &[PathBuf],
    original: &str,
    new: &str,
) -> Result<(), crate::fix::WriteError> {
    if let Some(link) = crate::fix::outside_tree(path, given) {
        return Err(crate::fix::WriteError::Outside(link));
    }
    crate::fix::write_atomic(path, original.as_bytes(), new.as_bytes())
}

pub fn show_fixes(sum: &FixSummary, lang: Lang, w: &mut dyn Write) -> Result<(), Error> {
    for (path, applied) in &sum.applied {
        for a in applied {
            writeln_ok(
                w,
                &format!(
                    "fixed {path}:{}:{}: {} [{}] {}",
                    a.line,
                    a.column,
                    a.code,
                    a.name,
                    output::escape_controls(a.title.get(lang))
                ),
            )?;
        }
    }
    Ok(())
}
