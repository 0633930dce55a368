//! A fast reading of plain HTML: the tags and attributes of a fragment that
//! uses only ordinary markup, as html5ever's tokenizer reads them, at a
//! fraction of its cost. Anything out of the ordinary (comments, raw-text
//! elements, unusual characters, an `&` that is not a plain character
//! reference, a tag html5ever would call malformed) makes it give up, and
//! html5ever reads the fragment instead; a test holds the two to the same
//! events on everything the scanner accepts.

use std::borrow::Cow;

use html5ever::data::NAMED_ENTITIES;

use super::parse::Event;

/// Elements whose content html5ever reads in another state: left to it.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "textarea",
    "title",
    "plaintext",
];

/// `text` in lower case, borrowed when it already is.
fn lower(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

/// Whether a numeric character reference names a character html5ever takes
/// without a parse error.
fn plain_code_point(value: u32) -> bool {
    matches!(value,
        0x09 | 0x0A | 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFDCF | 0xFDF0..=0xFFFD | 0x10000..=0x10FFFF)
        && value & 0xFFFE != 0xFFFE
}

/// The length of the character reference at the start of `rest` (just after
/// its `&`), when it is one html5ever reads without a parse error.
fn reference(rest: &[u8]) -> Option<usize> {
    if let Some(number) = rest.strip_prefix(b"#") {
        let (digits, radix, skip) = match number.first() {
            Some(b'x' | b'X') => (&number[1..], 16, 2),
            _ => (number, 10, 1),
        };
        let len = digits
            .iter()
            .take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit()))
            .count();
        if len == 0 || len > 8 || digits.get(len) != Some(&b';') {
            return None;
        }
        let text = std::str::from_utf8(&digits[..len]).ok()?;
        let value = u32::from_str_radix(text, radix).ok()?;
        return plain_code_point(value).then_some(skip + len + 1);
    }
    let len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if len == 0 || rest.get(len) != Some(&b';') {
        return None;
    }
    let name = std::str::from_utf8(&rest[..=len]).ok()?;
    NAMED_ENTITIES
        .get(name)
        .filter(|v| v.0 != 0)
        .map(|_| len + 1)
}

/// `value` (an attribute's) with its character references replaced by the
/// characters they name, as html5ever reads it; `None` when one of them is
/// not plain (html5ever decides those). Serialisers write `&` in a URL's
/// query as `&amp;`, so most feeds' links hold one.
fn decode_references(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = String::with_capacity(value.len());
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'&', &bytes[i..]).map(|p| i + p) {
        out.push_str(&value[i..at]);
        let len = reference(&bytes[at + 1..])?;
        // Without the `&` and the `;`.
        let body = &value[at + 1..at + len];
        match body.strip_prefix('#') {
            Some(number) => {
                let value = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => number.parse(),
                }
                .ok()?;
                out.push(char::from_u32(value)?);
            }
            None => {
                let &(first, second) = NAMED_ENTITIES.get(&value[at + 1..=at + len])?;
                out.push(char::from_u32(first)?);
                if second != 0 {
                    out.push(char::from_u32(second)?);
                }
            }
        }
        i = at + 1 + len;
    }
    out.push_str(&value[i..]);
    Some(out)
}

/// The events of `html` (no text, only tags and errors), or `None` when the
/// fragment needs html5ever.
pub(super) fn events(html: &str) -> Option<Vec<Event<'_>>> {
    let bytes = html.as_bytes();
    let mut events = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                let (event, next) = tag(html, i)?;
                events.push(event);
                i = next;
            }
            b'&' => i += 1 + reference(&bytes[i + 1..])?,
            0 => return None,
            _ => {
                // Skip to the next byte that matters.
                i = memchr::memchr3(b'<', b'&', 0, &bytes[i..]).map_or(bytes.len(), |p| i + p);
            }
        }
    }
    Some(events)
}

