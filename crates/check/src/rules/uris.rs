//! URIs and IRIs as the W3C validator reads them: its RFC 2396 patterns,
//! `tag:`, URN and UUID forms, IANA schemes, IRIs read through IDNA as
//! Python's `idna` codec encodes them, and the canonical form ids are
//! compared in (its `uri.py`).

use std::sync::LazyLock;

use regex::Regex;

use crate::spec::{is_uri_char, uri_char_class};
use crate::{Code, Sink};

/// Which of the W3C validator's URI rules applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UriRule {
    /// A URI reference, relative or absolute (`rfc2396`).
    Reference,
    /// An absolute URI (`rfc2396_full`).
    Full,
    /// An IRI reference (`rfc3987`): non-ASCII text is read as IDNA encodes it.
    Iri,
}

/// Why a URI was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UriProblem {
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

/// The schemes the W3C validator takes as registered.
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
    "aaa",
    "aaas",
    "cap",
    "iax",
    "icap",
    "iris",
    "iris.xpc",
    "iris.xpcs",
    "iris.lwz",
    "msrp",
    "msrps",
    "shttp",
    "thismessage",
    "tv",
    "xmpp",
];

// Python's `$` also matches before a final newline: `\n?$` keeps that.
// The characters after the scheme are `spec::URI_PUNCTUATION`'s.
static URI_REF: LazyLock<Regex> = LazyLock::new(|| {
    let uri_char = uri_char_class("");
    Regex::new(&format!(
        r"^(?:[a-zA-Z][0-9a-zA-Z+\-.]*:)?/{{0,2}}(?:\[[0-9A-Fa-f:]+\])?{uri_char}*\n?$"
    ))
    .expect("a valid pattern")
});
static URI_FULL: LazyLock<Regex> = LazyLock::new(|| {
    let uri_char = uri_char_class("");
    Regex::new(&format!(
        r"^[a-zA-Z][0-9a-zA-Z+\-.]*:(?://)?{uri_char}+\n?$"
    ))
    .expect("a valid pattern")
});
static TAG_URI: LazyLock<Regex> = LazyLock::new(|| {
    // The specific part and the fragment: URI characters but `#`.
    let part = uri_char_class("#");
    Regex::new(&format!(
        r"^tag:(?:[a-z0-9\-._]+?@)?[a-z0-9.\-]+?,\d{{4}}(?:-\d{{2}}(?:-\d{{2}})?)?:{part}*(?:#{part}*)?\n?$"
    ))
    .expect("a valid pattern")
});
static URN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[Uu][Rr][Nn]:[a-zA-Z0-9][a-zA-Z0-9-]{1,31}:(?:[a-zA-Z0-9()+,.:=@;$_!*'\-]|%[0-9A-Fa-f]{2})+\n?$")
        .expect("a valid pattern")
});
static UUID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[Uu][Rr][Nn]:[Uu][Uu][Ii][Dd]:[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}\n?$")
        .expect("a valid pattern")
});

/// Checks a URI by `rule`, as the W3C validator's `rfc2396.validate` does.
pub(crate) fn check(value: &str, rule: UriRule) -> Result<(), UriProblem> {
    let encoded;
    let value = match rule {
        UriRule::Iri if !value.is_ascii() => {
            encoded = idna_encode(value);
            encoded.as_deref().unwrap_or(value)
        }
        _ => value,
    };
    let pattern: &Regex = match rule {
        UriRule::Full => &URI_FULL,
        UriRule::Reference | UriRule::Iri => &URI_REF,
    };
    let scheme = value.split(':').next().unwrap_or("").to_lowercase();
    if scheme == "tag" {
        return if TAG_URI.is_match(value) {
            Ok(())
        } else {
            Err(UriProblem::InvalidTag)
        };
    }
    if scheme == "urn" {
        return if value.to_ascii_lowercase().starts_with("urn:uuid:") && !UUID.is_match(value) {
            Err(UriProblem::InvalidUuid)
        } else if URN.is_match(value) {
            Ok(())
        } else {
            Err(UriProblem::InvalidUrn)
        };
    }
    if !pattern.is_match(value) {
        if let Some(c) = value.chars().find(|&c| c.is_ascii() && !is_uri_char(c)) {
            return Err(UriProblem::InvalidUriChar(c));
        }
        let as_uri = idna_encode(value).is_some_and(|v| pattern.is_match(&v));
        return Err(if as_uri {
            UriProblem::UriNotIri
        } else {
            UriProblem::Invalid
        });
    }
    if scheme == "http" || scheme == "ftp" {
        // `^\w+://[^/].*`: an authority, and nothing odd before it.
        let rest = &value[scheme.len()..];
        let ok = rest
            .strip_prefix("://")
            .and_then(|r| r.chars().next())
            .is_some_and(|c| c != '/' && c != '\n');
        return if ok { Ok(()) } else { Err(UriProblem::Invalid) };
    }
    if value.contains(':')
        && !scheme.is_empty()
        && scheme.chars().all(char::is_alphabetic)
        && !IANA_SCHEMES.contains(&scheme.as_str())
    {
        return Err(UriProblem::SchemeNotIana(scheme));
    }
    Ok(())
}

