//! The fuzz targets' bodies and the invariants every feedwright output must
//! hold. The fuzz crate (`fuzz/src/lib.rs`) and the regression tests
//! (`tests/it/main.rs`) include this one file by path, so a crash input
//! replayed as a test runs exactly the code and checks the fuzzer ran.
//!
//! Each check panics with a message naming the file and what is wrong: a panic
//! is what libFuzzer reports as a crash, and what a test reports as a failure.
#![allow(dead_code)]

use std::cell::RefCell;

use chrono::DateTime;
use url::Url;

/// Attributes whose value is a URL (HTML4, HTML5 and the legacy ones readers know).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "poster",
    "cite",
    "longdesc",
    "usemap",
    "action",
    "formaction",
    "background",
    "data",
    "ping",
    "manifest",
    "codebase",
    "dynsrc",
    "lowsrc",
    "xlink:href",
];

/// An output path must stay inside the output folder: plain names joined by `/`.
pub fn check_output_name(name: &str) {
    assert!(
        !name.is_empty()
            && !name.contains(['\\', '\0'])
            && name
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != ".."),
        "output path {name:?} is not inside the output folder"
    );
}

/// Checks one JSON Feed: valid JSON, every date in UTC, every URL absolute,
/// every item's page under `base`, every URL in its HTML absolute.
pub fn check_json_feed(name: &str, bytes: &[u8], base: &str) {
    check_output_name(name);
    let feed: serde_json::Value =
        serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
    for key in ["home_page_url", "feed_url"] {
        check_absolute(name, key, feed[key].as_str().unwrap_or_default());
    }
    for item in feed["items"].as_array().expect("items") {
        check_under_base(name, "url", item["url"].as_str().expect("url"), base);
        for key in ["date_published", "date_modified"] {
            check_rfc3339_utc(name, key, item[key].as_str().expect("dates"));
        }
        check_html_urls(name, item["content_html"].as_str().expect("content_html"));
    }
}

/// Checks one output file: a path inside the output folder, and for an XML
/// file well-formed XML 1.0, every date in UTC, every link absolute, every
/// URL in entry HTML absolute, every page under `base`.
pub fn check_output(name: &str, bytes: &[u8], base: &str) {
    check_output_name(name);
    if name.ends_with(".json") {
        return check_json_feed(name, bytes, base);
    }
    if name.ends_with(".html") {
        return;
    }
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: not UTF-8: {e}"));
    let doc = roxmltree::Document::parse(text)
        .unwrap_or_else(|e| panic!("{name}: not well-formed XML 1.0: {e}"));
    for node in doc.descendants().filter(|n| n.is_element()) {
        let local = node.tag_name().name();
        let value = all_text(node);
        match local {
            "pubDate" | "lastBuildDate" => check_rfc822_utc(name, local, &value),
            "published" | "updated" | "lastmod" => check_rfc3339_utc(name, local, &value),
            // RSS `<link>` and `<guid>`, Atom `<id>`, sitemap `<loc>`: pages of the site.
            "guid" | "loc" | "id" => check_under_base(name, local, value.trim(), base),
            "link" if node.attribute("href").is_none() => {
                check_under_base(name, local, value.trim(), base)
            }
            "content" | "summary" | "description" | "encoded" => {
                if local == "content" && node.attribute("url").is_some() {
                    // Media RSS `<media:content url=…>`.
                } else {
                    check_html_urls(name, &value);
                }
            }
            _ => {}
        }
        for attribute in ["href", "url"] {
            if let Some(url) = node.attribute(attribute) {
                check_absolute(name, &format!("<{local} {attribute}>"), url);
            }
        }
    }
}

/// The text of an element, CDATA sections and all.
fn all_text(node: roxmltree::Node<'_, '_>) -> String {
    node.children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect()
}

/// RSS dates: RFC 822 with a four-digit year, in UTC (`+0000`).
pub fn check_rfc822_utc(file: &str, element: &str, value: &str) {
    assert!(
        value.ends_with(" +0000"),
        "{file}: <{element}> {value:?} is not in UTC"
    );
    let parsed = DateTime::parse_from_rfc2822(value)
        .unwrap_or_else(|e| panic!("{file}: <{element}> {value:?} is not RFC 822: {e}"));
    assert_eq!(parsed.offset().local_minus_utc(), 0, "{file}: {value:?}");
    // RFC 822 as RSS uses it: `Wed, 15 Jan 2025 15:44:45 +0000`, a four-digit year.
    let year = value.split(' ').nth(3).unwrap_or("");
    assert!(
        year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()),
        "{file}: <{element}> {value:?} has no four-digit year"
    );
}

