//! Open documents, the sites they belong to, and linting them.
//!
//! Each site (by its top folder) is indexed once, when the first of its posts is opened,
//! with the texts of the open documents in place of their files. After that, a changed
//! document is modelled once, its summary replaces the one in the index, and it is checked
//! against the warm site; when what other posts read of it changed (its figures, URL,
//! period), the other open documents of the site are checked again too. Files changed on
//! disk (a `git pull`, another editor) are read again through a file watcher; a changed
//! `.retro-lint.yml` re-indexes its site.

use super::Options;
use super::position::LineIndex;
use super::protocol::Event;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Lang};
use crate::engine::{self, Change, LintOptions, Texts, WarmSite};
use crate::fs_watch::{RecursiveMode, Watcher};
use crate::post::Post;
use crate::site::Site;
use crate::source::Span;
use lsp_types::{Position, Range, Uri};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

/// An open document.
pub struct Doc {
    pub uri: Uri,
    pub version: i32,
    /// The text as the editor holds it.
    pub text: String,
    pub lines: LineIndex,
    /// The file it stands for; `None` for a document that is no file (`untitled:`).
    pub path: Option<PathBuf>,
    /// The top folder of its site (a key of [`State::sites`]).
    pub site: Option<PathBuf>,
    /// Bytes of a byte order mark at the start of `text`: the model leaves it out, so a
    /// model offset is this much less than an offset into `text`.
    pub bom: usize,
    /// The model of the text, built once per change; hover and definition read it.
    pub post: Option<Post>,
    pub diagnostics: Vec<Diagnostic>,
    /// The text changed since it was last checked.
    pub changed: bool,
    /// To be checked again (its text or a post it reads changed).
    pub stale: bool,
    pub lang: Lang,
}

impl Doc {
    /// The LSP range of a span of the model.
    pub fn range(&self, span: Span) -> Range {
        self.lines.range(&self.text, span.shift(self.bom))
    }
    /// The model offset of an LSP position.
    pub fn offset(&self, pos: Position) -> usize {
        self.lines.offset(&self.text, pos).saturating_sub(self.bom)
    }
}

/// A site with open documents.
pub struct SiteState {
    pub warm: WarmSite,
    /// The config's `lang`.
    pub lang: Option<Lang>,
}

pub struct State {
    pub options: Options,
    pub docs: HashMap<Uri, Doc>,
    pub sites: HashMap<PathBuf, SiteState>,
    /// Messages for the client's log (`window/logMessage`), and for its user
    /// (`window/showMessage`).
    pub log: Vec<String>,
    pub show: Vec<String>,
    events: Sender<Event>,
    watcher: Option<notify::RecommendedWatcher>,
    watched: HashSet<PathBuf>,
}

/// What a change of documents asks the client to show.
pub struct Publish {
    pub uri: Uri,
    pub version: Option<i32>,
    pub diagnostics: Vec<lsp_types::Diagnostic>,
}

impl State {
    pub fn new(options: Options, events: Sender<Event>) -> State {
        State {
            options,
            docs: HashMap::new(),
            sites: HashMap::new(),
            log: Vec::new(),
            show: Vec::new(),
            events,
            watcher: None,
            watched: HashSet::new(),
        }
    }

    pub fn open(&mut self, uri: Uri, version: i32, text: String) {
        let path = uri_to_path(&uri);
        let site = path.as_deref().and_then(|p| self.site_of(p, &text));
        let lang = self.lang(site.as_ref().and_then(|s| self.sites.get(s)));
        let doc = Doc {
            uri: uri.clone(),
            version,
            lines: LineIndex::new(&text),
            bom: if text.starts_with(crate::source::BOM) {
                crate::source::BOM.len()
            } else {
                0
            },
            text,
            path,
            site,
            post: None,
            diagnostics: Vec::new(),
            changed: true,
            stale: true,
            lang,
        };
        self.docs.insert(uri, doc);
    }

    pub fn change(&mut self, uri: &Uri, version: i32, text: String) {
        if let Some(d) = self.docs.get_mut(uri) {
            d.version = version;
            d.lines = LineIndex::new(&text);
            d.bom = if text.starts_with(crate::source::BOM) {
                crate::source::BOM.len()
            } else {
                0
            };
            d.text = text;
            d.changed = true;
            d.stale = true;
        } else {
            self.log.push(format!(
                "didChange for a document that is not open: {}",
                uri.as_str()
            ));
        }
    }