/// Whether `value` (IDNA-encoded where it is not ASCII) matches the
/// validator's pattern of an absolute URI (`rfc2396_full.rfc2396_re`),
/// whatever its scheme.
pub(crate) fn matches_full_pattern(value: &str) -> bool {
    match idna_encode(value) {
        Some(encoded) => URI_FULL.is_match(&encoded),
        None => URI_FULL.is_match(value),
    }
}

/// `value` as Python's `idna` codec encodes it (labels between dots are
/// nameprepped and Punycode-encoded), or `None` where that codec fails.
/// ASCII text comes back as it is, or `None` for an empty or overlong label.
fn idna_encode(value: &str) -> Option<String> {
    let labels: Vec<&str> = value
        .split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}'])
        .collect();
    let (last, rest) = labels.split_last()?;
    if value.is_ascii() {
        let ok = rest.iter().all(|l| (1..64).contains(&l.len())) && last.len() < 64;
        return ok.then(|| value.to_string());
    }
    let mut labels = labels.clone();
    let trailing_dot = labels.len() > 1 && labels.last() == Some(&"");
    if trailing_dot {
        labels.pop();
    }
    let mut out = String::with_capacity(value.len() + 8);
    for (i, label) in labels.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push_str(&idna_label(label)?);
    }
    if trailing_dot {
        out.push('.');
    }
    Some(out)
}

/// One label through IDNA 2003's ToASCII, as Python implements it.
fn idna_label(label: &str) -> Option<String> {
    let ascii = if label.is_ascii() {
        label.to_string()
    } else {
        let prepared = nameprep(label)?;
        if prepared.is_ascii() {
            prepared
        } else {
            if prepared.to_ascii_lowercase().starts_with("xn--") {
                return None;
            }
            format!("xn--{}", idna::punycode::encode_str(&prepared)?)
        }
    };
    (1..64).contains(&ascii.len()).then_some(ascii)
}

