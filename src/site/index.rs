//! The lookup tables built once per run: posts by path and URL, series, periods and
//! months.

use super::{Site, SitePost, absolute, url, url_key};
use crate::post::period::{Kind, Period};
use regex::Regex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Which URL of a post a key came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlRole {
    Url,
    /// The n-th alias (`legacy_url`, `redirect_from`, `aliases`).
    Alias(usize),
}

/// What a post's front matter has, counted over the site to learn its conventions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostHas {
    FrontMatter,
    Title,
    Date,
}

impl PostHas {
    const ALL: [PostHas; 3] = [PostHas::FrontMatter, PostHas::Title, PostHas::Date];

    fn of(self, p: &SitePost) -> bool {
        match self {
            PostHas::FrontMatter => p.has_front_matter,
            PostHas::Title => p.has_title,
            PostHas::Date => p.has_date,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub(super) struct Index {
    by_path: HashMap<PathBuf, usize>,
    /// Absolute path -> post, for links to source files (`../2025-03.md`).
    pub(super) by_abs: HashMap<PathBuf, usize>,
    /// Normalised URL -> built posts having it.
    urls: HashMap<String, Vec<(usize, UrlRole)>>,
    /// Lower-cased normalised URL -> built posts having it.
    urls_lower: HashMap<String, Vec<(usize, UrlRole)>>,
    /// Normalised URL -> posts the site does not build.
    unbuilt_urls: HashMap<String, Vec<usize>>,
    /// Slug -> posts whose URL is a guess.
    guessed_slugs: HashMap<String, Vec<usize>>,
    /// Folders of built posts' URLs (`/Retrospective`), and whether some post's URL there
    /// is certain (not guessed from its path).
    url_dirs: HashMap<String, bool>,
    /// Series key ([`series_key`]) -> its number.
    series_ids: HashMap<String, u32>,
    /// The series number of each post.
    series_of: Vec<u32>,
    /// (kind, series number) -> retrospectives of that kind in that series, in site order.
    by_kind_series: HashMap<(Kind, u32), Vec<usize>>,
    /// Posts under a content root, and how many of them have each [`PostHas`].
    in_roots: (usize, [usize; 3]),
    /// Posts the site builds.
    built: usize,
    /// (kind, period) -> built retrospectives.
    by_period: HashMap<(Kind, Period), Vec<usize>>,
    /// (kind, year, month) -> posts of that kind whose period touches the month, so a
    /// post finds the others of a period without scanning the site.
    by_month: HashMap<(Kind, i16, i8), Vec<usize>>,
    /// Posts whose period is too long to list under each month: always looked at.
    long_periods: Vec<usize>,
    /// The previous post of the same series (kind and folder), by start date.
    series_prev: Vec<Option<usize>>,
    /// The series has many overlaps: parallel series share the folder, say nothing.
    series_parallel: Vec<bool>,
}

impl Site {
    /// Other retrospectives of the same kind and series (the post itself excluded). The
    /// series of every post is worked out once, when the index is built.
    pub fn siblings<'a>(
        &'a self,
        path: &'a Path,
        kind: Kind,
    ) -> impl Iterator<Item = &'a SitePost> {
        self.series_members(path, kind)
            .iter()
            .map(|&i| &self.posts[i])
            .filter(move |p| p.path != path)
    }

    /// The number of the series of the post at `path` ([`series_key`]); `None` when no
    /// indexed post is in that series.
    pub fn series_id(&self, path: &Path) -> Option<u32> {
        match self.index_of(path) {
            Some(i) => self.index.series_of.get(i).copied(),
            None => self.index.series_ids.get(&series_key(path)).copied(),
        }
    }

    /// Retrospectives of `kind` in the series of the post at `path`, the post included.
    pub fn series_members(&self, path: &Path, kind: Kind) -> &[usize] {
        self.series_id(path)
            .and_then(|s| self.index.by_kind_series.get(&(kind, s)))
            .map_or(&[][..], Vec::as_slice)
    }

    /// Share of the other posts under the content roots that have `what` (front matter, a
    /// title, a date), and how many such posts there are.
    pub fn share_of_posts(&self, what: PostHas, except: &Path) -> (f64, usize) {
        let (mut n, with) = self.index.in_roots;
        let mut with = with[what as usize];
        if let Some(p) = self.get(except)
            && p.rel.is_some()
        {
            n -= 1;
            with -= usize::from(what.of(p));
        }
        if n == 0 {
            return (0.0, 0);
        }
        (with as f64 / n as f64, n)
    }

    /// How many posts the site builds.
    pub fn built_count(&self) -> usize {
        self.index.built
    }

    /// The index of a post by its path (as the post model holds it).
    pub fn index_of(&self, path: &Path) -> Option<usize> {
        self.index.by_path.get(path).copied()
    }

    pub fn get(&self, path: &Path) -> Option<&SitePost> {
        self.index_of(path).map(|i| &self.posts[i])
    }

    /// Built posts with this normalised URL key (see [`url_key`]).
    pub fn posts_at(&self, key: &str) -> &[(usize, UrlRole)] {
        self.index.urls.get(key).map_or(&[], Vec::as_slice)
    }

    /// Built posts whose URL equals this key but for letter case.
    pub fn posts_at_ignoring_case(&self, key: &str) -> &[(usize, UrlRole)] {
        self.index
            .urls_lower
            .get(&key.to_lowercase())
            .map_or(&[], Vec::as_slice)
    }

    /// Posts the site does not build with this URL key.
    pub fn unbuilt_at(&self, key: &str) -> &[usize] {
        self.index.unbuilt_urls.get(key).map_or(&[], Vec::as_slice)
    }

    /// Posts with a guessed URL whose slug is `slug`.
    pub fn guessed_with_slug(&self, slug: &str) -> &[usize] {
        self.index
            .guessed_slugs
            .get(slug)
            .map_or(&[], Vec::as_slice)
    }

    /// Whether a URL folder (`/Retrospective`) holds some built post: `Some(true)` when
    /// some of their URLs there are certain, `Some(false)` when all are guessed.
    pub fn post_url_dir(&self, dir: &str) -> Option<bool> {
        self.index.url_dirs.get(dir).copied()
    }

    /// Built retrospectives of this kind and period.
    pub fn with_period(&self, kind: Kind, p: Period) -> &[usize] {
        self.index
            .by_period
            .get(&(kind, p))
            .map_or(&[], Vec::as_slice)
    }

    /// Posts of `kind` (any, built or not) whose period overlaps `p`, in site order.
    pub fn overlapping(&self, kind: Kind, p: Period) -> Vec<usize> {
        let overlaps = |&i: &usize| {
            self.posts[i].kind == Some(kind)
                && self.posts[i]
                    .period
                    .is_some_and(|q| q.start <= p.end && q.end >= p.start)
        };
        if p.months() > MONTHS_INDEXED {
            (0..self.posts.len()).filter(overlaps).collect()
        } else {
            let mut v: Vec<usize> = months_of(p)
                .flat_map(|(y, m)| {
                    self.index
                        .by_month
                        .get(&(kind, y, m))
                        .map_or(&[][..], Vec::as_slice)
                })
                .copied()
                .chain(self.index.long_periods.iter().copied())
                .filter(overlaps)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        }
    }

    /// The previous post in the series of post `i` (same kind and folder, by start), and
    /// whether the series looks like several parallel ones.
    pub fn series_prev(&self, i: usize) -> (Option<usize>, bool) {
        (
            self.index.series_prev.get(i).copied().flatten(),
            self.index.series_parallel.get(i).copied().unwrap_or(false),
        )
    }
}

impl Index {
    pub(super) fn build(posts: &[SitePost]) -> Index {
        let mut ix = Index {
            series_prev: vec![None; posts.len()],
            series_parallel: vec![false; posts.len()],
            ..Index::default()
        };
        let mut series: HashMap<(Kind, String), Vec<usize>> = HashMap::new();
        // The working folder once, not once per relative path.
        let cwd = std::env::current_dir().unwrap_or_default();
        for (i, p) in posts.iter().enumerate() {
            ix.by_path.insert(p.path.clone(), i);
            let abs = absolute(&cwd.join(&p.path));
            let next = ix.series_ids.len() as u32;
            let sid = *ix.series_ids.entry(series_key(&abs)).or_insert(next);
            ix.series_of.push(sid);
            ix.by_abs.insert(abs, i);
            if p.rel.is_some() {
                ix.in_roots.0 += 1;
                for has in PostHas::ALL {
                    ix.in_roots.1[has as usize] += usize::from(has.of(p));
                }
            }
            ix.built += usize::from(p.is_built());
            let urls = p.url.iter().map(|u| (u, UrlRole::Url)).chain(
                p.aliases
                    .iter()
                    .enumerate()
                    .map(|(n, a)| (a, UrlRole::Alias(n))),
            );
            for (u, role) in urls {
                if !u.starts_with('/') {
                    continue;
                }
                let k = url_key(u);
                if p.is_built() {
                    if role == UrlRole::Url
                        && let Some((dir, _)) = k.rsplit_once('/')
                    {
                        *ix.url_dirs.entry(dir.to_owned()).or_default() |= p.url_certain;
                    }
                    ix.urls_lower
                        .entry(k.to_lowercase())
                        .or_default()
                        .push((i, role));
                    ix.urls.entry(k).or_default().push((i, role));
                } else {
                    ix.unbuilt_urls.entry(k).or_default().push(i);
                }
            }
            if p.is_built() && !p.url_certain {
                ix.guessed_slugs.entry(p.slug.clone()).or_default().push(i);
            }
            if p.retrospective
                && let Some(k) = p.kind
            {
                ix.by_kind_series.entry((k, sid)).or_default().push(i);
            }
            if let (Some(k), Some(per)) = (p.kind, p.period) {
                if per.months() > MONTHS_INDEXED {
                    ix.long_periods.push(i);
                } else {
                    for (y, m) in months_of(per) {
                        ix.by_month.entry((k, y, m)).or_default().push(i);
                    }
                }
            }
            if p.is_built()
                && p.retrospective
                && let (Some(k), Some(per)) = (p.kind, p.period)
            {
                ix.by_period.entry((k, per)).or_default().push(i);
                if matches!(k, Kind::Weekly | Kind::Monthly) {
                    series.entry((k, series_folder(p))).or_default().push(i);
                }
            }
        }
        for (_, mut members) in series {
            members.sort_by(|&a, &b| {
                let (pa, pb) = (posts[a].period, posts[b].period);
                pa.cmp(&pb).then_with(|| posts[a].path.cmp(&posts[b].path))
            });
            let mut overlaps = 0;
            for w in members.windows(2) {
                ix.series_prev[w[1]] = Some(w[0]);
                if let (Some(a), Some(b)) = (posts[w[0]].period, posts[w[1]].period)
                    && b.start <= a.end
                {
                    overlaps += 1;
                }
            }
            // Many overlaps mean several series share the folder (one per project).
            let parallel = overlaps >= 2 && overlaps * 4 > members.len().saturating_sub(1);
            for &m in &members {
                ix.series_parallel[m] = parallel;
            }
        }
        ix
    }
}

/// A period longer than this many months is not listed under each of its months.
const MONTHS_INDEXED: i32 = 36;

/// The (year, month) pairs a period touches, in order.
fn months_of(p: Period) -> impl Iterator<Item = (i16, i8)> {
    let first = i32::from(p.start.year()) * 12 + i32::from(p.start.month()) - 1;
    (first..first + p.months().max(0))
        .map(|n| (n.div_euclid(12) as i16, (n.rem_euclid(12) + 1) as i8))
}

/// The folder of a series member with year folders made alike (`Retrospective/*/weekly`),
/// so a series runs across the years.
fn series_folder(p: &SitePost) -> String {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(^|/)[0-9]{4}(/|$)").expect("valid regex"));
    let rel = p
        .rel
        .clone()
        .unwrap_or_else(|| p.path.to_string_lossy().replace('\\', "/"));
    // A post that is a folder (`2021-06/index.md`) belongs to its folder's parent.
    let rel = url::collapse_index(&rel);
    let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
    let mut s = dir.to_owned();
    // Twice: adjacent year folders share their slash.
    for _ in 0..2 {
        s = YEAR.replace_all(&s, "$1*$2").into_owned();
    }
    s
}

/// The folder a post's series lives in, with year folders generalised: posts in
/// `retro/2023/monthly/` and `retro/2025/monthly/` are one series. A post that is a folder
/// (`2021/06/index.md`, `05-May/README.md`) counts from its folder's parent.
pub fn series_key(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let mut dir = path.parent();
    if stem.eq_ignore_ascii_case("index") || stem.eq_ignore_ascii_case("readme") {
        dir = dir.and_then(Path::parent);
    }
    let abs = dir.map(absolute).unwrap_or_default();
    abs.components()
        .map(|c| {
            let s = c.as_os_str().to_string_lossy();
            let year = s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
            if year { "*".to_owned() } else { s.into_owned() }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::url::join_url;

    #[test]
    fn urls_join() {
        assert_eq!(join_url("/a/b", "../c/./d"), "/a/c/d");
    }

    #[test]
    fn series_folders_merge_years() {
        let p = SitePost {
            rel: Some("Retrospective/2023/monthly/x".into()),
            ..SitePost::default()
        };
        assert_eq!(series_folder(&p), "Retrospective/*/monthly");
        let p = SitePost {
            rel: Some("2023/03/x".into()),
            ..SitePost::default()
        };
        assert_eq!(series_folder(&p), "*/03");
        let p = SitePost {
            rel: Some("recaps/2024-07/index".into()),
            ..SitePost::default()
        };
        assert_eq!(series_folder(&p), "recaps");
    }
}
