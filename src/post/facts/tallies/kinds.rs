//! The kinds items are tagged with, how tags and tallies name them, and the words around a
//! tally that make it the post's own or narrow it.

use crate::post::facts::text::parens;
use crate::post::facts::types::TagKind;
use crate::post::facts::vocabulary::clean_label;
use crate::post::numbers::{self};

/// Each kind as a tag or a label names it (lower case): `[fix]`, `feat:`, `(버그)`, `| docs |`.
pub(super) const KINDS: &[(TagKind, &[&str])] = &[
    (
        TagKind::Fix,
        &[
            "fix",
            "fixes",
            "bugfix",
            "bugfixes",
            "bug fix",
            "bug fixes",
            "hotfix",
            "hotfixes",
            "bug",
            "bugs",
            "버그",
            "버그 수정",
            "버그수정",
        ],
    ),
    (
        TagKind::Feat,
        &[
            "feat",
            "feature",
            "features",
            "new feature",
            "new features",
            "기능",
            "기능 추가",
            "신규 기능",
            "새 기능",
        ],
    ),
    (
        TagKind::Docs,
        &["docs", "doc", "documentation", "문서", "문서화"],
    ),
    (
        TagKind::Refactor,
        &["refactor", "refactoring", "리팩토링", "리팩터링"],
    ),
    (
        TagKind::Perf,
        &["perf", "performance", "성능", "성능 개선", "성능 최적화"],
    ),
    (TagKind::Test, &["test", "tests", "테스트"]),
    (TagKind::Chore, &["chore", "chores"]),
    (TagKind::Style, &["style", "스타일"]),
    (TagKind::Ci, &["ci"]),
    (TagKind::Build, &["build", "빌드"]),
    (
        TagKind::Improve,
        &[
            "improvement",
            "improvements",
            "enhancement",
            "enhancements",
            "개선",
        ],
    ),
];

/// The phrases that name a kind in running text without doubt (`버그 수정 6건`, `6 fixes`);
/// a bare `기능` or `bug` is not one (`기능 3개를 설계`, `6 bugs reported`).
pub(super) const PROSE: &[(TagKind, &[&str])] = &[
    (
        TagKind::Fix,
        &[
            "버그 수정",
            "버그수정",
            "bug fixes",
            "bugfixes",
            "fixes",
            "hotfixes",
        ],
    ),
    (
        TagKind::Feat,
        &["신규 기능", "새 기능", "기능 추가", "new features"],
    ),
    (TagKind::Refactor, &["리팩토링", "리팩터링", "refactorings"]),
    (TagKind::Docs, &["문서화"]),
];

/// Words that may stand in a clause before a tally without narrowing it: the period, the
/// post's own total, who did it (`이번 달 총 버그 수정 6건`, `This month we shipped 6 fixes`).
pub(super) const FILLER: &[&str] = &[
    "this",
    "month",
    "week",
    "year",
    "quarter",
    "we",
    "i",
    "made",
    "shipped",
    "landed",
    "merged",
    "pushed",
    "had",
    "did",
    "wrote",
    "closed",
    "total",
    "in",
    "a",
    "of",
    "overall",
    "총",
    "전체",
    "이번",
    "달",
    "주",
    "이번달",
    "이번주",
    "올해",
    "금주",
    "금월",
    "한",
    "달간",
    "주간",
    "동안",
];

/// Words after a tally that narrow it to a part (`6 fixes to the parser`, `결제 모듈에서`,
/// `3 bugs reported by users`).
pub(super) const NARROWING: &[&str] = &[
    " in ",
    " to ",
    " for ",
    " on ",
    " of ",
    " across ",
    " by ",
    " from ",
    " that ",
    " which ",
    " reported",
    "에서",
    "에 대한",
    "관련",
    "중 ",
    "제보",
];

