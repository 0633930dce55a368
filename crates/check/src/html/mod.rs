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

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

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

/// What checking one piece of HTML found: each finding's code, and its
/// message after the name of the element that holds the HTML.
type Issues = Vec<(Code, String)>;

/// Checks HTML found in element `what` at `pos`; `relative_refs` turns on the
/// relative-URL scan the W3C validator runs on RSS descriptions. With a
/// [`HtmlCache`] in the [`crate::Options`], a piece of HTML already checked
/// (the same post's content in another feed) is not checked again.
pub(crate) fn check_html(sink: &mut Sink, pos: usize, what: &str, html: &str, relative_refs: bool) {
    let issues = CURRENT_CACHE.with(|current| match current.borrow().as_ref() {
        Some(cache) => cache.issues(html, relative_refs),
        None => Arc::new(html_issues(html, relative_refs)),
    });
    for (code, rest) in issues.iter() {
        sink.report(pos, *code, format!("{what}{rest}"));
    }
}

/// Every issue of `html`, as [`check_html`] reports them.
fn html_issues(html: &str, relative_refs: bool) -> Issues {
    let mut issues = Issues::new();
    let events = tokenize(html);
    if let Some(problem) = first_parse_error(html, &events) {
        issues.push((Code::NotHtml, format!(" has invalid HTML: {problem}")));
    } else {
        let mut reported: Vec<(Code, String)> = Vec::new();
        let mut report = |issues: &mut Issues, code: Code, detail: String, message: String| {
            if !reported.iter().any(|(c, d)| *c == code && *d == detail) {
                issues.push((code, message));
                reported.push((code, detail));
            }
        };
        for event in &events {
            let Event::Start { name, attrs, .. } = event else {
                continue;
            };
            if !is_known_html(name) {
                report(
                    &mut issues,
                    Code::NotHtml,
                    name.clone(),
                    format!(" has a non-HTML tag <{name}>"),
                );
            } else if !ACCEPTABLE_ELEMENTS.contains(&name.as_str()) {
                report(
                    &mut issues,
                    Code::SecurityRisk,
                    name.clone(),
                    format!(" should not contain the <{name}> tag: readers strip it"),
                );
            } else {
                for (attr, value) in attrs {
                    let attr = attr.to_ascii_lowercase();
                    if attr == "style" {
                        if !style_is_safe(value) {
                            report(
                                &mut issues,
                                Code::DangerousStyleAttr,
                                value.clone(),
                                format!(" has a style attribute readers will strip: {value:?}"),
                            );
                        }
                    } else if attr.starts_with("on") {
                        report(
                            &mut issues,
                            Code::SecurityRiskAttr,
                            attr.clone(),
                            format!(" should not contain the {attr} attribute (on <{name}>)"),
                        );
                    }
                }
            }
        }
        if html.contains("<?import ") {
            issues.push((
                Code::SecurityRisk,
                " should not contain <?import".to_string(),
            ));
        }
    }
    if relative_refs {
        relative_references(&mut issues, html);
    }
    issues
}

/// The checks of HTML already made, shared by the documents checked with one
/// [`crate::Options`]: a generator's feeds carry each post's HTML many times
/// (in RSS, Atom and JSON Feed, in the site's feed and its section's and
/// terms'), and each piece is checked once. A piece being checked on one
/// thread is waited for, not checked again, on another.
#[derive(Clone, Default)]
pub struct HtmlCache {
    checked: Arc<Mutex<HashMap<CacheKey, Arc<Checked>>>>,
}

/// One piece's check: done, or being done.
type Checked = OnceLock<Arc<Issues>>;

/// A piece of HTML by its length and hash, and whether relative URLs were looked for.
type CacheKey = (usize, u64, bool);

impl HtmlCache {
    /// The issues of `html`, checked now or earlier.
    fn issues(&self, html: &str, relative_refs: bool) -> Arc<Issues> {
        use std::hash::BuildHasher;
        let hash = foldhash::fast::FixedState::with_seed(0x5EED).hash_one(html);
        let cell = {
            let mut checked = self.checked.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(
                checked
                    .entry((html.len(), hash, relative_refs))
                    .or_default(),
            )
        };
        Arc::clone(cell.get_or_init(|| Arc::new(html_issues(html, relative_refs))))
    }

    /// Makes this cache the one `f` checks HTML with, on this thread.
    pub(crate) fn while_checking<T>(cache: Option<&HtmlCache>, f: impl FnOnce() -> T) -> T {
        let previous = CURRENT_CACHE.with(|current| current.replace(cache.cloned()));
        let result = f();
        CURRENT_CACHE.with(|current| *current.borrow_mut() = previous);
        result
    }
}

impl std::fmt::Debug for HtmlCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let len = self.checked.lock().map_or(0, |c| c.len());
        write!(f, "HtmlCache({len} pieces checked)")
    }
}

impl PartialEq for HtmlCache {
    /// One cache is equal to itself only: two caches hold different checks.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.checked, &other.checked)
    }
}

impl Eq for HtmlCache {}

thread_local! {
    /// The cache of the check running on this thread, if it was given one.
    static CURRENT_CACHE: RefCell<Option<HtmlCache>> = const { RefCell::new(None) };
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
fn relative_references(issues: &mut Issues, html: &str) {
    let mut relative = None;
    for reference in references(html) {
        if ABSOLUTE.is_match(&reference) {
            continue;
        }
        let bad = reference.chars().find(|&c| {
            c.is_ascii() && !(c.is_ascii_alphanumeric() || ";/?:@&=+$.-_!~*'()%,#".contains(c))
        });
        match bad {
            Some(c) => issues.push((
                Code::InvalidUriChar,
                format!(" links to {reference:?}, which contains {c:?}: URLs do not allow it"),
            )),
            None => {
                relative.get_or_insert(reference);
            }
        }
    }
    if let Some(reference) = relative {
        issues.push((
            Code::ContainsRelRef,
            format!(
                " has a relative URL {reference:?}: readers cannot resolve it; make it absolute"
            ),
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
    use crate::Finding;

    fn relative(html: &str) -> Option<String> {
        references(html).find(|r| !ABSOLUTE.is_match(r))
    }

    #[test]
    fn a_cache_reports_what_checking_again_would() {
        let html = "<p onclick=\"x()\">a <a href=\"/rel\">b</a></p><div>open";
        let plain: Vec<Finding> = {
            let mut sink = Sink::new("f.xml", "");
            check_html(&mut sink, 0, "<description>", html, true);
            sink.findings
        };
        let cache = HtmlCache::default();
        for what in ["<description>", "<content:encoded>"] {
            let cached = HtmlCache::while_checking(Some(&cache), || {
                let mut sink = Sink::new("f.xml", "");
                check_html(&mut sink, 0, what, html, true);
                sink.findings
            });
            let expected: Vec<String> = plain
                .iter()
                .map(|f| f.message.replace("<description>", what))
                .collect();
            assert_eq!(
                cached.iter().map(|f| f.message.clone()).collect::<Vec<_>>(),
                expected
            );
        }
        assert!(!plain.is_empty());
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
