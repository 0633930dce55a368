//! Media RSS (`media:`): media files and what describes them, in channels,
//! items, `media:group` and `media:content`.

use std::sync::LazyLock;

use regex::Regex;

use super::Scope;
use crate::rules::uris::UriRule;
use crate::tree::leaf::{self, is_mime_type, is_non_negative, is_positive};
use crate::tree::{Attrs, El, Seen, Value, Walker};
use crate::Code;

/// The roles of the European Broadcasting Union's `urn:ebu` scheme.
const EBU_ROLES: &[&str] = &[
    "actor",
    "adaptor",
    "anchor person",
    "animal trainer",
    "animator",
    "announcer",
    "armourer",
    "art director",
    "artist/performer",
    "assistant camera",
    "assistant chief lighting technician",
    "assistant director",
    "assistant producer",
    "assistant visual editor",
    "author",
    "broadcast assistant",
    "broadcast journalist",
    "camera operator",
    "carpenter",
    "casting",
    "causeur",
    "chief lighting technician",
    "choir",
    "choreographer",
    "clapper loader",
    "commentary or commentator",
    "commissioning broadcaster",
    "composer",
    "computer programmer",
    "conductor",
    "consultant",
    "continuity checker",
    "correspondent",
    "costume designer",
    "dancer",
    "dialogue coach",
    "director",
    "director of photography",
    "distribution company",
    "draughtsman",
    "dresser",
    "dubber",
    "editor/producer",
    "editor",
    "ensemble",
    "executive producer",
    "expert",
    "fight director",
    "floor manager",
    "focus puller",
    "foley artist",
    "foley editor",
    "foley mixer",
    "graphic assistant",
    "graphic designer",
    "greensman",
    "grip",
    "hairdresser",
    "illustrator",
    "interviewed guest",
    "interviewer",
    "key character",
    "key grip",
    "key talents",
    "leadman",
    "librettist",
    "lighting director",
    "lighting technician",
    "location manager",
    "lyricist",
    "make up artist",
    "manufacturer",
    "matte artist",
    "music arranger",
    "music group",
    "musician",
    "news reader",
    "orchestra",
    "participant",
    "photographer",
    "post",
    "producer",
    "production assistant",
    "production company",
    "production department",
    "production manager",
    "production secretary",
    "programme production researcher",
    "property manager",
    "publishing company",
    "puppeteer",
    "pyrotechnician",
    "reporter",
    "rigger",
    "runner",
    "scenario",
    "scenic operative",
    "script supervisor",
    "second assistant camera",
    "second assistant director",
    "second unit director",
    "set designer",
    "set dresser",
    "sign language",
    "singer",
    "sound designer",
    "sound mixer",
    "sound recordist",
    "special effects",
    "stunts",
    "subtitles",
    "technical director",
    "term",
    "translation",
    "transportation manager",
    "treatment/programme proposal",
    "vision mixer",
    "visual editor",
    "visual effects",
    "wardrobe",
    "witness",
    "artist",
    "performer",
    "treatment",
    "treatment proposal",
    "programme proposal",
];

/// ISO 3166 country codes, as the validator lists them.
pub(super) const COUNTRIES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AM", "AN", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AZ", "BA",
    "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BM", "BN", "BO", "BR", "BS", "BT", "BV", "BW",
    "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU",
    "CV", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES",
    "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GH", "GI", "GL", "GM",
    "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU", "ID",
    "IE", "IL", "IN", "IO", "IQ", "IR", "IS", "IT", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM",
    "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV",
    "LY", "MA", "MC", "MD", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT",
    "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR",
    "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW",
    "PY", "QA", "RE", "RO", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK",
    "SL", "SM", "SN", "SO", "SR", "ST", "SV", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK",
    "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC",
    "VE", "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

static ICRA: LazyLock<Regex> = LazyLock::new(|| {
    let code = r"(?:[nsvlocx]z [01]|(?:n[a-c]|s[a-f]|v[a-j]|l[a-c]|o[a-h]|c[a-b]|x[a-e]) 1)";
    Regex::new(&format!(r"^r \({code}(?: {code})*\)\n?$")).expect("a valid pattern")
});

/// A time in Normal Play Time as the validator's pattern reads it: it
/// accepts anything that starts with `now` or a digit.
fn is_npt(value: &str) -> bool {
    value.starts_with("now") || value.starts_with(|c: char| c.is_ascii_digit())
}

