#![doc = include_str!("../README.md")]
//!
//! ## Layout
//!
//! [`check`] detects the [`Format`] once and hands the document to the
//! checker of that format (`formats/`), which reads it with the XML helpers
//! (`xml/`), the element walker (`tree/`: each element checked by its
//! parent's rule), the extension modules (`extensions/`), the value rules
//! (`rules/`: dates, URIs, MIME types, contacts) and the HTML checks
//! (`html/`). [`spec`] holds the facts the generator shares.

mod code;
mod extensions;
mod finding;
mod format;
mod formats;
mod html;
#[cfg(feature = "http")]
pub mod http;
mod rules;
pub mod spec;
mod tree;
mod xml;

use std::path::Path;

use chrono::{DateTime, Utc};

pub use code::{Code, UnknownCode};
pub(crate) use finding::Sink;
pub use finding::{Finding, Level};
pub use format::Format;
pub use html::HtmlCache;
#[cfg(feature = "http")]
pub use http::{check_url, Fetch, Redirect, UrlReport};

/// How to check: what the checker cannot tell from the document itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Dates after this instant (with some slack) are implausible.
    pub now: DateTime<Utc>,
    /// The URL the document was fetched from, which its self link should
    /// name; without one, the self link must end with the file's own name.
    /// A sitemap's URLs should be on its origin.
    pub location: Option<String>,
    /// A feed larger than this is refused unread (`ValidatorLimit`), as the
    /// W3C validator refuses one over [`spec::MAX_FEED_BYTES`]; `None` reads
    /// feeds of any size (a generator checking what it wrote past that limit
    /// on purpose).
    pub max_feed_bytes: Option<usize>,
    /// Checks of HTML shared with other documents checked with these options:
    /// a piece of HTML (a post's content) already checked in one feed is not
    /// checked again in another. `None` checks every piece.
    pub html_cache: Option<HtmlCache>,
    /// The URL asked for when redirects led to `location`: a self link
    /// naming it is accepted too, as the W3C service accepts it.
    pub requested: Option<String>,
}

impl Options {
    /// Options that judge dates against `now`.
    pub fn at(now: DateTime<Utc>) -> Options {
        Options {
            now,
            location: None,
            max_feed_bytes: Some(spec::MAX_FEED_BYTES),
            html_cache: None,
            requested: None,
        }
    }

    /// These options, for a document fetched from `location`.
    pub fn located(self, location: impl Into<String>) -> Options {
        Options {
            location: Some(location.into()),
            ..self
        }
    }

    /// These options, for a document asked for at `requested` and
    /// redirected to its `location`.
    pub fn requested(self, requested: impl Into<String>) -> Options {
        Options {
            requested: Some(requested.into()),
            ..self
        }
    }
}

impl Default for Options {
    /// Judges dates against the machine's clock.
    fn default() -> Options {
        Options::at(Utc::now())
    }
}

/// What checking one document found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The format the document was checked as, detected from its content.
    pub format: Format,
    /// The findings, in document order; those about the whole file first.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether any finding is an error: the document is invalid.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.level == Level::Error)
    }
}

/// Checks one document's bytes; `name` labels the findings, and its last
/// path segment is what a feed's self link must end with.
pub fn check(name: &str, bytes: &[u8], options: &Options) -> Report {
    let format = Format::detect(bytes);
    let ctx = Context {
        max_feed_bytes: options.max_feed_bytes,
        file_name: name.rsplit(['/', '\\']).next().unwrap_or(name).to_string(),
        now: options.now,
        location: options.location.clone(),
        requested: options.requested.clone(),
        format,
    };
    let mut findings = HtmlCache::while_checking(options.html_cache.as_ref(), || {
        formats::check(name, bytes, &ctx)
    });
    // Document order reads best; findings without a line (whole-file ones) go first.
    findings.sort_by_key(|f| (f.line.unwrap_or(0), f.column.unwrap_or(0)));
    Report { format, findings }
}

/// Checks one file's contents, judging dates against the machine's clock.
pub fn check_bytes(name: &str, bytes: &[u8]) -> Vec<Finding> {
    check(name, bytes, &Options::default()).findings
}

/// [`check_bytes`] with the instant that decides which dates are implausibly in the future.
pub fn check_bytes_at(name: &str, bytes: &[u8], now: DateTime<Utc>) -> Vec<Finding> {
    check(name, bytes, &Options::at(now)).findings
}

/// Reads and checks one file; an unreadable file is one `IOError` finding.
pub fn check_file(path: &Path) -> Vec<Finding> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => check_bytes(&name, &bytes),
        Err(e) => vec![Finding::new(
            &name,
            Code::IOError,
            format!("cannot read the file: {e}"),
        )],
    }
}

/// Compiles the checker's patterns, which the first check would otherwise
/// compile (a few milliseconds): a build does it on a core that is idle
/// while the content folder is walked.
pub fn compile_patterns() {
    rules::compile_patterns();
    html::compile_patterns();
    tree::leaf::compile_patterns();
}

/// What every rule may need to know besides the document.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    /// Feeds larger than this are refused unread.
    pub(crate) max_feed_bytes: Option<usize>,
    /// The checked file's own name, which the self link should end with.
    pub(crate) file_name: String,
    /// Dates after this (with some slack) are implausible.
    pub(crate) now: DateTime<Utc>,
    /// Where the document was fetched from, if it was.
    pub(crate) location: Option<String>,
    /// The URL asked for, when redirects led to `location`.
    pub(crate) requested: Option<String>,
    /// The detected format.
    pub(crate) format: Format,
}

impl Context {
    /// Whether `url` names where the document was fetched from (or the URL
    /// asked for before redirects), compared in canonical form; `None`
    /// when the document was not fetched.
    pub(crate) fn is_location(&self, url: &str) -> Option<bool> {
        let location = self.location.as_deref()?;
        let same = rules::uris::same;
        Some(same(url, location) || self.requested.as_deref().is_some_and(|r| same(url, r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_content_is_an_error() {
        let findings = check_bytes("x.txt", b"hello");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, Code::UnknownFormat);
    }
}
