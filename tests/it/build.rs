//! `feedwright build` on small fixture sites: what reaches the feeds, what is
//! left out, and how flags and dates decide it. Every output is parsed.
//! (Broken input is `robustness`'s, the config file `config`'s.)

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use crate::common::*;

const POST: &str = "---\ntitle: Post\ndate: 2025-01-15T21:44:45+06:00\n---\nBody.\n";

#[test]
fn relative_urls_become_absolute_in_markdown_and_raw_html() {
    let site = Site::new(&[(
        "blog/post/index.md",
        r#"---
title: URLs
date: 2025-01-15T21:44:45+06:00
---
[sibling](../other/) [root](/about/) [frag](#part) [query](?page=2) ![bundle image](photo.jpg)

<p><a href="../raw/">raw</a> <img src="raw.png" srcset="small.png 480w, /big.png 1080w"></p>
<video src="clip.mp4" poster="poster.jpg"></video>
<a href="//cdn.example.net/x">protocol-relative</a>
"#,
    )]);
    site.build().assert().success();
    for (name, element) in [("rss.xml", "encoded"), ("atom.xml", "content")] {
        let text = site.read(name);
        let doc = xml(&text);
        let html = child_text(doc.root_element(), element).unwrap();
        for expected in [
            r#"href="https://example.org/blog/other/""#,
            r#"href="https://example.org/about/""#,
            r#"href="https://example.org/blog/post/#part""#,
            r#"href="https://example.org/blog/post/?page=2""#,
            r#"src="https://example.org/blog/post/photo.jpg""#,
            r#"href="https://example.org/blog/raw/""#,
            r#"src="https://example.org/blog/post/raw.png""#,
            r#"srcset="https://example.org/blog/post/small.png 480w, https://example.org/big.png 1080w""#,
            r#"src="https://example.org/blog/post/clip.mp4""#,
            r#"poster="https://example.org/blog/post/poster.jpg""#,
            r#"href="https://cdn.example.net/x""#,
        ] {
            assert!(html.contains(expected), "{name} lacks {expected}:\n{html}");
        }
        // No attribute value anywhere is left relative.
        for attr in ["href=\"", "src=\"", "poster=\""] {
            for value in html.split(attr).skip(1) {
                assert!(
                    value.starts_with("https://"),
                    "{name}: relative {attr}{value}"
                );
            }
        }
    }
}

#[test]
fn control_characters_are_removed_and_cdata_ends_round_trip() {
    let site = Site::new(&[(
        "blog/ctl.md",
        "---\ntitle: \"Bell\\a and form\\ffeed\"\ndate: 2025-01-01\ntags: [\"tab\\u0001bed\"]\n---\nText with \u{7}bell, \u{1b}escape and \u{FFFE}.\n\n```\nend ]]> here\n```\n\nRaw <span>]]></span> too, <abbr title=\"a ]]> b\">in attributes</abbr>.\n",
    )]);
    site.build().assert().success();
    for name in ["rss.xml", "atom.xml"] {
        let text = site.read(name);
        let doc = xml(&text);
        let parsed = feed(&text);
        let entry = &parsed.entries[0];
        assert_eq!(entry.title.as_ref().unwrap().content, "Bell and formfeed");
        let html = entry.content.as_ref().unwrap().body.clone().unwrap();
        assert!(html.contains("Text with bell, escape and ."), "{html}");
        assert!(html.contains("end ]]&gt; here"), "{html}");
        // `]]>` in raw HTML, even in an attribute, reaches the reader as `]]>`.
        assert!(html.contains(r#"title="a ]]&gt; b""#), "{html}");
        assert!(!text.contains('\u{7}') && !text.contains('\u{1b}'));
        drop(doc);
    }
}

#[test]
fn drafts_future_and_expired_posts_appear_nowhere_unless_asked() {
    let site = Site::new(&[
        ("blog/live.md", POST),
        (
            "blog/draft.md",
            "---\ntitle: Draft\ndate: 2025-01-01\ndraft: true\n---\nx\n",
        ),
        (
            "blog/future.md",
            "---\ntitle: Future\ndate: 2030-01-01\n---\nx\n",
        ),
        (
            "blog/scheduled.md",
            "---\ntitle: Scheduled\ndate: 2025-01-01\npublishDate: 2029-01-01\n---\nx\n",
        ),
        (
            "blog/expired.md",
            "---\ntitle: Expired\ndate: 2025-01-01\nexpiryDate: 2025-06-01\n---\nx\n",
        ),
    ]);
    site.build().arg("--sitemap").assert().success();
    for name in ["rss.xml", "atom.xml", "sitemap.xml"] {
        let text = site.read(name);
        xml(&text);
        assert!(text.contains("https://example.org/blog/live/"), "{name}");
        for hidden in ["draft", "future", "scheduled", "expired"] {
            assert!(
                !text.contains(&format!("/blog/{hidden}/")),
                "{hidden} leaked into {name}"
            );
        }
    }
    site.build()
        .args(["--sitemap", "--drafts", "--future", "--expired"])
        .assert()
        .success();
    let rss = site.read("rss.xml");
    for shown in ["draft", "future", "scheduled", "expired"] {
        assert!(
            rss.contains(&format!("/blog/{shown}/")),
            "{shown} missing with flags"
        );
    }
}

#[test]
fn now_comes_from_source_date_epoch_when_not_given() {
    let site = Site::new(&[("blog/a.md", "---\ntitle: A\ndate: 2025-06-01\n---\nx\n")]);
    let mut cmd = feedwright();
    cmd.current_dir(site.dir.path())
        .args([
            "build",
            "--allow-empty",
            "--base-url",
            "https://example.org/",
            "--content",
        ])
        .arg(site.content())
        .arg("--out")
        .arg(site.out())
        .env("SOURCE_DATE_EPOCH", "1735689600"); // 2025-01-01: the post is in the future.
    cmd.assert().success();
    assert!(!site.read("rss.xml").contains("/blog/a/"));
}

#[test]
fn entries_are_newest_first_with_ties_broken_by_permalink() {
    let same = "date: 2019-05-14T14:46:10+06:00";
    let site = Site::new(&[
        ("blog/b.md", &format!("---\ntitle: B\n{same}\n---\nx\n")),
        ("blog/a.md", &format!("---\ntitle: A\n{same}\n---\nx\n")),
        (
            "blog/newest.md",
            "---\ntitle: N\ndate: 2020-01-01\n---\nx\n",
        ),
    ]);
    site.build().assert().success();
    let parsed = feed(&site.read("rss.xml"));
    let links: Vec<_> = parsed
        .entries
        .iter()
        .map(|e| e.links[0].href.as_str())
        .collect();
    assert_eq!(
        links,
        [
            "https://example.org/blog/newest/",
            "https://example.org/blog/a/",
            "https://example.org/blog/b/"
        ]
    );
    // Atom entries never share an `updated` (readers take that for one entry edited twice).
    let atom = site.read("atom.xml");
    let doc = xml(&atom);
    let mut updated: Vec<&str> = elements(&doc, "entry")
        .iter()
        .filter_map(|e| child_text(*e, "updated"))
        .collect();
    assert_eq!(updated.len(), 3);
    updated.sort();
    updated.dedup();
    assert_eq!(updated.len(), 3, "{atom}");
}

#[test]
fn limit_caps_the_entries_and_zero_means_all() {
    let files: Vec<(String, String)> = (1..=5)
        .map(|i| {
            (
                format!("blog/p{i}.md"),
                format!("---\ntitle: P{i}\ndate: 2025-01-0{i}\n---\nx\n"),
            )
        })
        .collect();
    let site = Site::generated(&files);
    site.build().args(["--limit", "2"]).assert().success();
    assert_eq!(feed(&site.read("atom.xml")).entries.len(), 2);
    site.build().args(["--limit", "0"]).assert().success();
    assert_eq!(feed(&site.read("atom.xml")).entries.len(), 5);
}

#[test]
fn every_broken_file_is_reported_not_just_the_first() {
    let site = Site::new(&[
        ("blog/one.md", "---\ntitle: x\ndate: nope\n---\n"),
        ("blog/two.md", "---\ntitle: [\n---\n"),
    ]);
    site.build().assert().code(1).stderr(
        contains("one.md:3:")
            .and(contains("two.md:"))
            .and(contains("2 files have errors")),
    );
    assert!(!site.out().exists(), "nothing may be written");
}

#[test]
fn usage_errors_exit_2() {
    let site = Site::new(&[("blog/a.md", POST)]);
    feedwright()
        .current_dir(site.dir.path())
        .args(["build", "--content"])
        .arg(site.content())
        .assert()
        .code(2)
        .stderr(contains("base URL"));
    site.build().args(["--limit", "many"]).assert().code(2);
    feedwright()
        .args(["build", "--base-url", "example.org"])
        .assert()
        .code(2)
        .stderr(contains("absolute"));
    feedwright()
        .args([
            "build",
            "--base-url",
            "https://example.org/",
            "--content",
            "/nonexistent/feedwright",
        ])
        .assert()
        .code(2)
        .stderr(contains("not found"));
}

#[test]
fn duplicate_permalinks_are_reported() {
    let site = Site::new(&[
        ("blog/a.md", POST),
        (
            "blog/b.md",
            "---\ntitle: B\ndate: 2025-01-01\nslug: a\n---\nx\n",
        ),
    ]);
    site.build().assert().code(1).stderr(contains("same URL"));
}

#[test]
fn pages_without_dates_go_to_the_sitemap_only() {
    let site = Site::new(&[
        ("blog/a.md", POST),
        ("about.md", "---\ntitle: About\n---\nx\n"),
        ("LICENSE.md", "No front matter.\n"),
    ]);
    site.build().arg("--sitemap").assert().success();
    let rss = site.read("rss.xml");
    assert!(!rss.contains("/about/"));
    let sitemap = site.read("sitemap.xml");
    for loc in [
        "https://example.org/",
        "https://example.org/about/",
        "https://example.org/blog/",
        "https://example.org/blog/a/",
        "https://example.org/license/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{loc}</loc>")),
            "{loc} missing:\n{sitemap}"
        );
    }
}

