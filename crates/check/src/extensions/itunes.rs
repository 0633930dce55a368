//! Apple's podcast elements (`itunes:`), and what a podcast channel needs
//! once it uses them.

use super::Scope;
use crate::rules::uris::UriRule;
use crate::tree::leaf::is_http_url;
use crate::tree::{Attrs, El, Seen, Value, Walker};
use crate::Code;

/// A category and its subcategories.
type Category = (&'static str, &'static [&'static str]);

/// Apple's categories and their subcategories.
const CATEGORIES: &[Category] = &[
    (
        "Arts",
        &[
            "Books",
            "Design",
            "Fashion & Beauty",
            "Food",
            "Performing Arts",
            "Visual Arts",
        ],
    ),
    (
        "Business",
        &[
            "Careers",
            "Entrepreneurship",
            "Investing",
            "Management",
            "Marketing",
            "Non-Profit",
        ],
    ),
    ("Comedy", &["Comedy Interviews", "Improv", "Stand-Up"]),
    (
        "Education",
        &["Courses", "How To", "Language Learning", "Self-Improvement"],
    ),
    ("Fiction", &["Comedy Fiction", "Drama", "Science Fiction"]),
    ("Government", &[]),
    ("History", &[]),
    (
        "Health & Fitness",
        &[
            "Alternative Health",
            "Fitness",
            "Medicine",
            "Mental Health",
            "Nutrition",
            "Sexuality",
        ],
    ),
    (
        "Kids & Family",
        &[
            "Education for Kids",
            "Parenting",
            "Pets & Animals",
            "Stories for Kids",
        ],
    ),
    (
        "Leisure",
        &[
            "Animation & Manga",
            "Automotive",
            "Aviation",
            "Crafts",
            "Games",
            "Hobbies",
            "Home & Garden",
            "Video Games",
        ],
    ),
    (
        "Music",
        &["Music Commentary", "Music History", "Music Interviews"],
    ),
    (
        "News",
        &[
            "Business News",
            "Daily News",
            "Entertainment News",
            "News Commentary",
            "Politics",
            "Sports News",
            "Tech News",
        ],
    ),
    (
        "Religion & Spirituality",
        &[
            "Buddhism",
            "Christianity",
            "Hinduism",
            "Islam",
            "Judaism",
            "Spirituality",
        ],
    ),
    (
        "Science",
        &[
            "Astronomy",
            "Chemistry",
            "Earth Sciences",
            "Life Sciences",
            "Mathematics",
            "Natural Sciences",
            "Nature",
            "Physics",
            "Social Sciences",
        ],
    ),
    (
        "Society & Culture",
        &[
            "Documentary",
            "Personal Journals",
            "Philosophy",
            "Places & Travel",
            "Relationships",
        ],
    ),
    (
        "Sports",
        &[
            "Baseball",
            "Basketball",
            "Cricket",
            "Fantasy Sports",
            "Football",
            "Golf",
            "Hockey",
            "Rugby",
            "Running",
            "Soccer",
            "Swimming",
            "Tennis",
            "Volleyball",
            "Wilderness",
            "Wrestling",
        ],
    ),
    ("Technology", &[]),
    ("True Crime", &[]),
    (
        "TV & Film",
        &[
            "After Shows",
            "Film History",
            "Film Interviews",
            "Film Reviews",
            "TV Reviews",
        ],
    ),
];

/// Categories Apple has retired (still read, but reported).
const OLD_CATEGORIES: &[Category] = &[
    ("Arts", &["Literature"]),
    (
        "Arts & Entertainment",
        &[
            "Architecture",
            "Design",
            "Entertainment",
            "Games",
            "Performing Arts",
            "Photography",
            "Poetry",
            "Science Fiction",
        ],
    ),
    ("Audio Blogs", &[]),
    (
        "Business",
        &[
            "Careers",
            "Finance",
            "Investing",
            "Management & Marketing",
            "News",
            "Shopping",
        ],
    ),
    ("Comedy", &[]),
    (
        "Education",
        &[
            "Education Technology",
            "Higher Education",
            "K-12",
            "Language Courses",
            "Training",
        ],
    ),
    ("Family", &[]),
    ("Food", &[]),
    (
        "Games & Hobbies",
        &[
            "Automotive",
            "Aviation",
            "Hobbies",
            "Other Games",
            "Video Games",
        ],
    ),
    (
        "Government & Organizations",
        &["Local", "National", "Non-Profit", "Regional"],
    ),
    (
        "Health",
        &[
            "Alternative Health",
            "Diet & Nutrition",
            "Fitness",
            "Fitness & Nutrition",
            "Relationships",
            "Self-Help",
            "Sexuality",
        ],
    ),
    (
        "International",
        &[
            "Australian",
            "Belgian",
            "Brazilian",
            "Canadian",
            "Chinese",
            "Dutch",
            "French",
            "German",
            "Hebrew",
            "Italian",
            "Japanese",
            "Norwegian",
            "Polish",
            "Portuguese",
            "Spanish",
            "Swedish",
        ],
    ),
    ("Movies & Television", &[]),
    ("News & Politics", &[]),
    ("Politics", &[]),
    ("Public Radio", &[]),
    (
        "Religion & Spirituality",
        &[
            "Buddhism",
            "Christianity",
            "Islam",
            "Judaism",
            "New Age",
            "Philosophy",
            "Other",
            "Spirituality",
        ],
    ),
    (
        "Science & Medicine",
        &["Medicine", "Natural Sciences", "Social Sciences"],
    ),
    ("Society & Culture", &["History"]),
    (
        "Sports & Recreation",
        &[
            "Amateur",
            "College & High School",
            "Outdoor",
            "Professional",
        ],
    ),
    ("Talk Radio", &[]),
    (
        "Technology",
        &[
            "Computers",
            "Developers",
            "Gadgets",
            "Information Technology",
            "News",
            "Operating Systems",
            "Podcasting",
            "Smart Phones",
            "Software How-To",
            "Tech News",
            "Text/Speech",
        ],
    ),
    (
        "Transportation",
        &["Automotive", "Aviation", "Bicycles", "Commuting"],
    ),
    ("Travel", &[]),
];

/// The file types Apple plays from an enclosure.
const SUPPORTED_FORMATS: &[&str] = &["m4a", "mp3", "mov", "mp4", "m4v", "pdf", "epub"];

/// Checks an iTunes element in `scope`.
pub(super) fn check(w: &mut Walker, el: &El, seen: &Seen, scope: Scope) -> Option<Attrs> {
    if !scope.is_channel() && !scope.is_item() {
        return None;
    }
    if scope.is_channel() {
        // The channel is a podcast now: what a podcast needs is checked at its end.
        w.itunes = true;
    }
    let limited = |n| Value::LengthLimited(n).leaf().once();
    match el.name.local {
        "author" | "subtitle" => w.leaf(el, seen, limited(255)),
        "block" => w.leaf(el, seen, Value::YesNoClean.leaf().once()),
        "explicit" => w.leaf(el, seen, Value::TrueFalse.leaf().once()),
        "keywords" => w.leaf(el, seen, limited(255).and(Value::Keywords)),
        "summary" => w.leaf(el, seen, limited(4000)),
        "image" => {
            w.once(el, seen, Code::DuplicateElement);
            match el.attr("href") {
                None => w.report(
                    el,
                    Code::MissingAttribute,
                    "<itunes:image> needs an href attribute",
                ),
                Some(href) if !is_http_url(href) => w.report(
                    el,
                    Code::InvalidURLAttribute,
                    format!("the image href must be an absolute http(s) URL, not {href:?}"),
                ),
                Some(_) => {}
            }
            w.children(el, |_, _, _| None);
            Some(Attrs::Only(&[("", "href")]))
        }
        "owner" if scope.is_channel() => {
            w.once(el, seen, Code::DuplicateElement);
            let owner = w.children(el, |w, child, seen| {
                match (child.name.prefix, child.name.local) {
                    ("itunes", "email") => w.leaf(child, seen, Value::Email.leaf().once()),
                    ("itunes", "name") => {
                        w.leaf(child, seen, Value::LengthLimited(255).leaf().once())
                    }
                    _ => None,
                }
            });
            if !owner.has("itunes", "email") {
                w.report(
                    el,
                    Code::MissingElement,
                    "<itunes:owner> must contain an <itunes:email>",
                );
            }
            Some(Attrs::Only(&[]))
        }
        "category" if scope.is_channel() => Some(category(w, el, CATEGORIES, OLD_CATEGORIES, true)),
        "pubDate" if scope.is_channel() => w.leaf(el, seen, Value::Rfc822.leaf().once()),
        "new-feed-url" if scope.is_channel() => w.leaf(
            el,
            seen,
            Value::Uri(UriRule::Full, Code::InvalidFullLink)
                .leaf()
                .once(),
        ),
        "type" if scope.is_channel() => w.leaf(
            el,
            seen,
            Value::OneOf(&["episodic", "serial"], Code::InvalidItunesChannelType)
                .leaf()
                .once(),
        ),
        "duration" if scope.is_item() => w.leaf(el, seen, Value::Duration.leaf().once()),
        "title" if scope.is_item() => w.leaf(el, seen, Value::Text.leaf().once()),
        "episode" | "season" if scope.is_item() => {
            w.leaf(el, seen, Value::PositiveInteger.leaf().once())
        }
        "episodeType" if scope.is_item() => w.leaf(
            el,
            seen,
            Value::OneOf(
                &["full", "trailer", "bonus"],
                Code::InvalidItunesEpisodeType,
            )
            .leaf()
            .once(),
        ),
        _ => None,
    }
}

/// `itunes:category`: a category Apple lists, and within it a subcategory of it.
fn category(w: &mut Walker, el: &El, valid: &[Category], old: &[Category], top: bool) -> Attrs {
    let text = el.attr("text");
    match text {
        None => w.report(
            el,
            Code::MissingAttribute,
            "<itunes:category> needs a text attribute",
        ),
        Some(text) if valid.iter().any(|(name, _)| *name == text) => {}
        Some(text) if old.iter().any(|(name, _)| *name == text) => w.report(
            el,
            Code::ObsoleteItunesCategory,
            format!("the iTunes category {text:?} has been retired"),
        ),
        Some(text) => w.report(
            el,
            Code::InvalidItunesCategory,
            format!("{text:?} is not an iTunes category"),
        ),
    }
    let children = |list: &[Category]| -> Vec<Category> {
        list.iter()
            .find(|(name, _)| Some(*name) == text)
            .map(|(_, subs)| subs.iter().map(|s| (*s, &[][..])).collect())
            .unwrap_or_default()
    };
    let (sub_valid, sub_old) = (children(valid), children(old));
    w.children(el, |w, child, _| {
        if !top || !child.name.is("itunes", "category") {
            return None;
        }
        if text.is_none_or(str::is_empty) {
            w.skip(child);
            return Some(Attrs::Any);
        }
        Some(category(w, child, &sub_valid, &sub_old, false))
    });
    Attrs::Only(&[("", "text")])
}

/// What a podcast channel (or Atom feed) needs once it or its items use iTunes elements.
pub(crate) fn check_channel(w: &mut Walker, el: &El, seen: &Seen) {
    if !w.itunes {
        return;
    }
    let has_language = seen.has("", "language")
        || el.node.ancestors().any(|n| {
            n.attribute((crate::spec::XML_NS, "lang"))
                .is_some_and(|l| !l.is_empty())
        });
    if !has_language {
        w.report(
            el,
            Code::MissingItunesElement,
            "a podcast should say its language",
        );
    }
    for (name, what) in [
        ("category", "itunes:category"),
        ("explicit", "itunes:explicit"),
    ] {
        if !seen.has("itunes", name) {
            w.report(
                el,
                Code::MissingItunesElement,
                format!("a podcast should have <{what}>"),
            );
        }
    }
    if !seen.has("itunes", "owner") {
        w.report(
            el,
            Code::MissingItunesEmail,
            "a podcast should name its owner's e-mail in <itunes:owner>",
        );
    }
    if !w.utf8 {
        w.report(
            el,
            Code::NotUTF8,
            "a podcast feed should be encoded in UTF-8",
        );
    }
}

/// An item using iTunes elements: its enclosures are files Apple plays.
/// As the validator does, only for the first item to use them, when the
/// channel did not before it.
pub(crate) fn check_item(w: &mut Walker, el: &El, seen: &Seen) {
    if !seen.has_prefix("itunes") {
        return;
    }
    let channel_first = w.itunes;
    w.itunes = true;
    if channel_first {
        return;
    }
    for enclosure in el.node.children().filter(|n| {
        n.is_element()
            && n.tag_name().name() == "enclosure"
            && crate::xml::node::ns_of(*n).is_empty()
    }) {
        let Some(url) = crate::xml::node::plain_attribute(enclosure, "url") else {
            continue;
        };
        let extension = url.rsplit('.').next().unwrap_or("");
        if !SUPPORTED_FORMATS.contains(&extension) {
            w.sink.report(
                enclosure.range().start,
                Code::UnsupportedItunesFormat,
                format!("Apple's podcast app does not play .{extension} files"),
            );
        }
    }
}
