//! URIs and IRIs as the W3C validator reads them (RFC 2396 patterns, `tag:`,
//! URN and UUID forms, IANA schemes), and the canonical form ids are compared in.

use std::sync::LazyLock;

use regex::Regex;

use crate::{Code, Sink};

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
pub(crate) fn uri(value: &str, full: bool, iri: bool) -> Result<(), UriProblem> {
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
    invalid_code: Code,
) {
    match problem {
        UriProblem::InvalidUriChar(c) => sink.report(
            pos,
            Code::InvalidUriChar,
            format!("{what} contains {c:?}, which URIs do not allow: percent-encode it"),
        ),
        UriProblem::UriNotIri => sink.report(
            pos,
            Code::UriNotIri,
            format!("{what} has non-ASCII characters: percent-encode them (UTF-8)"),
        ),
        UriProblem::Invalid => sink.report(
            pos,
            invalid_code,
            format!("{what} must be a full, absolute URL: {value:?}"),
        ),
        UriProblem::InvalidTag => sink.report(
            pos,
            Code::InvalidTAG,
            format!("{what} is not a valid tag: URI (RFC 4151): {value:?}"),
        ),
        UriProblem::InvalidUrn => sink.report(
            pos,
            Code::InvalidURN,
            format!("{what} is not a valid URN: {value:?}"),
        ),
        UriProblem::InvalidUuid => sink.report(
            pos,
            Code::InvalidUUID,
            format!("{what} is not a valid urn:uuid: {value:?}"),
        ),
        UriProblem::SchemeNotIana(scheme) => sink.report(
            pos,
            Code::SchemeNotIANARegistered,
            format!("{what} uses the URI scheme {scheme:?}, which is not registered with IANA"),
        ),
    }
}

/// The canonical form of a URI (RFC 3986 normalization: case, default port,
/// empty path, dot segments, percent-encoding), for ids that must compare equal.
pub(crate) fn canonical_form(value: &str) -> Option<String> {
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

/// Compiles this module's patterns now rather than at their first use.
pub(crate) fn compile_patterns() {
    for pattern in [&URI_REF, &URI_FULL, &TAG_URI, &URN, &UUID, &URI_CHAR] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
