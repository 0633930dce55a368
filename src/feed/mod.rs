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
use crate::content::discover::Markup;
use crate::content::front_matter::{Format, FrontMatter, Keys, Split};
use crate::content::site::{Page, Site};
use crate::content::source;
use crate::error::{Diagnostic, Error, Result, Warning};
use crate::templates::{self, loader, PageContext, SiteContext, TemplateWarning};

pub(crate) use crate::templates::authors::Author as Person;

use details::PostDetails;
use markdown::{LinkAction, RenderedBody};
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
    /// The newest publication date among the entries: when the feed last
    /// gained an entry (RSS `pubDate`), where `updated` is when it last
    /// changed (`lastBuildDate`).
    pub published: Option<DateTime<Utc>>,
    /// The WebSub hubs subscribers may use (`rel="hub"`).
    pub hubs: Vec<Url>,
    /// The entries, newest first.
    pub entries: Vec<FeedEntry>,
    /// What the site owner should hear about the entries' templates, one
    /// per subject (a shortcode, a Liquid tag) with its files and lines.
    pub warnings: Vec<Warning>,
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
    /// The authors: names as plain text, with a web page where the site gives one.
    pub authors: Vec<Person>,
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
    /// again for its entry, in parallel.
    pub fn build(site: &Site, config: &Config) -> Result<Feed> {
        let templates = loader::site_context(site, config);
        let (read, skipped) = read_entries(site, config, &templates)?;
        let mut entries = Vec::with_capacity(read.len());
        let mut warnings = Vec::new();
        for (entry, entry_warnings) in read {
            entries.push(entry);
            warnings.extend(entry_warnings);
        }
        Ok(Feed {
            title: clean(&config.title).into_owned(),
            description: clean(&config.description).into_owned(),
            language: config.language.clone(),
            home: config.feed_home.clone(),
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
            published: entries.iter().map(|e| e.published).max(),
            entries,
            warnings: skipped
                .into_iter()
                .chain(
                    templates::summarize(&warnings)
                        .into_iter()
                        .map(|line| Warning::Site(Diagnostic::new(None, None, line))),
                )
                .collect(),
        })
    }
}

/// What [`read_entry`] gives: the entry, and what its templates left to say.
type ReadEntry = (FeedEntry, Vec<(String, TemplateWarning)>);

