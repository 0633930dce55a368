//! JSON Feed 1.0 and 1.1 (jsonfeed.org), by the specification's must and should.

use foldhash::HashSet;

use chrono::Duration;
use serde_json::{Map, Value};

use crate::html::check_html;
use crate::rules::{dates, mime, uris};
use crate::{Code, Context, Finding, Sink};

const VERSION_1: &str = "https://jsonfeed.org/version/1";
const VERSION_1_1: &str = "https://jsonfeed.org/version/1.1";

const TOP_LEVEL: &[&str] = &[
    "version",
    "title",
    "home_page_url",
    "feed_url",
    "description",
    "user_comment",
    "next_url",
    "icon",
    "favicon",
    "author",
    "authors",
    "language",
    "expired",
    "hubs",
    "items",
];
const ITEM_FIELDS: &[&str] = &[
    "id",
    "url",
    "external_url",
    "title",
    "content_html",
    "content_text",
    "summary",
    "image",
    "banner_image",
    "date_published",
    "date_modified",
    "author",
    "authors",
    "tags",
    "language",
    "attachments",
];

/// Checks a JSON Feed document.
pub(crate) fn check(name: &str, bytes: &[u8], ctx: &Context) -> Vec<Finding> {
    let text = String::from_utf8_lossy(bytes);
    let mut sink = Sink::new(name, &text);
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(e) => {
            return vec![
                Finding::new(name, Code::JsonSyntax, format!("not valid JSON: {e}"))
                    .at(e.line(), e.column()),
            ];
        }
    };
    let Value::Object(feed) = value else {
        sink.report_whole(Code::UnknownFormat, "a JSON Feed is an object");
        return sink.findings;
    };
    let v11 = match feed.get("version").and_then(Value::as_str) {
        Some(VERSION_1) => false,
        Some(VERSION_1_1) => true,
        Some(other) => {
            sink.report_whole(
                Code::InvalidVersion,
                format!("unknown JSON Feed version {other:?}"),
            );
            true
        }
        None => {
            sink.report_whole(
                Code::MissingVersion,
                "the feed needs \"version\": \"https://jsonfeed.org/version/1.1\"",
            );
            true
        }
    };
    match feed.get("title") {
        Some(Value::String(t)) if !t.trim().is_empty() => {}
        Some(Value::String(_)) => {
            sink.report_whole(Code::NotBlank, "the feed title should not be blank")
        }
        Some(_) => sink.report_whole(Code::InvalidType, "\"title\" must be a string"),
        None => sink.report_whole(Code::MissingTitle, "the feed needs a \"title\""),
    }
    for key in feed.keys() {
        if !key.starts_with('_') && !TOP_LEVEL.contains(&key.as_str()) {
            sink.report_whole(
                Code::UnknownField,
                format!("unknown field {key:?}: extensions start with \"_\""),
            );
        }
    }
    for key in ["home_page_url", "feed_url", "next_url", "icon", "favicon"] {
        check_url_field(&mut sink, None, &feed, key, "the feed");
    }
    if !feed.contains_key("home_page_url") {
        sink.report_whole(
            Code::MissingHomePageUrl,
            "the feed should have a \"home_page_url\"",
        );
    }
    match feed.get("feed_url").and_then(Value::as_str) {
        None => sink.report_whole(
            Code::MissingSelf,
            "the feed should have a \"feed_url\" with its own URL",
        ),
        Some(url) if ctx.is_location(url) == Some(false) => sink.report_whole(
            Code::SelfDoesntMatchLocation,
            format!(
                "feed_url {url:?} is not the feed's location {:?}",
                ctx.location.as_deref().unwrap_or_default()
            ),
        ),
        Some(_) if ctx.location.is_some() => {}
        Some(url) => {
            let path = url.split(['?', '#']).next().unwrap_or("");
            let last = path.rsplit('/').next().unwrap_or("");
            if !ctx.file_name.is_empty() && last != ctx.file_name {
                sink.report_whole(
                    Code::SelfDoesntMatchLocation,
                    format!(
                        "feed_url {url:?} does not end with this file's name {:?}",
                        ctx.file_name
                    ),
                );
            }
        }
    }
    check_authors(&mut sink, None, &feed, v11, "the feed");
    if let Some(language) = feed.get("language") {
        if !language.as_str().is_some_and(crate::spec::language_code) {
            sink.report_whole(
                Code::InvalidLanguage,
                format!("language {language} is not an ISO 639 language code"),
            );
        }
    }
    if feed.get("expired").is_some_and(|e| !e.is_boolean()) {
        sink.report_whole(Code::InvalidType, "\"expired\" must be true or false");
    }
    let Some(items) = feed.get("items") else {
        sink.report_whole(
            Code::MissingItems,
            "the feed needs an \"items\" array (it may be empty)",
        );
        return sink.findings;
    };
    let Value::Array(items) = items else {
        sink.report_whole(Code::InvalidType, "\"items\" must be an array");
        return sink.findings;
    };
    let mut ids = HashSet::default();
    let mut search_from = 0;
    for (i, item) in items.iter().enumerate() {
        let Value::Object(item) = item else {
            sink.report_whole(Code::InvalidType, format!("items[{i}] must be an object"));
            continue;
        };
        // No spans in serde_json: find the item's id in the text to give a line.
        let found = item
            .get("id")
            .and_then(|id| serde_json::to_string(id).ok())
            .and_then(|needle| find_id(&text, search_from, &needle));
        if let Some((at, len)) = found {
            search_from = at + len;
        }
        check_item(
            &mut sink,
            found.map(|(at, _)| at),
            i,
            item,
            v11,
            ctx,
            &mut ids,
        );
    }
    sink.findings
}

