//! XML-level checks: decoding, well-formedness, characters, namespace
//! declarations; then the document goes to the checker of its format.

use std::borrow::Cow;
use std::collections::HashSet;

use roxmltree::{Document, Node, ParsingOptions};

use super::{atom, rss, sitemap, Context, Finding, Format, Level, Sink};
use crate::spec::MAX_FEED_BYTES;
pub(crate) use crate::spec::{ATOM_NS, CONTENT_NS, DC_NS, MEDIA_NS, RDF_NS, XHTML_NS};

/// Namespaces the W3C validator knows, with the prefix it expects for each.
const KNOWN_NAMESPACES: &[(&str, &str)] = &[
    ("http://www.bloglines.com/about/specs/fac-1.0", "access"),
    ("http://webns.net/mvcb/", "admin"),
    ("http://purl.org/rss/1.0/modules/aggregation/", "ag"),
    ("http://purl.org/rss/1.0/modules/annotate/", "annotate"),
    ("http://www.w3.org/2007/app", "app"),
    ("http://media.tangent.org/rss/1.0/", "audio"),
    (
        "http://backend.userland.com/blogChannelModule",
        "blogChannel",
    ),
    ("http://web.resource.org/cc/", "cc"),
    ("http://www.microsoft.com/schemas/rss/core/2005", "cf"),
    (
        "http://backend.userland.com/creativeCommonsRssModule",
        "creativeCommons",
    ),
    ("http://purl.org/rss/1.0/modules/company", "company"),
    (CONTENT_NS, "content"),
    (
        "http://conversationsnetwork.org/rssNamespace-1.0/",
        "conversationsNetwork",
    ),
    ("http://my.theinfo.org/changed/1.0/rss/", "cp"),
    (DC_NS, "dc"),
    ("http://purl.org/dc/terms/", "dcterms"),
    ("http://purl.org/rss/1.0/modules/email/", "email"),
    ("http://purl.org/rss/1.0/modules/event/", "ev"),
    ("http://purl.org/syndication/history/1.0", "fh"),
    ("http://www.w3.org/2003/01/geo/wgs84_pos#", "geo"),
    ("http://geourl.org/rss/module/", "geourl"),
    ("http://www.georss.org/georss", "georss"),
    ("http://www.opengis.net/gml", "gml"),
    ("http://postneo.com/icbm", "icbm"),
    ("http://purl.org/rss/1.0/modules/image/", "image"),
    ("urn:atom-extension:indexing", "indexing"),
    ("http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"),
    ("http://rssnamespace.org/feedburner/ext/1.0", "feedburner"),
    ("http://xmlns.com/foaf/0.1/", "foaf"),
    ("http://purl.org/rss/1.0/modules/link/", "l"),
    (MEDIA_NS, "media"),
    ("http://www.w3.org/1998/Math/MathML", "mathml"),
    ("http://a9.com/-/spec/opensearchrss/1.0/", "opensearch10"),
    ("http://a9.com/-/spec/opensearch/1.1/", "opensearch"),
    ("http://www.opml.org/spec2", "opml"),
    (RDF_NS, "rdf"),
    ("http://www.w3.org/2000/01/rdf-schema#", "rdfs"),
    ("http://purl.org/rss/1.0/modules/reference/", "ref"),
    ("http://purl.org/rss/1.0/modules/richequiv/", "reqv"),
    ("http://purl.org/rss/1.0/modules/rss091#", "rss091"),
    ("http://purl.org/rss/1.0/modules/search/", "search"),
    ("http://purl.org/rss/1.0/modules/slash/", "slash"),
    ("http://purl.org/rss/1.0/modules/servicestatus/", "ss"),
    ("http://hacks.benhammersley.com/rss/streaming/", "str"),
    ("http://purl.org/rss/1.0/modules/subscription/", "sub"),
    ("http://feedsync.org/2007/feedsync", "sx"),
    ("http://www.w3.org/2000/svg", "svg"),
    ("http://purl.org/rss/1.0/modules/syndication/", "sy"),
    ("http://purl.org/rss/1.0/modules/taxonomy/", "taxo"),
    ("http://purl.org/rss/1.0/modules/threading/", "thr"),
    ("http://purl.org/syndication/thread/1.0", "thr"),
    (
        "http://madskills.com/public/xml/rss/module/trackback/",
        "trackback",
    ),
    ("http://wellformedweb.org/CommentAPI/", "wfw"),
    ("http://purl.org/rss/1.0/modules/wiki/", "wiki"),
    ("http://www.usemod.com/cgi-bin/mb.pl?ModWiki", "wiki"),
    ("http://schemas.xmlsoap.org/soap/envelope/", "soap"),
    (ATOM_NS, "atom"),
    (XHTML_NS, "xhtml"),
    ("http://my.netscape.com/rdf/simple/0.9/", "rss090"),
    ("http://purl.org/rss/1.0/", "rss1"),
    ("http://purl.org/net/rss1.1#", "rss11"),
    ("http://base.google.com/ns/1.0", "g"),
    ("http://www.w3.org/XML/1998/namespace", "xml"),
    ("http://openid.net/xmlns/1.0", "openid"),
    ("http://earth.google.com/kml/2.0", "kml20"),
    ("http://earth.google.com/kml/2.1", "kml21"),
    ("http://www.opengis.net/kml/2.2", "kml22"),
    ("http://www.w3.org/1999/xlink", "xlink"),
    ("xri://$xrd*($v*2.0)", "xrd"),
    ("xri://$xrds", "xrds"),
];

