//! The rule docs' examples run: one trial per rule (`cargo test --test rule_docs --
//! sum-mismatch`). In the `## Example` section of `rules/NAME.md`:
//!
//! - a fenced block ```` ```markdown ```` is a post, linted alone with the default config as
//!   the file `example.md`; ```` ```yaml ```` is a post's front matter (the post is `---`, the
//!   block, `---`);
//! - after the language, `path=P` lints the post as the file `P` (a file name can give the
//!   post its period: `path=2025-01-01-2025-12-31-annual-retrospective.md`);
//! - `site` makes the block one file of a site (`path=` required, any language, e.g.
//!   `astro.config.mjs` or `.retro-lint.yml`): the section's `site` blocks are written to a
//!   temporary folder and linted together, as `retro-lint FOLDER` would;
//! - a line that is one code span alone (`` `message` ``) is a message the example above it
//!   produces, word for word in English or Korean (for a site, any of its posts). An example
//!   followed by no such line must produce no finding of the rule: that is how a "Not
//!   reported" example is written.
//!
//! Only the rule's own findings are compared: a fragment may well make other rules speak.
//! Docs whose example cannot be a text (a file's bytes or size) are listed in [`NOT_RUN`].

use libtest_mimic::{Arguments, Failed, Trial};
use retro_lint::config::Config;
use retro_lint::registry;
use retro_lint::{LintOptions, lint_paths, lint_text};
use std::path::{Path, PathBuf};

/// Rules whose doc example is a description, not a text to lint, and why.
const NOT_RUN: &[(&str, &str)] = &[
    (
        "file-not-text",
        "the example is a file's bytes (CP949), not UTF-8 text",
    ),
    ("file-too-large", "the example is a file over 32 MiB"),
    (
        "file-too-complex",
        "the example is a table of 100,000 rows (the default max_elements)",
    ),
];

/// Messages a doc states that the tool does not produce, because the tool is wrong (the doc
/// says what the rule is meant to do): `(rule, message, why)`. They are checked the other way
/// round, so the trial fails once the tool is fixed and the entry must go.
const TOOL_BUGS: &[(&str, &str, &str)] = &[];

/// The default file an example post is linted as.
const DEFAULT_PATH: &str = "example.md";

#[derive(Debug, Default)]
struct Block {
    lang: String,
    path: Option<String>,
    site: bool,
    text: String,
    /// The line of the doc the block starts on, for messages.
    line: usize,
    /// The messages written after the block.
    messages: Vec<String>,
}

impl Block {
    /// The file's text: a YAML block is a post's front matter.
    fn content(&self) -> String {
        if self.lang == "yaml" && !self.site {
            format!("---\n{}---\n", self.text)
        } else {
            self.text.clone()
        }
    }
}

/// A line that is one code span alone: its content (CommonMark: the backtick run that opens
/// it closes it, one space on each side stripped).
fn code_span_line(line: &str) -> Option<String> {
    let line = line.trim();
    let n = line.len() - line.trim_start_matches('`').len();
    if n == 0 || line.len() <= 2 * n {
        return None;
    }
    let inner = &line[n..line.len() - n];
    if !line[line.len() - n..].bytes().all(|b| b == b'`') || inner.ends_with('`') {
        return None;
    }
    // No run of exactly n backticks inside: that would close the span early.
    let mut run = 0;
    for c in inner.chars().chain(std::iter::once(' ')) {
        if c == '`' {
            run += 1;
        } else {
            if run == n {
                return None;
            }
            run = 0;
        }
    }
    let stripped = if inner.len() >= 2
        && inner.starts_with(' ')
        && inner.ends_with(' ')
        && !inner.trim().is_empty()
    {
        &inner[1..inner.len() - 1]
    } else {
        inner
    };
    Some(stripped.to_owned())
}

