//! Watching folders for changed posts (`--watch`, the language server): a watcher that
//! reports the paths of changes of content only. Opening or reading a file is no change,
//! nor is a change of its times or permissions: linting a file must not look like a change
//! of it (or every run would start the next).

use notify::event::ModifyKind;
use notify::{Event, EventKind, RecommendedWatcher};
use std::path::PathBuf;

pub use notify::{RecursiveMode, Watcher};

/// Whether an event is a change of content: created, written, renamed or removed.
pub fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(m) => !matches!(m, ModifyKind::Metadata(_)),
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// A watcher that calls `on_change` with the paths of each change of content (add folders
/// with [`Watcher::watch`]).
pub fn watcher(
    mut on_change: impl FnMut(Vec<PathBuf>) + Send + 'static,
) -> notify::Result<RecommendedWatcher> {
    notify::recommended_watcher(move |res: notify::Result<Event>| {
        if let Ok(e) = res
            && is_change(&e.kind)
        {
            on_change(e.paths);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, DataChange, MetadataKind};

    #[test]
    fn reading_is_no_change() {
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
    }
}
