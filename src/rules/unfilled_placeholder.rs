//! Template text never filled in: `_이번 주 성과를 작성해주세요._`, `TODO`, `TBD`,
//! `Fill in ...`, `{{ 요약 }}`, `lorem ipsum`.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::t;
use regex::Regex;
use std::sync::LazyLock;

/// Instructions to the author, in Korean and English, and template markers.
static DEFAULTS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"[가-힣\s,/]*(?:작성|입력|기입|기록|정리|요약)\s*(?:해\s*주세요|하세요|해주십시오|바랍니다)\.?",
        // `(작성 예정)`, or `추후 작성` standing alone; "추후 작성할 계획입니다" in a
        // sentence states a plan.
        r"\((?:작성|내용)\s*예정\)|^\s*\(?\s*추후\s*작성(?:\s*예정)?\s*\)?\s*\.?\s*$",
        // A marker standing alone (a cell, an item) or as a value after a colon; "the TBD
        // column" in a sentence is prose.
        r"(?:^|[:：]\s*)(?:TODO|TBD|FIXME)\b",
        r"(?i)(?:^|[.!?]\s+)fill (?:this |it )?in\b[^.]*|(?i)\b(?:write|add|describe) (?:your|the) [a-z ]{1,40} here\b",
        r"(?i)\blorem ipsum\b",
        // `{{ 요약 }}`, `{{SUMMARY}}`; Liquid (`{{ page.title }}`) and Hugo (`{{< x >}}`) are code.
        r"\{\{\s*(?:[가-힣][가-힣\s]*|[A-Z][A-Z_]+)\s*\}\}",
    ]
    .iter()
    .filter_map(|p| Regex::new(p).ok())
    .collect()
});

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

/// The default pattern of a marker (`TODO`, `TBD`, `FIXME`) standing alone.
const MARKER: usize = 2;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let headings = &cx.post.doc.headings;
    // A heading that is a marker (`## TODO`) names a section of plans, and the items and
    // paragraphs under it are those plans, not template text.
    let marker_section = |at: usize| {
        let i = headings.partition_point(|h| h.span.start < at);
        i.checked_sub(1)
            .is_some_and(|i| DEFAULTS[MARKER].is_match(headings[i].text.text.trim()))
    };
    let extra: Vec<Regex> = cx
        .opt_list("patterns")
        .unwrap_or_default()
        .iter()
        .filter_map(|p| Regex::new(p).ok())
        .collect();
    let use_defaults = cx.opt_bool("defaults").unwrap_or(true);
    cx.post.for_each_inline(|inl| {
        let mut can = if use_defaults {
            candidates(&inl.text)
        } else {
            0
        };
        if can & 1 << MARKER != 0 {
            let at = inl.span().start;
            let heading = headings.iter().any(|h| h.text.span() == inl.span());
            if heading || marker_section(at) {
                can &= !(1 << MARKER);
            }
        }
        let defaults = DEFAULTS
            .iter()
            .enumerate()
            .filter(|(i, _)| can & 1 << i != 0)
            .map(|(_, re)| re);
        for re in extra.iter().chain(defaults) {
            for m in re.find_iter(&inl.text) {
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
