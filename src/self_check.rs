//! The self-check: `feedwright check` on every rendered file before anything
//! is written. An error in feedwright's own output is a bug and fails the
//! build; warnings are passed on to the user.

use chrono::{DateTime, Utc};
use feedwright_check::{Finding, Format, Level};
use rayon::prelude::*;

use crate::error::{Diagnostic, Error, Result, Warning};
use crate::feed::Feed;
use crate::output::OutputFile;

/// Checks every file in `files`, returning the warnings; `now` (the build's
/// own instant, so builds stay reproducible) decides which dates are in the future.
pub fn self_check(files: &[OutputFile], now: DateTime<Utc>) -> Result<Vec<Warning>> {
    let check = |file: &OutputFile| feedwright_check::check_bytes_at(&file.name, &file.bytes, now);
    let is_sitemap = |file: &&OutputFile| {
        matches!(
            Format::detect(&file.bytes),
            Format::Sitemap | Format::SitemapIndex
        )
    };
    let (sitemaps, feeds): (Vec<&OutputFile>, Vec<&OutputFile>) =
        files.iter().partition(is_sitemap);
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

/// One warning for each entry of `feed` that still shows template text
/// (`{{<`, `{{%`, `{%`, `{{ site.`, `{{ page.`, a Zola call) outside code:
/// a reader would see it.
pub(crate) fn template_text(feed: &Feed) -> Vec<Warning> {
    feed.entries
        .iter()
        .filter_map(|entry| {
            let found = crate::templates::leftovers::find(&entry.content_html)?;
            Some(Warning::Site(Diagnostic::new(
                Some(entry.source.clone()),
                None,
                format!(
                    "the entry {} shows template text outside code: `{found}`",
                    entry.permalink
                ),
            )))
        })
        .collect()
}
