//! `atom:link`, in Atom and in RSS channels and items: its relation, type,
//! language, length and target, and the self link's agreement with where
//! the feed is.

use crate::rules::uris::{self, UriRule};
use crate::spec::{RDF_NS, XML_NS};
use crate::tree::leaf::{self, is_mime_type, is_non_negative, DateRule};
use crate::tree::{AttrName, Attrs, El, Walker};
use crate::Code;

/// The namespace of the Atom threading extension (RFC 4685).
const THR_NS: &str = "http://purl.org/syndication/thread/1.0";

/// The attributes a link takes.
pub(crate) const ATTRS: Attrs = Attrs::Only(LINK_ATTRS);
const LINK_ATTRS: &[AttrName] = &[
    ("", "type"),
    ("", "title"),
    ("", "rel"),
    ("", "href"),
    ("", "length"),
    ("", "hreflang"),
    (RDF_NS, "type"),
    (RDF_NS, "resource"),
    (THR_NS, "count"),
    (THR_NS, "when"),
    (THR_NS, "updated"),
];

/// Relations registered with IANA (or widely used), as the validator lists them.
const REGISTERED_RELS: &[&str] = &[
    "alternate",
    "current",
    "describedby",
    "edit",
    "edit-media",
    "enclosure",
    "first",
    "hub",
    "last",
    "license",
    "next",
    "next-archive",
    "payment",
    "prev-archive",
    "previous",
    "related",
    "replies",
    "search",
    "self",
    "service",
    "up",
    "via",
];

/// The paging relations of RFC 5005, which belong on feeds, not entries.
pub(crate) const HISTORY_RELS: &[&str] = &[
    "current",
    "first",
    "last",
    "next",
    "next-archive",
    "prev-archive",
    "previous",
];

/// What a checked link said.
#[derive(Debug, Clone, Default)]
pub(crate) struct Link {
    /// The relation (`alternate` when absent, IANA's URI prefix removed).
    pub(crate) rel: String,
    /// The media type, `""` when absent.
    pub(crate) media_type: String,
    /// The language, `""` when absent.
    pub(crate) hreflang: String,
    /// The target.
    pub(crate) href: String,
}

/// Checks a link; what it said, for the checks of its parent.
pub(crate) fn check(w: &mut Walker, el: &El) -> Link {
    let mut link = Link {
        rel: "alternate".into(),
        ..Link::default()
    };
    let in_entry = el.parent.local == "entry";
    if let Some(rel) = el.attr("rel") {
        let rel = rel
            .strip_prefix("http://www.iana.org/assignments/relation/")
            .unwrap_or(rel);
        link.rel = rel.to_string();
        if !REGISTERED_RELS.contains(&rel) && !uris::matches_full_pattern(rel) {
            w.report(
                el,
                Code::UnregisteredAtomLinkRel,
                format!("the link relation {rel:?} is not registered"),
            );
        }
        if rel.is_empty() {
            w.report(el, Code::AttrNotBlank, "the link's rel should not be blank");
        }
        if in_entry && HISTORY_RELS.contains(&rel) {
            w.report(
                el,
                Code::FeedHistoryRelInEntry,
                format!("the feed-paging relation {rel:?} belongs on the feed, not an entry"),
            );
        }
    }
    if let Some(media_type) = el.attr("type") {
        link.media_type = media_type.to_string();
        if !is_mime_type(media_type) {
            w.report(
                el,
                Code::InvalidMIMEType,
                format!("the link type {media_type:?} is not a MIME type"),
            );
        } else if link.rel == "self"
            && ![
                "application/atom+xml",
                "application/rss+xml",
                "application/rdf+xml",
            ]
            .contains(&media_type.split(';').next().unwrap_or(""))
        {
            w.report(
                el,
                Code::SelfNotAtom,
                format!("the self link's type should be a feed type, not {media_type:?}"),
            );
        }
    }
    if let Some(title) = el.attr("title") {
        if title.is_empty() {
            w.report(
                el,
                Code::AttrNotBlank,
                "the link's title should not be blank",
            );
        }
        w.plain(el, "the link title", title, Code::ContainsHTML);
    }
    if let Some(length) = el.attr("length") {
        if !is_non_negative(length) {
            w.report(
                el,
                Code::InvalidNonNegativeInteger,
                format!("the link length must be a whole number, not {length:?}"),
            );
        }
        if length.is_empty() {
            w.report(el, Code::NotBlank, "the link's length should not be blank");
        }
    }
    if let Some(hreflang) = el.attr("hreflang") {
        link.hreflang = hreflang.to_string();
        if !crate::spec::language_code(hreflang) {
            w.report(
                el,
                Code::InvalidLanguage,
                format!("hreflang {hreflang:?} is not an ISO 639 language code"),
            );
        }
    }
    match el.attr("href") {
        Some(href) => {
            link.href = href.to_string();
            leaf::uri(w, el, href, UriRule::Iri, Code::InvalidIRI);
            if link.rel == "self" && matches!(el.parent.local, "feed" | "channel") {
                check_self(w, el, href);
            }
        }
        None => w.report(el, Code::MissingHref, "a link needs an href attribute"),
    }
    if let Some(count) = el.attr_ns(THR_NS, "count") {
        if link.rel != "replies" {
            w.report(
                el,
                Code::UnexpectedAttribute,
                "thr:count belongs on a link rel=\"replies\"",
            );
        }
        if !is_non_negative(count) {
            w.report(
                el,
                Code::InvalidNonNegativeInteger,
                format!("thr:count must be a whole number, not {count:?}"),
            );
        }
    }
    if el.attr_ns(THR_NS, "when").is_some() {
        w.report(
            el,
            Code::NoThrWhen,
            "thr:when is not part of the threading extension: use thr:updated",
        );
    }
    if let Some(updated) = el.attr_ns(THR_NS, "updated") {
        if link.rel != "replies" {
            w.report(
                el,
                Code::UnexpectedAttribute,
                "thr:updated belongs on a link rel=\"replies\"",
            );
        }
        leaf::date(w, el, updated, DateRule::Rfc3339, true);
    }
    if el
        .node
        .children()
        .any(|n| n.is_text() && !n.text().unwrap_or("").trim().is_empty())
    {
        w.report(el, Code::AtomLinkNotEmpty, "a link element should be empty");
    }
    link
}

