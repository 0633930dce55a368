//! Items: their own elements, the guid and source, and what an item must hold.

use super::channel::{full_link, Channel};
use super::enclosure;
use crate::extensions::{self, Scope};
use crate::formats::atom;
use crate::rules::dates;
use crate::rules::uris::UriRule;
use crate::spec::RDF_NS;
use crate::tree::{leaf, Attrs, El, Seen, Value, Walker};
use crate::Code;

/// Checks an RSS 2.0 (or 0.9x) `<item>`.
pub(super) fn check_rss2(w: &mut Walker, el: &El, channel: &mut Channel) -> Attrs {
    let seen = w.children(el, |w, child, seen| {
        common(w, child, seen, channel)
            .or_else(|| rss2_element(w, child, seen, channel))
            .or_else(|| extensions::check(w, child, seen, Scope::Rss20Item))
    });
    if !seen.has("", "title") && !seen.has("", "description") {
        w.report(
            el,
            Code::ItemMustContainTitleOrDescription,
            "an item must contain a <title> or a <description>",
        );
    }
    let rss2 = w.rss_version.as_deref().is_none_or(|v| v.starts_with("2."));
    if rss2 && !seen.has("", "guid") {
        w.report(el, Code::MissingGuid, "item should contain a guid element");
    }
    extensions::itunes::check_item(w, el, &seen);
    Attrs::Only(&[])
}

/// Checks an RSS 1.0 (or 0.90) `<item>`; `about` says whether it needs `rdf:about`.
pub(super) fn check_rss1(w: &mut Walker, el: &El, channel: &mut Channel, about: bool) -> Attrs {
    if about {
        super::rdf::check_about(w, el);
    }
    let seen = w.children(el, |w, child, seen| {
        common(w, child, seen, channel)
            .or_else(|| match (child.name.prefix, child.name.local) {
                ("rdfs", "label" | "comment") => w.leaf(child, seen, Value::Text.leaf()),
                _ => None,
            })
            .or_else(|| extensions::check(w, child, seen, Scope::Rss10Item))
    });
    for name in ["link", "title"] {
        if !seen.has("", name) {
            w.report(
                el,
                Code::MissingElement,
                format!("an RSS 1.0 <item> must contain a <{name}>"),
            );
        }
    }
    Attrs::Only(&[(RDF_NS, "about")])
}

/// `content:items` (RSS 1.0's content module): an `rdf:Bag` of `rdf:li`,
/// each one `content:item` with its `content:format`, `content:encoding`
/// and `rdf:value`.
fn content_items(w: &mut Walker, el: &El) {
    w.children(el, |w, bag, seen| {
        if !bag.name.is("rdf", "Bag") {
            return None;
        }
        w.once(bag, seen, Code::DuplicateElement);
        w.children(bag, |w, li, _| {
            if !li.name.is("rdf", "li") {
                return None;
            }
            w.children(li, |w, item, _| {
                if !item.name.is("content", "item") {
                    return None;
                }
                w.children(item, |w, part, seen| {
                    match (part.name.prefix, part.name.local) {
                        ("content", "format" | "encoding") => {
                            w.once(part, seen, Code::DuplicateElement);
                            Some(extensions::rdf_resource(w, part))
                        }
                        ("rdf", "value") => w.leaf(part, seen, Value::Text.leaf().once()),
                        _ => None,
                    }
                });
                Some(Attrs::Only(&[]))
            });
            Some(Attrs::Only(&[]))
        });
        Some(Attrs::Only(&[]))
    });
}

/// The elements every RSS item may hold.
fn common(w: &mut Walker, child: &El, seen: &Seen, channel: &mut Channel) -> Option<Attrs> {
    match (child.name.prefix, child.name.local) {
        ("", "link") => w.leaf(child, seen, full_link().once()),
        ("", "title") => w.leaf(child, seen, Value::NonHtml.leaf().nonblank().once()),
        ("", "description") => {
            let plain = w.is_rss2() && w.rss_version.as_deref() == Some("0.91");
            let value = if plain {
                Value::NonHtml
            } else {
                Value::SafeHtml
            };
            w.leaf(child, seen, value.leaf().once())
        }
        ("content", "encoded") => {
            if w.is_rss2() && !seen.has("", "description") {
                w.report(
                    child,
                    Code::NeedDescriptionBeforeContent,
                    "put a <description> (a summary) before <content:encoded>",
                );
            }
            w.leaf(child, seen, Value::SafeHtml.leaf().once())
        }
        ("content", "items") => {
            w.once(child, seen, Code::DuplicateElement);
            content_items(w, child);
            Some(Attrs::Only(&[]))
        }
        ("xhtml", "body") => {
            if w.is_rss2() {
                w.report(
                    child,
                    Code::DuplicateDescriptionSemantics,
                    "<xhtml:body> repeats the item's description: leave it out",
                );
            }
            w.skip(child);
            Some(Attrs::Any)
        }
        ("atom", "id") => {
            w.same_meaning(child, seen, ("", "guid"), Code::DuplicateItemSemantics);
            let attrs = w.leaf(child, seen, full_link().once());
            unique(w, child, &mut channel.atom_ids);
            attrs
        }
        ("atom", "link") => {
            atom::link::check(w, child);
            Some(atom::link::ATTRS)
        }
        ("atom", "title") => {
            w.once(child, seen, Code::DuplicateElement);
            Some(atom::text::check(w, child, atom::text::Construct::Content))
        }
        ("atom", "summary") => {
            w.once(child, seen, Code::DuplicateElement);
            Some(atom::text::check(w, child, atom::text::Construct::Text))
        }
        ("atom", "author") => {
            w.once(child, seen, Code::DuplicateElement);
            Some(atom::person::check(w, child))
        }
        ("atom", "contributor") => Some(atom::person::check(w, child)),
        ("atom", "content") => Some(atom::text::check(w, child, atom::text::Construct::Content)),
        ("atom", "published" | "updated") => w.leaf(child, seen, Value::Rfc3339.leaf().once()),
        ("dc", "creator") => {
            w.same_meaning(child, seen, ("", "author"), Code::DuplicateItemSemantics);
            w.leaf(child, seen, Value::Text.leaf())
        }
        ("dc", "subject") => {
            w.same_meaning(child, seen, ("", "category"), Code::DuplicateItemSemantics);
            w.leaf(child, seen, Value::Text.leaf())
        }
        ("dc", "date") => {
            w.same_meaning(child, seen, ("", "pubDate"), Code::DuplicateItemSemantics);
            w.leaf(child, seen, Value::W3cDtf { bounded: true }.leaf())
        }
        ("cc", "license") => {
            w.same_meaning(
                child,
                seen,
                ("creativeCommons", "license"),
                Code::DuplicateItemSemantics,
            );
            w.skip(child);
            Some(Attrs::Any)
        }
        ("creativeCommons", "license") => {
            w.same_meaning(child, seen, ("cc", "license"), Code::DuplicateItemSemantics);
            w.leaf(child, seen, full_link())
        }
        _ => None,
    }
}

