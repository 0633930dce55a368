//! An HTML page is no feed, but a page that announces feeds (a site's home
//! page, feedwright's `feeds.html`) is checked for what feed readers look for
//! in it: its feed discovery links, `<link rel="alternate"
//! type="application/rss+xml" href="...">`. A page without one is not a feed
//! and names none: `UndefinedElement`, the W3C service's message for a root
//! element that is no feed's.

use std::borrow::Cow;
use std::cell::RefCell;

use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::html::raw_text_state;
use crate::rules::uris::{self, UriRule};
use crate::{Code, Finding, Sink};

/// The media types of feeds a discovery link may name (JSON Feed 1.0 named
/// `application/json`; 1.1 `application/feed+json`).
const FEED_TYPES: [&str; 5] = [
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
];

/// A `<link>` start tag: the line its tag ends on, and its attributes.
struct LinkTag {
    line: usize,
    attrs: Vec<(String, String)>,
}

/// Collects the `<link>` tags of a page.
#[derive(Default)]
struct Links {
    tags: RefCell<Vec<LinkTag>>,
}

impl TokenSink for Links {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        if &*tag.name == "link" {
            self.tags.borrow_mut().push(LinkTag {
                line: usize::try_from(line).unwrap_or(usize::MAX),
                attrs: tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect(),
            });
        } else if !tag.self_closing {
            // What a script, a style or a title holds is no markup.
            if let Some(state) = raw_text_state(&tag.name) {
                return state;
            }
        }
        TokenSinkResult::Continue
    }
}

/// Whether a `<link>` with these attributes announces a feed.
fn is_discovery_link(attrs: &[(String, String)]) -> bool {
    let value = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let alternate = value("rel").is_some_and(|rel| {
        rel.split_ascii_whitespace()
            .any(|r| r.eq_ignore_ascii_case("alternate"))
    });
    let feed_type = value("type").is_some_and(|t| {
        let essence = t.split(';').next().unwrap_or("").trim();
        FEED_TYPES.iter().any(|f| essence.eq_ignore_ascii_case(f))
    });
    alternate && feed_type
}

/// Where the `<link` of a tag that ends on 1-based `line` starts, searching
/// from `from`: the byte offset of the first `<link` after `from` on or
/// before that line (else the line's start).
fn link_position(sink: &Sink, from: usize, line: usize) -> usize {
    let text = sink.text();
    let line_end = text
        .match_indices('\n')
        .nth(line.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let window = text.get(from..line_end).unwrap_or("");
    let found = window
        .as_bytes()
        .windows(5)
        .position(|w| w.eq_ignore_ascii_case(b"<link"));
    match found {
        Some(i) => from + i,
        None => text[..line_end].rfind('\n').map_or(0, |i| i + 1),
    }
}

/// Checks an HTML page's feed discovery links.
pub(crate) fn check(name: &str, bytes: &[u8]) -> Vec<Finding> {
    let text: Cow<'_, str> = String::from_utf8_lossy(bytes);
    let tokenizer = Tokenizer::new(Links::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(text.as_ref().into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let tags = tokenizer.sink.tags.take();

    let mut sink = Sink::new(name, &text);
    let mut feeds = 0;
    let mut cursor = 0;
    for tag in &tags {
        let pos = link_position(&sink, cursor, tag.line);
        cursor = pos + 1;
        if !is_discovery_link(&tag.attrs) {
            continue;
        }
        feeds += 1;
        let href = tag.attrs.iter().find(|(n, _)| n == "href").map(|(_, v)| v);
        match href.map(|h| h.trim()).filter(|h| !h.is_empty()) {
            None => sink.report(
                pos,
                Code::MissingAttribute,
                "a feed link (<link rel=\"alternate\" type=...>) needs an href: the feed's URL",
            ),
            Some(href) => {
                if let Err(problem) = uris::check(href, UriRule::Reference) {
                    uris::report_uri(
                        &mut sink,
                        pos,
                        "a feed link's href",
                        href,
                        problem,
                        Code::InvalidURIAttribute,
                    );
                }
            }
        }
    }
    if feeds == 0 {
        // The service's message for a root element that is no feed's.
        let root = text
            .as_bytes()
            .windows(5)
            .position(|w| w.eq_ignore_ascii_case(b"<html"))
            .unwrap_or(0);
        sink.report(
            root,
            Code::UndefinedElement,
            "the root element <html> is that of a web page, not a feed, and the page \
             names no feed: announce feeds with <link rel=\"alternate\" \
             type=\"application/rss+xml\" href=\"...\"> (or application/atom+xml, \
             application/feed+json) in its <head>",
        );
    }
    sink.findings
}
