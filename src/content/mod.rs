//! The content stage: find the Markdown files, read their front matter, and
//! build the site model (every published page, its permalink and its dates in
//! UTC). It knows nothing of feeds or output formats.

pub mod date;
pub(crate) mod discover;
pub mod front_matter;
pub(crate) mod listing;
pub mod permalink;
pub(crate) mod site;
pub mod slug;
pub(crate) mod source;
pub(crate) mod url_rules;
