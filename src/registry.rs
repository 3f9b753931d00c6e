//! What every rule is, read from its doc: `rules/<name>.md` is the only place a rule's code,
//! name, severity, fix kind, scope and options are written. The front matter is parsed at
//! compile time (a malformed doc fails the build), so the metadata costs nothing at run
//! time and can never drift from the doc.
//!
//! This module is a leaf: the diagnostics, the config and the suppressions read it without
//! reading the rules (`src/rules/` pairs each entry with its check).

/// An enum whose variants are written as words in rule docs and configs: the words are
/// listed once, and both `as_str` and `parse` (usable at compile time) read them.
macro_rules! words {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $variant:ident = $word:literal,)* }) => {
        $(#[$m])*
        pub enum $name {
            $($(#[$vm])* $variant,)*
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)*
                }
            }
            pub const fn from_word(s: &str) -> Option<Self> {
                lookup(s, &[$(($word, $name::$variant),)*])
            }
        }
    };
}

words! {
    /// How serious a finding is; a rule's default, overridable in the config.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Severity {
        Info = "info",
        Warning = "warning",
        Error = "error",
    }
}

impl Severity {
    /// A severity's word, or `warn` for warning.
    pub const fn parse(s: &str) -> Option<Self> {
        if eq(s, "warn") {
            Some(Severity::Warning)
        } else {
            Severity::from_word(s)
        }
    }
}

words! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum FixKind {
        None = "none",
        Safe = "safe",
        Unsafe = "unsafe",
        DisplayOnly = "display-only",
    }
}

words! {
    /// What a rule reads, which decides when the engine runs it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Scope {
        /// The file itself and its front matter: runs on every file, text or not.
        File = "file",
        /// One post's model.
        Post = "post",
        /// The post and the site index (other posts' URLs, periods, series): says nothing
        /// when the run found no content root.
        Site = "site",
        /// The post against other posts' figures: runs once every post's figures are known.
        CrossPost = "cross-post",
        /// The post's suppression comments against every other finding: runs last.
        Suppression = "suppression",
    }
}

impl Scope {
    /// Whether the rule looks other posts up in the site index.
    pub fn reads_site(self) -> bool {
        matches!(self, Scope::Site | Scope::CrossPost)
    }
}

words! {
    /// The type a rule option's value must have in the config, as the doc's `options:`
    /// line writes it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum OptKind {
        Bool = "boolean",
        Int = "integer",
        Str = "string",
        StrList = "list",
        StrMap = "mapping",
    }
}

impl OptKind {
    pub fn describe(self) -> &'static str {
        match self {
            OptKind::Bool => "true or false",
            OptKind::Int => "a non-negative integer",
            OptKind::Str => "a string",
            OptKind::StrList => "a list of strings",
            OptKind::StrMap => "a mapping of strings",
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Opt {
    pub name: &'static str,
    pub kind: OptKind,
}

#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub fix: FixKind,
    pub scope: Scope,
    /// The doc's `options:` line: `name (kind), name (kind)`; see [`RuleMeta::options`].
    options: &'static str,
    /// The rule's Markdown doc from `rules/`, printed by `retro-lint rule CODE`.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The metadata in a rule doc's front matter. Panics (at compile time, where it is
    /// called) on a missing or unknown value.
    pub const fn from_doc(doc: &'static str) -> RuleMeta {
        let Some(severity) = Severity::from_word(field(doc, "severity")) else {
            panic!("rule doc: `severity` must be error, warning or info");
        };
        let Some(fix) = FixKind::from_word(field(doc, "fix")) else {
            panic!("rule doc: `fix` must be none, safe, unsafe or display-only");
        };
        let Some(scope) = Scope::from_word(field(doc, "scope")) else {
            panic!("rule doc: `scope` must be file, post, site, cross-post or suppression");
        };
        RuleMeta {
            code: field(doc, "code"),
            name: field(doc, "name"),
            severity,
            fix,
            scope,
            options: optional_field(doc, "options"),
            doc,
        }
    }

    /// The options the rule reads from its config entry. A doc whose `options:` line does
    /// not parse is caught by a test (`tests/meta.rs`).
    pub fn options(&self) -> impl Iterator<Item = Opt> + '_ {
        self.options
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .filter_map(|s| {
                let (name, kind) = s.split_once(" (")?;
                Some(Opt {
                    name: name.trim(),
                    kind: OptKind::from_word(kind.strip_suffix(')')?)?,
                })
            })
    }
}

/// The value `s` names in `table` (a `match` on strings, usable at compile time).
const fn lookup<T: Copy>(s: &str, table: &[(&str, T)]) -> Option<T> {
    let mut i = 0;
    while i < table.len() {
        if eq(s, table[i].0) {
            return Some(table[i].1);
        }
        i += 1;
    }
    None
}

