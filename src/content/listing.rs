//! Which lists a page is in, as its front matter says: `feed: false` (no
//! feed), `sitemap: false` or Hugo's `sitemap: {disable: true}` (no sitemap),
//! and Hugo's build options, `build` (or the older `_build`), as Hugo honours
//! them: `list: never` leaves a page out of every list, `list: local` keeps it
//! in its own section's lists only, `render: never` gives it no page to link to.
//! Also the entry id a post pins (`id` or `guid`).

use std::path::Path;

use super::front_matter::{key_error, line_of_key, FrontMatter, Split, Value};
use crate::error::Result;

/// Which feeds carry a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum FeedListing {
    /// Every feed it belongs in: the site's, its section's, its terms'.
    #[default]
    Everywhere,
    /// Its own section's feed only (Hugo's `list: local`).
    SectionOnly,
    /// No feed (`feed: false`, `list: never`, `render: never`).
    Nowhere,
}

/// Which lists carry a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Listing {
    /// The feeds (for posts).
    pub feeds: FeedListing,
    /// Whether the sitemap lists the page.
    pub hidden_from_sitemap: bool,
}

impl Listing {
    /// The listing the front matter of `path` asks for; a value of the wrong
    /// kind is an error naming its line.
    pub fn from_front_matter(
        path: &Path,
        split: &Split<'_>,
        front: &FrontMatter,
    ) -> Result<Listing> {
        let error = |key: &str, message: String| key_error(path, split, key, message);
        let mut listing = Listing::default();
        match &front.feed {
            // jekyll-feed's per-post settings (`feed: {excerpt_only: true}`) list the post.
            Value::Null | Value::Table(_) => {}
            value => match boolean(value) {
                Some(true) => {}
                Some(false) => listing.feeds = FeedListing::Nowhere,
                None => {
                    return Err(error(
                        "feed",
                        format!(
                            "expected true or false (false leaves the post out of every feed), found {}",
                            value.describe()
                        ),
                    ))
                }
            },
        }
        match &front.sitemap {
            Value::Null => {}
            Value::Table(entries) => {
                // Hugo's `sitemap: {disable: true, changefreq: …, priority: …}`.
                for (key, value) in entries {
                    if key.eq_ignore_ascii_case("disable") {
                        match boolean(value) {
                            Some(disable) => listing.hidden_from_sitemap |= disable,
                            None => {
                                return Err(error(
                                    "sitemap",
                                    format!(
                                        "`disable`: expected true or false, found {}",
                                        value.describe()
                                    ),
                                ))
                            }
                        }
                    }
                }
            }
            value => match boolean(value) {
                Some(listed) => listing.hidden_from_sitemap |= !listed,
                None => {
                    return Err(error(
                        "sitemap",
                        format!(
                            "expected true, false or Hugo's {{disable: true}}, found {}",
                            value.describe()
                        ),
                    ))
                }
            },
        }
        listing.apply_build(&front.build, &error)?;
        Ok(listing)
    }

    /// Hugo's build options (`build`, `_build`) applied: `list: never` and
    /// `render: never` leave the page out of every feed, `list: local` keeps
    /// it in its section's; either leaves it out of the sitemap.
    fn apply_build(
        &mut self,
        build: &Value,
        error: &dyn Fn(&str, String) -> crate::error::Error,
    ) -> Result<()> {
        match build {
            Value::Null => {}
            Value::Table(entries) => {
                for (key, value) in entries {
                    let key = key.to_ascii_lowercase();
                    let option = match boolean(value) {
                        Some(true) => "always".to_string(),
                        Some(false) => "never".to_string(),
                        None => value.text().unwrap_or("").to_ascii_lowercase(),
                    };
                    let accepted: &[&str] = match key.as_str() {
                        "list" => &["always", "never", "local"],
                        "render" => &["always", "never", "link"],
                        _ => continue,
                    };
                    if !accepted.contains(&option.as_str()) {
                        return Err(error(
                            "build",
                            format!(
                                "`{key}`: expected {}, found {}",
                                accepted.join(", "),
                                value.describe()
                            ),
                        ));
                    }
                    let feeds = match (key.as_str(), option.as_str()) {
                        ("list", "local") => FeedListing::SectionOnly,
                        (_, "never") => FeedListing::Nowhere,
                        _ => continue,
                    };
                    // Hugo's sitemap lists the site's pages: neither kind is among them.
                    self.hidden_from_sitemap = true;
                    self.feeds = self.feeds.max(feeds);
                }
            }
            value => {
                return Err(error(
                    "build",
                    format!(
                        "expected Hugo's build options, such as {{list: never}}, found {}",
                        value.describe()
                    ),
                ))
            }
        }
        Ok(())
    }