    /// Check the document again (saved: what it reads on disk may have changed too).
    pub fn touch(&mut self, uri: &Uri) {
        if let Some(d) = self.docs.get_mut(uri) {
            d.stale = true;
        }
    }

    /// Close a document: its file (as saved) stands for it again, and its findings go.
    pub fn close(&mut self, uri: &Uri) -> Option<Publish> {
        let doc = self.docs.remove(uri)?;
        if let (Some(path), Some(root)) = (&doc.path, &doc.site)
            && let Some(s) = self.sites.get_mut(root)
        {
            let change = if path.is_file() {
                s.warm.refresh(path)
            } else {
                s.warm.remove(path)
            };
            self.after(root, change, None);
        }
        Some(Publish {
            uri: doc.uri,
            version: None,
            diagnostics: Vec::new(),
        })
    }

    /// Files changed on disk: read them again where no open document stands for them; a
    /// changed config indexes its site anew.
    pub fn files_changed(&mut self, paths: Vec<PathBuf>) {
        let open: HashSet<&PathBuf> = self.docs.values().filter_map(|d| d.path.as_ref()).collect();
        let mut reindex = BTreeSet::new();
        let mut changes: Vec<(PathBuf, Change)> = Vec::new();
        for p in paths {
            if open.contains(&p) {
                continue;
            }
            let is_config = p.file_name().is_some_and(|n| n == ".retro-lint.yml");
            let is_post = p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "md" | "markdown" | "mdx"));
            for (root, s) in self.sites.iter_mut() {
                if !p.starts_with(root) {
                    continue;
                }
                if is_config {
                    reindex.insert(root.clone());
                } else if is_post {
                    let change = if p.is_file() {
                        s.warm.refresh(&p)
                    } else {
                        s.warm.remove(&p)
                    };
                    changes.push((root.clone(), change));
                }
            }
        }
        for (root, change) in changes {
            self.after(&root, change, None);
        }
        for root in reindex {
            self.sites.remove(&root);
            let mut first = None;
            for d in self.docs.values_mut() {
                if d.site.as_ref() == Some(&root) {
                    d.changed = true;
                    d.stale = true;
                    first = first.or(d.path.clone());
                }
            }
            if let Some(p) = first {
                let text = self
                    .docs
                    .values()
                    .find(|d| d.path.as_ref() == Some(&p))
                    .map(|d| d.text.clone())
                    .unwrap_or_default();
                let site = self.site_of(&p, &text);
                let lang = self.lang(site.as_ref().and_then(|s| self.sites.get(s)));
                for d in self.docs.values_mut() {
                    if d.site.as_ref() == Some(&root) {
                        d.lang = lang;
                        d.site.clone_from(&site);
                    }
                }
            }
        }
    }

    /// After a post of the site at `root` changed: when other posts read what changed,
    /// the open documents of the site are checked again (but `except`).
    fn after(&mut self, root: &Path, change: Change, except: Option<&Uri>) {
        if change == Change::None {
            return;
        }
        for d in self.docs.values_mut() {
            if d.site.as_deref() == Some(root) && Some(&d.uri) != except {
                d.stale = true;
            }
        }
    }

    /// The message language: the client's or `--lang`, else a Korean or English locale,
    /// else the config's, as the command line chooses it.
    fn lang(&self, site: Option<&SiteState>) -> Lang {
        self.options
            .lang
            .or_else(Lang::from_env)
            .or(site.and_then(|s| s.lang))
            .unwrap_or_default()
    }

    /// The site of a file: indexed the first time one of its posts is opened.
    fn site_of(&mut self, path: &Path, text: &str) -> Option<PathBuf> {
        let mut config = match engine::load_config(self.options.config.as_deref(), path) {
            Ok(c) => c,
            Err(e) => {
                self.show.push(format!(
                    "retro-lint: {e} (linting with the default settings)"
                ));
                Config::default()
            }
        };
        config.preview |= self.options.preview;
        let root = Site::find_root(path, &config);
        if self.sites.contains_key(&root) {
            return Some(root);
        }
        let mut texts: Texts = self
            .docs
            .values()
            .filter_map(|d| Some((d.path.clone()?, d.text.clone())))
            .filter(|(p, _)| p.starts_with(&root))
            .collect();
        texts.insert(path.to_path_buf(), text.to_owned());
        let opts = LintOptions {
            cache: self.options.cache,
            ..LintOptions::default()
        };
        let lang = config.lang;
        let started = std::time::Instant::now();
        match WarmSite::index(&[path.to_path_buf()], config, &opts, &texts) {
            Ok(warm) => {
                let n = warm.site.posts.len();
                self.log.push(format!(
                    "indexed {n} {} of the site at {} in {} ms",
                    if n == 1 { "post" } else { "posts" },
                    root.display(),
                    started.elapsed().as_millis()
                ));
                for n in &warm.report.notes {
                    self.log.push(n.en.clone());
                }
                let dirs = std::iter::once((root.clone(), RecursiveMode::NonRecursive))
                    .chain(
                        warm.site
                            .content_roots
                            .iter()
                            .map(|r| (r.clone(), RecursiveMode::Recursive)),
                    )
                    .collect::<Vec<_>>();
                self.sites.insert(root.clone(), SiteState { warm, lang });
                self.watch(dirs);
                Some(root)
            }
            Err(e) => {
                self.show.push(format!("retro-lint: {e}"));
                None
            }
        }
    }

    /// Watch folders for changes made outside the editor.
    fn watch(&mut self, dirs: Vec<(PathBuf, RecursiveMode)>) {
        if self.watcher.is_none() {
            let tx = self.events.clone();
            match crate::fs_watch::watcher(move |paths| {
                let _ = tx.send(Event::Files(paths));
            }) {
                Ok(w) => self.watcher = Some(w),
                Err(e) => {
                    self.log.push(format!(
                        "cannot watch files ({e}): changes made outside the editor are seen when a post is opened again"
                    ));
                    return;
                }
            }
        }
        let Some(w) = self.watcher.as_mut() else {
            return;
        };
        for (dir, mode) in dirs {
            if !dir.is_dir() || !self.watched.insert(dir.clone()) {
                continue;
            }
            if let Err(e) = w.watch(&dir, mode) {
                self.log
                    .push(format!("cannot watch {}: {e}", dir.display()));
            }
        }
    }

    /// Check every document that needs it, and say what to publish.
    pub fn flush(&mut self) -> Vec<Publish> {
        // 1. Each changed text modelled once, its summary in its site's index.
        let changed: Vec<Uri> = self
            .docs
            .values()
            .filter(|d| d.changed)
            .map(|d| d.uri.clone())
            .collect();
        for uri in changed {
            let Some(d) = self.docs.get_mut(&uri) else {
                continue;
            };
            d.changed = false;
            let site = d.site.as_ref().and_then(|r| self.sites.get_mut(r));
            let (post, change) = match (site, &d.path) {
                (Some(s), Some(path)) => {
                    let post = s.warm.model(path, &d.text);
                    let change = s.warm.put(&post);
                    (post, change)
                }
                _ => (lone_model(d, &self.options), Change::None),
            };
            d.post = Some(post);
            if let Some(root) = d.site.clone() {
                self.after(&root, change, Some(&uri));
            }
        }
        // 2. Each stale document checked against its site (or alone).
        let mut out = Vec::new();
        let stale: Vec<Uri> = self
            .docs
            .values()
            .filter(|d| d.stale)
            .map(|d| d.uri.clone())
            .collect();
        for uri in stale {
            if let Some(p) = self.check(&uri) {
                out.push(p);
            }
        }
        out
    }

    /// Check one document now if it needs it (a request about it must see its text).
    pub fn fresh(&mut self, uri: &Uri) -> Vec<Publish> {
        match self.docs.get(uri) {
            Some(d) if d.changed => self.flush(),
            Some(d) if d.stale => self.check(uri).into_iter().collect(),
            _ => Vec::new(),
        }
    }

    fn check(&mut self, uri: &Uri) -> Option<Publish> {
        let d = self.docs.get_mut(uri)?;
        d.stale = false;
        let post = d.post.as_ref()?;
        let site = d.site.as_ref().and_then(|r| self.sites.get(r));
        d.diagnostics = match site {
            Some(s) => s.warm.check(post),
            None => lone_check(d, &self.options),
        };
        let d = &self.docs[uri];
        let site = d.site.as_ref().and_then(|r| self.sites.get(r));
        Some(Publish {
            uri: d.uri.clone(),
            version: Some(d.version),
            diagnostics: d
                .diagnostics
                .iter()
                .map(|x| super::diagnostics::to_lsp(x, d, site.map(|s| &s.warm.site), self))
                .collect(),
        })
    }

    /// The open document standing for a file, if any.
    /// An open document and the warm site it belongs to, if any.
    pub fn doc_and_site(&self, uri: &Uri) -> Option<(&Doc, Option<&Site>)> {
        let doc = self.docs.get(uri)?;
        let site = doc
            .site
            .as_ref()
            .and_then(|r| self.sites.get(r))
            .map(|s| &s.warm.site);
        Some((doc, site))
    }

    pub fn doc_at(&self, path: &Path) -> Option<&Doc> {
        self.docs.values().find(|d| d.path.as_deref() == Some(path))
    }
}

