//! The feed, format-independent: which posts enter it, each rendered once,
//! with every string XML-safe. RSS and Atom are both written from this.

pub(crate) mod details;
pub mod markdown;
pub mod sanitize;
pub mod xml_text;

use std::path::PathBuf;

use chrono::{DateTime, SubsecRound, Utc};
use rayon::prelude::*;
use url::Url;

use crate::config::{Author, Config};
use crate::content::front_matter::{FrontMatter, Keys, Split};
use crate::content::site::{Page, Site};
use crate::content::source;
use crate::error::{Result, Warning};

use details::PostDetails;
use markdown::RenderedBody;
use sanitize::escape_text;
use xml_text::clean;

/// A feed's channel-level data and its entries, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// The site title.
    pub title: String,
    /// The site description.
    pub description: String,
    /// The site language.
    pub language: Option<String>,
    /// The site's home page.
    pub home: Url,
    /// The site's author.
    pub author: Option<Author>,
    /// The newest update time among the entries (never the clock).
    pub updated: Option<DateTime<Utc>>,
    /// The WebSub hubs subscribers may use (`rel="hub"`).
    pub hubs: Vec<Url>,
    /// The entries, newest first.
    pub entries: Vec<FeedEntry>,
}

/// One post as a feed entry.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// The post's title.
    pub title: String,
    /// The post's absolute URL; also its id, so readers never see it as new twice.
    pub permalink: Url,
    /// The post's content file, for messages about it.
    pub source: PathBuf,
    /// When it was published.
    pub published: DateTime<Utc>,
    /// When it last changed.
    pub updated: DateTime<Utc>,
    /// Author names.
    pub authors: Vec<String>,
    /// Tags and categories.
    pub categories: Vec<String>,
    /// The post's front-matter image.
    pub image: Option<FeedImage>,
    /// The summary as HTML.
    pub summary_html: String,
    /// The whole post as HTML.
    pub content_html: String,
}

/// An image, with the media type its file name implies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedImage {
    /// The image's absolute URL.
    pub url: Url,
    /// `image/jpeg` and so on, when the extension is a known one.
    pub media_type: Option<&'static str>,
}

impl Feed {
    /// Selects the newest posts (up to the configured limit) and reads each
    /// again for its entry, in parallel; and what the user should hear about
    /// posts left out under `--keep-going`.
    pub fn build(site: &Site, config: &Config) -> Result<(Feed, Vec<Warning>)> {
        let (entries, warnings) = read_entries(site, config)?;
        let feed = Feed {
            title: clean(&config.title).into_owned(),
            description: clean(&config.description).into_owned(),
            language: config.language.clone(),
            home: config.base_url.clone(),
            hubs: config.hubs.clone(),
            author: config.author.as_ref().map(|a| Author {
                name: clean(&a.name).into_owned(),
                email: a.email.clone(),
            }),
            updated: entries
                .iter()
                .map(|e| e.updated)
                .max()
                .or_else(|| undated_feed_time(site, config)),
            entries,
        };
        Ok((feed, warnings))
    }
}

/// The entries of the newest posts, newest first. A post whose file fails
/// to read now (a key only entries need is broken: the pass over the whole
/// site skipped it) fails the build, or under `--keep-going` is left out with
/// a warning and the next newest post takes its place.
fn read_entries(site: &Site, config: &Config) -> Result<(Vec<FeedEntry>, Vec<Warning>)> {
    let read = |pages: &[&Page]| -> Vec<Result<FeedEntry>> {
        pages
            .par_iter()
            .map(|page| read_entry(page, config))
            .collect()
    };
    let newest = site.newest_posts(config.limit);
    let results = read(&newest);
    if !config.keep_going {
        let entries = results.into_iter().collect::<Result<Vec<_>>>()?;
        return Ok((entries, Vec::new()));
    }
    let mut entries = Vec::with_capacity(results.len());
    let mut warnings = Vec::new();
    let mut keep = |results: Vec<Result<FeedEntry>>, entries: &mut Vec<FeedEntry>| {
        for result in results {
            match result {
                Ok(entry) => entries.push(entry),
                Err(error) => warnings.push(Warning::skipped(&error)),
            }
        }
    };
    keep(results, &mut entries);
    if entries.len() < newest.len() && config.limit > 0 {
        let all = site.newest_posts(0);
        let mut next = newest.len();
        while entries.len() < config.limit && next < all.len() {
            let take = (config.limit - entries.len()).min(all.len() - next);
            keep(read(&all[next..next + take]), &mut entries);
            next += take;
        }
    }
    Ok((entries, warnings))
}

