//! Dates: every shape real sites write, read into UTC; RFC 822 and RFC 3339 out.

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc,
};

/// The zone a date written without an offset is read in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SiteTimezone {
    /// A fixed offset such as `+06:00`.
    Fixed(FixedOffset),
    /// An IANA zone such as `Asia/Dhaka`, with its daylight-saving rules.
    Named(chrono_tz::Tz),
}

impl Default for SiteTimezone {
    fn default() -> Self {
        SiteTimezone::Fixed(utc_offset())
    }
}

impl FromStr for SiteTimezone {
    type Err = String;

    /// `UTC`, `Z`, `+06:00`, `-0330` or an IANA name.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if let Some(offset) = parse_offset(text) {
            return Ok(SiteTimezone::Fixed(offset));
        }
        chrono_tz::Tz::from_str(text).map(SiteTimezone::Named).map_err(|_| {
            format!(
                "`{text}` is not a time zone: write an offset such as `+06:00` or an IANA name such as `Asia/Dhaka`"
            )
        })
    }
}

impl SiteTimezone {
    /// The instant a local date-time in this zone stands for.
    pub fn local_to_utc(self, local: NaiveDateTime) -> DateTime<Utc> {
        self.local_to_fixed(local).with_timezone(&Utc)
    }

    /// A local date-time in this zone, with the offset in force then.
    pub fn local_to_fixed(self, local: NaiveDateTime) -> DateTime<FixedOffset> {
        match self {
            SiteTimezone::Fixed(offset) => resolve_local(&offset, local),
            SiteTimezone::Named(tz) => resolve_local(&tz, local),
        }
    }

    /// The wall clock of `instant` in this zone.
    pub fn wall_clock(self, instant: DateTime<Utc>) -> NaiveDateTime {
        match self {
            SiteTimezone::Fixed(offset) => instant.with_timezone(&offset).naive_local(),
            SiteTimezone::Named(tz) => instant.with_timezone(&tz).naive_local(),
        }
    }
}

/// Ambiguous local times (clocks turned back) take the earlier instant; times
/// that do not exist (clocks turned forward) are read with the offset in force
/// just before the gap, as most calendars do.
fn resolve_local<Z: TimeZone>(zone: &Z, local: NaiveDateTime) -> DateTime<FixedOffset> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.fixed_offset(),
        LocalResult::None => {
            let before = local - chrono::Duration::hours(3);
            let shift = zone
                .offset_from_local_datetime(&before)
                .earliest()
                .map_or(0, |offset| offset.fix().local_minus_utc());
            let offset = FixedOffset::east_opt(shift).unwrap_or_else(utc_offset);
            Utc.from_utc_datetime(&(local - chrono::Duration::seconds(i64::from(shift))))
                .with_timezone(&offset)
        }
    }
}

fn utc_offset() -> FixedOffset {
    FixedOffset::east_opt(0).expect("zero is a valid offset")
}

/// Why a value is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// The value as written.
    pub value: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a date ({})", self.value, self.reason)
    }
}

/// The date shapes [`parse`] reads, for the hint of an error about a date.
pub const ACCEPTED_SHAPES: &str = "write a date like `2025-01-15T21:44:45+06:00` (RFC 3339), \
`2025-01-15 21:44:45 +0600` (Jekyll), `2025-01-15 21:44:45` or `2025-01-15` (in the site's \
time zone), or `Wed, 15 Jan 2025 21:44:45 +0600` (RFC 2822)";

/// Reads every date shape found on real sites into UTC.
///
/// RFC 3339 (offset, `Z`, fractions, lower-case `t`/`z`); a space instead of
/// `T`; one-digit hours; no seconds; offsets as `+06:00`, `+0600`, `+06`, `UTC`,
/// `GMT`, with or without a space before them (Jekyll); date only (midnight);
/// RFC 2822. A value without an offset is read in `timezone`.
pub fn parse(value: &str, timezone: SiteTimezone) -> Result<DateTime<Utc>, DateError> {
    parse_as_written(value, timezone).map(|d| d.with_timezone(&Utc))
}

/// [`parse`], keeping the offset the date was written with (the zone's offset
/// then, for a date written without one): Hugo's permalink tokens and
/// `:year/:month/:day` read the date as written.
pub fn parse_as_written(
    value: &str,
    timezone: SiteTimezone,
) -> Result<DateTime<FixedOffset>, DateError> {
    let written = parse_any_year(value, timezone)?;
    let instant = written.with_timezone(&Utc);
    // An offset can carry 9999-12-31 into year 10000 (or 0001-01-01 into year 0)
    // in UTC, which RFC 822 and RFC 3339 cannot print with four digits.
    if !(1..=9999).contains(&instant.year()) {
        return Err(DateError {
            value: value.to_string(),
            reason: "in UTC it falls outside the years 0001 to 9999",
        });
    }
    Ok(written)
}

