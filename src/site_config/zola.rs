//! Zola's configuration (`components/config/src/config/mod.rs` in
//! getzola/zola 0.22): `zola.toml`, else `config.toml`. The feed settings are
//! read under both their 0.19+ names (`generate_feeds`, `feed_filenames`) and
//! their older ones (`generate_feed`, `feed_filename`, `generate_rss`).

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::load::{load_file, Get, KeyCase};
use super::{
    language_tag, AuthorSettings, Generator, GeneratorRules, LanguageSettings, SiteSettings,
    Taxonomy,
};
use crate::content::slug::zola::SlugifyMode;
use crate::error::{Error, Result};

/// The settings Zola's URL, content and feed rules read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ZolaRules {
    /// `slugify.paths`.
    pub slugify_paths: SlugifyMode,
    /// `slugify.taxonomies`.
    pub slugify_taxonomies: SlugifyMode,
    /// `slugify.paths_keep_dates`.
    pub paths_keep_dates: bool,
    /// Top-level `generate_feeds`: the default language's site feed.
    pub generate_feeds: bool,
    /// Top-level `feed_filenames`.
    pub feed_filenames: Vec<String>,
    /// `ignored_content` globs, matched against each file's absolute path.
    pub ignored_content: Vec<String>,
    /// `taxonomy_root` (0.22+): a segment before every taxonomy path.
    pub taxonomy_root: Option<String>,
}

/// Whether a `config.toml` is Zola's: it sets `base_url`, which Zola requires
/// and Hugo does not know (Hugo's is `baseURL`).
pub fn looks_like_zola(text: &str) -> bool {
    let Ok(table) = text.parse::<toml::Table>() else {
        return false;
    };
    table.contains_key("base_url") && !table.keys().any(|k| k.eq_ignore_ascii_case("baseurl"))
}

/// The feed switch under its names since 0.19, 0.11 and before.
fn generate_feeds(table: &Value) -> Option<bool> {
    table
        .flag("generate_feeds")
        .or_else(|| table.flag("generate_feed"))
        .or_else(|| table.flag("generate_rss"))
}

/// The feed file names under their names since 0.19 and before.
fn feed_filenames(table: &Value) -> Option<Vec<String>> {
    table
        .texts("feed_filenames")
        .or_else(|| table.texts("feed_filename"))
}

/// `taxonomies = [{name, feed}]`.
fn taxonomies(value: Option<&Value>) -> Vec<Taxonomy> {
    let Some(Value::Array(items)) = value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            Some(Taxonomy::new(
                &item.text("name")?,
                None,
                item.flag("feed")
                    .or_else(|| item.flag("rss"))
                    .unwrap_or(false),
            ))
        })
        .collect()
}

/// Reads the Zola site in `root`.
pub fn read(root: &Path) -> Result<SiteSettings> {
    let name = if root.join("zola.toml").is_file() {
        "zola.toml"
    } else {
        "config.toml"
    };
    let path = root.join(name);
    let config = load_file(&path, KeyCase::AsWritten)?.value;
    let mode = |key: &str| -> Result<SlugifyMode> {
        config
            .text(key)
            .map(|m| {
                m.parse()
                    .map_err(|message| Error::config(&path, None, format!("{key}: {message}")))
            })
            .transpose()
            .map(Option::unwrap_or_default)
    };
    let rules = ZolaRules {
        slugify_paths: mode("slugify.paths")?,
        slugify_taxonomies: mode("slugify.taxonomies")?,
        paths_keep_dates: config.flag("slugify.paths_keep_dates").unwrap_or(false),
        generate_feeds: generate_feeds(&config).unwrap_or(false),
        feed_filenames: feed_filenames(&config).unwrap_or_else(|| vec!["atom.xml".into()]),
        ignored_content: config.texts("ignored_content").unwrap_or_default(),
        taxonomy_root: config
            .text("taxonomy_root")
            .map(|r| r.trim_matches('/').to_string())
            .filter(|r| !r.is_empty()),
    };
    let default_language = config
        .text("default_language")
        .unwrap_or_else(|| "en".to_string());
    let mut all_taxonomies = taxonomies(config.at("taxonomies"));
    let mut languages = vec![LanguageSettings {
        code: default_language.clone(),
        language_code: language_tag(&default_language),
        feeds: rules.generate_feeds,
        feed_filenames: rules.feed_filenames.clone(),
        ..Default::default()
    }];
    if let Some(table) = config.at("languages").and_then(Value::as_object) {
        for (code, value) in table {
            for taxonomy in taxonomies(value.at("taxonomies")) {
                if !all_taxonomies.iter().any(|t| t.name == taxonomy.name) {
                    all_taxonomies.push(taxonomy);
                }
            }
            let language = LanguageSettings {
                code: code.clone(),
                title: value.text("title"),
                description: value.text("description"),
                language_code: language_tag(code),
                // `[languages.<default>] generate_feeds` does not make the site feed.
                feeds: generate_feeds(value).unwrap_or(false),
                feed_filenames: feed_filenames(value).unwrap_or_else(|| vec!["atom.xml".into()]),
                ..Default::default()
            };
            if *code == default_language {
                let default = &mut languages[0];
                default.title = language.title;
                default.description = language.description;
            } else {
                languages.push(language);
            }
        }
    }
    Ok(SiteSettings {
        generator: Generator::Zola,
        files: vec![PathBuf::from(name)],
        root: root.to_path_buf(),
        base_url: config.text("base_url"),
        title: config.text("title").or_else(|| languages[0].title.clone()),
        description: config
            .text("description")
            .or_else(|| languages[0].description.clone()),
        author: config
            .text("author")
            .map(|name| AuthorSettings { name, email: None }),
        timezone: None,
        content_dir: PathBuf::from("content"),
        out_dir: PathBuf::from(config.text("output_dir").unwrap_or_else(|| "public".into())),
        languages,
        default_language_in_subdir: false,
        taxonomies: all_taxonomies,
        feed_sections: None,
        feed_limit: config
            .number("feed_limit")
            .or_else(|| config.number("rss_limit"))
            .filter(|n| *n > 0)
            .map(|n| n as usize),
        params: config
            .at("extra")
            .cloned()
            .unwrap_or_else(|| Value::Object(Default::default())),
        raw: config,
        data_dir: None,
        rules: GeneratorRules::Zola(rules),
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_languages_taxonomies_and_feeds() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "base_url = 'https://example.com'\ntitle = 'Scratch'\ngenerate_feeds = true\nfeed_filenames = ['atom.xml', 'rss.xml']\ntaxonomies = [{name = 'tags', feed = true}, {name = 'Podcast Authors', feed = true}]\n[slugify]\npaths = 'safe'\n[languages.fr]\ngenerate_feeds = true\ntaxonomies = [{name = 'tags', feed = true}]\n[extra]\nfull_content_in_feed = true\n",
        )
        .unwrap();
        let s = read(dir.path()).unwrap();
        assert_eq!(s.generator, Generator::Zola);
        assert_eq!(s.base_url.as_deref(), Some("https://example.com"));
        assert_eq!(s.languages.len(), 2);
        assert_eq!(s.languages[1].feed_filenames, vec!["atom.xml".to_string()]);
        assert!(s.languages[1].feeds);
        assert_eq!(s.taxonomies.len(), 2);
        assert_eq!(s.params.flag("full_content_in_feed"), Some(true));
        let GeneratorRules::Zola(rules) = &s.rules else {
            panic!()
        };
        assert_eq!(rules.slugify_paths, SlugifyMode::Safe);
        assert_eq!(rules.feed_filenames.len(), 2);
    }
}
