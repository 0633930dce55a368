//! Atom text constructs (`title`, `subtitle`, `rights`, `summary`) and
//! `content`: their type, their text or markup, and XHTML in a `div`.

use roxmltree::Node;

use crate::rules::uris::UriRule;
use crate::spec::{ACCEPTABLE_ELEMENTS, XHTML_NS};
use crate::tree::leaf::{self, is_mime_type};
use crate::tree::{known_prefix, Attrs, El, Walker};
use crate::Code;

/// Which kind of element is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Construct {
    /// A text construct: `type` is text, html or xhtml.
    Text,
    /// `content`: `type` may also be a media type.
    Content,
}

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const MATHML_NS: &str = "http://www.w3.org/1998/Math/MathML";

/// Checks a text construct or `content`.
pub(crate) fn check(w: &mut Walker, el: &El, construct: Construct) -> Attrs {
    let src = el.attr("src");
    let mut kind = if src.is_some() { "" } else { "text" };
    if src.is_none() && w.is_rss2() && !el.name.is("atom", "summary") {
        w.report(
            el,
            Code::DuplicateDescriptionSemantics,
            format!(
                "<{}> repeats what the RSS elements say: leave it out",
                el.name
            ),
        );
    }
    if let Some(given) = el.attr("type") {
        kind = given;
        if given.is_empty() {
            w.report(
                el,
                Code::AttrNotBlank,
                format!("the type of <{}> should not be blank", el.name),
            );
        }
    }
    match construct {
        Construct::Text if kind.contains('/') => w.report(
            el,
            Code::InvalidTextType,
            format!(
                "<{}> type must be text, html or xhtml, not {kind:?}",
                el.name
            ),
        ),
        Construct::Content if kind == "multipart/alternative" => w.report(
            el,
            Code::InvalidMIMEType,
            "content cannot be multipart/alternative",
        ),
        _ => {}
    }
    if let Some(src) = src {
        leaf::uri(w, el, src, UriRule::Reference, Code::InvalidURIAttribute);
        if el.attr("type").is_none() {
            w.report(
                el,
                Code::MissingTypeAttr,
                "content with src should say its type",
            );
        }
    }
    let named_kind = ["text", "html", "xhtml"].contains(&kind) && src.is_none();
    if !named_kind && !kind.is_empty() && !is_mime_type(kind) {
        w.report(
            el,
            Code::InvalidMIMEType,
            format!(
                "<{}> type must be text, html, xhtml or a MIME type, not {kind:?}",
                el.name
            ),
        );
    }
    let value = contents(w, el, kind);
    let empty = value.is_empty();
    let has_elements = el.has_elements();
    let what = format!("<{}>", el.name);
    let plain = |w: &mut Walker, value: &str, code: Code| w.plain(el, &what, value, code);
    match kind {
        "xhtml" => plain(w, &value, Code::NotInline),
        "text" => plain(w, &value, Code::ContainsUndeclaredHTML),
        _ => {
            let mut html_kind = kind == "html";
            let mut value = value;
            let binary = kind.contains('/')
                && !(kind.ends_with("+xml") || kind.ends_with("/xml") || kind.starts_with("text/"));
            if binary {
                match base64(&value) {
                    Some(bytes) => {
                        if kind.ends_with("/html") {
                            html_kind = true;
                            value = String::from_utf8_lossy(&bytes).into_owned();
                        }
                    }
                    None => w.report(
                        el,
                        Code::NotBase64,
                        format!("<{}> of type {kind} must be base64-encoded", el.name),
                    ),
                }
            }
            if html_kind || kind.ends_with("/html") {
                w.html(el, &value, false);
                if kind.ends_with("/html") && !value.contains("<html") && src.is_none() {
                    w.report(
                        el,
                        Code::HtmlFragment,
                        format!(
                            "a fragment of HTML in <{}> should use type=\"html\"",
                            el.name
                        ),
                    );
                }
            } else {
                plain(w, &value, Code::ContainsUndeclaredHTML);
            }
        }
    }
    if empty && !has_elements && src.is_none() {
        w.report(
            el,
            Code::NotBlank,
            format!("an empty <{}> should be left out", el.name),
        );
    }
    if el.attr("mode") == Some("escaped") && has_elements {
        w.report(
            el,
            Code::NotEscaped,
            format!("<{}> says mode=\"escaped\" but holds markup", el.name),
        );
    }
    Attrs::Only(&[("", "type"), ("", "src")])
}

