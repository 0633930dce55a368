//! Checking a document where it is served (cargo feature `http`): fetch it
//! (https, or http on this machine only), follow and report redirects, check
//! the HTTP a reader sees (media type and charset, conditional GET,
//! compression), then check the document with its URL as its location.
//!
//! The HTTP client is `ureq` without its gzip feature: the client decodes
//! the body itself, so it sees the `Content-Encoding` the server sent and
//! caps the decoded size too.

use std::io::Read;
use std::time::Duration;

use chrono::{DateTime, Utc};
use ureq::Agent;
use url::Url;

use crate::{check, xml, Code, Finding, Format, Options};

/// The `User-Agent` of every request.
const USER_AGENT: &str = concat!("feedwright-check/", env!("CARGO_PKG_VERSION"));

/// The `Accept` of every request: feed types first, any XML or JSON after.
const ACCEPT: &str = "application/atom+xml, application/rss+xml, application/feed+json, \
     application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.8, */*;q=0.5";

/// The media types a feed may be served with (the W3C service's list, with
/// JSON Feed's).
const FEED_TYPES: &[&str] = &[
    "text/xml",
    "application/xml",
    "application/rss+xml",
    "application/rdf+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
];

/// How to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetch {
    /// The connect timeout, and the longest any one request may take,
    /// body included.
    pub timeout: Duration,
    /// The most bytes read from a reply, after decompression; a longer one
    /// is a `ValidatorLimit` error.
    pub max_bytes: u64,
    /// The most redirects followed.
    pub max_redirects: u32,
    /// Dates after this instant (with some slack) are implausible.
    pub now: DateTime<Utc>,
}

impl Default for Fetch {
    /// 30 seconds, a sitemap's 50 MiB, 5 redirects, the machine's clock.
    fn default() -> Fetch {
        Fetch {
            timeout: Duration::from_secs(30),
            max_bytes: crate::spec::sitemap::MAX_BYTES as u64,
            max_redirects: 5,
            now: Utc::now(),
        }
    }
}

/// One redirect followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The status: 301, 302, 303, 307 or 308.
    pub status: u16,
    /// The URL that answered with it.
    pub from: String,
    /// Where it sent the request, resolved.
    pub to: String,
}

impl Redirect {
    /// Whether it is permanent (301, 308): subscribers should update.
    pub fn is_permanent(&self) -> bool {
        matches!(self.status, 301 | 308)
    }
}

/// What checking a URL found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlReport {
    /// The URL as given; it names every finding.
    pub url: String,
    /// The redirects followed, in order.
    pub redirects: Vec<Redirect>,
    /// The format of the document, when one was read.
    pub format: Option<Format>,
    /// The HTTP findings (about the whole document) first, then the
    /// document's in document order.
    pub findings: Vec<Finding>,
}

impl UrlReport {
    /// The URL the document was read from: the last redirect's target, or
    /// the URL given.
    pub fn location(&self) -> &str {
        self.redirects.last().map_or(&self.url, |r| &r.to)
    }
}

