//! Shared by the editor tests (tests/server.rs, tests/nvim.rs, tests/watch.rs): the small
//! site they open, copied to a temporary folder so edits and the cache stay there.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub const MONTHLY: &str = "posts/2025/monthly/2025-03-01-2025-03-31-monthly-retrospective.md";
pub const ANNUAL: &str = "posts/2025/annual/2025-01-01-2025-12-31-annual-retrospective.md";

/// A copy of tests/editor/site in a new temporary folder.
pub fn site() -> tempfile::TempDir {
    let t = tempfile::tempdir().expect("tmp");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editor/site"),
        t.path(),
    );
    t
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir") {
        let e = e.expect("entry");
        let dest = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).expect("copy");
        }
    }
}

/// The real path of a file of the copy (the temporary folder may be behind a link).
pub fn real(site: &Path, rel: &str) -> PathBuf {
    std::fs::canonicalize(site.join(rel)).expect("canonical")
}

/// The UTF-16 column of the first `needle` in `text`, and its 0-based line.
pub fn utf16_position(text: &str, needle: &str) -> (u32, u32) {
    let at = text.find(needle).expect("needle");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() as u32;
    let col = text[line_start..at].encode_utf16().count() as u32;
    (line, col)
}
