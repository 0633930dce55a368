//! Small value rules shared by the formats: dates, URIs, MIME types,
//! language codes and e-mail addresses, each as the W3C validator reads them.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use regex::Regex;

use super::Sink;

/// What an RFC 822 date check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rfc822 {
    /// Strictly valid (RFC 2822 form, four-digit year, known zone): the instant.
    Valid(DateTime<Utc>),
    /// Accepted only by a lenient reading (two-digit year, odd spacing or case, an unusual zone).
    Problematical,
    /// The day name does not match the date.
    IncorrectDow,
    /// Not a date at all; why.
    Invalid(String),
}

/// Compiles every pattern of this module now rather than at its first use.
pub(crate) fn compile_patterns() {
    crate::spec::compile_patterns();
    for pattern in [
        &RFC2822_STRICT,
        &RFC822_LENIENT,
        &RFC3339,
        &URI_REF,
        &URI_FULL,
        &TAG_URI,
        &URN,
        &UUID,
        &URI_CHAR,
        &MIME,
    ] {
        LazyLock::force(pattern);
    }
}

static RFC2822_STRICT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?([0-9]{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([0-9]{4}) ([0-9]{2}):([0-9]{2})(?::([0-9]{2}))? ([+-]?[0-9]{2}[03]0|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)$",
    )
    .expect("a valid pattern")
});

static RFC822_LENIENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\s*,\s*)?[0-9]{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s+[0-9]{2}(?:[0-9]{2})?\s+[0-9]{2}:[0-9]{2}(?::[0-9]{2})?\s+(?:[+-][0-9]{4}|ut|gmt|est|edt|cst|cdt|mst|mdt|pst|pdt|[a-ik-z])?$",
    )
    .expect("a valid pattern")
});

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Reads an RSS date (`pubDate`, `lastBuildDate`) as the W3C validator does.
pub fn rfc822(value: &str) -> Rfc822 {
    if let Some(caps) = RFC2822_STRICT.captures(value) {
        let num = |i: usize| {
            caps.get(i)
                .and_then(|m| m.as_str().parse::<u32>().ok())
                .unwrap_or(0)
        };
        let month = caps
            .get(3)
            .and_then(|m| MONTHS.iter().position(|&n| n == m.as_str()))
            .map_or(1, |i| i as u32 + 1);
        let year = num(4) as i32;
        let Some(date) = NaiveDate::from_ymd_opt(year, month, num(2)) else {
            return Rfc822::Invalid("there is no such day".into());
        };
        if let Some(dow) = caps.get(1) {
            if date.format("%a").to_string() != dow.as_str() {
                return Rfc822::IncorrectDow;
            }
        }
        let (hour, minute, second) = (num(5), num(6), num(7));
        let Some(time) = date.and_hms_opt(hour, minute, second) else {
            return Rfc822::Invalid("the time of day is out of range".into());
        };
        let zone = caps.get(8).map_or("", |m| m.as_str());
        let offset_minutes = match zone {
            "UT" | "GMT" | "Z" => 0,
            "EDT" => -4 * 60,
            "EST" | "CDT" => -5 * 60,
            "CST" | "MDT" => -6 * 60,
            "MST" | "PDT" => -7 * 60,
            "PST" => -8 * 60,
            numeric => {
                let (sign, digits) = match numeric.strip_prefix('-') {
                    Some(d) => (-1, d),
                    None => (1, numeric.trim_start_matches('+')),
                };
                let n: i32 = digits.parse().unwrap_or(0);
                sign * ((n / 100) * 60 + n % 100)
            }
        };
        let Some(offset) = FixedOffset::east_opt(offset_minutes * 60) else {
            return Rfc822::Invalid("the zone offset is out of range".into());
        };
        return match offset.from_local_datetime(&time).single() {
            Some(instant) => Rfc822::Valid(instant.with_timezone(&Utc)),
            None => Rfc822::Invalid("the time does not exist".into()),
        };
    }
    // Comments in parentheses and quoted pairs are allowed by RFC 822 but unusual.
    let mut lenient = value.replace('\\', "");
    while let Some(open) = lenient.find('(') {
        match lenient[open..].find(')') {
            Some(close) => lenient.replace_range(open..open + close + 1, " "),
            None => break,
        }
    }
    if RFC822_LENIENT.is_match(lenient.trim().to_lowercase().as_str()) {
        Rfc822::Problematical
    } else {
        Rfc822::Invalid("expected a date like \"Mon, 02 Jan 2006 15:04:05 +0000\"".into())
    }
}

