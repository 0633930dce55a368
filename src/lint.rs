//! `feedwright check --target devto|mastodon|bluesky FEED...`: what each
//! platform will do to each entry of a feed when it imports or posts it.
//! Every finding is a warning naming the entry and what will happen to it.
//!
//! The rules are the platforms' limits as `feedwright syndicate` applies
//! them, from one home ([`crate::syndicate::compose`], the network modules):
//! the lint composes each entry exactly as syndication would, and says where
//! that differs from the entry.

use std::fmt;
use std::str::FromStr;

use crate::syndicate::compose::{
    self, devto_import_tags, Graphemes, MastodonLength, Measure, Parts, Template,
    DEVTO_IMPORT_MAX_TAGS, DEVTO_IMPORT_TAG_CHARS,
};
use crate::syndicate::entry::SyndicationEntry;
use crate::syndicate::{bluesky, devto, from_feed, mastodon, settings};

/// A platform a feed's entries go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// dev.to's feed importer (Forem's RSS import).
    Devto,
    /// A Mastodon status.
    Mastodon,
    /// A Bluesky post.
    Bluesky,
}

impl Target {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Target::Devto => "devto",
            Target::Mastodon => "mastodon",
            Target::Bluesky => "bluesky",
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Target {
    type Err = String;

    fn from_str(text: &str) -> Result<Target, String> {
        [Target::Devto, Target::Mastodon, Target::Bluesky]
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                format!("`{text}` is not a target; the targets are devto, mastodon and bluesky")
            })
    }
}

/// What a platform will do to one entry (or, without an entry, to the feed):
/// a warning, since the feed is valid and the platform changes what it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformFinding {
    /// The feed file, as named.
    pub file: String,
    /// The platform.
    pub target: Target,
    /// The entry's title, when the finding is about one entry.
    pub entry: Option<String>,
    /// The entry's link.
    pub url: Option<String>,
    /// What will happen.
    pub message: String,
}

/// What `target` will do to the entries of the feed `bytes` (RSS, Atom or
/// JSON Feed), named `file` in the findings; `Err` when it is no feed.
pub fn lint(file: &str, bytes: &[u8], target: Target) -> Result<Vec<PlatformFinding>, String> {
    let source = from_feed::parse(bytes, None)?;
    let finding = |entry: Option<&SyndicationEntry>, message: String| PlatformFinding {
        file: file.to_string(),
        target,
        entry: entry.map(|e| e.title.clone()),
        url: entry.map(|e| e.url.clone()),
        message,
    };
    let mut findings = Vec::new();
    match target {
        Target::Devto => {
            let format = feedwright_check::Format::detect(bytes);
            if !matches!(format, feedwright_check::Format::Rss2) {
                findings.push(finding(
                    None,
                    "dev.to's importer reads RSS feeds: give it the RSS feed, which carries the same entries".into(),
                ));
            }
            let contents = rss_items_with_content(bytes);
            for (n, entry) in source.entries.iter().enumerate() {
                for message in devto(
                    entry,
                    contents.as_ref().map(|c| c.get(n).copied().unwrap_or(true)),
                ) {
                    findings.push(finding(Some(entry), message));
                }
            }
        }
        Target::Mastodon => {
            for entry in &source.entries {
                findings.extend(mastodon(entry).map(|m| finding(Some(entry), m)));
            }
        }
        Target::Bluesky => {
            for entry in &source.entries {
                findings.extend(bluesky(entry).map(|m| finding(Some(entry), m)));
            }
        }
    }
    Ok(findings)
}

/// For an RSS feed, whether each item has `content:encoded` (what dev.to imports).
fn rss_items_with_content(bytes: &[u8]) -> Option<Vec<bool>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let doc = roxmltree::Document::parse(text).ok()?;
    (doc.root_element().tag_name().name() == "rss").then(|| {
        doc.descendants()
            .filter(|n| n.has_tag_name("item"))
            .map(|item| {
                item.children().any(|c| {
                    c.tag_name().name() == "encoded"
                        && c.tag_name().namespace() == Some(feedwright_check::spec::CONTENT_NS)
                })
            })
            .collect()
    })
}

/// dev.to's importer: the first 4 categories as tags, each reduced to its
/// letters and digits and cut to 20; the title cut at 128 characters; the
/// body from `content:encoded` (`has_content`: `None` when not RSS).
fn devto(entry: &SyndicationEntry, has_content: Option<bool>) -> Vec<String> {
    let mut messages = Vec::new();
    let categories = &entry.categories;
    if categories.len() > DEVTO_IMPORT_MAX_TAGS {
        messages.push(format!(
            "dev.to keeps the first {DEVTO_IMPORT_MAX_TAGS} of its {} categories as tags; {} dropped",
            categories.len(),
            quoted(&categories[DEVTO_IMPORT_MAX_TAGS..])
        ));
    }
    for (category, tag) in categories.iter().zip(devto_import_tags(categories)) {
        if tag.is_empty() {
            messages.push(format!(
                "the category `{category}` has no letter or digit: dev.to makes it an empty tag (it still counts among the {DEVTO_IMPORT_MAX_TAGS})"
            ));
        } else if *category != tag {
            let cut =
                category.chars().filter(|c| c.is_alphanumeric()).count() > DEVTO_IMPORT_TAG_CHARS;
            let why = if cut {
                format!("letters and digits only, cut to {DEVTO_IMPORT_TAG_CHARS} characters")
            } else {
                "letters and digits only".to_string()
            };
            messages.push(format!(
                "the category `{category}` becomes the tag `{tag}` ({why})"
            ));
        }
    }
    let title_chars = entry.title.chars().count();
    if title_chars > devto::MAX_TITLE_CHARS {
        messages.push(format!(
            "the title is {title_chars} characters; dev.to cuts it at {} (at a word, ending it with \"...\")",
            devto::MAX_TITLE_CHARS
        ));
    }
    if has_content == Some(false) {
        messages.push(
            "the item has no content:encoded: dev.to imports its description alone as the article"
                .into(),
        );
    }
    messages
}

