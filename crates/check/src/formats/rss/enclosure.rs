//! `<enclosure>`: a media file's URL, length in bytes and MIME type.

use crate::tree::leaf::{is_http_url, is_mime_type, python_int};
use crate::tree::{Attrs, El, Walker};
use crate::Code;

/// Checks an enclosure's three required attributes.
pub(super) fn check(w: &mut Walker, el: &El) -> Attrs {
    match el.attr("length").map(|l| (l, python_int(l))) {
        None => w.report(
            el,
            Code::MissingAttribute,
            "<enclosure> needs a length attribute (bytes; 0 when unknown)",
        ),
        Some((_, Some(-1))) => w.report(
            el,
            Code::UseZeroForUnknown,
            "an unknown enclosure length is written 0, not -1",
        ),
        Some((length, Some(n))) if n < 0 => w.report(
            el,
            Code::InvalidNonNegativeInteger,
            format!("the enclosure length must not be negative: {length:?}"),
        ),
        Some((_, Some(_))) => {}
        Some((length, None)) => w.report(
            el,
            Code::InvalidIntegerAttribute,
            format!("the enclosure length must be a whole number of bytes, not {length:?}"),
        ),
    }
    match el.attr("type") {
        None => w.report(
            el,
            Code::MissingAttribute,
            "<enclosure> needs a type attribute (a MIME type)",
        ),
        Some(media_type) if !is_mime_type(media_type) => w.report(
            el,
            Code::InvalidMIMEAttribute,
            format!("the enclosure type {media_type:?} is not a MIME type"),
        ),
        Some(_) => {}
    }
    match el.attr("url") {
        None => w.report(
            el,
            Code::MissingAttribute,
            "<enclosure> needs a url attribute",
        ),
        Some(url) if !is_http_url(url) => w.report(
            el,
            Code::InvalidURLAttribute,
            format!("the enclosure url must be an absolute http(s) URL, not {url:?}"),
        ),
        Some(_) => {}
    }
    w.children(el, |_, _, _| None);
    Attrs::Only(&[("", "url"), ("", "length"), ("", "type")])
}
