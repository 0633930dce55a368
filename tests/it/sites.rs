//! Existing sites with no setup: `feedwright build` run in a Hugo, Jekyll or
//! Zola site's root reads the generator's configuration, publishes the URLs
//! the generator publishes, and writes a feed set per language where the
//! generator writes its pages, named as the generator names its feeds (Hugo's
//! RSS `index.xml`, jekyll-feed's Atom `feed.xml`). The sites are the parity fixtures
//! (`tests/parity/sites`, whose URLs `tests/parity/run.sh` checks against
//! Debian's Hugo and Jekyll) and `tests/fixtures/generator-sites` (Zola's,
//! after the cases observed on Zola 0.22.1 in its notes).

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

/// A copy of the fixture site `name` (under `folder` of `tests/`) in a temporary folder.
fn copy_site(folder: &str, name: &str) -> tempfile::TempDir {
    let source = repo_root().join("tests").join(folder).join(name);
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(&source) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&source).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}

/// `feedwright build` in `site`'s root, with nothing but a fixed "now".
fn build_in(site: &Path) -> assert_cmd::Command {
    let mut cmd = feedwright();
    cmd.current_dir(site)
        .args(["build", "--sitemap", "--now", "2026-11-29T00:00:00Z"]);
    cmd
}

fn read(path: PathBuf) -> String {
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The links of a feed's entries, newest first, as a feed reader reads them.
fn links(text: &str) -> Vec<String> {
    feed(text)
        .entries
        .iter()
        .map(|e| e.links.first().map(|l| l.href.clone()).unwrap_or_default())
        .collect()
}

/// The `<loc>`s of a sitemap.
fn sitemap_urls(text: &str) -> Vec<String> {
    let doc = xml(text);
    elements(&doc, "loc")
        .iter()
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

#[test]
fn a_hugo_site_needs_no_setup_and_gets_a_feed_set_per_language() {
    let site = copy_site("parity/sites", "hugo-languages");
    build_in(site.path())
        .assert()
        .success()
        .stderr(contains("read the Hugo site's configuration (hugo.toml)"));
    let public = site.path().join("public");
    // English at the root, French and German under their prefixes, as Hugo publishes them.
    let en = read(public.join("index.xml"));
    let mut en_links = links(&en);
    en_links.sort();
    assert_eq!(
        en_links,
        [
            "https://example.org/post/bundle/",
            "https://example.org/post/hello/",
            "https://example.org/post/x.xx/",
        ]
    );
    assert!(links(&en)
        .iter()
        .all(|l| !l.contains("/fr/") && !l.contains("/de/")));
    let doc = xml(&en);
    assert_eq!(child_text(doc.root_element(), "language"), Some("en-us"));

    let fr = read(public.join("fr/index.xml"));
    let fr_links = links(&fr);
    assert!(
        fr_links.contains(&"https://example.org/fr/2015/bonjour/".to_string()),
        "{fr_links:?}"
    );
    assert!(
        fr_links.contains(&"https://example.org/absolu/".to_string()),
        "{fr_links:?}"
    );
    assert!(
        fr_links.contains(&"https://example.org/fr/relatif/".to_string()),
        "{fr_links:?}"
    );
    let doc = xml(&fr);
    assert_eq!(child_text(doc.root_element(), "language"), Some("fr"));
    assert_eq!(child_text(doc.root_element(), "title"), Some("Le T"));
    assert_eq!(
        child_text(doc.root_element(), "link"),
        Some("https://example.org/fr/")
    );
    // German lives in its own content folder (`contentDir`).
    let de = read(public.join("de/atom.xml"));
    let de_links = links(&de);
    assert!(
        de_links.contains(&"https://example.org/de/post/hallo/".to_string()),
        "{de_links:?}"
    );
    // One sitemap lists every language's pages.
    let urls = sitemap_urls(&read(public.join("sitemap.xml")));
    for url in [
        "https://example.org/post/hello/",
        "https://example.org/fr/2015/bonjour/",
        "https://example.org/de/post/hallo/",
        "https://example.org/fr/",
    ] {
        assert!(urls.contains(&url.to_string()), "{url} not in {urls:?}");
    }
}

#[test]
fn a_hugo_site_with_a_content_folder_per_language_keeps_them_apart() {
    let site = copy_site("parity/sites", "hugo-content-per-language");
    build_in(site.path()).assert().success();
    let public = site.path().join("public");
    // uglyURLs: `name.html`; English at the root, Japanese under /ja/.
    assert_eq!(
        links(&read(public.join("index.xml"))),
        [
            "https://example.org/post/second.html",
            "https://example.org/post/first-post.html",
        ]
    );
    let ja = read(public.join("ja/index.xml"));
    assert_eq!(links(&ja), ["https://example.org/ja/post/first-post.html"]);
    assert_eq!(child_text(xml(&ja).root_element(), "title"), Some("T ja"));
    assert_eq!(child_text(xml(&ja).root_element(), "language"), Some("ja"));
}

#[test]
fn a_language_without_posts_gets_no_feed_and_says_so_under_v() {
    let site = copy_site("parity/sites", "hugo-insubdir");
    fs::remove_file(site.path().join("content/post/hello.fr.md")).unwrap();
    build_in(site.path())
        .arg("-v")
        .assert()
        .success()
        .stderr(contains("no feed for the language `fr`"));
    // The default language is under /en/ (defaultContentLanguageInSubdir).
    let en = read(site.path().join("public/en/index.xml"));
    assert_eq!(links(&en), ["https://example.org/en/post/hello/"]);
    assert!(!site.path().join("public/fr").exists());
}

#[test]
fn hugo_urls_are_the_ones_hugo_publishes() {
    let site = copy_site("parity/sites", "hugo-tokens");
    let output = build_in(site.path()).arg("--print-urls").assert().success();
    let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    // Each verified on Debian's Hugo 0.111.3 (and by tests/parity/run.sh).
    for line in [
        "post/a.md\thttps://example.org/2015/07/01/hello-world-v1.2/",
        "post/bad.md\thttps://example.org/1/01/01/bad-date/",
        "tok/j.md\thttps://example.org/tok/coredns-1.0.0-release/",
        "tok/t1.md\thttps://example.org/tok/c-and-c/",
        "go/a.md\thttps://example.org/15/7/5/09/jul/sun/july/go-layout/",
        "d/x1/x2/x3/deep.md\thttps://example.org/d/x1/x2/-/x1/x2/-/x2/-/d/deep/",
        "h/b.md\thttps://example.org/h/b.html/",
    ] {
        assert!(stdout.lines().any(|l| l == line), "{line} not in\n{stdout}");
    }
    // Dates as written, not in UTC or the site's zone (Tokyo here).
    let site = copy_site("parity/sites", "hugo-timezone");
    let output = build_in(site.path()).arg("--print-urls").assert().success();
    let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    for line in [
        "post/a.md\thttps://example.org/2017/09/10/a/",
        "post/b.md\thttps://example.org/2017/09/09/b/",
        "post/c.md\thttps://example.org/2017/09/10/c/",
    ] {
        assert!(stdout.lines().any(|l| l == line), "{line} not in\n{stdout}");
    }
}

#[test]
fn hugo_html_content_is_kept_as_html_and_pages_hugo_skips_appear_nowhere() {
    let site = copy_site("parity/sites", "hugo-paths");
    build_in(site.path())
        .assert()
        .success()
        .stderr(contains("has the same URL as").and(contains("under Hugo's own rules")));
    let atom = read(site.path().join("public/atom.xml"));
    let parsed = feed(&atom);
    let html = parsed
        .entries
        .iter()
        .find(|e| e.links[0].href == "https://example.org/post/html-page/")
        .expect("the .html page is a post");
    let content = html.content.as_ref().and_then(|c| c.body.clone()).unwrap();
    assert!(content.contains("<em>as HTML</em>"), "{content}");
    assert!(
        content.contains("# not a heading") && !content.contains("<h1"),
        "{content}"
    );
    let urls = sitemap_urls(&read(site.path().join("public/sitemap.xml")));
    for absent in [
        "hidden",
        "plain",
        "draft",
        "future",
        "extra",
        "backup",
        "mixed.case",
    ] {
        assert!(
            urls.iter().all(|u| !u.to_lowercase().contains(absent)),
            "{absent} is in {urls:?}"
        );
    }
    // Two posts with one slug: Hugo publishes one page there, and so one entry.
    assert_eq!(
        links(&atom)
            .iter()
            .filter(|l| l.as_str() == "https://example.org/post/same/")
            .count(),
        1
    );
}

#[test]
fn hugo_cascaded_build_options_leave_pages_out_and_include_reads_the_language_folder() {
    // As Debian's Hugo 0.111 builds it (with `_build`; later Hugo reads
    // `build` too): `_common` (its cascade says render: never, itself
    // included) and the glossary's terms are not rendered, the glossary page
    // is (its own build options win over its cascade).
    let site = copy_site("fixtures/generator-sites", "hugo-cascade");
    build_in(site.path())
        .assert()
        .success()
        .stderr(contains("0 warnings"));
    let public = site.path().join("public");
    let rss = read(public.join("index.xml"));
    assert_eq!(
        links(&rss),
        [
            "https://example.org/blog/post/",
            "https://example.org/blog/listed/"
        ]
    );
    let mut urls = sitemap_urls(&read(public.join("sitemap.xml")));
    urls.sort();
    assert_eq!(
        urls,
        [
            "https://example.org/",
            "https://example.org/blog/",
            "https://example.org/blog/listed/",
            "https://example.org/blog/post/",
            "https://example.org/glossary/",
        ]
    );
    // `include` paths are relative to the page's own content folder
    // (`contentDir = "content/en"`), and a snippet Hugo never renders is
    // still included.
    let post = feed(&rss)
        .entries
        .into_iter()
        .find(|e| e.links[0].href.ends_with("/blog/post/"))
        .unwrap();
    let content = post.content.unwrap().body.unwrap();
    assert!(
        content.contains("Included <em>text</em> from a snippet."),
        "{content}"
    );
}

#[test]
fn hugo_main_sections_name_the_feed_entries_and_the_output_folder_is_the_sites() {
    let site = copy_site("parity/sites", "hugo-baseurl-and-dirs");
    build_in(site.path()).assert().success();
    let rss = read(site.path().join("public/index.xml"));
    // params.mainSections = ["posts"]: the notes section is sitemap-only.
    assert_eq!(links(&rss), ["https://example.org/blog/2015/alpha/"]);
    let urls = sitemap_urls(&read(site.path().join("public/sitemap.xml")));
    assert!(
        urls.contains(&"https://example.org/blog/notes/b/".to_string()),
        "{urls:?}"
    );
    assert!(urls.iter().all(|u| !u.contains("ignored")), "{urls:?}");
    // feed_sections in feedwright.yaml overrides the site's.
    fs::write(
        site.path().join("feedwright.yaml"),
        "feed_sections: [notes]\ntitle: Mine\n",
    )
    .unwrap();
    build_in(site.path()).assert().success();
    // With a feedwright.yaml (and no `feeds: preset`), feedwright's own names.
    let rss = read(site.path().join("public/rss.xml"));
    assert_eq!(links(&rss), ["https://example.org/blog/notes/b/"]);
    assert_eq!(child_text(xml(&rss).root_element(), "title"), Some("Mine"));
}

#[test]
fn a_jekyll_site_needs_no_setup() {
    let site = copy_site("parity/sites", "jekyll-date");
    // jekyll-feed's limit is 10 posts; all of them here.
    build_in(site.path())
        .args(["--limit", "0"])
        .assert()
        .success()
        .stderr(
            contains("read the Jekyll site's configuration (_config.yml)")
                // Ruby's YAML takes the last of two equal keys: a warning, not an error.
                .and(contains("2020-01-24-dup.md:"))
                .and(contains("`title` is set twice"))
                .and(contains("`redirect_from` is set twice"))
                // Ruby's Time.parse reads a date up to its time, as Jekyll does.
                .and(contains(
                    "`2020-01-25 18:30:22 2020 -0800` has trailing text",
                ))
                .and(contains("2020-01-25-trailing.md:3")),
        );
    let site_dir = site.path().join("_site");
    let atom = read(site_dir.join("feed.xml"));
    let links = links(&atom);
    // Posts only (as jekyll-feed takes them), with Jekyll's URLs: case kept,
    // `.html`, one-digit months, categories, the dates of the permalink.
    for link in [
        "https://example.org/2015/07/01/Hello-World.html",
        "https://example.org/2020/01/21/shortyear.html",
        "https://example.org/foo%20bar/2020/01/07/catstr.html",
        "https://example.org/en/news/2020/01/06/lang.html",
        "https://example.org/blog/2020/01/19/Upper.html",
        "https://example.org/2021/03/01/shared.html",
        "https://example.org/2022/03/01/shared.html",
        "https://example.org/2020/01/24/dup.html",
        "https://example.org/2020/01/25/trailing.html",
    ] {
        assert!(links.contains(&link.to_string()), "{link} not in {links:?}");
    }
    // Entry ids are jekyll-feed's (`post.id`), not the links: a site moving
    // from jekyll-feed announces no post again.
    let ids: Vec<(String, String)> = feed(&atom)
        .entries
        .into_iter()
        .map(|e| (e.links[0].href.clone(), e.id))
        .collect();
    for (link, id) in [
        (
            "https://example.org/2015/07/01/Hello-World.html",
            "https://example.org/2015/07/01/Hello-World",
        ),
        (
            "https://example.org/foo%20bar/2020/01/07/catstr.html",
            "https://example.org/foo%20bar/2020/01/07/catstr",
        ),
    ] {
        assert!(
            ids.contains(&(link.to_string(), id.to_string())),
            "{link} with id {id} not in {ids:?}"
        );
    }
    assert!(links
        .iter()
        .all(|l| !l.contains("about") && !l.contains("/fr/")));
    let dup = feed(&atom)
        .entries
        .into_iter()
        .find(|e| e.links[0].href.ends_with("/dup.html"))
        .unwrap();
    assert_eq!(dup.title.unwrap().content, "Second");
    // The French posts are the French feed's, in the French folder.
    let fr = read(site_dir.join("fr/feed.xml"));
    assert_eq!(
        feed(&fr).entries[0].links[0].href,
        "https://example.org/fr/2020/02/01/bonjour.html"
    );
    // The sitemap: pages and posts, not what Jekyll does not publish.
    let urls = sitemap_urls(&read(site_dir.join("sitemap.xml")));
    assert!(
        urls.contains(&"https://example.org/about.html".to_string()),
        "{urls:?}"
    );
    assert!(
        urls.contains(&"https://example.org/About%20Us.html".to_string()),
        "{urls:?}"
    );
    for absent in [
        "README",
        "404",
        "note",
        "excluded",
        "draft",
        "unpublished",
        "future",
        "notadate",
    ] {
        assert!(
            urls.iter().all(|u| !u.contains(absent)),
            "{absent} in {urls:?}"
        );
    }
}

#[test]
fn a_zola_site_needs_no_setup_and_dates_its_posts_from_their_paths() {
    let site = copy_site("fixtures/generator-sites", "zola-blog");
    build_in(site.path()).assert().success().stderr(
        contains("read the Zola site's configuration (config.toml)")
            .and(contains("2 pages have no date in their front matter")),
    );
    let public = site.path().join("public");
    let links = links(&read(public.join("atom.xml")));
    assert_eq!(
        links,
        [
            // Dated from `path = "2026/03/26/1.94.1-release"`; the trailing
            // slash Zola always adds, a dot in the last segment or not.
            "https://example.com/2026/03/26/1.94.1-release/",
            "https://example.com/2026/03/05/1.94.0-release/",
            "https://example.com/blog/en-suffix-en/",
            "https://example.com/blog/my-custom-slug/",
            "https://example.com/blog/bundle-post/",
            "https://example.com/blog/c-tips/",
            "https://example.com/Mixed%20Case/some-page/",
            "https://example.com/blog/hello/",
        ]
    );
    let fr = read(public.join("fr/atom.xml"));
    assert_eq!(
        feed(&fr).entries[0].links[0].href,
        "https://example.com/fr/blog/hello/"
    );
    let urls = sitemap_urls(&read(public.join("sitemap.xml")));
    assert!(urls.contains(&"https://example.com/blog/undated/".to_string()));
    assert!(urls
        .iter()
        .all(|u| !u.contains("draft") && !u.contains("notes")));
    // A section with `render = false` has no page, so Zola's sitemap leaves
    // it out; the pages in it are published.
    assert!(
        !urls.contains(&"https://example.com/pages/".to_string()),
        "{urls:?}"
    );
    assert!(
        urls.contains(&"https://example.com/pages/about/".to_string()),
        "{urls:?}"
    );
}

#[test]
fn an_empty_site_feed_is_an_error_saying_why_and_how() {
    let site = copy_site("fixtures/generator-sites", "zola-undated");
    build_in(site.path()).assert().code(1).stderr(
        contains("the site's feed would have no entries")
            .and(contains("2 of its 2 pages have no date"))
            .and(contains("add `date:`"))
            .and(contains("--allow-empty")),
    );
    assert!(
        !site.path().join("public").exists(),
        "nothing may be written"
    );
    build_in(site.path())
        .arg("--allow-empty")
        .assert()
        .success();
    let rss = read(site.path().join("public/rss.xml"));
    assert!(feed(&rss).entries.is_empty());
}

#[test]
fn a_site_root_without_a_base_url_names_the_file_to_set_it_in() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("hugo.toml"), "title = \"T\"\n").unwrap();
    fs::create_dir_all(dir.path().join("content/post")).unwrap();
    fs::write(
        dir.path().join("content/post/a.md"),
        "---\ntitle: A\ndate: 2020-01-01\n---\n",
    )
    .unwrap();
    build_in(dir.path())
        .assert()
        .code(2)
        .stderr(contains("hugo.toml").and(contains("`baseURL`")));
}
