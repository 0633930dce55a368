//! The Atom `feed` (and an entry's `source`, which copies a feed's metadata).

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::link::{self, Link};
use super::{category, entry, generator, person, text};
use crate::extensions::{self, Scope};
use crate::rules::uris::UriRule;
use crate::tree::{Attrs, El, Seen, Value, Walker};
use crate::Code;

/// What the entries of a feed said, which must be unique across them.
#[derive(Debug, Default)]
pub(super) struct Entries {
    /// How many entries.
    pub(super) count: usize,
    /// How many share an id with an earlier one.
    pub(super) duplicate_ids: usize,
    /// Where each id was first seen.
    pub(super) ids: HashMap<String, usize>,
    /// `updated` values seen.
    pub(super) updated: HashMap<String, usize>,
    /// The newest `updated`.
    pub(super) newest: Option<DateTime<Utc>>,
    /// Whether the feed named an author before this entry.
    pub(super) feed_author: bool,
}

/// The metadata the feed must have, checked before its first entry (or at
/// its end): title, id, updated, a self link, distinct alternates.
fn metadata(w: &mut Walker, el: &El, seen: &Seen, links: &[(usize, Link)], source: bool) {
    for name in ["title", "id", "updated"] {
        if !seen.has("", name) {
            let (code, article) = if source {
                (Code::MissingSourceElement, "should")
            } else {
                (Code::MissingElement, "must")
            };
            w.report(
                el,
                code,
                format!("<{}> {article} contain an <{name}>", el.name),
            );
        }
    }
    if !source && !links.iter().any(|(_, l)| l.rel == "self") {
        w.report(
            el,
            Code::MissingSelf,
            "the feed should have a link rel=\"self\" with its own URL",
        );
    }
    duplicate_alternates(w, links);
}

/// No two alternate links with the same type and language.
pub(super) fn duplicate_alternates(w: &mut Walker, links: &[(usize, Link)]) {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (at, link) in links.iter().filter(|(_, l)| l.rel == "alternate") {
        let key = (link.media_type.as_str(), link.hreflang.as_str());
        if seen.contains(&key) {
            w.sink.report(
                *at,
                Code::DuplicateAtomLink,
                "two alternate links with the same type and hreflang",
            );
        } else {
            seen.push(key);
        }
    }
}

/// Checks an Atom `feed`.
pub(super) fn check(w: &mut Walker, el: &El) -> Attrs {
    check_feed(w, el, false, None)
}

/// Checks an entry's `source`; `entry_author` learns whether it names an author.
pub(super) fn check_source(w: &mut Walker, el: &El, entry_author: &mut bool) -> Attrs {
    check_feed(w, el, true, Some(entry_author))
}

fn check_feed(w: &mut Walker, el: &El, source: bool, mut entry_author: Option<&mut bool>) -> Attrs {
    w.indexing(el);
    let mut links: Vec<(usize, Link)> = Vec::new();
    let mut entries = Entries::default();
    let mut metadata_checked = false;
    let mut feed_updated: Option<(DateTime<Utc>, usize)> = None;
    let seen = w.children(el, |w, child, seen| {
        let name = child.name;
        if name.prefix.is_empty() && name.local == "entry" {
            if source {
                return None;
            }
            if !metadata_checked {
                metadata(w, el, seen, &links, source);
                metadata_checked = true;
            }
            entries.feed_author = seen.has("", "author");
            return Some(entry::check(w, child, &mut entries, true));
        }
        let is_metadata = name.prefix.is_empty()
            && [
                "author",
                "category",
                "contributor",
                "generator",
                "id",
                "icon",
                "link",
                "logo",
                "title",
                "subtitle",
                "rights",
                "updated",
            ]
            .contains(&name.local);
        if is_metadata && seen.has("", "entry") {
            w.report(
                child,
                Code::MisplacedMetadata,
                format!(
                    "<{}> comes after the entries: put feed metadata first",
                    name
                ),
            );
        }
        match (name.prefix, name.local) {
            ("", "author") => {
                if let Some(author) = entry_author.as_deref_mut() {
                    *author = true;
                }
                Some(person::check(w, child))
            }
            ("", "contributor") => Some(person::check(w, child)),
            ("", "category") => Some(category::check(w, child)),
            ("", "generator") => {
                w.once(child, seen, Code::DuplicateElement);
                Some(generator(w, child, true))
            }
            ("", "id") => w.leaf(child, seen, Value::CanonicalUri.leaf().nows().once()),
            ("", "icon" | "logo") => w.leaf(
                child,
                seen,
                Value::Uri(UriRule::Reference, Code::InvalidLink)
                    .leaf()
                    .nonblank()
                    .nows()
                    .once(),
            ),
            ("", "link") => {
                links.push((child.pos(), link::check(w, child)));
                Some(link::ATTRS)
            }
            ("", "title" | "subtitle" | "rights") => {
                w.once(child, seen, Code::DuplicateElement);
                Some(text::check(w, child, text::Construct::Text))
            }
            ("", "updated") => {
                if let Some(date) = crate::rules::dates::rfc3339(child.text().trim()) {
                    feed_updated = Some((date, child.pos()));
                }
                w.leaf(child, seen, Value::Rfc3339.leaf().nows().once())
            }
            ("app", "collection") => {
                w.once(child, seen, Code::DuplicateElement);
                w.skip(child);
                Some(Attrs::Any)
            }
            _ => extensions::check(w, child, seen, Scope::Feed),
        }
    });
    if !metadata_checked {
        metadata(w, el, &seen, &links, source);
    }
    if !source {
        extensions::itunes::check_channel(w, el, &seen);
    }
    if entries.count > 9 && entries.count == entries.duplicate_ids + 1 {
        w.sink.findings.retain(|f| f.code != Code::DuplicateEntries);
        w.report(el, Code::DuplicateIds, "every entry has the same id");
    }
    if let (Some((updated, at)), Some(newest)) = (feed_updated, entries.newest) {
        if updated < newest {
            w.sink.report(
                at,
                Code::FeedUpdatedBeforeEntry,
                "the feed's <updated> is older than its newest entry's",
            );
        }
    }
    Attrs::Only(&[("urn:atom-extension:indexing", "index")])
}
