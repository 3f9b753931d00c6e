//! How retro-lint touches the file system beyond walking the site: every read bounded and
//! from a regular file only (a pipe, a device or `/dev/zero` behind a link never blocks a
//! run or fills the memory), every write into a file it creates itself (never through a
//! symbolic link, never over a file it did not make), with temporary files named so that
//! the next run recognises and removes those an interrupted run left behind.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Open `path` for reading if it is a regular file, and give its size. A pipe is opened
/// without blocking and then refused; with `nofollow`, a symbolic link is refused too.
pub fn open_regular(path: &Path, nofollow: bool) -> io::Result<(File, u64)> {
    let mut opts = OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK;
        if nofollow {
            flags |= libc::O_NOFOLLOW;
        }
        opts.custom_flags(flags);
    }
    #[cfg(not(unix))]
    if nofollow && fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(io::Error::other("is a symbolic link"));
    }
    let file = opts.open(path).map_err(|e| {
        // O_NOFOLLOW on a link fails with ELOOP: say what it is.
        if nofollow && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            io::Error::other("is a symbolic link")
        } else {
            e
        }
    })?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::other("is a directory"));
    }
    if !meta.is_file() {
        return Err(io::Error::other(
            "not a regular file (a pipe, socket or device)",
        ));
    }
    Ok((file, meta.len()))
}

/// The whole content of a regular file of at most `limit` bytes (see [`open_regular`]); a
/// larger file, or one that grows past the limit while it is read, is an error.
pub fn read_bounded(path: &Path, limit: u64, nofollow: bool) -> io::Result<Vec<u8>> {
    let (file, size) = open_regular(path, nofollow)?;
    let too_large = || io::Error::other(format!("larger than {limit} bytes"));
    if size > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Write `bytes` to a file that must not exist yet: an existing file or symbolic link of
/// that name is left alone (an error).
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut f = OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(bytes)
}

/// The part of a temporary file's name that says retro-lint made it.
const TEMP_MARK: &str = ".retro-lint-";

/// A new temporary file in `dir` for the file `name`: created exclusively (an existing
/// file or link of the name is never opened), named `.{name}.retro-lint-{pid}-{n}.tmp`.
pub fn temp_file(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut last = None;
    for n in 0..100u32 {
        let p = dir.join(format!(".{name}{TEMP_MARK}{pid}-{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&p) {
            Ok(f) => return Ok((p, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file name left")))
}

/// The process that made a temporary file, from its name, if it is one of ours.
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let at = rest.rfind(TEMP_MARK)?;
    let (pid, n) = rest[at + TEMP_MARK.len()..].split_once('-')?;
    n.parse::<u32>().ok()?;
    pid.parse().ok()
}

/// Whether the process `pid` may still be writing its temporary file. Where the system
/// cannot tell (no `/proc`), a file younger than an hour is taken as still being written.
fn may_be_running(pid: u32, path: &Path) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return proc.join(pid.to_string()).exists();
    }
    fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() < 3600))
}

/// Remove from `dir` the temporary files of runs that were interrupted (killed during
/// `--fix` or while writing the cache): regular files named as [`temp_file`] names them,
/// whose process is gone. Errors are ignored: a leftover costs only space.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else {
            continue;
        };
        let path = e.path();
        let regular = e.file_type().is_ok_and(|t| t.is_file());
        if regular && !may_be_running(pid, &path) {
            let _ = fs::remove_file(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised() {
        assert_eq!(temp_owner(".post.md.retro-lint-123-4.tmp"), Some(123));
        assert_eq!(temp_owner(".a.retro-lint-x.md.retro-lint-9-0.tmp"), Some(9));
        assert_eq!(temp_owner("post.md"), None);
        assert_eq!(temp_owner(".post.md.tmp"), None);
    }

    #[test]
    fn pipes_and_links_are_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tmp");
        let f = dir.path().join("f");
        fs::write(&f, "abc").expect("write");
        assert_eq!(read_bounded(&f, 3, true).expect("read"), b"abc");
        assert!(read_bounded(&f, 2, true).is_err(), "over the limit");
        #[cfg(unix)]
        {
            let link = dir.path().join("l");
            std::os::unix::fs::symlink(&f, &link).expect("link");
            assert!(read_bounded(&link, 10, true).is_err());
            assert!(read_bounded(&link, 10, false).is_ok());
            let fifo = dir.path().join("p");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                assert!(read_bounded(&fifo, 10, false).is_err());
            }
            let zero = dir.path().join("z");
            std::os::unix::fs::symlink("/dev/zero", &zero).expect("link");
            assert!(read_bounded(&zero, 10, false).is_err());
        }
    }
}
