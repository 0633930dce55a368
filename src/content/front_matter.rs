//! Front matter: split the `---` (YAML) or `+++` (TOML) block from the body,
//! then read only the keys feedwright uses.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

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

/// A front-matter value, kept loose: sites write the same key as a string,
/// a number, a list or a table.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing after the colon.
    #[default]
    Null,
    /// A string, or a number or boolean read as its text.
    Text(String),
    /// A boolean.
    Bool(bool),
    /// A TOML native date or date-time, as TOML writes it.
    Date(String),
    /// A list.
    List(Vec<Value>),
    /// A table, in the order written.
    Table(Vec<(String, Value)>),
}

impl Value {
    /// The text of a scalar; `None` for null, empty text, lists and tables.
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(t) | Value::Date(t) if !t.trim().is_empty() => Some(t.trim()),
            _ => None,
        }
    }

    /// The texts of a scalar or a list of scalars (a table's `name` counts, for authors).
    pub fn texts(&self) -> Vec<String> {
        match self {
            Value::List(items) => items.iter().flat_map(Value::texts).collect(),
            Value::Table(entries) => entries
                .iter()
                .filter(|(key, _)| key.eq_ignore_ascii_case("name"))
                .flat_map(|(_, value)| value.texts())
                .collect(),
            other => other.text().map(str::to_string).into_iter().collect(),
        }
    }

    /// A short description of what was written, for error messages.
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "nothing".into(),
            Value::Text(t) | Value::Date(t) => format!("`{t}`"),
            Value::Bool(b) => format!("`{b}`"),
            Value::List(_) => "a list".into(),
            Value::Table(_) => "a table".into(),
        }
    }
}

/// The name under which the TOML crate hands a native date-time to serde.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a front-matter value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Text(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Text(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Text(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Text(v))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Key>()? {
            if key.0 == TOML_DATETIME_KEY {
                let text: String = map.next_value()?;
                return Ok(Value::Date(text));
            }
            entries.push((key.0, map.next_value()?));
        }
        Ok(Value::Table(entries))
    }
}

/// A mapping key: YAML allows numbers and booleans as keys too.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Text(t) | Value::Date(t) => Ok(Key(t)),
            Value::Bool(b) => Ok(Key(b.to_string())),
            Value::Null => Ok(Key("~".into())),
            _ => Err(de::Error::custom("a list or table cannot be a key")),
        }
    }
}

/// The front-matter keys feedwright reads, as written (every other key is skipped unread).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FrontMatter {
    /// `title`.
    pub title: Value,
    /// `date`.
    pub date: Value,
    /// `publishDate` (also `pubdate`, `published`).
    pub publish_date: Value,
    /// `lastmod` (also Zola's `updated`, and `modified`).
    pub lastmod: Value,
    /// `expiryDate` (also `unpublishdate`).
    pub expiry_date: Value,
    /// `draft`.
    pub draft: Value,
    /// `description`.
    pub description: Value,
    /// `summary`.
    pub summary: Value,
    /// `tags`.
    pub tags: Value,
    /// `categories`, and Jekyll's single `category`.
    pub categories: Value,
    /// `author` and `authors`.
    pub authors: Value,
    /// `image`, or the first of `images`.
    pub image: Value,
    /// `slug`.
    pub slug: Value,
    /// `url` (Hugo) or `path` (Zola).
    pub url: Value,
    /// Zola's `[taxonomies]` table, holding `tags` and `categories`.
    pub taxonomies: Value,
    /// Hugo's `headless: true` (a bundle that is never published).
    pub headless: Value,
}

/// Which front-matter keys to read; the rest are skipped unread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// What every page needs (title, dates, draft, slug, url, headless): the
    /// pass over the whole site reads only these.
    Metadata,
    /// Everything feedwright uses, for the few pages that become feed entries.
    All,
}

/// Whether a field is needed only for feed entries.
fn is_entry_detail(key: &str) -> bool {
    matches!(
        key,
        "description"
            | "summary"
            | "tags"
            | "categories"
            | "category"
            | "author"
            | "authors"
            | "image"
            | "images"
            | "taxonomies"
    )
}

