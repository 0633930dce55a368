//! The content stage: find the Markdown files, read their front matter, and
//! build the site model (every published page, its permalink and its dates in
//! UTC). It knows nothing of feeds or output formats.

pub mod date;
pub mod discover;
pub mod front_matter;
pub mod listing;
pub mod permalink;
pub mod site;
pub mod source;
