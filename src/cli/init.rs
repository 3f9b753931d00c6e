//! `retro-lint init`: a `.retro-lint.yml` learned from the site, with comments that say what
//! each line was learned from. It writes only what the site shows without doubt (a
//! convention every post of its kind follows); what is a guess stays a comment, so the
//! findings under the written config are the same as without it, or fewer wrong ones.

use super::writeln_ok;
use crate::config::{Config, FILE_NAMES};
use crate::engine::{self, LintOptions};
use crate::error::Error;
use crate::post::period::Kind;
use crate::site::{Layout, Site};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

pub fn run(
    path: Option<&Path>,
    force: bool,
    to_stdout: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Error> {
    let dir = path.unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(Error::Path {
            path: dir.display().to_string(),
            message: "not a folder".into(),
        });
    }
    let default = Config::default();
    let root = Site::find_root(dir, &default);
    let target = root.join(FILE_NAMES[0]);
    if !to_stdout
        && !force
        && let Some(existing) = FILE_NAMES.iter().map(|n| root.join(n)).find(|p| p.exists())
    {
        return Err(Error::Usage(format!(
            "{} exists; `retro-lint init --force` replaces it, `--stdout` prints a new one",
            crate::output::display_path(&existing)
        )));
    }
    let text = learn(&root)?;
    // What is written must be a config retro-lint reads.
    Config::parse(&text, "init").map_err(Error::Config)?;
    if to_stdout {
        write!(out, "{text}").map_err(|e| Error::Usage(format!("cannot write output: {e}")))?;
        return Ok(0);
    }
    std::fs::write(&target, &text).map_err(|e| Error::Path {
        path: target.display().to_string(),
        message: e.to_string(),
    })?;
    writeln_ok(
        err,
        &format!("retro-lint: wrote {}", crate::output::display_path(&target)),
    )?;
    Ok(0)
}

/// The config text for the site at `root`.
fn learn(root: &Path) -> Result<String, Error> {
    let default = Config::default();
    let layout = Layout::detect(root, &default);
    // The index of every post (front matter, period, URL), as a run builds it.
    let opts = LintOptions {
        select: vec!["F001".into()],
        ..LintOptions::default()
    };
    let report = engine::lint_paths(&[root.to_path_buf()], &default, &opts)?;
    let site = &report.site;
    let rel = |p: &Path| {
        p.strip_prefix(&layout.root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut y = String::new();
    let kind = match &layout.evidence {
        Some(e) => format!("{} (found {e})", layout.kind.as_str()),
        None => layout.kind.as_str().to_owned(),
    };
    let retros = site.posts.iter().filter(|p| p.retrospective).count();
    y.push_str("# retro-lint configuration, learned from this site by `retro-lint init`.\n");
    y.push_str(&format!(
        "# Site: {kind}; {} Markdown posts, {retros} of them retrospectives.\n",
        site.posts.len()
    ));
    y.push_str("# Every key is optional: `retro-lint --show-settings` prints what a run uses.\n");
    y.push_str("# Editor completion: `retro-lint schema > .retro-lint.schema.json`, then put\n");
    y.push_str(
        "# `# yaml-language-server: $schema=.retro-lint.schema.json` on the first line.\n\n",
    );

    let roots: Vec<String> = layout.content_roots.iter().map(|p| rel(p)).collect();
    if roots.is_empty() {
        y.push_str("# No content root found: name the folders that hold your posts.\n");
        y.push_str("# content_roots: [posts]\n");
    } else {
        y.push_str("# The folders that hold posts (detected).\n");
        y.push_str(&format!("content_roots: [{}]\n", quoted(&roots)));
    }

    if layout.pattern_certain {
        y.push_str(&format!(
            "url:\n  # How a post without a permalink gets its URL (from the generator's config).\n  pattern: {}\n",
            yaml_str(&layout.pattern)
        ));
    } else {
        y.push_str(&format!(
            "# The URL of a post without a permalink is a guess; set it to make links certain:\n# url:\n#   pattern: {}\n",
            yaml_str(&layout.pattern)
        ));
    }

    let (ko, en) = languages(site);
    if ko + en > 0 {
        let lang = if ko > en { "ko" } else { "en" };
        y.push_str(&format!(
            "# Messages in the language most posts are written in ({ko} Korean, {en} English).\nlang: {lang}\n"
        ));
    }

    let patterns = permalink_patterns(site);
    if !patterns.is_empty() {
        let mut written = String::new();
        let mut noted = String::new();
        for (kind, (shapes, total)) in &patterns {
            let (best, n) = shapes
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(s, n)| (s.clone(), *n))
                .unwrap_or_default();
            if *total < 3 {
                continue;
            }
            if n == *total {
                written.push_str(&format!(
                    "      # all {n} {} posts with a permalink follow it\n      {}: {}\n",
                    kind.as_str(),
                    kind.as_str(),
                    yaml_str(&best)
                ));
            } else {
                noted.push_str(&format!(
                    "# {} permalinks: {n} of {total} follow {} (not enforced: the rule learns it per series)\n",
                    kind.as_str(),
                    yaml_str(&best)
                ));
            }
        }
        y.push_str(&noted);
        if !written.is_empty() {
            y.push_str("rules:\n  permalink-pattern:\n    patterns:\n");
            y.push_str(&written);
        }
    }
    Ok(y)
}

/// How many posts are written mostly in Korean, and how many mostly in English, by the
/// letters of their first 8 KiB.
fn languages(site: &Site) -> (usize, usize) {
    let (mut ko, mut en) = (0, 0);
    for p in &site.posts {
        let mut bytes = Vec::new();
        let Ok((file, _)) = crate::safe_fs::open_regular(&p.path, false) else {
            continue;
        };
        if std::io::Read::read_to_end(&mut std::io::Read::take(file, 8192), &mut bytes).is_err() {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        let hangul = text.chars().filter(|c| ('가'..='힣').contains(c)).count();
        let latin = text.chars().filter(char::is_ascii_alphabetic).count();
        // A Hangul syllable carries about three Latin letters' worth of text.
        if hangul * 3 > latin {
            ko += 1;
        } else if latin > 0 {
            en += 1;
        }
    }
    (ko, en)
}

/// For each kind of retrospective, the shapes of its posts' permalinks and how many posts
/// have one.
fn permalink_patterns(site: &Site) -> BTreeMap<KindKey, (BTreeMap<String, usize>, usize)> {
    let mut by_kind: BTreeMap<KindKey, (BTreeMap<String, usize>, usize)> = BTreeMap::new();
    for p in &site.posts {
        let (true, Some(kind), Some(period), Some(url)) =
            (p.retrospective, p.kind, p.period, p.permalink.as_deref())
        else {
            continue;
        };
        let e = by_kind.entry(KindKey(kind)).or_default();
        *e.0.entry(crate::rules::permalink_shape(url, period))
            .or_default() += 1;
        e.1 += 1;
    }
    by_kind
}

/// A kind, ordered by its name (for a stable config).
#[derive(PartialEq, Eq)]
struct KindKey(Kind);

impl KindKey {
    fn as_str(&self) -> &'static str {
        self.0.as_str()
    }
}

impl Ord for KindKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for KindKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| yaml_str(s))
        .collect::<Vec<_>>()
        .join(", ")
}
