//! `--from FEED`: entries read from any RSS 2.0, Atom 1.0 or JSON Feed file, or
//! an `https://` URL, so a site built by anything can be syndicated.

use std::path::Path;

use chrono::{DateTime, Utc};
use feed_rs::model::{Entry, Feed, Link, Text};
use url::Url;

use super::compose::{html_to_text, one_line};
use super::entry::{EntryImage, SyndicationEntry};
use super::http::{is_loopback, Client};
use super::Source;
use crate::error::{Diagnostic, Error, Result, Warning};

/// The largest feed read (a full-content feed can be large; none is this large).
pub const MAX_FEED_BYTES: u64 = 32 * 1024 * 1024;

/// Reads the feed at `location` (a file, or an `https://` URL).
pub fn read(location: &str, client: &Client) -> Result<Source> {
    let (bytes, base) = if location.starts_with("https://") || location.starts_with("http://") {
        let url = Url::parse(location)
            .map_err(|e| Error::Usage(format!("--from: `{location}` is not a URL ({e})")))?;
        if url.scheme() == "http" && !is_loopback(&url) {
            return Err(Error::Usage(format!(
                "--from: `{location}` must use https:// (http:// only to 127.0.0.1, [::1] or localhost)"
            )));
        }
        let bytes = client
            .fetch_document(&url, MAX_FEED_BYTES)
            .map_err(|m| Error::Usage(format!("--from {location}: {m}")))?;
        (bytes, Some(url))
    } else {
        let path = Path::new(location);
        let bytes = std::fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                Error::Usage(format!("--from: {location}: no such file"))
            }
            _ => Error::io(path, e),
        })?;
        (bytes, None)
    };
    let mut source = parse(&bytes, base.as_ref()).map_err(|message| {
        Error::content(
            Path::new(location),
            None,
            format!("cannot read the feed: {message}"),
        )
    })?;
    // The warnings are about this feed.
    for warning in &mut source.warnings {
        if let Warning::Site(diagnostic) = warning {
            diagnostic.path.get_or_insert_with(|| location.into());
        }
    }
    Ok(source)
}

/// Parses a feed's bytes; `base` resolves relative links (the URL it came from).
pub fn parse(bytes: &[u8], base: Option<&Url>) -> Result<Source, String> {
    // An RSS item without a guid is known by its link: a hash of its title
    // would change when the title is edited, and post it again.
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.map(Url::as_str))
        .id_generator(|links, _title, _base| {
            links.first().map(|l| l.href.clone()).unwrap_or_default()
        })
        .build();
    let feed = parser.parse(bytes).map_err(|e| e.to_string())?;
    let json_extras = json_feed_extras(bytes);

    let self_link = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref() == Some("self"))
        .map(|l| l.href.clone())
        .or(json_extras.feed_url);
    let mut hubs: Vec<String> = feed
        .links
        .iter()
        .filter(|l| l.rel.as_deref() == Some("hub"))
        .map(|l| l.href.clone())
        .collect();
    hubs.extend(json_extras.hubs);
    hubs.dedup();

    let language = feed.language.clone().map(|l| l.to_ascii_lowercase());
    let mut entries: Vec<SyndicationEntry> = Vec::new();
    let mut warnings = Vec::new();
    for (index, entry) in feed.entries.iter().enumerate() {
        match convert(entry, &feed, language.as_deref()) {
            // The first of two entries with one id wins: an id is posted once.
            Some(entry) if entries.iter().any(|e| e.id == entry.id) => warnings.push(format!(
                "the feed's entry {} repeats the id `{}`; it is skipped",
                index + 1,
                entry.id
            )),
            Some(entry) => entries.push(entry),
            None => warnings.push(format!(
                "the feed's entry {} (`{}`) has no link or no date; it is skipped",
                index + 1,
                entry.title.as_ref().map(text_plain).unwrap_or_default()
            )),
        }
    }
    let warnings = warnings
        .into_iter()
        .map(|message| Diagnostic::new(None, None, message).into())
        .collect();
    Ok(Source {
        entries,
        feeds: self_link.into_iter().collect(),
        hubs,
        warnings,
    })
}

