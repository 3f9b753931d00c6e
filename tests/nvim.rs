//! The language server with a real client: headless Neovim (Debian's `neovim`, 0.7 or
//! newer) runs tests/editor/nvim.lua, which opens a post of tests/editor/site, makes an
//! unsaved edit that breaks a total and a weekday, applies the weekday's fix and the
//! total's suppression through code actions, asks for a hover and a definition, and writes
//! what it saw as JSON. Skipped, with a message, when `nvim` is not installed (`.ci/run`
//! installs it).

#[path = "editor/common.rs"]
mod common;

use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn nvim() -> Option<String> {
    let out = Command::new("nvim").arg("--version").output().ok()?;
    let v = String::from_utf8_lossy(&out.stdout);
    Some(v.lines().next().unwrap_or("nvim").to_owned())
}

#[test]
fn neovim_shows_fixes_and_hovers() {
    let Some(version) = nvim() else {
        eprintln!(
            "SKIPPED neovim_shows_fixes_and_hovers: `nvim` is not installed (apt-get install neovim; .ci/run does)"
        );
        return;
    };
    let t = common::site();
    let site = std::fs::canonicalize(t.path()).expect("canonical");
    let out = site.join("nvim-result.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editor/nvim.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(&site)
        .env("RETRO_LINT", env!("CARGO_BIN_EXE_retro-lint"))
        .env("SITE", &site)
        .env("OUT", &out)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("XDG_STATE_HOME", site.join(".nvim-state"))
        .env("XDG_CACHE_HOME", site.join(".nvim-cache"))
        .env("XDG_DATA_HOME", site.join(".nvim-data"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start nvim");
    let end = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if Instant::now() > end {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{version} did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let text =
        std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{version} wrote no result ({e})"));
    let r: Value = serde_json::from_str(&text).expect("JSON from nvim");
    eprintln!(
        "{version}: {}",
        serde_json::to_string_pretty(&r).unwrap_or_default()
    );
    assert_eq!(r["ok"], true, "the script failed: {}", r["error"]);
    let codes = |k: &str| -> Vec<String> {
        r[k].as_array()
            .map(|a| {
                a.iter()
                    .map(|d| d["code"].as_str().unwrap_or("").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    // The saved post is clean; the unsaved edit shows the broken total and the weekday.
    assert!(codes("initial").is_empty(), "{}", r["initial"]);
    assert_eq!(r["edited_total"], true, "{}", r["after_edit"]);
    assert_eq!(r["modified"], true, "the edit stayed unsaved");
    let after = r["after_edit"].as_array().expect("diagnostics");
    let total = after
        .iter()
        .find(|d| d["code"] == "N001")
        .expect("the total's finding");
    // At the total, in Korean (the site's config). Neovim turned the server's UTF-16
    // position into its byte column: right only if the emoji before it (🏗️, 7 bytes, 3
    // UTF-16 units) was counted in UTF-16 units.
    let at = &r["total_position"];
    assert_eq!(total["lnum"], at["line"], "{total}");
    assert_eq!(total["col"], at["byte"], "{total}");
    assert_eq!(at["character"], 10, "{at}");
    assert_eq!(
        r["hover_range"]["start"],
        json!({"line": at["line"], "character": 10})
    );
    assert!(
        total["message"].as_str().unwrap_or("").contains("합"),
        "{total}"
    );
    // The weekday fixed through its preferred code action.
    assert_eq!(r["fixed_weekday"], true, "{}", r["weekday_actions"]);
    assert!(
        r["weekday_line"].as_str().unwrap_or("").contains("(수)"),
        "{}",
        r["weekday_line"]
    );
    // The total suppressed through its code action, the comment on the line before.
    assert_eq!(r["suppressed"], true, "{}", r["total_actions"]);
    assert_eq!(
        r["comment_line"],
        "<!-- retro-lint-disable-next-line N001 -->"
    );
    assert!(codes("final").is_empty(), "{}", r["final"]);
    // The hover on the total: the parts and the arithmetic.
    let hover = r["hover"].as_str().unwrap_or("");
    assert!(hover.contains("12 ≠ 7 + 6 = 13"), "{hover}");
    // Definition from the annual post's link: the monthly post.
    assert_eq!(r["definition"], r["monthly_uri"]);
    assert_eq!(r["stopped"], true);
}
