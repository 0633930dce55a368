//! Feeds for every reader and platform (issue #14): JSON Feed beside RSS and
//! Atom, feed sets per section and per term in each preset's paths, what
//! goes into a feed (exclusions, pinned ids, enclosures, fh:complete, hubs,
//! size, summaries only), the page of feeds, and `check --target`. Every
//! file is read by a real parser: feed-rs for the three formats, the JSON
//! Feed JSON Schema, roxmltree, html5ever.

use std::collections::BTreeMap;
use std::fs;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use crate::common::*;
use crate::html_page;

/// A site of `files` with `config` as its feedwright.yaml.
fn site_with(files: &[(&str, &str)], config: &str) -> Site {
    let site = Site::new(files);
    fs::write(site.dir.path().join("feedwright.yaml"), config).unwrap();
    site
}

/// A post's text: a title, a date, more front matter, a body.
fn post(title: &str, date: &str, front: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\n{front}---\n{body}\n")
}

/// Every file under the output folder, by its path there.
fn written(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let out = site.out();
    walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The paths written.
fn paths(site: &Site) -> Vec<String> {
    written(site).into_keys().collect()
}

/// The entries' ids in a feed (any format), as feed-rs reads them.
fn ids(text: &str) -> Vec<String> {
    feed(text).entries.iter().map(|e| e.id.clone()).collect()
}

/// Checks one file with the schema or parser its format needs and returns
/// its text: JSON Feed against the JSON Feed JSON Schema, XML with roxmltree,
/// every feed with feed-rs.
fn parsed(site: &Site, name: &str) -> String {
    let text = site.read(name);
    if name.ends_with(".json") {
        let errors = json_feed_schema_errors(&text);
        assert!(errors.is_empty(), "{name}: {errors:?}\n{text}");
    } else {
        xml(&text);
    }
    feed(&text);
    text
}

const THREE_POSTS: [(&str, &str); 3] = [
    ("blog/newest.md", "---\ntitle: Newest\ndate: 2025-03-01T10:00:00Z\ntags: [Rust, Go Lang]\ncategories: [News]\nauthor: Ann\ndescription: The newest post.\n---\nNewest body with [a link](../older/) & <b>bold</b> \"quotes\".\n"),
    ("blog/older.md", "---\ntitle: Older <T>\ndate: 2025-02-01T10:00:00+06:00\ntags: [rust]\n---\nOlder body.\n\n<!--more-->\n\nMore.\n"),
    ("notes/oldest.md", "---\ntitle: Oldest\ndate: 2025-01-01\ntags: [go-lang]\n---\nOldest body.\n"),
];

const SETS: &str = "feeds:\n  sections: true\n  taxonomies: [tags, categories]\n";

#[test]
fn every_format_carries_the_same_entries_with_the_same_ids() {
    let site = site_with(&THREE_POSTS, SETS);
    site.build().assert().success();
    for folder in [
        "",
        "blog/",
        "tags/rust/",
        "tags/go-lang/",
        "categories/news/",
    ] {
        let rss = parsed(&site, &format!("{folder}rss.xml"));
        let atom = parsed(&site, &format!("{folder}atom.xml"));
        let json = parsed(&site, &format!("{folder}feed.json"));
        assert!(!ids(&rss).is_empty(), "{folder}");
        assert_eq!(ids(&rss), ids(&atom), "{folder}");
        assert_eq!(ids(&rss), ids(&json), "{folder}");
        let (rss, atom, json) = (feed(&rss), feed(&atom), feed(&json));
        for ((r, a), j) in rss.entries.iter().zip(&atom.entries).zip(&json.entries) {
            let title = |e: &feed_rs::model::Entry| e.title.as_ref().map(|t| t.content.clone());
            assert_eq!(title(r), title(a));
            assert_eq!(title(r), title(j));
            assert_eq!(r.links[0].href, a.links[0].href);
            assert_eq!(r.links[0].href, j.links[0].href);
            // feed-rs trims Atom's text, not RSS's CDATA.
            let body = |e: &feed_rs::model::Entry| {
                e.content
                    .as_ref()
                    .and_then(|c| c.body.as_deref())
                    .map(|b| b.trim().to_string())
            };
            assert_eq!(body(r), body(a));
            assert_eq!(body(r), body(j));
            assert_eq!(r.published, a.published);
            assert_eq!(r.published, j.published);
        }
    }
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["feed_url"], "https://example.org/feed.json");
    assert_eq!(json["home_page_url"], "https://example.org/");
    let newest = &json["items"][0];
    assert_eq!(newest["id"], "https://example.org/blog/newest/");
    assert_eq!(newest["summary"], "The newest post.");
    assert_eq!(newest["date_published"], "2025-03-01T10:00:00Z");
    assert_eq!(
        newest["tags"],
        serde_json::json!(["Rust", "Go Lang", "News"])
    );
    assert_eq!(newest["authors"], serde_json::json!([{"name": "Ann"}]));
    // The older post's date is normalised to UTC in every format.
    assert_eq!(json["items"][1]["date_published"], "2025-02-01T04:00:00Z");
}

