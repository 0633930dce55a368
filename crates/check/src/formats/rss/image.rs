//! `<image>` and `<textInput>`, in a channel or (RSS 1.0) beside it.

use super::channel::{full_link, Channel};
use crate::extensions::{self, Scope};
use crate::spec::RDF_NS;
use crate::tree::leaf::python_int;
use crate::tree::{Attrs, El, Seen, Value, Walker};
use crate::Code;

/// The Dublin Core elements an image or text input may hold, beside the
/// ones every element may.
fn dublin_core(w: &mut Walker, child: &El, seen: &Seen) -> Option<Attrs> {
    match (child.name.prefix, child.name.local) {
        ("dc", "creator" | "subject") => w.leaf(child, seen, Value::Text.leaf()),
        ("dc", "date") => w.leaf(child, seen, Value::W3cDtf { bounded: true }.leaf().once()),
        ("cc", "license") => {
            w.skip(child);
            Some(Attrs::Any)
        }
        _ => extensions::check(w, child, seen, Scope::Everywhere),
    }
}

/// An image's title: not blank, plain text, and (in a channel) the channel's title.
fn title(w: &mut Walker, child: &El, seen: &Seen, channel_title: Option<&str>) -> Option<Attrs> {
    let value = child.text();
    let value = value.trim();
    let leaf = if value.is_empty() {
        Value::Text.leaf().once().nonblank()
    } else {
        Value::NonHtml.leaf().once()
    };
    let attrs = w.leaf(child, seen, leaf);
    if channel_title.is_some_and(|t| !t.is_empty() && t != value) {
        w.report(
            child,
            Code::ImageTitleDoesntMatch,
            "the image's title should be the channel's title",
        );
    }
    attrs
}

/// An image's width or height: a whole number from 1 to `max` pixels.
fn size(w: &mut Walker, el: &El, seen: &Seen, max: i128, code: Code) -> Option<Attrs> {
    let attrs = w.leaf(el, seen, Value::Text.leaf().once());
    if !python_int(&el.text()).is_some_and(|n| (1..=max).contains(&n)) {
        w.report(
            el,
            code,
            format!(
                "the image {} must be a whole number from 1 to {max}",
                el.name
            ),
        );
    }
    attrs
}

/// Checks a channel's `<image>` (RSS 2.0, or RSS 1.0's reference to one).
pub(super) fn check_image(w: &mut Walker, el: &El, channel: &Channel) -> Attrs {
    let seen = w.children(el, |w, child, seen| {
        match (child.name.prefix, child.name.local) {
            ("", "title") => title(w, child, seen, channel.title.as_deref()),
            ("", "link") => {
                let attrs = w.leaf(child, seen, full_link().once());
                let value = child.text();
                if channel
                    .link
                    .as_deref()
                    .is_some_and(|l| !l.is_empty() && l != value.trim())
                {
                    w.report(
                        child,
                        Code::ImageLinkDoesntMatch,
                        "the image's link should be the channel's link",
                    );
                }
                attrs
            }
            ("", "url") => {
                let attrs = w.leaf(child, seen, full_link().once());
                let url = child.text();
                let extension = url.trim().rsplit('.').next().unwrap_or("").to_lowercase();
                let word = !extension.is_empty()
                    && extension.chars().all(|c| c.is_alphanumeric() || c == '_');
                if word && !["jpg", "jpeg", "gif", "png"].contains(&extension.as_str()) {
                    w.report(
                        child,
                        Code::ImageUrlFormat,
                        "the channel image should be a JPEG, GIF or PNG",
                    );
                }
                attrs
            }
            ("", "width") => size(w, child, seen, 144, Code::InvalidWidth),
            ("", "height") => size(w, child, seen, 400, Code::InvalidHeight),
            ("", "description") => w.leaf(child, seen, Value::NonHtml.leaf().once()),
            _ => dublin_core(w, child, seen),
        }
    });
    if el.attr_ns(RDF_NS, "resource").is_none() {
        if !seen.has("", "title") {
            w.report(el, Code::MissingTitle, "<image> must contain a <title>");
        }
        if !seen.has("", "url") {
            w.report(el, Code::MissingElement, "<image> must contain a <url>");
        }
        if el.attr_ns(RDF_NS, "parseType").is_none() && !seen.has("", "link") {
            w.report(el, Code::MissingLink, "<image> must contain a <link>");
        }
    }
    Attrs::Only(&[
        (RDF_NS, "resource"),
        (RDF_NS, "about"),
        (RDF_NS, "parseType"),
    ])
}

/// Checks an RSS 1.0 (or 0.90) `<image>` beside the channel.
pub(super) fn check_rdf_image(w: &mut Walker, el: &El) -> Attrs {
    let seen = w.children(el, |w, child, seen| {
        match (child.name.prefix, child.name.local) {
            ("", "title") => title(w, child, seen, None),
            ("", "link" | "url") => w.leaf(child, seen, full_link().once()),
            _ => dublin_core(w, child, seen),
        }
    });
    for (name, code) in [
        ("title", Code::MissingTitle),
        ("link", Code::MissingLink),
        ("url", Code::MissingElement),
    ] {
        if !seen.has("", name) {
            w.report(el, code, format!("<image> must contain a <{name}>"));
        }
    }
    Attrs::Only(&[(RDF_NS, "about")])
}

/// Checks a `<textInput>` (or RSS 1.0's `<textinput>`).
pub(super) fn check_text_input(w: &mut Walker, el: &El) -> Attrs {
    let seen = w.children(el, |w, child, seen| {
        match (child.name.prefix, child.name.local) {
            ("", "title") => w.leaf(child, seen, Value::NonHtml.leaf().once()),
            ("", "description") => w.leaf(child, seen, Value::Text.leaf().once()),
            ("", "name") => w.leaf(child, seen, Value::FormName.leaf().once()),
            ("", "link") => w.leaf(child, seen, full_link().once()),
            _ => dublin_core(w, child, seen),
        }
    });
    for (name, code) in [
        ("title", Code::MissingTitle),
        ("link", Code::MissingLink),
        ("description", Code::MissingDescription),
        ("name", Code::MissingElement),
    ] {
        if !seen.has("", name) {
            w.report(el, code, format!("<{}> must contain a <{name}>", el.name));
        }
    }
    Attrs::Only(&[(RDF_NS, "about")])
}
