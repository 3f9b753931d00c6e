//! Nothing outside the tree, nothing unbounded: a hostile user plants links, pipes and
//! huge files where retro-lint reads and writes, and writes posts that try to speak in a
//! CI log. Each test failed before the fix it stands for.

#![cfg(unix)]

use assert_cmd::Command;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const POST: &str = "---
title: \"월간 회고록 (2024.01.01 ~ 2024.01.31)\"
date: \"2024-01-31\"
---
## 통계

- **총 커밋 수**: 20개
";

/// An Astro site with one post; returns its path.
fn site(d: &Path) -> PathBuf {
    let posts = d.join("src/content/posts");
    std::fs::create_dir_all(&posts).expect("mkdir");
    std::fs::write(d.join("astro.config.mjs"), "export default {};\n").expect("write");
    let p = posts.join("2024-01-monthly.md");
    std::fs::write(&p, POST).expect("write");
    p
}

fn run(d: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("retro-lint")
        .expect("bin")
        .current_dir(d)
        .env_remove("RETRO_LINT_CACHE_DIR")
        .args(["--output-format", "concise", "--lang", "en"])
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run")
}

/// Every file below `d`, with its content (links as `-> target`).
fn snapshot(d: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![d.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("ls").flatten() {
            let p = e.path();
            let t = e.file_type().expect("type");
            if t.is_symlink() {
                let target = std::fs::read_link(&p).expect("link");
                out.push((p, format!("-> {}", target.display())));
            } else if t.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.clone(),
                    String::from_utf8_lossy(&std::fs::read(&p).expect("read")).into(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_cache_folder_that_is_a_link_is_not_followed() {
    let d = tempfile::tempdir().expect("tmp");
    let outside = tempfile::tempdir().expect("tmp");
    site(d.path());
    // A file there named like a stale index of this site would have been deleted.
    std::fs::write(
        outside.path().join("index-0000000000000000-1.jsonl"),
        "keep",
    )
    .expect("write");
    std::fs::write(outside.path().join(".gitignore"), "mine\n").expect("write");
    symlink(outside.path(), d.path().join(".retro-lint-cache")).expect("link");
    let before = snapshot(outside.path());
    let out = run(d.path(), &["."]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        snapshot(outside.path()),
        before,
        "wrote or deleted through the link"
    );
}

#[test]
fn links_planted_in_the_cache_folder_are_never_written_through() {
    let d = tempfile::tempdir().expect("tmp");
    let outside = tempfile::tempdir().expect("tmp");
    let post = site(d.path());
    assert_eq!(run(d.path(), &["."]).status.code(), Some(0));
    let cache = d.path().join(".retro-lint-cache");
    assert!(cache.join("CACHEDIR.TAG").is_file());
    // The cache's own files replaced by links to files of the victim.
    let victim = outside.path().join("victim");
    std::fs::write(&victim, "precious\n").expect("write");
    std::fs::remove_file(cache.join(".gitignore")).expect("rm");
    symlink(&victim, cache.join(".gitignore")).expect("link");
    // And links under every name the old code's temporary file could take in this process.
    let pid = std::process::id();
    for n in [pid, pid + 1, pid + 2] {
        symlink(&victim, cache.join(format!(".tmp-{n}"))).expect("link");
    }
    for e in std::fs::read_dir(&cache).expect("ls").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("index-") {
            for n in 0..3 {
                let planted = cache.join(format!(".{name}.retro-lint-{pid}-{n}.tmp"));
                symlink(&victim, planted).expect("link");
            }
        }
    }
    // A change makes the cache write again; in this process too (the library API).
    std::fs::write(&post, POST.replace("20개", "21개")).expect("write");
    assert_eq!(run(d.path(), &["."]).status.code(), Some(0));
    let opts = retro_lint::LintOptions {
        cache: true,
        ..Default::default()
    };
    std::fs::write(&post, POST.replace("20개", "22개")).expect("write");
    let config = retro_lint::config::Config::default();
    retro_lint::lint_paths(&[d.path().to_path_buf()], &config, &opts).expect("lint");
    assert_eq!(
        std::fs::read_to_string(&victim).expect("read"),
        "precious\n"
    );
}

#[test]
fn a_cache_dir_that_holds_other_things_gets_a_folder_of_its_own() {
    let d = tempfile::tempdir().expect("tmp");
    site(d.path());
    let mine = tempfile::tempdir().expect("tmp");
    std::fs::write(mine.path().join(".gitignore"), "target/\n").expect("write");
    std::fs::write(mine.path().join("notes.txt"), "mine\n").expect("write");
    let dir = mine.path().to_string_lossy().into_owned();
    assert_eq!(
        run(d.path(), &[".", "--cache-dir", &dir]).status.code(),
        Some(0)
    );
    assert_eq!(
        std::fs::read_to_string(mine.path().join(".gitignore")).expect("read"),
        "target/\n"
    );
    let sub = mine.path().join("retro-lint");
    assert!(
        sub.join("CACHEDIR.TAG").is_file(),
        "the cache went to a sub-folder"
    );
    let names: Vec<String> = std::fs::read_dir(mine.path())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

/// The index file's path, after one run wrote it.
fn index_file(d: &Path) -> PathBuf {
    assert_eq!(run(d, &["."]).status.code(), Some(0));
    std::fs::read_dir(d.join(".retro-lint-cache"))
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("index-"))
        })
        .expect("an index")
}

#[test]
fn a_cache_index_that_is_a_pipe_a_device_or_huge_is_not_read() {
    let d = tempfile::tempdir().expect("tmp");
    site(d.path());
    let index = index_file(d.path());
    let replace = |with: &dyn Fn(&Path)| {
        std::fs::remove_file(&index).expect("rm");
        with(&index);
        let start = Instant::now();
        let out = run(d.path(), &["."]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(start.elapsed() < Duration::from_secs(30));
    };
    replace(&|p| {
        assert!(
            std::process::Command::new("mkfifo")
                .arg(p)
                .status()
                .expect("mkfifo")
                .success()
        )
    });
    replace(&|p| symlink("/dev/zero", p).expect("link"));
    replace(&|p| {
        let f = std::fs::File::create(p).expect("create");
        f.set_len(1 << 30).expect("sparse 1 GB");
    });
}

#[test]
fn a_baseline_that_is_a_pipe_is_an_error() {
    let d = tempfile::tempdir().expect("tmp");
    site(d.path());
    let fifo = d.path().join("baseline.json");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let out = run(d.path(), &[".", "--baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}

#[test]
fn standard_input_is_bounded_like_a_file() {
    let d = tempfile::tempdir().expect("tmp");
    let big = "x".repeat(5000);
    let out = Command::cargo_bin("retro-lint")
        .expect("bin")
        .current_dir(d.path())
        .args(["--output-format", "concise", "--max-file-size", "1000", "-"])
        .write_stdin(big.clone())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("F002"));
    // With --fix, standard output would carry the text: a cut input is an error, not echoed.
    let out = Command::cargo_bin("retro-lint")
        .expect("bin")
        .current_dir(d.path())
        .args(["--fix", "--max-file-size", "1000", "-"])
        .write_stdin(big)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(out.stdout.is_empty());
}

#[test]
fn fix_never_writes_through_a_linked_folder() {
    let d = tempfile::tempdir().expect("tmp");
    let elsewhere = tempfile::tempdir().expect("tmp");
    let post = "---\ntitle: \"Monthly retrospective (2025.05.01 ~ 2025.05.31)\"\ndate: 2025-05-31\n---\n- 2025-05-07 (화): release\n";
    std::fs::write(elsewhere.path().join("post.md"), post).expect("write");
    std::fs::create_dir(d.path().join("site")).expect("mkdir");
    symlink(elsewhere.path(), d.path().join("site/ext")).expect("link");
    for arg in ["site/ext/post.md", "site/ext", "site"] {
        let out = run(d.path(), &["--fix", arg]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            std::fs::read_to_string(elsewhere.path().join("post.md")).expect("read"),
            post,
            "{arg}: a file outside the tree was changed"
        );
        if arg != "site" {
            // `site` is walked without following the link: nothing to fix there.
            assert_eq!(out.status.code(), Some(2), "{arg}: {out:?}");
            assert!(err.contains("symbolic link"), "{arg}: {err}");
        }
    }
}

#[test]
fn a_failed_write_leaves_the_finding_in_the_summary() {
    let d = tempfile::tempdir().expect("tmp");
    let post = "---\ntitle: \"Monthly retrospective (2025.05.01 ~ 2025.05.31)\"\ndate: 2025-05-31\n---\n- 2025-05-07 (화): release\n";
    std::fs::write(d.path().join("real.md"), post).expect("write");
    symlink("real.md", d.path().join("link.md")).expect("link");
    let out = run(d.path(), &["--fix", "link.md"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stdout.contains("D005"),
        "the finding is still in the file: {stdout}"
    );
    assert!(!stdout.contains("No findings"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(d.path().join("real.md")).expect("read"),
        post
    );
}

#[test]
fn temporary_files_of_an_interrupted_fix_are_removed_by_the_next() {
    let d = tempfile::tempdir().expect("tmp");
    let post = "---\ntitle: \"Monthly retrospective (2025.05.01 ~ 2025.05.31)\"\ndate: 2025-05-31\n---\n- 2025-05-07 (화): release\n";
    std::fs::write(d.path().join("post.md"), post).expect("write");
    // A process id no system hands out: the run that left these is gone.
    let stale = d.path().join(".post.md.retro-lint-4294967290-0.tmp");
    std::fs::write(&stale, "x".repeat(100_000)).expect("write");
    let someone_elses = d.path().join(".post.md.tmp");
    std::fs::write(&someone_elses, "keep").expect("write");
    let out = run(d.path(), &["--fix", "post.md"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        !stale.exists(),
        "the interrupted run's temporary file is gone"
    );
    assert!(
        someone_elses.exists(),
        "a file retro-lint did not make stays"
    );
}

#[test]
fn a_post_never_starts_a_line_of_any_report() {
    let d = tempfile::tempdir().expect("tmp");
    let p = d.path().join("post.md");
    std::fs::write(
        &p,
        "---\ntitle: t\ndate: 2025-01-01\n\"dup\\n::error::x\": 1\n\"dup\\n::error::x\": 2\n---\nbody\n",
    )
    .expect("write");
    for format in [
        "full",
        "concise",
        "json",
        "json-lines",
        "gitlab",
        "sarif",
        "junit",
        "github",
    ] {
        let out = Command::cargo_bin("retro-lint")
            .expect("bin")
            .current_dir(d.path())
            .args(["--output-format", format, "post.md"])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("F006"), "{format}: {text}");
        for line in text.lines() {
            assert!(
                !line.trim_start().starts_with("::error::x"),
                "{format}: a line starts with the post's text: {line}"
            );
        }
    }
}

#[test]
fn control_bytes_in_a_cell_do_not_hide_a_total() {
    let post = |cell: &str| {
        format!(
            "---\ntitle: \"월간 회고 (2025.02.01 ~ 2025.02.28)\"\ndate: 2025-02-28\n---\n## 통계\n\n| 월 | 커밋 |\n|---|---|\n| 1월 | 3 |\n| 2월 | {cell} |\n| **합계** | **9** |\n"
        )
    };
    let codes = |t: &str| -> Vec<&str> {
        retro_lint::lint_text(Path::new("p.md"), t, &retro_lint::config::Config::default())
            .iter()
            .map(|d| d.code)
            .collect()
    };
    assert!(codes(&post("4")).contains(&"N001"));
    assert!(codes(&post("4 \x07\x08\x0b")).contains(&"N001"));
}
