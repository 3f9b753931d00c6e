//! Lists of key/value items: a total item (`**총 커밋 수**: 75개`) followed by its parts
//! (`**Backend**: 40개`), with their shares, and the `label: quantity` item reader.

use super::sections::Cx;
use super::types::{Facts, Num, Part, PartKind, Share, ShareOf, Sum, SumShape};
use super::vocabulary::{
    clean_label, compatible, is_not_part_label, is_partial, is_total_label, metric_in, unit_metric,
};
use crate::post::markdown::Inline;
use crate::post::numbers::{self, Quantity};

/// `**총 커밋 수**: 75개` followed by `**Backend**: 40개` items in the same list.
pub(super) fn list_blocks(cx: &Cx, f: &mut Facts) {
    let doc = cx.doc;
    for list in &doc.lists {
        let items: Vec<_> = list.items.iter().map(|&i| &doc.items[i]).collect();
        let mut k = 0;
        while k < items.len() {
            let it = items[k];
            let Some((label, q, share)) = kv_item(&it.text) else {
                k += 1;
                continue;
            };
            if !is_total_label(label) || !q.is_exact() {
                k += 1;
                continue;
            }
            // Siblings until the next total.
            let mut parts = Vec::new();
            let mut shares = Vec::new();
            let mut ok = true;
            let mut j = k + 1;
            while j < items.len() {
                let Some((l, pq, psh)) = kv_item(&items[j].text) else {
                    ok = false;
                    break;
                };
                if is_total_label(l) {
                    break;
                }
                if is_not_part_label(l) || !compatible(q.unit, pq.unit) {
                    ok = false;
                }
                if let Some(p) = psh {
                    shares.push((pq.clone(), p, j));
                }
                parts.push((l.to_owned(), pq, j));
                j += 1;
            }
            let _ = share;
            let total = Num::from_q(&it.text, &q);
            if ok && parts.len() >= 2 && !is_partial(label) {
                let metric = unit_metric(q.unit)
                    .or_else(|| metric_in(label))
                    .or_else(|| cx.section_metric(it.span.start));
                f.sums.push(Sum {
                    total: total.clone(),
                    parts: parts
                        .iter()
                        .map(|(l, pq, j)| Part {
                            label: clean_label(l).to_owned(),
                            num: Num::from_q(&items[*j].text, pq),
                        })
                        .collect(),
                    shape: SumShape::List,
                    metric,
                    part_kind: PartKind::Item,
                });
            }
            if ok {
                for (pq, p, j) in shares {
                    f.shares.push(Share {
                        part: Num::from_q(&items[j].text, &pq),
                        base: total.clone(),
                        pct: Num::from_q(&items[j].text, &p),
                        of: ShareOf::Part,
                        base_is_sum: false,
                        guess: false,
                    });
                }
            }
            k = j;
        }
    }
}

/// An item that is just `label: quantity` (optionally `(P%)` after it).
pub(super) fn kv_item(inl: &Inline) -> Option<(&str, Quantity, Option<Quantity>)> {
    let s = inl.text.trim_end();
    let (label, _) = s.split_once(':')?;
    if label.bytes().any(|b| b.is_ascii_digit())
        || label.chars().count() > 40
        || label.trim().is_empty()
    {
        return None;
    }
    let qs = numbers::scan(s);
    let vstart = label.len() + 1;
    let mut it = qs.into_iter().filter(|q| q.range.start >= vstart);
    let q = it.next()?;
    if s[vstart..q.range.start].trim() != "" {
        return None;
    }
    let rest = s[q.range.end..].trim();
    if rest.is_empty() {
        return Some((label, q, None));
    }
    let p = it.next()?;
    if p.is_percent()
        && rest.starts_with('(')
        && rest.ends_with(')')
        && s[p.range.end..].trim() == ")"
    {
        return Some((label, q, Some(p)));
    }
    None
}
