//! feedwright: full-content RSS 2.0, Atom 1.0 and JSON Feed feeds (the site's,
//! and per section and per term), a sitemap and a page listing the feeds, from
//! a Hugo, Jekyll or Zola Markdown site.
//!
//! The modules are the stages of the pipeline, in the order [`build`] runs them:
//! the [`config`]; the [`content`] (discover the files, read their front matter,
//! build the site model with its dates and permalinks); the [`feed`] (the
//! posts a feed carries, read again, their Markdown rendered and sanitised);
//! every [`output`] file rendered in memory; the [`mod@self_check`] of what was
//! rendered; and [`mod@write`], all files at once. Every stage returns values;
//! only the last touches the output folder. [`syndicate`] publishes the same
//! entries to Mastodon, Bluesky, dev.to and WebSub hubs; only it touches the network.

pub mod config;
pub mod content;
pub mod error;
pub mod feed;
pub mod lint;
pub mod output;
pub mod self_check;
pub mod syndicate;
pub mod write;

// The paths the tests, benchmarks and fuzz targets use until they move.
pub use content::front_matter::plain_yaml as simple_yaml;
pub use content::{date, discover, front_matter, permalink, site};
pub use feed::sanitize as html;
pub use feed::{markdown, xml_text};

pub use config::{Config, Options};
pub use error::{Error, Result};

pub use output::{render, Rendered, WrittenFeed};
pub use self_check::self_check;

use content::site::Site;

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
    /// What `-v` tells: the terms merged into one.
    pub notes: Vec<String>,
    /// Every feed file written, the site's own first.
    pub feeds: Vec<WrittenFeed>,
}

impl Report {
    /// The autodiscovery `<link rel="alternate">` tags of the site's feeds,
    /// one a line, for a theme's `<head>` (`--print-discovery`).
    pub fn discovery_tags(&self) -> String {
        output::feeds_html::discovery_tags(&self.feeds)
    }
}

/// Runs the whole pipeline; nothing is written unless everything rendered.
pub fn build(options: &Options) -> Result<Report> {
    let config = Config::load(options)?;
    // The walk of the content folder runs on one core; the self-check's
    // patterns compile on the other meanwhile.
    let (site, ()) = rayon::join(|| Site::load(&config), feedwright_check::compile_patterns);
    let site = site?;
    let Rendered {
        files,
        warnings: render_warnings,
        notes,
        entries,
        feeds,
    } = render(&site, &config)?;
    let check_warnings = self_check(&files, config.now, config.max_feed_bytes)?;
    let mut warnings = site.warnings;
    warnings.extend(render_warnings);
    warnings.extend(check_warnings);
    write::write_all(&config.out_dir, &files)?;
    Ok(Report {
        pages: site.pages.len(),
        entries,
        written: files.into_iter().map(|f| f.name).collect(),
        warnings,
        notes,
        feeds,
    })
}