/// A number as Media RSS writes a rate or duration (`\d+\.?\d*` at the start).
fn starts_with_number(value: &str) -> bool {
    value.starts_with(|c: char| c.is_ascii_digit())
}

/// Checks a Media RSS element in `scope`.
pub(super) fn check(w: &mut Walker, el: &El, seen: &Seen, scope: Scope) -> Option<Attrs> {
    match el.name.local {
        "adult" => {
            w.report(
                el,
                Code::DeprecatedMediaAdult,
                "media:adult is deprecated: use media:rating scheme=\"urn:simple\"",
            );
            w.leaf(el, seen, Value::TrueFalse.leaf().once())
        }
        "category" => {
            if let Some(label) = el.attr("label").filter(|l| !l.is_empty()) {
                w.plain(el, &format!("<{}>", el.name), label, Code::ContainsHTML);
            }
            if let Some(scheme) = el.attr("scheme").filter(|s| !s.is_empty()) {
                leaf::uri(w, el, scheme, UriRule::Full, Code::InvalidFullLink);
            }
            w.leaf(
                el,
                seen,
                Value::NonHtml
                    .leaf()
                    .attrs(&[("", "label"), ("", "scheme")]),
            )
        }
        "copyright" => {
            if let Some(url) = el.attr("url").filter(|u| !u.is_empty()) {
                leaf::uri(w, el, url, UriRule::Full, Code::InvalidFullLink);
            }
            w.leaf(el, seen, Value::NonHtml.leaf().once().attrs(&[("", "url")]))
        }
        "credit" => {
            let scheme = el
                .attr("scheme")
                .filter(|s| !s.is_empty())
                .unwrap_or("urn:ebu");
            if let Some(role) = el.attr("role").filter(|r| !r.is_empty()) {
                if (scheme == "urn:ebu" && !EBU_ROLES.contains(&role))
                    || role != role.to_lowercase()
                {
                    w.report(
                        el,
                        Code::InvalidCreditRole,
                        format!("{role:?} is not a credit role of the {scheme} scheme"),
                    );
                }
            }
            if scheme != "urn:ebu" {
                leaf::uri(w, el, scheme, UriRule::Full, Code::InvalidFullLink);
            }
            w.leaf(
                el,
                seen,
                Value::Text.leaf().attrs(&[("", "role"), ("", "scheme")]),
            )
        }
        "description" | "title" => {
            w.once(el, seen, Code::DuplicateElement);
            Some(text(w, el, false))
        }
        "keywords" => w.leaf(el, seen, Value::Text.leaf()),
        "hash" => Some(hash(w, el)),
        "player" => {
            required_url(w, el);
            dimensions(w, el);
            w.children(el, |_, _, _| None);
            Some(Attrs::Only(&[("", "height"), ("", "url"), ("", "width")]))
        }
        "rating" => Some(rating(w, el)),
        "restriction" => Some(restriction(w, el)),
        "text" => Some(text(w, el, true)),
        "thumbnail" => {
            if let Some(time) = el.attr("time").filter(|t| !t.is_empty() && !is_npt(t)) {
                w.report(
                    el,
                    Code::InvalidNPTTime,
                    format!("the thumbnail time {time:?} is not a Normal Play Time"),
                );
            }
            required_url(w, el);
            dimensions(w, el);
            w.text_only(el);
            Some(Attrs::Only(&[
                ("", "height"),
                ("", "time"),
                ("", "url"),
                ("", "width"),
            ]))
        }
        "group" if scope.is_item() => Some(group(w, el)),
        "content" if scope.is_item() => Some(content(w, el)),
        _ => None,
    }
}

/// A required `url` attribute, an absolute URL.
fn required_url(w: &mut Walker, el: &El) {
    match el.attr("url").filter(|u| !u.is_empty()) {
        Some(url) => leaf::uri(w, el, url, UriRule::Full, Code::InvalidFullLink),
        None => w.report(
            el,
            Code::MissingAttribute,
            format!("<{}> needs a url attribute", el.name),
        ),
    }
}

/// `height` and `width`, positive whole numbers.
fn dimensions(w: &mut Walker, el: &El) {
    for name in ["height", "width"] {
        if let Some(value) = el.attr(name).filter(|v| !v.is_empty()) {
            if !is_positive(value) {
                w.report(
                    el,
                    Code::InvalidPositiveInteger,
                    format!("{name} must be a positive whole number, not {value:?}"),
                );
            }
        }
    }
}

