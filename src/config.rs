//! Site settings: the config file, with command-line flags laid over it, validated once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use serde::Deserialize;
use url::Url;

use crate::content::date::{self, SiteTimezone};
use crate::content::permalink::PermalinkPattern;
use crate::error::{Error, Result};

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
    output: OutputNames,
    content: Option<PathBuf>,
    out: Option<PathBuf>,
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

/// The names of the files written into the output folder.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct OutputNames {
    /// The RSS 2.0 feed.
    pub rss: String,
    /// The Atom 1.0 feed.
    pub atom: String,
    /// The sitemap (or sitemap index, when the site needs several sitemaps).
    pub sitemap: String,
}

impl Default for OutputNames {
    fn default() -> Self {
        OutputNames {
            rss: "rss.xml".into(),
            atom: "atom.xml".into(),
            sitemap: "sitemap.xml".into(),
        }
    }
}

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
        for (key, name) in [
            ("rss", &file.output.rss),
            ("atom", &file.output.atom),
            ("sitemap", &file.output.sitemap),
        ] {
            check_output_name(name).map_err(|m| config_error(format!("output.{key}: {m}")))?;
        }
        if file.output.rss == file.output.atom
            || file.output.rss == file.output.sitemap
            || file.output.atom == file.output.sitemap
        {
            return Err(config_error(
                "output: the three file names must differ".into(),
            ));
        }
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

        Ok(Config {
            content_dir: options
                .content_dir
                .clone()
                .or(file.content)
                .unwrap_or_else(|| PathBuf::from("content")),
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
            limit: options.limit.or(file.limit).unwrap_or(20),
            sitemap: options.sitemap || file.sitemap.unwrap_or(false),
            output: file.output,
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

    /// The absolute URL of an output file.
    pub fn output_url(&self, name: &str) -> Url {
        self.base_url
            .join(name)
            .expect("output names are validated plain file names")
    }

    /// The site's root folder: the one holding the content folder (`content/`,
    /// Jekyll's `_posts/`), where `static/`, `data/`, `layouts/` and the
    /// generator's own configuration live.
    pub fn site_root(&self) -> std::path::PathBuf {
        match self.content_dir.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        }
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
