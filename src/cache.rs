//! The site index cache: the summary of every post of a site (front matter, period, URL,
//! figures), kept between runs so linting one file of a large site (a pre-commit hook)
//! does not read and parse every other post again.
//!
//! One JSON file per site in `.retro-lint-cache/` at the site root (or `--cache-dir`),
//! named by a fingerprint of the tool build and the site layout, so a new version or a
//! changed config never reads an old summary. An entry is used when the file's size and
//! modification time are unchanged, or, when they changed, when the content hash is the
//! same. The folder is safe to delete at any time; `--no-cache` neither reads nor writes it.
//!
//! The cache never writes outside a folder retro-lint made or marked as its own: a folder
//! that is a symbolic link is not used; an existing folder that is not a retro-lint cache
//! (a `--cache-dir` that holds other things) gets a `retro-lint/` sub-folder instead; files
//! are created new (never written through a link or over a file it did not make) and
//! renamed into place; the index is read only from a regular file of bounded size.

use crate::safe_fs;
use crate::site::{Layout, SitePost};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// The cache folder's name at the site root.
pub const DIR: &str = ".retro-lint-cache";

/// A file changed less than this long before the cache was written may change again within
/// the same modification time: its entry is checked by hash (as git does for racy entries).
const RACY_NS: u128 = 2_000_000_000;

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    size: u64,
    mtime_ns: u128,
    hash: u64,
    /// The figures were read (a full model), not only the front matter.
    full: bool,
    post: SitePost,
}

/// The first line of the file; each further line is one `[path, entry]`, so the lines are
/// read in parallel.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Header {
    written_ns: u128,
}

/// The cache of one run: what was read from disk, and what this run learned.
pub struct Cache {
    /// The folder asked for (`--cache-dir`, or `.retro-lint-cache/` at the site root).
    dir: PathBuf,
    /// The index file's name in it.
    name: String,
    /// The start of the names of this site's cache files ([`site_prefix`]).
    prefix: String,
    written_ns: u128,
    old: HashMap<PathBuf, Entry>,
    /// Old entries still right, by key.
    kept: Mutex<Vec<PathBuf>>,
    /// Entries made by this run.
    new: Mutex<Vec<(PathBuf, Entry)>>,
    changed: std::sync::atomic::AtomicBool,
}

/// What a lookup found.
pub enum Lookup {
    Hit(Box<SitePost>),
    /// Not cached or stale; the file's hash, size and time when they were read.
    Miss(Option<Stamp>),
}

/// A file's size, modification time and content hash, as seen by this run.
#[derive(Clone, Copy)]
pub struct Stamp {
    size: u64,
    mtime_ns: u128,
    hash: u64,
}

