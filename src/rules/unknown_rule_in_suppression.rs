//! A suppression comment that names no known rule. Reported by the suppression pass in
//! [`crate::suppress::filter`]; this file holds the rule's registry entry.

use super::{Context, FixKind, RuleMeta, Scope};
use crate::diagnostic::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "X002",
    name: "unknown-rule-in-suppression",
    severity: Severity::Warning,
    fix: FixKind::Safe,
    scope: Scope::Post,
    options: &[],
    doc: include_str!("../../rules/unknown-rule-in-suppression.md"),
};

pub struct Rule;

impl super::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, _cx: &Context, _out: &mut Vec<Diagnostic>) {}
}
