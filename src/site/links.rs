//! Where a link in a post leads: a post, a file, nowhere, or outside the site.

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

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Broken {
    /// A root-relative or site-absolute URL no post or file has. `guessed` when the only
    /// evidence is a folder of posts whose URLs are themselves guessed from their paths.
    NoPost { guessed: bool },
    /// A relative link to no file next to the post and no page of the site.
    NoFile,
    /// The URL of a post the site does not build.
    Unbuilt(usize),
    /// The URL of a post, but for letter case.
    Case(usize),
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

    fn resolve_root(&self, path: &str) -> Resolution {
        let key = self.key_of(path);
        if let Some(r) = self.by_key(&key) {
            return r;
        }
        let rel = key.trim_start_matches('/');
        let mut dirs = self.layout.static_dirs.iter().chain([&self.layout.root]);
        if let Some(found) = dirs.find_map(|d| Some(d.join(rel)).filter(|p| p.exists())) {
            return self.file(&found);
        }
        if let Some(r) = self.by_case_or_slug(&key) {
            return r;
        }
        let (dir, seg) = key.rsplit_once('/').unwrap_or(("", &key));
        let dir = if dir.is_empty() { "/" } else { dir };
        let is_source = [".md", ".markdown", ".mdx"]
            .iter()
            .any(|e| seg.ends_with(e));
        if is_source || period::period_in_slug(seg).is_some() {
            return Resolution::Broken(Broken::NoPost { guessed: false });
        }
        if let Some(certain) = self.post_url_dir(dir) {
            return Resolution::Broken(Broken::NoPost { guessed: !certain });
        }
        // An asset whose folder exists but not the file, on a site that keeps asset files.
        let top = rel.split('/').next().unwrap_or("");
        if seg.contains('.')
            && !top.is_empty()
            && rel.contains('/')
            && self.layout.static_dirs.iter().any(|d| d.join(top).is_dir())
            && self.keeps_assets()
        {
            return Resolution::Broken(Broken::NoPost { guessed: false });
        }
        Resolution::Unknown
    }

    fn resolve_relative(&self, from: &Path, path: &str) -> Resolution {
        let decoded = percent_decode(path);
        let abs = absolute(from);
        if let Some(dir) = abs.parent() {
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
        let me = self.get(from);
        if let Some(url) = me.and_then(|p| p.url.as_deref()) {
            // Relative to the page as a file (`/a/b.html`) and as a folder (`/a/b/`).
            let file_dir = url.rsplit_once('/').map_or("", |(d, _)| d);
            let as_dir = url_key(url);
            for base in [file_dir, as_dir.as_str()] {
                let key = self.key_of(&join_url(base, &decoded));
                if let Some(r) = self.by_key(&key) {
                    return r;
                }
            }
            let key = self.key_of(&join_url(file_dir, &decoded));
            if let Some(r) = self.by_case_or_slug(&key) {
                return r;
            }
        } else if let Some(r) = self.by_case_or_slug(&url_key(&decoded)) {
            return r;
        }
        // An asset (`../images/a.png`) is missing for certain only where its folder exists
        // and the site keeps asset files: a checkout of the posts alone (assets kept
        // elsewhere, a partial copy) proves nothing.
        let seg = decoded
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        if is_asset(seg)
            && !(abs
                .parent()
                .and_then(|d| d.join(&decoded).parent().map(Path::is_dir))
                .unwrap_or(false)
                && self.keeps_assets())
        {
            return Resolution::Unknown;
        }
        Resolution::Broken(Broken::NoFile)
    }

    /// Whether the site keeps asset files: some file below its top folder that is not
    /// Markdown (the top folder holds the generator's config). Looked up once per run.
    fn keeps_assets(&self) -> bool {
        let root = &self.layout.root;
        *self.learned.keeps_assets.get_or_init(|| {
            let walk = ignore::WalkBuilder::new(root).build();
            walk.flatten().any(|e| {
                e.depth() > 1
                    && e.file_type().is_some_and(|t| t.is_file())
                    && !is_page_name(&e.file_name().to_string_lossy())
            })
        })
    }
}

/// A file name with an extension that is not a page's (`cover.png`, `slides.pdf`).
fn is_asset(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    }) && !is_page_name(name)
}

/// A Markdown or HTML file name: a page, not an asset.
fn is_page_name(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        ["md", "markdown", "mdx", "html", "htm"]
            .iter()
            .any(|p| ext.eq_ignore_ascii_case(p))
    })
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
