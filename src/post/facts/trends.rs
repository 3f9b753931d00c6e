//! Trends: a direction word with the values it describes, `증가(486→700)`,
//! `decreased (31 -> 24)`.

use super::text::parens;
use super::types::{Facts, Num, Trend};
use super::vocabulary::ends_with_word;
use crate::post::markdown::Inline;
use crate::post::numbers::{self, Quantity};

/// `증가(486→700)`, `decreased (31 -> 24)`.
pub(super) fn trends(inl: &Inline, qs: &[Quantity], f: &mut Facts) {
    let s = inl.text.as_str();
    const UP: &[&str] = &[
        "증가",
        "늘었",
        "늘어",
        "상승",
        "increase",
        "increased",
        "grew",
        "rose",
        "up",
    ];
    const DOWN: &[&str] = &[
        "감소",
        "줄었",
        "줄어",
        "하락",
        "decrease",
        "decreased",
        "dropped",
        "fell",
        "down",
    ];
    let pairs = numbers::arrows(s, qs);
    if pairs.is_empty() {
        return;
    }
    for body in parens(s) {
        let open = body.start - 1;
        let lead = s[..open].trim_end();
        let word = UP
            .iter()
            .map(|w| (w, true))
            .chain(DOWN.iter().map(|w| (w, false)))
            .find(|(w, _)| ends_with_word(lead, w));
        let Some((w, up)) = word else { continue };
        let lo = pairs.partition_point(|&(a, _)| qs[a].range.start < body.start);
        for &(a, b) in pairs[lo..]
            .iter()
            .take_while(|&&(a, _)| qs[a].range.start < body.end)
        {
            let (qa, qb) = (&qs[a], &qs[b]);
            if qa.range.start < body.start
                || qb.range.end > body.end
                || !qa.is_exact()
                || !qb.is_exact()
            {
                continue;
            }
            let ws = lead.len() - w.len();
            f.trends.push(Trend {
                word: inl.span_of(ws..lead.len()),
                word_text: (*w).to_owned(),
                up,
                from: Num::from_q(inl, qa),
                to: Num::from_q(inl, qb),
            });
        }
    }
}
