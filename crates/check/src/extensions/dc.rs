//! Dublin Core (`dc:`), its terms (`dcterms:`), and the RDF elements feeds
//! borrow: the validator's `extension_everywhere`.

use super::{eat, rdf_resource, Scope};
use crate::tree::{Attrs, El, Seen, Value, Walker};
use crate::Code;

/// Checks a Dublin Core, DC terms or RDF element.
pub(super) fn check(w: &mut Walker, el: &El, seen: &Seen, scope: Scope) -> Option<Attrs> {
    let text = Value::Text.leaf();
    let w3cdtf = Value::W3cDtf { bounded: true }.leaf();
    match el.name.prefix {
        "dc" => {
            // "Qualified" Dublin Core: dc:date.modified is read as dc:date.
            let local = el.name.local.split('.').next().unwrap_or("");
            match local {
                "title" | "description" | "type" | "format" => w.leaf(el, seen, text.once()),
                "publisher" => {
                    w.same_meaning(el, seen, ("", "webMaster"), Code::DuplicateSemantics);
                    w.leaf(el, seen, text)
                }
                "contributor" | "identifier" | "relation" | "coverage" => w.leaf(el, seen, text),
                "source" => {
                    w.same_meaning(el, seen, ("", "source"), Code::DuplicateItemSemantics);
                    w.leaf(el, seen, text.once())
                }
                "language" => {
                    w.same_meaning(el, seen, ("", "language"), Code::DuplicateSemantics);
                    w.leaf(el, seen, Value::Language.leaf().once())
                }
                "rights" => {
                    w.same_meaning(el, seen, ("", "copyright"), Code::DuplicateSemantics);
                    w.leaf(el, seen, Value::NonHtml.leaf().once())
                }
                // Atom feeds and entries may have these; channels and items
                // check them themselves, and nothing else may.
                "creator" | "subject" if matches!(scope, Scope::Feed | Scope::Entry) => {
                    w.leaf(el, seen, text)
                }
                "date" if matches!(scope, Scope::Feed | Scope::Entry) => {
                    w.leaf(el, seen, w3cdtf.once())
                }
                _ => None,
            }
        }
        "dcterms" => match el.name.local {
            "alternative" | "audience" => w.leaf(el, seen, text),
            "abstract" | "dateAccepted" | "dateCopyrighted" | "dateSubmitted" | "mediator" => {
                w.leaf(el, seen, text.once())
            }
            "tableOfContents" => {
                w.once(el, seen, Code::DuplicateElement);
                Some(rdf_resource(w, el))
            }
            "created" | "issued" => w.leaf(el, seen, w3cdtf.once()),
            "modified" => {
                w.same_meaning(el, seen, ("", "lastBuildDate"), Code::DuplicateSemantics);
                w.leaf(el, seen, w3cdtf.once())
            }
            "extent" => w.leaf(el, seen, Value::PositiveInteger.leaf().nonblank().once()),
            "isVersionOf" | "hasVersion" | "isReplacedBy" | "replaces" | "isRequiredBy"
            | "requires" | "isPartOf" | "hasPart" | "isReferencedBy" | "references"
            | "isFormatOf" | "hasFormat" | "conformsTo" => Some(rdf_resource(w, el)),
            "valid"
            | "available"
            | "spatial"
            | "temporal"
            | "accessRights"
            | "accrualMethod"
            | "accrualPeriodicity"
            | "accrualPolicy"
            | "bibliographicCitation"
            | "educationLevel"
            | "instructionalMethod"
            | "license"
            | "provenance"
            | "rightsHolder" => eat(w, el),
            _ => None,
        },
        "rdf" => match el.name.local {
            "RDF" | "type" | "Description" => eat(w, el),
            _ => None,
        },
        _ => match el.name.local {
            "seeAlso" => Some(rdf_resource(w, el)),
            _ => None,
        },
    }
}
