//! Reading posts from disk, bounded: a regular file only, never past the size limit, and
//! only the head (through the front matter) of a post the index needs nothing else of.

use crate::error::Error;
use crate::post::Post;
use crate::source::NotText;
use std::path::Path;

/// Open a regular file and give its size; a folder, a pipe or a device is an error (a pipe
/// named `x.md` would block the run).
fn open_regular(path: &Path) -> Result<(std::fs::File, u64), Error> {
    crate::safe_fs::open_regular(path, false).map_err(|e| Error::Path {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// Read a file into a post (at most `max_elements` Markdown elements read), or an I/O error.
pub fn read_post(path: &Path, max: u64, max_elements: usize) -> Result<Post, Error> {
    let io = |e: std::io::Error| Error::Path {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let (file, size) = open_regular(path)?;
    let too_large = |size: u64| {
        let mut post = Post::from_bytes(path.to_path_buf(), Vec::new());
        post.not_text = Some(NotText::TooLarge { size, limit: max });
        Ok(post)
    };
    if size > max {
        return too_large(size);
    }
    // Read at most one byte over the limit: a file growing while it is read stays bounded.
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, max + 1), &mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return too_large(bytes.len() as u64);
    }
    Ok(Post::from_bytes_limited(
        path.to_path_buf(),
        bytes,
        max_elements,
    ))
}

/// Read only the head of a file, through its front matter, as an index-only post: the
/// site index needs nothing from the body. At least the first 8 KiB are read, so a binary
/// file is still recognised.
pub fn read_index_post(path: &Path, max: u64) -> Result<Post, Error> {
    use std::io::Read;
    let io = |e: std::io::Error| Error::Path {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let (file, size) = open_regular(path)?;
    if size > max {
        let mut post = Post::for_index(path.to_path_buf(), Vec::new());
        post.not_text = Some(NotText::TooLarge { size, limit: max });
        return Ok(post);
    }
    let mut reader = file.take(size.min(max) + 1);
    let mut buf = Vec::new();
    let mut chunk = 16 << 10;
    loop {
        let got = (&mut reader)
            .take(chunk)
            .read_to_end(&mut buf)
            .map_err(io)?;
        let eof = (got as u64) < chunk;
        if buf[..buf.len().min(8192)].contains(&0) {
            return Ok(Post::for_index(path.to_path_buf(), buf));
        }
        if let Some(len) = Post::index_head_len(&buf) {
            buf.truncate(len);
            return Ok(Post::for_index(path.to_path_buf(), buf));
        }
        if eof {
            return Ok(Post::for_index(path.to_path_buf(), buf));
        }
        chunk *= 2;
    }
}
