//! A baseline: today's findings, recorded so that an existing blog can adopt retro-lint and
//! see only new mistakes. `--write-baseline FILE` records them; `--baseline FILE` reports
//! only findings not in it.
//!
//! An entry is keyed by rule, file and the quoted text of the finding (the bytes it points
//! at, or its line when it points at nothing), never by line number: editing elsewhere in a
//! post does not bring its old findings back. The same key may stand several times (`count`);
//! findings beyond that count are new. Paths are relative to the baseline's folder.

use crate::diagnostic::Diagnostic;
use crate::engine::Report;
use crate::error::Error;
use crate::post::Post;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

pub const VERSION: u32 = 1;

/// The largest baseline read: a few hundred bytes per finding, for a million findings.
const MAX_SIZE: u64 = 256 << 20;

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    path: String,
    code: String,
    /// The rule's name, for people reading the file; not part of the key.
    #[serde(default)]
    name: String,
    text: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

type Key = (String, String, String);

#[derive(Debug, Default)]
pub struct Baseline {
    /// The folder paths are relative to.
    root: PathBuf,
    entries: HashMap<Key, usize>,
}

/// The quoted text of a finding: the bytes its span covers, or, for a finding that points
/// between characters, the line it is on. Trimmed; control characters kept as they are.
pub fn quoted_text(post: &Post, d: &Diagnostic) -> String {
    let src = &post.source;
    let t = src.slice(d.span).trim();
    if !t.is_empty() {
        return t.to_owned();
    }
    let (line, _) = src.line_col(d.span.start);
    src.slice(src.line_span(line)).trim().to_owned()
}

/// `path` relative to `root` with `/` separators (both made absolute first); the absolute
/// path when it is not below `root`.
pub fn relative_to(root: &Path, path: &Path) -> String {
    relative_below(root, path)
        .unwrap_or_else(|| absolute(path).to_string_lossy().replace('\\', "/"))
}

/// `path` relative to `root` with `/` separators, when it is below `root`.
pub fn relative_below(root: &Path, path: &Path) -> Option<String> {
    let rel = absolute(path)
        .strip_prefix(absolute(root))
        .ok()?
        .to_path_buf();
    Some(rel.to_string_lossy().replace('\\', "/"))
}

/// A path made absolute and canonical. A file that does not exist (standard input named by
/// --stdin-filename) is placed in its folder's canonical form, so symlinked folders still
/// compare equal.
fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p)
        .ok()
        .or_else(|| {
            let parent = std::fs::canonicalize(folder_of(p)).ok()?;
            Some(parent.join(p.file_name()?))
        })
        .or_else(|| std::path::absolute(p).ok())
        .unwrap_or_else(|| p.to_path_buf())
}

fn folder_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl Baseline {
    pub fn load(file: &Path) -> Result<Baseline, Error> {
        let err = |message: String| Error::Path {
            path: file.display().to_string(),
            message,
        };
        // A regular file of bounded size: a pipe would hang the run, `/dev/zero` fill memory.
        let bytes =
            crate::safe_fs::read_bounded(file, MAX_SIZE, false).map_err(|e| err(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|_| err("not valid UTF-8".into()))?;
        let parsed: File = serde_json::from_str(&text)
            .map_err(|e| err(format!("not a retro-lint baseline: {e}")))?;
        if parsed.version != VERSION {
            return Err(err(format!(
                "baseline version {} is not supported (expected {VERSION})",
                parsed.version
            )));
        }
        let mut entries = HashMap::new();
        for e in parsed.findings {
            *entries.entry((e.path, e.code, e.text)).or_insert(0) += e.count;
        }
        Ok(Baseline {
            root: folder_of(file),
            entries,
        })
    }

    /// Remove the findings the baseline knows from every file of the report.
    pub fn filter_report(&self, report: &mut Report) {
        let mut left = self.entries.clone();
        for f in &mut report.files {
            let path = relative_to(&self.root, &f.post.path);
            let post = &f.post;
            f.diagnostics.retain(|d| !take(&mut left, &path, post, d));
        }
    }

    /// Remove the findings the baseline knows from one file's findings (for `--fix` rounds).
    pub fn filter(&self, post: &Post, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let path = relative_to(&self.root, &post.path);
        let mut left = self.entries.clone();
        diags
            .into_iter()
            .filter(|d| !take(&mut left, &path, post, d))
            .collect()
    }
}

fn take(left: &mut HashMap<Key, usize>, path: &str, post: &Post, d: &Diagnostic) -> bool {
    let key = (path.to_owned(), d.code.to_owned(), quoted_text(post, d));
    match left.get_mut(&key) {
        Some(n) if *n > 0 => {
            *n -= 1;
            true
        }
        _ => false,
    }
}

/// The baseline of a report, as the JSON text to write to `file`. Returns the text and the
/// number of findings recorded.
pub fn render(report: &Report, file: &Path) -> (String, usize) {
    let root = folder_of(file);
    let mut counts: BTreeMap<(String, String, String), (usize, &str)> = BTreeMap::new();
    let mut total = 0;
    for f in &report.files {
        let path = relative_to(&root, &f.post.path);
        for d in &f.diagnostics {
            let key = (path.clone(), d.code.to_owned(), quoted_text(&f.post, d));
            counts.entry(key).or_insert((0, d.name)).0 += 1;
            total += 1;
        }
    }
    let findings = counts
        .into_iter()
        .map(|((path, code, text), (count, name))| Entry {
            path,
            code,
            name: name.to_owned(),
            text,
            count,
        })
        .collect();
    let file = File {
        version: VERSION,
        findings,
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    (text, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use crate::{FileReport, config::Config};

    const POST: &str = "---\ntitle: \"Weekly retrospective (2025.01.06 ~ 2025.01.12)\"\ndate: 2025-01-12\n---\n- Mon 2025-01-07: a\n- Mon 2025-01-07: b\n";

    fn report(dir: &Path, text: &str) -> Report {
        let path = dir.join("2025-01-06-weekly-retrospective.md");
        std::fs::write(&path, text).expect("write");
        let diagnostics = crate::engine::lint_text(&path, text, &Config::default());
        let post = crate::post::Post::new(path, SourceFile::new(text.to_owned()));
        Report {
            files: vec![FileReport { post, diagnostics }],
            ..Report::default()
        }
    }

    #[test]
    fn counts_equal_keys_and_ignores_lines() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("b.json");
        let r = report(dir.path(), POST);
        assert_eq!(r.files[0].diagnostics.len(), 2);
        let (text, n) = render(&r, &file);
        assert_eq!(n, 2);
        assert!(text.contains("\"count\": 2"), "{text}");
        std::fs::write(&file, text).expect("write");
        let b = Baseline::load(&file).expect("load");
        // Lines moved: still known.
        let mut moved = report(dir.path(), &POST.replace("---\n- ", "---\n\nintro\n\n- "));
        b.filter_report(&mut moved);
        assert!(moved.files[0].diagnostics.is_empty());
        // A third copy of the same mistake is new.
        let mut more = report(dir.path(), &format!("{POST}- Mon 2025-01-07: c\n"));
        b.filter_report(&mut more);
        assert_eq!(more.files[0].diagnostics.len(), 1);
    }
}
