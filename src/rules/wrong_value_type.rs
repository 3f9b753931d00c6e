//! A front-matter value of the wrong type: `date` that is no calendar date, `tags` that is
//! not a list of strings, `draft: "false"` (a string, which generators read as true).

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::post::front_matter::Value;
use crate::post::DATE_KEYS;
use crate::post::period::{other_date_form, parse_date_value};
use crate::t;

/// Keys for when a post was last changed, besides the publication dates of [`DATE_KEYS`].
const UPDATE_KEYS: &[&str] = &[
    "lastmod",
    "updated",
    "updatedDate",
    "updatedAt",
    "updated_at",
    "last_modified_at",
];

const BOOL_KEYS: &[&str] = &[
    "bookmark",
    "draft",
    "published",
    "comments",
    "pin",
    "pinned",
];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(fm) = cx.post.fm() else { return };
    for e in &fm.entries {
        let v = &e.value;
        let found = v.value.type_name();
        match e.key.as_str() {
            k if DATE_KEYS.contains(&k) || UPDATE_KEYS.contains(&k) => {
                let k = &e.key;
                match &v.value {
                    Value::Str(s) => match parse_date_value(s) {
                        Ok(_) => {}
                        // `10/31/2021 11:57`, `October 31, 2021`: the site's own form.
                        Err(None) if other_date_form(s) => {}
                        Err(Some(ymd)) => out.push(cx.diag(
                            v.span,
                            t!(
                                "`{k}` is not a real calendar date: {ymd}",
                                "`{k}` 값이 실제 날짜가 아닙니다: {ymd}"
                            ),
                        )),
                        Err(None) => out.push(cx.diag(
                            v.span,
                            t!(
                                "`{k}` must be a date like 2025-03-31, found `{s}`",
                                "`{k}` 값은 2025-03-31 같은 날짜여야 합니다: `{s}`"
                            ),
                        )),
                    },
                    _ => out.push(cx.diag(
                        v.span,
                        t!(
                            "`{k}` must be a date like 2025-03-31, found a {found}",
                            "`{k}` 값은 2025-03-31 같은 날짜여야 합니다: {found}"
                        ),
                    )),
                }
            }
            "tags" | "categories" => {
                let k = &e.key;
                match &v.value {
                    Value::Seq(items) => {
                        for item in items {
                            if !matches!(item.value, Value::Str(_)) {
                                let f = item.value.type_name();
                                out.push(cx.diag(
                                    item.span,
                                    t!(
                                        "`{k}` must be a list of strings; this item is a {f}",
                                        "`{k}` 값은 문자열 목록이어야 합니다: 이 항목은 {f}"
                                    ),
                                ));
                            }
                        }
                    }
                    // Jekyll accepts a space-separated string; an empty value is no tag.
                    Value::Str(_) | Value::Null => {}
                    _ => out.push(cx.diag(
                        v.span,
                        t!(
                            "`{k}` must be a list of strings, found a {found}",
                            "`{k}` 값은 문자열 목록이어야 합니다: {found}"
                        ),
                    )),
                }
            }
            k if BOOL_KEYS.contains(&k) && !matches!(v.value, Value::Bool(_) | Value::Null) => {
                let quoted = matches!(&v.value, Value::Str(s) if s == "true" || s == "false");
                let d = cx.diag(
                    v.span,
                    t!(
                        "`{k}` must be true or false, found a {found}",
                        "`{k}` 값은 true 또는 false여야 합니다: {found}"
                    ),
                );
                out.push(if quoted {
                    d.help(t!(
                        "remove the quotes: a quoted \"false\" is a non-empty string, which reads as true",
                        "따옴표를 지우세요: 따옴표 안의 \"false\"는 비어 있지 않은 문자열이라 참으로 읽힙니다"
                    ))
                } else {
                    d
                });
            }
            _ => {}
        }
    }
}