/// A Mastodon status of the entry, as `feedwright syndicate` writes it with
/// the default template, against the default limits (500 characters, each
/// URL counted as 23).
fn mastodon(entry: &SyndicationEntry) -> Option<String> {
    let limits = mastodon::Limits::default();
    let settings = settings::MastodonSettings {
        instance: String::new(),
        token_env: String::new(),
        visibility: "public".into(),
        template: Template::default(),
    };
    let measure = MastodonLength {
        per_url: limits.characters_reserved_per_url,
    };
    let fitted = mastodon::status_text(&settings, entry, limits);
    explain(
        entry,
        &compose::hashtags(&entry.categories),
        &measure,
        limits.max_characters,
        fitted,
        &format!(
            "characters (each URL counted as {}); a Mastodon status holds {}",
            limits.characters_reserved_per_url, limits.max_characters
        ),
    )
}

/// A Bluesky post of the entry, as `feedwright syndicate` writes it with the
/// default template: at most 300 graphemes.
fn bluesky(entry: &SyndicationEntry) -> Option<String> {
    let settings = settings::BlueskySettings {
        service: String::new(),
        handle: String::new(),
        password_env: String::new(),
        template: Template::default(),
    };
    let fitted = bluesky::post_text(&settings, entry).map(|(text, _)| text);
    explain(
        entry,
        &compose::hashtags(&entry.categories),
        &Graphemes,
        bluesky::MAX_GRAPHEMES,
        fitted,
        &format!("graphemes; a Bluesky post holds {}", bluesky::MAX_GRAPHEMES),
    )
}

/// What fitting the entry's text under `limit` did, comparing the whole text
/// with `fitted` (syndication's own result); `None` when the whole text fits.
fn explain(
    entry: &SyndicationEntry,
    hashtags: &[String],
    measure: &dyn Measure,
    limit: usize,
    fitted: Result<String, String>,
    unit: &str,
) -> Option<String> {
    let whole = compose::fill(
        &Template::default(),
        &Parts {
            title: &entry.title,
            summary: &entry.summary,
            url: &entry.url,
            hashtags,
        },
    );
    let length = measure.length(&whole.text);
    if length <= limit {
        return None;
    }
    let fitted = match fitted {
        Ok(text) => text,
        Err(message) => return Some(format!("it cannot be posted: {message}")),
    };
    let mut changes = Vec::new();
    if !entry.summary.is_empty() && !fitted.contains(&entry.summary) {
        changes.push(
            if fitted.contains(compose::ELLIPSIS) && !entry.title.contains(compose::ELLIPSIS) {
                "its summary is cut at a word, ending with …".to_string()
            } else {
                "its summary is left out".to_string()
            },
        );
    }
    let dropped: Vec<String> = hashtags
        .iter()
        .filter(|tag| !fitted.split_whitespace().any(|word| word == tag.as_str()))
        .cloned()
        .collect();
    if !dropped.is_empty() {
        changes.push(format!("the hashtags {} are left out", dropped.join(" ")));
    }
    if !fitted.contains(&entry.title) {
        changes.push("its title is cut".to_string());
    }
    Some(format!(
        "the text would be {length} {unit}: {}",
        if changes.is_empty() {
            "it is shortened".to_string()
        } else {
            changes.join("; ")
        }
    ))
}

/// `a`, `b` and `c`, each in backticks.
fn quoted(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, summary: &str, categories: &[&str]) -> SyndicationEntry {
        SyndicationEntry {
            id: "https://example.org/p/".into(),
            url: "https://example.org/p/".into(),
            title: title.into(),
            summary: summary.into(),
            content_markdown: None,
            content_html: String::new(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
            image: None,
            published: chrono::DateTime::UNIX_EPOCH,
            language: None,
            networks: None,
        }
    }

    #[test]
    fn devto_rules() {
        let e = entry(
            &"word ".repeat(40),
            "",
            &["C++", "rust", "a", "b", "c", "d"],
        );
        let messages = devto(&e, Some(false));
        assert!(messages[0].contains("first 4 of its 6"), "{messages:?}");
        assert!(messages[0].contains("`c` and `d` dropped"), "{messages:?}");
        assert!(
            messages[1].contains("`C++` becomes the tag `C`"),
            "{messages:?}"
        );
        assert!(
            messages[2].contains("200 characters; dev.to cuts it at 128"),
            "{messages:?}"
        );
        assert!(messages[3].contains("no content:encoded"), "{messages:?}");
        assert!(devto(&entry("Short", "", &["rust"]), Some(true)).is_empty());
    }

    #[test]
    fn mastodon_and_bluesky_say_what_is_cut() {
        let short = entry("Short", "A summary.", &["rust"]);
        assert_eq!(mastodon(&short), None);
        assert_eq!(bluesky(&short), None);
        let long = entry("Title", &"word ".repeat(120), &["rust", "web"]);
        let m = mastodon(&long).unwrap();
        assert!(m.contains("each URL counted as 23"), "{m}");
        assert!(m.contains("summary is cut"), "{m}");
        let b = bluesky(&long).unwrap();
        assert!(b.contains("graphemes; a Bluesky post holds 300"), "{b}");
    }
}
