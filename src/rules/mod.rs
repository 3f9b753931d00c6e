//! The rule registry: one file per rule, one line per rule in [`RULES`].

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::post::Post;
use crate::post::front_matter::Value;
use crate::site::Site;
use crate::source::Span;

mod average_mismatch;
mod bounds_exceed_total;
mod broken_internal_link;
mod conflicting_figures;
mod count_mismatch;
mod cross_post_figures;
mod date_not_period_end;
mod duplicate_key;
mod duplicate_url;
mod false_superlative;
mod false_trend;
mod file_not_text;
mod file_too_complex;
mod file_too_large;
mod front_matter_missing;
mod front_matter_unterminated;
mod invalid_date;
mod month_index;
mod percentage_mismatch;
mod period_length;
mod period_mismatch;
mod permalink_pattern;
mod required_key_missing;
mod series_gap;
mod sum_mismatch;
mod unfilled_placeholder;
mod unknown_rule_in_suppression;
mod unpublished_location;
mod unused_suppression;
mod weekday_mismatch;
mod wrong_value_type;
mod yaml_syntax_error;

/// Every rule, in code order. Codes and names are stable: configs and suppressions use them.
pub static RULES: &[&dyn Rule] = &[
    &file_not_text::Rule,
    &file_too_large::Rule,
    &front_matter_missing::Rule,
    &front_matter_unterminated::Rule,
    &yaml_syntax_error::Rule,
    &duplicate_key::Rule,
    &required_key_missing::Rule,
    &wrong_value_type::Rule,
    &file_too_complex::Rule,
    &period_mismatch::Rule,
    &invalid_date::Rule,
    &period_length::Rule,
    &date_not_period_end::Rule,
    &weekday_mismatch::Rule,
    &permalink_pattern::Rule,
    &unfilled_placeholder::Rule,
    &broken_internal_link::Rule,
    &month_index::Rule,
    &duplicate_url::Rule,
    &unpublished_location::Rule,
    &series_gap::Rule,
    &unused_suppression::Rule,
    &unknown_rule_in_suppression::Rule,
    &sum_mismatch::Rule,
    &count_mismatch::Rule,
    &conflicting_figures::Rule,
    &percentage_mismatch::Rule,
    &average_mismatch::Rule,
    &false_superlative::Rule,
    &false_trend::Rule,
    &bounds_exceed_total::Rule,
    &cross_post_figures::Rule,
];

pub use cross_post_figures::{META as CROSS_POST_FIGURES, figures_read, reads_others};

/// The suppression rules, reported by [`crate::suppress::filter`].
pub use unknown_rule_in_suppression::META as UNKNOWN_RULE_IN_SUPPRESSION;
pub use unused_suppression::META as UNUSED_SUPPRESSION;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    None,
    Safe,
    Unsafe,
    DisplayOnly,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
            FixKind::DisplayOnly => "display-only",
        }
    }
}

/// Whether a rule reads one post, or looks at other posts of the site too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Post,
    Site,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptKind {
    Bool,
    Int,
    Str,
    StrList,
    StrMap,
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

#[derive(Debug)]
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
    pub options: &'static [Opt],
    /// The rule's Markdown doc from `rules/`, printed by `retro-lint rule CODE`.
    pub doc: &'static str,
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Report findings about `cx.post`. Cannot fail.
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>);
}

/// What a rule sees: the post, the site around it, and its own settings.
pub struct Context<'a> {
    pub post: &'a Post,
    pub site: &'a Site,
    pub config: &'a Config,
    pub meta: &'static RuleMeta,
}

impl Context<'_> {
    pub fn diag(&self, span: Span, message: Text) -> Diagnostic {
        Diagnostic::new(self.meta, span, message)
    }
    fn option(&self, name: &str) -> Option<&Value> {
        self.config.option(self.meta.code, name)
    }
    pub fn opt_bool(&self, name: &str) -> Option<bool> {
        match self.option(name)? {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    pub fn opt_int(&self, name: &str) -> Option<i64> {
        match self.option(name)? {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
    pub fn opt_str(&self, name: &str) -> Option<&str> {
        self.option(name)?.as_str()
    }
    pub fn opt_list(&self, name: &str) -> Option<Vec<&str>> {
        match self.option(name)? {
            Value::Seq(items) => Some(items.iter().filter_map(|i| i.value.as_str()).collect()),
            _ => None,
        }
    }
    pub fn opt_map(&self, name: &str) -> Option<Vec<(&str, &str)>> {
        match self.option(name)? {
            Value::Map(items) => Some(
                items
                    .iter()
                    .filter_map(|e| Some((e.key.as_str(), e.value.value.as_str()?)))
                    .collect(),
            ),
            _ => None,
        }
    }
    /// For site rules (S): the post's index in the site index, or `None` when the run found
    /// no content root (site rules then say nothing; the report carries a note).
    pub fn site_index(&self) -> Option<usize> {
        if !self.site.has_content_roots() {
            return None;
        }
        self.site.index_of(&self.post.path)
    }
    pub fn text(&self) -> &str {
        &self.post.source.text
    }
}

/// A rule by code or name.
pub fn find(key: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(key) || m.name == key)
}

/// Rules a selector names: a code, a name, a code prefix (`D`, `F00`), or `ALL`.
pub fn matching(selector: &str) -> Vec<&'static RuleMeta> {
    let sel = selector.trim();
    RULES
        .iter()
        .map(|r| r.meta())
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
