//! Atom 1.0 (RFC 4287) with the full post as `<content type="html">`.
//!
//! Written by hand, as RSS is ([`super::rss`]): a [`head`], one [`entry`]
//! per post, written once and shared by every feed carrying it, and [`TAIL`].

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use url::Url;

use feedwright_check::spec::{FEED_HISTORY_NS, MEDIA_NS};

use super::text::push_escaped;
use super::{GENERATOR, VERSION};
use crate::content::date::to_rfc3339;
use crate::feed::{Feed, FeedEntry, FeedHead};

/// The end of every Atom feed.
pub const TAIL: &str = "</feed>\n";

/// The whole Atom document for `feed`, served at `self_url`.
pub fn render(feed: &Feed, self_url: &Url) -> Vec<u8> {
    let updated = distinct_update_times(feed.entries.iter().map(|e| e.updated));
    let newest = updated.iter().copied().max();
    let has_media = feed.entries.iter().any(super::rss::uses_media_rss);
    let mut out = head(&feed.head, self_url, newest, has_media);
    for (entry_, updated) in feed.entries.iter().zip(updated) {
        out.push_str(&entry(entry_, updated));
    }
    out.push_str(TAIL);
    out.into_bytes()
}

/// Each entry's `updated`, nudged later by whole seconds where entries tie,
/// for entries in the order feeds list them (newest first).
///
/// Atom readers (and the W3C validator, which warns on it) take two entries
/// with one `updated` for one entry edited twice; sites where many posts share
/// a date (a theme's demo posts, date-only posts of one day) would otherwise
/// lose entries in some readers. Computed over every post some feed carries,
/// so an entry has one `updated` in every feed; the order is the feeds', so
/// the result is deterministic; dates only move forward, so `updated` stays
/// at or after `published`.
pub fn distinct_update_times(
    updated: impl ExactSizeIterator<Item = DateTime<Utc>>,
) -> Vec<DateTime<Utc>> {
    let mut taken = HashSet::with_capacity(updated.len());
    updated
        .map(|mut updated| {
            while !taken.insert(updated) {
                updated += chrono::Duration::seconds(1);
            }
            updated
        })
        .collect()
}

/// Everything before the entries. `newest` is the newest of the entries'
/// (nudged) update times; `has_media` declares the Media RSS namespace.
pub fn head(
    head: &FeedHead,
    self_url: &Url,
    newest: Option<DateTime<Utc>>,
    has_media: bool,
) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    if head.complete {
        out.push_str(&format!(" xmlns:fh=\"{FEED_HISTORY_NS}\""));
    }
    if has_media {
        out.push_str(&format!(" xmlns:media=\"{MEDIA_NS}\""));
    }
    if let Some(language) = &head.language {
        out.push_str(" xml:lang=\"");
        push_escaped(&mut out, language);
        out.push('"');
    }
    out.push_str(">\n");
    text_element(&mut out, 2, "title", &head.title);
    text_element(&mut out, 2, "id", &head.id);
    let updated = newest.max(head.updated).unwrap_or(DateTime::UNIX_EPOCH);
    text_element(&mut out, 2, "updated", &to_rfc3339(updated));
    // RFC 4287 wants an author on the feed or on every entry; the site's own
    // author, else its title, stands for entries that name none.
    out.push_str("  <author>\n");
    let name = head.author.as_ref().map_or(&head.title, |a| &a.name);
    text_element(&mut out, 4, "name", name);
    if let Some(email) = head.author.as_ref().and_then(|a| a.email.as_ref()) {
        text_element(&mut out, 4, "email", email);
    }
    out.push_str("  </author>\n");
    out.push_str(&format!(
        "  <generator version=\"{VERSION}\">{GENERATOR}</generator>\n"
    ));
    link(
        &mut out,
        2,
        self_url.as_str(),
        "self",
        Some("application/atom+xml"),
    );
    link(
        &mut out,
        2,
        head.home.as_str(),
        "alternate",
        Some("text/html"),
    );
    for hub in &head.hubs {
        link(&mut out, 2, hub.as_str(), "hub", None);
    }
    text_element(&mut out, 2, "subtitle", &head.description);
    if head.complete {
        out.push_str("  <fh:complete/>\n");
    }
    out
}

/// One entry's `<entry>`, with its (nudged) update time.
pub fn entry(entry: &FeedEntry, updated: DateTime<Utc>) -> String {
    let body = entry.content_html.as_deref();
    let mut out =
        String::with_capacity(640 + (entry.summary_html.len() + body.map_or(0, str::len)) * 5 / 4);
    out.push_str("  <entry>\n");
    text_element(&mut out, 4, "title", &entry.title);
    text_element(&mut out, 4, "id", &entry.id);
    text_element(&mut out, 4, "updated", &to_rfc3339(updated));
    for author in &entry.authors {
        out.push_str("    <author>\n");
        text_element(&mut out, 6, "name", &author.name);
        if let Some(email) = &author.email {
            text_element(&mut out, 6, "email", email);
        }
        if let Some(uri) = &author.uri {
            text_element(&mut out, 6, "uri", uri);
        }
        out.push_str("    </author>\n");
    }
    for category in &entry.categories {
        out.push_str("    <category term=\"");
        push_escaped(&mut out, category);
        out.push_str("\"/>\n");
    }
    link(
        &mut out,
        4,
        entry.permalink.as_str(),
        "alternate",
        Some("text/html"),
    );
    if let Some(image) = entry.image.as_ref().filter(|i| i.is_enclosure()) {
        out.push_str("    <link href=\"");
        push_escaped(&mut out, image.url.as_str());
        out.push_str(&format!(
            "\" rel=\"enclosure\" type=\"{}\" length=\"{}\"/>\n",
            image.media_type.unwrap_or("application/octet-stream"),
            image.length.unwrap_or(0)
        ));
    }
    text_element(&mut out, 4, "published", &to_rfc3339(entry.published));
    if !entry.summary_html.is_empty() {
        out.push_str("    <summary type=\"html\">");
        push_escaped(&mut out, &entry.summary_html);
        out.push_str("</summary>\n");
    }
    if let Some(content) = body {
        out.push_str("    <content type=\"html\">");
        push_escaped(&mut out, content);
        out.push_str("</content>\n");
    }
    if let Some(image) = entry.image.as_ref().filter(|i| !i.is_enclosure()) {
        out.push_str("    ");
        super::media::push_media_content(&mut out, image);
        out.push('\n');
    }
    out.push_str("  </entry>\n");
    out
}

/// `<link href rel [type]/>`.
fn link(out: &mut String, indent: usize, href: &str, rel: &str, media_type: Option<&str>) {
    out.extend(std::iter::repeat_n(' ', indent));
    out.push_str("<link href=\"");
    push_escaped(out, href);
    out.push_str("\" rel=\"");
    out.push_str(rel);
    if let Some(media_type) = media_type {
        out.push_str("\" type=\"");
        out.push_str(media_type);
    }
    out.push_str("\"/>\n");
}

/// `<name>text</name>` on its own line.
fn text_element(out: &mut String, indent: usize, name: &str, text: &str) {
    out.extend(std::iter::repeat_n(' ', indent));
    out.push('<');
    out.push_str(name);
    out.push('>');
    push_escaped(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tied_update_times_move_apart() {
        let t = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let later = t + chrono::Duration::seconds(1);
        assert_eq!(
            distinct_update_times([later, t, t, t].into_iter()),
            [
                later,
                t,
                later + chrono::Duration::seconds(1),
                later + chrono::Duration::seconds(2)
            ]
        );
    }
}
