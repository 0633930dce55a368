//! RSS 2.0 (with the RSS Advisory Board's profile, as the W3C validator
//! applies it), RSS 0.91/0.92, and the RDF family (RSS 1.0 and 0.90), the
//! latter recognized with their required elements only.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use roxmltree::Node;

use super::atom::check_atom_link;
use crate::html::{check_html, check_plain};
use crate::rules::contact::{self, Contact};
use crate::rules::dates::{self, Rfc822};
use crate::rules::{mime, uris};
use crate::spec::{ATOM_NS, CONTENT_NS, DC_NS, MEDIA_NS, RDF_NS};
use crate::xml::node::{display_name, elements, ns_of, pos, stray_text, text_of};
use crate::{Code, Context, Sink};

const CHANNEL_ELEMENTS: &[&str] = &[
    "title",
    "link",
    "description",
    "language",
    "copyright",
    "managingEditor",
    "webMaster",
    "pubDate",
    "lastBuildDate",
    "category",
    "generator",
    "docs",
    "cloud",
    "ttl",
    "image",
    "rating",
    "textInput",
    "skipHours",
    "skipDays",
    "item",
];
const CHANNEL_REPEATABLE: &[&str] = &["category", "item"];
const ITEM_ELEMENTS: &[&str] = &[
    "title",
    "link",
    "description",
    "author",
    "category",
    "comments",
    "enclosure",
    "guid",
    "pubDate",
    "source",
];
const DC_ELEMENTS: &[&str] = &[
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
];
const MEDIA_CONTENT_ATTRIBUTES: &[&str] = &[
    "bitrate",
    "channels",
    "duration",
    "expression",
    "fileSize",
    "framerate",
    "height",
    "isDefault",
    "lang",
    "medium",
    "samplingrate",
    "type",
    "url",
    "width",
];

/// Dates further ahead than this are implausible in RSS.
fn rss_slack() -> Duration {
    Duration::minutes(10)
}

/// Checks a document whose root is `<rss>`.
pub(crate) fn check_rss(sink: &mut Sink, root: Node, ctx: &Context) {
    if !ns_of(root).is_empty() {
        sink.report(
            pos(root),
            Code::InvalidNamespace,
            "<rss> must not be in a namespace",
        );
        // The service reports only this: its children are not RSS elements.
        return;
    }
    let version = root.attribute("version");
    match version {
        None => sink.report(
            pos(root),
            Code::MissingAttribute,
            "<rss> needs a version attribute (\"2.0\")",
        ),
        Some("0.91" | "0.92" | "2.0") => {}
        Some(other) => sink.report(
            pos(root),
            Code::InvalidRSSVersion,
            format!("RSS version {other:?} does not exist: use \"2.0\""),
        ),
    }
    let rss2 = !matches!(version, Some("0.91" | "0.92"));
    let html_description = version != Some("0.91");
    check_attributes(sink, root, &["version"], rss2);
    if let Some(at) = stray_text(root) {
        sink.report(at, Code::UnexpectedText, "text directly inside <rss>");
    }
    let mut channel = None;
    for child in elements(root) {
        if !ns_of(child).is_empty() {
            continue;
        }
        if child.tag_name().name() == "channel" {
            if channel.is_some() {
                sink.report(
                    pos(child),
                    Code::DuplicateElement,
                    "<rss> has more than one <channel>",
                );
            } else {
                channel = Some(child);
            }
        } else {
            sink.report(
                pos(child),
                Code::UndefinedElement,
                format!(
                    "<{}> is not an RSS element here (inside <rss>)",
                    child.tag_name().name()
                ),
            );
        }
    }
    match channel {
        Some(channel) => check_channel(sink, channel, ctx, rss2, html_description),
        None => sink.report(
            pos(root),
            Code::MissingElement,
            "<rss> must contain a <channel>",
        ),
    }
}

