//! Atom 1.0 (RFC 4287) as the W3C validator reads it, and `atom:link`, which
//! RSS channels borrow for their self link.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use roxmltree::Node;

use crate::html::{check_html, check_plain};
use crate::rules::{dates, mime, uris};
use crate::spec::{ATOM_NS, XHTML_NS, XML_NS};
use crate::xml::node::{display_name, elements, ns_of, pos, stray_text, text_of};
use crate::{Code, Context, Sink};

const REGISTERED_RELS: &[&str] = &[
    "alternate",
    "current",
    "describedby",
    "edit",
    "edit-media",
    "enclosure",
    "first",
    "hub",
    "last",
    "license",
    "next",
    "next-archive",
    "payment",
    "prev-archive",
    "previous",
    "related",
    "replies",
    "search",
    "self",
    "service",
    "up",
    "via",
];
const HISTORY_RELS: &[&str] = &[
    "first",
    "last",
    "next",
    "previous",
    "current",
    "prev-archive",
    "next-archive",
];
const FEED_ELEMENTS: &[&str] = &[
    "author",
    "category",
    "contributor",
    "generator",
    "icon",
    "id",
    "link",
    "logo",
    "rights",
    "subtitle",
    "title",
    "updated",
    "entry",
];
const FEED_SINGLE: &[&str] = &[
    "generator",
    "icon",
    "id",
    "logo",
    "rights",
    "subtitle",
    "title",
    "updated",
];
const ENTRY_ELEMENTS: &[&str] = &[
    "author",
    "category",
    "content",
    "contributor",
    "id",
    "link",
    "published",
    "rights",
    "source",
    "summary",
    "title",
    "updated",
];
const ENTRY_SINGLE: &[&str] = &[
    "content",
    "id",
    "published",
    "rights",
    "source",
    "summary",
    "title",
    "updated",
];

/// Dates further ahead than this are implausible in Atom.
fn atom_slack() -> Duration {
    Duration::days(1)
}

/// What a checked `atom:link` said.
#[derive(Debug, Clone)]
pub(crate) struct AtomLink {
    /// The relation, `alternate` when absent.
    pub rel: String,
    /// The `type`, if any.
    pub media_type: Option<String>,
    /// The `hreflang`, if any.
    pub hreflang: Option<String>,
}

/// Checks an `atom:link` (in Atom, or in an RSS channel or item).
pub(crate) fn check_atom_link(
    sink: &mut Sink,
    node: Node,
    ctx: &Context,
    in_entry: bool,
) -> Option<AtomLink> {
    let at = pos(node);
    for attr in node.attributes() {
        let expected = ["href", "rel", "type", "hreflang", "title", "length"];
        if attr.namespace().is_none() && !expected.contains(&attr.name()) {
            sink.report(
                at,
                Code::UnexpectedAttribute,
                format!(
                    "<{}> takes no {} attribute",
                    display_name(node),
                    attr.name()
                ),
            );
        }
    }
    if stray_text(node).is_some() || elements(node).next().is_some() {
        sink.report(at, Code::AtomLinkNotEmpty, "a link element should be empty");
    }
    let rel = node
        .attribute("rel")
        .unwrap_or("alternate")
        .trim()
        .to_string();
    let absolute_rel = uris::uri(&rel, true, true).is_ok() && rel.contains(':');
    if !REGISTERED_RELS.contains(&rel.as_str()) && !absolute_rel {
        sink.report(
            at,
            Code::UnregisteredAtomLinkRel,
            format!("the link relation {rel:?} is not registered"),
        );
    }
    if in_entry && HISTORY_RELS.contains(&rel.as_str()) {
        sink.report(
            at,
            Code::FeedHistoryRelInEntry,
            format!("the feed-paging relation {rel:?} belongs on the feed, not an entry"),
        );
    }
    let media_type = node.attribute("type").map(str::to_string);
    if let Some(t) = &media_type {
        if !mime::mime_type(t) {
            sink.report(
                at,
                Code::InvalidMIMEType,
                format!("the link type {t:?} is not a MIME type"),
            );
        }
    }
    let hreflang = node.attribute("hreflang").map(str::to_string);
    if let Some(lang) = &hreflang {
        if !crate::spec::language(lang) {
            sink.report(
                at,
                Code::InvalidLanguage,
                format!("hreflang {lang:?} is not an ISO 639 language code"),
            );
        }
    }
    if let Some(length) = node.attribute("length") {
        if length.trim().parse::<u64>().is_err() {
            sink.report(
                at,
                Code::InvalidNonNegativeInteger,
                format!("the link length must be a whole number, not {length:?}"),
            );
        }
    }
    let Some(href) = node.attribute("href") else {
        sink.report(at, Code::MissingHref, "a link needs an href attribute");
        return None;
    };
    if let Err(problem) = uris::uri(href, false, true) {
        uris::report_uri(sink, at, "the link href", href, problem, Code::InvalidIRI);
    }
    if rel == "self" {
        check_self(sink, at, href, media_type.as_deref(), ctx);
    }
    Some(AtomLink {
        rel,
        media_type,
        hreflang,
    })
}