/// The construct's text as the validator reads it (with an XHTML `div`'s
/// own text when the div holds no elements), checking its child elements.
fn contents(w: &mut Walker, el: &El, kind: &str) -> String {
    let mut value = String::new();
    let mut seen_element = false;
    let xml_kind = kind.ends_with("+xml") || kind.ends_with("/xml");
    for node in el.node.children() {
        if node.is_text() {
            let text = node.text().unwrap_or("");
            if !text.trim().is_empty() {
                if kind == "xhtml" && value.trim().is_empty() && !seen_element {
                    w.report(
                        el,
                        Code::MissingXhtmlDiv,
                        format!("xhtml <{}> must wrap its content in an xhtml:div", el.name),
                    );
                } else if seen_element {
                    w.sink.report(
                        node.range().start,
                        Code::UnexpectedText,
                        format!("<{}> holds text beside its elements", el.name),
                    );
                }
            }
            value.push_str(text);
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let ns = node.tag_name().namespace().unwrap_or("");
        let local = node.tag_name().name();
        let is_div = ns == XHTML_NS && local == "div";
        let at = node.range().start;
        if kind != "xhtml" && !xml_kind {
            w.sink.report(
                at,
                Code::UndefinedElement,
                format!("<{local}> inside <{}>, whose type is {kind:?}: escape the markup or use type=\"xhtml\"", el.name),
            );
        }
        if kind == "xhtml" {
            if !is_div && value.trim().is_empty() {
                w.report(
                    el,
                    Code::MissingXhtmlDiv,
                    format!("xhtml <{}> must wrap its content in an xhtml:div", el.name),
                );
                if local == "div" {
                    w.sink.report(
                        at,
                        Code::NotHtml,
                        format!("the div in <{}> is not in the XHTML namespace", el.name),
                    );
                }
            } else if ns != XHTML_NS {
                w.sink.report(
                    at,
                    Code::NotHtml,
                    format!("<{local}> in <{}> is not XHTML", el.name),
                );
            }
        }
        if kind == "application/xhtml+xml" {
            if local != "html" {
                w.sink.report(
                    at,
                    Code::HtmlFragment,
                    format!(
                        "<{}> of type application/xhtml+xml holds a fragment, not a document",
                        el.name
                    ),
                );
            } else if ns != XHTML_NS {
                w.sink.report(
                    at,
                    Code::NotHtml,
                    "the <html> is not in the XHTML namespace",
                );
            }
        }
        if is_div {
            let mixed = xhtml_children(w, node);
            if !mixed {
                for text in node.children().filter(Node::is_text) {
                    value.push_str(text.text().unwrap_or(""));
                }
            }
        }
        seen_element = true;
    }
    value
}

/// Checks the elements inside an XHTML `div` as the validator's `diveater`
/// does; whether there were any (the div's text is then no plain text).
fn xhtml_children(w: &mut Walker, div: Node) -> bool {
    let mut mixed = false;
    for node in div.children().filter(Node::is_element) {
        let at = node.range().start;
        let local = node.tag_name().name();
        match node.tag_name().namespace().filter(|ns| !ns.is_empty()) {
            None => w.sink.report(
                at,
                Code::MissingNamespace,
                format!("<{local}> in XHTML content is in no namespace"),
            ),
            Some(XHTML_NS) => {
                if !crate::html::is_known_html(local) {
                    w.sink.report(
                        at,
                        Code::NotHtml,
                        format!("<{local}> is not an XHTML element"),
                    );
                } else if !ACCEPTABLE_ELEMENTS.contains(&local) {
                    w.sink.report(
                        at,
                        Code::SecurityRisk,
                        format!("XHTML content should not contain <{local}>"),
                    );
                }
                for attr in node.attributes().filter(|a| a.namespace().is_none()) {
                    if attr.name() == "style" {
                        if !crate::html::style_is_safe(attr.value()) {
                            w.sink.report(
                                at,
                                Code::DangerousStyleAttr,
                                format!("a style attribute readers will strip: {:?}", attr.value()),
                            );
                        }
                    } else if attr.name().starts_with("on") {
                        w.sink.report(
                            at,
                            Code::SecurityRiskAttr,
                            format!(
                                "XHTML content should not contain the {} attribute",
                                attr.name()
                            ),
                        );
                    }
                }
            }
            Some(SVG_NS | MATHML_NS) => {}
            Some(uri) => {
                if known_prefix(uri).is_some() && div.tag_name().name() != "metadata" {
                    w.sink.report(
                        at,
                        Code::UndefinedElement,
                        format!("<{local}> does not belong in XHTML content"),
                    );
                }
                mixed = true;
                continue;
            }
        }
        mixed = true;
        xhtml_children(w, node);
    }
    mixed
}

/// Decodes base64 as Python's `base64.decodebytes` does: characters
/// outside the alphabet are skipped, and padding ends the data.
fn base64(text: &str) -> Option<Vec<u8>> {
    if !text.is_ascii() {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut quad, mut pads, mut buffer) = (0u32, 0u32, 0u32);
    for c in text.bytes() {
        if c == b'=' {
            pads += 1;
            if quad >= 2 && quad + pads >= 4 {
                let bytes = (buffer << (6 * (4 - quad))).to_be_bytes();
                out.extend_from_slice(&bytes[1..quad as usize]);
                return Some(out);
            }
            continue;
        }
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        pads = 0;
        buffer = (buffer << 6) | u32::from(value);
        quad += 1;
        if quad == 4 {
            out.extend_from_slice(&buffer.to_be_bytes()[1..]);
            quad = 0;
            buffer = 0;
        }
    }
    (quad == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_python_reads_it() {
        assert_eq!(base64("aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64("aGV sbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64("PHA+aGk8L3A+").as_deref(), Some(&b"<p>hi</p>"[..]));
        assert_eq!(base64("ab==cd").as_deref(), Some(&b"i"[..]));
        assert_eq!(base64("!!!!").as_deref(), Some(&b""[..]));
        for bad in ["aGVsbG8", "aGVsb", "a===", "ab=c", "ab="] {
            assert!(base64(bad).is_none(), "{bad}");
        }
    }
}