/// Attributes on a core RSS element: unexpected plain ones are errors, foreign-namespace
/// ones a warning (RSS 2), known-namespace ones errors.
fn check_attributes(sink: &mut Sink, node: Node, expected: &[&str], rss2: bool) {
    for attr in node.attributes() {
        match attr.namespace() {
            None if expected.contains(&attr.name()) => {}
            Some("http://www.w3.org/XML/1998/namespace") => {}
            Some(uri) if !is_known_namespace(uri) => {
                if rss2 {
                    sink.report(
                        pos(node),
                        Code::UseOfExtensionAttr,
                        format!(
                            "extension attribute {} on <{}>: readers will ignore it",
                            attr.name(),
                            node.tag_name().name()
                        ),
                    );
                }
            }
            _ => sink.report(
                pos(node),
                Code::UnexpectedAttribute,
                format!(
                    "<{}> takes no {} attribute",
                    node.tag_name().name(),
                    attr.name()
                ),
            ),
        }
    }
}

fn is_known_namespace(uri: &str) -> bool {
    [ATOM_NS, CONTENT_NS, DC_NS, MEDIA_NS, RDF_NS].contains(&uri)
        || uri.starts_with("http://purl.org/rss/1.0/modules/")
        || uri == "http://purl.org/dc/terms/"
        || uri == "http://www.itunes.com/dtds/podcast-1.0.dtd"
}

/// A date in RSS: reported as the W3C validator does; the instant when valid.
fn check_date(sink: &mut Sink, node: Node, what: &str, ctx: &Context) -> Option<DateTime<Utc>> {
    let value = text_of(node);
    let value = value.trim();
    match dates::rfc822(value) {
        Rfc822::Valid(instant) => {
            if dates::implausible(instant, ctx.now, rss_slack()) {
                sink.report(
                    pos(node),
                    Code::ImplausibleDate,
                    format!("{what} {value:?} is implausible: in the future or before 1990"),
                );
            }
            Some(instant)
        }
        Rfc822::Problematical => {
            sink.report(
                pos(node),
                Code::ProblematicalRFC822Date,
                format!("{what} {value:?} is not in the usual RFC 822 form: write e.g. \"Mon, 02 Jan 2006 15:04:05 +0000\""),
            );
            None
        }
        Rfc822::IncorrectDow => {
            sink.report(
                pos(node),
                Code::IncorrectDOW,
                format!("{what} {value:?} names the wrong day of the week"),
            );
            None
        }
        Rfc822::Invalid(why) => {
            sink.report(
                pos(node),
                Code::InvalidRFC2822Date,
                format!("{what} {value:?} is not an RFC 822 date: {why}"),
            );
            None
        }
    }
}

/// An element that must hold an absolute URL.
fn check_full_uri(sink: &mut Sink, node: Node, what: &str) {
    let value = text_of(node);
    if let Err(problem) = uris::uri(value.trim(), true, false) {
        uris::report_uri(
            sink,
            pos(node),
            what,
            value.trim(),
            problem,
            Code::InvalidFullLink,
        );
    }
}

fn check_contact(sink: &mut Sink, node: Node, what: &str) {
    let value = text_of(node);
    match contact::rss_contact(&value) {
        Contact::Valid => {}
        Contact::MissingRealName => sink.report(
            pos(node),
            Code::MissingRealName,
            format!("{what} should be an address and a name, e.g. \"jane@example.com (Jane Doe)\""),
        ),
        Contact::EmailFormat => sink.report(
            pos(node),
            Code::EmailFormat,
            format!("{what} should be written \"jane@example.com (Jane Doe)\""),
        ),
        Contact::Invalid => sink.report(
            pos(node),
            Code::InvalidContact,
            format!("{what} must hold an e-mail address, e.g. \"jane@example.com (Jane Doe)\"; use dc:creator for a bare name"),
        ),
    }
}

fn check_category(sink: &mut Sink, node: Node, rss2: bool) {
    let value = text_of(node);
    if value.trim().is_empty() {
        sink.report(pos(node), Code::NotBlank, "<category> should not be blank");
    }
    check_plain(
        sink,
        pos(node),
        "category",
        &value,
        Code::ContainsHTML,
        rss2,
    );
    check_attributes(sink, node, &["domain"], rss2);
}

