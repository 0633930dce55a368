//! The smaller extension modules: the RSS 1.0 modules (admin, aggregation,
//! annotation, event, slash, syndication, taxonomy, threading, wiki, ...),
//! trackback, wfw, blogChannel, Creative Commons, FeedBurner, the Microsoft
//! list extensions, OpenSearch, feed history, threading (RFC 4685), the
//! link module, OPML's owner elements and XHTML meta tags.

use super::{eat, rdf_resource, Scope};
use crate::rules::uris::{self, UriRule};
use crate::tree::leaf::{self, is_mime_type, is_non_negative, python_int};
use crate::tree::{Attrs, El, Leaf, Name, Seen, Value, Walker};
use crate::Code;

const FULL: Value = Value::Uri(UriRule::Full, Code::InvalidFullLink);

/// Checks an element of one of these modules in `scope`.
pub(super) fn check(w: &mut Walker, el: &El, seen: &Seen, scope: Scope) -> Option<Attrs> {
    let local = el.name.local.replace('-', "_");
    let name = (el.name.prefix, local.as_str());
    everywhere(w, el, seen, name)
        .or_else(|| {
            (scope != Scope::Everywhere)
                .then(|| channel_or_item(w, el, name))
                .flatten()
        })
        .or_else(|| {
            scope
                .is_item()
                .then(|| item(w, el, seen, name, scope))
                .flatten()
        })
        .or_else(|| {
            scope
                .is_channel()
                .then(|| channel(w, el, seen, name, scope))
                .flatten()
        })
}

fn leaf(w: &mut Walker, el: &El, seen: &Seen, leaf: Leaf) -> Option<Attrs> {
    w.leaf(el, seen, leaf)
}

/// OPML's owner elements, valid anywhere.
fn everywhere(w: &mut Walker, el: &El, seen: &Seen, name: (&str, &str)) -> Option<Attrs> {
    match name {
        ("opml", "dateCreated" | "dateModified") => leaf(w, el, seen, Value::Rfc822.leaf().once()),
        ("opml", "ownerName") => leaf(w, el, seen, Value::SafeHtml.leaf().once()),
        ("opml", "ownerEmail") => leaf(w, el, seen, Value::Email.leaf().once()),
        ("opml", "ownerId") => leaf(w, el, seen, Value::HttpUrl.leaf().once()),
        _ => None,
    }
}

/// Valid in channels and items alike.
fn channel_or_item(w: &mut Walker, el: &El, name: (&str, &str)) -> Option<Attrs> {
    match name {
        ("taxo", "topics") => eat(w, el),
        ("l", "link") => Some(link_module(w, el, true)),
        _ => None,
    }
}

/// Valid in items and entries.
fn item(w: &mut Walker, el: &El, seen: &Seen, name: (&str, &str), scope: Scope) -> Option<Attrs> {
    let once = |value: Value| value.leaf().once();
    match name {
        ("annotate", "reference") => {
            w.once(el, seen, Code::DuplicateElement);
            Some(rdf_resource(w, el))
        }
        ("ag", "source") | ("ev", "type") => leaf(w, el, seen, once(Value::Text)),
        ("ag", "sourceURL") => leaf(w, el, seen, once(FULL)),
        ("ag", "timestamp") => leaf(w, el, seen, once(Value::Iso8601 { bounded: true })),
        ("ev", "startdate" | "enddate") => {
            leaf(w, el, seen, once(Value::Iso8601 { bounded: false }))
        }
        ("ev", "location" | "organizer") | ("foaf", "maker" | "primaryTopic") => eat(w, el),
        ("feedburner", "awareness" | "origEnclosureLink" | "origLink") => {
            leaf(w, el, seen, once(FULL))
        }
        ("slash", "comments") => {
            let attrs = leaf(w, el, seen, once(Value::NonNegativeInteger));
            slash_date(w, el);
            attrs
        }
        ("slash", "section" | "department") => leaf(w, el, seen, Value::Text.leaf()),
        ("slash", "hit_parade") => leaf(w, el, seen, once(Value::CommaSeparatedIntegers)),
        ("thr", "children") => {
            if !w.is_rss1() {
                w.report(
                    el,
                    Code::UndefinedElement,
                    "thr:children is RSS 1.0's: leave it out",
                );
            }
            eat(w, el)
        }
        ("thr", "total") => leaf(w, el, seen, once(Value::NonNegativeInteger)),
        ("thr", "in_reply_to") => Some(in_reply_to(w, el)),
        ("wfw", "comment" | "commentRss") => leaf(w, el, seen, once(FULL)),
        ("wfw", "commentRSS") => {
            w.report(
                el,
                Code::CommentRSS,
                "wfw:commentRSS is misspelled: write wfw:commentRss",
            );
            leaf(w, el, seen, once(FULL))
        }
        ("wiki", "diff" | "history" | "importance" | "status" | "version") => {
            leaf(w, el, seen, Value::Text.leaf())
        }
        ("conversationsNetwork", "introMilliseconds" | "ratingCount") => {
            leaf(w, el, seen, once(Value::NonNegativeInteger))
        }
        ("conversationsNetwork", "image") => leaf(w, el, seen, once(Value::HttpUrl)),
        ("conversationsNetwork", "ratingAverage") => leaf(w, el, seen, once(Value::Float)),
        ("conversationsNetwork", "ratingIndividual") => {
            leaf(w, el, seen, once(Value::PositiveInteger))
        }
        ("conversationsNetwork", "ratingTimestamp") => {
            leaf(w, el, seen, once(Value::Iso8601 { bounded: true }))
        }
        ("trackback", "ping") if scope == Scope::Rss10Item => {
            w.once(el, seen, Code::DuplicateElement);
            Some(rdf_resource(w, el))
        }
        ("trackback", "about") if scope == Scope::Rss10Item => Some(rdf_resource(w, el)),
        ("trackback", "ping") => leaf(w, el, seen, once(FULL)),
        ("trackback", "about") => leaf(w, el, seen, FULL.leaf()),
        ("l", "permalink") if scope == Scope::Rss10Item => Some(link_module(w, el, false)),
        ("creativeCommons", "license") if scope == Scope::Entry => leaf(w, el, seen, FULL.leaf()),
        ("dcterms", _) => None,
        _ => None,
    }
}

