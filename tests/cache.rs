//! The site index cache (`.retro-lint-cache/`), through the real binary: linting one file
//! reads the other posts' summaries from it, a changed post is read again, and the cache
//! never changes a finding. Sites are written here, in Korean and in English.

use assert_cmd::Command;
use std::path::Path;

const ANNUAL: &str = "---
title: \"2024년 연간 회고록 (2024.01 ~ 2024.12)\"
date: \"2024-12-31\"
---
## 월별 추이

| 월 | 커밋 | 이슈 |
|:--:|:----:|:----:|
| 1월 | 20 | 5 |
| 2월 | 55 | 7 |
";

const JANUARY: &str = "---
title: \"월간 회고록 (2024.01.01 ~ 2024.01.31)\"
date: \"2024-01-31\"
---
## 통계

- **총 이슈 수**: 5개
- **총 커밋 수**: 20개
";

const FEBRUARY: &str = "---
title: \"Monthly retrospective (2024.02.01 ~ 2024.02.29)\"
date: \"2024-02-29\"
---
## Statistics

- **Total issues**: 7
- **Total commits**: 50
";

/// An Astro site: the annual post's February row (55) disagrees with February's post (50).
fn site(d: &Path) -> std::path::PathBuf {
    let posts = d.join("src/content/posts/2024");
    std::fs::create_dir_all(&posts).expect("mkdir");
    std::fs::write(d.join("astro.config.mjs"), "export default {};\n").expect("write");
    std::fs::write(posts.join("2024-annual.md"), ANNUAL).expect("write");
    std::fs::write(posts.join("2024-01-monthly.md"), JANUARY).expect("write");
    std::fs::write(posts.join("2024-02-monthly.md"), FEBRUARY).expect("write");
    posts.join("2024-annual.md")
}

fn lint(d: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("retro-lint")
        .expect("bin")
        .current_dir(d)
        .env_remove("RETRO_LINT_CACHE_DIR")
        .args(["--output-format", "concise", "--lang", "en"])
        .args(args)
        .output()
        .expect("run");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

const ANNUAL_REL: &str = "src/content/posts/2024/2024-annual.md";

#[test]
fn one_file_reads_the_others_from_the_cache_and_finds_the_same() {
    let d = tempfile::tempdir().expect("tmp");
    site(d.path());
    let cold = lint(d.path(), &[ANNUAL_REL]);
    assert_eq!(cold.0, 1, "{}", cold.1);
    assert!(cold.1.contains("S006"), "{}", cold.1);
    let dir = d.path().join(".retro-lint-cache");
    assert!(dir.join(".gitignore").is_file());
    assert!(dir.join("CACHEDIR.TAG").is_file());
    let index: Vec<_> = std::fs::read_dir(&dir)
        .expect("cache dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("index-"))
        .collect();
    assert_eq!(index.len(), 1);
    // Warm: the same findings, and the same as without the cache.
    assert_eq!(lint(d.path(), &[ANNUAL_REL]), cold);
    assert_eq!(lint(d.path(), &[ANNUAL_REL, "--no-cache"]), cold);
    // The whole site, then one file again.
    let all = lint(d.path(), &["."]);
    assert!(all.1.contains("S006"), "{}", all.1);
    assert_eq!(lint(d.path(), &[ANNUAL_REL]), cold);
}

#[test]
fn a_changed_post_is_read_again() {
    let d = tempfile::tempdir().expect("tmp");
    site(d.path());
    assert!(lint(d.path(), &[ANNUAL_REL]).1.contains("S006"));
    // Same size, new content: the hash tells (the change is within the racy window).
    let feb = d.path().join("src/content/posts/2024/2024-02-monthly.md");
    std::fs::write(&feb, FEBRUARY.replace("**: 50", "**: 55")).expect("write");
    let (code, out) = lint(d.path(), &[ANNUAL_REL]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("S006"), "{out}");
    // Back as it was: the finding again. Then the post removed: nothing to compare with.
    std::fs::write(&feb, FEBRUARY).expect("write");
    assert!(lint(d.path(), &[ANNUAL_REL]).1.contains("S006"));
    std::fs::remove_file(&feb).expect("rm");
    assert!(!lint(d.path(), &[ANNUAL_REL]).1.contains("S006"));
}

#[test]
fn no_cache_writes_nothing_and_a_cache_dir_elsewhere_is_used() {
    let d = tempfile::tempdir().expect("tmp");
    site(d.path());
    let (_, out) = lint(d.path(), &[ANNUAL_REL, "--no-cache"]);
    assert!(out.contains("S006"));
    assert!(!d.path().join(".retro-lint-cache").exists());
    // --diff writes nothing, the cache included.
    lint(d.path(), &[ANNUAL_REL, "--diff"]);
    assert!(!d.path().join(".retro-lint-cache").exists());
    let elsewhere = tempfile::tempdir().expect("tmp");
    let dir = elsewhere.path().join("c");
    let dir_s = dir.to_string_lossy().into_owned();
    assert_eq!(lint(d.path(), &[ANNUAL_REL, "--cache-dir", &dir_s]).1, out);
    assert!(dir.join("CACHEDIR.TAG").is_file());
    assert!(!d.path().join(".retro-lint-cache").exists());
}

#[test]
fn a_damaged_or_unwritable_cache_changes_nothing() {
    let d = tempfile::tempdir().expect("tmp");
    site(d.path());
    let (code, out) = lint(d.path(), &[ANNUAL_REL]);
    let dir = d.path().join(".retro-lint-cache");
    for e in std::fs::read_dir(&dir).expect("dir").flatten() {
        if e.file_name().to_string_lossy().starts_with("index-") {
            let mut bytes = std::fs::read(e.path()).expect("read");
            bytes.truncate(bytes.len() / 2);
            bytes.extend_from_slice(b"\xff\x00garbage\n{\"not\": \"an entry\"}\n");
            std::fs::write(e.path(), bytes).expect("write");
        }
    }
    assert_eq!(lint(d.path(), &[ANNUAL_REL]), (code, out.clone()));
    // The cache folder is a file: nothing can be written, the run is the same.
    std::fs::remove_dir_all(&dir).expect("rm");
    std::fs::write(&dir, "not a folder").expect("write");
    assert_eq!(lint(d.path(), &[ANNUAL_REL]), (code, out));
}

#[test]
fn two_sites_can_share_a_cache_dir() {
    let shared = tempfile::tempdir().expect("tmp");
    let dir = shared.path().to_string_lossy().into_owned();
    let (a, b) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    site(a.path());
    site(b.path());
    let first = lint(a.path(), &[ANNUAL_REL, "--cache-dir", &dir]);
    lint(b.path(), &[ANNUAL_REL, "--cache-dir", &dir]);
    let index_files = || {
        std::fs::read_dir(shared.path())
            .expect("dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("index-"))
            .count()
    };
    // Each site keeps its own index: writing one does not remove the other.
    assert_eq!(index_files(), 2);
    assert_eq!(lint(a.path(), &[ANNUAL_REL, "--cache-dir", &dir]), first);
    assert_eq!(index_files(), 2);
}
