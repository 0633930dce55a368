//! The channel: its own elements, the Atom and Dublin Core elements it may
//! borrow, its extensions, and what it must contain.

use foldhash::HashSet;

use super::{image, item, skip};
use crate::extensions::{self, Scope};
use crate::formats::atom;
use crate::rules::uris::UriRule;
use crate::spec::RDF_NS;
use crate::tree::{AttrName, Attrs, El, Leaf, Name, Seen, Value, Walker};
use crate::Code;

/// Which RSS the channel is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// RSS 2.0 or 0.9x (`<rss><channel>`).
    Rss2,
    /// RSS 1.0 (RDF, `rdf:about`).
    Rss1,
    /// RSS 0.90 (RDF, Netscape namespace).
    Rss090,
}

/// What the channel's elements said, which later ones are checked against.
#[derive(Debug, Default)]
pub(super) struct Channel {
    /// The channel's title, once given.
    pub(super) title: Option<String>,
    /// The channel's link, once given.
    pub(super) link: Option<String>,
    /// The channel's `docs`.
    docs: Option<String>,
    /// Whether an `atom:link rel="self"` was given.
    has_self: bool,
    /// Where items were seen since the last channel element: a channel
    /// element after them is `MisplacedItem`.
    items_pending: bool,
    /// Item guids, which must be unique.
    pub(super) guids: HashSet<String>,
    /// Item `atom:id`s, which must be unique.
    pub(super) atom_ids: HashSet<String>,
    /// Item publication dates, for the feedwright check of `lastBuildDate`.
    pub(super) newest_item: Option<chrono::DateTime<chrono::Utc>>,
}

const RSS2_ATTRS: &[AttrName] = &[("urn:atom-extension:indexing", "index")];
const RSS1_ATTRS: &[AttrName] = &[(RDF_NS, "about")];

/// A URL the channel links to.
const FULL_LINK: Value = Value::Uri(UriRule::Full, Code::InvalidFullLink);

/// Checks an RSS 2.0 `<channel>`.
pub(super) fn check_rss2(w: &mut Walker, el: &El) -> Attrs {
    check(w, el, Kind::Rss2)
}

/// Checks a channel of the given kind; returns the attributes it takes.
pub(super) fn check(w: &mut Walker, el: &El, kind: Kind) -> Attrs {
    w.indexing(el);
    let mut channel = Channel::default();
    let about_missing = el.attr_ns(RDF_NS, "about").is_none();
    let mut last_build: Option<(chrono::DateTime<chrono::Utc>, usize)> = None;
    let uses_extension_attrs_before = w
        .sink
        .findings
        .iter()
        .filter(|f| f.code == Code::UseOfExtensionAttr)
        .count();
    let seen = w.children(el, |w, child, seen| {
        let metadata = metadata_element(child.name, kind);
        if metadata && channel.items_pending {
            w.report(
                child,
                Code::MisplacedItem,
                format!(
                    "<{}> comes after the items: put channel elements before the first <item>",
                    child.name
                ),
            );
            channel.items_pending = false;
        }
        let attrs = child_rule(w, child, seen, kind, &mut channel, about_missing)?;
        if child.name.is("", "lastBuildDate") {
            if let Some(date) = crate::rules::dates::rfc822(child.text().trim()).valid() {
                last_build = Some((date, child.pos()));
            }
        }
        Some(attrs)
    });
    for (name, code) in [
        ("description", Code::MissingDescription),
        ("link", Code::MissingLink),
        ("title", Code::MissingTitle),
    ] {
        if !seen.has("", name) {
            w.report(el, code, format!("<channel> must contain a <{name}>"));
        }
    }
    for name in ["image", "textInput", "skipHours", "skipDays"] {
        if seen.count("", name) > 1 {
            w.report(
                el,
                Code::DuplicateElement,
                format!("<channel> has more than one <{name}>"),
            );
        }
    }
    if kind == Kind::Rss1 && el.attr_ns(RDF_NS, "about").is_some() && !seen.has("", "items") {
        w.report(
            el,
            Code::MissingElement,
            "an RSS 1.0 <channel> must contain an <items> list",
        );
    }

    if kind == Kind::Rss2 && w.rss_version.as_deref() == Some("2.0") && !channel.has_self {
        w.report(
            el,
            Code::MissingAtomSelfLink,
            "the channel should have <atom:link rel=\"self\" href=\"(the feed's URL)\" type=\"application/rss+xml\"/>",
        );
    }
    extensions::itunes::check_channel(w, el, &seen);
    if channel.docs.as_deref() == Some("http://www.rssboard.org/rss-specification") {
        // The RSS Advisory Board's own profile allows extension attributes.
        let mut kept = 0;
        w.sink.findings.retain(|f| {
            if f.code != Code::UseOfExtensionAttr {
                return true;
            }
            kept += 1;
            kept <= uses_extension_attrs_before
        });
    }
    if let (Some((built, at)), Some(newest)) = (last_build, channel.newest_item) {
        if built < newest {
            w.sink.report(
                at,
                Code::FeedUpdatedBeforeEntry,
                "lastBuildDate is older than the newest item's pubDate",
            );
        }
    }
    match kind {
        Kind::Rss1 => Attrs::Only(RSS1_ATTRS),
        Kind::Rss2 | Kind::Rss090 => Attrs::Only(RSS2_ATTRS),
    }
}

