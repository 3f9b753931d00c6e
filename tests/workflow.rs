//! Where users work: `--fix`, `--diff`, suppressions, baseline, CI report formats, stdin,
//! completions and exit codes, run through the real binary on small sites we write here
//! (and on the sample blog too when `../shared/samples/blog` is there).

use assert_cmd::Command;
use proptest::prelude::*;
use retro_lint::config::Config;
use retro_lint::diagnostic::Applicability;
use retro_lint::fix::{Mode, apply};
use retro_lint::lint_text;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

const KO_MONTHLY: &str = "---
title: \"월간 회고록 (2025.05.01 ~ 2025.05.31)\"
date: \"2025-05-31\"
tags: [회고, 월간회고]
---
## 개요

배포는 2025-05-07 (화)에 했고, 회고 미팅은 5월 30일(금)에 했습니다.

<!-- retro-lint-disable-next-line D005 -->
- 5월 21일 (수요일): 장애 대응

### 주요 일정

| 날짜 | 내용 |
|------|------|
| 05/12 (월) | 결제 모듈 배포 |
| 05/13 (수) | 핫픽스 |
";

const EN_WEEKLY: &str = "---
title: \"Weekly retrospective (2024.12.30 ~ 2025.01.05)\"
date: 2025-01-05
---
## Highlights

Plans for the week were set on Monday.

- Tue 2024-12-31: froze the release branch.
- Friday, January 2: shipped the hotfix.
<!-- retro-lint-disable-next-line weekday-mismatsh -->
- Wed 2025-01-01: nobody worked.
";

const CLEAN: &str = "---
title: \"Weekly retrospective (2025.01.06 ~ 2025.01.12)\"
date: 2025-01-12
---
## Highlights

- Tue 2025-01-07: planning.
";

fn bin() -> Command {
    let mut c = Command::cargo_bin("retro-lint").expect("binary");
    c.env_remove("CI_PROJECT_DIR")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

/// A small Jekyll-like site: `_posts/` with a Korean and an English post with mistakes and
/// a clean one.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let posts = dir.path().join("_posts");
    std::fs::create_dir_all(&posts).expect("mkdir");
    std::fs::write(
        posts.join("2025-05-01-2025-05-31-monthly-retrospective.md"),
        KO_MONTHLY,
    )
    .expect("write");
    std::fs::write(posts.join("2024-12-30-weekly-retrospective.md"), EN_WEEKLY).expect("write");
    std::fs::write(posts.join("2025-01-06-weekly-retrospective.md"), CLEAN).expect("write");
    std::fs::write(
        dir.path().join(".retro-lint.yml"),
        "content_roots: [_posts]\n",
    )
    .expect("cfg");
    dir
}

/// The sample blog, copied, when it is there.
fn samples() -> Option<tempfile::TempDir> {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/blog");
    if !from.is_dir() {
        return None;
    }
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&from, dir.path());
    Some(dir)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("ls") {
        let p = e.expect("entry").path();
        let dest = to.join(p.file_name().expect("name"));
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).expect("copy");
        }
    }
}

/// Every file under `dir`, relative path -> bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).expect("ls") {
            let p = e.expect("entry").path();
            // The site index cache is the tool's own folder, not the user's text.
            if p.ends_with(retro_lint::cache::DIR) {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).expect("rel").to_path_buf();
                out.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn run_json(dir: &Path, format: &str, extra: &[&str]) -> (Value, i32) {
    let out = bin()
        .current_dir(dir)
        .args(["--output-format", format])
        .args(extra)
        .output()
        .expect("run");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, out.status.code().unwrap_or(-1))
}

/// Byte offset of a 1-based line and character column.
fn offset(text: &str, line: usize, col: usize) -> usize {
    let mut at = 0;
    for _ in 1..line {
        at += text[at..].find('\n').map_or(text.len() - at, |i| i + 1);
    }
    let rest = &text[at..];
    at + rest
        .char_indices()
        .nth(col - 1)
        .map_or(rest.len(), |(i, _)| i)
}

