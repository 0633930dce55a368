//! Site settings: the config file, with command-line flags laid over it, validated once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use serde::Deserialize;
use url::Url;

use crate::content::date::{self, SiteTimezone};
use crate::content::permalink::PermalinkPattern;
use feedwright_check::spec::is_uri_char;
use feedwright_check::spec::sitemap::MAX_LOC;

use crate::error::{Diagnostic, Error, Result, SourceLine, Warning};
use crate::output::preset::Preset;
use crate::output::FeedFormat;
use crate::site_config::{self, Generator, SiteSettings, Taxonomy};

/// The config file read when `--config` is not given, if it exists.
pub(crate) const DEFAULT_CONFIG_FILE: &str = "feedwright.yaml";

/// What the command line asked for; `None` means "not given, use the config file".
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--content DIR`.
    pub content_dir: Option<PathBuf>,
    /// `--out DIR`.
    pub out_dir: Option<PathBuf>,
    /// `--config FILE`.
    pub config_file: Option<PathBuf>,
    /// `--base-url URL`.
    pub base_url: Option<String>,
    /// `--sitemap`.
    pub sitemap: bool,
    /// `--limit N`.
    pub limit: Option<usize>,
    /// `--drafts`.
    pub drafts: bool,
    /// `--future`.
    pub future: bool,
    /// `--expired`.
    pub expired: bool,
    /// `--now RFC3339`.
    pub now: Option<String>,
    /// `--keep-going`.
    pub keep_going: bool,
    /// `--site DIR`: the site's root folder, where its generator's configuration is.
    pub site_dir: Option<PathBuf>,
    /// `--allow-empty`: a site feed without entries is not an error.
    pub allow_empty: bool,
    /// `--print-urls`: list each content file's URL in the report.
    pub print_urls: bool,
    /// `--formats rss,atom,json`.
    pub formats: Option<Vec<FeedFormat>>,
    /// `--html`.
    pub html: bool,
    /// `--print-discovery`: print the site feeds' autodiscovery tags.
    pub print_discovery: bool,
    /// `-v`: every content file's fate, and why, in the report.
    pub fates: bool,
}

/// The config file as written (YAML). Unknown keys are errors: typos must not pass silently.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    base_url: Option<String>,
    title: Option<String>,
    description: Option<String>,
    language: Option<String>,
    author: Option<Author>,
    timezone: Option<String>,
    #[serde(default)]
    permalinks: BTreeMap<String, String>,
    limit: Option<WholeNumber<Entries>>,
    sitemap: Option<bool>,
    #[serde(default)]
    output: OutputFileNames,
    content: Option<PathBuf>,
    out: Option<PathBuf>,
    /// The generator whose site this is (`hugo`, `jekyll`, `zola`, `none`),
    /// when it should not be recognised from the site's files.
    generator: Option<String>,
    /// The sections whose dated pages are feed entries.
    feed_sections: Option<Vec<String>>,
    #[serde(default)]
    hubs: Vec<String>,
    formats: Option<Vec<FeedFormat>>,
    #[serde(default)]
    feeds: FeedsSection,
    max_feed_bytes: Option<WholeNumber<Bytes>>,
    full_content: Option<bool>,
    static_dir: Option<PathBuf>,
    html: Option<bool>,
    icon: Option<String>,
    favicon: Option<String>,
    /// Read by `feedwright syndicate` alone ([`syndicate_section`]).
    syndicate: Option<crate::syndicate::SyndicateSection>,
}

/// What a whole-number setting counts: its YAML error says what is accepted.
trait Counted {
    /// What the setting accepts, as serde's "expected ..." says it.
    const EXPECTING: &'static str;
}

/// Entries per feed (`limit`, `feeds.limit`), 0 for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entries {}

impl Counted for Entries {
    const EXPECTING: &'static str = "a whole number of entries per feed (0 for all)";
}

/// Bytes per feed file (`max_feed_bytes`), 0 for no cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bytes {}

impl Counted for Bytes {
    const EXPECTING: &'static str = "a whole number of bytes per feed file (0 for no cap)";
}

/// A whole-number setting counting `C`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WholeNumber<C>(usize, std::marker::PhantomData<C>);

impl<'de, C: Counted> Deserialize<'de> for WholeNumber<C> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<C>(std::marker::PhantomData<C>);
        impl<C: Counted> serde::de::Visitor<'_> for Visitor<C> {
            type Value = WholeNumber<C>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(C::EXPECTING)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<WholeNumber<C>, E> {
                usize::try_from(v)
                    .map(|n| WholeNumber(n, std::marker::PhantomData))
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<WholeNumber<C>, E> {
                u64::try_from(v)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))
                    .and_then(|v| self.visit_u64(v))
            }
        }
        deserializer.deserialize_u64(Visitor(std::marker::PhantomData))
    }
}

/// The site's author, named in both feeds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    /// The author's name.
    pub name: String,
    /// The author's e-mail address, if they publish one.
    pub email: Option<String>,
}

/// What `author:` accepts, for its errors' hint.
const AUTHOR_SHAPES: &str =
    "write `author: {name: Jane Doe, email: jane@example.org}` (the e-mail is optional) or `author: Jane Doe`";

/// `author:` written as a mapping.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthorFields {
    name: String,
    email: Option<String>,
}

impl<'de> Deserialize<'de> for Author {
    /// `author: Jane Doe`, or `author: {name: Jane Doe, email: jane@example.org}`
    /// (as Hugo's and Jekyll's configurations write it); `name` is required.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Author;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a name, or a mapping with `name` and, optionally, `email`")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Author, E> {
                Ok(Author {
                    name: name.to_string(),
                    email: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Author, A::Error> {
                let fields =
                    AuthorFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Author {
                    name: fields.name,
                    email: fields.email,
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The config file's `output:` names; a name not given is the preset's.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
struct OutputFileNames {
    rss: Option<String>,
    atom: Option<String>,
    json: Option<String>,
    sitemap: Option<String>,
    html: Option<String>,
}

/// The config file's `feeds:` section.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
struct FeedsSection {
    preset: Option<Preset>,
    sections: bool,
    taxonomies: Vec<String>,
    limit: Option<WholeNumber<Entries>>,
}

/// The names of the files written into the output folder (the site's feeds;
/// a section's or a term's are laid out by the [`Preset`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputNames {
    /// The RSS 2.0 feed.
    pub rss: String,
    /// The Atom 1.0 feed.
    pub atom: String,
    /// The JSON Feed.
    pub json: String,
    /// The sitemap (or sitemap index, when the site needs several sitemaps).
    pub sitemap: String,
    /// The page listing every feed (`html: true`).
    pub html: String,
}

impl OutputNames {
    /// The site feed's file name in `format`.
    pub fn feed(&self, format: FeedFormat) -> &str {
        match format {
            FeedFormat::Rss => &self.rss,
            FeedFormat::Atom => &self.atom,
            FeedFormat::Json => &self.json,
        }
    }
}

impl Default for OutputNames {
    /// feedwright's own preset's names.
    fn default() -> Self {
        Preset::Feedwright.output_names()
    }
}

/// Which feeds are written besides the site's, and where: `feeds:` in the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedSetSettings {
    /// Where the feeds go: each generator's own layout, or feedwright's.
    pub preset: Preset,
    /// A feed set per top-level section.
    pub sections: bool,
    /// A feed set per term of each of these taxonomies (their front-matter keys).
    pub taxonomies: Vec<String>,
    /// Entries per section or term feed; 0 means all.
    pub limit: usize,
}

/// The largest feed written by default: [`crate::output::MAX_FEED_BYTES`].
pub(crate) const DEFAULT_MAX_FEED_BYTES: usize = crate::output::MAX_FEED_BYTES;

/// The smallest `max_feed_bytes` accepted (but 0, no cap): room for a
/// feed's own texts and links and an entry or more.
pub(crate) const MIN_MAX_FEED_BYTES: usize = 65_536;

/// Which pages that are normally left out are published anyway.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Inclusion {
    /// Pages with `draft: true`.
    pub drafts: bool,
    /// Pages whose date or `publishDate` is after "now".
    pub future: bool,
    /// Pages whose `expiryDate` is before "now".
    pub expired: bool,
}

/// Everything a build needs to know, validated.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder of Markdown content.
    pub content_dir: PathBuf,
    /// The folder the outputs are written into.
    pub out_dir: PathBuf,
    /// The site's absolute http(s) URL, ending in `/`.
    pub base_url: Url,
    /// The feeds' title.
    pub title: String,
    /// The feeds' description (RSS) and subtitle (Atom).
    pub description: String,
    /// The feeds' language (`en`, `en-us`, ...).
    pub language: Option<String>,
    /// The site's author.
    pub author: Option<Author>,
    /// The zone for dates written without an offset.
    pub timezone: SiteTimezone,
    /// Permalink pattern per section; sections not named use the default.
    pub permalinks: BTreeMap<String, PermalinkPattern>,
    /// Entries per feed; 0 means all.
    pub limit: usize,
    /// Whether to write a sitemap.
    pub sitemap: bool,
    /// Output file names.
    pub output: OutputNames,
    /// The feed formats written, in the order RSS, Atom, JSON Feed.
    pub formats: Vec<FeedFormat>,
    /// The feeds per section and per term, and where every feed goes.
    pub feed_sets: FeedSetSettings,
    /// The largest a feed may be, in bytes (0: no limit); past it the oldest entries go.
    pub max_feed_bytes: usize,
    /// Whether entries carry the whole post (else their summary only).
    pub full_content: bool,
    /// The folder of static files (post images for enclosures): `static` beside
    /// the content folder unless configured.
    pub static_dir: PathBuf,
    /// Whether to write the HTML page listing every feed.
    pub html: bool,
    /// The site's large square icon (JSON Feed's `icon`), an absolute URL.
    pub icon: Option<Url>,
    /// The site's small icon (JSON Feed's `favicon`), an absolute URL.
    pub favicon: Option<Url>,
    /// Which excluded pages to publish anyway.
    pub include: Inclusion,
    /// The instant that decides future and expired pages.
    pub now: DateTime<Utc>,
    /// Whether `now` was given (`--now`, `SOURCE_DATE_EPOCH`) rather than read
    /// from the clock; only a given "now" may ever be printed in a feed.
    pub now_given: bool,
    /// Skip broken posts with a warning instead of failing.
    pub keep_going: bool,
    /// The WebSub hubs the feeds name (`rel="hub"`), which `syndicate` pings.
    pub hubs: Vec<Url>,
    /// The generator whose site this is ([`Generator::None`] when none was recognised).
    pub generator: Generator,
    /// The taxonomies the site declares (tags and categories when it declares none).
    pub taxonomies: Vec<Taxonomy>,
    /// The sections whose dated pages are feed entries (`None`: every section's).
    pub feed_sections: Option<Vec<String>>,
    /// What the site's own configuration says (its params, data folder, URL
    /// rules); the default when no generator was recognised.
    pub site: SiteSettings,
    /// What the user should hear about the configuration (which files were read).
    pub notes: Vec<String>,
    /// Warnings about the configuration (settings read but not followed).
    pub warnings: Vec<Warning>,
    /// `permalinks:` of feedwright.yaml as written, laid over a Hugo site's own.
    pub generator_permalinks: BTreeMap<String, String>,
    /// Whether the content folder was named (`--content`, `content:`) rather
    /// than the site's own (Hugo's per-language folders are then not read).
    pub content_dir_given: bool,
    /// Accept a site feed without entries (`--allow-empty`).
    pub allow_empty: bool,
    /// The language whose feeds are rendered (its index in the site's languages).
    pub feed_language: usize,
    /// The home page the feeds link to (the language's home).
    pub feed_home: Url,
    /// The folder of the language's feeds in the output folder (`fr`), `""`
    /// for the default language's: the site's feeds, and the terms', go in it.
    pub feed_prefix: String,
}

/// `path` in the site's `root` (unchanged when the root is the working folder).
fn under_root(root: &Path, path: &Path) -> PathBuf {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        path.to_path_buf()
    } else {
        root.join(path)
    }
}

impl Config {
    /// Reads the config file (if any) and lays `options` over it.
    pub fn load(options: &Options) -> Result<Config> {
        let root = options
            .site_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("."));
        let default_path = under_root(&root, Path::new(DEFAULT_CONFIG_FILE));
        let has_config_file = options.config_file.is_some() || default_path.is_file();
        let (path, text) = match &options.config_file {
            Some(path) => (path.clone(), read_config_text(path)?),
            None if default_path.is_file() => {
                let text = read_config_text(&default_path)?;
                (default_path, text)
            }
            None => (default_path, String::new()),
        };
        let file = parse_config_file(&path, &text)?;
        // A value the feeds could not carry is the user's to fix: named by its
        // key and line, with what is accepted, before anything is read.
        let config_error = |key: &str, message: String| key_error(&path, &text, key, message);
        let forced = file
            .generator
            .as_deref()
            .map(str::parse::<Generator>)
            .transpose()
            .map_err(|m| config_error("generator", m))?;
        let site = site_config::read(&root, forced)?.unwrap_or_else(|| SiteSettings {
            root: root.clone(),
            taxonomies: vec![
                Taxonomy {
                    name: "tags".into(),
                    singular: Some("tag".into()),
                    feed: false,
                },
                Taxonomy {
                    name: "categories".into(),
                    singular: Some("category".into()),
                    feed: false,
                },
            ],
            ..SiteSettings::default()
        });
        let mut notes = Vec::new();
        if site.generator != Generator::None {
            notes.push(format!("read {}", site.describe_source()));
        }
        // An error in the site's configuration, at the line that sets the
        // key (spelled as any of its generators spell it) where one does.
        let site_error = |spellings: &[&str], message: String| {
            let files: Vec<PathBuf> = site.files.iter().map(|f| under_root(&root, f)).collect();
            match crate::site_config::locate_key(&files, spellings) {
                Some((path, line, source)) => {
                    Error::config(&path, Some(line), message).at(Some(source))
                }
                None => {
                    let file = files.first().map_or(Path::new("."), |f| f.as_path());
                    Error::config(file, None, message)
                }
            }
        };

        let from_site = options.base_url.is_none() && file.base_url.is_none();
        let base_url_text = options
            .base_url
            .clone()
            .or(file.base_url)
            .or_else(|| site.base_url.clone())
            .ok_or_else(|| Error::Usage(no_base_url(&site)))?;
        let base_url = parse_base_url(&base_url_text).map_err(|message| {
            if options.base_url.is_some() {
                Error::Usage(format!("--base-url: {message}"))
            } else if from_site {
                site_error(
                    &["baseURL", "baseurl", "url", "base_url"],
                    format!("the site's base URL: {message}"),
                )
            } else {
                config_error("base_url", message)
            }
        })?;

        let timezone = match (&file.timezone, &site.timezone) {
            (Some(text), _) => text.parse().map_err(|m| config_error("timezone", m))?,
            (None, Some(text)) => text
                .parse()
                .map_err(|m| site_error(&["timeZone", "timezone"], format!("time zone: {m}")))?,
            (None, None) => SiteTimezone::default(),
        };
        let mut permalinks = BTreeMap::new();
        let own_patterns = if site.generator == Generator::None {
            &file.permalinks
        } else {
            &BTreeMap::new()
        };
        for (section, pattern) in own_patterns {
            let parsed = PermalinkPattern::parse(pattern)
                .map_err(|m| config_error(&format!("permalinks.{section}"), m))?;
            permalinks.insert(section.trim_matches('/').to_string(), parsed);
        }
        let formats =
            formats(options.formats.as_deref().or(file.formats.as_deref())).map_err(|m| {
                match options.formats {
                    Some(_) => Error::Usage(format!("--formats: {m}")),
                    None => config_error("formats", m),
                }
            })?;
        let mut taxonomies: Vec<String> = Vec::new();
        for taxonomy in &file.feeds.taxonomies {
            let name = taxonomy.trim().to_lowercase();
            if name.is_empty() || name.contains(['/', '\\']) {
                return Err(config_error(
                    "feeds.taxonomies",
                    format!("`{taxonomy}` is not a taxonomy name such as `tags`"),
                ));
            }
            if !taxonomies.contains(&name) {
                taxonomies.push(name);
            }
        }
        for (key, value) in [
            ("title", file.title.as_deref()),
            ("description", file.description.as_deref()),
            ("author.name", file.author.as_ref().map(|a| a.name.as_str())),
        ] {
            if let Some(value) = value {
                check_feed_text(value).map_err(|m| config_error(key, m))?;
            }
        }
        let language = match file.language {
            Some(lang) if !feedwright_check::spec::language(&lang) => {
                return Err(config_error(
                    "language",
                    format!("`{}` is not a language tag: write an ISO 639 language code, alone or with a region, such as `en` or `en-us`", lang.escape_debug()),
                ))
            }
            Some(lang) => Some(lang.to_ascii_lowercase()),
            None => site
                .languages
                .first()
                .and_then(|l| l.language_code.as_deref())
                .and_then(site_config::language_tag),
        };
        let mut warnings: Vec<Warning> = site
            .warnings
            .iter()
            .map(|w| Diagnostic::new(None, None, w.clone()).into())
            .collect();
        let author = file.author.or_else(|| {
            let author = site.author.as_ref()?;
            let email = author.email.clone().filter(|email| {
                let ok = feedwright_check::spec::addr_spec(email);
                if !ok {
                    warnings.push(Diagnostic::new(None, None, format!(
                        "the site's author e-mail `{email}` is not an e-mail address; the feeds name the author without it"
                    )).into());
                }
                ok
            });
            (!author.name.trim().is_empty()).then(|| Author {
                name: author.name.clone(),
                email,
            })
        });
        if let Some(author) = &author {
            if author.name.trim().is_empty() {
                return Err(config_error(
                    "author.name",
                    "is empty: write the name the feeds credit, or leave `author` out".into(),
                ));
            }
            if let Some(email) = &author.email {
                if !feedwright_check::spec::addr_spec(email) {
                    return Err(config_error(
                        "author.email",
                        format!("`{}` is not an e-mail address: write a plain address such as `jane@example.org`, without a name or angle brackets, or leave `email` out", email.escape_debug()),
                    ));
                }
            }
        }

        let hubs = file
            .hubs
            .iter()
            .map(|hub| {
                let url = Url::parse(hub.trim()).ok().filter(|u| {
                    matches!(u.scheme(), "http" | "https") && u.host_str().is_some()
                });
                let url = url.ok_or_else(|| {
                    config_error(
                        "hubs",
                        format!("`{hub}` is not an absolute http(s) URL such as https://pubsubhubbub.appspot.com/"),
                    )
                })?;
                // The feeds link to it: what validators refuse in a URI cannot be there.
                match url.as_str().chars().find(|&c| !is_uri_char(c)) {
                    Some(c) => Err(config_error(
                        "hubs",
                        format!("`{hub}` has `{c}`, which feed validators refuse in a URL"),
                    )),
                    None => Ok(url),
                }
            })
            .collect::<Result<Vec<_>>>()?;
        let (now, now_given) = resolve_now(options.now.as_deref())?;
        let title = file
            .title
            .or_else(|| site.title.clone())
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| base_url.host_str().unwrap_or("feed").to_string());
        let description = file
            .description
            .or_else(|| site.description.clone())
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| title.clone());
        let default_content = if site.generator == Generator::None {
            PathBuf::from("content")
        } else {
            site.content_dir.clone()
        };
        let default_out = if site.generator == Generator::None {
            PathBuf::from("public")
        } else {
            site.out_dir.clone()
        };

        let file_content_given = file.content.is_some();
        let content_dir = options
            .content_dir
            .clone()
            .or_else(|| file.content.map(|c| under_root(&root, &c)))
            .unwrap_or_else(|| under_root(&root, &default_content));
        // Hugo's and Zola's `static/` in the site's root; a Jekyll site's
        // root; without a generator, `static/` beside the content folder.
        let static_dir = match (file.static_dir, site.generator) {
            (Some(dir), _) => under_root(&root, &dir),
            (None, Generator::Jekyll) => site.root.clone(),
            (None, Generator::Hugo | Generator::Zola) => site.root.join("static"),
            (None, Generator::None) => match content_dir.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.join("static"),
                _ => PathBuf::from("static"),
            },
        };
        let limit = options
            .limit
            .or(file.limit.map(|l| l.0))
            .or(site.feed_limit)
            .unwrap_or(20);
        // A site read with no feedwright.yaml keeps its generator's feeds:
        // their paths, and the feeds per section and term it writes.
        let defaults_from_site = !has_config_file && site.generator != Generator::None;
        let preset = match (file.feeds.preset, site.generator) {
            (Some(preset), _) => preset,
            (None, generator) if defaults_from_site => Preset::of(generator),
            (None, _) => Preset::Feedwright,
        };
        let output = output_names(preset.site_names(&site), &file.output)
            .map_err(|(key, m)| config_error(&key, m))?;
        if defaults_from_site && file.feeds.taxonomies.is_empty() {
            taxonomies = site
                .taxonomies
                .iter()
                .filter(|t| t.feed)
                .map(|t| t.name.to_lowercase())
                .collect();
        }
        let sections =
            file.feeds.sections || (defaults_from_site && site.generator == Generator::Hugo);
        let icon_url = |key: &str, value: &Option<String>| -> Result<Option<Url>> {
            let Some(text) = value.as_deref().map(str::trim) else {
                return Ok(None);
            };
            let url = match Url::parse(text) {
                Ok(url) => url,
                Err(_) if !text.is_empty() && !text.contains(['\\', '?', '#']) => {
                    crate::output::preset::file_url(&base_url, text.trim_start_matches('/'))
                }
                Err(_) => {
                    return Err(config_error(
                        key,
                        format!("`{text}` is neither an absolute URL nor a path on the site such as /images/icon.png"),
                    ))
                }
            };
            if !matches!(url.scheme(), "http" | "https") {
                return Err(config_error(
                    key,
                    format!("`{text}` must be an http(s) URL or a path on the site"),
                ));
            }
            // The JSON Feed carries it: what validators refuse in a URL cannot be there.
            if let Some(c) = url.as_str().chars().find(|&c| !is_uri_char(c)) {
                return Err(config_error(
                    key,
                    format!("`{text}` has `{c}`, which feed validators refuse in a URL: percent-encode it"),
                ));
            }
            Ok(Some(url))
        };
        let max_feed_bytes = match file.max_feed_bytes.map(|b| b.0) {
            None => DEFAULT_MAX_FEED_BYTES,
            Some(bytes) if bytes != 0 && bytes < MIN_MAX_FEED_BYTES => {
                return Err(config_error(
                    "max_feed_bytes",
                    format!(
                    "{bytes} bytes is too small for a feed's own title, links and even one entry: \
                         write at least {MIN_MAX_FEED_BYTES} (64 KiB), or 0 for no cap"
                ),
                ))
            }
            Some(bytes) => bytes,
        };
        let icon = icon_url("icon", &file.icon)?;
        let favicon = icon_url("favicon", &file.favicon)?;
        let content_dir_given = options.content_dir.is_some() || file_content_given;
        let generator_permalinks = if site.generator == Generator::Hugo {
            file.permalinks.clone()
        } else {
            BTreeMap::new()
        };
        // What the site's own configuration publishes besides the default.
        let (site_drafts, site_future, site_expired) = match &site.rules {
            site_config::GeneratorRules::Hugo(rules) => {
                (rules.build_drafts, rules.build_future, rules.build_expired)
            }
            site_config::GeneratorRules::Jekyll(rules) => (rules.unpublished, rules.future, false),
            _ => (false, false, false),
        };
        Ok(Config {
            icon,
            favicon,
            static_dir,
            content_dir,
            out_dir: options
                .out_dir
                .clone()
                .or_else(|| file.out.map(|o| under_root(&root, &o)))
                .unwrap_or_else(|| under_root(&root, &default_out)),
            base_url: base_url.clone(),
            title,
            description,
            language,
            author,
            timezone,
            permalinks,
            limit,
            sitemap: options.sitemap || file.sitemap.unwrap_or(false),
            output,
            formats,
            feed_sets: FeedSetSettings {
                preset,
                sections,
                taxonomies,
                limit: file.feeds.limit.map_or(limit, |l| l.0),
            },
            max_feed_bytes,
            full_content: file.full_content.unwrap_or(true),
            html: options.html || file.html.unwrap_or(false),
            include: Inclusion {
                drafts: options.drafts || site_drafts,
                future: options.future || site_future,
                expired: options.expired || site_expired,
            },
            now,
            now_given,
            keep_going: options.keep_going,
            hubs,
            generator: site.generator,
            taxonomies: site.taxonomies.clone(),
            feed_sections: file.feed_sections.or_else(|| site.feed_sections.clone()),
            site,
            notes,
            warnings,
            generator_permalinks,
            content_dir_given,
            allow_empty: options.allow_empty,
            feed_language: 0,
            feed_home: base_url.clone(),
            feed_prefix: String::new(),
        })
    }

    /// The settings of the feeds of language `index`, under `prefix` (`fr`, or
    /// `""`): the language's title, description and tag, its home, its feed
    /// files under `prefix/`; the sitemap (of every language) is the default
    /// language's alone.
    pub fn for_language(&self, index: usize, prefix: &str) -> Config {
        let mut config = self.clone();
        config.feed_language = index;
        if let Some(language) = self.site.languages.get(index) {
            if index > 0 {
                if let Some(title) = &language.title {
                    config.title = title.clone();
                }
                if let Some(description) = &language.description {
                    config.description = description.clone();
                }
                config.language = language
                    .language_code
                    .as_deref()
                    .and_then(site_config::language_tag)
                    .or_else(|| site_config::language_tag(&language.code));
            } else if let Some(title) = &language.title {
                config.title = title.clone();
            }
        }
        if !prefix.is_empty() {
            config.feed_home = self
                .base_url
                .join(&format!("{prefix}/"))
                .unwrap_or_else(|_| self.base_url.clone());
            config.feed_prefix = prefix.to_string();
        }
        config.sitemap = self.sitemap && index == 0;
        config
    }

    /// How a front-matter key written twice is taken: as Jekyll takes it
    /// (the last one) on a Jekyll site, else as an error.
    pub(crate) fn duplicate_keys(&self) -> crate::content::front_matter::DuplicateKeys {
        use crate::content::front_matter::DuplicateKeys;
        if self.generator == Generator::Jekyll {
            DuplicateKeys::LastWins
        } else {
            DuplicateKeys::Refuse
        }
    }

    /// The generator's configuration file (the first read), for errors about its settings.
    pub(crate) fn site_file(&self) -> PathBuf {
        self.site_path(
            self.site
                .files
                .first()
                .map_or(Path::new("."), |f| f.as_path()),
        )
    }

    /// A path the site's configuration names (relative to the site's root).
    pub fn site_path(&self, path: &Path) -> PathBuf {
        under_root(&self.site.root, path)
    }

    /// The absolute URL of an output file, `name` being its path in the
    /// output folder (segments percent-encoded as URLs need them).
    pub fn output_url(&self, name: &str) -> Url {
        crate::output::preset::file_url(&self.base_url, name)
    }

    /// The site's root folder: the one holding the content folder (`content/`,
    /// Jekyll's `_posts/`), where `static/`, `data/`, `layouts/` and the
    /// generator's own configuration live.
    pub fn site_root(&self) -> std::path::PathBuf {
        if self.generator != Generator::None {
            return self.site.root.clone();
        }
        match self.content_dir.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        }
    }
}

/// The output names: the preset's `defaults`, with those the config file
/// gives laid over them.
fn output_names(
    defaults: OutputNames,
    given: &OutputFileNames,
) -> std::result::Result<OutputNames, (String, String)> {
    let pick = |key: &str, given: &Option<String>, default: String| match given {
        Some(name) => check_output_name(name)
            .map(|()| name.clone())
            .map_err(|m| (format!("output.{key}"), m)),
        None => Ok(default),
    };
    let names = OutputNames {
        rss: pick("rss", &given.rss, defaults.rss)?,
        atom: pick("atom", &given.atom, defaults.atom)?,
        json: pick("json", &given.json, defaults.json)?,
        sitemap: pick("sitemap", &given.sitemap, defaults.sitemap)?,
        html: pick("html", &given.html, defaults.html)?,
    };
    let all = [
        &names.rss,
        &names.atom,
        &names.json,
        &names.sitemap,
        &names.html,
    ];
    for (i, name) in all.iter().enumerate() {
        if all[..i].contains(name) {
            return Err((
                "output".to_string(),
                format!("`{name}` is named twice: the names of the RSS, Atom, JSON Feed, sitemap and HTML files must differ"),
            ));
        }
    }
    Ok(names)
}

/// The formats to write: those asked for, once each, in the order RSS, Atom,
/// JSON Feed; all three when none are named.
fn formats(asked: Option<&[FeedFormat]>) -> std::result::Result<Vec<FeedFormat>, String> {
    match asked {
        None => Ok(FeedFormat::ALL.to_vec()),
        Some([]) => Err("name at least one of rss, atom, json".into()),
        Some(asked) => Ok(FeedFormat::ALL
            .into_iter()
            .filter(|f| asked.contains(f))
            .collect()),
    }
}

/// The config file's `syndicate:` section (empty without a config file), the
/// file's path and its text (for the line of a setting named in an error).
pub(crate) fn syndicate_section(
    config_file: Option<&Path>,
) -> Result<(crate::syndicate::SyndicateSection, PathBuf, String)> {
    let path = match config_file {
        Some(path) => path.to_path_buf(),
        None if Path::new(DEFAULT_CONFIG_FILE).is_file() => PathBuf::from(DEFAULT_CONFIG_FILE),
        None => {
            return Ok((
                Default::default(),
                PathBuf::from(DEFAULT_CONFIG_FILE),
                String::new(),
            ))
        }
    };
    let text = read_config_text(&path)?;
    let file = parse_config_file(&path, &text)?;
    Ok((file.syndicate.unwrap_or_default(), path, text))
}

/// The text of the config file at `path`.
fn read_config_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::Usage(format!("{}: config file not found", path.display()))
        }
        _ => Error::io(path, e),
    })
}

/// The config file's settings, or an error naming the line YAML stopped at.
fn parse_config_file(path: &Path, text: &str) -> Result<ConfigFile> {
    if text.trim().is_empty() {
        return Ok(ConfigFile::default());
    }
    serde_yaml::from_str(text).map_err(|e| {
        let line = e
            .location()
            .map(|l| crate::content::front_matter::text_line_of_yaml_line(text, l.line()));
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        let source = e.location().zip(line).and_then(|(location, line)| {
            let text = text.lines().nth(line - 1)?;
            Some(SourceLine::word_at(text, location.column()))
        });
        if let Some((key, hint)) = unknown_key(message) {
            return Error::config(path, line, format!("unknown key `{key}`"))
                .at(source)
                .with_hint(hint);
        }
        if let Some((parent, field)) = missing_key(message) {
            // The parser points at the mapping's first key; the line to fix is the parent's.
            let hint = match parent {
                "author" => AUTHOR_SHAPES.to_string(),
                _ => format!("add `{field}:` under `{parent}:`"),
            };
            return key_error(path, text, parent, format!("`{field}` is missing")).with_hint(hint);
        }
        let error = Error::config(path, line, message).at(source);
        match message.starts_with("author: invalid type") {
            true => error.with_hint(AUTHOR_SHAPES),
            false => error,
        }
    })
}

/// For serde's "author: missing field `name`": the mapping (`author`,
/// `syndicate.mastodon`) and the key it lacks.
fn missing_key(message: &str) -> Option<(&str, &str)> {
    let (parent, rest) = message.split_once(": missing field `")?;
    let field = rest.strip_suffix('`')?;
    (!parent.is_empty() && !parent.contains(' ')).then_some((parent, field))
}

