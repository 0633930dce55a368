//! The one home of every rule that the generator and the checker both need:
//! namespaces, size limits, what a valid language tag or e-mail address is,
//! which characters XML allows, which HTML elements feed readers accept.
//!
//! The generator (`feedwright`) imports these, so a value the generator
//! accepts in its configuration is exactly one the checker accepts in a feed.

use std::sync::LazyLock;

use regex::Regex;

/// The W3C validator refuses feeds larger than this many bytes.
pub const MAX_FEED_BYTES: usize = 5_000_000;

/// The namespace of Atom 1.0.
pub const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
/// The namespace of `content:encoded`.
pub const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
/// The Dublin Core elements namespace.
pub const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
/// The Media RSS namespace.
pub const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";
/// The RDF namespace.
pub const RDF_NS: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// The XHTML namespace.
pub const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
/// The namespace of `xml:lang` and `xml:base`.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of RFC 5005 feed history (`fh:complete`).
pub const FEED_HISTORY_NS: &str = "http://purl.org/syndication/history/1.0";

/// Why `value` cannot be a feed entry's id (RSS `guid`, Atom `id`, JSON Feed
/// `id`) as the checker reads ids, or `Ok` when it can: an absolute URI in
/// canonical form, a `tag:` URI by RFC 4151, in a registered scheme.
pub fn entry_id(value: &str) -> Result<(), String> {
    use crate::rules::uris::{canonical_form, uri, UriProblem};
    match uri(value, true, false) {
        Ok(()) => {}
        Err(UriProblem::InvalidTag) => {
            return Err("is not a valid tag: URI (RFC 4151), such as tag:example.org,2025:post-1".into())
        }
        Err(UriProblem::SchemeNotIana(scheme)) => {
            return Err(format!(
                "uses the URI scheme `{scheme}:`, which is not registered with IANA; use a URL or a tag: URI"
            ))
        }
        Err(UriProblem::InvalidUriChar(c)) => {
            return Err(format!("contains {c:?}, which URIs do not allow: percent-encode it"))
        }
        Err(_) => {
            return Err(
                "is not an absolute URI: use a URL (https://example.org/old/path/) or a tag: URI (tag:example.org,2025:post-1)".into(),
            )
        }
    }
    match canonical_form(value) {
        Some(canonical) if canonical != value => Err(format!(
            "is not in canonical form (readers compare ids as written): write `{canonical}`"
        )),
        _ => Ok(()),
    }
}

/// Sitemaps: the sitemaps.org protocol's namespace and limits.
pub mod sitemap {
    /// The sitemaps.org namespace.
    pub const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    /// At most this many URLs (or sitemaps) in one file.
    pub const MAX_URLS: usize = 50_000;
    /// At most this many bytes in one uncompressed file.
    pub const MAX_BYTES: usize = 50 * 1024 * 1024;
    /// At most this many characters in a `loc`.
    pub const MAX_LOC: usize = 2048;
}

/// ISO 639-1 codes (with the withdrawn ones validators still accept).
const ISO_639_1: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "in", "io", "is", "it", "iu", "iw", "ja", "ji", "jv", "ka",
    "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb",
    "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mo", "mr", "ms",
    "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om",
    "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd",
    "se", "sg", "sh", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw",
    "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk",
    "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// A language tag whose primary subtag is an ISO 639 code (`en`, `en-US`, `ast`).
pub fn language(value: &str) -> bool {
    let primary = value.split('-').next().unwrap_or("").to_ascii_lowercase();
    let primary_ok = match primary.len() {
        1 => primary == "i" || primary == "x",
        2 => ISO_639_1.contains(&primary.as_str()),
        3 => primary.chars().all(|c| c.is_ascii_lowercase()),
        _ => false,
    };
    primary_ok
        && value
            .split('-')
            .skip(1)
            .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
}

static ADDR_SPEC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[a-zA-Z0-9_\-+.']+@(?:\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\]|(?:[a-zA-Z0-9\-]+\.)+[a-zA-Z]{2,63})$")
        .expect("a valid pattern")
});

/// A plain e-mail address (`jane@example.com`).
pub fn addr_spec(value: &str) -> bool {
    ADDR_SPEC.is_match(value)
}

/// Whether XML 1.0 allows `c` in a document, less DEL and the C1 controls it
/// discourages (they are never intended in UTF-8 text), and less U+FFFD, the
/// replacement character, which only ever marks text already damaged before it
/// reached the document. Validators flag all of these as bad characters.
pub fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r'
        | '\u{20}'..='\u{7E}'
        | '\u{A0}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFC}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// HTML in feeds: the elements the W3C validator accepts.
/// Elements the W3C validator accepts in feed HTML.
pub const ACCEPTABLE_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "big",
    "blockquote",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "command",
    "data",
    "datagrid",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "eventsource",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "font",
    "form",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "keygen",
    "kbd",
    "label",
    "legend",
    "li",
    "m",
    "main",
    "map",
    "mark",
    "menu",
    "meter",
    "multicol",
    "nav",
    "nextid",
    "ol",
    "output",
    "optgroup",
    "option",
    "p",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "select",
    "small",
    "sound",
    "source",
    "spacer",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "time",
    "tfoot",
    "th",
    "thead",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "noscript",
    "wbr",
];

/// Whitelisted names the validator does not count as HTML at all.
pub const NOT_KNOWN: &[&str] = &["keygen", "multicol", "nextid", "sound", "spacer"];

/// Compiles this module's patterns now rather than at their first use.
pub(crate) fn compile_patterns() {
    LazyLock::force(&ADDR_SPEC);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        assert!(language("en"));
        assert!(language("en-US"));
        assert!(language("zh-Hant-TW"));
        assert!(!language("english"));
        assert!(!language("e"));
        assert!(!language("zz"));
    }

    #[test]
    fn emails() {
        assert!(addr_spec("jane@example.org"));
        assert!(!addr_spec("Jane Doe"));
        assert!(!addr_spec("jane@localhost"));
        assert!(!addr_spec("jane@example.c"));
    }
}
