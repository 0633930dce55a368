//! Where each feed goes. Subscribers follow URLs, not tools: a site that
//! replaces its generator's feeds with feedwright's must keep their URLs, or
//! every subscriber is lost. So each preset reproduces one generator's
//! layout (Hugo's, jekyll-feed's, Zola's), and `feedwright` is the tool's own.
//!
//! | preset | site | section `blog` | term `rust` of `tags` |
//! |---|---|---|---|
//! | feedwright | `rss.xml`, `atom.xml`, `feed.json` | `blog/rss.xml`, … | `tags/rust/rss.xml`, … |
//! | hugo | `index.xml` (RSS), `atom.xml`, `feed.json` | `blog/index.xml`, … | `tags/rust/index.xml`, … |
//! | jekyll | `feed.xml` (Atom), `rss.xml`, `feed.json` | `blog/feed.xml`, … | `feed/by_tag/rust.xml`, `….rss.xml`, `….json` |
//! | zola | `atom.xml`, `rss.xml`, `feed.json` | `blog/atom.xml`, … | `tags/rust/atom.xml`, … |
//!
//! A term's folder is named as its generator names the term's page; terms
//! whose files would be one place are one term, as each generator treats them.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Deserialize;
use url::Url;

use super::FeedFormat;
use crate::config::OutputNames;
use crate::content::slug::hugo::{self, PathOptions};
use crate::content::slug::zola::{self, SlugifyMode};
use crate::site_config::{Generator, GeneratorRules, SiteSettings};

/// A generator's feed layout, or feedwright's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// feedwright's own: `rss.xml`, `atom.xml`, `feed.json`; terms named as Hugo names them.
    #[default]
    Feedwright,
    /// Hugo's: RSS at `index.xml` in the site's, each section's and each term's folder.
    Hugo,
    /// jekyll-feed's: Atom at `feed.xml`, `feed/by_tag/TAG.xml`, `feed/CATEGORY.xml`.
    Jekyll,
    /// Zola's: `atom.xml` and `rss.xml`, terms slugified.
    Zola,
}

impl Preset {
    /// The preset of a site's generator (feedwright's for none).
    pub fn of(generator: Generator) -> Preset {
        match generator {
            Generator::None => Preset::Feedwright,
            Generator::Hugo => Preset::Hugo,
            Generator::Jekyll => Preset::Jekyll,
            Generator::Zola => Preset::Zola,
        }
    }

    /// The preset's name in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Feedwright => "feedwright",
            Preset::Hugo => "hugo",
            Preset::Jekyll => "jekyll",
            Preset::Zola => "zola",
        }
    }

    /// The names of the site's files; a format the generator does not write
    /// goes beside the others with feedwright's name.
    pub fn output_names(self) -> OutputNames {
        let (rss, atom) = match self {
            Preset::Feedwright | Preset::Zola => ("rss.xml", "atom.xml"),
            Preset::Hugo => ("index.xml", "atom.xml"),
            Preset::Jekyll => ("rss.xml", "feed.xml"),
        };
        OutputNames {
            rss: rss.into(),
            atom: atom.into(),
            json: "feed.json".into(),
            sitemap: "sitemap.xml".into(),
            html: "feeds.html".into(),
        }
    }

    /// The site's file names as its own generator names them, where it
    /// configures them: Hugo's RSS `baseName` (`outputFormats.rss.baseName`),
    /// jekyll-feed's `feed.path`. `None` when this preset is not the site's
    /// generator's, or the site says nothing.
    pub(crate) fn site_names(self, site: &SiteSettings) -> OutputNames {
        let mut names = self.output_names();
        match (self, &site.rules) {
            (Preset::Hugo, GeneratorRules::Hugo(rules)) if !rules.rss_base_name.is_empty() => {
                names.rss = format!("{}.xml", rules.rss_base_name);
            }
            (Preset::Jekyll, GeneratorRules::Jekyll(rules)) => {
                let path = rules.feed_path.trim_start_matches('/');
                if !path.is_empty() && !path.contains('/') {
                    names.atom = path.to_string();
                }
            }
            _ => {}
        }
        names
    }
}

/// How a site's generator makes a term a path: what the presets need of the
/// site's configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TermRules {
    /// Hugo's `removePathAccents` and `disablePathToLower`.
    hugo: PathOptions,
    /// Zola's `slugify.taxonomies`.
    zola: SlugifyMode,
    /// Zola's `taxonomy_root`: a folder before every taxonomy's.
    zola_root: Option<String>,
}

impl TermRules {
    /// The rules the site's configuration sets (defaults for what it does not).
    pub(crate) fn of(site: &SiteSettings) -> TermRules {
        match &site.rules {
            GeneratorRules::Hugo(rules) => TermRules {
                hugo: rules.path,
                ..TermRules::default()
            },
            GeneratorRules::Zola(rules) => TermRules {
                zola: rules.slugify_taxonomies,
                zola_root: rules.taxonomy_root.clone(),
                ..TermRules::default()
            },
            _ => TermRules::default(),
        }
    }
}