/// The examples of a doc's `## Example` section.
fn examples(doc: &str) -> Result<Vec<Block>, String> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut in_section = false;
    let mut fence: Option<(usize, Block)> = None;
    for (i, line) in doc.lines().enumerate() {
        let n = i + 1;
        if let Some((ticks, block)) = &mut fence {
            let t = line.trim_end();
            if t.len() >= *ticks && t.bytes().all(|b| b == b'`') {
                let (_, block) = fence.take().ok_or("fence")?;
                blocks.push(block);
            } else {
                block.text.push_str(line);
                block.text.push('\n');
            }
            continue;
        }
        if line.starts_with("## ") {
            in_section = line.trim_end() == "## Example";
            continue;
        }
        if !in_section {
            continue;
        }
        let ticks = line.len() - line.trim_start_matches('`').len();
        if ticks >= 3 {
            let mut words = line[ticks..].split_whitespace();
            let mut block = Block {
                lang: words.next().unwrap_or("").to_owned(),
                line: n,
                ..Block::default()
            };
            for w in words {
                match w.split_once('=') {
                    Some(("path", p)) => block.path = Some(p.to_owned()),
                    None if w == "site" => block.site = true,
                    _ => return Err(format!("line {n}: unknown block attribute `{w}`")),
                }
            }
            if block.site && block.path.is_none() {
                return Err(format!("line {n}: a `site` block needs `path=`"));
            }
            if !block.site && !matches!(block.lang.as_str(), "markdown" | "yaml") {
                return Err(format!(
                    "line {n}: an example is ```markdown or ```yaml (or a `site` file)"
                ));
            }
            fence = Some((ticks, block));
        } else if let Some(m) = code_span_line(line) {
            let Some(last) = blocks.last_mut() else {
                return Err(format!(
                    "line {n}: message `{m}` with no example block above it"
                ));
            };
            last.messages.push(m);
        }
    }
    if fence.is_some() {
        return Err("an example block is not closed".into());
    }
    Ok(blocks)
}

/// The messages (English and Korean) of the rule's findings for one example or one site.
type Found = Vec<(String, String)>;

fn lint_alone(code: &str, b: &Block) -> Found {
    let path = b.path.as_deref().unwrap_or(DEFAULT_PATH);
    lint_text(Path::new(path), &b.content(), &Config::default())
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| (d.message.en, d.message.ko))
        .collect()
}

fn lint_site(code: &str, blocks: &[&Block]) -> Result<Found, String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let root: PathBuf = tmp.path().join("site");
    for b in blocks {
        let p = root.join(b.path.as_deref().ok_or("no path")?);
        std::fs::create_dir_all(p.parent().ok_or("no parent")?).map_err(|e| e.to_string())?;
        std::fs::write(&p, &b.text).map_err(|e| e.to_string())?;
    }
    let cfg = root.join(".retro-lint.yml");
    if !cfg.exists() {
        std::fs::write(&cfg, "").map_err(|e| e.to_string())?;
    }
    let config = Config::load(&cfg).map_err(|e| format!("site config: {e}"))?;
    let report = lint_paths(
        std::slice::from_ref(&root),
        &config,
        &LintOptions::default(),
    )
    .map_err(|e| format!("lint site: {e}"))?;
    Ok(report
        .files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .filter(|d| d.code == code)
        .map(|d| (d.message.en.clone(), d.message.ko.clone()))
        .collect())
}

/// Each stated message must be one finding's English or Korean message, and each finding
/// must be stated.
fn compare(rule: &str, what: &str, stated: &[String], found: &Found) -> Vec<String> {
    let mut problems = Vec::new();
    let mut used = vec![false; found.len()];
    let is_bug = |m: &str| TOOL_BUGS.iter().any(|(r, b, _)| *r == rule && *b == m);
    for m in stated.iter().filter(|m| is_bug(m)) {
        if found.iter().any(|f| f.0 == *m || f.1 == *m) {
            problems.push(format!(
                "{what}: `{m}` is now reported: remove it from TOOL_BUGS in tests/rule_docs.rs"
            ));
        }
    }
    for (i, f) in found.iter().enumerate() {
        if is_bug(&f.0) || is_bug(&f.1) {
            used[i] = true;
        }
    }
    for m in stated.iter().filter(|m| !is_bug(m)) {
        match (0..found.len()).find(|&i| !used[i] && (found[i].0 == *m || found[i].1 == *m)) {
            Some(i) => used[i] = true,
            None => problems.push(format!("{what}: the doc says `{m}`, which is not reported")),
        }
    }
    for (f, u) in found.iter().zip(used) {
        if !u {
            problems.push(format!(
                "{what}: reported but not in the doc: `{}` (Korean: `{}`)",
                f.0, f.1
            ));
        }
    }
    problems
}