/// `media:title`, `media:description` and `media:text`: plain text or HTML.
fn text(w: &mut Walker, el: &El, timed: bool) -> Attrs {
    let kind = el.attr("type");
    if let Some(kind) = kind.filter(|k| !k.is_empty() && !["plain", "html"].contains(k)) {
        w.report(
            el,
            Code::InvalidMediaTextType,
            format!(
                "the type of <{}> must be plain or html, not {kind:?}",
                el.name
            ),
        );
    }
    if timed {
        for name in ["start", "end"] {
            if let Some(time) = el.attr(name).filter(|t| !t.is_empty() && !is_npt(t)) {
                w.report(
                    el,
                    Code::InvalidNPTTime,
                    format!("{name} {time:?} is not a Normal Play Time"),
                );
            }
        }
        w.language_attr(el, "lang");
    }
    let value = w.text_value(el);
    let value = value.as_str();
    if kind == Some("html") {
        w.html(el, value, false);
    } else {
        w.plain(
            el,
            &format!("<{}>", el.name),
            value,
            Code::ContainsUndeclaredHTML,
        );
    }
    if timed {
        Attrs::Only(&[("", "end"), ("", "lang"), ("", "start"), ("", "type")])
    } else {
        Attrs::Only(&[("", "type")])
    }
}

/// `media:hash`: an MD5 or SHA-1 digest in hexadecimal.
fn hash(w: &mut Walker, el: &El) -> Attrs {
    let algo = el.attr("algo").filter(|a| !a.is_empty());
    if let Some(algo) = algo.filter(|a| !["md5", "sha-1"].contains(a)) {
        w.report(
            el,
            Code::InvalidMediaHash,
            format!("the hash algorithm must be md5 or sha-1, not {algo:?}"),
        );
    }
    let value = w.text_value(el);
    let value = value.as_str();
    let length = if algo == Some("sha-1") { 40 } else { 32 };
    if !value.chars().all(|c| c.is_ascii_alphanumeric()) || value.len() != length {
        w.report(
            el,
            Code::InvalidMediaHash,
            format!("<media:hash> must be a {length}-digit hexadecimal digest, not {value:?}"),
        );
    }
    Attrs::Only(&[("", "algo")])
}

/// `media:rating`: a rating in its scheme.
fn rating(w: &mut Walker, el: &El) -> Attrs {
    let scheme = el
        .attr("scheme")
        .filter(|s| !s.is_empty())
        .unwrap_or("urn:simple");
    let value = w.text_value(el);
    let value = value.as_str();
    let valid = match scheme {
        "urn:simple" => ["adult", "nonadult"].contains(&value),
        "urn:mpaa" => ["g", "m", "nc-17", "pg", "pg-13", "r", "x"].contains(&value),
        "urn:v-chip" => [
            "14+", "18+", "c", "c8", "g", "pg", "tv-14", "tv-g", "tv-ma", "tv-pg", "tv-y", "tv-y7",
            "tv-y7-fv",
        ]
        .contains(&value),
        "urn:icra" => ICRA.is_match(value),
        other => {
            leaf::uri(w, el, other, UriRule::Full, Code::InvalidFullLink);
            true
        }
    };
    if !valid {
        w.report(
            el,
            Code::InvalidMediaRating,
            format!("{value:?} is not a rating of the {scheme} scheme"),
        );
    }
    Attrs::Only(&[("", "scheme")])
}

/// `media:restriction`: where or to whom the media may be shown.
fn restriction(w: &mut Walker, el: &El) -> Attrs {
    super::allow_or_deny(w, el, Code::InvalidMediaRestrictionRel);
    let value = w.text_value(el);
    let value = value.as_str();
    match el.attr("type").filter(|t| !t.is_empty()) {
        None => {
            if !value.is_empty() && !["all", "none"].contains(&value) {
                w.report(
                    el,
                    Code::InvalidMediaRestriction,
                    format!("without a type, a restriction is all or none, not {value:?}"),
                );
            }
        }
        Some("country") => {
            let upper = value.to_uppercase();
            if let Some(bad) = upper.split(' ').find(|c| !COUNTRIES.contains(c)) {
                w.report(
                    el,
                    Code::InvalidCountryCode,
                    format!("{bad:?} is not an ISO 3166 country code"),
                );
            }
        }
        Some("uri") => leaf::uri(w, el, value, UriRule::Full, Code::InvalidFullLink),
        Some(other) => w.report(
            el,
            Code::InvalidMediaRestrictionType,
            format!("the restriction type must be country or uri, not {other:?}"),
        ),
    }
    Attrs::Only(&[("", "relationship"), ("", "type")])
}