impl Preset {
    /// Where the feeds of the term `term` of `taxonomy` go; `None` when the
    /// term names no path at all (only punctuation, say).
    pub(crate) fn term_place(self, rules: &TermRules, taxonomy: &str, term: &str) -> Option<Place> {
        match self {
            Preset::Jekyll => jekyll_term_place(taxonomy, term)
                .or_else(|| hugo_term_place(PathOptions::default(), taxonomy, term)),
            Preset::Feedwright | Preset::Hugo => hugo_term_place(rules.hugo, taxonomy, term),
            Preset::Zola => zola_term_place(rules, taxonomy, term),
        }
    }
}

/// Where a feed set's files go, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// The output folder (`""`) or a folder in it (`tags/rust`), the files
    /// having the site's names.
    Folder(String),
    /// jekyll-feed's term feeds: the Atom feed `STEM.xml`, with `STEM.rss.xml`
    /// and `STEM.json` beside it.
    Stem(String),
}

impl Place {
    /// The place inside the folder `prefix` (a language's, `fr`); itself for `""`.
    pub(crate) fn under(self, prefix: &str) -> Place {
        if prefix.is_empty() {
            return self;
        }
        match self {
            Place::Folder(folder) if folder.is_empty() => Place::Folder(prefix.to_string()),
            Place::Folder(folder) => Place::Folder(format!("{prefix}/{folder}")),
            Place::Stem(stem) => Place::Stem(format!("{prefix}/{stem}")),
        }
    }

    /// The path of the feed in `format`, `names` being the site's file names.
    pub fn file(&self, format: FeedFormat, names: &OutputNames) -> String {
        match self {
            Place::Folder(folder) if folder.is_empty() => names.feed(format).to_string(),
            Place::Folder(folder) => format!("{folder}/{}", names.feed(format)),
            Place::Stem(stem) => match format {
                FeedFormat::Atom => format!("{stem}.xml"),
                FeedFormat::Rss => format!("{stem}.rss.xml"),
                FeedFormat::Json => format!("{stem}.json"),
            },
        }
    }
}

/// Hugo's term folder (`getTaxonomyKey`), which feedwright's preset shares:
/// the taxonomy's plural and the term, each made a path as Hugo makes it
/// (`MakePathSanitized`): `Go Lang`, `go lang` and `go-lang` are one term.
fn hugo_term_place(options: PathOptions, taxonomy: &str, term: &str) -> Option<Place> {
    let plural = hugo::make_path_sanitized(taxonomy, options);
    let key = hugo::term_key(term, options);
    join_segments(&[&plural, &key]).map(Place::Folder)
}

/// Zola's term folder: `taxonomy_root`, then the taxonomy's and the term's
/// slugs under `slugify.taxonomies` (`C++` is `c`, `日本語` `ri-ben-yu`).
fn zola_term_place(rules: &TermRules, taxonomy: &str, term: &str) -> Option<Place> {
    let name = zola::slugify_paths(taxonomy, rules.zola);
    let slug = zola::slugify_paths(term, rules.zola);
    let folder = join_segments(&[&name, &slug])?;
    Some(Place::Folder(match &rules.zola_root {
        Some(root) => join_segments(&[root, &folder])?,
        None => folder,
    }))
}

/// jekyll-feed's files for a tag (`feed/by_tag/TAG`: only tags of letters,
/// digits and `_`, as its generator allows) or a category (`feed/CATEGORY`,
/// as written); `None` where it writes none.
fn jekyll_term_place(taxonomy: &str, term: &str) -> Option<Place> {
    match taxonomy {
        "tags" if term.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') => {
            Some(Place::Stem(format!("feed/by_tag/{term}")))
        }
        "categories" if is_plain_file_stem(term) => Some(Place::Stem(format!("feed/{term}"))),
        _ => None,
    }
}

/// A name that is one file name as it is: no separators, controls or leading dot.
fn is_plain_file_stem(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && name.trim() == name
        && !name
            .chars()
            .any(|c| c.is_control() || matches!(c, '/' | '\\' | ':' | '?' | '#' | '%'))
}

/// `segments` joined by `/`, each split at `/` and `\` (a term may name a
/// nested folder, as in Hugo), with empty, `.` and `..` parts dropped, so no
/// path can leave the output folder; `None` when nothing is left.
fn join_segments(segments: &[&str]) -> Option<String> {
    let parts: Vec<&str> = segments
        .iter()
        .flat_map(|s| s.split(['/', '\\']))
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect();
    (parts.len() >= segments.len()).then(|| parts.join("/"))
}

