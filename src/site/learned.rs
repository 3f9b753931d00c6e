//! What rules learn once from a whole series of posts (a convention most posts follow) or
//! from the site's files, kept for the rest of the run so no post scans every other post
//! (or the site's folders) again. One typed table per thing learned; the code that needs
//! it computes it.

use crate::post::period::Kind;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

/// A table of values computed once per key.
pub struct Memo<K, V>(Mutex<HashMap<K, Arc<V>>>);

impl<K: Hash + Eq, V> Memo<K, V> {
    /// The value of `key`, computed by `f` the first time it is asked for.
    pub fn get_or(&self, key: K, f: impl FnOnce() -> V) -> Arc<V> {
        if let Some(v) = self.0.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return v;
        }
        let v = Arc::new(f());
        if let Ok(mut m) = self.0.lock() {
            m.entry(key).or_insert_with(|| v.clone());
        }
        v
    }
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(Mutex::new(HashMap::new()))
    }
}

/// Series are keyed by kind and series id (`Site::series_id`).
pub type SeriesKey = (Kind, u32);

/// How the posts of a series are dated: how many have a period and a date, and how many of
/// those are dated on the period's last day (`date-not-period-end`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dating {
    pub dated: usize,
    pub at_end: usize,
}

/// The shapes of the permalinks across a series (`permalink-pattern`): how many posts have
/// one, and the two most common shapes with their counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlShapes {
    pub total: usize,
    pub top: Vec<(String, usize)>,
}

/// Everything learned in one run. A new run (or a clone of the site) starts empty.
#[derive(Default)]
pub struct Learned {
    pub dating: Memo<SeriesKey, Dating>,
    /// The permalinks of a series.
    pub url_shapes: Memo<SeriesKey, UrlShapes>,
    /// Whether the site keeps asset files: a link to a missing asset is evidence only on
    /// a site that does (not on a checkout of its Markdown alone).
    pub keeps_assets: std::sync::OnceLock<bool>,
}

impl Clone for Learned {
    fn clone(&self) -> Self {
        Learned::default()
    }
}

impl std::fmt::Debug for Learned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Learned")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_computes_once() {
        let m: Memo<u8, u32> = Memo::default();
        let a = m.get_or(1, || 1);
        let b = m.get_or(1, || 2);
        assert_eq!((*a, *b), (1, 1));
    }
}
