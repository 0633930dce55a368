//! The files the checker's benchmark reads, generated: a feed at the
//! 5,000,000-byte limit (RSS and Atom, each item with a full HTML post) and
//! a sitemap of 50,000 URLs, the protocol's limit. Shared by
//! `benches/check.rs` and `examples/bench_inputs.rs`, which writes them out
//! for profilers.

use std::fmt::Write;

/// The largest feed the checker accepts.
const FEED_BYTES: usize = 4_990_000;

/// A post's HTML, as a blog's feed carries it: paragraphs, links, an image,
/// code, a list; about 2.5 KB.
fn post_html(i: usize) -> String {
    let mut html = String::new();
    for p in 0..8 {
        writeln!(
            html,
            "<p>Paragraph {p} of post {i}, with <a href=\"https://example.org/posts/{i}/#s{p}\">a link</a>, \
             <em>emphasis</em>, <code>inline_code()</code> and a few plain words to read like a real \
             sentence does, long enough to wrap in a reader's column twice over.</p>"
        )
        .expect("writes to a string");
    }
    write!(
        html,
        "<figure><img src=\"https://example.org/posts/{i}/photo.jpg\" alt=\"A photo\" width=\"800\" height=\"600\"></figure>\n\
         <pre><code>fn main() {{\n    println!(\"post {i}\");\n}}\n</code></pre>\n\
         <ul><li>one</li><li>two</li><li>three</li></ul>"
    )
    .expect("writes to a string");
    html
}

/// Escapes text for XML element content.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An RSS 2.0 feed of about `FEED_BYTES` bytes, its HTML in CDATA
/// sections, as feedwright (and WordPress) write it.
pub(crate) fn rss_feed() -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n\
         <title>Example</title>\n<link>https://example.org/</link>\n<description>A big feed.</description>\n\
         <language>en</language>\n<lastBuildDate>Mon, 10 Feb 2025 12:00:00 +0000</lastBuildDate>\n\
         <atom:link href=\"https://example.org/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n",
    );
    let tail = "</channel>\n</rss>\n";
    for i in 0.. {
        let item = format!(
            "<item>\n<title>Post {i}</title>\n<link>https://example.org/posts/{i}/</link>\n\
             <description>The summary of post {i}.</description>\n<content:encoded><![CDATA[{}]]></content:encoded>\n\
             <guid>https://example.org/posts/{i}/</guid>\n<pubDate>Mon, 10 Feb 2025 12:00:00 +0000</pubDate>\n\
             <category>notes</category>\n<dc:creator>Jane Doe</dc:creator>\n</item>\n",
            post_html(i)
        );
        if xml.len() + item.len() + tail.len() > FEED_BYTES {
            break;
        }
        xml.push_str(&item);
    }
    xml.push_str(tail);
    xml.into_bytes()
}

/// An Atom feed of about `FEED_BYTES` bytes, its HTML escaped, as
/// feedwright writes it.
pub(crate) fn atom_feed() -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n\
         <title>Example</title>\n<id>https://example.org/</id>\n<updated>2025-02-10T13:00:00Z</updated>\n\
         <author><name>Jane Doe</name></author>\n\
         <link href=\"https://example.org/atom.xml\" rel=\"self\" type=\"application/atom+xml\"/>\n\
         <link href=\"https://example.org/\"/>\n",
    );
    let tail = "</feed>\n";
    for i in 0.. {
        let entry = format!(
            "<entry>\n<title>Post {i}</title>\n<id>https://example.org/posts/{i}/</id>\n\
             <updated>2025-02-10T12:{:02}:{:02}Z</updated>\n<link href=\"https://example.org/posts/{i}/\"/>\n\
             <summary>The summary of post {i}.</summary>\n<content type=\"html\">{}</content>\n\
             <category term=\"notes\"/>\n</entry>\n",
            (i / 60) % 60,
            i % 60,
            escape(&post_html(i))
        );
        if xml.len() + entry.len() + tail.len() > FEED_BYTES {
            break;
        }
        xml.push_str(&entry);
    }
    xml.push_str(tail);
    xml.into_bytes()
}

/// A sitemap of `n` URLs with their last modification dates.
pub(crate) fn sitemap(n: usize) -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for i in 0..n {
        writeln!(
            xml,
            "<url><loc>https://example.org/posts/{i}/</loc><lastmod>2025-02-10T12:00:00Z</lastmod></url>"
        )
        .expect("writes to a string");
    }
    xml.push_str("</urlset>\n");
    xml.into_bytes()
}