/// The tag at `start` (a `<`) and where it ends; `None` for anything but a
/// plain start or end tag.
fn tag(html: &str, start: usize) -> Option<(Event<'_>, usize)> {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    let end_tag = bytes.get(i) == Some(&b'/');
    if end_tag {
        i += 1;
    }
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    let name_start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    let name = lower(&html[name_start..i]);
    let after_name = *bytes.get(i)?;
    if !(is_space(after_name) || after_name == b'>' || after_name == b'/') {
        return None;
    }
    if end_tag {
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        return (bytes.get(i) == Some(&b'>')).then(|| (Event::End(name), i + 1));
    }
    if RAW_TEXT.contains(&&*name) {
        return None;
    }
    let mut attrs: Vec<(Cow<str>, Cow<str>)> = Vec::new();
    loop {
        let before = i;
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        match *bytes.get(i)? {
            b'>' => {
                let event = Event::Start {
                    name,
                    attrs,
                    self_closing: false,
                };
                return Some((event, i + 1));
            }
            b'/' => {
                if bytes.get(i + 1) != Some(&b'>') {
                    return None;
                }
                let event = Event::Start {
                    name,
                    attrs,
                    self_closing: true,
                };
                return Some((event, i + 2));
            }
            _ if i == before => return None, // no space before an attribute
            _ => {}
        }
        let name_start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if i == name_start {
            return None;
        }
        let attr = lower(&html[name_start..i]);
        let mut j = i;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        let value = if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && is_space(bytes[j]) {
                j += 1;
            }
            match *bytes.get(j)? {
                quote @ (b'"' | b'\'') => {
                    let close = j + 1 + bytes[j + 1..].iter().position(|&b| b == quote)?;
                    let value = &html[j + 1..close];
                    if value.bytes().any(|b| matches!(b, b'\r' | 0)) {
                        return None;
                    }
                    i = close + 1;
                    if value.contains('&') {
                        Cow::Owned(decode_references(value)?)
                    } else {
                        Cow::Borrowed(value)
                    }
                }
                _ => {
                    let value_start = j;
                    while j < bytes.len() && !is_space(bytes[j]) && bytes[j] != b'>' {
                        if matches!(bytes[j], b'"' | b'\'' | b'<' | b'=' | b'`' | b'&' | 0) {
                            return None;
                        }
                        j += 1;
                    }
                    if j == value_start {
                        return None;
                    }
                    i = j;
                    Cow::Borrowed(&html[value_start..j])
                }
            }
        } else {
            // No value; what follows must be space, `/` or `>`.
            Cow::Borrowed("")
        };
        if attrs.iter().any(|(a, _)| *a == attr) {
            return None;
        }
        attrs.push((attr, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_markup() {
        let events = events("<p class=\"x\" id=y>a &amp; b<br/><A HREF='/q'>c</a></p>").unwrap();
        assert_eq!(events.len(), 5);
        match &events[0] {
            Event::Start {
                name,
                attrs,
                self_closing,
            } => {
                assert_eq!(name, "p");
                assert_eq!(
                    attrs,
                    &[("class".into(), "x".into()), ("id".into(), "y".into())]
                );
                assert!(!self_closing);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn decodes_plain_references_in_quoted_attribute_values() {
        let events =
            events("<a href=\"/q?a=1&amp;b=2&#x26;c&#38;d\" title='&lt;&fjlig;&eacute;'>x</a>")
                .unwrap();
        let Event::Start { attrs, .. } = &events[0] else {
            panic!("{events:?}")
        };
        assert_eq!(
            attrs,
            &[
                ("href".into(), "/q?a=1&b=2&c&d".into()),
                ("title".into(), "<fjé".into())
            ]
        );
    }

    #[test]
    fn leaves_the_unusual_to_html5ever() {
        for unusual in [
            "<!-- c -->",
            "a < b",
            "AT&T",
            "&copy 2020",
            "<script>x</script>",
            "<p a=1 a=2>",
            "<a href=\"x\"title=\"y\">",
            "<a href=x&y>",
            "<a href=\"?a=1&b=2\">",
            "<a href=\"?a=1&ampx;b\">",
            "&#0;",
            "<p",
            "</p x>",
        ] {
            assert!(events(unusual).is_none(), "{unusual}");
        }
    }
}