fn check_channel(
    sink: &mut Sink,
    channel: Node,
    ctx: &Context,
    rss2: bool,
    html_description: bool,
) {
    check_attributes(sink, channel, &[], rss2);
    if let Some(at) = stray_text(channel) {
        sink.report(at, Code::UnexpectedText, "text directly inside <channel>");
    }
    let mut seen: HashSet<String> = HashSet::new();
    let mut seen_item = false;
    let mut misplaced_reported = false;
    let mut has_self = false;
    let mut guids: HashSet<String> = HashSet::new();
    let mut title = None;
    let mut link = None;
    let mut last_build: Option<(DateTime<Utc>, Node)> = None;
    let mut newest_item: Option<DateTime<Utc>> = None;
    let mut images = Vec::new();
    for child in elements(channel) {
        let name = child.tag_name().name();
        let ns = ns_of(child);
        let qualified = display_name(child);
        if seen_item && ns.is_empty() && name != "item" && !misplaced_reported {
            sink.report(pos(child), Code::MisplacedItem, format!("<{qualified}> comes after the items: put channel elements before the first <item>"));
            misplaced_reported = true;
        }
        let first = seen.insert(format!("{ns} {name}"));
        match ns {
            "" => {
                if !CHANNEL_ELEMENTS.contains(&name) {
                    sink.report(
                        pos(child),
                        Code::UndefinedElement,
                        format!("<{name}> is not an RSS channel element"),
                    );
                    continue;
                }
                if !first && !CHANNEL_REPEATABLE.contains(&name) {
                    sink.report(
                        pos(child),
                        Code::DuplicateElement,
                        format!("<channel> has more than one <{name}>"),
                    );
                }
                let expected: &[&str] = match name {
                    "category" => &["domain"],
                    "cloud" => &["domain", "port", "path", "registerProcedure", "protocol"],
                    _ => &[],
                };
                if name != "category" {
                    check_attributes(sink, child, expected, rss2);
                }
                match name {
                    "title" => {
                        let value = text_of(child);
                        if value.trim().is_empty() {
                            sink.report(
                                pos(child),
                                Code::NotBlank,
                                "the channel <title> should not be blank",
                            );
                        }
                        check_plain(
                            sink,
                            pos(child),
                            "channel title",
                            &value,
                            Code::ContainsHTML,
                            rss2,
                        );
                        title = Some(value);
                    }
                    "link" => {
                        check_full_uri(sink, child, "the channel <link>");
                        link = Some(text_of(child));
                    }
                    "description" => {
                        check_plain(
                            sink,
                            pos(child),
                            "channel description",
                            &text_of(child),
                            Code::ContainsHTML,
                            rss2,
                        );
                    }
                    "language" => {
                        let value = text_of(child);
                        if !crate::spec::language(value.trim()) {
                            sink.report(
                                pos(child),
                                Code::InvalidLanguage,
                                format!("{value:?} is not an ISO 639 language code"),
                            );
                        }
                    }
                    "copyright" => check_plain(
                        sink,
                        pos(child),
                        "copyright",
                        &text_of(child),
                        Code::ContainsHTML,
                        rss2,
                    ),
                    "managingEditor" | "webMaster" => {
                        check_contact(sink, child, &format!("<{name}>"))
                    }
                    "pubDate" => {
                        check_date(sink, child, "the channel pubDate", ctx);
                    }
                    "lastBuildDate" => {
                        last_build =
                            check_date(sink, child, "lastBuildDate", ctx).map(|d| (d, child));
                    }
                    "category" => check_category(sink, child, rss2),
                    "docs" => check_full_uri(sink, child, "<docs>"),
                    "cloud" => {
                        for required in ["domain", "port", "path", "registerProcedure", "protocol"]
                        {
                            if child.attribute(required).is_none() {
                                sink.report(
                                    pos(child),
                                    Code::MissingAttribute,
                                    format!("<cloud> needs a {required} attribute"),
                                );
                            }
                        }
                    }
                    "ttl" => {
                        let value = text_of(child);
                        let value = value.trim();
                        if !value.is_empty() && !value.parse::<u64>().is_ok_and(|n| n > 0) {
                            sink.report(pos(child), Code::InvalidPositiveInteger, format!("<ttl> must be a positive whole number of minutes, not {value:?}"));
                        }
                    }
                    "image" => images.push(child),
                    "textInput" => sink.report(
                        pos(child),
                        Code::AvoidTextInput,
                        "<textInput> is poorly supported: leave it out",
                    ),
                    "skipHours" => {
                        for hour in elements(child) {
                            let value = text_of(hour);
                            if hour.tag_name().name() == "hour" && value.trim() == "24" {
                                sink.report(
                                    pos(hour),
                                    Code::UseZeroForMidnight,
                                    "write midnight as <hour>0</hour>, not 24",
                                );
                            } else if hour.tag_name().name() != "hour"
                                || !value.trim().parse::<u8>().is_ok_and(|h| h < 24)
                            {
                                sink.report(pos(hour), Code::InvalidHour, format!("<skipHours> holds <hour> elements of 0 to 23, not {value:?}"));
                            }
                        }
                    }
                    "skipDays" => {
                        const DAYS: [&str; 7] = [
                            "Monday",
                            "Tuesday",
                            "Wednesday",
                            "Thursday",
                            "Friday",
                            "Saturday",
                            "Sunday",
                        ];
                        for day in elements(child) {
                            let value = text_of(day);
                            if day.tag_name().name() != "day" || !DAYS.contains(&value.trim()) {
                                sink.report(pos(day), Code::InvalidDay, format!("<skipDays> holds <day> elements such as Monday, not {value:?}"));
                            }
                        }
                    }
                    "item" => {
                        seen_item = true;
                        let published =
                            check_item(sink, child, ctx, rss2, html_description, &mut guids);
                        newest_item = newest_item.max(published);
                    }
                    _ => {}
                }
            }
            DC_NS => check_dc(sink, child, ctx),
            CONTENT_NS => sink.report(
                pos(child),
                Code::UndefinedElement,
                format!("<{qualified}> does not belong in <channel>"),
            ),
            ATOM_NS if name == "link" => {
                if let Some(link) = check_atom_link(sink, child, ctx, false) {
                    has_self |= link.rel == "self";
                }
            }
            MEDIA_NS if name == "content" || name == "group" => {
                sink.report(
                    pos(child),
                    Code::UndefinedElement,
                    format!("<{qualified}> belongs in an <item>, not the channel"),
                );
            }
            _ => {}
        }
    }
    for image in images {
        check_image(sink, image, title.as_deref(), link.as_deref(), rss2);
    }
    for (required, code) in [
        ("title", Code::MissingTitle),
        ("link", Code::MissingLink),
        ("description", Code::MissingDescription),
    ] {
        if !seen.contains(&format!(" {required}")) {
            sink.report(
                pos(channel),
                code,
                format!("<channel> must contain a <{required}>"),
            );
        }
    }
    if rss2 && !has_self {
        sink.report(
            pos(channel),
            Code::MissingAtomSelfLink,
            "the channel should have <atom:link rel=\"self\" href=\"(the feed's URL)\" type=\"application/rss+xml\"/>",
        );
    }
    for (core, dc) in [
        ("managingEditor", format!("{DC_NS} creator")),
        ("webMaster", format!("{DC_NS} publisher")),
        ("pubDate", format!("{DC_NS} date")),
        ("language", format!("{DC_NS} language")),
        ("copyright", format!("{DC_NS} rights")),
        (
            "lastBuildDate",
            "http://purl.org/dc/terms/ modified".to_string(),
        ),
    ] {
        warn_if_twinned(
            sink,
            channel,
            &seen,
            core,
            &dc,
            Code::DuplicateSemantics,
            "its Dublin Core twin",
        );
    }
    if let (Some((built, node)), Some(newest)) = (last_build, newest_item) {
        if built < newest {
            sink.report(
                pos(node),
                Code::FeedUpdatedBeforeEntry,
                "lastBuildDate is older than the newest item's pubDate: readers may not refresh",
            );
        }
    }
}