#[test]
fn section_and_term_feeds_carry_their_own_posts_and_titles() {
    let site = site_with(&THREE_POSTS, &format!("title: Site\n{SETS}"));
    site.build().assert().success();
    let links = |name: &str| -> Vec<String> {
        feed(&site.read(name))
            .entries
            .iter()
            .map(|e| {
                e.links[0]
                    .href
                    .trim_start_matches("https://example.org")
                    .to_string()
            })
            .collect()
    };
    assert_eq!(
        links("rss.xml"),
        ["/blog/newest/", "/blog/older/", "/notes/oldest/"]
    );
    assert_eq!(links("blog/rss.xml"), ["/blog/newest/", "/blog/older/"]);
    assert_eq!(links("notes/atom.xml"), ["/notes/oldest/"]);
    assert_eq!(links("categories/news/feed.json"), ["/blog/newest/"]);
    let rust = feed(&site.read("tags/rust/atom.xml"));
    assert_eq!(rust.title.unwrap().content, "Site: Rust");
    let blog = feed(&site.read("blog/rss.xml"));
    assert_eq!(blog.title.unwrap().content, "Site: Blog");
    // Each feed's self link is its own address.
    for name in ["blog/rss.xml", "tags/rust/rss.xml"] {
        let text = site.read(name);
        let doc = xml(&text);
        let own = elements(&doc, "link")
            .into_iter()
            .find(|l| l.attribute("rel") == Some("self"))
            .unwrap();
        assert_eq!(
            own.attribute("href"),
            Some(&*format!("https://example.org/{name}"))
        );
    }
    let json: serde_json::Value = serde_json::from_str(&site.read("tags/rust/feed.json")).unwrap();
    assert_eq!(json["feed_url"], "https://example.org/tags/rust/feed.json");
    assert_eq!(json["home_page_url"], "https://example.org/tags/rust/");
}

/// The paths a build with `preset` writes for [`THREE_POSTS`].
fn preset_paths(preset: &str) -> Vec<String> {
    let site = site_with(
        &THREE_POSTS,
        &format!(
            "feeds:\n  preset: {preset}\n  sections: true\n  taxonomies: [tags, categories]\n"
        ),
    );
    site.build().assert().success();
    for (name, bytes) in written(&site) {
        let text = String::from_utf8(bytes).unwrap();
        if name.ends_with(".json") {
            assert!(json_feed_schema_errors(&text).is_empty(), "{name}");
        } else {
            xml(&text);
        }
        // The self link of each feed is the URL of the file it is in.
        let parsed = feed(&text);
        let url = format!("https://example.org/{name}");
        let own = parsed
            .links
            .iter()
            .any(|l| l.href == url && l.rel.as_deref() == Some("self"));
        let json_url = name.ends_with(".json") && text.contains(&format!("\"feed_url\":\"{url}\""));
        assert!(own || json_url, "{preset}: {name} does not link to itself");
    }
    paths(&site)
}

fn strings(items: &[&str]) -> Vec<String> {
    let mut items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    items.sort();
    items
}

#[test]
fn the_feedwright_preset_writes_its_own_paths() {
    assert_eq!(
        preset_paths("feedwright"),
        strings(&[
            "rss.xml",
            "atom.xml",
            "feed.json",
            "blog/rss.xml",
            "blog/atom.xml",
            "blog/feed.json",
            "notes/rss.xml",
            "notes/atom.xml",
            "notes/feed.json",
            "tags/rust/rss.xml",
            "tags/rust/atom.xml",
            "tags/rust/feed.json",
            "tags/go-lang/rss.xml",
            "tags/go-lang/atom.xml",
            "tags/go-lang/feed.json",
            "categories/news/rss.xml",
            "categories/news/atom.xml",
            "categories/news/feed.json",
        ])
    );
}

#[test]
fn the_hugo_preset_writes_hugos_paths() {
    assert_eq!(
        preset_paths("hugo"),
        strings(&[
            "index.xml",
            "atom.xml",
            "feed.json",
            "blog/index.xml",
            "blog/atom.xml",
            "blog/feed.json",
            "notes/index.xml",
            "notes/atom.xml",
            "notes/feed.json",
            "tags/rust/index.xml",
            "tags/rust/atom.xml",
            "tags/rust/feed.json",
            "tags/go-lang/index.xml",
            "tags/go-lang/atom.xml",
            "tags/go-lang/feed.json",
            "categories/news/index.xml",
            "categories/news/atom.xml",
            "categories/news/feed.json",
        ])
    );
}

