//! A fast reader for the plain YAML most front matter is written in:
//! `key: value` lines with plain or quoted scalars, one-line flow lists and
//! simple block lists. The pass over a whole site spends most of its time in
//! the YAML parser, and this subset is nearly all real front matter.
//!
//! Anything outside the subset (anchors, tags, block scalars, nested maps,
//! numbers, escapes, multi-line values, duplicate keys, ...) makes [`read`]
//! return `None`, and the full YAML parser reads the block instead; so the two
//! agree on every input, which a differential test holds them to.

use super::{field_for, next_line, FrontMatter, Keys, Value};

/// The front matter in `text`, or `None` when the full YAML parser is needed.
pub fn read(text: &str, keys: Keys) -> Option<FrontMatter> {
    if !is_plain_text(text.as_bytes()) {
        return None;
    }
    let mut front = FrontMatter::default();
    // The keys seen so far: the full parser reports duplicates, with their
    // line. On the stack; a front matter with more keys than this goes to it too.
    let mut seen: [&str; 64] = [""; 64];
    let mut seen_count = 0;
    let mut lines = Lines(text);
    while let Some(line) = lines.next() {
        if is_blank_or_comment(line) {
            continue;
        }
        if line.contains('\t') || line.starts_with([' ', '-']) {
            return None;
        }
        let colon = memchr::memchr(b':', line.as_bytes())?;
        let key = line[..colon].trim_end_matches(' ');
        let rest = &line[colon + 1..];
        if !is_plain_key(key) || !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        if seen[..seen_count].contains(&key) || seen_count == seen.len() {
            return None;
        }
        seen[seen_count] = key;
        seen_count += 1;

        // The lines under the key: list items, indented lines, blanks and comments.
        let block_start = lines.0;
        let mut has_block = false;
        while let Some(l) = lines.peek() {
            let blank = is_blank_or_comment(l);
            if !blank && !l.starts_with([' ', '-', '\t']) {
                break;
            }
            has_block |= !blank;
            lines.next();
        }
        let block = &block_start[..block_start.len() - lines.0.len()];
        let value_text = strip_comment(rest.trim_start())?;
        // Values of keys not read are checked but not kept (no allocation).
        let slot = field_for(&mut front, key, keys).filter(|slot| **slot == Value::Null);
        let keep = slot.is_some();
        let value = match (value_text.is_empty(), has_block) {
            (true, false) => Value::Null,
            (true, true) => block_list(block, keep)?,
            (false, false) => value(value_text, keep)?,
            // A value continued on indented lines (a folded plain scalar, say).
            (false, true) => return None,
        };
        if let Some(slot) = slot {
            *slot = value;
        }
    }
    Some(front)
}

/// The lines of a text, without their line breaks (`\n` or `\r\n`).
struct Lines<'a>(&'a str);

impl<'a> Lines<'a> {
    /// The next line, left unread.
    fn peek(&self) -> Option<&'a str> {
        self.split().map(|(line, _)| line)
    }

    /// The next line and the text after it.
    fn split(&self) -> Option<(&'a str, &'a str)> {
        (!self.0.is_empty()).then(|| next_line(self.0))
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let (line, after) = self.split()?;
        self.0 = after;
        Some(line)
    }
}

/// Whether `bytes` (UTF-8) holds only characters this reader handles as YAML
/// does: tab, LF, CRLF and printable characters. Not a lone CR (a line break
/// to YAML), no other C0 or C1 control, no DEL, no U+FFFE or U+FFFF, and none
/// of the line breaks NEL, LS and PS.
fn is_plain_text(bytes: &[u8]) -> bool {
    // Looked at byte by byte, in their UTF-8 encodings: C1 controls (NEL among
    // them) are C2 80..9F, LS and PS E2 80 A8/A9, U+FFFE and U+FFFF EF BF BE/BF.
    let after = |i: usize, n: usize| bytes.get(i + n).copied();
    let plain_at = |i: usize| match bytes[i] {
        b'\t' | b'\n' | 0x20..=0x7E => true,
        b'\r' => after(i, 1) == Some(b'\n'),
        0xC2 => !matches!(after(i, 1), Some(0x80..=0x9F)),
        0xE2 => !(after(i, 1) == Some(0x80) && matches!(after(i, 2), Some(0xA8 | 0xA9))),
        0xEF => !(after(i, 1) == Some(0xBF) && matches!(after(i, 2), Some(0xBE | 0xBF))),
        0x80..=0xFF => true,
        _ => false,
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if !is_printable_ascii(word) && !(at..at + 8).all(plain_at) {
            return false;
        }
        at += 8;
    }
    (at..bytes.len()).all(plain_at)
}

