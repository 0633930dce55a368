//! What a build does with every content file, and why: the fates that
//! `build -v` and `feedwright list` tell. They are read from the choices
//! the build itself makes, never made again here: the site model's
//! published pages and the files it left out ([`Site`]), and each
//! language's feed, [`Site::newest_posts_in`] under the configured limit.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::Serialize;
use url::Url;

use crate::config::Config;
use crate::content::date::to_rfc3339;
use crate::content::site::{LeftOutReason, PageKind, Site};
use crate::output::preset::Place;

/// What happens to a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fate {
    /// A feed entry (and in the sitemap).
    InFeeds,
    /// Published, and in the sitemap, but in no feed: a list page, a post
    /// older than the feeds' limit, a page that is not a post.
    SitemapOnly,
    /// A draft, not published.
    Draft,
    /// Dated after "now", not published yet.
    Future,
    /// Past its `expiryDate`, no longer published.
    Expired,
    /// Left out of the feeds (or of everything) by a setting: a section
    /// that holds no feed posts, `headless`, a translation, a page whose
    /// URL another page has.
    Excluded,
    /// A page without a date: in the sitemap, never a feed entry.
    Undated,
}

impl Fate {
    /// How the fate reads in a table and under `-v`.
    pub fn name(self) -> &'static str {
        match self {
            Fate::InFeeds => "in the feeds",
            Fate::SitemapOnly => "sitemap only",
            Fate::Draft => "draft",
            Fate::Future => "future",
            Fate::Expired => "expired",
            Fate::Excluded => "excluded",
            Fate::Undated => "undated",
        }
    }
}

/// A content file (or a list page the site makes) and its fate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageFate {
    /// The content file; `None` for a list page made without an `_index.md`.
    pub source: Option<PathBuf>,
    /// Its title, where it has one.
    pub title: Option<String>,
    /// Its date (UTC), where it has one.
    #[serde(serialize_with = "rfc3339")]
    pub date: Option<DateTime<Utc>>,
    /// Its URL, where it is published.
    pub permalink: Option<Url>,
    /// The feed files that carry it, by their names in the output folder.
    pub feeds: Vec<String>,
    /// What happens to it.
    pub fate: Fate,
    /// Why, and where it helps, how to change it.
    pub why: String,
}

fn rfc3339<S: serde::Serializer>(date: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => s.serialize_str(&to_rfc3339(*date)),
        None => s.serialize_none(),
    }
}

/// Every content file's fate, newest first (undated last, then by URL and
/// file). `kept` is how many entries the default language's feeds held
/// once rendered, when a build trimmed them to stay under
/// `max_feed_bytes`; `None` when nothing was rendered (`list`).
pub(crate) fn page_fates(site: &Site, config: &Config, kept: Option<usize>) -> Vec<PageFate> {
    let limit = config.limit;
    // Each language's feed: its posts under the limit, in feed order, and its file names.
    let mut in_feed: HashMap<&Url, (usize, Vec<String>)> = HashMap::new();
    for (language, prefix) in crate::feed_prefixes(config).into_iter().enumerate() {
        let place = Place::Folder(prefix);
        let files: Vec<String> = config
            .formats
            .iter()
            .map(|format| place.file(*format, &config.output))
            .collect();
        for (position, page) in site
            .newest_posts_in(language, limit)
            .into_iter()
            .enumerate()
        {
            in_feed.insert(&page.permalink, (position, files.clone()));
        }
    }
    let no_sitemap = if config.sitemap {
        ""
    } else {
        " (for the sitemap, which --sitemap writes)"
    };
    let mut fates: Vec<PageFate> = site
        .pages
        .iter()
        .map(|page| {
            let (fate, feeds, why) = match page.kind {
                PageKind::Home => (
                    Fate::SitemapOnly,
                    Vec::new(),
                    format!("the home page, a list page{no_sitemap}"),
                ),
                PageKind::Section => (
                    Fate::SitemapOnly,
                    Vec::new(),
                    format!("the list page of section `{}`{no_sitemap}", page.section),
                ),
                PageKind::Page if page.date.is_none() => (
                    Fate::Undated,
                    Vec::new(),
                    format!("no date, so a page rather than a post{no_sitemap}"),
                ),
                PageKind::Page => (
                    Fate::SitemapOnly,
                    Vec::new(),
                    format!("a page, not a post (the generator's pages and non-post collections are never feed entries){no_sitemap}"),
                ),
                PageKind::Post if !page.in_site_feed => (
                    Fate::Excluded,
                    Vec::new(),
                    format!(
                        "its section `{}` is not one of those whose posts are feed entries (`feed_sections`, Hugo's `mainSections`){no_sitemap}",
                        page.section
                    ),
                ),
                PageKind::Post => match in_feed.get(&page.permalink) {
                    Some((position, _)) if page.language == 0 && kept.is_some_and(|k| *position >= k) => (
                        Fate::SitemapOnly,
                        Vec::new(),
                        format!("left out of the feeds to keep them under {} bytes (`max_feed_bytes`){no_sitemap}", config.max_feed_bytes),
                    ),
                    Some((_, files)) => (
                        Fate::InFeeds,
                        files.clone(),
                        match limit {
                            0 => "a post; the feeds carry every post (limit 0)".to_string(),
                            n => format!("one of the newest {n} posts (`limit`, --limit)"),
                        },
                    ),
                    None => (
                        Fate::SitemapOnly,
                        Vec::new(),
                        format!("older than the newest {limit} posts the feeds carry (`limit`, --limit){no_sitemap}"),
                    ),
                },
            };
            PageFate {
                source: page.source.clone(),
                title: page.title.as_deref().map(str::to_string),
                date: page.date,
                permalink: Some(page.permalink.clone()),
                feeds,
                fate,
                why,
            }
        })
        .collect();
    fates.extend(site.shadowed.iter().map(|(source, url)| PageFate {
        source: Some(source.clone()),
        title: None,
        date: None,
        permalink: Some(url.clone()),
        feeds: Vec::new(),
        fate: Fate::Excluded,
        why: format!("another page has its URL ({url}), and the site publishes one page there"),
    }));
    fates.extend(site.left_out.iter().map(|left| {
        let (fate, why) = match left.reason {
            LeftOutReason::Draft => (
                Fate::Draft,
                "`draft: true` (or `published: false`); --drafts publishes it".to_string(),
            ),
            LeftOutReason::Headless => (
                Fate::Excluded,
                "`headless: true`: a bundle of resources without a page".to_string(),
            ),
            LeftOutReason::Future(at) => (
                Fate::Future,
                format!(
                    "published {}, after now ({}); --future, or a later --now, publishes it",
                    to_rfc3339(at),
                    to_rfc3339(config.now)
                ),
            ),
            LeftOutReason::Expired(at) => (
                Fate::Expired,
                format!(
                    "expired {} (`expiryDate`); --expired publishes it",
                    to_rfc3339(at)
                ),
            ),
            LeftOutReason::OtherLanguage => (
                Fate::Excluded,
                "a translation (`name.LANG.md`) not in the site's language".to_string(),
            ),
        };
        PageFate {
            source: Some(left.source.clone()),
            title: left.title.as_deref().map(str::to_string),
            date: left.date,
            permalink: None,
            feeds: Vec::new(),
            fate,
            why,
        }
    }));
    fates.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| {
                let url = |f: &PageFate| f.permalink.as_ref().map(|u| u.as_str().to_string());
                url(a).cmp(&url(b))
            })
            .then_with(|| a.source.cmp(&b.source))
    });
    fates
}
