//! Checks on HTML carried inside feeds (RSS `description` and
//! `content:encoded`, Atom `type="html"`, JSON Feed `content_html`), and on
//! plain-text elements that should hold no HTML.
//!
//! The W3C validator parses the HTML strictly and stops at the first parse
//! error (`NotHtml`); only HTML that parses is then checked element by
//! element.

mod entities;
mod parse;
mod refs;
mod scan;
mod style;

use std::sync::LazyLock;

use regex::Regex;

pub(crate) use entities::html4_entity;
use parse::Event;
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

/// What the W3C validator makes of an HTML element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    /// An element it knows and lets through.
    Acceptable,
    /// An element it knows and calls a security risk.
    Risky,
    /// One it lets through but does not count as HTML (`keygen`, `spacer`, ...).
    Unknown,
}

/// The elements the validator knows, by name.
static ELEMENTS: LazyLock<foldhash::HashMap<&'static str, Element>> = LazyLock::new(|| {
    let acceptable = ACCEPTABLE_ELEMENTS.iter().map(|&name| {
        let kind = if NOT_KNOWN.contains(&name) {
            Element::Unknown
        } else {
            Element::Acceptable
        };
        (name, kind)
    });
    let risky = SECURITY_RISK_ELEMENTS
        .iter()
        .map(|&name| (name, Element::Risky));
    acceptable.chain(risky).collect()
});

/// Whether `name` is an HTML element the W3C validator knows.
pub(crate) fn is_known_html(name: &str) -> bool {
    matches!(
        ELEMENTS.get(name),
        Some(Element::Acceptable | Element::Risky)
    )
}

/// Whether the validator lets element `name` through (a known or unknown harmless one).
fn is_acceptable(name: &str) -> bool {
    matches!(
        ELEMENTS.get(name),
        Some(Element::Acceptable | Element::Unknown)
    )
}

/// Compiles every pattern of this module now rather than at its first use.
pub(crate) fn compile_patterns() {
    style::compile_patterns();
    LazyLock::force(&ELEMENTS);
    for pattern in [&ABSOLUTE, &REFERENCE, &END_TAG, &ENTITY, &CHAR_DATA] {
        LazyLock::force(pattern);
    }
}

/// HTML to check, found in an element.
#[derive(Debug, Clone)]
pub(crate) struct HtmlCheck {
    /// Where the element starts, for findings.
    pub(crate) pos: usize,
    /// The element, for messages.
    pub(crate) what: String,
    /// The HTML.
    pub(crate) html: String,
    /// Whether to run the relative-URL scan the W3C validator runs on RSS descriptions.
    pub(crate) relative_refs: bool,
}

/// What checking one piece of HTML found: codes and messages.
type Problems = Vec<(Code, String)>;

/// Below this many bytes of HTML in all, the checks run on one thread.
const PARALLEL_BYTES: usize = 512 * 1024;

