//! Hostile input: each case gets its documented result (a finding, a clear error, or a clean
//! pass), never a panic or a hang. Sizes are the ones the issue names; each case runs in well
//! under a second in a release build and a few seconds in a debug build.

use assert_cmd::Command;
use retro_lint::config::Config;
use retro_lint::lint_text;
use std::path::Path;

fn codes(text: &str) -> Vec<&'static str> {
    lint_text(Path::new("post.md"), text, &Config::default())
        .iter()
        .map(|d| d.code)
        .collect()
}

fn fm(body: &str) -> String {
    format!(
        "---\ntitle: \"Weekly retrospective (2025.03.03 ~ 2025.03.09)\"\ndate: 2025-03-09\n---\n{body}"
    )
}

#[test]
fn yaml_alias_bomb_is_a_syntax_finding() {
    let mut y = String::from("---\na0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 10].join(",");
        y.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    y.push_str("---\nbody\n");
    assert_eq!(codes(&y), vec!["F005"]);
}

#[test]
fn yaml_deep_nesting_huge_scalars_tags_and_documents() {
    let deep = format!(
        "---\ntitle: {}{}\n---\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(codes(&deep), vec!["F005"]);
    let huge = format!(
        "---\ntitle: \"{}\"\ndate: 2025-01-01\n---\n",
        "가".repeat(3_000_000)
    );
    assert!(codes(&huge).is_empty());
    let tags = "---\ntitle: !custom \"x\"\ndate: !!str 2025-01-01\nblob: !!binary aGVsbG8=\n---\n";
    assert!(!codes(tags).contains(&"F005") || codes(tags) == vec!["F005"]);
    // A second `---` ends the front matter; later `---` lines are section breaks.
    let docs = "---\ntitle: a\ndate: 2025-01-01\n---\ntext\n---\ntitle: b\n---\n";
    assert!(codes(docs).is_empty());
}

#[test]
fn markdown_nested_ten_thousand_levels() {
    let lists = fm(&format!("{}x\n", "- ".repeat(10_000)));
    assert!(codes(&lists).is_empty());
    let quotes = fm(&format!("{}y\n", "> ".repeat(10_000)));
    assert!(codes(&quotes).is_empty());
}

#[test]
fn ten_megabyte_single_line() {
    let line = fm(&"word 12 ".repeat(1_400_000));
    assert!(line.len() > 10 << 20);
    assert!(codes(&line).is_empty());
}

#[test]
fn tables_with_many_rows_or_columns() {
    let mut rows = String::from("| 월 | 커밋 |\n|---|---|\n");
    for i in 0..100_000 {
        rows.push_str(&format!("| r{i} | {} |\n", i % 7));
    }
    let _ = codes(&fm(&rows));
    let cols = 10_000;
    let wide = format!(
        "|{}\n|{}\n|{}\n",
        " h |".repeat(cols),
        "---|".repeat(cols),
        " 1 |".repeat(cols)
    );
    let _ = codes(&fm(&wide));
}

#[test]
fn unclosed_fences_and_comments() {
    assert!(codes(&fm("```\n2025-02-30 (월)\n")).is_empty());
    assert!(codes(&fm("<!-- never closed\n2025-02-30\n")).is_empty());
}

#[test]
fn extreme_dates() {
    for d in [
        "0000-01-01 (월)",
        "9999-12-31 (금)",
        "-0001-01-01",
        "10000-01-01 (월)",
    ] {
        let _ = codes(&fm(&format!("배포: {d}\n")));
    }
    // 9999-12-31 is a Friday; year 0 (1 BC) began on a Saturday.
    assert!(!codes(&fm("9999-12-31 (금)\n")).contains(&"D005"));
    assert!(codes(&fm("0000-01-01 (월)\n")).contains(&"D005"));
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let t = tempfile::tempdir().expect("tmp");
    let p = t.path().join("2025-05-monthly-retrospective.md");
    std::fs::write(
        &p,
        "---\ntitle: \"월간 회고록 (2025.05.01 ~ 2025.05.31)\"\ndate: \"2025-05-31\"\n---\n\x1b[2J\x1b]0;pwned\x07 2025-05-07 (화)\n",
    )
    .expect("write");
    for format in ["full", "concise", "json"] {
        let out = Command::cargo_bin("retro-lint")
            .expect("bin")
            .args(["--output-format", format])
            .arg(&p)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(!out.stdout.contains(&0x1b), "{format}: raw ESC in output");
        assert!(!out.stdout.contains(&0x07), "{format}: raw BEL in output");
        if format == "json" {
            let _: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid json");
        }
    }
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_and_odd_names_survive() {
    let t = tempfile::tempdir().expect("tmp");
    let d = t.path();
    std::os::unix::fs::symlink(d, d.join("loop")).expect("symlink");
    let outside = tempfile::tempdir().expect("outside");
    std::fs::write(outside.path().join("x.md"), "2025-05-07 (화)\n").expect("write");
    std::os::unix::fs::symlink(outside.path(), d.join("outside")).expect("symlink");
    let odd = "a \"quoted\" name\nwith a newline.md";
    std::fs::write(d.join(odd), "2025-05-07 (화)\n").expect("write");
    for format in ["json", "concise", "full"] {
        let out = Command::cargo_bin("retro-lint")
            .expect("bin")
            .args(["--output-format", format])
            .arg(d)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{format}");
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(!s.contains("x.md"), "followed a symlink out of the tree");
        if format == "json" {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
            assert_eq!(v.as_array().expect("array").len(), 1);
            assert!(v[0]["path"].as_str().expect("path").ends_with(odd));
        }
    }
}

#[test]
fn broken_pipe_ends_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("retro-lint");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' examples/blog fixtures | head -1",
            bin.display()
        ))
        .output()
        .expect("sh");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}
