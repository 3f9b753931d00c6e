//! Month rows written as lines instead of a table: a list (`- 3월: 27개`), the lines of a
//! paragraph, or a bar chart in a text block (`Mar: ████ 27 commits`). Like a month table's
//! rows, they are checked against each month's own post (`cross-post-figures`) and against
//! superlatives about months (`false-superlative`).

use super::sections::Cx;
use super::superlatives::resolve_superlatives;
use super::types::{Facts, Metric, MonthRow, Num, Part};
use super::vocabulary::{clean_label, metric_in, month_label, unit_metric};
use crate::post::markdown::Inline;
use crate::post::numbers::{self, Approx};

/// One line `3월: 27개`: the month, its value and the metric its own words name.
struct Line {
    month: u8,
    label: String,
    num: Num,
    metric: Option<Metric>,
}

/// Bar-chart marks that may stand between a month and its value.
fn is_bar(c: char) -> bool {
    matches!(
        c,
        '█' | '▇'
            | '▆'
            | '▅'
            | '▄'
            | '▃'
            | '▂'
            | '▁'
            | '▏'
            | '▎'
            | '▍'
            | '▌'
            | '▋'
            | '▊'
            | '▉'
            | '░'
            | '▒'
            | '▓'
            | '■'
            | '□'
            | '▪'
            | '#'
            | '='
            | '*'
    )
}

/// `3월: 27개`, `March - 27 commits (...)`, `Mar: ████ 27`: a month, then its value first.
fn month_line(text: &str, inl: &Inline, base: usize) -> Option<Line> {
    let t = text.trim_end();
    let (label, rest) = match t.split_once([':', '：']) {
        Some((l, r)) => (l, r),
        None => {
            let sp = t.find(char::is_whitespace)?;
            (&t[..sp], &t[sp..])
        }
    };
    // `September`, `2025.03`, `12월`: a month label is short.
    if label.len() > 16 {
        return None;
    }
    let month = month_label(label)?;
    let lead = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || is_bar(c) || c == '-')
            .len();
    let value = &rest[lead..];
    let qs = numbers::scan(value);
    let q = qs.first().filter(|q| q.range.start == 0)?;
    if q.is_percent() || q.signed || !matches!(q.approx, Approx::Exact | Approx::AtLeast) {
        return None;
    }
    // After the value: nothing, or what explains it (` - 결제 모듈`, ` (서버 20 + 앱 7)`).
    let after = &value[q.range.end..];
    let words = after
        .split([' ', '(', '-', '—', ',', '·', '|'])
        .find(|w| !w.is_empty());
    if !after.is_empty() && !after.starts_with([' ', '(', ',', '·', '|']) {
        return None;
    }
    let off = base + (t.len() - rest.len()) + lead;
    let mut q = q.clone();
    q.range = q.range.start + off..q.range.end + off;
    q.num = q.num.start + off..q.num.end + off;
    Some(Line {
        month,
        label: clean_label(label).to_owned(),
        num: Num::from_q(inl, &q),
        metric: unit_metric(q.unit).or_else(|| words.and_then(metric_in)),
    })
}

/// Month lines of one group (a list, a paragraph, a text block): every line a distinct
/// month with its value, two at least, one metric.
fn group(cx: &Cx, lines: Vec<Option<Line>>, at: usize, f: &mut Facts) {
    let Some(lines) = lines.into_iter().collect::<Option<Vec<Line>>>() else {
        return;
    };
    if lines.len() < 2 {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    if !lines.iter().all(|l| seen.insert(l.month)) {
        return;
    }
    let named: Vec<Metric> = lines.iter().filter_map(|l| l.metric).collect();
    let metric = match named.first() {
        Some(&m) if named.iter().all(|&x| x == m) => m,
        Some(_) => return,
        None => match cx.section_metric(at) {
            Some(m) => m,
            None => return,
        },
    };
    let parts: Vec<Part> = lines
        .iter()
        .map(|l| Part {
            label: l.label.clone(),
            num: l.num.clone(),
        })
        .collect();
    for l in lines {
        f.month_rows.push(MonthRow {
            metric,
            month: l.month,
            num: l.num,
        });
    }
    resolve_superlatives(f, metric, &parts);
}

pub(super) fn month_lines(cx: &Cx, f: &mut Facts) {
    let doc = cx.doc;
    for l in &doc.lists {
        let lines = l
            .items
            .iter()
            .map(|&i| {
                let t = &doc.items[i].text;
                // The item's first line; nested lists are items of their own.
                let first = t.text.split('\n').next().unwrap_or("");
                month_line(first, t, 0)
            })
            .collect();
        group(cx, lines, l.span.start, f);
    }
    for p in &doc.paragraphs {
        let t = &p.text;
        if !t.text.contains('\n') {
            continue;
        }
        let mut base = 0;
        let mut lines = Vec::new();
        for line in t.text.split('\n') {
            lines.push(month_line(line, t, base));
            base += line.len() + 1;
        }
        group(cx, lines, p.span.start, f);
    }
    for b in &doc.text_blocks {
        let lines = b.lines.iter().map(|l| month_line(&l.text, l, 0)).collect();
        group(cx, lines, b.span.start, f);
    }
}
