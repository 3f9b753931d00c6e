//! Scopes: the parts a post breaks its figures down by (repositories, teams, sides), their
//! spellings, and the part a heading, a column or an item names.

use super::vocabulary::{
    clean_label, is_not_part_label, is_summary_heading, is_total_label, metric_in, month_label,
    other_period, quarter_label,
};
use super::words::{has_any, words};

/// Built-in scope vocabulary: canonical name and its spellings (lower case).
pub(super) const SCOPES: &[(&str, &[&str])] = &[
    (
        "total",
        &[
            "총",
            "전체",
            "total",
            "overall",
            "all",
            "합계",
            "총계",
            "총 커밋",
            "총 커밋 수",
            "총 이슈",
            "총 이슈 수",
            "커밋",
            "커밋 수",
            "이슈",
            "이슈 수",
            "commits",
            "issues",
            "total commits",
            "total issues",
        ],
    ),
    (
        "backend",
        &[
            "서버",
            "백엔드",
            "backend",
            "back-end",
            "be",
            "server",
            "backend server",
            "api",
        ],
    ),
    (
        "frontend",
        &[
            "프론트",
            "프론트엔드",
            "frontend",
            "front-end",
            "fe",
            "web",
            "웹",
        ],
    ),
    ("flutter", &["플러터", "flutter"]),
    (
        "database",
        &[
            "db",
            "db 스키마",
            "db schema",
            "database",
            "데이터베이스",
            "스키마",
        ],
    ),
    ("migration", &["mig", "migration", "마이그레이션"]),
];

/// The canonical scope of a label, with the config's aliases (`canonical: [spellings]`).
pub fn canonical_scope(
    label: &str,
    aliases: &std::collections::BTreeMap<String, Vec<String>>,
) -> String {
    let l = clean_label(label).to_lowercase();
    let l = l
        .trim_start_matches("총 ")
        .trim_end_matches(" 수")
        .trim_end_matches(" 커밋")
        .trim_end_matches(" commits")
        .trim()
        .to_owned();
    // `a` lower-cased equals `x`, without a new string per alias and label.
    let lower_is = |a: &str, x: &str| a.chars().flat_map(char::to_lowercase).eq(x.chars());
    let lookup = |x: &str| -> Option<String> {
        for (canon, spell) in aliases {
            if lower_is(canon, x) || spell.iter().any(|s| lower_is(s, x)) {
                return Some(canon.to_lowercase());
            }
        }
        SCOPES
            .iter()
            .find(|(c, sp)| *c == x || sp.contains(&x))
            .map(|(c, _)| (*c).to_owned())
    };
    if let Some(c) = lookup(&l) {
        return c;
    }
    // `DB Schema - mobidoc-database`: either side.
    if let Some((a, b)) = l.split_once(" - ")
        && let Some(c) = lookup(a.trim()).or_else(|| lookup(b.trim()))
    {
        return c;
    }
    // `DB Schema (mobidoc-database)`: either spelling.
    if let Some((a, b)) = l.split_once('(') {
        let b = b.trim_end_matches(')').trim();
        if let Some(c) = lookup(b).or_else(|| lookup(a.trim()))
            && c != "total"
        {
            return c;
        }
        return l;
    }
    l
}

/// The scope a heading names: a built-in spelling or alias as a word of it.
pub(super) fn heading_scope(h: &str) -> Option<&'static str> {
    let l = h.to_lowercase();
    let l = l.split('(').next().unwrap_or("");
    let l = l.split(" - ").next().unwrap_or("").trim();
    for (canon, spell) in SCOPES.iter().skip(1) {
        if spell.contains(&l) {
            return Some(canon);
        }
    }
    None
}

/// What a table's column holds, read from its header: the post's own figures (`수치`,
/// `커밋 수`, `이번 달`, `Total`), figures of another period or derived ones (`지난달`,
/// `2024`, `목표`, `Change`), or one part of the whole (`app-server` in a table with a
/// column per repository: `| 총 커밋 | 18 | 22 | 40 |`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ColumnScope {
    Own,
    Other,
    Part,
}

pub(super) fn column_scope(head: &str) -> ColumnScope {
    let l = clean_label(head).to_lowercase();
    if l.is_empty() || is_total_label(&l) {
        return ColumnScope::Own;
    }
    // Only the metric and generic words (`커밋 수`, `이번 달`, `Value`): the post's own.
    const GENERIC: &[&str] = &[
        "이번 달",
        "이번달",
        "이번 주",
        "이번주",
        "금월",
        "당월",
        "금주",
        "올해",
        "this month",
        "this week",
        "this year",
        "current",
        "현재",
        "now",
        "커밋",
        "이슈",
        "commits",
        "commit",
        "issues",
        "issue",
        "pull requests",
        "prs",
        "pr",
        "수치",
        "값",
        "내용",
        "결과",
        "개수",
        "건수",
        "횟수",
        "수",
        "value",
        "values",
        "count",
        "number",
        "amount",
        "result",
        "통계",
        "stats",
        "합계",
        "전체",
    ];
    let words: Vec<&str> = l.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() {
        if i + 1 < words.len()
            && GENERIC.contains(&format!("{} {}", words[i], words[i + 1]).as_str())
        {
            i += 2;
        } else if GENERIC.contains(&words[i]) {
            i += 1;
        } else {
            break;
        }
    }
    if i >= words.len() {
        return ColumnScope::Own;
    }
    let year = l
        .trim_end_matches('년')
        .parse::<u16>()
        .is_ok_and(|y| (2000..2100).contains(&y));
    if year
        || other_period(&l)
        || month_label(&l).is_some()
        || quarter_label(&l).is_some()
        || is_not_part_label(&l)
        || has_any(
            &l,
            words![
                "지난", "previous", "prev", "last", "before", "전주", "diff", "vs",
            ],
        )
    {
        ColumnScope::Other
    } else {
        ColumnScope::Part
    }
}

/// The part a heading, a bold line or a list item names, when it names one: `app-server`
/// in `### app-server 커밋`, `**app-web**`, `- api (12 commits)`. Summary words, metric
/// words and the post's own period name none (`### 커밋`, `**이번 달 요약**`).
pub(super) fn part_name(s: &str) -> Option<String> {
    let head = s.split(['(', ':', '|']).next()?;
    let head = head.split(" - ").next()?;
    let head = clean_label(head);
    let words: Vec<&str> = head
        .split_whitespace()
        .filter(|w| {
            metric_in(w).is_none()
                && !matches!(
                    w.to_lowercase().as_str(),
                    "내역" | "목록" | "현황" | "log" | "list" | "history" | "수"
                )
        })
        .collect();
    let name = words.join(" ");
    let name = clean_label(&name);
    (!name.is_empty()
        && name.chars().any(char::is_alphabetic)
        && name.chars().count() <= 40
        && !is_summary_heading(name)
        && !is_total_label(name)
        && column_scope(name) == ColumnScope::Part)
        .then(|| name.to_owned())
}
