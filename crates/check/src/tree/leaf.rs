//! Leaf elements: those that hold text, checked by the value rules the W3C
//! validator composes (`text()`, `nonhtml()`, `rfc822()`, `noduplicates()`, ...).

use std::sync::LazyLock;

use regex::Regex;

use super::{AttrName, El, Seen, Walker};
use crate::rules::contact;
use crate::rules::dates::{self, Rfc822};
use crate::rules::uris::{self, UriRule};
use crate::Code;

/// What a leaf element's text must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Value {
    /// Any text.
    Text,
    /// Anything, child elements too: not checked.
    Any,
    /// Plain text: no HTML (`ContainsHTML`).
    NonHtml,
    /// HTML, as readers render it: parsed strictly, checked for unsafe markup and relative URLs.
    SafeHtml,
    /// A URI by a rule; the code for one that is malformed.
    Uri(UriRule, Code),
    /// An id: an absolute URI in canonical form.
    CanonicalUri,
    /// An RFC 822 date (RSS).
    Rfc822,
    /// An RFC 3339 date-time (Atom).
    Rfc3339,
    /// A W3C date-time (Dublin Core); `bounded` adds the plausibility check.
    W3cDtf { bounded: bool },
    /// An ISO 8601 date-time, the zone optional.
    Iso8601 { bounded: bool },
    /// An ISO 8601 date, `YYYY-MM-DD`.
    Iso8601Date,
    /// An e-mail address, possibly with a name (`email`).
    Email,
    /// An RSS contact, `address (Name)` (`email_with_name`).
    EmailWithName,
    /// A bare e-mail address (`addr_spec`).
    AddrSpec,
    /// No e-mail address in angle brackets (`nonemail`).
    NonEmail,
    /// An ISO 639 language code.
    Language,
    /// A whole number above zero.
    PositiveInteger,
    /// A whole number of zero or more.
    NonNegativeInteger,
    /// A whole number, or nothing.
    Integer,
    /// A decimal number without a sign (`InvalidFloat`).
    Float,
    /// A number from 0 to 100.
    Percent,
    /// A latitude in degrees.
    Latitude,
    /// A longitude in degrees.
    Longitude,
    /// A signed decimal number (`InvalidFloatUnit`).
    Decimal,
    /// A number, then possibly a unit (Google Base, `InvalidFloat`).
    GFloat,
    /// A number and a unit, and nothing else (`InvalidFloatUnit`).
    FloatUnit,
    /// A whole number, then possibly a unit (`InvalidIntUnit`).
    IntUnit,
    /// A year from 1900 to four years from now.
    Year,
    /// `true` or `false`, in any case.
    TrueFalse,
    /// `yes` or `no`.
    YesNo,
    /// `yes`, `no` or `clean`, in any case (iTunes).
    YesNoClean,
    /// A duration: seconds, or `m:ss`, or `h:mm:ss`.
    Duration,
    /// Plain text of at most this many characters.
    LengthLimited(usize),
    /// Keywords separated by commas (`InvalidKeywords`).
    Keywords,
    /// Whole numbers separated by commas.
    CommaSeparatedIntegers,
    /// An HTML form control's name.
    FormName,
    /// One of these words; the code for another.
    OneOf(&'static [&'static str], Code),
    /// An absolute http(s) URL with a host (`httpURL`).
    HttpUrl,
    /// A Google Base label: no commas.
    Label,
    /// A Google Base location: two or three parts.
    Location,
    /// A Google Base full location: five non-empty parts.
    FullLocation,
    /// A GML position: two numbers.
    GmlPos,
    /// A GML list of positions.
    GmlPosList,
}

impl Value {
    /// A leaf checked by this value alone.
    pub(crate) const fn leaf(self) -> Leaf {
        Leaf {
            value: self,
            also: None,
            once: None,
            nonblank: false,
            nows: false,
            attrs: &[],
        }
    }
}

