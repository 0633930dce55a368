//! The extension namespaces the W3C validator knows, with its rules for
//! each: which elements each namespace defines, where they may appear (the
//! validator's `extension_everywhere`, `extension_channel`,
//! `extension_item`, ... mix-ins), and what their values must be. An element
//! of a known namespace that the namespace does not define, or that does not
//! belong where it is, is `UndefinedElement`.

mod dc;
mod geo;
mod google_base;
pub(crate) mod itunes;
mod media;
mod modules;
mod sse;

use crate::rules::uris::UriRule;
use crate::spec::RDF_NS;
use crate::tree::{leaf, Attrs, El, Seen, Walker};
use crate::Code;

/// Where an extension element is, which decides what may appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Inside an image, text input or `media:content`: only what is valid everywhere.
    Everywhere,
    /// An RSS channel.
    Channel,
    /// An Atom feed.
    Feed,
    /// An RSS 2.0 item.
    Rss20Item,
    /// An RSS 1.0 item.
    Rss10Item,
    /// An Atom entry.
    Entry,
}

impl Scope {
    /// A channel or a feed.
    pub(crate) fn is_channel(self) -> bool {
        matches!(self, Scope::Channel | Scope::Feed)
    }

    /// An item or an entry.
    pub(crate) fn is_item(self) -> bool {
        matches!(self, Scope::Rss20Item | Scope::Rss10Item | Scope::Entry)
    }
}

/// Checks an extension element in `scope`; `None` when it is not defined there.
pub(crate) fn check(w: &mut Walker, el: &El, seen: &Seen, scope: Scope) -> Option<Attrs> {
    match el.name.prefix {
        "dc" | "dcterms" | "rdf" | "rdfs" => dc::check(w, el, seen, scope),
        "geo" | "geourl" | "georss" | "icbm" | "opml" => geo::check(w, el, seen, scope),
        "media" => media::check(w, el, seen, scope),
        "itunes" => itunes::check(w, el, seen, scope),
        "g" => google_base::check(w, el, seen, scope),
        "sx" => sse::check(w, el, seen, scope),
        _ => modules::check(w, el, seen, scope),
    }
}

/// An element whose value is the URI in its `rdf:resource` (the validator's
/// `rdfResourceURI`), which RSS 1.0 requires.
pub(crate) fn rdf_resource(w: &mut Walker, el: &El) -> Attrs {
    match el.attr_ns(RDF_NS, "resource") {
        Some(resource) => leaf::uri(w, el, resource, UriRule::Reference, Code::InvalidLink),
        None if w.is_rss1() => w.report(
            el,
            Code::MissingAttribute,
            format!("<{}> needs an rdf:resource attribute", el.name),
        ),
        None => {}
    }
    w.text_only(el);
    Attrs::Only(&[
        (RDF_NS, "resource"),
        ("http://purl.org/dc/elements/1.1/", "title"),
    ])
}

/// A restriction's `relationship`: `allow` or `deny` (`code` otherwise).
pub(crate) fn allow_or_deny(w: &mut Walker, el: &El, code: Code) {
    match el.attr("relationship").filter(|r| !r.is_empty()) {
        None => w.report(
            el,
            Code::MissingAttribute,
            format!("<{}> needs a relationship attribute", el.name),
        ),
        Some("allow" | "deny") => {}
        Some(other) => w.report(
            el,
            code,
            format!("the relationship must be allow or deny, not {other:?}"),
        ),
    }
}

/// `access:restriction`: whether aggregators may show the feed.
pub(crate) fn access_restriction(w: &mut Walker, el: &El) -> Attrs {
    allow_or_deny(w, el, Code::InvalidAccessRestrictionRel);
    w.text_only(el);
    Attrs::Only(&[("", "relationship")])
}

/// A leaf element not checked at all (the validator's `eater`).
pub(crate) fn eat(w: &mut Walker, el: &El) -> Option<Attrs> {
    w.skip(el);
    Some(Attrs::Any)
}
