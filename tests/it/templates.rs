//! Template syntax rendered as each generator renders it: fixture sites for
//! Hugo, Jekyll and Zola (`tests/fixtures/sites/`) with golden feeds, and
//! a sweep of every fixture and corpus proving no entry shows template text.

use std::fs;
use std::path::{Path, PathBuf};

use feedwright::internals::templates::{leftovers, loader};
use feedwright::internals::{front_matter, render_body, Config, Page, PageKind, Site};
use feedwright::Options;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use crate::common::*;

/// The content folder of the fixture site `name` (Jekyll's is `_posts`).
fn fixture_content(name: &str) -> PathBuf {
    let root = repo_root().join("tests/fixtures/sites").join(name);
    if root.join("content").is_dir() {
        root.join("content")
    } else {
        root.join("_posts")
    }
}

/// Builds the fixture site `name` (from outside the repository, so the
/// sample site's feedwright.yaml stays out); returns the output folder and stderr.
fn build_fixture(name: &str) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let assert = feedwright()
        .current_dir(out.path())
        .args(["build", "--limit", "0", "--now", "2026-11-25T00:00:00Z"])
        .arg("--base-url")
        .arg(format!("https://{name}.example.org/"))
        .arg("--content")
        .arg(fixture_content(name))
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    (out, stderr)
}

/// Every entry's content, from the Atom feed parsed by a feed reader's parser.
fn contents(out: &Path) -> Vec<String> {
    contents_of(out, "atom.xml")
}

/// Every entry's content, from the feed `name` parsed by a feed reader's parser.
fn contents_of(out: &Path, name: &str) -> Vec<String> {
    let atom = fs::read_to_string(out.join(name)).unwrap();
    xml(&atom);
    feed(&atom)
        .entries
        .iter()
        .map(|e| {
            e.content
                .as_ref()
                .and_then(|c| c.body.clone())
                .unwrap_or_default()
        })
        .collect()
}

/// Both feeds pass feedwright's checker with no finding at all.
fn assert_valid(out: &Path) {
    assert_files_valid(out, &["rss.xml", "atom.xml"]);
}

/// The feeds `names` pass feedwright's checker with no finding at all.
fn assert_files_valid(out: &Path, names: &[&str]) {
    feedwright()
        .arg("check")
        .args(names.iter().map(|name| out.join(name)))
        .assert()
        .success()
        .stderr(contains("0 errors, 0 warnings"));
}

/// Golden files: any change to what the fixtures render shows up as a diff in
/// review. Refresh with `UPDATE_GOLDEN=1 cargo test --test it templates`.
#[test]
fn fixture_sites_match_their_golden_feeds() {
    for name in ["hugo", "jekyll", "zola"] {
        let (out, _) = build_fixture(name);
        assert_valid(out.path());
        for file in ["atom.xml", "rss.xml"] {
            let actual = fs::read_to_string(out.path().join(file)).unwrap();
            xml(&actual);
            let path = repo_root()
                .join("tests/golden/templates")
                .join(format!("{name}-{file}"));
            if std::env::var_os("UPDATE_GOLDEN").is_some() {
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(&path, &actual).unwrap();
            }
            let expected = fs::read_to_string(&path).unwrap_or_default();
            assert!(
                actual == expected,
                "{name}/{file} differs from {}; if the change is intended, run UPDATE_GOLDEN=1 cargo test --test it templates\n--- actual ---\n{actual}",
                path.display()
            );
        }
    }
}