fn parse_any_year(value: &str, timezone: SiteTimezone) -> Result<DateTime<FixedOffset>, DateError> {
    let text = value.trim();
    let fail = |reason| DateError {
        value: value.to_string(),
        reason,
    };
    if text.is_empty() {
        return Err(fail("it is empty"));
    }
    if text.as_bytes()[0].is_ascii_alphabetic() {
        return DateTime::parse_from_rfc2822(text).map_err(|_| fail("unrecognised shape"));
    }
    let mut scan = Scanner::new(text);
    let year = scan
        .digits(4, 4)
        .ok_or_else(|| fail("expected a four-digit year"))?;
    scan.expect(b'-')
        .ok_or_else(|| fail("expected `-` after the year"))?;
    let month = scan.digits(1, 2).ok_or_else(|| fail("expected a month"))?;
    scan.expect(b'-')
        .ok_or_else(|| fail("expected `-` after the month"))?;
    let day = scan.digits(1, 2).ok_or_else(|| fail("expected a day"))?;
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)
        .ok_or_else(|| fail("no such day in the calendar"))?;

    if scan.at_end() {
        return Ok(timezone.local_to_fixed(date.and_time(NaiveTime::MIN)));
    }
    if !(scan.eat(b'T') || scan.eat(b't') || scan.spaces()) {
        return Err(fail("expected `T` or a space between date and time"));
    }
    let hour = scan.digits(1, 2).ok_or_else(|| fail("expected an hour"))?;
    scan.expect(b':')
        .ok_or_else(|| fail("expected `:` after the hour"))?;
    let minute = scan
        .digits(2, 2)
        .ok_or_else(|| fail("expected two-digit minutes"))?;
    let mut second = 0;
    let mut nano = 0;
    if scan.eat(b':') {
        second = scan
            .digits(2, 2)
            .ok_or_else(|| fail("expected two-digit seconds"))?;
        if scan.eat(b'.') || scan.eat(b',') {
            nano = scan
                .fraction()
                .ok_or_else(|| fail("expected digits after the decimal point"))?;
        }
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nano)
        .ok_or_else(|| fail("no such time of day"))?;
    let local = date.and_time(time);

    scan.spaces();
    if scan.at_end() {
        return Ok(timezone.local_to_fixed(local));
    }
    let offset =
        parse_offset(scan.rest()).ok_or_else(|| fail("unrecognised time zone or trailing text"))?;
    Ok(resolve_local(&offset, local))
}

/// A date [`parse`] refuses for trailing text, read as Jekyll reads it:
/// Ruby's `Time.parse` (`Date._parse`) takes the date, the time and a zone
/// written right after the time, and ignores what follows
/// (`2023-01-29 18:30:22 2023 -0800` is 18:30:22 in the site's time zone,
/// the stray year stopping it before `-0800`). Returns the date and the text
/// ignored; `None` when the date or time itself is not readable.
pub fn parse_like_ruby(
    value: &str,
    timezone: SiteTimezone,
) -> Option<(DateTime<FixedOffset>, String)> {
    let text = value.trim();
    // The longest readable prefix ending at a word boundary: date, time, zone.
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    (1..words.len()).rev().find_map(|n| {
        let (start, last) = words[n - 1];
        let end = start + last.len();
        let read = parse_as_written(&text[..end], timezone).ok()?;
        Some((read, text[end..].trim().to_string()))
    })
}

