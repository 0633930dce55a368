//! The sample site in `content/`: the user's seed post, built exactly as the
//! README says, checked with strict parsers and against golden files.

use std::fs;

use crate::common::*;

fn build_sample() -> tempfile::TempDir {
    build_sample_site().0
}

fn read(dir: &tempfile::TempDir, name: &str) -> String {
    fs::read_to_string(dir.path().join(name)).unwrap()
}

#[test]
fn the_seed_post_date_is_normalized_to_utc() {
    let out = build_sample();
    let rss = read(&out, "rss.xml");
    let doc = xml(&rss);
    let item = rss_item(&doc, "https://lean.example.org/blog/post-1/");
    assert_eq!(
        child_text(item, "pubDate"),
        Some("Wed, 15 Jan 2025 15:44:45 +0000")
    );

    let atom = read(&out, "atom.xml");
    let doc = xml(&atom);
    let entry = elements(&doc, "entry")
        .into_iter()
        .find(|e| child_text(*e, "id") == Some("https://lean.example.org/blog/post-1/"))
        .expect("the seed's entry");
    let published = child_text(entry, "published").unwrap();
    assert!(
        published == "2025-01-15T15:44:45Z" || published == "2025-01-15T15:44:45+00:00",
        "{published}"
    );
}

#[test]
fn the_seed_post_carries_its_full_text() {
    let out = build_sample();
    let seed = fs::read_to_string(repo_root().join("content/blog/post-1.md")).unwrap();
    let last_paragraph = seed.trim_end().lines().last().unwrap();
    let last_sentence = last_paragraph.rsplit(". ").next().unwrap().trim();
    for (name, element) in [("rss.xml", "encoded"), ("atom.xml", "content")] {
        let text = read(&out, name);
        let doc = xml(&text);
        let contents: Vec<&str> = elements(&doc, element)
            .iter()
            .filter_map(|n| n.text())
            .collect();
        assert!(
            contents.iter().any(|c| c
                .contains("What if a Director of Engineering could do so much more?")
                && c.contains(last_sentence)),
            "{name} lacks the seed's full text"
        );
    }
}

#[test]
fn both_feeds_parse_as_feeds_with_the_same_entries() {
    let out = build_sample();
    let rss = feed(&read(&out, "rss.xml"));
    let atom = feed(&read(&out, "atom.xml"));
    let ids = |f: &feed_rs::model::Feed| {
        f.entries
            .iter()
            .map(|e| e.links[0].href.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&rss), ids(&atom));
    assert_eq!(
        ids(&rss),
        [
            "https://lean.example.org/blog/markdown-tour/",
            "https://lean.example.org/blog/post-1/",
            "https://lean.example.org/blog/toml-works/",
            "https://lean.example.org/blog/field-notes/",
        ]
    );
    for entry in rss.entries.iter().chain(&atom.entries) {
        assert!(entry.published.is_some(), "{:?}", entry.id);
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .unwrap_or_default();
        assert!(!body.is_empty(), "{:?} has no content", entry.id);
    }
}

#[test]
fn the_sitemap_lists_every_published_page_and_no_draft() {
    let out = build_sample();
    let text = read(&out, "sitemap.xml");
    let doc = xml(&text);
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let locs: Vec<&str> = elements(&doc, "loc")
        .iter()
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        locs,
        [
            "https://lean.example.org/",
            "https://lean.example.org/about/",
            "https://lean.example.org/blog/",
            "https://lean.example.org/blog/field-notes/",
            "https://lean.example.org/blog/markdown-tour/",
            "https://lean.example.org/blog/post-1/",
            "https://lean.example.org/blog/toml-works/",
        ]
    );
}

#[test]
fn two_builds_give_identical_bytes() {
    let first = build_sample();
    let second = build_sample();
    let (first, second) = (tree(first.path()), tree(second.path()));
    assert_eq!(first.len(), second.len());
    for (name, text) in &first {
        assert!(*text == second[name], "{name} differs between builds");
    }
}