/// Apply the safe fixes a `--output-format json` run reports, the way a careful person would:
/// in report order, skipping a fix that overlaps one already taken. Returns the number applied.
fn apply_reported(dir: &Path) -> usize {
    let (v, _) = run_json(dir, "json", &["--quiet"]);
    let mut by_file: BTreeMap<String, Vec<(usize, usize, String)>> = BTreeMap::new();
    let mut applied = 0;
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    for f in v.as_array().expect("array") {
        let Some(fix) = f.get("fix").filter(|x| !x.is_null()) else {
            continue;
        };
        if fix["applicability"] != "safe" {
            continue;
        }
        let path = f["path"].as_str().expect("path").to_owned();
        let text = texts
            .entry(path.clone())
            .or_insert_with(|| {
                let raw = std::fs::read_to_string(dir.join(&path)).expect("read");
                raw.strip_prefix('\u{feff}').unwrap_or(&raw).to_owned()
            })
            .clone();
        let edits: Vec<(usize, usize, String)> = fix["edits"]
            .as_array()
            .expect("edits")
            .iter()
            .map(|e| {
                let n = |k: &str| e[k].as_u64().expect("number") as usize;
                (
                    offset(&text, n("line"), n("column")),
                    offset(&text, n("end_line"), n("end_column")),
                    e["content"].as_str().expect("content").to_owned(),
                )
            })
            .collect();
        let taken = by_file.entry(path).or_default();
        let overlaps = edits.iter().any(|(s, e, _)| {
            taken
                .iter()
                .any(|(ts, te, _)| (s < te && ts < e) || (s == e && ts == te && s == ts))
        });
        if !overlaps {
            taken.extend(edits);
            applied += 1;
        }
    }
    for (path, mut edits) in by_file {
        let raw = std::fs::read_to_string(dir.join(&path)).expect("read");
        let (bom, text) = match raw.strip_prefix('\u{feff}') {
            Some(t) => ("\u{feff}", t.to_owned()),
            None => ("", raw.clone()),
        };
        edits.sort();
        let crlf = text.contains("\r\n");
        let mut out = String::from(bom);
        let mut at = 0;
        for (s, e, c) in edits {
            out.push_str(&text[at..s]);
            out.push_str(&if crlf {
                c.replace("\r\n", "\n").replace('\n', "\r\n")
            } else {
                c
            });
            at = e;
        }
        out.push_str(&text[at..]);
        std::fs::write(dir.join(&path), out).expect("write");
    }
    applied
}

/// `--fix` twice (the second changes nothing), every changed byte belongs to a reported safe
/// fix, and `--diff` shows the same change without writing.
fn check_fix_cycle(dir: &Path) {
    let before = snapshot(dir);
    // By hand, from the reports.
    let by_hand = tempfile::tempdir().expect("tmp");
    copy_dir(dir, by_hand.path());
    for _ in 0..10 {
        if apply_reported(by_hand.path()) == 0 {
            break;
        }
    }
    // --diff on another copy: nothing written, the diff is the fix.
    let diffed = tempfile::tempdir().expect("tmp");
    copy_dir(dir, diffed.path());
    let d = bin()
        .current_dir(diffed.path())
        .arg("--diff")
        .output()
        .expect("diff");
    assert_eq!(snapshot(diffed.path()), before, "--diff wrote a file");
    let diff_text = String::from_utf8(d.stdout).expect("utf-8 diff");

    let first = bin()
        .current_dir(dir)
        .args(["--fix", "--output-format", "concise"])
        .output()
        .expect("fix");
    assert_ne!(first.status.code(), Some(2), "{first:?}");
    let after = snapshot(dir);
    assert_eq!(
        after,
        snapshot(by_hand.path()),
        "--fix changed bytes no reported safe fix covers"
    );
    let second = bin()
        .current_dir(dir)
        .args(["--fix", "--output-format", "concise"])
        .output()
        .expect("fix");
    assert_eq!(snapshot(dir), after, "a second --fix changed something");
    assert!(!String::from_utf8_lossy(&second.stdout).contains("Fixed "));

    // The diff, rebuilt from the before and after texts.
    let mut want = String::new();
    for (p, old) in &before {
        let new = &after[p];
        if old != new {
            let shown = p.to_string_lossy().replace('\\', "/");
            let strip = |b: &[u8]| {
                let s = String::from_utf8(b.to_vec()).expect("utf-8");
                s.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(s)
            };
            want.push_str(
                &similar::TextDiff::from_lines(&strip(old), &strip(new))
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{shown}"), &format!("b/{shown}"))
                    .to_string(),
            );
        }
    }
    assert_eq!(diff_text, want, "--diff differs from what --fix wrote");
    assert_eq!(
        d.status.code(),
        Some(if want.is_empty() { 0 } else { 1 }),
        "--diff exit code"
    );
}

