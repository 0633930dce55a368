//! Helpers shared by the integration tests: run the real binary on fixture
//! sites and parse what it wrote with strict parsers.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// Whether a command's standard error holds a warning (a message, not the
/// summary's count of none).
pub(crate) fn warned(stderr: &str) -> bool {
    stderr.contains("warning:") || stderr.contains("warning[")
}

/// The `feedwright` binary, with no `SOURCE_DATE_EPOCH`, `NO_COLOR` or
/// `GITHUB_WORKSPACE` leaking in from the environment.
pub(crate) fn feedwright() -> Command {
    let mut cmd = Command::cargo_bin("feedwright").expect("binary is built");
    cmd.env_remove("SOURCE_DATE_EPOCH")
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_WORKSPACE");
    cmd
}

/// `binary build --sitemap` from `content` into `out`, with a base URL and a
/// fixed "now", as a plain command (so tests can set its user, limits and
/// signals, and kill it), its output silenced.
pub(crate) fn plain_build(binary: &Path, content: &Path, out: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(binary);
    // In the site's own folder: the repository's feedwright.yaml (the sample
    // site's) is none of the test's business.
    if let Some(site) = content.parent() {
        cmd.current_dir(site);
    }
    cmd.env_remove("SOURCE_DATE_EPOCH")
        .arg("build")
        .arg("--content")
        .arg(content)
        .arg("--out")
        .arg(out)
        .args([
            "--base-url",
            "https://example.org/",
            "--now",
            "2026-01-01T00:00:00Z",
            "--sitemap",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

/// A temporary site: `content/` with the given files, and an empty `public/` beside it.
pub(crate) struct Site {
    pub(crate) dir: tempfile::TempDir,
}

impl Site {
    pub(crate) fn new(files: &[(&str, &str)]) -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        for (path, text) in files {
            site.write(path, text.as_bytes());
        }
        site
    }

    /// As [`Site::new`], from generated paths and texts.
    pub(crate) fn generated(files: &[(String, String)]) -> Site {
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(path, text)| (path.as_str(), text.as_str()))
            .collect();
        Site::new(&refs)
    }

    pub(crate) fn write(&self, path: &str, bytes: &[u8]) {
        let path = self.content().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    pub(crate) fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub(crate) fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    /// `feedwright build` on this site, with a base URL and a fixed "now".
    pub(crate) fn build(&self) -> Command {
        let mut cmd = feedwright();
        cmd.current_dir(self.dir.path())
            .arg("build")
            .arg("--content")
            .arg(self.content())
            .arg("--out")
            .arg(self.out())
            .args([
                "--base-url",
                "https://example.org/",
                "--now",
                "2026-01-01T00:00:00Z",
            ]);
        cmd
    }

    pub(crate) fn read(&self, name: &str) -> String {
        fs::read_to_string(self.out().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }
}

/// Parses `text` as XML 1.0 with a strict parser, panicking with the error otherwise.
pub(crate) fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{text}"))
}

/// Parses a feed with feed-rs, as a feed reader would.
pub(crate) fn feed(text: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(text.as_bytes())
        .unwrap_or_else(|e| panic!("feed-rs rejects the feed: {e}\n{text}"))
}

/// The text of the first descendant element named `name` (any namespace) under `node`.
pub(crate) fn child_text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)
        .and_then(|n| n.text())
}

/// Every element named `name` (any namespace).
pub(crate) fn elements<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    name: &str,
) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .collect()
}

/// The RSS `<item>` whose `<link>` is `link`.
pub(crate) fn rss_item<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    link: &str,
) -> roxmltree::Node<'a, 'i> {
    elements(doc, "item")
        .into_iter()
        .find(|item| child_text(*item, "link") == Some(link))
        .unwrap_or_else(|| panic!("no item with link {link}"))
}

/// The repository root (where the sample site lives).
pub(crate) fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The problems the JSON Feed JSON Schema finds in `text` (none: valid),
/// checked as the schema's reference script (`validate.py`) checks: `feed.json`
/// as draft-07 with formats, its `feed-1` reference resolved to the local
/// `feed-1.json` as a draft-04 resource. See `tests/schemas/README.md`.
pub(crate) fn json_feed_schema_errors(text: &str) -> Vec<String> {
    use jsonschema::{Draft, Registry};
    static VALIDATOR: std::sync::LazyLock<jsonschema::Validator> = std::sync::LazyLock::new(|| {
        let schemas = repo_root().join("tests/schemas/jsonfeed");
        let read = |name: &str| -> serde_json::Value {
            serde_json::from_str(&fs::read_to_string(schemas.join(name)).unwrap()).unwrap()
        };
        let one = Draft::Draft4.create_resource(read("feed-1.json"));
        let registry = Registry::new()
            .add("https://json.schemastore.org/feed-1", one)
            .unwrap()
            .prepare()
            .unwrap();
        // The registry lives as long as the validator: both for the whole run.
        let registry: &'static Registry<'static> = Box::leak(Box::new(registry));
        jsonschema::options()
            .with_draft(Draft::Draft7)
            .with_base_uri("https://json.schemastore.org/feed")
            .with_registry(registry)
            .should_validate_formats(true)
            .build(&read("feed.json"))
            .unwrap()
    });
    let value: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"));
    VALIDATOR
        .iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}