/// Atom and sitemap dates: RFC 3339 in UTC (`Z` or `+00:00`), a four-digit year.
pub fn check_rfc3339_utc(file: &str, element: &str, value: &str) {
    assert!(
        value.ends_with('Z') || value.ends_with("+00:00"),
        "{file}: <{element}> {value:?} is not in UTC"
    );
    assert!(
        value.len() > 4 && value[..4].bytes().all(|b| b.is_ascii_digit()) && &value[4..5] == "-",
        "{file}: <{element}> {value:?} has no four-digit year"
    );
    DateTime::parse_from_rfc3339(value)
        .unwrap_or_else(|e| panic!("{file}: <{element}> {value:?} is not RFC 3339: {e}"));
}

/// `value` is an absolute URL.
pub fn check_absolute(file: &str, what: &str, value: &str) {
    let decoded = feedwright::internals::sanitize::decode_entities(value);
    if let Err(e) = Url::parse(decoded.trim()) {
        panic!("{file}: {what} {value:?} is not an absolute URL: {e}");
    }
}

/// `value` is an absolute URL of a page of the site at `base`.
fn check_under_base(file: &str, what: &str, value: &str, base: &str) {
    check_absolute(file, &format!("<{what}>"), value);
    assert!(
        value.starts_with(base),
        "{file}: <{what}> {value:?} is outside the site {base}"
    );
}

/// Every URL-valued attribute in `html` (entry content or summary) is absolute.
pub fn check_html_urls(file: &str, html: &str) {
    use html5ever::tokenizer::{
        states::RawKind, BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
        TokenizerOpts,
    };

    /// The URL-valued attributes of every start tag, as an HTML parser reads them.
    #[derive(Default)]
    struct UrlAttributes(RefCell<Vec<(String, String)>>);

    impl TokenSink for UrlAttributes {
        type Handle = ();

        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let Token::TagToken(tag) = token else {
                return TokenSinkResult::Continue;
            };
            if tag.kind != TagKind::StartTag {
                return TokenSinkResult::Continue;
            }
            for attribute in &tag.attrs {
                let name = attribute.name.local.to_string();
                if URL_ATTRIBUTES.contains(&name.as_str()) || name == "srcset" {
                    self.0
                        .borrow_mut()
                        .push((name, attribute.value.to_string()));
                }
            }
            // What a tree builder would tell the tokenizer: these hold text, not tags.
            match &*tag.name {
                _ if tag.self_closing => TokenSinkResult::Continue,
                "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                    TokenSinkResult::RawData(RawKind::Rawtext)
                }
                "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                "plaintext" => TokenSinkResult::Plaintext,
                _ => TokenSinkResult::Continue,
            }
        }
    }

    let tokenizer = Tokenizer::new(UrlAttributes::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    for (attribute, value) in tokenizer.sink.0.take() {
        if attribute == "srcset" {
            for candidate in value.split(',') {
                let url = candidate.split_whitespace().next().unwrap_or("");
                check_absolute(file, "srcset candidate", url);
            }
        } else {
            check_absolute(file, &format!("HTML {attribute}="), &value);
        }
    }
}

/// Every character of `text` is allowed by XML 1.0.
pub fn check_xml_chars(file: &str, text: &str) {
    if let Some(c) = text
        .chars()
        .find(|&c| !feedwright::internals::xml_text::is_allowed(c))
    {
        panic!(
            "{file}: character U+{:04X} is not allowed in XML 1.0",
            c as u32
        );
    }
}

// ---------------------------------------------------------------------------
// The targets. Each takes the fuzzer's bytes and panics if an invariant breaks.
// ---------------------------------------------------------------------------

use std::path::{Path, PathBuf};

use chrono::{Timelike, Utc};
use feedwright::internals::date::{self, SiteTimezone};
use feedwright::internals::front_matter;
use feedwright::Error;

/// The zones dates are read in: UTC, a fixed odd offset, zones with daylight
/// saving and the most extreme offsets (+14, -11), where day and year boundaries move.
fn timezones() -> Vec<SiteTimezone> {
    [
        "UTC",
        "+05:45",
        "-03:30",
        "America/New_York",
        "Pacific/Kiritimati",
        "Pacific/Pago_Pago",
    ]
    .iter()
    .map(|z| z.parse().expect("known zone"))
    .collect()
}

/// A date as the pipeline prints it: UTC, both formats, and both read back to
/// the same instant (fractions of a second are dropped, as the pipeline does).
pub fn check_date_round_trip(instant: chrono::DateTime<Utc>) {
    let whole = instant.with_nanosecond(0).unwrap_or(instant);
    let rfc3339 = date::to_rfc3339(instant);
    let rfc822 = date::to_rfc822(instant);
    check_rfc3339_utc("date", "rfc3339", &rfc3339);
    check_rfc822_utc("date", "rfc822", &rfc822);
    for tz in timezones() {
        assert_eq!(date::parse(&rfc3339, tz).ok(), Some(whole), "{rfc3339}");
        assert_eq!(date::parse(&rfc822, tz).ok(), Some(whole), "{rfc822}");
    }
}