/// A leaf element's checks: the value rules, and the validator's
/// `noduplicates()`, `nonblank()` and `nows()`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Leaf {
    /// What the text must be.
    pub(crate) value: Value,
    /// A second value rule, where the validator composes two.
    pub(crate) also: Option<Value>,
    /// The code when the element repeats among its siblings.
    pub(crate) once: Option<Code>,
    /// Whether a blank value is `NotBlank`.
    pub(crate) nonblank: bool,
    /// Whether whitespace around the value is `UnexpectedWhitespace`.
    pub(crate) nows: bool,
    /// The attributes the element takes.
    pub(crate) attrs: &'static [AttrName],
}

impl Leaf {
    /// The element may appear once (`DuplicateElement`).
    pub(crate) const fn once(self) -> Leaf {
        self.once_as(Code::DuplicateElement)
    }

    /// The element may appear once; `code` when it does not.
    pub(crate) const fn once_as(self, code: Code) -> Leaf {
        Leaf {
            once: Some(code),
            ..self
        }
    }

    /// A blank value is `NotBlank`.
    pub(crate) const fn nonblank(self) -> Leaf {
        Leaf {
            nonblank: true,
            ..self
        }
    }

    /// Whitespace around the value is `UnexpectedWhitespace`.
    pub(crate) const fn nows(self) -> Leaf {
        Leaf { nows: true, ..self }
    }

    /// The value is also checked by `value`.
    pub(crate) const fn and(self, value: Value) -> Leaf {
        Leaf {
            also: Some(value),
            ..self
        }
    }

    /// The element takes these attributes.
    pub(crate) const fn attrs(self, attrs: &'static [AttrName]) -> Leaf {
        Leaf { attrs, ..self }
    }
}

/// Checks `el` as `leaf` prescribes.
pub(super) fn check(w: &mut Walker, el: &El, seen: &Seen, leaf: Leaf) {
    if let Some(code) = leaf.once {
        w.once(el, seen, code);
    }
    if leaf.value != Value::Any {
        // The service's HTML-ish values take any child as mixed content.
        let html = |v: Value| matches!(v, Value::NonHtml | Value::SafeHtml);
        no_children(w, el, html(leaf.value) || leaf.also.is_some_and(html));
    }
    let raw = el.text();
    if leaf.nows && raw.trim() != raw {
        w.report(
            el,
            Code::UnexpectedWhitespace,
            format!("<{}> must not have whitespace around its value", el.name),
        );
    }
    let keeps_space = matches!(
        leaf.value,
        Value::TrueFalse | Value::YesNo | Value::YesNoClean
    );
    let value = if keeps_space {
        raw.as_str()
    } else {
        raw.trim()
    };
    if leaf.nonblank && value.is_empty() {
        w.report(
            el,
            Code::NotBlank,
            format!("<{}> should not be blank", el.name),
        );
    }
    check_value(w, el, leaf.value, value);
    if let Some(also) = leaf.also {
        check_value(w, el, also, value);
    }
}

/// A text element holds no elements: each is `UndefinedElement`, except in
/// RSS 1.0, where they are RDF (and text beside them is mixed content; any
/// element at all, for an `html` value).
pub(super) fn no_children(w: &mut Walker, el: &El, html: bool) {
    let children: Vec<_> = el.node.children().filter(|n| n.is_element()).collect();
    if children.is_empty() {
        return;
    }
    if w.is_rss1() {
        // The service's `text` in RSS 1.0: text before an element, or a
        // second element, is mixed content unless the element is a
        // literal; each child is then RDF (`rdf_extension`), whatever the
        // parent's parse type.
        let literal = el.attr_ns(crate::spec::RDF_NS, "parseType") == Some("Literal");
        let first = children[0];
        let text_before = el
            .node
            .children()
            .take_while(|n| *n != first)
            .any(|n| n.is_text() && !n.text().unwrap_or("").trim().is_empty());
        if !literal && (html || text_before || children.len() > 1) {
            w.report(
                el,
                Code::InvalidRDF,
                format!("<{}> is not RDF: it mixes text and elements", el.name),
            );
        }
        for child in children {
            w.rdf_extension(child);
        }
        return;
    }
    for child in children {
        let child = w.element(child, el.name);
        w.report(
            &child,
            Code::UndefinedElement,
            format!(
                "<{}> is not allowed inside <{}>, which holds text",
                child.name, el.name
            ),
        );
        w.skip(&child);
    }
}