static RFC3339: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})$")
        .expect("a valid pattern")
});

/// An Atom or JSON Feed date: RFC 3339 with seconds, upper-case `T` and `Z`.
pub fn rfc3339(value: &str) -> Option<DateTime<Utc>> {
    if !RFC3339.is_match(value) {
        return None;
    }
    DateTime::parse_from_rfc3339(value)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// A W3C datetime (sitemaps' `lastmod`): YYYY, YYYY-MM, YYYY-MM-DD, or a
/// time with a zone (`hh:mm`, `hh:mm:ss` or `hh:mm:ss.s`; `Z` or `±hh:mm`).
/// Read by hand, not by a pattern: a sitemap check runs it once per URL.
pub fn w3c_datetime(value: &str) -> bool {
    let mut rest = value.as_bytes();
    // `n` ASCII digits at the front of `rest`, consumed, as a number.
    let digits = |n: usize, rest: &mut &[u8]| -> Option<u32> {
        let (head, tail) = (rest.get(..n)?, &rest[n..]);
        if !head.iter().all(u8::is_ascii_digit) {
            return None;
        }
        *rest = tail;
        Some(head.iter().fold(0, |v, d| v * 10 + u32::from(d - b'0')))
    };
    let eat = |byte: u8, rest: &mut &[u8]| -> bool {
        let found = rest.first() == Some(&byte);
        if found {
            *rest = &rest[1..];
        }
        found
    };
    let Some(year) = digits(4, &mut rest) else {
        return false;
    };
    let (mut month, mut day, mut time) = (1, 1, None);
    if eat(b'-', &mut rest) {
        let Some(m) = digits(2, &mut rest) else {
            return false;
        };
        month = m;
        if eat(b'-', &mut rest) {
            let Some(d) = digits(2, &mut rest) else {
                return false;
            };
            day = d;
            if eat(b'T', &mut rest) {
                let (Some(h), true, Some(m)) = (
                    digits(2, &mut rest),
                    eat(b':', &mut rest),
                    digits(2, &mut rest),
                ) else {
                    return false;
                };
                let mut second = 0;
                if eat(b':', &mut rest) {
                    let Some(s) = digits(2, &mut rest) else {
                        return false;
                    };
                    second = s;
                    if eat(b'.', &mut rest) {
                        let fraction = rest.iter().take_while(|b| b.is_ascii_digit()).count();
                        if fraction == 0 {
                            return false;
                        }
                        rest = &rest[fraction..];
                    }
                }
                // A time needs its zone.
                let zoned = eat(b'Z', &mut rest)
                    || ((eat(b'+', &mut rest) || eat(b'-', &mut rest))
                        && digits(2, &mut rest).is_some()
                        && eat(b':', &mut rest)
                        && digits(2, &mut rest).is_some());
                if !zoned {
                    return false;
                }
                time = Some((h, m, second));
            }
        }
    }
    if !rest.is_empty() {
        return false;
    }
    let Some(date) = NaiveDate::from_ymd_opt(year as i32, month, day) else {
        return false;
    };
    time.is_none_or(|(h, m, s)| date.and_hms_opt(h, m, s).is_some())
}

/// Whether an instant is before 1990 or more than `slack` after `now`.
pub fn implausible(date: DateTime<Utc>, now: DateTime<Utc>, slack: Duration) -> bool {
    date.year() < 1990 || date > now + slack
}

/// Why a URI was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UriProblem {
    /// An ASCII character URIs never contain.
    InvalidUriChar(char),
    /// Non-ASCII characters: an IRI where a URI is needed.
    UriNotIri,
    /// Malformed, or relative where an absolute URI is needed.
    Invalid,
    /// A malformed `tag:` URI.
    InvalidTag,
    /// A malformed `urn:` URI.
    InvalidUrn,
    /// A malformed `urn:uuid:`.
    InvalidUuid,
    /// A scheme not registered with IANA (a warning).
    SchemeNotIana(String),
}

