//! Sitemaps and sitemap indexes (sitemaps.org protocol 0.9).
//!
//! Built for size: a sitemap may hold 50,000 URLs and a build checks every
//! one it writes, so each URL costs one parse and a few hash lookups, and a
//! rule that fails everywhere is reported a bounded number of times.

use std::borrow::Cow;
use std::collections::HashMap;

use foldhash::HashSet;

use roxmltree::Node;
use url::Url;

use crate::rules::{dates, uris};
use crate::spec::is_uri_byte;
use crate::spec::sitemap::{MAX_BYTES, MAX_LOC, MAX_URLS, NAMESPACE};
use crate::xml::node::{ns_of, pos, stray_text_in, text_of};
use crate::{Code, Sink};

/// Findings of one code beyond this are summed up instead of listed.
const MAX_REPORTS_PER_CODE: usize = 20;

const CHANGEFREQ: &[&str] = &[
    "always", "hourly", "daily", "weekly", "monthly", "yearly", "never",
];

/// Reports each code at most [`MAX_REPORTS_PER_CODE`] times.
struct Limited<'s, 'a> {
    sink: &'s mut Sink<'a>,
    counts: HashMap<Code, usize>,
}

impl Limited<'_, '_> {
    fn report(&mut self, at: usize, code: Code, message: String) {
        let count = self.counts.entry(code).or_insert(0);
        *count += 1;
        if *count <= MAX_REPORTS_PER_CODE {
            self.sink.report(at, code, message);
        }
    }

    fn finish(self) {
        for (code, count) in self.counts {
            if count > MAX_REPORTS_PER_CODE {
                self.sink.report_whole(
                    code,
                    format!(
                        "{} more {code} findings not listed",
                        count - MAX_REPORTS_PER_CODE
                    ),
                );
            }
        }
    }
}

/// Checks a `<urlset>` or `<sitemapindex>`; one fetched from `location`
/// should list URLs on its own origin only.
pub(crate) fn check(sink: &mut Sink, root: Node, location: Option<&str>) {
    let size = sink.text().len();
    let index = root.tag_name().name() == "sitemapindex";
    let (entry_name, what) = if index {
        ("sitemap", "sitemap index")
    } else {
        ("url", "sitemap")
    };
    if ns_of(root) != NAMESPACE {
        sink.report(
            pos(root),
            Code::InvalidNamespace,
            format!(
                "<{}> must be in the namespace {NAMESPACE}",
                root.tag_name().name()
            ),
        );
    }
    if size > MAX_BYTES {
        sink.report(
            pos(root),
            Code::SitemapTooLarge,
            format!("the {what} is {size} bytes; the limit is {MAX_BYTES} (50 MiB): split it"),
        );
    }
    let mut out = Limited {
        sink,
        counts: HashMap::new(),
    };
    let mut count = 0usize;
    let mut origin = Origin {
        served: location
            .and_then(|l| Url::parse(l).ok())
            .map(|url| url.origin()),
        ..Origin::default()
    };
    // foldhash, not SipHash: the keys are the file's own URLs, hashed once each.
    let mut locs: HashSet<Cow<str>> = HashSet::default();
    let mut stray = StrayText::default();
    // One pass over the children, text and elements alike: a sitemap has
    // tens of thousands.
    for entry in root.children() {
        stray.check(&mut out, root, entry);
        if !entry.is_element() {
            continue;
        }
        let ns = ns_of(entry);
        if ns != NAMESPACE && !ns.is_empty() {
            continue;
        }
        if entry.tag_name().name() != entry_name {
            out.report(
                pos(entry),
                Code::UndefinedElement,
                format!("<{}> does not belong in a {what}", entry.tag_name().name()),
            );
            continue;
        }
        count += 1;
        if count == MAX_URLS + 1 {
            out.report(
                pos(entry),
                Code::TooManyUrls,
                format!("a {what} holds at most {MAX_URLS} entries: split it"),
            );
        }
        check_entry(&mut out, entry, index, &mut origin, &mut locs);
    }
    if count == 0 {
        out.report(
            pos(root),
            Code::EmptySitemap,
            format!("the {what} lists nothing"),
        );
    }
    if let Some((at, loc)) = origin.first_off_host.take() {
        let served = origin
            .served
            .as_ref()
            .map(url::Origin::ascii_serialization)
            .unwrap_or_default();
        let more = match origin.off_host {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        out.report(
            at,
            Code::LocOffSitemapHost,
            format!(
                "{loc:?}{more} is not on {served}, where the {what} is: search engines take only \
                 URLs on the sitemap's own origin (unless that host's robots.txt names this sitemap)"
            ),
        );
    }
    out.finish();
}

fn check_entry<'a>(
    out: &mut Limited,
    entry: Node<'a, '_>,
    index: bool,
    origin: &mut Origin,
    locs: &mut HashSet<Cow<'a, str>>,
) {
    // A handful of children: a list beats a hash set here (this runs per URL).
    let mut seen: Vec<&str> = Vec::with_capacity(4);
    let mut stray = StrayText::default();
    for child in entry.children() {
        stray.check(out, entry, child);
        if !child.is_element() {
            continue;
        }
        let ns = ns_of(child);
        if ns != NAMESPACE && !ns.is_empty() {
            // Extensions (images, video, alternates) are allowed.
            continue;
        }
        let name = child.tag_name().name();
        let allowed: &[&str] = if index {
            &["loc", "lastmod"]
        } else {
            &["loc", "lastmod", "changefreq", "priority"]
        };
        if !allowed.contains(&name) {
            out.report(
                pos(child),
                Code::UndefinedElement,
                format!("<{name}> does not belong in <{}>", entry.tag_name().name()),
            );
            continue;
        }
        if seen.contains(&name) {
            out.report(
                pos(child),
                Code::DuplicateElement,
                format!("more than one <{name}>"),
            );
            continue;
        }
        seen.push(name);
        // Most values are one text node: borrowed, not copied.
        let value: Cow<'a, str> = match child.first_child() {
            Some(text) if text.is_text() && text.next_sibling().is_none() => {
                Cow::Borrowed(text.text().unwrap_or(""))
            }
            _ => Cow::Owned(text_of(child)),
        };
        match name {
            "loc" => check_loc(out, child, value, origin, locs),
            "lastmod" if !dates::w3c_datetime(value.trim()) => out.report(
                pos(child),
                Code::InvalidLastmod,
                format!("lastmod {value:?} must be a W3C datetime such as 2025-02-10 or 2025-02-10T12:00:00Z"),
            ),
            "changefreq" if !CHANGEFREQ.contains(&value.trim()) => out.report(
                pos(child),
                Code::InvalidChangefreq,
                format!("changefreq must be always, hourly, daily, weekly, monthly, yearly or never, not {value:?}"),
            ),
            "priority" => {
                let v = value.trim();
                let ok = !v.is_empty()
                    && v.chars().all(|c| c.is_ascii_digit() || c == '.')
                    && v.parse::<f64>().is_ok_and(|p| (0.0..=1.0).contains(&p));
                if !ok {
                    out.report(
                        pos(child),
                        Code::InvalidPriority,
                        format!("priority must be a number from 0.0 to 1.0, not {value:?}"),
                    );
                }
            }
            _ => {}
        }
    }
    if !seen.contains(&"loc") {
        out.report(
            pos(entry),
            Code::MissingLoc,
            format!("<{}> must contain a <loc>", entry.tag_name().name()),
        );
    }
}

