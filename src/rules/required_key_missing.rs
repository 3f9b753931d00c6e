//! A front-matter key the site needs (default `title`, `date`) is missing.

use super::{Context, FixKind, Opt, OptKind, RuleMeta, Scope};
use crate::diagnostic::{Diagnostic, Severity};
use crate::t;

pub static META: RuleMeta = RuleMeta {
    code: "F007",
    name: "required-key-missing",
    severity: Severity::Error,
    fix: FixKind::None,
    scope: Scope::Post,
    options: &[Opt {
        name: "keys",
        kind: OptKind::StrList,
    }],
    doc: include_str!("../../rules/required-key-missing.md"),
};

pub struct Rule;

impl super::Rule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(fm) = cx.post.fm() else { return };
        if fm.error.is_some() || fm.not_a_mapping.is_some() {
            return;
        }
        let keys = cx.opt_list("keys").unwrap_or_else(|| vec!["title", "date"]);
        for key in keys {
            if fm.get(key).is_some() {
                continue;
            }
            // Jekyll takes the date from a `YYYY-MM-DD-slug.md` file name.
            if key == "date" && cx.post.period.file_date.is_some() {
                continue;
            }
            out.push(cx.diag(
                fm.open,
                t!(
                    "front matter has no `{key}` key",
                    "front matter에 필요한 키가 없습니다: `{key}`"
                ),
            ));
        }
    }
}
