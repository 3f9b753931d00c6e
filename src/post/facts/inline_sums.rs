//! Sums written within one run of text: `700개 (A 330 + B 178)`,
//! `(10개 커밋: A 7개 + B 3개)`, `A 20개 + B 10개 (총 30개)`; changes beside both of their
//! values, `+12% (1,375→1,540)`.

use super::sections::Cx;
use super::text::{clause_start, line_start, shift, within};
use super::types::{Facts, Metric, Num, Part, PartKind, Share, ShareOf, Sum, SumShape};
use super::vocabulary::{compatible, is_partial, metric_in, unit_metric};
use crate::post::markdown::Inline;
use crate::post::numbers::{self, Quantity};

pub(super) fn paren_sum(
    cx: &Cx,
    inl: &Inline,
    qs: &[Quantity],
    body: std::ops::Range<usize>,
    cell: Option<(&str, &str)>,
    sec_metric: Option<Metric>,
    f: &mut Facts,
) {
    let s = inl.text.as_str();
    let inner = &s[body.clone()];
    let _ = cx;
    // Shape 2: `(10개 커밋: A 7개 + B 3개)`.
    if let Some((head, tail)) = inner.split_once(':')
        && let Some(parts) = sum_parts(tail)
    {
        let hq = numbers::scan(head);
        if let [t] = hq.as_slice() {
            let off = body.start;
            let total_q = shift(t, off);
            let tail_off = off + head.len() + 1;
            let metric = unit_metric(t.unit)
                .or_else(|| metric_in(head))
                .or(sec_metric);
            push_sum(inl, &total_q, parts, tail_off, SumShape::Inline, metric, f);
        }
        return;
    }
    // Shape 1: `700개의 커밋 (A 330 + B 178)`: the total right before the parenthesis.
    if let Some(parts) = sum_parts(inner) {
        let before = qs.partition_point(|q| q.range.end < body.start);
        let Some(ti) = before.checked_sub(1) else {
            return;
        };
        let t = &qs[ti];
        let gap = &s[t.range.end..body.start - 1];
        if gap.chars().count() > 16
            || gap.contains([',', '.', ':', ';', '\n', '|', '+', '='])
            || gap.bytes().any(|b| b.is_ascii_digit())
        {
            return;
        }
        // The sum must not be one of several terms (`A 20 + B 10 (A 15 + 5)`).
        let lead = &s[..t.range.start];
        if lead.trim_end().ends_with('+') {
            return;
        }
        if is_partial(&s[line_start(s, t.range.start)..body.end]) {
            return;
        }
        let metric = unit_metric(t.unit)
            .or_else(|| metric_in(gap))
            .or_else(|| cell.and_then(|(l, h)| metric_in(l).or_else(|| metric_in(h))))
            .or_else(|| metric_in(&s[line_start(s, t.range.start)..t.range.start]))
            .or(sec_metric);
        push_sum(inl, t, parts, body.start, SumShape::Inline, metric, f);
        return;
    }
    // Shape 3: `서버 20개 + 프론트 10개 (총 30개, ...)`: parts before, total inside.
    let it = inner.trim_start();
    let lead_ws = inner.len() - it.len();
    let total_word = ["총 ", "총", "합계 ", "total ", "Total "]
        .iter()
        .find(|w| it.starts_with(**w));
    if let Some(w) = total_word {
        let ins = within(qs, &body);
        let Some(&first) = ins.first() else { return };
        if qs[first].range.start != body.start + lead_ws + w.len() {
            return;
        }
        let t = &qs[first];
        let ls = clause_start(s, body.start - 1);
        let seg = &s[ls..body.start - 1];
        let Some(parts) = sum_parts(seg) else { return };
        if is_partial(&s[line_start(s, ls)..body.end]) {
            return;
        }
        let metric = unit_metric(t.unit)
            .or_else(|| metric_in(seg))
            .or(sec_metric);
        push_sum(inl, t, parts, ls, SumShape::Inline, metric, f);
    }
}

