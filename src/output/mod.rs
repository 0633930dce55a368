//! One module per output format; each turns the model into bytes and never touches the disk.

pub mod atom;
pub mod rss;
pub mod sitemap;

/// The generator's name, written in both feeds.
pub const GENERATOR: &str = "feedwright";

/// The generator's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The largest feed written: the W3C Feed Validation Service stops at 5,000,000
/// bytes, and feed readers and aggregators refuse or truncate feeds far smaller
/// than the largest a static site could produce.
pub use feedwright_check::spec::MAX_FEED_BYTES;
