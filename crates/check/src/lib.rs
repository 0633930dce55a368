//! `feedwright check`: an offline validator for RSS, Atom, JSON Feed and sitemaps.
//!
//! The rules follow the specifications and the W3C Feed Validation Service;
//! where the service has a message class for a problem, the finding's code is
//! that class's name, so the two can be compared. `docs/check.md` lists every rule.
//!
//! The format is detected from the content, never from the file name, and no
//! input makes the checker panic: every problem becomes a [`Finding`].

pub mod atom;
pub mod html;
pub mod json_feed;
pub mod rss;
pub mod rules;
pub mod sitemap;
pub mod spec;
pub mod xml;

use std::fmt;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A recommendation: the file is valid, but readers or validators may stumble.
    Warning,
    /// The file is invalid.
    Error,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Warning => "warning",
            Level::Error => "error",
        })
    }
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file, as it was named to the checker.
    pub file: String,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// The 1-based column in characters, where known.
    pub column: Option<usize>,
    /// Error or warning.
    pub level: Level,
    /// A short code: the W3C validator's message class where it has one.
    pub code: &'static str,
    /// A one-line explanation.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}[{}]: {}", self.level, self.code, self.message)
    }
}

/// The kinds of file the checker recognizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RSS 2.0 (`<rss version="2.0">`).
    Rss2,
    /// RSS 0.91 or 0.92 (`<rss version="0.91">`).
    Rss09x,
    /// RSS 1.0 (RDF).
    Rss1,
    /// RSS 0.90 (RDF, Netscape namespace).
    Rss090,
    /// Atom 1.0 (RFC 4287).
    Atom,
    /// Atom 0.3, obsolete.
    Atom03,
    /// JSON Feed 1.0 or 1.1.
    JsonFeed,
    /// A sitemaps.org `<urlset>`.
    Sitemap,
    /// A sitemaps.org `<sitemapindex>`.
    SitemapIndex,
    /// Anything else.
    Unknown,
}

impl Format {
    /// Guesses the format from the first bytes: the root element and its namespace, or JSON.
    pub fn detect(bytes: &[u8]) -> Format {
        let text = xml::sniff_text(bytes);
        let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        if trimmed.starts_with('{') {
            // A JSON Feed that lost its version is still best checked as one.
            let head = trimmed
                .char_indices()
                .nth(2048)
                .map_or(trimmed, |(end, _)| &trimmed[..end]);
            return if trimmed.contains("jsonfeed.org/version/") || head.contains("\"items\"") {
                Format::JsonFeed
            } else {
                Format::Unknown
            };
        }
        let Some((name, attrs)) = xml::sniff_root(&text) else {
            return Format::Unknown;
        };
        let local = name.rsplit(':').next().unwrap_or(&name);
        match local {
            "rss" => {
                if attrs.contains("\"0.9") || attrs.contains("'0.9") {
                    Format::Rss09x
                } else {
                    Format::Rss2
                }
            }
            "RDF" if attrs.contains("my.netscape.com/rdf/simple/0.9") => Format::Rss090,
            "RDF" => Format::Rss1,
            "feed" if attrs.contains("purl.org/atom/ns#") => Format::Atom03,
            "feed" => Format::Atom,
            "urlset" => Format::Sitemap,
            "sitemapindex" => Format::SitemapIndex,
            _ => Format::Unknown,
        }
    }

    /// The format's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Rss2 => "RSS 2.0",
            Format::Rss09x => "RSS 0.9x",
            Format::Rss1 => "RSS 1.0",
            Format::Rss090 => "RSS 0.90",
            Format::Atom => "Atom 1.0",
            Format::Atom03 => "Atom 0.3",
            Format::JsonFeed => "JSON Feed",
            Format::Sitemap => "sitemap",
            Format::SitemapIndex => "sitemap index",
            Format::Unknown => "unknown",
        }
    }
}

/// Compiles the checker's patterns, which the first check would otherwise
/// compile (a few milliseconds): a build does it on a core that is idle
/// while the content folder is walked.
pub fn compile_patterns() {
    rules::compile_patterns();
    html::compile_patterns();
}

/// Checks one file's contents; `name` labels the findings and its last path
/// segment is what a feed's self link must end with.
pub fn check_bytes(name: &str, bytes: &[u8]) -> Vec<Finding> {
    check_bytes_at(name, bytes, Utc::now())
}

/// [`check_bytes`] with the instant that decides which dates are implausibly in the future.
pub fn check_bytes_at(name: &str, bytes: &[u8], now: DateTime<Utc>) -> Vec<Finding> {
    let format = Format::detect(bytes);
    let ctx = Context {
        file_name: name.rsplit(['/', '\\']).next().unwrap_or(name).to_string(),
        now,
        format,
    };
    let mut findings = match format {
        Format::JsonFeed => json_feed::check(name, bytes, &ctx),
        Format::Unknown if !looks_like_xml(bytes) => vec![Finding {
            file: name.to_string(),
            line: None,
            column: None,
            level: Level::Error,
            code: "UnknownFormat",
            message: "not a feed or sitemap: expected RSS, Atom, JSON Feed or a sitemap".into(),
        }],
        _ => xml::check(name, bytes, &ctx),
    };
    // Document order reads best; findings without a line (whole-file ones) go first.
    findings.sort_by_key(|f| (f.line.unwrap_or(0), f.column.unwrap_or(0)));
    findings
}

