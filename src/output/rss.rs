//! RSS 2.0 with the full post in `content:encoded`.
//!
//! Written by hand, in three parts, [`head`], one [`item`] per entry and
//! [`TAIL`]: an entry's item is written once and its bytes shared by every
//! feed that carries it (the site's, its section's, each of its terms'), and
//! a feed's exact size is known before it is put together, so a feed kept
//! under its size limit is never written twice.

use url::Url;

use feedwright_check::spec::{ATOM_NS, CONTENT_NS, DC_NS, FEED_HISTORY_NS, MEDIA_NS};

use super::text::{push_cdata, push_escaped, push_rss_text};
use super::{GENERATOR, VERSION};
use crate::content::date::to_rfc822;
use crate::feed::{Feed, FeedEntry, FeedHead, FeedImage};

/// The end of every RSS feed.
pub const TAIL: &str = "  </channel>\n</rss>\n";

/// The whole RSS document for `feed`, served at `self_url`.
pub fn render(feed: &Feed, self_url: &Url) -> Vec<u8> {
    let has_media = feed.entries.iter().any(uses_media_rss);
    let mut out = head(&feed.head, self_url, has_media);
    for entry in &feed.entries {
        out.push_str(&item(entry));
    }
    out.push_str(TAIL);
    out.into_bytes()
}

/// Whether an entry's image is written as Media RSS (it has no enclosure).
pub fn uses_media_rss(entry: &FeedEntry) -> bool {
    entry.image.as_ref().is_some_and(|i| !i.is_enclosure())
}

/// Everything before the items; `has_media` declares the Media RSS namespace.
pub fn head(head: &FeedHead, self_url: &Url, has_media: bool) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"");
    for (prefix, ns, used) in [
        ("atom", ATOM_NS, true),
        ("content", CONTENT_NS, true),
        ("dc", DC_NS, true),
        ("fh", FEED_HISTORY_NS, head.complete),
        ("media", MEDIA_NS, has_media),
    ] {
        if used {
            out.push_str(&format!(" xmlns:{prefix}=\"{ns}\""));
        }
    }
    out.push_str(">\n  <channel>\n");
    element(&mut out, 4, "title", &head.title);
    element(&mut out, 4, "link", head.home.as_str());
    element(&mut out, 4, "description", &head.description);
    if let Some(language) = &head.language {
        element(&mut out, 4, "language", language);
    }
    if let Some(author) = &head.author {
        if let Some(email) = &author.email {
            element(
                &mut out,
                4,
                "managingEditor",
                &format!("{email} ({})", author.name),
            );
        }
    }
    // `pubDate`: when the feed last gained an entry; `lastBuildDate`: when
    // it last changed.
    if let Some(published) = head.published.or(head.updated) {
        element(&mut out, 4, "pubDate", &to_rfc822(published));
    }
    if let Some(updated) = head.updated {
        element(&mut out, 4, "lastBuildDate", &to_rfc822(updated));
    }
    element(&mut out, 4, "generator", &format!("{GENERATOR} {VERSION}"));
    element(
        &mut out,
        4,
        "docs",
        "https://www.rssboard.org/rss-specification",
    );
    out.push_str("    <atom:link href=\"");
    push_escaped(&mut out, self_url.as_str());
    out.push_str("\" rel=\"self\" type=\"application/rss+xml\"/>\n");
    for hub in &head.hubs {
        out.push_str("    <atom:link href=\"");
        push_escaped(&mut out, hub.as_str());
        out.push_str("\" rel=\"hub\"/>\n");
    }
    if head.complete {
        out.push_str("    <fh:complete/>\n");
    }
    out
}