#[test]
fn the_jekyll_preset_writes_jekyll_feeds_paths() {
    // jekyll-feed names a tag's feed by its own spelling, and writes none for a
    // tag with characters other than letters, digits and `_` (`Go Lang`,
    // `go-lang`): those get feedwright's paths, where they are one term.
    assert_eq!(
        preset_paths("jekyll"),
        strings(&[
            "feed.xml",
            "rss.xml",
            "feed.json",
            "blog/feed.xml",
            "blog/rss.xml",
            "blog/feed.json",
            "notes/feed.xml",
            "notes/rss.xml",
            "notes/feed.json",
            "feed/by_tag/Rust.xml",
            "feed/by_tag/Rust.rss.xml",
            "feed/by_tag/Rust.json",
            "feed/by_tag/rust.xml",
            "feed/by_tag/rust.rss.xml",
            "feed/by_tag/rust.json",
            "tags/go-lang/feed.xml",
            "tags/go-lang/rss.xml",
            "tags/go-lang/feed.json",
            "feed/News.xml",
            "feed/News.rss.xml",
            "feed/News.json",
        ])
    );
}

#[test]
fn the_zola_preset_writes_zolas_paths() {
    assert_eq!(
        preset_paths("zola"),
        strings(&[
            "atom.xml",
            "rss.xml",
            "feed.json",
            "blog/atom.xml",
            "blog/rss.xml",
            "blog/feed.json",
            "notes/atom.xml",
            "notes/rss.xml",
            "notes/feed.json",
            "tags/rust/atom.xml",
            "tags/rust/rss.xml",
            "tags/rust/feed.json",
            "tags/go-lang/atom.xml",
            "tags/go-lang/rss.xml",
            "tags/go-lang/feed.json",
            "categories/news/atom.xml",
            "categories/news/rss.xml",
            "categories/news/feed.json",
        ])
    );
}

#[test]
fn terms_of_one_path_are_one_term_titled_by_the_newest_spelling() {
    let site = site_with(
        &[
            (
                "blog/a.md",
                &post("A", "2025-03-01", "tags: [Go Lang]\n", "a"),
            ),
            (
                "blog/b.md",
                &post("B", "2025-02-01", "tags: [go lang, go-lang]\n", "b"),
            ),
            (
                "blog/c.md",
                &post("C", "2025-01-01", "tags: [go-lang]\n", "c"),
            ),
        ],
        "title: Site\nfeeds:\n  taxonomies: [tags]\n",
    );
    site.build().arg("-v").assert().success().stderr(contains(
        "tags: `Go Lang`, `go lang`, `go-lang` are one term",
    ));
    assert_eq!(
        paths(&site),
        strings(&[
            "rss.xml",
            "atom.xml",
            "feed.json",
            "tags/go-lang/rss.xml",
            "tags/go-lang/atom.xml",
            "tags/go-lang/feed.json"
        ])
    );
    let merged = feed(&site.read("tags/go-lang/atom.xml"));
    assert_eq!(merged.title.unwrap().content, "Site: Go Lang");
    // B names the term twice, and is in its feed once.
    assert_eq!(
        merged
            .entries
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>(),
        [
            "https://example.org/blog/a/",
            "https://example.org/blog/b/",
            "https://example.org/blog/c/"
        ]
    );
}

#[test]
fn each_exclusion_key_leaves_its_post_out_of_what_it_names() {
    let files = [
        (
            "blog/plain.md",
            post("Plain", "2025-01-07", "tags: [x]\n", "p"),
        ),
        (
            "blog/no-feed.md",
            post("NoFeed", "2025-01-06", "tags: [x]\nfeed: false\n", "p"),
        ),
        (
            "blog/no-sitemap.md",
            post(
                "NoSitemap",
                "2025-01-05",
                "tags: [x]\nsitemap: false\n",
                "p",
            ),
        ),
        (
            "blog/disabled.md",
            post(
                "Disabled",
                "2025-01-04",
                "tags: [x]\nsitemap:\n  disable: true\n",
                "p",
            ),
        ),
        (
            "blog/never.md",
            post(
                "Never",
                "2025-01-03",
                "tags: [x]\nbuild:\n  list: never\n",
                "p",
            ),
        ),
        (
            "blog/old-never.md",
            post(
                "OldNever",
                "2025-01-02",
                "tags: [x]\n_build: {list: never}\n",
                "p",
            ),
        ),
        (
            "blog/local.md",
            post(
                "Local",
                "2025-01-01",
                "tags: [x]\n_build:\n  list: local\n",
                "p",
            ),
        ),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let site = site_with(&refs, "feeds:\n  sections: true\n  taxonomies: [tags]\n");
    site.build().arg("--sitemap").assert().success();
    let titles = |name: &str| -> Vec<String> {
        feed(&site.read(name))
            .entries
            .iter()
            .map(|e| e.title.clone().unwrap().content)
            .collect()
    };
    for format in ["rss.xml", "atom.xml", "feed.json"] {
        assert_eq!(
            titles(format),
            ["Plain", "NoSitemap", "Disabled"],
            "{format}"
        );
        assert_eq!(
            titles(&format!("tags/x/{format}")),
            ["Plain", "NoSitemap", "Disabled"]
        );
        // `list: local`: its own section's lists only.
        assert_eq!(
            titles(&format!("blog/{format}")),
            ["Plain", "NoSitemap", "Disabled", "Local"]
        );
    }
    let sitemap = site.read("sitemap.xml");
    let doc = xml(&sitemap);
    let locs: Vec<&str> = elements(&doc, "loc")
        .iter()
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        locs,
        [
            "https://example.org/",
            "https://example.org/blog/",
            "https://example.org/blog/no-feed/",
            "https://example.org/blog/plain/",
        ]
    );
}