static MIME_TYPE: LazyLock<Regex> = LazyLock::new(|| {
    let token = r#"[^\s()<>,;:\\"/\[\]?=]+"#;
    Regex::new(&format!(
        r#"^{token}/{token}(?:\s*;\s*{token}=(?:"(?:\\"|[^"])*"|{token}))*\n?$"#
    ))
    .expect("a valid pattern")
});

/// A MIME type, as the W3C validator's `mime_re` reads one.
pub(crate) fn is_mime_type(value: &str) -> bool {
    MIME_TYPE.is_match(value)
}

static HTTP_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^https?://(?:[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.|(?:[A-Z0-9\-]+\.)+)[A-Z0-9][-A-Z0-9]*(?::[0-9]+)?(?:/|$)")
        .expect("a valid pattern")
});

/// An absolute http(s) URL with a domain or IPv4 host (the validator's `httpURL`).
pub(crate) fn is_http_url(value: &str) -> bool {
    HTTP_URL.is_match(value) && value.is_ascii() && uris::matches_full_pattern(value)
}

/// Python's `int()`: surrounding whitespace, a sign, digits (with single underscores between).
pub(crate) fn python_int(value: &str) -> Option<i128> {
    let text = value.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let n: i128 = digits.replace('_', "").parse().ok()?;
    Some(if negative { -n } else { n })
}

/// A whole number above zero, as Python reads one.
pub(crate) fn is_positive(value: &str) -> bool {
    python_int(value).is_some_and(|n| n > 0)
}

/// A whole number of zero or more, as Python reads one.
pub(crate) fn is_non_negative(value: &str) -> bool {
    python_int(value).is_some_and(|n| n >= 0)
}

/// Python's `float()`, closely enough: a decimal or exponent number, `inf` or `nan`.
pub(crate) fn python_float(value: &str) -> Option<f64> {
    let text = value.trim().replace('_', "");
    let lower = text.to_ascii_lowercase();
    let bare = lower.trim_start_matches(['+', '-']);
    if ["inf", "infinity", "nan"].contains(&bare) {
        return lower.parse().ok().or(Some(f64::NAN));
    }
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '+' | '-' | 'e' | 'E'))
    {
        return None;
    }
    text.parse().ok()
}

fn matches(pattern: &'static LazyLock<Regex>, value: &str) -> bool {
    pattern.is_match(value)
}

static FLOAT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]+\.?[0-9]*\n?$").expect("a valid pattern"));
static DECIMAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-+]?[0-9]+\.?[0-9]*\s*$").expect("a valid pattern"));
static G_FLOAT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]+\.?[0-9]*\s*\w*").expect("a valid pattern"));
static FLOAT_UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]+\.?[0-9]*\s*\w*\n?$").expect("a valid pattern"));
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]+(?::[0-5][0-9](?::[0-5][0-9])?)?\n?$").expect("a valid pattern")
});
static COMMA_INTEGERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]+(?:,\s*[0-9]+)*\n?$").expect("a valid pattern"));
static FORM_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-zA-z][a-zA-z0-9:._]*").expect("a valid pattern"));
static GML_POS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[-+]?[0-9]+\.?[0-9]*[ ,][-+]?[0-9]+\.?[0-9]*\n?$").expect("a valid pattern")
});
static GML_LIST_COMMAS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[-+.0-9]+[, ][-+.0-9](?: [-+.0-9]+[, ][-+.0-9])+$").expect("a valid pattern")
});
static GML_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-+]?[0-9]+\.?[0-9]*\n?$").expect("a valid pattern"));
static EMAIL_IN_BRACKETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?i)<{}>", crate::spec::ADDR_SPEC_PATTERN)).expect("a valid pattern")
});

