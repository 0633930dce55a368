//! feedwright: full-content RSS 2.0, Atom 1.0 and JSON Feed feeds (the site's,
//! and per section and per term), a sitemap and a page listing the feeds, from
//! a Hugo, Jekyll or Zola Markdown site.
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
mod fates;
mod feed;
mod init;
mod output;
mod self_check;
mod write;

// What the stages share: the one error type, the site's own generator
// configuration (read by `config`) and the body templates (rendered by
// `feed`); the commands' own modules (`commands`, and `report`, which prints
// diagnostics); and `feedwright syndicate`.
pub mod commands;
mod error;
pub mod lint;
pub mod report;
mod site_config;
pub mod syndicate;
mod templates;

pub use config::Options;
pub use error::{Diagnostic, Error, Result, SourceLine, Warning};
pub use fates::{Fate, PageFate};
pub use feed::sets::Scope;
pub use output::{FeedFormat, WrittenFeed};
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
/// program using feedwright calls [`build`].
pub mod internals {
    pub use crate::config::{Author, Config, OutputNames};
    pub use crate::content::discover::Markup;
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
    /// What `-v` tells besides (languages without a feed, terms merged into one).
    pub details: Vec<String>,
    /// With `--print-urls`: each content file (relative to the content
    /// folder that holds it) and the URL of its page, in file order.
    pub urls: Vec<(String, String)>,
    /// Every feed file written, the site's own first.
    pub feeds: Vec<WrittenFeed>,
    /// With [`Options::fates`] (`-v`): what happened to every content file, and why.
    pub fates: Vec<PageFate>,
}

impl Report {
    /// The autodiscovery `<link rel="alternate">` tags of the site's feeds,
    /// one a line, for a theme's `<head>` (`--print-discovery`).
    pub fn discovery_tags(&self) -> String {
        output::feeds_html::discovery_tags(&self.feeds)
    }
}

/// What a build would publish ([`list`]): every content file's fate.
#[derive(Debug, Default)]
pub struct Listing {
    /// Every content file (and list page), newest first.
    pub fates: Vec<PageFate>,
    /// Things the user should hear about.
    pub warnings: Vec<Warning>,
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

/// What a build would publish, and what it would leave out, and why
/// (`feedwright list`): the site is read as a build reads it; nothing is
/// rendered or written.
pub fn list(options: &Options) -> Result<Listing> {
    let config = Config::load(options)?;
    let site = Site::load(&config)?;
    let fates = fates::page_fates(&site, &config, None);
    let mut warnings = config.warnings.clone();
    warnings.extend(site.warnings);
    Ok(Listing { fates, warnings })
}

/// Every stage but writing: the outputs in memory, self-checked, and the report.
fn render_site(options: &Options) -> Result<(Report, Vec<output::OutputFile>)> {
    let config = Config::load(options)?;
    // The walk of the content folder runs on one core; the self-check's
    // patterns compile on the other meanwhile.
    let (site, ()) = rayon::join(|| Site::load(&config), feedwright_check::compile_patterns);
    let site = site?;
    if let (Some(why), false) = (&site.empty_feed, config.allow_empty) {
        return Err(Error::EmptyFeed(why.clone()));
    }
    let mut details = Vec::new();
    let urls = if options.print_urls {
        page_urls(&site, &config)
    } else {
        Vec::new()
    };
    let Rendered {
        files,
        warnings: render_warnings,
        notes,
        entries,
        sitemap_urls,
        feeds,
        ..
    } = render_languages(&site, &config, &mut details)?;
    details.extend(notes);
    let fates = if options.fates {
        fates::page_fates(&site, &config, Some(entries))
    } else {
        Vec::new()
    };
    let check_warnings = self_check(&files, config.now, config.max_feed_bytes)?;
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
        details,
        urls,
        feeds,
        fates,
    };
    Ok((report, files))
}

/// Each content file's page URL, the file relative to the content folder
/// that holds it (a Hugo language's own, or the site's).
fn page_urls(site: &Site, config: &Config) -> Vec<(String, String)> {
    let mut roots = vec![config.content_dir.clone()];
    roots.extend(
        config
            .site
            .languages
            .iter()
            .filter_map(|l| l.content_dir.as_deref())
            .map(|dir| config.site_path(dir)),
    );
    let shadowed = site
        .shadowed
        .iter()
        .map(|(source, url)| (source.as_path(), url));
    let mut urls: Vec<(String, String)> = site
        .pages
        .iter()
        .filter_map(|page| Some((page.source.as_deref()?, &page.permalink)))
        .chain(shadowed)
        .map(|(source, permalink)| {
            let relative = roots
                .iter()
                .filter_map(|root| source.strip_prefix(root).ok())
                .min_by_key(|r| r.as_os_str().len())
                .unwrap_or(source);
            (
                relative.to_string_lossy().replace('\\', "/"),
                permalink.to_string(),
            )
        })
        .collect();
    urls.sort();
    urls
}

/// Every output file: one feed set per language, the default language's
/// at the root (or under its prefix), each other language's under its
/// own (`fr/`), as the generator publishes them; a language without posts
/// gets none.
/// The folder of each language's feeds in the output folder (`""` for the
/// site's own): under its URL prefix (Hugo, Zola); a Jekyll site's languages
/// are folders of its own, so their feeds go there.
pub(crate) fn feed_prefixes(config: &Config) -> Vec<String> {
    let mut prefixes = content::site::language_prefixes(config);
    if config.generator == site_config::Generator::Jekyll {
        for (prefix, language) in prefixes.iter_mut().zip(&config.site.languages).skip(1) {
            prefix.clone_from(&language.code);
        }
    }
    if prefixes.is_empty() {
        prefixes.push(String::new());
    }
    prefixes
}

fn render_languages(site: &Site, config: &Config, details: &mut Vec<String>) -> Result<Rendered> {
    let languages = &config.site.languages;
    let prefixes = feed_prefixes(config);
    let mut all = if languages.len() <= 1 && prefixes.first().is_none_or(String::is_empty) {
        render(site, config)?
    } else {
        let mut all = Rendered::default();
        for (index, language) in languages.iter().enumerate() {
            let prefix = prefixes.get(index).map_or("", String::as_str);
            if index > 0 && site.newest_posts_in(index, 1).is_empty() {
                details.push(format!(
                    "no feed for the language `{}`: it has no posts",
                    language.code
                ));
                continue;
            }
            let rendered = render(site, &config.for_language(index, prefix))?;
            if index == 0 {
                all.entries = rendered.entries;
                all.sitemap_urls = rendered.sitemap_urls;
                all.latest = rendered.latest;
            }
            // Feed sets are numbered across the languages.
            let sets = all.feeds.last().map_or(0, |f| f.set + 1);
            all.feeds
                .extend(rendered.feeds.into_iter().map(|f| WrittenFeed {
                    set: f.set + sets,
                    ..f
                }));
            all.files.extend(rendered.files);
            all.warnings.extend(rendered.warnings);
            all.notes.extend(rendered.notes);
        }
        all
    };
    output::finish(config, &mut all)?;
    Ok(all)
}
