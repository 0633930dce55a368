//! Site settings: the config file, with command-line flags laid over it, validated once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use serde::Deserialize;
use url::Url;

use crate::content::date::{self, SiteTimezone};
use crate::content::permalink::PermalinkPattern;
use crate::error::{Error, Result};
use crate::output::preset::Preset;
use crate::output::FeedFormat;

/// The config file read when `--config` is not given, if it exists.
pub const DEFAULT_CONFIG_FILE: &str = "feedwright.yaml";

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
    /// `--formats rss,atom,json`.
    pub formats: Option<Vec<FeedFormat>>,
    /// `--html`.
    pub html: bool,
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
    limit: Option<usize>,
    sitemap: Option<bool>,
    #[serde(default)]
    output: OutputFileNames,
    content: Option<PathBuf>,
    out: Option<PathBuf>,
    formats: Option<Vec<FeedFormat>>,
    #[serde(default)]
    feeds: FeedsSection,
    #[serde(default)]
    hubs: Vec<String>,
    max_feed_bytes: Option<usize>,
    full_content: Option<bool>,
    static_dir: Option<PathBuf>,
    html: Option<bool>,
    icon: Option<String>,
    favicon: Option<String>,
    /// Read by `feedwright syndicate` alone ([`syndicate_section`]).
    syndicate: Option<crate::syndicate::SyndicateSection>,
}

/// The site's author, named in both feeds.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// The author's name.
    pub name: String,
    /// The author's e-mail address, if they publish one.
    pub email: Option<String>,
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
    limit: Option<usize>,
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
pub const DEFAULT_MAX_FEED_BYTES: usize = crate::output::MAX_FEED_BYTES;

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
    /// The WebSub hubs the feeds name (`rel="hub"`), which `syndicate` pings.
    pub hubs: Vec<Url>,
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
}

impl Config {
    /// Reads the config file (if any) and lays `options` over it.
    pub fn load(options: &Options) -> Result<Config> {
        let (file, path) = match &options.config_file {
            Some(path) => (read_config_file(path)?, path.clone()),
            None if Path::new(DEFAULT_CONFIG_FILE).is_file() => {
                let path = PathBuf::from(DEFAULT_CONFIG_FILE);
                (read_config_file(&path)?, path)
            }
            None => (ConfigFile::default(), PathBuf::from(DEFAULT_CONFIG_FILE)),
        };
        let config_error = |message: String| Error::Config {
            path: path.clone(),
            message,
        };

        let base_url_text = options.base_url.clone().or(file.base_url).ok_or_else(|| {
            Error::Usage(format!(
                "no base URL: set `base_url` in {DEFAULT_CONFIG_FILE} or pass --base-url https://example.org/"
            ))
        })?;
        let base_url = parse_base_url(&base_url_text).map_err(|message| {
            if options.base_url.is_some() {
                Error::Usage(format!("--base-url: {message}"))
            } else {
                config_error(format!("base_url: {message}"))
            }
        })?;

        let timezone = match &file.timezone {
            Some(text) => text
                .parse()
                .map_err(|m| config_error(format!("timezone: {m}")))?,
            None => SiteTimezone::default(),
        };
        let mut permalinks = BTreeMap::new();
        for (section, pattern) in &file.permalinks {
            let parsed = PermalinkPattern::parse(pattern)
                .map_err(|m| config_error(format!("permalinks.{section}: {m}")))?;
            permalinks.insert(section.trim_matches('/').to_string(), parsed);
        }
        let preset = file.feeds.preset.unwrap_or_default();
        let output = output_names(preset, &file.output).map_err(config_error)?;
        let formats =
            formats(options.formats.as_deref().or(file.formats.as_deref())).map_err(|m| {
                match options.formats {
                    Some(_) => Error::Usage(format!("--formats: {m}")),
                    None => config_error(format!("formats: {m}")),
                }
            })?;
        let mut taxonomies: Vec<String> = Vec::new();
        for taxonomy in &file.feeds.taxonomies {
            let name = taxonomy.trim().to_lowercase();
            if name.is_empty() || name.contains(['/', '\\']) {
                return Err(config_error(format!(
                    "feeds.taxonomies: `{taxonomy}` is not a taxonomy name such as `tags`"
                )));
            }
            if !taxonomies.contains(&name) {
                taxonomies.push(name);
            }
        }
        let hubs = file
            .hubs
            .iter()
            .map(|hub| {
                Url::parse(hub.trim())
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
                    .ok_or_else(|| {
                        config_error(format!(
                            "hubs: `{hub}` is not an absolute http(s) URL such as https://pubsubhubbub.appspot.com/"
                        ))
                    })
            })
            .collect::<Result<Vec<_>>>()?;
        let language = match file.language {
            Some(lang) if !feedwright_check::spec::language(&lang) => {
                return Err(config_error(format!(
                    "language: `{lang}` is not a language tag such as `en` or `en-us`"
                )))
            }
            other => other.map(|l| l.to_ascii_lowercase()),
        };
        if let Some(author) = &file.author {
            if author.name.trim().is_empty() {
                return Err(config_error("author.name is empty".into()));
            }
            if let Some(email) = &author.email {
                if !feedwright_check::spec::addr_spec(email) {
                    return Err(config_error(format!(
                        "author.email: `{email}` is not an e-mail address"
                    )));
                }
            }
        }

        let (now, now_given) = resolve_now(options.now.as_deref())?;
        let title = file
            .title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| base_url.host_str().unwrap_or("feed").to_string());
        let description = file
            .description
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| title.clone());

        let content_dir = options
            .content_dir
            .clone()
            .or(file.content)
            .unwrap_or_else(|| PathBuf::from("content"));
        let static_dir = file
            .static_dir
            .unwrap_or_else(|| site_root(&content_dir).join("static"));
        let limit = options.limit.or(file.limit).unwrap_or(20);
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
                    return Err(config_error(format!(
                        "{key}: `{text}` is neither an absolute URL nor a path on the site such as /images/icon.png"
                    )))
                }
            };
            if !matches!(url.scheme(), "http" | "https") {
                return Err(config_error(format!(
                    "{key}: `{text}` must be an http(s) URL or a path on the site"
                )));
            }
            Ok(Some(url))
        };
        let icon = icon_url("icon", &file.icon)?;
        let favicon = icon_url("favicon", &file.favicon)?;
        Ok(Config {
            icon,
            favicon,
            static_dir,
            content_dir,
            out_dir: options
                .out_dir
                .clone()
                .or(file.out)
                .unwrap_or_else(|| PathBuf::from("public")),
            base_url,
            title,
            description,
            language,
            author: file.author,
            timezone,
            permalinks,
            limit,
            sitemap: options.sitemap || file.sitemap.unwrap_or(false),
            output,
            formats,
            feed_sets: FeedSetSettings {
                preset,
                sections: file.feeds.sections,
                taxonomies,
                limit: file.feeds.limit.unwrap_or(limit),
            },
            hubs,
            max_feed_bytes: file.max_feed_bytes.unwrap_or(DEFAULT_MAX_FEED_BYTES),
            full_content: file.full_content.unwrap_or(true),
            html: options.html || file.html.unwrap_or(false),
            include: Inclusion {
                drafts: options.drafts,
                future: options.future,
                expired: options.expired,
            },
            now,
            now_given,
            keep_going: options.keep_going,
        })
    }

    /// The absolute URL of an output file, `name` being its path in the
    /// output folder (segments percent-encoded as URLs need them).
    pub fn output_url(&self, name: &str) -> Url {
        crate::output::preset::file_url(&self.base_url, name)
    }
}