/// Compiles this module's patterns now rather than at their first use.
pub(crate) fn compile_patterns() {
    for pattern in [
        &MIME_TYPE,
        &HTTP_URL,
        &FLOAT,
        &DECIMAL,
        &G_FLOAT,
        &FLOAT_UNIT,
        &DURATION,
        &COMMA_INTEGERS,
        &FORM_NAME,
        &GML_POS,
        &GML_LIST_COMMAS,
        &GML_NUMBER,
        &EMAIL_IN_BRACKETS,
    ] {
        LazyLock::force(pattern);
    }
}

/// Checks `value`, the text of `el`, by `rule`.
pub(crate) fn check_value(w: &mut Walker, el: &El, rule: Value, value: &str) {
    let name = el.name;
    let bad = |w: &mut Walker, code: Code, what: &str| {
        w.report(el, code, format!("<{name}> must be {what}, not {value:?}"));
    };
    match rule {
        Value::Text | Value::Any => {}
        Value::NonHtml => w.plain(el, &format!("<{}>", el.name), value, Code::ContainsHTML),
        Value::SafeHtml => {
            w.html(el, value, true);
        }
        Value::Uri(rule, code) => uri(w, el, value, rule, code),
        Value::CanonicalUri => {
            if uris::check(value, UriRule::Full).is_err() {
                uri(w, el, value, UriRule::Full, Code::InvalidFullLink);
            } else if uris::canonical_form(value).as_deref() != Some(value) {
                let canonical = uris::canonical_form(value).unwrap_or_else(|| "N/A".into());
                w.report(
                    el,
                    Code::NonCanonicalURI,
                    format!("<{name}> {value:?} is not in canonical form ({canonical:?})"),
                );
            }
        }
        Value::Rfc822 => {
            rfc822(w, el, value);
        }
        Value::Rfc3339 => {
            date(w, el, value, DateRule::Rfc3339, true);
        }
        Value::W3cDtf { bounded } => {
            date(w, el, value, DateRule::W3cDtf, bounded);
        }
        Value::Iso8601 { bounded } => {
            date(w, el, value, DateRule::Iso8601, bounded);
        }
        Value::Iso8601Date => {
            if date(w, el, value, DateRule::Iso8601, true)
                && !(value.len() == 10 && dates::iso8601(value, DateRule::W3cDtf.into()).is_some())
            {
                bad(w, Code::InvalidISO8601Date, "a date, YYYY-MM-DD");
            }
        }
        Value::Email => email(w, el, value),
        Value::EmailWithName => {
            let value = match value.strip_prefix("mailto:") {
                Some(rest) => percent_decode(rest),
                None => value.to_string(),
            };
            match contact::rss_contact(&value) {
                contact::Contact::MissingRealName => w.report(
                    el,
                    Code::MissingRealName,
                    format!("<{name}> should be an address and a name, e.g. \"jane@example.com (Jane Doe)\""),
                ),
                contact::Contact::EmailFormat => w.report(
                    el,
                    Code::EmailFormat,
                    format!("<{name}> should be written \"jane@example.com (Jane Doe)\""),
                ),
                contact::Contact::Check => email(w, el, &value),
            }
        }
        Value::AddrSpec => {
            if !crate::spec::email_address(value) {
                bad(w, Code::InvalidAddrSpec, "an e-mail address");
            }
        }
        Value::NonEmail => {
            if EMAIL_IN_BRACKETS.is_match(value) {
                w.report(
                    el,
                    Code::ContainsEmail,
                    format!("<{name}> holds an e-mail address: put it in <email>"),
                );
            }
        }
        Value::Language => {
            if !crate::spec::language_code(value) {
                bad(w, Code::InvalidLanguage, "an ISO 639 language code");
            }
        }
        Value::PositiveInteger => {
            if !is_positive(value) {
                bad(w, Code::InvalidPositiveInteger, "a positive whole number");
            }
        }
        Value::NonNegativeInteger => {
            if !is_non_negative(value) {
                bad(w, Code::InvalidNonNegativeInteger, "a whole number");
            }
        }
        Value::Integer => {
            if !value.is_empty() && python_int(value).is_none() {
                bad(w, Code::InvalidInteger, "a whole number");
            }
        }
        Value::Float => {
            if !matches(&FLOAT, value) {
                bad(w, Code::InvalidFloat, "a decimal number");
            }
        }
        Value::Percent => match python_float(value) {
            Some(p) if (0.0..=100.0).contains(&p) || p.is_nan() => {}
            _ => bad(w, Code::InvalidPercentage, "a percentage from 0 to 100"),
        },
        Value::Latitude => match python_float(value) {
            Some(d) if !(-90.0..=90.0).contains(&d) && !d.is_nan() => {
                bad(w, Code::InvalidLatitude, "a latitude from -90 to 90")
            }
            Some(_) => {}
            None => bad(w, Code::InvalidLatitude, "a latitude from -90 to 90"),
        },
        Value::Longitude => match python_float(value) {
            Some(d) if !(-180.0..=180.0).contains(&d) && !d.is_nan() => {
                bad(w, Code::InvalidLongitude, "a longitude from -180 to 180")
            }
            Some(_) => {}
            None => bad(w, Code::InvalidLongitude, "a longitude from -180 to 180"),
        },
        Value::Decimal => {
            if !matches(&DECIMAL, value) {
                bad(w, Code::InvalidFloatUnit, "a decimal number");
            }
        }
        Value::GFloat => {
            if !matches(&G_FLOAT, value) {
                bad(w, Code::InvalidFloat, "a number");
            }
        }
        Value::FloatUnit => {
            if !matches(&FLOAT_UNIT, value) {
                bad(w, Code::InvalidFloatUnit, "a number and a unit");
            }
        }
        Value::IntUnit => {
            let first = value.split(' ').next().unwrap_or("").replace(',', "");
            if !is_non_negative(&first) {
                bad(w, Code::InvalidIntUnit, "a whole number and a unit");
            }
        }
        Value::Year => {
            let this_year = i128::from(chrono::Datelike::year(&w.ctx.now));
            if !python_int(value).is_some_and(|y| (1900..=this_year + 4).contains(&y)) {
                bad(w, Code::InvalidYear, "a year");
            }
        }
        Value::TrueFalse => {
            if !["true", "false"].contains(&value.to_lowercase().as_str()) {
                bad(w, Code::InvalidTrueFalse, "true or false");
            }
        }
        Value::YesNo => {
            if !["yes", "no"].contains(&value) {
                bad(w, Code::InvalidYesNo, "yes or no");
            }
        }
        Value::YesNoClean => {
            if !["yes", "no", "clean"].contains(&value.to_lowercase().as_str()) {
                bad(w, Code::InvalidYesNoClean, "yes, no or clean");
            }
        }
        Value::Duration => {
            if !matches(&DURATION, value) {
                bad(
                    w,
                    Code::InvalidDuration,
                    "a duration (seconds, mm:ss or hh:mm:ss)",
                );
            }
        }
        Value::LengthLimited(max) => {
            let length = value.chars().count();
            if length > max {
                w.report(
                    el,
                    Code::TooLong,
                    format!("<{name}> is {length} characters long; the limit is {max}"),
                );
            }
            w.plain(el, &format!("<{}>", el.name), value, Code::ContainsHTML);
        }
        Value::Keywords => {
            if value.contains(' ') && !value.contains(',') {
                w.report(
                    el,
                    Code::InvalidKeywords,
                    format!("<{name}> should separate its keywords with commas"),
                );
            }
        }
        Value::CommaSeparatedIntegers => {
            if !matches(&COMMA_INTEGERS, value) {
                bad(
                    w,
                    Code::InvalidCommaSeparatedIntegers,
                    "whole numbers separated by commas",
                );
            }
        }
        Value::FormName => {
            if !matches(&FORM_NAME, value) {
                bad(w, Code::InvalidFormComponentName, "a form control's name");
            }
        }
        Value::OneOf(words, code) => {
            if !words.contains(&value) {
                w.report(
                    el,
                    code,
                    format!(
                        "<{name}> must be one of {}, not {value:?}",
                        words.join(", ")
                    ),
                );
            }
        }
        Value::HttpUrl => {
            if !is_http_url(value) {
                bad(w, Code::InvalidURLAttribute, "an absolute http(s) URL");
            }
        }
        Value::Label => {
            if value.contains(',') {
                bad(w, Code::InvalidLabel, "a label without commas");
            }
        }
        Value::Location => {
            if !(2..=3).contains(&value.split(',').count()) {
                bad(w, Code::InvalidLocation, "a location (two or three parts)");
            }
        }
        Value::FullLocation => {
            let parts: Vec<&str> = value.split(',').collect();
            if parts.len() != 5 || parts.iter().any(|p| p.trim().is_empty()) {
                bad(w, Code::InvalidFullLocation, "a full location (five parts)");
            }
        }
        Value::GmlPos => {
            if !matches(&GML_POS, value) {
                bad(w, Code::InvalidCoord, "a position: latitude and longitude");
            } else if value.contains(',') {
                w.report(
                    el,
                    Code::CoordComma,
                    format!("<{name}> should separate its coordinates with a space, not a comma"),
                );
            }
        }
        Value::GmlPosList => gml_pos_list(w, el, value),
    }
}