/// The self link: absolute, a feed type, and (offline) ending with this file's name.
fn check_self(sink: &mut Sink, at: usize, href: &str, media_type: Option<&str>, ctx: &Context) {
    if uris::uri(href, true, true).is_err() {
        sink.report(
            at,
            Code::RelativeSelf,
            format!("the self link {href:?} should be absolute"),
        );
        return;
    }
    if let Some(t) = media_type {
        if ![
            "application/atom+xml",
            "application/rss+xml",
            "application/rdf+xml",
        ]
        .contains(&t)
        {
            sink.report(
                at,
                Code::SelfNotAtom,
                format!("the self link's type should be a feed type, not {t:?}"),
            );
        }
    }
    if ctx.file_name.is_empty() {
        return;
    }
    let path = href.split(['?', '#']).next().unwrap_or("");
    let after_authority = path.split("://").nth(1).unwrap_or(path);
    let last = after_authority
        .split_once('/')
        .map_or("", |(_, p)| p)
        .rsplit('/')
        .next()
        .unwrap_or("");
    let matches = last == ctx.file_name || (last.is_empty() && ctx.file_name.starts_with("index."));
    if !matches {
        sink.report(
            at,
            Code::SelfDoesntMatchLocation,
            format!(
                "the self link {href:?} does not end with this file's name {:?}",
                ctx.file_name
            ),
        );
    }
}

fn check_date(sink: &mut Sink, node: Node, ctx: &Context) -> Option<DateTime<Utc>> {
    let value = text_of(node);
    let name = node.tag_name().name();
    match dates::rfc3339(&value) {
        Some(date) => {
            if dates::implausible(date, ctx.now, atom_slack()) {
                sink.report(
                    pos(node),
                    Code::ImplausibleDate,
                    format!("<{name}> {value:?} is implausible: in the future or before 1990"),
                );
            }
            Some(date)
        }
        None => {
            sink.report(
                pos(node),
                Code::InvalidRFC3339Date,
                format!(
                    "<{name}> {value:?} must be an RFC 3339 date-time, e.g. 2025-02-10T12:00:00Z"
                ),
            );
            None
        }
    }
}

fn check_id(sink: &mut Sink, node: Node) -> String {
    let value = text_of(node);
    let trimmed = value.trim();
    if value != trimmed {
        sink.report(
            pos(node),
            Code::UnexpectedWhitespace,
            "<id> must not have whitespace around it",
        );
    }
    match uris::uri(trimmed, true, false) {
        Err(problem) => uris::report_uri(
            sink,
            pos(node),
            "<id>",
            trimmed,
            problem,
            Code::InvalidFullLink,
        ),
        Ok(()) => {
            if let Some(canonical) = uris::canonical_form(trimmed).filter(|c| c != trimmed) {
                sink.report(
                    pos(node),
                    Code::NonCanonicalURI,
                    format!("the id {trimmed:?} is not in canonical form ({canonical:?})"),
                );
            }
        }
    }
    trimmed.to_string()
}

