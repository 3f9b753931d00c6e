//! Applying fixes: non-overlapping edits, repeated to a fixpoint (bounded).

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// How many lint-and-fix rounds at most; a fix that keeps producing fixes is a bug.
pub const MAX_ROUNDS: usize = 10;

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Safe,
    /// Safe and unsafe (`--unsafe-fixes`); display-only fixes are never applied.
    Unsafe,
}

impl Mode {
    pub fn allows(self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self == Mode::Unsafe,
            Applicability::DisplayOnly => false,
        }
    }
}

/// Apply the fixes of `diags` that `mode` allows to `text`. A fix whose edits overlap an
/// already chosen edit waits for the next round. Returns the new text and the fixed findings.
pub fn apply<'d>(text: &str, diags: &'d [Diagnostic], mode: Mode) -> (String, Vec<&'d Diagnostic>) {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut fixed = Vec::new();
    for d in diags {
        let Some(fix) = &d.fix else { continue };
        if !mode.allows(fix.applicability) || fix.edits.is_empty() {
            continue;
        }
        let valid = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        let overlaps = fix.edits.iter().any(|e| {
            chosen.iter().any(|c| {
                (e.span.start < c.span.end && c.span.start < e.span.end)
                    || (e.span.is_empty() && c.span.is_empty() && e.span.start == c.span.start)
            })
        });
        if valid && !overlaps {
            chosen.extend(&fix.edits);
            fixed.push(d);
        }
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in chosen {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.content);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, fixed)
}

/// Lint and fix until nothing changes or [`MAX_ROUNDS`] is reached. `lint` maps a text to its
/// findings. Returns the final text and how many fixes were applied.
pub fn fix_to_fixpoint(
    text: &str,
    mode: Mode,
    mut lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> (String, usize) {
    let mut current = text.to_owned();
    let mut count = 0;
    for _ in 0..MAX_ROUNDS {
        let diags = lint(&current);
        let (next, fixed) = apply(&current, &diags, mode);
        if fixed.is_empty() || next == current {
            break;
        }
        count += fixed.len();
        current = next;
    }
    (current, count)
}
