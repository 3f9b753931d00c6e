//! The rough edges a new user hit (issue 16), each as the user met it. Each failed before.

use assert_cmd::Command;
use std::path::Path;

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("retro-lint").expect("binary");
    c.current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("CI_PROJECT_DIR")
        .env("NO_COLOR", "1");
    c
}

/// A post with one safe fix (a weekday) and one display-only fix (a total).
const POST: &str = "---
title: \"월간 회고 (2025.05.01 ~ 2025.05.31)\"
date: 2025-05-31
---
## 통계

- 2025-05-07 (화): 배포

| 월 | 커밋 |
|---|---|
| 4월 | 3 |
| 5월 | 4 |
| **합계** | **9** |
";

fn out(c: &mut Command) -> (Option<i32>, String, String) {
    let o = c.output().expect("run");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn the_configs_lang_wins_over_a_c_locale() {
    let t = tempfile::tempdir().expect("tmp");
    std::fs::write(t.path().join("post.md"), POST).expect("write");
    std::fs::write(t.path().join(".retro-lint.yml"), "lang: ko\n").expect("write");
    for locale in ["C.UTF-8", "C", "POSIX"] {
        let (_, stdout, _) = out(cmd(t.path()).env("LANG", locale).arg("post.md"));
        assert!(
            stdout.contains("요일이 날짜와 맞지 않습니다"),
            "{locale}: {stdout}"
        );
    }
    // A real English locale still says English.
    let (_, stdout, _) = out(cmd(t.path()).env("LANG", "en_US.UTF-8").arg("post.md"));
    assert!(stdout.contains("is a Wednesday"), "{stdout}");
}

#[test]
fn korean_output_has_no_english_fix_notes() {
    let t = tempfile::tempdir().expect("tmp");
    std::fs::write(t.path().join("post.md"), POST).expect("write");
    let (_, stdout, _) = out(cmd(t.path()).args(["--lang", "ko", "post.md"]));
    assert!(stdout.contains("합계가 항목의 합과 다릅니다"), "{stdout}");
    assert!(!stdout.contains("not applied"), "{stdout}");
    assert!(stdout.contains("자동으로 고치지 않음"), "{stdout}");
}

#[test]
fn counts_of_one_are_singular() {
    let t = tempfile::tempdir().expect("tmp");
    std::fs::write(t.path().join("post.md"), POST).expect("write");
    let (_, _, stderr) = out(cmd(t.path()).args(["--diff", "post.md"]));
    assert!(
        stderr.contains("1 fix would be applied in 1 file (--diff"),
        "{stderr}"
    );
    let (_, stdout, _) = out(cmd(t.path()).args(["--fix", "post.md"]));
    assert!(stdout.contains("Fixed 1 finding in 1 file."), "{stdout}");
}

#[test]
fn ci_paths_are_relative_when_the_files_are_not_under_ci_project_dir() {
    let t = tempfile::tempdir().expect("tmp");
    let elsewhere = tempfile::tempdir().expect("tmp");
    std::fs::create_dir(t.path().join("posts")).expect("mkdir");
    std::fs::write(t.path().join("posts/post.md"), POST).expect("write");
    let (_, stdout, _) = out(cmd(t.path()).env("CI_PROJECT_DIR", elsewhere.path()).args([
        "--output-format",
        "gitlab",
        "posts/post.md",
    ]));
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    for issue in v.as_array().expect("array") {
        assert_eq!(issue["location"]["path"], "posts/post.md", "{issue}");
    }
}

#[test]
fn a_config_typo_gets_a_did_you_mean() {
    let t = tempfile::tempdir().expect("tmp");
    std::fs::write(t.path().join("post.md"), POST).expect("write");
    for (yaml, hint) in [
        ("content_root: [posts]\n", "did you mean `content_roots`?"),
        ("url:\n  patern: \"/{path}/\"\n", "did you mean `pattern`?"),
        (
            "rules:\n  weekday-mismach: off\n",
            "did you mean `weekday-mismatch`?",
        ),
        (
            "rules:\n  period-length:\n    week_day: 7\n",
            "did you mean `week_days`?",
        ),
    ] {
        std::fs::write(t.path().join(".retro-lint.yml"), yaml).expect("write");
        let (code, _, stderr) = out(cmd(t.path()).arg("post.md"));
        assert_eq!(code, Some(2), "{yaml}");
        assert!(stderr.contains(hint), "{yaml}: {stderr}");
    }
}

#[test]
fn color_can_be_forced_or_turned_off() {
    let t = tempfile::tempdir().expect("tmp");
    std::fs::write(t.path().join("post.md"), POST).expect("write");
    let (_, always, _) = out(cmd(t.path()).args(["--color", "always", "post.md"]));
    assert!(always.contains('\x1b'), "--color always colours a pipe");
    let (_, never, _) = out(cmd(t.path()).args(["--color", "never", "post.md"]));
    assert!(!never.contains('\x1b'));
    let (_, json, _) =
        out(cmd(t.path()).args(["--color", "always", "--output-format", "json", "post.md"]));
    assert!(!json.contains('\x1b'), "machine formats are never coloured");
}

#[test]
fn notes_are_translated_and_name_the_folder() {
    let t = tempfile::tempdir().expect("tmp");
    std::fs::write(t.path().join("post.md"), POST).expect("write");
    let (_, ko, _) = out(cmd(t.path()).args(["--lang", "ko", "post.md"]));
    let note = ko.lines().find(|l| l.starts_with("note:")).expect("a note");
    assert!(note.contains("콘텐츠 폴더를 찾지 못해"), "{note}");
    let (_, en, _) = out(cmd(t.path()).arg("post.md"));
    assert!(en.contains("no content root found under .:"), "{en}");
}
