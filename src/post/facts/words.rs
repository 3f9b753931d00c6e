//! Lists of words a text is searched for, each searched in one pass.

use super::vocabulary::lowers_to_ascii;
use std::sync::OnceLock;

/// A list of lower-case words and, once first asked, a searcher for all of them at once:
/// one pass over a text instead of one a word.
pub(super) struct Words {
    list: &'static [&'static str],
    finder: OnceLock<aho_corasick::AhoCorasick>,
}

impl Words {
    pub(super) const fn new(list: &'static [&'static str]) -> Words {
        Words {
            list,
            finder: OnceLock::new(),
        }
    }
}

/// A `&'static Words` of the words given: `words!["these", "those"]`.
macro_rules! words {
    ($($w:expr),* $(,)?) => {{
        static WORDS: $crate::post::facts::words::Words =
            $crate::post::facts::words::Words::new(&[$($w),*]);
        &WORDS
    }};
}
pub(super) use words;

/// Whether `s` (lower-cased) contains any of `words`.
pub(super) fn has_any(s: &str, words: &Words) -> bool {
    // Words are lower case; comparing ASCII letters without case is the same as
    // lower-casing `s` (see `lowers_to_ascii`), and allocates nothing.
    if lowers_to_ascii(s) {
        let l = s.to_lowercase();
        return words.list.iter().any(|w| l.contains(w));
    }
    words
        .finder
        .get_or_init(|| crate::post::word_finder(words.list.iter().copied()))
        .is_match(s)
}
