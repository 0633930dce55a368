//! The site's own generator configuration: a Hugo, Jekyll or Zola site is
//! recognised in its root folder, its configuration read as that generator
//! reads it ([`hugo`], [`jekyll`], [`zola`]), and everything feedwright uses
//! collected into one generator-neutral [`SiteSettings`]. `feedwright.yaml`
//! and command-line flags are laid over it by [`crate::config::Config`].

pub mod hugo;
pub mod jekyll;
pub(crate) mod load;
pub mod zola;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::{Result, SourceLine};

/// The static-site generator whose site is being read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Generator {
    /// No generator's configuration was found: feedwright's own conventions
    /// (Hugo-like content, `feedwright.yaml`).
    #[default]
    None,
    /// Hugo (`hugo.toml`, `config.toml`, `config/_default/`, ...).
    Hugo,
    /// Jekyll (`_config.yml`).
    Jekyll,
    /// Zola (`zola.toml`, `config.toml` with `base_url`).
    Zola,
}

impl Generator {
    /// The generator's name, as users write it.
    pub fn name(self) -> &'static str {
        match self {
            Generator::None => "none",
            Generator::Hugo => "Hugo",
            Generator::Jekyll => "Jekyll",
            Generator::Zola => "Zola",
        }
    }
}

impl fmt::Display for Generator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Generator {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<Self, String> {
        match text.to_ascii_lowercase().as_str() {
            "hugo" => Ok(Generator::Hugo),
            "jekyll" => Ok(Generator::Jekyll),
            "zola" => Ok(Generator::Zola),
            "none" => Ok(Generator::None),
            _ => Err(format!(
                "`{text}` is not a generator; write hugo, jekyll, zola or none"
            )),
        }
    }
}

/// A person credited in the feeds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthorSettings {
    /// The name.
    pub name: String,
    /// The e-mail address, when the site publishes one.
    pub email: Option<String>,
}

/// One language of a multilingual site (every site has at least one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LanguageSettings {
    /// The code as the site writes it (`en`, `fr`, `pt-br`): file suffixes
    /// (`post.fr.md`), folders and the `/fr/` prefix use it.
    pub code: String,
    /// The language's site title, when it has its own.
    pub title: Option<String>,
    /// The language's description, when it has its own.
    pub description: Option<String>,
    /// The feeds' language tag (Hugo `languageCode`), when set.
    pub language_code: Option<String>,
    /// Hugo `contentDir`: the language's own content folder, relative to the site root.
    pub content_dir: Option<PathBuf>,
    /// Hugo `timeZone` of this language.
    pub timezone: Option<String>,
    /// Hugo permalinks of this language (laid over the site's).
    pub permalinks: BTreeMap<String, String>,
    /// Whether the generator writes feeds for this language (Zola `generate_feeds`).
    pub feeds: bool,
    /// Zola `feed_filenames` of this language.
    pub feed_filenames: Vec<String>,
    /// The order languages are listed in (Hugo `weight`).
    pub weight: i64,
}

/// A taxonomy the site declares (tags, categories, or its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taxonomy {
    /// The name front matter uses and the URL segment (Hugo's plural, Zola's `name`).
    pub name: String,
    /// Hugo's singular (`tag`), where declared.
    pub singular: Option<String>,
    /// Whether the generator writes a feed per term (Zola `feed = true`; Hugo always).
    pub feed: bool,
}

impl Taxonomy {
    fn new(name: &str, singular: Option<&str>, feed: bool) -> Taxonomy {
        Taxonomy {
            name: name.to_string(),
            singular: singular.map(str::to_string),
            feed,
        }
    }
}

/// How the generator makes URLs, with the settings its rules read.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum GeneratorRules {
    /// feedwright's own conventions.
    #[default]
    None,
    /// Hugo's.
    Hugo(hugo::HugoRules),
    /// Jekyll's.
    Jekyll(jekyll::JekyllRules),
    /// Zola's.
    Zola(zola::ZolaRules),
}