/// Valid in channels and feeds.
fn channel(
    w: &mut Walker,
    el: &El,
    seen: &Seen,
    name: (&str, &str),
    scope: Scope,
) -> Option<Attrs> {
    let once = |value: Value| value.leaf().once();
    match name {
        ("admin", "generatorAgent") => {
            w.same_meaning(el, seen, ("", "generator"), Code::DuplicateSemantics);
            w.once(el, seen, Code::DuplicateElement);
            Some(rdf_resource(w, el))
        }
        ("admin", "errorReportsTo") => {
            w.once(el, seen, Code::DuplicateElement);
            Some(rdf_resource(w, el))
        }
        ("blogChannel", "blogRoll" | "mySubscriptions" | "blink" | "changes")
        | ("feedburner", "awareness" | "feedburnerHostname") => leaf(w, el, seen, once(FULL)),
        ("sy", "updatePeriod") => leaf(
            w,
            el,
            seen,
            once(Value::OneOf(
                &["hourly", "daily", "weekly", "monthly", "yearly"],
                Code::InvalidUpdatePeriod,
            )),
        ),
        ("sy", "updateFrequency") => {
            leaf(w, el, seen, Value::PositiveInteger.leaf().nonblank().once())
        }
        ("sy", "updateBase") => leaf(w, el, seen, once(Value::W3cDtf { bounded: true })),
        ("foaf", "maker") | ("xhtml", "div") => eat(w, el),
        ("cp", "server") => Some(rdf_resource(w, el)),
        ("wiki", "interwiki") | ("cf", "treatAs") => leaf(w, el, seen, Value::Text.leaf()),
        ("thr", "in_reply_to") => Some(in_reply_to(w, el)),
        ("cf", "listinfo") => Some(listinfo(w, el)),
        ("feedburner", "browserFriendly") => leaf(w, el, seen, once(Value::NonHtml)),
        ("feedburner", "emailServiceId") => leaf(w, el, seen, once(Value::Any)),
        ("feedburner", "feedFlare") => Some(feed_flare(w, el)),
        ("feedburner", "info") => {
            match el.attr("uri") {
                Some(uri) => leaf::uri(w, el, uri, UriRule::Iri, Code::InvalidIRI),
                None => w.report(
                    el,
                    Code::MissingAttribute,
                    "<feedburner:info> needs a uri attribute",
                ),
            }
            w.children(el, |_, _, _| None);
            Some(Attrs::Only(&[("", "uri")]))
        }
        ("opensearch" | "opensearch10", "totalResults" | "itemsPerPage") => {
            leaf(w, el, seen, once(Value::NonNegativeInteger))
        }
        ("opensearch" | "opensearch10", "startIndex") => leaf(w, el, seen, once(Value::Integer)),
        ("opensearch", "Query") => Some(query(w, el)),
        ("xhtml", "meta") => Some(xhtml_meta(w, el)),
        ("fh", "archive" | "complete") => {
            w.children(el, |_, _, _| None);
            Some(Attrs::Only(&[]))
        }
        ("creativeCommons", "license") if scope == Scope::Feed => leaf(w, el, seen, FULL.leaf()),
        ("access", "restriction") if scope == Scope::Feed => Some(super::access_restriction(w, el)),
        _ => None,
    }
}