    /// The build options a Hugo section's `cascade` gives itself and every
    /// page below it that sets none (`hugolib/page__meta.go`): the `build`
    /// (or `_build`) of a `cascade` table, or of each entry of a `cascade`
    /// list that has no `_target` (entries with one are not followed).
    /// `None` when the cascade sets no build options.
    pub fn from_cascade(
        path: &Path,
        split: &Split<'_>,
        cascade: &Value,
    ) -> Result<Option<Listing>> {
        let error = |key: &str, message: String| key_error(path, split, key, message);
        let tables: Vec<&Vec<(String, Value)>> = match cascade {
            Value::Table(entries) => vec![entries],
            Value::List(items) => items
                .iter()
                .filter_map(|item| match item {
                    Value::Table(entries)
                        if !entries
                            .iter()
                            .any(|(k, _)| k.eq_ignore_ascii_case("_target")) =>
                    {
                        Some(entries)
                    }
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let mut found = None;
        for entries in tables {
            for (key, value) in entries {
                let key = key.to_ascii_lowercase();
                if key == "build" || key == "_build" {
                    let listing = found.get_or_insert_with(Listing::default);
                    listing.apply_build(value, &|_, message| error("cascade", message))?;
                }
            }
        }
        Ok(found)
    }
}

/// `true`, `false`, or their text in any case.
fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Text(t) if t.trim().eq_ignore_ascii_case("true") => Some(true),
        Value::Text(t) if t.trim().eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// The entry id the front matter pins (`id` or `guid`), checked: an absolute
/// URI as feed readers and the checker read ids.
pub(crate) fn pinned_id(
    path: &Path,
    split: &Split<'_>,
    front: &FrontMatter,
) -> Result<Option<Box<str>>> {
    let key = || {
        if line_of_key(split, "id").is_some() {
            "id"
        } else {
            "guid"
        }
    };
    let error = |message: String| key_error(path, split, key(), message);
    match &front.id {
        Value::Null => Ok(None),
        Value::Text(text) | Value::Date(text) => {
            let id = text.trim();
            if id.is_empty() {
                return Ok(None);
            }
            feedwright_check::spec::entry_id(id)
                .map_err(|problem| error(format!("the entry id `{id}` {problem}")))?;
            Ok(Some(id.into()))
        }
        other => Err(error(format!(
            "expected the entry id as an absolute URI (a URL or a tag: URI), found {}",
            other.describe()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{parse, split, Keys};

    fn listing(front: &str) -> Result<Listing> {
        let text = format!("---\n{front}\n---\nbody\n");
        let path = Path::new("p.md");
        let split = split(path, &text).unwrap();
        let front = parse(path, &split, Keys::Metadata).unwrap();
        Listing::from_front_matter(path, &split, &front)
    }

    #[test]
    fn each_key() {
        let nowhere = Listing {
            feeds: FeedListing::Nowhere,
            hidden_from_sitemap: false,
        };
        assert_eq!(listing("title: x").unwrap(), Listing::default());
        assert_eq!(listing("feed: false").unwrap(), nowhere);
        assert_eq!(
            listing("feed: {excerpt_only: true}").unwrap(),
            Listing::default()
        );
        assert!(listing("sitemap: false").unwrap().hidden_from_sitemap);
        assert!(
            listing("sitemap:\n  disable: true\n  priority: 0.5")
                .unwrap()
                .hidden_from_sitemap
        );
        assert!(
            !listing("sitemap: {disable: false}")
                .unwrap()
                .hidden_from_sitemap
        );
        let never = listing("build:\n  list: never").unwrap();
        assert_eq!(never.feeds, FeedListing::Nowhere);
        assert!(never.hidden_from_sitemap);
        assert_eq!(
            listing("_build: {list: local}").unwrap().feeds,
            FeedListing::SectionOnly
        );
        assert_eq!(
            listing("build: {render: never}").unwrap().feeds,
            FeedListing::Nowhere
        );
        assert_eq!(
            listing("build: {render: link}").unwrap(),
            Listing::default()
        );
    }

    #[test]
    fn wrong_values_name_their_line() {
        let e = listing("title: x\nfeed: maybe").unwrap_err().to_string();
        assert!(e.starts_with("p.md:3:7: `feed`"), "{e}");
        let e = listing("build: {list: sometimes}").unwrap_err().to_string();
        assert!(e.contains("always, never, local"), "{e}");
    }

    fn id(front: &str) -> Result<Option<Box<str>>> {
        let text = format!("---\n{front}\n---\nbody\n");
        let path = Path::new("p.md");
        let split = split(path, &text).unwrap();
        let front = parse(path, &split, Keys::Metadata).unwrap();
        pinned_id(path, &split, &front)
    }

    #[test]
    fn pinned_ids_are_absolute_uris() {
        assert_eq!(id("title: x").unwrap(), None);
        assert_eq!(
            id("id: https://old.example.org/2019/post/")
                .unwrap()
                .as_deref(),
            Some("https://old.example.org/2019/post/")
        );
        assert_eq!(
            id("guid: tag:example.org,2019:post-1").unwrap().as_deref(),
            Some("tag:example.org,2019:post-1")
        );
        for bad in [
            "id: 42",
            "id: post-1",
            "id: /blog/post/",
            "guid: tag:x",
            "id: [a]",
        ] {
            let e = id(bad).unwrap_err().to_string();
            assert!(e.starts_with("p.md:2:") && e.contains(": `"), "{bad}: {e}");
        }
        let e = id("id: HTTPS://Example.org/a").unwrap_err().to_string();
        assert!(e.contains("https://example.org/a"), "{e}");
    }
}
