//! Front matter: split the `---` (YAML) or `+++` (TOML) block from the body
//! ([`split`]), then read only the keys feedwright uses (`fields`) as loose
//! [`Value`]s, with the fast [`plain_yaml`] reader where it can and the full
//! YAML or TOML parser where it cannot.

mod fields;
pub mod plain_yaml;
mod split;
mod value;

use std::path::Path;

use std::fmt;

use crate::error::{Error, Result, SourceLine};

pub(crate) use fields::{field_for, FrontMatterSeed};
pub use fields::{DuplicateKeys, FrontMatter, Keys};
pub(crate) use split::next_line;
pub use split::{split, Format, Split};
pub use value::Value;

/// Front matter larger than this is refused (real front matter is a few KB).
pub const MAX_FRONT_MATTER_BYTES: usize = 1024 * 1024;

/// YAML flow collections nested deeper than this are refused: the YAML parser
/// takes quadratic time on deep nesting, and no real front matter nests at all.
pub const MAX_YAML_NESTING: usize = 64;

/// Refuses front matter whose size or nesting would make parsing slow.
fn check_bounds(path: &Path, split: &Split<'_>) -> Result<()> {
    if split.front.len() > MAX_FRONT_MATTER_BYTES {
        return Err(Error::content(
            path,
            Some(split.front_line),
            format!("front matter is over {MAX_FRONT_MATTER_BYTES} bytes"),
        ));
    }
    // Nesting deeper than the limit needs more opening brackets than it: most
    // front matter has a handful, and is not scanned further.
    let deep_enough =
        || memchr::memchr2_iter(b'[', b'{', split.front.as_bytes()).count() > MAX_YAML_NESTING;
    if split.format == Some(Format::Yaml) && deep_enough() {
        let mut depth = 0usize;
        for (offset, byte) in split.front.bytes().enumerate() {
            match byte {
                b'[' | b'{' => depth += 1,
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => continue,
            }
            if depth > MAX_YAML_NESTING {
                let line = split.front_line + split.front[..offset].matches('\n').count();
                return Err(Error::content(
                    path,
                    Some(line),
                    format!("front matter nests more than {MAX_YAML_NESTING} levels deep"),
                ));
            }
        }
    }
    Ok(())
}

/// Reads YAML front matter with the full YAML parser alone (the reference the
/// fast reader in [`plain_yaml`] is checked against).
pub fn parse_full_yaml(
    text: &str,
    keys: Keys,
) -> std::result::Result<FrontMatter, serde_yaml::Error> {
    use serde::de::DeserializeSeed;
    FrontMatterSeed(keys, DuplicateKeys::Refuse)
        .deserialize(serde_yaml::Deserializer::from_str(text))
}

/// Reads the `keys` of the front matter of `split`, naming `path` and the line in any error.
pub fn parse(path: &Path, split: &Split<'_>, keys: Keys) -> Result<FrontMatter> {
    parse_with(path, split, keys, DuplicateKeys::Refuse)
}

/// [`parse`], with a key written twice taken as `duplicates` says.
pub fn parse_with(
    path: &Path,
    split: &Split<'_>,
    keys: Keys,
    duplicates: DuplicateKeys,
) -> Result<FrontMatter> {
    use serde::de::DeserializeSeed;
    check_bounds(path, split)?;
    let seed = FrontMatterSeed(keys, duplicates);
    match split.format {
        None => Ok(FrontMatter::default()),
        Some(Format::Yaml) => match plain_yaml::read(split.front, keys) {
            Some(front) => Ok(front),
            None => seed.deserialize(serde_yaml::Deserializer::from_str(split.front)),
        }
        .map_err(|e| {
            let line = e
                .location()
                .map(|l| text_line_of_yaml_line(split.front, l.line()) + split.front_line - 1);
            // The parser places a duplicate key at the mapping's start; the
            // line to fix is the key's second appearance.
            let line = duplicate_key(&e.to_string())
                .and_then(|key| second_top_level_line(split, key))
                .or(line);
            let source = match (duplicate_key(&e.to_string()), line) {
                (Some(key), Some(line)) => {
                    source_line(split, line).map(|t| SourceLine::at_key(t, key))
                }
                (None, Some(line)) => e
                    .location()
                    .and_then(|l| Some(SourceLine::word_at(source_line(split, line)?, l.column()))),
                _ => None,
            };
            Error::content(
                path,
                line,
                format!("front matter (YAML): {}", strip_location(&e.to_string())),
            )
            .at(source)
        }),
        Some(Format::Toml) => toml::Deserializer::parse(split.front)
            .and_then(|d| seed.deserialize(d))
            .map_err(|e| {
                let place = e
                    .span()
                    .and_then(|span| SourceLine::of_span(split.front, span));
                let line = place.as_ref().map(|(line, _)| line + split.front_line - 1);
                Error::content(
                    path,
                    line,
                    format!("front matter (TOML): {}", e.message().trim()),
                )
                .at(place.map(|(_, source)| source))
            }),
    }
}

