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
    let files = render(&site, &config)?;
    let mut warnings = site.warnings.clone();
    warnings.extend(self_check(&files, config.now)?);
    write::write_all(&config.out_dir, &files)?;
    Ok(Report {
        pages: site.pages.len(),
        entries: site
            .pages
            .iter()
            .filter(|p| p.kind == site::PageKind::Post)
            .count()
            .min(match config.limit {
                0 => usize::MAX,
                n => n,
            }),
        written: files.into_iter().map(|f| f.name).collect(),
        warnings,
    })
}

/// Runs `feedwright check` on every rendered file before anything is written:
/// an error in feedwright's own output is a bug and fails the build; warnings are returned.
/// `now` (the build's own instant, so builds stay reproducible) decides which dates are in the future.
pub fn self_check(files: &[OutputFile], now: chrono::DateTime<chrono::Utc>) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        for finding in check::check_bytes_at(&file.name, &file.bytes, now) {
            match finding.level {
                check::Level::Error => errors.push(finding.to_string()),
                check::Level::Warning => warnings.push(finding.to_string()),
            }
        }
    }
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(Error::SelfCheck { findings: errors })
    }
}

/// Every output file for `site`, in memory.
pub fn render(site: &Site, config: &Config) -> Result<Vec<OutputFile>> {
    let feed = Feed::build(site, config)?;
    let mut files = vec![
        OutputFile {
            name: config.output.rss.clone(),
            bytes: output::rss::render(&feed, &config.output_url(&config.output.rss))?,
        },
        OutputFile {
            name: config.output.atom.clone(),
            bytes: output::atom::render(&feed, &config.output_url(&config.output.atom))?,
        },
    ];
    if config.sitemap {
        let urls: Vec<SitemapUrl> = site
            .pages
            .iter()
            .map(|page| SitemapUrl {
                loc: page.permalink.clone(),
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
    Ok(files)
}