/// The kind a tag or label names, if it is exactly one of its spellings.
pub(super) fn kind_of(s: &str) -> Option<TagKind> {
    let t = s.trim();
    // Every spelling is short and has no digit: most cells and labels are rejected here,
    // before any allocation.
    if t.len() > 20 || t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let l = t.to_lowercase();
    let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
    KINDS
        .iter()
        .find(|(_, sp)| sp.contains(&l.as_str()))
        .map(|(k, _)| *k)
}

/// A label naming a kind: `fix`, `**버그 수정**`, `✨ feat (새 기능)`, `chore (프로젝트 관리)`.
pub(super) fn label_kind(label: &str) -> Option<TagKind> {
    let l = clean_label(label)
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim();
    if let Some(k) = kind_of(l) {
        return Some(k);
    }
    // `feat (새 기능)`: either part, when they do not disagree.
    let (a, b) = l.split_once('(')?;
    let b = b.trim_end_matches(')');
    match (kind_of(a), kind_of(b)) {
        (Some(x), Some(y)) if x != y => None,
        (x, y) => x.or(y),
    }
}

/// The kinds one item's text is tagged with: leading `[...]` groups, a leading or trailing
/// `(...)`, a conventional-commit prefix (`fix:`, `feat(api):`, `fix!:`, `버그:`).
pub(super) fn tags(line: &str) -> Vec<TagKind> {
    let mut out = Vec::new();
    let mut t = line
        .trim_start_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '[' | '('))
        .trim_start();
    for _ in 0..4 {
        let Some(rest) = t.strip_prefix('[') else {
            break;
        };
        let Some(end) = rest.find(']') else { break };
        out.extend(kind_of(&rest[..end]));
        t = rest[end + 1..].trim_start();
    }
    if let Some(rest) = t.strip_prefix('(')
        && let Some(end) = rest.find(')')
        && let Some(k) = kind_of(&rest[..end])
    {
        out.push(k);
        t = rest[end + 1..].trim_start();
    }
    // Conventional-commit types are ASCII words; `버그: ...` is a label line, not a tag.
    if let Some((head, rest)) = t.split_once([':', '：'])
        && !rest.trim().is_empty()
        && head.chars().count() <= 30
        && head.is_ascii()
    {
        // `feat(api)`, `fix!`: the type before its scope and breaking mark.
        let base = head.split('(').next().unwrap_or("").trim_end_matches('!');
        if head == base || head.trim_end_matches('!').ends_with(')') {
            out.extend(kind_of(base));
        }
    }
    let tail = line.trim_end();
    if tail.ends_with(')')
        && let Some(body) = parens(tail).last()
        && body.end + 1 == tail.len()
    {
        out.extend(kind_of(&tail[body.clone()]));
    }
    out.sort();
    out.dedup();
    out
}

/// What a marker at the end of an item says it stands for: `(3개)`, `(2건)`, `(3 commits)`,
/// `(3개 커밋)`, `x2`, `×3`, `(x2)`.
pub(super) fn times(line: &str) -> Option<f64> {
    let t = line.trim_end();
    let inner = t.strip_suffix(')').map_or(t, str::trim_end);
    let digits = inner.len() - inner.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=3).contains(&digits) {
        let head = &inner[..inner.len() - digits];
        if let Some(h) = head
            .strip_suffix(['x', 'X'])
            .or_else(|| head.strip_suffix('×'))
            && (h.ends_with(' ') || h.ends_with('('))
        {
            return inner[inner.len() - digits..]
                .parse()
                .ok()
                .filter(|n: &f64| *n >= 1.0);
        }
    }
    let body = parens(t).last().cloned()?;
    if body.end + 1 != t.len() {
        return None;
    }
    let inner = t[body].trim();
    let qs = numbers::scan(inner);
    let [q] = qs.as_slice() else { return None };
    let rest = inner[q.range.end..].trim();
    (q.range.start == 0
        && q.is_exact()
        && q.value >= 1.0
        && q.value.fract() == 0.0
        && matches!(q.unit, Some("개" | "건" | "commit"))
        && (rest.is_empty() || rest == "커밋"))
        .then_some(q.value)
}
