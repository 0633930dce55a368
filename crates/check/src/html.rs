//! Checks on HTML carried inside feeds (RSS `description` and
//! `content:encoded`, Atom `type="html"`, JSON Feed `content_html`), and on
//! plain-text elements that should hold no HTML.
//!
//! The W3C validator parses the HTML strictly and stops at the first parse
//! error (`NotHtml`); only HTML that parses is then checked element by
//! element. The tokenizer here is html5ever's; the tree-level errors that
//! matter (stray or missing end tags, `<div/>`, nested links) are modelled
//! with a small open-element stack.

use std::cell::RefCell;
use std::sync::LazyLock;

use html5ever::data::NAMED_ENTITIES;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use regex::Regex;

use super::Sink;

use crate::spec::{ACCEPTABLE_ELEMENTS, NOT_KNOWN};

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

const ACCEPTABLE_CSS_PROPERTIES: &[&str] = &[
    "azimuth",
    "background",
    "background-color",
    "border",
    "border-bottom",
    "border-bottom-color",
    "border-bottom-style",
    "border-bottom-width",
    "border-collapse",
    "border-color",
    "border-left",
    "border-left-color",
    "border-left-style",
    "border-left-width",
    "border-right",
    "border-right-color",
    "border-right-style",
    "border-right-width",
    "border-spacing",
    "border-style",
    "border-top",
    "border-top-color",
    "border-top-style",
    "border-top-width",
    "border-width",
    "clear",
    "color",
    "cursor",
    "direction",
    "display",
    "elevation",
    "float",
    "font",
    "font-family",
    "font-size",
    "font-style",
    "font-variant",
    "font-weight",
    "height",
    "letter-spacing",
    "line-height",
    "list-style-type",
    "margin",
    "margin-bottom",
    "margin-left",
    "margin-right",
    "margin-top",
    "overflow",
    "padding",
    "padding-bottom",
    "padding-left",
    "padding-right",
    "padding-top",
    "pause",
    "pause-after",
    "pause-before",
    "pitch",
    "pitch-range",
    "richness",
    "speak",
    "speak-header",
    "speak-numeral",
    "speak-punctuation",
    "speech-rate",
    "stress",
    "text-align",
    "text-decoration",
    "text-indent",
    "unicode-bidi",
    "vertical-align",
    "voice-family",
    "volume",
    "white-space",
    "width",
];

const ACCEPTABLE_CSS_KEYWORDS: &[&str] = &[
    "aqua",
    "auto",
    "black",
    "block",
    "blue",
    "bold",
    "both",
    "bottom",
    "brown",
    "center",
    "collapse",
    "dashed",
    "dotted",
    "fuchsia",
    "gray",
    "green",
    "!important",
    "italic",
    "left",
    "lime",
    "maroon",
    "medium",
    "none",
    "navy",
    "normal",
    "nowrap",
    "olive",
    "pointer",
    "purple",
    "red",
    "right",
    "solid",
    "silver",
    "teal",
    "top",
    "transparent",
    "underline",
    "white",
    "yellow",
];

/// Elements whose end tag may be left out: leaving them open is no parse error.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dd", "dt", "option", "optgroup", "rp", "rt", "tbody", "thead", "tfoot", "tr", "td",
    "th", "colgroup", "caption",
];

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
    "plaintext",
];

/// Whether `name` is an HTML element the W3C validator knows.
fn is_known_html(name: &str) -> bool {
    (ACCEPTABLE_ELEMENTS.contains(&name) && !NOT_KNOWN.contains(&name))
        || SECURITY_RISK_ELEMENTS.contains(&name)
}

#[derive(Debug)]
enum Event {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End(String),
    Error(String),
}