/// `Z`, `UTC`, `GMT`, `+06:00`, `+0600` or `+06`.
fn parse_offset(text: &str) -> Option<FixedOffset> {
    if matches!(text, "Z" | "z" | "UTC" | "GMT" | "UT") {
        return Some(utc_offset());
    }
    let (sign, digits) = if let Some(rest) = text.strip_prefix('+') {
        (1, rest)
    } else if let Some(rest) = text
        .strip_prefix('-')
        .or_else(|| text.strip_prefix('\u{2212}'))
    {
        (-1, rest)
    } else {
        return None;
    };
    // Byte offsets below: a non-ASCII character (`+−5`) must not be sliced into.
    if !digits.is_ascii() {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        2 => (digits, "00"),
        4 => (&digits[..2], &digits[2..]),
        5 if digits.as_bytes()[2] == b':' => (&digits[..2], &digits[3..]),
        _ => return None,
    };
    if !(hours.bytes().chain(minutes.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// A cursor over ASCII date text.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner { text, pos: 0 }
    }

    fn at_end(&self) -> bool {
        self.pos == self.text.len()
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn eat(&mut self, byte: u8) -> bool {
        let hit = self.text.as_bytes().get(self.pos) == Some(&byte);
        self.pos += usize::from(hit);
        hit
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    fn spaces(&mut self) -> bool {
        let start = self.pos;
        while self.eat(b' ') {}
        self.pos > start
    }

    /// Between `min` and `max` ASCII digits as a number.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let run = self
            .rest()
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_digit)
            .count();
        if run < min || self.rest()[run..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let value = self.rest()[..run].parse().ok()?;
        self.pos += run;
        Some(value)
    }

    /// A decimal fraction of a second, in nanoseconds (digits past nine are dropped).
    fn fraction(&mut self) -> Option<u32> {
        let run = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if run == 0 {
            return None;
        }
        let digits = &self.rest()[..run.min(9)];
        let nanos = digits.parse::<u32>().ok()? * 10u32.pow(9 - digits.len() as u32);
        self.pos += run;
        Some(nanos)
    }
}

/// RSS 2.0 (RFC 822 with a four-digit year), always in UTC: `Wed, 15 Jan 2025 15:44:45 +0000`.
pub fn to_rfc822(instant: DateTime<Utc>) -> String {
    instant.format("%a, %d %b %Y %H:%M:%S +0000").to_string()
}

/// Atom and sitemaps (RFC 3339 / W3C datetime), always in UTC: `2025-01-15T15:44:45Z`.
pub fn to_rfc3339(instant: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    // Written digit by digit rather than through `format`: a sitemap prints
    // one date per page. Years are 0001 to 9999 (the parser refuses others).
    let mut out = [0u8; 20];
    let mut put = |at: usize, width: usize, value: u32| {
        let mut value = value;
        for i in (at..at + width).rev() {
            out[i] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    };
    put(0, 4, instant.year().clamp(0, 9999) as u32);
    put(5, 2, instant.month());
    put(8, 2, instant.day());
    put(11, 2, instant.hour());
    put(14, 2, instant.minute());
    put(17, 2, instant.second());
    for (at, separator) in [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'Z'),
    ] {
        out[at] = separator;
    }
    out.iter().map(|&b| b as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc() -> SiteTimezone {
        SiteTimezone::default()
    }

    fn atom(value: &str, tz: SiteTimezone) -> String {
        to_rfc3339(parse(value, tz).unwrap_or_else(|e| panic!("{e}")))
    }

    #[test]
    fn the_seed_post_date() {
        let t = parse("2025-01-15T21:44:45+06:00", utc()).unwrap();
        assert_eq!(to_rfc822(t), "Wed, 15 Jan 2025 15:44:45 +0000");
        assert_eq!(to_rfc3339(t), "2025-01-15T15:44:45Z");
    }

    #[test]
    fn every_shape_found_on_real_sites() {
        let plus6: SiteTimezone = "+06:00".parse().unwrap();
        let table: &[(&str, SiteTimezone, &str)] = &[
            ("2025-01-15T21:44:45+06:00", utc(), "2025-01-15T15:44:45Z"),
            ("2025-01-15T15:44:45Z", utc(), "2025-01-15T15:44:45Z"),
            ("2025-01-15t15:44:45z", utc(), "2025-01-15T15:44:45Z"),
            (
                "2025-01-15T15:44:45.123456789Z",
                utc(),
                "2025-01-15T15:44:45Z",
            ),
            ("2025-01-15T21:44:45.5+06:00", utc(), "2025-01-15T15:44:45Z"),
            ("2025-01-15T21:44:45", plus6, "2025-01-15T15:44:45Z"),
            ("2025-01-15T21:44:45", utc(), "2025-01-15T21:44:45Z"),
            ("2025-01-15", utc(), "2025-01-15T00:00:00Z"),
            ("2025-01-15", plus6, "2025-01-14T18:00:00Z"),
            ("2013-09-14 20:46:50 -0400", utc(), "2013-09-15T00:46:50Z"),
            ("2013-05-06 02:12:52 +0200", utc(), "2013-05-06T00:12:52Z"),
            ("2021-05-05 08:15:00", utc(), "2021-05-05T08:15:00Z"),
            ("2021-05-05 08:15", utc(), "2021-05-05T08:15:00Z"),
            ("2019-04-09T8:09:26-07:00", utc(), "2019-04-09T15:09:26Z"),
            ("2019-04-09T08:09:26-0700", utc(), "2019-04-09T15:09:26Z"),
            ("2019-04-09T08:09:26-07", utc(), "2019-04-09T15:09:26Z"),
            ("2019-04-09 08:09:26 UTC", plus6, "2019-04-09T08:09:26Z"),
            (
                "  2025-01-15T21:44:45+06:00  ",
                utc(),
                "2025-01-15T15:44:45Z",
            ),
            ("2018-7-5", utc(), "2018-07-05T00:00:00Z"),
            (
                "Wed, 15 Jan 2025 21:44:45 +0600",
                utc(),
                "2025-01-15T15:44:45Z",
            ),
            // Day-boundary crossings.
            ("2025-01-01T05:00:00+14:00", utc(), "2024-12-31T15:00:00Z"),
            ("2024-12-31T22:00:00-03:30", utc(), "2025-01-01T01:30:00Z"),
            ("2025-03-01T00:10:00+05:45", utc(), "2025-02-28T18:25:00Z"),
            // 29 February.
            ("2024-02-29T12:00:00+06:00", utc(), "2024-02-29T06:00:00Z"),
            ("2024-03-01T02:00:00+06:00", utc(), "2024-02-29T20:00:00Z"),
        ];
        for (value, tz, want) in table {
            assert_eq!(&atom(value, *tz), want, "for {value}");
        }
    }

    /// Hugo reads `:year/:month/:day` from the date as written (notes §5.3).
    #[test]
    fn dates_keep_the_offset_they_were_written_with() {
        let tokyo: SiteTimezone = "Asia/Tokyo".parse().unwrap();
        let ny: SiteTimezone = "America/New_York".parse().unwrap();
        let written = |v, tz| parse_as_written(v, tz).unwrap().to_rfc3339();
        assert_eq!(
            written("2017-09-10T20:24:43-04:00", tokyo),
            "2017-09-10T20:24:43-04:00"
        );
        assert_eq!(written("2017-09-10", ny), "2017-09-10T00:00:00-04:00");
        assert_eq!(
            written("2017-09-10T00:30:00+02:00", utc()),
            "2017-09-10T00:30:00+02:00"
        );
    }

    #[test]
    fn named_zones_follow_daylight_saving() {
        let ny: SiteTimezone = "America/New_York".parse().unwrap();
        assert_eq!(atom("2025-01-15T12:00:00", ny), "2025-01-15T17:00:00Z");
        assert_eq!(atom("2025-07-15T12:00:00", ny), "2025-07-15T16:00:00Z");
        // 02:30 does not exist on 2025-03-09 in New York; read with EST.
        assert_eq!(atom("2025-03-09T02:30:00", ny), "2025-03-09T07:30:00Z");
        // 01:30 happens twice on 2025-11-02; the earlier one is taken.
        assert_eq!(atom("2025-11-02T01:30:00", ny), "2025-11-02T05:30:00Z");
    }

    #[test]
    fn jekyll_reads_a_date_before_trailing_text_as_ruby_does() {
        let (read, ignored) = parse_like_ruby("2023-01-29 18:30:22 2023 -0800", utc()).unwrap();
        assert_eq!(read.to_rfc3339(), "2023-01-29T18:30:22+00:00");
        assert_eq!(ignored, "2023 -0800");
        let (read, ignored) = parse_like_ruby("2013-05-06 02:12:52 +0200 (CEST)", utc()).unwrap();
        assert_eq!(read.to_rfc3339(), "2013-05-06T02:12:52+02:00");
        assert_eq!(ignored, "(CEST)");
        assert!(parse_like_ruby("yesterday at noon", utc()).is_none());
        assert!(parse_like_ruby("2023-02-29 10:00:00 x", utc()).is_none());
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for value in [
            "",
            "yesterday",
            "2023-02-29",
            "2025-13-01",
            "2025-01-32",
            "25-01-15",
            "2025-01-15T25:00:00Z",
            "2025-01-15T12:60:00Z",
            "2025-01-15T12:00:60Z",
            "2023-01-29 18:30:22 2023 -0800",
            "2025-01-15T12:00:00+25:00",
            "2025-01-15T12:00:00 PST",
            "2025-01-15T12",
            "20250-01-15",
            "12:00:00",
            // Years UTC cannot print with four digits (found by fuzzing).
            "9999-12-31T23:59:59-14:00",
            "0001-01-01T00:00:00+14:00",
            "2014-11-12 18:49:08 -\u{2212}0",
        ] {
            assert!(parse(value, utc()).is_err(), "{value:?} was accepted");
        }
    }

    #[test]
    fn rfc822_pads_day_and_keeps_four_digit_year() {
        let t = parse("0999-03-05T01:02:03Z", utc()).unwrap();
        assert_eq!(to_rfc822(t), "Tue, 05 Mar 0999 01:02:03 +0000");
    }

    #[test]
    fn timezone_setting_shapes() {
        assert_eq!(
            "UTC".parse::<SiteTimezone>().unwrap(),
            SiteTimezone::default()
        );
        assert!("+05:45".parse::<SiteTimezone>().is_ok());
        assert!("-0330".parse::<SiteTimezone>().is_ok());
        assert!("Asia/Dhaka".parse::<SiteTimezone>().is_ok());
        assert!("Mars/Olympus".parse::<SiteTimezone>().is_err());
    }
}
