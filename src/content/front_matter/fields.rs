//! [`FrontMatter`]: the keys feedwright reads, and which of them each pass needs.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::value::{Key, Value};

/// The front-matter keys feedwright reads, as written (every other key is skipped unread).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FrontMatter {
    /// `title`.
    pub title: Value,
    /// `date`.
    pub date: Value,
    /// `publishDate` (also `pubdate`, `published`).
    pub publish_date: Value,
    /// `lastmod` (also Zola's `updated`, and `modified`).
    pub lastmod: Value,
    /// `expiryDate` (also `unpublishdate`).
    pub expiry_date: Value,
    /// `draft`.
    pub draft: Value,
    /// `description`.
    pub description: Value,
    /// `summary`.
    pub summary: Value,
    /// `tags`.
    pub tags: Value,
    /// `categories` (a Jekyll string is split on whitespace).
    pub categories: Value,
    /// Jekyll's single `category` (never split).
    pub category: Value,
    /// `author` and `authors`.
    pub authors: Value,
    /// `image`, or the first of `images`.
    pub image: Value,
    /// `slug`.
    pub slug: Value,
    /// `url` (Hugo) or `path` (Zola).
    pub url: Value,
    /// Zola's `[taxonomies]` table, holding `tags` and `categories`.
    pub taxonomies: Value,
    /// Hugo's `headless: true` (a bundle that is never published).
    pub headless: Value,
    /// `syndicate: false`, or the networks a post may go to (`[mastodon, devto]`).
    pub syndicate: Value,
    /// `id` (or `guid`): the entry id pinned in every feed, in place of the permalink.
    pub id: Value,
    /// `feed: false` leaves the post out of every feed.
    pub feed: Value,
    /// `sitemap: false`, or Hugo's `sitemap: {disable: true}`.
    pub sitemap: Value,
    /// Hugo's build options, `build` (or the older `_build`): `{list: never}` and so on.
    pub build: Value,
    /// Hugo's `cascade`: front matter a section gives itself and its descendants.
    pub cascade: Value,
    /// Jekyll's `permalink`: the document's own URL template.
    pub permalink: Value,
    /// Zola's section `generate_feeds` (also `generate_feed`, `generate_rss`).
    pub generate_feeds: Value,
    /// Zola's section `render = false`: the section has no page of its own.
    pub render: Value,
    /// Zola's section `transparent`: its pages are also its parent's.
    pub transparent: Value,
    /// Hugo's `markup` (`html`: the body is HTML, not Markdown).
    pub markup: Value,
    /// Keys written twice, where the generator takes the last one (Jekyll).
    pub duplicate_keys: Vec<String>,
}

/// What to do with a key written twice in one front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DuplicateKeys {
    /// An error: YAML forbids it, and Hugo and Zola refuse it.
    #[default]
    Refuse,
    /// The last one wins, as Jekyll (Ruby's YAML) takes it; the key is noted.
    LastWins,
}

/// Which front-matter keys to read; the rest are skipped unread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// What every page needs (title, dates, draft, slug, url, headless, which
    /// feeds and sitemap list it, its pinned id): the pass over the whole site
    /// reads only these.
    Metadata,
    /// [`Keys::Metadata`] and the taxonomies' terms: the pass over the whole
    /// site when there are feeds per term, which must know every post's terms.
    Listing,
    /// Everything feedwright uses, for the few pages that become feed entries.
    All,
}

/// Whether a field is needed only for feed entries, or (`taxonomy`) for
/// feeds per term too. (Categories are read for every page: Jekyll's URLs
/// hold them.)
fn is_entry_detail(key: &str) -> (bool, bool) {
    let taxonomy = matches!(key, "tags" | "taxonomies");
    let detail = taxonomy
        || matches!(
            key,
            "description" | "summary" | "author" | "authors" | "image" | "images" | "syndicate"
        );
    (detail, taxonomy)
}

/// Which field a front-matter key fills; keys are case-insensitive, as in Hugo.
pub(crate) fn field_for<'f>(
    front: &'f mut FrontMatter,
    key: &str,
    keys: Keys,
) -> Option<&'f mut Value> {
    // Lower-cased on the stack: this runs for every key of every page.
    let mut buffer = [0u8; 16];
    let lower = buffer.get_mut(..key.len())?;
    lower.copy_from_slice(key.as_bytes());
    lower.make_ascii_lowercase();
    let key = std::str::from_utf8(lower).ok()?;
    let (detail, taxonomy) = is_entry_detail(key);
    let skipped = match keys {
        Keys::Metadata => detail,
        Keys::Listing => detail && !taxonomy,
        Keys::All => false,
    };
    if skipped {
        return None;
    }
    Some(match key {
        "title" => &mut front.title,
        "date" => &mut front.date,
        "publishdate" | "pubdate" | "published" => &mut front.publish_date,
        "lastmod" | "updated" | "modified" => &mut front.lastmod,
        "expirydate" | "unpublishdate" => &mut front.expiry_date,
        "draft" => &mut front.draft,
        "description" => &mut front.description,
        "summary" => &mut front.summary,
        "tags" => &mut front.tags,
        "categories" => &mut front.categories,
        "category" => &mut front.category,
        "author" | "authors" => &mut front.authors,
        "image" | "images" => &mut front.image,
        "slug" => &mut front.slug,
        "url" | "path" => &mut front.url,
        "taxonomies" => &mut front.taxonomies,
        "headless" => &mut front.headless,
        "syndicate" => &mut front.syndicate,
        "permalink" => &mut front.permalink,
        "generate_feeds" | "generate_feed" | "generate_rss" => &mut front.generate_feeds,
        "render" => &mut front.render,
        "transparent" => &mut front.transparent,
        "markup" => &mut front.markup,
        "id" | "guid" => &mut front.id,
        "feed" => &mut front.feed,
        "sitemap" => &mut front.sitemap,
        "build" | "_build" => &mut front.build,
        "cascade" => &mut front.cascade,
        _ => return None,
    })
}

/// Deserializes front matter, reading only its `Keys`.
pub(crate) struct FrontMatterSeed(pub(crate) Keys, pub(crate) DuplicateKeys);

impl<'de> de::DeserializeSeed<'de> for FrontMatterSeed {
    type Value = FrontMatter;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<FrontMatter, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FrontMatterSeed {
    type Value = FrontMatter;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping of keys to values")
    }

    // A block holding only comments is empty front matter.
    fn visit_unit<E>(self) -> Result<FrontMatter, E> {
        Ok(FrontMatter::default())
    }
    fn visit_none<E>(self) -> Result<FrontMatter, E> {
        Ok(FrontMatter::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FrontMatter, A::Error> {
        let mut front = FrontMatter::default();
        let mut seen = HashSet::new();
        while let Some(Key(key)) = map.next_key()? {
            let repeated = !seen.insert(key.clone());
            if repeated {
                match self.1 {
                    DuplicateKeys::Refuse => {
                        return Err(de::Error::custom(format_args!("duplicate key `{key}`")))
                    }
                    DuplicateKeys::LastWins => front.duplicate_keys.push(key.clone()),
                }
            }
            match field_for(&mut front, &key, self.0) {
                // The later of two equal keys replaces the first.
                Some(slot) if repeated => *slot = map.next_value()?,
                // `author` and `authors` (or `image` and `images`) together: the first wins.
                Some(slot) if *slot == Value::Null => *slot = map.next_value()?,
                Some(_) => {
                    map.next_value::<IgnoredAny>()?;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(front)
    }
}