#[test]
fn fix_twice_bytes_and_diff_on_our_site() {
    let s = site();
    let before = snapshot(s.path());
    check_fix_cycle(s.path());
    assert_ne!(snapshot(s.path()), before, "the site has fixable mistakes");
    let ko = std::fs::read_to_string(
        s.path()
            .join("_posts/2025-05-01-2025-05-31-monthly-retrospective.md"),
    )
    .expect("read");
    assert!(ko.contains("2025-05-07 (수)"));
    assert!(ko.contains("| 05/13 (화) |"));
    assert!(
        !ko.contains("retro-lint-disable-next-line D005"),
        "the unused suppression is removed"
    );
}

#[test]
fn fix_twice_bytes_and_diff_on_the_samples() {
    let Some(s) = samples() else {
        eprintln!("../shared/samples/blog not here: skipped");
        return;
    };
    check_fix_cycle(s.path());
}

#[test]
fn crlf_bom_and_permissions_are_kept() {
    let s = site();
    let p = s.path().join("_posts/2024-12-30-weekly-retrospective.md");
    let crlf = format!("\u{feff}{}", EN_WEEKLY.replace('\n', "\r\n"));
    std::fs::write(&p, &crlf).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    expect_code(
        s.path(),
        &["--fix", "_posts/2024-12-30-weekly-retrospective.md"],
        0,
    );
    let out = std::fs::read(&p).expect("read");
    assert!(out.starts_with("\u{feff}".as_bytes()), "BOM kept");
    let text = String::from_utf8(out).expect("utf-8");
    let text = &text[3..];
    assert!(text.contains("- Thursday, January 2: shipped the hotfix.\r\n"));
    assert!(!text.contains("weekday-mismatsh"));
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            assert_eq!(text.as_bytes()[i - 1], b'\r', "a bare LF at byte {i}");
        }
    }
    assert_eq!(
        text,
        EN_WEEKLY
            .replace("Friday, January 2", "Thursday, January 2")
            .replace(
                "<!-- retro-lint-disable-next-line weekday-mismatsh -->\n",
                ""
            )
            .replace('\n', "\r\n")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&p).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o640, "permissions kept");
    }
    let names: Vec<_> = std::fs::read_dir(s.path().join("_posts"))
        .expect("ls")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.ends_with(".tmp")),
        "temporary file left: {names:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_is_not_written_through() {
    let s = site();
    let real = s.path().join("_posts/2024-12-30-weekly-retrospective.md");
    let link = s.path().join("link.md");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let out = bin()
        .current_dir(s.path())
        .args(["--fix", "link.md"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"));
    assert_eq!(std::fs::read_to_string(&real).expect("read"), EN_WEEKLY);
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn exit_codes() {
    let s = site();
    let cases: &[(&[&str], i32)] = &[
        (&["_posts/2025-01-06-weekly-retrospective.md"], 0),
        (&[], 1),
        (&["--exit-zero"], 0),
        (&["no-such-file.md"], 2),
        (&["--no-such-flag"], 2),
        (&["--unsafe-fixes"], 2),
        (&["--baseline", "missing.json"], 2),
        (&["-", "_posts"], 2),
    ];
    for (args, code) in cases {
        bin()
            .current_dir(s.path())
            .args(*args)
            .write_stdin("")
            .assert()
            .code(*code);
    }
    // Everything fixable: --fix leaves nothing and exits 0, unless asked to signal the change.
    let en = "_posts/2024-12-30-weekly-retrospective.md";
    expect_code(s.path(), &["--fix", "--exit-non-zero-on-fix", en], 1);
    expect_code(s.path(), &["--fix", "--exit-non-zero-on-fix", en], 0);
}

#[test]
fn show_fixes_statistics_and_output_file() {
    let s = site();
    let out = bin()
        .current_dir(s.path())
        .arg("--statistics")
        .output()
        .expect("run");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("D005\tweekday-mismatch"), "{text}");
    assert!(text.contains("X002\tunknown-rule-in-suppression"), "{text}");
    assert_eq!(out.status.code(), Some(1));

    let out = bin()
        .current_dir(s.path())
        .args(["--output-format", "json", "--output-file", "report.json"])
        .output()
        .expect("run");
    assert!(out.stdout.is_empty());
    let v: Value =
        serde_json::from_slice(&std::fs::read(s.path().join("report.json")).expect("report"))
            .expect("json");
    assert!(!v.as_array().expect("array").is_empty());

    let text = stdout(
        s.path(),
        &["--fix", "--show-fixes", "--output-format", "concise"],
    );
    assert!(
        text.contains("fixed _posts/2024-12-30-weekly-retrospective.md:10:3: D005")
            || text.contains("fixed ./_posts/2024-12-30-weekly-retrospective.md:10:3: D005"),
        "{text}"
    );
}

#[test]
fn stdin_is_linted_as_the_named_file() {
    let s = site();
    let name = "_posts/2024-12-30-weekly-retrospective.md";
    // The text on disk has mistakes; the buffer given on stdin is what counts.
    let buffer = EN_WEEKLY.replace("Friday, January 2", "Thursday, January 2");
    let out = bin()
        .current_dir(s.path())
        .args(["-", "--stdin-filename", name, "--output-format", "json"])
        .write_stdin(buffer.clone())
        .output()
        .expect("run");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let found = v.as_array().expect("array");
    assert_eq!(found.len(), 1, "{v}");
    assert_eq!(found[0]["code"], "X002");
    assert_eq!(found[0]["path"], name);

    // --fix: the fixed text on stdout, the file untouched.
    let out = bin()
        .current_dir(s.path())
        .args(["-", "--stdin-filename", name, "--fix"])
        .write_stdin(EN_WEEKLY)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let fixed = String::from_utf8(out.stdout).expect("utf-8");
    assert!(fixed.contains("- Thursday, January 2"));
    assert!(!fixed.contains("mismatsh"));
    assert_eq!(
        std::fs::read_to_string(s.path().join(name)).expect("read"),
        EN_WEEKLY
    );
    // A buffer for a file not yet saved: the next week (a copy of the same week would
    // rightly be a duplicate URL).
    let next_week = CLEAN
        .replace("2025.01.06 ~ 2025.01.12", "2025.01.13 ~ 2025.01.19")
        .replace("date: 2025-01-12", "date: 2025-01-19")
        .replace("Tue 2025-01-07", "Tue 2025-01-14");
    assert_ne!(next_week, CLEAN);
    bin()
        .current_dir(s.path())
        .args([
            "-",
            "--stdin-filename",
            "_posts/2025-01-13-weekly-retrospective.md",
        ])
        .write_stdin(next_week)
        .assert()
        .code(0);
}

#[test]
fn force_exclude_applies_to_named_files() {
    let s = site();
    std::fs::write(
        s.path().join(".retro-lint.yml"),
        "content_roots: [_posts]\nexclude: [\"_posts/2024-*\"]\n",
    )
    .expect("cfg");
    let name = "_posts/2024-12-30-weekly-retrospective.md";
    bin().current_dir(s.path()).arg(name).assert().code(1);
    expect_code(s.path(), &["--force-exclude", name], 0);
    bin()
        .current_dir(s.path())
        .args(["--force-exclude", "-", "--stdin-filename", name])
        .write_stdin(EN_WEEKLY)
        .assert()
        .code(0);
}

#[test]
fn completions() {
    for shell in ["bash", "zsh", "fish"] {
        let out = bin().args(["completions", shell]).output().expect("run");
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).expect("utf-8");
        assert!(text.contains("retro-lint") && text.contains("output-format"));
    }
}

