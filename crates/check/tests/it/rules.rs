//! Every rule of `feedwright check` on a failing and a passing fixture.
//!
//! The fixtures under `tests/check/` are small hand-made feeds, each a valid
//! template with one change (written by `tests/check/generate.py`);
//! `cases.tsv` names the code and line each failing file must produce. Every
//! passing file must produce no finding at all.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use chrono::{DateTime, Utc};
use feedwright_check::{check_bytes_at, check_file, Code, Finding, Level, Options};

use crate::{fixtures, instant, read, render};

/// Codes checked on generated files below rather than on fixtures.
const CHECKED_ON_GENERATED_FILES: &[Code] = &[
    Code::ValidatorLimit,
    Code::TooManyUrls,
    Code::SitemapTooLarge,
    Code::IOError,
];

/// Codes about how a document is served, checked against a local server
/// (`http.rs`, feature `http`) and, where they need no server, below.
pub(crate) const SERVED: &[Code] = &[
    Code::HttpError,
    Code::PermanentRedirect,
    Code::UnexpectedContentType,
    Code::NonSpecificMediaType,
    Code::EncodingMismatch,
    Code::TextXml,
    Code::NoConditionalGet,
    Code::ConditionalGetIgnored,
    Code::Uncompressed,
    Code::LocOffSitemapHost,
];

/// The instant the fixtures' dates are judged against.
fn now() -> DateTime<Utc> {
    instant("2025-06-01T00:00:00Z")
}

fn check(name: &str) -> Vec<Finding> {
    check_bytes_at(name, &read(name), now())
}

struct Case {
    fixture: String,
    code: Code,
    line: Option<usize>,
}

fn cases() -> Vec<Case> {
    let manifest = fs::read_to_string(fixtures().join("cases.tsv")).expect("cases.tsv");
    manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let fields: Vec<&str> = l.split('\t').collect();
            assert_eq!(fields.len(), 3, "bad line in cases.tsv: {l}");
            Case {
                fixture: fields[0].to_string(),
                code: fields[1]
                    .parse()
                    .unwrap_or_else(|e| panic!("cases.tsv: {e}")),
                line: (fields[2] != "-").then(|| fields[2].parse().expect("a line number")),
            }
        })
        .collect()
}

