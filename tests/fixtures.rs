//! The fixture harness: one trial per fixture, named after it (`sum-mismatch/x.md`, or
//! `broken-internal-link/en-jekyll-links/` for a site), so `cargo test --test fixtures --
//! sum-mismatch` runs one rule's fixtures and each failure is reported on its own.
//!
//! Each fixture is a post (or a site folder) written by us, with the expected findings in one
//! `<!-- expect ... -->` block at the very end:
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
//!
//! Every fixture also has a snapshot of its whole output, `tests/snapshots/fixtures/
//! RULE__NAME.snap`: the full report (code frames, labels, help, fixes; English, no colour)
//! and the JSON report. Review changed ones with `cargo insta review`, or rewrite them all
//! with `INSTA_UPDATE=always cargo test --test fixtures`. With `CI=true` a missing or
//! different snapshot fails its trial and nothing is written.

use libtest_mimic::{Arguments, Failed, Trial};
use retro_lint::config::Config;
use retro_lint::diagnostic::{Diagnostic, Lang};
use retro_lint::fix::{Mode, fix_to_fixpoint};
use retro_lint::output::{self, Format, Settings, position};
use retro_lint::post::Post;
use retro_lint::source::SourceFile;
use retro_lint::{FileReport, LintOptions, Report, lint_bytes, lint_paths, lint_text};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
struct Expect {
    rule: String,
    line: usize,
    column: Option<usize>,
    text: Option<String>,
}

