//! One module per output format; each turns the model into bytes and never touches the disk.

pub mod atom;
mod media;
mod render;
pub mod rss;
pub(crate) mod sitemap;

pub use render::{render, Rendered};

/// A rendered output: its name in the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The plain file name.
    pub name: String,
    /// The complete contents.
    pub bytes: Vec<u8>,
}

/// The generator's name, written in both feeds.
pub(crate) const GENERATOR: &str = "feedwright";

/// The generator's version.
pub(crate) const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The largest feed written: the W3C Feed Validation Service stops at 5,000,000
/// bytes, and feed readers and aggregators refuse or truncate feeds far smaller
/// than the largest a static site could produce.
pub(crate) use feedwright_check::spec::MAX_FEED_BYTES;