#[test]
fn baseline_hides_known_findings_and_shows_new_ones() {
    let s = site();
    expect_code(
        s.path(),
        &["--write-baseline", "retro-lint-baseline.json"],
        0,
    );
    expect_code(s.path(), &["--baseline", "retro-lint-baseline.json"], 0);
    // Editing elsewhere (lines above move) does not bring old findings back.
    let p = s
        .path()
        .join("_posts/2025-05-01-2025-05-31-monthly-retrospective.md");
    let text = std::fs::read_to_string(&p).expect("read");
    let moved = text.replace("## 개요\n", "## 개요\n\n새 문단입니다.\n\n두 번째 문단.\n");
    std::fs::write(&p, &moved).expect("write");
    expect_code(s.path(), &["--baseline", "retro-lint-baseline.json"], 0);
    // One new mistake: exactly one finding.
    std::fs::write(&p, moved.replace("| 05/12 (월) |", "| 05/12 (일) |")).expect("write");
    let (v, code) = run_json(
        s.path(),
        "json",
        &["--baseline", "retro-lint-baseline.json"],
    );
    assert_eq!(code, 1);
    let found = v.as_array().expect("array");
    assert_eq!(found.len(), 1, "{v}");
    assert_eq!(found[0]["code"], "D005");
    assert_eq!(found[0]["text"], "일");
}

