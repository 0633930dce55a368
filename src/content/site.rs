//! The content model: every published page with its permalink and dates in UTC.
//! It knows nothing of RSS, Atom or sitemaps.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use feedwright_check::spec::sitemap::MAX_LOC;
use rayon::prelude::*;
use url::Url;

use super::date;
use super::discover::{self, FileKind, SourceFile};
use super::front_matter::{self, FrontMatter, Keys, Split, Value};
use super::listing::{self, FeedListing, Listing};
use super::permalink::{self, PermalinkPattern, PermalinkVars};
use super::source::read_page;
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result, Warning};

/// What a page is in the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageKind {
    /// A regular page or leaf bundle with a date: a feed entry.
    Post,
    /// A regular page without a date: sitemap only.
    Page,
    /// A section's list page.
    Section,
    /// The home page.
    Home,
}

/// A published page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// What kind of page it is.
    pub kind: PageKind,
    /// The content file, or `None` for a list page that has no `_index.md`.
    pub source: Option<PathBuf>,
    /// The page's absolute URL.
    pub permalink: Url,
    /// When it was published.
    pub date: Option<DateTime<Utc>>,
    /// When it last changed; never before `date`.
    pub lastmod: Option<DateTime<Utc>>,
    /// The first folder under content ("" at the root).
    pub section: String,
    /// Whether the page is a leaf bundle (its relative resources live beside it).
    pub in_bundle: bool,
    /// The entry id the front matter pins (`id`, `guid`), in place of the permalink.
    pub pinned_id: Option<Box<str>>,
    /// Which feeds carry the page, and whether the sitemap lists it.
    pub listing: Listing,
    /// The page's terms of the taxonomies that have feeds per term (none otherwise).
    pub terms: Vec<Term>,
    /// A list page's own title (its `_index.md`'s), for its feed's title.
    pub title: Option<Box<str>>,
    /// The length of the Markdown body in bytes, which its feed entry's size is estimated from.
    pub body_bytes: usize,
}

/// One of a page's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The taxonomy: its index in the configured taxonomies with feeds per term.
    pub taxonomy: usize,
    /// The term as written.
    pub name: Box<str>,
}

/// Every published page, in permalink order.
#[derive(Debug, Default)]
pub struct Site {
    /// The pages, sorted by permalink.
    pub pages: Vec<Page>,
    /// Things the user should hear about (skipped files, broken posts under `--keep-going`).
    pub warnings: Vec<Warning>,
}

