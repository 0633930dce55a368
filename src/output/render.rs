//! Rendering: the site model into every output file, in memory, each checked
//! before anything is written.

use super::sitemap::{self, SitemapUrl};
use super::OutputFile;
use crate::config::Config;
use crate::content::site::Site;
use crate::error::{Error, Result};
use crate::feed::sanitize as html;
use crate::feed::Feed;
use crate::output;

/// Runs `feedwright check` on every rendered file before anything is written:
/// an error in feedwright's own output is a bug and fails the build; warnings are returned.
/// `now` (the build's own instant, so builds stay reproducible) decides which dates are in the future.
pub fn self_check(files: &[OutputFile], now: chrono::DateTime<chrono::Utc>) -> Result<Vec<String>> {
    use rayon::prelude::*;
    let check = |file: &OutputFile| feedwright_check::check_bytes_at(&file.name, &file.bytes, now);
    let is_sitemap = |file: &OutputFile| {
        matches!(
            feedwright_check::Format::detect(&file.bytes),
            feedwright_check::Format::Sitemap | feedwright_check::Format::SitemapIndex
        )
    };
    // Files are checked side by side, but sitemap parts two at a time: a
    // parsed sitemap of 50,000 URLs takes tens of megabytes, and a site with
    // many parts must not hold one per core.
    let group = if files.iter().any(is_sitemap) {
        2
    } else {
        files.len().max(1)
    };
    let findings: Vec<feedwright_check::Finding> = files
        .chunks(group)
        .flat_map(|group| group.par_iter().flat_map_iter(check).collect::<Vec<_>>())
        .collect();
    let (errors, warnings): (Vec<_>, Vec<_>) = findings
        .into_iter()
        .partition(|finding| finding.level == feedwright_check::Level::Error);
    let warnings = warnings.iter().map(ToString::to_string).collect();
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(Error::SelfCheck {
            findings: errors.iter().map(ToString::to_string).collect(),
        })
    }
}

/// Every output file for `site`, in memory, and what the user should hear about them.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The files, ready to write.
    pub files: Vec<OutputFile>,
    /// Things the user should hear about (entries left out to keep the feeds readable).
    pub warnings: Vec<String>,
    /// The entries each feed holds.
    pub entries: usize,
}

/// Every output file for `site`, in memory.
pub fn render(site: &Site, config: &Config) -> Result<Rendered> {
    render_checked(site, config, None)
}

/// [`render`], checking each output as soon as it is rendered when `check_at`
/// (the instant that decides implausibly future dates) is given. The feeds and
/// the sitemap are rendered and checked side by side.
pub fn render_checked(
    site: &Site,
    config: &Config,
    check_at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Rendered> {
    let check = |files: &[OutputFile]| match check_at {
        Some(now) => self_check(files, now),
        None => Ok(Vec::new()),
    };
    let (feeds, sitemaps) = rayon::join(
        || -> Result<Rendered> {
            let mut feeds = render_feeds(Feed::build(site, config)?, config)?;
            let warnings = check(&feeds.files)?;
            feeds.warnings.extend(warnings);
            Ok(feeds)
        },
        || -> Result<Rendered> {
            let files = if config.sitemap {
                render_sitemap(site, config)
            } else {
                Vec::new()
            };
            let warnings = check(&files)?;
            Ok(Rendered {
                files,
                warnings,
                entries: 0,
            })
        },
    );
    let mut rendered = feeds?;
    let sitemaps = sitemaps?;
    rendered.files.extend(sitemaps.files);
    rendered.warnings.extend(sitemaps.warnings);
    Ok(rendered)
}

/// The sitemap of every page: one file, or several and their index.
fn render_sitemap(site: &Site, config: &Config) -> Vec<OutputFile> {
    let urls: Vec<SitemapUrl> = site
        .pages
        .iter()
        .map(|page| SitemapUrl {
            loc: &page.permalink,
            lastmod: page.lastmod,
        })
        .collect();
    sitemap::render(&urls, &config.output.sitemap, &config.base_url)
}

/// Both feeds, kept under [`output::MAX_FEED_BYTES`]: past it validators give
/// up and readers truncate or refuse the feed, so the oldest entries are left
/// out, and a single post too large on its own is carried as its summary.
fn render_feeds(mut feed: Feed, config: &Config) -> Result<Rendered> {
    let rss_url = config.output_url(&config.output.rss);
    let atom_url = config.output_url(&config.output.atom);
    let mut warnings = Vec::new();
    let wanted = feed.entries.len();
    loop {
        let rss = output::rss::render(&feed, &rss_url)?;
        let atom = output::atom::render(&feed, &atom_url)?;
        let largest = rss.len().max(atom.len());
        if largest <= output::MAX_FEED_BYTES {
            if feed.entries.len() < wanted {
                warnings.push(format!(
                    "the feeds hold the newest {} of {wanted} entries: with more they would pass {} bytes, more than validators and many readers accept",
                    feed.entries.len(),
                    output::MAX_FEED_BYTES
                ));
            }
            let files = vec![
                OutputFile {
                    name: config.output.rss.clone(),
                    bytes: rss,
                },
                OutputFile {
                    name: config.output.atom.clone(),
                    bytes: atom,
                },
            ];
            return Ok(Rendered {
                files,
                warnings,
                entries: feed.entries.len(),
            });
        }
        let n = feed.entries.len();
        if n > 1 {
            // Shrink in proportion (each entry's share is roughly even), at least by one.
            let keep = (n * output::MAX_FEED_BYTES / largest).clamp(1, n - 1);
            feed.entries.truncate(keep);
            continue;
        }
        let Some(entry) = feed.entries.first_mut() else {
            return Err(Error::Render {
                output: config.output.rss.clone(),
                message: format!("an empty feed is {largest} bytes"),
            });
        };
        let link = format!(
            "<p><a href=\"{}\">{}</a></p>",
            entry.permalink,
            html::escape_text(&entry.title)
        );
        if entry.content_html == link {
            return Err(Error::Render {
                output: config.output.rss.clone(),
                message: format!("a feed of one linked title is {largest} bytes"),
            });
        }
        // First its summary and a link; if even that is too large, the link alone.
        let carried = if entry.content_html.ends_with(&link) {
            entry.summary_html = link.clone();
            entry.content_html = link;
            "a link to it"
        } else {
            entry.content_html = format!("{}{link}", entry.summary_html);
            "its summary and a link"
        };
        warnings.push(format!(
            "{} is too large to carry whole in a feed; the feeds carry {carried}",
            entry.permalink
        ));
    }
}