/// A text construct (title, subtitle, rights, summary) or content; whether it had `src`.
fn check_text(sink: &mut Sink, node: Node, content: bool) -> bool {
    let name = node.tag_name().name();
    let at = pos(node);
    let value = text_of(node);
    let src = content && node.attribute("src").is_some();
    if let Some(src) = node.attribute("src").filter(|_| content) {
        if let Err(problem) = uris::uri(src, false, true) {
            uris::report_uri(sink, at, "the content src", src, problem, Code::InvalidIRI);
        }
    }
    let kind = node.attribute("type").unwrap_or("text");
    match kind {
        "" => sink.report(
            at,
            Code::AttrNotBlank,
            format!("the type of <{name}> should not be blank"),
        ),
        "text" => check_plain(
            sink,
            at,
            &format!("<{name}>"),
            &value,
            Code::ContainsUndeclaredHTML,
            false,
        ),
        "html" => check_html(sink, at, &format!("<{name}>"), &value, false),
        "xhtml" => {
            let div =
                elements(node).find(|c| ns_of(*c) == XHTML_NS && c.tag_name().name() == "div");
            if div.is_none() {
                sink.report(
                    at,
                    Code::MissingXhtmlDiv,
                    format!("xhtml <{name}> must wrap its content in an xhtml:div"),
                );
            }
            // The service also rejects text beside the div (mixed content).
            let stray_text = elements(node).next().is_some()
                && node
                    .children()
                    .any(|c| c.is_text() && !c.text().unwrap_or("").trim().is_empty());
            if stray_text {
                sink.report(
                    at,
                    Code::UnexpectedText,
                    format!("xhtml <{name}> holds text outside its xhtml:div"),
                );
            }
        }
        other if content && mime::mime_type(other) => {
            if other.ends_with("/html") && !value.contains("<html") && !src {
                sink.report(
                    at,
                    Code::HtmlFragment,
                    format!("a fragment of HTML in <{name}> should use type=\"html\""),
                );
            }
        }
        // As the service: a media type on a text construct is the wrong kind
        // of type; any other word is not a MIME type at all.
        other if !content && other.contains('/') => sink.report(
            at,
            Code::InvalidTextType,
            format!("<{name}> type must be text, html or xhtml, not {other:?}"),
        ),
        other => sink.report(
            at,
            Code::InvalidMIMEType,
            format!("<{name}> type must be text, html, xhtml or a MIME type, not {other:?}"),
        ),
    }
    if content || name == "summary" {
        let empty = value.trim().is_empty() && elements(node).next().is_none();
        if empty && !src {
            sink.report(
                at,
                Code::NotBlank,
                format!("an empty <{name}> should be left out"),
            );
        }
    }
    src
}

