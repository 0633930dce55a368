//! Atom 1.0 (RFC 4287) with the full post as `<content type="html">`.

use std::collections::{BTreeMap, HashSet};

use atom_syndication::extension::ExtensionMap;
use atom_syndication::{
    Category, Content, Entry, FixedDateTime, Generator, Link, Person, Text, WriteConfig,
};
use chrono::{DateTime, FixedOffset, Utc};
use url::Url;

use feedwright_check::spec::MEDIA_NS;

use super::{GENERATOR, VERSION};
use crate::error::{Error, Result};
use crate::feed::{Feed, FeedEntry};

/// The Atom document for `feed`, served at `self_url`.
pub fn render(feed: &Feed, self_url: &Url) -> Result<Vec<u8>> {
    let mut namespaces = BTreeMap::new();
    if feed.entries.iter().any(|e| e.image.is_some()) {
        namespaces.insert("media".to_string(), MEDIA_NS.to_string());
    }
    // RFC 4287 wants an author on the feed or on every entry; the site's own
    // author, else its title, stands for entries that name none.
    let feed_author = Person {
        name: feed
            .author
            .as_ref()
            .map_or_else(|| feed.title.clone(), |a| a.name.clone()),
        email: feed.author.as_ref().and_then(|a| a.email.clone()),
        uri: None,
        extensions: Default::default(),
    };
    let updated = distinct_update_times(&feed.entries);
    let newest = updated.iter().copied().max().max(feed.updated);
    let atom = atom_syndication::Feed {
        title: Text::plain(feed.title.clone()),
        id: feed.home.to_string(),
        updated: fixed(newest.unwrap_or(DateTime::UNIX_EPOCH)),
        authors: vec![feed_author],
        generator: Some(Generator {
            value: GENERATOR.to_string(),
            uri: None,
            version: Some(VERSION.to_string()),
        }),
        links: [
            link(self_url.as_str(), "self", Some("application/atom+xml")),
            link(feed.home.as_str(), "alternate", Some("text/html")),
        ]
        .into_iter()
        .chain(feed.hubs.iter().map(|hub| link(hub.as_str(), "hub", None)))
        .collect(),
        subtitle: Some(Text::plain(feed.description.clone())),
        entries: feed
            .entries
            .iter()
            .zip(updated)
            .map(|(e, updated)| entry(e, updated))
            .collect(),
        namespaces,
        lang: feed.language.clone(),
        ..atom_syndication::Feed::default()
    };
    let config = WriteConfig {
        write_document_declaration: false,
        indent_size: Some(2),
    };
    // The crate's declaration names no encoding; say UTF-8 outright.
    let declaration = b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".to_vec();
    let mut out = atom
        .write_with_config(declaration, config)
        .map_err(|e| Error::Render {
            output: "Atom".into(),
            message: e.to_string(),
        })?;
    out.push(b'\n');
    Ok(out)
}

/// Each entry's `updated`, nudged later by whole seconds where entries tie.
///
/// Atom readers (and the W3C validator, which warns on it) take two entries
/// with one `updated` for one entry edited twice; sites where many posts share
/// a date (a theme's demo posts, date-only posts of one day) would otherwise
/// lose entries in some readers. The order is the feed's, so the result is
/// deterministic; dates only move forward, so `updated` stays at or after
/// `published`, and never across a day for date-only posts.
fn distinct_update_times(entries: &[FeedEntry]) -> Vec<DateTime<Utc>> {
    let mut taken = HashSet::with_capacity(entries.len());
    entries
        .iter()
        .map(|entry| {
            let mut updated = entry.updated;
            while !taken.insert(updated) {
                updated += chrono::Duration::seconds(1);
            }
            updated
        })
        .collect()
}

fn entry(entry: &FeedEntry, updated: DateTime<Utc>) -> Entry {
    let mut extensions = ExtensionMap::default();
    if let Some(image) = &entry.image {
        let media = super::media::media_content(image);
        let mut by_name = BTreeMap::new();
        by_name.insert(
            "content".to_string(),
            vec![atom_syndication::extension::Extension {
                name: media.name,
                value: media.value,
                attrs: media.attrs,
                children: BTreeMap::new(),
            }],
        );
        extensions.insert("media".to_string(), by_name);
    }
    Entry {
        title: Text::plain(entry.title.clone()),
        id: entry.permalink.to_string(),
        updated: fixed(updated),
        published: Some(fixed(entry.published)),
        authors: entry
            .authors
            .iter()
            .map(|author| Person {
                name: author.name.clone(),
                email: author.email.clone(),
                uri: author.uri.clone(),
                extensions: Default::default(),
            })
            .collect(),
        categories: entry
            .categories
            .iter()
            .map(|term| Category {
                term: term.clone(),
                scheme: None,
                label: None,
            })
            .collect(),
        links: vec![link(
            entry.permalink.as_str(),
            "alternate",
            Some("text/html"),
        )],
        summary: Some(Text::html(entry.summary_html.clone())).filter(|s| !s.value.is_empty()),
        content: Some(Content {
            value: Some(entry.content_html.clone()),
            content_type: Some("html".to_string()),
            ..Content::default()
        }),
        extensions,
        ..Entry::default()
    }
}

fn link(href: &str, rel: &str, media_type: Option<&str>) -> Link {
    Link {
        href: href.to_string(),
        rel: rel.to_string(),
        mime_type: media_type.map(str::to_string),
        ..Link::default()
    }
}

fn fixed(instant: DateTime<Utc>) -> FixedDateTime {
    instant.with_timezone(&FixedOffset::east_opt(0).expect("zero is a valid offset"))
}
