//! The fixture harness. Each fixture is a post (or a site folder) written by us, with the
//! expected findings in one `<!-- expect ... -->` block at the very end:
//!
//! ```text
//! <!-- expect
//! sum-mismatch 24:9 "712"
//! permalink-pattern 5
//! -->
//! ```
//!
//! Code or name, 1-based line, optional character column, optional text the message
//! contains (English or Korean). No block means no findings. Expectations and findings are
//! compared in both directions. `NAME.fixed.md` beside a fixture is the expected result of
//! applying the safe fixes, `NAME.unsafe-fixed.md` of applying the safe and unsafe fixes
//! (`--fix --unsafe-fixes`); a second round must change nothing.

use retro_lint::config::Config;
use retro_lint::diagnostic::Diagnostic;
use retro_lint::fix::{Mode, fix_to_fixpoint};
use retro_lint::output::position;
use retro_lint::source::SourceFile;
use retro_lint::{LintOptions, lint_bytes, lint_paths, lint_text};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
struct Expect {
    rule: String,
    line: usize,
    column: Option<usize>,
    text: Option<String>,
}

/// Split a fixture into the post text and its expectations.
fn split(content: &str) -> (String, Vec<Expect>) {
    let Some(at) = content.rfind("<!-- expect") else {
        return (content.to_owned(), Vec::new());
    };
    let block = &content[at..];
    assert!(
        block.trim_end().ends_with("-->"),
        "the expect block must close the file"
    );
    let mut exp = Vec::new();
    for line in block.lines().skip(1) {
        let line = line.trim();
        if line == "-->" || line.is_empty() {
            continue;
        }
        let (head, text) = match line.find('"') {
            Some(q) => (
                &line[..q],
                Some(line[q + 1..].trim_end_matches('"').to_owned()),
            ),
            None => (line, None),
        };
        let mut parts = head.split_whitespace();
        let rule = parts.next().expect("rule").to_owned();
        let pos = parts.next().expect("line");
        let (l, c) = match pos.split_once(':') {
            Some((l, c)) => (l.parse().expect("line"), Some(c.parse().expect("column"))),
            None => (pos.parse().expect("line"), None),
        };
        exp.push(Expect {
            rule,
            line: l,
            column: c,
            text,
        });
    }
    (content[..at].to_owned(), exp)
}

struct Found {
    code: String,
    name: String,
    line: usize,
    column: usize,
    en: String,
    ko: String,
}

fn found(src: &SourceFile, d: &Diagnostic) -> Found {
    let p = position(src, d.span);
    Found {
        code: d.code.to_owned(),
        name: d.name.to_owned(),
        line: p.line,
        column: p.column,
        en: d.message.en.clone(),
        ko: d.message.ko.clone(),
    }
}

fn matches(e: &Expect, f: &Found) -> bool {
    (e.rule == f.code || e.rule == f.name)
        && e.line == f.line
        && e.column.is_none_or(|c| c == f.column)
        && e.text
            .as_ref()
            .is_none_or(|t| f.en.contains(t.as_str()) || f.ko.contains(t.as_str()))
}

/// Compare both ways; returns a description of every difference.
fn compare(name: &str, expected: &[Expect], found: &[Found]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut used = vec![false; found.len()];
    for e in expected {
        match (0..found.len()).find(|&i| !used[i] && matches(e, &found[i])) {
            Some(i) => used[i] = true,
            None => problems.push(format!(
                "{name}: expected {} {}{} {:?} was not reported",
                e.rule,
                e.line,
                e.column.map(|c| format!(":{c}")).unwrap_or_default(),
                e.text.as_deref().unwrap_or("")
            )),
        }
    }
    for (f, u) in found.iter().zip(used) {
        if !u {
            problems.push(format!(
                "{name}: unexpected {} [{}] {}:{} {}",
                f.code, f.name, f.line, f.column, f.en
            ));
        }
    }
    problems
}

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn is_post(p: &Path) -> bool {
    let name = p.to_string_lossy();
    p.extension().is_some_and(|e| e == "md")
        && !name.ends_with(".fixed.md")
        && !name.ends_with(".unsafe-fixed.md")
}

fn single_file_config(dir: &Path) -> Config {
    let c = dir.join(".retro-lint.yml");
    if c.is_file() {
        Config::load(&c).expect("fixture config")
    } else {
        Config::default()
    }
}