/// Date parsing: never a panic; every date read prints as UTC and reads back.
pub fn fuzz_date(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for tz in timezones() {
        match date::parse(text, tz) {
            Ok(instant) => check_date_round_trip(instant),
            Err(e) => assert_eq!(e.value, text),
        }
    }
}

/// Front matter splitting and parsing (YAML and TOML): never a panic, errors
/// name the file and a line inside it, dates read from it print as UTC.
pub fn fuzz_front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let path = Path::new("content/post.md");
    // YAML counts a lone `\r` as a line break too (old Mac files), so its line
    // numbers may run past what `lines()` counts.
    let max_line = text.matches(['\n', '\r']).count() + 2;
    let check_error = |e: Error| {
        let message = e.to_string();
        assert!(message.starts_with("content/post.md"), "{message}");
        if let Error::Content(diagnostic) = e {
            if let Some(line) = diagnostic.line {
                assert!((1..=max_line).contains(&line), "line {line}: {message}");
            }
        }
    };
    let split = match front_matter::split(path, text) {
        Ok(split) => split,
        Err(e) => return check_error(e),
    };
    assert!(text.ends_with(split.body) && split.front.len() <= text.len());
    // The fast YAML reader answers as the full parser does wherever it answers.
    if split.format == Some(front_matter::Format::Yaml) && split.front.len() < 64 * 1024 {
        for keys in [front_matter::Keys::Metadata, front_matter::Keys::All] {
            if let Some(fast) = feedwright::internals::plain_yaml::read(split.front, keys) {
                match front_matter::parse_full_yaml(split.front, keys) {
                    Ok(full) => assert_eq!(fast, full, "fast and full YAML readers differ"),
                    Err(e) => panic!("the fast YAML reader accepted what YAML rejects: {e}"),
                }
            }
        }
    }
    match front_matter::parse(path, &split, front_matter::Keys::All) {
        Err(e) => check_error(e),
        Ok(front) => {
            for value in [
                &front.date,
                &front.publish_date,
                &front.lastmod,
                &front.expiry_date,
            ] {
                if let Some(text) = value.text() {
                    if let Ok(instant) = date::parse(text, SiteTimezone::default()) {
                        check_date_round_trip(instant);
                    }
                }
            }
            for key in ["title", "date", "slug"] {
                if let Some(line) = front_matter::line_of_key(&split, key) {
                    assert!((1..=max_line).contains(&line));
                }
            }
            let _ = (
                front.tags.texts(),
                front.authors.texts(),
                front.image.texts(),
            );
        }
    }
}

/// The pages a post's Markdown is rendered for: plain, percent-encoded,
/// IPv6 with a port and a file-like path, and an internationalised host.
const PAGES: &[&str] = &[
    "https://example.org/blog/post/",
    "https://example.org/sub/dir/a%20b/",
    "http://[::1]:8080/x/y.html",
    "https://xn--r8jz45g.jp/%E3%83%96/",
];

/// Markdown rendering with URL rewriting: content and summary are XML-safe with
/// every URL absolute, and the feeds made of them are well-formed.
pub fn fuzz_markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let page = url::Url::parse(PAGES[text.len() % PAGES.len()]).expect("valid page");
    let body = feedwright::internals::markdown::render(text, &page);
    for html in [&body.content, &body.summary] {
        check_xml_chars("markdown", html);
        check_html_urls("markdown", html);
    }
    let home = page.join("/").expect("root");
    let published = chrono::DateTime::from_timestamp(1_736_955_885, 0).expect("valid");
    let feed = feedwright::internals::Feed {
        head: feedwright::internals::FeedHead {
            title: "Fuzz".into(),
            description: "Fuzz".into(),
            language: Some("en".into()),
            home: home.clone(),
            id: home.to_string(),
            author: None,
            updated: Some(published),
            published: Some(published),
            hubs: Vec::new(),
            complete: true,
        },
        entries: vec![feedwright::internals::FeedEntry {
            id: page.to_string(),
            title: feedwright::internals::xml_text::clean(text.lines().next().unwrap_or(""))
                .into_owned(),
            permalink: page.clone(),
            source: PathBuf::from("content/post.md"),
            published,
            updated: published,
            authors: Vec::new(),
            categories: Vec::new(),
            image: None,
            summary_html: body.summary,
            content_html: Some(body.content),
        }],
    };
    let rss = feedwright::internals::rss::render(&feed, &home.join("rss.xml").expect("url"));
    check_output("rss.xml", &rss, home.as_str());
    let atom = feedwright::internals::atom::render(&feed, &home.join("atom.xml").expect("url"));
    let json =
        feedwright::internals::json_feed::render(&feed, &home.join("feed.json").expect("url"));
    check_json_feed("feed.json", &json, home.as_str());
    check_output("atom.xml", &atom, home.as_str());
}

