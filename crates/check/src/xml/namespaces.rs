//! The namespaces feed validators know, and the checks on their declarations.

use foldhash::HashSet;

use roxmltree::{Document, Node};

use crate::spec::{ATOM_NS, CONTENT_NS, DC_NS, MEDIA_NS, RDF_NS, XHTML_NS};
use crate::{Code, Sink};

/// Namespaces the W3C validator knows, with the prefix it expects for each.
pub(crate) const KNOWN_NAMESPACES: &[(&str, &str)] = &[
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

/// The prefix the W3C validator expects for a namespace it knows.
pub(crate) fn known_prefix(uri: &str) -> Option<&'static str> {
    KNOWN_NAMESPACES
        .iter()
        .find(|(known, _)| *known == uri)
        .map(|(_, prefix)| *prefix)
}

/// The W3C validator's namespace-declaration messages, each declaration once;
/// `atom` says whether the document is an Atom feed.
pub(crate) fn check_declarations(sink: &mut Sink, doc: &Document, atom: bool) {
    let mut seen: HashSet<(Option<&str>, &str)> = HashSet::default();
    for node in doc.descendants().filter(Node::is_element) {
        for ns in node.namespaces() {
            let prefix = ns.name();
            let uri = ns.uri();
            if prefix == Some("xml") || !seen.insert((prefix, uri)) {
                continue;
            }
            let pos = node.range().start;
            if uri.split_whitespace().count() > 1 {
                sink.report(
                    pos,
                    Code::SAXError,
                    format!("the namespace {uri:?} has whitespace in it"),
                );
                continue;
            }
            let expected = known_prefix(uri);
            let prefix_is_reserved =
                prefix.is_some_and(|p| KNOWN_NAMESPACES.iter().any(|(_, k)| *k == p));
            match prefix {
                Some(p) if prefix_is_reserved => {
                    if expected != Some(p) {
                        if uri == "http://search.yahoo.com/mrss" {
                            sink.report(pos, Code::MediaRssNamespace, "the Media RSS namespace is http://search.yahoo.com/mrss/ (with the trailing slash)");
                        } else {
                            sink.report(
                                pos,
                                Code::ReservedPrefix,
                                format!(
                                    "the prefix {p:?} is reserved for another namespace than {uri}"
                                ),
                            );
                        }
                    } else if atom && (p == "atom" || p == "xhtml") {
                        sink.report(pos, Code::AvoidNamespacePrefix, format!("avoid the namespace prefix {p:?} in an Atom feed: use the default namespace"));
                    }
                }
                _ if expected.is_some() => {
                    if prefix.is_some() && atom && matches!(expected, Some("atom" | "xhtml")) {
                        sink.report(
                            pos,
                            Code::AvoidNamespacePrefix,
                            "avoid a namespace prefix for Atom or XHTML in an Atom feed",
                        );
                    }
                }
                _ if uri == "http://search.yahoo.com/mrss" => {
                    sink.report(pos, Code::MediaRssNamespace, "the Media RSS namespace is http://search.yahoo.com/mrss/ (with the trailing slash)");
                }
                // `xmlns=""` too: the service calls an empty namespace unknown.
                _ if is_format_namespace(uri) => {}
                // The service knows these, checks nothing in them and says
                // nothing of them (an info message it does not show).
                _ if UNSUPPORTED_NAMESPACES.contains(&uri) => {}
                _ => {
                    sink.report(
                        pos,
                        Code::UnknownNamespace,
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
