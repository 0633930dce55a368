//! The Atom `entry`, in a feed or as a document of its own.

use super::feed::{self, Entries};
use super::link::{self, Link};
use super::{category, person, text};
use crate::extensions::{self, Scope};
use crate::spec::RDF_NS;
use crate::tree::{Attrs, El, Value, Walker};
use crate::Code;

/// Checks an entry; `entries` holds what the feed's other entries said,
/// and `in_feed` whether there is a feed around it.
pub(super) fn check(w: &mut Walker, el: &El, entries: &mut Entries, in_feed: bool) -> Attrs {
    entries.count += 1;
    let mut links: Vec<(usize, Link)> = Vec::new();
    let mut content: Option<(bool, String)> = None;
    let mut source_author = false;
    let seen = w.children(el, |w, child, seen| match (child.name.prefix, child.name.local) {
        ("", "author" | "contributor") => Some(person::check(w, child)),
        ("", "category") => Some(category::check(w, child)),
        ("", "content") => {
            w.once(child, seen, Code::DuplicateElement);
            content = Some((
                child.attr("src").is_some(),
                child.attr("type").unwrap_or(if child.attr("src").is_some() { "" } else { "text" }).to_string(),
            ));
            Some(text::check(w, child, text::Construct::Content))
        }
        ("", "id") => {
            let attrs = w.leaf(child, seen, Value::CanonicalUri.leaf().nows().once());
            let id = child.text().trim().to_string();
            if id.is_empty() {
                w.report(child, Code::NotBlank, "<id> should not be blank");
            } else if in_feed {
                if let std::collections::hash_map::Entry::Vacant(new) = entries.ids.entry(id.clone()) {
                    new.insert(child.pos());
                } else {
                    entries.duplicate_ids += 1;
                    w.report(
                        child,
                        Code::DuplicateEntries,
                        format!("two entries have the id {id:?}: ids must be unique"),
                    );
                }
            }
            attrs
        }
        ("", "link") => {
            links.push((child.pos(), link::check(w, child)));
            Some(link::ATTRS)
        }
        ("", "published") => w.leaf(child, seen, Value::Rfc3339.leaf().nows().once()),
        ("", "source") => {
            w.once(child, seen, Code::DuplicateElement);
            Some(feed::check_source(w, child, &mut source_author))
        }
        ("", "rights" | "summary" | "title") => {
            w.once(child, seen, Code::DuplicateElement);
            Some(text::check(w, child, text::Construct::Text))
        }
        ("", "updated") => {
            let attrs = w.leaf(child, seen, Value::Rfc3339.leaf().nows().once());
            let updated = child.text().trim().to_string();
            if let Some(date) = crate::rules::dates::rfc3339(&updated) {
                entries.newest = entries.newest.max(Some(date));
            }
            if updated.is_empty() {
                w.report(child, Code::NotBlank, "<updated> should not be blank");
            } else if in_feed && entries.updated.insert(updated.clone(), child.pos()).is_some() {
                w.report(
                    child,
                    Code::DuplicateUpdated,
                    format!("two entries have the same <updated> {updated:?}: readers may merge them"),
                );
            }
            attrs
        }
        ("app", "edited") => w.leaf(child, seen, Value::Rfc3339.leaf().nows().once()),
        ("app", "control") => {
            w.once(child, seen, Code::DuplicateElement);
            w.children(child, |w, draft, seen| {
                draft
                    .name
                    .is("app", "draft")
                    .then(|| w.leaf(draft, seen, Value::YesNo.leaf().once()))
                    .flatten()
            });
            Some(Attrs::Only(&[]))
        }
        _ => extensions::check(w, child, seen, Scope::Entry),
    });
    for name in ["title", "id", "updated"] {
        if !seen.has("", name) {
            w.report(
                el,
                Code::MissingElement,
                format!("<entry> must contain an <{name}>"),
            );
        }
    }
    if !seen.has("", "author") && !source_author && !entries.feed_author {
        w.report(
            el,
            Code::MissingElement,
            "the entry has no <author>, and the feed has none before its entries",
        );
    }
    match content {
        Some((src, kind)) => {
            if !seen.has("", "summary") {
                let binary = kind.contains('/')
                    && !(kind.ends_with("+xml")
                        || kind.ends_with("/xml")
                        || kind.starts_with("text/"));
                if src || binary {
                    w.report(
                        el,
                        Code::MissingSummary,
                        "an entry whose content is elsewhere (src) or not text needs a <summary>",
                    );
                }
            }
        }
        None => {
            if !seen.has("", "summary") {
                w.report(
                    el,
                    Code::MissingTextualContent,
                    "an entry without <content> should have a <summary>",
                );
            }
            if !links.iter().any(|(_, l)| l.rel == "alternate") {
                w.report(
                    el,
                    Code::MissingContentOrAlternate,
                    "an entry needs <content> or a link rel=\"alternate\"",
                );
            }
        }
    }
    feed::duplicate_alternates(w, &links);
    extensions::itunes::check_item(w, el, &seen);
    Attrs::Only(&[(RDF_NS, "parseType")])
}