/// The entries of the newest posts, newest first; and the posts left out. A
/// post whose file fails to read now (a key only entries need is broken: the
/// pass over the whole site skipped it) fails the build, or under
/// `--keep-going` is left out with a warning and the next newest post takes
/// its place.
fn read_entries(
    site: &Site,
    config: &Config,
    templates: &SiteContext,
) -> Result<(Vec<ReadEntry>, Vec<Warning>)> {
    let read = |pages: &[&Page]| -> Vec<Result<ReadEntry>> {
        pages
            .par_iter()
            .map(|page| read_entry(page, config, templates))
            .collect()
    };
    let newest = site.newest_posts_in(config.feed_language, config.limit);
    let results = read(&newest);
    if !config.keep_going {
        let entries = results.into_iter().collect::<Result<Vec<_>>>()?;
        return Ok((entries, Vec::new()));
    }
    let mut entries = Vec::with_capacity(results.len());
    let mut skipped = Vec::new();
    let mut keep = |results: Vec<Result<ReadEntry>>, entries: &mut Vec<ReadEntry>| {
        for result in results {
            match result {
                Ok(entry) => entries.push(entry),
                Err(error) => skipped.push(Warning::skipped(&error)),
            }
        }
    };
    keep(results, &mut entries);
    if entries.len() < newest.len() && config.limit > 0 {
        let all = site.newest_posts_in(config.feed_language, 0);
        let mut next = newest.len();
        while entries.len() < config.limit && next < all.len() {
            let take = (config.limit - entries.len()).min(all.len() - next);
            keep(read(&all[next..next + take]), &mut entries);
            next += take;
        }
    }
    Ok((entries, skipped))
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
fn read_entry(page: &Page, config: &Config, templates: &SiteContext) -> Result<ReadEntry> {
    let mut warnings = Vec::new();
    let (entry, ()) = read_entry_with(page, config, templates, |_, _| Ok(()), &mut warnings)?;
    Ok((entry, warnings))
}

/// [`Feed::build`]'s entry of `page`, and what `extra` takes from the same
/// front matter and body (syndication's per-post settings, the Markdown itself).
/// `warnings` receives what the post's templates left to say, by file.
pub(crate) fn read_entry_with<T>(
    page: &Page,
    config: &Config,
    templates: &SiteContext,
    extra: impl FnOnce(&Split<'_>, &FrontMatter) -> Result<T>,
    warnings: &mut Vec<(String, TemplateWarning)>,
) -> Result<(FeedEntry, T)> {
    let path = page
        .source
        .as_deref()
        .expect("posts always have a source file");
    source::read_page(path, Keys::All, config.duplicate_keys(), |split, front| {
        let details = PostDetails::from_front_matter(page, front, config);
        let (body, body_warnings) = render_body(page, path, split, templates)?;
        let file = path.display().to_string();
        warnings.extend(body_warnings.into_iter().map(|w| (file.clone(), w)));
        let entry = FeedEntry::new(page, details, body, config, templates);
        Ok((entry, extra(split, front)?))
    })
}

/// A page's body as feed HTML: its templates rendered as its generator
/// renders them, then its Markdown, with internal links resolved.
pub fn render_body(
    page: &Page,
    path: &std::path::Path,
    split: &Split<'_>,
    templates: &SiteContext,
) -> Result<(RenderedBody, Vec<TemplateWarning>)> {
    let rel_path = loader::content_relative(path, &templates.content_dir).unwrap_or_default();
    let front_matter = if templates::has_template_syntax(split.body) {
        loader::front_matter_value(split.front, split.format == Some(Format::Toml))
    } else {
        serde_json::Value::Null
    };
    let first_line = match split.format {
        Some(_) => split.front_line + split.front.matches('\n').count() + 1,
        None => 1,
    };
    let context = PageContext {
        rel_path: &rel_path,
        permalink: &page.permalink,
        front_matter: &front_matter,
        first_line,
    };
    let expanded = templates::expand(split.body, templates, &context);
    let mut warnings = expanded.warnings;
    let mut broken = None;
    if page.markup == Markup::Html {
        let body = markdown::render_html(&expanded.markdown, &page.permalink, &expanded.fragments);
        return Ok((body, warnings));
    }
    let body = markdown::render_with(
        &expanded.markdown,
        &page.permalink,
        &expanded.fragments,
        &mut |destination| match templates::links::internal_link(templates, &rel_path, destination)
        {
            None => LinkAction::Keep,
            Some(Ok(url)) => LinkAction::Replace(url.to_string()),
            Some(Err(message)) => {
                let line = split
                    .body
                    .find(destination)
                    .map(|at| first_line + templates::line_of(split.body, at) - 1);
                if templates.broken_links_fatal {
                    broken.get_or_insert((line, message));
                } else {
                    warnings.push(TemplateWarning {
                        line: line.unwrap_or(first_line),
                        subject: "internal link".into(),
                        message: format!("{message}; the link was removed, its text kept (the site's link checker only warns)"),
                        fatal: false,
                    });
                }
                LinkAction::Unlink
            }
        },
    );
    if let Some((line, message)) = broken {
        return Err(Error::content(
            path,
            line,
            format!("{message} (Zola refuses the page; set `[link_checker] internal_level = \"warn\"` in its config.toml to let it pass)"),
        ));
    }
    if let Some(fatal) = warnings.iter().position(|w| w.fatal) {
        let w = warnings.remove(fatal);
        return Err(Error::content(
            path,
            Some(w.line),
            format!("{}: {}", w.subject, w.message),
        ));
    }
    Ok((body, warnings))
}

impl FeedEntry {
    /// The entry of `page`, from its details and its rendered body. A post
    /// that names no author is credited to the site's author, if any.
    fn new(
        page: &Page,
        details: PostDetails,
        body: RenderedBody,
        config: &Config,
        templates: &SiteContext,
    ) -> FeedEntry {
        let summary_html = match &details.summary {
            Some(text) => clean(&escape_text(text)).into_owned(),
            None => body.summary,
        };
        let published = page.date.expect("posts always have a date");
        let authors: Vec<Person> = if details.authors.is_empty() {
            config
                .author
                .iter()
                .map(|a| Person {
                    name: a.name.clone(),
                    uri: None,
                    email: None,
                })
                .collect()
        } else {
            details
                .authors
                .iter()
                .map(|name| templates::authors::resolve(name, templates))
                .collect()
        };
        FeedEntry {
            title: clean(details.title.trim()).into_owned(),
            permalink: page.permalink.clone(),
            source: page.source.clone().unwrap_or_default(),
            published,
            updated: page.lastmod.unwrap_or(published),
            authors: authors
                .into_iter()
                .filter(|a| !a.name.trim().is_empty())
                .map(|a| Person {
                    name: clean(&a.name).into_owned(),
                    // Only what feeds accept: an absolute web address, a valid e-mail address.
                    uri: a
                        .uri
                        .and_then(|u| Url::parse(&u).ok())
                        .filter(|u| matches!(u.scheme(), "http" | "https"))
                        .map(String::from),
                    email: a.email.filter(|e| feedwright_check::spec::addr_spec(e)),
                })
                .collect(),
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