impl Site {
    /// Reads every content file under the configured folder (in parallel: front
    /// matter only, bodies are rendered later and only for feed entries).
    pub fn load(config: &Config) -> Result<Site> {
        let mut discovery = discover::discover(&config.content_dir)?;
        let mut warnings: Vec<Warning> = discovery.warnings.drain(..).map(Warning::from).collect();
        settle_errors(config, std::mem::take(&mut discovery.errors), &mut warnings)?;
        let translations = discovery
            .files
            .iter()
            .filter(|file| is_other_language(file, config))
            .count();
        // Each file is handed over whole, so its path moves into its page.
        let results: Vec<Result<Option<Page>>> = discovery
            .files
            .into_par_iter()
            .map(|file| load_page(file, config))
            .collect();

        let mut pages = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for result in results {
            match result {
                Ok(Some(page)) => pages.push(page),
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
        if translations > 0 {
            warnings.push(Warning::from(Diagnostic::new(
                Some(config.content_dir.clone()),
                None,
                format!("skipped {translations} translated pages (`name.LANG.md`) not in the site language; build each language separately"),
            )));
        }
        settle_errors(config, errors, &mut warnings)?;

        // Unstable is enough: permalink, then source, is a total order.
        pages.par_sort_unstable_by(|a, b| {
            a.permalink
                .as_str()
                .cmp(b.permalink.as_str())
                .then_with(|| a.source.cmp(&b.source))
        });
        let mut duplicates = Vec::new();
        pages.dedup_by(|later, first| {
            let same = later.permalink == first.permalink;
            if same {
                duplicates.push(Error::content(
                    later.source.as_deref().unwrap_or(Path::new("?")),
                    None,
                    format!(
                        "has the same URL as {} ({}); set a different `slug` or `url`",
                        first.source.as_deref().unwrap_or(Path::new("?")).display(),
                        first.permalink
                    ),
                ));
            }
            same
        });
        settle_errors(config, duplicates, &mut warnings)?;
        let shared_ids = shared_entry_ids(&mut pages);
        settle_errors(config, shared_ids, &mut warnings)?;

        add_list_pages(&mut pages, config);
        pages.sort_by(|a, b| a.permalink.as_str().cmp(b.permalink.as_str()));
        Ok(Site { pages, warnings })
    }

    /// The newest `limit` posts the site's feed carries (all of them for 0),
    /// newest first; equal dates are ordered by permalink, so the order is total.
    pub fn newest_posts(&self, limit: usize) -> Vec<&Page> {
        self.sorted_posts(limit, |p| p.listing.feeds == FeedListing::Everywhere)
    }

    /// Every post some feed carries (its section's at least), newest first.
    pub fn feed_posts(&self) -> Vec<&Page> {
        self.sorted_posts(0, |p| p.listing.feeds != FeedListing::Nowhere)
    }

    /// The newest `limit` posts (0: all) that `keep`, newest first.
    fn sorted_posts(&self, limit: usize, keep: impl Fn(&Page) -> bool) -> Vec<&Page> {
        let mut posts: Vec<&Page> = self
            .pages
            .iter()
            .filter(|p| p.kind == PageKind::Post && keep(p))
            .collect();
        let newest_first = |a: &&Page, b: &&Page| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.permalink.as_str().cmp(b.permalink.as_str()))
        };
        // A feed wants a few of many posts: select them, and sort only those.
        if limit > 0 && limit < posts.len() {
            posts.select_nth_unstable_by(limit - 1, newest_first);
            posts.truncate(limit);
        }
        posts.par_sort_unstable_by(newest_first);
        posts
    }
}

/// Posts whose entry id (the pinned one, else the permalink) another post
/// has too: an error naming both, and under `--keep-going` the later one left
/// out of the feeds. `pages` must be sorted by permalink.
fn shared_entry_ids(pages: &mut [Page]) -> Vec<Error> {
    let mut errors = Vec::new();
    if pages.iter().all(|p| p.pinned_id.is_none()) {
        return errors;
    }
    let mut by_id: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut repeated = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        if page.kind != PageKind::Post {
            continue;
        }
        let id = page.pinned_id.as_deref().unwrap_or(page.permalink.as_str());
        if let Some(&first) = by_id.get(id) {
            repeated.push((first, index));
        } else {
            by_id.insert(id, index);
        }
    }
    // A pinned id that is another post's permalink: that post's id too.
    for (index, page) in pages.iter().enumerate() {
        if let Some(id) = page.pinned_id.as_deref() {
            let other = pages.binary_search_by(|p| p.permalink.as_str().cmp(id));
            if let Ok(other) = other {
                if other != index
                    && pages[other].kind == PageKind::Post
                    && pages[other].pinned_id.is_none()
                {
                    repeated.push((other.min(index), other.max(index)));
                }
            }
        }
    }
    repeated.sort_unstable();
    repeated.dedup();
    let source = |page: &Page| page.source.clone().unwrap_or_default();
    for (first, later) in repeated {
        let id = pages[later]
            .pinned_id
            .as_deref()
            .unwrap_or(pages[later].permalink.as_str())
            .to_string();
        errors.push(Error::content(
            &source(&pages[later]),
            None,
            format!(
                "has the entry id {id}, as {} does: every post needs an id of its own, or readers take the two for one; change its `id`",
                source(&pages[first]).display()
            ),
        ));
        pages[later].listing.feeds = FeedListing::Nowhere;
    }
    errors
}

