//! `--watch` as a user runs it: a child process lints the site, a post is edited, and the
//! new output shows the new finding, in the changed post and in the post that compares
//! figures with it; then the edit is undone and the findings go.

#[path = "editor/common.rs"]
mod common;

use common::{ANNUAL, MONTHLY};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Watching {
    child: Child,
    lines: Receiver<String>,
}

impl Watching {
    /// The lines of the next round: everything up to its summary line.
    fn round(&mut self) -> Vec<String> {
        let end = Instant::now() + Duration::from_secs(30);
        let mut out = Vec::new();
        loop {
            let left = end.saturating_duration_since(Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no summary line within 30 s; got {out:?}"));
            let done = line.starts_with("Found ") || line.starts_with("No findings");
            out.push(line);
            if done {
                return out;
            }
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_relints_a_changed_post_and_the_posts_that_compare_with_it() {
    let t = common::site();
    let mut child = Command::new(env!("CARGO_BIN_EXE_retro-lint"))
        .args(["--watch", "--output-format", "concise", "--lang", "en", "."])
        .current_dir(t.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start --watch");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { return };
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let mut w = Watching { child, lines: rx };
    let first = w.round();
    assert_eq!(first, ["No findings in 2 files."], "{first:?}");

    // The monthly post's total changes: its own sum breaks, and the annual post's month
    // row no longer matches it. Only these two are linted again; both are reported.
    let monthly = t.path().join(MONTHLY);
    let saved = std::fs::read_to_string(&monthly).expect("read");
    // The watcher is set up before the first report is printed; still, give inotify a
    // moment on a loaded machine.
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(
        &monthly,
        saved
            .replace("30개", "31개")
            .replace("프론트 5)", "프론트 6)"),
    )
    .expect("edit");
    let second = w.round();
    let text = second.join("\n");
    assert!(
        second
            .iter()
            .any(|l| l.contains(MONTHLY) && l.contains("N001")),
        "{text}"
    );
    assert!(
        second
            .iter()
            .any(|l| l.contains(ANNUAL) && l.contains("S006")),
        "{text}"
    );
    assert!(text.contains("Found 2 findings"), "{text}");

    // Undone: the findings go.
    std::fs::write(&monthly, &saved).expect("undo");
    let third = w.round();
    assert_eq!(third, ["No findings in 2 files."], "{third:?}");

    // A new post with a mistake is picked up.
    std::fs::write(
        t.path().join("posts/2025/monthly/notes.md"),
        "---\ntitle: 메모\ndate: 2025-05-31\n---\n배포: 2025-05-07 (화)\n",
    )
    .expect("new post");
    let fourth = w.round();
    assert!(
        fourth
            .iter()
            .any(|l| l.contains("notes.md") && l.contains("D005")),
        "{fourth:?}"
    );
}

#[test]
fn watch_refuses_fix_and_standard_input() {
    for args in [
        &["--watch", "--fix", "."][..],
        &["--watch", "-", "--stdin-filename", "a.md"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_retro-lint"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("--watch cannot go with"),
            "{args:?}"
        );
    }
}