impl Cache {
    /// Open the cache of the site with this layout in `dir` (nothing on disk yet is fine).
    /// `posts`: how many posts the site has, which bounds the size of an index worth
    /// reading.
    pub fn open(dir: &Path, layout: &Layout, posts: usize) -> Cache {
        let prefix = site_prefix(layout);
        let name = format!("{prefix}{:016x}.jsonl", fingerprint(layout));
        // About 1 KiB per post is usual; far more is not an index this run wrote.
        let limit = (1 << 20) + 16_384 * posts as u64;
        let bytes = own_folder(dir, false)
            .and_then(|d| safe_fs::read_bounded(&d.join(&name), limit, true).ok())
            .unwrap_or_default();
        let mut lines = bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty());
        let header = lines
            .next()
            .and_then(|l| serde_json::from_slice::<Header>(l).ok());
        let lines: Vec<&[u8]> = lines.collect();
        // A damaged line loses its entry; a damaged header loses the file.
        let old = match header {
            Some(_) => lines
                .par_iter()
                .filter_map(|l| serde_json::from_slice::<(PathBuf, Entry)>(l).ok())
                .collect(),
            None => HashMap::new(),
        };
        Cache {
            dir: dir.to_path_buf(),
            name,
            prefix,
            written_ns: header.map_or(0, |h| h.written_ns),
            old,
            kept: Default::default(),
            new: Default::default(),
            changed: Default::default(),
        }
    }

    /// The summary of the file at `path` (`key`: its absolute path), when the cached one is
    /// still right and has figures if `need_full`.
    pub fn get(&self, path: &Path, key: &Path, need_full: impl Fn(&SitePost) -> bool) -> Lookup {
        let Some(e) = self.old.get(key) else {
            return Lookup::Miss(None);
        };
        let Ok(meta) = std::fs::metadata(path) else {
            return Lookup::Miss(None);
        };
        let mtime_ns = mtime(&meta);
        let same_stat = e.size == meta.len() && e.mtime_ns == mtime_ns && mtime_ns > 0;
        let racy = mtime_ns + RACY_NS >= self.written_ns;
        let stamp = if same_stat && !racy {
            Stamp {
                size: e.size,
                mtime_ns,
                hash: e.hash,
            }
        } else {
            match stamp_of(path) {
                Some(s) if s.hash == e.hash && s.size == e.size => s,
                other => return Lookup::Miss(other),
            }
        };
        if !e.full && need_full(&e.post) {
            return Lookup::Miss(Some(stamp));
        }
        let mut post = e.post.clone();
        post.path = path.to_path_buf();
        if (stamp.size, stamp.mtime_ns) == (e.size, e.mtime_ns) {
            if let Ok(mut k) = self.kept.lock() {
                k.push(key.to_path_buf());
            }
        } else {
            // Same content, new time (a checkout): store the new time.
            self.put(path, key, Some(stamp), e.full, &post);
        }
        Lookup::Hit(Box::new(post))
    }

    /// Remember a summary made by this run.
    pub fn put(&self, path: &Path, key: &Path, stamp: Option<Stamp>, full: bool, post: &SitePost) {
        let Some(stamp) = stamp.or_else(|| stamp_of(path)) else {
            return;
        };
        // The same content read the same way gives the same summary.
        let same = self.old.get(key).is_some_and(|e| {
            (e.size, e.mtime_ns, e.hash, e.full) == (stamp.size, stamp.mtime_ns, stamp.hash, full)
        });
        if same {
            if let Ok(mut k) = self.kept.lock() {
                k.push(key.to_path_buf());
            }
            return;
        }
        self.changed
            .store(true, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut m) = self.new.lock() {
            m.push((
                key.to_path_buf(),
                Entry {
                    size: stamp.size,
                    mtime_ns: stamp.mtime_ns,
                    hash: stamp.hash,
                    full,
                    post: post.clone(),
                },
            ));
        }
    }

    /// Write the entries of this run (files no longer in the site are dropped), when any
    /// changed. Errors are ignored: a cache that cannot be written only costs time.
    pub fn save(self) {
        let mut new = self.new.into_inner().unwrap_or_default();
        let mut kept = self.kept.into_inner().unwrap_or_default();
        kept.sort_unstable();
        kept.dedup();
        let changed = self.changed.into_inner() || kept.len() != self.old.len();
        if !changed {
            return;
        }
        let mut old = self.old;
        new.extend(kept.into_iter().filter_map(|k| old.remove_entry(&k)));
        new.sort_by(|a, b| a.0.cmp(&b.0));
        new.dedup_by(|a, b| a.0 == b.0);
        let Some(dir) = own_folder(&self.dir, true) else {
            return;
        };
        safe_fs::remove_stale_temps(&dir);
        // This site's caches of other builds or layouts are stale; other sites' (a shared
        // `--cache-dir`) are not. Only regular files named as this site's caches go.
        if let Ok(rd) = std::fs::read_dir(&dir) {
            for e in rd.flatten() {
                let name = e.file_name();
                let name = name.to_string_lossy();
                if name.starts_with(&self.prefix)
                    && name.ends_with(".jsonl")
                    && *name != self.name
                    && e.file_type().is_ok_and(|t| t.is_file())
                {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        let header = Header {
            written_ns: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        };
        let Ok(mut bytes) = serde_json::to_vec(&header) else {
            return;
        };
        for e in &new {
            bytes.push(b'\n');
            if serde_json::to_writer(&mut bytes, e).is_err() {
                return;
            }
        }
        bytes.push(b'\n');
        // Written whole to a new temporary file, then renamed: a reader sees the old or the
        // new index, and a rename replaces a planted link instead of writing through it.
        let Ok((tmp, mut file)) = safe_fs::temp_file(&dir, &self.name) else {
            return;
        };
        let written = std::io::Write::write_all(&mut file, &bytes);
        drop(file);
        if written.is_err() || std::fs::rename(&tmp, dir.join(&self.name)).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

/// What marks a folder as a retro-lint cache: the cache directory tag other tools also
/// write (backup tools skip the folder), with our name in it.
const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by retro-lint.\n";

/// The folder the cache may use for `dir`: `dir` itself when retro-lint made it (or it is
/// new or empty, and then marked as ours), else a `retro-lint/` sub-folder of it under the
/// same terms. A symbolic link, a file, or a folder that holds other things is never used.
/// With `create`, missing folders are made and marked; without, nothing is written.
fn own_folder(dir: &Path, create: bool) -> Option<PathBuf> {
    match claim(dir, create) {
        Claim::Ours => Some(dir.to_path_buf()),
        Claim::Other => {
            let sub = dir.join("retro-lint");
            matches!(claim(&sub, create), Claim::Ours).then_some(sub)
        }
        Claim::Refused => None,
    }
}

enum Claim {
    Ours,
    /// An existing folder that is not a retro-lint cache.
    Other,
    /// A link, a file, or a folder that cannot be made.
    Refused,
}

fn claim(dir: &Path, create: bool) -> Claim {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() || !m.is_dir() => Claim::Refused,
        Ok(_) => {
            let tag = safe_fs::read_bounded(&dir.join("CACHEDIR.TAG"), 4096, true);
            if tag.is_ok_and(|t| t == TAG.as_bytes()) {
                Claim::Ours
            } else if std::fs::read_dir(dir).is_ok_and(|mut rd| rd.next().is_none()) {
                if create && mark(dir) {
                    Claim::Ours
                } else {
                    Claim::Refused
                }
            } else {
                Claim::Other
            }
        }
        Err(_) if !create => Claim::Refused,
        Err(_) => {
            let made = dir
                .parent()
                .is_none_or(|p| p.as_os_str().is_empty() || std::fs::create_dir_all(p).is_ok())
                && std::fs::create_dir(dir).is_ok();
            if made && mark(dir) {
                Claim::Ours
            } else {
                Claim::Refused
            }
        }
    }
}

/// Mark a folder retro-lint made (or found empty) as its cache, and keep it out of version
/// control and backups, as other tools' caches do. Files are created new, never replaced.
fn mark(dir: &Path) -> bool {
    let _ = safe_fs::create_new(&dir.join(".gitignore"), b"# Created by retro-lint.\n*\n");
    safe_fs::create_new(&dir.join("CACHEDIR.TAG"), TAG.as_bytes()).is_ok()
}

/// The stamp of a file now: its size, time and content hash.
pub fn stamp_of(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    let bytes = std::fs::read(path).ok()?;
    stamp_from(&meta, &bytes)
}

/// The stamp of `bytes` read from a file after `meta` was taken (so a change during the
/// read leaves a time older than the file's, and the next run hashes it again); `None`
/// when the size changed meanwhile.
pub fn stamp_from(meta: &std::fs::Metadata, bytes: &[u8]) -> Option<Stamp> {
    if meta.len() != bytes.len() as u64 {
        return None;
    }
    Some(Stamp {
        size: meta.len(),
        mtime_ns: mtime(meta),
        hash: content_hash(bytes),
    })
}

/// A hash of a file's bytes, to tell whether it changed (not across builds of the tool).
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

fn mtime(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// The start of the cache file names of the site at the layout's root.
fn site_prefix(layout: &Layout) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    layout.root.hash(&mut h);
    format!("index-{:016x}-", h.finish())
}

/// The build of this tool and the site's layout: a summary made by another build or for
/// another layout is never read. The executable's size and time stand for the build, so a
/// rebuilt development binary does not read summaries of the old code.
fn fingerprint(layout: &Layout) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    if let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) {
        meta.len().hash(&mut h);
        mtime(&meta).hash(&mut h);
    }
    format!("{layout:?}").hash(&mut h);
    h.finish()
}