/// Fails with every error, or under `--keep-going` turns each into a warning.
fn settle_errors(
    config: &Config,
    mut errors: Vec<Error>,
    warnings: &mut Vec<Warning>,
) -> Result<()> {
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort_by_key(|e| e.to_string());
    if config.keep_going {
        warnings.extend(errors.iter().map(|e| {
            let mut skipped = e.to_diagnostic();
            skipped.message.push_str(" (skipped)");
            Warning::from(skipped)
        }));
        Ok(())
    } else {
        Err(Error::Many(errors))
    }
}

fn is_other_language(file: &SourceFile, config: &Config) -> bool {
    match (&file.language, &config.language) {
        (None, _) => false,
        (Some(lang), Some(site)) => !site
            .split('-')
            .next()
            .is_some_and(|p| p.eq_ignore_ascii_case(lang.split('-').next().unwrap_or(""))),
        (Some(_), None) => true,
    }
}

/// Builds the page of one content file, or `None` when it is not published.
fn load_page(file: SourceFile, config: &Config) -> Result<Option<Page>> {
    if is_other_language(&file, config) {
        return Ok(None);
    }
    let path = file.path.clone();
    // Feeds per term must know every post's terms; otherwise the pass over
    // the whole site skips them.
    let keys = if config.feed_sets.taxonomies.is_empty() {
        Keys::Metadata
    } else {
        Keys::Listing
    };
    read_page(&path, keys, |split, front| {
        build_page(file, split, front, config)
    })
}

/// Jekyll's `YYYY-MM-DD-slug` file names carry the date; the slug is the rest.
fn date_from_file_name(name: &str) -> Option<(NaiveDate, &str)> {
    let (date, rest) = (name.get(..10)?, name.get(10..)?);
    let slug = rest.strip_prefix('-')?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    (!slug.is_empty()).then_some((date, slug))
}

