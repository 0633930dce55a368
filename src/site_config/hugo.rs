//! Hugo's configuration, loaded and merged as Hugo loads it
//! (`config/allconfig/load.go` `loadConfigMain`; 0.111.3
//! `hugolib/config.go` `LoadConfig`, `config/configLoader.go`): the first of
//! `hugo.{toml,yaml,yml,json}`, `config.{toml,yaml,yml,json}`, then
//! `config/_default/` and `config/production/` deep-merged over it; keys
//! case-insensitive; defaults from `applyConfigDefaults`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::load::{load_file, merge, scalar_text, Get, KeyCase};
use super::{
    language_tag, AuthorSettings, Generator, GeneratorRules, LanguageSettings, SiteSettings,
    Taxonomy,
};
use crate::content::slug::hugo::PathOptions;
use crate::error::{Error, Result};

/// The root config files Hugo tries, in order; the first found is the only one read.
pub const ROOT_FILE_NAMES: [&str; 8] = [
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
];

/// Whether a `config.*` file is Hugo's: it sets a key only Hugo reads
/// (`baseURL`, `theme`, `languageCode`, `defaultContentLanguage`,
/// `permalinks`, `params`, `taxonomies`, `languages`, `contentDir`).
pub(crate) fn looks_like_hugo(path: &Path) -> bool {
    const KEYS: [&str; 9] = [
        "baseurl",
        "theme",
        "languagecode",
        "defaultcontentlanguage",
        "permalinks",
        "params",
        "taxonomies",
        "languages",
        "contentdir",
    ];
    load_file(path, KeyCase::Lower).is_ok_and(|loaded| {
        loaded
            .value
            .as_object()
            .is_some_and(|table| KEYS.iter().any(|k| table.contains_key(*k)))
    })
}

/// The environment `hugo` (the build command) uses for `config/<environment>/`.
const ENVIRONMENT: &str = "production";

/// Hugo's `uglyURLs`: for every section, or per section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UglyUrls {
    /// `uglyURLs = true|false`.
    All(bool),
    /// `[uglyURLs] post = true`: by first section (lower-cased).
    Sections(BTreeMap<String, bool>),
}

impl Default for UglyUrls {
    fn default() -> Self {
        UglyUrls::All(false)
    }
}

impl UglyUrls {
    /// Whether pages of the first section `section` get `name.html` URLs.
    pub fn for_section(&self, section: &str) -> bool {
        match self {
            UglyUrls::All(all) => *all,
            UglyUrls::Sections(map) => map.get(&section.to_lowercase()).copied().unwrap_or(false),
        }
    }
}

/// Where a page's `.Date` may come from (`[frontmatter] date`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateSource {
    /// A front-matter key (`date`, `publishdate`, `pubdate`, `published`, `lastmod`, `modified`).
    Key(String),
    /// `:filename`: a `YYYY-MM-DD` prefix of the file (or bundle) name, the rest the slug.
    Filename,
}

/// The front-matter keys feedwright reads for dates (Hugo's default chain).
pub const DATE_KEYS: [&str; 6] = [
    "date",
    "publishdate",
    "pubdate",
    "published",
    "lastmod",
    "modified",
];

/// The settings Hugo's URL, date and content rules read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HugoRules {
    /// Permalink patterns of regular pages, by first section (`""` for root pages).
    pub permalinks: BTreeMap<String, String>,
    /// Permalink patterns of taxonomy terms, by taxonomy.
    pub term_permalinks: BTreeMap<String, String>,
    /// `uglyURLs`.
    pub ugly_urls: UglyUrls,
    /// `removePathAccents` and `disablePathToLower`.
    pub path: PathOptions,
    /// `[frontmatter] date`: where `.Date` comes from, first found wins.
    pub date_sources: Vec<DateSource>,
    /// `ignoreFiles`: regular expressions matched against each content file's absolute path.
    pub ignore_files: Vec<String>,
    /// `disableKinds`, lower-cased.
    pub disable_kinds: Vec<String>,
    /// `buildDrafts`, `buildFuture`, `buildExpired`.
    pub build_drafts: bool,
    /// `buildFuture`.
    pub build_future: bool,
    /// `buildExpired`.
    pub build_expired: bool,
    /// `outputFormats.rss.baseName`: the RSS file's name without `.xml` (`index`).
    pub rss_base_name: String,
}

