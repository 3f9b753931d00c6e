//! File paths: absolute, relative to the working folder, shown relative to the site.

use super::Site;
use std::path::{Component, Path, PathBuf};

/// The absolute form of a path with `.` and `..` applied, so paths given as `../x.md` and
/// paths found by walking the site compare equal.
pub fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// `p` relative to the working directory (`../../x`), for paths shown to the user.
pub fn relative_to_cwd(p: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else {
        return p.to_path_buf();
    };
    let (a, b) = (absolute(p), absolute(&cwd));
    let common = a
        .components()
        .zip(b.components())
        .take_while(|(x, y)| x == y)
        .count();
    if common == 0 {
        return a;
    }
    let mut out = PathBuf::new();
    for _ in b.components().skip(common) {
        out.push("..");
    }
    for c in a.components().skip(common) {
        out.push(c);
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// The entries of a folder; none when it cannot be read.
pub(super) fn dir_entries(dir: &Path) -> impl Iterator<Item = std::fs::DirEntry> {
    std::fs::read_dir(dir).into_iter().flatten().flatten()
}

impl Site {
    /// A short description of the content roots for messages (`src/content/posts`).
    pub fn roots_display(&self) -> String {
        let root = self.layout.root.as_path();
        self.content_roots
            .iter()
            .map(|r| {
                r.strip_prefix(root)
                    .unwrap_or(r)
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A path relative to the site's top, `/`-separated.
    pub fn display_rel(&self, path: &Path) -> String {
        let abs = absolute(path);
        abs.strip_prefix(&self.layout.root)
            .unwrap_or(&abs)
            .to_string_lossy()
            .replace('\\', "/")
    }
}