/// RFC 3491's nameprep, closely enough for feed URLs: characters mapped to
/// nothing dropped, case folded, and the prohibited characters and mixed
/// directions refused.
fn nameprep(label: &str) -> Option<String> {
    let mapped: String = label
        .chars()
        .filter(|c| {
            !matches!(c, '\u{AD}' | '\u{34F}' | '\u{1806}' | '\u{180B}'..='\u{180D}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
        })
        .flat_map(char::to_lowercase)
        .collect();
    let prohibited = |c: char| {
        matches!(c,
            '\u{80}'..='\u{A0}' | '\u{340}' | '\u{341}' | '\u{6DD}' | '\u{70F}' | '\u{1680}'
            | '\u{180E}' | '\u{2000}'..='\u{200F}' | '\u{2028}'..='\u{202F}' | '\u{205F}'..='\u{2063}'
            | '\u{206A}'..='\u{206F}' | '\u{2FF0}'..='\u{2FFB}' | '\u{3000}' | '\u{E000}'..='\u{F8FF}'
            | '\u{FDD0}'..='\u{FDEF}' | '\u{FFF9}'..='\u{FFFF}' | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}' | '\u{E0020}'..='\u{E007F}' | '\u{F0000}'..)
    };
    if mapped.chars().any(prohibited) {
        return None;
    }
    let right_to_left = |c: char| matches!(c, '\u{5BE}' | '\u{5C0}' | '\u{5C3}' | '\u{5D0}'..='\u{5F4}' | '\u{61B}'..='\u{64A}' | '\u{66D}'..='\u{6D5}' | '\u{6E5}'..='\u{6FE}' | '\u{700}'..='\u{7B1}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}');
    if mapped.chars().any(right_to_left) {
        let first = mapped.chars().next().is_some_and(right_to_left);
        let last = mapped.chars().last().is_some_and(right_to_left);
        let left_to_right = mapped
            .chars()
            .any(|c| c.is_alphabetic() && !right_to_left(c));
        if !first || !last || left_to_right {
            return None;
        }
    }
    Some(mapped)
}

/// Reports a URI problem on `what` at `pos`, with the W3C class for it;
/// `invalid_code` names the class for a malformed or relative value.
pub(crate) fn report_uri(
    sink: &mut Sink,
    pos: usize,
    what: &str,
    value: &str,
    problem: UriProblem,
    invalid_code: Code,
) {
    let (code, message) = match problem {
        UriProblem::InvalidUriChar(c) => (
            Code::InvalidUriChar,
            format!("{what} contains {c:?}, which URIs do not allow: percent-encode it"),
        ),
        UriProblem::UriNotIri => (
            Code::UriNotIri,
            format!("{what} has non-ASCII characters: percent-encode them (UTF-8)"),
        ),
        UriProblem::Invalid => (
            invalid_code,
            format!(
                "{what} is not a valid {}: {value:?}",
                uri_kind(invalid_code)
            ),
        ),
        UriProblem::InvalidTag => (
            Code::InvalidTAG,
            format!("{what} is not a valid tag: URI (RFC 4151): {value:?}"),
        ),
        UriProblem::InvalidUrn => (
            Code::InvalidURN,
            format!("{what} is not a valid URN: {value:?}"),
        ),
        UriProblem::InvalidUuid => (
            Code::InvalidUUID,
            format!("{what} is not a valid urn:uuid: {value:?}"),
        ),
        UriProblem::SchemeNotIana(scheme) => (
            Code::SchemeNotIANARegistered,
            format!("{what} uses the URI scheme {scheme:?}, which is not registered with IANA"),
        ),
    };
    sink.report(pos, code, message);
}

/// What a code says a value must be, for messages.
fn uri_kind(code: Code) -> &'static str {
    match code {
        Code::InvalidFullLink | Code::InvalidHttpGUID => "full, absolute URL",
        Code::InvalidURLAttribute => "absolute http(s) URL",
        Code::InvalidIRI => "IRI",
        _ => "URI",
    }
}

/// Reserved characters, RFC 3986 §2.2.
const SUB_DELIMS: &str = "!$&'()*+,;=";
const GEN_DELIMS: &str = ":/?#[]@";

fn is_reserved(c: char) -> bool {
    SUB_DELIMS.contains(c) || GEN_DELIMS.contains(c)
}

/// Characters of a path segment (`pchar`, less the unreserved ones).
fn is_pchar_safe(c: char) -> bool {
    "-._~".contains(c) || SUB_DELIMS.contains(c) || ":@".contains(c)
}