/// Reads the Hugo site in `root`.
pub fn read(root: &Path) -> Result<SiteSettings> {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let mut config = Value::Object(Default::default());
    if let Some(name) = ROOT_FILE_NAMES.iter().find(|n| root.join(n).is_file()) {
        let loaded = load_file(&root.join(name), KeyCase::Lower)?;
        warn_duplicates(name, &loaded.duplicate_keys, &mut warnings);
        merge(&mut config, loaded.value);
        files.push(PathBuf::from(name));
    }
    for environment in ["_default", ENVIRONMENT] {
        let dir = PathBuf::from("config").join(environment);
        if root.join(&dir).is_dir() {
            read_config_dir(root, &dir, &mut config, &mut files, &mut warnings)?;
        }
    }
    settings_from(root, config, files, warnings)
}

fn warn_duplicates(file: &str, keys: &[String], warnings: &mut Vec<String>) {
    for key in keys {
        warnings.push(format!(
            "{file}: `{key}` is set twice; the last one is used"
        ));
    }
}

/// `config/<env>/`: files named `hugo`/`config` merge at the root, `X.toml`
/// under key `X` (`menu` is `menus`), `X.LANG.toml` into language `LANG`.
fn read_config_dir(
    root: &Path,
    dir: &Path,
    config: &mut Value,
    files: &mut Vec<PathBuf>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
        .map_err(|e| Error::io(root.join(dir), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let relative = dir.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            read_config_dir(root, &relative, config, files, warnings)?;
            continue;
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !matches!(extension.as_str(), "toml" | "yaml" | "yml" | "json") {
            continue;
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_lowercase();
        let loaded = load_file(&path, KeyCase::Lower)?;
        warn_duplicates(
            &relative.display().to_string(),
            &loaded.duplicate_keys,
            warnings,
        );
        let value = match stem.split_once('.') {
            _ if stem == "hugo" || stem == "config" => loaded.value,
            Some((name, language)) => {
                let name = if name == "menu" { "menus" } else { name };
                let inner = if matches!(name, "params" | "menus") {
                    wrap(name, loaded.value)
                } else {
                    loaded.value
                };
                wrap("languages", wrap(language, inner))
            }
            None => wrap(if stem == "menu" { "menus" } else { &stem }, loaded.value),
        };
        merge(config, value);
        files.push(relative);
    }
    Ok(())
}

fn wrap(key: &str, value: Value) -> Value {
    let mut map = serde_json::Map::new();
    map.insert(key.to_string(), value);
    Value::Object(map)
}

/// The string-to-string table at `key` (pattern tables), keys trimmed of ` ` and `/`.
fn patterns(table: Option<&Value>) -> BTreeMap<String, String> {
    table
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(key, value)| {
            let pattern = value.as_str()?;
            Some((
                key.trim_matches([' ', '/']).to_string(),
                pattern.to_string(),
            ))
        })
        .collect()
}

/// `[permalinks]`, in the old flat form (`post = …`, for pages and terms) or
/// the kind form (`[permalinks.page]`, `[permalinks.term]`, Hugo 0.115+).
fn read_permalinks(value: Option<&Value>) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let Some(table) = value.and_then(Value::as_object) else {
        return Default::default();
    };
    let kinds = ["page", "section", "taxonomy", "term", "home"];
    let kind_form = table
        .iter()
        .any(|(key, value)| kinds.contains(&key.as_str()) && value.is_object());
    if kind_form {
        let mut pages = patterns(table.get("page"));
        let mut terms = patterns(table.get("term"));
        // Flat keys beside the kind tables still mean pages and terms.
        for (key, value) in table {
            if let (false, Some(pattern)) = (kinds.contains(&key.as_str()), value.as_str()) {
                let key = key.trim_matches([' ', '/']).to_string();
                pages
                    .entry(key.clone())
                    .or_insert_with(|| pattern.to_string());
                terms.entry(key).or_insert_with(|| pattern.to_string());
            }
        }
        (pages, terms)
    } else {
        let flat = patterns(value);
        (flat.clone(), flat)
    }
}