/// `media:group`: alternatives of the same media, at least two `media:content`.
fn group(w: &mut Walker, el: &El) -> Attrs {
    let seen = w.children(el, |w, child, seen| {
        if child.name.prefix != "media" {
            return None;
        }
        if child.name.local == "content" {
            return Some(content(w, child));
        }
        check(w, child, seen, Scope::Everywhere)
    });
    if seen.count("media", "content") < 2 {
        w.report(
            el,
            Code::MediaGroupWithoutAlternatives,
            "a media:group holds at least two media:content alternatives",
        );
    }
    Attrs::Only(&[])
}

const CONTENT_ATTRS: &[(&str, &str)] = &[
    ("", "bitrate"),
    ("", "channels"),
    ("", "duration"),
    ("", "expression"),
    ("", "fileSize"),
    ("", "framerate"),
    ("", "height"),
    ("", "isDefault"),
    ("", "lang"),
    ("", "medium"),
    ("", "samplingrate"),
    ("", "type"),
    ("", "url"),
    ("", "width"),
];

/// `media:content`: a media file, its attributes, and what describes it.
fn content(w: &mut Walker, el: &El) -> Attrs {
    for name in ["bitrate", "duration", "framerate", "samplingrate"] {
        if let Some(value) = el
            .attr(name)
            .filter(|v| !v.is_empty() && !starts_with_number(v))
        {
            w.report(
                el,
                Code::InvalidFloat,
                format!("{name} must be a number, not {value:?}"),
            );
        }
    }
    if let Some(value) = el.attr("channels").filter(|v| !v.is_empty()) {
        if !is_non_negative(value) {
            w.report(
                el,
                Code::InvalidNonNegativeInteger,
                format!("channels must be a whole number, not {value:?}"),
            );
        }
    }
    if let Some(value) = el
        .attr("expression")
        .filter(|v| !v.is_empty() && !["sample", "full", "nonstop"].contains(v))
    {
        w.report(
            el,
            Code::InvalidMediaExpression,
            format!("expression must be sample, full or nonstop, not {value:?}"),
        );
    }
    for name in ["fileSize", "height", "width"] {
        if let Some(value) = el.attr(name).filter(|v| !v.is_empty()) {
            if !is_positive(value) {
                w.report(
                    el,
                    Code::InvalidPositiveInteger,
                    format!("{name} must be a positive whole number, not {value:?}"),
                );
            }
        }
    }
    if let Some(value) = el
        .attr("isDefault")
        .filter(|v| !v.is_empty() && !["true", "false"].contains(&v.to_lowercase().as_str()))
    {
        w.report(
            el,
            Code::InvalidTrueFalse,
            format!("isDefault must be true or false, not {value:?}"),
        );
    }
    w.language_attr(el, "lang");
    if let Some(medium) = el.attr("medium").filter(|m| {
        !m.is_empty() && !["image", "audio", "video", "document", "executable"].contains(m)
    }) {
        w.report(
            el,
            Code::InvalidMediaMedium,
            format!("medium must be image, audio, video, document or executable, not {medium:?}"),
        );
    }
    if let Some(kind) = el
        .attr("type")
        .filter(|t| !t.is_empty() && !is_mime_type(t))
    {
        w.report(
            el,
            Code::InvalidMIMEAttribute,
            format!("the media type {kind:?} is not a MIME type"),
        );
    }
    if let Some(url) = el.attr("url").filter(|u| !u.is_empty()) {
        leaf::uri(w, el, url, UriRule::Full, Code::InvalidFullLink);
    }
    w.children(el, |w, child, seen| {
        if child.name.prefix == "media" && ["group", "content"].contains(&child.name.local) {
            return None;
        }
        super::check(w, child, seen, Scope::Everywhere)
    });
    Attrs::Only(CONTENT_ATTRS)
}
