//! How a site turns files into pages: its kind, content roots, built folders and URL
//! pattern, detected from the files at its top or configured.

use super::absolute;
use super::generators::{
    ASTRO_CONFIGS, GATSBY_CONFIGS, HUGO_CONFIGS, HUGO_OWN_CONFIGS, astro_config, gatsby_config,
    hugo_config, is_zola_config, jekyll_config,
};
use super::paths::dir_entries;
use super::url::split_base;
use crate::config::Config;
use std::path::{Component, Path, PathBuf};

/// Folders that hold posts on a site of no known kind, in the order they are tried.
pub const DEFAULT_CONTENT_ROOTS: &[&str] = &[
    "src/content/posts",
    "src/content/blog",
    "src/content",
    "content/posts",
    "content",
    "_posts",
    "source/_posts",
    "posts",
    "src/posts",
    "data/blog",
    "blog",
    "docs",
];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SiteKind {
    Astro,
    Jekyll,
    Hugo,
    Zola,
    Gatsby,
    Hexo,
    #[default]
    Other,
}

impl SiteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SiteKind::Astro => "Astro",
            SiteKind::Jekyll => "Jekyll",
            SiteKind::Hugo => "Hugo",
            SiteKind::Zola => "Zola",
            SiteKind::Gatsby => "Gatsby",
            SiteKind::Hexo => "Hexo",
            SiteKind::Other => "generic",
        }
    }
}

/// How the site turns files into pages: where posts live, which folders are built, how a
/// URL is made.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub kind: SiteKind,
    /// The site's top folder, absolute.
    pub root: PathBuf,
    /// Folders whose Markdown files are posts, absolute.
    pub content_roots: Vec<PathBuf>,
    /// Other folders whose Markdown files become pages (Astro's `src/pages`, a Jekyll
    /// site's top folder).
    pub pages: Vec<PathBuf>,
    /// Folders of drafts: unpublished on purpose, never reported as misplaced.
    pub drafts: Vec<PathBuf>,
    /// Folders served as they are (`public/`, `static/`, the Jekyll top folder).
    pub static_dirs: Vec<PathBuf>,
    /// The URL of a post without a permalink: `/{path}.html`.
    pub pattern: String,
    /// Whether `pattern` is known (configured, or from the generator's own config).
    pub pattern_certain: bool,
    /// The path the site is served under (`/blog`), empty at the top of the host.
    pub base_path: String,
    /// Host names of the site (`example.github.io`): links to them are internal.
    pub hosts: Vec<String>,
    /// Front-matter keys holding the URL, first found wins.
    pub permalink_keys: Vec<String>,
    /// Front-matter keys holding older URLs that redirect to the post.
    pub alias_keys: Vec<String>,
    /// Folders the site's config excludes (Jekyll `exclude:`), absolute.
    pub excluded: Vec<PathBuf>,
    /// What the kind was recognised by (`astro.config.mjs`), for `--show-files`.
    pub evidence: Option<String>,
    /// The content roots come from `.retro-lint.yml`.
    pub roots_configured: bool,
}

/// Whether the site builds a file.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Built {
    /// Under a content root or a pages folder.
    #[default]
    Yes,
    /// A draft folder (`_drafts`): unpublished on purpose.
    Draft,
    /// Outside every content root and pages folder.
    Outside,
    /// Inside a built folder, but under a segment the generator skips (`_old/` in Astro).
    Hidden(String),
}

