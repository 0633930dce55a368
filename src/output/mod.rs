//! One module per output format; each turns the model into bytes and never touches the disk.

pub mod atom;
pub(crate) mod feeds_html;
pub mod json_feed;
mod media;
pub mod preset;
mod render;
pub mod rss;
pub(crate) mod sitemap;
mod text;

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

pub(crate) use render::finish;
pub use render::{render, Rendered, WrittenFeed};

/// A rendered output: its path in the output folder (`/`-separated) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The path in the output folder: a file name, or folders and a file name
    /// joined by `/` (`tags/rust/rss.xml`).
    pub name: String,
    /// The complete contents.
    pub bytes: Vec<u8>,
}

/// The generator's name, written in every feed.
pub(crate) const GENERATOR: &str = "feedwright";

/// The generator's version.
pub(crate) const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The largest feed written by default: the W3C Feed Validation Service stops
/// at 5,000,000 bytes, and feed readers and aggregators refuse or truncate
/// feeds far smaller than the largest a static site could produce.
pub(crate) use feedwright_check::spec::MAX_FEED_BYTES;

/// A feed format feedwright writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedFormat {
    /// RSS 2.0, the full post in `content:encoded`.
    Rss,
    /// Atom 1.0 (RFC 4287).
    Atom,
    /// JSON Feed 1.1.
    Json,
}

impl FeedFormat {
    /// Every format, in the order they are written and listed.
    pub const ALL: [FeedFormat; 3] = [FeedFormat::Rss, FeedFormat::Atom, FeedFormat::Json];

    /// The name used in the config file and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            FeedFormat::Rss => "rss",
            FeedFormat::Atom => "atom",
            FeedFormat::Json => "json",
        }
    }

    /// The media type a feed of this format is announced with (`<link rel="alternate" type>`).
    pub fn media_type(self) -> &'static str {
        match self {
            FeedFormat::Rss => "application/rss+xml",
            FeedFormat::Atom => "application/atom+xml",
            FeedFormat::Json => "application/feed+json",
        }
    }

    /// The format's name as people know it.
    pub fn label(self) -> &'static str {
        match self {
            FeedFormat::Rss => "RSS 2.0",
            FeedFormat::Atom => "Atom 1.0",
            FeedFormat::Json => "JSON Feed 1.1",
        }
    }
}

impl fmt::Display for FeedFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for FeedFormat {
    type Err = String;

    fn from_str(text: &str) -> Result<FeedFormat, String> {
        FeedFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                format!("`{text}` is not a feed format; the formats are rss, atom and json")
            })
    }
}
