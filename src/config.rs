//! `.retro-lint.yml`: found upward from the linted path (closest wins), validated strictly.
//! An unknown key or a bad value is an error with its line and column, never ignored.

use crate::diagnostic::{Lang, Severity};
use crate::post::front_matter::{Node, Value, parse_document};
use crate::registry::{self, OptKind, RuleMeta};
use crate::source::SourceFile;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAMES: [&str; 3] = [".retro-lint.yml", ".retro-lint.yaml", "retro-lint.yml"];

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Io { path: String, message: String },
}

/// A rule's setting: severity (or off) and its options.
#[derive(Clone, Debug, Default)]
pub struct RuleSetting {
    pub severity: Option<Severity>,
    pub off: bool,
    pub options: BTreeMap<String, Value>,
}

#[derive(Clone, Debug, Default)]
pub struct UrlConfig {
    /// How a post's URL is made from its path when it has no permalink: `/{path}.html`.
    pub pattern: Option<String>,
    /// Front-matter keys that hold the URL (first found wins).
    pub permalink_keys: Vec<String>,
    /// Front-matter keys that hold older URLs that still resolve.
    pub alias_keys: Vec<String>,
    /// Where the site is served (`https://example.com/blog`): links to it are internal.
    pub base: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file this came from, if any.
    pub path: Option<PathBuf>,
    /// The folder relative paths in the config are resolved from.
    pub root: PathBuf,
    pub content_roots: Vec<String>,
    pub exclude: Vec<String>,
    pub url: UrlConfig,
    pub lang: Option<Lang>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// Rule settings keyed by rule code.
    pub rules: BTreeMap<&'static str, RuleSetting>,
    /// Files larger than this many bytes are skipped (`file-too-large`).
    pub max_file_size: Option<u64>,
    /// Markdown elements read per post at most (`file-too-complex`).
    pub max_elements: Option<usize>,
    /// Also report findings that rest on a guess about a post's structure (`--preview`).
    pub preview: bool,
    /// Canonical scope name -> other names for it (`mobidoc-database: [db, DB Schema]`).
    pub aliases: BTreeMap<String, Vec<String>>,
}

impl Config {
    /// How many Markdown elements of a post are read at most.
    pub fn max_elements(&self) -> usize {
        self.max_elements
            .unwrap_or(crate::post::markdown::DEFAULT_MAX_ELEMENTS)
    }

    pub fn setting(&self, code: &str) -> Option<&RuleSetting> {
        self.rules.get(code)
    }
    pub fn option(&self, code: &str, name: &str) -> Option<&Value> {
        self.setting(code)?.options.get(name)
    }

