//! The rules: one file per rule, named after the problem it finds. A rule is a function
//! that reads the parsed model of a post (and, by its scope, the site index or the post's
//! suppression comments) and reports findings; it never reads files, parses text or
//! prints. What a rule is (code, name, severity, fix, scope, options) is written once, in
//! its doc `rules/<name>.md`, and read by [`crate::registry`].

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Text};
use crate::post::Post;
use crate::post::front_matter::Value;
use crate::registry::{self, RuleMeta, Severity};
use crate::site::Site;
use crate::source::Span;
use crate::suppress::Pass;

mod shared;

/// A rule: its metadata and its check.
pub struct Rule {
    pub meta: &'static RuleMeta,
    /// Report findings about `cx.post`. Cannot fail.
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

/// A rule of this run, with the severity the config gives it.
pub type Active = (&'static Rule, Severity);

/// Pairs each entry of the registry with the function that checks it.
macro_rules! rules {
    ($($meta:ident => $module:ident,)*) => {
        $(mod $module;)*
        /// Every rule, in code order (the registry's).
        pub static RULES: &[Rule] = &[$(Rule { meta: &registry::$meta, check: $module::check }),*];
    };
}

rules! {
    FILE_NOT_TEXT => file_not_text,
    FILE_TOO_LARGE => file_too_large,
    FRONT_MATTER_MISSING => front_matter_missing,
    FRONT_MATTER_UNTERMINATED => front_matter_unterminated,
    YAML_SYNTAX_ERROR => yaml_syntax_error,
    DUPLICATE_KEY => duplicate_key,
    REQUIRED_KEY_MISSING => required_key_missing,
    WRONG_VALUE_TYPE => wrong_value_type,
    FILE_TOO_COMPLEX => file_too_complex,
    PERIOD_MISMATCH => period_mismatch,
    INVALID_DATE => invalid_date,
    PERIOD_LENGTH => period_length,
    DATE_NOT_PERIOD_END => date_not_period_end,
    WEEKDAY_MISMATCH => weekday_mismatch,
    PERMALINK_PATTERN => permalink_pattern,
    UNFILLED_PLACEHOLDER => unfilled_placeholder,
    BROKEN_INTERNAL_LINK => broken_internal_link,
    MONTH_INDEX => month_index,
    DUPLICATE_URL => duplicate_url,
    UNPUBLISHED_LOCATION => unpublished_location,
    SERIES_GAP => series_gap,
    UNUSED_SUPPRESSION => unused_suppression,
    UNKNOWN_RULE_IN_SUPPRESSION => unknown_rule_in_suppression,
    SUM_MISMATCH => sum_mismatch,
    COUNT_MISMATCH => count_mismatch,
    CONFLICTING_FIGURES => conflicting_figures,
    PERCENTAGE_MISMATCH => percentage_mismatch,
    AVERAGE_MISMATCH => average_mismatch,
    FALSE_SUPERLATIVE => false_superlative,
    FALSE_TREND => false_trend,
    BOUNDS_EXCEED_TOTAL => bounds_exceed_total,
    CROSS_POST_FIGURES => cross_post_figures,
    TALLY_MISMATCH => tally_mismatch,
}

pub use cross_post_figures::{figures_read, reads_others};
pub use permalink_pattern::shape as permalink_shape;

/// What a rule sees: the post, the site around it, and its own settings.
pub struct Context<'a> {
    pub post: &'a Post,
    pub site: &'a Site,
    pub config: &'a Config,
    pub meta: &'static RuleMeta,
    /// For suppression rules only: the post's suppression comments and what each
    /// suppressed (every other rule has run).
    pub suppressions: Option<&'a Pass<'a>>,
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
    /// For site rules: the post's index in the site index, or `None` when the run found
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