/// Where `"id": <needle>` next occurs from `from`: its offset and length.
fn find_id(text: &str, from: usize, needle: &str) -> Option<(usize, usize)> {
    let mut start = from;
    loop {
        let at = text.get(start..)?.find("\"id\"")? + start;
        let rest = text.get(at + 4..)?.trim_start();
        if let Some(value) = rest.strip_prefix(':') {
            if value.trim_start().starts_with(needle) {
                let end = text.len() - value.trim_start().len() + needle.len();
                return Some((at, end - at));
            }
        }
        start = at + 4;
    }
}

/// A finding at `at` when the position is known, else about the whole file.
fn report(sink: &mut Sink, at: Option<usize>, code: Code, message: String) {
    match at {
        Some(at) => sink.report(at, code, message),
        None => sink.report_whole(code, message),
    }
}

fn check_url_field(
    sink: &mut Sink,
    at: Option<usize>,
    object: &Map<String, Value>,
    key: &str,
    what: &str,
) {
    let Some(value) = object.get(key) else {
        return;
    };
    let ok = value.as_str().is_some_and(|url| {
        uris::check(url, uris::UriRule::Full).is_ok()
            && (url.starts_with("http://") || url.starts_with("https://"))
    });
    if !ok {
        report(
            sink,
            at,
            Code::InvalidUrl,
            format!("{what}'s {key:?} must be an absolute http(s) URL, not {value}"),
        );
    }
}

fn check_authors(
    sink: &mut Sink,
    at: Option<usize>,
    object: &Map<String, Value>,
    v11: bool,
    what: &str,
) {
    let valid_author = |a: &Value| {
        a.as_object().is_some_and(|a| {
            ["name", "url", "avatar"]
                .iter()
                .any(|k| a.get(*k).is_some_and(Value::is_string))
        })
    };
    if let Some(author) = object.get("author") {
        if v11 {
            report(
                sink,
                at,
                Code::DeprecatedAuthor,
                format!("{what}: \"author\" is deprecated in JSON Feed 1.1; use \"authors\""),
            );
        }
        if !valid_author(author) {
            report(
                sink,
                at,
                Code::InvalidAuthor,
                format!("{what}: an author needs a name, url or avatar"),
            );
        }
    }
    if let Some(authors) = object.get("authors") {
        let ok = authors
            .as_array()
            .is_some_and(|list| list.iter().all(valid_author));
        if !ok {
            report(
                sink,
                at,
                Code::InvalidAuthor,
                format!(
                    "{what}: \"authors\" must be an array of objects with a name, url or avatar"
                ),
            );
        }
    }
}