/// The error of the config file `path` (whose text is `text`) about the
/// dotted `key`: its message names the key, and the line that sets it (or
/// the deepest part of it written) is shown with the value marked.
pub(crate) fn key_error(path: &Path, text: &str, key: &str, message: String) -> Error {
    let line = line_of_key(text, key);
    let source = line.and_then(|line| {
        let written = text.lines().nth(line - 1)?;
        // The deepest part of the key on that line: `email` of `author.email`
        // in `author: {name: x, email: y}`, else `author` itself.
        let part = key
            .rsplit('.')
            .find(|part| written.contains(part))
            .unwrap_or(key);
        Some(SourceLine::at_key(written, part))
    });
    Error::config(path, line, format!("`{key}`: {message}")).at(source)
}

/// For serde's "unknown field `titel`, expected one of `base_url`, `title`, …":
/// the key written, and a hint: the known key nearest it, or every known
/// key when none is near.
fn unknown_key(message: &str) -> Option<(String, String)> {
    // Nested, serde names the mapping first: "author: unknown field `e-mail`, …".
    let (parent, rest) = message.split_once("unknown field `")?;
    let (written, rest) = rest.split_once('`')?;
    let parent = parent.trim_end().trim_end_matches(':');
    let known: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    if known.is_empty() {
        return None;
    }
    let nearest = known
        .iter()
        .map(|candidate| (strsim::jaro_winkler(written, candidate), candidate))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(similarity, _)| *similarity >= 0.7);
    let hint = match nearest {
        Some((_, key)) => format!("did you mean `{key}`?"),
        None => format!(
            "the keys accepted here are {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let key = match parent {
        "" => written.to_string(),
        parent => format!("{parent}.{written}"),
    };
    Some((key, hint))
}

