//! Rendering: the site model into every output file, in memory.

use super::sitemap::{self, SitemapUrl};
use super::{atom, rss, OutputFile, MAX_FEED_BYTES};
use crate::config::Config;
use crate::content::site::Site;
use crate::error::{Diagnostic, Error, Result, Warning};
use crate::feed::{sanitize, Feed};

/// Every output file for `site`, in memory, and what the user should hear about them.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The files, ready to write.
    pub files: Vec<OutputFile>,
    /// Things the user should hear about (entries left out to keep the feeds readable).
    pub warnings: Vec<Warning>,
    /// The entries each feed holds.
    pub entries: usize,
    /// The URLs the sitemap lists (0 without one).
    pub sitemap_urls: usize,
}

/// Every output file for `site`, in memory: the feeds and the sitemap are
/// rendered side by side.
pub fn render(site: &Site, config: &Config) -> Result<Rendered> {
    let (feeds, sitemaps) = rayon::join(
        || render_feeds(Feed::build(site, config)?, config),
        || {
            if config.sitemap {
                render_sitemap(site, config)
            } else {
                Vec::new()
            }
        },
    );
    let mut rendered = feeds?;
    rendered.files.extend(sitemaps);
    if config.sitemap {
        rendered.sitemap_urls = site.pages.len();
    }
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

/// Both feeds, kept under [`MAX_FEED_BYTES`]: past it validators give
/// up and readers truncate or refuse the feed, so the oldest entries are left
/// out, and a single post too large on its own is carried as its summary.
fn render_feeds(mut feed: Feed, config: &Config) -> Result<Rendered> {
    let rss_url = config.output_url(&config.output.rss);
    let atom_url = config.output_url(&config.output.atom);
    let mut warnings = std::mem::take(&mut feed.warnings);
    warnings.extend(crate::self_check::template_text(&feed));
    let wanted = feed.entries.len();
    loop {
        let rss = rss::render(&feed, &rss_url)?;
        let atom = atom::render(&feed, &atom_url)?;
        let largest = rss.len().max(atom.len());
        if largest <= MAX_FEED_BYTES {
            if feed.entries.len() < wanted {
                warnings.push(Warning::from(Diagnostic::new(
                    None,
                    None,
                    format!(
                        "the feeds hold the newest {} of {wanted} entries: with more they would pass {} bytes, more than validators and many readers accept",
                        feed.entries.len(),
                        MAX_FEED_BYTES
                    ),
                )));
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
                sitemap_urls: 0,
            });
        }
        let n = feed.entries.len();
        if n > 1 {
            // Shrink in proportion (each entry's share is roughly even), at least by one.
            let keep = (n * MAX_FEED_BYTES / largest).clamp(1, n - 1);
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
            sanitize::escape_text(&entry.title)
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
        warnings.push(Warning::from(Diagnostic::new(
            Some(entry.source.clone()),
            None,
            format!(
                "{} is too large to carry whole in a feed; the feeds carry {carried}",
                entry.permalink
            ),
        )));
    }
}
