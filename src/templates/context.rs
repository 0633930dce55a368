//! What templates may read: the site (its generator, parameters, data files,
//! pages and shortcode names) and the page being rendered.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use serde_json::Value;
use url::Url;

pub use crate::site_config::Generator;

/// A best guess from one file when the site's generator is unknown: Hugo's
/// delimiters are its own; a file under `_posts` is Jekyll's; a valid Zola
/// call is Zola's; other `{%`/`{{ site.`/`{{ page.` is Liquid.
pub(crate) fn sniff(rel_path: &str, body: &str) -> Generator {
    if body.contains("{{<") || body.contains("{{%") {
        return Generator::Hugo;
    }
    if rel_path
        .split('/')
        .any(|part| part == "_posts" || part == "_drafts")
    {
        return Generator::Jekyll;
    }
    if super::zola::has_call(body) {
        return Generator::Zola;
    }
    if body.contains("{%") || body.contains("{{ site.") || body.contains("{{ page.") {
        return Generator::Jekyll;
    }
    Generator::None
}

/// The site, as templates see it.
#[derive(Debug, Clone)]
pub struct SiteContext {
    /// The generator, when known from the site's own files ([`Generator::None`] otherwise).
    pub generator: Generator,
    /// The site's absolute base URL (ending in `/`).
    pub base_url: Url,
    /// Hugo's `params`, Jekyll's whole `_config.yml` (`site.*`), Zola's `extra`.
    pub params: Value,
    /// The data files (`data/`, `_data/`), as one object keyed by file name.
    pub data: Value,
    /// The site's and its themes' own shortcode names (their templates are not run).
    pub shortcodes: BTreeSet<String>,
    /// Every page, for internal links.
    pub pages: PageIndex,
    /// The site's root folder (Jekyll's `_includes/` lives there).
    pub site_root: PathBuf,
    /// The content folder (Hugo's `include` and Zola's `@/` are relative to it).
    pub content_dir: PathBuf,
    /// Each language's own content folder (Hugo `contentDir`), where a
    /// language has one: a page's `include` paths are relative to its own.
    pub language_content_dirs: Vec<PathBuf>,
    /// Whether a broken internal link (`@/…`) stops the build, as in Zola
    /// unless its `[link_checker] internal_level` is `"warn"`.
    pub broken_links_fatal: bool,
    /// `site` as a Liquid value, made once for every page that uses Liquid.
    pub(crate) liquid_site: std::sync::OnceLock<liquid_core::Value>,
}

impl SiteContext {
    /// A context with nothing but a base URL (tests, and sites with no configuration).
    pub fn new(base_url: Url) -> SiteContext {
        SiteContext {
            generator: Generator::None,
            base_url,
            params: Value::Object(Default::default()),
            data: Value::Object(Default::default()),
            shortcodes: BTreeSet::new(),
            pages: PageIndex::default(),
            site_root: PathBuf::new(),
            content_dir: PathBuf::new(),
            language_content_dirs: Vec::new(),
            broken_links_fatal: true,
            liquid_site: std::sync::OnceLock::new(),
        }
    }

    /// A site parameter by dotted key, case-insensitively (Hugo lower-cases them).
    pub fn param(&self, key: &str) -> Option<&Value> {
        lookup_dotted(&self.params, key)
    }
}

/// The page being rendered.
#[derive(Debug, Clone)]
pub struct PageContext<'a> {
    /// Its path under the content folder, with `/` separators (`blog/post.md`).
    pub rel_path: &'a str,
    /// Its absolute URL.
    pub permalink: &'a Url,
    /// Its whole front matter (an object; `Null` when it has none).
    pub front_matter: &'a Value,
    /// The file's line where the body begins, so warnings name file lines.
    pub first_line: usize,
}

impl PageContext<'_> {
    /// A front-matter parameter by dotted key, case-insensitively; Hugo also
    /// looks under `params`.
    pub fn param(&self, key: &str) -> Option<&Value> {
        lookup_dotted(self.front_matter, key).or_else(|| {
            self.front_matter
                .get("params")
                .and_then(|params| lookup_dotted(params, key))
        })
    }
}

/// `key.sub.subsub` in nested objects, each key matched case-insensitively.
pub(crate) fn lookup_dotted<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    key.split('.').try_fold(value, |value, part| {
        let object = value.as_object()?;
        object.get(part).or_else(|| {
            object
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(part))
                .map(|(_, v)| v)
        })
    })
}

/// A value as template output prints it (Go's `fmt` for lists: `[1 2]`).
pub(crate) fn value_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(value_text).collect::<Vec<_>>().join(" ")
        ),
        Value::Object(_) => value.to_string(),
    }
}

/// Every page of the site by its source path, for internal links.
#[derive(Debug, Clone, Default)]
pub struct PageIndex {
    /// Content-relative path (`blog/post.md`, `blog/b/index.md`) to permalink.
    by_path: HashMap<String, Url>,
    /// File base name without extension (bundles: the folder) to the paths that have it.
    by_name: HashMap<String, Vec<String>>,
    /// Where the content folder sits under the site root (`content`, `_posts`, ``).
    pub content_prefix: String,
}

impl PageIndex {
    /// An index whose content folder is `content_prefix` under the site root.
    pub fn new(content_prefix: &str) -> PageIndex {
        PageIndex {
            content_prefix: content_prefix.trim_matches('/').to_string(),
            ..PageIndex::default()
        }
    }

    /// Records the page at `rel_path` (content-relative, `/`-separated).
    pub fn insert(&mut self, rel_path: &str, permalink: Url) {
        let rel_path = rel_path.trim_start_matches('/').to_string();
        let name = page_name(&rel_path);
        self.by_name.entry(name).or_default().push(rel_path.clone());
        self.by_path.insert(rel_path, permalink);
    }

    /// The permalink of the page at exactly `rel_path`.
    pub fn get(&self, rel_path: &str) -> Option<&Url> {
        self.by_path.get(rel_path.trim_start_matches('/'))
    }

    /// The paths of the pages named `name` (file stem, or bundle folder).
    pub fn named(&self, name: &str) -> &[String] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every indexed path.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.by_path.keys().map(String::as_str)
    }

    /// How many pages are indexed.
    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    /// Whether no page is indexed.
    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }
}

/// A page's name: its file stem, or its bundle folder's name.
fn page_name(rel_path: &str) -> String {
    let mut parts = rel_path.rsplit('/');
    let file = parts.next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or(file);
    if stem == "index" || stem == "_index" {
        parts.next().unwrap_or("").to_string()
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_lookup_is_case_insensitive() {
        let v: Value = serde_json::json!({"Nested": {"Key": 3}, "plain": "x"});
        assert_eq!(lookup_dotted(&v, "nested.key"), Some(&serde_json::json!(3)));
        assert_eq!(lookup_dotted(&v, "PLAIN"), Some(&serde_json::json!("x")));
        assert_eq!(lookup_dotted(&v, "nope"), None);
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff("a.md", "{{< x >}}"), Generator::Hugo);
        assert_eq!(sniff("_posts/a.md", "{{ x }}"), Generator::Jekyll);
        assert_eq!(
            sniff("blog/a.md", "{{ note(text=\"x\") }}"),
            Generator::Zola
        );
        assert_eq!(sniff("blog/a.md", "{{ go template }}"), Generator::None);
    }

    #[test]
    fn page_names() {
        assert_eq!(page_name("blog/b/index.md"), "b");
        assert_eq!(page_name("docs/_index.md"), "docs");
        assert_eq!(page_name("x/c.md"), "c");
        assert_eq!(page_name("hello.fr.md"), "hello");
    }
}
