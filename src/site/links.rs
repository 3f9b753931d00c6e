//! Where a link in a post leads: a post, a file, nowhere, or outside the site.

use super::paths::dir_entries;
use super::url::join_url;
use super::{Loc, Site, SitePost, absolute, percent_decode, url_key};
use crate::post::period;
use std::path::Path;

/// Where a link in a post leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Another site, a mail address, a fragment of this page, a template expression.
    External,
    /// A built post (its URL or one of its aliases).
    Post(usize),
    /// A file of the site (an image, a source file, a folder).
    File,
    /// Not checkable: outside the URLs the site index knows (a tag page, a generated file),
    /// or matching a post whose URL is only guessed.
    Unknown,
    /// Resolves to nothing.
    Broken(Broken),
}

/// Why a link leads nowhere. Only what the site's own structure proves is claimed: a URL
/// folder of posts whose URLs are certain, a folder of files we can see. Pages we cannot see
/// (page sources that are not Markdown, stripped assets, posts outside the indexed folders)
/// are no evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Broken {
    /// A root-relative or site-absolute URL that names a period in the URL folder of posts
    /// with certain URLs, where no post has it; or a file missing from a folder we can see.
    NoPost,
    /// A relative link to a file missing from a folder we can see.
    NoFile,
    /// A URL in a folder of posts that no post there has, naming no period the folder's
    /// posts would prove missing: the folder may hold pages we cannot see, so this is a
    /// guess.
    Unlisted,
    /// The URL of a post the site does not build.
    Unbuilt(usize),
    /// The URL of a post, but for letter case.
    Case(usize),
}

impl Broken {
    /// Whether the finding rests on a guess about pages we cannot see.
    pub fn is_guess(&self) -> bool {
        matches!(self, Broken::Unlisted)
    }
}

/// Whether we can see what `folder` holds of files like `name`: Markdown files are always
/// there to see; other files (images) only where the folder holds other assets, since
/// assets are often kept out of the repository or stripped from a copy of it.
fn folder_shows(folder: &Path, name: &str) -> bool {
    if !folder.is_dir() {
        return false;
    }
    let ext = |n: &str| n.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let is = |n: &str, list: &[&str]| ext(n).is_some_and(|e| list.contains(&e.as_str()));
    if is(name, PAGES) {
        return true;
    }
    dir_entries(folder).any(|e| {
        let n = e.file_name();
        let n = n.to_string_lossy();
        e.file_type().is_ok_and(|t| t.is_file())
            && ext(&n).is_some()
            && !is(&n, PAGES)
            && !is(&n, CONFIGS)
    })
}

/// Extensions of pages, and of a generator's config and code: neither is an asset.
const PAGES: &[&str] = &["md", "mdx", "markdown", "html", "htm"];
const CONFIGS: &[&str] = &[
    "yml", "yaml", "toml", "json", "js", "mjs", "cjs", "ts", "lock",
];

/// Whether a URL segment names a file by its extension (`a.png`, `notes.md`), not a page
/// (`v1.2-release`).
fn is_file_name(seg: &str) -> bool {
    seg.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
            && ext.bytes().any(|b| b.is_ascii_alphabetic())
    })
}

/// A link destination split for checking and rewriting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkTarget {
    /// The path part as written (`/a/b.html`, `../x.md`), without fragment and query.
    pub path: String,
    /// Bytes of the destination before the path (`https://host`), kept by a rewrite.
    pub prefix: String,
    /// `#fragment` or `?query` after the path, kept by a rewrite.
    pub suffix: String,
    pub relative: bool,
}

impl Site {
    /// The normalised key of a link target inside this site, base path removed.
    pub fn key_of(&self, url_path: &str) -> String {
        let k = url_key(url_path);
        let base = &self.layout.base_path;
        if !base.is_empty()
            && let Some(rest) = k.strip_prefix(base.as_str())
            && (rest.is_empty() || rest.starts_with('/'))
        {
            return if rest.is_empty() {
                "/".into()
            } else {
                rest.to_owned()
            };
        }
        k
    }

