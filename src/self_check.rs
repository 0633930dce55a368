//! The self-check: `feedwright check` on every rendered file before anything
//! is written. An error in feedwright's own output is a bug and fails the
//! build; warnings are passed on to the user.

use chrono::{DateTime, Utc};
use feedwright_check::{Finding, Format, Level};
use rayon::prelude::*;

use crate::error::{Error, Result, Warning};
use crate::output::OutputFile;

/// Checks every feed and sitemap in `files` (the HTML page is not one),
/// returning the warnings; `now` (the build's own instant, so builds stay
/// reproducible) decides which dates are in the future, and `max_feed_bytes`
/// (0: none) is the size a feed may reach.
pub fn self_check(
    files: &[OutputFile],
    now: DateTime<Utc>,
    max_feed_bytes: usize,
) -> Result<Vec<Warning>> {
    // Each post's HTML is in every format and every feed set carrying it:
    // it is checked once.
    let options = feedwright_check::Options {
        max_feed_bytes: match max_feed_bytes {
            0 => None,
            cap => Some(cap.max(feedwright_check::spec::MAX_FEED_BYTES)),
        },
        html_cache: Some(feedwright_check::HtmlCache::default()),
        ..feedwright_check::Options::at(now)
    };
    let check =
        |file: &OutputFile| feedwright_check::check(&file.name, &file.bytes, &options).findings;
    let files: Vec<&OutputFile> = files
        .iter()
        .filter(|f| !f.name.ends_with(".html"))
        .collect();
    let is_sitemap = |file: &&OutputFile| {
        matches!(
            Format::detect(&file.bytes),
            Format::Sitemap | Format::SitemapIndex
        )
    };
    let (sitemaps, feeds): (Vec<&OutputFile>, Vec<&OutputFile>) =
        files.into_iter().partition(is_sitemap);
    // The feeds are checked side by side, and beside them the sitemap parts
    // two at a time: a parsed sitemap of 50,000 URLs takes tens of megabytes,
    // and a site with many parts must not hold one per core.
    let (feed_findings, sitemap_findings) = rayon::join(
        || {
            feeds
                .par_iter()
                .flat_map_iter(|file| check(file))
                .collect::<Vec<_>>()
        },
        || {
            sitemaps
                .chunks(2)
                .flat_map(|pair| {
                    pair.par_iter()
                        .flat_map_iter(|file| check(file))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        },
    );
    let (errors, warnings): (Vec<Finding>, Vec<Finding>) = feed_findings
        .into_iter()
        .chain(sitemap_findings)
        .partition(|finding| finding.level == Level::Error);
    if errors.is_empty() {
        Ok(warnings.into_iter().map(Warning::Output).collect())
    } else {
        Err(Error::SelfCheck { findings: errors })
    }
}