/// Whether `name` is channel metadata, which belongs before the items
/// (the validator's `metadata()` calls).
fn metadata_element(name: Name, kind: Kind) -> bool {
    kind == Kind::Rss2
        && (name.is("atom", "link")
            || name.prefix.is_empty()
                && [
                    "image",
                    "textInput",
                    "textinput",
                    "link",
                    "title",
                    "description",
                    "category",
                    "cloud",
                    "ttl",
                    "docs",
                    "generator",
                    "pubDate",
                    "managingEditor",
                    "webMaster",
                    "language",
                    "copyright",
                    "lastBuildDate",
                    "skipHours",
                    "skipDays",
                ]
                .contains(&name.local))
}

/// Checks one child of the channel; `None` for one it does not define.
fn child_rule(
    w: &mut Walker,
    child: &El,
    seen: &Seen,
    kind: Kind,
    channel: &mut Channel,
    el_about_missing: bool,
) -> Option<Attrs> {
    let rss2 = kind == Kind::Rss2;
    match (child.name.prefix, child.name.local) {
        ("", "image") => {
            w.once(child, seen, Code::DuplicateElement);
            Some(image::check_image(w, child, channel))
        }
        ("", "textInput") => {
            if rss2 {
                w.report(
                    child,
                    Code::AvoidTextInput,
                    "<textInput> is poorly supported: leave it out",
                );
            }
            w.once(child, seen, Code::DuplicateElement);
            Some(image::check_text_input(w, child))
        }
        ("", "textinput") => {
            if kind != Kind::Rss1 {
                w.report(
                    child,
                    Code::UndefinedElement,
                    "<textinput> is not an RSS element: RSS 2.0 writes <textInput>",
                );
            }
            w.once(child, seen, Code::DuplicateElement);
            w.skip(child);
            Some(Attrs::Any)
        }
        ("", "link") => {
            channel.link = Some(child.text().trim().to_string());
            w.leaf(child, seen, FULL_LINK.leaf().once())
        }
        ("", "title") => {
            channel.title = Some(child.text().trim().to_string());
            w.leaf(child, seen, Value::NonHtml.leaf().once().nonblank())
        }
        ("", "description") => w.leaf(child, seen, Value::NonHtml.leaf().once()),
        ("", "blink") => {
            w.report(child, Code::NoBlink, "<blink> is not an RSS element");
            w.leaf(child, seen, Value::Text.leaf().once())
        }
        ("atom", _) => atom_element(w, child, seen, channel),
        ("dc", "creator") => {
            w.same_meaning(
                child,
                seen,
                ("", "managingEditor"),
                Code::DuplicateSemantics,
            );
            w.leaf(child, seen, Value::Text.leaf())
        }
        ("dc", "subject") => {
            w.same_meaning(child, seen, ("", "category"), Code::DuplicateSemantics);
            w.leaf(child, seen, Value::Text.leaf())
        }
        ("dc", "date") => {
            w.same_meaning(child, seen, ("", "pubDate"), Code::DuplicateSemantics);
            w.leaf(child, seen, Value::W3cDtf { bounded: true }.leaf().once())
        }
        ("cc", "license") => {
            w.same_meaning(
                child,
                seen,
                ("creativeCommons", "license"),
                Code::DuplicateSemantics,
            );
            w.skip(child);
            Some(Attrs::Any)
        }
        ("creativeCommons", "license") => {
            w.same_meaning(child, seen, ("cc", "license"), Code::DuplicateSemantics);
            w.leaf(child, seen, FULL_LINK.leaf())
        }
        ("", "items") if kind == Kind::Rss1 => {
            if el_about_missing {
                w.report(
                    child,
                    Code::MissingAttribute,
                    "the RSS 1.0 <channel> needs an rdf:about attribute",
                );
            }
            w.once(child, seen, Code::DuplicateElement);
            Some(super::rdf::check_items(w, child))
        }
        ("rdfs", "label" | "comment") if kind == Kind::Rss1 => {
            w.leaf(child, seen, Value::Text.leaf())
        }
        ("", _) if rss2 => rss2_element(w, child, seen, channel),
        _ => extensions::check(w, child, seen, Scope::Channel),
    }
}