#[test]
fn hugo_shortcodes_of_every_form_render_as_html_a_reader_shows() {
    let (out, stderr) = build_fixture("hugo");
    let all = contents(out.path()).join("\n");
    for expected in [
        // figure, named and quoted, link and Markdown caption; unquoted across lines.
        "<figure><a href=\"https://example.com/kitten\"><img src=\"https://hugo.example.org/images/kitten.jpg\" alt=\"A kitten\" width=\"640\" height=\"480\"></a><figcaption><p>A <em>small</em> kitten</p></figcaption></figure>",
        "<figure><img src=\"https://hugo.example.org/images/dog.jpg\" alt=\"A dog\"></figure>",
        // {{% %}} parameters read with straight quotes, before smart punctuation.
        "<h4>Straight \"quotes\" kept</h4>",
        "<a href=\"https://www.youtube.com/watch?v=Ezd_STvPJbA\"><img src=\"https://i.ytimg.com/vi/Ezd_STvPJbA/hqdefault.jpg\" alt=\"Installing\"",
        "<a href=\"https://vimeo.com/146022717\">Watch on Vimeo</a>",
        "<a href=\"https://gist.github.com/spf13/7896402\">",
        "<a href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\">",
        "<a href=\"https://www.instagram.com/p/CxOWiQNP2MO/\">",
        "<pre><code class=\"language-go\">func main() {",
        // ref and relref, with an anchor and without a space after {{<.
        "<a href=\"https://hugo.example.org/posts/other/\">the other post</a>",
        "<a href=\"https://hugo.example.org/posts/other/#a-section\">its section</a>",
        "<a href=\"https://hugo.example.org/posts/bundle/\">the bundle</a>",
        // param from the page, the site, and in a link destination.
        "Parameters: a *page* parameter / a <em>page</em> parameter / a site parameter.",
        "<a href=\"https://hugo.example.org/canonical/\">here</a>",
        "<details><summary>More <em>details</em></summary>",
        "<a href=\"https://gohugo.io\">https://gohugo.io</a>",
        "<blockquote><p><strong>Note</strong></p><p>An alert from the theme, with <em>Markdown</em>.</p>",
        "<h4>Go</h4><pre><code class=\"language-go\">fmt.Println(\"go\")</code></pre><h4>Text</h4><p>Plain <em>text</em> tab.</p>",
        "<p>The site’s own shortcode: its <em>inner content</em> stays.</p>",
        "<p>Nested: outer a site parameter inner</p>",
        // Escaped shortcodes come out literally, in code.
        "<pre><code>{{&lt; figure src=\"x.jpg\" &gt;}}\n{{% param x %}}\n</code></pre>",
        // A relative .md link and a <noscript> image, made absolute.
        "<a href=\"https://hugo.example.org/posts/shortcodes/\">every shortcode form</a>",
        "<a href=\"https://hugo.example.org/posts/bundle/#intro\">the bundle</a>",
        "<img src=\"https://hugo.example.org/posts/other/images/real.jpg\" alt=\"real\">",
    ] {
        assert!(all.contains(expected), "missing {expected}\n{all}");
    }
    assert!(!all.contains("TODO"), "a comment's content was published");
    // One warning per shortcode name, with its files, lines and count.
    let mybox: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning: shortcode `mybox`"))
        .collect();
    assert_eq!(mybox.len(), 1, "{stderr}");
    assert!(
        mybox[0].contains("(2×: ") && mybox[0].contains("posts/shortcodes.md:66, 72)"),
        "{}",
        mybox[0]
    );
    assert!(stderr.contains("warning: shortcode `badge`"), "{stderr}");
    assert!(stderr.contains("got positional parameter 'b'"), "{stderr}");
}

#[test]
fn hugo_authors_are_looked_up_and_made_plain_text() {
    let (out, _) = build_fixture("hugo");
    let atom = fs::read_to_string(out.path().join("atom.xml")).unwrap();
    let parsed = feed(&atom);
    let by_title = |title: &str| {
        parsed
            .entries
            .iter()
            .find(|e| e.title.as_ref().is_some_and(|t| t.content == title))
            .unwrap()
    };
    let miek = &by_title("Every shortcode form").authors[0];
    assert_eq!(miek.name, "Miek Gieben");
    assert_eq!(miek.uri.as_deref(), Some("https://miek.nl/"));
    let jane = &by_title("The other post").authors[0];
    assert_eq!(jane.name, "Jane Doe (Company)");
    assert_eq!(jane.uri.as_deref(), Some("https://github.com/jane"));
}