/// The config of a document that is no file: `--config`, else the defaults.
fn lone_config(options: &Options) -> Config {
    let mut config = options
        .config
        .as_deref()
        .and_then(|p| Config::load(p).ok())
        .unwrap_or_default();
    config.preview |= options.preview;
    config
}

/// The path a document that is no file is linted as: its URI's last segment.
fn lone_path(d: &Doc) -> PathBuf {
    let s = d.uri.as_str();
    let name = s.rsplit(['/', ':']).next().unwrap_or("untitled.md");
    PathBuf::from(if name.is_empty() { "untitled.md" } else { name })
}

fn lone_model(d: &Doc, options: &Options) -> Post {
    let config = lone_config(options);
    let max = config
        .max_file_size
        .unwrap_or(engine::DEFAULT_MAX_FILE_SIZE);
    if d.text.len() as u64 > max {
        let mut post = Post::from_bytes(lone_path(d), Vec::new());
        post.not_text = Some(crate::source::NotText::TooLarge {
            size: d.text.len() as u64,
            limit: max,
        });
        return post;
    }
    Post::from_bytes_limited(
        lone_path(d),
        d.text.as_bytes().to_vec(),
        config.max_elements(),
    )
}

/// A document that is no file, linted alone (no site).
fn lone_check(d: &Doc, options: &Options) -> Vec<Diagnostic> {
    engine::lint_bytes(
        &lone_path(d),
        d.text.as_bytes().to_vec(),
        &lone_config(options),
    )
}