/// Fetches `url` and checks the document and how it is served.
///
/// Only `https:` URLs are fetched, and `http:` ones on this machine
/// (`localhost`, `127.0.0.1`, `[::1]`), for local servers and tests; the
/// same holds for every redirect. A URL that cannot be fetched yields one
/// `IOError`, `HttpError` or `ValidatorLimit` finding.
pub fn check_url(url: &str, fetch: &Fetch) -> UrlReport {
    let mut report = UrlReport {
        url: url.to_string(),
        redirects: Vec::new(),
        format: None,
        findings: Vec::new(),
    };
    let fail = |report: &mut UrlReport, code: Code, message: String| {
        report.findings.push(Finding::new(url, code, message));
    };
    let mut current = match allowed(url) {
        Ok(parsed) => parsed,
        Err(message) => {
            fail(&mut report, Code::IOError, message);
            return report;
        }
    };
    let response = loop {
        let response = match get(&current, fetch, &[]) {
            Ok(response) => response,
            Err(message) => {
                fail(&mut report, Code::IOError, message);
                return report;
            }
        };
        let status = response.status().as_u16();
        if !matches!(status, 301 | 302 | 303 | 307 | 308) {
            if !(200..300).contains(&status) {
                fail(
                    &mut report,
                    Code::HttpError,
                    format!("{current} answered {}", describe_status(status)),
                );
                return report;
            }
            break response;
        }
        let target = header(&response, "location").and_then(|l| current.join(&l).ok());
        let Some(target) = target else {
            fail(
                &mut report,
                Code::HttpError,
                format!("{current} answered {status} without a usable Location"),
            );
            return report;
        };
        let redirect = Redirect {
            status,
            from: current.to_string(),
            to: target.to_string(),
        };
        if redirect.is_permanent() {
            fail(
                &mut report,
                Code::PermanentRedirect,
                format!(
                    "{} moved permanently ({status}) to {}: subscribers and links should use the new URL",
                    redirect.from, redirect.to
                ),
            );
        }
        report.redirects.push(redirect);
        if report.redirects.len() > fetch.max_redirects as usize {
            fail(
                &mut report,
                Code::HttpError,
                format!("more than {} redirects", fetch.max_redirects),
            );
            return report;
        }
        current = match allowed(target.as_str()) {
            Ok(parsed) => parsed,
            Err(message) => {
                fail(
                    &mut report,
                    Code::IOError,
                    format!("{current} redirects to {target}, which is not fetched: {message}"),
                );
                return report;
            }
        };
    };

    let content_type = header(&response, "content-type");
    let encoding = header(&response, "content-encoding");
    let etag = header(&response, "etag");
    let last_modified = header(&response, "last-modified");
    let body = match read_body(response, encoding.as_deref(), fetch.max_bytes) {
        Ok(body) => body,
        Err((code, message)) => {
            fail(&mut report, code, message);
            return report;
        }
    };

    let mut served = Vec::new();
    let format = Format::detect(&body);
    check_media_type(&mut served, url, content_type.as_deref(), format, &body);
    if encoding.is_none() {
        served.push(Finding::new(
            url,
            Code::Uncompressed,
            "the reply is not compressed although the request offered gzip: compression saves \
             readers and the server most of the transfer",
        ));
    }
    check_conditional_get(
        &mut served,
        url,
        &current,
        fetch,
        etag.as_deref(),
        last_modified.as_deref(),
    );

    let mut options = Options::at(fetch.now).located(current.as_str());
    if !report.redirects.is_empty() {
        options = options.requested(url);
    }
    let document = check(url, &body, &options);
    report.format = Some(document.format);
    report.findings.extend(served);
    report.findings.extend(document.findings);
    report
}

/// `url` parsed, when it may be fetched: https, or http on this machine.
fn allowed(url: &str) -> Result<Url, String> {
    let parsed = Url::parse(url).map_err(|e| format!("{url:?} is not a URL: {e}"))?;
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if is_loopback(&parsed) => Ok(parsed),
        "http" => Err(format!(
            "{url} is plain http: only https URLs are fetched (and http on this machine: \
             localhost, 127.0.0.1, [::1])"
        )),
        other => Err(format!("{url}: {other}: URLs are not fetched, only https")),
    }
}

/// Whether `url` is on this machine.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// One GET of `url`, following no redirect, with `extra` headers.
fn get(
    url: &Url,
    fetch: &Fetch,
    extra: &[(&str, &str)],
) -> Result<ureq::http::Response<ureq::Body>, String> {
    // A proxy of the environment serves the internet, never this machine.
    let proxy = if is_loopback(url) {
        None
    } else {
        ureq::Proxy::try_from_env()
    };
    let agent: Agent = Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(fetch.timeout))
        .timeout_global(Some(fetch.timeout))
        .user_agent(USER_AGENT)
        .proxy(proxy)
        .build()
        .new_agent();
    let mut request = agent
        .get(url.as_str())
        .header("Accept", ACCEPT)
        .header("Accept-Encoding", "gzip");
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    request.call().map_err(|e| describe_error(url, fetch, &e))
}

fn describe_error(url: &Url, fetch: &Fetch, error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => format!(
            "{url} did not answer within {} s (the timeout)",
            fetch.timeout.as_secs_f64()
        ),
        ureq::Error::Io(e) => format!("cannot fetch {url}: {e}"),
        ureq::Error::HostNotFound => format!("cannot fetch {url}: the host is not found"),
        ureq::Error::ConnectionFailed => format!("cannot fetch {url}: the connection failed"),
        other => format!("cannot fetch {url}: {other}"),
    }
}

/// A header's value, when it is text.
fn header(response: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
}