/// Every file the sample site's build writes (the site's, the section's and
/// each tag's and category's feeds in three formats, the sitemap, the page
/// of feeds) is read by its real parser: XML by roxmltree, every feed by
/// feed-rs, JSON Feed against the JSON Feed JSON Schema, the page by
/// html5ever's HTML5 parser, each of its links a file the build wrote; and
/// `feedwright check --deny-warnings` finds nothing in any feed or sitemap
/// (the page is no feed: the checker says so of it, as the W3C service
/// does); and the build itself warns of nothing.
#[test]
fn every_file_written_parses_and_passes_the_checker_without_a_warning() {
    let (out, build) = build_sample_site();
    let stderr = String::from_utf8_lossy(&build.get_output().stderr).to_string();
    assert!(!warned(&stderr), "the build warned:\n{stderr}");
    let files = tree(out.path());
    let kinds = |suffix: &str| files.keys().filter(|n| n.ends_with(suffix)).count();
    // The site, the blog section, 6 tags and 2 categories, in three formats.
    assert_eq!(
        (kinds("rss.xml"), kinds("atom.xml"), kinds("feed.json")),
        (10, 10, 10)
    );
    assert!(files.contains_key("feeds.html") && files.contains_key("sitemap.xml"));
    let base = "https://lean.example.org/";
    for (name, text) in &files {
        if name.ends_with(".json") {
            let errors = json_feed_schema_errors(text);
            assert!(errors.is_empty(), "{name}: {errors:?}");
            assert!(!feed(text).entries.is_empty(), "{name}");
        } else if name.ends_with(".xml") {
            xml(text);
            if name != "sitemap.xml" {
                let parsed = feed(text);
                assert!(!parsed.entries.is_empty(), "{name}");
                // Each feed links to itself.
                let own = format!("{base}{name}");
                assert!(
                    parsed.links.iter().any(|l| l.href == own),
                    "{name} does not link to {own}"
                );
            }
        } else {
            assert_eq!(name, "feeds.html");
            let page = crate::html_page::parse(text);
            assert!(page.errors.is_empty(), "feeds.html: {:?}", page.errors);
            let mut linked = 0;
            for a in page.elements("a").into_iter().chain(page.elements("link")) {
                let href = a.attr("href").unwrap_or_default();
                let Some(path) = href.strip_prefix(base) else {
                    continue;
                };
                if path.ends_with(".xml") || path.ends_with(".json") {
                    assert!(
                        files.contains_key(path),
                        "feeds.html links to {href}, not written"
                    );
                    linked += 1;
                }
            }
            assert!(linked >= 30, "feeds.html links {linked} feed files");
        }
    }
    let checked: Vec<std::path::PathBuf> = files
        .keys()
        .filter(|n| n.ends_with(".xml") || n.ends_with(".json"))
        .map(|n| out.path().join(n))
        .collect();
    feedwright()
        .args(["check", "--deny-warnings"])
        .args(&checked)
        .assert()
        .success()
        .stderr(predicates::str::contains(format!(
            "checked {} files: 0 errors, 0 warnings",
            checked.len()
        )));
}

/// Every file under `dir`, by its path relative to it (`/`-separated).
fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// Golden files: any change to the sample site's outputs (every feed, the
/// sitemap, the page of feeds) shows up as a diff in review.
/// Refresh with `UPDATE_GOLDEN=1 cargo test --test it sample_site`.
#[test]
fn golden_snapshots() {
    let out = build_sample();
    let golden = repo_root().join("tests/golden/sample");
    let actual = tree(out.path());
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = fs::remove_dir_all(&golden);
        for (name, text) in &actual {
            let path = golden.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
    }
    let expected = tree(&golden);
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "the sample site's outputs differ from tests/golden/sample; if the change is intended, run UPDATE_GOLDEN=1 cargo test --test it sample_site"
    );
    for (name, text) in &actual {
        assert!(
            *text == expected[name],
            "{name} differs from tests/golden/sample/{name}; if the change is intended, run UPDATE_GOLDEN=1 cargo test --test it sample_site\n--- actual ---\n{text}"
        );
    }
}
