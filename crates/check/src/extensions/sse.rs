//! Simple Sharing Extensions (`sx:`): `sx:sharing` on a channel, `sx:sync`
//! on items.

use super::Scope;
use crate::rules::uris::UriRule;
use crate::tree::leaf::{self, python_int, DateRule};
use crate::tree::{Attrs, El, Seen, Walker};
use crate::Code;

/// Checks an SSE element in `scope`.
pub(super) fn check(w: &mut Walker, el: &El, _seen: &Seen, scope: Scope) -> Option<Attrs> {
    match el.name.local {
        "sharing" if scope.is_channel() => Some(sharing(w, el)),
        "sync" if scope.is_item() => Some(sync(w, el)),
        _ => None,
    }
}

/// An RFC 3339 attribute.
fn date(w: &mut Walker, el: &El, name: &str) {
    if let Some(value) = el.attr(name) {
        leaf::date(w, el, value, DateRule::Rfc3339, true);
    }
}

/// A whole number from 1 to 2^31 - 1.
fn uint31(w: &mut Walker, el: &El, name: &str) {
    match el.attr(name).map(python_int) {
        None => w.report(
            el,
            Code::MissingAttribute,
            format!("<{}> needs a {name} attribute", el.name),
        ),
        Some(Some(n)) if n > 2_147_483_647 => w.report(
            el,
            Code::IntegerOverflow,
            format!("{name} must be at most 2147483647"),
        ),
        Some(Some(n)) if n > 0 => {}
        Some(_) => w.report(
            el,
            Code::InvalidPositiveInteger,
            format!("{name} must be a positive whole number"),
        ),
    }
}

/// A URN's namespace-specific string (RFC 2141).
fn is_nss(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let escape = bytes.get(i + 1..i + 3);
            if !escape.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"()+,-.:=@;$_!*'/?#".contains(&b)) {
            return false;
        }
        i += 1;
    }
    !value.is_empty()
}

fn sharing(w: &mut Walker, el: &El) -> Attrs {
    let (since, until) = (el.attr("since"), el.attr("until"));
    if until.is_some() && since.is_none() {
        w.report(
            el,
            Code::MissingAttribute,
            "<sx:sharing> with until needs since",
        );
    }
    if since.is_some() && until.is_none() {
        w.report(
            el,
            Code::MissingAttribute,
            "<sx:sharing> with since needs until",
        );
    }
    for name in ["since", "until", "expires"] {
        date(w, el, name);
    }
    if let (Some(since), Some(until)) = (since, until) {
        if since > until {
            w.report(el, Code::SinceAfterUntil, "since is after until");
        }
    }
    w.children(el, |w, related, _| {
        if !related.name.is("sx", "related") {
            return None;
        }
        match related.attr("link") {
            Some(link) => leaf::uri(w, related, link, UriRule::Full, Code::InvalidFullLink),
            None => w.report(
                related,
                Code::MissingAttribute,
                "<sx:related> needs a link attribute",
            ),
        }
        if let Some(title) = related.attr("title") {
            if title.is_empty() {
                w.report(related, Code::NotBlank, "the title should not be blank");
            }
        }
        match related.attr("type") {
            Some("complete" | "aggregated") => {}
            Some(other) => w.report(
                related,
                Code::InvalidSseType,
                format!("the type must be complete or aggregated, not {other:?}"),
            ),
            None => w.report(
                related,
                Code::MissingAttribute,
                "<sx:related> needs a type attribute",
            ),
        }
        w.children(related, |_, _, _| None);
        Some(Attrs::Only(&[("", "link"), ("", "title"), ("", "type")]))
    });
    Attrs::Only(&[("", "expires"), ("", "since"), ("", "until")])
}

fn sync(w: &mut Walker, el: &El) -> Attrs {
    for name in ["deleted", "noconflicts"] {
        if let Some(value) = el.attr(name) {
            if !["true", "false"].contains(&value) {
                w.report(
                    el,
                    Code::InvalidTrueFalse,
                    format!("{name} must be true or false, not {value:?}"),
                );
            }
        }
    }
    match el.attr("id") {
        None => w.report(
            el,
            Code::MissingAttribute,
            "<sx:sync> needs an id attribute",
        ),
        Some(id) => {
            if id.is_empty() {
                w.report(el, Code::NotBlank, "the sync id should not be blank");
            } else if !w.sync_ids.insert(id.to_string()) {
                w.report(
                    el,
                    Code::DuplicateValue,
                    format!("the sync id {id:?} is used twice"),
                );
            }
            if !is_nss(id) {
                w.report(
                    el,
                    Code::InvalidNSS,
                    format!("the sync id {id:?} is not a URN string"),
                );
            }
        }
    }
    uint31(w, el, "updates");
    let seen = w.children(el, |w, child, _| {
        match (child.name.prefix, child.name.local) {
            ("sx", "history") => {
                if let Some(by) = child.attr("by") {
                    if by.is_empty() {
                        w.report(child, Code::NotBlank, "by should not be blank");
                    } else if !is_nss(by) {
                        w.report(
                            child,
                            Code::InvalidNSS,
                            format!("by {by:?} is not a URN string"),
                        );
                    }
                }
                uint31(w, child, "sequence");
                date(w, child, "when");
                match (child.attr("when").is_some(), child.attr("by").is_some()) {
                    (true, false) => w.report(
                        child,
                        Code::MissingRecommendedAttribute,
                        "a history entry should say by whom",
                    ),
                    (false, true) => w.report(
                        child,
                        Code::MissingRecommendedAttribute,
                        "a history entry should say when",
                    ),
                    (false, false) => w.report(
                        child,
                        Code::MissingByAndWhenAttrs,
                        "a history entry needs by or when",
                    ),
                    (true, true) => {}
                }
                w.children(child, |_, _, _| None);
                Some(Attrs::Only(&[("", "by"), ("", "sequence"), ("", "when")]))
            }
            ("sx", "conflicts") => {
                // The conflicting versions of the item, not checked further.
                w.children(child, |w, version, _| {
                    matches!(version.name.local, "item" | "entry").then(|| {
                        w.skip(version);
                        Attrs::Any
                    })
                });
                Some(Attrs::Only(&[]))
            }
            _ => None,
        }
    });
    if !seen.has("sx", "history") {
        w.report(
            el,
            Code::MissingElement,
            "<sx:sync> must contain an <sx:history>",
        );
    }
    Attrs::Only(&[
        ("", "deleted"),
        ("", "noconflicts"),
        ("", "id"),
        ("", "updates"),
    ])
}
