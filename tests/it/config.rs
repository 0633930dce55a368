//! The config file: every value that reaches a feed is checked when the
//! config is read, so a value the feeds could not carry is a configuration
//! error (exit 2) naming the key, its line in `feedwright.yaml` and what is
//! accepted, never a failed self-check reported as a bug in feedwright; and
//! the values accepted build feeds that check clean.

use std::fs;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use crate::common::*;

const POST: &str = "---\ntitle: Post\ndate: 2025-01-15T21:44:45+06:00\n---\nBody.\n";

/// `feedwright build --sitemap` in a one-post site whose `feedwright.yaml` is
/// `config`, the base URL taken from it.
fn build_with_config(config: &str) -> (Site, assert_cmd::assert::Assert) {
    let site = Site::new(&[
        ("blog/a.md", POST),
        ("blog/b.md", POST.replace("Post", "Other").as_str()),
    ]);
    fs::write(site.dir.path().join("feedwright.yaml"), config).unwrap();
    let assert = feedwright()
        .current_dir(site.dir.path())
        .args([
            "build",
            "--sitemap",
            "--now",
            "2026-01-01T00:00:00Z",
            "--content",
        ])
        .arg(site.content())
        .arg("--out")
        .arg(site.out())
        .assert();
    (site, assert)
}

