//! `check_url` against a server on 127.0.0.1 started by the test: how a
//! document is served (media type, charset, conditional GET, compression,
//! redirects), what cannot be fetched (errors, a slow reply, an oversized
//! or broken body), and the document checked at its URL (self link, a
//! sitemap's host). Never the real network.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use feedwright_check::{check_url, Code, Fetch, Format, UrlReport};

use crate::server::{Body, Reply, Request, Server};
use crate::{fixtures, instant, read, render};

const LAST_MODIFIED: &str = "Mon, 10 Feb 2025 12:00:00 GMT";
const ETAG: &str = "\"v1\"";

/// The fixture `rss-valid.xml` with its self link at `url`.
fn rss_at(url: &str) -> Vec<u8> {
    String::from_utf8(read("rss-valid.xml"))
        .unwrap()
        .replace("https://example.org/rss-valid.xml", url)
        .into_bytes()
}

/// A reply as a well-run server sends a feed: its media type and charset,
/// validators honoured with a 304, gzip when offered.
fn served_well(request: &Request, body: Vec<u8>, media_type: &str) -> Reply {
    let fresh = request.header("if-none-match") == Some(ETAG)
        || request.header("if-modified-since") == Some(LAST_MODIFIED);
    let reply = if fresh {
        Reply::new(304, "")
    } else {
        Reply::new(200, body)
    };
    let reply = reply
        .header("Content-Type", media_type)
        .header("ETag", ETAG)
        .header("Last-Modified", LAST_MODIFIED);
    match request.header("accept-encoding") {
        Some(offered) if offered.contains("gzip") && !fresh => reply.gzipped(),
        _ => reply,
    }
}

