//! Cutting a content file into its front-matter block and its Markdown body.

use std::path::Path;

use crate::error::{Error, Result};

/// The language a front-matter block is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

/// A content file cut into its front matter and its Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The front-matter language, or `None` when the file has none.
    pub format: Option<Format>,
    /// The text between the delimiter lines.
    pub front: &'a str,
    /// The 1-based line number of the first line of `front`.
    pub front_line: usize,
    /// The Markdown after the closing delimiter.
    pub body: &'a str,
}

/// Cuts `text` (a whole content file) at its front-matter delimiters.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (first, after_first) = next_line(text);
    let (format, delimiter) = match first.trim_end() {
        "---" => (Format::Yaml, "---"),
        "+++" => (Format::Toml, "+++"),
        _ => {
            return Ok(Split {
                format: None,
                front: "",
                front_line: 1,
                body: text,
            })
        }
    };
    let front_start = text.len() - after_first.len();
    let mut rest = after_first;
    while !rest.is_empty() {
        let line_start = text.len() - rest.len();
        let (line, after) = next_line(rest);
        // YAML documents may also end with `...`. Most lines start otherwise,
        // and are passed over without trimming them.
        let closes = match line.as_bytes().first() {
            Some(b'-' | b'+') => line.trim_end() == delimiter,
            Some(b'.') => format == Format::Yaml && line.trim_end() == "...",
            _ => false,
        };
        if closes {
            return Ok(Split {
                format: Some(format),
                front: &text[front_start..line_start],
                front_line: 2,
                body: after,
            });
        }
        rest = after;
    }
    Err(Error::content(
        path,
        Some(1),
        format!("front matter opened with `{delimiter}` is never closed: add a line `{delimiter}` after it"),
    ))
}

/// The first line of `text` (without its line break) and what follows it.
pub(crate) fn next_line(text: &str) -> (&str, &str) {
    match memchr::memchr(b'\n', text.as_bytes()) {
        Some(end) => (
            text[..end].strip_suffix('\r').unwrap_or(&text[..end]),
            &text[end + 1..],
        ),
        None => (text, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_ok(text: &str) -> Split<'_> {
        split(Path::new("t.md"), text).unwrap()
    }

    #[test]
    fn splits_yaml_with_crlf() {
        let s = split_ok("---\r\ntitle: A\r\n---\r\nBody\r\n");
        assert_eq!(s.format, Some(Format::Yaml));
        assert_eq!(s.front, "title: A\r\n");
        assert_eq!(s.body, "Body\r\n");
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let s = split_ok("\u{feff}---\ntitle: A\n---\nBody");
        assert_eq!(s.format, Some(Format::Yaml));
        assert_eq!(s.body, "Body");
    }

    #[test]
    fn splits_toml() {
        let s = split_ok("+++\ntitle = \"A\"\n+++\nBody");
        assert_eq!(s.format, Some(Format::Toml));
        assert_eq!(s.body, "Body");
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split_ok("# Hello\n");
        assert_eq!(s.format, None);
        assert_eq!(s.body, "# Hello\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error_on_line_1() {
        let err = split(Path::new("p.md"), "---\ntitle: x\nbody").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("p.md:1: front matter opened with `---` is never closed"));
    }
}