/// The error of `path` about the front-matter `key` of `split`: its message
/// names the key, and the line that sets it is shown with the value marked.
pub(crate) fn key_error(
    path: &Path,
    split: &Split<'_>,
    key: &str,
    message: impl fmt::Display,
) -> Error {
    let place = key_place(split, key);
    let line = place
        .as_ref()
        .map(|(line, _)| *line)
        .or(line_of_key(split, key));
    Error::content(path, line, format!("`{key}`: {message}")).at(place.map(|(_, source)| source))
}

/// The file's 1-based line that sets the front-matter `key` of `split`, and
/// that line with the value marked.
pub(crate) fn key_place(split: &Split<'_>, key: &str) -> Option<(usize, SourceLine)> {
    let line = line_of_key(split, key)?;
    let text = source_line(split, line)?;
    Some((line, SourceLine::at_key(text, key)))
}

/// [`key_place`] of the first of `keys` the front matter of the file at
/// `path` sets, read again: for an error found after the file was read.
pub(crate) fn first_key_place(path: &Path, keys: &[&str]) -> Option<(usize, SourceLine)> {
    let text = std::fs::read_to_string(path).ok()?;
    let split = split(path, &text).ok()?;
    keys.iter().find_map(|key| key_place(&split, key))
}

/// The text of the file's 1-based `line`, which is in the front matter of `split`.
fn source_line<'a>(split: &Split<'a>, line: usize) -> Option<&'a str> {
    split.front.lines().nth(line.checked_sub(split.front_line)?)
}

/// The line (1-based) of `text` on which the YAML parser's line `yaml_line`
/// starts. The parser also ends lines at NEL, LS and PS, which editors show
/// inside a line, so its numbers can run past the file's; a lone CR ends a
/// line for both.
pub(crate) fn text_line_of_yaml_line(text: &str, yaml_line: usize) -> usize {
    let (mut yaml, mut line) = (1, 1);
    let mut chars = text.chars().peekable();
    while yaml < yaml_line {
        let Some(c) = chars.next() else {
            break;
        };
        match c {
            '\n' => (yaml, line) = (yaml + 1, line + 1),
            '\r' if chars.peek() != Some(&'\n') => (yaml, line) = (yaml + 1, line + 1),
            '\u{85}' | '\u{2028}' | '\u{2029}' => yaml += 1,
            _ => {}
        }
    }
    line
}

/// The key named by a "duplicate key `k`" message.
fn duplicate_key(message: &str) -> Option<&str> {
    let rest = message.split_once("duplicate key `")?.1;
    rest.rfind('`').map(|end| &rest[..end])
}

/// The 1-based file line of the second top-level (unindented) `key:`.
fn second_top_level_line(split: &Split<'_>, key: &str) -> Option<usize> {
    split
        .front
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .nth(1)
        .map(|(index, _)| index + split.front_line)
}

/// serde_yaml ends its messages with " at line N column M"; the caller says where instead.
fn strip_location(message: &str) -> &str {
    match message.find(" at line ") {
        Some(at) => &message[..at],
        None => message,
    }
}

