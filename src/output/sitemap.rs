//! Sitemaps (sitemaps.org 0.9): one file, or several plus a sitemap index once
//! the protocol's limits (50,000 URLs, 50 MB per file) are passed.

use chrono::{DateTime, Utc};
use url::Url;

use super::OutputFile;
use crate::content::date::to_rfc3339;

use feedwright_check::spec::sitemap::{MAX_BYTES, MAX_URLS, NAMESPACE};

/// One `<url>`, borrowing the page's URL (a sitemap may list 100,000 pages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SitemapUrl<'a> {
    /// The page's absolute URL.
    pub loc: &'a Url,
    /// When it last changed, where known.
    pub lastmod: Option<DateTime<Utc>>,
}

const HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// The sitemap files for `urls`: `name` alone, or `name` as an index of `stem-1.xml`, `stem-2.xml`, ...
pub(crate) fn render(urls: &[SitemapUrl<'_>], name: &str, base: &Url) -> Vec<OutputFile> {
    render_with_limits(urls, name, base, MAX_URLS, MAX_BYTES)
}

fn render_with_limits(
    urls: &[SitemapUrl<'_>],
    name: &str,
    base: &Url,
    max_urls: usize,
    max_bytes: usize,
) -> Vec<OutputFile> {
    let open = format!("{HEADER}<urlset xmlns=\"{NAMESPACE}\">\n");
    let close = "</urlset>\n";
    let mut chunks: Vec<(String, Option<DateTime<Utc>>)> = Vec::new();
    let mut body = open.clone();
    let mut count = 0;
    let mut newest = None;
    for url in urls {
        let entry = url_entry(url);
        if count == max_urls || (count > 0 && body.len() + entry.len() + close.len() > max_bytes) {
            body.push_str(close);
            chunks.push((std::mem::replace(&mut body, open.clone()), newest.take()));
            count = 0;
        }
        body.push_str(&entry);
        newest = newest.max(url.lastmod);
        count += 1;
    }
    body.push_str(close);
    chunks.push((body, newest));

    if chunks.len() == 1 {
        let (body, _) = chunks.pop().expect("one chunk");
        return vec![OutputFile {
            name: name.to_string(),
            bytes: body.into_bytes(),
        }];
    }
    let stem = name.strip_suffix(".xml").unwrap_or(name);
    let mut index = format!("{HEADER}<sitemapindex xmlns=\"{NAMESPACE}\">\n");
    let mut files = Vec::with_capacity(chunks.len() + 1);
    for (n, (body, newest)) in chunks.into_iter().enumerate() {
        let part = format!("{stem}-{}.xml", n + 1);
        let loc = base.join(&part).expect("part names are plain file names");
        index.push_str("  <sitemap>\n    <loc>");
        index.push_str(&escape(loc.as_str()));
        index.push_str("</loc>\n");
        if let Some(lastmod) = newest {
            index.push_str(&format!("    <lastmod>{}</lastmod>\n", to_rfc3339(lastmod)));
        }
        index.push_str("  </sitemap>\n");
        files.push(OutputFile {
            name: part,
            bytes: body.into_bytes(),
        });
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        name: name.to_string(),
        bytes: index.into_bytes(),
    });
    files
}

/// One `<url>` a line: as readable as more indentation, and at 50,000 URLs a
/// file notably smaller and quicker to read.
fn url_entry(url: &SitemapUrl<'_>) -> String {
    let mut entry = String::with_capacity(url.loc.as_str().len() + 64);
    entry.push_str("  <url><loc>");
    entry.push_str(&escape(url.loc.as_str()));
    entry.push_str("</loc>");
    if let Some(lastmod) = url.lastmod {
        entry.push_str("<lastmod>");
        entry.push_str(&to_rfc3339(lastmod));
        entry.push_str("</lastmod>");
    }
    entry.push_str("</url>\n");
    entry
}

/// XML escaping for a URL (already ASCII and percent-encoded, so only these can occur).
fn escape(url: &str) -> std::borrow::Cow<'_, str> {
    if !url.contains(['&', '<', '>', '"', '\'']) {
        return std::borrow::Cow::Borrowed(url);
    }
    std::borrow::Cow::Owned(
        url.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&apos;"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locs(n: usize) -> Vec<Url> {
        (0..n)
            .map(|i| Url::parse(&format!("https://example.org/p/{i}/?a=1&b=2")).unwrap())
            .collect()
    }

    fn urls(locs: &[Url]) -> Vec<SitemapUrl<'_>> {
        locs.iter()
            .enumerate()
            .map(|(i, loc)| SitemapUrl {
                loc,
                lastmod: DateTime::from_timestamp(1_700_000_000 + i as i64, 0),
            })
            .collect()
    }

    fn base() -> Url {
        Url::parse("https://example.org/").unwrap()
    }

    #[test]
    fn one_file_under_the_limits() {
        let files = render(&urls(&locs(3)), "sitemap.xml", &base());
        assert_eq!(files.len(), 1);
        let text = String::from_utf8(files[0].bytes.clone()).unwrap();
        assert!(text.contains("<loc>https://example.org/p/0/?a=1&amp;b=2</loc>"));
        assert!(text.contains("<lastmod>2023-11-14T22:13:20Z</lastmod>"));
        roxmltree::Document::parse(&text).unwrap();
    }

    #[test]
    fn splits_by_count_with_an_index() {
        let files = render_with_limits(&urls(&locs(5)), "sitemap.xml", &base(), 2, MAX_BYTES);
        let names: Vec<_> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let index = String::from_utf8(files[3].bytes.clone()).unwrap();
        let doc = roxmltree::Document::parse(&index).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
        assert_eq!(
            doc.descendants()
                .filter(|n| n.has_tag_name("sitemap"))
                .count(),
            3
        );
    }

    #[test]
    fn splits_by_size() {
        let files = render_with_limits(&urls(&locs(10)), "sitemap.xml", &base(), MAX_URLS, 400);
        assert!(files.len() > 2);
        for file in files.iter().filter(|f| f.name != "sitemap.xml") {
            assert!(
                file.bytes.len() <= 400,
                "{} is {} bytes",
                file.name,
                file.bytes.len()
            );
        }
    }
}