/// `[frontmatter] date`: the chain of date sources, `:default` expanded.
fn read_date_sources(config: &Value) -> Result<Vec<DateSource>, String> {
    let Some(chain) = config.texts("frontmatter.date") else {
        return Ok(default_date_sources());
    };
    let mut sources = Vec::new();
    for entry in chain {
        let entry = entry.to_lowercase();
        match entry.as_str() {
            ":default" => sources.extend(default_date_sources()),
            ":filename" => sources.push(DateSource::Filename),
            ":filemodtime" | ":git" => {
                return Err(format!(
                    "[frontmatter] date uses `{entry}`, a date that is not in the content itself (the file's modification time, or Git's author date); feedwright builds the same feed from the same files anywhere, so it does not read it: write `date` in the front matter, or set `date = [\":filename\", \":default\"]`"
                ))
            }
            key if DATE_KEYS.contains(&key) => sources.push(DateSource::Key(key.to_string())),
            other => {
                return Err(format!(
                    "[frontmatter] date names the front-matter key `{other}`, which feedwright does not read; use {}",
                    DATE_KEYS.join(", ")
                ))
            }
        }
    }
    Ok(sources)
}

/// Hugo's default chain for `.Date`.
pub fn default_date_sources() -> Vec<DateSource> {
    DATE_KEYS
        .iter()
        .map(|k| DateSource::Key((*k).to_string()))
        .collect()
}

/// A string, or a table's `name` and `email` (Hugo `params.author`, top-level `author`).
fn read_author(value: Option<&Value>) -> Option<AuthorSettings> {
    match value? {
        Value::Object(map) => {
            let name = map.get("name").and_then(scalar_text)?;
            Some(AuthorSettings {
                name,
                email: map.get("email").and_then(scalar_text),
            })
        }
        Value::Array(items) => read_author(items.first()),
        other => scalar_text(other).map(|name| AuthorSettings { name, email: None }),
    }
}