/// What a site's own configuration says, in feedwright's terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteSettings {
    /// The generator recognised.
    pub generator: Generator,
    /// The files read, in the order they were merged (relative to the site root).
    pub files: Vec<PathBuf>,
    /// The site's root folder.
    pub root: PathBuf,
    /// The site's published URL (Hugo `baseURL`; Jekyll `url` + `baseurl`; Zola `base_url`).
    pub base_url: Option<String>,
    /// The site's title.
    pub title: Option<String>,
    /// The site's description.
    pub description: Option<String>,
    /// The site's author.
    pub author: Option<AuthorSettings>,
    /// The zone for dates written without an offset (Hugo `timeZone`, Jekyll `timezone`).
    pub timezone: Option<String>,
    /// The content folder, relative to the root (Jekyll: the root itself).
    pub content_dir: PathBuf,
    /// Where the generator writes the site, relative to the root.
    pub out_dir: PathBuf,
    /// The languages, the default one first.
    pub languages: Vec<LanguageSettings>,
    /// Hugo `defaultContentLanguageInSubdir`: the default language under `/LANG/` too.
    pub default_language_in_subdir: bool,
    /// The taxonomies the site declares.
    pub taxonomies: Vec<Taxonomy>,
    /// The sections whose pages are feed entries, where the site names them
    /// (Hugo `params.mainSections`).
    pub feed_sections: Option<Vec<String>>,
    /// Entries per feed, where the site limits them (Hugo `services.rss.limit`,
    /// jekyll-feed `posts_limit`, Zola `feed_limit`).
    pub feed_limit: Option<usize>,
    /// The site's free-form values for templates: Hugo `params`, Jekyll's
    /// whole `_config.yml` (`site.*`), Zola `extra`.
    pub params: serde_json::Value,
    /// The whole configuration as read (keys lower-cased for Hugo).
    pub raw: serde_json::Value,
    /// The site's data folder (Hugo `data/`, Jekyll `_data/`), when it exists.
    pub data_dir: Option<PathBuf>,
    /// The generator's URL rules and the settings they read.
    pub rules: GeneratorRules,
    /// Things the user should hear about (settings read but not followed, duplicate keys).
    pub warnings: Vec<String>,
}

impl SiteSettings {
    /// The default language's code.
    pub fn default_language(&self) -> &str {
        self.languages.first().map_or("en", |l| l.code.as_str())
    }

    /// "the Hugo site's configuration (hugo.toml, config/_default/params.toml)".
    pub fn describe_source(&self) -> String {
        let files: Vec<String> = self.files.iter().map(|f| f.display().to_string()).collect();
        format!(
            "the {} site's configuration ({})",
            self.generator,
            files.join(", ")
        )
    }
}

/// Recognises the generator of the site in `root` and reads its
/// configuration; `None` when no generator's configuration is there.
/// `forced` picks the generator when the site says so itself (`generator:` in
/// feedwright.yaml).
pub fn read(root: &Path, forced: Option<Generator>) -> Result<Option<SiteSettings>> {
    let generator = match forced {
        Some(Generator::None) => return Ok(None),
        Some(generator) => Some(generator),
        None => detect(root),
    };
    match generator {
        Some(Generator::Hugo) => hugo::read(root).map(Some),
        Some(Generator::Jekyll) => jekyll::read(root).map(Some),
        Some(Generator::Zola) => zola::read(root).map(Some),
        Some(Generator::None) | None => Ok(None),
    }
}

/// Which generator's configuration is in `root`: `hugo.*` is Hugo's,
/// `zola.toml` Zola's, `_config.yml` Jekyll's; a `config.toml` is Zola's when
/// it sets `base_url` (Zola's required key) and Hugo's otherwise.
pub fn detect(root: &Path) -> Option<Generator> {
    let exists = |name: &str| root.join(name).is_file();
    if hugo::ROOT_FILE_NAMES
        .iter()
        .take(4)
        .any(|name| exists(name))
    {
        return Some(Generator::Hugo);
    }
    if exists("zola.toml") {
        return Some(Generator::Zola);
    }
    if jekyll::CONFIG_FILE_NAMES.iter().any(|name| exists(name)) {
        return Some(Generator::Jekyll);
    }
    if exists("config.toml") {
        let text = std::fs::read_to_string(root.join("config.toml")).unwrap_or_default();
        if zola::looks_like_zola(&text) {
            return Some(Generator::Zola);
        }
    }
    // `config.*` is a common name: it is Hugo's when it sets a key only Hugo
    // reads, or beside Hugo's `config/_default/`.
    if root.join("config").join("_default").is_dir()
        || hugo::ROOT_FILE_NAMES[4..]
            .iter()
            .any(|name| exists(name) && hugo::looks_like_hugo(&root.join(name)))
    {
        return Some(Generator::Hugo);
    }
    None
}