fn describe_status(status: u16) -> String {
    let reason = ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

/// The body, decoded by its `Content-Encoding`, at most `max_bytes` of it.
fn read_body(
    response: ureq::http::Response<ureq::Body>,
    encoding: Option<&str>,
    max_bytes: u64,
) -> Result<Vec<u8>, (Code, String)> {
    let raw = response
        .into_body()
        .into_with_config()
        .limit(u64::MAX)
        .reader();
    let too_large = || {
        (
            Code::ValidatorLimit,
            format!("the reply is longer than {max_bytes} bytes; stopped reading"),
        )
    };
    let decoded = |what: &str, e: std::io::Error| match e.kind() {
        std::io::ErrorKind::TimedOut => (Code::IOError, format!("the reply timed out: {e}")),
        _ => (
            Code::IOError,
            format!("the reply declares Content-Encoding: {what}, but does not decode: {e}"),
        ),
    };
    let mut body = Vec::new();
    let limited = max_bytes.saturating_add(1);
    let result = match encoding.map(str::to_ascii_lowercase).as_deref() {
        None | Some("identity") => raw
            .take(limited)
            .read_to_end(&mut body)
            .map_err(|e| (Code::IOError, format!("the reply broke off: {e}"))),
        Some("gzip" | "x-gzip") => flate2::read::MultiGzDecoder::new(raw)
            .take(limited)
            .read_to_end(&mut body)
            .map_err(|e| decoded("gzip", e)),
        Some("deflate") => {
            // HTTP's deflate is zlib; some servers send raw deflate.
            let mut compressed = Vec::new();
            raw.take(limited)
                .read_to_end(&mut compressed)
                .map_err(|e| (Code::IOError, format!("the reply broke off: {e}")))?;
            flate2::read::ZlibDecoder::new(&compressed[..])
                .take(limited)
                .read_to_end(&mut body)
                .or_else(|_| {
                    body.clear();
                    flate2::read::DeflateDecoder::new(&compressed[..])
                        .take(limited)
                        .read_to_end(&mut body)
                })
                .map_err(|e| decoded("deflate", e))
        }
        Some(other) => Err((
            Code::IOError,
            format!("the reply is encoded as {other:?}, which the request did not offer: gzip"),
        )),
    };
    result?;
    if body.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(body)
}

/// A `Content-Type` split: the media type, lower-cased, and its charset.
fn split_content_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let media_type = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_string())
    });
    (media_type, charset)
}

/// The media types a document of `format` may be served with, when the
/// format calls for particular ones, and what the format is called.
fn types_for(format: Format) -> Option<(&'static [&'static str], &'static str)> {
    const XML: [&str; 2] = ["text/xml", "application/xml"];
    Some(match format {
        Format::Atom | Format::AtomEntry => {
            (&["application/atom+xml", XML[0], XML[1]], "Atom documents")
        }
        Format::Rss2 | Format::Rss09x => (
            &["application/rss+xml", XML[0], XML[1]],
            "RSS 0.9x and 2.0 feeds",
        ),
        Format::Rss1 | Format::Rss090 => (
            &["application/rss+xml", "application/rdf+xml", XML[0], XML[1]],
            "RSS 1.0 feeds",
        ),
        Format::JsonFeed => (&["application/feed+json", "application/json"], "JSON Feeds"),
        Format::Sitemap | Format::SitemapIndex => (&XML, "Sitemaps"),
        Format::Atom03 | Format::Html | Format::Unknown => return None,
    })
}

/// `Content-Type`: a feed or XML media type, the format's own, a specific
/// one for feeds that do not show their kind early, and a charset that
/// agrees with the document.
fn check_media_type(
    out: &mut Vec<Finding>,
    url: &str,
    content_type: Option<&str>,
    format: Format,
    body: &[u8],
) {
    let Some(content_type) = content_type else {
        out.push(Finding::new(
            url,
            Code::UnexpectedContentType,
            "the reply has no Content-Type: serve feeds with their media type \
             (application/rss+xml, application/atom+xml, application/feed+json)",
        ));
        return;
    };
    let (media_type, charset) = split_content_type(content_type);
    if !FEED_TYPES.contains(&media_type.as_str()) {
        out.push(Finding::new(
            url,
            Code::UnexpectedContentType,
            format!(
                "feeds should not be served with the {media_type:?} media type: use an XML or feed one"
            ),
        ));
    } else if let Some((types, what)) = types_for(format) {
        if !types.contains(&media_type.as_str()) {
            out.push(Finding::new(
                url,
                Code::UnexpectedContentType,
                format!(
                    "{what} should not be served with the {media_type:?} media type: use {}",
                    types[0]
                ),
            ));
        }
    }
    if format.is_feed() && format != Format::JsonFeed {
        non_specific(out, url, &media_type, body);
    }
    if media_type == "text/xml" && charset.is_none() {
        out.push(Finding::new(
            url,
            Code::TextXml,
            "text/xml without a charset: readers that follow RFC 3023 take it as US-ASCII; \
             add ; charset=utf-8, or use an application/ media type",
        ));
    }
    if let Some(charset) = charset {
        encoding_agrees(out, url, &charset, format, body);
    }
}