fn settings_from(
    root: &Path,
    config: Value,
    files: Vec<PathBuf>,
    mut warnings: Vec<String>,
) -> Result<SiteSettings> {
    let config_path = files
        .first()
        .map(|f| root.join(f))
        .unwrap_or_else(|| root.join("config/_default"));
    let config_error = |message: String| Error::config(&config_path, None, message);
    let default_language = config
        .text("defaultcontentlanguage")
        .map(|l| l.to_lowercase())
        .unwrap_or_else(|| "en".to_string());
    let languages = read_languages(&config, &default_language).map_err(config_error)?;
    let taxonomies = match config.at("taxonomies").and_then(Value::as_object) {
        Some(table) => table
            .iter()
            .filter_map(|(singular, plural)| {
                Some(Taxonomy::new(&scalar_text(plural)?, Some(singular), true))
            })
            .collect(),
        None => vec![
            Taxonomy::new("tags", Some("tag"), true),
            Taxonomy::new("categories", Some("category"), true),
        ],
    };
    let (permalinks, term_permalinks) = read_permalinks(config.at("permalinks"));
    let ugly_urls = match config.at("uglyurls") {
        Some(Value::Object(map)) => UglyUrls::Sections(
            map.iter()
                .filter_map(|(k, v)| Some((k.to_lowercase(), v.as_bool()?)))
                .collect(),
        ),
        _ => UglyUrls::All(config.flag("uglyurls").unwrap_or(false)),
    };
    let limit = [
        config.number("services.rss.limit"),
        config.number("rsslimit"),
    ]
    .into_iter()
    .flatten()
    .find(|n| *n >= 1)
    .map(|n| n as usize);
    let rules = HugoRules {
        permalinks,
        term_permalinks,
        ugly_urls,
        path: PathOptions {
            remove_accents: config.flag("removepathaccents").unwrap_or(false),
            disable_lower: config.flag("disablepathtolower").unwrap_or(false),
        },
        date_sources: read_date_sources(&config).map_err(config_error)?,
        ignore_files: config.texts("ignorefiles").unwrap_or_default(),
        disable_kinds: config
            .texts("disablekinds")
            .unwrap_or_default()
            .into_iter()
            .map(|k| k.to_lowercase())
            .collect(),
        build_drafts: config.flag("builddrafts").unwrap_or(false),
        build_future: config.flag("buildfuture").unwrap_or(false),
        build_expired: config.flag("buildexpired").unwrap_or(false),
        rss_base_name: config
            .text("outputformats.rss.basename")
            .unwrap_or_else(|| "index".to_string()),
    };
    if config.at("frontmatter.lastmod").is_some() || config.at("frontmatter.publishdate").is_some()
    {
        warnings.push(
            "[frontmatter] lastmod and publishDate chains are not followed; feedwright reads Hugo's default keys for them"
                .into(),
        );
    }
    let data_dir = root.join("data");
    Ok(SiteSettings {
        generator: Generator::Hugo,
        files,
        root: root.to_path_buf(),
        base_url: config.text("baseurl"),
        title: config.text("title"),
        description: config.text("params.description"),
        author: read_author(config.at("params.author"))
            .or_else(|| read_author(config.at("author"))),
        timezone: config.text("timezone"),
        content_dir: config
            .text("contentdir")
            .map_or_else(|| PathBuf::from("content"), PathBuf::from),
        out_dir: config
            .text("publishdir")
            .map_or_else(|| PathBuf::from("public"), PathBuf::from),
        languages,
        default_language_in_subdir: config
            .flag("defaultcontentlanguageinsubdir")
            .unwrap_or(false),
        taxonomies,
        feed_sections: config.texts("params.mainsections"),
        feed_limit: limit,
        params: config
            .at("params")
            .cloned()
            .unwrap_or_else(|| Value::Object(Default::default())),
        data_dir: data_dir.is_dir().then_some(data_dir),
        rules: GeneratorRules::Hugo(rules),
        raw: config,
        warnings,
    })
}