/// The URL the element's relative references resolve against: the
/// document's location with the `xml:base` of the element and its ancestors.
fn base_of(w: &Walker, el: &El) -> Option<url::Url> {
    let mut bases: Vec<&str> = el
        .node
        .ancestors()
        .filter_map(|n| n.attribute((XML_NS, "base")))
        .collect();
    bases.reverse();
    let mut base = w
        .ctx
        .location
        .as_deref()
        .and_then(|l| url::Url::parse(l).ok());
    for b in bases {
        base = match base {
            Some(base) => base.join(b).ok(),
            None => url::Url::parse(b).ok(),
        };
    }
    base
}

/// The self link: absolute, and where the feed is. Without a location
/// (checking a file), it must end with the file's own name.
fn check_self(w: &mut Walker, el: &El, href: &str) {
    let has_host = |value: &str| {
        value.split_once("//").is_some_and(|(scheme, rest)| {
            (scheme.is_empty() || scheme.ends_with(':'))
                && !rest.split(['/', '?', '#']).next().unwrap_or("").is_empty()
        })
    };
    let absolute = has_host(href)
        || el
            .node
            .ancestors()
            .filter_map(|n| n.attribute((XML_NS, "base")))
            .any(has_host);
    if !absolute {
        w.report(
            el,
            Code::RelativeSelf,
            format!("the self link {href:?} should be absolute"),
        );
    }
    match w.ctx.location.clone() {
        Some(location) => {
            let resolved = base_of(w, el)
                .and_then(|base| base.join(href).ok())
                .map(|u| u.to_string())
                .unwrap_or_else(|| href.to_string());
            let same = uris::same;
            let here = base_of(w, el).map(|u| u.to_string()).unwrap_or_default();
            let fragmentless = |s: &str| s.split('#').next().unwrap_or("").to_string();
            let requested = w.ctx.requested.as_deref();
            if !same(&resolved, &location)
                && fragmentless(&resolved) != fragmentless(&here)
                && !same(href, &location)
                && !requested.is_some_and(|r| same(&resolved, r) || same(href, r))
            {
                w.report(
                    el,
                    Code::SelfDoesntMatchLocation,
                    format!("the self link {href:?} is not the feed's location {location:?}"),
                );
            }
        }
        None => {
            let file_name = w.ctx.file_name.clone();
            if file_name.is_empty() || !absolute {
                return;
            }
            let path = href.split(['?', '#']).next().unwrap_or("");
            let after_authority = path.split("://").nth(1).unwrap_or(path);
            let last = after_authority
                .split_once('/')
                .map_or("", |(_, p)| p)
                .rsplit('/')
                .next()
                .unwrap_or("");
            let matches = last == file_name || (last.is_empty() && file_name.starts_with("index."));
            if !matches {
                w.report(
                    el,
                    Code::SelfDoesntMatchLocation,
                    format!(
                        "the self link {href:?} does not end with this file's name {file_name:?}"
                    ),
                );
            }
        }
    }
}