/// `slash:comments` in an RSS 2.0 channel without a `lastBuildDate` (the
/// RSS profile's `SlashDate`).
fn slash_date(w: &mut Walker, el: &El) {
    if !w.is_rss2() {
        return;
    }
    let Some(channel) = el.node.parent().and_then(|item| item.parent()) else {
        return;
    };
    let item_start = el.node.parent().map_or(0, |n| n.range().start);
    let has_last_build = channel.children().any(|n| {
        n.is_element()
            && n.tag_name().name() == "lastBuildDate"
            && crate::xml::node::ns_of(n).is_empty()
            && n.range().start < item_start
    });
    if !has_last_build {
        w.report(
            el,
            Code::SlashDate,
            "a channel with slash:comments should have a lastBuildDate",
        );
    }
}

/// `thr:in-reply-to` (RFC 4685): the entry this one answers.
fn in_reply_to(w: &mut Walker, el: &El) -> Attrs {
    for name in ["href", "source"] {
        if let Some(value) = el.attr(name) {
            leaf::uri(w, el, value, UriRule::Iri, Code::InvalidIRI);
        }
    }
    if let Some(reference) = el.attr("ref") {
        let reference = reference.trim();
        if uris::check(reference, UriRule::Full).is_err() {
            leaf::uri(w, el, reference, UriRule::Full, Code::InvalidFullLink);
        } else if uris::canonical_form(reference).as_deref() != Some(reference) {
            w.report(
                el,
                Code::NonCanonicalURI,
                format!("the ref {reference:?} is not in canonical form"),
            );
        }
    }
    if let Some(kind) = el.attr("type").filter(|t| !is_mime_type(t)) {
        w.report(
            el,
            Code::InvalidMIMEType,
            format!("the type {kind:?} is not a MIME type"),
        );
    }
    w.text_only(el);
    Attrs::Only(&[("", "href"), ("", "ref"), ("", "source"), ("", "type")])
}

/// The link module's `l:link` (or `l:permalink`): an RDF resource with a relation and type.
fn link_module(w: &mut Walker, el: &El, full: bool) -> Attrs {
    const L: &str = "http://purl.org/rss/1.0/modules/link/";
    if full {
        if let Some(lang) = el.attr_ns(L, "lang") {
            if !crate::spec::language_code(lang) {
                w.report(
                    el,
                    Code::InvalidLanguage,
                    format!("l:lang {lang:?} is not a language code"),
                );
            }
        }
        match el.attr_ns(L, "rel") {
            Some(rel) => leaf::uri(w, el, rel, UriRule::Full, Code::InvalidFullLink),
            None => w.report(
                el,
                Code::MissingAttribute,
                "<l:link> needs an l:rel attribute",
            ),
        }
    }
    if let Some(kind) = el.attr_ns(L, "type") {
        if full && kind.contains(':') {
            leaf::uri(w, el, kind, UriRule::Full, Code::InvalidFullLink);
        } else if !is_mime_type(kind) {
            w.report(
                el,
                Code::InvalidMIMEType,
                format!("l:type {kind:?} is not a MIME type"),
            );
        }
    }
    let attrs = rdf_resource(w, el);
    let _ = attrs;
    if full {
        Attrs::Only(&[
            (crate::spec::RDF_NS, "resource"),
            ("http://purl.org/dc/elements/1.1/", "title"),
            (L, "lang"),
            (L, "rel"),
            (L, "type"),
            (L, "title"),
        ])
    } else {
        Attrs::Only(&[
            (crate::spec::RDF_NS, "resource"),
            ("http://purl.org/dc/elements/1.1/", "title"),
            (L, "type"),
        ])
    }
}

/// Microsoft's `cf:listinfo`: how a list may be sorted and grouped.
fn listinfo(w: &mut Walker, el: &El) -> Attrs {
    w.children(el, |w, child, _| {
        match (child.name.prefix, child.name.local) {
            ("cf", "sort") => {
                w.children(child, |_, _, _| None);
                Some(Attrs::Only(&[
                    ("", "data-type"),
                    ("", "default"),
                    ("", "element"),
                    ("", "label"),
                    ("", "ns"),
                ]))
            }
            ("cf", "group") => {
                w.children(child, |_, _, _| None);
                Some(Attrs::Only(&[("", "element"), ("", "label"), ("", "ns")]))
            }
            _ => None,
        }
    });
    Attrs::Only(&[])
}