#[test]
fn baseline_on_the_samples() {
    let Some(s) = samples() else {
        return;
    };
    expect_code(s.path(), &["--write-baseline", "b.json"], 0);
    expect_code(s.path(), &["--baseline", "b.json"], 0);
    // One new mistake in a post: a weekday that contradicts its date.
    let post = first_post(s.path());
    let mut text = std::fs::read_to_string(&post).expect("read");
    text.push_str("\n- 2025-05-07 (월): 배포\n");
    std::fs::write(&post, text).expect("write");
    let (v, code) = run_json(s.path(), "json", &["--baseline", "b.json"]);
    assert_eq!(code, 1);
    assert_eq!(v.as_array().expect("array").len(), 1, "{v}");
}

/// What a run prints on standard output.
fn stdout(dir: &Path, args: &[&str]) -> String {
    let out = bin().current_dir(dir).args(args).output().expect("run");
    String::from_utf8(out.stdout).expect("utf-8")
}

fn expect_code(dir: &Path, args: &[&str], code: i32) {
    bin().current_dir(dir).args(args).assert().code(code);
}

fn first_post(dir: &Path) -> PathBuf {
    let mut all: Vec<PathBuf> = snapshot(dir)
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.to_string_lossy().contains("monthly"))
        .collect();
    all.sort();
    dir.join(all.first().expect("a monthly post"))
}

// ---- GitLab Code Quality ----

/// The field rules of GitLab's Code Quality report.
fn check_gitlab(v: &Value) {
    let arr = v.as_array().expect("the report is one JSON array");
    let mut prints = HashSet::new();
    for i in arr {
        let desc = i["description"].as_str().expect("description");
        let check = i["check_name"].as_str().expect("check_name");
        assert!(!check.is_empty());
        assert!(
            desc.contains(check.split('/').next().expect("code")),
            "the description has the code: {desc}"
        );
        let fp = i["fingerprint"].as_str().expect("fingerprint");
        assert!(prints.insert(fp.to_owned()), "fingerprint not unique: {fp}");
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().expect("severity")),
            "severity"
        );
        let path = i["location"]["path"].as_str().expect("location.path");
        assert!(
            !path.starts_with('/') && !path.starts_with("./"),
            "relative path: {path}"
        );
        let line = i["location"]["positions"]["begin"]["line"]
            .as_u64()
            .or_else(|| i["location"]["lines"]["begin"].as_u64())
            .expect("location.positions.begin.line or location.lines.begin");
        assert!(line >= 1);
    }
}

fn gitlab_bytes(dir: &Path, cwd: &Path, project_dir: Option<&Path>) -> Vec<u8> {
    let mut c = bin();
    c.current_dir(cwd).args(["--output-format", "gitlab"]);
    if let Some(p) = project_dir {
        c.env("CI_PROJECT_DIR", p);
    }
    let _ = dir;
    c.output().expect("run").stdout
}

#[test]
fn gitlab_report_follows_the_field_rules() {
    let s = site();
    let bytes = gitlab_bytes(s.path(), s.path(), None);
    assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM");
    let v: Value = serde_json::from_slice(&bytes).expect("UTF-8 JSON");
    check_gitlab(&v);
    assert!(v.as_array().expect("array").len() >= 4);
    // Paths are relative to CI_PROJECT_DIR, wherever the job runs.
    let posts = s.path().join("_posts");
    let v: Value =
        serde_json::from_slice(&gitlab_bytes(s.path(), &posts, Some(s.path()))).expect("json");
    check_gitlab(&v);
    for i in v.as_array().expect("array") {
        assert!(
            i["location"]["path"]
                .as_str()
                .expect("path")
                .starts_with("_posts/"),
            "{i}"
        );
    }
    // A CI_PROJECT_DIR that is not where the job runs (local runners): the working folder.
    let v: Value = serde_json::from_slice(&gitlab_bytes(
        s.path(),
        s.path(),
        Some(Path::new("/builds/group/project")),
    ))
    .expect("json");
    check_gitlab(&v);
    assert!(v.as_array().expect("array").iter().all(|i| {
        i["location"]["path"]
            .as_str()
            .expect("p")
            .starts_with("_posts/")
    }));
    if let Some(s) = samples() {
        let v: Value =
            serde_json::from_slice(&gitlab_bytes(s.path(), s.path(), None)).expect("json");
        check_gitlab(&v);
    }
}