fn check_person(sink: &mut Sink, node: Node) {
    let mut has_name = false;
    for child in elements(node).filter(|c| ns_of(*c) == ATOM_NS) {
        let value = text_of(child);
        match child.tag_name().name() {
            "name" => {
                has_name = true;
                if value.trim().is_empty() {
                    sink.report(
                        pos(child),
                        Code::NotBlank,
                        "an author's <name> should not be blank",
                    );
                }
                let email_in_name = value.split('<').skip(1).any(|rest| {
                    rest.split_once('>')
                        .is_some_and(|(inner, _)| crate::spec::addr_spec(inner))
                });
                if email_in_name {
                    sink.report(
                        pos(child),
                        Code::ContainsEmail,
                        "put the e-mail address in <email>, not in <name>",
                    );
                }
                check_plain(
                    sink,
                    pos(child),
                    "<name>",
                    &value,
                    Code::ContainsUndeclaredHTML,
                    false,
                );
            }
            "email" => {
                if !crate::spec::addr_spec(value.trim()) {
                    sink.report(
                        pos(child),
                        Code::InvalidAddrSpec,
                        format!("{value:?} is not an e-mail address"),
                    );
                }
            }
            "uri" => {
                if let Err(problem) = uris::uri(value.trim(), false, true) {
                    uris::report_uri(sink, pos(child), "<uri>", &value, problem, Code::InvalidIRI);
                }
            }
            other => sink.report(
                pos(child),
                Code::UndefinedElement,
                format!("<{other}> is not an Atom person element"),
            ),
        }
    }
    if !has_name {
        sink.report(
            pos(node),
            Code::MissingElement,
            format!("<{}> must contain a <name>", node.tag_name().name()),
        );
    }
}

fn check_category(sink: &mut Sink, node: Node) {
    for attr in node.attributes() {
        if attr.namespace().is_none() && !["term", "scheme", "label"].contains(&attr.name()) {
            sink.report(
                pos(node),
                Code::UnexpectedAttribute,
                format!("<category> takes no {} attribute", attr.name()),
            );
        }
    }
    match node.attribute("term") {
        None => sink.report(
            pos(node),
            Code::MissingAttribute,
            "<category> needs a term attribute",
        ),
        Some(term) if term.trim().is_empty() => sink.report(
            pos(node),
            Code::NotBlank,
            "a category term should not be blank",
        ),
        Some(_) => {}
    }
    if let Some(scheme) = node.attribute("scheme") {
        if let Err(problem) = uris::uri(scheme, true, true) {
            uris::report_uri(
                sink,
                pos(node),
                "the category scheme",
                scheme,
                problem,
                Code::InvalidFullLink,
            );
        }
    }
}

fn check_common(sink: &mut Sink, node: Node, ctx: &Context) {
    match node.tag_name().name() {
        "title" | "subtitle" | "rights" => {
            check_text(sink, node, false);
        }
        "author" | "contributor" => check_person(sink, node),
        "category" => check_category(sink, node),
        "updated" | "published" => {
            check_date(sink, node, ctx);
        }
        "generator" => {
            for attr in node.attributes() {
                if attr.namespace().is_none() && !["uri", "version"].contains(&attr.name()) {
                    sink.report(
                        pos(node),
                        Code::UnexpectedAttribute,
                        format!("<generator> takes no {} attribute", attr.name()),
                    );
                }
            }
            if text_of(node).trim().is_empty() {
                sink.report(
                    pos(node),
                    Code::NotBlank,
                    "<generator> should name the generator",
                );
            }
        }
        "icon" | "logo" => {
            let value = text_of(node);
            if value.trim().is_empty() {
                sink.report(
                    pos(node),
                    Code::NotBlank,
                    format!("<{}> should not be blank", node.tag_name().name()),
                );
            } else if let Err(problem) = uris::uri(value.trim(), false, true) {
                uris::report_uri(
                    sink,
                    pos(node),
                    "the icon or logo",
                    &value,
                    problem,
                    Code::InvalidIRI,
                );
            }
        }
        _ => {}
    }
}

/// Two alternate links with the same type and language.
fn duplicate_alternates(sink: &mut Sink, links: &[(usize, AtomLink)]) {
    let mut seen = HashSet::new();
    for (at, link) in links.iter().filter(|(_, l)| l.rel == "alternate") {
        if !seen.insert((link.media_type.clone(), link.hreflang.clone())) {
            sink.report(
                *at,
                Code::DuplicateAtomLink,
                "two alternate links with the same type and hreflang",
            );
        }
    }
}

struct EntrySummary {
    id: Option<String>,
    updated: Option<String>,
    updated_at: Option<DateTime<Utc>>,
    has_author: bool,
    at: usize,
}

