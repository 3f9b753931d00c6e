//! Not a rule: what several rules say the same way. One builder per shape of finding, so
//! the same situation reads the same in every rule.

use super::Context;
use crate::diagnostic::{Diagnostic, Text};
use crate::post::facts::{Part, Sum, fmt};
use crate::post::markdown::Link;
use crate::post::period::{self, Kind, Period};
use crate::source::Span;

/// A finding on a stated total against its parts: the message on the total, a label on
/// the total and one on each part (given the part and its value as written by [`fmt`]).
pub fn total_against_parts(
    cx: &Context,
    s: &Sum,
    message: Text,
    total: Text,
    part: impl Fn(&Part, String) -> Text,
) -> Diagnostic {
    let mut d = cx.diag(s.total.span, message).label(s.total.span, total);
    for p in &s.parts {
        d = d.label(p.num.span, part(p, fmt(p.num.value)));
    }
    d
}

/// A claim the post's own values contradict (a superlative, a trend word, a ratio word):
/// the message on `at`, a label on each of `labels`, and what to do.
pub fn contradicted_claim(
    cx: &Context,
    at: Span,
    message: Text,
    labels: [(Span, Text); 3],
    help: Text,
) -> Diagnostic {
    let mut d = cx.diag(at, message);
    for (span, text) in labels {
        d = d.label(span, text);
    }
    d.help(help)
}

/// The written arithmetic of a sum: `8 + 4 + 37 = 49` (long sums are shortened).
pub fn arithmetic(values: &[f64], sum: f64) -> String {
    let terms: Vec<String> = values.iter().map(|v| fmt(*v)).collect();
    written_arithmetic(terms, fmt(sum))
}

/// The same with the terms and the sum as the post writes them (`2,410.75 + 300 = 2,710.75`).
pub fn written_arithmetic(terms: Vec<String>, sum: String) -> String {
    if terms.len() <= 14 {
        format!("{} = {sum}", terms.join(" + "))
    } else {
        format!(
            "{} + ... + {} = {sum}",
            terms[..3].join(" + "),
            terms[terms.len() - 2..].join(" + "),
        )
    }
}

/// The period and kind a link's file name states (`2025-05-monthly-...`).
pub fn intended(path: &str) -> Option<(Kind, Period)> {
    let seg = period::slug_of(path);
    let p = period::period_in_slug(seg)?;
    Some((
        period::kind_word(seg).unwrap_or_else(|| p.natural_kind()),
        p,
    ))
}

/// The link's destination, or the whole link when the destination is elsewhere (a
/// reference link's definition).
pub fn link_span(l: &Link) -> Span {
    if l.dest_span.is_empty() {
        l.span
    } else {
        l.dest_span
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::describe_period;

    #[test]
    fn intended_period() {
        let (k, p) = intended("/R/2025-05-monthly-retrospective.html").unwrap();
        assert_eq!(k, Kind::Monthly);
        assert_eq!(describe_period(p), "2025-05");
        assert!(intended("/about").is_none());
    }
}
