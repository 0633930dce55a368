//! feedwright: full-content RSS 2.0, Atom 1.0 and JSON Feed feeds (the site's,
//! and per section and per term), a sitemap and a page listing the feeds, from
//! a Hugo, Jekyll or Zola Markdown site.
//!
//! The modules are the stages of the pipeline, in the order [`build`] runs them:
//! the [`config`]; the [`content`] (discover the files, read their front matter,
//! build the site model with its dates and permalinks); the [`feed`] (the
//! posts a feed carries, read again, their Markdown rendered and sanitised);
//! every [`output`] file rendered in memory (each body's [`templates`] first:
//! shortcodes, Liquid, internal links); the [`mod@self_check`] of what was
//! rendered; and [`mod@write`], all files at once. Every stage returns values;
//! only the last touches the output folder. [`syndicate`] publishes the same
//! entries to Mastodon, Bluesky, dev.to and WebSub hubs; only it touches the network.

mod config;
mod content;
mod error;
mod feed;
pub mod lint;
mod output;
mod self_check;
mod site_config;
pub mod syndicate;
mod templates;
mod write;

pub use config::Options;
pub use error::{Diagnostic, Error, Result, Warning};
pub use feed::sets::Scope;
pub use output::{FeedFormat, WrittenFeed};

use config::Config;
use content::site::Site;
use output::{render, Rendered};
use self_check::self_check;

/// The pipeline's insides, for feedwright's own benchmarks, fuzz targets and
/// tests, which exercise its stages one by one.
///
/// **Not a stable API**: anything here may change or go in any release. A
/// program using feedwright calls [`build`](crate::build).
pub mod internals {
    pub use crate::config::{Author, Config, OutputNames};
    pub use crate::content::front_matter::{self, plain_yaml};
    pub use crate::content::site::{Page, PageKind, Site};
    pub use crate::content::slug;
    pub use crate::content::{date, permalink};
    pub use crate::feed::render_body;
    pub use crate::feed::{markdown, sanitize, xml_text, Feed, FeedEntry, FeedHead, FeedImage};
    pub use crate::output::{atom, json_feed, preset, render, rss, OutputFile, Rendered};
    pub use crate::self_check::self_check;
    /// Template syntax in bodies: Hugo shortcodes, Liquid, Zola calls, internal links.
    pub mod templates {
        pub use crate::templates::{
            authors, expand, has_template_syntax, hugo, jekyll, leftovers, links, loader, markup,
            summarize, zola, Expanded, Fragments, Generator, PageContext, PageIndex, SiteContext,
            TemplateWarning,
        };
    }

    /// The site's own generator configuration ([`crate::site_config`]).
    pub mod site_config {
        pub use crate::site_config::*;
    }
}

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
    pub warnings: Vec<Warning>,
    /// What the build read and decided (which generator configuration was used).
    pub notes: Vec<String>,
    /// What `-v` tells besides: the terms merged into one feed.
    pub details: Vec<String>,
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
    let mut warnings = config.warnings.clone();
    warnings.extend(site.warnings);
    warnings.extend(render_warnings);
    warnings.extend(check_warnings);
    write::write_all(&config.out_dir, &files)?;
    Ok(Report {
        pages: site.pages.len(),
        entries,
        written: files.into_iter().map(|f| f.name).collect(),
        warnings,
        notes: config.notes,
        details: notes,
        feeds,
    })
}