/// The server every test shares; see each path's comment.
fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        Server::start(|request, port| {
            let base = format!("http://127.0.0.1:{port}");
            let here = format!("{base}{}", request.path);
            let rss = "application/rss+xml; charset=utf-8";
            match request.path.as_str() {
                // Everything right.
                "/good.xml" => served_well(request, rss_at(&here), rss),
                "/atom.xml" => {
                    let atom = String::from_utf8(read("atom-valid.xml"))
                        .unwrap()
                        .replace("https://example.org/atom-valid.xml", &here);
                    served_well(request, atom.into_bytes(), "application/atom+xml")
                }
                // Uncompressed, no validators, an HTML media type.
                "/plain.xml" => Reply::new(200, rss_at(&here)).header("Content-Type", "text/html"),
                "/no-type.xml" => served_well(request, rss_at(&here), rss)
                    .header("X-Note", "no type")
                    .without("Content-Type"),
                // text/xml without a charset, the root element past 512 bytes.
                "/text.xml" => {
                    let padded = String::from_utf8(rss_at(&here)).unwrap().replacen(
                        "<rss",
                        &format!("<!-- {} -->\n<rss", "x".repeat(600)),
                        1,
                    );
                    served_well(request, padded.into_bytes(), "text/xml")
                }
                // Atom served as RSS.
                "/atom-as-rss.xml" => {
                    let atom = String::from_utf8(read("atom-valid.xml"))
                        .unwrap()
                        .replace("https://example.org/atom-valid.xml", &here);
                    served_well(request, atom.into_bytes(), rss)
                }
                // A UTF-8 document with non-ASCII text, said to be Latin-1.
                "/latin.xml" => {
                    let text = String::from_utf8(rss_at(&here))
                        .unwrap()
                        .replace("An example feed.", "Ein Beispiel für Übergrößen.");
                    served_well(
                        request,
                        text.into_bytes(),
                        "application/rss+xml; charset=iso-8859-1",
                    )
                }
                // Validators sent, but never a 304.
                "/always-200.xml" => Reply::new(200, rss_at(&here))
                    .header("Content-Type", rss)
                    .header("ETag", ETAG)
                    .gzipped(),
                // Redirects.
                "/moved.xml" => Reply::redirect(301, "/good.xml"),
                "/moved-308.xml" => Reply::redirect(308, &format!("{base}/good.xml")),
                "/temporary.xml" => Reply::redirect(302, "/good.xml"),
                "/loop.xml" => Reply::redirect(302, "/loop.xml"),
                "/no-location.xml" => Reply::new(302, ""),
                "/to-plain-http.xml" => Reply::redirect(302, "http://example.invalid/feed.xml"),
                // A feed whose self link is the URL before the redirect.
                "/old-self.xml" => Reply::redirect(302, "/self-is-old.xml"),
                "/self-is-old.xml" => {
                    served_well(request, rss_at(&format!("{base}/old-self.xml")), rss)
                }
                // A self link elsewhere.
                "/elsewhere.xml" => {
                    served_well(request, rss_at("https://example.org/rss.xml"), rss)
                }
                // Failures.
                "/slow.xml" => {
                    let mut reply = served_well(request, rss_at(&here), rss);
                    reply.delay = Duration::from_secs(3);
                    reply
                }
                "/huge.xml" => Reply {
                    status: 200,
                    headers: vec![("Content-Type".into(), rss.into())],
                    body: Body::Repeat(vec![b' '; 64 * 1024], 40),
                    delay: Duration::ZERO,
                },
                "/bomb.xml" => Reply::new(200, vec![b' '; 4 * 1024 * 1024])
                    .header("Content-Type", rss)
                    .gzipped(),
                "/not-gzip.xml" => Reply::new(200, rss_at(&here))
                    .header("Content-Type", rss)
                    .header("Content-Encoding", "gzip"),
                "/brotli.xml" => Reply::new(200, rss_at(&here))
                    .header("Content-Type", rss)
                    .header("Content-Encoding", "br"),
                "/error.xml" => Reply::new(500, "oops"),
                // Sitemaps: on the server's own origin, and elsewhere.
                "/sitemap.xml" => {
                    let text = String::from_utf8(read("sitemap-valid.xml"))
                        .unwrap()
                        .replace("https://example.org", &base);
                    served_well(request, text.into_bytes(), "application/xml")
                }
                "/sitemap-elsewhere.xml" => {
                    served_well(request, read("sitemap-valid.xml"), "application/xml")
                }
                "/feed.json" => {
                    let json = String::from_utf8(read("json-valid.json"))
                        .unwrap()
                        .replace("https://example.org/json-valid.json", &here);
                    served_well(request, json.into_bytes(), "application/feed+json")
                }
                _ => Reply::new(404, "not found"),
            }
        })
    })
}

impl Reply {
    fn without(mut self, name: &str) -> Reply {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self
    }
}

fn fetch() -> Fetch {
    Fetch {
        timeout: Duration::from_secs(10),
        max_bytes: 1024 * 1024,
        now: instant("2025-06-01T00:00:00Z"),
        ..Fetch::default()
    }
}

fn check(path: &str) -> UrlReport {
    check_url(&server().url(path), &fetch())
}

fn codes(report: &UrlReport) -> Vec<Code> {
    report.findings.iter().map(|f| f.code).collect()
}

/// Asserts the report's codes are exactly `expected`, in any order.
#[track_caller]
fn assert_codes(path: &str, expected: &[Code]) -> UrlReport {
    let report = check(path);
    let mut got = codes(&report);
    got.sort();
    let mut want = expected.to_vec();
    want.sort();
    assert_eq!(got, want, "{path}:\n{}", render(&report.findings));
    report
}

#[test]
fn a_well_served_feed_is_clean() {
    let report = assert_codes("/good.xml", &[]);
    assert_eq!(report.format, Some(Format::Rss2));
    assert!(report.redirects.is_empty());
    assert_codes("/atom.xml", &[]);
    assert_codes("/feed.json", &[]);
    assert_codes("/sitemap.xml", &[]);
}