fn build_page(
    file: SourceFile,
    split: &Split<'_>,
    front: &FrontMatter,
    config: &Config,
) -> Result<Option<Page>> {
    let path = file.path.as_path();
    let date_of = |value: &Value, key: &str| -> Result<Option<DateTime<Utc>>> {
        match value {
            Value::Null => Ok(None),
            Value::Text(t) | Value::Date(t) if t.trim().is_empty() => Ok(None),
            Value::Text(t) | Value::Date(t) => date::parse(t, config.timezone)
                .map(|d| Some(truncate_to_seconds(d)))
                .map_err(|e| {
                    Error::content(
                        path,
                        front_matter::line_of_key(split, key),
                        format!("`{key}`: {e}"),
                    )
                }),
            other => Err(Error::content(
                path,
                front_matter::line_of_key(split, key),
                format!("`{key}`: expected a date, found {}", other.describe()),
            )),
        }
    };

    let draft = match &front.draft {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Text(t) if t.eq_ignore_ascii_case("true") => true,
        Value::Text(t) if t.eq_ignore_ascii_case("false") => false,
        other => {
            return Err(Error::content(
                path,
                front_matter::line_of_key(split, "draft"),
                format!(
                    "`draft`: expected true or false, found {}",
                    other.describe()
                ),
            ))
        }
    };
    let headless = matches!(front.headless, Value::Bool(true));

    let file_date = date_from_file_name(&file.name);
    let slug_from_name = file_date.map_or(file.name.as_str(), |(_, slug)| slug);
    let publish_date = date_of(&front.publish_date, "publishDate")?;
    let date = match date_of(&front.date, "date")? {
        Some(d) => Some(d),
        None => publish_date.or_else(|| {
            file_date.map(|(d, _)| config.timezone.local_to_utc(d.and_time(NaiveTime::MIN)))
        }),
    };
    let lastmod = date_of(&front.lastmod, "lastmod")?;
    let expiry = date_of(&front.expiry_date, "expiryDate")?;

    let title = front.title.text().unwrap_or("");
    let is_list = file.kind == FileKind::SectionIndex;
    let kind = match (is_list, file.folders.is_empty(), date.is_some()) {
        (true, true, _) => PageKind::Home,
        (true, false, _) => PageKind::Section,
        (false, _, true) => PageKind::Post,
        (false, _, false) => PageKind::Page,
    };
    if kind == PageKind::Post && title.trim().is_empty() {
        return Err(Error::content(
            path,
            Some(split.front_line.saturating_sub(1).max(1)),
            "has a date but no `title`; feed entries need one",
        ));
    }

    let now = config.now;
    let include = config.include;
    let published_at = publish_date.or(date);
    if (draft && !include.drafts)
        || headless
        || (published_at.is_some_and(|d| d > now) && !include.future)
        || (expiry.is_some_and(|d| d <= now) && !include.expired)
    {
        return Ok(None);
    }

    let section = file.folders.first().cloned().unwrap_or_default();
    let permalink = match front.url.text() {
        Some(url) => permalink::page_url(&config.base_url, url),
        None if is_list => {
            let path: Vec<String> = file
                .folders
                .iter()
                .map(|f| permalink::path_segment(f))
                .collect();
            permalink::page_url(&config.base_url, &format!("{}/", path.join("/")))
        }
        None => {
            let sections = file.folders.join("/");
            let slug = front.slug.text().unwrap_or(slug_from_name);
            let vars = PermalinkVars {
                section: &section,
                sections: &sections,
                slug,
                filename: slug_from_name,
                date: date.map(|d| permalink::calendar_date(d, config.timezone)),
                title,
            };
            // Jekyll's dated file names mean Jekyll's dated URLs: two posts may share
            // a slug in different years (Homebrew's blog has two such).
            let pattern = config
                .permalinks
                .get(section.as_str())
                .unwrap_or_else(|| PermalinkPattern::fallback(file_date.is_some()));
            permalink::page_url(&config.base_url, &pattern.expand(&vars))
        }
    };

    if permalink.as_str().len() > MAX_LOC {
        let key = if front.url.text().is_some() {
            "url"
        } else {
            "slug"
        };
        return Err(Error::content(
            path,
            front_matter::line_of_key(split, key),
            format!(
                "its URL would be {} characters long; sitemaps and many readers stop at {MAX_LOC}: shorten its `slug`, `url` or file name",
                permalink.as_str().len()
            ),
        ));
    }

    let listing = Listing::from_front_matter(path, split, front)?;
    let pinned_id = listing::pinned_id(path, split, front)?;
    let terms = if kind == PageKind::Post {
        terms(front, &config.feed_sets.taxonomies)
    } else {
        Vec::new()
    };
    Ok(Some(Page {
        kind,
        pinned_id,
        listing,
        terms,
        title: (kind != PageKind::Post && !title.trim().is_empty()).then(|| title.trim().into()),
        body_bytes: split.body.len(),
        source: Some(file.path),
        permalink,
        date,
        lastmod: match (lastmod, date) {
            (Some(l), Some(d)) => Some(l.max(d)),
            (l, d) => l.or(d),
        },
        section,
        in_bundle: file.kind == FileKind::LeafBundle,
    }))
}

/// The terms of `taxonomies` the front matter gives, first mention first,
/// without repeats: `tags` and `categories` (Jekyll's `category` too) and
/// any taxonomy in Zola's `[taxonomies]` table.
fn terms(front: &FrontMatter, taxonomies: &[String]) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    for (index, taxonomy) in taxonomies.iter().enumerate() {
        let top_level = match taxonomy.as_str() {
            "tags" => front.tags.texts(),
            "categories" => front.categories.texts(),
            _ => Vec::new(),
        };
        let in_table = match &front.taxonomies {
            Value::Table(entries) => entries
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case(taxonomy))
                .flat_map(|(_, v)| v.texts())
                .collect(),
            _ => Vec::new(),
        };
        for name in top_level.into_iter().chain(in_table) {
            let name = name.trim();
            let seen = terms
                .iter()
                .any(|t| t.taxonomy == index && &*t.name == name);
            if !name.is_empty() && !seen {
                terms.push(Term {
                    taxonomy: index,
                    name: name.into(),
                });
            }
        }
    }
    terms
}

fn truncate_to_seconds(instant: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(instant.timestamp(), 0).unwrap_or(instant)
}

