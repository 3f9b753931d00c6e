//! Applying fixes: non-overlapping edits, repeated to a fixpoint (bounded); writing the
//! result atomically (temporary file in the same folder, then rename) with the file's
//! permissions, BOM and line endings kept; `--diff`.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Text};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How many lint-and-fix rounds at most; a fix that keeps producing fixes is a bug.
pub const MAX_ROUNDS: usize = 10;

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Safe,
    /// Safe and unsafe (`--unsafe-fixes`); display-only fixes are never applied.
    Unsafe,
}

impl Mode {
    pub fn allows(self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self == Mode::Unsafe,
            Applicability::DisplayOnly => false,
        }
    }
}

/// Apply the fixes of `diags` that `mode` allows to `text`. A fix whose edits overlap an
/// already chosen edit waits for the next round. In a CRLF file, a line break a fix inserts
/// is written as CRLF too. Returns the new text and the fixed findings.
pub fn apply<'d>(text: &str, diags: &'d [Diagnostic], mode: Mode) -> (String, Vec<&'d Diagnostic>) {
    let crlf = text.contains("\r\n");
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut fixed = Vec::new();
    for d in diags {
        let Some(fix) = &d.fix else { continue };
        if !mode.allows(fix.applicability) || fix.edits.is_empty() {
            continue;
        }
        let valid = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        let overlaps = fix.edits.iter().any(|e| {
            chosen.iter().any(|c| {
                (e.span.start < c.span.end && c.span.start < e.span.end)
                    || (e.span.is_empty() && c.span.is_empty() && e.span.start == c.span.start)
            })
        });
        if valid && !overlaps {
            chosen.extend(&fix.edits);
            fixed.push(d);
        }
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in chosen {
        out.push_str(&text[at..e.span.start]);
        if crlf && e.content.contains('\n') {
            out.push_str(&to_crlf(&e.content));
        } else {
            out.push_str(&e.content);
        }
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, fixed)
}

fn to_crlf(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev = '\0';
    for c in s.chars() {
        if c == '\n' && prev != '\r' {
            out.push('\r');
        }
        out.push(c);
        prev = c;
    }
    out
}

/// A fix that was applied: where the finding was in the text of its round.
#[derive(Clone, Debug)]
pub struct Applied {
    pub code: &'static str,
    pub name: &'static str,
    pub line: usize,
    pub column: usize,
    pub title: Text,
    pub applicability: Applicability,
}

/// The outcome of fixing one text.
#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    pub applied: Vec<Applied>,
    /// The findings of the final text (what is left to report).
    pub remaining: Vec<Diagnostic>,
}

/// Lint and fix until nothing changes or [`MAX_ROUNDS`] is reached. `lint` maps a text to its
/// findings.
pub fn fix_rounds(text: &str, mode: Mode, mut lint: impl FnMut(&str) -> Vec<Diagnostic>) -> Fixed {
    let mut current = text.to_owned();
    let mut applied = Vec::new();
    let mut diags = lint(&current);
    for _ in 0..MAX_ROUNDS {
        let (next, fixed) = apply(&current, &diags, mode);
        if fixed.is_empty() || next == current {
            break;
        }
        let src = crate::source::SourceFile::new(current.clone());
        for d in fixed {
            let (line, column) = src.line_col(d.span.start);
            if let Some(f) = &d.fix {
                applied.push(Applied {
                    code: d.code,
                    name: d.name,
                    line,
                    column,
                    title: f.title.clone(),
                    applicability: f.applicability,
                });
            }
        }
        current = next;
        diags = lint(&current);
    }
    Fixed {
        text: current,
        applied,
        remaining: diags,
    }
}