#[test]
fn every_failing_fixture_reports_its_code_at_its_line() {
    let mut failures = Vec::new();
    for case in cases() {
        let findings = check(&case.fixture);
        let hit = findings
            .iter()
            .any(|f| f.code == case.code && f.line == case.line);
        if !hit {
            failures.push(format!(
                "{}: expected {} at line {:?}, got:\n{}",
                case.fixture,
                case.code,
                case.line,
                render(&findings)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_passing_fixture_is_clean() {
    let mut failures = Vec::new();
    let mut names: Vec<String> = cases()
        .iter()
        .map(|c| c.fixture.replace(".fail.", ".pass."))
        .collect();
    for template in ["rss", "atom", "sitemap", "index", "rdf", "rss091"] {
        names.push(format!("{template}-valid.xml"));
    }
    names.push("json-valid.json".into());
    for name in names {
        let findings = check(&name);
        if !findings.is_empty() {
            failures.push(format!("{name} should be clean:\n{}", render(&findings)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_has_a_failing_fixture() {
    let covered: BTreeSet<Code> = cases().into_iter().map(|c| c.code).collect();
    let missing: Vec<&Code> = Code::ALL
        .iter()
        .filter(|code| {
            !covered.contains(code)
                && !CHECKED_ON_GENERATED_FILES.contains(code)
                && !SERVED.contains(code)
        })
        .collect();
    assert!(missing.is_empty(), "no failing fixture for {missing:?}");
}

#[test]
fn every_code_is_documented() {
    let docs = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/check.md"))
        .expect("docs/check.md");
    let missing: Vec<&Code> = Code::ALL
        .iter()
        .filter(|code| !docs.contains(&format!("`{code}`")))
        .collect();
    assert!(missing.is_empty(), "undocumented codes: {missing:?}");
}

#[test]
fn an_unreadable_file_is_an_io_error() {
    let findings = check_file(&fixtures().join("no-such-file.xml"));
    let codes: Vec<Code> = findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::IOError]);
    assert_eq!(findings[0].level, Level::Error);
}

fn sitemap_with(urls: usize, padding: usize) -> Vec<u8> {
    let mut text = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for i in 0..urls {
        text.push_str(&format!(
            "<url><loc>https://example.org/p/{i}/</loc></url>\n"
        ));
    }
    text.push_str(&" ".repeat(padding));
    text.push_str("</urlset>\n");
    text.into_bytes()
}

#[test]
fn sitemap_limits() {
    let at_limit = check_bytes_at("sitemap.xml", &sitemap_with(50_000, 0), now());
    assert!(at_limit.is_empty(), "{}", render(&at_limit));

    let over = check_bytes_at("sitemap.xml", &sitemap_with(50_001, 0), now());
    let codes: Vec<_> = over.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::TooManyUrls]);
    assert_eq!(over[0].line, Some(50_003));
    assert_eq!(over[0].level, Level::Error);

    let large = check_bytes_at("sitemap.xml", &sitemap_with(1, 50 * 1024 * 1024), now());
    let codes: Vec<_> = large.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::SitemapTooLarge]);
}

#[test]
fn feeds_over_five_million_bytes_hit_the_validator_limit() {
    let template = fs::read_to_string(fixtures().join("rss-valid.xml")).expect("rss-valid.xml");
    let big = template.replace(
        "<!--CHANNEL-->",
        &format!("<!--{}-->", "x".repeat(5_000_000)),
    );
    let findings = check_bytes_at("rss-valid.xml", big.as_bytes(), now());
    let codes: Vec<_> = findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::ValidatorLimit]);
}

#[test]
fn a_failing_rule_in_a_big_sitemap_is_reported_a_bounded_number_of_times() {
    let text = String::from_utf8(sitemap_with(1000, 0))
        .expect("ascii")
        .replace("https://example.org/p/", "/p/");
    let findings = check_bytes_at("sitemap.xml", text.as_bytes(), now());
    assert!(findings.len() <= 21, "{} findings", findings.len());
    assert!(findings.iter().any(|f| f.message.contains("980 more")));
}

#[test]
fn findings_print_as_file_line_column_level_code_message() {
    let findings = check("rss-MissingGuid.fail.xml");
    let finding = findings
        .iter()
        .find(|f| f.code == Code::MissingGuid)
        .expect("a MissingGuid finding");
    assert_eq!(
        finding.to_string(),
        "rss-MissingGuid.fail.xml:19:5: warning[MissingGuid]: item should contain a guid element"
    );
}

#[test]
fn never_panics_on_truncated_or_mangled_input() {
    for name in [
        "rss-valid.xml",
        "atom-valid.xml",
        "sitemap-valid.xml",
        "json-valid.json",
    ] {
        let bytes = read(name);
        for cut in (0..bytes.len()).step_by(7) {
            let _ = check_bytes_at(name, &bytes[..cut], now());
            let mut mangled = bytes.clone();
            mangled[cut] = mangled[cut].wrapping_add(0x80);
            let _ = check_bytes_at(name, &mangled, now());
        }
    }
}

/// The nine shapes the W3C service accepts and feedwright wrongly refused
/// (issue 15), each one of the service's own test cases.
#[test]
fn the_shapes_the_service_accepts_are_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/w3c/testcases");
    let mut failures = Vec::new();
    for (shape, case) in [
        (
            "an Atom entry document with only the required elements",
            "atom/2/brief-entry-noerror.xml",
        ),
        (
            "an e-mail address whose domain has no dot",
            "atom/3.2.3/email-simple-domain.xml",
        ),
        (
            "a feed with no entries and no author",
            "atom/4.1.1/authorless-with-no-entries.xml",
        ),
        (
            "an author given only inside an entry's source",
            "atom/4.1.2/entry-source-author.xml",
        ),
        (
            "a link to an IPv6 literal host",
            "atom/8.2/alternate_href_ipv6_literal.xml",
        ),
        (
            "an RSS 0.91 feed with the RSS Advisory Board's DTD and HTML entities",
            "rss/must/rss91rab.xml",
        ),
        (
            "RSS dates in every accepted shape",
            "rss20/data-types-datetime/everything.xml",
        ),
        (
            "a mailto: contact with a subject",
            "rss20/data-types-email/mailto-subject.xml",
        ),
        (
            "a mailto: contact with RFC 2368 headers",
            "rss20/data-types-email/rfc2368.xml",
        ),
    ] {
        let bytes = fs::read(dir.join(case)).unwrap_or_else(|e| panic!("{case}: {e}"));
        let errors: Vec<Finding> = check_bytes_at(case, &bytes, now())
            .into_iter()
            .filter(|f| f.level == Level::Error)
            .collect();
        if !errors.is_empty() {
            failures.push(format!("{shape} ({case}):\n{}", render(&errors)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_fetched_sitemap_lists_urls_on_its_own_origin() {
    let sitemap = read("sitemap-valid.xml");
    let at = |location: &str| {
        let options = Options::at(now()).located(location);
        feedwright_check::check("sitemap.xml", &sitemap, &options).findings
    };
    assert_eq!(at("https://example.org/sitemap.xml"), []);
    let findings = at("https://www.example.org/sitemap.xml");
    let codes: Vec<Code> = findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::LocOffSitemapHost], "{}", render(&findings));
    assert!(findings[0].message.contains("(and 1 more)"));
    // Another scheme is another origin.
    assert_eq!(at("http://example.org/sitemap.xml").len(), 1);
}

#[test]
fn a_fetched_json_feed_names_its_location() {
    let feed = read("json-valid.json");
    let at = |location: &str| {
        let options = Options::at(now()).located(location);
        feedwright_check::check("feed.json", &feed, &options).findings
    };
    assert_eq!(at("https://example.org/json-valid.json"), []);
    let codes: Vec<Code> = at("https://example.org/feed.json")
        .iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(codes, [Code::SelfDoesntMatchLocation]);
    let options = Options::at(now())
        .located("https://example.org/feed.json")
        .requested("https://example.org/json-valid.json");
    assert_eq!(
        feedwright_check::check("feed.json", &feed, &options).findings,
        []
    );
}
