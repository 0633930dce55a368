//! Atom 1.0 (RFC 4287) as the W3C validator reads it: feed documents,
//! entry documents, and the Atom elements RSS borrows.

pub(crate) mod category;
mod entry;
mod feed;
pub(crate) mod link;
pub(crate) mod person;
pub(crate) mod text;

use roxmltree::Node;

use crate::formats::rss::ROOT;
use crate::rules::uris::UriRule;
use crate::spec::ATOM_NS;
use crate::tree::{leaf, Attrs, El, FeedType, Name, Walker};
use crate::{Code, Context, Sink};

/// The namespace of Atom 0.3, an obsolete draft.
pub(crate) const ATOM_03_NS: &str = "http://purl.org/atom/ns#";

/// Checks a document whose root is an Atom `<feed>` or `<entry>`.
pub(crate) fn check(sink: &mut Sink, root: Node, ctx: &Context) {
    let mut w = Walker::new(sink, ctx);
    let local = root.tag_name().name();
    let el = El {
        node: root,
        name: Name { prefix: "", local },
        parent: ROOT,
    };
    match root.tag_name().namespace().filter(|ns| !ns.is_empty()) {
        Some(ATOM_03_NS) => {
            w.report(
                &el,
                Code::ObsoleteNamespace,
                "this is an Atom 0.3 feed, an obsolete draft: publish Atom 1.0 (RFC 4287)",
            );
            return;
        }
        None => w.report(
            &el,
            Code::MissingNamespace,
            format!("<{local}> is in no namespace: an Atom document declares xmlns=\"http://www.w3.org/2005/Atom\""),
        ),
        Some(ns) => {
            w.feed = Some(if local == "feed" {
                FeedType::Atom
            } else {
                FeedType::AtomEntry
            });
            w.add_default_namespace(ATOM_NS);
            if ns != ATOM_NS {
                w.report(
                    &el,
                    Code::InvalidNamespace,
                    format!("<{local}> must be in the Atom namespace, not in {ns}"),
                );
                w.add_default_namespace(ns);
            }
        }
    }
    w.language(&el);
    let attrs = if local == "feed" {
        feed::check(&mut w, &el)
    } else {
        entry::check(&mut w, &el, &mut feed::Entries::default(), false)
    };
    w.attributes(&el, attrs);
    w.finish();
}

/// `generator`: plain text naming the software, its `uri` a URI.
pub(crate) fn generator(w: &mut Walker, el: &El, nonblank: bool) -> Attrs {
    if let Some(uri) = el.attr("uri") {
        leaf::uri(w, el, uri, UriRule::Reference, Code::InvalidURIAttribute);
    }
    if let Some(url) = el.attr("url") {
        leaf::uri(w, el, url, UriRule::Reference, Code::InvalidLink);
    }
    let value = el.text();
    if nonblank && value.trim().is_empty() {
        w.report(el, Code::NotBlank, "<generator> should name the generator");
    }
    w.plain(el, "<generator>", value.trim(), Code::ContainsHTML);
    w.text_only(el);
    Attrs::Only(&[("", "uri"), ("", "version")])
}