/// Whether all eight bytes of `word` are printable ASCII (0x20..=0x7E), as
/// nearly all of any front matter is: a test of the whole word at once.
fn is_printable_ascii(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    // Some byte below 0x20; some byte at 0x7F or above (exact for "any").
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH_BITS;
    let from_delete = (word.wrapping_add(ONES) | word) & HIGH_BITS;
    below_space | from_delete == 0
}

fn is_blank_or_comment(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    trimmed.is_empty() || trimmed.starts_with('#')
}

fn is_plain_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The value without a trailing ` # comment`, when that can be told without a
/// full parse; `None` when a `#` might be inside a quoted string.
fn strip_comment(text: &str) -> Option<&str> {
    let text = text.trim_end_matches(' ');
    if text.starts_with('#') {
        return Some("");
    }
    // A comment starts at a `#` after a space; most values have no `#` at all.
    let bytes = text.as_bytes();
    let comment = memchr::memchr_iter(b'#', bytes).find(|&at| at > 0 && bytes[at - 1] == b' ');
    match comment {
        None => Some(text),
        Some(_) if memchr::memchr2(b'"', b'\'', bytes).is_some() => None,
        Some(at) => Some(text[..at].trim_end_matches(' ')),
    }
}

/// A one-line value: a flow list or a scalar; `Null` when not `keep`.
fn value(text: &str, keep: bool) -> Option<Value> {
    match text.as_bytes()[0] {
        b'[' => flow_list(text, keep),
        _ => scalar(text, false, keep),
    }
}

/// `[a, "b", 'c']` with scalar items only.
fn flow_list(text: &str, keep: bool) -> Option<Value> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    if inner.trim().is_empty() {
        return Some(Value::List(Vec::new()));
    }
    let mut items = Vec::new();
    let mut rest = inner;
    loop {
        let item = rest.trim_start_matches(' ');
        let (value, after) = match item.as_bytes().first()? {
            b'"' | b'\'' => {
                let end = quoted_end(item)?;
                (scalar(&item[..end], true, keep)?, &item[end..])
            }
            _ => {
                let end = item.find(',').unwrap_or(item.len());
                (
                    scalar(item[..end].trim_end_matches(' '), true, keep)?,
                    &item[end..],
                )
            }
        };
        if keep {
            items.push(value);
        }
        let after = after.trim_start_matches(' ');
        if after.is_empty() {
            return Some(if keep {
                Value::List(items)
            } else {
                Value::Null
            });
        }
        rest = after.strip_prefix(',')?;
        // A trailing comma, or an empty item: leave it to the full parser.
        if rest.trim().is_empty() {
            return None;
        }
    }
}