/// RFC 4287 requires a `title`, an `id` and an `updated` in every feed and entry.
fn require_title_id_updated(sink: &mut Sink, node: Node, seen: &HashMap<&str, usize>) {
    for required in ["title", "id", "updated"] {
        if !seen.contains_key(required) {
            sink.report(
                pos(node),
                Code::MissingElement,
                format!("<{}> must contain an <{required}>", node.tag_name().name()),
            );
        }
    }
}

fn check_entry(sink: &mut Sink, entry: Node, ctx: &Context) -> EntrySummary {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut summary = EntrySummary {
        id: None,
        updated: None,
        updated_at: None,
        has_author: false,
        at: pos(entry),
    };
    let mut links = Vec::new();
    let mut content_src = false;
    for child in elements(entry) {
        let name = child.tag_name().name();
        match ns_of(child) {
            ATOM_NS => {
                if !ENTRY_ELEMENTS.contains(&name) {
                    sink.report(
                        pos(child),
                        Code::UndefinedElement,
                        format!("<{name}> is not an Atom entry element"),
                    );
                    continue;
                }
                let count = seen.entry(name).or_insert(0);
                *count += 1;
                if *count == 2 && ENTRY_SINGLE.contains(&name) {
                    sink.report(
                        pos(child),
                        Code::DuplicateElement,
                        format!("<entry> has more than one <{name}>"),
                    );
                }
                match name {
                    "id" => summary.id = Some(check_id(sink, child)),
                    "updated" => {
                        summary.updated = Some(text_of(child));
                        summary.updated_at = check_date(sink, child, ctx);
                    }
                    "link" => {
                        if let Some(link) = check_atom_link(sink, child, ctx, true) {
                            links.push((pos(child), link));
                        }
                    }
                    "content" => content_src = check_text(sink, child, true),
                    "summary" => {
                        check_text(sink, child, false);
                    }
                    "author" => {
                        summary.has_author = true;
                        check_person(sink, child);
                    }
                    "source" => {
                        summary.has_author |= elements(child)
                            .any(|c| ns_of(c) == ATOM_NS && c.tag_name().name() == "author");
                    }
                    _ => check_common(sink, child, ctx),
                }
            }
            "" => sink.report(
                pos(child),
                Code::UndeterminableVocabulary,
                format!("<{name}> has no namespace: readers cannot tell what it means"),
            ),
            _ => {}
        }
    }
    require_title_id_updated(sink, entry, &seen);
    let has_summary = seen.contains_key("summary");
    if !seen.contains_key("content") {
        if !has_summary {
            sink.report(
                pos(entry),
                Code::MissingTextualContent,
                "an entry without <content> should have a <summary>",
            );
        }
        if !links.iter().any(|(_, l)| l.rel == "alternate") {
            sink.report(
                pos(entry),
                Code::MissingContentOrAlternate,
                "an entry needs <content> or a link rel=\"alternate\"",
            );
        }
    } else if content_src && !has_summary {
        sink.report(
            pos(entry),
            Code::MissingSummary,
            "an entry whose content is elsewhere (src) needs a <summary>",
        );
    }
    duplicate_alternates(sink, &links);
    summary
}

