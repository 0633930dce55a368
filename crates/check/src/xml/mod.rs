//! XML below every format: decoding, well-formedness, characters and
//! namespace declarations, and the node helpers the format checkers share.
//! Nothing here knows a feed format; the formats import this, never the reverse.

mod decode;
pub(crate) mod namespaces;
pub(crate) mod node;

use std::borrow::Cow;

use roxmltree::{Document, ParsingOptions};

#[cfg(feature = "http")]
pub(crate) use decode::own_encoding;
pub(crate) use decode::sniff_text;
use decode::{decode, pseudo_attribute};

use crate::{Code, Finding, Sink};

/// The root element's qualified name and the raw text of its attributes,
/// skipping the declaration, comments, processing instructions and a DOCTYPE.
pub(crate) fn sniff_root(text: &str) -> Option<(String, String)> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = &after[after.find("?>")? + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if let Some(after) = rest.strip_prefix("<!") {
            // A DOCTYPE, possibly with an internal subset in brackets.
            let end = match (after.find('['), after.find('>')) {
                (Some(open), Some(close)) if open < close => {
                    let close_subset = after[open..].find("]")? + open;
                    after[close_subset..].find('>')? + close_subset
                }
                (_, Some(close)) => close,
                _ => return None,
            };
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix('<') {
            let name_end = after
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(after.len());
            let name = after[..name_end].to_string();
            let attrs_end = after.find('>').unwrap_or(after.len());
            let attrs = after[name_end..attrs_end.max(name_end)].to_string();
            return (!name.is_empty()).then_some((name, attrs));
        } else {
            return None;
        }
    }
}

/// The DTDs of RSS 0.91, Netscape's (gone) and the RSS Advisory Board's:
/// with one of them, HTML's named entities are part of the document.
pub(crate) const RSS_091_DTDS: [(&str, &str); 2] = [
    (
        "-//Netscape Communications//DTD RSS 0.91//EN",
        "http://my.netscape.com/publish/formats/rss-0.91.dtd",
    ),
    (
        "-//Netscape Communications//DTD RSS 0.91//EN",
        "http://www.rssboard.org/rss-0.91.dtd",
    ),
];

/// The public and system identifiers of the document's DOCTYPE, if it names them.
pub(crate) fn doctype_ids(text: &str) -> Option<(String, String)> {
    // A DOCTYPE comes before the root element: look no further.
    let bytes = text.as_bytes();
    let root = memchr::memchr_iter(b'<', bytes)
        .find(|&i| bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic))
        .unwrap_or(bytes.len());
    let start = text[..root].find("<!DOCTYPE")?;
    let decl = &text[start..];
    let decl = &decl[..decl.find(['>', '['])?];
    let public = decl.find("PUBLIC")?;
    let quoted: Vec<&str> = decl[public..].split(['"', '\'']).collect();
    Some((
        quoted.get(1)?.trim().to_string(),
        quoted.get(3)?.trim().to_string(),
    ))
}