/// Namespaces the W3C validator recognizes but does not check.
const UNSUPPORTED_NAMESPACES: &[&str] = &[
    "http://schemas.google.com/g/2005",
    "http://www.rawvoice.com/rawvoiceRssModule/",
    "https://schema.org/",
    "http://schema.org/",
    "https://podcastindex.org/namespace/1.0",
    "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
];

/// The start of the file as text, good enough to find the root element.
pub(crate) fn sniff_text(bytes: &[u8]) -> Cow<'_, str> {
    let head = &bytes[..bytes.len().min(4096)];
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        let little = head[0] == 0xFF;
        let units = head[2..].chunks_exact(2).map(|pair| {
            if little {
                u16::from_le_bytes([pair[0], pair[1]])
            } else {
                u16::from_be_bytes([pair[0], pair[1]])
            }
        });
        return Cow::Owned(
            char::decode_utf16(units)
                .map(|c| c.unwrap_or('\u{FFFD}'))
                .collect(),
        );
    }
    String::from_utf8_lossy(head)
}

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

/// The encoding named in the XML declaration, lower-cased.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
    let head = head.trim_start_matches('\u{feff}');
    let decl = head.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    pseudo_attribute(decl, "encoding").map(|e| e.to_ascii_lowercase())
}

fn pseudo_attribute<'t>(decl: &'t str, name: &str) -> Option<&'t str> {
    let at = decl.find(name)?;
    let rest = decl[at + name.len()..].trim_start().strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|&q| q == '"' || q == '\'')?;
    let value = &rest[1..];
    Some(&value[..value.find(quote)?])
}

