//! feedwright: full-content RSS 2.0 and Atom 1.0 feeds, and a sitemap, from a
//! Hugo-style Markdown site.
//!
//! The modules follow the data: [`discover`] the files, split and read their
//! [`front_matter`], build the [`site`] model (with [`date`]s in UTC and
//! [`permalink`]s), render the [`feed`] entries' [`markdown`] (made absolute by
//! [`html`]), [`render`] the model into each [`output`] format, [`check`] what
//! was rendered, and [`write`] them.

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
pub mod render;
pub mod simple_yaml;
pub mod site;
pub mod templates;
pub mod write;
pub mod xml_text;

pub use config::{Config, Options};
pub use error::{Error, Result};

pub use render::{render, render_checked, self_check, Rendered};

use site::Site;

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
    // The walk of the content folder runs on one core; the self-check's
    // patterns compile on the other meanwhile.
    let (site, ()) = rayon::join(|| Site::load(&config), feedwright_check::compile_patterns);
    let site = site?;
    let Rendered {
        files,
        warnings: render_warnings,
        entries,
    } = render_checked(&site, &config, Some(config.now))?;
    let mut warnings = site.warnings;
    warnings.extend(render_warnings);
    write::write_all(&config.out_dir, &files)?;
    Ok(Report {
        pages: site.pages.len(),
        entries,
        written: files.into_iter().map(|f| f.name).collect(),
        warnings,
    })
}
