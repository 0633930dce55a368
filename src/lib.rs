//! feedwright: full-content RSS 2.0 and Atom 1.0 feeds, and a sitemap, from a
//! Hugo-style Markdown site.
//!
//! The modules follow the data: [`discover`] the files, split and read their
//! [`front_matter`], build the [`site`] model (with [`date`]s in UTC and
//! [`permalink`]s), render the [`feed`] entries' [`markdown`] (made absolute by
//! [`html`]), turn the model into each [`output`] format, [`check`] what was
//! rendered, and [`write`] them.

pub mod check;
pub mod config;
pub mod date;
pub mod discover;
pub mod error;
pub mod feed;
pub mod front_matter;
pub mod html;
pub mod markdown;
pub mod output;
pub mod permalink;
pub mod simple_yaml;
pub mod site;
pub mod write;
pub mod xml_text;

pub use config::{Config, Options};
pub use error::{Error, Result};

use feed::Feed;
use output::sitemap::{self, SitemapUrl};
use site::Site;
use write::OutputFile;

/// What a successful build did.
#[derive(Debug, Default)]
pub struct Report {
    /// Pages published (posts, other pages, list pages).
    pub pages: usize,
    /// Entries in each feed.
    pub entries: usize,
    /// The files written, by name.
    pub written: Vec<String>,
    /// Things the user should hear about.
    pub warnings: Vec<String>,
}

/// Runs the whole pipeline; nothing is written unless everything rendered.
pub fn build(options: &Options) -> Result<Report> {
    let config = Config::load(options)?;
    let site = Site::load(&config)?;
    let Rendered {
        files,
        warnings: render_warnings,
    } = render(&site, &config)?;
    let posts = site
        .pages
        .iter()
        .filter(|p| p.kind == site::PageKind::Post)
        .count();
    let pages = site.pages.len();
    let mut warnings = site.warnings;
    // The pages are no longer needed: their memory serves the check instead,
    // which parses every output (a 50,000-URL sitemap among them).
    drop(site.pages);
    warnings.extend(render_warnings);
    warnings.extend(self_check(&files, config.now)?);
    write::write_all(&config.out_dir, &files)?;
    Ok(Report {
        pages,
        entries: match config.limit {
            0 => posts,
            n => posts.min(n),
        },
        written: files.into_iter().map(|f| f.name).collect(),
        warnings,
    })
}

/// Runs `feedwright check` on every rendered file before anything is written:
/// an error in feedwright's own output is a bug and fails the build; warnings are returned.
/// `now` (the build's own instant, so builds stay reproducible) decides which dates are in the future.
pub fn self_check(files: &[OutputFile], now: chrono::DateTime<chrono::Utc>) -> Result<Vec<String>> {
    use rayon::prelude::*;
    // Feeds are checked beside the sitemap: this runs on every build, after the
    // parallel part. Sitemap parts go one at a time, to hold one parsed
    // sitemap in memory at once.
    let (sitemaps, feeds): (Vec<&OutputFile>, Vec<&OutputFile>) = files.iter().partition(|file| {
        matches!(
            check::Format::detect(&file.bytes),
            check::Format::Sitemap | check::Format::SitemapIndex
        )
    });
    let check = |file: &&OutputFile| check::check_bytes_at(&file.name, &file.bytes, now);
    let (mut findings, sitemap_findings): (Vec<check::Finding>, Vec<check::Finding>) = rayon::join(
        || feeds.par_iter().flat_map_iter(check).collect(),
        || sitemaps.iter().flat_map(check).collect(),
    );
    findings.extend(sitemap_findings);
    let (errors, warnings): (Vec<_>, Vec<_>) = findings
        .into_iter()
        .partition(|finding| finding.level == check::Level::Error);
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
}

/// Every output file for `site`, in memory.
pub fn render(site: &Site, config: &Config) -> Result<Rendered> {
    let feed = Feed::build(site, config)?;
    let (rss, atom, warnings) = render_feeds(feed, config)?;
    let mut files = vec![
        OutputFile {
            name: config.output.rss.clone(),
            bytes: rss,
        },
        OutputFile {
            name: config.output.atom.clone(),
            bytes: atom,
        },
    ];
    if config.sitemap {
        let urls: Vec<SitemapUrl> = site
            .pages
            .iter()
            .map(|page| SitemapUrl {
                loc: &page.permalink,
                lastmod: page.lastmod,
            })
            .collect();
        files.extend(
            sitemap::render(&urls, &config.output.sitemap, &config.base_url)
                .into_iter()
                .map(|f| OutputFile {
                    name: f.name,
                    bytes: f.bytes,
                }),
        );
    }
    Ok(Rendered { files, warnings })
}

/// Both feeds, kept under [`output::MAX_FEED_BYTES`]: past it validators give
/// up and readers truncate or refuse the feed, so the oldest entries are left
/// out, and a single post too large on its own is carried as its summary.
fn render_feeds(mut feed: Feed, config: &Config) -> Result<(Vec<u8>, Vec<u8>, Vec<String>)> {
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
            return Ok((rss, atom, warnings));
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