/// `config` (after a valid `base_url` line and a comment) is refused: exit 2,
/// `feedwright.yaml:LINE:` (the line of `key`, counted in `config` from 3),
/// the key, and each of `says`; nothing written, and no word of a bug.
fn assert_config_refused(config: &str, key: &str, line: usize, says: &[&str]) {
    let config = format!("base_url: https://example.org/\n# the site\n{config}");
    let (site, assert) = build_with_config(&config);
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{config}\n{stderr}");
    let at = format!("feedwright.yaml:{}:", line + 2);
    assert!(stderr.contains(&at), "{config}\nno {at} in:\n{stderr}");
    assert!(stderr.contains(key), "{config}\nno {key} in:\n{stderr}");
    for text in says {
        assert!(stderr.contains(text), "{config}\nno {text:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("bug in feedwright"), "{stderr}");
    assert!(!site.out().exists(), "nothing may be written");
}

/// `config` builds, and `feedwright check` finds nothing in what it wrote.
fn assert_config_accepted(config: &str) -> Site {
    let (site, assert) = build_with_config(config);
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{config}\n{stderr}");
    assert!(!warned(&stderr), "{config}\n{stderr}");
    let mut names: Vec<String> = fs::read_dir(site.out())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 4, "{config}: wrote {names:?}");
    for name in &names {
        if name.ends_with(".json") {
            assert!(
                json_feed_schema_errors(&site.read(name)).is_empty(),
                "{name}"
            );
        } else {
            xml(&site.read(name));
        }
    }
    feedwright()
        .arg("check")
        .args(names.iter().map(|name| site.out().join(name)))
        .assert()
        .success()
        .stdout("");
    site
}

#[test]
fn language() {
    for bad in ["zz", "en-", "english", "en_US"] {
        assert_config_refused(
            &format!("language: {bad}\n"),
            "`language`",
            1,
            &[bad, "ISO 639", "`en-us`"],
        );
    }
    for good in ["en", "en-GB", "ast", "zh-Hant-TW", "x-klingon"] {
        let site = assert_config_accepted(&format!(
            "base_url: https://example.org/\nlanguage: {good}\n"
        ));
        let rss = site.read("rss.xml");
        let language = child_text(xml(&rss).root_element(), "language").map(str::to_string);
        assert_eq!(language, Some(good.to_ascii_lowercase()));
    }
}

#[test]
fn author_name() {
    assert_config_refused(
        "author:\n  name: \"  \"\n",
        "`author.name`",
        2,
        &["is empty"],
    );
    assert_config_refused(
        "author: {name: \"Jane\\u0007\"}\n",
        "`author.name`",
        1,
        &["U+0007", "remove it"],
    );
    assert_config_refused(
        "author: {email: jane@example.c}\n",
        "author",
        1,
        &["`name`"],
    );
    let site = assert_config_accepted(
        "base_url: https://example.org/\nauthor: {name: \"Jane (Ed) <x> & co\", email: jane@example.org}\n",
    );
    let atom = feed(&site.read("atom.xml"));
    assert_eq!(atom.authors[0].name, "Jane (Ed) <x> & co");
}

#[test]
fn author_email() {
    for (bad, line) in [
        ("author:\n  name: Jane\n  email: jane@example.c\n", 3),
        (
            "author: {name: Jane, email: \"Jane <jane@example.org>\"}\n",
            1,
        ),
        ("author:\n  email: jane.example.org\n  name: Jane\n", 2),
    ] {
        assert_config_refused(
            bad,
            "`author.email`",
            line,
            &["not an e-mail address", "`jane@example.org`"],
        );
    }
    let site = assert_config_accepted(
        "base_url: https://example.org/\nauthor: {name: Jane, email: jane@example.org}\n",
    );
    let rss = site.read("rss.xml");
    assert_eq!(
        child_text(xml(&rss).root_element(), "managingEditor"),
        Some("jane@example.org (Jane)")
    );
}

#[test]
fn title_and_description() {
    for key in ["title", "description"] {
        assert_config_refused(
            &format!("{key}: \"A\\u0001B\"\n"),
            &format!("`{key}`"),
            1,
            &["U+0001", "remove it"],
        );
        assert_config_refused(
            &format!("{key}: \"Caf\\uFFFD\"\n"),
            &format!("`{key}`"),
            1,
            &["U+FFFD"],
        );
        assert_config_refused(
            &format!("{key}: {}\n", "x".repeat(10_001)),
            &format!("`{key}`"),
            1,
            &["10001 bytes", "at most 10000"],
        );
    }
    let site = assert_config_accepted(
        "base_url: https://example.org/\ntitle: \"Vec<T> & co\"\ndescription: \"a < b && c > d\"\n",
    );
    let rss = site.read("rss.xml");
    let doc = xml(&rss);
    assert_eq!(child_text(doc.root_element(), "title"), Some("Vec<T> & co"));
    assert_eq!(
        child_text(doc.root_element(), "description"),
        Some("a < b && c > d")
    );
}

#[test]
fn base_url() {
    for (bad, says) in [
        ("ftp://example.org/", "https://"),
        ("example.org", "absolute URL"),
        ("https://example.org/?page=2", "query"),
        ("http://[::1]:8080/blog", "`[`"),
        ("https://example.org/a|b/", "`|`"),
    ] {
        let config = format!("title: T\nbase_url: \"{bad}\"\n");
        let (site, assert) = build_with_config(&config);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert_eq!(assert.get_output().status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("error: `base_url`: ")
                && stderr.contains("--> feedwright.yaml:2:11")
                && stderr.contains(says),
            "{bad}: {stderr}"
        );
        assert!(!site.out().exists());
    }
    let long = format!("https://example.org/{}/", "x".repeat(2100));
    let (_, assert) = build_with_config(&format!("base_url: {long}\n"));
    assert.code(2).stderr(
        contains("error: `base_url`: ")
            .and(contains("--> feedwright.yaml:1:11"))
            .and(contains("2048")),
    );
    for good in [
        "https://example.org/blog",
        "http://bücher.example:8443/a/b/",
    ] {
        assert_config_accepted(&format!("base_url: {good}\n"));
    }
}

#[test]
fn hubs() {
    for (bad, says) in [
        (
            "hubs: [\"hub.example.org\"]\n",
            "not an absolute http(s) URL",
        ),
        ("hubs:\n  - https://hub.example.org/a|b\n", "`|`"),
    ] {
        assert_config_refused(bad, "`hubs`", 1, &[says]);
    }
    let site = assert_config_accepted(
        "base_url: https://example.org/\nhubs: [https://pubsubhubbub.appspot.com/]\n",
    );
    assert!(site
        .read("atom.xml")
        .contains("href=\"https://pubsubhubbub.appspot.com/\""));
}

#[test]
fn output_names() {
    for (config, key, line) in [
        ("output:\n  rss: \"a?b.xml\"\n", "`output.rss`", 2),
        ("output:\n  atom: \"my feed.xml\"\n", "`output.atom`", 2),
        (
            "output: {sitemap: \"caf\u{e9}.xml\"}\n",
            "`output.sitemap`",
            1,
        ),
    ] {
        assert_config_refused(config, key, line, &["plain file name", "ASCII letters"]);
    }
    assert_config_refused(
        "output:\n  rss: feed.xml\n  atom: feed.xml\n",
        "`output`",
        1,
        &["must differ"],
    );
    let site = assert_config_accepted(
        "base_url: https://example.org/\noutput: {rss: feed.xml, atom: index~atom.xml, sitemap: site_map-1.xml}\n",
    );
    let rss = site.read("feed.xml");
    assert!(
        rss.contains("href=\"https://example.org/feed.xml\""),
        "{rss}"
    );
    xml(&site.read("index~atom.xml"));
    xml(&site.read("site_map-1.xml"));
}

#[test]
fn limit() {
    for bad in ["-1", "2.5", "many"] {
        assert_config_refused(
            &format!("limit: {bad}\n"),
            "limit",
            1,
            &["a whole number of entries per feed (0 for all)"],
        );
    }
    for (limit, entries) in [("1", 1), ("0", 2)] {
        let site =
            assert_config_accepted(&format!("base_url: https://example.org/\nlimit: {limit}\n"));
        assert_eq!(feed(&site.read("atom.xml")).entries.len(), entries);
    }
}

#[test]
fn feed_set_limit_and_max_feed_bytes() {
    assert_config_refused(
        "feeds:\n  limit: -1\n",
        "feeds.limit",
        2,
        &["a whole number of entries per feed (0 for all)"],
    );
    for bad in ["-1", "big"] {
        assert_config_refused(
            &format!("max_feed_bytes: {bad}\n"),
            "max_feed_bytes",
            1,
            &["a whole number of bytes per feed file (0 for no cap)"],
        );
    }
    // Too small to hold a feed: a configuration error, not a failed render.
    assert_config_refused(
        "max_feed_bytes: 10\n",
        "`max_feed_bytes`",
        1,
        &["at least 65536", "0 for no cap"],
    );
    for cap in ["65536", "0"] {
        assert_config_accepted(&format!(
            "base_url: https://example.org/\nmax_feed_bytes: {cap}\n"
        ));
    }
}

#[test]
fn icon_and_favicon() {
    for key in ["icon", "favicon"] {
        assert_config_refused(
            &format!("{key}: \"https://example.org/a|b.png\"\n"),
            &format!("`{key}`"),
            1,
            &["`|`", "percent-encode"],
        );
        assert_config_refused(
            &format!("{key}: \"ftp://example.org/a.png\"\n"),
            &format!("`{key}`"),
            1,
            &["http(s) URL or a path on the site"],
        );
    }
    let (site, assert) = build_with_config(
        "base_url: https://example.org/\nicon: /images/icon 1.png\nfavicon: https://cdn.example.org/f.png\n",
    );
    assert.success();
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["icon"], "https://example.org/images/icon%201.png");
    assert_eq!(json["favicon"], "https://cdn.example.org/f.png");
}