/// A language code's primary part is a language tag feeds accept.
pub(crate) fn language_tag(code: &str) -> Option<String> {
    let tag = code.replace('_', "-").to_ascii_lowercase();
    feedwright_check::spec::language(&tag).then_some(tag)
}

/// Where the configuration `files` (in the order the generator reads them)
/// set the dotted `key` in one of its spellings (`baseURL`, `url`,
/// `base_url`): the file, the 1-based line and that line with the value
/// marked. TOML and YAML files are searched; `None` when no file sets it.
pub(crate) fn locate_key(
    files: &[PathBuf],
    spellings: &[&str],
) -> Option<(PathBuf, usize, SourceLine)> {
    files.iter().find_map(|path| {
        let text = std::fs::read_to_string(path).ok()?;
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        spellings.iter().find_map(|key| {
            let line = match extension.as_str() {
                "toml" => toml_line_of_key(&text, key),
                "yaml" | "yml" => crate::config::line_of_key(&text, key),
                _ => None,
            }?;
            let name = key.rsplit('.').next().unwrap_or(key);
            let source = SourceLine::at_key(text.lines().nth(line - 1)?, name);
            Some((path.clone(), line, source))
        })
    })
}

/// The 1-based line of TOML `text` that sets the dotted `key`
/// (`permalinks.posts`: `posts = …` under `[permalinks]`).
fn toml_line_of_key(text: &str, key: &str) -> Option<usize> {
    let (table, name) = key.rsplit_once('.').unwrap_or(("", key));
    let mut current = String::new();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(header) = trimmed.strip_prefix('[') {
            let header = header.trim_start_matches('[');
            current = header
                .split(']')
                .next()
                .unwrap_or("")
                .trim()
                .replace(['"', '\''], "");
            continue;
        }
        if current.eq_ignore_ascii_case(table) && SourceLine::of_key(line, name).is_some() {
            return Some(index + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_generator_by_its_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert_eq!(detect(root), None);
        std::fs::write(root.join("config.toml"), "base_url = 'https://x.org'\n").unwrap();
        assert_eq!(detect(root), Some(Generator::Zola));
        std::fs::write(root.join("config.toml"), "baseURL = 'https://x.org'\n").unwrap();
        assert_eq!(detect(root), Some(Generator::Hugo));
        // Some other program's config file is not Hugo's.
        std::fs::write(root.join("config.toml"), "[database]\nurl = 'x'\n").unwrap();
        assert_eq!(detect(root), None);
        std::fs::remove_file(root.join("config.toml")).unwrap();
        std::fs::write(root.join("_config.yml"), "url: https://x.org\n").unwrap();
        assert_eq!(detect(root), Some(Generator::Jekyll));
        std::fs::write(root.join("hugo.yaml"), "baseURL: https://x.org\n").unwrap();
        assert_eq!(detect(root), Some(Generator::Hugo));
    }

    #[test]
    fn a_toml_key_is_found_in_its_table() {
        let text = "baseURL = 'x'\n[params]\nposts = 1\n[permalinks]\n  posts = '/:yeer/'\n";
        assert_eq!(toml_line_of_key(text, "baseurl"), Some(1));
        assert_eq!(toml_line_of_key(text, "permalinks.posts"), Some(5));
        assert_eq!(toml_line_of_key(text, "permalinks.pages"), None);
        assert_eq!(toml_line_of_key(text, "title"), None);
    }
}