/// The 1-based line of the dotted `key` (`author.email`,
/// `syndicate.mastodon.instance`) in YAML `text`, the config file: of the
/// deepest part of it that is written there (a mapping written on one line,
/// `author: {name: Jane, email: x}`, holds all its keys on its line); `None`
/// when not even its first part is (a default).
pub(crate) fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let mut found = None;
    // The indentation of the part found last; a top-level key has none.
    let mut parent_indent: Option<usize> = None;
    let mut lines = text.lines().enumerate();
    'parts: for part in key.split('.') {
        for (number, line) in lines.by_ref() {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = line.len() - trimmed.len();
            if parent_indent.is_some_and(|p| indent <= p) {
                // Left the parent's block without finding this part.
                break 'parts;
            }
            if parent_indent.is_none() && indent > 0 {
                continue;
            }
            if let Some(value) = value_of(trimmed, part) {
                found = Some(number + 1);
                if value.trim_start().starts_with('{') {
                    break 'parts;
                }
                parent_indent = Some(indent);
                continue 'parts;
            }
        }
        break;
    }
    found
}

/// What follows `key:` when `line` (without its indentation) sets `key`,
/// written plain or quoted.
fn value_of<'l>(line: &'l str, key: &str) -> Option<&'l str> {
    let line = line.strip_prefix(['"', '\'']).unwrap_or(line);
    let rest = line.strip_prefix(key)?;
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    rest.trim_start().strip_prefix(':')
}

