//! The feeds, format-independent: which posts each feed set carries
//! ([`sets`]), and each post's entry, rendered once, with every string
//! XML-safe. RSS, Atom and JSON Feed are all written from these.

pub(crate) mod details;
pub(crate) mod image;
pub mod markdown;
pub mod sanitize;
pub(crate) mod sets;
pub mod xml_text;

use std::path::{Path, PathBuf};

use chrono::{DateTime, SubsecRound, Utc};
use url::Url;

use crate::config::{Author, Config};
use crate::content::discover::Markup;
use crate::content::front_matter::{Format, FrontMatter, Keys, Split};
use crate::content::site::{Page, Site};
use crate::content::source;
use crate::error::{Diagnostic, Error, Result, SourceLine, Warning};
use crate::templates::{self, loader, PageContext, SiteContext, TemplateWarning};

pub(crate) use crate::templates::authors::Author as Person;

use details::PostDetails;
use markdown::{LinkAction, RenderedBody};
use sanitize::escape_text;
use xml_text::clean;

/// A feed's channel-level data: everything but its entries.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedHead {
    /// The feed's title.
    pub title: String,
    /// The feed's description (RSS) and subtitle (Atom).
    pub description: String,
    /// The feed's language.
    pub language: Option<String>,
    /// The page the feed is of: the site's home page, a section's or a term's page.
    pub home: Url,
    /// The Atom feed's id: the site's URL for the site's feed, the feed's
    /// own URL for the others.
    pub id: String,
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
    /// Whether the feed holds every post it is about (RFC 5005's
    /// `fh:complete`), so a reader may take an entry missing from it as deleted.
    pub complete: bool,
}

/// A feed: its head, and its entries, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// The channel-level data.
    pub head: FeedHead,
    /// The entries, newest first.
    pub entries: Vec<FeedEntry>,
}

/// One post as a feed entry.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// The entry's id in every format: the id the post pins, else its
    /// permalink; so readers never see it as new twice.
    pub id: String,
    /// The post's title.
    pub title: String,
    /// The post's absolute URL.
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
    /// The whole post as HTML; `None` when the feeds carry summaries only
    /// (`full_content: false`).
    pub content_html: Option<String>,
}

/// An image, with the media type its file name implies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedImage {
    /// The image's absolute URL.
    pub url: Url,
    /// `image/jpeg` and so on, when the extension is a known one.
    pub media_type: Option<&'static str>,
    /// The file served at the URL, when it is one of the site's (its page
    /// bundle's, or in its static folder).
    pub file: Option<PathBuf>,
    /// The file's length in bytes, when the file was found.
    pub length: Option<u64>,
}

impl FeedImage {
    /// Whether the image can be an enclosure: a known type and an exact length.
    pub fn is_enclosure(&self) -> bool {
        self.media_type.is_some() && self.length.is_some()
    }
}

impl FeedEntry {
    /// The whole post, or its summary when the feeds carry summaries only.
    pub fn body_html(&self) -> &str {
        self.content_html.as_deref().unwrap_or(&self.summary_html)
    }
}

/// When a feed without posts was last updated: the newest page's date, else the
/// explicit "now" (`--now`, `SOURCE_DATE_EPOCH`), else when the content last
/// changed on disk. Never the clock: an unchanged site keeps its feed's bytes.
pub(crate) fn undated_feed_time(site: &Site, config: &Config) -> Option<DateTime<Utc>> {
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

/// The feed's second pass: reads the file of `page`, a post a feed carries,
/// again (the pass over the whole site kept only what every page needs), for
/// its details and its body, and renders its entry (its summary only when the
/// feeds carry summaries only), with what its templates left to say.
pub(crate) fn read_entry(
    page: &Page,
    config: &Config,
    templates: &SiteContext,
) -> Result<(FeedEntry, Vec<(String, TemplateWarning)>)> {
    let mut warnings = Vec::new();
    let (mut entry, ()) = read_entry_with(page, config, templates, |_, _| Ok(()), &mut warnings)?;
    if !config.full_content {
        entry.content_html = None;
    }
    Ok((entry, warnings))
}

/// One warning per subject of the posts' template `warnings`, placed at its
/// first file and line, the subject's name marked where the line shows it.
pub(crate) fn template_warnings(warnings: &[(String, TemplateWarning)]) -> Vec<Warning> {
    templates::summarize(warnings)
        .into_iter()
        .map(|summary| {
            let path = PathBuf::from(&summary.file);
            let source = subject_on_line(&path, summary.line, &summary.subject);
            Warning::Site(
                Diagnostic::new(Some(path), Some(summary.line), summary.text).placed(source),
            )
        })
        .collect()
}

/// Line `line` of the file at `path` with the name in the `subject`'s
/// backticks (`shortcode `mybox``) marked, when the line holds it.
fn subject_on_line(path: &Path, line: usize, subject: &str) -> Option<SourceLine> {
    let name = subject.split('`').nth(1).filter(|name| !name.is_empty())?;
    let text = std::fs::read_to_string(path).ok()?;
    let text = text.lines().nth(line.checked_sub(1)?)?;
    let start = text.find(name)?;
    Some(SourceLine::new(text, start..start + name.len()))
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
        let image_src = front.image.texts().into_iter().next();
        let mut entry = FeedEntry::new(page, details, body, config, templates);
        if let (Some(image), Some(src)) = (&mut entry.image, image_src) {
            image.file = image::image_file(
                &src,
                &image.url,
                path,
                page.in_bundle,
                &config.base_url,
                std::slice::from_ref(&config.static_dir),
            );
            image.length = image
                .file
                .as_deref()
                .and_then(|f| std::fs::metadata(f).ok())
                .map(|m| m.len());
        }
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
            id: page
                .pinned_id
                .as_deref()
                .map_or_else(|| page.permalink.to_string(), str::to_string),
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
                file: None,
                length: None,
            }),
            summary_html,
            // A body that renders to nothing (only a hidden comment, say)
            // has no content element: an empty one says nothing to a reader
            // and the checker warns on it.
            content_html: Some(body.content).filter(|html| !html.trim().is_empty()),
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