    /// Split a link destination; `None` for links that are not to this site.
    pub fn link_target(&self, dest: &str) -> Option<LinkTarget> {
        let dest = dest.trim();
        if dest.is_empty() || dest.starts_with('#') || dest.contains("{{") || dest.contains("{%") {
            return None;
        }
        let cut = dest.find(['#', '?']).unwrap_or(dest.len());
        let (head, suffix) = dest.split_at(cut);
        let scheme_end = head.find(':');
        let first_sep = head.find('/').unwrap_or(head.len());
        let (prefix, path) = if head.starts_with("//") || scheme_end.is_some_and(|c| c < first_sep)
        {
            let rest = head
                .strip_prefix("https://")
                .or_else(|| head.strip_prefix("http://"))
                .or_else(|| head.strip_prefix("//"))?;
            let (host, _) = rest.split_once('/').unwrap_or((rest, ""));
            let host_name = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
            if !self.layout.hosts.contains(&host_name) {
                return None;
            }
            let at = head.len() - rest.len() + host.len();
            let path = if at >= head.len() { "/" } else { &head[at..] };
            (head[..at.min(head.len())].to_owned(), path.to_owned())
        } else {
            (String::new(), head.to_owned())
        };
        Some(LinkTarget {
            relative: !path.starts_with('/'),
            path,
            prefix,
            suffix: suffix.to_owned(),
        })
    }

    /// Where a link of the post at `from` leads.
    pub fn resolve(&self, from: &Path, dest: &str) -> Resolution {
        let Some(t) = self.link_target(dest) else {
            return Resolution::External;
        };
        if t.relative {
            self.resolve_relative(from, &t.path)
        } else {
            self.resolve_root(&t.path)
        }
    }

    /// A file that exists: the built post it is, else just a file.
    fn file(&self, path: &Path) -> Resolution {
        match self.index.by_abs.get(&absolute(path)) {
            Some(&i) if self.posts[i].is_built() => Resolution::Post(i),
            _ => Resolution::File,
        }
    }

    fn by_key(&self, key: &str) -> Option<Resolution> {
        if let Some(&(i, _)) = self.posts_at(key).first() {
            return Some(Resolution::Post(i));
        }
        if let Some(&i) = self.unbuilt_at(key).first() {
            return Some(Resolution::Broken(Broken::Unbuilt(i)));
        }
        None
    }

    fn by_case_or_slug(&self, key: &str) -> Option<Resolution> {
        if let Some(&(i, _)) = self.posts_at_ignoring_case(key).first() {
            return Some(Resolution::Broken(Broken::Case(i)));
        }
        let seg = key.rsplit('/').next().unwrap_or("");
        let seg = period::slug_of(seg);
        (!seg.is_empty() && !self.guessed_with_slug(seg).is_empty()).then_some(Resolution::Unknown)
    }

    /// A post or page at the URL key, else a file at that path under a folder served as is.
    fn at_key(&self, key: &str) -> Option<Resolution> {
        if let Some(r) = self.by_key(key) {
            return Some(r);
        }
        let rel = key.trim_start_matches('/');
        self.served_dirs()
            .find_map(|d| Some(d.join(rel)).filter(|p| p.exists()))
            .map(|found| self.file(&found))
    }

    fn resolve_root(&self, path: &str) -> Resolution {
        let key = self.key_of(path);
        if let Some(r) = self.at_key(&key) {
            return r;
        }
        if let Some(r) = self.by_case_or_slug(&key) {
            return r;
        }
        let (dir, seg) = key.rsplit_once('/').unwrap_or(("", &key));
        // A Markdown source is served as the page it becomes, never at its own path (but
        // from a static folder, where it was not found): `/notes/x.md` is no page.
        if ["md", "mdx", "markdown"].iter().any(|e| {
            seg.rsplit_once('.')
                .is_some_and(|(_, x)| x.eq_ignore_ascii_case(e))
        }) {
            return Resolution::Broken(Broken::NoPost);
        }
        if is_file_name(seg) {
            // Another file is missing only where we can see its folder.
            let rel = key.trim_start_matches('/');
            let folder = Path::new(rel).parent().unwrap_or(Path::new(""));
            return if self
                .served_dirs()
                .any(|d| folder_shows(&d.join(folder), seg))
            {
                Resolution::Broken(Broken::NoPost)
            } else {
                Resolution::Unknown
            };
        }
        self.page_evidence(if dir.is_empty() { "/" } else { dir }, seg)
    }

    /// Folders whose files the site serves at their path: the static folders, the top.
    fn served_dirs(&self) -> impl Iterator<Item = &std::path::PathBuf> {
        self.layout.static_dirs.iter().chain([&self.layout.root])
    }