const fn eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The value of `key: value` in the doc's front matter (between the first two `---`
/// lines), or "" when the key is absent.
const fn optional_field(doc: &'static str, key: &str) -> &'static str {
    let (d, k) = (doc.as_bytes(), key.as_bytes());
    if d.len() < 4 || d[0] != b'-' || d[1] != b'-' || d[2] != b'-' || d[3] != b'\n' {
        panic!("rule doc: must start with `---` front matter");
    }
    let mut line = 4;
    while line < d.len() {
        let mut end = line;
        while end < d.len() && d[end] != b'\n' {
            end += 1;
        }
        if end - line == 3 && d[line] == b'-' && d[line + 1] == b'-' && d[line + 2] == b'-' {
            return "";
        }
        let mut i = 0;
        while i < k.len() && line + i < end && d[line + i] == k[i] {
            i += 1;
        }
        if i == k.len() && line + i + 1 < end && d[line + i] == b':' && d[line + i + 1] == b' ' {
            let (_, rest) = d.split_at(line + i + 2);
            let (value, _) = rest.split_at(end - line - i - 2);
            return match std::str::from_utf8(value) {
                Ok(s) => s.trim_ascii(),
                Err(_) => panic!("rule doc: front matter is not UTF-8"),
            };
        }
        line = end + 1;
    }
    panic!("rule doc: front matter is never closed")
}

const fn field(doc: &'static str, key: &str) -> &'static str {
    let v = optional_field(doc, key);
    if v.is_empty() {
        panic!("rule doc: a required front-matter key is missing");
    }
    v
}

/// Every rule's metadata, one line each, in code order. Adding a rule: its doc in
/// `rules/`, a line here, a line in `src/rules/mod.rs` pairing it with its check.
macro_rules! registry {
    ($($id:ident: $doc:literal,)*) => {
        $(pub static $id: RuleMeta =
            RuleMeta::from_doc(include_str!(concat!("../rules/", $doc, ".md")));)*
        /// Every rule, in code order. Codes and names are stable: configs and suppressions
        /// use them.
        pub static ALL: &[&RuleMeta] = &[$(&$id),*];
    };
}

registry! {
    FILE_NOT_TEXT: "file-not-text",
    FILE_TOO_LARGE: "file-too-large",
    FRONT_MATTER_MISSING: "front-matter-missing",
    FRONT_MATTER_UNTERMINATED: "front-matter-unterminated",
    YAML_SYNTAX_ERROR: "yaml-syntax-error",
    DUPLICATE_KEY: "duplicate-key",
    REQUIRED_KEY_MISSING: "required-key-missing",
    WRONG_VALUE_TYPE: "wrong-value-type",
    FILE_TOO_COMPLEX: "file-too-complex",
    PERIOD_MISMATCH: "period-mismatch",
    INVALID_DATE: "invalid-date",
    PERIOD_LENGTH: "period-length",
    DATE_NOT_PERIOD_END: "date-not-period-end",
    WEEKDAY_MISMATCH: "weekday-mismatch",
    PERMALINK_PATTERN: "permalink-pattern",
    UNFILLED_PLACEHOLDER: "unfilled-placeholder",
    BROKEN_INTERNAL_LINK: "broken-internal-link",
    MONTH_INDEX: "month-index",
    DUPLICATE_URL: "duplicate-url",
    UNPUBLISHED_LOCATION: "unpublished-location",
    SERIES_GAP: "series-gap",
    UNUSED_SUPPRESSION: "unused-suppression",
    UNKNOWN_RULE_IN_SUPPRESSION: "unknown-rule-in-suppression",
    SUM_MISMATCH: "sum-mismatch",
    COUNT_MISMATCH: "count-mismatch",
    CONFLICTING_FIGURES: "conflicting-figures",
    PERCENTAGE_MISMATCH: "percentage-mismatch",
    AVERAGE_MISMATCH: "average-mismatch",
    FALSE_SUPERLATIVE: "false-superlative",
    FALSE_TREND: "false-trend",
    BOUNDS_EXCEED_TOTAL: "bounds-exceed-total",
    CROSS_POST_FIGURES: "cross-post-figures",
    TALLY_MISMATCH: "tally-mismatch",
}

/// A rule by code or name.
pub fn find(key: &str) -> Option<&'static RuleMeta> {
    ALL.iter()
        .copied()
        .find(|m| m.code.eq_ignore_ascii_case(key) || m.name == key)
}

/// Rules a selector names: a code, a name, a code prefix (`D`, `F00`), or `ALL`.
pub fn matching(selector: &str) -> Vec<&'static RuleMeta> {
    let sel = selector.trim();
    ALL.iter()
        .copied()
        .filter(|m| {
            sel.eq_ignore_ascii_case("all")
                || m.name == sel
                || (!sel.is_empty()
                    && m.code
                        .to_ascii_uppercase()
                        .starts_with(&sel.to_ascii_uppercase()))
        })
        .collect()
}
