//! Real sites' content (a subset of the shared corpora, copied under
//! `tests/fixtures/corpora/` with their licences): every one builds into
//! valid feeds, and every oddity is handled the way the README says.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;
use feedwright::internals::front_matter::{self, Format, Keys};
use feedwright::internals::plain_yaml;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

fn corpus(name: &str) -> PathBuf {
    let root = repo_root().join("tests/fixtures/corpora").join(name);
    let content = root.join("content");
    if content.is_dir() {
        content
    } else {
        root.join("_posts")
    }
}

/// Builds `name` with `args`, into a fresh folder.
fn build(name: &str, args: &[&str]) -> (tempfile::TempDir, assert_cmd::assert::Assert) {
    let out = tempfile::tempdir().unwrap();
    // Run outside the repository, so the sample site's feedwright.yaml stays out of it.
    let assert = feedwright()
        .current_dir(out.path())
        .args([
            "build",
            "--sitemap",
            "--limit",
            "0",
            "--now",
            "2026-11-25T00:00:00Z",
        ])
        .arg("--base-url")
        .arg(format!("https://{name}.example.org/"))
        .arg("--content")
        .arg(corpus(name))
        .arg("--out")
        .arg(out.path())
        .args(args)
        .assert();
    (out, assert)
}

/// Parses every output strictly and as a feed; returns the RSS text.
fn check_outputs(out: &Path) -> String {
    for name in ["rss.xml", "atom.xml", "sitemap.xml"] {
        let text = fs::read_to_string(out.join(name)).unwrap();
        xml(&text);
        if name != "sitemap.xml" {
            let parsed = feed(&text);
            for entry in &parsed.entries {
                let html = entry
                    .content
                    .as_ref()
                    .and_then(|c| c.body.clone())
                    .unwrap_or_default();
                for attr in [" href=\"", " src=\""] {
                    for value in html.split(attr).skip(1) {
                        assert!(
                            value.starts_with("https://")
                                || value.starts_with("http://")
                                || value.starts_with("mailto:"),
                            "{name}: relative {attr}{}",
                            &value[..value.len().min(60)]
                        );
                    }
                }
            }
        }
    }
    feedwright()
        .arg("check")
        .arg(out.join("rss.xml"))
        .arg(out.join("atom.xml"))
        .arg(out.join("sitemap.xml"))
        .assert()
        .success()
        .stdout("")
        .stderr(contains("0 errors, 0 warnings"));
    fs::read_to_string(out.join("rss.xml")).unwrap()
}

#[test]
fn clean_corpora_build_valid_feeds() {
    for (name, posts) in [
        ("themefisher-timer", 4),
        ("themefisher-parsa", 4),
        ("themefisher-airspace", 4),
        // Two of the six are drafts.
        ("jessfraz-blog", 4),
        ("zola-tabi", 2),
        ("hugo-docs", 0),
    ] {
        // A site without a dated page has an empty feed only when asked for.
        let args: &[&str] = if posts == 0 { &["--allow-empty"] } else { &[] };
        let (out, assert) = build(name, args);
        assert.success();
        let rss = check_outputs(out.path());
        assert_eq!(feed(&rss).entries.len(), posts, "{name}");
    }
    let (out, assert) = build("hugo-docs", &[]);
    assert
        .code(1)
        .stderr(contains("have no date").and(contains("--allow-empty")));
    assert!(!out.path().join("rss.xml").exists());
}

#[test]
fn the_seeds_theme_dates_are_normalized() {
    let (out, assert) = build("themefisher-timer", &[]);
    assert.success();
    let rss = check_outputs(out.path());
    // `date: 2018-07-15T12:29:40+06:00` in a-new-year-a-new-posibility.md.
    let doc = xml(&rss);
    let item = rss_item(
        &doc,
        "https://themefisher-timer.example.org/english/blog/a-new-year-a-new-posibility/",
    );
    assert_eq!(
        child_text(item, "pubDate"),
        Some("Sun, 15 Jul 2018 06:29:40 +0000")
    );
}

#[test]
fn tweets_keep_their_text_and_lose_their_scripts() {
    let (out, assert) = build("jessfraz-blog", &[]);
    assert.success();
    let rss = check_outputs(out.path());
    assert!(rss.contains("twitter-tweet"));
    assert!(!rss.contains("<script"), "a script reached the feed");
}

#[test]
fn translations_are_skipped_with_a_warning() {
    let (out, assert) = build("zola-tabi", &[]);
    assert.success().stderr(contains("translated pages"));
    let rss = check_outputs(out.path());
    assert!(rss.contains("https://zola-tabi.example.org/blog/markdown/"));
}

#[test]
fn a_nul_byte_fails_the_build_and_keep_going_skips_the_post() {
    let (_, assert) = build("themefisher-bookworm", &[]);
    assert
        .code(1)
        .stderr(contains("error: contains a NUL byte").and(contains("post-1.md:20:")));
    let (out, assert) = build("themefisher-bookworm", &["--keep-going"]);
    assert.success().stderr(contains("post-1.md:20"));
    let rss = check_outputs(out.path());
    assert_eq!(feed(&rss).entries.len(), 7);
}

#[test]
fn a_malformed_jekyll_date_is_reported_with_its_line() {
    let (_, assert) = build("jekyll-news", &[]);
    assert.code(1).stderr(
        contains("2023-01-29-jekyll-3-9-3-released.markdown:3:")
            .and(contains("`2023-01-29 18:30:22 2023 -0800` is not a date")),
    );
    let (out, assert) = build("jekyll-news", &["--keep-going"]);
    assert.success();
    let rss = check_outputs(out.path());
    assert_eq!(feed(&rss).entries.len(), 4);
}

#[test]
fn homebrew_duplicate_key_and_dated_urls() {
    let (_, assert) = build("homebrew-blog", &[]);
    assert.code(1).stderr(
        contains("2016-09-21-homebrew-1.0.0.md:").and(contains("duplicate key `redirect_from`")),
    );
    let (out, assert) = build("homebrew-blog", &["--keep-going"]);
    assert.success();
    let rss = check_outputs(out.path());
    // Two posts share a slug; Jekyll's dated URLs keep them apart.
    assert!(
        rss.contains("https://homebrew-blog.example.org/2018/08/05/security-incident-disclosure/")
    );
    assert!(
        rss.contains("https://homebrew-blog.example.org/2021/04/21/security-incident-disclosure/")
    );
}

/// The fast YAML reader answers exactly as the full parser does wherever it answers.
#[test]
fn fast_yaml_agrees_with_the_full_parser_on_real_front_matter() {
    let mut files = Vec::new();
    for root in [
        repo_root().join("tests/fixtures"),
        repo_root().join("content"),
    ] {
        collect_markdown(&root, &mut files);
    }
    let mut compared = 0;
    for path in files {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let Ok(split) = front_matter::split(&path, &text) else {
            continue;
        };
        if split.format != Some(Format::Yaml) {
            continue;
        }
        for keys in [Keys::Metadata, Keys::All] {
            if let Some(fast) = plain_yaml::read(split.front, keys) {
                let full = front_matter::parse_full_yaml(split.front, keys).unwrap_or_else(|e| {
                    panic!(
                        "{}: the fast reader accepted what YAML rejects: {e}",
                        path.display()
                    )
                });
                assert_eq!(fast, full, "{}", path.display());
                compared += 1;
            }
        }
    }
    assert!(compared > 40, "only {compared} comparisons");
}

pub(crate) fn collect_markdown(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_markdown(&path, files);
        } else if path
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown")
        {
            files.push(path);
        }
    }
}