const IANA_SCHEMES: &[&str] = &[
    "ftp",
    "http",
    "gopher",
    "mailto",
    "news",
    "nntp",
    "telnet",
    "wais",
    "file",
    "prospero",
    "z39.50s",
    "z39.50r",
    "cid",
    "mid",
    "vemmi",
    "service",
    "imap",
    "nfs",
    "acap",
    "rtsp",
    "tip",
    "pop",
    "data",
    "dav",
    "opaquelocktoken",
    "sip",
    "sips",
    "tel",
    "fax",
    "modem",
    "ldap",
    "https",
    "soap.beep",
    "soap.beeps",
    "xmlrpc.beep",
    "xmlrpc.beeps",
    "urn",
    "go",
    "h323",
    "ipp",
    "tftp",
    "mupdate",
    "pres",
    "im",
    "mtqp",
    "iris.beep",
    "dict",
    "snmp",
    "crid",
    "tag",
    "dns",
    "info",
];

static URI_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[a-zA-Z][0-9a-zA-Z+\-.]*:)?/{0,2}[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]*$")
        .expect("a valid pattern")
});
static URI_FULL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[a-zA-Z][0-9a-zA-Z+\-.]*:(?://)?[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]+$")
        .expect("a valid pattern")
});
static TAG_URI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^tag:(?:[a-z0-9\-._]+?@)?[a-z0-9.\-]+?,[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?:[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*(?:#[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*)?$")
        .expect("a valid pattern")
});
static URN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[Uu][Rr][Nn]:[a-zA-Z0-9][a-zA-Z0-9-]{1,31}:(?:[a-zA-Z0-9()+,.:=@;$_!*'\-]|%[0-9A-Fa-f]{2})+$")
        .expect("a valid pattern")
});
static UUID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
        .expect("a valid pattern")
});
static URI_CHAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]$").expect("a valid pattern"));

/// Checks a URI: `full` demands an absolute one; `iri` lets non-ASCII characters through.
pub fn uri(value: &str, full: bool, iri: bool) -> Result<(), UriProblem> {
    let scheme = value.split(':').next().unwrap_or("").to_ascii_lowercase();
    if scheme == "tag" {
        return if TAG_URI.is_match(value) {
            Ok(())
        } else {
            Err(UriProblem::InvalidTag)
        };
    }
    if scheme == "urn" {
        if !URN.is_match(value) {
            return Err(UriProblem::InvalidUrn);
        }
        let lower = value.to_ascii_lowercase();
        if let Some(uuid) = lower.strip_prefix("urn:uuid:") {
            if !UUID.is_match(uuid) {
                return Err(UriProblem::InvalidUuid);
            }
        }
        return Ok(());
    }
    let ascii: String;
    let checked = if iri && !value.is_ascii() {
        // Any non-ASCII character is fine in an IRI; check the rest as a URI.
        ascii = value
            .chars()
            .map(|c| if c.is_ascii() { c } else { 'x' })
            .collect();
        ascii.as_str()
    } else {
        value
    };
    let pattern: &Regex = if full { &URI_FULL } else { &URI_REF };
    if !pattern.is_match(checked) {
        if let Some(c) = checked
            .chars()
            .find(|&c| c.is_ascii() && !URI_CHAR.is_match(c.encode_utf8(&mut [0; 4])))
        {
            return Err(UriProblem::InvalidUriChar(c));
        }
        if !checked.is_ascii() {
            let stripped: String = checked.chars().filter(char::is_ascii).collect();
            if pattern.is_match(&stripped) {
                return Err(UriProblem::UriNotIri);
            }
        }
        return Err(UriProblem::Invalid);
    }
    if scheme == "http" || scheme == "ftp" {
        let rest = &value[scheme.len()..];
        let ok = rest.starts_with("://") && rest.len() > 3 && !rest[3..].starts_with('/');
        return if ok { Ok(()) } else { Err(UriProblem::Invalid) };
    }
    if value.contains(':')
        && !scheme.is_empty()
        && scheme.chars().all(|c| c.is_ascii_alphabetic())
        && !IANA_SCHEMES.contains(&scheme.as_str())
    {
        return Err(UriProblem::SchemeNotIana(scheme));
    }
    Ok(())
}

