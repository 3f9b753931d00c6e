//! "Did you mean": the one known word a mistyped word is closest to.

/// The candidate closest to `word`, when exactly one is within a typo of it: at most one
/// edit for short words, a third of the word's length for longer ones. Case, and `_`
/// against `-`, do not count as differences.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let norm = |s: &str| s.to_lowercase().replace('_', "-");
    let w = norm(word);
    let limit = (w.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for c in candidates {
        let d = distance(&w, &norm(c));
        if d > limit {
            continue;
        }
        match best {
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tie = true,
            _ => {
                best = Some((d, c));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, c)| c)
}

/// Levenshtein distance between two words, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_word() {
        let keys = ["content_roots", "exclude", "lang", "max_file_size"];
        assert_eq!(closest("content_root", keys), Some("content_roots"));
        assert_eq!(closest("langs", keys), Some("lang"));
        assert_eq!(closest("max-file-size", keys), Some("max_file_size"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("d005", ["D005", "D017"]), Some("D005"));
        assert_eq!(
            closest("D015", ["D005", "D017"]),
            None,
            "a tie says nothing"
        );
        assert_eq!(
            closest("weekday-mismatc", ["weekday-mismatch"]),
            Some("weekday-mismatch")
        );
    }
}