impl Layout {
    /// The layout of the site at `root`: configured, else detected.
    pub fn detect(root: &Path, config: &Config) -> Layout {
        let root = absolute(root);
        let has = |p: &str| root.join(p).exists();
        let content = root.join("content").is_dir();
        let kind = if ASTRO_CONFIGS.iter().any(|c| has(c)) || root.join("src/content").is_dir() {
            SiteKind::Astro
        } else if root.join("source/_posts").is_dir() {
            SiteKind::Hexo
        } else if has("_config.yml") || root.join("_posts").is_dir() {
            SiteKind::Jekyll
        } else if GATSBY_CONFIGS.iter().any(|c| has(c)) {
            SiteKind::Gatsby
        } else if content && is_zola_config(&root) {
            SiteKind::Zola
        } else if HUGO_OWN_CONFIGS.iter().any(|c| has(c))
            || (content
                && (HUGO_CONFIGS.iter().any(|c| has(c)) || root.join("config/_default").is_dir()))
        {
            SiteKind::Hugo
        } else {
            SiteKind::Other
        };
        // What the kind was recognised by, for `--show-files`.
        let markers = ASTRO_CONFIGS
            .iter()
            .chain(&["src/content", "source/_posts", "_config.yml", "_posts"])
            .chain(GATSBY_CONFIGS)
            .chain(HUGO_OWN_CONFIGS)
            .chain(HUGO_CONFIGS)
            .chain(&["config/_default"]);
        let mut l = Layout {
            kind,
            root: root.clone(),
            pattern: "/{path}.html".into(),
            evidence: (kind != SiteKind::Other)
                .then(|| {
                    markers
                        .into_iter()
                        .find(|m| has(m))
                        .map(|m| (*m).to_owned())
                })
                .flatten(),
            ..Layout::default()
        };
        let first_dir = |cands: &[&str]| -> Vec<PathBuf> {
            cands
                .iter()
                .map(|c| root.join(c))
                .find(|p| p.is_dir())
                .into_iter()
                .collect()
        };
        match kind {
            SiteKind::Astro => {
                let named: Vec<PathBuf> = ["src/content/posts", "src/content/blog"]
                    .iter()
                    .map(|c| root.join(c))
                    .filter(|p| p.is_dir())
                    .collect();
                l.content_roots = if named.is_empty() {
                    first_dir(&["src/content"])
                } else {
                    named
                };
                l.pages = vec![root.join("src/content"), root.join("src/pages")];
                l.static_dirs = vec![root.join("public")];
                astro_config(&root, &mut l);
            }
            SiteKind::Hexo => {
                l.content_roots = vec![root.join("source/_posts")];
                l.pages = vec![root.join("source")];
                l.drafts = vec![root.join("source/_drafts")];
                l.static_dirs = vec![root.join("source")];
                l.pattern = "/{year}/{month}/{day}/{title}/".into();
                jekyll_config(&root, &mut l);
            }
            SiteKind::Jekyll => {
                // `_posts`, and the `_posts` of category folders (`retro/_posts`).
                l.content_roots = first_dir(&["_posts"]);
                let mut nested: Vec<PathBuf> = dir_entries(&root)
                    .filter(|e| {
                        let n = e.file_name();
                        let n = n.to_string_lossy();
                        !n.starts_with(['_', '.'])
                    })
                    .map(|e| e.path().join("_posts"))
                    .filter(|p| p.is_dir())
                    .collect();
                nested.sort();
                l.content_roots.extend(nested);
                l.pages = vec![root.clone()];
                l.drafts = vec![root.join("_drafts")];
                l.static_dirs = vec![root.clone()];
                l.pattern = "/{categories}/{year}/{month}/{day}/{title}.html".into();
                jekyll_config(&root, &mut l);
            }
            SiteKind::Hugo => {
                l.content_roots = first_dir(&["content"]);
                l.static_dirs = vec![root.join("static")];
                l.pattern = "/{path}/".into();
                hugo_config(&root, &mut l);
            }
            SiteKind::Zola => {
                l.content_roots = first_dir(&["content"]);
                l.static_dirs = vec![root.join("static")];
                l.pattern = "/{path}/".into();
                hugo_config(&root, &mut l);
            }
            SiteKind::Gatsby => {
                // The folders `gatsby-source-filesystem` reads; pages are made by the
                // site's own code, so URLs stay a guess.
                l.content_roots = gatsby_config(&root);
                if l.content_roots.is_empty() {
                    l.content_roots =
                        first_dir(&["content/blog", "content/posts", "content", "src/pages"]);
                }
                l.pages = vec![root.join("src/pages")];
                l.static_dirs = vec![root.join("static")];
                l.pattern = "/{path}/".into();
            }
            SiteKind::Other => {
                l.content_roots = first_dir(DEFAULT_CONTENT_ROOTS);
                l.static_dirs = vec![root.join("public"), root.join("static")];
            }
        }
        if !config.content_roots.is_empty() {
            let base = absolute(&config.root);
            l.content_roots = config.content_roots.iter().map(|r| base.join(r)).collect();
            l.roots_configured = true;
        }
        l.apply_config(config);
        l
    }

    /// A layout with no folders (one text linted alone): only the config's URL settings.
    pub fn bare(config: &Config) -> Layout {
        let mut l = Layout {
            pattern: "/{path}.html".into(),
            ..Layout::default()
        };
        l.apply_config(config);
        l
    }

