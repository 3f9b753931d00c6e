//! The site as a whole: given files are linted against the whole site and only they are
//! reported on; a missing content root is said; safe link fixes; indexing scales.

use retro_lint::config::Config;
use retro_lint::diagnostic::Applicability;
use retro_lint::{LintOptions, lint_paths};
use std::path::{Path, PathBuf};

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn monthly(dir: &Path, y: i32, m: u32, last: u32) -> PathBuf {
    let slug = format!("{y}-{m:02}-01-{y}-{m:02}-{last:02}-monthly");
    let p = dir.join(format!("src/content/posts/r/{y}/monthly/{slug}.md"));
    write(
        &p,
        &format!(
            "---\ntitle: \"Monthly recap ({y}-{m:02}-01 to {y}-{m:02}-{last:02})\"\ndate: \"{y}-{m:02}-{last:02}\"\npermalink: /r/{slug}.html\n---\nSix issues closed.\n"
        ),
    );
    p
}

/// An Astro site: two monthly posts and a quarterly post whose index has one link in an
/// old shape (fixable) and one to a month with no post.
fn small_site(dir: &Path) -> (PathBuf, PathBuf) {
    write(&dir.join("astro.config.mjs"), "export default {};\n");
    let jan = monthly(dir, 2025, 1, 31);
    monthly(dir, 2025, 2, 28);
    let q = dir.join("src/content/posts/r/2025/q1/2025-01-01-2025-03-31-quarterly.md");
    write(
        &q,
        "---\ntitle: \"2025 Q1 retrospective\"\ndate: \"2025-03-31\"\npermalink: /r/2025-q1.html\n---\n\
         | Month | Link |\n|---|---|\n\
         | January | [read](/r/2025-01-01-2025-01-31-monthly.html) |\n\
         | February | [read](/r/2025-02-monthly.html#numbers) |\n\
         | March | [read](/r/2025-03-01-2025-03-31-monthly.html) |\n",
    );
    std::fs::write(dir.join(".retro-lint.yml"), "").expect("config");
    (jan, q)
}

fn config(dir: &Path) -> Config {
    Config::load(&dir.join(".retro-lint.yml")).expect("config")
}

#[test]
fn one_file_is_linted_against_the_whole_site() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (jan, q) = small_site(tmp.path());
    let cfg = config(tmp.path());
    let report = lint_paths(std::slice::from_ref(&q), &cfg, &LintOptions::default()).expect("lint");
    assert_eq!(report.files.len(), 1, "only the given file is reported on");
    let codes: Vec<&str> = report.files[0].diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["S001", "S001"],
        "{:#?}",
        report.files[0].diagnostics
    );
    // February's post exists with another URL: a safe fix that keeps the fragment.
    let fix = report.files[0].diagnostics[0].fix.as_ref().expect("fix");
    assert_eq!(fix.applicability, Applicability::Safe);
    assert_eq!(
        fix.edits[0].content,
        "/r/2025-02-01-2025-02-28-monthly.html#numbers"
    );
    // March has no post: no fix, and the help says the site has none.
    let march = &report.files[0].diagnostics[1];
    assert!(march.fix.is_none());
    assert!(
        march
            .help
            .as_ref()
            .is_some_and(|h| h.en.contains("no monthly post for 2025-03"))
    );

    // Linting the January post alone says nothing about the quarterly post.
    let report = lint_paths(&[jan], &cfg, &LintOptions::default()).expect("lint");
    assert_eq!(report.files.len(), 1);
    assert!(report.files[0].diagnostics.is_empty());
    assert!(report.notes.is_empty());
}

#[test]
fn a_missing_content_root_is_said() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let p = tmp.path().join("notes/2025-03-31-march-recap.md");
    write(
        &p,
        "---\ntitle: \"March 2025 recap\"\ndate: 2025-03-31\n---\n[Feb](/2025/02/feb/)\n",
    );
    std::fs::write(tmp.path().join(".retro-lint.yml"), "").expect("config");
    let report = lint_paths(&[p], &config(tmp.path()), &LintOptions::default()).expect("lint");
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.en.contains("no content root") && n.en.contains("S001")),
        "{:?}",
        report.notes
    );
    assert!(report.files[0].diagnostics.iter().all(|d| d.code != "S001"));
}