/// Reports a URI problem on `what` at `pos`, with the W3C class for it;
/// `invalid_code` names the class for a malformed or relative value.
pub(crate) fn report_uri(
    sink: &mut Sink,
    pos: usize,
    what: &str,
    value: &str,
    problem: UriProblem,
    invalid_code: &'static str,
) {
    match problem {
        UriProblem::InvalidUriChar(c) => sink.error(
            pos,
            "InvalidUriChar",
            format!("{what} contains {c:?}, which URIs do not allow: percent-encode it"),
        ),
        UriProblem::UriNotIri => sink.error(
            pos,
            "UriNotIri",
            format!("{what} has non-ASCII characters: percent-encode them (UTF-8)"),
        ),
        UriProblem::Invalid => sink.error(
            pos,
            invalid_code,
            format!("{what} must be a full, absolute URL: {value:?}"),
        ),
        UriProblem::InvalidTag => sink.error(
            pos,
            "InvalidTAG",
            format!("{what} is not a valid tag: URI (RFC 4151): {value:?}"),
        ),
        UriProblem::InvalidUrn => sink.error(
            pos,
            "InvalidURN",
            format!("{what} is not a valid URN: {value:?}"),
        ),
        UriProblem::InvalidUuid => sink.error(
            pos,
            "InvalidUUID",
            format!("{what} is not a valid urn:uuid: {value:?}"),
        ),
        UriProblem::SchemeNotIana(scheme) => sink.warn(
            pos,
            "SchemeNotIANARegistered",
            format!("{what} uses the URI scheme {scheme:?}, which is not registered with IANA"),
        ),
    }
}

/// The canonical form of a URI (RFC 3986 normalization: case, default port,
/// empty path, dot segments, percent-encoding), for ids that must compare equal.
pub fn canonical_form(value: &str) -> Option<String> {
    let colon = value.find(':')?;
    let scheme = value[..colon].to_ascii_lowercase();
    let rest = normalize_percent(&value[colon + 1..])?;
    let Some(hier) = rest.strip_prefix("//") else {
        return Some(format!("{scheme}:{rest}"));
    };
    let authority_end = hier.find(['/', '?', '#']).unwrap_or(hier.len());
    let (authority, tail) = hier.split_at(authority_end);
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(at) => (&authority[..=at], &authority[at + 1..]),
        None => ("", authority),
    };
    let mut host = hostport.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => Some(":80"),
        "https" => Some(":443"),
        "ftp" => Some(":21"),
        _ => None,
    };
    if let Some(port) = default_port {
        if host.ends_with(port) {
            host.truncate(host.len() - port.len());
        }
    }
    if host.ends_with(':') {
        host.pop();
    }
    let path_end = tail.find(['?', '#']).unwrap_or(tail.len());
    let (path, after) = tail.split_at(path_end);
    let path = if path.is_empty() && default_port.is_some() {
        "/".to_string()
    } else {
        remove_dot_segments(path)
    };
    Some(format!("{scheme}://{userinfo}{host}{path}{after}"))
}

/// Upper-case `%xx`, and unreserved characters decoded; `None` when a `%` is broken.
fn normalize_percent(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            let byte = u8::from_str_radix(hex, 16).ok()?;
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                out.push(byte as char);
            } else {
                out.push('%');
                out.push_str(&hex.to_ascii_uppercase());
            }
            i += 3;
        } else {
            let c = text[i..].chars().next()?;
            out.push(c);
            i += c.len_utf8();
        }
    }
    Some(out)
}

fn remove_dot_segments(path: &str) -> String {
    if !path.split('/').any(|s| s == "." || s == "..") {
        return path.to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    out.join("/")
}

static MIME: LazyLock<Regex> = LazyLock::new(|| {
    let token = r"[a-zA-Z0-9!#$%&'*+.^_`|~\-]+";
    Regex::new(&format!(
        r#"^{token}/{token}(?:\s*;\s*{token}=(?:{token}|"[^"]*"))*$"#
    ))
    .expect("a valid pattern")
});

/// A MIME type such as `image/png` or `text/html; charset=utf-8`.
pub fn mime_type(value: &str) -> bool {
    MIME.is_match(value)
}

/// How an RSS `author`, `managingEditor` or `webMaster` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contact {
    /// `jane@example.com (Jane Doe)`.
    Valid,
    /// An address but no name in parentheses.
    MissingRealName,
    /// An address in another shape (`Jane <jane@example.com>`).
    EmailFormat,
    /// No usable e-mail address.
    Invalid,
}

