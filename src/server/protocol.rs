//! The transport and the message loop. Messages are read on a thread of their own, with
//! bounds: a header line of at most 8 KiB, a message of at most 512 MiB (a larger one is
//! skipped unread), and a message that is not UTF-8 or not JSON-RPC is logged and
//! skipped, never the end of the server. The loop handles every message that has arrived,
//! then checks the documents that changed, so a burst of edits is checked once.

use super::Options;
use super::documents::{Publish, State};
use crate::diagnostic::Lang;
use crate::error::Error;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response, ResponseError};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, HoverProviderCapability,
    InitializeResult, OneOf, PositionEncodingKind, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};
use serde_json::Value;
use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

/// A message may not be longer than this: a post is at most `max_file_size` (32 MiB by
/// default), which JSON's escapes can make a few times longer.
const MAX_MESSAGE: usize = 512 << 20;
const MAX_HEADER_LINE: u64 = 8 << 10;

/// What the loop waits for.
pub enum Event {
    Message(Message),
    /// A message that could not be read, and why.
    Bad(String),
    /// Files changed on disk.
    Files(Vec<PathBuf>),
    /// The client closed the connection.
    Closed,
}

pub fn serve(options: Options) -> Result<i32, Error> {
    let (tx, rx) = channel();
    let reader = tx.clone();
    std::thread::Builder::new()
        .name("retro-lint-lsp-reader".into())
        .spawn(move || read_loop(std::io::stdin().lock(), &reader))
        .map_err(|e| Error::Usage(format!("cannot start the server: {e}")))?;
    let mut server = Server {
        out: std::io::stdout(),
        state: State::new(options, tx),
        shutdown: false,
        files: std::collections::BTreeSet::new(),
    };
    Ok(server.run(&rx))
}

/// Read messages until the input ends or an `exit` notification.
fn read_loop(mut input: impl BufRead, tx: &Sender<Event>) {
    loop {
        let event = match read_message(&mut input) {
            Ok(Some(Ok(m))) => Event::Message(m),
            Ok(Some(Err(why))) => Event::Bad(why),
            Ok(None) | Err(_) => {
                let _ = tx.send(Event::Closed);
                return;
            }
        };
        let exit = matches!(&event, Event::Message(Message::Notification(n)) if n.method == "exit");
        if tx.send(event).is_err() || exit {
            return;
        }
    }
}

/// One message: `Ok(None)` at the end of the input, `Ok(Some(Err(why)))` for a message
/// that could not be read (skipped), `Err` when the input broke off.
fn read_message(input: &mut impl BufRead) -> std::io::Result<Option<Result<Message, String>>> {
    let mut size = None;
    let mut bad = None;
    let mut headers = 0;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if headers == 0 {
                continue;
            }
            break;
        }
        headers += 1;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => size = Some(n),
                    Err(_) => bad = Some(format!("bad Content-Length: {}", value.trim())),
                }
            }
            Some(_) => {}
            None => bad = Some("a header line without a colon".to_owned()),
        }
    }
    let Some(size) = size else {
        return Ok(Some(Err(bad.unwrap_or_else(|| {
            "a message without Content-Length".to_owned()
        }))));
    };
    if size > MAX_MESSAGE {
        std::io::copy(&mut input.by_ref().take(size as u64), &mut std::io::sink())?;
        return Ok(Some(Err(format!(
            "a message of {size} bytes, over the limit of {MAX_MESSAGE}: skipped"
        ))));
    }
    let mut body = vec![0; size];
    input.read_exact(&mut body)?;
    let Ok(text) = String::from_utf8(body) else {
        return Ok(Some(Err("a message that is not UTF-8".to_owned())));
    };
    Ok(Some(serde_json::from_str::<Message>(&text).map_err(|e| {
        format!("a message that is not JSON-RPC: {e}")
    })))
}

struct Server {
    out: std::io::Stdout,
    state: State,
    shutdown: bool,
    /// Files changed on disk, read before the next check.
    files: std::collections::BTreeSet<PathBuf>,
}

impl Server {
    fn send(&mut self, m: Message) {
        let mut out = self.out.lock();
        let _ = m.write(&mut out);
        let _ = out.flush();
    }

