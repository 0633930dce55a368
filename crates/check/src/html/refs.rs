//! The references the W3C validator scans HTML for (`absUrlMixin`): the
//! `src` of images and the `href` of links whose first attribute it is,
//! found as its patterns find them, by hand, at a fraction of a regular
//! expression's cost. The patterns, for the record (Python, case-insensitive):
//!
//! ```text
//! <img\s+[^>]*src=(?:"(.*?)"|'(.*?)'|([\w-]+))[\s>]
//! <a\s+href=(?:"(.*?)"|'(.*?)'|([\w-]+))[\s>]
//! ```
//!
//! A test holds this scan to those patterns.

/// Python's `\s` in ASCII.
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// What may follow a value: `[\s>]`.
fn is_delimiter(b: u8) -> bool {
    is_space(b) || b == b'>'
}

/// Whether `bytes` at `at` hold `word`, in any case.
fn word_at(bytes: &[u8], at: usize, word: &[u8]) -> bool {
    bytes
        .get(at..at + word.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(word))
}

/// The value starting at `at` (just after `=`) and where the match ends, if
/// one of the three alternatives matches there.
fn value_at(html: &str, at: usize) -> Option<(&str, usize)> {
    let bytes = html.as_bytes();
    match *bytes.get(at)? {
        quote @ (b'"' | b'\'') => {
            // `"(.*?)"[\s>]`: the shortest run, on one line, to a quote
            // followed by a delimiter.
            let mut i = at + 1;
            loop {
                match *bytes.get(i)? {
                    b'\n' => return None,
                    b if b == quote && bytes.get(i + 1).copied().is_some_and(is_delimiter) => {
                        return Some((&html[at + 1..i], i + 2));
                    }
                    _ => i += 1,
                }
            }
        }
        _ => {
            let len = bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
                .count();
            let after = at + len;
            (len > 0 && bytes.get(after).copied().is_some_and(is_delimiter))
                .then(|| (&html[at..after], after + 1))
        }
    }
}

/// A match of the image pattern at `start` (a `<`): the value and the end.
fn image_at(html: &str, start: usize) -> Option<(&str, usize)> {
    let bytes = html.as_bytes();
    if !word_at(bytes, start + 1, b"img") || !bytes.get(start + 4).copied().is_some_and(is_space) {
        return None;
    }
    // `\s+[^>]*` takes everything up to the first `>`; `src=` is then
    // looked for from the right, as the greedy pattern backs off.
    let from = start + 5;
    let gt = bytes[from..]
        .iter()
        .position(|&b| b == b'>')
        .map_or(bytes.len(), |p| from + p);
    (from..gt.saturating_sub(3))
        .rev()
        .filter(|&p| word_at(bytes, p, b"src="))
        .find_map(|p| value_at(html, p + 4))
}

/// A match of the link pattern at `start` (a `<`): the value and the end.
fn anchor_at(html: &str, start: usize) -> Option<(&str, usize)> {
    let bytes = html.as_bytes();
    if !word_at(bytes, start + 1, b"a") || !bytes.get(start + 2).copied().is_some_and(is_space) {
        return None;
    }
    let spaces = bytes[start + 2..]
        .iter()
        .take_while(|&&b| is_space(b))
        .count();
    let at = start + 2 + spaces;
    word_at(bytes, at, b"href=")
        .then(|| value_at(html, at + 5))
        .flatten()
}

/// The values of every match of `pattern` in `html`, left to right,
/// without overlaps (as Python's `findall`).
fn find_all<'h>(
    html: &'h str,
    pattern: fn(&'h str, usize) -> Option<(&'h str, usize)>,
) -> Vec<&'h str> {
    let mut values = Vec::new();
    let mut from = 0;
    while let Some(lt) = memchr::memchr(b'<', &html.as_bytes()[from..]) {
        let start = from + lt;
        match pattern(html, start) {
            Some((value, end)) => {
                values.push(value);
                from = end;
            }
            None => from = start + 1,
        }
    }
    values
}

/// The references the validator checks: image sources first, then links.
pub(super) fn references(html: &str) -> impl Iterator<Item = &str> {
    find_all(html, image_at)
        .into_iter()
        .chain(find_all(html, anchor_at))
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::sync::LazyLock;

    use regex::Regex;

    // The validator's patterns (in ASCII), as the reference this scan is held to.
    static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"<[Aa][\t\n\x0B\x0C\r ]+[Hh][Rr][Ee][Ff]=(?:"(.*?)"|'(.*?)'|([A-Za-z0-9_-]+))[\t\n\x0B\x0C\r >]"#,
        )
        .unwrap()
    });
    static IMAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"<[Ii][Mm][Gg][\t\n\x0B\x0C\r ]+[^>]*[Ss][Rr][Cc]=(?:"(.*?)"|'(.*?)'|([A-Za-z0-9_-]+))[\t\n\x0B\x0C\r >]"#,
        )
        .unwrap()
    });

    fn by_pattern(html: &str) -> Vec<String> {
        let (image, anchor) = (&*IMAGE, &*ANCHOR);
        image
            .captures_iter(html)
            .chain(anchor.captures_iter(html))
            .map(|caps| {
                (1..=3)
                    .find_map(|i| caps.get(i))
                    .map_or("", |m| m.as_str())
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn the_scan_finds_what_the_patterns_find() {
        let samples = [
            "<p><a href=\"/x\">x</a> <IMG alt=\"\" SRC='a.png'> <a class=c href=/y>y</a></p>",
            "<img data-src=\"a.png\" src=\"b.png\"><img src=x>",
            "<a href=\"x\"y\" >z</a><a  href=foo-bar_1>q</a><a\nhref=\"a\nb\">",
            "<img src=\"a>b\" alt=x><img src=\"\"><a href=''>",
            "<img\tsrc=a.png/><a href=\"#f\"/><imgsrc=\"x\"><a href=x>",
            "text < a href=\"x\"> <img src=\"x\"",
        ];
        let mut checked = 0;
        for sample in samples {
            let bytes = sample.as_bytes();
            let mut variants = vec![sample.to_string()];
            for i in 0..bytes.len() {
                for b in [b'<', b'>', b'"', b'\'', b' ', b'\n', b'=', b'a', b's', b'x'] {
                    let mut changed = bytes.to_vec();
                    changed[i] = b;
                    variants.push(String::from_utf8_lossy(&changed).into_owned());
                    changed.remove(i);
                    variants.push(String::from_utf8_lossy(&changed).into_owned());
                }
            }
            for html in variants {
                let scanned: Vec<String> = references(&html).map(str::to_string).collect();
                assert_eq!(scanned, by_pattern(&html), "{html:?}");
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked}");
    }
}
