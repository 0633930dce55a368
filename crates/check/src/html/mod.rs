//! Checks on HTML carried inside feeds (RSS `description` and
//! `content:encoded`, Atom `type="html"`, JSON Feed `content_html`), and on
//! plain-text elements that should hold no HTML.
//!
//! The W3C validator parses the HTML strictly and stops at the first parse
//! error (`NotHtml`); only HTML that parses is then checked element by
//! element.

mod parse;
mod style;

use std::sync::LazyLock;

use html5ever::data::NAMED_ENTITIES;
use regex::Regex;

use parse::{first_parse_error, tokenize, Event};
use style::style_is_safe;

use crate::spec::{ACCEPTABLE_ELEMENTS, NOT_KNOWN};
use crate::{Code, Sink};

/// Known HTML elements that may carry scripts or change the page around the feed.
const SECURITY_RISK_ELEMENTS: &[&str] = &[
    "applet",
    "base",
    "basefont",
    "bdo",
    "body",
    "comment",
    "embed",
    "frame",
    "frameset",
    "head",
    "html",
    "iframe",
    "isindex",
    "link",
    "listing",
    "meta",
    "noframes",
    "object",
    "param",
    "plaintext",
    "script",
    "slot",
    "style",
    "title",
    "xmp",
];

/// Whether `name` is an HTML element the W3C validator knows.
fn is_known_html(name: &str) -> bool {
    (ACCEPTABLE_ELEMENTS.contains(&name) && !NOT_KNOWN.contains(&name))
        || SECURITY_RISK_ELEMENTS.contains(&name)
}

/// Compiles every pattern of this module now rather than at its first use.
pub(crate) fn compile_patterns() {
    style::compile_patterns();
    for pattern in [
        &ANCHOR_HREF,
        &IMG_SRC,
        &ABSOLUTE,
        &END_TAG,
        &ENTITY,
        &CHAR_DATA,
    ] {
        LazyLock::force(pattern);
    }
}

/// Checks HTML found in element `what` at `pos`; `relative_refs` turns on the
/// relative-URL scan the W3C validator runs on RSS descriptions.
pub(crate) fn check_html(sink: &mut Sink, pos: usize, what: &str, html: &str, relative_refs: bool) {
    let events = tokenize(html);
    if let Some(problem) = first_parse_error(html, &events) {
        sink.report(
            pos,
            Code::NotHtml,
            format!("{what} has invalid HTML: {problem}"),
        );
    } else {
        let mut reported: Vec<(Code, String)> = Vec::new();
        let mut report = |sink: &mut Sink, code: Code, detail: String, message: String| {
            if !reported.iter().any(|(c, d)| *c == code && *d == detail) {
                sink.report(pos, code, message);
                reported.push((code, detail));
            }
        };
        for event in &events {
            let Event::Start { name, attrs, .. } = event else {
                continue;
            };
            if !is_known_html(name) {
                report(
                    sink,
                    Code::NotHtml,
                    name.clone(),
                    format!("{what} has a non-HTML tag <{name}>"),
                );
            } else if !ACCEPTABLE_ELEMENTS.contains(&name.as_str()) {
                report(
                    sink,
                    Code::SecurityRisk,
                    name.clone(),
                    format!("{what} should not contain the <{name}> tag: readers strip it"),
                );
            } else {
                for (attr, value) in attrs {
                    let attr = attr.to_ascii_lowercase();
                    if attr == "style" {
                        if !style_is_safe(value) {
                            report(
                                sink,
                                Code::DangerousStyleAttr,
                                value.clone(),
                                format!(
                                    "{what} has a style attribute readers will strip: {value:?}"
                                ),
                            );
                        }
                    } else if attr.starts_with("on") {
                        report(
                            sink,
                            Code::SecurityRiskAttr,
                            attr.clone(),
                            format!("{what} should not contain the {attr} attribute (on <{name}>)"),
                        );
                    }
                }
            }
        }
        if html.contains("<?import ") {
            sink.report(
                pos,
                Code::SecurityRisk,
                format!("{what} should not contain <?import"),
            );
        }
    }
    if relative_refs {
        if let Some(reference) = relative_reference(html) {
            sink.report(
                pos,
                Code::ContainsRelRef,
                format!("{what} has a relative URL {reference:?}: readers cannot resolve it; make it absolute"),
            );
        }
    }
}