/// The longest title, description or author name accepted: far more than any
/// real one, and small enough that the feeds' own texts can never approach
/// the size feed readers accept.
pub(crate) const MAX_FEED_TEXT_BYTES: usize = 10_000;

/// A text the feeds carry as it is (the title, the description, the author's
/// name): within [`MAX_FEED_TEXT_BYTES`], and without the characters XML or
/// feed validators refuse (control characters, U+FFFD), which could only be
/// dropped, leaving a text other than the one written, or none.
fn check_feed_text(text: &str) -> std::result::Result<(), String> {
    if text.len() > MAX_FEED_TEXT_BYTES {
        return Err(format!(
            "is {} bytes long; at most {MAX_FEED_TEXT_BYTES} are accepted",
            text.len()
        ));
    }
    match text
        .chars()
        .find(|&c| !feedwright_check::spec::is_xml_char(c))
    {
        Some(c) => Err(format!(
            "contains U+{:04X}, a character feeds cannot carry (a control character, or the replacement character left by a damaged encoding); remove it",
            c as u32
        )),
        None => Ok(()),
    }
}

/// Why there is no base URL, and where to set one.
fn no_base_url(site: &SiteSettings) -> String {
    let key = match site.generator {
        Generator::Hugo => "baseURL",
        Generator::Jekyll => "url",
        Generator::Zola => "base_url",
        Generator::None => {
            return format!(
                "no base URL: set `base_url` in {DEFAULT_CONFIG_FILE} or pass --base-url https://example.org/ (no Hugo, Jekyll or Zola configuration was found in {})",
                if site.root.as_os_str().is_empty() || site.root == Path::new(".") {
                    "this folder".to_string()
                } else {
                    site.root.display().to_string()
                }
            )
        }
    };
    format!(
        "no base URL: {} sets no `{key}`; set it there, or `base_url` in {DEFAULT_CONFIG_FILE}, or pass --base-url https://example.org/",
        site.describe_source()
    )
}