    /// Find the closest config file at or above `start` (a file or a folder).
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let abs = std::path::absolute(start).ok()?;
        let mut dir = if abs.is_dir() {
            abs.as_path()
        } else {
            abs.parent()?
        };
        loop {
            for name in FILE_NAMES {
                let p = dir.join(name);
                if p.is_file() {
                    return Some(p);
                }
            }
            dir = dir.parent()?;
        }
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| ConfigError::Io {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| ConfigError::Io {
            path: shown.clone(),
            message: "not valid UTF-8".into(),
        })?;
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let mut cfg = Config::parse(&text, &shown)?;
        cfg.path = Some(path.to_path_buf());
        cfg.root = if root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            root
        };
        Ok(cfg)
    }

    /// Parse config text; `shown` names the file in errors.
    pub fn parse(text: &str, shown: &str) -> Result<Config, ConfigError> {
        let source = SourceFile::new(text.to_owned());
        let err = |at: usize, message: String| {
            let (line, column) = source.line_col(at);
            ConfigError::Invalid {
                path: shown.to_owned(),
                line,
                column,
                message,
            }
        };
        let mut cfg = Config::default();
        if source.text.trim().is_empty() {
            return Ok(cfg);
        }
        let node = parse_document(&source.text, 0).map_err(|e| err(e.span.start, e.message))?;
        let entries = match node.value {
            Value::Map(e) => e,
            Value::Null => return Ok(cfg),
            other => {
                return Err(err(
                    node.span.start,
                    format!(
                        "expected a mapping at the top level, found a {}",
                        other.type_name()
                    ),
                ));
            }
        };
        let mut seen = std::collections::HashSet::new();
        for e in entries {
            if !seen.insert(e.key.clone()) {
                return Err(err(e.key_span.start, format!("duplicate key `{}`", e.key)));
            }
            let v = &e.value;
            match e.key.as_str() {
                "content_roots" => cfg.content_roots = str_list(v, &err)?,
                "exclude" => cfg.exclude = str_list(v, &err)?,
                "select" => cfg.select = str_list(v, &err)?,
                "ignore" => cfg.ignore = str_list(v, &err)?,
                "lang" => {
                    cfg.lang = Some(match string(v, &err)?.as_str() {
                        "ko" => Lang::Ko,
                        "en" => Lang::En,
                        other => {
                            return Err(err(
                                v.span.start,
                                format!("`lang` must be `ko` or `en`, found `{other}`"),
                            ));
                        }
                    });
                }
                "url" => cfg.url = url_config(v, &err)?,
                "preview" => match v.value {
                    Value::Bool(b) => cfg.preview = b,
                    ref other => {
                        return Err(err(
                            v.span.start,
                            format!(
                                "`preview` must be true or false, found a {}",
                                other.type_name()
                            ),
                        ));
                    }
                },
                "max_file_size" => {
                    cfg.max_file_size = Some(positive(v, &err, "`max_file_size`", " of bytes")?)
                }
                "max_elements" => {
                    cfg.max_elements = Some(positive(v, &err, "`max_elements`", "")? as usize)
                }
                "aliases" => {
                    for a in map(v, &err)? {
                        cfg.aliases.insert(a.key.clone(), str_list(&a.value, &err)?);
                    }
                }
                "rules" => {
                    for r in map(v, &err)? {
                        let Some(meta) = registry::find(&r.key) else {
                            return Err(err(
                                r.key_span.start,
                                format!("unknown rule `{}` (see `retro-lint rule --all`)", r.key),
                            ));
                        };
                        let setting = rule_setting(meta, &r.value, &err)?;
                        cfg.rules.insert(meta.code, setting);
                    }
                }
                other => {
                    return Err(err(
                        e.key_span.start,
                        format!(
                            "unknown key `{other}`; expected one of: content_roots, exclude, url, lang, select, ignore, rules, aliases, max_file_size, max_elements, preview"
                        ),
                    ));
                }
            }
        }
        for code in cfg.select.iter().chain(&cfg.ignore) {
            if registry::matching(code).is_empty() {
                return Err(err(0, format!("`{code}` in select/ignore matches no rule")));
            }
        }
        Ok(cfg)
    }
}

type ErrFn<'a> = dyn Fn(usize, String) -> ConfigError + 'a;

fn string(v: &Node, err: &ErrFn) -> Result<String, ConfigError> {
    match &v.value {
        Value::Str(s) => Ok(s.clone()),
        other => Err(err(
            v.span.start,
            format!("expected a string, found a {}", other.type_name()),
        )),
    }
}

/// A positive whole number (`what must be a positive number{unit}` otherwise).
fn positive(v: &Node, err: &ErrFn, what: &str, unit: &str) -> Result<u64, ConfigError> {
    match v.value {
        Value::Int(n) if n > 0 => Ok(n as u64),
        _ => Err(err(
            v.span.start,
            format!("{what} must be a positive number{unit}"),
        )),
    }
}

fn str_list(v: &Node, err: &ErrFn) -> Result<Vec<String>, ConfigError> {
    match &v.value {
        Value::Seq(items) => items.iter().map(|i| string(i, err)).collect(),
        Value::Str(s) => Ok(vec![s.clone()]),
        other => Err(err(
            v.span.start,
            format!("expected a list of strings, found a {}", other.type_name()),
        )),
    }
}

fn map<'n>(
    v: &'n Node,
    err: &ErrFn,
) -> Result<&'n [crate::post::front_matter::Entry], ConfigError> {
    match &v.value {
        Value::Map(e) => Ok(e),
        Value::Null => Ok(&[]),
        other => Err(err(
            v.span.start,
            format!("expected a mapping, found a {}", other.type_name()),
        )),
    }
}