fn check_doc(code: &str, name: &str, path: &Path) -> Result<(), Failed> {
    let rel = format!("rules/{name}.md");
    let doc = std::fs::read_to_string(path).map_err(|e| format!("{rel}: {e}"))?;
    let blocks = examples(&doc).map_err(|e| format!("{rel}: {e}"))?;
    if blocks.is_empty() {
        return Err(format!(
            "{rel}: the Example section has no ```markdown or ```yaml block to run (see \
             tests/rule_docs.rs for how examples are written), and the rule is not in NOT_RUN"
        )
        .into());
    }
    if blocks.iter().all(|b| b.messages.is_empty()) {
        return Err(format!(
            "{rel}: the Example section states no message: write what the example reports \
             on a line of its own, as `message`"
        )
        .into());
    }
    let mut problems = Vec::new();
    let (site, alone): (Vec<&Block>, Vec<&Block>) = blocks.iter().partition(|b| b.site);
    for b in alone {
        let what = format!("{rel}:{}", b.line);
        problems.extend(compare(name, &what, &b.messages, &lint_alone(code, b)));
    }
    if !site.is_empty() {
        let what = format!("{rel}: the site of lines {}", {
            let lines: Vec<String> = site.iter().map(|b| b.line.to_string()).collect();
            lines.join(", ")
        });
        let stated: Vec<String> = site.iter().flat_map(|b| b.messages.clone()).collect();
        problems.extend(compare(name, &what, &stated, &lint_site(code, &site)?));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

fn parser_reads_examples() -> Result<(), Failed> {
    let doc = "# X\n\n## Example\n\n```markdown path=a.md\n- 1\n```\n\n`msg one`\n\n\
               Not reported: `x` and `y`.\n\n```yaml\ndate: 1\n```\n\n`` a `b` c ``\n\n\
               ```markdown site path=p/a.md\nq\n```\n\n## Options\n\n```markdown\nz\n```\n";
    let b = examples(doc)?;
    assert_eq!(b.len(), 3);
    assert_eq!(b[0].path.as_deref(), Some("a.md"));
    assert_eq!(b[0].messages, ["msg one"]);
    assert_eq!(b[1].content(), "---\ndate: 1\n---\n");
    assert_eq!(b[1].messages, ["a `b` c"]);
    assert!(b[2].site && b[2].messages.is_empty());
    assert_eq!(code_span_line("`a` and `b`"), None);
    assert!(examples("## Example\n\n`orphan`\n").is_err());
    assert!(examples("## Example\n\n```rust\n```\n").is_err());
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut trials = vec![Trial::test("parser_reads_examples", parser_reads_examples)];
    for m in registry::ALL {
        let path = root.join(format!("{}.md", m.name));
        let code = m.code;
        let listed = NOT_RUN.iter().any(|(n, _)| *n == m.name);
        let runnable = std::fs::read_to_string(&path)
            .ok()
            .and_then(|d| examples(&d).ok())
            .is_some_and(|b| !b.is_empty());
        let trial = if listed && !runnable {
            // Shown as ignored, so the run says which docs' examples are not checked.
            Trial::test(m.name, || Ok(())).with_ignored_flag(true)
        } else if listed {
            let name = m.name;
            Trial::test(name, move || {
                Err(format!("{name}: its example now runs; remove it from NOT_RUN").into())
            })
        } else {
            let name = m.name;
            Trial::test(name, move || check_doc(code, name, &path))
        };
        trials.push(trial);
    }
    libtest_mimic::run(&args, trials).exit();
}