#[test]
fn gitlab_fingerprints_survive_moved_lines() {
    let s = site();
    let prints = |dir: &Path| -> BTreeMap<String, String> {
        let v: Value = serde_json::from_slice(&gitlab_bytes(dir, dir, None)).expect("json");
        v.as_array()
            .expect("array")
            .iter()
            .map(|i| {
                (
                    i["fingerprint"].as_str().expect("fp").to_owned(),
                    i["description"].as_str().expect("d").to_owned(),
                )
            })
            .collect()
    };
    let before = prints(s.path());
    // Move a paragraph: the English post's first paragraph goes above the heading, and a
    // new paragraph is added to the Korean post.
    let en = s.path().join("_posts/2024-12-30-weekly-retrospective.md");
    let t = std::fs::read_to_string(&en).expect("read");
    let moved = t.replace(
        "## Highlights\n\nPlans for the week were set on Monday.\n",
        "Plans for the week were set on Monday.\n\n\n## Highlights\n",
    );
    assert_ne!(moved, t);
    std::fs::write(&en, moved).expect("write");
    let ko = s
        .path()
        .join("_posts/2025-05-01-2025-05-31-monthly-retrospective.md");
    let t = std::fs::read_to_string(&ko).expect("read");
    std::fs::write(&ko, t.replace("## 개요\n", "## 개요\n\n한 줄 더.\n")).expect("write");
    let after = prints(s.path());
    assert_eq!(before, after, "fingerprints changed when lines moved");
}

// ---- SARIF ----

fn check_sarif(v: &Value) {
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().expect("$schema").contains("sarif"));
    let runs = v["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "retro-lint");
    let rules = driver["rules"].as_array().expect("rules");
    let mut ids = Vec::new();
    for r in rules {
        let id = r["id"].as_str().expect("rule id");
        assert!(
            !r["shortDescription"]["text"]
                .as_str()
                .expect("short")
                .is_empty()
        );
        assert!(r["help"]["text"].as_str().expect("help").contains("## Why"));
        assert!(
            ["none", "note", "warning", "error"]
                .contains(&r["defaultConfiguration"]["level"].as_str().expect("lvl"))
        );
        ids.push(id.to_owned());
    }
    for res in run["results"].as_array().expect("results") {
        let id = res["ruleId"].as_str().expect("ruleId");
        let idx = res["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(ids[idx], id, "ruleIndex points at ruleId");
        assert!(["none", "note", "warning", "error"].contains(&res["level"].as_str().expect("l")));
        assert!(!res["message"]["text"].as_str().expect("message").is_empty());
        let locs = res["locations"].as_array().expect("locations");
        assert_eq!(locs.len(), 1);
        check_location(&locs[0], true);
        if let Some(rel) = res.get("relatedLocations") {
            let mut seen = HashSet::new();
            for l in rel.as_array().expect("related") {
                assert!(
                    seen.insert(l["id"].as_u64().expect("id")),
                    "related ids unique"
                );
                assert!(l["message"]["text"].is_string());
                check_location(l, false);
            }
        }
        if let Some(fixes) = res.get("fixes") {
            for f in fixes.as_array().expect("fixes") {
                assert!(f["description"]["text"].is_string());
                for ch in f["artifactChanges"].as_array().expect("changes") {
                    check_uri(ch["artifactLocation"]["uri"].as_str().expect("uri"));
                    for r in ch["replacements"].as_array().expect("replacements") {
                        check_region(&r["deletedRegion"], true);
                        assert!(r["insertedContent"]["text"].is_string());
                    }
                }
            }
        }
    }
}

fn check_uri(u: &str) {
    assert!(!u.is_empty());
    assert!(
        u.bytes()
            .all(|b| b.is_ascii_graphic() && b != b'\\' && b != b' '),
        "not a URI reference: {u}"
    );
}

fn check_location(l: &Value, full: bool) {
    let pl = &l["physicalLocation"];
    check_uri(pl["artifactLocation"]["uri"].as_str().expect("uri"));
    check_region(&pl["region"], full);
}

fn check_region(r: &Value, full: bool) {
    let sl = r["startLine"].as_u64().expect("startLine");
    let sc = r["startColumn"].as_u64().expect("startColumn");
    assert!(sl >= 1 && sc >= 1);
    if full {
        let el = r["endLine"].as_u64().expect("endLine");
        let ec = r["endColumn"].as_u64().expect("endColumn");
        assert!(
            el > sl || (el == sl && ec >= sc),
            "region ends before it starts"
        );
    }
}

#[test]
fn sarif_follows_the_field_rules() {
    let s = site();
    // A Hangul file name must come out percent-encoded.
    std::fs::write(s.path().join("_posts/회고 메모.md"), EN_WEEKLY).expect("write");
    let (v, _) = run_json(s.path(), "sarif", &[]);
    check_sarif(&v);
    let results = v["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri")
            .contains("%ED%9A%8C%EA%B3%A0%20")
    }));
    assert!(
        results.iter().any(|r| r.get("relatedLocations").is_some()),
        "labels become related locations"
    );
    assert!(results.iter().any(|r| r.get("fixes").is_some()));
    if let Some(s) = samples() {
        let (v, _) = run_json(s.path(), "sarif", &[]);
        check_sarif(&v);
    }
}

