//! What a site generator's own config file tells: `astro.config.*`, Jekyll's and
//! Hexo's `_config.yml`, Hugo's `hugo.toml` or `config.*`, Zola's `config.toml`,
//! `gatsby-config.*`.

use super::Layout;
use super::url::{jekyll_pattern, split_base};
use crate::post::front_matter::Value;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

pub(super) const ASTRO_CONFIGS: &[&str] = &[
    "astro.config.mjs",
    "astro.config.ts",
    "astro.config.js",
    "astro.config.mts",
    "astro.config.cjs",
];

fn read_small(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > 1 << 20 {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// `site:` and `base:` from `astro.config.*` (read as text: it is JavaScript).
pub(super) fn astro_config(root: &Path, l: &mut Layout) {
    static SITE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"\bsite\s*:\s*['"`]([^'"`]+)['"`]"#).expect("valid regex"));
    static BASE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"\bbase\s*:\s*['"`]([^'"`]+)['"`]"#).expect("valid regex"));
    let Some(text) = ASTRO_CONFIGS.iter().find_map(|c| read_small(&root.join(c))) else {
        return;
    };
    if let Some(c) = SITE.captures(&text) {
        let (hosts, path) = split_base(&c[1]);
        l.hosts = hosts;
        l.base_path = path;
    }
    if let Some(c) = BASE.captures(&text) {
        l.base_path = split_base(&c[1]).1;
    }
}

/// `permalink`, `url`, `baseurl`, `collections` and `exclude` from `_config.yml`.
pub(super) fn jekyll_config(root: &Path, l: &mut Layout) {
    let Some(text) = read_small(&root.join("_config.yml")) else {
        return;
    };
    let Ok(node) = crate::post::front_matter::parse_document(&text, 0) else {
        return;
    };
    let Value::Map(entries) = node.value else {
        return;
    };
    let get = |k: &str| entries.iter().find(|e| e.key == k).map(|e| &e.value.value);
    if let Some(Value::Str(p)) = get("permalink") {
        let p = match p.as_str() {
            "date" => "/:categories/:year/:month/:day/:title:output_ext",
            "pretty" => "/:categories/:year/:month/:day/:title/",
            "ordinal" | "weekdate" => "",
            "none" => "/:categories/:title:output_ext",
            other => other,
        };
        if !p.is_empty() {
            l.pattern = jekyll_pattern(p);
            l.pattern_certain = !l.pattern.contains("{categories}");
        }
    }
    if let Some(Value::Str(u)) = get("url") {
        l.hosts = split_base(u).0;
    }
    if let Some(Value::Str(b)) = get("baseurl")
        && b.starts_with('/')
    {
        l.base_path = b.trim_end_matches('/').to_owned();
    }
    if let Some(Value::Map(cols)) = get("collections") {
        for c in cols {
            let output = match &c.value.value {
                Value::Map(opts) => opts
                    .iter()
                    .any(|o| o.key == "output" && o.value.value == Value::Bool(true)),
                _ => false,
            };
            let dir = root.join(format!("_{}", c.key));
            if output && dir.is_dir() {
                l.content_roots.push(dir);
            }
        }
    }
    if let Some(Value::Seq(items)) = get("include") {
        for i in items {
            if let Some(s) = i.value.as_str()
                && s.starts_with('_')
                && root.join(s).is_dir()
            {
                l.content_roots.push(root.join(s.trim_end_matches('/')));
            }
        }
    }
    if let Some(Value::Seq(items)) = get("exclude") {
        for i in items {
            if let Some(s) = i.value.as_str() {
                l.excluded.push(root.join(s.trim_end_matches('/')));
            }
        }
    }
}

/// Hugo's own config files, then the older names it also reads (Zola's is `config.toml`).
pub(super) const HUGO_OWN_CONFIGS: &[&str] = &["hugo.toml", "hugo.yaml", "hugo.json"];
pub(super) const HUGO_CONFIGS: &[&str] =
    &["config.toml", "config.yaml", "config.yml", "config.json"];

pub(super) const GATSBY_CONFIGS: &[&str] =
    &["gatsby-config.js", "gatsby-config.ts", "gatsby-config.mjs"];

/// A `config.toml` with Zola's `base_url` key (Hugo spells it `baseURL`).
pub(super) fn is_zola_config(root: &Path) -> bool {
    static ZOLA: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?m)^\s*base_url\s*=").expect("valid regex"));
    ["config.toml", "zola.toml"]
        .iter()
        .any(|f| read_small(&root.join(f)).is_some_and(|t| ZOLA.is_match(&t)))
}

/// The folders `gatsby-source-filesystem` reads (`path: `${__dirname}/content/blog``,
/// `path: "./contents"`, `path.join(__dirname, "posts")`) that exist.
pub(super) fn gatsby_config(root: &Path) -> Vec<std::path::PathBuf> {
    static PATH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"\bpath\s*:\s*(?:[`'"](?:\$\{__dirname\}/|\./)?([^`'"$]+)[`'"]|path\.(?:join|resolve)\(\s*__dirname\s*,\s*[`'"]([^`'"]+)[`'"])"#,
        )
        .expect("valid regex")
    });
    let Some(text) = GATSBY_CONFIGS
        .iter()
        .find_map(|c| read_small(&root.join(c)))
    else {
        return Vec::new();
    };
    let mut out: Vec<std::path::PathBuf> = Vec::new();
    for c in PATH.captures_iter(&text) {
        let Some(rel) = c.get(1).or(c.get(2)) else {
            continue;
        };
        let rel = rel.as_str().trim_matches('/');
        let dir = root.join(rel);
        if !rel.is_empty() && !rel.contains("..") && dir.is_dir() && !out.contains(&dir) {
            out.push(dir);
        }
    }
    out
}

/// `baseURL` from Hugo's config, `base_url` from Zola's.
pub(super) fn hugo_config(root: &Path, l: &mut Layout) {
    static BASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?m)^\s*"?base_?[Uu][Rr][Ll]"?\s*[:=]\s*['"]?([^'"\s,]+)['"]?"#)
            .expect("valid regex")
    });
    for f in HUGO_OWN_CONFIGS
        .iter()
        .chain(HUGO_CONFIGS)
        .chain(&["zola.toml"])
    {
        if let Some(text) = read_small(&root.join(f))
            && let Some(c) = BASE.captures(&text)
        {
            let (hosts, path) = split_base(&c[1]);
            l.hosts = hosts;
            l.base_path = path;
            return;
        }
    }
}