/// An absolute http(s) URL without query or fragment, given a trailing `/`.
fn parse_base_url(text: &str) -> std::result::Result<Url, String> {
    let mut url = Url::parse(text.trim()).map_err(|e| {
        format!("`{text}` is not an absolute URL ({e}); write it like https://example.org/")
    })?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(format!("`{text}` must start with https:// or http://"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{text}` has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("`{text}` must not have a query or a fragment"));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    // Every link in the feeds starts with it: what feed validators refuse in a
    // URI (an IPv6 address's `[`, a `|` in the path) would be refused everywhere.
    if let Some(c) = url.as_str().chars().find(|&c| !is_uri_char(c)) {
        return Err(format!(
            "`{text}` has `{c}`, which feed validators refuse in a URL; use a host name and a plain path, such as https://example.org/blog/"
        ));
    }
    if url.as_str().len() > MAX_LOC {
        return Err(format!(
            "`{text}` is {} characters long; sitemaps and many readers stop at {MAX_LOC} for any page's URL",
            url.as_str().len()
        ));
    }
    Ok(url)
}

/// Output names are plain file names: nothing a config file says may write
/// outside `--out`; and a name is its own URL (no character needs encoding),
/// so each feed's link to itself ends with the name of the file it is in.
fn check_output_name(name: &str) -> std::result::Result<(), String> {
    let plain = !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'));
    if plain {
        Ok(())
    } else {
        Err(format!(
            "`{}` must be a plain file name such as `feed.xml`: ASCII letters, digits, `-`, `_`, `.` and `~`, not starting with `.`, at most 200 characters",
            name.escape_debug()
        ))
    }
}

/// "Now": `--now`, else `SOURCE_DATE_EPOCH`, else the clock; and whether it was given.
pub(crate) fn resolve_now(flag: Option<&str>) -> Result<(DateTime<Utc>, bool)> {
    if let Some(text) = flag {
        return date::parse(text, SiteTimezone::default())
            .map(|now| (now, true))
            .map_err(|e| Error::Usage(format!("--now: {e}; {}", date::ACCEPTED_SHAPES)));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            Error::Usage(format!(
                "SOURCE_DATE_EPOCH: `{epoch}` is not a whole number of seconds"
            ))
        })?;
        return Utc
            .timestamp_opt(seconds, 0)
            .single()
            .map(|now| (now, true))
            .ok_or_else(|| Error::Usage(format!("SOURCE_DATE_EPOCH: `{epoch}` is out of range")));
    }
    Ok((Utc::now(), false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_a_trailing_slash() {
        assert_eq!(
            parse_base_url("https://example.org/blog").unwrap().as_str(),
            "https://example.org/blog/"
        );
        assert_eq!(
            parse_base_url("https://example.org").unwrap().as_str(),
            "https://example.org/"
        );
    }

    #[test]
    fn base_url_must_be_absolute_http() {
        for bad in [
            "example.org",
            "/blog/",
            "ftp://example.org/",
            "https://example.org/?q=1",
            "mailto:a@b.c",
        ] {
            assert!(parse_base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keys_are_found_on_their_lines() {
        let text = "base_url: https://example.org/\n# author: {email: x}\nauthor:\n  name: Jane\n\n  email: j@x.org\noutput: {rss: a.xml, 'atom': b.xml}\nlanguage: en\n";
        assert_eq!(line_of_key(text, "base_url"), Some(1));
        assert_eq!(line_of_key(text, "author"), Some(3));
        assert_eq!(line_of_key(text, "author.email"), Some(6));
        assert_eq!(line_of_key(text, "output.atom"), Some(7));
        assert_eq!(line_of_key(text, "output.sitemap"), Some(7));
        assert_eq!(line_of_key(text, "language"), Some(8));
        assert_eq!(line_of_key(text, "title"), None);
        let text = "base_url: https://x.org/\nsyndicate:\n  # networks\n  mastodon:\n    token_env: T\n    instance: http://m.org\n  devto: {}\n";
        assert_eq!(line_of_key(text, "syndicate.mastodon.instance"), Some(6));
        assert_eq!(line_of_key(text, "syndicate.devto.api"), Some(7));
        assert_eq!(line_of_key(text, "syndicate.bluesky.handle"), Some(2));
        assert_eq!(line_of_key("", "syndicate"), None);
        // A key of the same name deeper down is not the top-level one.
        assert_eq!(line_of_key("a:\n  title: x\ntitle: y\n", "title"), Some(3));
    }

    #[test]
    fn output_names_are_plain() {
        for good in ["feed.xml", "index~1.xml", "site_map-2.xml", "atom"] {
            assert!(check_output_name(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "..",
            "../x.xml",
            "/etc/x",
            "a\\b",
            ".hidden",
            "C:x",
            "a?b",
            "a#b",
            "a%20b",
            "a b.xml",
            "caf\u{e9}.xml",
            "a\nb",
        ] {
            assert!(check_output_name(bad).is_err(), "{bad}");
        }
    }
}
