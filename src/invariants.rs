//! Invariants the fuzz targets (`fuzz/`) and their regression tests (`tests/fuzz_regressions.rs`)
//! check on arbitrary input. Each function panics when an invariant breaks; a panic inside
//! retro-lint itself is a bug by definition.

use crate::config::Config;
use crate::fix::{self, Mode};
use crate::post::Post;
use std::path::Path;

/// Source bytes -> post model: never panics, every span lies inside the text on char
/// boundaries, and every offset maps to a line and column.
pub fn post_model(bytes: &[u8]) {
    let post = Post::from_bytes("fuzz.md".into(), bytes.to_vec());
    let text = &post.source.text;
    let ok = |s: crate::source::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    post.for_each_inline(|inl| {
        assert!(ok(inl.span()), "inline span {:?}", inl.span());
    });
    for inl in post.doc.text_lines() {
        assert!(ok(inl.span()), "text block line span {:?}", inl.span());
    }
    for l in &post.doc.links {
        assert!(ok(l.span) && ok(l.dest_span), "link span");
    }
    for d in &post.dates {
        assert!(ok(d.span), "date span");
    }
    for c in &post.period.claims {
        if let Some(s) = c.span {
            assert!(ok(s), "claim span");
        }
    }
    let (line, _) = post.source.line_col(text.len());
    assert!(line >= 1 && line <= post.source.line_count());
}

/// lint -> fix -> lint: fixing converges within its bound, no byte outside an applied edit
/// changes, and the fixed text has no safe fix left.
pub fn lint_fix(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        crate::engine::lint_bytes(Path::new("fuzz.md"), bytes.to_vec(), &Config::default());
        return;
    };
    let config = Config::default();
    let path = Path::new("2025-03-01-2025-03-31-monthly-retrospective.md");
    let diags = crate::engine::lint_text(path, text, &config);
    for d in &diags {
        assert!(
            d.span.end <= text.len() && d.span.start <= d.span.end,
            "finding span"
        );
    }
    // One round: the output is the input with exactly the chosen edits applied.
    let (once, fixed) = fix::apply(text, &diags, Mode::Unsafe);
    let mut edits: Vec<_> = fixed
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| &f.edits)
        .collect();
    edits.sort_by_key(|e| e.span.start);
    let mut rebuilt = String::new();
    let mut at = 0;
    for e in edits {
        rebuilt.push_str(&text[at..e.span.start]);
        rebuilt.push_str(&e.content);
        at = e.span.end;
    }
    rebuilt.push_str(&text[at..]);
    assert_eq!(once, rebuilt, "bytes outside the edits changed");
    let (done, _) = fix::fix_to_fixpoint(text, Mode::Safe, |t| {
        crate::engine::lint_text(path, t, &config)
    });
    let left = crate::engine::lint_text(path, &done, &config);
    let (_, more) = fix::apply(&done, &left, Mode::Safe);
    assert!(
        more.is_empty(),
        "fixing did not converge in {} rounds",
        fix::MAX_ROUNDS
    );
}

/// The config parser: any text gives a config or a positioned error, never a panic.
pub fn config(bytes: &[u8]) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = Config::parse(text, "fuzz.yml");
    }
}

/// The quantity grammar and fact extraction on arbitrary text: never panics, every quantity's
/// ranges lie inside the text on char boundaries, and facts come out of any table or prose.
pub fn quantities(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    for q in crate::post::numbers::scan(text) {
        for r in [q.range.clone(), q.num.clone()] {
            assert!(
                r.start <= r.end
                    && r.end <= text.len()
                    && text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end),
                "quantity range {r:?}"
            );
        }
        assert!(
            q.range.start <= q.num.start && q.num.end <= q.range.end,
            "number outside its quantity"
        );
    }
    let _ = crate::post::numbers::parse_sum(text);
    // As a table cell and as prose of a monthly post: the whole extraction runs.
    let table = format!(
        "| 월 | 커밋 |\n|---|---|\n| {} | 1 |\n\n{text}\n",
        text.replace('\n', " ")
    );
    let post = Post::new(
        "2025-03-01-2025-03-31-monthly-retrospective.md".into(),
        crate::source::SourceFile::new(table),
    );
    let _ = crate::post::facts::site_figures(&post);
}
