//! Atom persons (`author`, `contributor`), in Atom and borrowed by RSS.

use crate::rules::uris::UriRule;
use crate::spec::RDF_NS;
use crate::tree::{Attrs, El, Value, Walker};
use crate::Code;

/// Checks a person construct: a name, and an e-mail address and URI if given.
pub(crate) fn check(w: &mut Walker, el: &El) -> Attrs {
    let seen = w.children(el, |w, child, seen| {
        match (child.name.prefix, child.name.local) {
            ("" | "atom", "name") => w.leaf(
                child,
                seen,
                Value::NonHtml.leaf().and(Value::NonEmail).nonblank().once(),
            ),
            ("" | "atom", "email") => w.leaf(child, seen, Value::AddrSpec.leaf().once()),
            ("" | "atom", "uri") => w.leaf(
                child,
                seen,
                Value::Uri(UriRule::Iri, Code::InvalidIRI)
                    .leaf()
                    .nonblank()
                    .nows()
                    .once(),
            ),
            ("foaf", "workplaceHomepage" | "homepage" | "weblog") => {
                Some(crate::extensions::rdf_resource(w, child))
            }
            ("foaf", "plan" | "firstName") => w.leaf(child, seen, Value::Text.leaf()),
            ("xhtml", "div") => {
                w.skip(child);
                Some(Attrs::Any)
            }
            _ => None,
        }
    });
    if !seen.has("", "name") && !seen.has("atom", "name") {
        w.report(
            el,
            Code::MissingElement,
            format!("<{}> must contain a <name>", el.name),
        );
    }
    Attrs::Only(&[(RDF_NS, "parseType")])
}
