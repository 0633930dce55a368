//! RSS 2.0 with the full post in `content:encoded`.

use std::collections::BTreeMap;

use rss::extension::atom::{AtomExtension, Link};
use rss::extension::dublincore::DublinCoreExtension;
use rss::extension::ExtensionMap;
use rss::{Category, Channel, Guid, Item};
use url::Url;

use feedwright_check::spec::{ATOM_NS, CONTENT_NS, DC_NS, MEDIA_NS};

use super::media::media_content;
use super::{GENERATOR, VERSION};
use crate::content::date::to_rfc822;
use crate::error::{Error, Result};
use crate::feed::{Feed, FeedEntry};

/// The RSS 2.0 document for `feed`, served at `self_url`.
pub fn render(feed: &Feed, self_url: &Url) -> Result<Vec<u8>> {
    let mut namespaces = BTreeMap::new();
    namespaces.insert("atom".to_string(), ATOM_NS.to_string());
    namespaces.insert("content".to_string(), CONTENT_NS.to_string());
    namespaces.insert("dc".to_string(), DC_NS.to_string());
    if feed.entries.iter().any(|e| e.image.is_some()) {
        namespaces.insert("media".to_string(), MEDIA_NS.to_string());
    }
    let channel = Channel {
        title: feed.title.clone(),
        link: feed.home.to_string(),
        description: feed.description.clone(),
        language: feed.language.clone(),
        managing_editor: feed.author.as_ref().and_then(|a| {
            a.email
                .as_ref()
                .map(|email| format!("{email} ({})", a.name))
        }),
        last_build_date: feed.updated.map(to_rfc822),
        pub_date: feed.published.map(to_rfc822),
        generator: Some(format!("{GENERATOR} {VERSION}")),
        docs: Some("https://www.rssboard.org/rss-specification".to_string()),
        atom_ext: Some(AtomExtension {
            links: std::iter::once(Link {
                href: self_url.to_string(),
                rel: "self".to_string(),
                mime_type: Some("application/rss+xml".to_string()),
                ..Link::default()
            })
            .chain(feed.hubs.iter().map(|hub| Link {
                href: hub.to_string(),
                rel: "hub".to_string(),
                ..Link::default()
            }))
            .collect(),
        }),
        items: feed.entries.iter().map(item).collect(),
        namespaces,
        ..Channel::default()
    };
    let mut out = Vec::new();
    channel
        .pretty_write_to(&mut out, b' ', 2)
        .map_err(|e| Error::Render {
            output: "RSS".into(),
            message: e.to_string(),
        })?;
    let mut out = hex_references_outside_cdata(&out);
    out.push(b'\n');
    Ok(out)
}

/// `&lt;` and `&amp;` written as `&#x3C;` and `&#x26;` (the same characters to
/// any XML parser) everywhere but inside CDATA sections, where text is literal.
///
/// The W3C Feed Validation Service takes `&lt;` in RSS plain text (a title
/// such as "Vec<T>") for escaped HTML and warns, unless the line uses
/// hexadecimal references, which is what the RSS Advisory Board recommends.
fn hex_references_outside_cdata(xml: &[u8]) -> Vec<u8> {
    const CDATA_OPEN: &[u8] = b"<![CDATA[";
    const CDATA_CLOSE: &[u8] = b"]]>";
    let mut out = Vec::with_capacity(xml.len() + 64);
    let mut i = 0;
    while i < xml.len() {
        let rest = &xml[i..];
        if rest.starts_with(CDATA_OPEN) {
            let end = rest
                .windows(CDATA_CLOSE.len())
                .position(|w| w == CDATA_CLOSE)
                .map_or(rest.len(), |p| p + CDATA_CLOSE.len());
            out.extend_from_slice(&rest[..end]);
            i += end;
        } else if rest.starts_with(b"&lt;") {
            out.extend_from_slice(b"&#x3C;");
            i += 4;
        } else if rest.starts_with(b"&amp;") {
            out.extend_from_slice(b"&#x26;");
            i += 5;
        } else {
            out.push(xml[i]);
            i += 1;
        }
    }
    out
}

fn item(entry: &FeedEntry) -> Item {
    let mut extensions = ExtensionMap::default();
    if let Some(image) = &entry.image {
        let mut media = BTreeMap::new();
        media.insert("content".to_string(), vec![media_content(image)]);
        extensions.insert("media".to_string(), media);
    }
    Item {
        title: Some(entry.title.clone()),
        link: Some(entry.permalink.to_string()),
        // Always a description, and before content:encoded: readers that show
        // only descriptions need one, and validators warn without it.
        description: Some(if entry.summary_html.is_empty() {
            entry.content_html.clone()
        } else {
            entry.summary_html.clone()
        }),
        guid: Some(Guid {
            value: entry.permalink.to_string(),
            permalink: true,
        }),
        pub_date: Some(to_rfc822(entry.published)),
        categories: entry
            .categories
            .iter()
            .map(|name| Category {
                name: name.clone(),
                domain: None,
            })
            .collect(),
        dublin_core_ext: (!entry.authors.is_empty()).then(|| DublinCoreExtension {
            creators: entry.authors.iter().map(|a| a.name.clone()).collect(),
            ..DublinCoreExtension::default()
        }),
        content: Some(entry.content_html.clone()),
        extensions,
        ..Item::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdata_terminators_in_content_round_trip() {
        let entry = FeedEntry {
            title: "T ]]> & <b>".into(),
            permalink: Url::parse("https://example.org/p/").unwrap(),
            source: "content/p.md".into(),
            published: chrono::DateTime::UNIX_EPOCH,
            updated: chrono::DateTime::UNIX_EPOCH,
            authors: vec![],
            categories: vec![],
            image: None,
            summary_html: "<p>a ]]> b</p>".into(),
            content_html: "<p>x ]]> y ]]]]>> z</p>".into(),
        };
        let feed = Feed {
            title: "F".into(),
            description: "D".into(),
            language: None,
            home: Url::parse("https://example.org/").unwrap(),
            hubs: Vec::new(),
            author: None,
            updated: None,
            published: None,
            entries: vec![entry],
            warnings: Vec::new(),
        };
        let bytes = render(&feed, &Url::parse("https://example.org/rss.xml").unwrap()).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let texts = |name: &str| -> Vec<String> {
            doc.descendants()
                .filter(|n| n.tag_name().name() == name)
                .map(|n| n.text().unwrap_or_default().to_string())
                .collect()
        };
        assert_eq!(texts("encoded"), ["<p>x ]]> y ]]]]>> z</p>"]);
        assert_eq!(texts("description")[1], "<p>a ]]> b</p>");
        assert_eq!(texts("title")[1], "T ]]> & <b>");
    }

    #[test]
    fn hex_references_spare_cdata() {
        let xml = b"<title>Vec&lt;T&gt; &amp; co</title><description><![CDATA[<p>a &lt; b &amp;</p>]]></description>";
        let out = String::from_utf8(hex_references_outside_cdata(xml)).unwrap();
        assert_eq!(
            out,
            "<title>Vec&#x3C;T&gt; &#x26; co</title><description><![CDATA[<p>a &lt; b &amp;</p>]]></description>"
        );
    }
}