/// `text` with HTML's named entities written as character references, for
/// documents whose DTD declares them. A reference keeps its length where it
/// can (`&uuml;` becomes `&#xFC;`), so that findings keep their columns.
fn resolve_html_entities(text: &str) -> Option<String> {
    if !text.contains('&') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_end = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        let name = &after[..name_end];
        let xml = ["amp", "lt", "gt", "quot", "apos"].contains(&name);
        match crate::html::html4_entity(name).filter(|_| !xml && after[name_end..].starts_with(';'))
        {
            Some(c) => {
                let width = name.len() + 2;
                let digits = format!("{:X}", c as u32);
                let pad = width.saturating_sub(digits.len() + 4);
                out.push_str(&format!("&#x{}{digits};", "0".repeat(pad)));
                rest = &after[name_end + 1..];
                changed = true;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// Whether the file starts like XML at all (after a byte-order mark and whitespace).
pub(crate) fn looks_like_xml(bytes: &[u8]) -> bool {
    sniff_text(bytes)
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with('<')
}

/// A decoded XML document, ready to parse.
pub(crate) struct Source<'b> {
    /// The text as decoded: what findings point into.
    text: Cow<'b, str>,
    /// The text the parser reads: the same, unless the declaration named
    /// another XML version, which reads as 1.0 (at the same offsets).
    parsed: Option<String>,
    /// What was found before parsing (the XML version).
    findings: Vec<Finding>,
    /// Whether the encoding is UTF-8.
    utf8: bool,
}

impl<'b> Source<'b> {
    /// Decodes `bytes`; the error is what to report when they do not decode.
    /// `feed` adds the W3C service's `BadCharacters` to a decoding error, as
    /// the service reads on with U+FFFD for the broken bytes.
    pub(crate) fn decode(name: &str, bytes: &'b [u8], feed: bool) -> Result<Self, Vec<Finding>> {
        let text = match decode(name, bytes) {
            Ok(text) => text,
            Err(finding) => {
                let bad = Finding {
                    line: finding.line,
                    column: finding.column,
                    ..Finding::new(
                        name,
                        Code::BadCharacters,
                        "the text holds U+FFFD where bytes could not be decoded",
                    )
                };
                return Err(if feed {
                    vec![finding, bad]
                } else {
                    vec![finding]
                });
            }
        };
        let mut source = Source {
            text,
            parsed: None,
            findings: Vec::new(),
            utf8: decode::is_utf8(bytes),
        };
        source.read_version(name);
        let html_dtd = doctype_ids(&source.text)
            .is_some_and(|(p, s)| RSS_091_DTDS.contains(&(p.as_str(), s.as_str())));
        if html_dtd && source.parsed.is_none() {
            source.parsed = resolve_html_entities(&source.text);
        }
        Ok(source)
    }

    /// With another XML version than 1.0, the service reports it and reads on
    /// as XML 1.0, and so does this (when the offsets stay put).
    fn read_version(&mut self, name: &str) {
        let Some(rest) = self.text.strip_prefix("<?xml") else {
            return;
        };
        let decl = rest.find("?>").map_or(rest, |end| &rest[..end]);
        match pseudo_attribute(decl, "version") {
            Some("1.0") | None => {}
            Some(other) => {
                self.findings.push(
                    Finding::new(
                        name,
                        Code::BadXmlVersion,
                        format!("XML version {other:?}: only 1.0 is allowed"),
                    )
                    .at(1, 1),
                );
                if other.len() == 3 {
                    let at = 5 + decl.find(other).unwrap_or(0);
                    let mut owned = self.text.to_string();
                    owned.replace_range(at..at + 3, "1.0");
                    self.parsed = Some(owned);
                } else {
                    // Offsets would move: nothing more can be read reliably.
                    self.parsed = Some(String::new());
                }
            }
        }
    }

    /// Whether the document is encoded in UTF-8 (by declaration or by default).
    pub(crate) fn is_utf8(&self) -> bool {
        self.utf8
    }

    /// The decoded text.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Parses the document, with what decoding found first in `sink`;
    /// `None` (with the error in `sink`) when it is not well-formed.
    pub(crate) fn parse<'s>(&'s self, sink: &mut Sink) -> Option<Document<'s>> {
        sink.findings.extend(self.findings.iter().cloned());
        let parsed = self.parsed.as_deref().unwrap_or(&self.text);
        if parsed.is_empty() && self.parsed.is_some() {
            return None;
        }
        let options = ParsingOptions {
            allow_dtd: true,
            ..ParsingOptions::default()
        };
        match Document::parse_with_options(parsed, options) {
            Ok(doc) => Some(doc),
            Err(e) => {
                report_parse_error(sink, &e);
                None
            }
        }
    }
}

fn report_parse_error(sink: &mut Sink, e: &roxmltree::Error) {
    let pos = e.pos();
    let message = match e {
        // The service's parser (expat) stops here with a plain SAXError.
        roxmltree::Error::UnknownEntityReference(entity, _) => format!(
            "undefined entity &{entity};: XML knows only amp, lt, gt, quot and apos; use the character or a numeric reference"
        ),
        other => format!("not well-formed XML: {other}"),
    };
    sink.findings.push(
        Finding::new(sink.file(), Code::SAXError, message).at(pos.row as usize, pos.col as usize),
    );
}

/// C1 controls, U+FFFD and UTF-8 read as Latin-1: once, at the first one.
pub(crate) fn check_characters(sink: &mut Sink) {
    let text = sink.text();
    // Every such character is written with a lead byte of 0xC2 (C1
    // controls, and the second half of UTF-8 read as Latin-1), 0xC3 (`Â`,
    // `Ã`) or 0xEF (U+FFFD): look only from the first of those.
    let Some(first) = memchr::memchr3(0xC2, 0xC3, 0xEF, text.as_bytes()) else {
        return;
    };
    let mut previous = '\0';
    for (pos, c) in text[first..].char_indices().map(|(i, c)| (i + first, c)) {
        let bad = matches!(c, '\u{80}'..='\u{9F}' | '\u{FFFD}')
            || (matches!(previous, 'Â' | 'Ã') && matches!(c, '\u{80}'..='\u{BF}'));
        if bad {
            sink.report(
                pos,
                Code::BadCharacters,
                format!(
                    "U+{:04X} is a control or replacement character, or the text was decoded in the wrong encoding",
                    c as u32
                ),
            );
            return;
        }
        previous = c;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_entities_keep_their_length() {
        assert_eq!(
            resolve_html_entities("tsch&uuml;ss &amp; &nbsp;").as_deref(),
            Some("tsch&#xFC;ss &amp; &#xA0;")
        );
        assert_eq!(resolve_html_entities("a &amp; b"), None);
        assert_eq!(
            resolve_html_entities("&hellip;").as_deref(),
            Some("&#x2026;")
        );
    }

    #[test]
    fn reads_doctype_identifiers() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss/>";
        let (public, system) = doctype_ids(text).unwrap();
        assert_eq!((public.as_str(), system.as_str()), RSS_091_DTDS[0]);
        assert_eq!(doctype_ids("<rss/>"), None);
    }

    #[test]
    fn sniffs_the_root_past_comments_and_doctype() {
        let text = "<?xml version=\"1.0\"?><!-- c --><!DOCTYPE rss [ <!ENTITY a \"b\"> ]>\n<rss version=\"2.0\">";
        let (name, attrs) = sniff_root(text).unwrap();
        assert_eq!(name, "rss");
        assert!(attrs.contains("2.0"));
    }
}