/// The W3C service's warning for `text/xml` and the like on a feed whose
/// first 512 bytes do not show its root element.
fn non_specific(out: &mut Vec<Finding>, url: &str, media_type: &str, body: &[u8]) {
    if !matches!(
        media_type,
        "text/xml" | "application/xml" | "application/rdf+xml"
    ) {
        return;
    }
    let block = &body[..body.len().min(512)];
    let has = |needle: &[u8]| memchr::memmem::find(block, needle).is_some();
    let marked = has(b"<rss")
        || has(b"<feed")
        || (has(b"<rdf:RDF") && has(b"http://www.w3.org/1999/02/22-rdf-syntax-ns#"));
    if !marked {
        out.push(Finding::new(
            url,
            Code::NonSpecificMediaType,
            format!(
                "{media_type:?} is not specific enough for a feed whose root element is not in its \
                 first 512 bytes: use application/rss+xml or application/atom+xml"
            ),
        ));
    }
}

/// An encoding name in one spelling: lower-case, no separators, aliases
/// merged.
fn canonical_charset(name: &str) -> String {
    let squashed: String = name
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect();
    match squashed.as_str() {
        "latin1" | "l1" | "iso885911987" => "iso88591".into(),
        "ascii" | "usascii" | "ansix3.41968" => "usascii".into(),
        "utf16le" | "utf16be" => "utf16".into(),
        _ => squashed,
    }
}

/// The `charset` parameter against the document's own encoding.
fn encoding_agrees(out: &mut Vec<Finding>, url: &str, charset: &str, format: Format, body: &[u8]) {
    let (own, declared) = if format == Format::JsonFeed {
        ("utf-8".to_string(), true)
    } else {
        xml::own_encoding(body)
    };
    let agrees = canonical_charset(charset) == canonical_charset(&own)
        // An undeclared encoding is UTF-8, but ASCII text reads the same in
        // any of them.
        || (!declared && body.is_ascii());
    if !agrees {
        let own_said = if declared {
            format!("{own:?}")
        } else {
            "UTF-8 (it declares no encoding)".to_string()
        };
        out.push(Finding::new(
            url,
            Code::EncodingMismatch,
            format!(
                "the server says charset={charset} but the document is encoded as {own_said}: \
                 readers that believe the server see garbled text"
            ),
        ));
    }
}

/// `Last-Modified` or `ETag`, and a `304` when asked again with them.
fn check_conditional_get(
    out: &mut Vec<Finding>,
    url: &str,
    fetched: &Url,
    fetch: &Fetch,
    etag: Option<&str>,
    last_modified: Option<&str>,
) {
    let mut validators = Vec::new();
    if let Some(etag) = etag {
        validators.push(("If-None-Match", etag));
    }
    if let Some(last_modified) = last_modified {
        validators.push(("If-Modified-Since", last_modified));
    }
    if validators.is_empty() {
        out.push(Finding::new(
            url,
            Code::NoConditionalGet,
            "the reply has neither Last-Modified nor ETag: every poll downloads the whole document; \
             send one so readers can ask whether it changed",
        ));
        return;
    }
    let sent: Vec<String> = validators
        .iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect();
    let problem = match get(fetched, fetch, &validators) {
        Ok(response) if response.status().as_u16() == 304 => return,
        Ok(response) => format!("answered {}", describe_status(response.status().as_u16())),
        Err(message) => message,
    };
    out.push(Finding::new(
        url,
        Code::ConditionalGetIgnored,
        format!(
            "asked again with {}, the server {problem}, not 304 Not Modified: every poll downloads \
             the whole document",
            sent.join(" and ")
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_split_into_media_type_and_charset() {
        assert_eq!(
            split_content_type("Application/RSS+XML; Charset=\"UTF-8\""),
            ("application/rss+xml".into(), Some("UTF-8".into()))
        );
        assert_eq!(split_content_type("text/xml"), ("text/xml".into(), None));
    }

    #[test]
    fn charsets_compare_in_one_spelling() {
        assert_eq!(canonical_charset("UTF8"), canonical_charset("utf-8"));
        assert_eq!(canonical_charset("latin1"), canonical_charset("ISO-8859-1"));
        assert_ne!(canonical_charset("utf-8"), canonical_charset("iso-8859-1"));
    }

    #[test]
    fn only_https_and_this_machine_are_fetched() {
        assert!(allowed("https://example.org/feed.xml").is_ok());
        assert!(allowed("http://127.0.0.1:8080/feed.xml").is_ok());
        assert!(allowed("http://[::1]/feed.xml").is_ok());
        assert!(allowed("http://localhost/feed.xml").is_ok());
        assert!(allowed("http://example.org/feed.xml").is_err());
        assert!(allowed("ftp://example.org/feed.xml").is_err());
        assert!(allowed("file:///etc/passwd").is_err());
    }
}