/// The 1-based line in the file where `key` is set, for messages about its value.
pub fn line_of_key(split: &Split<'_>, key: &str) -> Option<usize> {
    split
        .front
        .lines()
        .position(|line| {
            // `get`, not slicing: the key's length may fall inside a multi-byte character.
            let line = line.trim_start();
            line.get(..key.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(key))
                && line[key.len()..].trim_start().starts_with([':', '='])
        })
        .map(|index| index + split.front_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_ok(text: &str) -> Split<'_> {
        split(Path::new("t.md"), text).unwrap()
    }

    fn parse_text(text: &str) -> Result<FrontMatter> {
        parse(Path::new("t.md"), &split_ok(text), Keys::All)
    }

    #[test]
    fn yaml_lines_are_told_as_file_lines() {
        let text = "a: 1\nb: \u{2029}x\nc: \u{85}\r\n\rd: y\n";
        // YAML's lines: `a: 1`, `b: `, `x`, `c: `, ``, ``, `d: y`, ``; the file's:
        // `a: 1`, `b: PS x`, `c: NEL`, ``, `d: y`, ``.
        let file_lines: Vec<usize> = (1..=8).map(|l| text_line_of_yaml_line(text, l)).collect();
        assert_eq!(file_lines, [1, 2, 2, 3, 3, 4, 5, 6]);
        // Where the fuzzer found a line past the file's end (U+2029 in a block list).
        let text = "---\ntitle: \"\u{2029}:\n  - a\n  - \"\u{2029}:\n---\n";
        let split = split(Path::new("p.md"), text).unwrap();
        let e = parse(Path::new("p.md"), &split, Keys::All)
            .unwrap_err()
            .to_string();
        let line: usize = e.split(':').nth(1).unwrap().parse().unwrap();
        assert!((2..=5).contains(&line), "{e}");
    }

    #[test]
    fn the_seed_front_matter() {
        let f = parse_text("---\ntitle: \"Lean Management\"\ndate: 2025-01-15T21:44:45+06:00\ndescription : \nimage: \"/images/blog/post-1.jpg\"\ntype: post\n---\nx").unwrap();
        assert_eq!(f.title.text(), Some("Lean Management"));
        assert_eq!(f.date.text(), Some("2025-01-15T21:44:45+06:00"));
        assert_eq!(f.description.text(), None);
        assert_eq!(f.image.texts(), vec!["/images/blog/post-1.jpg"]);
    }

    #[test]
    fn toml_native_dates_and_taxonomies() {
        let f = parse_text("+++\ntitle = \"T\"\ndate = 2023-01-31\nupdated = 2023-02-01T10:00:00+02:00\n[taxonomies]\ntags = [\"a\", \"b\"]\n+++\n").unwrap();
        assert_eq!(f.date, Value::Date("2023-01-31".into()));
        assert_eq!(f.lastmod, Value::Date("2023-02-01T10:00:00+02:00".into()));
        match f.taxonomies {
            Value::Table(entries) => assert_eq!(entries[0].1.texts(), vec!["a", "b"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn duplicate_keys_are_errors_with_a_line() {
        let err =
            parse_text("---\ntitle: a\nredirect_from: x\nredirect_from: y\n---\n").unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("duplicate key `redirect_from`"),
            "{message}"
        );
        assert!(message.starts_with("t.md:4:"), "{message}");
    }

    #[test]
    fn jekyll_takes_the_last_of_duplicate_keys() {
        let text = "---\ntitle: a\nredirect_from: x\ntitle: b\n---\n";
        let f = parse_with(
            Path::new("t.md"),
            &split_ok(text),
            Keys::All,
            DuplicateKeys::LastWins,
        )
        .unwrap();
        assert_eq!(f.title.text(), Some("b"));
        assert_eq!(f.duplicate_keys, vec!["title".to_string()]);
    }

    #[test]
    fn yaml_errors_carry_the_file_line() {
        let err = parse_text("---\ntitle: a\ntags: [a, b\n---\n").unwrap_err();
        match err {
            Error::Content(diagnostic) => {
                let line = diagnostic.line.expect("a line");
                assert!((3..=5).contains(&line), "line {line}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn loose_values() {
        let f = parse_text("---\ntitle: 1.1\nauthor: [\"Mark Dinn\", \"John Doe\"]\ncategory: release\ndraft: true\nparams: {a: [1, {b: 2}]}\n---\n").unwrap();
        assert_eq!(f.title.text(), Some("1.1"));
        assert_eq!(f.authors.texts(), vec!["Mark Dinn", "John Doe"]);
        assert_eq!(f.category.texts(), vec!["release"]);
        assert_eq!(f.draft, Value::Bool(true));
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let deep = format!(
            "---\ntitle: t\nx: {}{}\n---\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let err = parse_text(&deep).unwrap_err().to_string();
        assert!(err.contains("nests more than 64 levels"), "{err}");
        let fine = format!("---\nx: {}{}\n---\n", "[".repeat(10), "]".repeat(10));
        assert!(parse_text(&fine).is_ok());
    }

    #[test]
    fn aliases_are_not_expanded_for_skipped_keys() {
        let mut yaml =
            String::from("---\ntitle: bomb\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        let mut previous = 'a';
        for name in 'b'..='k' {
            yaml.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{previous}"); 9].join(", ")
            ));
            previous = name;
        }
        let started = std::time::Instant::now();
        assert_eq!(
            parse_text(&format!("{yaml}---\n")).unwrap().title.text(),
            Some("bomb")
        );
        // Expanded into a key that is read, the bomb is stopped by the parser's repetition limit.
        let err = parse_text(&format!("{yaml}tags: *k\n---\n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("repetition limit"), "{err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn the_metadata_pass_skips_entry_details() {
        let text = "---\ntitle: T\ndate: 2025-01-01\ntags: [a]\nauthor: X\n---\n";
        let front = parse(Path::new("t.md"), &split_ok(text), Keys::Metadata).unwrap();
        assert_eq!(front.title.text(), Some("T"));
        assert_eq!(front.tags, Value::Null);
        assert_eq!(front.authors, Value::Null);
    }

    #[test]
    fn comment_only_front_matter_is_empty() {
        assert_eq!(
            parse_text("---\n# nothing here\n---\nx").unwrap(),
            FrontMatter::default()
        );
    }

    #[test]
    fn finds_the_line_of_a_key() {
        let s = split_ok("---\ntitle: a\nDate : x\n---\n");
        assert_eq!(line_of_key(&s, "date"), Some(3));
        assert_eq!(line_of_key(&s, "slug"), None);
        // A line whose first bytes end inside a multi-byte character (found by fuzzing).
        let s = split_ok("---\ntc\u{2212}:\ndate: x\n---\n");
        assert_eq!(line_of_key(&s, "date"), Some(3));
    }
}