/// The end (exclusive) of the quoted scalar `text` starts with.
fn quoted_end(text: &str) -> Option<usize> {
    let quote = text.as_bytes()[0];
    let mut i = 1;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if quote == b'"' && bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

/// Block list items, one `- scalar` per line, all at one indentation.
fn block_list(block: &str, keep: bool) -> Option<Value> {
    let mut items = Vec::new();
    let mut indent = None;
    for line in Lines(block).filter(|l| !is_blank_or_comment(l)) {
        if line.contains('\t') {
            return None;
        }
        let this_indent = line.len() - line.trim_start_matches(' ').len();
        if *indent.get_or_insert(this_indent) != this_indent {
            return None;
        }
        let item = line[this_indent..].strip_prefix("- ")?;
        let item = strip_comment(item.trim_start_matches(' '))?;
        if item.is_empty() || item.starts_with('[') {
            return None;
        }
        let value = scalar(item, false, keep)?;
        if keep {
            items.push(value);
        }
    }
    Some(if keep {
        Value::List(items)
    } else {
        Value::Null
    })
}

/// A plain, single- or double-quoted scalar on one line, resolved as YAML 1.2's
/// core schema does (null, booleans); numbers are left to the full parser.
fn scalar(text: &str, in_flow: bool, keep: bool) -> Option<Value> {
    let first = *text.as_bytes().first()?;
    match first {
        b'"' => {
            if quoted_end(text)? != text.len() {
                return None;
            }
            let inner = &text[1..text.len() - 1];
            if !keep {
                return has_known_escapes_only(inner).then_some(Value::Null);
            }
            unescape_double_quoted(inner).map(Value::Text)
        }
        b'\'' => {
            let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
            if inner.replace("''", "").contains('\'') {
                return None;
            }
            Some(if keep {
                Value::Text(inner.replace("''", "'"))
            } else {
                Value::Null
            })
        }
        _ => {
            // Indicators (`-`, `?`, `:` included, whatever follows them) and, in
            // a flow list, any `:` are left to the full parser.
            let bytes = text.as_bytes();
            if b"[]{}!&*|>%@`,#\"'-?:".contains(&first)
                || bytes.windows(2).any(|pair| pair == b": ")
                || text.ends_with(':')
                || (in_flow && bytes.iter().any(|b| b"[]{},:".contains(b)))
                || looks_numeric(text)
            {
                return None;
            }
            Some(match text {
                "~" | "null" | "Null" | "NULL" => Value::Null,
                "true" | "True" | "TRUE" => Value::Bool(true),
                "false" | "False" | "FALSE" => Value::Bool(false),
                _ if !keep => Value::Null,
                _ => Value::Text(text.to_string()),
            })
        }
    }
}

/// The text of a double-quoted scalar; only the escapes seen in front matter
/// (`\"`, `\\`, `\/`) are read here, the rest are left to the full parser.
fn unescape_double_quoted(inner: &str) -> Option<String> {
    if !inner.contains('\\') {
        return Some(inner.to_string());
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                escaped @ ('"' | '\\' | '/') => out.push(escaped),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Whether every escape in a double-quoted scalar is one `unescape_double_quoted` reads.
fn has_known_escapes_only(inner: &str) -> bool {
    let mut bytes = inner.bytes();
    while let Some(b) = bytes.next() {
        if b == b'\\' && !matches!(bytes.next(), Some(b'"' | b'\\' | b'/')) {
            return false;
        }
    }
    true
}

/// Whether YAML might read `text` as a number (the full parser then decides).
fn looks_numeric(text: &str) -> bool {
    // Numbers start with a digit, a sign or a dot (Rust also reads `inf`, `nan`).
    if !text.starts_with(|c: char| {
        c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'i' | 'I' | 'n' | 'N')
    }) {
        return false;
    }
    let unsigned = text.trim_start_matches(['+', '-']);
    text.parse::<f64>().is_ok()
        || unsigned.starts_with("0x")
        || unsigned.starts_with("0o")
        || unsigned.starts_with("0b")
        || matches!(
            unsigned,
            ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN"
        )
        || (unsigned.bytes().any(|b| b.is_ascii_digit())
            && unsigned.bytes().all(|b| {
                b.is_ascii_digit() || matches!(b, b'_' | b'.' | b'e' | b'E' | b'+' | b'-')
            })
            && !unsigned.contains('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(text: &str, keys: Keys) -> FrontMatter {
        use serde::de::DeserializeSeed;
        super::super::FrontMatterSeed(keys, super::super::DuplicateKeys::Refuse)
            .deserialize(serde_yaml::Deserializer::from_str(text))
            .expect("valid YAML")
    }

    /// Where the fast reader answers, it must answer as the full parser does.
    fn agrees(text: &str) -> bool {
        for keys in [Keys::Metadata, Keys::Listing, Keys::All] {
            if let Some(fast) = read(text, keys) {
                assert_eq!(fast, full(text, keys), "for {text:?}");
            } else {
                return false;
            }
        }
        true
    }

    #[test]
    fn plain_text_excludes_what_yaml_reads_as_breaks_or_refuses() {
        for ok in ["a b\tc\r\n", "é € \u{2027} \u{FEFF} \u{FFFD} 🚀", ""] {
            assert!(is_plain_text(ok.as_bytes()), "{ok:?}");
        }
        for bad in [
            "a\rb", "a\r", "\u{7}", "\u{7f}", "\u{80}", "\u{85}", "\u{9f}", "\u{2028}", "\u{2029}",
            "\u{FFFE}", "\u{FFFF}",
        ] {
            assert!(!is_plain_text(bad.as_bytes()), "{bad:?}");
        }
    }

    #[test]
    fn printable_words_are_told_at_once() {
        assert!(is_printable_ascii(u64::from_le_bytes(*b" ~azAZ09")));
        for bad in [0x1F, 0x7F, 0x80, 0xFF, 0x00, b'\n', b'\t'] {
            for at in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[at] = bad;
                assert!(
                    !is_printable_ascii(u64::from_le_bytes(bytes)),
                    "{bad:#x} at {at}"
                );
            }
        }
        // The word test and the byte test agree on every position of a longer text.
        let text = "title: plain words, and more of them\n\u{85}";
        for end in 0..text.len() {
            if let Some(prefix) = text.get(..end) {
                assert_eq!(is_plain_text(prefix.as_bytes()), !prefix.contains('\u{85}'));
            }
        }
    }

    #[test]
    fn reads_the_seed() {
        assert!(agrees("title: \"Lean Management\"\ndate: 2025-01-15T21:44:45+06:00\ndescription : \nimage: \"/images/blog/post-1.jpg\"\ntype: post\n"));
    }

    #[test]
    fn reads_common_shapes() {
        for text in [
            "title: 'It''s here'\ndraft: true\n",
            "title: Plain: no\n",
            "tags: [a, \"b c\", 'd']\ncategories:\n  - x\n  - 'y'\n",
            "tags:\n- a\n- b\n",
            "title: A # comment\n# full line\n\nslug: s\n",
            "title: ~\ndraft: False\n",
            "title: \"C++ & <tags>\"\ndate: 2021-05-05 08:15:00\n",
            "author: [ \"Mark Dinn\", \"John Doe\" ]\n",
            "categories: []\n",
            "title: Über café — “quotes”\n",
            "title: \"Stop \\\"the Old Way\\\" \\\\ now\"\n",
        ] {
            agrees(text);
        }
        assert!(agrees(
            "title: x\ndate: 2025-01-15T21:44:45+06:00\ntags: [a, b]\n"
        ));
        assert!(agrees("tags:\n  - a\n  - b\ntitle: t\n"));
    }

    #[test]
    fn leaves_the_rest_to_the_full_parser() {
        for text in [
            "title: 1.10\n",
            "version: 3.0\n",
            "title: &a x\n",
            "title: !!str x\n",
            "title: |\n  x\n",
            "title: a\n  folded\n",
            "title: \"esc\\taped\"\n",
            "title: x\ntitle: y\n",
            "params:\n  a: 1\n",
            "\"title\": x\n",
            "tags: [a, [b]]\n",
            "tags: [a, ]\n",
            "title:\tx\n",
            "title: \"a # b\" # c\n",
            "tags:\n  - a\n   - b\n",
            "description: \"meta de\u{1}\u{0}scri\"\n",
            "title: a\u{7f}b\n",
            "title: a\rb: c\n",
            "title: a\u{2028}b: c\n",
            "tags: [agile,:x]\n",
            "tags: [a:b]\n",
            "title: -x\n",
            "title: a\u{85}\u{9f}b\n",
        ] {
            for keys in [Keys::Metadata, Keys::Listing, Keys::All] {
                assert!(read(text, keys).is_none(), "{text:?} should fall back");
            }
        }
    }
}