    fn apply_config(&mut self, config: &Config) {
        let l = self;
        let kind = l.kind;
        if let Some(p) = &config.url.pattern {
            l.pattern = p.clone();
            l.pattern_certain = true;
        }
        if let Some(b) = &config.url.base {
            let (hosts, path) = split_base(b);
            l.hosts = hosts;
            l.base_path = path;
        }
        l.permalink_keys = if config.url.permalink_keys.is_empty() {
            let mut k = vec!["permalink".to_owned()];
            match kind {
                SiteKind::Hugo => k.push("url".into()),
                // Zola's `path` is the page's URL.
                SiteKind::Zola => k.push("path".into()),
                _ => {}
            }
            k
        } else {
            config.url.permalink_keys.clone()
        };
        l.alias_keys = if config.url.alias_keys.is_empty() {
            ["legacy_url", "redirect_from", "aliases"]
                .map(String::from)
                .to_vec()
        } else {
            config.url.alias_keys.clone()
        };
    }

    /// How the site was read, in a few lines: its kind and why, the content roots, how a
    /// post's URL is made. `--show-files` prints them so a surprising finding (or silence)
    /// can be explained.
    pub fn describe(&self) -> Vec<String> {
        let rel = |p: &PathBuf| {
            p.strip_prefix(&self.root)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/")
        };
        let kind = match &self.evidence {
            Some(e) => format!("{} site (found {e})", self.kind.as_str()),
            None => format!("{} site", self.kind.as_str()),
        };
        let roots: Vec<String> = self.content_roots.iter().map(rel).collect();
        let roots = if roots.is_empty() {
            "none found: site-wide rules (S) do not run; set `content_roots`".to_owned()
        } else if self.roots_configured {
            format!("{} (configured)", roots.join(", "))
        } else {
            format!("{} (detected)", roots.join(", "))
        };
        let how = if self.pattern_certain {
            "known"
        } else {
            "a guess: set `url.pattern` to make it certain"
        };
        vec![
            format!("site: {kind} at {}", self.root.display()),
            format!("content roots: {roots}"),
            format!(
                "post URL: front matter `{}`, else `{}` ({how})",
                self.permalink_keys.join("`, `"),
                self.pattern
            ),
        ]
    }

    /// The path under the content root, and the path under a pages folder, both
    /// `/`-separated without extension.
    pub(super) fn rel_paths(&self, abs: &Path) -> (Option<String>, Option<String>) {
        let rel_in = |dirs: &[PathBuf]| {
            dirs.iter().find_map(|r| {
                let rel = abs.strip_prefix(r).ok()?;
                Some(rel.with_extension("").to_string_lossy().replace('\\', "/"))
            })
        };
        (rel_in(&self.content_roots), rel_in(&self.pages))
    }

