//! feedwright: full-content RSS 2.0 and Atom 1.0 feeds, and a sitemap, from a
//! Hugo-style Markdown site.
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

pub mod commands;
mod config;
mod content;
mod error;
mod feed;
mod init;
mod output;
pub mod report;
mod self_check;
mod site_config;
pub mod syndicate;
mod templates;
mod write;

pub use config::Options;
pub use error::{Diagnostic, Error, Result, SourceLine, Warning};
pub use write::Difference;

use std::path::PathBuf;

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

/// What a successful build did (under [`verify`], would do).
#[derive(Debug, Default)]
pub struct Report {
    /// Pages published (posts, other pages, list pages).
    pub pages: usize,
    /// Entries in each feed.
    pub entries: usize,
    /// URLs in the sitemap (0 without one).
    pub sitemap_urls: usize,
    /// The output folder.
    pub out_dir: PathBuf,
    /// The output files, by name in the output folder.
    pub files: Vec<String>,
    /// Things the user should hear about.
    pub warnings: Vec<Warning>,
    /// What the build read and decided (which generator configuration was used).
    pub notes: Vec<String>,
}

/// What [`verify`] found: the build it made in memory, and each output
/// that differs from the file on disk.
#[derive(Debug, Default)]
pub struct Verification {
    /// The build made in memory.
    pub report: Report,
    /// The output files whose bytes on disk are not the build's, or that are missing.
    pub differing: Vec<write::Difference>,
}

/// Runs the whole pipeline; nothing is written unless everything rendered.
pub fn build(options: &Options) -> Result<Report> {
    let (report, files) = render_site(options)?;
    write::write_all(&report.out_dir, &files)?;
    Ok(report)
}

/// Runs the whole pipeline in memory and compares each output with the file
/// on disk (`build --check`, so CI can verify committed feeds are current);
/// writes nothing.
pub fn verify(options: &Options) -> Result<Verification> {
    let (report, files) = render_site(options)?;
    let differing = write::differences(&report.out_dir, &files)?;
    Ok(Verification { report, differing })
}

/// Every stage but writing: the outputs in memory, self-checked, and the report.
fn render_site(options: &Options) -> Result<(Report, Vec<output::OutputFile>)> {
    let config = Config::load(options)?;
    // The walk of the content folder runs on one core; the self-check's
    // patterns compile on the other meanwhile.
    let (site, ()) = rayon::join(|| Site::load(&config), feedwright_check::compile_patterns);
    let site = site?;
    let Rendered {
        files,
        warnings: render_warnings,
        entries,
        sitemap_urls,
    } = render(&site, &config)?;
    let check_warnings = self_check(&files, config.now)?;
    let mut warnings = config.warnings.clone();
    warnings.extend(site.warnings);
    warnings.extend(render_warnings);
    warnings.extend(check_warnings);
    let report = Report {
        pages: site.pages.len(),
        entries,
        sitemap_urls,
        out_dir: config.out_dir,
        files: files.iter().map(|f| f.name.clone()).collect(),
        warnings,
        notes: config.notes,
    };
    Ok((report, files))
}
