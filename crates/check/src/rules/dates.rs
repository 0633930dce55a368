//! Dates as the feed formats write them: RFC 822 (RSS), RFC 3339 (Atom,
//! JSON Feed) and W3C date-times (Dublin Core, sitemaps), each read as the
//! W3C validator reads it.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use regex::Regex;

/// What an RFC 822 date check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Rfc822 {
    /// Strictly valid (RFC 2822 form, four-digit year, known zone): the instant.
    Valid(DateTime<Utc>),
    /// Accepted only by a lenient reading (two-digit year, odd spacing or case, an unusual zone).
    Problematical,
    /// The day name does not match the date.
    IncorrectDow,
    /// Not a date at all; why.
    Invalid(String),
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

impl Rfc822 {
    /// The instant, when the date is valid.
    pub(crate) fn valid(self) -> Option<DateTime<Utc>> {
        match self {
            Rfc822::Valid(instant) => Some(instant),
            _ => None,
        }
    }
}

/// Reads an RSS date (`pubDate`, `lastBuildDate`) as the W3C validator does:
/// the strict RFC 2822 form is valid (its day checked against its name for
/// years after 1900, its time of day taken as written, overflow and all);
/// a lenient RFC 822 reading is problematical; anything else is invalid.
pub(crate) fn rfc822(value: &str) -> Rfc822 {
    if let Some(caps) = RFC2822_STRICT.captures(value) {
        let num = |i: usize| {
            caps.get(i)
                .and_then(|m| m.as_str().parse::<i64>().ok())
                .unwrap_or(0)
        };
        let month = caps
            .get(3)
            .and_then(|m| MONTHS.iter().position(|&n| n == m.as_str()))
            .map_or(1, |i| i as u32 + 1);
        let (year, day) = (num(4) as i32, num(2));
        if year > 1900 {
            let Some(date) = NaiveDate::from_ymd_opt(year, month, day as u32) else {
                return Rfc822::Invalid("there is no such day".into());
            };
            let named = caps.get(1).map(|m| m.as_str());
            if named.is_some_and(|dow| date.format("%a").to_string() != dow) {
                return Rfc822::IncorrectDow;
            }
        }
        let zone = caps.get(8).map_or("", |m| m.as_str());
        let offset_minutes: i64 = match zone {
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
                let n: i64 = digits.parse().unwrap_or(0);
                sign * ((n / 100) * 60 + n % 100)
            }
        };
        // As Python's timegm: days and times past their range carry over.
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            return Rfc822::Invalid("the year is out of range".into());
        };
        let seconds =
            (day - 1) * 86_400 + num(5) * 3600 + num(6) * 60 + num(7) - offset_minutes * 60;
        let instant = first.and_time(NaiveTime::MIN).and_utc() + Duration::seconds(seconds);
        return Rfc822::Valid(instant);
    }
    // Comments in parentheses and quoted pairs are allowed by RFC 822 but unusual.
    let mut lenient = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
        } else {
            lenient.push(c);
        }
    }
    loop {
        let innermost = lenient
            .find(')')
            .and_then(|close| lenient[..close].rfind('(').map(|open| (open, close)));
        match innermost {
            Some((open, close)) => lenient.replace_range(open..=close, " "),
            None => break,
        }
    }
    if RFC822_LENIENT.is_match(lenient.trim().to_lowercase().as_str()) {
        Rfc822::Problematical
    } else {
        Rfc822::Invalid("expected a date like \"Mon, 02 Jan 2006 15:04:05 +0000\"".into())
    }
}

/// Whether an instant is before 1990 or more than `slack` after `now`.
pub(crate) fn implausible(date: DateTime<Utc>, now: DateTime<Utc>, slack: Duration) -> bool {
    date.year() < 1990 || date > now + slack
}

/// Whether a valid RSS date is implausible, as the validator judges: more
/// than ten minutes after `now`, or before 1990.
pub(crate) fn implausible_822(date: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    implausible(date, now, Duration::minutes(10))
}

/// The date patterns of the validator's `iso8601` family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DatePattern {
    /// RFC 3339: a full date, a time with seconds, and a zone.
    Rfc3339,
    /// W3C date-time: any precision, a zone required with a time.
    W3cDtf,
    /// ISO 8601: any precision, the zone optional.
    Iso8601,
}

static RFC3339_FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:Z|[+-][0-9]{2}:[0-9]{2})\n?$")
        .expect("a valid pattern")
});
static W3CDTF_FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]*)?)?(?:Z|[+-][0-9]{2}:[0-9]{2}))?)?)?\n?$")
        .expect("a valid pattern")
});
static ISO8601_FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]*)?)?(?:Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?\n?$")
        .expect("a valid pattern")
});

/// A date of the `iso8601` family, checked as the validator checks it: the
/// pattern, then a real day (when a day is given) and a time of day no later
/// than 23:60:60. `None` when it fails.
pub(crate) fn iso8601(value: &str, pattern: DatePattern) -> Option<()> {
    let form: &Regex = match pattern {
        DatePattern::Rfc3339 => &RFC3339_FORM,
        DatePattern::W3cDtf => &W3CDTF_FORM,
        DatePattern::Iso8601 => &ISO8601_FORM,
    };
    if !form.is_match(value) {
        return None;
    }
    let value = value.trim_end_matches('\n');
    let (date, time) = value.split_once('T').unwrap_or((value, ""));
    let parts: Vec<i64> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    if let [year, month, day] = parts[..] {
        NaiveDate::from_ymd_opt(year as i32, month as u32, day as u32).filter(|_| year >= 1)?;
    }
    if !time.is_empty() {
        let clock = time.split(['Z', '+', '-']).next().unwrap_or("");
        let fields: Vec<&str> = clock.split(':').collect();
        let hour: i64 = fields[0].parse().ok()?;
        let minute: i64 = fields.get(1).map_or(Some(0), |m| m.parse().ok())?;
        let second: f64 = fields.get(2).map_or(Some(0.0), |s| s.parse().ok())?;
        if hour > 23 || minute > 60 || second > 60.0 {
            return None;
        }
    }
    Some(())
}

/// Whether a date of the `iso8601` family is implausible, as the validator
/// judges (comparing the text): before 1990, or after a day from `now`.
pub(crate) fn implausible_8601(value: &str, now: DateTime<Utc>) -> bool {
    let tomorrow = (now + Duration::days(1))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    value < "1990-01-01" || value > tomorrow.as_str()
}

static RFC3339: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})$")
        .expect("a valid pattern")
});

/// An Atom or JSON Feed date: RFC 3339 with seconds, upper-case `T` and `Z`.
pub(crate) fn rfc3339(value: &str) -> Option<DateTime<Utc>> {
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
pub(crate) fn w3c_datetime(value: &str) -> bool {
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

/// Compiles this module's patterns now rather than at their first use.
pub(crate) fn compile_patterns() {
    for pattern in [
        &RFC2822_STRICT,
        &RFC822_LENIENT,
        &RFC3339,
        &RFC3339_FORM,
        &W3CDTF_FORM,
        &ISO8601_FORM,
    ] {
        LazyLock::force(pattern);
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
}
