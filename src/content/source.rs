//! Reading content files: the one reader both passes use (the pass over the
//! whole site, and the feed's second pass over the posts it carries).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::front_matter::{self, DuplicateKeys, FrontMatter, Keys, Split};
use crate::error::{Error, Result, SourceLine};

/// Content files larger than this are refused: no real post comes near it, and
/// reading one must not exhaust a CI machine's memory.
pub(crate) const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

thread_local! {
    /// Each thread reads every file into one buffer, which saves an
    /// allocation (and fresh pages) per file.
    static SOURCE_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads the content file at `path` (cut at its front matter, of which the
/// `keys` asked for are read) and calls `f` with it: the one way both passes,
/// over the whole site and over the posts a feed carries, read a file.
///
/// `f` runs while the thread's buffer is lent to it, so it must not start
/// parallel work (another read on this thread would find the buffer taken).
///
/// A front-matter key written twice is taken as `duplicates` says.
pub(crate) fn read_page<T>(
    path: &Path,
    keys: Keys,
    duplicates: DuplicateKeys,
    f: impl FnOnce(&Split<'_>, &FrontMatter) -> Result<T>,
) -> Result<T> {
    with_text(path, |text| {
        let split = front_matter::split(path, text)?;
        let front = front_matter::parse_with(path, &split, keys, duplicates)?;
        f(&split, &front)
    })
}

/// Calls `f` with the text of the content file at `path`: UTF-8, without NUL
/// bytes, within [`MAX_FILE_BYTES`].
fn with_text<T>(path: &Path, f: impl FnOnce(&str) -> Result<T>) -> Result<T> {
    SOURCE_BUFFER.with(|buffer| {
        let mut buffer = buffer.borrow_mut();
        let result = f(read_checked(path, &mut buffer)?);
        // A rare huge file should not pin its memory for the rest of the build.
        if buffer.len() > 1 << 20 {
            *buffer = Vec::new();
        }
        result
    })
}

/// The first read of a file asks for this much: more than nearly every post,
/// so a post takes one `read` and the `read` that finds its end.
const FIRST_READ: usize = 64 * 1024;

/// Reads `path` into `buffer` and checks that it is UTF-8 text without NUL
/// bytes, within [`MAX_FILE_BYTES`]. `buffer` is scratch space, reused from
/// file to file: it stays initialised, so reads go straight into it.
///
/// Only a file that fills the first read is asked its size (a system call
/// fewer per post than `read_to_end`), so a huge one is refused unread.
fn read_checked<'b>(path: &Path, buffer: &'b mut Vec<u8>) -> Result<&'b str> {
    let io_error = |e| Error::io(path, e);
    let too_big = |size: u64| {
        Error::content(
            path,
            None,
            format!("is {size} bytes; content files over {MAX_FILE_BYTES} bytes are refused"),
        )
    };
    let mut file = File::open(path).map_err(io_error)?;
    if buffer.len() < FIRST_READ {
        buffer.resize(FIRST_READ, 0);
    }
    let limit = MAX_FILE_BYTES as usize + 1;
    let mut filled = 0;
    loop {
        if filled == buffer.len() {
            let size = file.metadata().map_err(io_error)?.len();
            if size > MAX_FILE_BYTES || filled >= limit {
                return Err(too_big(size.max(filled as u64)));
            }
            // Room for the whole file and one byte more, to see its end; or
            // more, if it grew since it was measured (bounded by `limit`).
            let room = (size as usize + 1).max(filled * 2).min(limit);
            buffer.resize(room, 0);
        }
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_error(e)),
        }
    }
    let bytes = &buffer[..filled];
    let line_at =
        |bytes: &[u8], offset: usize| memchr::memchr_iter(b'\n', &bytes[..offset]).count() + 1;
    // The SIMD check is several times faster on text with non-ASCII
    // characters; std's, on the rare failure, says where.
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes),
    }
    .map_err(|e| {
        let offset = e.valid_up_to();
        Error::content(
            path,
            Some(line_at(bytes, offset)),
            format!("is not valid UTF-8 (byte {offset}); save the file as UTF-8"),
        )
        .at(Some(marked_at(bytes, offset)))
    })?;
    if let Some(offset) = memchr::memchr(0, text.as_bytes()) {
        return Err(Error::content(
            path,
            Some(line_at(text.as_bytes(), offset)),
            format!("contains a NUL byte (byte {offset}); remove it, it is not text"),
        )
        .at(Some(marked_at(text.as_bytes(), offset))));
    }
    Ok(text)
}

/// The line of `bytes` that holds `offset`, shown lossily (a byte that is not
/// UTF-8 as U+FFFD), with the character at `offset` marked. Everything before
/// `offset` is valid UTF-8, so the character keeps its place.
fn marked_at(bytes: &[u8], offset: usize) -> SourceLine {
    let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |at| at + 1);
    let end = memchr::memchr(b'\n', &bytes[offset..]).map_or(bytes.len(), |at| offset + at);
    let line = String::from_utf8_lossy(&bytes[start..end]);
    let at = offset - start;
    let length = line
        .get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, char::len_utf8);
    SourceLine::new(&line, at..at + length)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_past_the_first_read_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut buffer = Vec::new();
        for size in [
            0,
            1,
            FIRST_READ - 1,
            FIRST_READ,
            FIRST_READ + 1,
            3 * FIRST_READ + 7,
        ] {
            let text: String = (0..size).map(|i| (b'a' + (i % 26) as u8) as char).collect();
            let path = dir.path().join(format!("{size}.md"));
            std::fs::write(&path, &text).unwrap();
            // The same buffer, as a thread reuses it: nothing of a longer file before stays.
            assert_eq!(
                read_checked(&path, &mut buffer).unwrap(),
                text,
                "{size} bytes"
            );
            let read = with_text(&path, |read| Ok(read.to_string())).unwrap();
            assert_eq!(read, text, "{size} bytes");
        }
    }

    #[test]
    fn read_errors_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.md");
        std::fs::write(&path, b"---\ntitle: x\n---\n\xff\n").unwrap();
        let message = with_text(&path, |_| Ok(())).unwrap_err().to_string();
        assert!(message.contains("bad.md:4"), "{message}");
        assert!(message.contains("not valid UTF-8 (byte 17)"), "{message}");
    }
}
