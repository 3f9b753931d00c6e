//! `retro-lint init`, `--show-settings` and the config's JSON Schema, as a new user runs them
//! on a site written here (Korean posts of an Astro blog).

use assert_cmd::Command;
use std::path::Path;

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("retro-lint").expect("binary");
    c.current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("RETRO_LINT_CACHE_DIR")
        .env("NO_COLOR", "1");
    c
}

fn month(m: u32) -> String {
    let end = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m as usize - 1];
    format!(
        "---\ntitle: \"월간 회고 (2025.{m:02}.01 ~ 2025.{m:02}.{end})\"\ndate: 2025-{m:02}-{end}\npermalink: /회고/2025-{m:02}-01-2025-{m:02}-{end}-monthly.html\n---\n## 이번 달\n\n- 결제 모듈을 고쳤다\n"
    )
}

fn site(d: &Path) {
    let posts = d.join("src/content/posts/retro");
    std::fs::create_dir_all(&posts).expect("mkdir");
    std::fs::write(d.join("astro.config.mjs"), "export default {};\n").expect("write");
    for m in 1..=4 {
        std::fs::write(posts.join(format!("2025-{m:02}-monthly.md")), month(m)).expect("write");
    }
}

#[test]
fn init_learns_the_site_and_never_overwrites_by_surprise() {
    let t = tempfile::tempdir().expect("tmp");
    site(t.path());
    let before = cmd(t.path())
        .args(["--output-format", "json", "."])
        .output()
        .expect("run");
    let o = cmd(t.path()).arg("init").output().expect("run");
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let cfg = std::fs::read_to_string(t.path().join(".retro-lint.yml")).expect("written");
    assert!(
        cfg.contains("content_roots: [\"src/content/posts\"]"),
        "{cfg}"
    );
    assert!(cfg.contains("lang: ko"), "{cfg}");
    assert!(
        cfg.contains("monthly: \"/회고/{start}-{end}-monthly.html\""),
        "{cfg}"
    );
    // The findings under the written config are the same (here: none).
    let after = cmd(t.path())
        .args(["--output-format", "json", "."])
        .output()
        .expect("run");
    assert_eq!(before.stdout, after.stdout);
    // A second init refuses; --stdout prints; --force replaces.
    let again = cmd(t.path()).arg("init").output().expect("run");
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let printed = cmd(t.path())
        .args(["init", "--stdout"])
        .output()
        .expect("run");
    assert_eq!(String::from_utf8_lossy(&printed.stdout), cfg);
    std::fs::write(t.path().join(".retro-lint.yml"), "lang: en\n").expect("write");
    assert_eq!(
        cmd(t.path())
            .args(["init", "--force"])
            .output()
            .expect("run")
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        std::fs::read_to_string(t.path().join(".retro-lint.yml")).expect("read"),
        cfg
    );
}

#[test]
fn show_settings_says_where_each_setting_came_from() {
    let t = tempfile::tempdir().expect("tmp");
    site(t.path());
    std::fs::write(
        t.path().join(".retro-lint.yml"),
        "lang: ko\nrules:\n  period-length:\n    week_days: 5\n",
    )
    .expect("write");
    let o = cmd(t.path())
        .env("LANG", "C.UTF-8")
        .args(["--show-settings", "--preview", "."])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0));
    let s = String::from_utf8_lossy(&o.stdout);
    let line = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .unwrap_or_else(|| panic!("no {k}: {s}"))
            .to_owned()
    };
    assert!(
        line("lang ").contains("ko  (config file; LANG=C.UTF-8 names no language)"),
        "{s}"
    );
    assert!(line("preview ").contains("true  (command line)"), "{s}");
    assert!(
        line("content_roots ").contains("src/content/posts  (detected)"),
        "{s}"
    );
    assert!(
        line("rule D003 period-length").contains("week_days: 5  (config file)"),
        "{s}"
    );
    assert!(line("site ").contains("Astro"), "{s}");
}

#[test]
fn the_schema_in_the_repository_is_the_one_the_tool_prints() {
    let o = Command::cargo_bin("retro-lint")
        .expect("binary")
        .arg("schema")
        .output()
        .expect("run");
    let printed: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let kept: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("retro-lint.schema.json")).expect("schema file"),
    )
    .expect("json");
    assert_eq!(
        printed, kept,
        "retro-lint.schema.json is stale: `retro-lint schema > retro-lint.schema.json`"
    );
}