/// Python's `quote(text, safe)` of `bytes`: everything percent-encoded but
/// ASCII letters, digits, `_.-~` and the characters `safe` allows.
fn quote(bytes: &[u8], safe: &dyn Fn(char) -> bool, out: &mut String) {
    for &b in bytes {
        let c = b as char;
        if b.is_ascii_alphanumeric() || b"_.-~".contains(&b) || (b.is_ascii() && safe(c)) {
            out.push(c);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// `uri.py`'s `_qnu`: percent-encoding normalized, with the reserved
/// characters `safe` allows kept as the delimiters they are.
fn normalize_escapes(text: &str, safe: &dyn Fn(char) -> bool) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut pending: Vec<u8> = Vec::new();
    let flush = |pending: &mut Vec<u8>, out: &mut String| -> Option<()> {
        // The octets must be UTF-8, as Python decodes them.
        std::str::from_utf8(pending).ok()?;
        quote(pending, safe, out);
        pending.clear();
        Some(())
    };
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (octet, literal, len) = if c == '%' {
            let hex = rest.get(1..3)?;
            let value = u8::from_str_radix(hex, 16).ok()?;
            (value, format!("%{}", hex.to_ascii_uppercase()), 3)
        } else if c.is_ascii() {
            (c as u8, c.to_string(), 1)
        } else {
            // Only ASCII reaches this (IRIs are IDNA-encoded first).
            return None;
        };
        if is_reserved(octet as char) && safe(octet as char) {
            flush(&mut pending, &mut out)?;
            out.push_str(&literal);
        } else {
            pending.push(octet);
        }
        rest = &rest[len..];
    }
    flush(&mut pending, &mut out)?;
    Some(out)
}

/// `uri.py`'s `_normPath`: dot segments removed (for absolute paths), an
/// empty path made `/`, each segment's escapes normalized.
fn normalize_path(path: &str) -> Option<String> {
    let mut segments: Vec<&str> = path.split('/').collect();
    let mut i = if segments.first().is_some_and(|s| !s.is_empty()) {
        segments.len()
    } else {
        0
    };
    while i < segments.len() {
        let last = i + 1 == segments.len();
        match segments[i] {
            "." => {
                if last {
                    segments[i] = "";
                } else {
                    segments.remove(i);
                }
            }
            ".." => {
                if last {
                    segments[i] = "";
                } else {
                    segments.remove(i);
                }
                if i > 1 || (i > 0 && !segments[0].is_empty()) {
                    i -= 1;
                    segments.remove(i);
                }
            }
            _ => i += 1,
        }
    }
    if segments == [""] {
        segments = vec!["", ""];
    }
    let normalized: Option<Vec<String>> = segments
        .iter()
        .map(|s| normalize_escapes(s, &is_pchar_safe))
        .collect();
    Some(normalized?.join("/"))
}

/// `uri.py`'s `_normPort`: lower case, no default port, no trailing dot.
fn normalize_host(netloc: &str, default_port: Option<u32>) -> Option<String> {
    let mut host = netloc.to_lowercase();
    let mut port = default_port;
    if let Some(colon) = host.rfind(':') {
        let digits = &host[colon + 1..];
        if digits.bytes().all(|b| b.is_ascii_digit()) {
            if !digits.is_empty() {
                port = Some(digits.parse().ok()?);
            }
            host.truncate(colon);
        }
    }
    if host.ends_with('.') && host.len() >= 2 && host[..host.len() - 2].contains('.') {
        host.pop();
    }
    if host.starts_with('[') != host.ends_with(']') {
        return None;
    }
    if port != default_port {
        if let Some(port) = port {
            host.push_str(&format!(":{port}"));
        }
    }
    Some(host)
}

/// Whether two URIs are the same: equal, or equal in canonical form.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a == b || canonical_form(a).is_some_and(|c| Some(c) == canonical_form(b))
}

/// The canonical form of a URI, as the W3C validator's `uri.py` computes it
/// (case, default ports, empty paths, dot segments, percent-encoding), so
/// that ids compare equal when they name the same thing; `None` when it
/// cannot be computed (broken escapes, relative paths).
pub(crate) fn canonical_form(value: &str) -> Option<String> {
    // ^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$
    let (scheme, rest) = match value.find([':', '/', '?', '#']) {
        Some(i) if i > 0 && value.as_bytes()[i] == b':' => {
            (Some(value[..i].to_lowercase()), &value[i + 1..])
        }
        _ => (None, value),
    };
    let (authority, rest) = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find(['/', '?', '#']).unwrap_or(after.len());
            (Some(&after[..end]), &after[end..])
        }
        None => (None, rest),
    };
    let (rest, fragment) = match rest.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (rest, None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    let default_port = match scheme.as_deref() {
        Some("ftp") => Some(21),
        Some("telnet") => Some(23),
        Some("http") => Some(80),
        Some("gopher") => Some(70),
        Some("news" | "nntp") => Some(119),
        Some("prospero") => Some(191),
        Some("https") => Some(443),
        Some("snews" | "snntp") => Some(563),
        _ => None,
    };
    let mut out = String::with_capacity(value.len() + 1);
    if let Some(scheme) = &scheme {
        out.push_str(scheme);
        out.push(':');
    }
    match authority {
        Some(authority) => {
            out.push_str("//");
            let (userinfo, host) = match authority.rfind('@') {
                Some(at) => (
                    Some(&authority[..at]).filter(|u| *u != ":"),
                    &authority[at + 1..],
                ),
                None => (None, authority),
            };
            if let Some(userinfo) = userinfo.filter(|u| !u.is_empty()) {
                out.push_str(userinfo);
                out.push('@');
            }
            out.push_str(&normalize_host(host, default_port)?);
            out.push_str(&normalize_path(path)?);
        }
        None => {
            if scheme.is_none() && !path.starts_with('/') {
                return None;
            }
            if scheme.as_deref() == Some("mailto") {
                out.push_str(&mailto_path(path)?);
            } else if scheme.is_none() || path.starts_with('/') {
                out.push_str(&normalize_path(path)?);
            } else {
                out.push_str(&normalize_escapes(path, &|c| is_pchar_safe(c) || c == '/')?);
            }
        }
    }
    let query_safe = |c: char| is_pchar_safe(c) || c == '/' || c == '?';
    if let Some(query) = query {
        out.push('?');
        out.push_str(&normalize_escapes(query, &query_safe)?);
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(&normalize_escapes(fragment, &query_safe)?);
    }
    Some(out)
}

