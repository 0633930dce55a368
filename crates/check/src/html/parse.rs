//! A strict reading of an HTML fragment, as the W3C validator's html5lib
//! parser in strict mode makes it: html5ever tokenizes, and the tree-level
//! errors that matter (stray or missing end tags, `<div/>`, nested links) are
//! modelled with a small open-element stack.

use std::borrow::Cow;
use std::cell::RefCell;

use html5ever::data::NAMED_ENTITIES;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Whether an element's end tag may be left out: leaving it open is no parse error.
fn optional_end(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "dd"
            | "dt"
            | "option"
            | "optgroup"
            | "rp"
            | "rt"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "colgroup"
            | "caption"
    )
}

/// Whether an element never has an end tag.
fn void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Whether a start tag closes an open `<p>`.
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "ul"
            | "xmp"
            | "plaintext"
    )
}

/// The state the tokenizer must switch to after the start tag `name`, for
/// elements whose content is no markup (a script, a style, a title), as a
/// tree builder would tell it.
pub(crate) fn raw_text_state(name: &str) -> Option<TokenSinkResult<()>> {
    match name {
        "script" => Some(TokenSinkResult::RawData(RawKind::ScriptData)),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
            Some(TokenSinkResult::RawData(RawKind::Rawtext))
        }
        "textarea" | "title" => Some(TokenSinkResult::RawData(RawKind::Rcdata)),
        "plaintext" => Some(TokenSinkResult::Plaintext),
        _ => None,
    }
}

/// What the tokenizer saw: a tag or a parse error (text is not kept).
/// Names and values borrow from the fragment where they can.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Event<'h> {
    /// A start tag: its name (lower case), attributes, and whether it ends in `/>`.
    Start {
        name: Cow<'h, str>,
        attrs: Vec<(Cow<'h, str>, Cow<'h, str>)>,
        self_closing: bool,
    },
    /// An end tag, by name.
    End(Cow<'h, str>),
    /// A parse error, in html5ever's words.
    Error(String),
}

#[derive(Default)]
struct Collector {
    events: RefCell<Vec<Event<'static>>>,
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
                        let raw = raw_text_state(&name);
                        events.push(Event::Start {
                            attrs: tag
                                .attrs
                                .iter()
                                .map(|a| {
                                    let name = match a.name.prefix.as_ref() {
                                        Some(p) => format!("{p}:{}", a.name.local),
                                        None => a.name.local.to_string(),
                                    };
                                    (Cow::Owned(name), Cow::Owned(a.value.to_string()))
                                })
                                .collect(),
                            self_closing: tag.self_closing,
                            name: Cow::Owned(name),
                        });
                        if let Some(raw) = raw.filter(|_| !tag.self_closing) {
                            return raw;
                        }
                    }
                    TagKind::EndTag => events.push(Event::End(Cow::Owned(name))),
                }
            }
            Token::ParseError(message) => events.push(Event::Error(message.into_owned())),
            Token::NullCharacterToken => events.push(Event::Error("a NUL character".into())),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The events of an HTML fragment: read by the fast scanner when it can,
/// else by html5ever.
#[cfg(test)]
pub(super) fn tokenize(html: &str) -> Vec<Event<'_>> {
    super::scan::events(html).unwrap_or_else(|| html5ever_events(html))
}

/// A fragment's events, and the first reason a strict parser would refuse it.
pub(super) fn read(html: &str) -> (Vec<Event<'_>>, Option<String>) {
    match super::scan::events(html) {
        // The scanner accepts only plain references: no `&` can be wrong.
        Some(events) => {
            let problem = first_tree_error(&events);
            (events, problem)
        }
        None => {
            let events = html5ever_events(html);
            let problem = first_parse_error(html, &events);
            (events, problem)
        }
    }
}

/// The events of an HTML fragment as html5ever's tokenizer reads it.
fn html5ever_events(html: &str) -> Vec<Event<'static>> {
    let tokenizer = Tokenizer::new(Collector::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.events.take()
}