/// FeedBurner's `feedFlare`: a link and an image, both required.
fn feed_flare(w: &mut Walker, el: &El) -> Attrs {
    for name in ["href", "src"] {
        match el.attr(name) {
            None => w.report(
                el,
                Code::MissingAttribute,
                format!("<feedburner:feedFlare> needs a {name} attribute"),
            ),
            Some(value) => {
                if w.feed == Some(crate::tree::FeedType::Atom) {
                    leaf::uri(w, el, value, UriRule::Iri, Code::InvalidIRI);
                } else if !uris::matches_full_pattern(value) || !value.is_ascii() {
                    w.report(
                        el,
                        Code::ContainsRelRef,
                        format!("{name} {value:?} should be an absolute URL"),
                    );
                }
            }
        }
    }
    w.leaf(el, &Seen::default(), Value::NonHtml.leaf());
    Attrs::Only(&[("", "href"), ("", "src")])
}

/// OpenSearch's `Query`: a search the results answer.
fn query(w: &mut Walker, el: &El) -> Attrs {
    match el.attr("role") {
        None => w.report(
            el,
            Code::MissingAttribute,
            "<opensearch:Query> needs a role attribute",
        ),
        Some(role) => match role.split_once(':') {
            Some((prefix, _)) => {
                if el.node.lookup_namespace_uri(Some(prefix)).is_none() {
                    w.report(
                        el,
                        Code::UndeclaredPrefix,
                        format!("the prefix {prefix:?} is not declared"),
                    );
                }
            }
            None => {
                let roles = [
                    "request",
                    "example",
                    "related",
                    "correction",
                    "subset",
                    "superset",
                ];
                if !roles.contains(&role) {
                    w.report(
                        el,
                        Code::InvalidLocalRole,
                        format!("{role:?} is not a query role"),
                    );
                }
            }
        },
    }
    if let Some(title) = el.attr("title") {
        if title.chars().count() > 256 {
            w.report(
                el,
                Code::TooLong,
                "the query title is longer than 256 characters",
            );
        }
    }
    for name in ["totalResults", "count"] {
        if let Some(value) = el.attr(name) {
            if !is_non_negative(value) {
                w.report(
                    el,
                    Code::InvalidNonNegativeInteger,
                    format!("{name} must be a whole number, not {value:?}"),
                );
            }
        }
    }
    for name in ["startIndex", "startPage"] {
        if let Some(value) = el.attr(name).filter(|v| !v.is_empty()) {
            if python_int(value).is_none() {
                w.report(
                    el,
                    Code::InvalidInteger,
                    format!("{name} must be a whole number, not {value:?}"),
                );
            }
        }
    }
    if let Some(terms) = el.attr("searchTerms") {
        if !terms.split_whitespace().all(is_url_encoded) {
            w.report(el, Code::NotURLEncoded, "searchTerms must be URL-encoded");
        }
    }
    w.language_attr(el, "language");
    w.children(el, |_, _, _| None);
    Attrs::Only(&[
        ("", "role"),
        ("", "title"),
        ("", "totalResults"),
        ("", "searchTerms"),
        ("", "count"),
        ("", "startIndex"),
        ("", "startPage"),
        ("", "language"),
        ("", "inputEncoding"),
        ("", "outputEncoding"),
        ("", "parameter"),
    ])
}

/// Whether a search term is written as Python's `quote` writes it.
fn is_url_encoded(term: &str) -> bool {
    let bytes = term.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let Some(byte) = term
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            else {
                return false;
            };
            if byte.is_ascii_alphanumeric() || b"_.-~/".contains(&byte) {
                return false;
            }
            i += 3;
        } else if b.is_ascii_alphanumeric() || b"_.-~/".contains(&b) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

/// An XHTML `meta` tag in a channel: only robots directives.
fn xhtml_meta(w: &mut Walker, el: &El) -> Attrs {
    match el.attr("name") {
        None => w.report(
            el,
            Code::MissingAttribute,
            "<xhtml:meta> needs a name attribute",
        ),
        Some(name) if name.to_lowercase() != "robots" => w.report(
            el,
            Code::InvalidMetaName,
            format!("a feed's meta tag is a robots one, not {name:?}"),
        ),
        Some(_) => {}
    }
    const DIRECTIVES: &[&str] = &[
        "all",
        "none",
        "index",
        "index,follow",
        "index,nofollow",
        "noindex",
        "noindex,follow",
        "noindex,nofollow",
        "follow",
        "follow,index",
        "follow,noindex",
        "nofollow",
        "nofollow,index",
        "nofollow,noindex",
    ];
    match el.attr("content") {
        None => w.report(
            el,
            Code::MissingAttribute,
            "<xhtml:meta> needs a content attribute",
        ),
        Some(content) if !DIRECTIVES.contains(&content.to_lowercase().as_str()) => w.report(
            el,
            Code::InvalidMetaContent,
            format!("{content:?} is not a robots directive"),
        ),
        Some(_) => {}
    }
    w.children(el, |_, _, _| None);
    let _ = Name {
        prefix: "",
        local: "",
    };
    Attrs::Only(&[("", "name"), ("", "content")])
}