/// Where the post lands in the content folder, by the selector's low 3 bits.
const POST_PATHS: &[&str] = &[
    "blog/post.md",
    "blog/bundle/index.md",
    "_index.md",
    "blog/2020-01-02-dated.md",
    "top.md",
    "blog/_index.md",
    "docs/a/b/page.markdown",
    "blog/post.fr.md",
];

/// A valid post beside the fuzzed one, so there is always a feed to order,
/// permalinks to collide with and a section to share.
const SIBLING: &str =
    "---\ntitle: Sibling\ndate: 2025-01-15T21:44:45+06:00\ntags: [a]\n---\nBody [link](../x/).\n";

/// A config with a named zone, a title-based permalink and a language.
const CONFIG: &str = "timezone: America/New_York\nlanguage: en\npermalinks:\n  blog: /:year/:month/:day/:title/\n  docs: /:sections/:filename/\n";

thread_local! {
    // One folder per thread, reused across inputs (a fuzzer runs millions).
    static SCRATCH: tempfile::TempDir = tempfile::tempdir().expect("temp dir");
}

/// The whole pipeline from one post's bytes to every output file.
///
/// Input: the post's bytes, optionally prefixed by `0xFF` and a selector byte
/// (no UTF-8 text starts with 0xFF): bits 0-2 the post's path, bit 3 a config
/// with a zone and permalinks, bit 4 drafts/future/expired, bit 5
/// `--keep-going`, bit 6 a base URL with a path, bit 7 no sitemap.
///
/// Invariants: no panic; an error names the file and is never an internal one;
/// every page is under the base URL; every output passes [`check_output`].
pub fn fuzz_build_one_post(data: &[u8]) {
    let (selector, post) = match data {
        [0xFF, selector, rest @ ..] => (*selector, rest),
        _ => (0, data),
    };
    SCRATCH.with(|scratch| build_one_post_in(scratch.path(), selector, post));
}

fn build_one_post_in(root: &Path, selector: u8, post: &[u8]) {
    let content = root.join("content");
    let _ = std::fs::remove_dir_all(&content);
    let post_path = content.join(POST_PATHS[usize::from(selector & 7)]);
    let sibling_path = content.join("blog/sibling.md");
    std::fs::create_dir_all(post_path.parent().expect("has a parent")).expect("mkdir");
    std::fs::create_dir_all(sibling_path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(&sibling_path, SIBLING).expect("write sibling");
    std::fs::write(&post_path, post).expect("write post");
    let config_file = root.join("feedwright.yaml");
    std::fs::write(&config_file, if selector & 8 != 0 { CONFIG } else { "" }).expect("config");
    let base = if selector & 64 != 0 {
        "https://example.org/sub/dir/"
    } else {
        "https://example.org/"
    };
    let every = selector & 16 != 0;
    let options = feedwright::Options {
        content_dir: Some(content.clone()),
        out_dir: Some(root.join("public")),
        config_file: Some(config_file),
        base_url: Some(base.into()),
        sitemap: selector & 128 == 0,
        limit: Some(0),
        drafts: every,
        future: every,
        expired: every,
        now: Some("2026-01-01T00:00:00Z".into()),
        keep_going: selector & 32 != 0,
        html: selector & 8 != 0,
        ..Default::default()
    };
    let config = feedwright::internals::Config::load(&options).expect("the fixed config is valid");
    let named = [post_path, sibling_path];
    let site = match feedwright::internals::Site::load(&config) {
        Ok(site) => site,
        Err(e) => return check_build_error(&e, &named),
    };
    for page in &site.pages {
        assert!(
            page.permalink.as_str().starts_with(base),
            "{}",
            page.permalink
        );
        if let Some(source) = &page.source {
            assert!(source.starts_with(&content), "{}", source.display());
        }
    }
    match feedwright::internals::render(&site, &config).map(|rendered| rendered.files) {
        Ok(files) => {
            for file in files {
                check_output(&file.name, &file.bytes, base);
            }
        }
        Err(e) => check_build_error(&e, &named),
    }
}

/// A failed build names the file at fault and is never an internal error.
fn check_build_error(error: &Error, files: &[PathBuf]) {
    for report in error.reports() {
        assert!(!report.contains("internal error"), "{report}");
        assert!(
            files.iter().any(|f| report.contains(&*f.to_string_lossy())),
            "the error names no file: {report}"
        );
    }
}