#[test]
fn timezone_permalinks_and_sitemap() {
    assert_config_refused("timezone: Mars/Olympus\n", "`timezone`", 1, &["IANA"]);
    assert_config_refused(
        "permalinks:\n  blog: /:year/\n  news: /:nope/\n",
        "`permalinks.news`",
        3,
        &[":nope", ":slug"],
    );
    assert_config_refused("sitemap: yes\n", "sitemap", 1, &["a boolean"]);
    // Characters URIs do not allow, in a pattern, are percent-encoded.
    let site = assert_config_accepted(
        "base_url: https://example.org/\npermalinks:\n  blog: \"/a|b/[c]/:slug/\"\n",
    );
    assert!(
        site.read("rss.xml")
            .contains("<link>https://example.org/a%7Cb/%5Bc%5D/a/</link>"),
        "{}",
        site.read("rss.xml")
    );
}

#[test]
fn unknown_config_keys_are_errors() {
    assert_config_refused("titel: Typo\n", "titel", 1, &["unknown key", "`title`"]);
}

#[test]
fn config_file_settings_and_flag_overrides() {
    let site = Site::new(&[
        ("blog/a.md", POST),
        (
            "blog/b.md",
            "---\ntitle: B\ndate: 2024-01-01T12:00:00\n---\nx\n",
        ),
    ]);
    fs::write(
        site.dir.path().join("feedwright.yaml"),
        "base_url: https://blog.example.net/sub\ntitle: My Blog\nlanguage: en-GB\ntimezone: \"+05:45\"\npermalinks:\n  blog: /:year/:month/:slug/\noutput:\n  rss: feed.xml\n",
    )
    .unwrap();
    feedwright()
        .current_dir(site.dir.path())
        .args(["build", "--out", "public", "--limit", "1"])
        .assert()
        .success();
    let text = site.read("feed.xml");
    let doc = xml(&text);
    assert_eq!(child_text(doc.root_element(), "title"), Some("My Blog"));
    assert_eq!(child_text(doc.root_element(), "language"), Some("en-gb"));
    assert_eq!(elements(&doc, "item").len(), 1);
    assert!(
        text.contains("https://blog.example.net/sub/2025/01/a/"),
        "{text}"
    );
    feedwright()
        .current_dir(site.dir.path())
        .args(["build", "--out", "public", "--limit", "0"])
        .assert()
        .success();
    let doc_text = site.read("feed.xml");
    let doc = xml(&doc_text);
    let b = rss_item(&doc, "https://blog.example.net/sub/2024/01/b/");
    // 12:00 at +05:45 is 06:15 UTC.
    assert_eq!(
        child_text(b, "pubDate"),
        Some("Mon, 01 Jan 2024 06:15:00 +0000")
    );
}
