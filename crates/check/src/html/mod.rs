//! Checks on HTML carried inside feeds (RSS `description` and
//! `content:encoded`, Atom `type="html"`, JSON Feed `content_html`), and on
//! plain-text elements that should hold no HTML.
//!
//! The W3C validator parses the HTML strictly and stops at the first parse
//! error (`NotHtml`); only HTML that parses is then checked element by
//! element.

mod entities;
mod parse;
mod style;

use std::sync::LazyLock;

use regex::Regex;

pub(crate) use entities::html4_entity;
use parse::{first_parse_error, tokenize, Event};
pub(crate) use style::style_is_safe;

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
pub(crate) fn is_known_html(name: &str) -> bool {
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
        &REFERENCE,
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
        relative_references(sink, pos, what, html);
    }
}

static ANCHOR_HREF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<a\s+href=(?:"(.*?)"|'(.*?)'|([\w-]+))[\s>]"#).expect("a valid pattern")
});
static IMG_SRC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<img\s+[^>]*src=(?:"(.*?)"|'(.*?)'|([\w-]+))[\s>]"#).expect("a valid pattern")
});
static ABSOLUTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w+:").expect("a valid pattern"));
static REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&#?(\w+);").expect("a valid pattern"));

/// The references in `<img src>` and first-attribute `<a href>`, as the W3C
/// validator scans for them (a pattern scan, not a parse).
fn references(html: &str) -> impl Iterator<Item = String> + '_ {
    IMG_SRC
        .captures_iter(html)
        .chain(ANCHOR_HREF.captures_iter(html))
        .filter_map(|caps| {
            let found = [1, 2, 3]
                .iter()
                .filter_map(|&i| caps.get(i))
                .map(|m| m.as_str())
                .find(|s| !s.is_empty())?;
            Some(decode_references(found).trim().to_string())
        })
}

/// Relative URLs in HTML, which readers cannot resolve (`ContainsRelRef`),
/// and characters no URL holds (`InvalidUriChar`).
fn relative_references(sink: &mut Sink, pos: usize, what: &str, html: &str) {
    let mut relative = None;
    for reference in references(html) {
        if ABSOLUTE.is_match(&reference) {
            continue;
        }
        let bad = reference.chars().find(|&c| {
            c.is_ascii() && !(c.is_ascii_alphanumeric() || ";/?:@&=+$.-_!~*'()%,#".contains(c))
        });
        match bad {
            Some(c) => sink.report(
                pos,
                Code::InvalidUriChar,
                format!(
                    "{what} links to {reference:?}, which contains {c:?}: URLs do not allow it"
                ),
            ),
            None => {
                relative.get_or_insert(reference);
            }
        }
    }
    if let Some(reference) = relative {
        sink.report(
            pos,
            Code::ContainsRelRef,
            format!("{what} has a relative URL {reference:?}: readers cannot resolve it; make it absolute"),
        );
    }
}

/// Character references decoded as the validator's `decodehtml` does:
/// decimal numbers and HTML 4 names (anything else stays as written).
fn decode_references(text: &str) -> String {
    REFERENCE
        .replace_all(text, |caps: &regex::Captures| {
            let name = &caps[1];
            let c = if name.bytes().all(|b| b.is_ascii_digit()) {
                name.parse().ok().and_then(char::from_u32)
            } else {
                html4_entity(name)
            };
            c.map_or_else(|| caps[0].to_string(), String::from)
        })
        .into_owned()
}

static END_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</(\w+)>").expect("a valid pattern"));
static ENTITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&(#?\w+)").expect("a valid pattern"));
static CHAR_DATA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&#[x0-9]|<[/a-zA-Z]").expect("a valid pattern"));

/// Plain text to check for HTML.
pub(crate) struct Plain<'a> {
    /// Where the element starts.
    pub(crate) start: usize,
    /// The element, for messages.
    pub(crate) what: &'a str,
    /// Its text.
    pub(crate) text: &'a str,
    /// The code for HTML found (`ContainsHTML`, `ContainsUndeclaredHTML`, ...).
    pub(crate) code: Code,
    /// Whether the RSS profile's `CharacterData` rule applies (RSS 2.x).
    pub(crate) rss2_profile: bool,
}

/// Checks an element that holds plain text, as the validator's `nonhtml`
/// does: HTML end tags, then HTML entities (unless the line writes
/// characters as `&#x..;`, the RSS profile's way), then, in RSS 2.x,
/// `&` and `<` that a reader may take for markup.
pub(crate) fn check_plain(sink: &mut Sink, plain: Plain) {
    let Plain {
        start,
        what,
        text,
        code,
        rss2_profile,
    } = plain;
    let end_tag = END_TAG.captures_iter(text).find_map(|caps| {
        let name = caps.get(1)?.as_str().to_ascii_lowercase();
        is_known_html(&name).then_some(name)
    });
    if let Some(name) = end_tag {
        sink.report(
            start,
            code,
            format!("{what} should be plain text but contains HTML (</{name}>)"),
        );
        return;
    }
    let hex_on_line = sink.line_text(start).contains("&#x");
    if ENTITY.is_match(text) {
        if hex_on_line {
            return;
        }
        let entity = ENTITY.captures_iter(text).find_map(|caps| {
            let name = caps.get(1)?.as_str();
            let html = html4_entity(name).is_some()
                || name == "apos"
                || !name.chars().all(char::is_alphabetic);
            html.then(|| name.to_string())
        });
        if let Some(name) = entity {
            sink.report(
                start,
                code,
                format!("{what} should be plain text but contains the entity &{name};"),
            );
        }
        return;
    }
    if rss2_profile && !hex_on_line && CHAR_DATA.is_match(text) {
        sink.report(
            start,
            Code::CharacterData,
            format!("{what}: encode \"&\" and \"<\" in plain text as &#x26; and &#x3C;"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relative(html: &str) -> Option<String> {
        references(html).find(|r| !ABSOLUTE.is_match(r))
    }

    #[test]
    fn relative_references() {
        assert_eq!(relative("<a href=\"/x\">x</a>").as_deref(), Some("/x"));
        assert_eq!(
            relative("<img alt=\"\" src=\"a.png\">").as_deref(),
            Some("a.png")
        );
        assert_eq!(relative("<a href=\"#fn1\">1</a>").as_deref(), Some("#fn1"));
        assert_eq!(relative("<a href=\"https://x/\">x</a>"), None);
        assert_eq!(relative("<a href=\"http&#58;//x/\">x</a>"), None);
        // Only a first-attribute href counts, as in the W3C scan.
        assert_eq!(relative("<a class=\"c\" href=\"/x\">x</a>"), None);
    }
}