/// The elements of an RSS 2.0 channel beyond those every RSS has.
fn rss2_element(w: &mut Walker, child: &El, seen: &Seen, channel: &mut Channel) -> Option<Attrs> {
    match child.name.local {
        "item" => {
            channel.items_pending = true;
            Some(item::check_rss2(w, child, channel))
        }
        "category" => w.leaf(child, seen, Value::NonHtml.leaf().attrs(&[("", "domain")])),
        "cloud" => {
            w.once(child, seen, Code::DuplicateElement);
            Some(cloud(w, child))
        }
        "rating" => w.leaf(child, seen, Value::Text.leaf()),
        "ttl" => w.leaf(child, seen, Value::PositiveInteger.leaf().nonblank().once()),
        "docs" => {
            channel.docs = Some(child.text().trim().to_string());
            w.leaf(child, seen, FULL_LINK.leaf().once())
        }
        "generator" => {
            w.same_meaning(
                child,
                seen,
                ("admin", "generatorAgent"),
                Code::DuplicateSemantics,
            );
            w.leaf(child, seen, Value::Text.leaf().once())
        }
        "pubDate" => {
            w.same_meaning(child, seen, ("dc", "date"), Code::DuplicateSemantics);
            w.leaf(child, seen, Value::Rfc822.leaf().once())
        }
        "managingEditor" => {
            w.same_meaning(child, seen, ("dc", "creator"), Code::DuplicateSemantics);
            w.leaf(child, seen, Value::EmailWithName.leaf().once())
        }
        "webMaster" => {
            w.same_meaning(child, seen, ("dc", "publisher"), Code::DuplicateSemantics);
            w.leaf(child, seen, Value::EmailWithName.leaf().once())
        }
        "language" => {
            w.same_meaning(child, seen, ("dc", "language"), Code::DuplicateSemantics);
            w.leaf(child, seen, Value::Language.leaf().once())
        }
        "copyright" => {
            w.same_meaning(child, seen, ("dc", "rights"), Code::DuplicateSemantics);
            w.leaf(child, seen, Value::NonHtml.leaf().once())
        }
        "lastBuildDate" => {
            w.same_meaning(
                child,
                seen,
                ("dcterms", "modified"),
                Code::DuplicateSemantics,
            );
            w.leaf(child, seen, Value::Rfc822.leaf().once())
        }
        "skipHours" => Some(skip::check_hours(w, child)),
        "skipDays" => Some(skip::check_days(w, child)),
        _ => None,
    }
}

/// The Atom elements a channel may borrow.
fn atom_element(w: &mut Walker, child: &El, seen: &Seen, channel: &mut Channel) -> Option<Attrs> {
    match child.name.local {
        "author" | "contributor" => Some(atom::person::check(w, child)),
        "category" => Some(atom::category::check(w, child)),
        "generator" => {
            w.once(child, seen, Code::DuplicateElement);
            Some(atom::generator(w, child, true))
        }
        "id" => w.leaf(child, seen, FULL_LINK.leaf().once()),
        "icon" | "logo" => w.leaf(
            child,
            seen,
            Value::Uri(UriRule::Reference, Code::InvalidLink)
                .leaf()
                .nonblank()
                .once(),
        ),
        "link" => {
            let link = atom::link::check(w, child);
            channel.has_self |= link.rel == "self";
            Some(atom::link::ATTRS)
        }
        "title" | "subtitle" | "rights" => {
            w.once(child, seen, Code::DuplicateElement);
            Some(atom::text::check(w, child, atom::text::Construct::Text))
        }
        "updated" => w.leaf(child, seen, Value::Rfc3339.leaf().once()),
        _ => None,
    }
}

/// `<cloud>`: the five attributes a cloud needs.
fn cloud(w: &mut Walker, el: &El) -> Attrs {
    if el.attr("domain").is_none() {
        w.report(
            el,
            Code::MissingAttribute,
            "<cloud> needs a domain attribute",
        );
    }
    match el.attr("port").map(crate::tree::leaf::python_int) {
        None => w.report(el, Code::MissingAttribute, "<cloud> needs a port attribute"),
        Some(Some(port)) if port > 0 => {}
        Some(_) => w.report(
            el,
            Code::InvalidIntegerAttribute,
            "the cloud port must be a positive whole number",
        ),
    }
    for required in ["path", "registerProcedure", "protocol"] {
        if el.attr(required).is_none() {
            w.report(
                el,
                Code::MissingAttribute,
                format!("<cloud> needs a {required} attribute"),
            );
        }
    }
    w.children(el, |_, _, _| None);
    Attrs::Only(&[
        ("", "domain"),
        ("", "path"),
        ("", "registerProcedure"),
        ("", "protocol"),
        ("", "port"),
    ])
}

/// A leaf the channel and items share: a URL.
pub(super) const fn full_link() -> Leaf {
    FULL_LINK.leaf()
}
