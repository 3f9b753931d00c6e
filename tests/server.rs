//! `retro-lint server` at the protocol level: the binary spawned, JSON-RPC spoken over its
//! pipes. Diagnostics on open and on an unsaved edit (positions in UTF-16 under Hangul and
//! emoji), cross-post findings on another open post, code actions, hover, definition,
//! the language, bad input, shutdown and exit. No editor needed (tests/nvim.rs is the
//! same with a real one).

#[path = "editor/common.rs"]
mod common;

use common::{ANNUAL, MONTHLY, real, site, utf16_position};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    /// Notifications that arrived while waiting for something else.
    pending: VecDeque<Value>,
    next: i64,
}

impl Client {
    fn start(dir: &Path, init_options: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_retro-lint"))
            .arg("server")
            .current_dir(dir)
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn the server");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse().expect("length");
                    }
                }
                let mut body = vec![0; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("JSON from the server");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        let mut c = Client {
            child,
            stdin,
            rx,
            pending: VecDeque::new(),
            next: 1,
        };
        let root = format!("file://{}", dir.display());
        let init = c.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": {}, "initializationOptions": init_options}),
        );
        assert_eq!(init["serverInfo"]["name"], "retro-lint");
        assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
        c.notify("initialized", json!({}));
        c
    }

    fn raw(&mut self, bytes: &[u8]) {
        let s = self.stdin.as_mut().expect("stdin open");
        s.write_all(bytes).expect("write");
        s.flush().expect("flush");
    }

    fn send(&mut self, v: Value) {
        let body = serde_json::to_vec(&v).expect("json");
        let mut msg = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        msg.extend(body);
        self.raw(&msg);
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// A request's whole response (`result` or `error`).
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let end = Instant::now() + WAIT;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            let v = self
                .rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer to {method}"));
            if v["id"] == json!(id) && v.get("method").is_none() {
                return v;
            }
            self.pending.push_back(v);
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let v = self.call(method, params);
        assert!(v.get("error").is_none(), "{method}: {v}");
        v["result"].clone()
    }

    /// Wait for diagnostics of `uri` that satisfy `ok`; the last ones published.
    fn diagnostics(&mut self, uri: &str, ok: impl Fn(&[Value]) -> bool) -> Value {
        let end = Instant::now() + WAIT;
        let mut last = Value::Null;
        loop {
            let next = match self.pending.pop_front() {
                Some(v) => v,
                None => {
                    let left = end.saturating_duration_since(Instant::now());
                    match self.rx.recv_timeout(left) {
                        Ok(v) => v,
                        Err(_) => panic!("no diagnostics as expected for {uri}; last: {last:#}"),
                    }
                }
            };
            if next["method"] == "textDocument/publishDiagnostics" && next["params"]["uri"] == uri {
                last = next["params"].clone();
                if ok(last["diagnostics"]
                    .as_array()
                    .map_or(&[][..], Vec::as_slice))
                {
                    return last;
                }
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// `shutdown`, `exit`, and the exit code.
    fn finish(mut self, shutdown: bool) -> Option<i32> {
        if shutdown {
            assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        }
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let end = Instant::now() + WAIT;
        loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                return s.code();
            }
            assert!(Instant::now() < end, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

fn codes(d: &[Value]) -> Vec<String> {
    d.iter()
        .map(|x| x["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

fn has(d: &[Value], code: &str) -> bool {
    codes(d).iter().any(|c| c == code)
}

fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

#[test]
fn diagnostics_actions_hover_and_definition_on_unsaved_text() {
    let t = site();
    let monthly = real(t.path(), MONTHLY);
    let annual = real(t.path(), ANNUAL);
    let (m_uri, a_uri) = (uri(&monthly), uri(&annual));
    let m_text = std::fs::read_to_string(&monthly).expect("read");
    let a_text = std::fs::read_to_string(&annual).expect("read");
    let mut c = Client::start(t.path(), Value::Null);

    // The saved posts are clean.
    c.open(&m_uri, &m_text);
    c.diagnostics(&m_uri, <[Value]>::is_empty);
    c.open(&a_uri, &a_text);
    c.diagnostics(&a_uri, <[Value]>::is_empty);

    // An unsaved edit: a total that no longer adds up and a wrong weekday, after an emoji
    // with a variation selector (🏗️ is three UTF-16 units).
    let edited = m_text
        .replace("프론트 5)", "프론트 6)")
        .replace("(수)", "(화)");
    c.change(&m_uri, 2, &edited);
    let p = c.diagnostics(&m_uri, |d| has(d, "N001") && has(d, "D005"));
    assert_eq!(p["version"], 2);
    let d = p["diagnostics"].as_array().expect("list");
    let n001 = d.iter().find(|x| x["code"] == "N001").expect("N001");
    let (line, col) = utf16_position(&edited, "12개");
    assert_eq!(n001["range"]["start"], pos(line, col), "{n001:#}");
    assert_eq!(n001["severity"], 1);
    assert_eq!(n001["source"], "retro-lint");
    // Korean, as the site's config says.
    assert!(
        n001["message"].as_str().expect("message").contains("합"),
        "{n001:#}"
    );
    let d005 = d.iter().find(|x| x["code"] == "D005").expect("D005");
    let (wl, wc) = utf16_position(&edited, "화)");
    assert_eq!(d005["range"]["start"], pos(wl, wc), "{d005:#}");

    // The weekday's safe fix is the preferred quick fix; every finding can be suppressed.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": m_uri}, "range": {"start": pos(wl, 0), "end": pos(wl, 0)}, "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().expect("actions");
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a preferred fix");
    assert_eq!(fix["kind"], "quickfix");
    let edit = &fix["edit"]["changes"][&m_uri][0];
    assert_eq!(edit["newText"], "수");
    assert_eq!(edit["range"]["start"], pos(wl, wc));
    assert!(
        actions.iter().any(
            |a| a["title"].as_str().unwrap_or("").contains("D005") && a["isPreferred"] == false
        )
    );

    // The total: no fix to apply (display-only), a suppression comment on the line before.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": m_uri}, "range": {"start": pos(line, 0), "end": pos(line, 0)}, "context": {"diagnostics": []}}),
    );
    let titles: Vec<String> = actions
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| a["title"].as_str().unwrap_or("").to_owned())
        .collect();
    assert!(
        titles
            .iter()
            .all(|t| !t.contains("바꾸기") || !t.contains("N001")),
        "{titles:?}"
    );
    let suppress = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap_or("")
                .contains("이 줄에서 숨기기: N001")
        })
        .unwrap_or_else(|| panic!("a suppression for N001 in {titles:?}"));
    let e = &suppress["edit"]["changes"][&m_uri][0];
    assert_eq!(e["newText"], "<!-- retro-lint-disable-next-line N001 -->\n");
    assert_eq!(e["range"]["start"], pos(line, 0));

    // Hover on the total: its parts and the arithmetic.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": m_uri}, "position": pos(line, col + 1)}),
    );
    let text = h["contents"]["value"].as_str().expect("hover text");
    assert!(text.contains("12 ≠ 7 + 6 = 13"), "{text}");
    assert!(text.contains("백엔드"), "{text}");

    // The annual post's month row against the open monthly post's unsaved total.
    let broken = edited.replace("30개", "31개");
    c.change(&m_uri, 3, &broken);
    let p = c.diagnostics(&a_uri, |d| has(d, "S006"));
    let s006 = &p["diagnostics"][0];
    assert!(
        s006["message"].as_str().unwrap_or("").contains("31"),
        "{s006:#}"
    );
    let rel = &s006["relatedInformation"];
    assert!(rel.to_string().contains(&m_uri), "{s006:#}");
    // Back as saved: the finding goes.
    c.change(&m_uri, 4, &edited);
    c.diagnostics(&a_uri, |d| !has(d, "S006"));

    // Hover in the annual post: the year's total against the month table.
    let (yl, yc) = utf16_position(&a_text, "50개");
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": a_uri}, "position": pos(yl, yc)}),
    );
    let text = h["contents"]["value"].as_str().expect("hover text");
    assert!(text.contains("50 = 20 + 30 = 50"), "{text}");
    // And on the month row: what the monthly post says.
    let (rl, rc) = utf16_position(&a_text, "30 |");
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": a_uri}, "position": pos(rl, rc)}),
    );
    let text = h["contents"]["value"].as_str().expect("hover text");
    assert!(text.contains("2025-03") && text.contains("30"), "{text}");

    // Definition: the link and the month row lead to the monthly post.
    let (ll, lc) = utf16_position(&a_text, "3월 회고");
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": a_uri}, "position": pos(ll, lc + 1)}),
    );
    assert_eq!(def["uri"], m_uri.as_str(), "{def:#}");
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": a_uri}, "position": pos(rl, rc)}),
    );
    assert_eq!(def["uri"], m_uri.as_str(), "{def:#}");
    // At the figure it states, exact since the post is open.
    let (fl, fc) = utf16_position(&edited, "30개");
    assert_eq!(def["range"]["start"], pos(fl, fc), "{def:#}");

    // Closing the monthly post: its saved text stands for it again, its findings go.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": m_uri}}),
    );
    c.diagnostics(&m_uri, <[Value]>::is_empty);
    assert_eq!(c.finish(true), Some(0));
}