/// Thousands of weekly posts are indexed and cross-checked without comparing every post
/// with every other. Run with `--ignored` to time 10,000 posts.
fn many_posts(n: usize) -> std::time::Duration {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    write(&dir.join("astro.config.mjs"), "export default {};\n");
    std::fs::write(dir.join(".retro-lint.yml"), "").expect("config");
    let start = jiff::civil::date(2000, 1, 7);
    let mut first = None;
    for i in 0..n {
        // Every 100th week is missing: a gap the series rule reports.
        if i % 100 == 99 {
            continue;
        }
        let a = start
            .checked_add(jiff::Span::new().days(7 * i as i64))
            .expect("date");
        let b = a.checked_add(jiff::Span::new().days(6)).expect("date");
        let p = dir.join(format!(
            "src/content/posts/w/{}/{a}-{b}-weekly-retrospective.md",
            a.year()
        ));
        write(
            &p,
            &format!(
                "---\ntitle: \"Weekly retrospective ({a} ~ {b})\"\ndate: \"{b}\"\npermalink: /w/{a}-{b}-weekly-retrospective.html\n---\nPrevious: [last week](/w/{a}-{b}-weekly-retrospective.html)\n"
            ),
        );
        first.get_or_insert(p);
    }
    let cfg = config(dir);
    let t = std::time::Instant::now();
    // The site rules: other rules' cost is theirs to keep linear.
    let opts = LintOptions {
        select: vec!["S".into()],
        ..LintOptions::default()
    };
    let report = lint_paths(&[dir.to_path_buf()], &cfg, &opts).expect("lint");
    let took = t.elapsed();
    let gaps = report
        .files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .filter(|d| d.code == "S005")
        .count();
    let expected = (0..n).filter(|i| i % 100 == 99 && i + 1 < n).count();
    assert_eq!(gaps, expected);
    took
}

#[test]
fn a_thousand_posts_are_quick() {
    let took = many_posts(1000);
    assert!(took.as_secs() < 30, "took {took:?}");
}

#[test]
#[ignore]
fn ten_thousand_posts() {
    let took = many_posts(10_000);
    eprintln!("10,000 posts: {took:?}");
}

/// A post whose cross-post figures are checked after every other post (an annual post with
/// month rows) keeps its suppressions: a suppressed S006 is not reported, not called
/// unused, and a suppression that covers nothing is still reported.
#[test]
fn posts_checked_last_keep_their_suppressions() {
    let d = tempfile::tempdir().expect("tmp");
    write(&d.path().join("astro.config.mjs"), "export default {};\n");
    let posts = d.path().join("src/content/posts/2024");
    write(
        &posts.join("2024-02-monthly.md"),
        "---\ntitle: \"월간 회고록 (2024.02.01 ~ 2024.02.29)\"\ndate: \"2024-02-29\"\n---\n## 통계\n\n- **총 커밋 수**: 50개\n",
    );
    let annual = |sup: &str| {
        format!(
            "---\ntitle: \"2024년 연간 회고록 (2024.01 ~ 2024.12)\"\ndate: \"2024-12-31\"\n---\n{sup}\n## 월별 추이\n\n| 월 | 커밋 |\n|:--:|:----:|\n| 2월 | 55 |\n| 3월 | 31 |\n"
        )
    };
    let path = posts.join("2024-annual.md");
    let codes = |text: &str| {
        write(&path, text);
        let report = lint_paths(
            &[d.path().to_path_buf()],
            &Config::default(),
            &LintOptions::default(),
        )
        .expect("lint");
        let mut codes: Vec<&str> = report
            .files
            .iter()
            .filter(|f| f.post.path == path)
            .flat_map(|f| f.diagnostics.iter().map(|d| d.code))
            .collect();
        codes.sort();
        codes
    };
    assert_eq!(codes(&annual("")), ["S006"]);
    assert_eq!(
        codes(&annual(
            "<!-- retro-lint-disable-file S006 -- checked by hand -->"
        )),
        Vec::<&str>::new()
    );
    assert_eq!(
        codes(&annual(
            "<!-- retro-lint-disable-file N001 -- nothing to hide -->"
        )),
        ["S006", "X001"]
    );
}