fn check_dc(sink: &mut Sink, node: Node, ctx: &Context) {
    let name = node.tag_name().name();
    if !DC_ELEMENTS.contains(&name) {
        sink.report(
            pos(node),
            Code::UndefinedElement,
            format!("dc:{name} is not a Dublin Core element"),
        );
        return;
    }
    let value = text_of(node);
    match name {
        "date" if !dates::w3c_datetime(value.trim()) => sink.report(
            pos(node),
            Code::InvalidW3CDTFDate,
            format!("dc:date {value:?} must be a W3C date-time such as 2025-02-10T12:00:00Z"),
        ),
        "date" => {
            if let Some(date) = dates::rfc3339(value.trim()) {
                if dates::implausible(date, ctx.now, rss_slack()) {
                    sink.report(
                        pos(node),
                        Code::ImplausibleDate,
                        format!("dc:date {value:?} is implausible"),
                    );
                }
            }
        }
        "language" if !crate::spec::language(value.trim()) => {
            sink.report(
                pos(node),
                Code::InvalidLanguage,
                format!("{value:?} is not an ISO 639 language code"),
            );
        }
        _ => {}
    }
}

fn check_image(
    sink: &mut Sink,
    image: Node,
    channel_title: Option<&str>,
    channel_link: Option<&str>,
    rss2: bool,
) {
    check_attributes(sink, image, &[], rss2);
    let mut seen = HashSet::new();
    for child in elements(image).filter(|c| ns_of(*c).is_empty()) {
        let name = child.tag_name().name();
        if !seen.insert(name) {
            sink.report(
                pos(child),
                Code::DuplicateElement,
                format!("<image> has more than one <{name}>"),
            );
        }
        let value = text_of(child);
        let value = value.trim();
        match name {
            "title" => {
                if rss2 && channel_title.is_some_and(|t| t.trim() != value) {
                    sink.report(
                        pos(child),
                        Code::ImageTitleDoesntMatch,
                        "the image title should be the channel title",
                    );
                }
            }
            "link" => {
                check_full_uri(sink, child, "the image <link>");
                if rss2 && channel_link.is_some_and(|l| l.trim() != value) {
                    sink.report(
                        pos(child),
                        Code::ImageLinkDoesntMatch,
                        "the image link should be the channel link",
                    );
                }
            }
            "url" => {
                check_full_uri(sink, child, "the image <url>");
                let path = value.split(['?', '#']).next().unwrap_or("");
                let last = path.rsplit('/').next().unwrap_or("");
                if let Some((_, extension)) = last.rsplit_once('.') {
                    if !["jpg", "jpeg", "gif", "png"]
                        .contains(&extension.to_ascii_lowercase().as_str())
                    {
                        sink.report(
                            pos(child),
                            Code::ImageUrlFormat,
                            format!(
                                "the channel image should be a JPEG, GIF or PNG, not .{extension}"
                            ),
                        );
                    }
                }
            }
            "width" => {
                if !value.parse::<u32>().is_ok_and(|w| (1..=144).contains(&w)) {
                    sink.report(
                        pos(child),
                        Code::InvalidWidth,
                        format!("the image width must be 1 to 144, not {value:?}"),
                    );
                }
            }
            "height" => {
                if !value.parse::<u32>().is_ok_and(|h| (1..=400).contains(&h)) {
                    sink.report(
                        pos(child),
                        Code::InvalidHeight,
                        format!("the image height must be 1 to 400, not {value:?}"),
                    );
                }
            }
            "description" => {}
            other => sink.report(
                pos(child),
                Code::UndefinedElement,
                format!("<{other}> is not an <image> element"),
            ),
        }
    }
    if !seen.contains("title") {
        sink.report(
            pos(image),
            Code::MissingTitle,
            "<image> must contain a <title>",
        );
    }
    if !seen.contains("link") {
        sink.report(
            pos(image),
            Code::MissingLink,
            "<image> must contain a <link>",
        );
    }
    if !seen.contains("url") {
        sink.report(
            pos(image),
            Code::MissingElement,
            "<image> must contain a <url>",
        );
    }
}

