//! Bytes to text: UTF-8, UTF-16 by its byte-order mark, or the single-byte
//! encodings feeds declare (ISO-8859-1, US-ASCII, windows-1252).

use std::borrow::Cow;

use crate::{Code, Finding};

/// Windows-1252's characters for bytes 0x80 to 0x9F (undefined ones stay C1 controls).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Whether `bytes` start with a UTF-16 byte-order mark, and which one.
fn utf16_order(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(true),
        [0xFE, 0xFF, ..] => Some(false),
        _ => None,
    }
}

/// The characters of UTF-16 text after its byte-order mark (`little`-endian
/// or not); an odd trailing byte reads as a lone surrogate, an error.
fn utf16_chars(
    bytes: &[u8],
    little: bool,
) -> impl Iterator<Item = Result<char, std::char::DecodeUtf16Error>> + '_ {
    let units = bytes[2..].chunks(2).map(move |pair| match pair {
        [a, b] if little => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        _ => 0xDC00,
    });
    char::decode_utf16(units)
}

/// The start of the file as text, good enough to find the root element.
pub(crate) fn sniff_text(bytes: &[u8]) -> Cow<'_, str> {
    let head = &bytes[..bytes.len().min(4096)];
    match utf16_order(head) {
        Some(little) => Cow::Owned(
            utf16_chars(head, little)
                .map(|c| c.unwrap_or('\u{FFFD}'))
                .collect(),
        ),
        None => String::from_utf8_lossy(head),
    }
}

/// The value of pseudo-attribute `name` (`version`, `encoding`) in the text of an XML declaration.
pub(crate) fn pseudo_attribute<'t>(decl: &'t str, name: &str) -> Option<&'t str> {
    let at = decl.find(name)?;
    let rest = decl[at + name.len()..].trim_start().strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|&q| q == '"' || q == '\'')?;
    let value = &rest[1..];
    Some(&value[..value.find(quote)?])
}

/// The encoding named in the XML declaration, lower-cased.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
    let head = head.trim_start_matches('\u{feff}');
    let decl = head.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    pseudo_attribute(decl, "encoding").map(|e| e.to_ascii_lowercase())
}

/// The document's own encoding, lower-cased: its UTF-16 byte-order mark,
/// the XML declaration's, or UTF-8 (with a UTF-8 mark or none); and
/// whether the document says so (a byte-order mark or a declaration).
#[cfg(feature = "http")]
pub(crate) fn own_encoding(bytes: &[u8]) -> (String, bool) {
    match utf16_order(bytes) {
        Some(_) => ("utf-16".into(), true),
        None => {
            let marked = bytes.starts_with(b"\xEF\xBB\xBF");
            let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            match declared_encoding(rest) {
                Some(declared) => (declared, true),
                None => ("utf-8".into(), marked),
            }
        }
    }
}

/// Whether the document is UTF-8: no UTF-16 byte-order mark, and no other
/// encoding declared.
pub(crate) fn is_utf8(bytes: &[u8]) -> bool {
    utf16_order(bytes).is_none()
        && declared_encoding(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
            .is_none_or(|e| e == "utf-8" || e == "utf8")
}

/// The document as text: UTF-8 or UTF-16 by byte-order mark, or a declared
/// single-byte encoding; bytes that do not decode are a `UnicodeError`.
pub(crate) fn decode<'b>(name: &str, bytes: &'b [u8]) -> Result<Cow<'b, str>, Finding> {
    let unicode_error = |line: usize, column: usize, message: String| {
        Finding::new(name, Code::UnicodeError, message).at(line, column)
    };
    if let Some(little) = utf16_order(bytes) {
        let mut text = String::with_capacity(bytes.len() / 2);
        for c in utf16_chars(bytes, little) {
            match c {
                Ok(c) => text.push(c),
                Err(_) => {
                    let line = text.matches('\n').count() + 1;
                    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    return Err(unicode_error(
                        line,
                        column,
                        "the UTF-16 text is broken".into(),
                    ));
                }
            }
        }
        return Ok(Cow::Owned(text));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match declared_encoding(bytes).as_deref() {
        Some("iso-8859-1" | "latin1" | "latin-1" | "iso8859-1" | "us-ascii" | "ascii") => {
            return Ok(Cow::Owned(bytes.iter().map(|&b| b as char).collect()));
        }
        Some("windows-1252" | "cp1252") => {
            return Ok(Cow::Owned(
                bytes
                    .iter()
                    .map(|&b| match b {
                        0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
                        _ => b as char,
                    })
                    .collect(),
            ));
        }
        _ => {}
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(unicode_error(
                line,
                column,
                format!(
                    "byte 0x{:02X} is not valid UTF-8 (declare the real encoding, or convert the file)",
                    bytes.get(e.valid_up_to()).copied().unwrap_or(0)
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_latin1_and_reports_bad_utf8() {
        let latin = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xe9</a>";
        assert_eq!(decode("f", latin).unwrap().chars().last(), Some('>'));
        let err = decode("f", b"<a>\n  \xff</a>").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)));
    }

    #[test]
    fn decodes_utf16_both_ways() {
        let text = "<a>é</a>";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode("f", &le).unwrap(), text);
        assert_eq!(decode("f", &be).unwrap(), text);
        assert_eq!(sniff_text(&le), text);
        le.push(0x41);
        assert_eq!(decode("f", &le).unwrap_err().code, Code::UnicodeError);
    }
}
