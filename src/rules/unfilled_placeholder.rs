//! Template text never filled in: `_이번 주 성과를 작성해주세요._`, `TODO`, `TBD`,
//! `Fill in ...`, `{{ 요약 }}`, `lorem ipsum`.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::post::markdown::Inline;
use crate::t;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Instructions to the author, in Korean and English, and template markers. Where a
/// pattern has a group, the group is the placeholder (a value after a colon: `성과: TBD`).
static DEFAULTS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // An instruction that is a whole line or the value after a colon; "꼭 기록하세요"
        // inside a sentence is advice to the reader, not a blank.
        r"(?m)(?:^|[:：])\s*([가-힣\s,/]*(?:작성|입력|기입|기록|정리|요약)\s*(?:해\s*주세요|하세요|해주십시오|바랍니다)\.?)[\s.!]*$",
        // `(작성 예정)`, `(추후 작성)`, or "추후 작성" alone; "추후 작성할 계획이다" in a
        // sentence is a plan.
        r"(?m)\((?:작성|내용)\s*예정\)|\(\s*추후\s*작성(?:\s*예정)?\s*\)|(?:^|[:：])\s*(추후\s*작성(?:\s*예정(?:입니다)?)?)[\s.!]*$",
        // A marker standing alone (a cell, an item) or as a value after a colon; "the TBD
        // column" in a sentence is prose.
        r"(?:^|[:：]\s*)(TODO|TBD|FIXME)\b",
        // The same in English: "Fill in the highlights." as a line of its own; "fill in the
        // survey" inside a paragraph asks the reader.
        r"(?im)(?:^|[:：])\s*[\[(]?((?:fill (?:this |it )?in\b[^.\n]*|(?:write|add|describe) (?:your|the) [a-z ]{1,40} here\b))\.?[\])]?[\s.!]*$",
        r"(?i)\blorem ipsum\b",
        // `{{ 요약 }}`, `{{SUMMARY}}`; Liquid (`{{ page.title }}`) and Hugo (`{{< x >}}`) are code.
        r"\{\{\s*(?:[가-힣][가-힣\s]*|[A-Z][A-Z_]+)\s*\}\}",
    ]
    .iter()
    .filter_map(|p| Regex::new(p).ok())
    .collect()
});

/// The default pattern of markers (`TODO`), which a heading may be named after.
const MARKER: usize = 2;

/// Words one of which each default pattern needs, by pattern: a text with none of a
/// pattern's words is not searched with it (most text has none of them).
const NEEDLES: [&[&str]; 6] = [
    &["작성", "입력", "기입", "기록", "정리", "요약"],
    &["예정", "추후"],
    &["todo", "tbd", "fixme"],
    &["fill ", " here"],
    &["lorem"],
    &["{{"],
];

static PREFILTER: LazyLock<(aho_corasick::AhoCorasick, Vec<usize>)> = LazyLock::new(|| {
    let (words, owner): (Vec<&str>, Vec<usize>) = NEEDLES
        .iter()
        .enumerate()
        .flat_map(|(i, ws)| ws.iter().map(move |w| (*w, i)))
        .unzip();
    (crate::post::word_finder(words), owner)
});

/// Which default patterns can match `text`, as a bit set.
fn candidates(text: &str) -> u32 {
    let (ac, owner) = &*PREFILTER;
    ac.find_overlapping_iter(text)
        .fold(0, |set, m| set | 1 << owner[m.pattern().as_usize()])
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let extra: Vec<Regex> = cx
        .opt_list("patterns")
        .unwrap_or_default()
        .iter()
        .filter_map(|p| Regex::new(p).ok())
        .collect();
    let use_defaults = cx.opt_bool("defaults").unwrap_or(true);
    let headings: HashSet<*const Inline> = cx
        .post
        .doc
        .headings
        .iter()
        .map(|h| &raw const h.text)
        .collect();
    // The items and paragraphs under a heading that is a marker (`## TODO`) are its plans
    // (`- TODO: rotate the keys`), not blanks.
    let heads = &cx.post.doc.headings;
    let plans = |at: usize| {
        let i = heads.partition_point(|h| h.span.start < at);
        i.checked_sub(1)
            .is_some_and(|i| DEFAULTS[MARKER].is_match(heads[i].text.text.trim()))
    };
    cx.post.for_each_inline(|inl| {
        let can = if use_defaults {
            candidates(&inl.text)
        } else {
            0
        };
        // `## TODO` over a list of plans names its section; `## 회고: TBD` is a blank. Only
        // the marker pattern asks, so the set is looked up only for its candidates.
        let heading = can & 1 << MARKER != 0 && headings.contains(&(inl as *const Inline));
        let in_plans = !heading && can & 1 << MARKER != 0 && plans(inl.span().start);
        let defaults = DEFAULTS
            .iter()
            .enumerate()
            .filter(|(i, _)| can & 1 << i != 0 && !(in_plans && *i == MARKER))
            .map(|(i, re)| (re, true, heading && i == MARKER));
        // A configured pattern reports its whole match; a default one its group, if any.
        let extra = extra.iter().map(|re| (re, false, false));
        for (re, group, after_colon_only) in extra.chain(defaults) {
            // Most candidates do not match; finding that out needs no capture groups,
            // which are slower to search.
            if !re.is_match(&inl.text) {
                continue;
            }
            for c in re.captures_iter(&inl.text) {
                let whole = c.get(0);
                let m = if group { c.get(1).or(whole) } else { whole };
                let (Some(whole), Some(m)) = (whole, m) else {
                    continue;
                };
                if after_colon_only && whole.start() == m.start() {
                    continue;
                }
                let r = trim(&inl.text, m.range());
                if r.is_empty() || inl.is_code(&r) {
                    continue;
                }
                let found = inl.text[r.clone()].to_owned();
                out.push(
                    cx.diag(
                        inl.span_of(r),
                        t!(
                            "template text left unfilled: `{found}`",
                            "채우지 않은 템플릿 문구: `{found}`"
                        ),
                    )
                    .help(t!(
                        "write the section, or remove it before publishing",
                        "내용을 쓰거나, 게시 전에 이 부분을 지우세요"
                    )),
                );
                return;
            }
        }
    });
}

fn trim(s: &str, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let t = &s[r.clone()];
    let lead = t.len() - t.trim_start().len();
    let tail = t.len() - t.trim_end().len();
    r.start + lead..(r.end - tail).max(r.start + lead)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "작성",
        "해주세요",
        "해 주세요",
        "하세요",
        "입력",
        "요약",
        "바랍니다",
        "(작성 예정)",
        "추후 작성",
        "내용",
        "TODO",
        "todo",
        "TBD",
        ": ",
        "FIXME",
        "Fill in",
        "fill this in",
        "Write your",
        "notes",
        "here",
        "HERE",
        "lorem ipsum",
        "Lorem Ipsum",
        "{{",
        "}}",
        "요약 ",
        "SUMMARY",
        " ",
        ". ",
        "이번 주",
        "x",
        "\n",
        "İ",
        "ſ",
        "K",
    ];

    proptest! {
        /// A default pattern that matches a text always passes the prefilter.
        #[test]
        fn prefilter_never_hides_a_match(parts in prop::collection::vec(0..PIECES.len(), 0..12)) {
            let text: String = parts.iter().map(|&i| PIECES[i]).collect();
            let can = candidates(&text);
            for (i, re) in DEFAULTS.iter().enumerate() {
                if re.is_match(&text) {
                    prop_assert!(can & 1 << i != 0, "pattern {} matches {:?}", i, text);
                }
            }
        }
    }
}
