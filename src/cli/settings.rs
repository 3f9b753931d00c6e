//! `--show-settings`: the settings a run would use, each with where it came from (the
//! command line, the environment, the config file, the site, or the default).

use super::{Cli, writeln_ok};
use crate::config::Config;
use crate::diagnostic::Lang;
use crate::engine::{DEFAULT_MAX_FILE_SIZE, LintOptions, active_rules};
use crate::error::Error;
use crate::site::{Layout, Site};
use std::io::Write;
use std::path::PathBuf;

pub fn print(
    cli: &Cli,
    paths: &[PathBuf],
    config: &Config,
    opts: &LintOptions,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let mut lines: Vec<(String, String, String)> = Vec::new();
    let mut put = |k: &str, v: String, from: &str| lines.push((k.into(), v, from.into()));
    let file = |key: &str| config.set.contains(key);
    let from = |cli_set: bool, key: &str, otherwise: &str| -> String {
        if cli_set {
            "command line".into()
        } else if file(key) {
            "config file".into()
        } else {
            otherwise.into()
        }
    };
    put(
        "config file",
        config
            .path
            .as_ref()
            .map_or("none".into(), |p| p.display().to_string()),
        if cli.config.is_some() {
            "--config"
        } else if config.path.is_some() {
            "the closest above the first path"
        } else {
            "no file found: defaults"
        },
    );
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let root = Site::find_root(&first, config);
    let layout = Layout::detect(&root, config);
    put(
        "site",
        format!("{} at {}", layout.kind.as_str(), layout.root.display()),
        &layout
            .evidence
            .as_ref()
            .map_or("no generator's files found".into(), |e| {
                format!("found {e}")
            }),
    );
    let roots: Vec<String> = layout
        .content_roots
        .iter()
        .map(|p| {
            p.strip_prefix(&layout.root)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    put(
        "content_roots",
        if roots.is_empty() {
            "none (site rules do not run)".into()
        } else {
            roots.join(", ")
        },
        if layout.roots_configured {
            "config file"
        } else {
            "detected"
        },
    );
    put(
        "url.pattern",
        layout.pattern.clone(),
        &if config.url.pattern.is_some() {
            "config file".to_owned()
        } else if layout.pattern_certain {
            "the generator's config".to_owned()
        } else {
            format!("default for {} sites, a guess", layout.kind.as_str())
        },
    );
    put(
        "url.permalink_keys",
        layout.permalink_keys.join(", "),
        if config.url.permalink_keys.is_empty() {
            "default"
        } else {
            "config file"
        },
    );
    put(
        "url.alias_keys",
        layout.alias_keys.join(", "),
        if config.url.alias_keys.is_empty() {
            "default"
        } else {
            "config file"
        },
    );
    put(
        "url.base",
        config.url.base.clone().unwrap_or_else(|| "none".into()),
        if config.url.base.is_some() {
            "config file"
        } else {
            "default"
        },
    );
    let env_lang = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|v| {
        std::env::var(v)
            .ok()
            .filter(|s| !s.is_empty())
            .map(|s| (v, s))
    });
    let lang_from = if cli.lang.is_some() {
        "--lang".to_owned()
    } else if let (Some((var, value)), Some(_)) = (&env_lang, Lang::from_env()) {
        format!("{var}={value}")
    } else if config.lang.is_some() {
        let said = env_lang.map_or(String::new(), |(v, s)| {
            format!("; {v}={s} names no language")
        });
        format!("config file{said}")
    } else {
        "default".to_owned()
    };
    put(
        "lang",
        match lang {
            Lang::Ko => "ko".into(),
            Lang::En => "en".into(),
        },
        &lang_from,
    );
    let select = if opts.select.is_empty() {
        &config.select
    } else {
        &opts.select
    };
    put(
        "select",
        if select.is_empty() {
            "ALL".into()
        } else {
            select.join(", ")
        },
        &from(!opts.select.is_empty(), "select", "default"),
    );
    let ignore: Vec<String> = config.ignore.iter().chain(&opts.ignore).cloned().collect();
    put(
        "ignore",
        if ignore.is_empty() {
            "none".into()
        } else {
            ignore.join(", ")
        },
        &from(!opts.ignore.is_empty(), "ignore", "default"),
    );
    put(
        "preview",
        config.preview.to_string(),
        &from(cli.preview, "preview", "default"),
    );
    put(
        "max_file_size",
        opts.max_file_size
            .or(config.max_file_size)
            .unwrap_or(DEFAULT_MAX_FILE_SIZE)
            .to_string(),
        &from(opts.max_file_size.is_some(), "max_file_size", "default"),
    );
    put(
        "max_elements",
        config.max_elements().to_string(),
        &from(false, "max_elements", "default"),
    );
    put(
        "cache",
        if !opts.cache {
            "off".into()
        } else {
            opts.cache_dir
                .clone()
                .unwrap_or_else(|| layout.root.join(crate::cache::DIR))
                .display()
                .to_string()
        },
        if cli.no_cache {
            "--no-cache"
        } else if cli.diff {
            "--diff writes nothing"
        } else if opts.cache_dir.is_some() {
            "--cache-dir or RETRO_LINT_CACHE_DIR"
        } else {
            "default"
        },
    );
    for (rule, severity) in active_rules(config, opts)? {
        let m = rule.meta;
        let setting = config.setting(m.code);
        let mut v = severity.as_str().to_owned();
        for (name, value) in setting.iter().flat_map(|s| &s.options) {
            v.push_str(&format!(", {name}: {}", show(value)));
        }
        put(
            &format!("rule {} {}", m.code, m.name),
            v,
            if setting.is_some() {
                "config file"
            } else {
                "default"
            },
        );
    }
    let width = lines.iter().map(|l| l.0.chars().count()).max().unwrap_or(0);
    for (k, v, from) in lines {
        let pad = " ".repeat(width - k.chars().count());
        writeln_ok(
            out,
            &crate::output::one_line(&format!("{k}{pad}  {v}  ({from})")),
        )?;
    }
    Ok(0)
}

/// A config value as the config file would write it, on one line.
fn show(v: &crate::post::front_matter::Value) -> String {
    use crate::post::front_matter::Value;
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Str(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Seq(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| show(&i.value))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|e| format!("{}: {}", e.key, show(&e.value.value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