#[test]
fn a_wrong_exclusion_value_is_an_error_with_its_line() {
    let site = site_with(
        &[("blog/p.md", &post("P", "2025-01-01", "feed: maybe\n", "p"))],
        "",
    );
    site.build().assert().code(1).stderr(
        contains("error: `feed`: expected true or false")
            .and(contains("p.md:4:7\n"))
            .and(contains("4 | feed: maybe\n  |       ^^^^^\n")),
    );
}

#[test]
fn a_pinned_id_replaces_the_permalink_as_id_in_every_format() {
    let site = site_with(
        &[
            (
                "blog/moved.md",
                &post(
                    "Moved",
                    "2025-01-02",
                    "id: tag:example.org,2019:moved\n",
                    "m",
                ),
            ),
            (
                "blog/old-url.md",
                &post(
                    "Old URL",
                    "2025-01-01",
                    "guid: https://old.example.org/2019/01/old-url.html\n",
                    "o",
                ),
            ),
        ],
        "",
    );
    site.build().assert().success();
    for name in ["rss.xml", "atom.xml", "feed.json"] {
        let text = parsed(&site, name);
        assert_eq!(
            ids(&text),
            [
                "tag:example.org,2019:moved",
                "https://old.example.org/2019/01/old-url.html"
            ],
            "{name}"
        );
        // The link is still the page's.
        assert_eq!(
            feed(&text).entries[0].links[0].href,
            "https://example.org/blog/moved/"
        );
    }
    let rss = site.read("rss.xml");
    assert!(
        rss.contains("<guid isPermaLink=\"false\">tag:example.org,2019:moved</guid>"),
        "{rss}"
    );
}

#[test]
fn an_invalid_pinned_id_is_an_error_saying_what_an_id_must_be() {
    for (front, line) in [
        ("id: post-1\n", 4),
        ("title2: x\nguid: /blog/p/\n", 5),
        ("id: 42\n", 4),
    ] {
        let site = site_with(&[("blog/p.md", &post("P", "2025-01-01", front, "p"))], "");
        site.build()
            .assert()
            .code(1)
            .stderr(contains(format!("p.md:{line}:")))
            .stderr(contains("not an absolute URI: use a URL"));
        assert!(!site.out().join("rss.xml").exists());
    }
}

#[test]
fn two_posts_with_one_id_are_an_error_naming_both() {
    let site = site_with(
        &[
            (
                "blog/a.md",
                &post("A", "2025-01-02", "id: tag:example.org,2019:same\n", "a"),
            ),
            (
                "blog/b.md",
                &post("B", "2025-01-01", "id: tag:example.org,2019:same\n", "b"),
            ),
        ],
        "",
    );
    site.build()
        .assert()
        .code(1)
        .stderr(contains(
            "error: has the entry id tag:example.org,2019:same, as",
        ))
        .stderr(contains("a.md does"))
        // Drawn at the later post's `id`, the value to change.
        .stderr(contains("b.md:4:5\n").and(contains(
            "4 | id: tag:example.org,2019:same\n  |     ^^^^^^^^^^^^^^^^^^^^^^^^^",
        )));
    // A pinned id that is another post's permalink, that post's id.
    let site = site_with(
        &[
            ("blog/a.md", &post("A", "2025-01-02", "", "a")),
            (
                "blog/b.md",
                &post("B", "2025-01-01", "id: https://example.org/blog/a/\n", "b"),
            ),
        ],
        "",
    );
    site.build()
        .assert()
        .code(1)
        .stderr(contains("has the entry id https://example.org/blog/a/"));
}

