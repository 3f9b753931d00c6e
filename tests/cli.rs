//! The command line as a user runs it: exit codes, formats, config errors, bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

fn cmd() -> Command {
    let mut c = Command::cargo_bin("retro-lint").expect("binary");
    c.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    c
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, bytes).expect("write");
}

const CLEAN: &str = "---\ntitle: \"Monthly retrospective: March 2025\"\ndate: 2025-03-31\n---\n## Summary\n\nShipped on Tuesday, March 4.\n";
const WRONG_WEEKDAY: &str = "---\ntitle: \"월간 회고록 (2025.05.01 ~ 2025.05.31)\"\ndate: \"2025-05-31\"\n---\n## 개요\n\n배포: 2025-05-07 (화)\n";

#[test]
fn example_blog_has_findings_and_exits_1() {
    cmd()
        .arg("examples/blog")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("D005/weekday-mismatch"))
        .stdout(predicate::str::contains("Found"));
}

#[test]
fn clean_post_exits_0() {
    let t = tempfile::tempdir().expect("tmp");
    write(t.path(), "2025-03-monthly-retrospective.md", CLEAN);
    cmd()
        .arg(t.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No findings in 1 file."));
}

#[test]
fn missing_path_exits_2_with_a_message() {
    cmd()
        .arg("does/not/exist.md")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "does/not/exist.md: no such file or directory",
        ));
}

#[test]
fn unreadable_file_exits_2() {
    // /proc/self/mem exists but cannot be read from offset 0 (EIO), even as root.
    if !Path::new("/proc/self/mem").exists() {
        return;
    }
    cmd()
        .arg("/proc/self/mem")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/proc/self/mem"));
}

#[test]
fn bad_arguments_exit_2() {
    cmd().arg("--output-format").arg("xml").assert().code(2);
    cmd()
        .args(["--select", "Z9"])
        .arg("examples/blog")
        .assert()
        .code(2);
}