fn check_item(
    sink: &mut Sink,
    at: Option<usize>,
    i: usize,
    item: &Map<String, Value>,
    v11: bool,
    ctx: &Context,
    ids: &mut HashSet<String>,
) {
    let what = format!("items[{i}]");
    match item.get("id") {
        None => report(sink, at, Code::MissingId, format!("{what} needs an \"id\"")),
        Some(Value::String(id)) => {
            if id.is_empty() {
                report(
                    sink,
                    at,
                    Code::MissingId,
                    format!("{what} has an empty \"id\""),
                );
            } else if !ids.insert(id.clone()) {
                report(
                    sink,
                    at,
                    Code::DuplicateId,
                    format!("{what} repeats the id {id:?}: ids must be unique"),
                );
            }
        }
        Some(Value::Number(n)) => {
            report(
                sink,
                at,
                Code::IdNotString,
                format!("{what}'s id {n} should be a string"),
            );
            ids.insert(n.to_string());
        }
        Some(other) => report(
            sink,
            at,
            Code::InvalidType,
            format!("{what}'s id must be a string, not {other}"),
        ),
    }
    for key in item.keys() {
        if !key.starts_with('_') && !ITEM_FIELDS.contains(&key.as_str()) {
            report(
                sink,
                at,
                Code::UnknownField,
                format!("{what} has an unknown field {key:?}"),
            );
        }
    }
    let html = item.get("content_html").and_then(Value::as_str);
    if html.is_none() && !item.get("content_text").is_some_and(Value::is_string) {
        report(
            sink,
            at,
            Code::MissingContent,
            format!("{what} needs \"content_html\" or \"content_text\""),
        );
    }
    if let Some(html) = html {
        check_html(
            sink,
            at.unwrap_or(0),
            &format!("{what}.content_html"),
            html,
            true,
        );
    }
    for key in ["url", "external_url", "image", "banner_image"] {
        check_url_field(sink, at, item, key, &what);
    }
    for key in ["date_published", "date_modified"] {
        let Some(value) = item.get(key) else { continue };
        match value.as_str().and_then(dates::rfc3339) {
            None => report(
                sink,
                at,
                Code::InvalidDate,
                format!("{what}.{key} must be an RFC 3339 date-time, not {value}"),
            ),
            Some(date) if dates::implausible(date, ctx.now, Duration::days(1)) => {
                report(
                    sink,
                    at,
                    Code::ImplausibleDate,
                    format!("{what}.{key} {value} is implausible"),
                );
            }
            Some(_) => {}
        }
    }
    if let Some(tags) = item.get("tags") {
        if !tags
            .as_array()
            .is_some_and(|t| t.iter().all(Value::is_string))
        {
            report(
                sink,
                at,
                Code::InvalidType,
                format!("{what}.tags must be an array of strings"),
            );
        }
    }
    check_authors(sink, at, item, v11, &what);
    if let Some(attachments) = item.get("attachments") {
        let Some(list) = attachments.as_array() else {
            report(
                sink,
                at,
                Code::InvalidType,
                format!("{what}.attachments must be an array"),
            );
            return;
        };
        for (j, attachment) in list.iter().enumerate() {
            let what = format!("{what}.attachments[{j}]");
            let Some(attachment) = attachment.as_object() else {
                report(
                    sink,
                    at,
                    Code::InvalidType,
                    format!("{what} must be an object"),
                );
                continue;
            };
            if !attachment.contains_key("url") {
                report(
                    sink,
                    at,
                    Code::MissingAttribute,
                    format!("{what} needs a \"url\""),
                );
            }
            check_url_field(sink, at, attachment, "url", &what);
            match attachment.get("mime_type").and_then(Value::as_str) {
                None => report(
                    sink,
                    at,
                    Code::MissingAttribute,
                    format!("{what} needs a \"mime_type\""),
                ),
                Some(t) if !mime::mime_type(t) => {
                    report(
                        sink,
                        at,
                        Code::InvalidMIMEAttribute,
                        format!("{what}.mime_type {t:?} is not a MIME type"),
                    );
                }
                Some(_) => {}
            }
            for key in ["size_in_bytes", "duration_in_seconds"] {
                if attachment
                    .get(key)
                    .is_some_and(|n| !n.as_f64().is_some_and(|n| n >= 0.0))
                {
                    report(
                        sink,
                        at,
                        Code::InvalidType,
                        format!("{what}.{key} must be a non-negative number"),
                    );
                }
            }
        }
    }
}
