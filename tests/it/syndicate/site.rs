//! `feedwright syndicate` on a site: the entries are the posts `build` puts in
//! the feeds (drafts, future and expired posts never go out), with the
//! per-post `syndicate:` front matter, Markdown made absolute for dev.to and a
//! page-bundle image uploaded as Bluesky's card thumbnail.

use super::*;

/// A one-pixel PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

fn site_run(platforms: &Platforms, files: &[(&str, &[u8])]) -> Run {
    let config = format!(
        "base_url: https://blog.example.org/\ntitle: A blog\nlanguage: en\n{}",
        config_for(platforms)
    );
    let run = Run::with_config(&config);
    for (path, bytes) in files {
        let path = run.path(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    run
}

const BUNDLE_POST: &str = "---
title: A bundle post
date: 2025-05-02T10:00:00+02:00
tags: [Rust, Web Dev]
image: cover.png
summary: A post with its own picture.
---
Read [the other post](../plain/) and see ![the cover](cover.png).

[ref]: /about/
";

const PLAIN_POST: &str = "---
title: Plain post
date: 2025-05-01
description: Only to Mastodon and WebSub.
syndicate: [mastodon, websub]
image: /images/big.png
---
Text with <img src=\"/images/x.png\">.
";

const QUIET_POST: &str = "---
title: Not syndicated
date: 2025-04-01
syndicate: false
---
Quiet.
";

const DRAFT: &str = "---\ntitle: Draft\ndate: 2025-03-01\ndraft: true\n---\nx\n";
const FUTURE: &str = "---\ntitle: Future\ndate: 2030-01-01\n---\nx\n";
const EXPIRED: &str = "---\ntitle: Expired\ndate: 2025-03-01\nexpiryDate: 2025-06-01\n---\nx\n";

fn files() -> Vec<(&'static str, &'static [u8])> {
    vec![
        ("content/blog/bundle/index.md", BUNDLE_POST.as_bytes()),
        ("content/blog/bundle/cover.png", PNG),
        ("content/blog/plain.md", PLAIN_POST.as_bytes()),
        ("content/blog/quiet.md", QUIET_POST.as_bytes()),
        ("content/blog/draft.md", DRAFT.as_bytes()),
        ("content/blog/future.md", FUTURE.as_bytes()),
        ("content/blog/expired.md", EXPIRED.as_bytes()),
    ]
}

#[test]
fn the_sites_posts_go_out_as_build_reads_them() {
    let platforms = Platforms::new();
    let big = vec![0u8; 1_000_000];
    let mut files = files();
    files.push(("static/images/big.png", &big));
    let run = site_run(&platforms, &files);
    let output = run.run_site(&["--max", "5"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));

    // Mastodon: the bundle post and the plain one; never the quiet, draft, future or expired.
    let statuses = platforms.mastodon.requests_to("POST", "/api/v1/statuses");
    let texts: Vec<String> = statuses
        .iter()
        .map(|s| s.json()["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        texts,
        [
            "Plain post\n\nOnly to Mastodon and WebSub.\n\nhttps://blog.example.org/blog/plain/",
            "A bundle post\n\nA post with its own picture.\n\nhttps://blog.example.org/blog/bundle/\n\n#Rust #WebDev",
        ]
    );
    // Bluesky and dev.to: the bundle post alone (the plain one is limited to mastodon and websub).
    let records = platforms
        .bluesky
        .requests_to("POST", "/xrpc/com.atproto.repo.createRecord");
    assert_eq!(records.len(), 1);
    let uploads = platforms
        .bluesky
        .requests_to("POST", "/xrpc/com.atproto.repo.uploadBlob");
    assert_eq!(uploads.len(), 1, "the bundle's cover is uploaded");
    assert_eq!(uploads[0].body, PNG);
    assert_eq!(uploads[0].header("content-type"), Some("image/png"));
    assert_eq!(
        records[0].json()["record"]["embed"]["external"]["thumb"],
        json!({"$type": "blob", "ref": {"$link": "bafkreitest"}, "mimeType": "image/png", "size": PNG.len()})
    );
    let articles = platforms.devto.requests_to("POST", "/api/articles");
    assert_eq!(articles.len(), 1);
    assert_golden(&articles[0].json(), "devto_site_article.json");
    // WebSub: every feed the site publishes, once.
    let pings = platforms.hub.requests();
    assert_eq!(pings.len(), 1);
    assert_eq!(
        pings[0].text(),
        "hub.mode=publish&hub.url=https%3A%2F%2Fblog.example.org%2Frss.xml&hub.url=https%3A%2F%2Fblog.example.org%2Fatom.xml&hub.url=https%3A%2F%2Fblog.example.org%2Ffeed.json"
    );
    let state = run.state();
    let ids: Vec<&String> = state.as_object().unwrap().keys().collect();
    assert_eq!(
        ids,
        [
            "https://blog.example.org/blog/bundle/",
            "https://blog.example.org/blog/plain/"
        ]
    );
    assert!(state["https://blog.example.org/blog/plain/"]
        .get("devto")
        .is_none());
}

#[test]
fn template_warnings_are_reported_as_build_reports_them() {
    let platforms = Platforms::new();
    let post = "---\ntitle: Boxed\ndate: 2025-05-03\n---\nSee {{< mybox >}}inside{{< /mybox >}}.\n";
    let run = site_run(&platforms, &[("content/blog/boxed.md", post.as_bytes())]);
    let output = run.run_site(&["--dry-run", "--max", "5"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let stderr = stderr(&output);
    assert!(
        stderr.contains("warning: shortcode `mybox`: no template for it")
            && stderr.contains("content/blog/boxed.md:5"),
        "{stderr}"
    );
}

#[test]
fn a_big_image_is_not_uploaded() {
    let platforms = Platforms::new();
    let big = vec![0u8; 1_000_000];
    let post = BUNDLE_POST.replace("cover.png", "big.png");
    let run = site_run(
        &platforms,
        &[
            ("content/blog/bundle/index.md", post.as_bytes()),
            ("content/blog/bundle/big.png", &big),
        ],
    );
    let output = run.run_site(&["--to", "bluesky", "--max", "1"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(platforms
        .bluesky
        .requests_to("POST", "/xrpc/com.atproto.repo.uploadBlob")
        .is_empty());
    let record = platforms
        .bluesky
        .requests_to("POST", "/xrpc/com.atproto.repo.createRecord")[0]
        .json();
    assert!(record["record"]["embed"]["external"].get("thumb").is_none());
}

#[test]
fn an_unknown_network_in_front_matter_is_an_error_with_its_line() {
    let platforms = Platforms::new();
    let post = "---\ntitle: T\ndate: 2025-01-01\nsyndicate: [mastodon, twitter]\n---\nx\n";
    let run = site_run(&platforms, &[("content/blog/t.md", post.as_bytes())]);
    let output = run.run_site(&["--max", "1"]);
    assert_eq!(code(&output), 1);
    let message = stderr(&output);
    assert!(
        message.contains("error: `syndicate`: `twitter` is not a network")
            && message.contains("--> content/blog/t.md:4:12"),
        "{message}"
    );
    assert_eq!(platforms.posts(), 0);
}

#[test]
fn seeding_a_site_then_adding_a_post_posts_only_it() {
    let platforms = Platforms::new();
    let run = site_run(&platforms, &files());
    let seeded = run.run_site(&["--seed"]);
    assert_eq!(code(&seeded), 0, "{}", stderr(&seeded));
    assert_eq!(platforms.posts(), 0);
    let post = "---\ntitle: New one\ndate: 2025-06-01\n---\nNew.\n";
    std::fs::write(run.path("content/blog/new.md"), post).unwrap();
    let output = run.run_site(&["--to", "mastodon"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let statuses = platforms.mastodon.requests_to("POST", "/api/v1/statuses");
    assert_eq!(statuses.len(), 1);
    assert_eq!(
        statuses[0].json()["status"],
        "New one\n\nNew.\n\nhttps://blog.example.org/blog/new/"
    );
}

#[test]
fn websub_defaults_to_the_hubs_the_feeds_name() {
    let hub = MockServer::start(hub_ok);
    let config = format!(
        "base_url: https://blog.example.org/\nhubs: [{}/websub]\nsyndicate:\n  websub: {{}}\n",
        hub.url
    );
    let run = Run::with_config(&config);
    std::fs::create_dir_all(run.path("content/blog")).unwrap();
    std::fs::write(run.path("content/blog/plain.md"), PLAIN_POST).unwrap();

    let syndicated = run.run_site(&["--max", "1"]);
    assert_eq!(code(&syndicated), 0, "{}", stderr(&syndicated));
    // The feeds name the hub, so readers subscribe to it...
    let build = Command::cargo_bin("feedwright")
        .unwrap()
        .current_dir(run.dir.path())
        .args(["build", "--now", NOW])
        .output()
        .unwrap();
    assert_eq!(code(&build), 0, "{}", stderr(&build));
    for (file, namespace) in [
        ("public/rss.xml", "http://www.w3.org/2005/Atom"),
        ("public/atom.xml", "http://www.w3.org/2005/Atom"),
    ] {
        let text = std::fs::read_to_string(run.path(file)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let hubs: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name((namespace, "link")) && n.attribute("rel") == Some("hub"))
            .filter_map(|n| n.attribute("href"))
            .collect();
        assert_eq!(hubs, [format!("{}/websub", hub.url)], "{file}");
    }
    // ...and syndicate pings it about both feeds.
    let pings = hub.requests_to("POST", "/websub");
    assert_eq!(pings.len(), 1);
    assert!(pings[0]
        .text()
        .contains("hub.url=https%3A%2F%2Fblog.example.org%2Fatom.xml"));
}
