//! RSS 2.0 and 0.9x (`<rss>`), with the RSS Advisory Board's profile as the
//! W3C validator applies it, and the RDF family (RSS 1.0 and 0.90).

mod channel;
mod enclosure;
mod image;
mod item;
mod rdf;
mod skip;

use roxmltree::Node;

pub(crate) use rdf::check_rdf;

use crate::tree::{Attrs, El, FeedType, Name, Walker};
use crate::xml::{doctype_ids, RSS_091_DTDS};
use crate::{Code, Context, Sink};

/// The name the document element's parent goes by.
pub(crate) const ROOT: Name<'static> = Name {
    prefix: "",
    local: "root",
};

/// Checks a document whose root is `<rss>`.
pub(crate) fn check_rss(sink: &mut Sink, root: Node, ctx: &Context) {
    let doctype = doctype_ids(sink.text());
    let [netscape_dtd, _] = RSS_091_DTDS;
    let mut w = Walker::new(sink, ctx);
    let rss = El {
        node: root,
        name: Name {
            prefix: "",
            local: "rss",
        },
        parent: ROOT,
    };
    if let Some(ns) = root.tag_name().namespace().filter(|ns| !ns.is_empty()) {
        w.report(
            &rss,
            Code::InvalidNamespace,
            format!("<rss> must be in no namespace, not in {ns}"),
        );
        w.add_default_namespace(ns);
    }
    let valid_doctype = doctype
        .as_ref()
        .is_some_and(|(public, system)| RSS_091_DTDS.contains(&(public.as_str(), system.as_str())));
    if doctype
        .as_ref()
        .is_some_and(|(p, s)| (p.as_str(), s.as_str()) == netscape_dtd)
    {
        w.sink.report_whole(
            Code::DeprecatedDTD,
            "the Netscape RSS 0.91 DTD is gone: use http://www.rssboard.org/rss-0.91.dtd, or none",
        );
    }
    w.feed = Some(FeedType::Rss2);
    match rss.attr("version") {
        None => w.report(
            &rss,
            Code::MissingAttribute,
            "<rss> needs a version attribute (\"2.0\")",
        ),
        Some(version) => {
            if valid_doctype && version != "0.91" {
                w.report(
                    &rss,
                    Code::InvalidDoctype,
                    format!("the RSS 0.91 DOCTYPE on an RSS {version} feed"),
                );
            } else if !valid_doctype && !["0.91", "0.92", "2.0"].contains(&version) {
                w.report(
                    &rss,
                    Code::InvalidRSSVersion,
                    format!("RSS version {version:?} does not exist: use \"2.0\""),
                );
            }
            w.rss_version = Some(version.to_string());
        }
    }
    if w.rss_version.is_none() {
        w.rss_version = Some("2.0".into());
    }
    w.attributes(&rss, Attrs::Only(&[("", "version")]));
    w.language(&rss);
    let seen = w.children(&rss, |w, child, seen| match child.name {
        Name {
            prefix: "",
            local: "channel",
        } => {
            w.once(child, seen, Code::DuplicateElement);
            Some(channel::check_rss2(w, child))
        }
        Name {
            prefix: "access",
            local: "restriction",
        } => {
            w.once(child, seen, Code::DuplicateElement);
            Some(crate::extensions::access_restriction(w, child))
        }
        _ => None,
    });
    if !seen.has("", "channel") {
        w.report(&rss, Code::MissingElement, "<rss> must contain a <channel>");
    }
    w.finish();
}
