//! JSON Feed 1.1 (jsonfeed.org), from the same entries as RSS and Atom: the
//! same ids, the same full content.
//!
//! In parts, as the XML feeds are: a [`head`] (the top-level fields, up to
//! the opening of `items`), one [`item`] per entry, written once and shared,
//! [`SEPARATOR`] between items, and [`TAIL`]. One item a line: compact, and
//! each entry a line of its own in a diff.

use serde::Serialize;
use url::Url;

use crate::content::date::to_rfc3339;
use crate::feed::{Feed, FeedEntry, FeedHead};
use crate::syndicate::compose::html_to_text;

/// The version URL of JSON Feed 1.1.
pub const VERSION_1_1: &str = "https://jsonfeed.org/version/1.1";

/// Between two items.
pub const SEPARATOR: &str = ",\n";

/// The end of every JSON Feed.
pub const TAIL: &str = "\n]}\n";

/// What the top level carries besides the feed's head: the site's icons.
#[derive(Debug, Clone, Copy, Default)]
pub struct Icons<'a> {
    /// A large square image for the feed (512 × 512).
    pub icon: Option<&'a str>,
    /// A small one (64 × 64).
    pub favicon: Option<&'a str>,
}

/// The whole JSON Feed for `feed`, served at `self_url`.
pub fn render(feed: &Feed, self_url: &Url) -> Vec<u8> {
    let mut out = head(&feed.head, self_url, Icons::default());
    for (i, entry) in feed.entries.iter().enumerate() {
        if i > 0 {
            out.push_str(SEPARATOR);
        }
        out.push_str(&item(entry));
    }
    out.push_str(TAIL);
    out.into_bytes()
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Hub<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct Top<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    icon: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    favicon: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hubs: Vec<Hub<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: &'a str,
    #[serde(skip_serializing_if = "String::is_empty")]
    summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
}

/// The top-level fields, and `"items":[` and a line break.
pub fn head(head: &FeedHead, self_url: &Url, icons: Icons<'_>) -> String {
    let top = Top {
        version: VERSION_1_1,
        title: &head.title,
        home_page_url: head.home.as_str(),
        feed_url: self_url.as_str(),
        description: &head.description,
        icon: icons.icon,
        favicon: icons.favicon,
        authors: head
            .author
            .iter()
            .map(|a| Author {
                name: &a.name,
                url: None,
            })
            .collect(),
        language: head.language.as_deref(),
        hubs: head
            .hubs
            .iter()
            .map(|hub| Hub {
                kind: "WebSub",
                url: hub.as_str(),
            })
            .collect(),
    };
    let mut out = serde_json::to_string(&top).expect("plain strings serialize");
    // `{…}` becomes `{…,"items":[` and a line break.
    out.pop();
    out.push_str(",\"items\":[\n");
    out
}

/// One entry's item, on one line.
pub fn item(entry: &FeedEntry) -> String {
    let item = Item {
        id: &entry.id,
        url: entry.permalink.as_str(),
        title: &entry.title,
        content_html: entry.body_html(),
        summary: html_to_text(&entry.summary_html),
        image: entry.image.as_ref().map(|i| i.url.as_str()),
        date_published: to_rfc3339(entry.published),
        date_modified: to_rfc3339(entry.updated),
        tags: &entry.categories,
        authors: entry
            .authors
            .iter()
            .map(|a| Author {
                name: &a.name,
                url: a.uri.as_deref(),
            })
            .collect(),
    };
    serde_json::to_string(&item).expect("plain strings serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_feed_is_valid_json() {
        let feed = Feed {
            head: FeedHead {
                title: "F \"q\"".into(),
                description: "D".into(),
                language: Some("en".into()),
                home: Url::parse("https://example.org/").unwrap(),
                id: "https://example.org/".into(),
                author: None,
                updated: None,
                published: None,
                hubs: vec![],
                complete: false,
            },
            entries: vec![],
        };
        let bytes = render(&feed, &Url::parse("https://example.org/feed.json").unwrap());
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["version"], VERSION_1_1);
        assert_eq!(value["title"], "F \"q\"");
        assert_eq!(value["items"], serde_json::json!([]));
    }
}