#[test]
fn concise_format_is_one_line_per_finding() {
    let t = tempfile::tempdir().expect("tmp");
    write(t.path(), "2025-05-monthly-retrospective.md", WRONG_WEEKDAY);
    let out = cmd()
        .args(["--output-format", "concise", "--quiet"])
        .arg(t.path().join("2025-05-monthly-retrospective.md"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf8");
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    // Column counts characters: `배포: 2025-05-07 (` is 16 characters before `화`.
    assert!(
        lines[0].ends_with("2025-05-monthly-retrospective.md:7:17: D005 [weekday-mismatch] 2025-05-07 is a Wednesday, not a Tuesday"),
        "{}",
        lines[0]
    );
}

#[test]
fn json_follows_the_contract() {
    let t = tempfile::tempdir().expect("tmp");
    write(t.path(), "2025-05-monthly-retrospective.md", WRONG_WEEKDAY);
    let out = cmd()
        .current_dir(t.path())
        .args([
            "--output-format",
            "json",
            "2025-05-monthly-retrospective.md",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).expect("json");
    let f = &v.as_array().expect("array")[0];
    assert_eq!(f["path"], "2025-05-monthly-retrospective.md");
    assert_eq!(f["line"], 7);
    assert_eq!(f["column"], 17);
    assert_eq!(f["end_line"], 7);
    assert_eq!(f["end_column"], 18);
    assert_eq!(f["code"], "D005");
    assert_eq!(f["name"], "weekday-mismatch");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["text"], "화");
    assert_eq!(f["labels"][0]["text"], "2025-05-07");
    assert_eq!(f["fix"]["applicability"], "safe");
    assert_eq!(f["fix"]["edits"][0]["content"], "수");
}

#[test]
fn korean_messages() {
    let t = tempfile::tempdir().expect("tmp");
    write(t.path(), "2025-05-monthly-retrospective.md", WRONG_WEEKDAY);
    cmd()
        .args(["--lang", "ko", "--output-format", "concise"])
        .arg(t.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "요일이 날짜와 맞지 않습니다: 2025-05-07, 적힌 요일 화, 실제 요일 수",
        ));
    cmd()
        .env("LANG", "ko_KR.UTF-8")
        .args(["--output-format", "concise"])
        .arg(t.path())
        .assert()
        .stdout(predicate::str::contains("실제 요일 수"));
}

#[test]
fn select_and_ignore() {
    cmd()
        .args([
            "--select",
            "T001",
            "--output-format",
            "concise",
            "examples/blog",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("T001").and(predicate::str::contains("D005").not()));
    cmd()
        .args(["--ignore", "D,T", "examples/blog"])
        .assert()
        .stdout(predicate::str::contains("D005").not());
}

#[test]
fn config_errors_have_line_and_column() {
    let t = tempfile::tempdir().expect("tmp");
    write(t.path(), ".retro-lint.yml", "rules:\n  D005: loud\n");
    write(t.path(), "a.md", CLEAN);
    cmd()
        .arg(t.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            ".retro-lint.yml:2:9: severity must be off, info, warning or error",
        ));
    write(t.path(), ".retro-lint.yml", "colour: red\n");
    cmd()
        .arg(t.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("1:1: unknown key `colour`"));
    cmd()
        .arg("--config")
        .arg(t.path().join("nope.yml"))
        .arg(t.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("config file not found"));
}

#[test]
fn rule_docs() {
    cmd()
        .args(["rule", "D005"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("# D005 weekday-mismatch"));
    cmd()
        .args(["rule", "weekday-mismatch"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("## What it does"));
    cmd()
        .args(["rule", "--all"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("# F001 file-not-text"));
    cmd().args(["rule", "X999"]).assert().code(2);
}

#[test]
fn no_colour_when_not_a_terminal() {
    let out = cmd()
        .env_remove("NO_COLOR")
        .arg("examples/blog")
        .output()
        .expect("run");
    assert!(!out.stdout.contains(&0x1b), "escape codes in piped output");
}

/// A tree with every kind of bad input: each gets a finding or a clean pass, never a panic.
#[test]
fn bad_input_tree() {
    let t = tempfile::tempdir().expect("tmp");
    let d = t.path();
    write(d, "invalid-utf8.md", b"---\ntitle: \xff\xfe\n---\n");
    write(d, "binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write(d, "empty.md", b"");
    write(
        d,
        "bom-crlf.md",
        "\u{feff}---\r\ntitle: \"월간 회고록 (2025.05.01 ~ 2025.05.31)\"\r\ndate: \"2025-05-31\"\r\n---\r\n배포: 2025-05-07 (화)\r\n",
    );
    write(
        d,
        "broken-yaml.md",
        "---\ntitle: [unclosed\ndate: 2025-01-01\n---\nbody\n",
    );
    write(d, "only-fence.md", "---");
    let big = format!(
        "---\ntitle: big\ndate: 2025-01-01\n---\n{}",
        "| a | b |\n|---|---|\n| 1 | 2 |\n".repeat(2_000_000)
    );
    assert!(big.len() > 50 << 20);
    write(d, "huge.md", big);
    let out = cmd()
        .args(["--output-format", "json"])
        .arg(d)
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let has = |file: &str, code: &str| {
        v.as_array()
            .expect("array")
            .iter()
            .any(|f| f["path"].as_str().is_some_and(|p| p.ends_with(file)) && f["code"] == code)
    };
    assert!(has("invalid-utf8.md", "F001"));
    assert!(has("binary.md", "F001"));
    assert!(has("huge.md", "F002"));
    assert!(has("broken-yaml.md", "F005"));
    assert!(has("only-fence.md", "F004"));
    // BOM and CRLF: the weekday is found at the right line and character column.
    let f = v
        .as_array()
        .expect("array")
        .iter()
        .find(|f| f["code"] == "D005")
        .expect("D005 in bom-crlf.md");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(5), Some(17))
    );
    assert!(!has("empty.md", "F001"));
}