/// Terms of a sum, joining a label that holds a `+` (`서버+프론트 508개`) to its term.
fn sum_parts(s: &str) -> Option<Vec<(String, Quantity)>> {
    let mut out = Vec::new();
    let mut carry = String::new();
    let mut start = 0;
    let pieces = join_pieces(s);
    let n = pieces.len();
    for (k, piece) in pieces.iter().enumerate() {
        let off = start;
        start += piece.len() + 1;
        let qs = numbers::scan(piece);
        if qs.is_empty() {
            if piece.trim().is_empty() || k + 1 == n || piece.chars().count() > 20 {
                return None;
            }
            carry.push_str(piece.trim());
            carry.push('+');
            continue;
        }
        let [q] = qs.as_slice() else { return None };
        if q.range.end != piece.trim_end().len() || q.signed || q.is_percent() {
            return None;
        }
        let label = match &q.glued {
            Some(g) => piece[g.clone()].to_owned(),
            None => piece[..q.range.start].trim().to_owned(),
        };
        if label.chars().count() > 40 || label.contains([',', '.', ':']) {
            return None;
        }
        out.push((format!("{carry}{label}"), shift(q, off)));
        carry.clear();
    }
    (out.len() >= 2).then_some(out)
}

/// `s` split at the `+` that join terms, keeping the `+` that mark a lower bound
/// (`backend 80+ + frontend 50+`, `서버 80개+ + 앱 50개+`): a `+` right after a number or
/// its counter, followed by another `+` or by the end.
fn join_pieces(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in s.match_indices('+') {
        let before = s[..i].chars().next_back();
        let after = s[i + 1..].trim_start();
        let bound = before.is_some_and(|c| c.is_ascii_digit() || numbers::is_hangul(c))
            && (after.is_empty() || after.starts_with('+'))
            && b.get(i.wrapping_sub(1)) != Some(&b' ');
        if !bound {
            out.push(&s[start..i]);
            start = i + 1;
        }
    }
    out.push(&s[start..]);
    out
}

fn push_sum(
    inl: &Inline,
    total: &Quantity,
    parts: Vec<(String, Quantity)>,
    off: usize,
    shape: SumShape,
    metric: Option<Metric>,
    f: &mut Facts,
) {
    if total.is_percent() || total.signed {
        return;
    }
    if parts.iter().any(|(_, q)| !compatible(total.unit, q.unit)) {
        return;
    }
    // Parts that name different metrics are never added up.
    let pm: Vec<Metric> = parts
        .iter()
        .filter_map(|(l, q)| unit_metric(q.unit).or_else(|| metric_in(l)))
        .collect();
    if let Some(m) = metric.or(pm.first().copied())
        && pm.iter().any(|x| *x != m)
    {
        return;
    }
    let parts = parts
        .into_iter()
        .map(|(label, q)| Part {
            label,
            num: Num::from_q(inl, &shift(&q, off)),
        })
        .collect();
    f.sums.push(Sum {
        total: Num::from_q(inl, total),
        parts,
        shape,
        metric,
        part_kind: PartKind::Term,
    });
}

/// A change written with both of its values: `+12% (1,375→1,540)`, `1,375 → 1,540
/// (+12%)`, `+2.5%p (13.5% → 16.0%)`. A change in percent of two percentages that does
/// not say whether it is relative or in points (`+12%` from 40 % to 52 %) is not read.
pub(super) fn arrow_changes(inl: &Inline, qs: &[Quantity], f: &mut Facts) {
    let s = inl.text.as_str();
    let paren =
        |a: &Quantity, b: &Quantity| s.get(a.range.end..b.range.start).map(str::trim) == Some("(");
    let closes = |q: &Quantity| s[q.range.end..].trim_start().starts_with(')');
    for (i, j) in numbers::arrows(s, qs) {
        let (from, to) = (&qs[i], &qs[j]);
        let pct = if i > 0 && paren(&qs[i - 1], from) && closes(to) {
            &qs[i - 1]
        } else if let Some(p) = qs.get(j + 1)
            && paren(to, p)
            && closes(p)
        {
            p
        } else {
            continue;
        };
        let points = s[pct.range.clone()].ends_with("%p");
        let of = match (from.is_percent() && to.is_percent(), points) {
            (false, false) => ShareOf::Change,
            (true, true) => ShareOf::Points,
            _ => continue,
        };
        if !pct.is_percent()
            || !(pct.signed || pct.value == 0.0)
            || !compatible(from.unit, to.unit)
            || !from.is_exact()
            || !to.is_exact()
            || from.signed
            || to.signed
        {
            continue;
        }
        f.shares.push(Share {
            part: Num::from_q(inl, to),
            base: Num::from_q(inl, from),
            pct: Num::from_q(inl, pct),
            of,
            base_is_sum: false,
            guess: false,
        });
    }
}
