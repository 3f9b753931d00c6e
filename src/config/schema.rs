//! A JSON Schema of `.retro-lint.yml`, made from the same lists the parser checks against
//! (the keys, the rules and their options), so editors complete and check the config and
//! the schema cannot drift from it. `retro-lint schema` prints it; the copy in the
//! repository (`retro-lint.schema.json`) is compared with it by a test.

use super::{KEYS, URL_KEYS};
use crate::registry::{self, OptKind};
use serde_json::{Value, json};

pub fn json_schema() -> Value {
    let severity = json!({
        "description": "off, or the severity the rule's findings get",
        "enum": ["off", "info", "warning", "warn", "error"]
    });
    let mut rules = serde_json::Map::new();
    for m in registry::ALL {
        let mut props = serde_json::Map::new();
        props.insert("severity".into(), severity.clone());
        for o in m.options() {
            let t = match o.kind {
                OptKind::Bool => json!({"type": "boolean"}),
                OptKind::Int => json!({"type": "integer", "minimum": 0}),
                OptKind::Str => json!({"type": "string"}),
                OptKind::StrList => json!({"type": "array", "items": {"type": "string"}}),
                OptKind::StrMap => {
                    json!({"type": "object", "additionalProperties": {"type": "string"}})
                }
            };
            props.insert(o.name.into(), t);
        }
        let entry = json!({
            "description": format!("{} {}: `retro-lint rule {}`", m.code, m.name, m.code),
            "anyOf": [
                severity,
                {"type": "object", "properties": props, "additionalProperties": false}
            ]
        });
        rules.insert(m.code.into(), entry.clone());
        rules.insert(m.name.into(), entry);
    }
    let strings = json!({"type": "array", "items": {"type": "string"}});
    let selectors = json!({
        "type": "array",
        "items": {"type": "string"},
        "description": "rule codes, names or code prefixes (D, F00), or ALL"
    });
    let props = json!({
        "content_roots": {"description": "folders that hold posts (default: detected)", "type": "array", "items": {"type": "string"}},
        "exclude": {"description": "globs, relative to this file", "type": "array", "items": {"type": "string"}},
        "url": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "pattern": {"type": "string", "description": "URL of a post without a permalink: {path} {slug} {year} {month} {day} {categories}"},
                "permalink_keys": strings,
                "alias_keys": strings,
                "base": {"type": "string", "description": "where the site is served: links to it are checked"}
            }
        },
        "lang": {"enum": ["ko", "en"], "description": "message language unless --lang or a ko/en locale says otherwise"},
        "select": selectors,
        "ignore": selectors,
        "rules": {"type": "object", "properties": rules, "additionalProperties": false},
        "aliases": {"type": "object", "additionalProperties": strings, "description": "names that mean the same repository or scope"},
        "max_file_size": {"type": "integer", "minimum": 1, "description": "bytes; larger files get F002 and are skipped"},
        "max_elements": {"type": "integer", "minimum": 1, "description": "Markdown elements read per post (F009)"},
        "preview": {"type": "boolean", "description": "also report findings that rest on a guess about a post's structure"}
    });
    debug_assert!(KEYS.iter().all(|k| props.get(k).is_some()));
    debug_assert!(
        URL_KEYS
            .iter()
            .all(|k| props["url"]["properties"].get(k).is_some())
    );
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "retro-lint configuration (.retro-lint.yml)",
        "type": ["object", "null"],
        "additionalProperties": false,
        "properties": props
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_and_rule_is_in_the_schema() {
        let s = json_schema();
        for k in KEYS {
            assert!(s["properties"].get(k).is_some(), "{k}");
        }
        for k in URL_KEYS {
            assert!(s["properties"]["url"]["properties"].get(k).is_some(), "{k}");
        }
        for m in registry::ALL {
            let r = &s["properties"]["rules"]["properties"][m.name];
            for o in m.options() {
                assert!(
                    r["anyOf"][1]["properties"].get(o.name).is_some(),
                    "{}",
                    o.name
                );
            }
        }
    }
}