/// Checks one item; its valid pubDate, if any.
fn check_item(
    sink: &mut Sink,
    item: Node,
    ctx: &Context,
    rss2: bool,
    html_description: bool,
    guids: &mut HashSet<String>,
) -> Option<DateTime<Utc>> {
    check_attributes(sink, item, &[], rss2);
    if let Some(at) = stray_text(item) {
        sink.report(at, Code::UnexpectedText, "text directly inside <item>");
    }
    let mut seen: HashSet<String> = HashSet::new();
    let mut published = None;
    let mut enclosures = 0;
    for child in elements(item) {
        let name = child.tag_name().name();
        let ns = ns_of(child);
        let qualified = display_name(child);
        let first = seen.insert(format!("{ns} {name}"));
        match ns {
            "" => {
                if !ITEM_ELEMENTS.contains(&name) {
                    sink.report(
                        pos(child),
                        Code::UndefinedElement,
                        format!("<{name}> is not an RSS item element"),
                    );
                    continue;
                }
                if name == "enclosure" {
                    enclosures += 1;
                    if enclosures == 2 {
                        sink.report(
                            pos(child),
                            Code::DuplicateEnclosure,
                            "an item should have one <enclosure>: many readers take only the first",
                        );
                    }
                } else if !first && name != "category" {
                    sink.report(
                        pos(child),
                        Code::DuplicateElement,
                        format!("<item> has more than one <{name}>"),
                    );
                }
                match name {
                    "title" => {
                        let value = text_of(child);
                        if value.trim().is_empty() {
                            sink.report(
                                pos(child),
                                Code::NotBlank,
                                "the item <title> should not be blank",
                            );
                        }
                        check_plain(
                            sink,
                            pos(child),
                            "item title",
                            &value,
                            Code::ContainsHTML,
                            rss2,
                        );
                        check_attributes(sink, child, &[], rss2);
                    }
                    "link" => {
                        check_full_uri(sink, child, "the item <link>");
                        check_attributes(sink, child, &[], rss2);
                    }
                    "comments" => {
                        check_full_uri(sink, child, "<comments>");
                        check_attributes(sink, child, &[], rss2);
                    }
                    "description" => {
                        check_attributes(sink, child, &[], rss2);
                        if html_description {
                            check_html(sink, pos(child), "description", &text_of(child), true);
                        }
                    }
                    "author" => {
                        check_contact(sink, child, "<author>");
                        check_attributes(sink, child, &[], rss2);
                    }
                    "category" => check_category(sink, child, rss2),
                    "enclosure" => check_enclosure(sink, child, rss2),
                    "guid" => check_guid(sink, child, rss2, guids),
                    "pubDate" => {
                        published = check_date(sink, child, "pubDate", ctx);
                        check_attributes(sink, child, &[], rss2);
                    }
                    "source" => {
                        check_attributes(sink, child, &["url"], rss2);
                        match child.attribute("url") {
                            None => sink.report(
                                pos(child),
                                Code::MissingAttribute,
                                "<source> needs a url attribute",
                            ),
                            Some(url) => {
                                if let Err(problem) = uris::uri(url.trim(), true, false) {
                                    uris::report_uri(
                                        sink,
                                        pos(child),
                                        "<source url>",
                                        url,
                                        problem,
                                        Code::InvalidURLAttribute,
                                    );
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            DC_NS => check_dc(sink, child, ctx),
            CONTENT_NS if name == "encoded" => {
                if !first {
                    sink.report(
                        pos(child),
                        Code::DuplicateElement,
                        "<item> has more than one <content:encoded>",
                    );
                }
                if !seen.contains(" description") {
                    sink.report(
                        pos(child),
                        Code::NeedDescriptionBeforeContent,
                        "put a <description> (a summary) before <content:encoded>",
                    );
                }
                for attr in child.attributes() {
                    sink.report(
                        pos(child),
                        Code::UnexpectedAttribute,
                        format!("<content:encoded> takes no {} attribute", attr.name()),
                    );
                }
                check_html(sink, pos(child), "content:encoded", &text_of(child), true);
            }
            CONTENT_NS => sink.report(
                pos(child),
                Code::UndefinedElement,
                format!("<{qualified}> is not a content module element"),
            ),
            ATOM_NS => match name {
                "link" => {
                    check_atom_link(sink, child, ctx, true);
                }
                "title" | "content" => sink.report(
                    pos(child),
                    Code::DuplicateDescriptionSemantics,
                    format!("<{qualified}> repeats what the item's own elements say: leave it out"),
                ),
                _ => {}
            },
            MEDIA_NS if name == "content" => check_media_content(sink, child),
            _ => {}
        }
    }
    if !seen.contains(" title") && !seen.contains(" description") {
        sink.report(
            pos(item),
            Code::ItemMustContainTitleOrDescription,
            "an item must contain a <title> or a <description>",
        );
    }
    if rss2 && !seen.contains(" guid") {
        sink.report(
            pos(item),
            Code::MissingGuid,
            "item should contain a guid element",
        );
    }
    for (core, other) in [
        ("author", format!("{DC_NS} creator")),
        ("pubDate", format!("{DC_NS} date")),
        ("category", format!("{DC_NS} subject")),
        ("guid", format!("{ATOM_NS} id")),
        ("pubDate", format!("{ATOM_NS} published")),
    ] {
        warn_if_twinned(
            sink,
            item,
            &seen,
            core,
            &other,
            Code::DuplicateItemSemantics,
            "an equivalent extension element",
        );
    }
    published
}

/// Warns when `node` holds both the core element `core` and `twin` (a
/// namespaced element that means the same), as `seen` (names as
/// `"namespace local"`) records.
fn warn_if_twinned(
    sink: &mut Sink,
    node: Node,
    seen: &HashSet<String>,
    core: &str,
    twin: &str,
    code: Code,
    twin_name: &str,
) {
    if seen.contains(&format!(" {core}")) && seen.contains(twin) {
        sink.report(
            pos(node),
            code,
            format!(
                "the {} has both <{core}> and {twin_name}: use one",
                node.tag_name().name()
            ),
        );
    }
}

fn check_enclosure(sink: &mut Sink, node: Node, rss2: bool) {
    check_attributes(sink, node, &["url", "length", "type"], rss2);
    match node.attribute("url") {
        None => sink.report(
            pos(node),
            Code::MissingAttribute,
            "<enclosure> needs a url attribute",
        ),
        Some(url) => {
            let ok = uris::uri(url, true, false).is_ok()
                && ["http://", "https://"].iter().any(|s| {
                    url.get(..s.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(s))
                })
                && url
                    .split("://")
                    .nth(1)
                    .and_then(|rest| rest.split(['/', '?', '#']).next())
                    .is_some_and(|host| host.contains('.'));
            if !ok {
                sink.report(
                    pos(node),
                    Code::InvalidURLAttribute,
                    format!("the enclosure url must be an absolute http(s) URL, not {url:?}"),
                );
            }
        }
    }
    match node.attribute("length") {
        None => sink.report(
            pos(node),
            Code::MissingAttribute,
            "<enclosure> needs a length attribute (bytes; 0 when unknown)",
        ),
        Some("-1") => sink.report(
            pos(node),
            Code::UseZeroForUnknown,
            "an unknown enclosure length is written 0, not -1",
        ),
        Some(length) if length.trim().parse::<u64>().is_err() => sink.report(
            pos(node),
            Code::InvalidIntegerAttribute,
            format!("the enclosure length must be a whole number of bytes, not {length:?}"),
        ),
        Some(_) => {}
    }
    match node.attribute("type") {
        None => sink.report(
            pos(node),
            Code::MissingAttribute,
            "<enclosure> needs a type attribute (a MIME type)",
        ),
        Some(media_type) if !mime::mime_type(media_type) => sink.report(
            pos(node),
            Code::InvalidMIMEAttribute,
            format!("the enclosure type {media_type:?} is not a MIME type"),
        ),
        Some(_) => {}
    }
}

fn check_guid(sink: &mut Sink, node: Node, rss2: bool, guids: &mut HashSet<String>) {
    check_attributes(sink, node, &["isPermaLink"], rss2);
    let value = text_of(node);
    let value = value.trim();
    let permalink = match node.attribute("isPermaLink") {
        None | Some("true") => true,
        Some("false") => false,
        Some(other) => {
            sink.report(
                pos(node),
                Code::InvalidBooleanAttribute,
                format!("isPermaLink must be \"true\" or \"false\", not {other:?}"),
            );
            other.eq_ignore_ascii_case("true")
        }
    };
    if value.is_empty() {
        sink.report(pos(node), Code::NotBlank, "<guid> should not be blank");
        return;
    }
    if permalink {
        let lower = value.to_ascii_lowercase();
        if lower.starts_with("tag:") || lower.starts_with("urn:uuid:") {
            sink.report(
                pos(node),
                Code::InvalidPermalink,
                "a tag: or urn:uuid: guid is no permalink: add isPermaLink=\"false\"",
            );
        } else {
            let ok = uris::uri(value, true, false).is_ok()
                && (!lower.starts_with("http")
                    || lower.starts_with("http://")
                    || lower.starts_with("https://"));
            if !ok {
                sink.report(pos(node), Code::InvalidHttpGUID, format!("a permalink guid must be a full URL, not {value:?} (or add isPermaLink=\"false\")"));
            }
        }
    } else if value.len() <= 8 && value.chars().all(|c| c.is_ascii_digit()) {
        sink.report(
            pos(node),
            Code::NotSufficientlyUnique,
            format!("the guid {value:?} is too short to be unique across feeds"),
        );
    }
    if !guids.insert(value.to_string()) {
        sink.report(
            pos(node),
            Code::DuplicateValue,
            format!("the guid {value:?} is used by another item"),
        );
    }
}

fn check_media_content(sink: &mut Sink, node: Node) {
    for attr in node.attributes() {
        if attr.namespace().is_none() && !MEDIA_CONTENT_ATTRIBUTES.contains(&attr.name()) {
            sink.report(
                pos(node),
                Code::UnexpectedAttribute,
                format!("<media:content> takes no {} attribute", attr.name()),
            );
        }
    }
    if let Some(medium) = node.attribute("medium") {
        if !["image", "audio", "video", "document", "executable"].contains(&medium) {
            sink.report(
                pos(node),
                Code::InvalidMediaMedium,
                format!(
                    "medium must be image, audio, video, document or executable, not {medium:?}"
                ),
            );
        }
    }
    if let Some(media_type) = node.attribute("type") {
        if !mime::mime_type(media_type) {
            sink.report(
                pos(node),
                Code::InvalidMIMEAttribute,
                format!("the media type {media_type:?} is not a MIME type"),
            );
        }
    }
    if let Some(url) = node.attribute("url") {
        if let Err(problem) = uris::uri(url, true, false) {
            uris::report_uri(
                sink,
                pos(node),
                "<media:content url>",
                url,
                problem,
                Code::InvalidURLAttribute,
            );
        }
    }
    if let Some(at) = stray_text(node) {
        sink.report(at, Code::UnexpectedText, "text inside <media:content>");
    }
}

/// Checks an RDF document: RSS 1.0 or 0.90, for their required parts only.
pub(crate) fn check_rdf(sink: &mut Sink, root: Node, _ctx: &Context) {
    let rss_ns = elements(root)
        .map(ns_of)
        .find(|ns| {
            *ns == "http://purl.org/rss/1.0/" || *ns == "http://my.netscape.com/rdf/simple/0.9/"
        })
        .unwrap_or("http://purl.org/rss/1.0/");
    let rss1 = rss_ns == "http://purl.org/rss/1.0/";
    let in_rss = |n: &Node| ns_of(*n) == rss_ns;
    let channel = elements(root).find(|n| in_rss(n) && n.tag_name().name() == "channel");
    let Some(channel) = channel else {
        sink.report(
            pos(root),
            Code::MissingElement,
            "an RSS 1.0 document must contain a <channel>",
        );
        return;
    };
    if rss1 && channel.attribute((RDF_NS, "about")).is_none() {
        sink.report(
            pos(channel),
            Code::MissingAttribute,
            "the RSS 1.0 <channel> needs an rdf:about attribute",
        );
    }
    fn has<'a, 'i>(parent: Node<'a, 'i>, rss_ns: &str, name: &str) -> Option<Node<'a, 'i>> {
        elements(parent).find(|n| ns_of(*n) == rss_ns && n.tag_name().name() == name)
    }
    let mut required = vec![("title", Code::MissingTitle), ("link", Code::MissingLink)];
    if rss1 {
        required.push(("description", Code::MissingDescription));
        if has(channel, rss_ns, "items").is_none() {
            sink.report(
                pos(channel),
                Code::MissingElement,
                "the RSS 1.0 <channel> must contain an <items> list",
            );
        }
    }
    for (name, code) in &required {
        match has(channel, rss_ns, name) {
            None => sink.report(
                pos(channel),
                *code,
                format!("<channel> must contain a <{name}>"),
            ),
            Some(node) if *name == "link" => check_full_uri(sink, node, "the channel <link>"),
            Some(_) => {}
        }
    }
    for item in elements(root).filter(|n| in_rss(n) && n.tag_name().name() == "item") {
        if rss1 && item.attribute((RDF_NS, "about")).is_none() {
            sink.report(
                pos(item),
                Code::MissingAttribute,
                "an RSS 1.0 <item> needs an rdf:about attribute",
            );
        }
        for (name, code) in [("title", Code::MissingTitle), ("link", Code::MissingLink)] {
            match has(item, rss_ns, name) {
                None => sink.report(pos(item), code, format!("<item> must contain a <{name}>")),
                Some(node) if name == "link" => check_full_uri(sink, node, "the item <link>"),
                Some(_) => {}
            }
        }
    }
}
