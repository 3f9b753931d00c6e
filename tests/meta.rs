//! Every rule is documented, has fixtures that fail and pass in Korean and English, and
//! has a unique code and name.

use retro_lint::registry::{self, Scope};
use retro_lint::rules::RULES;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn posts_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd {
        let p = e.expect("entry").path();
        if p.is_dir() {
            posts_under(&p, out);
        } else if p.extension().is_some_and(|e| e == "md")
            && !p.to_string_lossy().ends_with(".fixed.md")
            && !p.to_string_lossy().ends_with(".unsafe-fixed.md")
        {
            out.push(p);
        }
    }
}

/// The rule codes or names in a fixture's expect block.
fn expected_rules(text: &str) -> Vec<String> {
    let Some(at) = text.rfind("<!-- expect") else {
        return Vec::new();
    };
    text[at..]
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| *w != "-->")
        .map(str::to_owned)
        .collect()
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for r in RULES {
        let m = r.meta;
        assert!(codes.insert(m.code), "duplicate code {}", m.code);
        assert!(names.insert(m.name), "duplicate name {}", m.name);
        let c: Vec<char> = m.code.chars().collect();
        assert!(
            c.len() == 4 && c[0].is_ascii_uppercase() && c[1..].iter().all(char::is_ascii_digit),
            "code {} must be a letter and three digits",
            m.code
        );
        assert!(
            m.name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch == '-'),
            "name {} must be kebab-case",
            m.name
        );
    }
}

#[test]
fn every_rule_has_a_doc_with_the_standard_headings() {
    for r in RULES {
        let m = r.meta;
        let path = root().join("rules").join(format!("{}.md", m.name));
        let doc =
            std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} missing", path.display()));
        assert_eq!(doc, m.doc, "{}: embedded doc differs", m.name);
        // Every entry of the `options:` line is read (a typo in a kind would drop it).
        let line = doc.lines().find_map(|l| l.strip_prefix("options: "));
        let written = line.map_or(0, |l| l.split(',').count());
        assert_eq!(
            m.options().count(),
            written,
            "{}: an entry of `options:` is not `name (boolean|integer|string|list|mapping)`",
            m.name
        );
        for h in [
            "## What it does",
            "## Why",
            "## Example",
            "## Options",
            "## Fix",
        ] {
            assert!(doc.lines().any(|l| l == h), "{}: doc lacks `{h}`", m.name);
        }
    }
}

#[test]
fn every_rule_has_failing_and_clean_fixtures_in_korean_and_english() {
    for r in RULES {
        let m = r.meta;
        let dir = root().join("fixtures").join(m.name);
        let mut posts = Vec::new();
        posts_under(&dir, &mut posts);
        assert!(
            !posts.is_empty(),
            "{}: no fixtures in {}",
            m.name,
            dir.display()
        );
        let (mut fail, mut clean, mut ko, mut en) = (false, false, false, false);
        for p in &posts {
            let bytes = std::fs::read(p).expect("read");
            let text = String::from_utf8_lossy(&bytes);
            let hits = expected_rules(&text)
                .iter()
                .any(|w| w == m.code || w == m.name);
            fail |= hits;
            clean |= !hits;
            let hangul = text.chars().any(|c| ('가'..='힣').contains(&c));
            ko |= hangul;
            en |= !hangul;
        }
        assert!(fail, "{}: no fixture expects this rule", m.name);
        assert!(clean, "{}: no clean fixture", m.name);
        assert!(ko, "{}: no Korean fixture", m.name);
        assert!(en, "{}: no English fixture", m.name);
    }
}

#[test]
fn readme_lists_every_rule() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    for r in RULES {
        let m = r.meta;
        assert!(
            readme.contains(m.code) && readme.contains(m.name),
            "README does not list {} {}",
            m.code,
            m.name
        );
    }
}

#[test]
fn the_registry_and_the_checks_pair_up_in_code_order() {
    let metas: Vec<&str> = registry::ALL.iter().map(|m| m.code).collect();
    let checks: Vec<&str> = RULES.iter().map(|r| r.meta.code).collect();
    assert_eq!(metas, checks);
    let docs = std::fs::read_dir(root().join("rules"))
        .expect("rules/")
        .count();
    assert_eq!(docs, metas.len(), "every doc in rules/ is registered");
    for m in registry::ALL {
        let file = root()
            .join("src/rules")
            .join(format!("{}.rs", m.name.replace('-', "_")));
        assert!(file.is_file(), "{}: no {}", m.name, file.display());
        // The letter of the code says what the rule reads; the engine reads the scope.
        let expected = match &m.code[..1] {
            "F" => vec![Scope::File],
            "S" => vec![Scope::Site, Scope::CrossPost],
            "X" => vec![Scope::Suppression],
            _ => vec![Scope::Post],
        };
        assert!(
            expected.contains(&m.scope),
            "{}: scope {:?}",
            m.code,
            m.scope
        );
    }
}

#[test]
fn readme_pins_pre_commit_to_this_versions_tag_and_says_the_first_run_builds() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let rev = format!("rev: v{}", env!("CARGO_PKG_VERSION"));
    assert!(
        readme.contains(&rev),
        "the pre-commit snippet must pin `{rev}`"
    );
    assert!(
        readme.contains("pauses for one to two minutes while pre-commit builds retro-lint"),
        "the README must say the first hook run compiles"
    );
}