// ---- JUnit ----

fn check_junit(xml: &str) -> usize {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let mut names = HashSet::new();
    let mut failures = 0;
    for suite in root.children().filter(|n| n.is_element()) {
        assert_eq!(suite.tag_name().name(), "testsuite");
        assert!(suite.attribute("name").is_some());
        let cases: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
        assert_eq!(
            suite.attribute("tests").and_then(|t| t.parse().ok()),
            Some(cases.len())
        );
        for case in cases {
            assert_eq!(case.tag_name().name(), "testcase");
            let name = case.attribute("name").expect("name");
            let class = case.attribute("classname").expect("classname");
            assert!(case.attribute("file").is_some(), "file attribute");
            assert!(
                names.insert((class.to_owned(), name.to_owned())),
                "duplicate test case {class} {name}"
            );
            for f in case.children().filter(|n| n.is_element()) {
                assert_eq!(f.tag_name().name(), "failure");
                assert!(f.attribute("message").is_some());
                failures += 1;
            }
        }
    }
    assert_eq!(
        root.attribute("failures").and_then(|t| t.parse().ok()),
        Some(failures)
    );
    failures
}

#[test]
fn junit_is_valid_xml_with_unique_cases() {
    let s = site();
    // Characters XML must escape, and a control character XML 1.0 cannot hold at all.
    std::fs::write(
        s.path().join("_posts/2025-01-13-weekly-retrospective.md"),
        "---\ntitle: \"Weekly retrospective (2025.01.13 ~ 2025.01.19)\"\ndate: 2025-01-19\n---\n## Notes\n\n<!-- retro-lint-disable-next-line a&b<\"c'>\u{1b}[31m -->\n- Tue 2025-01-14: ok.\n<!-- retro-lint-disable-next-line a&b<\"c'>\u{1b}[31m -->\n- Tue 2025-01-14: ok.\n",
    )
    .expect("write");
    let xml = stdout(s.path(), &["--output-format", "junit"]);
    let n = check_junit(&xml);
    assert!(n >= 5, "{xml}");
    assert!(
        xml.contains("a&amp;b&lt;&quot;c&apos;&gt;\\u{1b}[31m"),
        "{xml}"
    );
    if let Some(s) = samples() {
        check_junit(&stdout(s.path(), &["--output-format", "junit"]));
    }
}

#[test]
fn github_annotations_and_json_lines() {
    let s = site();
    let text = stdout(s.path(), &["--output-format", "github"]);
    for line in text.lines() {
        assert!(line.starts_with("::error ") || line.starts_with("::warning "));
        assert!(line.contains(",file=_posts/") && line.contains(",line="));
    }
    // More than GitHub shows: a closing notice says so.
    for i in 0..12 {
        std::fs::write(
            s.path()
                .join(format!("_posts/2025-02-{:02}-note.md", i + 1)),
            "---\ntitle: note\n---\n<!-- retro-lint-disable-next-line nope -->\ntext\n",
        )
        .expect("write");
    }
    let text = stdout(s.path(), &["--output-format", "github"]);
    assert!(
        text.lines()
            .last()
            .expect("line")
            .starts_with("::notice title=retro-lint::"),
        "{text}"
    );

    let out = bin()
        .current_dir(s.path())
        .args(["--output-format", "json-lines"])
        .output()
        .expect("run");
    for line in String::from_utf8(out.stdout).expect("utf-8").lines() {
        let v: Value = serde_json::from_str(line).expect("one object a line");
        assert!(v["code"].is_string() && v["line"].is_u64());
    }
}

