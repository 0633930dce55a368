//! An HTML page is no feed. The W3C service says so of every page it is
//! given (its own test cases expect `UndefinedElement` for a page, even one
//! that links to a feed), and so does the checker; the message names the
//! feeds the page announces (`<link rel="alternate"
//! type="application/rss+xml" href="...">`), which are what to check.

use std::cell::RefCell;

use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::html::raw_text_state;
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

/// Collects the hrefs of a page's feed discovery links.
#[derive(Default)]
struct FeedLinks {
    hrefs: RefCell<Vec<String>>,
}

impl TokenSink for FeedLinks {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        if &*tag.name == "link" {
            let value = |name: &str| {
                tag.attrs
                    .iter()
                    .find(|a| &*a.name.local == name)
                    .map(|a| a.value.to_string())
            };
            if let (Some(href), true) = (value("href"), is_feed_link(&value)) {
                self.hrefs.borrow_mut().push(href.trim().to_string());
            }
        } else if !tag.self_closing {
            // What a script, a style or a title holds is no markup.
            if let Some(state) = raw_text_state(&tag.name) {
                return state;
            }
        }
        TokenSinkResult::Continue
    }
}

/// Whether a `<link>` whose attributes `value` gives announces a feed.
fn is_feed_link(value: &dyn Fn(&str) -> Option<String>) -> bool {
    let alternate = value("rel").is_some_and(|rel| {
        rel.split_ascii_whitespace()
            .any(|r| r.eq_ignore_ascii_case("alternate"))
    });
    let feed_type = value("type").is_some_and(|t| {
        let essence = t.split(';').next().unwrap_or("").trim().to_string();
        FEED_TYPES.iter().any(|f| essence.eq_ignore_ascii_case(f))
    });
    alternate && feed_type
}

/// The hrefs of the feed discovery links of the page `text`.
fn feed_links(text: &str) -> Vec<String> {
    let tokenizer = Tokenizer::new(FeedLinks::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(text.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.hrefs.take()
}

/// An HTML page: one `UndefinedElement` error at its `<html>`, naming the
/// feeds it announces.
pub(crate) fn check(name: &str, bytes: &[u8]) -> Vec<Finding> {
    let text = String::from_utf8_lossy(bytes);
    let feeds = feed_links(&text);
    let announced = match feeds.len() {
        0 => "and it announces no feed".to_string(),
        1 => format!("check the feed it announces instead: {}", feeds[0]),
        2 | 3 => format!("check the feeds it announces instead: {}", feeds.join(", ")),
        n => format!(
            "check the feeds it announces instead: {}, {} and {} more",
            feeds[0],
            feeds[1],
            n - 2
        ),
    };
    let root = text
        .as_bytes()
        .windows(5)
        .position(|w| w.eq_ignore_ascii_case(b"<html"))
        .unwrap_or(0);
    let mut sink = Sink::new(name, &text);
    sink.report(
        root,
        Code::UndefinedElement,
        format!("<html> is the root of a web page, not of a feed or sitemap: {announced}"),
    );
    sink.findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(page: &str) -> (Option<usize>, String) {
        let findings = check("page.html", page.as_bytes());
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].code, Code::UndefinedElement);
        (findings[0].line, findings[0].message.clone())
    }

    #[test]
    fn a_page_is_not_a_feed_and_names_the_feeds_it_announces() {
        let page = "<!DOCTYPE html>\n<html lang=en>\n<head>\n<title>x <link rel=alternate type=application/rss+xml href=/no.xml></title>\n\
                    <script>'<link rel=alternate type=application/rss+xml href=/no.xml>'</script>\n\
                    <link rel=\"Alternate Home\" type=\"Application/RSS+XML; charset=utf-8\" href=\" https://example.org/rss.xml \">\n\
                    <link rel=alternate type=text/html href=https://example.org/fr/>\n\
                    <link rel=alternate type=application/feed+json href=/feed.json>\n</head></html>";
        let (line, text) = message(page);
        assert_eq!(line, Some(2));
        assert!(
            text.ends_with(
                "check the feeds it announces instead: https://example.org/rss.xml, /feed.json"
            ),
            "{text}"
        );
        let (_, text) = message("<html><body><p>hello</p></body></html>");
        assert!(text.ends_with("and it announces no feed"), "{text}");
        let many: String = (0..5)
            .map(|i| format!("<link rel=alternate type=application/atom+xml href=/{i}.xml>"))
            .collect();
        let (_, text) = message(&format!("<html><head>{many}</head></html>"));
        assert!(text.ends_with("/0.xml, /1.xml and 3 more"), "{text}");
    }
}
