//! Jekyll's configuration (jekyll 4.3.1 `lib/jekyll/configuration.rb`:
//! `_config.yml`, else `_config.yaml`, else `_config.toml`, deep-merged over
//! `DEFAULTS`), and jekyll-feed 0.17.0's `feed` settings.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::load::{load_file, scalar_text, Get, KeyCase};
use super::{
    language_tag, AuthorSettings, Generator, GeneratorRules, LanguageSettings, SiteSettings,
    Taxonomy,
};
use crate::error::Result;

/// Where Jekyll looks for its configuration, in order.
pub const CONFIG_FILE_NAMES: [&str; 3] = ["_config.yml", "_config.yaml", "_config.toml"];

/// `Configuration::DEFAULT_EXCLUDES`, always excluded besides the site's own `exclude`.
const DEFAULT_EXCLUDES: [&str; 10] = [
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
];

/// A collection (`collections:`), posts included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// The label: the folder is `_<label>`.
    pub label: String,
    /// `output: true`: its documents are written (and so in the sitemap).
    pub output: bool,
    /// The collection's own `permalink` template.
    pub permalink: Option<String>,
}

/// One set of `defaults:` (front matter defaults by path and type).
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatterDefault {
    /// `scope.path`, without a leading `/` (`""` is everywhere).
    pub path: String,
    /// `scope.type` (`posts`, `pages`, a collection label), singulars made plural.
    pub kind: Option<String>,
    /// `values`.
    pub values: Map<String, Value>,
}

/// The settings Jekyll's URL and content rules read.
#[derive(Debug, Clone, PartialEq)]
pub struct JekyllRules {
    /// `permalink`, as written: a style name (`date`, `pretty`, `ordinal`,
    /// `weekdate`, `none`) or a template.
    pub permalink: String,
    /// `collections` (posts first, always there).
    pub collections: Vec<Collection>,
    /// `collections_dir`.
    pub collections_dir: String,
    /// `defaults`.
    pub defaults: Vec<FrontMatterDefault>,
    /// `exclude`, with Jekyll's default excludes.
    pub exclude: Vec<String>,
    /// `include`.
    pub include: Vec<String>,
    /// `markdown_ext`, lower-cased, without dots.
    pub markdown_ext: Vec<String>,
    /// `future`: posts dated after now are published.
    pub future: bool,
    /// `show_drafts`: `_drafts` are read.
    pub show_drafts: bool,
    /// `unpublished`: `published: false` documents are kept.
    pub unpublished: bool,
    /// `limit_posts` (0: all).
    pub limit_posts: usize,
    /// `baseurl`, without a trailing `/` (`""` for none).
    pub baseurl: String,
    /// jekyll-feed `feed.path` (`feed.xml`).
    pub feed_path: String,
    /// jekyll-feed `feed.categories`: the categories with their own feed.
    pub feed_categories: Vec<String>,
}

impl Default for JekyllRules {
    fn default() -> Self {
        JekyllRules {
            permalink: "date".into(),
            collections: vec![Collection {
                label: "posts".into(),
                output: true,
                permalink: None,
            }],
            collections_dir: String::new(),
            defaults: Vec::new(),
            exclude: DEFAULT_EXCLUDES.iter().map(|s| (*s).to_string()).collect(),
            include: vec![".htaccess".into()],
            markdown_ext: "markdown,mkdown,mkdn,mkd,md"
                .split(',')
                .map(str::to_string)
                .collect(),
            future: false,
            show_drafts: false,
            unpublished: false,
            limit_posts: 0,
            baseurl: String::new(),
            feed_path: "feed.xml".into(),
            feed_categories: Vec::new(),
        }
    }
}