/// Lint and fix until nothing changes or [`MAX_ROUNDS`] is reached. Returns the final text
/// and how many fixes were applied.
pub fn fix_to_fixpoint(
    text: &str,
    mode: Mode,
    lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> (String, usize) {
    let f = fix_rounds(text, mode, lint);
    (f.text, f.applied.len())
}

/// Why a fixed file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("not written: it is a symbolic link (fix the file it points to)")]
    Symlink,
    #[error("not written: the file changed while it was being fixed; run again")]
    Changed,
    #[error(
        "not written: `{}` on its way is a symbolic link, so the file lies outside the folder it was given in",
        .0.display()
    )]
    Outside(PathBuf),
    #[error("not written: {0}")]
    Io(#[from] std::io::Error),
}

/// Where writing `path` would leave the tree it was given in: the first symbolic link (a
/// folder or the file) on the way to it, or the path itself when its real location is
/// elsewhere for another reason (`..` through a link). The tree is the working folder when
/// the path lies in it, else the folder of the path named on the command line (`given`)
/// that holds it, so `--fix site/ext` with `ext` a link to another folder writes nothing.
pub fn outside_tree(path: &Path, given: &[PathBuf]) -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let abs = lexical(&cwd.join(path));
    let anchor = if abs.starts_with(&cwd) {
        cwd.clone()
    } else {
        given
            .iter()
            .map(|g| lexical(&cwd.join(g)))
            .filter(|g| abs.starts_with(g))
            .max_by_key(|g| g.as_os_str().len())
            .and_then(|g| g.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| abs.parent().map(Path::to_path_buf).unwrap_or_default())
    };
    let rel = abs.strip_prefix(&anchor).ok()?;
    let mut at = anchor.clone();
    for c in rel.components() {
        at.push(c);
        if fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            let shown = at.strip_prefix(&cwd).map_or(at.clone(), Path::to_path_buf);
            return Some(shown);
        }
    }
    let real = fs::canonicalize(&abs).ok()?;
    let expected = fs::canonicalize(&anchor).ok()?.join(rel);
    (real != expected).then(|| path.to_path_buf())
}

/// `path` with `.` and `..` taken away as text (no link is followed).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The bytes of a text as a file: the BOM put back when the file had one.
pub fn file_bytes(text: &str, bom: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 3);
    if bom {
        out.extend_from_slice(crate::source::BOM.as_bytes());
    }
    out.extend_from_slice(text.as_bytes());
    out
}

/// Replace `path`'s content by `new` atomically: a temporary file in the same folder with the
/// same permissions, then a rename over the original. Refuses a symbolic link (a rename would
/// replace the link, and writing through it changes a file elsewhere) and a file whose bytes
/// are no longer `original` (changed by someone else since it was read).
pub fn write_atomic(path: &Path, original: &[u8], new: &[u8]) -> Result<(), WriteError> {
    let meta = fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Err(WriteError::Symlink);
    }
    if fs::read(path)? != original {
        return Err(WriteError::Changed);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp, mut file) = crate::safe_fs::temp_file(&dir, &name)?;
    let result = (|| -> Result<(), WriteError> {
        file.write_all(new)?;
        file.set_permissions(meta.permissions())?;
        // Keep the owner too where we may (root, or the owner itself); never fail on it.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = std::os::unix::fs::fchown(&file, Some(meta.uid()), Some(meta.gid()));
        }
        file.sync_all()?;
        drop(file);
        // Last look before the rename: a change since the first check is not overwritten.
        if fs::read(path)? != original {
            return Err(WriteError::Changed);
        }
        fs::rename(&tmp, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A unified diff of one file's fix, `--- a/PATH` / `+++ b/PATH`, or nothing when equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_is_kept_in_inserted_lines() {
        assert_eq!(to_crlf("a\nb\r\nc"), "a\r\nb\r\nc");
    }

    #[test]
    fn atomic_write_keeps_mode_and_refuses_a_changed_file() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("a.md");
        fs::write(&p, "old").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).expect("chmod");
        }
        write_atomic(&p, b"old", b"new").expect("written");
        assert_eq!(fs::read(&p).expect("read"), b"new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&p).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        assert!(matches!(
            write_atomic(&p, b"old", b"newer"),
            Err(WriteError::Changed)
        ));
        let left: Vec<_> = fs::read_dir(dir.path()).expect("ls").collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }
}