/// One entry's `<item>`.
pub fn item(entry: &FeedEntry) -> String {
    let body = entry.content_html.as_deref();
    let mut out = String::with_capacity(
        512 + entry.summary_html.len() + body.map_or(0, str::len) + entry.title.len(),
    );
    out.push_str("    <item>\n");
    element(&mut out, 6, "title", &entry.title);
    element(&mut out, 6, "link", entry.permalink.as_str());
    // Always a description, and before content:encoded: readers that show
    // only descriptions need one, and validators warn without it.
    out.push_str("      <description>");
    let description = if entry.summary_html.is_empty() {
        entry.body_html()
    } else {
        &entry.summary_html
    };
    push_cdata(&mut out, description);
    out.push_str("</description>\n");
    for category in &entry.categories {
        element(&mut out, 6, "category", category);
    }
    if let Some(image) = entry.image.as_ref().filter(|i| i.is_enclosure()) {
        enclosure(&mut out, image);
    }
    let permalink = entry.id == entry.permalink.as_str();
    out.push_str(if permalink {
        "      <guid>"
    } else {
        "      <guid isPermaLink=\"false\">"
    });
    push_rss_text(&mut out, &entry.id);
    out.push_str("</guid>\n");
    element(&mut out, 6, "pubDate", &to_rfc822(entry.published));
    if let Some(content) = body {
        out.push_str("      <content:encoded>");
        push_cdata(&mut out, content);
        out.push_str("</content:encoded>\n");
    }
    if let Some(image) = entry.image.as_ref().filter(|i| !i.is_enclosure()) {
        out.push_str("      ");
        super::media::push_media_content(&mut out, image);
        out.push('\n');
    }
    for author in &entry.authors {
        element(&mut out, 6, "dc:creator", &author.name);
    }
    out.push_str("    </item>\n");
    out
}

/// `<enclosure url length type/>` for an image whose file was found.
fn enclosure(out: &mut String, image: &FeedImage) {
    out.push_str("      <enclosure url=\"");
    push_escaped(out, image.url.as_str());
    out.push_str(&format!(
        "\" length=\"{}\" type=\"{}\"/>\n",
        image.length.unwrap_or(0),
        image.media_type.unwrap_or("application/octet-stream")
    ));
}

/// `<name>text</name>` on its own line, indented by `indent`.
fn element(out: &mut String, indent: usize, name: &str, text: &str) {
    out.extend(std::iter::repeat_n(' ', indent));
    out.push('<');
    out.push_str(name);
    out.push('>');
    push_rss_text(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(entry: FeedEntry) -> Feed {
        Feed {
            head: FeedHead {
                title: "F".into(),
                description: "D".into(),
                language: None,
                home: Url::parse("https://example.org/").unwrap(),
                id: "https://example.org/".into(),
                author: None,
                updated: None,
                published: None,
                hubs: vec![Url::parse("https://hub.example.net/").unwrap()],
                complete: true,
            },
            entries: vec![entry],
        }
    }

    fn entry() -> FeedEntry {
        FeedEntry {
            id: "https://example.org/p/".into(),
            title: "T ]]> & <b>".into(),
            permalink: Url::parse("https://example.org/p/").unwrap(),
            source: "content/p.md".into(),
            published: chrono::DateTime::UNIX_EPOCH,
            updated: chrono::DateTime::UNIX_EPOCH,
            authors: vec![],
            categories: vec![],
            image: None,
            summary_html: "<p>a ]]> b</p>".into(),
            content_html: Some("<p>x ]]> y ]]]]>> z</p>".into()),
        }
    }

    #[test]
    fn cdata_terminators_in_content_round_trip() {
        let bytes = render(
            &feed(entry()),
            &Url::parse("https://example.org/rss.xml").unwrap(),
        );
        let text = String::from_utf8(bytes).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let texts = |name: &str| -> Vec<String> {
            doc.descendants()
                .filter(|n| n.tag_name().name() == name)
                .map(|n| n.children().filter_map(|c| c.text()).collect())
                .collect()
        };
        assert_eq!(texts("encoded"), ["<p>x ]]> y ]]]]>> z</p>"]);
        assert_eq!(texts("description")[1], "<p>a ]]> b</p>");
        assert_eq!(texts("title")[1], "T ]]> & <b>");
        assert!(text.contains("<fh:complete/>"), "{text}");
        assert!(text.contains("<atom:link href=\"https://hub.example.net/\" rel=\"hub\"/>"));
    }

    #[test]
    fn pinned_ids_are_not_permalinks() {
        let mut pinned = entry();
        pinned.id = "tag:example.org,2020:p".into();
        let text = String::from_utf8(render(
            &feed(pinned),
            &Url::parse("https://example.org/rss.xml").unwrap(),
        ))
        .unwrap();
        assert!(text.contains("<guid isPermaLink=\"false\">tag:example.org,2020:p</guid>"));
    }

    #[test]
    fn summaries_only_have_no_content() {
        let mut summary_only = entry();
        summary_only.content_html = None;
        let text = String::from_utf8(render(
            &feed(summary_only),
            &Url::parse("https://example.org/rss.xml").unwrap(),
        ))
        .unwrap();
        assert!(!text.contains("content:encoded>"), "{text}");
    }
}