/// The elements of an RSS 2.0 item beyond those every RSS item has.
fn rss2_element(w: &mut Walker, child: &El, seen: &Seen, channel: &mut Channel) -> Option<Attrs> {
    if !w.is_rss2() || !child.name.prefix.is_empty() {
        return None;
    }
    match child.name.local {
        "comments" => w.leaf(child, seen, full_link().once()),
        "enclosure" => {
            w.once(child, seen, Code::DuplicateEnclosure);
            Some(enclosure::check(w, child))
        }
        "pubDate" => {
            w.same_meaning(child, seen, ("dc", "date"), Code::DuplicateItemSemantics);
            w.same_meaning(
                child,
                seen,
                ("atom", "published"),
                Code::DuplicateItemSemantics,
            );
            if let Some(date) = dates::rfc822(child.text().trim()).valid() {
                channel.newest_item = channel.newest_item.max(Some(date));
            }
            w.leaf(child, seen, Value::Rfc822.leaf().once())
        }
        "author" => {
            w.same_meaning(child, seen, ("dc", "creator"), Code::DuplicateItemSemantics);
            w.leaf(child, seen, Value::EmailWithName.leaf().once())
        }
        "category" => {
            w.same_meaning(child, seen, ("dc", "subject"), Code::DuplicateItemSemantics);
            w.leaf(
                child,
                seen,
                Value::NonHtml.leaf().nonblank().attrs(&[("", "domain")]),
            )
        }
        "guid" => {
            w.same_meaning(child, seen, ("atom", "id"), Code::DuplicateItemSemantics);
            guid(w, child);
            unique(w, child, &mut channel.guids);
            w.leaf(
                child,
                seen,
                Value::Text.leaf().once().attrs(&[("", "isPermaLink")]),
            )
        }
        "source" => {
            w.same_meaning(child, seen, ("dc", "source"), Code::DuplicateItemSemantics);
            match child.attr("url") {
                None => w.report(
                    child,
                    Code::MissingAttribute,
                    "<source> needs a url attribute",
                ),
                Some(url) => leaf::uri(w, child, url, UriRule::Full, Code::InvalidFullLink),
            }
            w.leaf(
                child,
                seen,
                Value::NonHtml.leaf().once().attrs(&[("", "url")]),
            )
        }
        _ => None,
    }
}

/// The validator's `unique()`: blank is `NotBlank`, a repeat `DuplicateValue`.
fn unique(w: &mut Walker, el: &El, values: &mut foldhash::HashSet<String>) {
    let value = el.text().trim().to_string();
    if value.is_empty() {
        w.report(
            el,
            Code::NotBlank,
            format!("<{}> should not be blank", el.name),
        );
    } else if !values.insert(value.clone()) {
        w.report(
            el,
            Code::DuplicateValue,
            format!("<{}> {value:?} is used by another item", el.name),
        );
    }
}

/// A guid: a permalink is a full URL (and no `tag:` or `urn:uuid:`); any
/// other guid is long enough to be unique.
fn guid(w: &mut Walker, el: &El) {
    let value = el.text();
    let value = value.trim();
    let permalink = match el.attr("isPermaLink") {
        None => true,
        Some(flag @ ("true" | "false")) => flag == "true",
        Some(other) => {
            w.report(
                el,
                Code::InvalidBooleanAttribute,
                format!("isPermaLink must be \"true\" or \"false\", not {other:?}"),
            );
            false
        }
    };
    if permalink {
        match crate::rules::uris::check(value, UriRule::Full) {
            Err(problem) => crate::rules::uris::report_uri(
                w.sink,
                el.pos(),
                "a permalink <guid>",
                value,
                problem,
                Code::InvalidHttpGUID,
            ),
            Ok(()) => {
                let lower = value.to_lowercase();
                if lower.starts_with("tag:") || lower.starts_with("urn:uuid:") {
                    w.report(
                        el,
                        Code::InvalidPermalink,
                        "a tag: or urn:uuid: guid is no permalink: add isPermaLink=\"false\"",
                    );
                }
            }
        }
    } else if value.chars().count() < 9
        && !value.is_empty()
        && value.chars().all(|c| c.is_ascii_digit())
    {
        w.report(
            el,
            Code::NotSufficientlyUnique,
            format!("the guid {value:?} is too short to be unique across feeds"),
        );
    }
}
