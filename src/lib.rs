//! feedwright: full-content RSS 2.0 and Atom 1.0 feeds, and a sitemap, from a
//! Hugo-style Markdown site.
//!
//! A program calls [`build`] with [`Options`]; the stages it runs are modules
//! of their own, in this order: `config` (the config file and flags laid over
//! the site's own generator configuration, `site_config`, every value
//! checked); `content` (discover the files, read their front matter, build
//! the site model with its dates and permalinks); `feed` (the posts a feed
//! carries, read again, each body's `templates` rendered (shortcodes, Liquid,
//! internal links), then its Markdown, sanitised); `output` (every file
//! rendered in memory); `self_check` (what was rendered, checked as
//! `feedwright check` would); and `write` (all files at once). Every stage
//! returns values; only the last touches the output folder. [`syndicate`]
//! publishes the same entries to Mastodon, Bluesky, dev.to and WebSub hubs;
//! only it touches the network.

// The stages, in the order `build` runs them.
mod config;
mod content;
mod feed;
mod output;
mod self_check;
mod write;

// What the stages share: the one error type, the site's own generator
// configuration (read by `config`) and the body templates (rendered by
// `feed`); and `feedwright syndicate`.
mod error;
mod site_config;
pub mod syndicate;
mod templates;

pub use config::Options;
pub use error::{Diagnostic, Error, Result, Warning};

use config::Config;
use content::site::Site;
use output::{render, Rendered};
use self_check::self_check;

/// The pipeline's insides, for feedwright's own benchmarks, fuzz targets and
/// tests, which exercise its stages one by one.
///
/// **Not a stable API**: anything here may change or go in any release. A
/// program using feedwright calls [`build`].
pub mod internals {
    pub use crate::config::{Author, Config, OutputNames};
    pub use crate::content::front_matter::{self, plain_yaml};
    pub use crate::content::site::{Page, PageKind, Site};
    pub use crate::content::slug;
    pub use crate::content::{date, permalink};
    pub use crate::feed::render_body;
    pub use crate::feed::{markdown, sanitize, xml_text, Feed, FeedEntry, FeedImage};
    pub use crate::output::{atom, render, rss, OutputFile, Rendered};
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
        entries,
    } = render(&site, &config)?;
    let check_warnings = self_check(&files, config.now)?;
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
    })
}