/// A URI by `rule`; `code` for a malformed one.
pub(crate) fn uri(w: &mut Walker, el: &El, value: &str, rule: UriRule, code: Code) {
    if let Err(problem) = uris::check(value, rule) {
        uris::report_uri(
            w.sink,
            el.pos(),
            &format!("<{}>", el.name),
            value,
            problem,
            code,
        );
    }
}

/// Which date pattern a date element follows.
#[derive(Debug, Clone, Copy)]
pub(crate) enum DateRule {
    /// RFC 3339 (Atom): seconds and a zone required.
    Rfc3339,
    /// W3C date-time: a zone required with a time.
    W3cDtf,
    /// ISO 8601: the zone optional.
    Iso8601,
}

impl From<DateRule> for dates::DatePattern {
    fn from(rule: DateRule) -> Self {
        match rule {
            DateRule::Rfc3339 => dates::DatePattern::Rfc3339,
            DateRule::W3cDtf => dates::DatePattern::W3cDtf,
            DateRule::Iso8601 => dates::DatePattern::Iso8601,
        }
    }
}

/// A date by `rule`, and (if `bounded`) plausible; whether it is well formed.
pub(crate) fn date(w: &mut Walker, el: &El, value: &str, rule: DateRule, bounded: bool) -> bool {
    let (code, example) = match rule {
        DateRule::Rfc3339 => (
            Code::InvalidRFC3339Date,
            "an RFC 3339 date-time, e.g. 2025-02-10T12:00:00Z",
        ),
        DateRule::W3cDtf => (
            Code::InvalidW3CDTFDate,
            "a W3C date-time, e.g. 2025-02-10T12:00:00Z",
        ),
        DateRule::Iso8601 => (
            Code::InvalidISO8601DateTime,
            "an ISO 8601 date-time, e.g. 2025-02-10T12:00:00Z",
        ),
    };
    if dates::iso8601(value, rule.into()).is_none() {
        w.report(
            el,
            code,
            format!("<{}> must be {example}, not {value:?}", el.name),
        );
        return false;
    }
    if bounded && dates::implausible_8601(value, w.ctx.now) {
        w.report(
            el,
            Code::ImplausibleDate,
            format!(
                "<{}> {value:?} is implausible: in the future or before 1990",
                el.name
            ),
        );
    }
    true
}