/// Which field a front-matter key fills; keys are case-insensitive, as in Hugo.
pub(crate) fn field_for<'f>(
    front: &'f mut FrontMatter,
    key: &str,
    keys: Keys,
) -> Option<&'f mut Value> {
    // Lower-cased on the stack: this runs for every key of every page.
    let mut buffer = [0u8; 16];
    let lower = buffer.get_mut(..key.len())?;
    lower.copy_from_slice(key.as_bytes());
    lower.make_ascii_lowercase();
    let key = std::str::from_utf8(lower).ok()?;
    if keys == Keys::Metadata && is_entry_detail(key) {
        return None;
    }
    Some(match key {
        "title" => &mut front.title,
        "date" => &mut front.date,
        "publishdate" | "pubdate" | "published" => &mut front.publish_date,
        "lastmod" | "updated" | "modified" => &mut front.lastmod,
        "expirydate" | "unpublishdate" => &mut front.expiry_date,
        "draft" => &mut front.draft,
        "description" => &mut front.description,
        "summary" => &mut front.summary,
        "tags" => &mut front.tags,
        "categories" | "category" => &mut front.categories,
        "author" | "authors" => &mut front.authors,
        "image" | "images" => &mut front.image,
        "slug" => &mut front.slug,
        "url" | "path" => &mut front.url,
        "taxonomies" => &mut front.taxonomies,
        "headless" => &mut front.headless,
        _ => return None,
    })
}

/// Deserializes front matter, reading only its `Keys`.
pub(crate) struct FrontMatterSeed(pub(crate) Keys);

impl<'de> de::DeserializeSeed<'de> for FrontMatterSeed {
    type Value = FrontMatter;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<FrontMatter, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FrontMatterSeed {
    type Value = FrontMatter;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping of keys to values")
    }

    // A block holding only comments is empty front matter.
    fn visit_unit<E>(self) -> Result<FrontMatter, E> {
        Ok(FrontMatter::default())
    }
    fn visit_none<E>(self) -> Result<FrontMatter, E> {
        Ok(FrontMatter::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FrontMatter, A::Error> {
        let mut front = FrontMatter::default();
        let mut seen = HashSet::new();
        while let Some(Key(key)) = map.next_key()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            match field_for(&mut front, &key, self.0) {
                // `author` and `authors` (or `image` and `images`) together: the first wins.
                Some(slot) if *slot == Value::Null => *slot = map.next_value()?,
                Some(_) => {
                    map.next_value::<IgnoredAny>()?;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(front)
    }
}

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
/// fast reader in `simple_yaml` is checked against).
pub fn parse_full_yaml(
    text: &str,
    keys: Keys,
) -> std::result::Result<FrontMatter, serde_yaml::Error> {
    use serde::de::DeserializeSeed;
    FrontMatterSeed(keys).deserialize(serde_yaml::Deserializer::from_str(text))
}

/// Reads the `keys` of the front matter of `split`, naming `path` and the line in any error.
pub fn parse(path: &Path, split: &Split<'_>, keys: Keys) -> Result<FrontMatter> {
    use serde::de::DeserializeSeed;
    check_bounds(path, split)?;
    let seed = FrontMatterSeed(keys);
    match split.format {
        None => Ok(FrontMatter::default()),
        Some(Format::Yaml) => match super::simple_yaml::read(split.front, keys) {
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
            Error::content(
                path,
                line,
                format!("front matter (YAML): {}", strip_location(&e.to_string())),
            )
        }),
        Some(Format::Toml) => toml::Deserializer::parse(split.front)
            .and_then(|d| seed.deserialize(d))
            .map_err(|e| {
                let line = e
                    .span()
                    .map(|span| split.front[..span.start].matches('\n').count() + split.front_line);
                Error::content(
                    path,
                    line,
                    format!("front matter (TOML): {}", e.message().trim()),
                )
            }),
    }
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
    fn yaml_errors_carry_the_file_line() {
        let err = parse_text("---\ntitle: a\ntags: [a, b\n---\n").unwrap_err();
        match err {
            Error::Content {
                line: Some(line), ..
            } => assert!((3..=5).contains(&line), "line {line}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn loose_values() {
        let f = parse_text("---\ntitle: 1.1\nauthor: [\"Mark Dinn\", \"John Doe\"]\ncategory: release\ndraft: true\nparams: {a: [1, {b: 2}]}\n---\n").unwrap();
        assert_eq!(f.title.text(), Some("1.1"));
        assert_eq!(f.authors.texts(), vec!["Mark Dinn", "John Doe"]);
        assert_eq!(f.categories.texts(), vec!["release"]);
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
