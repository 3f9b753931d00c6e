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

impl super::Site {
    /// How the other retrospectives of `kind` in the series of the post at `path` are
    /// dated (`date-not-period-end`). The series is counted once per run; the post's own
    /// contribution is then taken out, so each post costs O(1).
    pub fn series_dating(&self, path: &std::path::Path, kind: Kind) -> Dating {
        let Some(series) = self.series_id(path) else {
            return Dating::default();
        };
        let at_end = |p: &super::SitePost| Some(p.date? == p.period?.end);
        let all = self.learned.dating.get_or((kind, series), || {
            let members = self.series_members(path, kind);
            members.iter().filter_map(|&i| at_end(&self.posts[i])).fold(
                Dating::default(),
                |d, end| Dating {
                    dated: d.dated + 1,
                    at_end: d.at_end + usize::from(end),
                },
            )
        });
        let mut d = *all;
        if let Some(me) = self.get(path)
            && me.retrospective
            && me.kind == Some(kind)
            && let Some(end) = at_end(me)
        {
            d.dated -= 1;
            d.at_end -= usize::from(end);
        }
        d
    }
}

impl Dating {
    /// Whether the series dates its posts on the period's last day: at least 3 dated
    /// posts, all on that day. Where two posts or more are dated otherwise, the dates are
    /// publication days, not a convention one post breaks.
    pub fn at_period_end(self) -> bool {
        self.dated >= 3 && self.at_end == self.dated
    }
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