/// Checks an Atom 1.0 `<feed>`.
pub(crate) fn check(sink: &mut Sink, feed: Node, ctx: &Context) {
    for node in feed.descendants().filter(Node::is_element) {
        if let Some(lang) = node.attribute((XML_NS, "lang")) {
            if !lang.is_empty() && !crate::spec::language(lang) {
                sink.report(
                    pos(node),
                    Code::InvalidLanguage,
                    format!("xml:lang {lang:?} is not an ISO 639 language code"),
                );
            }
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut entries = Vec::new();
    let mut links = Vec::new();
    let mut feed_author = false;
    let mut misplaced_reported = false;
    let mut feed_updated: Option<(DateTime<Utc>, usize)> = None;
    for child in elements(feed) {
        let name = child.tag_name().name();
        match ns_of(child) {
            ATOM_NS => {
                if !FEED_ELEMENTS.contains(&name) {
                    sink.report(
                        pos(child),
                        Code::UndefinedElement,
                        format!("<{name}> is not an Atom feed element"),
                    );
                    continue;
                }
                if name == "entry" {
                    entries.push(check_entry(sink, child, ctx));
                    continue;
                }
                if !entries.is_empty() && !misplaced_reported {
                    sink.report(
                        pos(child),
                        Code::MisplacedMetadata,
                        format!("<{name}> comes after the entries: put feed metadata first"),
                    );
                    misplaced_reported = true;
                }
                let count = seen.entry(name).or_insert(0);
                *count += 1;
                if *count == 2 && FEED_SINGLE.contains(&name) {
                    sink.report(
                        pos(child),
                        Code::DuplicateElement,
                        format!("<feed> has more than one <{name}>"),
                    );
                }
                match name {
                    "id" => {
                        check_id(sink, child);
                    }
                    "link" => {
                        if let Some(link) = check_atom_link(sink, child, ctx, false) {
                            links.push((pos(child), link));
                        }
                    }
                    "updated" => {
                        feed_updated = check_date(sink, child, ctx).map(|d| (d, pos(child)))
                    }
                    "author" => {
                        if entries.is_empty() {
                            feed_author = true;
                        }
                        check_person(sink, child);
                    }
                    _ => check_common(sink, child, ctx),
                }
            }
            "" => sink.report(
                pos(child),
                Code::UndeterminableVocabulary,
                format!("<{name}> has no namespace: readers cannot tell what it means"),
            ),
            _ => {}
        }
    }
    require_title_id_updated(sink, feed, &seen);
    if !links.iter().any(|(_, l)| l.rel == "self") {
        sink.report(
            pos(feed),
            Code::MissingSelf,
            "the feed should have a link rel=\"self\" with its own URL",
        );
    }
    duplicate_alternates(sink, &links);
    if !feed_author {
        if entries.is_empty() {
            sink.report(
                pos(feed),
                Code::MissingElement,
                "a feed without entries must have an <author>",
            );
        }
        for entry in entries.iter().filter(|e| !e.has_author) {
            sink.report(
                entry.at,
                Code::MissingElement,
                "the entry has no <author>, and the feed has none before its entries",
            );
        }
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let all_same = entries.len() > 9
        && entries.iter().all(|e| e.id.is_some())
        && entries
            .iter()
            .filter_map(|e| e.id.as_deref())
            .collect::<HashSet<_>>()
            .len()
            == 1;
    for entry in entries.iter().filter(|_| !all_same) {
        if let Some(id) = entry.id.as_deref() {
            let count = ids.entry(id).or_insert(0);
            *count += 1;
            if *count == 2 {
                sink.report(
                    entry.at,
                    Code::DuplicateEntries,
                    format!("two entries have the id {id:?}: ids must be unique"),
                );
            }
        }
    }
    if all_same {
        sink.report(pos(feed), Code::DuplicateIds, "every entry has the same id");
    }
    let mut updated: HashSet<&str> = HashSet::new();
    for entry in &entries {
        if let Some(value) = entry.updated.as_deref() {
            if !updated.insert(value) {
                sink.report(
                    entry.at,
                    Code::DuplicateUpdated,
                    format!(
                        "two entries have the same <updated> {value:?}: readers may merge them"
                    ),
                );
            }
        }
    }
    let newest = entries.iter().filter_map(|e| e.updated_at).max();
    if let (Some((feed_time, at)), Some(newest)) = (feed_updated, newest) {
        if feed_time < newest {
            sink.report(
                at,
                Code::FeedUpdatedBeforeEntry,
                "the feed's <updated> is older than its newest entry's",
            );
        }
    }
}