/// `[languages]` (or the one default language), the default first, then by
/// weight and code; `disabled` languages and `disableLanguages` left out.
fn read_languages(config: &Value, default: &str) -> Result<Vec<LanguageSettings>, String> {
    let site_code = config.text("languagecode");
    let disabled: Vec<String> = config
        .texts("disablelanguages")
        .unwrap_or_default()
        .into_iter()
        .map(|l| l.to_lowercase())
        .collect();
    let Some(table) = config.at("languages").and_then(Value::as_object) else {
        return Ok(vec![LanguageSettings {
            code: default.to_string(),
            language_code: site_code.or_else(|| language_tag(default)),
            feeds: true,
            ..Default::default()
        }]);
    };
    let mut languages: Vec<LanguageSettings> = table
        .iter()
        .filter(|(code, value)| !disabled.contains(code) && value.flag("disabled") != Some(true))
        .map(|(code, value)| LanguageSettings {
            code: code.clone(),
            title: value.text("title"),
            description: value
                .text("params.description")
                .or(value.text("description")),
            language_code: value
                .text("languagecode")
                .or_else(|| (code == default).then(|| site_code.clone()).flatten())
                .or_else(|| language_tag(code)),
            content_dir: value.text("contentdir").map(PathBuf::from),
            timezone: value.text("timezone"),
            permalinks: read_permalinks(value.at("permalinks")).0,
            feeds: true,
            feed_filenames: Vec::new(),
            weight: value.number("weight").unwrap_or(0),
        })
        .collect();
    if !languages.iter().any(|l| l.code == default) {
        return Err(format!(
            "defaultContentLanguage `{default}` does not match any language in [languages] ({}); Hugo refuses this too",
            languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    // Hugo sorts by weight, a weight of 0 last, then by code.
    languages.sort_by(|a, b| {
        (a.code != default)
            .cmp(&(b.code != default))
            .then_with(|| (a.weight == 0).cmp(&(b.weight == 0)))
            .then_with(|| a.weight.cmp(&b.weight))
            .then_with(|| a.code.cmp(&b.code))
    });
    Ok(languages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn rules(settings: &SiteSettings) -> &HugoRules {
        match &settings.rules {
            GeneratorRules::Hugo(rules) => rules,
            other => panic!("{other:?}"),
        }
    }

    /// notes §1.1: the first root file alone; config/_default overrides it, deeply.
    #[test]
    fn files_merge_as_hugo_merges_them() {
        let dir = site(&[
            ("hugo.toml", "baseURL = 'https://example.org/'\ntitle = 'root'\n[params]\nrootonly = 1\nshared = 1\n"),
            ("config.toml", "[params]\nignored = 1\n"),
            ("config/_default/hugo.toml", "title = 'default dir'\n"),
            ("config/_default/params.toml", "shared = 2\nmainSections = ['posts']\n"),
            ("config/_default/languages.toml", "[en]\nweight = 1\n[fr]\nweight = 2\ntitle = 'Le site'\n"),
            ("config/_default/params.fr.toml", "x = 1\n"),
            ("config/production/permalinks.toml", "posts = '/:year/:slug/'\n"),
        ]);
        let s = read(dir.path()).unwrap();
        assert_eq!(s.title.as_deref(), Some("default dir"));
        assert_eq!(s.params.number("rootonly"), Some(1));
        assert_eq!(s.params.number("shared"), Some(2));
        assert_eq!(s.params.at("ignored"), None);
        assert_eq!(s.feed_sections, Some(vec!["posts".to_string()]));
        assert_eq!(
            s.languages
                .iter()
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>(),
            ["en", "fr"]
        );
        assert_eq!(s.languages[1].title.as_deref(), Some("Le site"));
        assert_eq!(s.raw.number("languages.fr.params.x"), Some(1));
        assert_eq!(rules(&s).permalinks["posts"], "/:year/:slug/");
        assert_eq!(s.files[0], PathBuf::from("hugo.toml"));
        assert_eq!(s.files.len(), 6);
    }

    #[test]
    fn defaults_and_replaced_taxonomies() {
        let dir = site(&[(
            "config.yaml",
            "BaseURL: https://x.org/\nTaxonomies:\n  author: Authors\n",
        )]);
        let s = read(dir.path()).unwrap();
        assert_eq!(s.base_url.as_deref(), Some("https://x.org/"));
        assert_eq!(
            s.taxonomies,
            vec![Taxonomy::new("Authors", Some("author"), true)]
        );
        assert_eq!(s.content_dir, PathBuf::from("content"));
        assert_eq!(s.out_dir, PathBuf::from("public"));
        assert_eq!(s.languages[0].code, "en");
        assert_eq!(rules(&s).date_sources, default_date_sources());
    }

    #[test]
    fn kind_form_permalinks_and_date_sources() {
        let dir = site(&[(
            "hugo.toml",
            "[permalinks.page]\nposts = '/p/:slug/'\n[permalinks.term]\ntags = '/t/:slug/'\n[frontmatter]\ndate = [':filename', ':default']\n[services.rss]\nlimit = 3\n",
        )]);
        let s = read(dir.path()).unwrap();
        let r = rules(&s);
        assert_eq!(r.permalinks["posts"], "/p/:slug/");
        assert_eq!(r.term_permalinks["tags"], "/t/:slug/");
        assert_eq!(r.date_sources[0], DateSource::Filename);
        assert_eq!(s.feed_limit, Some(3));
    }

    #[test]
    fn git_dates_are_refused_with_a_reason() {
        let dir = site(&[("hugo.toml", "[frontmatter]\ndate = [':git', 'date']\n")]);
        let e = read(dir.path()).unwrap_err().to_string();
        assert!(e.contains("`:git`") && e.contains("write `date`"), "{e}");
    }

    #[test]
    fn the_default_language_must_exist() {
        let dir = site(&[(
            "hugo.toml",
            "defaultContentLanguage = 'en'\n[languages.de]\n[languages.fr]\n",
        )]);
        assert!(read(dir.path()).is_err());
    }
}
