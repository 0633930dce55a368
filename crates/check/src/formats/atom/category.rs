//! Atom categories: a term, and a scheme and label if given.

use crate::rules::uris::UriRule;
use crate::tree::{leaf, Attrs, El, Walker};
use crate::Code;

/// Checks an Atom `category`.
pub(crate) fn check(w: &mut Walker, el: &El) -> Attrs {
    match el.attr("term") {
        None => w.report(
            el,
            Code::MissingAttribute,
            "<category> needs a term attribute",
        ),
        Some("") => w.report(el, Code::NotBlank, "a category term should not be blank"),
        Some(_) => {}
    }
    if let Some(scheme) = el.attr("scheme") {
        leaf::uri(w, el, scheme, UriRule::Full, Code::InvalidFullLink);
    }
    if let Some(label) = el.attr("label") {
        w.plain(el, "the category label", label, Code::ContainsHTML);
    }
    w.children(el, |_, _, _| None);
    Attrs::Only(&[("", "term"), ("", "scheme"), ("", "label")])
}