/// The site's root folder: the one holding the content folder (and `static/`).
pub fn site_root(content_dir: &Path) -> PathBuf {
    match content_dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The output names: the preset's, with those the config file gives laid over them.
fn output_names(
    preset: Preset,
    given: &OutputFileNames,
) -> std::result::Result<OutputNames, String> {
    let defaults = preset.output_names();
    let pick = |key: &str, given: &Option<String>, default: String| match given {
        Some(name) => check_output_name(name)
            .map(|()| name.clone())
            .map_err(|m| format!("output.{key}: {m}")),
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
            return Err(format!(
                "output: `{name}` is named twice; the RSS, Atom, JSON Feed, sitemap and HTML files need names of their own"
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
pub fn syndicate_section(
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
    let file = read_config_file(&path)?;
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    Ok((file.syndicate.unwrap_or_default(), path, text))
}

/// The 1-based line of the dotted `key` (`syndicate.mastodon.instance`) in
/// YAML `text`, or of the deepest part of it that is written there.
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let mut found = None;
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
            let name = trimmed
                .split(':')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            if name == part
                && trimmed[name.len()..]
                    .trim_start_matches(['"', '\''])
                    .trim_start()
                    .starts_with(':')
            {
                found = Some(number + 1);
                parent_indent = Some(indent);
                continue 'parts;
            }
        }
        break;
    }
    found
}

fn read_config_file(path: &Path) -> Result<ConfigFile> {
    let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::Usage(format!("{}: config file not found", path.display()))
        }
        _ => Error::io(path, e),
    })?;
    if text.trim().is_empty() {
        return Ok(ConfigFile::default());
    }
    serde_yaml::from_str(&text).map_err(|e| {
        let at = e
            .location()
            .map(|l| {
                let line = crate::content::front_matter::text_line_of_yaml_line(&text, l.line());
                format!("line {line}: ")
            })
            .unwrap_or_default();
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        Error::Config {
            path: path.to_path_buf(),
            message: format!("{at}{message}"),
        }
    })
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
    Ok(url)
}

/// Output names are plain file names: nothing a config file says may write outside `--out`.
fn check_output_name(name: &str) -> std::result::Result<(), String> {
    let plain = !name.is_empty()
        && name != "."
        && name != ".."
        && name.len() <= 200
        && !name.contains(['/', '\\', ':', '\0'])
        && !name.starts_with('.');
    if plain {
        Ok(())
    } else {
        Err(format!(
            "`{name}` must be a plain file name such as `feed.xml`"
        ))
    }
}

/// "Now": `--now`, else `SOURCE_DATE_EPOCH`, else the clock; and whether it was given.
pub fn resolve_now(flag: Option<&str>) -> Result<(DateTime<Utc>, bool)> {
    if let Some(text) = flag {
        return date::parse(text, SiteTimezone::default())
            .map(|now| (now, true))
            .map_err(|e| Error::Usage(format!("--now: {e}")));
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
    fn keys_are_found_on_their_lines() {
        let text = "base_url: https://x.org/\nsyndicate:\n  # networks\n  mastodon:\n    token_env: T\n    instance: http://m.org\n  devto: {}\n";
        assert_eq!(line_of_key(text, "syndicate.mastodon.instance"), Some(6));
        assert_eq!(line_of_key(text, "syndicate.devto.api"), Some(7));
        assert_eq!(line_of_key(text, "syndicate.bluesky.handle"), Some(2));
        assert_eq!(line_of_key("", "syndicate"), None);
    }

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
    fn output_names_are_plain() {
        assert!(check_output_name("feed.xml").is_ok());
        for bad in ["", "..", "../x.xml", "/etc/x", "a\\b", ".hidden", "C:x"] {
            assert!(check_output_name(bad).is_err(), "{bad}");
        }
    }
}