    /// What the site's structure says about a page URL (`dir` + `/` + `seg`) no post has.
    fn page_evidence(&self, dir: &str, seg: &str) -> Resolution {
        match self.post_url_dir(dir) {
            // The URL folder of posts whose URLs are certain, naming a period none of them
            // has: the post is missing.
            Some(true) if period::period_in_slug(period::slug_of(seg)).is_some() => {
                Resolution::Broken(Broken::NoPost)
            }
            Some(_) => Resolution::Broken(Broken::Unlisted),
            None => Resolution::Unknown,
        }
    }

    fn resolve_relative(&self, from: &Path, path: &str) -> Resolution {
        let decoded = percent_decode(path);
        let abs = absolute(from);
        let here = abs.parent();
        if let Some(dir) = here {
            let bare = decoded.trim_end_matches('/');
            let found = std::iter::once(dir.join(&decoded))
                .chain(
                    [".md", ".mdx", ".markdown", "/index.md", "/README.md"]
                        .iter()
                        .map(|e| dir.join(format!("{bare}{e}"))),
                )
                .find(|p| p.exists());
            if let Some(found) = found {
                return self.file(&found);
            }
        }
        let seg = decoded
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        let me = self.get(from);
        let mut page_key = None;
        if let Some(url) = me.and_then(|p| p.url.as_deref()) {
            // Relative to the page as a file (`/a/b.html`) and as a folder (`/a/b/`).
            let file_dir = url.rsplit_once('/').map_or("", |(d, _)| d);
            let as_dir = url_key(url);
            for base in [file_dir, as_dir.as_str()] {
                let key = self.key_of(&join_url(base, &decoded));
                if let Some(r) = self.at_key(&key) {
                    return r;
                }
            }
            let key = self.key_of(&join_url(file_dir, &decoded));
            if let Some(r) = self.by_case_or_slug(&key) {
                return r;
            }
            page_key = Some(key);
        } else if let Some(r) = self.by_case_or_slug(&url_key(&decoded)) {
            return r;
        }
        if is_file_name(seg) {
            // A file is missing only where we can see its folder, next to the post or
            // where the page's URL puts it.
            let beside = here.is_some_and(|d| {
                d.join(&decoded)
                    .parent()
                    .is_some_and(|f| folder_shows(f, seg))
            });
            let served = page_key.as_deref().is_some_and(|k| {
                let folder = Path::new(k.trim_start_matches('/'))
                    .parent()
                    .unwrap_or(Path::new(""));
                self.layout
                    .static_dirs
                    .iter()
                    .any(|d| folder_shows(&d.join(folder), seg))
            });
            return if beside || served {
                Resolution::Broken(Broken::NoFile)
            } else {
                Resolution::Unknown
            };
        }
        match page_key.as_deref().and_then(|k| k.rsplit_once('/')) {
            Some((dir, seg)) => self.page_evidence(if dir.is_empty() { "/" } else { dir }, seg),
            None => Resolution::Unknown,
        }
    }
}

impl Site {
    /// A note pointing into another post of the site (at `at`, else its top).
    pub fn related(
        &self,
        i: usize,
        at: Option<Loc>,
        text: crate::diagnostic::Text,
    ) -> crate::diagnostic::Related {
        let loc = SitePost::loc_or_top(at);
        crate::diagnostic::Related {
            path: self.posts[i].path.clone(),
            span: loc.span,
            line: loc.line,
            column: loc.column,
            text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::Layout;

    #[test]
    fn link_targets_split() {
        let site = Site {
            layout: Layout {
                hosts: vec!["ex.org".into()],
                ..Layout::default()
            },
            ..Site::default()
        };
        let t = site.link_target("https://EX.org/a/b.html#x").unwrap();
        assert_eq!(
            (
                t.prefix.as_str(),
                t.path.as_str(),
                t.suffix.as_str(),
                t.relative
            ),
            ("https://EX.org", "/a/b.html", "#x", false)
        );
        assert!(site.link_target("https://other.org/a").is_none());
        assert!(site.link_target("mailto:a@b.c").is_none());
        assert!(site.link_target("#top").is_none());
        assert!(site.link_target("{{< ref \"x\" >}}").is_none());
        assert!(site.link_target("../x.md").unwrap().relative);
    }
}