/// Checks every piece of HTML of a document and reports what each holds at
/// its element: side by side on the machine's cores when there is much.
pub(crate) fn check_all(sink: &mut Sink, checks: Vec<HtmlCheck>) {
    let bytes: usize = checks.iter().map(|c| c.html.len()).sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let problems: Vec<Problems> = if threads > 1 && bytes >= PARALLEL_BYTES {
        // Contiguous runs of about equal bytes, one per thread.
        let share = bytes.div_ceil(threads);
        let mut runs: Vec<&[HtmlCheck]> = Vec::new();
        let (mut start, mut filled) = (0, 0);
        for (i, check) in checks.iter().enumerate() {
            filled += check.html.len();
            if filled >= share {
                runs.push(&checks[start..=i]);
                (start, filled) = (i + 1, 0);
            }
        }
        runs.push(&checks[start..]);
        std::thread::scope(|scope| {
            let handles: Vec<_> = runs
                .into_iter()
                .map(|run| scope.spawn(move || run.iter().map(review).collect::<Vec<_>>()))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    } else {
        checks.iter().map(review).collect()
    };
    for (check, problems) in checks.iter().zip(problems) {
        for (code, message) in problems {
            sink.report(check.pos, code, message);
        }
    }
}

/// Checks HTML found in element `what` at `pos`; `relative_refs` turns on the
/// relative-URL scan the W3C validator runs on RSS descriptions.
pub(crate) fn check_html(sink: &mut Sink, pos: usize, what: &str, html: &str, relative_refs: bool) {
    let check = HtmlCheck {
        pos,
        what: what.to_string(),
        html: html.to_string(),
        relative_refs,
    };
    for (code, message) in review(&check) {
        sink.report(pos, code, message);
    }
}

/// What a strict reading of the HTML finds: a parse error (`NotHtml`), or
/// else unsafe elements, attributes and styles; and relative URLs.
fn review(check: &HtmlCheck) -> Problems {
    let HtmlCheck {
        what,
        html,
        relative_refs,
        ..
    } = check;
    let mut problems = Problems::new();
    let (events, problem) = parse::read(html);
    if let Some(problem) = problem {
        problems.push((Code::NotHtml, format!("{what} has invalid HTML: {problem}")));
    } else {
        let mut reported: Vec<(Code, String)> = Vec::new();
        let mut report = |problems: &mut Problems, code: Code, detail: String, message: String| {
            if !reported.iter().any(|(c, d)| *c == code && *d == detail) {
                problems.push((code, message));
                reported.push((code, detail));
            }
        };
        for event in &events {
            let Event::Start { name, attrs, .. } = event else {
                continue;
            };
            if !is_known_html(name) {
                report(
                    &mut problems,
                    Code::NotHtml,
                    name.to_string(),
                    format!("{what} has a non-HTML tag <{name}>"),
                );
            } else if !is_acceptable(name) {
                report(
                    &mut problems,
                    Code::SecurityRisk,
                    name.to_string(),
                    format!("{what} should not contain the <{name}> tag: readers strip it"),
                );
            } else {
                // Attribute names are in lower case, as the tokenizers write them.
                for (attr, value) in attrs {
                    if attr == "style" {
                        if !style_is_safe(value) {
                            report(
                                &mut problems,
                                Code::DangerousStyleAttr,
                                value.to_string(),
                                format!(
                                    "{what} has a style attribute readers will strip: {value:?}"
                                ),
                            );
                        }
                    } else if attr.starts_with("on") {
                        report(
                            &mut problems,
                            Code::SecurityRiskAttr,
                            attr.to_string(),
                            format!("{what} should not contain the {attr} attribute (on <{name}>)"),
                        );
                    }
                }
            }
        }
        if html.contains("<?import ") {
            problems.push((
                Code::SecurityRisk,
                format!("{what} should not contain <?import"),
            ));
        }
    }
    if *relative_refs {
        relative_references(&mut problems, what, html);
    }
    problems
}

static ABSOLUTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w+:").expect("a valid pattern"));
static REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&#?(\w+);").expect("a valid pattern"));

/// Relative URLs in HTML, which readers cannot resolve (`ContainsRelRef`),
/// and characters no URL holds (`InvalidUriChar`).
fn relative_references(problems: &mut Problems, what: &str, html: &str) {
    let mut relative = None;
    for reference in refs::references(html) {
        let reference = if reference.contains('&') {
            decode_references(reference)
        } else {
            reference.to_string()
        };
        let reference = reference.trim();
        if ABSOLUTE.is_match(reference) {
            continue;
        }
        let bad = reference.chars().find(|&c| {
            c.is_ascii() && !(c.is_ascii_alphanumeric() || ";/?:@&=+$.-_!~*'()%,#".contains(c))
        });
        match bad {
            Some(c) => problems.push((
                Code::InvalidUriChar,
                format!(
                    "{what} links to {reference:?}, which contains {c:?}: URLs do not allow it"
                ),
            )),
            None => {
                relative.get_or_insert_with(|| reference.to_string());
            }
        }
    }
    if let Some(reference) = relative {
        problems.push((
            Code::ContainsRelRef,
            format!("{what} has a relative URL {reference:?}: readers cannot resolve it; make it absolute"),
        ));
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
        refs::references(html)
            .map(|r| decode_references(r).trim().to_string())
            .find(|r| !ABSOLUTE.is_match(r))
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
        // The service reports an empty reference too.
        assert_eq!(relative("<img src=\"\">").as_deref(), Some(""));
        // The last src= of the tag whose value runs to its end.
        assert_eq!(
            relative("<img data-src=\"a.png\" src=\"b.png\">").as_deref(),
            Some("b.png")
        );
        assert_eq!(relative("<a href=\"http&#58;//x/\">x</a>"), None);
        // Only a first-attribute href counts, as in the W3C scan.
        assert_eq!(relative("<a class=\"c\" href=\"/x\">x</a>"), None);
    }
}