/// The first reason a strict HTML parser would refuse the fragment, if any.
pub(super) fn first_parse_error(html: &str, events: &[Event<'_>]) -> Option<String> {
    ampersand_error(html).or_else(|| first_tree_error(events))
}

/// The first tokenizer error, or misnested or unclosed element, in `events`.
fn first_tree_error(events: &[Event<'_>]) -> Option<String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut foreign_depth = 0usize;
    let pop_to = |stack: &mut Vec<&str>, index: usize| -> Option<String> {
        let unclosed = stack[index + 1..]
            .iter()
            .find(|n| !optional_end(n))
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
                let name: &str = name;
                let mut problem = None;
                if matches!(name, "html" | "body" | "head") {
                    problem = Some(format!("<{name}> inside a fragment"));
                } else if name == "a" && stack.contains(&"a") {
                    problem = Some("a link inside a link".to_string());
                }
                if closes_p(name) {
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
                } else if void(name) {
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
                let name: &str = name;
                if void(name) {
                    Some(format!("</{name}>: {name} has no end tag"))
                } else if let Some(i) = stack.iter().rposition(|n| *n == name) {
                    pop_to(&mut stack, i)
                } else {
                    Some(format!("</{name}> closes nothing"))
                }
            }
        };
        if problem.is_some() {
            return problem;
        }
    }
    stack
        .iter()
        .find(|n| !optional_end(n))
        .map(|open| format!("<{open}> is not closed"))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// HTML fragments for the differential test: hand-written ones, and the
    /// escaped HTML of every feed the service's test cases hold.
    fn fragments() -> Vec<String> {
        let mut out: Vec<String> = [
            "<p>a<br>b</p>",
            "<p class=\"x\" id=y data-n='1'>AT&amp;T &copy; &#169; &#xA9;</p>",
            "<a href=\"https://example.org/?a=1&amp;b=&#50;\" title='&eacute;'>x</a><img src=\"a.png\" alt=\"\">",
            "<ul><li>a<li>b</ul><table><tr><td>1</td></tr></table>",
            "<input disabled checked><br/><hr />",
            "<div><p>one</p><p>two</p></div>",
            "<h1>T</h1><pre><code>x &lt; y</code></pre>",
            "<svg><path d='x'/></svg>",
            "<a href=x>y</a>",
            "<my-element a=b></my-element>",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/w3c/testcases");
        let mut stack = vec![dir];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let Ok(doc) = roxmltree::Document::parse(&text) else {
                    continue;
                };
                for node in doc.descendants().filter(|n| {
                    n.is_element()
                        && matches!(
                            n.tag_name().name(),
                            "description" | "encoded" | "content" | "summary" | "title"
                        )
                }) {
                    let html: String = node.children().filter_map(|c| c.text()).collect();
                    if html.contains('<') || html.contains('&') {
                        out.push(html);
                    }
                }
            }
        }
        out
    }

    /// The scanner reads everything it accepts exactly as html5ever does:
    /// on every fragment, and on every one-byte change to the hand-written ones.
    #[test]
    fn the_scanner_agrees_with_html5ever() {
        let fragments = fragments();
        assert!(fragments.len() > 100, "{} fragments", fragments.len());
        let mut scanned = 0;
        let mut check = |html: &str| {
            if let Some(events) = super::super::scan::events(html) {
                assert_eq!(events, html5ever_events(html), "{html:?}");
                scanned += 1;
            }
        };
        for fragment in &fragments {
            check(fragment);
        }
        for fragment in &fragments[..10] {
            let bytes = fragment.as_bytes();
            for i in 0..bytes.len() {
                for b in [
                    b'<', b'>', b'/', b'=', b'"', b'\'', b' ', b'&', b';', b'#', b'a', b'\r',
                    b'\0', 0xC3,
                ] {
                    for changed in [
                        [&bytes[..i], &[b], &bytes[i + 1..]].concat(),
                        [&bytes[..i], &[b], &bytes[i..]].concat(),
                        [&bytes[..i], &bytes[i + 1..]].concat(),
                    ] {
                        check(&String::from_utf8_lossy(&changed));
                    }
                }
            }
        }
        assert!(scanned > 1000, "only {scanned} fragments scanned");
    }

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
}
