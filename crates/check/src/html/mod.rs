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

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use regex::Regex;

pub(crate) use entities::html4_entity;
pub(crate) use parse::raw_text_state;
use parse::Event;
pub(crate) use style::style_is_safe;

use crate::spec::{is_uri_char, ACCEPTABLE_ELEMENTS, NOT_KNOWN};
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

/// What checking one piece of HTML found, whatever element holds it: codes,
/// and each message after the element's name.
type Findings = Vec<(Code, String)>;

/// Below this many bytes of HTML in all, the checks run on one thread.
const PARALLEL_BYTES: usize = 512 * 1024;

/// Checks every piece of HTML of a document and reports what each holds at
/// its element: side by side on the machine's cores when there is much.
pub(crate) fn check_all(sink: &mut Sink, checks: Vec<HtmlCheck>) {
    // The threads below check with this thread's cache, if it has one.
    let cache = CURRENT_CACHE.with(|current| current.borrow().clone());
    let cache = cache.as_ref();
    let review = |check: &HtmlCheck| review(check, cache);
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
    let cache = CURRENT_CACHE.with(|current| current.borrow().clone());
    for (code, message) in review(&check, cache.as_ref()) {
        sink.report(pos, code, message);
    }
}

/// What a strict reading of the HTML finds, said of its element; with a
/// [`HtmlCache`], a piece of HTML already read is not read again.
fn review(check: &HtmlCheck, cache: Option<&HtmlCache>) -> Problems {
    let findings = match cache {
        Some(cache) => cache.findings(&check.html, check.relative_refs),
        None => Arc::new(findings(&check.html, check.relative_refs)),
    };
    findings
        .iter()
        .map(|(code, rest)| (*code, format!("{}{rest}", check.what)))
        .collect()
}

/// What a strict reading of `html` finds: a parse error (`NotHtml`), or else
/// unsafe elements, attributes and styles; and (`relative_refs`) relative
/// URLs. Each message follows the name of the element holding the HTML.
fn findings(html: &str, relative_refs: bool) -> Findings {
    let what = "";
    let mut problems = Findings::new();
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
    if relative_refs {
        relative_references(&mut problems, what, html);
    }
    problems
}

/// The checks of HTML already made, shared by the documents checked with one
/// [`crate::Options`]: a generator's feeds carry each post's HTML many times
/// (in RSS, Atom and JSON Feed, in the site's feed and its section's and
/// terms'), and each piece is read once. A piece being read on one thread is
/// waited for, not read again, on another.
#[derive(Clone, Default)]
pub struct HtmlCache {
    checked: Arc<Mutex<HashMap<CacheKey, Arc<Checked>>>>,
}

/// A piece of HTML by its length and hash, and whether relative URLs were looked for.
type CacheKey = (usize, u64, bool);

/// One piece's check: done, or being done.
type Checked = OnceLock<Arc<Findings>>;

impl HtmlCache {
    /// The findings of `html`, read now or earlier.
    fn findings(&self, html: &str, relative_refs: bool) -> Arc<Findings> {
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
        Arc::clone(cell.get_or_init(|| Arc::new(findings(html, relative_refs))))
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
        write!(f, "HtmlCache({len} pieces read)")
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
        let bad = reference.chars().find(|&c| c.is_ascii() && !is_uri_char(c));
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
    use crate::Finding;

    #[test]
    fn a_cache_reports_what_reading_again_would() {
        let html = "<p onclick=\"x()\">a <a href=\"/rel\">b</a></p><div>open";
        let plain: Vec<Finding> = {
            let mut sink = Sink::new("f.xml", "");
            check_html(&mut sink, 0, "<description>", html, true);
            sink.findings
        };
        assert!(!plain.is_empty());
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
            let messages: Vec<String> = cached.iter().map(|f| f.message.clone()).collect();
            assert_eq!(messages, expected);
        }
    }

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
