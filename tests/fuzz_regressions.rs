//! Every input a fuzz target ever crashed on (fuzz/regressions/TARGET/NAME) replays here on
//! stable, through the same invariant checks the targets run. An input named `timeout-*` made
//! a target exceed its time limit: it must now finish well within it, even in a debug build.

use retro_lint::invariants;
use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut n = 0;
    for e in std::fs::read_dir(dir).into_iter().flatten() {
        let p = e.expect("entry").path();
        if p.file_name().is_some_and(|n| n == ".gitkeep") {
            continue;
        }
        let bytes = std::fs::read(&p).expect("read");
        let started = std::time::Instant::now();
        check(&bytes);
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with("timeout-") {
            let took = started.elapsed();
            assert!(took.as_secs() < 5, "{name} took {took:?}");
        }
        n += 1;
    }
    n
}

#[test]
fn post_model_regressions() {
    replay("post_model", invariants::post_model);
}

#[test]
fn lint_fix_regressions() {
    replay("lint_fix", invariants::lint_fix);
}

#[test]
fn config_regressions() {
    replay("config", invariants::config);
}

#[test]
fn quantities_regressions() {
    replay("quantities", invariants::quantities);
}