#[test]
fn an_image_found_on_disk_is_an_enclosure_with_its_exact_length() {
    let site = site_with(
        &[
            (
                "blog/bundle/index.md",
                &post("Bundle", "2025-01-03", "image: cover.png\n", "b"),
            ),
            (
                "blog/static-image.md",
                &post(
                    "Static",
                    "2025-01-02",
                    "image: /images/photo one.jpg\n",
                    "s",
                ),
            ),
            (
                "blog/missing.md",
                &post("Missing", "2025-01-01", "image: /images/nowhere.jpg\n", "m"),
            ),
        ],
        "",
    );
    let cover = vec![7u8; 1234];
    let photo = vec![9u8; 56789];
    site.write("blog/bundle/cover.png", &cover);
    fs::create_dir_all(site.dir.path().join("static/images")).unwrap();
    fs::write(site.dir.path().join("static/images/photo one.jpg"), &photo).unwrap();
    site.build().assert().success();

    let rss = site.read("rss.xml");
    let doc = xml(&rss);
    let enclosures = elements(&doc, "enclosure");
    let found: Vec<(Option<&str>, Option<&str>, Option<&str>)> = enclosures
        .iter()
        .map(|e| {
            (
                e.attribute("url"),
                e.attribute("length"),
                e.attribute("type"),
            )
        })
        .collect();
    let (cover_len, photo_len) = (cover.len().to_string(), photo.len().to_string());
    assert_eq!(
        found,
        [
            (
                Some("https://example.org/blog/bundle/cover.png"),
                Some(cover_len.as_str()),
                Some("image/png")
            ),
            (
                Some("https://example.org/images/photo%20one.jpg"),
                Some(photo_len.as_str()),
                Some("image/jpeg")
            ),
        ]
    );
    // The image not found stays Media RSS; one image per entry.
    let missing = rss_item(&doc, "https://example.org/blog/missing/");
    assert!(missing
        .descendants()
        .any(|n| n.tag_name().name() == "content"
            && n.attribute("url") == Some("https://example.org/images/nowhere.jpg")));
    assert!(!rss_item(&doc, "https://example.org/blog/bundle/")
        .descendants()
        .any(|n| n.tag_name().name() == "content" && n.attribute("medium").is_some()));

    let atom = site.read("atom.xml");
    let doc = xml(&atom);
    let links: Vec<(Option<&str>, Option<&str>)> = elements(&doc, "link")
        .iter()
        .filter(|l| l.attribute("rel") == Some("enclosure"))
        .map(|l| (l.attribute("href"), l.attribute("length")))
        .collect();
    assert_eq!(
        links,
        [
            (
                Some("https://example.org/blog/bundle/cover.png"),
                Some(cover_len.as_str())
            ),
            (
                Some("https://example.org/images/photo%20one.jpg"),
                Some(photo_len.as_str())
            ),
        ]
    );
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(
        json["items"][0]["image"],
        "https://example.org/blog/bundle/cover.png"
    );
    // feed-rs reads the enclosures as media.
    let parsed = feed(&rss);
    assert_eq!(
        parsed.entries[0].media[0].content[0].size,
        Some(cover.len() as u64)
    );
}

#[test]
fn static_dir_names_where_static_files_are() {
    let site = site_with(
        &[(
            "blog/p.md",
            &post("P", "2025-01-01", "image: /img/a.gif\n", "p"),
        )],
        "static_dir: public-files\n",
    );
    fs::create_dir_all(site.dir.path().join("public-files/img")).unwrap();
    fs::write(site.dir.path().join("public-files/img/a.gif"), b"GIF89a").unwrap();
    site.build().assert().success();
    assert!(site.read("rss.xml").contains(
        "<enclosure url=\"https://example.org/img/a.gif\" length=\"6\" type=\"image/gif\"/>"
    ));
}

/// Whether a feed says it is complete (RFC 5005).
fn complete(text: &str) -> bool {
    let doc = xml(text);
    let found = doc.descendants().any(|n| {
        n.tag_name().name() == "complete"
            && n.tag_name().namespace() == Some("http://purl.org/syndication/history/1.0")
    });
    found
}