/// A `mailto:` address normalized as `uri.py` does: the domain lower-cased.
fn mailto_path(path: &str) -> Option<String> {
    let none = |_: char| false;
    match path.find('@').filter(|&at| at > 0) {
        Some(at) => {
            let query = path.find('?').unwrap_or(path.len());
            Some(format!(
                "{}@{}{}",
                normalize_escapes(&path[..at], &none)?,
                normalize_escapes(&path[at + 1..].to_lowercase(), &none)?,
                normalize_escapes(&path[query..], &none)?
            ))
        }
        None => Some(path.to_string()),
    }
}

/// Compiles this module's patterns now rather than at their first use.
pub(crate) fn compile_patterns() {
    for pattern in [&URI_REF, &URI_FULL, &TAG_URI, &URN, &UUID] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        use UriRule::*;
        assert_eq!(check("https://example.org/a?b=c#d", Full), Ok(()));
        assert_eq!(check("/relative", Full), Err(UriProblem::Invalid));
        assert_eq!(check("/relative", Reference), Ok(()));
        assert_eq!(
            check("https://example.org/a b", Full),
            Err(UriProblem::InvalidUriChar(' '))
        );
        assert_eq!(
            check("https://example.org/é", Full),
            Err(UriProblem::UriNotIri)
        );
        assert_eq!(check("https://example.org/é", Iri), Ok(()));
        assert_eq!(check("http:///x", Full), Err(UriProblem::Invalid));
        assert_eq!(check("tag:example.org,2025:1", Full), Ok(()));
        assert_eq!(
            check("tag:Example.org,2025:1", Full),
            Err(UriProblem::InvalidTag)
        );
        assert_eq!(
            check("urn:uuid:not-a-uuid", Full),
            Err(UriProblem::InvalidUuid)
        );
        assert_eq!(
            check("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", Full),
            Ok(())
        );
        assert_eq!(
            check("javascript:alert(1)", Full),
            Err(UriProblem::SchemeNotIana("javascript".into()))
        );
        // An IPv6 literal is a URI reference, not a "full" URI of RFC 2396's pattern.
        assert_eq!(check("http://[::1]/feed", Iri), Ok(()));
        assert_eq!(check("http://[::1]/feed", Reference), Ok(()));
    }

    #[test]
    fn iris_read_through_idna() {
        // Python splits the whole IRI at dots, so the scheme is part of the
        // first label, as `"http://例え.jp/".encode("idna")` gives.
        assert_eq!(
            idna_encode("http://例え.jp/").as_deref(),
            Some("xn--http://-d53fk68w.jp/")
        );
        assert_eq!(idna_encode("a..b").as_deref(), None);
        let long = format!("http://example.org/{}é", "a".repeat(70));
        assert_eq!(check(&long, UriRule::Iri), Err(UriProblem::Invalid));
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
        assert_eq!(
            canonical_form("tag:example.org,2004:3.2397").as_deref(),
            Some("tag:example.org,2004:3.2397")
        );
        assert_eq!(
            canonical_form("mailto:Jane@Example.ORG").as_deref(),
            Some("mailto:Jane@example.org")
        );
        assert_eq!(canonical_form("http://a.org/%e9"), None);
        assert_eq!(
            canonical_form("http://a.org:8080").as_deref(),
            Some("http://a.org:8080/")
        );
    }
}