/// Reads the Jekyll site in `root`.
pub fn read(root: &Path) -> Result<SiteSettings> {
    let name = CONFIG_FILE_NAMES
        .iter()
        .find(|n| root.join(n).is_file())
        .copied()
        .unwrap_or(CONFIG_FILE_NAMES[0]);
    let path = root.join(name);
    let (config, mut warnings) = if path.is_file() {
        let loaded = load_file(&path, KeyCase::AsWritten)?;
        let warnings = loaded
            .duplicate_keys
            .iter()
            .map(|k| format!("{name}: `{k}` is set twice; the last one is used, as Jekyll does"))
            .collect();
        (loaded.value, warnings)
    } else {
        (Value::Object(Map::new()), Vec::new())
    };
    let mut rules = JekyllRules::default();
    if let Some(permalink) = config.text("permalink") {
        rules.permalink = permalink;
    }
    match config.at("collections") {
        Some(Value::Object(map)) => {
            for (label, value) in map {
                let collection = Collection {
                    label: label.clone(),
                    output: value.flag("output").unwrap_or(label == "posts"),
                    permalink: value.text("permalink"),
                };
                match rules.collections.iter_mut().find(|c| c.label == *label) {
                    // Posts are always written.
                    Some(posts) => posts.permalink = collection.permalink,
                    None => rules.collections.push(collection),
                }
            }
        }
        Some(Value::Array(labels)) => {
            for label in labels.iter().filter_map(scalar_text) {
                if label != "posts" {
                    rules.collections.push(Collection {
                        label,
                        output: false,
                        permalink: None,
                    });
                }
            }
        }
        _ => {}
    }
    rules.collections_dir = config
        .text("collections_dir")
        .unwrap_or_default()
        .trim_matches('/')
        .to_string();
    rules.defaults = read_defaults(config.at("defaults"));
    rules
        .exclude
        .extend(config.texts("exclude").unwrap_or_default());
    rules
        .include
        .extend(config.texts("include").unwrap_or_default());
    if let Some(extensions) = config.text("markdown_ext") {
        rules.markdown_ext = extensions
            .split(',')
            .map(|e| e.trim().trim_start_matches('.').to_ascii_lowercase())
            .filter(|e| !e.is_empty())
            .collect();
    }
    rules.future = config.flag("future").unwrap_or(false);
    rules.show_drafts = config.flag("show_drafts").unwrap_or(false);
    rules.unpublished = config.flag("unpublished").unwrap_or(false);
    rules.limit_posts = config.number("limit_posts").unwrap_or(0).max(0) as usize;
    rules.baseurl = config
        .text("baseurl")
        .unwrap_or_default()
        .trim_end_matches('/')
        .to_string();
    if let Some(path) = config
        .text("feed.path")
        .or_else(|| config.text("feed.collections.posts.path"))
    {
        rules.feed_path = path.trim_start_matches('/').to_string();
    }
    rules.feed_categories = config.texts("feed.categories").unwrap_or_default();

    let base_url = config.text("url").map(|url| {
        let url = url.trim_end_matches('/');
        format!("{url}{}/", rules.baseurl)
    });
    let author = match config.at("author") {
        Some(Value::Object(map)) => {
            map.get("name")
                .and_then(scalar_text)
                .map(|name| AuthorSettings {
                    name,
                    email: map.get("email").and_then(scalar_text),
                })
        }
        Some(other) => scalar_text(other).map(|name| AuthorSettings { name, email: None }),
        None => None,
    };
    let default_language = config
        .text("default_lang")
        .or_else(|| config.text("lang"))
        .unwrap_or_else(|| "en".to_string());
    let mut codes = vec![default_language.clone()];
    for code in config
        .texts("languages")
        .unwrap_or_default()
        .into_iter()
        .chain(language_folders(root))
    {
        if !codes.iter().any(|c| c.eq_ignore_ascii_case(&code)) {
            codes.push(code);
        }
    }
    let languages = codes
        .into_iter()
        .map(|code| LanguageSettings {
            language_code: language_tag(&code),
            code,
            feeds: true,
            ..Default::default()
        })
        .collect();
    let data_dir = root.join(config.text("data_dir").unwrap_or_else(|| "_data".into()));
    if rules.limit_posts > 0 {
        warnings.push(format!(
            "{name}: limit_posts is {}: only the newest {} posts are read, as Jekyll does",
            rules.limit_posts, rules.limit_posts
        ));
    }
    let posts_limit = config
        .number("feed.posts_limit")
        .filter(|n| *n > 0)
        .map_or(10, |n| n as usize);
    Ok(SiteSettings {
        generator: Generator::Jekyll,
        files: vec![PathBuf::from(name)],
        root: root.to_path_buf(),
        base_url,
        title: config.text("title").or_else(|| config.text("name")),
        description: config.text("description"),
        author,
        timezone: config.text("timezone"),
        content_dir: PathBuf::from(config.text("source").unwrap_or_else(|| ".".into())),
        out_dir: PathBuf::from(config.text("destination").unwrap_or_else(|| "_site".into())),
        languages,
        default_language_in_subdir: false,
        taxonomies: vec![
            Taxonomy::new("tags", Some("tag"), false),
            Taxonomy::new("categories", Some("category"), false),
        ],
        feed_sections: None,
        feed_limit: Some(posts_limit),
        params: config.clone(),
        raw: config,
        data_dir: data_dir.is_dir().then_some(data_dir),
        rules: GeneratorRules::Jekyll(rules),
        warnings,
    })
}