/// Reports the first text directly inside an element, met child by child.
#[derive(Default)]
struct StrayText {
    reported: bool,
}

impl StrayText {
    fn check(&mut self, out: &mut Limited, parent: Node, child: Node) {
        if self.reported {
            return;
        }
        if let Some(at) = stray_text_in(child) {
            self.reported = true;
            out.report(
                at,
                Code::UnexpectedText,
                format!("text directly inside <{}>", parent.tag_name().name()),
            );
        }
    }
}

/// The origin every URL of a sitemap must share, once one URL has shown it.
#[derive(Default)]
struct Origin {
    /// The first valid URL's origin.
    first: Option<url::Origin>,
    /// `scheme://host[:port]/` of that origin: a URL starting with it, and
    /// made of URI characters only, is valid and on the origin without a full parse.
    prefix: Option<String>,
    /// The origin of the sitemap's own URL, when it was fetched.
    served: Option<url::Origin>,
    /// Whether `first` is another origin than `served`.
    first_is_off: bool,
    /// How many URLs are on another origin than `served`.
    off_host: usize,
    /// The first of them, and where.
    first_off_host: Option<(usize, String)>,
}

fn check_loc<'a>(
    out: &mut Limited,
    node: Node,
    value: Cow<'a, str>,
    origin: &mut Origin,
    locs: &mut HashSet<Cow<'a, str>>,
) {
    let at = pos(node);
    let loc = value.trim();
    if loc != value {
        out.report(
            at,
            Code::LocWhitespace,
            "whitespace around a <loc> URL".into(),
        );
    }
    if loc.chars().count() > MAX_LOC {
        out.report(
            at,
            Code::LocTooLong,
            format!(
                "a <loc> is at most {MAX_LOC} characters; this one has {}",
                loc.chars().count()
            ),
        );
    }
    let on_known_origin = origin.prefix.as_deref().is_some_and(|prefix| {
        loc.strip_prefix(prefix)
            .is_some_and(|rest| rest.bytes().all(is_uri_byte))
    });
    let off_host = if on_known_origin {
        origin.first_is_off
    } else {
        let escaped = uris::check(loc, uris::UriRule::Full).is_ok();
        let parsed = Url::parse(loc).ok().filter(|u| {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
        });
        let Some(url) = parsed.filter(|_| escaped) else {
            out.report(
                at,
                Code::InvalidLoc,
                format!("<loc> must be an absolute, percent-encoded http(s) URL, not {loc:?}"),
            );
            return;
        };
        let this_origin = url.origin();
        let off_host = origin.served.as_ref().is_some_and(|s| *s != this_origin);
        match &origin.first {
            None => {
                origin.prefix = Some(format!("{}/", this_origin.ascii_serialization()));
                origin.first = Some(this_origin);
                origin.first_is_off = off_host;
            }
            Some(first) if *first != this_origin => out.report(
                at,
                Code::HostMismatch,
                format!(
                    "every URL in a sitemap must be on one host; {loc:?} is not on {}",
                    first.ascii_serialization()
                ),
            ),
            Some(_) => {}
        }
        off_host
    };
    if off_host {
        origin.off_host += 1;
        origin
            .first_off_host
            .get_or_insert_with(|| (at, loc.to_string()));
    }
    let key = match value {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(ref text) => Cow::Owned(text.trim().to_string()),
    };
    if !locs.insert(key) {
        out.report(at, Code::DuplicateLoc, format!("{loc:?} is listed twice"));
    }
}