/// Characters a URL path segment must not carry raw (those beside the controls
/// and non-ASCII, which are always encoded).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The absolute URL of the output file at `path` (`/`-separated, as written
/// on disk): each segment percent-encoded, so a server decoding the URL finds
/// the file.
pub fn file_url(base: &Url, path: &str) -> Url {
    let encoded: Vec<String> = path
        .split('/')
        .map(|segment| utf8_percent_encode(segment, SEGMENT).to_string())
        .collect();
    // `./` first: a first segment with a `:` must not read as a scheme.
    base.join(&format!("./{}", encoded.join("/")))
        .expect("a relative path joins any base URL")
}

/// The URL of a folder's page (`tags/rust` → `https://example.org/tags/rust/`).
pub fn folder_url(base: &Url, folder: &str) -> Url {
    if folder.is_empty() {
        return base.clone();
    }
    file_url(base, &format!("{folder}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(preset: Preset) -> OutputNames {
        preset.output_names()
    }

    #[test]
    fn each_preset_names_the_site_files() {
        let files = |preset: Preset| {
            FeedFormat::ALL.map(|f| Place::Folder(String::new()).file(f, &names(preset)))
        };
        assert_eq!(
            files(Preset::Feedwright),
            ["rss.xml", "atom.xml", "feed.json"]
        );
        assert_eq!(files(Preset::Hugo), ["index.xml", "atom.xml", "feed.json"]);
        assert_eq!(files(Preset::Jekyll), ["rss.xml", "feed.xml", "feed.json"]);
        assert_eq!(files(Preset::Zola), ["rss.xml", "atom.xml", "feed.json"]);
    }

    #[test]
    fn jekyll_term_files() {
        let rules = TermRules::default();
        let place = Preset::Jekyll.term_place(&rules, "tags", "Rust").unwrap();
        let n = names(Preset::Jekyll);
        assert_eq!(place.file(FeedFormat::Atom, &n), "feed/by_tag/Rust.xml");
        assert_eq!(place.file(FeedFormat::Rss, &n), "feed/by_tag/Rust.rss.xml");
        assert_eq!(place.file(FeedFormat::Json, &n), "feed/by_tag/Rust.json");
        // A tag jekyll-feed writes no feed for gets feedwright's place.
        let place = Preset::Jekyll
            .term_place(&rules, "tags", "Go Lang")
            .unwrap();
        assert_eq!(place.file(FeedFormat::Atom, &n), "tags/go-lang/feed.xml");
        let place = Preset::Jekyll
            .term_place(&rules, "categories", "News")
            .unwrap();
        assert_eq!(place.file(FeedFormat::Atom, &n), "feed/News.xml");
    }

    #[test]
    fn term_paths_never_leave_the_output_folder() {
        let rules = TermRules::default();
        for term in ["../../etc", "..", "/", "a/../../b"] {
            if let Some(Place::Folder(folder)) = Preset::Hugo.term_place(&rules, "tags", term) {
                assert!(
                    folder.starts_with("tags/") && !folder.split('/').any(|s| s == ".."),
                    "{term}: {folder}"
                );
            }
        }
        assert_eq!(Preset::Hugo.term_place(&rules, "tags", "!!!"), None);
    }

    #[test]
    fn terms_are_named_as_each_generator_names_them() {
        let rules = TermRules::default();
        let folder = |preset: Preset, term: &str| match preset.term_place(&rules, "tags", term) {
            Some(Place::Folder(folder)) => folder,
            other => panic!("{other:?}"),
        };
        for (term, hugo, zola) in [
            ("Go Lang", "tags/go-lang", "tags/go-lang"),
            ("C++", "tags/c++", "tags/c"),
            ("C#", "tags/c#", "tags/c"),
            ("日本語", "tags/日本語", "tags/ri-ben-yu"),
            ("Hello, World!", "tags/hello-world", "tags/hello-world"),
        ] {
            assert_eq!(folder(Preset::Hugo, term), hugo, "{term}");
            assert_eq!(folder(Preset::Feedwright, term), hugo, "{term}");
            assert_eq!(folder(Preset::Zola, term), zola, "{term}");
        }
        let safe = TermRules {
            zola: SlugifyMode::Safe,
            zola_root: Some("blog".into()),
            ..TermRules::default()
        };
        assert_eq!(
            Preset::Zola.term_place(&safe, "tags", "Rust & Go"),
            Some(Place::Folder("blog/tags/Rust & Go".into()))
        );
    }

    #[test]
    fn file_urls_encode_each_segment() {
        let base = Url::parse("https://example.org/blog/").unwrap();
        assert_eq!(
            file_url(&base, "tags/c#/index.xml").as_str(),
            "https://example.org/blog/tags/c%23/index.xml"
        );
        assert_eq!(
            file_url(&base, "tags/日本語/rss.xml").as_str(),
            "https://example.org/blog/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/rss.xml"
        );
        assert_eq!(
            file_url(&base, "mailto:x/rss.xml").as_str(),
            "https://example.org/blog/mailto:x/rss.xml"
        );
        assert_eq!(
            folder_url(&base, "tags/c++").as_str(),
            "https://example.org/blog/tags/c++/"
        );
    }
}
