//! The kinds of file the checker reads, told from the content, never the name.

use crate::xml;

/// The kinds of file the checker recognizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// RSS 2.0 (`<rss version="2.0">`).
    Rss2,
    /// RSS 0.91 or 0.92 (`<rss version="0.91">`).
    Rss09x,
    /// RSS 1.0 (RDF).
    Rss1,
    /// RSS 0.90 (RDF, Netscape namespace).
    Rss090,
    /// Atom 1.0 (RFC 4287).
    Atom,
    /// An Atom 1.0 entry document (RFC 4287, a lone `<entry>`).
    AtomEntry,
    /// Atom 0.3, obsolete.
    Atom03,
    /// JSON Feed 1.0 or 1.1.
    JsonFeed,
    /// A sitemaps.org `<urlset>`.
    Sitemap,
    /// A sitemaps.org `<sitemapindex>`.
    SitemapIndex,
    /// A web page (`<html>`): no feed, but the feeds it announces are named.
    Html,
    /// Anything else.
    Unknown,
}

impl Format {
    /// Guesses the format from the first bytes: the root element and its namespace, or JSON.
    pub fn detect(bytes: &[u8]) -> Format {
        let text = xml::sniff_text(bytes);
        let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        if trimmed.starts_with('{') {
            // A JSON Feed that lost its version is still best checked as one.
            let head = trimmed
                .char_indices()
                .nth(2048)
                .map_or(trimmed, |(end, _)| &trimmed[..end]);
            return if trimmed.contains("jsonfeed.org/version/") || head.contains("\"items\"") {
                Format::JsonFeed
            } else {
                Format::Unknown
            };
        }
        let Some((name, attrs)) = xml::sniff_root(&text) else {
            return Format::Unknown;
        };
        let local = name.rsplit(':').next().unwrap_or(&name);
        if local.eq_ignore_ascii_case("html") {
            return Format::Html;
        }
        match local {
            "rss" => {
                if attrs.contains("\"0.9") || attrs.contains("'0.9") {
                    Format::Rss09x
                } else {
                    Format::Rss2
                }
            }
            "RDF" if attrs.contains("my.netscape.com/rdf/simple/0.9") => Format::Rss090,
            "RDF" => Format::Rss1,
            "feed" if attrs.contains("purl.org/atom/ns#") => Format::Atom03,
            "feed" => Format::Atom,
            "entry" => Format::AtomEntry,
            "urlset" => Format::Sitemap,
            "sitemapindex" => Format::SitemapIndex,
            _ => Format::Unknown,
        }
    }

    /// The format's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Rss2 => "RSS 2.0",
            Format::Rss09x => "RSS 0.9x",
            Format::Rss1 => "RSS 1.0",
            Format::Rss090 => "RSS 0.90",
            Format::Atom => "Atom 1.0",
            Format::AtomEntry => "Atom 1.0 entry",
            Format::Atom03 => "Atom 0.3",
            Format::JsonFeed => "JSON Feed",
            Format::Sitemap => "sitemap",
            Format::SitemapIndex => "sitemap index",
            Format::Html => "HTML page",
            Format::Unknown => "unknown",
        }
    }

    /// Whether this is a feed (not a sitemap or a page): the feed-only rules apply,
    /// such as the 5,000,000-byte limit.
    pub fn is_feed(self) -> bool {
        !matches!(self, Format::Sitemap | Format::SitemapIndex | Format::Html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats_from_content() {
        let cases: &[(&str, Format)] = &[
            (
                "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>",
                Format::Rss2,
            ),
            ("<rss version='0.91'/>", Format::Rss09x),
            (
                "<!-- hi --><rdf:RDF xmlns:rdf=\"x\" xmlns=\"http://purl.org/rss/1.0/\"/>",
                Format::Rss1,
            ),
            (
                "<rdf:RDF xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"/>",
                Format::Rss090,
            ),
            (
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
                Format::Atom,
            ),
            ("<feed xmlns=\"http://purl.org/atom/ns#\"/>", Format::Atom03),
            (
                "{\"version\": \"https://jsonfeed.org/version/1.1\"}",
                Format::JsonFeed,
            ),
            (
                "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"/>",
                Format::Sitemap,
            ),
            ("<sitemapindex/>", Format::SitemapIndex),
            ("<html/>", Format::Html),
            ("<!DOCTYPE html>\n<HTML lang=en>", Format::Html),
            ("hello", Format::Unknown),
        ];
        for (text, format) in cases {
            assert_eq!(Format::detect(text.as_bytes()), *format, "{text}");
        }
    }
}
