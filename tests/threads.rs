//! Findings and their order do not depend on the number of threads: every site fixture,
//! every rule's single-post fixtures and the example blog, linted with 1 and with 4
//! threads, print the same JSON.

use retro_lint::config::Config;
use retro_lint::diagnostic::Lang;
use retro_lint::output::{self, Format, Settings};
use retro_lint::{LintOptions, lint_paths};
use std::path::{Path, PathBuf};

fn render(paths: &[PathBuf], root: &Path, threads: usize) -> (String, usize) {
    let config = Config {
        path: Some(root.join(".retro-lint.yml")),
        root: root.to_path_buf(),
        ..Config::default()
    };
    let opts = LintOptions {
        threads: Some(threads),
        ..LintOptions::default()
    };
    let report = lint_paths(paths, &config, &opts).expect("lint");
    let settings = Settings {
        lang: Lang::En,
        color: false,
        quiet: false,
    };
    let mut out = Vec::new();
    output::write(&report, Format::Json, &settings, &mut out).expect("write");
    let n = report.files.iter().map(|f| f.diagnostics.len()).sum();
    (String::from_utf8(out).expect("utf-8"), n)
}

#[test]
fn one_thread_and_four_threads_agree() {
    let top = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut runs: Vec<(Vec<PathBuf>, PathBuf)> =
        vec![(vec![top.join("examples/blog")], top.join("examples/blog"))];
    let mut rules: Vec<PathBuf> = std::fs::read_dir(top.join("fixtures"))
        .expect("fixtures/")
        .map(|e| e.expect("entry").path())
        .collect();
    rules.sort();
    for rule in rules {
        let mut posts = Vec::new();
        for e in std::fs::read_dir(&rule).expect("rule folder") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                runs.push((vec![p.clone()], p));
            } else if p.extension().is_some_and(|x| x == "md") {
                posts.push(p);
            }
        }
        posts.sort();
        if !posts.is_empty() {
            runs.push((posts, rule));
        }
    }
    runs.sort();
    let mut findings = 0;
    for (paths, root) in &runs {
        let (one, n) = render(paths, root, 1);
        let (four, _) = render(paths, root, 4);
        assert_eq!(one, four, "{}", root.display());
        findings += n;
    }
    assert!(
        runs.len() > 20 && findings > 50,
        "{} runs, {findings} findings",
        runs.len()
    );
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("folder") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

/// Posts that are only indexed are read through their front matter and no further; their
/// summary is the one the full model gives.
#[test]
fn index_only_posts_summarize_like_full_ones() {
    use retro_lint::site::{Layout, Site};
    let top = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    markdown_files(&top.join("fixtures"), &mut files);
    markdown_files(&top.join("examples"), &mut files);
    files.sort();
    let layout = Layout::bare(&Config::default());
    let max = retro_lint::DEFAULT_MAX_FILE_SIZE;
    for p in &files {
        let full = retro_lint::read_post(p, max, retro_lint::post::markdown::DEFAULT_MAX_ELEMENTS)
            .expect("read");
        let head = retro_lint::read_index_post(p, max).expect("read head");
        assert_eq!(
            full.not_text.is_some(),
            head.not_text.is_some(),
            "{}",
            p.display()
        );
        if full.not_text.is_some() {
            continue;
        }
        // The figures come from the body: index-only posts are used only when no rule needs
        // them (cross-post-figures off), so they are left out of the comparison.
        let mut want = Site::summarize(&full, &layout);
        want.figures.clear();
        want.keyed.clear();
        assert_eq!(
            format!("{want:?}"),
            format!("{:?}", Site::summarize(&head, &layout)),
            "{}",
            p.display()
        );
    }
    assert!(files.len() > 50, "{} files", files.len());
}

#[test]
fn the_head_ends_after_the_front_matter() {
    use retro_lint::post::Post;
    assert_eq!(
        Post::index_head_len(b"---\ntitle: a\n---\nbody\n"),
        Some(17)
    );
    assert_eq!(
        Post::index_head_len(b"\xEF\xBB\xBF---\r\na: 1\r\n...\r\nx"),
        Some(19)
    );
    assert_eq!(Post::index_head_len(b"# no front matter\n"), Some(0));
    assert_eq!(Post::index_head_len(b"---\ntitle: a\n"), None);
    assert_eq!(Post::index_head_len(b"--"), None);
    // TOML front matter, which Hugo and Zola find after blank lines too.
    assert_eq!(
        Post::index_head_len(b"\n+++\ntitle = 'a'\n+++\nbody\n"),
        Some(21)
    );
    assert_eq!(Post::index_head_len(b"\n---\ntitle: a\n---\n"), Some(0));
}