/// Split a fixture into the post text and its expectations.
fn split(content: &str) -> Result<(String, Vec<Expect>), String> {
    let Some(at) = content.rfind("<!-- expect") else {
        return Ok((content.to_owned(), Vec::new()));
    };
    let block = &content[at..];
    if !block.trim_end().ends_with("-->") {
        return Err("the expect block must close the file".into());
    }
    let mut exp = Vec::new();
    for line in block.lines().skip(1) {
        let line = line.trim();
        if line == "-->" || line.is_empty() {
            continue;
        }
        let bad = |what: &str| format!("expect line `{line}`: {what}");
        let (head, text) = match line.find('"') {
            Some(q) => (
                &line[..q],
                Some(line[q + 1..].trim_end_matches('"').to_owned()),
            ),
            None => (line, None),
        };
        let mut parts = head.split_whitespace();
        let rule = parts.next().ok_or_else(|| bad("no rule"))?.to_owned();
        let pos = parts.next().ok_or_else(|| bad("no line"))?;
        let number = |s: &str| s.parse::<usize>().map_err(|_| bad("bad line or column"));
        let (l, c) = match pos.split_once(':') {
            Some((l, c)) => (number(l)?, Some(number(c)?)),
            None => (number(pos)?, None),
        };
        exp.push(Expect {
            rule,
            line: l,
            column: c,
            text,
        });
    }
    Ok((content[..at].to_owned(), exp))
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

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_root() -> PathBuf {
    manifest_dir().join("fixtures")
}

fn is_post(p: &Path) -> bool {
    let name = p.to_string_lossy();
    p.extension().is_some_and(|e| e == "md")
        && !name.ends_with(".fixed.md")
        && !name.ends_with(".unsafe-fixed.md")
}

fn single_file_config(dir: &Path) -> Result<Config, String> {
    let c = dir.join(".retro-lint.yml");
    if c.is_file() {
        Config::load(&c).map_err(|e| format!("{}: {e}", c.display()))
    } else {
        Ok(Config::default())
    }
}

fn read(p: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

/// The report of one post linted alone, as the CLI would print it for that file.
fn single_report(path: &Path, bytes: Vec<u8>, config: &Config, diags: Vec<Diagnostic>) -> Report {
    let max = config
        .max_file_size
        .unwrap_or(retro_lint::DEFAULT_MAX_FILE_SIZE);
    // A file over the size limit is not read: its findings point at an empty text.
    let bytes = if bytes.len() as u64 > max {
        Vec::new()
    } else {
        bytes
    };
    let post = Post::from_bytes_limited(path.to_path_buf(), bytes, config.max_elements());
    Report {
        files: vec![FileReport {
            post,
            diagnostics: diags,
        }],
        ..Report::default()
    }
}

/// A post fixture, linted at `fixtures/RULE/NAME.md` (relative, so the output is the same on
/// every machine). Returns the problems and the report to snapshot.
fn check_file(path: &Path) -> Result<(Vec<String>, Report), String> {
    let rel = path
        .strip_prefix(manifest_dir())
        .map_err(|_| "fixture outside the crate".to_owned())?;
    let name = rel.display().to_string();
    let bytes = read(path)?;
    let config = single_file_config(path.parent().ok_or("no parent")?)?;
    let mut problems = Vec::new();
    let Ok(content) = String::from_utf8(bytes.clone()) else {
        // Not text: the expect block is ASCII at the end of the bytes.
        let at = bytes
            .windows(11)
            .rposition(|w| w == b"<!-- expect")
            .unwrap_or(bytes.len());
        let (_, expected) = split(&String::from_utf8_lossy(&bytes[at..]))?;
        let post_bytes = bytes[..at].to_vec();
        let diags = lint_bytes(rel, post_bytes.clone(), &config);
        let src = SourceFile::new(String::new());
        let f: Vec<Found> = diags.iter().map(|d| found(&src, d)).collect();
        problems.extend(compare(&name, &expected, &f));
        return Ok((problems, single_report(rel, post_bytes, &config, diags)));
    };
    let (text, expected) = split(&content)?;
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
        let want = std::fs::read_to_string(&fixed_path)
            .map_err(|e| format!("{}: {e}", fixed_path.display()))?;
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
    let report = single_report(rel, text.into_bytes(), &config, diags);
    Ok((problems, report))
}

type Expectations = Vec<(PathBuf, Vec<Expect>)>;

fn copy_stripped(from: &Path, to: &Path, expectations: &mut Expectations) -> Result<(), String> {
    let io = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    std::fs::create_dir_all(to).map_err(|e| io(to, e))?;
    let mut entries = Vec::new();
    for e in std::fs::read_dir(from).map_err(|e| io(from, e))? {
        entries.push(e.map_err(|e| io(from, e))?.path());
    }
    entries.sort();
    for p in entries {
        let dest = to.join(p.file_name().ok_or("no file name")?);
        if p.is_dir() {
            copy_stripped(&p, &dest, expectations)?;
        } else if is_post(&p) {
            let text = std::fs::read_to_string(&p).map_err(|e| io(&p, e))?;
            let (text, exp) = split(&text).map_err(|e| format!("{}: {e}", p.display()))?;
            std::fs::write(&dest, text).map_err(|e| io(&dest, e))?;
            expectations.push((dest, exp));
        } else {
            std::fs::copy(&p, &dest).map_err(|e| io(&p, e))?;
        }
    }
    Ok(())
}

/// A site fixture, copied without its expect blocks to a temporary folder and linted whole.
/// Returns the problems, the report, and the temporary folder (whose path the snapshot
/// replaces with `fixtures/RULE/`).
fn check_site(dir: &Path) -> Result<(Vec<String>, Report, tempfile::TempDir), String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let root = tmp.path().join(dir.file_name().ok_or("no name")?);
    let mut expectations = Vec::new();
    copy_stripped(dir, &root, &mut expectations)?;
    let cfg_path = root.join(".retro-lint.yml");
    if !cfg_path.exists() {
        std::fs::write(&cfg_path, "").map_err(|e| e.to_string())?;
    }
    let config = Config::load(&cfg_path).map_err(|e| format!("site config: {e}"))?;
    let report = lint_paths(
        std::slice::from_ref(&root),
        &config,
        &LintOptions::default(),
    )
    .map_err(|e| format!("lint site: {e}"))?;
    let mut problems = Vec::new();
    let rel_dir = dir.strip_prefix(fixture_root()).unwrap_or(dir);
    for (path, exp) in expectations {
        let name = format!(
            "{}/{}",
            rel_dir.display(),
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
    Ok((problems, report, tmp))
}

/// The whole output of a report: the full format (English, no colour) and the JSON format.
fn render(report: &Report) -> Result<String, String> {
    let settings = Settings {
        lang: Lang::En,
        color: false,
        quiet: false,
    };
    let mut out = String::new();
    for (title, format) in [("full", Format::Full), ("json", Format::Json)] {
        let mut buf = Vec::new();
        output::write(report, format, &settings, &mut buf).map_err(|e| e.to_string())?;
        let text = String::from_utf8(buf).map_err(|e| format!("{title} output: {e}"))?;
        out.push_str(&format!("===== {title} =====\n{text}"));
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    Ok(out)
}

/// The snapshot's name: the fixture's path under `fixtures/` with `/` as `__` and without
/// `.md` (`sum-mismatch__total-row-ko`, `broken-internal-link__en-jekyll-links`).
fn snapshot_name(rel: &str) -> String {
    rel.trim_end_matches('/')
        .trim_end_matches(".md")
        .replace('/', "__")
}

/// Compare `output` with the fixture's committed snapshot; a difference is a problem (insta
/// prints the diff and, outside CI, writes `.snap.new` for `cargo insta review`).
fn check_snapshot(rel: &str, output: &str) -> Option<String> {
    let name = snapshot_name(rel);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/fixtures");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_input_file(Path::new("fixtures").join(rel.trim_end_matches('/')));
    settings.set_description(format!(
        "retro-lint --output-format full and json on fixtures/{rel}"
    ));
    settings.set_omit_expression(true);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        settings.bind(|| insta::assert_snapshot!(name.as_str(), output));
    }));
    result.err().map(|_| {
        let file = manifest_dir()
            .join("tests/snapshots/fixtures")
            .join(format!("{name}.snap"));
        format!(
            "{rel}: the output does not match tests/snapshots/fixtures/{name}.snap; review with \
             `cargo insta review`, or rewrite with \
             `INSTA_UPDATE=always cargo test --test fixtures -- {rel}`\n{}",
            snapshot_diff(&file, output)
        )
    })
}

/// What differs between a snapshot file and the output, for the trial's own message (insta's
/// diff, printed as the trials run, may be mixed with other trials' lines).
fn snapshot_diff(file: &Path, output: &str) -> String {
    let Ok(old) = std::fs::read_to_string(file) else {
        return "(no snapshot yet)".into();
    };
    // The file is a `---` header, then the snapshot.
    let body = old.splitn(3, "---\n").nth(2).unwrap_or(&old);
    let (old, new) = (body.trim_end(), output.trim_end());
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header("snapshot", "output")
        .to_string()
}

fn run_fixture(path: &Path, rel: &str) -> Result<(), Failed> {
    let (mut problems, output) = if path.is_dir() {
        let (problems, report, tmp) = check_site(path)?;
        let output = render(&report)?;
        // The site was linted in a temporary folder: show its files where they live here.
        let tmp_path = tmp.path().display().to_string();
        let parent = Path::new(rel.trim_end_matches('/'))
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let output = output.replace(&format!("{tmp_path}/"), &format!("fixtures/{parent}/"));
        (problems, output)
    } else {
        let (problems, report) = check_file(path)?;
        (problems, render(&report)?)
    };
    problems.extend(check_snapshot(rel, &output));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{} problem(s):\n{}", problems.len(), problems.join("\n")).into())
    }
}

