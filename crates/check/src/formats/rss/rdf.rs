//! The RDF family: RSS 1.0 and 0.90, whose channel, items, image and text
//! input are siblings under `<rdf:RDF>`.

use roxmltree::Node;

use super::channel::{self, Channel, Kind};
use super::{image, item, ROOT};
use crate::rules::uris::UriRule;
use crate::spec::RDF_NS;
use crate::tree::{Attrs, El, FeedType, Name, Walker};
use crate::{Code, Context, Sink};

/// The namespace of RSS 1.0.
const RSS1_NS: &str = "http://purl.org/rss/1.0/";
/// The namespace of RSS 0.90.
const RSS090_NS: &str = "http://my.netscape.com/rdf/simple/0.9/";

/// Checks a document whose root is `<rdf:RDF>`.
pub(crate) fn check_rdf(sink: &mut Sink, root: Node, ctx: &Context) {
    let mut w = Walker::new(sink, ctx);
    w.feed = Some(FeedType::Rss1);
    w.add_default_namespace(RSS1_NS);
    let rdf = El {
        node: root,
        name: Name {
            prefix: "rdf",
            local: "RDF",
        },
        parent: ROOT,
    };
    w.language(&rdf);
    w.attributes(&rdf, Attrs::Only(&[]));
    let mut rss090 = false;
    let mut state = Channel::default();
    let seen = w.children(&rdf, |w, child, seen| {
        match (child.name.prefix, child.name.local) {
            ("rss090", "channel") => {
                rss090 = true;
                w.add_default_namespace(RSS090_NS);
                w.once(child, seen, Code::DuplicateElement);
                Some(channel::check(w, child, Kind::Rss090))
            }
            ("", "channel") => {
                w.once(child, seen, Code::DuplicateElement);
                check_about(w, child);
                if let Some(about) = child.attr_ns(RDF_NS, "about") {
                    w.abouts.insert(about.to_string());
                }
                Some(channel::check(w, child, Kind::Rss1))
            }
            ("", "item") => {
                if let Some(about) = child.attr_ns(RDF_NS, "about") {
                    if !w.abouts.insert(about.to_string()) {
                        w.report(
                            child,
                            Code::DuplicateValue,
                            format!("rdf:about {about:?} is used by another item"),
                        );
                    }
                }
                Some(item::check_rss1(w, child, &mut state, !rss090))
            }
            ("", "textinput") => {
                if !rss090 {
                    check_about(w, child);
                }
                Some(image::check_text_input(w, child))
            }
            ("", "image") => {
                if !rss090 {
                    check_about(w, child);
                }
                Some(image::check_rdf_image(w, child))
            }
            ("cc", "License") | ("taxo", "topic") | ("rdf", "Description") => {
                w.skip(child);
                Some(Attrs::Any)
            }
            _ => None,
        }
    });
    if !seen.has("", "channel") && !seen.has("rss090", "channel") {
        w.report(
            &rdf,
            Code::MissingElement,
            "an RSS 1.0 document must contain a <channel>",
        );
    }
    w.finish();
}

/// An RSS 1.0 element's `rdf:about`: present, and a URI.
pub(super) fn check_about(w: &mut Walker, el: &El) {
    match el.attr_ns(RDF_NS, "about") {
        None => w.report(
            el,
            Code::MissingAttribute,
            format!("<{}> needs an rdf:about attribute", el.name),
        ),
        Some(about) => crate::tree::leaf::uri(w, el, about, UriRule::Reference, Code::InvalidLink),
    }
}

/// Checks the channel's `<items>` list: an `rdf:Seq` of `rdf:li`.
pub(super) fn check_items(w: &mut Walker, el: &El) -> Attrs {
    w.children(el, |w, child, _| {
        match (child.name.prefix, child.name.local) {
            ("rdf", "Seq") => {
                w.children(child, |w, li, _| {
                    if !li.name.is("rdf", "li") {
                        return None;
                    }
                    w.children(li, |_, _, _| None);
                    Some(Attrs::Only(&[("", "resource"), (RDF_NS, "resource")]))
                });
                Some(Attrs::Only(&[]))
            }
            ("", "item") => {
                w.report(
                    child,
                    Code::UndefinedElement,
                    "<item> inside <items>: list the items in an rdf:Seq",
                );
                w.skip(child);
                Some(Attrs::Any)
            }
            _ => None,
        }
    });
    Attrs::Only(&[(RDF_NS, "parseType")])
}