#[test]
fn jekyll_liquid_renders_with_data_includes_and_links() {
    let (out, stderr) = build_fixture("jekyll");
    let all = contents(out.path()).join("\n");
    for expected in [
        "<a href=\"https://github.com/example/project/issues/12\">#12</a> in Liquid fixture",
        "<a href=\"https://jekyll.example.org/downloads/project-2.1.0.tar.gz\">project-2.1.0.tar.gz</a> (1.4 MB)",
        "<li>2.0.0: 1.3 MB</li>",
        "Team: Ann (maintainer), Bob, Jr. (reviewer).",
        "There are 2 releases.",
        "<pre><code class=\"language-ruby\"># A comment, not a heading\n",
        "<code>{{ page.title }} and {% link x.md %}</code>",
        "<a href=\"https://jekyll.example.org/2024/01/15/older/\">the older post</a>",
        "<a href=\"https://jekyll.example.org/2024/01/15/older/\">by link</a>",
        "date: 01 Mar 2024; escaped: a &amp; b; slug: hello-world.",
        "<a href=\"https://jekyll.example.org/docs/liquid/filters/#where-exp\">where-exp</a>",
        "<p class=\"note\"><strong>Note:</strong> Includes render (<a href=\"https://jekyll.example.org/docs/\">docs</a>)</p>",
        "an unknown filter kept passes its input",
        "<p>The inner content of a plugin block stays.</p>",
    ] {
        assert!(all.contains(expected), "missing {expected}\n{all}");
    }
    assert!(!all.contains("widget"), "{all}");
    for subject in [
        "Liquid tag `youtube`",
        "Liquid tag `details`",
        "Liquid filter `plugin_filter`",
        "`missing.html` is not in the site's `_includes/`",
        "`widget.html` produces more than text and links",
    ] {
        assert!(stderr.contains(subject), "{subject}\n{stderr}");
    }
    let atom = fs::read_to_string(out.path().join("atom.xml")).unwrap();
    let ann = feed(&atom).entries[0].authors[0].clone();
    assert_eq!(
        (ann.name.as_str(), ann.uri.as_deref()),
        ("Ann Author", Some("https://ann.example.org/"))
    );
}

#[test]
fn zola_calls_and_internal_links() {
    let (out, stderr) = build_fixture("zola");
    let all = contents(out.path()).join("\n");
    for expected in [
        "<blockquote><p><strong>Tip</strong></p><p>Use <strong>Markdown</strong> in notes.</p>",
        "A body with <em>emphasis</em> and a nested <img src=\"https://zola.example.org/blog/calls/nested.png\" alt=\"Nested\"> image.",
        "<p>Custom <em>body</em> kept.</p>",
        "<code>{{ admonition(text=\"x\") }}</code>",
        "<p>A call Zola cannot parse:  is removed.</p>",
        "<a href=\"https://zola.example.org/blog/target/\">target</a>",
        "<a href=\"https://zola.example.org/blog/target/#details\">its anchor</a>",
        "<a href=\"https://zola.example.org/blog/\">the section</a>",
        "<img src=\"https://zola.example.org/blog/target/inside-noscript.png\" alt=\"x\">",
    ] {
        assert!(all.contains(expected), "missing {expected}\n{all}");
    }
    assert!(
        stderr.contains("Zola shortcode `admonition`: Zola cannot parse this call")
            && stderr.contains("calls.md:25)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Zola shortcode `unknown_widget`"),
        "{stderr}"
    );
}

#[test]
fn a_broken_zola_link_names_the_file_as_zola_does() {
    let site = crate::common::Site::new(&[
        ("config.toml", "base_url = \"https://example.org\"\n"),
        (
            "content/blog/a.md",
            "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n\nSee [b](@/blog/b.md).\n",
        ),
    ]);
    // The Site helper writes under content/; the config belongs at the root.
    let root = site.content().parent().unwrap().to_path_buf();
    fs::rename(site.content().join("config.toml"), root.join("config.toml")).unwrap();
    site.build().assert().code(1).stderr(
        contains("error: broken relative link `@/blog/b.md`").and(contains("blog/a.md:6:")),
    );
}