fn check_file(path: &Path, problems: &mut Vec<String>) {
    let rel = path.strip_prefix(fixture_root()).unwrap_or(path);
    let name = rel.display().to_string();
    let bytes = std::fs::read(path).expect("read fixture");
    let config = single_file_config(path.parent().expect("parent"));
    let Ok(content) = String::from_utf8(bytes.clone()) else {
        // Not text: the expect block is ASCII at the end of the bytes.
        let at = bytes
            .windows(11)
            .rposition(|w| w == b"<!-- expect")
            .unwrap_or(bytes.len());
        let (_, expected) = split(&String::from_utf8_lossy(&bytes[at..]));
        let diags = lint_bytes(rel, bytes[..at].to_vec(), &config);
        let src = SourceFile::new(String::new());
        let f: Vec<Found> = diags.iter().map(|d| found(&src, d)).collect();
        problems.extend(compare(&name, &expected, &f));
        return;
    };
    let (text, expected) = split(&content);
    let diags = lint_text(rel, &text, &config);
    let src = SourceFile::new(text.clone());
    let f: Vec<Found> = diags.iter().map(|d| found(&src, d)).collect();
    problems.extend(compare(&name, &expected, &f));

    for (ext, mode, flags) in [
        ("fixed.md", Mode::Safe, "--fix"),
        ("unsafe-fixed.md", Mode::Unsafe, "--fix --unsafe-fixes"),
    ] {
        let fixed_path = path.with_extension(ext);
        if !fixed_path.is_file() {
            continue;
        }
        let want = std::fs::read_to_string(&fixed_path).expect("read fixed");
        let lint = |t: &str| lint_text(rel, t, &config);
        let (got, n) = fix_to_fixpoint(&text, mode, lint);
        if got != want {
            problems.push(format!(
                "{name}: {flags} result differs from {}:\n{}",
                fixed_path.display(),
                similar::TextDiff::from_lines(&want, &got).unified_diff()
            ));
        }
        if n == 0 {
            problems.push(format!("{name}: has a .{ext} but no fix applied"));
        }
        let (again, m) = fix_to_fixpoint(&got, mode, |t: &str| lint_text(rel, t, &config));
        if again != got || m != 0 {
            problems.push(format!("{name}: a second {flags} changed the text"));
        }
    }
}

fn copy_stripped(from: &Path, to: &Path, expectations: &mut Vec<(PathBuf, Vec<Expect>)>) {
    std::fs::create_dir_all(to).expect("mkdir");
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        let dest = to.join(p.file_name().expect("name"));
        if p.is_dir() {
            copy_stripped(&p, &dest, expectations);
        } else if is_post(&p) {
            let (text, exp) = split(&std::fs::read_to_string(&p).expect("read"));
            std::fs::write(&dest, text).expect("write");
            expectations.push((dest, exp));
        } else {
            std::fs::copy(&p, &dest).expect("copy");
        }
    }
}

fn check_site(dir: &Path, problems: &mut Vec<String>) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join(dir.file_name().expect("name"));
    let mut expectations = Vec::new();
    copy_stripped(dir, &root, &mut expectations);
    let cfg_path = root.join(".retro-lint.yml");
    if !cfg_path.exists() {
        std::fs::write(&cfg_path, "").expect("config");
    }
    let config = Config::load(&cfg_path).expect("site config");
    let report = lint_paths(
        std::slice::from_ref(&root),
        &config,
        &LintOptions::default(),
    )
    .expect("lint site");
    for (path, exp) in expectations {
        let name = format!(
            "{}/{}",
            dir.strip_prefix(fixture_root()).unwrap_or(dir).display(),
            path.strip_prefix(&root).unwrap_or(&path).display()
        );
        let file = report.files.iter().find(|f| f.post.path == path);
        let f: Vec<Found> = file
            .map(|f| {
                f.diagnostics
                    .iter()
                    .map(|d| found(&f.post.source, d))
                    .collect()
            })
            .unwrap_or_default();
        problems.extend(compare(&name, &exp, &f));
    }
}

#[test]
fn fixtures() {
    let mut problems = Vec::new();
    let mut count = 0;
    let mut rules: Vec<_> = std::fs::read_dir(fixture_root())
        .expect("fixtures/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    rules.sort();
    for rule_dir in rules {
        let mut entries: Vec<_> = std::fs::read_dir(&rule_dir)
            .expect("rule dir")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                check_site(&p, &mut problems);
                count += 1;
            } else if is_post(&p) {
                check_file(&p, &mut problems);
                count += 1;
            }
        }
    }
    assert!(count > 0, "no fixtures found");
    assert!(
        problems.is_empty(),
        "{} fixture problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn expect_blocks_parse() {
    let (text, e) = split("# t\n<!-- expect\nsum-mismatch 24:9 \"712\"\nD005 3\n-->\n");
    assert_eq!(text, "# t\n");
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].column, Some(9));
    assert_eq!(e[0].text.as_deref(), Some("712"));
    assert_eq!(e[1].line, 3);
}