#[test]
fn english_on_request_bad_input_and_unknown_documents() {
    let t = site();
    let config = t.path().join(".retro-lint.yml");
    let mut yml = std::fs::read_to_string(&config).expect("config");
    yml.push_str("max_file_size: 4000\n");
    std::fs::write(&config, yml).expect("config");
    let mut c = Client::start(t.path(), json!({"lang": "en"}));

    // Bytes that are no message are skipped; the server goes on.
    c.raw(b"Content-Length: 7\r\n\r\nnot rpc");
    c.raw(b"Content-Length: 2\r\n\r\n\xff\xfe");
    let r = c.call("no/such/method", json!({}));
    assert_eq!(r["error"]["code"], -32601);

    // A document that is no file: linted alone, in English; an unsafe fix says so.
    let untitled = "untitled:Untitled-1";
    c.open(
        untitled,
        "- **Total issues**: 40\n- **Done**: 30 (80%)\n\n배포: 2025-05-07 (화)\n",
    );
    let p = c.diagnostics(untitled, |d| has(d, "N004") && has(d, "D005"));
    let n004 = p["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["code"] == "N004")
        .expect("N004")
        .clone();
    assert!(
        n004["message"]
            .as_str()
            .unwrap_or("")
            .contains("percentage"),
        "{n004:#}"
    );
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": untitled}, "range": {"start": pos(1, 0), "end": pos(1, 3)}, "context": {"diagnostics": [n004]}}),
    );
    let unsafe_fix = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").contains("unsafe"))
        .unwrap_or_else(|| panic!("an unsafe fix in {actions:#}"));
    assert_eq!(unsafe_fix["isPreferred"], false);
    assert_eq!(unsafe_fix["edit"]["changes"][untitled][0]["newText"], "75");

    // A document over the size limit: one finding, no crash.
    let big = real(t.path(), MONTHLY);
    let text = format!(
        "{}{}",
        std::fs::read_to_string(&big).expect("read"),
        "가".repeat(2000)
    );
    c.open(&uri(&big), &text);
    let p = c.diagnostics(&uri(&big), |d| has(d, "F002"));
    assert_eq!(codes(p["diagnostics"].as_array().expect("list")), ["F002"]);
    // Hover and definition on it, and on a document never opened: nothing.
    for u in [uri(&big), "file:///nowhere/x.md".to_owned()] {
        let h = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": pos(0, 0)}),
        );
        assert_eq!(h, Value::Null);
        let d = c.request(
            "textDocument/definition",
            json!({"textDocument": {"uri": u}, "position": pos(99, 99)}),
        );
        assert_eq!(d, Value::Null);
    }
    // A change to a document that is not open, and params of the wrong shape.
    c.change("file:///nowhere/y.md", 2, "x");
    // A new file in a folder that does not exist: linted as text, alone.
    let nowhere = "file:///nowhere/new%20post.md";
    c.open(nowhere, "배포: 2025-05-07 (화)\n");
    let p = c.diagnostics(nowhere, |d| has(d, "D005"));
    assert_eq!(codes(p["diagnostics"].as_array().expect("list")), ["D005"]);
    let r = c.call("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(r["error"]["code"], -32602);
    // A file of a folder that is no site, with CRLF line breaks and a BOM.
    let lone = t.path().join("lone.md");
    let lone_text = "\u{feff}# 메모\r\n\r\n배포: 2025-05-07 (화)\r\n";
    std::fs::write(&lone, lone_text).expect("write");
    let lone_uri = uri(&std::fs::canonicalize(&lone).expect("canonical"));
    c.open(&lone_uri, lone_text);
    let p = c.diagnostics(&lone_uri, |d| has(d, "D005"));
    // The BOM is one UTF-16 unit of line 0; the finding is on line 2.
    let d005 = p["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["code"] == "D005")
        .expect("D005");
    assert_eq!(d005["range"]["start"], pos(2, 16), "{d005:#}");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": lone_uri}, "range": {"start": pos(2, 0), "end": pos(2, 0)}, "context": {"diagnostics": []}}),
    );
    let line_comment = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").contains("on this line"))
        .expect("a suppression");
    assert_eq!(
        line_comment["edit"]["changes"][&lone_uri][0]["newText"],
        "<!-- retro-lint-disable-next-line D005 -->\r\n"
    );
    // `exit` without `shutdown`: exit code 1, as the protocol says.
    assert_eq!(c.finish(false), Some(1));
}