/// Every Markdown file of every fixture site and every corpus in `tests/`,
/// rendered as a feed entry is (translations too, each with its own URL),
/// shows no template text outside code.
#[test]
fn no_template_text_in_any_entry_of_any_fixture_or_corpus() {
    let mut roots: Vec<PathBuf> = Vec::new();
    for parent in ["tests/fixtures/sites", "tests/fixtures/corpora"] {
        let mut dirs: Vec<PathBuf> = fs::read_dir(repo_root().join(parent))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        roots.extend(dirs);
    }
    // An explicit config, so the sample site's feedwright.yaml stays out.
    let config_dir = tempfile::tempdir().unwrap();
    let config_file = config_dir.path().join("feedwright.yaml");
    fs::write(&config_file, "limit: 0\n").unwrap();
    let mut rendered_with_templates = 0;
    let mut failures = Vec::new();
    for root in &roots {
        let content = if root.join("content").is_dir() {
            root.join("content")
        } else {
            root.join("_posts")
        };
        let config = Config::load(&Options {
            content_dir: Some(content.clone()),
            base_url: Some("https://example.org/".into()),
            now: Some("2026-11-25T00:00:00Z".into()),
            keep_going: true,
            drafts: true,
            future: true,
            expired: true,
            config_file: Some(config_file.clone()),
            ..Options::default()
        })
        .unwrap();
        let site = Site::load(&config).unwrap();
        let templates = loader::site_context(&site, &config);
        let mut files = Vec::new();
        crate::corpora::collect_markdown(&content, &mut files);
        for path in files {
            let Ok(text) = fs::read_to_string(&path) else {
                continue;
            };
            let Ok(split) = front_matter::split(&path, &text) else {
                continue;
            };
            let page = site
                .pages
                .iter()
                .find(|p| p.source.as_deref() == Some(path.as_path()))
                .cloned()
                .unwrap_or_else(|| Page {
                    kind: PageKind::Page,
                    source: Some(path.clone()),
                    permalink: url::Url::parse("https://example.org/translation/").unwrap(),
                    date: None,
                    lastmod: None,
                    section: String::new(),
                    in_bundle: false,
                    language: 0,
                    in_site_feed: false,
                    markup: feedwright::internals::Markup::Markdown,
                    pinned_id: None,
                    listing: Default::default(),
                    terms: Vec::new(),
                    title: None,
                    body_bytes: 0,
                });
            let body = render_body(&page, &path, &split, &templates)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .0;
            if feedwright::internals::templates::has_template_syntax(split.body) {
                rendered_with_templates += 1;
            }
            for html in [&body.content, &body.summary] {
                if let Some(found) = leftovers::find(html) {
                    failures.push(format!("{}: `{found}`", path.display()));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "template text left:\n{}",
        failures.join("\n")
    );
    // The sweep means something only if it met many templates.
    eprintln!("{rendered_with_templates} files with template syntax rendered");
    assert!(rendered_with_templates > 100, "{rendered_with_templates}");
}

/// Built as a user would, from the site's root (`--site`), with the site's
/// own configuration read: the templates render the same, nothing is left.
#[test]
fn fixture_sites_built_from_their_root_show_no_template_text() {
    // Read from its root with no feedwright.yaml, a site keeps its
    // generator's feed paths: Hugo's RSS is index.xml, jekyll-feed's Atom feed.xml.
    for (name, rss, atom) in [
        ("hugo", "index.xml", "atom.xml"),
        ("jekyll", "rss.xml", "feed.xml"),
        ("zola", "rss.xml", "atom.xml"),
    ] {
        let out = tempfile::tempdir().unwrap();
        let assert = feedwright()
            .current_dir(out.path())
            .args(["build", "--limit", "0", "--now", "2026-11-25T00:00:00Z"])
            .arg("--site")
            .arg(repo_root().join("tests/fixtures/sites").join(name))
            .arg("--out")
            .arg(out.path())
            .assert()
            .success();
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(!stderr.contains("template text"), "{name}: {stderr}");
        let entries = contents_of(out.path(), atom);
        assert!(!entries.is_empty(), "{name}");
        for html in entries {
            assert_eq!(leftovers::find(&html), None, "{name}: {html}");
        }
        assert_files_valid(out.path(), &[rss, atom, "feed.json"]);
    }
}