/// Windows-1252's characters for bytes 0x80 to 0x9F (undefined ones stay C1 controls).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The document as text: UTF-8 or UTF-16 by BOM, or a declared single-byte encoding.
fn decode<'b>(name: &str, bytes: &'b [u8]) -> Result<Cow<'b, str>, Finding> {
    let unicode_error = |line: usize, column: usize, message: String| Finding {
        file: name.to_string(),
        line: Some(line),
        column: Some(column),
        level: Level::Error,
        code: "UnicodeError",
        message,
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let little = bytes[0] == 0xFF;
        let units = bytes[2..].chunks(2).map(|pair| match pair {
            [a, b] if little => u16::from_le_bytes([*a, *b]),
            [a, b] => u16::from_be_bytes([*a, *b]),
            _ => 0xDC00, // an odd trailing byte: a lone surrogate, reported below
        });
        let mut text = String::with_capacity(bytes.len() / 2);
        for c in char::decode_utf16(units) {
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

/// Decodes, parses and checks an XML file of any recognized format.
pub(crate) fn check(name: &str, bytes: &[u8], ctx: &Context) -> Vec<Finding> {
    let is_feed = !matches!(ctx.format, Format::Sitemap | Format::SitemapIndex);
    if is_feed && bytes.len() > MAX_FEED_BYTES {
        return vec![Finding {
            file: name.to_string(),
            line: None,
            column: None,
            level: Level::Error,
            code: "ValidatorLimit",
            message: format!(
                "the feed is {} bytes; validators stop at {MAX_FEED_BYTES}: publish fewer or shorter entries",
                bytes.len()
            ),
        }];
    }
    let text = match decode(name, bytes) {
        Ok(text) => text,
        Err(finding) => {
            // The service reads on with U+FFFD for the broken bytes, which it
            // then reports as bad characters.
            let bad = Finding {
                level: Level::Warning,
                code: "BadCharacters",
                message: "the text holds U+FFFD where bytes could not be decoded".into(),
                ..finding.clone()
            };
            return if is_feed {
                vec![finding, bad]
            } else {
                vec![finding]
            };
        }
    };
    let mut sink = Sink::new(name, &text);
    // The text the parser reads: with another XML version, the service reports
    // it and reads on as XML 1.0, and so does this (when the offsets stay put).
    let mut parsed: Cow<str> = Cow::Borrowed(&text);
    if let Some(rest) = text.strip_prefix("<?xml") {
        let decl = rest.find("?>").map_or(rest, |end| &rest[..end]);
        match pseudo_attribute(decl, "version") {
            Some("1.0") => {}
            Some(other) => {
                sink.error(
                    0,
                    "BadXmlVersion",
                    format!("XML version {other:?}: only 1.0 is allowed"),
                );
                if other.len() != 3 {
                    return sink.findings;
                }
                let at = 5 + decl.find(other).unwrap_or(0);
                let mut owned = text.to_string();
                owned.replace_range(at..at + 3, "1.0");
                parsed = Cow::Owned(owned);
            }
            None => {}
        }
    }
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = match Document::parse_with_options(&parsed, options) {
        Ok(doc) => doc,
        Err(e) => {
            report_parse_error(&mut sink, &e);
            return sink.findings;
        }
    };
    if is_feed {
        bad_characters(&mut sink, &text);
        namespaces(&mut sink, &doc, ctx);
    }
    let root = doc.root_element();
    let ns = root.tag_name().namespace().unwrap_or("");
    match root.tag_name().name() {
        "rss" => rss::check_rss(&mut sink, root, ctx),
        "RDF" if ns == RDF_NS => rss::check_rdf(&mut sink, root, ctx),
        "feed" if ns == ATOM_NS => atom::check(&mut sink, root, ctx),
        "feed" if ns == "http://purl.org/atom/ns#" => sink.error(
            root.range().start,
            "ObsoleteNamespace",
            "this is an Atom 0.3 feed, an obsolete draft: publish Atom 1.0 (RFC 4287)",
        ),
        "feed" if ns.is_empty() => sink.error(
            root.range().start,
            "MissingNamespace",
            "<feed> is in no namespace: an Atom feed declares xmlns=\"http://www.w3.org/2005/Atom\"",
        ),
        "urlset" | "sitemapindex" => sitemap::check(&mut sink, root),
        // The service's message for a root element it does not know.
        other => sink.error(
            root.range().start,
            "UndefinedElement",
            format!("the root element <{other}> is not that of a feed or sitemap"),
        ),
    }
    sink.findings
}

fn report_parse_error(sink: &mut Sink, e: &roxmltree::Error) {
    let pos = e.pos();
    let (code, message) = match e {
        // The service's parser (expat) stops here with a plain SAXError.
        roxmltree::Error::UnknownEntityReference(entity, _) => (
            "SAXError",
            format!("undefined entity &{entity};: XML knows only amp, lt, gt, quot and apos; use the character or a numeric reference"),
        ),
        other => ("SAXError", format!("not well-formed XML: {other}")),
    };
    sink.findings.push(Finding {
        file: sink.file.to_string(),
        line: Some(pos.row as usize),
        column: Some(pos.col as usize),
        level: Level::Error,
        code,
        message,
    });
}

/// C1 controls, U+FFFD and UTF-8 read as Latin-1: once, at the first one.
fn bad_characters(sink: &mut Sink, text: &str) {
    let mut previous = '\0';
    for (pos, c) in text.char_indices() {
        let bad = matches!(c, '\u{80}'..='\u{9F}' | '\u{FFFD}')
            || (matches!(previous, 'Â' | 'Ã') && matches!(c, '\u{80}'..='\u{BF}'));
        if bad {
            sink.warn(
                pos,
                "BadCharacters",
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

fn known_prefix(uri: &str) -> Option<&'static str> {
    KNOWN_NAMESPACES
        .iter()
        .find(|(known, _)| *known == uri)
        .map(|(_, prefix)| *prefix)
}

/// The W3C validator's namespace-declaration messages, each declaration once.
fn namespaces(sink: &mut Sink, doc: &Document, ctx: &Context) {
    let mut seen: HashSet<(Option<&str>, &str)> = HashSet::new();
    let is_atom = ctx.format == Format::Atom;
    for node in doc.descendants().filter(Node::is_element) {
        for ns in node.namespaces() {
            let prefix = ns.name();
            let uri = ns.uri();
            if prefix == Some("xml") || !seen.insert((prefix, uri)) {
                continue;
            }
            let pos = node.range().start;
            let expected = known_prefix(uri);
            let prefix_is_reserved =
                prefix.is_some_and(|p| KNOWN_NAMESPACES.iter().any(|(_, k)| *k == p));
            match prefix {
                Some(p) if prefix_is_reserved => {
                    if expected != Some(p) {
                        if uri == "http://search.yahoo.com/mrss" {
                            sink.error(pos, "MediaRssNamespace", "the Media RSS namespace is http://search.yahoo.com/mrss/ (with the trailing slash)");
                        } else {
                            sink.warn(
                                pos,
                                "ReservedPrefix",
                                format!(
                                    "the prefix {p:?} is reserved for another namespace than {uri}"
                                ),
                            );
                        }
                    } else if is_atom && (p == "atom" || p == "xhtml") {
                        sink.warn(pos, "AvoidNamespacePrefix", format!("avoid the namespace prefix {p:?} in an Atom feed: use the default namespace"));
                    }
                }
                _ if expected.is_some() => {
                    if prefix.is_some() && is_atom && matches!(expected, Some("atom" | "xhtml")) {
                        sink.warn(
                            pos,
                            "AvoidNamespacePrefix",
                            "avoid a namespace prefix for Atom or XHTML in an Atom feed",
                        );
                    }
                }
                _ if uri == "http://search.yahoo.com/mrss" => {
                    sink.error(pos, "MediaRssNamespace", "the Media RSS namespace is http://search.yahoo.com/mrss/ (with the trailing slash)");
                }
                // `xmlns=""` too: the service calls an empty namespace unknown.
                _ if is_format_namespace(uri) => {}
                _ if UNSUPPORTED_NAMESPACES.contains(&uri) => {
                    sink.warn(pos, "UnsupportedNamespace", format!("the namespace {uri} is not supported by feed validators; its elements are not checked"));
                }
                _ => {
                    sink.warn(
                        pos,
                        "UnknownNamespace",
                        format!("unknown namespace {uri}: readers will likely ignore its elements"),
                    );
                }
            }
        }
    }
}

/// Namespaces of the formats themselves (never "unknown" in their own documents).
fn is_format_namespace(uri: &str) -> bool {
    matches!(uri, "http://www.sitemaps.org/schemas/sitemap/0.9")
}

/// The element children of `node`.
pub(crate) fn elements<'a, 'input>(
    node: Node<'a, 'input>,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(Node::is_element)
}

/// All the text inside `node` (text and CDATA), in order.
pub(crate) fn text_of(node: Node) -> String {
    let mut out = String::new();
    for child in node.descendants().filter(Node::is_text) {
        out.push_str(child.text().unwrap_or(""));
    }
    out
}

/// The element's namespace URI, or "" for none.
pub(crate) fn ns_of<'a>(node: Node<'a, '_>) -> &'a str {
    node.tag_name().namespace().unwrap_or("")
}

/// Where the element starts, for findings.
pub(crate) fn pos(node: Node) -> usize {
    node.range().start
}

/// Whether the element has non-whitespace text directly inside it, and where.
pub(crate) fn stray_text(node: Node) -> Option<usize> {
    node.children().find_map(stray_text_in)
}

/// Where the non-whitespace text of a text node starts; `None` for whitespace
/// or any other kind of node.
pub(crate) fn stray_text_in(node: Node) -> Option<usize> {
    let text = node.text().filter(|_| node.is_text())?;
    // Nearly always the indentation between elements: told at a glance.
    if text
        .bytes()
        .all(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r'))
    {
        return None;
    }
    let trimmed = text.trim_start();
    // Point at the text itself, not at the whitespace before it.
    (!trimmed.is_empty()).then(|| node.range().start + (text.len() - trimmed.len()))
}

/// The prefixed name as written, e.g. `dc:creator`, for messages.
pub(crate) fn display_name(node: Node) -> String {
    let name = node.tag_name().name();
    match node
        .tag_name()
        .namespace()
        .and_then(|uri| node.lookup_prefix(uri))
    {
        Some(prefix) if !prefix.is_empty() => format!("{prefix}:{name}"),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_root_past_comments_and_doctype() {
        let text = "<?xml version=\"1.0\"?><!-- c --><!DOCTYPE rss [ <!ENTITY a \"b\"> ]>\n<rss version=\"2.0\">";
        let (name, attrs) = sniff_root(text).unwrap();
        assert_eq!(name, "rss");
        assert!(attrs.contains("2.0"));
    }

    #[test]
    fn decodes_latin1_and_reports_bad_utf8() {
        let latin = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xe9</a>";
        assert_eq!(decode("f", latin).unwrap().chars().last(), Some('>'));
        let err = decode("f", b"<a>\n  \xff</a>").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)));
    }
}