fn convert(entry: &Entry, feed: &Feed, language: Option<&str>) -> Option<SyndicationEntry> {
    let url = alternate_link(&entry.links)?;
    let id = if entry.id.trim().is_empty() {
        url.clone()
    } else {
        entry.id.trim().to_string()
    };
    let content_html = entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .or_else(|| entry.summary.as_ref().map(text_as_html))
        .unwrap_or_default();
    let summary = entry
        .summary
        .as_ref()
        .map(text_plain)
        .filter(|s| !s.is_empty())
        .unwrap_or_default();
    let published: DateTime<Utc> = entry.published.or(entry.updated).or(feed.updated)?;
    let image = entry
        .media
        .iter()
        .flat_map(|m| {
            m.thumbnails
                .iter()
                .map(|t| t.image.uri.clone())
                .chain(m.content.iter().filter_map(|c| {
                    let is_image = c.content_type.as_ref().is_some_and(|t| t.ty() == "image");
                    is_image
                        .then(|| c.url.as_ref().map(|u| u.to_string()))
                        .flatten()
                }))
        })
        .next()
        .map(|url| EntryImage { url, file: None });
    Some(SyndicationEntry {
        id,
        url,
        title: entry.title.as_ref().map(text_plain).unwrap_or_default(),
        summary,
        content_markdown: None,
        content_html,
        categories: {
            let mut seen: Vec<String> = Vec::new();
            for c in &entry.categories {
                let term = c.label.clone().unwrap_or_else(|| c.term.clone());
                let term = one_line(&term);
                if !term.is_empty() && !seen.contains(&term) {
                    seen.push(term);
                }
            }
            seen
        },
        image,
        published,
        language: entry
            .language
            .clone()
            .map(|l| l.to_ascii_lowercase())
            .or_else(|| language.map(str::to_string)),
        networks: None,
    })
}

/// The entry's page: its `alternate` link (or one without a `rel`).
fn alternate_link(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.clone())
}

fn text_plain(text: &Text) -> String {
    if text.content_type.subty() == "html" || text.content_type.subty() == "xhtml" {
        html_to_text(&text.content)
    } else {
        one_line(&text.content)
    }
}

fn text_as_html(text: &Text) -> String {
    if text.content_type.subty() == "html" || text.content_type.subty() == "xhtml" {
        text.content.clone()
    } else {
        crate::feed::sanitize::escape_text(&text.content)
    }
}

#[derive(Default)]
struct JsonFeedExtras {
    feed_url: Option<String>,
    hubs: Vec<String>,
}

/// What feed-rs leaves out of a JSON Feed: its `feed_url` (as the self link)
/// and its `hubs` (`type: WebSub`).
fn json_feed_extras(bytes: &[u8]) -> JsonFeedExtras {
    let Ok(serde_json::Value::Object(feed)) = serde_json::from_slice::<serde_json::Value>(bytes)
    else {
        return JsonFeedExtras::default();
    };
    let hubs = feed
        .get("hubs")
        .and_then(|h| h.as_array())
        .map(|hubs| {
            hubs.iter()
                .filter(|h| {
                    h.get("type")
                        .and_then(|t| t.as_str())
                        .is_none_or(|t| t.eq_ignore_ascii_case("websub"))
                })
                .filter_map(|h| h.get("url").and_then(|u| u.as_str()).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    JsonFeedExtras {
        feed_url: feed
            .get("feed_url")
            .and_then(|u| u.as_str())
            .map(str::to_string),
        hubs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undated_and_repeated_entries_are_skipped_with_a_warning() {
        let rss = br#"<rss version="2.0"><channel><title>T</title><link>https://s.org/</link><description>D</description>
            <item><title>A</title><link>https://s.org/a/</link><pubDate>Wed, 01 Jan 2025 10:00:00 +0000</pubDate></item>
            <item><title>A again</title><link>https://s.org/a/</link><pubDate>Thu, 02 Jan 2025 10:00:00 +0000</pubDate></item>
            <item><title>Undated</title><link>https://s.org/u/</link></item>
            </channel></rss>"#;
        let source = parse(rss, None).unwrap();
        assert_eq!(source.entries.len(), 1);
        assert_eq!(source.entries[0].id, "https://s.org/a/");
        assert_eq!(source.entries[0].title, "A");
        assert_eq!(source.warnings.len(), 2, "{:?}", source.warnings);
        assert!(source.feeds.is_empty(), "no self link");
    }
}
