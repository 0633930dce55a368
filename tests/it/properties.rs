//! Property tests (issue #3) for the small rules every output relies on: the
//! XML-text cleaner, URL absolutizing and page URLs, and date normalisation.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Timelike, Utc};
use feedwright::internals::date::{self, SiteTimezone};
use feedwright::internals::permalink::{absolutize, page_url, path_segment};
use feedwright::internals::xml_text::{clean, is_allowed};
use proptest::prelude::*;
use url::Url;

fn config() -> ProptestConfig {
    // Fixed cases and no persistence file: the same run in CI as on a laptop.
    ProptestConfig {
        cases: 2_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// The XML-text cleaner.
// ---------------------------------------------------------------------------

/// Strings rich in what XML forbids or discourages: C0 and C1 controls, DEL,
/// surrogate-adjacent characters, U+FFFE/U+FFFF, astral characters, markup.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(String::from),
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        (0x7Fu32..0xA0).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        Just("\u{FFFE}\u{FFFF}\u{FDD0}".to_string()),
        Just("\u{D7FF}\u{E000}\u{10FFFF}".to_string()),
        Just("]]>".to_string()),
        Just("<&>\"'".to_string()),
        "[a-z ]{0,8}",
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn cleaned_text_is_xml_text(text in hostile_text()) {
        let cleaned = clean(&text);
        prop_assert!(cleaned.chars().all(is_allowed));
        // Idempotent, and only ever removes: what is left is a subsequence.
        let again = clean(&cleaned).into_owned();
        prop_assert_eq!(again.as_str(), cleaned.as_ref());
        let mut rest = text.chars();
        for c in cleaned.chars() {
            prop_assert!(rest.any(|r| r == c), "{:?} is not a subsequence", cleaned);
        }
        // Every allowed character stays.
        prop_assert_eq!(cleaned.chars().count(), text.chars().filter(|&c| is_allowed(c)).count());
        // Escaped into an element and an attribute, a strict parser reads it back.
        let escaped = cleaned.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;").replace('>', "&gt;");
        let doc = format!("<r a=\"{escaped}\">{escaped}</r>");
        let parsed = roxmltree::Document::parse(&doc);
        prop_assert!(parsed.is_ok(), "{:?}: {:?}", doc, parsed.err());
    }

    #[test]
    fn text_already_clean_is_borrowed(text in "[ -~\u{A0}-\u{D7FF}\u{E000}-\u{FFFC}\t\n]{0,60}") {
        prop_assert!(matches!(clean(&text), std::borrow::Cow::Borrowed(_)));
    }
}

// ---------------------------------------------------------------------------
// URLs.
// ---------------------------------------------------------------------------

fn pages() -> impl Strategy<Value = Url> {
    prop::sample::select(vec![
        "https://example.org/blog/post-1/",
        "https://example.org/sub/dir/a%20b/",
        "http://[::1]:8080/x/y.html",
        "https://xn--r8jz45g.jp/%E3%83%96/",
    ])
    .prop_map(|p| Url::parse(p).unwrap())
}

/// Relative references as posts write them (and worse): dot segments,
/// backslashes, percent-escapes, queries, fragments, spaces, Unicode, controls.
fn relative_reference() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        Just("..".to_string()),
        Just(".".to_string()),
        Just("%2e%2e".to_string()),
        Just("..\\..".to_string()),
        Just("%".to_string()),
        Just("a b".to_string()),
        Just("日本".to_string()),
        Just("\u{0}\t".to_string()),
        "[a-zA-Z0-9_.~:@!$&'()*+,;=-]{0,10}",
    ];
    (
        prop::option::of(Just("/")),
        prop::collection::vec(segment, 0..6),
        prop::option::of("[a-z0-9=&%]{0,8}"),
        prop::option::of("[a-z0-9#%]{0,8}"),
    )
        .prop_map(|(lead, segments, query, fragment)| {
            let mut reference = lead.unwrap_or("").to_string() + &segments.join("/");
            if let Some(q) = query {
                reference = format!("{reference}?{q}");
            }
            if let Some(f) = fragment {
                reference = format!("{reference}#{f}");
            }
            reference
        })
        // A colon before the first slash would make it a scheme, and `//` (or
        // `\\`, the same to a URL parser) a host: neither is a path on the site.
        // The URL parser first drops leading C0 controls and spaces, and tabs and
        // newlines anywhere, as browsers do.
        .prop_filter("relative", |r| {
            let seen = r
                .trim_start_matches(|c: char| c <= ' ')
                .replace(['\t', '\n', '\r'], "")
                .replace('\\', "/");
            Url::parse(r.trim()).is_err() && !seen.starts_with("//")
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn relative_references_become_absolute_on_the_same_site(page in pages(), reference in relative_reference()) {
        let absolute = absolutize(&page, &reference);
        prop_assert!(absolute.is_some(), "{:?} was left relative", reference);
        let absolute = absolute.unwrap();
        let url = Url::parse(&absolute);
        prop_assert!(url.is_ok(), "{:?} -> {:?} does not parse", reference, absolute);
        let url = url.unwrap();
        prop_assert_eq!(url.scheme(), page.scheme());
        prop_assert_eq!(url.host_str(), page.host_str(), "{:?} left the site", reference);
        // No dot segment survives.
        prop_assert!(!url.path().split('/').any(|s| s == ".." || s == "."), "{}", url);
    }

    #[test]
    fn absolute_urls_are_left_as_written(page in pages(), path in "[a-z0-9/]{0,20}") {
        let absolute = format!("https://cdn.example.net/{path}");
        prop_assert_eq!(absolutize(&page, &absolute), None);
    }

    #[test]
    fn page_urls_never_climb_above_the_base(path in relative_reference(), base in prop::sample::select(vec!["https://example.org/", "https://example.org/sub/dir/"])) {
        let base = Url::parse(base).unwrap();
        let url = page_url(&base, &path);
        prop_assert!(url.as_str().starts_with(base.as_str()), "{:?} -> {}", path, url);
        prop_assert!(!url.path().split('/').any(|s| s == ".." || s == "."), "{:?} -> {}", path, url);
        prop_assert!(url.query().is_none() || path.contains('?'));
    }

    #[test]
    fn path_segments_hold_no_separator(name in any::<String>()) {
        let segment = path_segment(&name);
        prop_assert!(!segment.contains(['/', '\\', '?', '#', '%']));
        prop_assert!(segment != "." && segment != "..");
        prop_assert!(!segment.chars().any(char::is_control));
    }
}

// ---------------------------------------------------------------------------
// Dates.
// ---------------------------------------------------------------------------

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 0001-01-01 to 9999-12-31, whole seconds (feeds print no fractions).
    (-62_135_596_800i64..253_402_300_799).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

fn zones() -> impl Strategy<Value = SiteTimezone> {
    prop::sample::select(vec![
        "UTC",
        "+05:45",
        "-03:30",
        "America/New_York",
        "Pacific/Kiritimati",
        "Europe/London",
    ])
    .prop_map(|z| z.parse().unwrap())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn printed_dates_are_utc_and_read_back(t in instant(), tz in zones()) {
        let rfc3339 = date::to_rfc3339(t);
        let rfc822 = date::to_rfc822(t);
        prop_assert!(rfc3339.ends_with('Z') && rfc3339.len() == 20, "{}", rfc3339);
        prop_assert!(rfc822.ends_with(" +0000"), "{}", rfc822);
        // Whatever the site's zone, an explicit offset wins.
        prop_assert_eq!(date::parse(&rfc3339, tz), Ok(t));
        prop_assert_eq!(date::parse(&rfc822, tz), Ok(t));
        prop_assert_eq!(DateTime::parse_from_rfc3339(&rfc3339).unwrap(), t);
    }

    #[test]
    fn any_offset_normalises_to_the_same_instant(
        t in instant(),
        offset_minutes in -(23i32 * 60 + 59)..=(23 * 60 + 59),
        shape in 0usize..5,
        nanos in 0u32..1_000_000_000,
    ) {
        let offset = FixedOffset::east_opt(offset_minutes * 60).unwrap();
        let local = t.with_timezone(&offset);
        prop_assume!((1..=9999).contains(&local.year()));
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let (h, m) = (offset_minutes.abs() / 60, offset_minutes.abs() % 60);
        let written = match shape {
            0 => format!("{}{sign}{h:02}:{m:02}", local.format("%Y-%m-%dT%H:%M:%S")),
            1 => format!("{} {sign}{h:02}{m:02}", local.format("%Y-%m-%d %H:%M:%S")),
            2 => format!("{}.{nanos:09}{sign}{h:02}:{m:02}", local.format("%Y-%m-%dT%H:%M:%S")),
            3 => format!("{}{sign}{h:02}:{m:02}", local.format("%Y-%m-%dt%H:%M:%S")).to_lowercase(),
            _ => format!("{}{sign}{h:02}{m:02}", local.format("%Y-%m-%dT%-H:%M:%S")),
        };
        let parsed = date::parse(&written, SiteTimezone::default());
        prop_assert!(parsed.is_ok(), "{:?}: {:?}", written, parsed);
        let parsed = parsed.unwrap();
        let expected_nanos = if shape == 2 { nanos } else { 0 };
        prop_assert_eq!(parsed.with_nanosecond(0).unwrap(), t, "{}", written);
        prop_assert_eq!(parsed.nanosecond(), expected_nanos);
    }

    #[test]
    fn dates_without_an_offset_are_read_in_the_site_zone(
        days in 0i64..3_000_000, seconds in 0u32..86_400, tz in zones(),
    ) {
        let local = NaiveDate::from_ymd_opt(1, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap()
            + chrono::Duration::days(days) + chrono::Duration::seconds(seconds.into());
        prop_assume!(local.year() <= 9999);
        let written = local.format("%Y-%m-%dT%H:%M:%S").to_string();
        let expected = tz.local_to_utc(local);
        match date::parse(&written, tz) {
            Ok(parsed) => prop_assert_eq!(parsed, expected),
            // Only where UTC leaves the printable years.
            Err(e) => prop_assert!(!(1..=9999).contains(&expected.year()), "{}: {}", written, e),
        }
    }

    #[test]
    fn date_parsing_never_panics(text in "[0-9tTzZ:+ .,-]{0,40}|\\PC{0,40}", tz in zones()) {
        if let Ok(t) = date::parse(&text, tz) {
            prop_assert!((1..=9999).contains(&t.year()));
            prop_assert_eq!(date::parse(&date::to_rfc3339(t), tz), Ok(t.with_nanosecond(0).unwrap()));
        }
    }
}

#[test]
fn utc_offsets_at_the_edges_of_the_calendar() {
    let utc = SiteTimezone::default();
    let edge = Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap();
    assert_eq!(date::parse("9999-12-31T23:59:59Z", utc), Ok(edge));
    assert!(date::parse("9999-12-31T23:59:59-00:01", utc).is_err());
    assert!(date::parse("0001-01-01T00:00:00+00:01", utc).is_err());
    assert_eq!(
        date::parse("0001-01-01T00:00:00Z", utc).map(|t| t.year()),
        Ok(1)
    );
}