/// Every fixture: `(path, name)`, the name relative to `fixtures/`, a site's ending in `/`.
fn fixtures() -> Vec<(PathBuf, String)> {
    let list = |dir: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("dir entry").path())
            .collect();
        v.sort();
        v
    };
    let mut out = Vec::new();
    for rule_dir in list(&fixture_root()).into_iter().filter(|p| p.is_dir()) {
        for p in list(&rule_dir) {
            let rel = p
                .strip_prefix(fixture_root())
                .expect("under fixtures/")
                .display()
                .to_string();
            if p.is_dir() {
                out.push((p, format!("{rel}/")));
            } else if is_post(&p) {
                out.push((p, rel));
            }
        }
    }
    out
}

fn expect_blocks_parse() -> Result<(), Failed> {
    let (text, e) = split("# t\n<!-- expect\nsum-mismatch 24:9 \"712\"\nD005 3\n-->\n")?;
    assert_eq!(text, "# t\n");
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].column, Some(9));
    assert_eq!(e[0].text.as_deref(), Some("712"));
    assert_eq!(e[1].line, 3);
    assert!(split("# t\n<!-- expect\nsum-mismatch x\n-->\n").is_err());
    assert!(split("# t\n<!-- expect\nsum-mismatch 3\n").is_err());
    Ok(())
}

/// Every snapshot belongs to a fixture: a renamed or deleted fixture leaves none behind.
fn no_orphan_snapshots(names: &HashSet<String>) -> Result<(), Failed> {
    let dir = manifest_dir().join("tests/snapshots/fixtures");
    let mut orphans = Vec::new();
    for e in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let file = e.map_err(|e| e.to_string())?.file_name();
        let file = file.to_string_lossy();
        if let Some(name) = file.strip_suffix(".snap")
            && !names.contains(name)
        {
            orphans.push(format!("tests/snapshots/fixtures/{file}"));
        }
    }
    orphans.sort();
    if orphans.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "snapshots of no fixture (delete them):\n{}",
            orphans.join("\n")
        )
        .into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let fixtures = fixtures();
    assert!(!fixtures.is_empty(), "no fixtures found");
    let mut names = HashSet::new();
    for (_, rel) in &fixtures {
        assert!(
            names.insert(snapshot_name(rel)),
            "two fixtures share the snapshot name {}",
            snapshot_name(rel)
        );
    }
    let mut trials = vec![
        Trial::test("expect_blocks_parse", expect_blocks_parse),
        Trial::test("no_orphan_snapshots", move || no_orphan_snapshots(&names)),
    ];
    trials.extend(
        fixtures
            .into_iter()
            .map(|(path, rel)| Trial::test(rel.clone(), move || run_fixture(&path, &rel))),
    );
    libtest_mimic::run(&args, trials).exit();
}