/// The site's language folders: top-level folders named after a language
/// (`fr`, `pt-br`) that hold posts (`fr/_posts`, `fr/news/_posts`), as
/// sites in several languages lay Jekyll out.
fn language_folders(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut found: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| crate::content::discover::is_language_code(name))
        .filter(|name| {
            let dir = root.join(name);
            dir.join("_posts").is_dir()
                || std::fs::read_dir(&dir).is_ok_and(|inner| {
                    inner
                        .filter_map(Result::ok)
                        .any(|e| e.path().join("_posts").is_dir())
                })
        })
        .collect();
    found.sort();
    found
}

/// `defaults:`, each set's scope and values.
fn read_defaults(value: Option<&Value>) -> Vec<FrontMatterDefault> {
    let Some(Value::Array(sets)) = value else {
        return Vec::new();
    };
    sets.iter()
        .filter_map(|set| {
            let values = set.at("values")?.as_object()?.clone();
            let kind = set.text("scope.type").map(|kind| match kind.as_str() {
                "post" => "posts".to_string(),
                "page" => "pages".to_string(),
                "draft" => "drafts".to_string(),
                _ => kind,
            });
            Some(FrontMatterDefault {
                path: set
                    .text("scope.path")
                    .unwrap_or_default()
                    .trim_start_matches('/')
                    .to_string(),
                kind,
                values,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_settings_jekyll_uses() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("_config.yml"),
            "url: https://brew.sh\nbaseurl: /blog/\ntitle: Homebrew\npermalink: \":title\"\ntimezone: America/Los_Angeles\nauthor:\n  name: Mike\ncollections:\n  docs:\n    output: true\n    permalink: /:collection/:path/\ndefaults:\n  - scope: {path: \"\", type: post}\n    values: {layout: post}\nfeed:\n  path: atom.xml\n  posts_limit: 100\nexclude: [README.md]\nredirect_from: a\nredirect_from: b\n",
        )
        .unwrap();
        let s = read(dir.path()).unwrap();
        assert_eq!(s.base_url.as_deref(), Some("https://brew.sh/blog/"));
        assert_eq!(s.title.as_deref(), Some("Homebrew"));
        assert_eq!(s.author.as_ref().map(|a| a.name.as_str()), Some("Mike"));
        assert_eq!(s.feed_limit, Some(100));
        assert_eq!(s.out_dir, PathBuf::from("_site"));
        assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
        let GeneratorRules::Jekyll(rules) = &s.rules else {
            panic!()
        };
        assert_eq!(rules.permalink, ":title");
        assert_eq!(rules.collections.len(), 2);
        assert_eq!(rules.defaults[0].kind.as_deref(), Some("posts"));
        assert_eq!(rules.feed_path, "atom.xml");
        assert!(rules.exclude.contains(&"README.md".to_string()));
        assert!(rules.exclude.contains(&"node_modules".to_string()));
    }
}
