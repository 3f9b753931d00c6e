//! Property tests: the invariants the fuzz targets check (src/invariants.rs), on generated
//! posts in the shapes real ones take (front matter, tables, Korean text, dates, links), on
//! stable and in the normal test run. Kept small: each property runs in well under 2 s.

use proptest::prelude::*;
use retro_lint::invariants;

/// A front-matter block: sometimes well formed, sometimes broken in the ways people break it.
fn front_matter() -> impl Strategy<Value = String> {
    let title = prop_oneof![
        Just("월간 회고록 (2025.02.01 ~ 2025.02.28)".to_owned()),
        Just("주간 회고 (2025.03.03 ~ 2025.03.09)".to_owned()),
        Just("Monthly retrospective: March 2025".to_owned()),
        Just("2024년 연간 회고".to_owned()),
        Just("Month 6".to_owned()),
        "[가-힣a-z0-9 .~()\"':#-]{0,30}",
    ];
    let date = prop_oneof![
        Just("2025-02-28".to_owned()),
        Just("\"2025-03-09\"".to_owned()),
        Just("2025-02-30".to_owned()),
        Just("0000-01-01".to_owned()),
        Just("9999-12-31T23:59:59+09:00".to_owned()),
        "[0-9-]{0,12}",
    ];
    let extra = prop_oneof![
        Just(String::new()),
        Just("permalink: /retro/2025-02/\n".to_owned()),
        Just("tags: [회고, retrospective]\n".to_owned()),
        Just("title: duplicate\n".to_owned()),
        Just("a: &x [1, 2]\nb: *x\n".to_owned()),
        Just("bad: [unclosed\n".to_owned()),
        Just("  - stray\n".to_owned()),
        Just("---\n".to_owned()),
    ];
    (0..4u8, title, date, extra).prop_map(|(shape, title, date, extra)| match shape {
        0 => String::new(),
        1 => format!("---\ntitle: \"{title}\"\ndate: {date}\n{extra}---\n"),
        2 => format!("\u{feff}---\ntitle: {title}\n{extra}---\n"),
        // Unterminated.
        _ => format!("---\ntitle: \"{title}\"\ndate: {date}\n"),
    })
}

fn weekday() -> impl Strategy<Value = String> {
    prop_oneof![
        "[월화수목금토일]",
        Just("Tue".to_owned()),
        Just("Sunday".to_owned()),
        Just("수요일".to_owned()),
    ]
}

fn date_text() -> impl Strategy<Value = String> {
    (0..10000i32, 0..14u8, 0..33u8, weekday(), 0..5u8).prop_map(|(y, m, d, w, shape)| match shape {
        0 => format!("{y:04}-{m:02}-{d:02} ({w})"),
        1 => format!("{m:02}/{d:02} ({w})"),
        2 => format!("{m}월 {d}일({w})"),
        3 => format!("{w} {y:04}-{m:02}-{d:02}"),
        _ => format!("{y}.{m:02}.{d:02} ~ {y}.{m:02}.{d:02}"),
    })
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,4}",
        Just("**합계**".to_owned()),
        Just("700개 (BE 330 + FE 370)".to_owned()),
        Just("$4,208.15".to_owned()),
        Just("40%".to_owned()),
        Just("`code | pipe`".to_owned()),
        Just("".to_owned()),
        "[가-힣 ]{0,6}",
        date_text(),
    ]
}

fn table() -> impl Strategy<Value = String> {
    (1..5usize, prop::collection::vec(cell(), 0..20)).prop_map(|(cols, cells)| {
        let mut t = format!("|{}\n|{}\n", " 항목 |".repeat(cols), "---|".repeat(cols));
        for row in cells.chunks(cols) {
            t.push('|');
            for c in row {
                t.push_str(&format!(" {c} |"));
            }
            t.push('\n');
        }
        t
    })
}

fn link() -> impl Strategy<Value = String> {
    let dest = prop_oneof![
        Just("/retro/2025-01/".to_owned()),
        Just("2025-01-01-2025-01-31-monthly-retrospective.md".to_owned()),
        Just("https://example.com/a b".to_owned()),
        Just("<>".to_owned()),
        Just("/없는/글.html#제목".to_owned()),
        "[a-z/.#-]{0,12}",
    ];
    (dest, "[가-힣a-z ]{0,8}", any::<bool>())
        .prop_map(|(d, text, image)| format!("{}[{text}]({d})", if image { "!" } else { "" }))
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("## 이번 달 한 일".to_owned()),
        Just("# Stats".to_owned()),
        Just("---".to_owned()),
        Just("> 인용 **굵게** 🏗️ 이모지".to_owned()),
        Just("```".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("<!-- retro-lint-disable-next-line D005 -->".to_owned()),
        Just("<!-- retro-lint-disable all -->".to_owned()),
        Just("- [ ] TODO".to_owned()),
        Just("\t- 들여쓴 항목".to_owned()),
        Just("[^1]: 각주".to_owned()),
        Just("\u{0}\u{1b}[31m\u{7}\r".to_owned()),
        date_text().prop_map(|d| format!("- {d}: 배포")),
        date_text(),
        link().prop_map(|l| format!("자세한 내용은 {l} 참고.")),
        table(),
        "\\PC{0,40}",
    ]
}

fn post() -> impl Strategy<Value = String> {
    (
        front_matter(),
        prop::collection::vec(line(), 0..30),
        any::<bool>(),
    )
        .prop_map(|(fm, lines, crlf)| {
            let t = format!("{fm}{}\n", lines.join("\n"));
            if crlf { t.replace('\n', "\r\n") } else { t }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Source bytes -> post model: no panic, every span on char boundaries inside the text.
    #[test]
    fn post_model_spans_stay_inside(text in post()) {
        invariants::post_model(text.as_bytes());
    }

    /// Arbitrary bytes (not text, or text cut in a character) -> a model, never a panic.
    #[test]
    fn post_model_on_raw_bytes(mut bytes in prop::collection::vec(any::<u8>(), 0..200), text in post()) {
        invariants::post_model(&bytes);
        bytes.extend_from_slice(text.as_bytes());
        invariants::post_model(&bytes);
        invariants::post_model(&text.as_bytes()[..text.len() / 2]);
    }

    /// lint -> fix -> lint: converges, changes no byte outside the edits, leaves no safe fix.
    #[test]
    fn lint_fix_converges(text in post()) {
        invariants::lint_fix(text.as_bytes());
    }

    /// The config parser gives a config or a positioned error.
    #[test]
    fn config_never_panics(
        lines in prop::collection::vec(prop_oneof![
            Just("content_roots: [_posts]".to_owned()),
            Just("max_file_size: 99999999999999999999999".to_owned()),
            Just("rules:\n  D005: { severity: error }".to_owned()),
            Just("rules:\n  nope: off".to_owned()),
            Just("select: [D, F".to_owned()),
            Just("lang: ko".to_owned()),
            Just("a: &a [*a]".to_owned()),
            "\\PC{0,30}",
        ], 0..8)
    ) {
        invariants::config(lines.join("\n").as_bytes());
    }
}