/// The path of a `file:` URI (percent-decoded); `None` for other schemes.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s
        .strip_prefix("file://")
        .or_else(|| s.strip_prefix("FILE://"))?;
    // `file://host/path`: only the local host.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) if &rest[..i] == "localhost" => &rest[i..],
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path);
    // `/C:/x` on Windows is `C:/x`.
    #[cfg(windows)]
    let bytes = if bytes.len() > 2 && bytes[0] == b'/' && bytes[2] == b':' {
        bytes[1..].to_vec()
    } else {
        bytes
    };
    bytes_to_path(bytes)
}

#[cfg(unix)]
fn bytes_to_path(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(not(unix))]
fn bytes_to_path(bytes: Vec<u8>) -> Option<PathBuf> {
    String::from_utf8(bytes).ok().map(PathBuf::from)
}

fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// The `file:` URI of a path (absolute, or made so), percent-encoded.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let abs = crate::site::absolute(path);
    let s = abs.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_and_paths() {
        let p = Path::new("/tmp/회고 2025/a%b.md");
        let uri = path_to_uri(p).expect("uri");
        assert_eq!(
            uri.as_str(),
            "file:///tmp/%ED%9A%8C%EA%B3%A0%202025/a%25b.md"
        );
        assert_eq!(uri_to_path(&uri).as_deref(), Some(p));
        let other: Uri = "untitled:Untitled-1".parse().expect("uri");
        assert_eq!(uri_to_path(&other), None);
        let host: Uri = "file://server/share/a.md".parse().expect("uri");
        assert_eq!(uri_to_path(&host), None);
        // A lone `%` stays as it is.
        assert_eq!(percent_decode("a%2"), b"a%2");
    }
}