    /// Whether the site builds the file at `abs`.
    pub fn built(&self, abs: &Path) -> Built {
        if self.drafts.iter().any(|d| abs.starts_with(d)) {
            return Built::Draft;
        }
        if self.excluded.iter().any(|d| abs.starts_with(d)) {
            return Built::Outside;
        }
        let hidden = |rel: &Path| {
            rel.components().find_map(|c| match c {
                Component::Normal(s) => {
                    let s = s.to_string_lossy();
                    (s.starts_with('_') || s.starts_with('.')).then(|| s.into_owned())
                }
                _ => None,
            })
        };
        for r in &self.content_roots {
            if let Ok(rel) = abs.strip_prefix(r) {
                // Astro skips entries whose name starts with `_`.
                if self.kind == SiteKind::Astro
                    && let Some(s) = hidden(rel)
                {
                    return Built::Hidden(s);
                }
                return Built::Yes;
            }
        }
        for p in &self.pages {
            if let Ok(rel) = abs.strip_prefix(p) {
                return match (self.kind, hidden(rel)) {
                    // Jekyll takes posts from any `_posts` folder (`retro/_posts/`).
                    (SiteKind::Jekyll, Some(s)) if s == "_posts" => Built::Yes,
                    (SiteKind::Jekyll, Some(s)) if s == "_drafts" => Built::Draft,
                    // A Jekyll site builds its top folder except `_` and `.` folders.
                    (SiteKind::Jekyll | SiteKind::Hexo, Some(_)) => Built::Outside,
                    (SiteKind::Astro, Some(s)) => Built::Hidden(s),
                    _ => Built::Yes,
                };
            }
        }
        if self.content_roots.is_empty() {
            // Without a content root nothing is known: take the file as built.
            return Built::Yes;
        }
        Built::Outside
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(p: &Path, text: &str) {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    #[test]
    fn layouts_are_detected() {
        let tmp = tempfile::tempdir().unwrap();
        let j = tmp.path().join("jekyll");
        write(
            &j.join("_config.yml"),
            "url: https://ex.org\nbaseurl: /blog\npermalink: pretty\ncollections:\n  weekly:\n    output: true\nexclude: [old]\n",
        );
        std::fs::create_dir_all(j.join("_posts")).unwrap();
        std::fs::create_dir_all(j.join("_weekly")).unwrap();
        let l = Layout::detect(&j, &Config::default());
        assert_eq!(l.kind, SiteKind::Jekyll);
        assert_eq!(l.content_roots.len(), 2);
        assert_eq!(l.pattern, "/{categories}/{year}/{month}/{day}/{title}/");
        assert_eq!(
            (l.hosts.clone(), l.base_path.as_str()),
            (vec!["ex.org".into()], "/blog")
        );
        let abs = absolute(&j);
        assert_eq!(l.built(&abs.join("_weekly/a.md")), Built::Yes);
        assert_eq!(l.built(&abs.join("_drafts/a.md")), Built::Draft);
        assert_eq!(l.built(&abs.join("_pages/a.md")), Built::Outside);
        assert_eq!(l.built(&abs.join("old/a.md")), Built::Outside);
        assert_eq!(l.built(&abs.join("retro/_posts/a.md")), Built::Yes);
        assert_eq!(l.built(&abs.join("about.md")), Built::Yes);

        let a = tmp.path().join("astro");
        write(
            &a.join("astro.config.mjs"),
            "export default defineConfig({ site: 'https://a.dev', base: '/docs' });\n",
        );
        std::fs::create_dir_all(a.join("src/content/blog")).unwrap();
        let l = Layout::detect(&a, &Config::default());
        assert_eq!(l.kind, SiteKind::Astro);
        assert_eq!(l.base_path, "/docs");
        let abs = absolute(&a);
        assert_eq!(
            l.built(&abs.join("src/content/blog/_old/x.md")),
            Built::Hidden("_old".into())
        );
        assert_eq!(l.built(&abs.join("_pages/x.md")), Built::Outside);

        let h = tmp.path().join("hugo");
        write(&h.join("hugo.toml"), "baseURL = 'https://h.io/'\n");
        std::fs::create_dir_all(h.join("content")).unwrap();
        let l = Layout::detect(&h, &Config::default());
        assert_eq!(
            (l.kind, l.hosts.clone()),
            (SiteKind::Hugo, vec!["h.io".into()])
        );
        assert!(l.permalink_keys.contains(&"url".to_owned()));

        let hy = tmp.path().join("hugo-yml");
        write(&hy.join("config.yml"), "baseURL: https://notes.example/\n");
        std::fs::create_dir_all(hy.join("content")).unwrap();
        let l = Layout::detect(&hy, &Config::default());
        assert_eq!(
            (l.kind, l.hosts.clone()),
            (SiteKind::Hugo, vec!["notes.example".into()])
        );

        let z = tmp.path().join("zola");
        write(&z.join("config.toml"), "base_url = \"https://z.example\"\n");
        std::fs::create_dir_all(z.join("content")).unwrap();
        let l = Layout::detect(&z, &Config::default());
        assert_eq!((l.kind, l.pattern.as_str()), (SiteKind::Zola, "/{path}/"));
        assert!(l.permalink_keys.contains(&"path".to_owned()));

        let g = tmp.path().join("gatsby");
        write(
            &g.join("gatsby-config.js"),
            "plugins: [{ options: { path: `${__dirname}/contents`, name: `md` } }, { options: { path: `${__dirname}/src/images` } }]\n",
        );
        std::fs::create_dir_all(g.join("contents/posts")).unwrap();
        let l = Layout::detect(&g, &Config::default());
        assert_eq!(l.kind, SiteKind::Gatsby);
        assert_eq!(l.content_roots, vec![absolute(&g).join("contents")]);

        let jn = tmp.path().join("jekyll-nested");
        write(&jn.join("_config.yml"), "title: x\n");
        std::fs::create_dir_all(jn.join("retro/_posts")).unwrap();
        let l = Layout::detect(&jn, &Config::default());
        assert_eq!(l.content_roots, vec![absolute(&jn).join("retro/_posts")]);
    }
}