#[test]
fn media_types_are_checked_against_the_document() {
    assert_codes(
        "/plain.xml",
        &[
            Code::UnexpectedContentType,
            Code::Uncompressed,
            Code::NoConditionalGet,
        ],
    );
    assert_codes("/no-type.xml", &[Code::UnexpectedContentType]);
    assert_codes("/text.xml", &[Code::TextXml, Code::NonSpecificMediaType]);
    assert_codes("/atom-as-rss.xml", &[Code::UnexpectedContentType]);
    let report = assert_codes("/latin.xml", &[Code::EncodingMismatch]);
    assert!(report.findings[0].message.contains("iso-8859-1"));
}

#[test]
fn conditional_get_must_be_answered_with_304() {
    let report = assert_codes("/always-200.xml", &[Code::ConditionalGetIgnored]);
    assert!(report.findings[0].message.contains("If-None-Match"));
}

#[test]
fn redirects_are_followed_and_reported() {
    let report = assert_codes("/moved.xml", &[Code::PermanentRedirect]);
    assert_eq!(report.redirects.len(), 1);
    assert!(report.redirects[0].is_permanent());
    assert_eq!(report.location(), server().url("/good.xml"));
    assert!(report.findings[0].message.contains("/good.xml"));
    assert_codes("/moved-308.xml", &[Code::PermanentRedirect]);

    let report = assert_codes("/temporary.xml", &[]);
    assert_eq!(report.redirects.len(), 1);
    assert_eq!(report.redirects[0].status, 302);

    // The self link may name the URL asked for, as the W3C service allows.
    assert_codes("/old-self.xml", &[]);
    assert_codes("/elsewhere.xml", &[Code::SelfDoesntMatchLocation]);

    assert_codes("/loop.xml", &[Code::HttpError]);
    assert_codes("/no-location.xml", &[Code::HttpError]);
    let report = assert_codes("/to-plain-http.xml", &[Code::IOError]);
    assert!(report.findings[0].message.contains("only https"));
}

#[test]
fn what_cannot_be_fetched_is_one_error() {
    assert_codes("/missing.xml", &[Code::HttpError]);
    let report = assert_codes("/error.xml", &[Code::HttpError]);
    assert!(report.findings[0].message.contains("500"));
    assert_eq!(report.format, None);
    assert_codes("/huge.xml", &[Code::ValidatorLimit]);
    assert_codes("/bomb.xml", &[Code::ValidatorLimit]);
    assert_codes("/not-gzip.xml", &[Code::IOError]);
    assert_codes("/brotli.xml", &[Code::IOError]);

    let started = Instant::now();
    let report = check_url(
        &server().url("/slow.xml"),
        &Fetch {
            timeout: Duration::from_millis(500),
            ..fetch()
        },
    );
    assert_eq!(
        codes(&report),
        [Code::IOError],
        "{}",
        render(&report.findings)
    );
    assert!(started.elapsed() < Duration::from_secs(3));

    // Plain http is fetched from this machine only; nothing is sent.
    let report = check_url("http://example.invalid/feed.xml", &fetch());
    assert_eq!(codes(&report), [Code::IOError]);
    let report = check_url("file:///etc/passwd", &fetch());
    assert_eq!(codes(&report), [Code::IOError]);
}

#[test]
fn a_sitemap_lists_urls_on_its_own_origin() {
    let report = assert_codes("/sitemap-elsewhere.xml", &[Code::LocOffSitemapHost]);
    // Once for the sitemap, with the count.
    assert!(report.findings[0].message.contains("and 1 more"));
    assert_eq!(report.findings[0].line, Some(4));
}

/// Every code about serving has a case above that produces it.
#[test]
fn every_http_code_has_a_case() {
    let paths = [
        "/plain.xml",
        "/text.xml",
        "/latin.xml",
        "/always-200.xml",
        "/moved.xml",
        "/missing.xml",
        "/huge.xml",
        "/not-gzip.xml",
        "/elsewhere.xml",
        "/sitemap-elsewhere.xml",
    ];
    let seen: Vec<Code> = paths.iter().flat_map(|p| codes(&check(p))).collect();
    for code in crate::rules::SERVED {
        assert!(seen.contains(code), "no case produces {code}");
    }
    assert!(fixtures().is_dir());
}
