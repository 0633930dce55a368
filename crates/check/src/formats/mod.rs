//! One checker per format; [`check`] hands each document to the one its
//! detected format names.

pub(crate) mod atom;
mod html_page;
mod json_feed;
pub(crate) mod rss;
mod sitemap;

use crate::spec::{MAX_FEED_BYTES, RDF_NS};
use crate::xml::node::{ns_of, pos};
use crate::xml::{self, Source};
use crate::{Code, Context, Finding, Format, Sink};

/// Checks a document of the detected format `ctx.format`.
pub(crate) fn check(name: &str, bytes: &[u8], ctx: &Context) -> Vec<Finding> {
    let format = ctx.format;
    if format == Format::JsonFeed {
        return json_feed::check(name, bytes, ctx);
    }
    if format == Format::Html {
        return html_page::check(name, bytes);
    }
    if format == Format::Unknown && !xml::looks_like_xml(bytes) {
        return vec![Finding::new(
            name,
            Code::UnknownFormat,
            "not a feed or sitemap: expected RSS, Atom, JSON Feed or a sitemap",
        )];
    }
    if let Some(limit) = ctx
        .max_feed_bytes
        .filter(|&limit| format.is_feed() && bytes.len() > limit)
    {
        let why = if limit == MAX_FEED_BYTES {
            "validators stop there"
        } else {
            "the limit set"
        };
        return vec![Finding::new(
            name,
            Code::ValidatorLimit,
            format!(
                "the feed is {} bytes, over {limit} ({why}): publish fewer or shorter entries",
                bytes.len()
            ),
        )];
    }
    let source = match Source::decode(name, bytes, format.is_feed()) {
        Ok(source) => source,
        Err(findings) => return findings,
    };
    let mut sink = Sink::new(name, source.text());
    sink.utf8 = source.is_utf8();
    let Some(doc) = source.parse(&mut sink) else {
        return sink.findings;
    };
    if format.is_feed() {
        xml::check_characters(&mut sink);
        xml::namespaces::check_declarations(&mut sink, &doc, format == Format::Atom);
    }
    let root = doc.root_element();
    let ns = ns_of(root);
    match (format, root.tag_name().name()) {
        (Format::Rss2 | Format::Rss09x, "rss") => rss::check_rss(&mut sink, root, ctx),
        (Format::Rss1 | Format::Rss090, "RDF") if ns == RDF_NS => {
            rss::check_rdf(&mut sink, root, ctx)
        }
        (Format::Atom | Format::Atom03, "feed") | (Format::AtomEntry, "entry") => {
            atom::check(&mut sink, root, ctx)
        }
        (Format::Sitemap | Format::SitemapIndex, "urlset" | "sitemapindex") => {
            sitemap::check(&mut sink, root, ctx.location.as_deref())
        }
        // The service's message for a root element it does not know.
        (_, other) => sink.report(
            pos(root),
            Code::UndefinedElement,
            format!("the root element <{other}> is not that of a feed or sitemap"),
        ),
    }
    sink.findings
}