/// An RSS date; the instant, when valid.
pub(crate) fn rfc822(
    w: &mut Walker,
    el: &El,
    value: &str,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let name = el.name;
    match dates::rfc822(value) {
        Rfc822::Valid(instant) => {
            if dates::implausible_822(instant, w.ctx.now) {
                w.report(
                    el,
                    Code::ImplausibleDate,
                    format!("<{name}> {value:?} is implausible: in the future or before 1990"),
                );
            }
            Some(instant)
        }
        Rfc822::Problematical => {
            w.report(
                el,
                Code::ProblematicalRFC822Date,
                format!("<{name}> {value:?} is not in the usual RFC 822 form: write e.g. \"Mon, 02 Jan 2006 15:04:05 +0000\""),
            );
            None
        }
        Rfc822::IncorrectDow => {
            w.report(
                el,
                Code::IncorrectDOW,
                format!("<{name}> {value:?} names the wrong day of the week"),
            );
            None
        }
        Rfc822::Invalid(why) => {
            w.report(
                el,
                Code::InvalidRFC2822Date,
                format!("<{name}> {value:?} is not an RFC 822 date: {why}"),
            );
            None
        }
    }
}

/// An e-mail address, possibly with a name, as the validator's `email` reads it.
fn email(w: &mut Walker, el: &El, value: &str) {
    w.plain(el, &format!("<{}>", el.name), value, Code::ContainsHTML);
    let address = contact::address_of(value);
    if !crate::spec::email_address(&address) {
        w.report(
            el,
            Code::InvalidContact,
            format!(
                "<{}> must hold an e-mail address, e.g. \"jane@example.com (Jane Doe)\", not {value:?}",
                el.name
            ),
        );
    }
}

