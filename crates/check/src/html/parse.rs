//! A strict reading of an HTML fragment, as the W3C validator's html5lib
//! parser in strict mode makes it: html5ever tokenizes, and the tree-level
//! errors that matter (stray or missing end tags, `<div/>`, nested links) are
//! modelled with a small open-element stack.

use std::cell::RefCell;

use html5ever::data::NAMED_ENTITIES;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

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

#[derive(Debug)]
pub(super) enum Event {
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

pub(super) fn tokenize(html: &str) -> Vec<Event> {
    let tokenizer = Tokenizer::new(Collector::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.events.take()
}

/// The first reason a strict HTML parser would refuse the fragment, if any.
pub(super) fn first_parse_error(html: &str, events: &[Event]) -> Option<String> {
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
}