static ANCHOR_HREF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<a\s+href=(?:"([^"\n]*)"|'([^'\n]*)'|([\w-]+))"#).expect("a valid pattern")
});
static IMG_SRC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<img\s+[^>]*src=(?:"([^"\n]*)"|'([^'\n]*)'|([\w-]+))[\s>/]"#)
        .expect("a valid pattern")
});
static ABSOLUTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w+:").expect("a valid pattern"));

/// The first relative URL in an `<img src>` or a first-attribute `<a href>`, as
/// the W3C validator scans for them (a pattern scan, not a parse).
fn relative_reference(html: &str) -> Option<String> {
    IMG_SRC
        .captures_iter(html)
        .chain(ANCHOR_HREF.captures_iter(html))
        .filter_map(|caps| {
            caps.get(1)
                .or_else(|| caps.get(2))
                .or_else(|| caps.get(3))
                .map(|m| m.as_str().to_string())
        })
        .find(|reference| !ABSOLUTE.is_match(&decode_references(reference)))
}

/// HTML character references decoded (enough to see a URL's scheme).
fn decode_references(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let decoded = after.find(';').and_then(|end| {
            let name = &after[..end];
            let c = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
            } else if let Some(num) = name.strip_prefix('#') {
                num.parse().ok().and_then(char::from_u32)
            } else {
                NAMED_ENTITIES
                    .get(&format!("{name};"))
                    .and_then(|v| char::from_u32(v.0))
                    .filter(|&c| c != '\0')
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

static END_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</(\w+)>").expect("a valid pattern"));
static ENTITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&(#?\w+);").expect("a valid pattern"));
static CHAR_DATA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&#[xX0-9]|<[a-zA-Z/]").expect("a valid pattern"));

/// Checks an element that holds plain text: HTML in it is shown as markup, or
/// guessed at. `code` names the message (`ContainsHTML`, `ContainsUndeclaredHTML`);
/// `rss` adds the RSS profile's `CharacterData` rule.
pub(crate) fn check_plain(
    sink: &mut Sink,
    pos: usize,
    what: &str,
    text: &str,
    code: Code,
    rss: bool,
) {
    let hex_on_line = sink.line_text(pos).contains("&#x");
    let end_tag = END_TAG.captures_iter(text).find_map(|caps| {
        let name = caps.get(1)?.as_str().to_ascii_lowercase();
        is_known_html(&name).then_some(name)
    });
    if let Some(name) = end_tag {
        sink.report(
            pos,
            code,
            format!("{what} should be plain text but contains HTML (</{name}>)"),
        );
        return;
    }
    if !hex_on_line {
        let entity = ENTITY.captures_iter(text).find_map(|caps| {
            let name = caps.get(1)?.as_str();
            let known = !name.chars().all(char::is_alphabetic)
                || NAMED_ENTITIES
                    .get(&format!("{name};"))
                    .is_some_and(|v| v.0 != 0);
            known.then(|| name.to_string())
        });
        if let Some(name) = entity {
            sink.report(
                pos,
                code,
                format!("{what} should be plain text but contains the entity &{name};"),
            );
            return;
        }
        if rss && CHAR_DATA.is_match(text) {
            sink.report(
                pos,
                Code::CharacterData,
                format!("{what}: encode \"&\" and \"<\" in plain text as &#x26; and &#x3C;"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_references() {
        assert_eq!(
            relative_reference("<a href=\"/x\">x</a>").as_deref(),
            Some("/x")
        );
        assert_eq!(
            relative_reference("<img alt=\"\" src=\"a.png\">").as_deref(),
            Some("a.png")
        );
        assert_eq!(
            relative_reference("<a href=\"#fn1\">1</a>").as_deref(),
            Some("#fn1")
        );
        assert_eq!(relative_reference("<a href=\"https://x/\">x</a>"), None);
        assert_eq!(relative_reference("<a href=\"http&#58;//x/\">x</a>"), None);
        // Only a first-attribute href counts, as in the W3C scan.
        assert_eq!(relative_reference("<a class=\"c\" href=\"/x\">x</a>"), None);
    }
}