/// Adds the list pages Hugo makes without an `_index.md` (home and each top-level
/// section) and dates every list page by the newest page under it. `pages`
/// must be sorted by permalink.
fn add_list_pages(pages: &mut Vec<Page>, config: &Config) {
    let mut newest: BTreeMap<String, Option<DateTime<Utc>>> = BTreeMap::new();
    let mut site_newest = None;
    for page in pages
        .iter()
        .filter(|p| matches!(p.kind, PageKind::Post | PageKind::Page))
    {
        site_newest = site_newest.max(page.lastmod);
        if page.section.is_empty() {
            continue;
        }
        // Looked up before it is inserted: the section's name is copied once, not per page.
        match newest.get_mut(&page.section) {
            Some(entry) => *entry = (*entry).max(page.lastmod),
            None => {
                newest.insert(page.section.clone(), page.lastmod);
            }
        }
    }
    for page in pages.iter_mut() {
        match page.kind {
            PageKind::Home => page.lastmod = page.lastmod.max(site_newest),
            PageKind::Section => {
                if let Some(n) = newest.remove(&page.section) {
                    page.lastmod = page.lastmod.max(n);
                }
            }
            _ => {}
        }
    }
    let list_page = |kind, permalink, lastmod, section| Page {
        kind,
        source: None,
        permalink,
        date: None,
        lastmod,
        section,
        in_bundle: false,
        pinned_id: None,
        listing: Listing::default(),
        terms: Vec::new(),
        title: None,
        body_bytes: 0,
    };
    // Sections whose `_index.md` exists were matched above; the rest are made
    // here. `pages` is sorted by permalink, so lookups are binary searches.
    let exists = |pages: &[Page], url: &Url| {
        pages
            .binary_search_by(|p| p.permalink.as_str().cmp(url.as_str()))
            .is_ok()
    };
    let known = pages.len();
    for (section, lastmod) in newest {
        let url = permalink::page_url(
            &config.base_url,
            &format!("{}/", permalink::path_segment(&section)),
        );
        if !exists(&pages[..known], &url) {
            pages.push(list_page(PageKind::Section, url, lastmod, section));
        }
    }
    if !pages.iter().any(|p| p.kind == PageKind::Home) && !exists(&pages[..known], &config.base_url)
    {
        pages.push(list_page(
            PageKind::Home,
            config.base_url.clone(),
            site_newest,
            String::new(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_posts_are_a_prefix_of_all_posts_newest_first() {
        let base = Url::parse("https://example.org/").unwrap();
        // Many ties, in a scrambled order, and pages that are not posts.
        let pages: Vec<Page> = (0..200u32)
            .map(|i| {
                let n = (i * 7919) % 200;
                Page {
                    kind: if n % 13 == 0 {
                        PageKind::Page
                    } else {
                        PageKind::Post
                    },
                    source: None,
                    permalink: base.join(&format!("p{n}/")).unwrap(),
                    date: DateTime::from_timestamp(i64::from(n / 5) * 3600, 0),
                    lastmod: None,
                    section: String::new(),
                    in_bundle: false,
                    pinned_id: None,
                    listing: Listing::default(),
                    terms: Vec::new(),
                    title: None,
                    body_bytes: 0,
                }
            })
            .collect();
        let site = Site {
            pages,
            warnings: Vec::new(),
        };
        let all = site.newest_posts(0);
        assert_eq!(all.len(), 184);
        assert!(all
            .windows(2)
            .all(|w| (w[1].date, &w[0].permalink) <= (w[0].date, &w[1].permalink)));
        for limit in [1, 2, 5, 20, 183, 184, 500] {
            let newest = site.newest_posts(limit);
            assert_eq!(newest, all[..limit.min(all.len())], "limit {limit}");
        }
    }

    #[test]
    fn jekyll_file_names() {
        let (date, slug) = date_from_file_name("2013-05-06-jekyll-1-0-1-released").unwrap();
        assert_eq!(date, NaiveDate::from_ymd_opt(2013, 5, 6).unwrap());
        assert_eq!(slug, "jekyll-1-0-1-released");
        assert!(date_from_file_name("post-1").is_none());
        assert!(date_from_file_name("2013-05-06").is_none());
        assert!(date_from_file_name("2013-02-30-x").is_none());
    }
}