/// `%xx` escapes decoded (as UTF-8, lossily).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A GML list of positions: pairs of numbers, separated by spaces.
fn gml_pos_list(w: &mut Walker, el: &El, value: &str) {
    let invalid = |w: &mut Walker| {
        w.report(
            el,
            Code::InvalidCoordList,
            format!("<{}> must be a list of positions, not {value:?}", el.name),
        )
    };
    let mut text = value.to_string();
    if text.contains(',') {
        if !GML_LIST_COMMAS.is_match(text.trim()) {
            return invalid(w);
        }
        w.report(
            el,
            Code::CoordComma,
            format!(
                "<{}> should separate its coordinates with spaces, not commas",
                el.name
            ),
        );
        text = text.replace(',', " ");
    }
    let numbers: Vec<&str> = text.split_whitespace().collect();
    if numbers.len() < 3
        || numbers.len() % 2 == 1
        || !numbers.iter().all(|n| GML_NUMBER.is_match(n))
    {
        invalid(w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_numbers() {
        assert_eq!(python_int(" 12 "), Some(12));
        assert_eq!(python_int("+1_000"), Some(1000));
        assert_eq!(python_int("-3"), Some(-3));
        assert_eq!(python_int("1.0"), None);
        assert_eq!(python_int(""), None);
        assert_eq!(python_float("1e3"), Some(1000.0));
        assert!(python_float("nan").is_some_and(f64::is_nan));
        assert_eq!(python_float("12,5"), None);
    }

    #[test]
    fn mime_types_as_the_validator_reads_them() {
        assert!(is_mime_type("image/png"));
        assert!(is_mime_type("text/html; charset=\"utf-8\""));
        assert!(is_mime_type("application/x-foo@bar"));
        assert!(!is_mime_type("png"));
        assert!(!is_mime_type("text/html;"));
    }

    #[test]
    fn http_urls() {
        assert!(is_http_url("http://example.org/a.mp3"));
        assert!(is_http_url("https://192.168.0.1:8080/"));
        assert!(!is_http_url("ftp://example.org/a.mp3"));
        assert!(!is_http_url("http://localhost/a.mp3"));
        assert!(!is_http_url("/a.mp3"));
    }
}