#[test]
fn a_site_of_drafts_gives_valid_empty_feeds_dated_by_the_given_now() {
    let site = Site::new(&[("blog/d.md", "---\ntitle: D\ndraft: true\n---\nx\n")]);
    // Without --allow-empty, an empty feed is an error saying why.
    site.build()
        .arg("--sitemap")
        .assert()
        .code(1)
        .stderr(contains("1 are drafts: pass --drafts").and(contains("--allow-empty")));
    assert!(!site.out().exists(), "nothing may be written");
    site.build()
        .args(["--sitemap", "--allow-empty"])
        .assert()
        .success();
    for name in ["rss.xml", "atom.xml", "feed.json"] {
        let text = site.read(name);
        assert!(feed(&text).entries.is_empty());
    }
    // No dates anywhere: the given "now" dates the feed (never 1970, never the clock).
    let atom = site.read("atom.xml");
    assert_eq!(
        child_text(xml(&atom).root_element(), "updated"),
        Some("2026-01-01T00:00:00Z")
    );
}

#[test]
fn an_undated_site_without_now_is_dated_by_its_files() {
    let site = Site::new(&[("about.md", "---\ntitle: About\n---\nx\n")]);
    feedwright()
        .args([
            "build",
            "--allow-empty",
            "--base-url",
            "https://example.org/",
            "--content",
        ])
        .arg(site.content())
        .arg("--out")
        .arg(site.out())
        .assert()
        .success();
    let atom = site.read("atom.xml");
    let updated = child_text(xml(&atom).root_element(), "updated")
        .unwrap()
        .to_string();
    assert!(updated.as_str() > "2020", "{updated}");
    // Same files, same bytes.
    feedwright()
        .args([
            "build",
            "--allow-empty",
            "--base-url",
            "https://example.org/",
            "--content",
        ])
        .arg(site.content())
        .arg("--out")
        .arg(site.out())
        .assert()
        .success();
    assert_eq!(site.read("atom.xml"), atom);
}

#[test]
fn feeds_stay_under_five_megabytes_by_leaving_out_the_oldest_entries() {
    let paragraph =
        "Lean flow keeps work moving; small batches shorten the wait. ".repeat(8) + "\n\n";
    let body = paragraph.repeat(800); // about 400 KB of Markdown per post
    let files: Vec<(String, String)> = (1..=20)
        .map(|i| {
            (
                format!("blog/p{i:02}.md"),
                format!("---\ntitle: P{i}\ndate: 2025-01-{i:02}\n---\n{body}"),
            )
        })
        .collect();
    let site = Site::generated(&files);
    site.build().assert().success().stderr(contains(
        "the site's feed (rss.xml, atom.xml, feed.json) holds the newest",
    ));
    for name in ["rss.xml", "atom.xml", "feed.json"] {
        let text = site.read(name);
        assert!(text.len() <= 5_000_000, "{name} is {} bytes", text.len());
        let parsed = feed(&text);
        assert!(
            !parsed.entries.is_empty() && parsed.entries.len() < 20,
            "{}",
            parsed.entries.len()
        );
        // The newest are the ones kept.
        assert_eq!(
            parsed.entries[0].links[0].href,
            "https://example.org/blog/p20/"
        );
    }
}