fn url_config(v: &Node, err: &ErrFn) -> Result<UrlConfig, ConfigError> {
    let mut u = UrlConfig::default();
    for e in map(v, err)? {
        match e.key.as_str() {
            "pattern" => u.pattern = Some(string(&e.value, err)?),
            "permalink_keys" => u.permalink_keys = str_list(&e.value, err)?,
            "alias_keys" => u.alias_keys = str_list(&e.value, err)?,
            "base" => u.base = Some(string(&e.value, err)?),
            other => {
                return Err(err(
                    e.key_span.start,
                    format!(
                        "unknown key `url.{other}`; expected pattern, permalink_keys, alias_keys, base"
                    ),
                ));
            }
        }
    }
    Ok(u)
}

fn severity(v: &Node, err: &ErrFn) -> Result<(Option<Severity>, bool), ConfigError> {
    let s = match &v.value {
        Value::Bool(false) => return Ok((None, true)),
        Value::Bool(true) => return Ok((None, false)),
        _ => string(v, err)?,
    };
    match s.as_str() {
        "off" => Ok((None, true)),
        other => Severity::parse(other)
            .map(|s| (Some(s), false))
            .ok_or_else(|| {
                err(
                    v.span.start,
                    format!("severity must be off, info, warning or error; found `{other}`"),
                )
            }),
    }
}

fn rule_setting(meta: &RuleMeta, v: &Node, err: &ErrFn) -> Result<RuleSetting, ConfigError> {
    let mut s = RuleSetting::default();
    let entries = match &v.value {
        Value::Map(e) => e,
        _ => {
            (s.severity, s.off) = severity(v, err)?;
            return Ok(s);
        }
    };
    for e in entries {
        if e.key == "severity" {
            (s.severity, s.off) = severity(&e.value, err)?;
            continue;
        }
        let Some(opt) = meta.options().find(|o| o.name == e.key) else {
            let known: Vec<_> = meta.options().map(|o| o.name).collect();
            return Err(err(
                e.key_span.start,
                format!(
                    "unknown option `{}` for rule {} ({}); expected severity{}{}",
                    e.key,
                    meta.code,
                    meta.name,
                    if known.is_empty() { "" } else { ", " },
                    known.join(", ")
                ),
            ));
        };
        let ok = match (opt.kind, &e.value.value) {
            (OptKind::Bool, Value::Bool(_)) => true,
            (OptKind::Int, Value::Int(i)) => *i >= 0,
            (OptKind::Str, Value::Str(_)) => true,
            (OptKind::StrList, Value::Seq(items)) => {
                items.iter().all(|i| matches!(i.value, Value::Str(_)))
            }
            (OptKind::StrMap, Value::Map(items)) => {
                items.iter().all(|i| matches!(i.value.value, Value::Str(_)))
            }
            _ => false,
        };
        if !ok {
            return Err(err(
                e.value.span.start,
                format!(
                    "option `{}` of rule {} must be {}, found a {}",
                    e.key,
                    meta.code,
                    opt.kind.describe(),
                    e.value.value.type_name()
                ),
            ));
        }
        s.options.insert(e.key.clone(), e.value.value.clone());
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_positive_numbers() {
        let c = Config::parse("max_elements: 50\nmax_file_size: 400\n", "c.yml").unwrap();
        assert_eq!((c.max_elements(), c.max_file_size), (50, Some(400)));
        let e = Config::parse("max_elements: 0\n", "c.yml").unwrap_err();
        assert!(
            e.to_string()
                .contains("`max_elements` must be a positive number")
        );
        let e = Config::parse("max_file_size: big\n", "c.yml").unwrap_err();
        assert!(e.to_string().contains("positive number of bytes"));
    }

    #[test]
    fn unknown_key_is_an_error_with_position() {
        let e = Config::parse("content_roots: [a]\nbogus: 1\n", "c.yml").unwrap_err();
        assert!(
            e.to_string().starts_with("c.yml:2:1: unknown key `bogus`"),
            "{e}"
        );
    }

    #[test]
    fn rules_by_code_or_name_with_options() {
        let c = Config::parse(
            "rules:\n  required-key-missing:\n    keys: [title]\n  D003: off\n",
            "c.yml",
        )
        .unwrap();
        assert_eq!(c.rules.len(), 2);
        let e = Config::parse("rules:\n  F007:\n    keys: 3\n", "c.yml").unwrap_err();
        assert!(e.to_string().contains("c.yml:3:11"), "{e}");
        let e = Config::parse("rules:\n  nope: off\n", "c.yml").unwrap_err();
        assert!(e.to_string().contains("unknown rule `nope`"), "{e}");
    }
}