/// When a feed without posts was last updated: the newest page's date, else the
/// explicit "now" (`--now`, `SOURCE_DATE_EPOCH`), else when the content last
/// changed on disk. Never the clock: an unchanged site keeps its feed's bytes.
fn undated_feed_time(site: &Site, config: &Config) -> Option<DateTime<Utc>> {
    site.pages
        .iter()
        .filter_map(|p| p.lastmod)
        .max()
        .or(config.now_given.then_some(config.now))
        .or_else(|| {
            let sources = site.pages.iter().filter_map(|p| p.source.as_deref());
            std::iter::once(config.content_dir.as_path())
                .chain(sources)
                .filter_map(|path| std::fs::metadata(path).and_then(|m| m.modified()).ok())
                .max()
                .map(|time| DateTime::<Utc>::from(time).trunc_subsecs(0))
        })
}

/// The feed's second pass: reads the file of `page`, a post the feed carries,
/// again (the pass over the whole site kept only what every page needs), for
/// its details and its body, and renders its entry.
fn read_entry(page: &Page, config: &Config) -> Result<FeedEntry> {
    read_entry_with(page, config, |_, _| Ok(())).map(|(entry, ())| entry)
}

/// [`Feed::build`]'s entry of `page`, and what `extra` takes from the same
/// front matter and body (syndication's per-post settings, the Markdown itself).
pub(crate) fn read_entry_with<T>(
    page: &Page,
    config: &Config,
    extra: impl FnOnce(&Split<'_>, &FrontMatter) -> Result<T>,
) -> Result<(FeedEntry, T)> {
    let path = page
        .source
        .as_deref()
        .expect("posts always have a source file");
    source::read_page(path, Keys::All, |split, front| {
        let details = PostDetails::from_front_matter(page, front, config);
        let body = markdown::render(split.body, &page.permalink);
        let entry = FeedEntry::new(page, details, body, config);
        Ok((entry, extra(split, front)?))
    })
}

impl FeedEntry {
    /// The entry of `page`, from its details and its rendered body. A post
    /// that names no author is credited to the site's author, if any.
    fn new(page: &Page, details: PostDetails, body: RenderedBody, config: &Config) -> FeedEntry {
        let summary_html = match &details.summary {
            Some(text) => clean(&escape_text(text)).into_owned(),
            None => body.summary,
        };
        let published = page.date.expect("posts always have a date");
        let authors = if details.authors.is_empty() {
            config.author.iter().map(|a| a.name.clone()).collect()
        } else {
            details.authors
        };
        FeedEntry {
            title: clean(details.title.trim()).into_owned(),
            permalink: page.permalink.clone(),
            source: page.source.clone().unwrap_or_default(),
            published,
            updated: page.lastmod.unwrap_or(published),
            authors: authors.iter().map(|a| clean(a).into_owned()).collect(),
            categories: details
                .categories
                .iter()
                .map(|c| clean(c).into_owned())
                .collect(),
            image: details.image.map(|url| FeedImage {
                media_type: image_media_type(url.path()),
                url,
            }),
            summary_html,
            content_html: body.content,
        }
    }
}

/// The media type of an image file by its extension.
pub(crate) fn image_media_type(path: &str) -> Option<&'static str> {
    let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match extension.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "avif" => "image/avif",
        _ => return None,
    })
}