/// Reads an RSS contact as the RSS profile wants it: `address (Real Name)`.
pub fn rss_contact(value: &str) -> Contact {
    let value = value.trim();
    if !value.contains('@') {
        return Contact::Invalid;
    }
    if !value.ends_with(')') {
        return if value.contains(' ') {
            Contact::EmailFormat
        } else if crate::spec::addr_spec(value) {
            Contact::MissingRealName
        } else {
            Contact::Invalid
        };
    }
    match value.find('(') {
        Some(open) if crate::spec::addr_spec(value[..open].trim()) => Contact::Valid,
        Some(_) => Contact::EmailFormat,
        None => Contact::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc822_strict_lenient_and_invalid() {
        assert!(matches!(
            rfc822("Mon, 10 Feb 2025 12:00:00 +0000"),
            Rfc822::Valid(_)
        ));
        assert!(matches!(rfc822("10 Feb 2025 12:00 GMT"), Rfc822::Valid(_)));
        assert!(matches!(
            rfc822("Mon, 10 Feb 2025 12:00:00 +0530"),
            Rfc822::Valid(_)
        ));
        assert_eq!(
            rfc822("Mon, 10 Feb 25 12:00:00 +0000"),
            Rfc822::Problematical
        );
        assert_eq!(
            rfc822("Mon, 10 Feb 2025 12:00:00 +0545"),
            Rfc822::Problematical
        );
        assert_eq!(
            rfc822("mon, 10 feb 2025 12:00:00 gmt"),
            Rfc822::Problematical
        );
        assert_eq!(
            rfc822("Tue, 10 Feb 2025 12:00:00 +0000"),
            Rfc822::IncorrectDow
        );
        assert!(matches!(
            rfc822("Mon, 10 Feb 2025 12:00:00 UTC"),
            Rfc822::Invalid(_)
        ));
        assert!(matches!(rfc822("2025-02-10T12:00:00Z"), Rfc822::Invalid(_)));
        assert!(matches!(
            rfc822("Mon, 31 Feb 2025 12:00:00 +0000"),
            Rfc822::Invalid(_)
        ));
        assert!(matches!(
            rfc822("Mon, 10 Feb 2025 12:00:00"),
            Rfc822::Invalid(_)
        ));
    }

    #[test]
    fn rfc3339_needs_seconds_and_a_zone() {
        assert!(rfc3339("2025-02-10T12:00:00Z").is_some());
        assert!(rfc3339("2025-02-10T12:00:00.5+05:30").is_some());
        assert!(rfc3339("2025-02-10T12:00Z").is_none());
        assert!(rfc3339("2025-02-10t12:00:00Z").is_none());
        assert!(rfc3339("2025-02-10T12:00:00").is_none());
        assert!(rfc3339("2025-02-30T12:00:00Z").is_none());
    }

    #[test]
    fn w3c_datetimes() {
        for ok in [
            "2025",
            "2025-02",
            "2025-02-10",
            "2025-02-10T12:00Z",
            "2025-02-10T12:00:00+01:00",
        ] {
            assert!(w3c_datetime(ok), "{ok}");
        }
        for bad in [
            "2025-2-10",
            "2025-02-10T12:00",
            "10/02/2025",
            "2025-13-01",
            "",
        ] {
            assert!(!w3c_datetime(bad), "{bad}");
        }
    }

    /// The reader agrees with the pattern it replaced (the W3C validator's),
    /// and the calendar checks after it, on every variation of good values.
    #[test]
    fn w3c_datetimes_agree_with_the_pattern() {
        let pattern = Regex::new(
            r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2}))?)?)?$",
        )
        .unwrap();
        let reference = |value: &str| {
            let Some(caps) = pattern.captures(value) else {
                return false;
            };
            let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            let Some(date) = NaiveDate::from_ymd_opt(
                num(1).unwrap_or(0) as i32,
                num(2).unwrap_or(1),
                num(3).unwrap_or(1),
            ) else {
                return false;
            };
            match (num(4), num(5)) {
                (Some(h), Some(m)) => date.and_hms_opt(h, m, num(6).unwrap_or(0)).is_some(),
                _ => true,
            }
        };
        let good = [
            "2025",
            "2025-02",
            "2024-02-29",
            "2025-02-10T12:00Z",
            "2025-02-10T23:59:59.123+05:45",
            "2025-12-31T00:00:00-03:30",
            "0000-01-01",
        ];
        let mut checked = 0;
        for value in good {
            // Every prefix, every one-byte change and deletion, and a byte added.
            let bytes = value.as_bytes();
            for i in 0..=bytes.len() {
                let mut variants = vec![bytes[..i].to_vec()];
                for b in [
                    b'0', b'9', b'2', b'3', b'6', b'-', b':', b'T', b'Z', b'+', b'.', b'x', b' ',
                    0xC3,
                ] {
                    let mut changed = bytes.to_vec();
                    if i < bytes.len() {
                        changed[i] = b;
                        variants.push(changed.clone());
                        changed.remove(i);
                        variants.push(changed);
                    }
                    let mut added = bytes.to_vec();
                    added.insert(i, b);
                    variants.push(added);
                }
                for variant in variants {
                    let text = String::from_utf8_lossy(&variant);
                    assert_eq!(w3c_datetime(&text), reference(&text), "{text:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 2000, "{checked}");
    }

    #[test]
    fn uris() {
        assert_eq!(uri("https://example.org/a?b=c#d", true, false), Ok(()));
        assert_eq!(uri("/relative", true, false), Err(UriProblem::Invalid));
        assert_eq!(uri("/relative", false, false), Ok(()));
        assert_eq!(
            uri("https://example.org/a b", true, false),
            Err(UriProblem::InvalidUriChar(' '))
        );
        assert_eq!(
            uri("https://example.org/é", true, false),
            Err(UriProblem::UriNotIri)
        );
        assert_eq!(uri("https://example.org/é", true, true), Ok(()));
        assert_eq!(uri("http:///x", true, false), Err(UriProblem::Invalid));
        assert_eq!(uri("tag:example.org,2025:1", true, false), Ok(()));
        assert_eq!(
            uri("tag:Example.org,2025:1", true, false),
            Err(UriProblem::InvalidTag)
        );
        assert_eq!(
            uri("urn:uuid:not-a-uuid", true, false),
            Err(UriProblem::InvalidUuid)
        );
        assert_eq!(
            uri("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", true, false),
            Ok(())
        );
        assert_eq!(
            uri("javascript:alert(1)", true, false),
            Err(UriProblem::SchemeNotIana("javascript".into()))
        );
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(
            canonical_form("HTTPS://Example.org").as_deref(),
            Some("https://example.org/")
        );
        assert_eq!(
            canonical_form("http://a.org:80/x/../y").as_deref(),
            Some("http://a.org/y")
        );
        assert_eq!(
            canonical_form("http://a.org/%7euser/%2f").as_deref(),
            Some("http://a.org/~user/%2F")
        );
        assert_eq!(
            canonical_form("https://a.org/b/").as_deref(),
            Some("https://a.org/b/")
        );
    }

    #[test]
    fn small_values() {
        assert!(mime_type("image/png"));
        assert!(mime_type("text/html; charset=utf-8"));
        assert!(!mime_type("png"));
        assert!(crate::spec::language("en"));
        assert!(crate::spec::language("en-US"));
        assert!(crate::spec::language("ast"));
        assert!(!crate::spec::language("english"));
        assert!(!crate::spec::language("en_US"));
        assert!(!crate::spec::language("qq"));
        assert_eq!(rss_contact("jane@example.com (Jane Doe)"), Contact::Valid);
        assert_eq!(rss_contact("jane@example.com"), Contact::MissingRealName);
        assert_eq!(rss_contact("Jane <jane@example.com>"), Contact::EmailFormat);
        assert_eq!(rss_contact("Jane Doe"), Contact::Invalid);
    }
}
