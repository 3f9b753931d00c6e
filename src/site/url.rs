//! URLs: a post's URL made from a pattern, and the forms URLs are compared in.

use crate::post::Post;
use crate::post::front_matter::Value;
use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

/// `https://example.com/blog` -> (["example.com"], "/blog").
pub(super) fn split_base(b: &str) -> (Vec<String>, String) {
    let b = b.trim().trim_end_matches('/');
    let rest = b
        .strip_prefix("https://")
        .or_else(|| b.strip_prefix("http://"))
        .or_else(|| b.strip_prefix("//"));
    match rest {
        Some(r) => {
            let (host, path) = r.split_once('/').map_or((r, ""), |(h, p)| (h, p));
            let path = if path.is_empty() {
                String::new()
            } else {
                format!("/{}", path.trim_matches('/'))
            };
            (vec![host.to_ascii_lowercase()], path)
        }
        None if b.starts_with('/') => (Vec::new(), b.to_owned()),
        None => (Vec::new(), String::new()),
    }
}

/// A Jekyll or Hexo permalink (`/:year/:title/`) in our placeholder syntax.
pub(super) fn jekyll_pattern(p: &str) -> String {
    static PH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r":([a-z_]+)").expect("valid regex"));
    PH.replace_all(p, |c: &regex::Captures| match &c[1] {
        "year" => "{year}".to_owned(),
        "month" | "i_month" => "{month}".to_owned(),
        "day" | "i_day" => "{day}".to_owned(),
        "title" | "slug" | "name" => "{title}".to_owned(),
        "categories" => "{categories}".to_owned(),
        "output_ext" => ".html".to_owned(),
        "path" => "{path}".to_owned(),
        other => format!("{{{other}}}"),
    })
    .into_owned()
}

pub(super) struct UrlVars<'a> {
    pub(super) path: Option<&'a str>,
    /// The file's slug (Jekyll's `:title`).
    pub(super) slug: &'a str,
    /// A front-matter `slug`, which replaces the last segment of `{path}`.
    pub(super) fm_slug: Option<&'a str>,
    pub(super) date: Option<Date>,
    pub(super) categories: String,
}

/// A URL pattern with a post's values filled in; `None` when a value is missing.
pub(super) fn expand(pattern: &str, v: &UrlVars) -> Option<String> {
    let mut out = pattern.to_owned();
    if out.contains("{path}") {
        let path = collapse_index(v.path?);
        // A front-matter `slug` replaces the file's own name.
        let path = match (v.fm_slug, path.rsplit_once('/')) {
            // `slug: /2019/12/13/post/` (Gatsby, Next.js) is the whole path.
            (Some(s), _) if s.starts_with('/') => s.trim_matches('/').to_owned(),
            (Some(s), Some((dir, _))) => format!("{dir}/{s}"),
            (Some(s), None) => s.to_owned(),
            (None, _) => path,
        };
        out = out.replace("{path}", &path);
    }
    let slug = v.fm_slug.unwrap_or(v.slug);
    out = out
        .replace("{slug}", slug)
        .replace("{title}", slug)
        .replace("{categories}", &v.categories);
    if out.contains("{year}") || out.contains("{month}") || out.contains("{day}") {
        let d = v.date?;
        out = out
            .replace("{year}", &format!("{:04}", d.year()))
            .replace("{month}", &format!("{:02}", d.month()))
            .replace("{day}", &format!("{:02}", d.day()));
    }
    if out.contains('{') {
        return None;
    }
    while out.contains("//") {
        out = out.replace("//", "/");
    }
    Some(out)
}

/// `posts/a/index` -> `posts/a`: a folder post's URL is its folder's.
pub(super) fn collapse_index(rel: &str) -> String {
    for tail in ["/index", "/README", "/readme", "/_index"] {
        if let Some(d) = rel.strip_suffix(tail) {
            return d.to_owned();
        }
    }
    match rel {
        "index" | "README" | "_index" => String::new(),
        r => r.to_owned(),
    }
}

/// Jekyll's `categories` (a list or a space-separated string) after the folders above a
/// `_posts` folder (`folders`), joined by `/`; Jekyll writes them lowercased in URLs.
pub(super) fn categories(post: &Post, folders: &[&str], lowercase: bool) -> String {
    let mut items: Vec<String> = folders.iter().map(|s| (*s).to_owned()).collect();
    if let Some(fm) = post.fm() {
        items.extend(front_matter_categories(fm));
    }
    if lowercase {
        items = items.iter().map(|s| s.to_lowercase()).collect();
        // Jekyll keeps each category once.
        let mut seen = std::collections::HashSet::new();
        items.retain(|s| seen.insert(s.clone()));
    }
    items.join("/")
}

fn front_matter_categories(fm: &crate::post::front_matter::FrontMatter) -> Vec<String> {
    let v = fm
        .get("categories")
        .or_else(|| fm.get("category"))
        .map(|e| &e.value.value);
    match v {
        Some(Value::Seq(items)) => items
            .iter()
            .filter_map(|i| i.value.as_str().map(str::to_owned))
            .collect(),
        Some(Value::Str(s)) => s.split_whitespace().map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

/// Percent-decoding of a URL path (`%ED%9A%8C` -> `회`); invalid escapes stay as written.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// The form URLs are compared in: fragment and query dropped, percent-decoded, `//`
/// collapsed, and `.html`, `index.html` and a trailing `/` removed, since a static host
/// serves `/a/b.html` at `/a/b` and `/a/b/index.html` at `/a/b/`.
pub fn url_key(url: &str) -> String {
    let u = url.split(['#', '?']).next().unwrap_or("");
    let mut k = percent_decode(u.trim());
    if !k.starts_with('/') {
        k.insert(0, '/');
    }
    while k.contains("//") {
        k = k.replace("//", "/");
    }
    for tail in ["/index.html", "/index.htm", ".html", ".htm"] {
        if let Some(s) = k.strip_suffix(tail) {
            k = s.to_owned();
            break;
        }
    }
    while k.len() > 1 && k.ends_with('/') {
        k.pop();
    }
    if k.is_empty() { "/".into() } else { k }
}

/// `base` + relative `rel`, with `.` and `..` applied: `/a/b` + `../c` = `/a/c`.
pub(super) fn join_url(base: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_keys_ignore_html_slash_fragment_and_encoding() {
        assert_eq!(url_key("/a/b.html#x"), "/a/b");
        assert_eq!(url_key("/a/b/"), "/a/b");
        assert_eq!(url_key("/a/b/index.html"), "/a/b");
        assert_eq!(url_key("/%ED%9A%8C%EA%B3%A0"), "/회고");
        assert_eq!(url_key("/"), "/");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn patterns_expand() {
        let v = UrlVars {
            path: Some("2025/index"),
            slug: "2025",
            fm_slug: None,
            date: Date::new(2025, 3, 31).ok(),
            categories: String::new(),
        };
        assert_eq!(
            expand(
                &jekyll_pattern("/:categories/:year/:month/:day/:title:output_ext"),
                &v
            )
            .as_deref(),
            Some("/2025/03/31/2025.html")
        );
        assert_eq!(expand("/{path}/", &v).as_deref(), Some("/2025/"));
        assert_eq!(
            split_base("https://Ex.com/blog/"),
            (vec!["ex.com".into()], "/blog".into())
        );
    }
}