    fn respond(&mut self, id: RequestId, result: Result<Value, (ErrorCode, String)>) {
        let response_result = result.map_err(|(code, message)| ResponseError {
            code: code as i32,
            message,
            data: None,
        });
        self.send(Message::Response(Response {
            id,
            response_result,
        }));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification {
            method: method.to_owned(),
            params,
        }));
    }

    fn log(&mut self, message: &str, show: bool) {
        let params = serde_json::json!({ "type": if show { 2 } else { 4 }, "message": message });
        self.notify(
            if show {
                "window/showMessage"
            } else {
                "window/logMessage"
            },
            params,
        );
    }

    fn run(&mut self, rx: &Receiver<Event>) -> i32 {
        // The handshake: `initialize` first; anything else is refused until then.
        loop {
            match rx.recv() {
                Ok(Event::Message(Message::Request(r))) if r.method == "initialize" => {
                    self.initialize(r);
                    break;
                }
                Ok(Event::Message(Message::Request(r))) => self.respond(
                    r.id,
                    Err((ErrorCode::ServerNotInitialized, "not initialized".into())),
                ),
                Ok(Event::Message(Message::Notification(n))) if n.method == "exit" => return 1,
                Ok(Event::Closed) | Err(_) => return 1,
                Ok(_) => {}
            }
        }
        loop {
            let Ok(first) = rx.recv() else { return 1 };
            if let Some(code) = self.handle(first) {
                return code;
            }
            // Everything that has arrived, then one check of what changed.
            while let Ok(next) = rx.try_recv() {
                if let Some(code) = self.handle(next) {
                    return code;
                }
            }
            let files: Vec<PathBuf> = std::mem::take(&mut self.files).into_iter().collect();
            if !files.is_empty() {
                self.guard("reading changed files", |s| s.state.files_changed(files));
            }
            let published = self.guard("checking documents", |s| s.state.flush());
            self.publish(published.unwrap_or_default());
        }
    }

    fn initialize(&mut self, r: Request) {
        let opts = r.params.get("initializationOptions");
        if let Some(l) = opts.and_then(|o| o.get("lang")).and_then(Value::as_str) {
            self.state.options.lang = match l {
                "ko" => Some(Lang::Ko),
                "en" => Some(Lang::En),
                _ => self.state.options.lang,
            };
        }
        if let Some(p) = opts.and_then(|o| o.get("preview")).and_then(Value::as_bool) {
            self.state.options.preview = p;
        }
        let capabilities = ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::FULL),
                    will_save: None,
                    will_save_wait_until: None,
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            ..ServerCapabilities::default()
        };
        let result = InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "retro-lint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        self.respond(r.id, Ok(serde_json::to_value(result).unwrap_or_default()));
    }

    /// Handle one event; `Some(code)` when the server is to exit with it.
    fn handle(&mut self, event: Event) -> Option<i32> {
        match event {
            Event::Closed => return Some(1),
            Event::Bad(why) => self.log(&format!("retro-lint: skipped {why}"), false),
            // Read once the burst of events of one save has arrived (before the check).
            Event::Files(paths) => self.files.extend(paths),
            Event::Message(Message::Notification(n)) => {
                if n.method == "exit" {
                    return Some(if self.shutdown { 0 } else { 1 });
                }
                let method = n.method.clone();
                self.guard(&method, |s| s.notification(n));
            }
            Event::Message(Message::Request(r)) => {
                let id = r.id.clone();
                let method = r.method.clone();
                let result = self
                    .guard(&method, |s| s.request(r))
                    .unwrap_or_else(|| Err((ErrorCode::InternalError, "internal error".into())));
                self.respond(id, result);
            }
            Event::Message(Message::Response(_)) => {}
        }
        self.flush_messages();
        None
    }

    /// Run `f`; a panic (a bug) is logged and the server goes on.
    fn guard<T>(&mut self, what: &str, f: impl FnOnce(&mut Self) -> T) -> Option<T> {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(self))) {
            Ok(v) => Some(v),
            Err(_) => {
                self.log(
                    &format!("retro-lint: internal error while {what}; please report it"),
                    false,
                );
                None
            }
        }
    }

    /// Send the log and user messages the state collected.
    fn flush_messages(&mut self) {
        for m in std::mem::take(&mut self.state.log) {
            self.log(&m, false);
        }
        for m in std::mem::take(&mut self.state.show) {
            self.log(&m, true);
        }
    }

    /// Lint the document again if it changed since, and publish what changed, so that a
    /// request answers from the text the client shows.
    fn refresh(&mut self, uri: &lsp_types::Uri) {
        let fresh = self.state.fresh(uri);
        self.publish(fresh);
    }

    fn publish(&mut self, published: Vec<Publish>) {
        for p in published {
            let params = lsp_types::PublishDiagnosticsParams {
                uri: p.uri,
                diagnostics: p.diagnostics,
                version: p.version,
            };
            self.notify(
                "textDocument/publishDiagnostics",
                serde_json::to_value(params).unwrap_or_default(),
            );
        }
        self.flush_messages();
    }

    fn notification(&mut self, n: Notification) {
        use lsp_types::{
            DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
            DidSaveTextDocumentParams,
        };
        let bad = |s: &mut Self, e: serde_json::Error| {
            s.state
                .log
                .push(format!("retro-lint: bad {} params: {e}", n.method));
        };
        match n.method.as_str() {
            "textDocument/didOpen" => {
                match serde_json::from_value::<DidOpenTextDocumentParams>(n.params.clone()) {
                    Ok(p) => self.state.open(
                        p.text_document.uri,
                        p.text_document.version,
                        p.text_document.text,
                    ),
                    Err(e) => bad(self, e),
                }
            }
            "textDocument/didChange" => {
                match serde_json::from_value::<DidChangeTextDocumentParams>(n.params.clone()) {
                    // Full sync: the last change holds the whole text.
                    Ok(mut p) => {
                        if let Some(c) = p.content_changes.pop() {
                            self.state.change(
                                &p.text_document.uri,
                                p.text_document.version,
                                c.text,
                            );
                        }
                    }
                    Err(e) => bad(self, e),
                }
            }
            "textDocument/didSave" => {
                match serde_json::from_value::<DidSaveTextDocumentParams>(n.params.clone()) {
                    Ok(p) => self.state.touch(&p.text_document.uri),
                    Err(e) => bad(self, e),
                }
            }
            "textDocument/didClose" => {
                match serde_json::from_value::<DidCloseTextDocumentParams>(n.params.clone()) {
                    Ok(p) => {
                        let closed = self.state.close(&p.text_document.uri);
                        self.publish(closed.into_iter().collect());
                    }
                    Err(e) => bad(self, e),
                }
            }
            _ => {}
        }
    }

    fn request(&mut self, r: Request) -> Result<Value, (ErrorCode, String)> {
        use lsp_types::{CodeActionParams, GotoDefinitionParams, HoverParams};
        if self.shutdown {
            return Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            ));
        }
        let invalid = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        let json = |v: Result<Value, serde_json::Error>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        match r.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "initialize" => Err((ErrorCode::InvalidRequest, "already initialized".into())),
            "textDocument/codeAction" => {
                let p: CodeActionParams = serde_json::from_value(r.params).map_err(invalid)?;
                let uri = p.text_document.uri;
                self.refresh(&uri);
                let Some((doc, site)) = self.state.doc_and_site(&uri) else {
                    return Ok(Value::Null);
                };
                json(serde_json::to_value(super::actions::code_actions(
                    doc,
                    p.range,
                    site,
                    &self.state,
                )))
            }
            "textDocument/hover" => {
                let p: HoverParams = serde_json::from_value(r.params).map_err(invalid)?;
                let uri = p.text_document_position_params.text_document.uri;
                self.refresh(&uri);
                let Some((doc, site)) = self.state.doc_and_site(&uri) else {
                    return Ok(Value::Null);
                };
                let offset = doc.offset(p.text_document_position_params.position);
                json(serde_json::to_value(super::hover::hover(doc, offset, site)))
            }
            "textDocument/definition" => {
                let p: GotoDefinitionParams = serde_json::from_value(r.params).map_err(invalid)?;
                let uri = p.text_document_position_params.text_document.uri;
                self.refresh(&uri);
                let Some((doc, Some(site))) = self.state.doc_and_site(&uri) else {
                    return Ok(Value::Null);
                };
                let offset = doc.offset(p.text_document_position_params.position);
                json(serde_json::to_value(super::definition::definition(
                    doc,
                    offset,
                    site,
                    &self.state,
                )))
            }
            m => Err((ErrorCode::MethodNotFound, format!("unknown method {m}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Vec<String> {
        let mut input = std::io::Cursor::new(bytes.to_vec());
        let mut out = Vec::new();
        loop {
            match read_message(&mut input) {
                Ok(Some(Ok(m))) => out.push(format!(
                    "ok {}",
                    serde_json::to_string(&m).unwrap_or_default()
                )),
                Ok(Some(Err(why))) => out.push(format!("bad {why}")),
                Ok(None) => break,
                Err(e) => {
                    out.push(format!("err {e}"));
                    break;
                }
            }
        }
        out
    }

    #[test]
    fn bad_messages_are_skipped_not_fatal() {
        let ok = br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = Vec::new();
        input.extend_from_slice(b"Content-Length: 5\r\n\r\nnope!");
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n\xff\xfe");
        input.extend_from_slice(b"Content-Length: 99999999999\r\n\r\n");
        input.extend_from_slice(b"Content-Length: x\r\n\r\n");
        input.extend_from_slice(format!("Content-Length: {}\r\n\r\n", ok.len()).as_bytes());
        input.extend_from_slice(ok);
        input.extend_from_slice(b"Content-Length: 10\r\n\r\n{\"a\"");
        let got = read(&input);
        assert!(
            got[0].starts_with("bad a message that is not JSON-RPC"),
            "{got:?}"
        );
        assert_eq!(got[1], "bad a message that is not UTF-8");
        assert!(got[2].contains("over the limit"), "{got:?}");
        // The oversized message was skipped to the end of the input.
        assert_eq!(got.len(), 3, "{got:?}");
        let got = read(&input[input.len() - ok.len() - 60..]);
        assert!(got.iter().any(|g| g.starts_with("ok ")), "{got:?}");
        let got = read(b"Content-Length: x\r\n\r\nContent-Length: 2\r\n\r\n{}");
        assert_eq!(got[0], "bad bad Content-Length: x");
    }
}