/// Reads and checks one file; an unreadable file is one error finding.
pub fn check_file(path: &Path) -> Vec<Finding> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => check_bytes(&name, &bytes),
        Err(e) => vec![Finding {
            file: name,
            line: None,
            column: None,
            level: Level::Error,
            code: "IOError",
            message: format!("cannot read the file: {e}"),
        }],
    }
}

fn looks_like_xml(bytes: &[u8]) -> bool {
    let text = xml::sniff_text(bytes);
    text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with('<')
}

/// What every rule may need to know besides the document.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    /// The checked file's own name, which the self link should end with.
    pub file_name: String,
    /// Dates after this (with some slack) are implausible.
    pub now: DateTime<Utc>,
    /// The detected format.
    pub format: Format,
}

/// Collects findings for one file, turning byte offsets into lines and columns.
pub(crate) struct Sink<'a> {
    file: &'a str,
    text: &'a str,
    line_starts: Vec<usize>,
    /// The findings so far.
    pub findings: Vec<Finding>,
}

impl<'a> Sink<'a> {
    /// A sink for `file`, whose decoded text is `text`.
    pub(crate) fn new(file: &'a str, text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Sink {
            file,
            text,
            line_starts,
            findings: Vec::new(),
        }
    }

    /// The 1-based line and character column of byte offset `pos`.
    pub(crate) fn locate(&self, pos: usize) -> (usize, usize) {
        let pos = pos.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= pos).max(1);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..pos)
            .map_or(pos - start, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// The whole source line that holds byte offset `pos`.
    pub(crate) fn line_text(&self, pos: usize) -> &'a str {
        let (line, _) = self.locate(pos);
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text.get(start..end).unwrap_or("")
    }

    /// Records a finding at byte offset `pos`.
    pub(crate) fn at(
        &mut self,
        pos: usize,
        level: Level,
        code: &'static str,
        message: impl Into<String>,
    ) {
        let (line, column) = self.locate(pos);
        self.findings.push(Finding {
            file: self.file.to_string(),
            line: Some(line),
            column: Some(column),
            level,
            code,
            message: message.into(),
        });
    }

    /// An error at `pos`.
    pub(crate) fn error(&mut self, pos: usize, code: &'static str, message: impl Into<String>) {
        self.at(pos, Level::Error, code, message);
    }

    /// A warning at `pos`.
    pub(crate) fn warn(&mut self, pos: usize, code: &'static str, message: impl Into<String>) {
        self.at(pos, Level::Warning, code, message);
    }

    /// Records a finding about the whole file.
    pub(crate) fn whole(&mut self, level: Level, code: &'static str, message: impl Into<String>) {
        self.findings.push(Finding {
            file: self.file.to_string(),
            line: None,
            column: None,
            level,
            code,
            message: message.into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats_from_content() {
        let cases: &[(&str, Format)] = &[
            (
                "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>",
                Format::Rss2,
            ),
            ("<rss version='0.91'/>", Format::Rss09x),
            (
                "<!-- hi --><rdf:RDF xmlns:rdf=\"x\" xmlns=\"http://purl.org/rss/1.0/\"/>",
                Format::Rss1,
            ),
            (
                "<rdf:RDF xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"/>",
                Format::Rss090,
            ),
            (
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
                Format::Atom,
            ),
            ("<feed xmlns=\"http://purl.org/atom/ns#\"/>", Format::Atom03),
            (
                "{\"version\": \"https://jsonfeed.org/version/1.1\"}",
                Format::JsonFeed,
            ),
            (
                "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"/>",
                Format::Sitemap,
            ),
            ("<sitemapindex/>", Format::SitemapIndex),
            ("<html/>", Format::Unknown),
            ("hello", Format::Unknown),
        ];
        for (text, format) in cases {
            assert_eq!(Format::detect(text.as_bytes()), *format, "{text}");
        }
    }

    #[test]
    fn locates_lines_and_character_columns() {
        let sink = Sink::new("f", "ab\nçd\n");
        assert_eq!(sink.locate(0), (1, 1));
        assert_eq!(sink.locate(3), (2, 1));
        assert_eq!(sink.locate(5), (2, 2));
        assert_eq!(sink.line_text(4), "çd\n");
    }

    #[test]
    fn unknown_content_is_an_error() {
        let findings = check_bytes("x.txt", b"hello");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, "UnknownFormat");
    }
}