#[derive(Default)]
struct Collector {
    events: RefCell<Vec<Event>>,
}

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut events = self.events.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.had_duplicate_attributes {
                    events.push(Event::Error(format!("duplicate attribute on <{name}>")));
                }
                match tag.kind {
                    TagKind::StartTag => {
                        let raw = match name.as_str() {
                            "script" => Some(TokenSinkResult::RawData(RawKind::ScriptData)),
                            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                                Some(TokenSinkResult::RawData(RawKind::Rawtext))
                            }
                            "textarea" | "title" => Some(TokenSinkResult::RawData(RawKind::Rcdata)),
                            "plaintext" => Some(TokenSinkResult::Plaintext),
                            _ => None,
                        };
                        events.push(Event::Start {
                            attrs: tag
                                .attrs
                                .iter()
                                .map(|a| {
                                    let name = match a.name.prefix.as_ref() {
                                        Some(p) => format!("{p}:{}", a.name.local),
                                        None => a.name.local.to_string(),
                                    };
                                    (name, a.value.to_string())
                                })
                                .collect(),
                            self_closing: tag.self_closing,
                            name,
                        });
                        if let Some(raw) = raw.filter(|_| !tag.self_closing) {
                            return raw;
                        }
                    }
                    TagKind::EndTag => events.push(Event::End(name)),
                }
            }
            Token::ParseError(message) => events.push(Event::Error(message.into_owned())),
            Token::NullCharacterToken => events.push(Event::Error("a NUL character".into())),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tokenize(html: &str) -> Vec<Event> {
    let tokenizer = Tokenizer::new(Collector::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.events.take()
}

/// The first reason a strict HTML parser would refuse the fragment, if any.
fn first_parse_error(html: &str, events: &[Event]) -> Option<String> {
    let mut errors: Vec<(usize, String)> = Vec::new();
    if let Some(message) = ampersand_error(html) {
        errors.push((0, message));
    }
    let mut stack: Vec<&str> = Vec::new();
    let mut foreign_depth = 0usize;
    let pop_to = |stack: &mut Vec<&str>, index: usize| -> Option<String> {
        let unclosed = stack[index + 1..]
            .iter()
            .find(|n| !OPTIONAL_END.contains(n))
            .map(|n| format!("<{n}> is not closed"));
        stack.truncate(index);
        unclosed
    };
    for event in events {
        let problem = match event {
            Event::Error(message) => Some(message.clone()),
            Event::Start {
                name, self_closing, ..
            } if foreign_depth > 0 => {
                if !self_closing && (name == "svg" || name == "math") {
                    foreign_depth += 1;
                }
                None
            }
            Event::End(name) if foreign_depth > 0 => {
                if name == "svg" || name == "math" {
                    foreign_depth -= 1;
                }
                None
            }
            Event::Start {
                name, self_closing, ..
            } => {
                let name = name.as_str();
                let mut problem = None;
                if matches!(name, "html" | "body" | "head") {
                    problem = Some(format!("<{name}> inside a fragment"));
                } else if name == "a" && stack.contains(&"a") {
                    problem = Some("a link inside a link".to_string());
                }
                if CLOSES_P.contains(&name) {
                    if let Some(i) = stack.iter().rposition(|n| *n == "p") {
                        problem = problem.or(pop_to(&mut stack, i));
                    }
                }
                let closes: &[&str] = match name {
                    "li" => &["li"],
                    "dd" | "dt" => &["dd", "dt"],
                    "tr" => &["tr", "td", "th"],
                    "td" | "th" => &["td", "th"],
                    "tbody" | "thead" | "tfoot" => &["tbody", "thead", "tfoot", "tr", "td", "th"],
                    "option" => &["option"],
                    _ => &[],
                };
                if !closes.is_empty() {
                    let boundary = stack
                        .iter()
                        .rposition(|n| matches!(*n, "ul" | "ol" | "dl" | "table" | "select"))
                        .unwrap_or(0);
                    if let Some(i) = stack.iter().rposition(|n| closes.contains(n)) {
                        if i >= boundary {
                            problem = problem.or(pop_to(&mut stack, i));
                        }
                    }
                }
                if name == "svg" || name == "math" {
                    if !self_closing {
                        foreign_depth = 1;
                    }
                } else if VOID.contains(&name) {
                    // `<br/>` is fine; nothing to push.
                } else if *self_closing {
                    problem = problem.or(Some(format!(
                        "<{name}/>: only void elements may self-close"
                    )));
                } else {
                    stack.push(name);
                }
                problem
            }
            Event::End(name) => {
                let name = name.as_str();
                if VOID.contains(&name) {
                    Some(format!("</{name}>: {name} has no end tag"))
                } else if let Some(i) = stack.iter().rposition(|n| *n == name) {
                    pop_to(&mut stack, i)
                } else {
                    Some(format!("</{name}> closes nothing"))
                }
            }
        };
        if let Some(problem) = problem {
            errors.push((1, problem));
            break;
        }
    }
    if errors.iter().all(|(k, _)| *k == 0) {
        if let Some(open) = stack.iter().find(|n| !OPTIONAL_END.contains(n)) {
            errors.push((1, format!("<{open}> is not closed")));
        }
    }
    errors.into_iter().next().map(|(_, message)| message)
}

/// A bare `&` that starts no character reference, or a named one without its `;`,
/// in the text between tags (attribute values are left to the tokenizer).
fn ampersand_error(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                let rest = &html[i..];
                let end = if rest.starts_with("<!--") {
                    rest.find("-->").map(|e| e + 3)
                } else if rest.len() > 1
                    && (bytes[i + 1].is_ascii_alphabetic() || bytes[i + 1] == b'/')
                {
                    let lower = rest
                        .get(..8)
                        .map(str::to_ascii_lowercase)
                        .unwrap_or_default();
                    if lower.starts_with("<script") || lower.starts_with("<style") {
                        let close = if lower.starts_with("<script") {
                            "</script"
                        } else {
                            "</style"
                        };
                        rest.to_ascii_lowercase()
                            .find(close)
                            .map(|e| e + close.len())
                    } else {
                        rest.find('>').map(|e| e + 1)
                    }
                } else {
                    Some(1)
                };
                i += end.unwrap_or(rest.len());
            }
            b'&' => {
                let rest = &html[i + 1..];
                let name_len = rest
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(rest.len());
                if name_len > 0 && rest.as_bytes()[0].is_ascii_alphabetic() {
                    let name = &rest[..name_len];
                    let with_semicolon = rest[name_len..].starts_with(';');
                    let known = |n: &str| NAMED_ENTITIES.get(n).is_some_and(|v| v.0 != 0);
                    if with_semicolon && known(&format!("{name};")) {
                        // A proper reference.
                    } else if (1..=name.len()).any(|l| known(&name[..l])) {
                        return Some(format!("&{name} lacks its ';'"));
                    } else {
                        return Some(format!("'&{name}' is no character reference: write &amp;"));
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// Compiles every pattern of this module now rather than at its first use.
pub(crate) fn compile_patterns() {
    for pattern in [
        &STYLE_CHARS,
        &STYLE_SHAPE,
        &STYLE_PAIR,
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

static STYLE_CHARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:[:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$"#)
        .expect("a valid pattern")
});
static STYLE_SHAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-\w]+\s*:[^:;]*(?:;\s*|$))*$").expect("a valid pattern"));
static STYLE_PAIR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([-\w]+)\s*:\s*([^:;]*)").expect("a valid pattern"));

/// Whether a `style` attribute passes the W3C validator's narrow CSS whitelist.
fn style_is_safe(style: &str) -> bool {
    if !STYLE_CHARS.is_match(style) || !STYLE_SHAPE.is_match(style) {
        return false;
    }
    STYLE_PAIR.captures_iter(style).all(|caps| {
        let property = caps.get(1).map_or("", |m| m.as_str()).to_ascii_lowercase();
        let value = caps.get(2).map_or("", |m| m.as_str());
        if value.trim().is_empty() {
            return true;
        }
        if !ACCEPTABLE_CSS_PROPERTIES.contains(&property.as_str()) {
            return false;
        }
        let shorthand = property.split('-').next().unwrap_or("");
        !matches!(shorthand, "background" | "border" | "margin" | "padding")
            || value.split_whitespace().all(css_keyword_ok)
    })
}

fn css_keyword_ok(word: &str) -> bool {
    if ACCEPTABLE_CSS_KEYWORDS.contains(&word) {
        return true;
    }
    if let Some(hex) = word.strip_prefix('#') {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if word.starts_with("rgb(") {
        return true;
    }
    let number = [
        "cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")",
    ]
    .iter()
    .find_map(|unit| word.strip_suffix(unit))
    .unwrap_or(word);
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let dots = number.chars().filter(|&c| c == '.').count();
    digits <= 3 && dots <= 1 && number.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Checks HTML found in element `what` at `pos`; `relative_refs` turns on the
/// relative-URL scan the W3C validator runs on RSS descriptions.
pub(crate) fn check_html(sink: &mut Sink, pos: usize, what: &str, html: &str, relative_refs: bool) {
    let events = tokenize(html);
    if let Some(problem) = first_parse_error(html, &events) {
        sink.warn(
            pos,
            "NotHtml",
            format!("{what} has invalid HTML: {problem}"),
        );
    } else {
        let mut reported: Vec<(&'static str, String)> = Vec::new();
        let mut report = |sink: &mut Sink, code: &'static str, detail: String, message: String| {
            if !reported.iter().any(|(c, d)| *c == code && *d == detail) {
                sink.warn(pos, code, message);
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
                    "NotHtml",
                    name.clone(),
                    format!("{what} has a non-HTML tag <{name}>"),
                );
            } else if !ACCEPTABLE_ELEMENTS.contains(&name.as_str()) {
                report(
                    sink,
                    "SecurityRisk",
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
                                "DangerousStyleAttr",
                                value.clone(),
                                format!(
                                    "{what} has a style attribute readers will strip: {value:?}"
                                ),
                            );
                        }
                    } else if attr.starts_with("on") {
                        report(
                            sink,
                            "SecurityRiskAttr",
                            attr.clone(),
                            format!("{what} should not contain the {attr} attribute (on <{name}>)"),
                        );
                    }
                }
            }
        }
        if html.contains("<?import ") {
            sink.warn(
                pos,
                "SecurityRisk",
                format!("{what} should not contain <?import"),
            );
        }
    }
    if relative_refs {
        if let Some(reference) = relative_reference(html) {
            sink.warn(
                pos,
                "ContainsRelRef",
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
    code: &'static str,
    rss: bool,
) {
    let hex_on_line = sink.line_text(pos).contains("&#x");
    let end_tag = END_TAG.captures_iter(text).find_map(|caps| {
        let name = caps.get(1)?.as_str().to_ascii_lowercase();
        is_known_html(&name).then_some(name)
    });
    if let Some(name) = end_tag {
        sink.warn(
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
            sink.warn(
                pos,
                code,
                format!("{what} should be plain text but contains the entity &{name};"),
            );
            return;
        }
        if rss && CHAR_DATA.is_match(text) {
            sink.warn(
                pos,
                "CharacterData",
                format!("{what}: encode \"&\" and \"<\" in plain text as &#x26; and &#x3C;"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error(html: &str) -> Option<String> {
        first_parse_error(html, &tokenize(html))
    }

    #[test]
    fn well_formed_fragments_parse() {
        for ok in [
            "<p>a<br>b</p>",
            "<p>one<p>two",
            "<ul><li>a<li>b</ul>",
            "<table><thead><tr><th>a</th></tr></thead><tbody>\n<tr><td>b</td></tr>\n</tbody></table>",
            "<p>x</p><div>y</div>",
            "<p>a <b>b</b></p><div>c</div>",
            "AT&amp;T &copy; &#169; &#xA9;",
            "<svg><path d='x'/></svg>",
            "<pre><code>&lt;x&gt;</code></pre>",
            "<a href=\"?a=1&b=2\">q</a>",
        ] {
            assert_eq!(parse_error(ok), None, "{ok}");
        }
    }

    #[test]
    fn broken_fragments_do_not() {
        for bad in [
            "AT&T",
            "&copy 2020",
            "a < b",
            "<div/>",
            "</p>",
            "<div>open",
            "<a href=x><a href=y>z</a></a>",
            "<b><i>x</b></i>",
            "<p a=1 a=2>x</p>",
        ] {
            assert!(parse_error(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn styles() {
        assert!(style_is_safe("text-align: center"));
        assert!(style_is_safe("color:#aabbcc;background-color:#112233"));
        assert!(!style_is_safe("max-width: 100%"));
        assert!(!style_is_safe("background: url(x.png)"));
        assert!(!style_is_safe("margin: 1rem"));
        assert!(!style_is_safe("font: 12px/1.5 serif"));
    }

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