// ---- Property: no byte outside an edit changes ----

fn weekday_line() -> impl Strategy<Value = String> {
    let ko = ["월", "화", "수", "목", "금", "토", "일"];
    let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    (1u32..=28, 0usize..7, any::<bool>(), 0usize..3).prop_map(move |(d, w, korean, style)| {
        match (korean, style) {
            (true, 0) => format!("- 2025-02-{d:02} ({}): 배포", ko[w]),
            (true, 1) => format!("| 02/{d:02} ({}) | 핫픽스 |", ko[w]),
            (true, _) => format!("2월 {d}일({})에 회고했습니다.", ko[w]),
            (false, 0) => format!("- {} 2025-02-{d:02}: shipped", en[w]),
            (false, _) => format!("Met on {} 2025-02-{d:02} to plan.", en[w]),
        }
    })
}

fn other_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("## 회고".to_owned()),
        Just("이번 달은 🏗️ 인프라 작업이 많았습니다.".to_owned()),
        Just("| 날짜 | 내용 |".to_owned()),
        Just("|------|------|".to_owned()),
        Just("<!-- retro-lint-disable-next-line weekday-mismatch -->".to_owned()),
        Just("<!-- retro-lint-disable-next-line D005, nope 이유 -->".to_owned()),
        Just("<!-- retro-lint-disable D005 -->".to_owned()),
        Just("<!-- retro-lint-enable D005 -->".to_owned()),
        Just("<!-- retro-lint-disable-next-line -->".to_owned()),
        Just("text <!-- retro-lint-disable-next-line all --> more".to_owned()),
        Just("```\n- 2025-02-03 (일): code\n```".to_owned()),
    ]
}

fn post_strategy() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop_oneof![weekday_line(), other_line()], 0..25),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lines, crlf, final_nl)| {
            let mut t = String::from(
                "---\ntitle: \"월간 회고록 (2025.02.01 ~ 2025.02.28)\"\ndate: \"2025-02-28\"\n---\n",
            );
            t.push_str(&lines.join("\n"));
            if final_nl {
                t.push('\n');
            }
            if crlf { t.replace('\n', "\r\n") } else { t }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn no_byte_outside_an_edit_changes(text in post_strategy()) {
        let path = Path::new("_posts/2025-02-01-2025-02-28-monthly-retrospective.md");
        let config = Config::default();
        let mut current = text.clone();
        for _round in 0..retro_lint::fix::MAX_ROUNDS {
            let diags = lint_text(path, &current, &config);
            let (next, fixed) = apply(&current, &diags, Mode::Safe);
            if fixed.is_empty() {
                break;
            }
            // The edits applied, in order, never overlapping, all from safe fixes.
            let mut edits: Vec<_> = fixed
                .iter()
                .flat_map(|d| {
                    let f = d.fix.as_ref().expect("a fixed finding has a fix");
                    prop_assert_eq!(f.applicability, Applicability::Safe);
                    Ok(f.edits.iter())
                })
                .flatten()
                .collect();
            edits.sort_by_key(|e| (e.span.start, e.span.end));
            for w in edits.windows(2) {
                prop_assert!(w[0].span.end <= w[1].span.start, "edits overlap");
            }
            // Walk both texts: outside the edits every byte is the same.
            let (old, new) = (current.as_bytes(), next.as_bytes());
            let (mut i, mut j) = (0, 0);
            for e in &edits {
                prop_assert_eq!(&old[i..e.span.start], &new[j..j + e.span.start - i]);
                j += e.span.start - i;
                let content = if current.contains("\r\n") {
                    e.content.replace("\r\n", "\n").replace('\n', "\r\n")
                } else {
                    e.content.clone()
                };
                prop_assert_eq!(&new[j..j + content.len()], content.as_bytes());
                j += content.len();
                i = e.span.end;
            }
            prop_assert_eq!(&old[i..], &new[j..]);
            if current.contains("\r\n") && !current.replace("\r\n", "").contains('\n') {
                prop_assert!(!next.replace("\r\n", "").contains('\n'), "CRLF kept");
            }
            current = next;
        }
        // A fixpoint: nothing fixable is left.
        let diags = lint_text(path, &current, &config);
        let (again, fixed) = apply(&current, &diags, Mode::Safe);
        prop_assert!(fixed.is_empty(), "still fixable after the rounds: {:?}", fixed);
        prop_assert_eq!(again, current);
    }
}