#[test]
fn fh_complete_only_on_a_feed_holding_every_post() {
    let files = [
        ("blog/a.md", post("A", "2025-01-03", "tags: [x, y]\n", "a")),
        ("blog/b.md", post("B", "2025-01-02", "tags: [x]\n", "b")),
        ("blog/c.md", post("C", "2025-01-01", "tags: [x]\n", "c")),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let site = site_with(&refs, "feeds:\n  taxonomies: [tags]\n  limit: 2\n");
    site.build().args(["--limit", "3"]).assert().success();
    for format in ["rss.xml", "atom.xml"] {
        assert!(complete(&site.read(format)), "{format}: all three posts");
        assert!(
            !complete(&site.read(&format!("tags/x/{format}"))),
            "tags/x/{format}: two of three"
        );
        assert!(
            complete(&site.read(&format!("tags/y/{format}"))),
            "tags/y/{format}: its one post"
        );
    }
    site.build().args(["--limit", "2"]).assert().success();
    assert!(!complete(&site.read("rss.xml")));
    assert!(!complete(&site.read("atom.xml")));
}

#[test]
fn hubs_are_announced_in_every_format() {
    let site = site_with(
        &[("blog/p.md", &post("P", "2025-01-01", "", "p"))],
        "hubs: [https://hub.example.net/, https://pubsubhubbub.appspot.com/]\n",
    );
    site.build().assert().success();
    let hubs = |name: &str| -> Vec<String> {
        feed(&site.read(name))
            .links
            .iter()
            .filter(|l| l.rel.as_deref() == Some("hub"))
            .map(|l| l.href.clone())
            .collect()
    };
    let expected = [
        "https://hub.example.net/",
        "https://pubsubhubbub.appspot.com/",
    ];
    assert_eq!(hubs("rss.xml"), expected);
    assert_eq!(hubs("atom.xml"), expected);
    let json: serde_json::Value = serde_json::from_str(&parsed(&site, "feed.json")).unwrap();
    assert_eq!(
        json["hubs"],
        serde_json::json!([
            {"type": "WebSub", "url": "https://hub.example.net/"},
            {"type": "WebSub", "url": "https://pubsubhubbub.appspot.com/"}
        ])
    );
    let bad = site_with(
        &[("blog/p.md", &post("P", "2025-01-01", "", "p"))],
        "hubs: [hub.example.net]\n",
    );
    bad.build().assert().code(2).stderr(contains(
        "`hubs`: `hub.example.net` is not an absolute http(s) URL",
    ));
}

/// Ten posts of about 30 KB of Markdown each.
fn big_posts() -> Vec<(String, String)> {
    let paragraph = "Small batches shorten the wait; flow beats utilisation. ".repeat(10) + "\n\n";
    (1..=10)
        .map(|i| {
            (
                format!("blog/p{i:02}.md"),
                post(
                    &format!("P{i}"),
                    &format!("2025-01-{i:02}"),
                    "",
                    &paragraph.repeat(50),
                ),
            )
        })
        .collect()
}

#[test]
fn max_feed_bytes_leaves_out_the_oldest_entries_with_a_warning() {
    let files = big_posts();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = site_with(&refs, "max_feed_bytes: 100000\n");
    site.build()
        .assert()
        .success()
        .stderr(contains(
            "the site's feed (rss.xml, atom.xml, feed.json) holds the newest",
        ))
        .stderr(contains(
            "of 10 entries: with more it would pass 100000 bytes",
        ));
    for name in ["rss.xml", "atom.xml", "feed.json"] {
        let text = parsed(&site, name);
        assert!(text.len() <= 100_000, "{name} is {} bytes", text.len());
        let entries = feed(&text).entries;
        assert!(
            (1..10).contains(&entries.len()),
            "{name}: {}",
            entries.len()
        );
        assert_eq!(
            entries[0].id, "https://example.org/blog/p10/",
            "the newest are kept"
        );
        assert!(name.ends_with(".json") || !complete(&text), "{name}");
    }
    // The three formats keep the same entries.
    assert_eq!(ids(&site.read("rss.xml")), ids(&site.read("feed.json")));
}

#[test]
fn max_feed_bytes_zero_lifts_the_cap() {
    let files = big_posts();
    let mut refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    // One post past five megabytes on its own.
    let huge = post(
        "Huge",
        "2024-12-01",
        "",
        &"Word upon word, page upon page. ".repeat(200_000),
    );
    refs.push(("blog/huge.md", &huge));
    let site = site_with(&refs, "max_feed_bytes: 0\n");
    let assert = site.build().args(["--limit", "0"]).assert().success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(!stderr.contains("holds the newest"), "{stderr}");
    for name in ["rss.xml", "atom.xml", "feed.json"] {
        let text = site.read(name);
        assert!(text.len() > 5_000_000, "{name}");
        assert_eq!(feed(&text).entries.len(), 11, "{name}");
    }
}

#[test]
fn full_content_false_writes_summaries_only() {
    let site = site_with(
        &[(
            "blog/p.md",
            &post(
                "P",
                "2025-01-01",
                "",
                "The summary.\n\n<!--more-->\n\nThe rest, which only the page has.",
            ),
        )],
        "full_content: false\n",
    );
    site.build().assert().success();
    let rss = parsed(&site, "rss.xml");
    assert!(!rss.contains("content:encoded>"), "{rss}");
    assert!(!rss.contains("only the page has"), "{rss}");
    let atom = parsed(&site, "atom.xml");
    let doc = xml(&atom);
    assert!(elements(&doc, "content").is_empty());
    assert!(child_text(doc.root_element(), "summary")
        .unwrap()
        .contains("The summary."));
    let json: serde_json::Value = serde_json::from_str(&parsed(&site, "feed.json")).unwrap();
    assert_eq!(json["items"][0]["content_html"], "<p>The summary.</p>\n");
    assert_eq!(json["items"][0]["summary"], "The summary.");
}

#[test]
fn formats_chooses_what_is_written() {
    let site = site_with(
        &[("blog/p.md", &post("P", "2025-01-01", "", "p"))],
        "formats: [json]\n",
    );
    site.build().assert().success();
    assert_eq!(paths(&site), ["feed.json"]);
    site.build()
        .args(["--formats", "rss,atom"])
        .assert()
        .success();
    assert_eq!(paths(&site), ["atom.xml", "feed.json", "rss.xml"]);
    site.build().args(["--formats", "rdf"]).assert().code(2);
    let empty = site_with(
        &[("blog/p.md", &post("P", "2025-01-01", "", "p"))],
        "formats: []\n",
    );
    empty
        .build()
        .assert()
        .code(2)
        .stderr(contains("`formats`: name at least one of rss, atom, json"));
}

#[test]
fn the_page_of_feeds_is_valid_html5_and_links_every_feed_written() {
    let site = site_with(&THREE_POSTS, &format!("title: Site & Co\n{SETS}"));
    let assert = site
        .build()
        .args(["--html", "--print-discovery"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    let files = written(&site);
    let page = html_page::parse(&site.read("feeds.html"));
    assert!(page.errors.is_empty(), "feeds.html: {:?}", page.errors);
    assert!(!page.quirks);
    assert_eq!(page.doctype.as_deref(), Some("html"));
    // Autodiscovery: the site's feeds, with the right types, as --print-discovery prints them.
    let alternates: Vec<(String, String)> = page
        .elements("link")
        .iter()
        .filter(|l| l.attr("rel") == Some("alternate"))
        .map(|l| {
            (
                l.attr("type").unwrap().to_string(),
                l.attr("href").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        [
            (
                "application/rss+xml".to_string(),
                "https://example.org/rss.xml".to_string()
            ),
            (
                "application/atom+xml".to_string(),
                "https://example.org/atom.xml".to_string()
            ),
            (
                "application/feed+json".to_string(),
                "https://example.org/feed.json".to_string()
            ),
        ]
    );
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    for (media_type, href) in &alternates {
        assert!(
            stdout.contains(&format!("type=\"{media_type}\"")) && stdout.contains(href.as_str()),
            "{stdout}"
        );
    }
    let discovered = html_page::parse(&format!(
        "<!DOCTYPE html><html><head><title>t</title>{stdout}</head></html>"
    ));
    assert!(discovered.errors.is_empty(), "{:?}", discovered.errors);
    // Every feed written is listed, and every link to a feed is a file written.
    let feed_links: Vec<String> = page
        .elements("a")
        .iter()
        .filter(|a| a.attr("type").is_some())
        .map(|a| {
            a.attr("href")
                .unwrap()
                .trim_start_matches("https://example.org/")
                .to_string()
        })
        .collect();
    let feeds: Vec<&String> = files.keys().filter(|n| !n.ends_with(".html")).collect();
    assert_eq!(feed_links.len(), feeds.len());
    for link in &feed_links {
        assert!(
            files.contains_key(link),
            "{link} is not a file the build wrote"
        );
    }
    for input in page.elements("input") {
        let value = input.attr("value").unwrap();
        assert!(
            files.contains_key(value.trim_start_matches("https://example.org/")),
            "{value}"
        );
    }
    // The latest entries of the main feed, titles linked, dates in UTC.
    let latest: Vec<String> = page
        .elements("time")
        .iter()
        .map(|t| page.text_of(t))
        .collect();
    assert_eq!(
        latest,
        [
            "2025-03-01 10:00 UTC",
            "2025-02-01 04:00 UTC",
            "2025-01-01 00:00 UTC"
        ]
    );
    assert!(page.elements("a").iter().any(|a| a.attr("href")
        == Some("https://example.org/blog/older/")
        && page.text_of(a) == "Older <T>"));
    let title = page.elements("title");
    assert_eq!(page.text_of(title[0]), "Feeds: Site & Co");
}

/// A feed written by feedwright for the `--target` lints.
fn feed_for_platforms(config: &str) -> Site {
    let long_title = "A title that goes on ".repeat(8);
    let summary = "A summary that goes on and on. ".repeat(20);
    let site = site_with(
        &[
            ("blog/short.md", &post("Short", "2025-01-02", "tags: [rust]\n", "Short body.")),
            (
                "blog/long.md",
                &post(
                    long_title.trim(),
                    "2025-01-01",
                    &format!("tags: [C++, Machine Learning and Artificial Intelligence, rust, web, extra, more]\ndescription: \"{}\"\n", summary.trim()),
                    "Long body.",
                ),
            ),
        ],
        config,
    );
    site.build().assert().success();
    site
}

#[test]
fn check_target_says_what_each_platform_will_do() {
    let site = feed_for_platforms("");
    let rss = site.out().join("rss.xml");
    let output = feedwright()
        .args(["check", "--target", "devto,mastodon,bluesky"])
        .arg(&rss)
        .output()
        .unwrap();
    assert!(output.status.success(), "warnings only");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    let about = |target: &str, needle: &str| {
        lines.iter().any(|l| {
            l.contains(&format!("warning[{target}]: entry \"A title that goes on"))
                && l.contains(needle)
        })
    };
    assert!(
        about(
            "devto",
            "dev.to keeps the first 4 of its 6 categories as tags; `extra` and `more` dropped"
        ),
        "{stdout}"
    );
    assert!(
        about(
            "devto",
            "the category `C++` becomes the tag `C` (letters and digits only)"
        ),
        "{stdout}"
    );
    assert!(about("devto", "becomes the tag `MachineLearningandAr` (letters and digits only, cut to 20 characters)"), "{stdout}");
    assert!(
        about(
            "devto",
            "the title is 167 characters; dev.to cuts it at 128"
        ),
        "{stdout}"
    );
    assert!(
        about(
            "mastodon",
            "each URL counted as 23); a Mastodon status holds 500: its summary is cut"
        ),
        "{stdout}"
    );
    assert!(
        about(
            "bluesky",
            "graphemes; a Bluesky post holds 300: its summary is cut"
        ),
        "{stdout}"
    );
    assert!(
        !stdout.contains("entry \"Short\""),
        "the short entry fits everywhere: {stdout}"
    );
    // Warnings fail with --deny-warnings.
    feedwright()
        .args(["check", "--deny-warnings", "--target", "devto"])
        .arg(&rss)
        .assert()
        .code(1);
    // dev.to imports RSS: an Atom feed is named as the wrong one to give it.
    feedwright()
        .args(["check", "--target", "devto"])
        .arg(site.out().join("atom.xml"))
        .assert()
        .success()
        .stdout(contains(
            "warning[devto]: dev.to's importer reads RSS feeds",
        ));
    // JSON output carries the same findings.
    let output = feedwright()
        .args(["check", "--format", "json", "--target", "mastodon"])
        .arg(&rss)
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(findings[0]["code"], "mastodon");
    assert_eq!(findings[0]["level"], "warning");
}

#[test]
fn check_target_devto_says_an_item_without_content_is_imported_as_its_description() {
    let site = feed_for_platforms("full_content: false\n");
    feedwright()
        .args(["check", "--target", "devto"])
        .arg(site.out().join("rss.xml"))
        .assert()
        .success()
        .stdout(contains(
            "entry \"Short\" <https://example.org/blog/short/>: the item has no content:encoded",
        ));
}

#[test]
fn term_paths_follow_each_generators_own_rules() {
    let files = [(
        "blog/p.md",
        post("P", "2025-01-01", "tags: [C++, \"日本語\", \"C#\"]\n", "p"),
    )];
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let hugo = site_with(&refs, "feeds:\n  preset: hugo\n  taxonomies: [tags]\n");
    hugo.build().assert().success();
    assert_eq!(
        paths(&hugo),
        strings(&[
            "index.xml",
            "atom.xml",
            "feed.json",
            "tags/c++/index.xml",
            "tags/c++/atom.xml",
            "tags/c++/feed.json",
            "tags/c#/index.xml",
            "tags/c#/atom.xml",
            "tags/c#/feed.json",
            "tags/日本語/index.xml",
            "tags/日本語/atom.xml",
            "tags/日本語/feed.json",
        ])
    );
    // On disk as Hugo writes the folder; in the feed, its URL percent-encoded.
    let atom = feed(&hugo.read("tags/c#/atom.xml"));
    assert!(atom
        .links
        .iter()
        .any(|l| l.href == "https://example.org/tags/c%23/atom.xml"));
    let atom = feed(&hugo.read("tags/日本語/atom.xml"));
    assert!(atom
        .links
        .iter()
        .any(|l| l.href == "https://example.org/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/atom.xml"));

    // Zola slugifies: `C++` and `C#` are one term, `c`.
    let zola = site_with(&refs, "feeds:\n  preset: zola\n  taxonomies: [tags]\n");
    zola.build().assert().success();
    assert_eq!(
        paths(&zola),
        strings(&[
            "atom.xml",
            "rss.xml",
            "feed.json",
            "tags/c/atom.xml",
            "tags/c/rss.xml",
            "tags/c/feed.json",
            "tags/ri-ben-yu/atom.xml",
            "tags/ri-ben-yu/rss.xml",
            "tags/ri-ben-yu/feed.json",
        ])
    );
    assert_eq!(
        feed(&zola.read("tags/c/atom.xml")).title.unwrap().content,
        "example.org: C++"
    );
}

#[test]
fn a_site_read_with_no_feedwright_yaml_keeps_its_generators_feed_paths() {
    let site = Site::new(&[(
        "posts/p.md",
        &post("P", "2025-01-01", "tags: [Rust]\n", "p"),
    )]);
    fs::write(
        site.dir.path().join("hugo.toml"),
        "baseURL = \"https://example.org/\"\ntitle = \"Hugo site\"\n[outputFormats.RSS]\nbaseName = \"feed\"\n",
    )
    .unwrap();
    feedwright()
        .current_dir(site.dir.path())
        .args(["build", "--now", "2026-01-01T00:00:00Z", "--out"])
        .arg(site.out())
        .assert()
        .success();
    // Hugo writes RSS for the home page, each section and each term, named
    // by the site's baseName.
    assert_eq!(
        paths(&site),
        strings(&[
            "feed.xml",
            "atom.xml",
            "feed.json",
            "posts/feed.xml",
            "posts/atom.xml",
            "posts/feed.json",
            "tags/rust/feed.xml",
            "tags/rust/atom.xml",
            "tags/rust/feed.json",
        ])
    );
}
