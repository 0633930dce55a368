//! The content model: every published page with its permalink and dates in UTC.
//! It knows nothing of RSS, Atom or sitemaps.
//!
//! Which files are pages, their URLs and their dates follow the site's
//! generator (Hugo, Jekyll or Zola, whose rules are in [`super::url_rules`]
//! and [`super::discover`]), or feedwright's own conventions when no
//! generator was recognised.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use feedwright_check::spec::sitemap::MAX_LOC;
use rayon::prelude::*;
use url::Url;

use super::date::{self, SiteTimezone};
use super::discover::{self, FileKind, Layout, LayoutKind, Markup, SourceFile};
use super::front_matter::{self, DuplicateKeys, FrontMatter, Keys, Split, Value};
use super::listing::{self, FeedListing, Listing};
use super::permalink::{self, PermalinkPattern, PermalinkVars};
use super::source::read_page;
use super::url_rules::{self, hugo::HugoUrls, PageFacts, SiteFacts};
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result, Warning};
use crate::site_config::hugo::{DateSource, HugoRules};
use crate::site_config::jekyll::JekyllRules;
use crate::site_config::zola::ZolaRules;
use crate::site_config::{Generator, GeneratorRules};

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
    /// The page's language: its index in the configured languages (0 is the default).
    pub language: usize,
    /// Whether the site's feed of its language carries it (a post of the
    /// sections that hold the site's posts); other posts are in their
    /// section's feed and the sitemap only.
    pub in_site_feed: bool,
    /// What the body is written in.
    pub markup: Markup,
    /// The entry id the front matter pins (`id`, `guid`), in place of the permalink.
    pub pinned_id: Option<Box<str>>,
    /// Which feeds carry the page, and whether the sitemap lists it.
    pub listing: Listing,
    /// The page's terms of the taxonomies that have feeds per term (none otherwise).
    pub terms: Vec<Term>,
    /// The page's title, where it has one (a list page made without an
    /// `_index.md` has none).
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

/// A content file the site does not publish, and why: what `-v` and
/// `feedwright list` tell about it.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    /// The content file.
    pub source: PathBuf,
    /// Its title, where it has one.
    pub title: Option<Box<str>>,
    /// Its date, where it has one.
    pub date: Option<DateTime<Utc>>,
    /// Why it is left out.
    pub reason: LeftOutReason,
}

/// Why a content file is not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOutReason {
    /// `draft: true` (or `published: false`); `--drafts` publishes it.
    Draft,
    /// `headless: true`: Hugo publishes no page for it.
    Headless,
    /// Dated (or `publishDate`) after "now"; `--future` publishes it.
    Future(DateTime<Utc>),
    /// Its `expiryDate` has passed; `--expired` publishes it.
    Expired(DateTime<Utc>),
    /// A translation (`name.LANG.md`) not in the site's language.
    OtherLanguage,
}

/// Every published page, in permalink order.
#[derive(Debug, Default)]
pub struct Site {
    /// The pages, sorted by permalink.
    pub pages: Vec<Page>,
    /// Things the user should hear about (skipped files, broken posts under `--keep-going`).
    pub warnings: Vec<Warning>,
    /// Why the default language's feed is empty, when it is and the content has pages.
    pub empty_feed: Option<String>,
    /// Content files whose URL another page has too, under the generator's
    /// own rules (Hugo and Jekyll publish one page there), with that URL.
    pub shadowed: Vec<(PathBuf, Url)>,
    /// Content files not published (drafts, future and expired posts,
    /// translations in no language of the site), in path order.
    pub left_out: Vec<LeftOut>,
}

/// A generator's rules, with what they need prepared once for the whole build.
enum Rules {
    Plain,
    Hugo(Box<HugoUrls>, HugoRules),
    Jekyll(JekyllRules),
    Zola(ZolaRules),
}

/// Counts of what the pass over the site left out of the default
/// language's feed, to say why it is empty.
#[derive(Default)]
struct Tally {
    regular: AtomicUsize,
    undated: AtomicUsize,
    drafts: AtomicUsize,
    future: AtomicUsize,
    expired: AtomicUsize,
    elsewhere: AtomicUsize,
    other_languages: AtomicUsize,
}

impl Tally {
    fn add(counter: &AtomicUsize) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// Everything the pages of one build share.
struct Context<'c> {
    config: &'c Config,
    rules: Rules,
    facts: SiteFacts,
    /// Each language's path prefix (`""` or `fr`).
    prefixes: Vec<String>,
    /// Each language's time zone, for dates written without an offset.
    timezones: Vec<SiteTimezone>,
    duplicates: DuplicateKeys,
    tally: Tally,
    /// Pages whose date came from their path or file name, not their front
    /// matter (counted, and the first named, to say so once).
    path_dates: Mutex<(usize, Option<PathBuf>)>,
    /// Zola sections: folders (joined with `/`) and language → (`generate_feeds`, `transparent`).
    sections: Mutex<HashMap<(String, usize), (bool, bool)>>,
    /// Hugo sections whose `cascade` sets build options: folders (joined
    /// with `/`) and language → the listing they give.
    cascades: HashMap<(String, usize), Listing>,
}

impl Context<'_> {
    fn generator(&self) -> Generator {
        self.config.generator
    }
}

/// An error in the Hugo site's `permalinks` (`permalinks.posts: …`), at the
/// line that sets the pattern where the configuration's files show one.
fn permalink_error(config: &Config, message: String) -> Error {
    let files: Vec<_> = config
        .site
        .files
        .iter()
        .map(|f| config.site_path(f))
        .collect();
    let key = message.split_once(": ").map_or("", |(key, _)| key);
    let kind_form = key.replacen("permalinks.", "permalinks.page.", 1);
    match crate::site_config::locate_key(&files, &[key, &kind_form]) {
        Some((path, line, source)) => Error::config(&path, Some(line), message).at(Some(source)),
        None => Error::config(&config.site_file(), None, message),
    }
}

impl Site {
    /// Reads every content file of the site (in parallel: front matter only,
    /// bodies are rendered later and only for feed entries).
    pub fn load(config: &Config) -> Result<Site> {
        let rules = match &config.site.rules {
            GeneratorRules::Hugo(rules) => {
                let language_patterns: Vec<_> = config
                    .site
                    .languages
                    .iter()
                    .map(|l| l.permalinks.clone())
                    .collect();
                let urls = HugoUrls::new(rules, &language_patterns, &config.generator_permalinks)
                    .map_err(|message| permalink_error(config, message))?;
                Rules::Hugo(Box::new(urls), rules.clone())
            }
            GeneratorRules::Jekyll(rules) => Rules::Jekyll(rules.clone()),
            GeneratorRules::Zola(rules) => Rules::Zola(rules.clone()),
            GeneratorRules::None => Rules::Plain,
        };
        let mut discovery = discover_files(config, &rules)?;
        let mut warnings: Vec<Warning> = discovery.warnings.drain(..).map(Warning::from).collect();
        settle_errors(config, std::mem::take(&mut discovery.errors), &mut warnings)?;
        let translations = discovery
            .files
            .iter()
            .filter(|file| is_other_language(file, config))
            .count();
        let cascades = match rules {
            Rules::Hugo(..) => hugo_cascades(config, &discovery.files, &mut warnings)?,
            _ => HashMap::new(),
        };
        let context = Context {
            config,
            cascades,
            facts: SiteFacts::gather(&discovery.files),
            prefixes: language_prefixes(config),
            timezones: language_timezones(config),
            duplicates: config.duplicate_keys(),
            rules,
            tally: Tally::default(),
            path_dates: Mutex::new((0, None)),
            sections: Mutex::new(HashMap::new()),
        };
        // Each file is handed over whole, so its path moves into its page.
        let results: Vec<Result<Loaded>> = discovery
            .files
            .into_par_iter()
            .map(|file| load_page(file, &context))
            .collect();

        let mut pages = Vec::with_capacity(results.len());
        let mut left_out = Vec::new();
        let mut errors = Vec::new();
        for result in results {
            match result {
                Ok(loaded) => {
                    if let Some(page) = loaded.page {
                        pages.push(page);
                    }
                    left_out.extend(loaded.left_out);
                    warnings.extend(loaded.warnings.into_iter().map(Warning::from));
                }
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
        let (dated_by_path, example) =
            std::mem::take(&mut *context.path_dates.lock().expect("no thread panicked"));
        if dated_by_path > 0 {
            warnings.push(Warning::from(Diagnostic::new(
                example,
                None,
                format!(
                    "{dated_by_path} pages have no date in their front matter; each is dated from the `YYYY/MM/DD` in its path or the `YYYY-MM-DD-` its file name starts with (add `date:` to the front matter to say otherwise)"
                ),
            )));
        }
        if let Rules::Zola(rules) = &context.rules {
            let sections =
                std::mem::take(&mut *context.sections.lock().expect("no thread panicked"));
            zola_site_feeds(&mut pages, rules, &sections, config);
        }

        // Unstable is enough: permalink, then source, is a total order.
        pages.par_sort_unstable_by(|a, b| {
            a.permalink
                .as_str()
                .cmp(b.permalink.as_str())
                .then_with(|| a.source.cmp(&b.source))
        });
        let mut duplicates = Vec::new();
        let mut shared = Vec::new();
        let mut shadowed = Vec::new();
        let generator = config.generator;
        pages.dedup_by(|later, first| {
            let same = later.permalink == first.permalink;
            if same {
                let later_path = later.source.as_deref().unwrap_or(Path::new("?"));
                let first_path = first.source.as_deref().unwrap_or(Path::new("?")).display();
                match generator {
                    // Hugo and Jekyll publish both at the one URL, the last
                    // written over the first: the site has one page there.
                    Generator::Hugo | Generator::Jekyll => {
                        shadowed.push((later_path.to_path_buf(), later.permalink.clone()));
                        shared.push(Warning::from(Diagnostic::new(
                        Some(later_path.to_path_buf()),
                        None,
                        format!(
                            "has the same URL as {first_path} ({}) under {generator}'s own rules, so the site publishes only one page there; the feeds carry {first_path}",
                            first.permalink
                        ),
                    )))
                    }
                    _ => duplicates.push(at_key_of(
                        later_path,
                        &["slug", "url", "permalink", "path"],
                        format!(
                            "has the same URL as {first_path} ({}); set a different `slug` or `url`",
                            first.permalink
                        ),
                    )),
                }
            }
            same
        });
        warnings.extend(shared);
        settle_errors(config, duplicates, &mut warnings)?;
        let shared_ids = shared_entry_ids(&mut pages);
        settle_errors(config, shared_ids, &mut warnings)?;

        let empty_feed = why_empty(&pages, &context);
        add_list_pages(&mut pages, &context);
        pages.sort_by(|a, b| a.permalink.as_str().cmp(b.permalink.as_str()));
        left_out.sort_by(|a, b| a.source.cmp(&b.source));
        Ok(Site {
            pages,
            warnings,
            empty_feed,
            shadowed,
            left_out,
        })
    }

    /// The newest `limit` posts (all of them for 0) of the site's feed of
    /// the default language, newest first; equal dates are ordered by
    /// permalink, so the order is total.
    pub fn newest_posts(&self, limit: usize) -> Vec<&Page> {
        self.newest_posts_in(0, limit)
    }

    /// [`Site::newest_posts`] for the language `language`.
    pub fn newest_posts_in(&self, language: usize, limit: usize) -> Vec<&Page> {
        self.sorted_posts(limit, |p| {
            p.in_site_feed && p.language == language && p.listing.feeds == FeedListing::Everywhere
        })
    }

    /// Every post of `language` some feed carries (its section's at least), newest first.
    pub fn feed_posts_in(&self, language: usize) -> Vec<&Page> {
        self.sorted_posts(0, |p| {
            p.language == language && p.listing.feeds != FeedListing::Nowhere
        })
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

/// The content files of the site, found as its generator finds them.
fn discover_files(config: &Config, rules: &Rules) -> Result<discover::Discovery> {
    let codes: Vec<String> = config
        .site
        .languages
        .iter()
        .map(|l| l.code.clone())
        .collect();
    match rules {
        Rules::Plain => discover::discover(&config.content_dir),
        Rules::Jekyll(rules) => {
            discover::jekyll::discover(&config.content_dir, rules, &codes, &config.out_dir)
        }
        Rules::Hugo(_, hugo) => {
            // Each language's content folder (Hugo `contentDir`), the site's
            // for languages without their own; a folder's files are in the
            // first language (the default first) that reads it.
            let mut roots: Vec<(PathBuf, usize)> = Vec::new();
            if config.content_dir_given {
                roots.push((config.content_dir.clone(), 0));
            } else {
                for (index, language) in config.site.languages.iter().enumerate() {
                    let dir = language
                        .content_dir
                        .as_deref()
                        .map_or_else(|| config.content_dir.clone(), |dir| config.site_path(dir));
                    if !roots.iter().any(|(r, _)| *r == dir) {
                        roots.push((dir, index));
                    }
                }
                if roots.is_empty() {
                    roots.push((config.content_dir.clone(), 0));
                }
            }
            roots.retain(|(dir, lang)| *lang == 0 || dir.is_dir());
            if roots.is_empty() {
                roots.push((config.content_dir.clone(), 0));
            }
            let patterns = hugo
                .ignore_files
                .iter()
                .map(|p| regex::Regex::new(p))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|e| {
                    Error::config(&config.site_file(), None, format!("ignoreFiles: {e}"))
                })?;
            let layout = Layout {
                kind: LayoutKind::Hugo,
                languages: codes,
                ignored: (!patterns.is_empty()).then(|| {
                    Box::new(move |path: &Path| {
                        let text = path.to_string_lossy();
                        patterns.iter().any(|p| p.is_match(&text))
                    }) as discover::IgnoredFiles
                }),
            };
            discover::discover_all(&roots, &layout)
        }
        Rules::Zola(zola) => {
            let ignored_error = |e: globset::Error| {
                Error::config(&config.site_file(), None, format!("ignored_content: {e}"))
            };
            let mut builder = globset::GlobSetBuilder::new();
            for pattern in &zola.ignored_content {
                builder.add(globset::Glob::new(pattern).map_err(ignored_error)?);
            }
            let set = builder.build().map_err(ignored_error)?;
            let layout = Layout {
                kind: LayoutKind::Zola,
                languages: codes,
                ignored: (!zola.ignored_content.is_empty()).then(|| {
                    Box::new(move |path: &Path| set.is_match(path)) as discover::IgnoredFiles
                }),
            };
            discover::discover_all(&[(config.content_dir.clone(), 0)], &layout)
        }
    }
}

/// Each language's path prefix: Hugo's `/fr/` for every language but the
/// default (the default too with `defaultContentLanguageInSubdir`), Zola's
/// `/fr/` for every language but the default; none for Jekyll, whose
/// language folders are in the paths already.
pub(crate) fn language_prefixes(config: &Config) -> Vec<String> {
    let languages = &config.site.languages;
    languages
        .iter()
        .enumerate()
        .map(|(index, language)| match config.generator {
            Generator::Hugo if index > 0 || config.site.default_language_in_subdir => {
                language.code.clone()
            }
            Generator::Zola if index > 0 => language.code.clone(),
            _ => String::new(),
        })
        .collect()
}

/// Each language's zone for dates written without an offset.
fn language_timezones(config: &Config) -> Vec<SiteTimezone> {
    let languages = &config.site.languages;
    if languages.is_empty() {
        return vec![config.timezone];
    }
    languages
        .iter()
        .map(|language| {
            language
                .timezone
                .as_deref()
                .and_then(|tz| tz.parse().ok())
                .unwrap_or(config.timezone)
        })
        .collect()
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
        errors.push(at_key_of(
            &source(&pages[later]),
            &["id", "guid", "slug", "url"],
            format!(
                "has the entry id {id}, as {} does: every post needs an id of its own, or readers take the two for one; change its `id`",
                source(&pages[first]).display()
            ),
        ));
        pages[later].listing.feeds = FeedListing::Nowhere;
    }
    errors
}

/// A content error about the file at `path`, placed at the first of its
/// front-matter `keys` it sets (the value that makes the trouble), else about
/// the whole file.
fn at_key_of(path: &Path, keys: &[&str], message: String) -> Error {
    match front_matter::first_key_place(path, keys) {
        Some((line, source)) => Error::content(path, Some(line), message).at(Some(source)),
        None => Error::content(path, None, message),
    }
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
        warnings.extend(errors.iter().map(Warning::skipped));
        Ok(())
    } else {
        Err(Error::Many(errors))
    }
}

/// feedwright's own convention: a translation (`name.LANG.md`) not in the
/// site's language is left out (a generator's site has its languages).
fn is_other_language(file: &SourceFile, config: &Config) -> bool {
    if config.generator != Generator::None {
        return false;
    }
    match (&file.language, &config.language) {
        (None, _) => false,
        (Some(lang), Some(site)) => !site
            .split('-')
            .next()
            .is_some_and(|p| p.eq_ignore_ascii_case(lang.split('-').next().unwrap_or(""))),
        (Some(_), None) => true,
    }
}

/// What reading one content file gave.
#[derive(Default)]
struct Loaded {
    page: Option<Page>,
    warnings: Vec<Diagnostic>,
    left_out: Option<LeftOut>,
}

/// Builds the page of one content file, or `None` when it is not published.
fn load_page(file: SourceFile, context: &Context<'_>) -> Result<Loaded> {
    if is_other_language(&file, context.config) {
        return Ok(Loaded {
            left_out: Some(LeftOut {
                source: file.path,
                title: None,
                date: None,
                reason: LeftOutReason::OtherLanguage,
            }),
            ..Loaded::default()
        });
    }
    let path = file.path.clone();
    // Feeds per term must know every post's terms; otherwise the pass over
    // the whole site skips them.
    let keys = if context.config.feed_sets.taxonomies.is_empty() {
        Keys::Metadata
    } else {
        Keys::Listing
    };
    read_page(&path, keys, context.duplicates, |split, front| {
        let mut warnings: Vec<Diagnostic> = front
            .duplicate_keys
            .iter()
            .map(|key| {
                Diagnostic::new(
                    Some(path.clone()),
                    front_matter::line_of_key(split, key),
                    format!("`{key}` is set twice in the front matter; the last one is used, as Jekyll does"),
                )
            })
            .collect();
        let mut left_out = None;
        let page = build_page(file, split, front, context, &mut warnings, &mut left_out)?;
        Ok(Loaded {
            page,
            warnings,
            left_out,
        })
    })
}

/// The build options each Hugo section's `cascade` gives (read before the
/// pages, which take the nearest section's).
fn hugo_cascades(
    config: &Config,
    files: &[SourceFile],
    warnings: &mut Vec<Warning>,
) -> Result<HashMap<(String, usize), Listing>> {
    let found: Vec<(&SourceFile, Result<Option<Listing>>)> = files
        .par_iter()
        .filter(|file| file.kind == FileKind::SectionIndex && !is_other_language(file, config))
        .filter_map(|file| {
            // A file that cannot be read is reported once, by the pass over the pages.
            read_page(
                &file.path,
                Keys::Metadata,
                config.duplicate_keys(),
                |split, front| Ok(Listing::from_cascade(&file.path, split, &front.cascade)),
            )
            .ok()
            .map(|cascade| (file, cascade))
        })
        .collect();
    let mut cascades = HashMap::new();
    let mut errors = Vec::new();
    for (file, result) in found {
        match result {
            Ok(Some(listing)) => {
                cascades.insert((file.folders.join("/"), file.lang), listing);
            }
            Ok(None) => {}
            Err(error) => errors.push(error),
        }
    }
    settle_errors(config, errors, warnings)?;
    Ok(cascades)
}

/// The build options of the nearest section above `file` (or `file`'s own,
/// for a section) whose `cascade` sets them.
fn cascaded_listing(context: &Context<'_>, file: &SourceFile) -> Option<Listing> {
    if context.cascades.is_empty() {
        return None;
    }
    (0..=file.folders.len()).rev().find_map(|depth| {
        context
            .cascades
            .get(&(file.folders[..depth].join("/"), file.lang))
            .copied()
    })
}

/// Jekyll's `YYYY-MM-DD-slug` file names carry the date; the slug is the rest.
fn date_from_file_name(name: &str) -> Option<(NaiveDate, &str)> {
    let (date, rest) = (name.get(..10)?, name.get(10..)?);
    let slug = rest.strip_prefix('-')?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    (!slug.is_empty()).then_some((date, slug))
}

/// A `YYYY-M-D-` (or `YYYY-MM-DD-`) file name: its date and the rest.
fn loose_date_from_file_name(name: &str) -> Option<(NaiveDate, &str)> {
    let (date, slug) = discover::jekyll::dated_name(name)?;
    let mut parts = date.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    if year < 1000 {
        return None;
    }
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Some((NaiveDate::from_ymd_opt(year, month, day)?, slug))
}

/// A `YYYY/MM/DD` run of segments in a path (`/2026/03/26/1.94.1-release`).
fn date_from_path(path: &str) -> Option<NaiveDate> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segments.windows(3).find_map(|w| {
        let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !(digits(w[0], 4..=4) && digits(w[1], 1..=2) && digits(w[2], 1..=2)) {
            return None;
        }
        NaiveDate::from_ymd_opt(w[0].parse().ok()?, w[1].parse().ok()?, w[2].parse().ok()?)
    })
}

/// Whether Hugo reads `text` as a date: its parser (spf13/cast's layouts)
/// wants two-digit months and days, and leaves a page dated `2017-9-1`
/// undated.
fn hugo_reads_date(text: &str) -> bool {
    let mut parts = text.trim().splitn(3, '-');
    let (Some(year), Some(month), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
        return true;
    };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let day_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    month.len() == 2 && day_len == 2
}

/// Jekyll's reading of a file name's date: `Time.parse`, two-digit years
/// 69–99 in the 1900s and 00–68 in the 2000s.
fn jekyll_file_date(date: &str) -> Option<NaiveDate> {
    let mut parts = date.split('-');
    let year_text = parts.next()?;
    let mut year: i32 = year_text.parse().ok()?;
    if year_text.len() == 2 {
        year += if year >= 69 { 1900 } else { 2000 };
    }
    NaiveDate::from_ymd_opt(
        year,
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
    )
}

fn build_page(
    file: SourceFile,
    split: &Split<'_>,
    front: &FrontMatter,
    context: &Context<'_>,
    warnings: &mut Vec<Diagnostic>,
    left_out: &mut Option<LeftOut>,
) -> Result<Option<Page>> {
    let config = context.config;
    let path = file.path.as_path();
    let generator = context.generator();
    // A file Jekyll (or Hugo, for `.html`) finds without front matter is
    // copied as it is, not a page.
    let needs_front_matter = match generator {
        Generator::Jekyll => file.collection.as_deref() != Some("posts"),
        Generator::Hugo => file.markup == Markup::Html,
        _ => false,
    };
    if needs_front_matter && split.format.is_none() {
        return Ok(None);
    }
    let timezone = context
        .timezones
        .get(file.lang)
        .copied()
        .unwrap_or(config.timezone);
    let mut date_of = |value: &Value, key: &str| -> Result<Option<DateTime<FixedOffset>>> {
        match value {
            // `published: false` is read as unpublishing (below), not as a date.
            Value::Null | Value::Bool(_) => Ok(None),
            Value::Text(t) | Value::Date(t) if t.trim().is_empty() => Ok(None),
            Value::Text(t) | Value::Date(t) => {
                if generator == Generator::Hugo && !hugo_reads_date(t) {
                    warnings.push(Diagnostic::new(
                        Some(path.to_path_buf()),
                        front_matter::line_of_key(split, key),
                        format!("`{key}`: Hugo does not read `{t}` as a date (it wants two-digit months and days), so the page is undated as in Hugo"),
                    ));
                    return Ok(None);
                }
                match date::parse_as_written(t, timezone) {
                    Ok(read) => Ok(Some(read)),
                    Err(e) => match date::parse_like_ruby(t, timezone) {
                        // Jekyll's Time.parse reads what precedes trailing text.
                        Some((read, ignored)) if generator == Generator::Jekyll => {
                            warnings.push(Diagnostic::new(
                                Some(path.to_path_buf()),
                                front_matter::line_of_key(split, key),
                                format!("`{key}`: `{t}` has trailing text; Jekyll (Ruby's Time.parse) ignores `{ignored}` and reads {}, and so does feedwright", read.to_rfc3339()),
                            ));
                            Ok(Some(read))
                        }
                        _ => Err(front_matter::key_error(path, split, key, e)
                            .with_hint(date::ACCEPTED_SHAPES)),
                    },
                }
            }
            other => Err(front_matter::key_error(
                path,
                split,
                key,
                format!("expected a date, found {}", other.describe()),
            )
            .with_hint(date::ACCEPTED_SHAPES)),
        }
    };

    let mut draft = match &front.draft {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Text(t) if t.eq_ignore_ascii_case("true") => true,
        Value::Text(t) if t.eq_ignore_ascii_case("false") => false,
        other => {
            return Err(front_matter::key_error(
                path,
                split,
                "draft",
                format!("expected true or false, found {}", other.describe()),
            ))
        }
    };
    // `published: false`: Jekyll's unpublished document, Hugo's draft.
    if front.publish_date == Value::Bool(false) {
        draft = true;
    }
    let headless = matches!(front.headless, Value::Bool(true));
    let is_list = file.kind == FileKind::SectionIndex;

    // The page's date, as its generator reads it, and the name its slug comes from.
    let mut name_slug = file.name.as_str();
    let publish_date = date_of(&front.publish_date, "publishDate")?;
    let mut date: Option<DateTime<FixedOffset>> = match &context.rules {
        Rules::Plain => {
            let file_date = date_from_file_name(&file.name);
            if let Some((_, slug)) = file_date {
                name_slug = slug;
            }
            match date_of(&front.date, "date")? {
                Some(d) => Some(d),
                None => publish_date.or_else(|| {
                    file_date.map(|(d, _)| timezone.local_to_fixed(d.and_time(NaiveTime::MIN)))
                }),
            }
        }
        Rules::Hugo(_, rules) => {
            let mut found = None;
            for source in &rules.date_sources {
                let value = match source {
                    DateSource::Filename => {
                        // `dateAndSlugFromBaseFilename`: a `YYYY-MM-DD` prefix of
                        // the file (or bundle) name; the rest, trimmed, the slug.
                        let named = file
                            .name
                            .get(..10)
                            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                        if let Some(day) = named {
                            name_slug = file.name[10..].trim_matches([' ', '-', '_']);
                            if name_slug.is_empty() {
                                name_slug = file.name.as_str();
                            }
                            Some(timezone.local_to_fixed(day.and_time(NaiveTime::MIN)))
                        } else {
                            None
                        }
                    }
                    DateSource::Key(key) => match key.as_str() {
                        "date" => date_of(&front.date, "date")?,
                        "publishdate" | "pubdate" | "published" => publish_date,
                        _ => date_of(&front.lastmod, "lastmod")?,
                    },
                };
                if value.is_some() {
                    found = value;
                    break;
                }
            }
            found
        }
        Rules::Jekyll(_) => {
            // A document's file name gives its slug and, unless the front
            // matter has a date, its date (`Document#populate_title`).
            let dated = file
                .collection
                .as_ref()
                .and_then(|_| discover::jekyll::dated_name(&file.name));
            if let Some((_, slug)) = dated {
                name_slug = slug.trim_end_matches('.');
            }
            match (&file.collection, date_of(&front.date, "date")?) {
                (_, Some(d)) => Some(d),
                (Some(_), None) => dated
                    .and_then(|(d, _)| jekyll_file_date(d))
                    .map(|d| timezone.local_to_fixed(d.and_time(NaiveTime::MIN))),
                (None, None) => None,
            }
        }
        Rules::Zola(rules) => {
            let prefix = url_rules::zola::date_prefix(&file.name);
            name_slug = url_rules::zola::name_without_date(rules, &file.name);
            match date_of(&front.date, "date")? {
                Some(d) => Some(d),
                None => prefix.and_then(|(d, _)| date::parse_as_written(d, timezone).ok()),
            }
        }
    };
    // The date the generator's URL rules see; the feed may date an undated
    // page from its path or file name below.
    let url_date = date;
    if date.is_none() && !is_list && file.collection.is_none() {
        let from_path = front.url.text().and_then(date_from_path);
        let from_name = || loose_date_from_file_name(&file.name).map(|(d, _)| d);
        if let Some(day) =
            from_path.or_else(|| (generator != Generator::None).then(from_name).flatten())
        {
            date = Some(timezone.local_to_fixed(day.and_time(NaiveTime::MIN)));
            let mut noted = context.path_dates.lock().expect("no thread panicked");
            noted.0 += 1;
            noted.1.get_or_insert_with(|| path.to_path_buf());
        }
    }
    let lastmod = date_of(&front.lastmod, "lastmod")?.map(|d| d.with_timezone(&Utc));
    let expiry = date_of(&front.expiry_date, "expiryDate")?.map(|d| d.with_timezone(&Utc));
    let date_utc = date.map(|d| truncate_to_seconds(d.with_timezone(&Utc)));

    let jekyll_title;
    let mut title = front.title.text().unwrap_or("");
    if title.is_empty() && generator == Generator::Jekyll && file.collection.is_some() {
        jekyll_title = url_rules::jekyll::titleize_slug(front.slug.text().unwrap_or(name_slug));
        title = &jekyll_title;
    }
    let kind = match (is_list, file.folders.is_empty(), date.is_some()) {
        (true, true, _) => PageKind::Home,
        (true, false, _) => PageKind::Section,
        (false, _, true) => PageKind::Post,
        (false, _, false) => PageKind::Page,
    };
    // Jekyll's pages and non-post documents are never feed entries.
    let kind = match (generator, kind, file.collection.as_deref()) {
        (Generator::Jekyll, PageKind::Post, Some("posts")) => PageKind::Post,
        (Generator::Jekyll, PageKind::Post, _) => PageKind::Page,
        (_, kind, _) => kind,
    };
    let section = file.folders.first().cloned().unwrap_or_default();
    let in_site_feed = kind == PageKind::Post
        && match &config.feed_sections {
            Some(sections) => sections.iter().any(|s| s.eq_ignore_ascii_case(&section)),
            None => true,
        };
    let default_language = file.lang == 0;
    if default_language && matches!(kind, PageKind::Post | PageKind::Page) {
        Tally::add(&context.tally.regular);
    }
    if kind == PageKind::Post && in_site_feed && title.trim().is_empty() {
        return Err(Error::content(
            path,
            Some(split.front_line.saturating_sub(1).max(1)),
            "has a date but no `title`; feed entries need one",
        ));
    }

    let now = config.now;
    let include = config.include;
    let published_at = publish_date.map(|d| d.with_timezone(&Utc)).or(date_utc);
    let skipped = match (published_at, expiry) {
        _ if headless => Some((&context.tally.drafts, LeftOutReason::Headless)),
        _ if draft && !include.drafts => Some((&context.tally.drafts, LeftOutReason::Draft)),
        (Some(at), _) if at > now && !include.future => {
            Some((&context.tally.future, LeftOutReason::Future(at)))
        }
        (_, Some(at)) if at <= now && !include.expired => {
            Some((&context.tally.expired, LeftOutReason::Expired(at)))
        }
        _ => None,
    };
    if let Some((counter, reason)) = skipped {
        if default_language && !is_list {
            Tally::add(counter);
        }
        *left_out = Some(LeftOut {
            source: file.path.clone(),
            title: page_title(title),
            date: date_utc,
            reason,
        });
        return Ok(None);
    }
    if default_language && !is_list {
        if date.is_none() {
            Tally::add(&context.tally.undated);
        } else if !in_site_feed {
            Tally::add(&context.tally.elsewhere);
        }
    } else if !is_list && kind == PageKind::Post {
        Tally::add(&context.tally.other_languages);
    }

    let prefix = context.prefixes.get(file.lang).map_or("", String::as_str);
    let slug = front
        .slug
        .text()
        .or_else(|| (name_slug != file.name && generator == Generator::Hugo).then_some(name_slug));
    let facts = PageFacts {
        file: &file,
        front,
        date: url_date,
        title,
        name_slug,
        slug,
    };
    // The entry id the generator's own feed gives the page, where it is not
    // the permalink (jekyll-feed's `post.id`).
    let mut generator_id = None;
    let permalink = match &context.rules {
        Rules::Plain => plain_permalink(&file, front, date_utc, title, name_slug, config),
        Rules::Hugo(urls, _) => {
            let link = if is_list {
                urls.section_path(&file.folders, prefix)
            } else {
                urls.page_path(&facts, &context.facts, prefix)
            };
            permalink::exact_page_url(&config.base_url, &link)
        }
        Rules::Zola(rules) => {
            if is_list {
                context.sections.lock().expect("no thread panicked").insert(
                    (file.folders.join("/"), file.lang),
                    (
                        matches!(front.generate_feeds, Value::Bool(true)),
                        matches!(front.transparent, Value::Bool(true)),
                    ),
                );
            }
            let link = if is_list {
                url_rules::zola::section_path(&file.folders, prefix)
            } else {
                url_rules::zola::page_path(rules, &facts, prefix)
            };
            permalink::exact_page_url(&config.base_url, &link)
        }
        Rules::Jekyll(rules) => {
            let relative = path
                .strip_prefix(&config.content_dir)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            let kind_name = file.collection.as_deref().unwrap_or("pages");
            let defaults = url_rules::jekyll::defaults_for(&rules.defaults, &relative, kind_name);
            let default_text = |key: &str| {
                defaults
                    .get(key)
                    .and_then(crate::site_config::load::scalar_text)
            };
            let permalink_text = front
                .permalink
                .text()
                .map(str::to_string)
                .or_else(|| default_text("permalink"));
            let link = match file.collection {
                Some(_) => {
                    let categories = jekyll_categories(&file, front, &defaults);
                    let slug = front.slug.text().unwrap_or(name_slug).trim_end_matches('.');
                    let local = timezone.wall_clock(
                        url_date
                            .map(|d| d.with_timezone(&Utc))
                            .unwrap_or(config.now),
                    );
                    url_rules::jekyll::document_path(
                        rules,
                        &url_rules::jekyll::Document {
                            file: &file,
                            relative_path: &relative,
                            permalink: permalink_text.as_deref(),
                            slug,
                            categories: &categories,
                            date: local,
                        },
                    )
                }
                None => url_rules::jekyll::page_path(rules, &file, permalink_text.as_deref()),
            };
            if file.collection.is_some() {
                // `data["slug"]` is the front matter's as written, else the
                // file name's (its trailing dots removed).
                let slug = front.slug.text().unwrap_or(name_slug);
                let id = url_rules::jekyll::document_id(&link, slug);
                generator_id = Some(url_rules::jekyll::absolute_id(&config.base_url, &id));
            }
            // jekyll-sitemap leaves the 404 page out; no feed lists it either.
            if file.collection.is_none() && (link == "/404.html" || link == "/404/") {
                return Ok(None);
            }
            permalink::exact_page_url(&config.base_url, &link)
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

    let mut listing = Listing::from_front_matter(path, split, front)?;
    // Zola renders no page for a section with `render = false`, and its
    // sitemap leaves it out (`sitemap.rs`: sections filtered on `meta.render`).
    if is_list
        && matches!(context.rules, Rules::Zola(_))
        && matches!(front.render, Value::Bool(false))
    {
        listing.hidden_from_sitemap = true;
    }
    if matches!(front.build, Value::Null) {
        if let Some(cascaded) = cascaded_listing(context, &file) {
            listing.feeds = listing.feeds.max(cascaded.feeds);
            listing.hidden_from_sitemap |= cascaded.hidden_from_sitemap;
        }
    }
    let pinned_id = listing::pinned_id(path, split, front)?.or_else(|| {
        generator_id
            .filter(|id| *id != permalink)
            .map(|id| id.as_str().into())
    });
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
        body_bytes: split.body.len(),
        source: Some(file.path),
        permalink,
        date: date_utc,
        lastmod: match (lastmod, date_utc) {
            (Some(l), Some(d)) => Some(l.max(d)),
            (l, d) => l.or(d),
        },
        section,
        in_bundle: file.kind == FileKind::LeafBundle,
        language: file.lang,
        in_site_feed,
        markup: file.markup,
        title: page_title(title),
    }))
}

/// A title as a page keeps it: trimmed, `None` when empty.
fn page_title(title: &str) -> Option<Box<str>> {
    let title = title.trim();
    (!title.is_empty()).then(|| title.into())
}

/// A Jekyll document's categories (`Document#populate_categories`): the
/// folders above `_posts`, then `categories` (a string split on
/// whitespace), then `category` (one, not split), defaults standing in for
/// the front matter.
fn jekyll_categories(
    file: &SourceFile,
    front: &FrontMatter,
    defaults: &serde_json::Map<String, serde_json::Value>,
) -> Vec<String> {
    let mut categories: Vec<String> = if file.collection.as_deref() == Some("posts") {
        file.folders.to_vec()
    } else {
        Vec::new()
    };
    let from_default = |key: &str| -> Value {
        match defaults.get(key) {
            Some(serde_json::Value::String(s)) => Value::Text(s.clone()),
            Some(serde_json::Value::Array(items)) => Value::List(
                items
                    .iter()
                    .filter_map(crate::site_config::load::scalar_text)
                    .map(Value::Text)
                    .collect(),
            ),
            Some(other) => {
                crate::site_config::load::scalar_text(other).map_or(Value::Null, Value::Text)
            }
            None => Value::Null,
        }
    };
    let plural = if front.categories == Value::Null {
        from_default("categories")
    } else {
        front.categories.clone()
    };
    match &plural {
        Value::Text(text) => categories.extend(text.split_whitespace().map(str::to_string)),
        other => categories.extend(other.texts()),
    }
    let singular = if front.category == Value::Null {
        from_default("category")
    } else {
        front.category.clone()
    };
    categories.extend(singular.texts());
    categories
}

/// feedwright's own permalink: the front matter's `url`, or the section's
/// pattern (Hugo tokens), or `/:sections/:slug/`.
fn plain_permalink(
    file: &SourceFile,
    front: &FrontMatter,
    date: Option<DateTime<Utc>>,
    title: &str,
    slug_from_name: &str,
    config: &Config,
) -> Url {
    let section = file.folders.first().map_or("", String::as_str);
    match front.url.text() {
        Some(url) => permalink::page_url(&config.base_url, url),
        None if file.kind == FileKind::SectionIndex => {
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
                section,
                sections: &sections,
                slug,
                filename: slug_from_name,
                date: date.map(|d| permalink::calendar_date(d, config.timezone)),
                title,
            };
            // Jekyll's dated file names mean Jekyll's dated URLs: two posts may share
            // a slug in different years (Homebrew's blog has two such).
            let dated = date_from_file_name(&file.name).is_some();
            let pattern = config
                .permalinks
                .get(section)
                .unwrap_or_else(|| PermalinkPattern::fallback(dated));
            permalink::page_url(&config.base_url, &pattern.expand(&vars))
        }
    }
}

/// The terms of `taxonomies` the front matter gives, first mention first,
/// without repeats: `tags` and `categories` (Jekyll's `category` too) and
/// any taxonomy in Zola's `[taxonomies]` table.
fn terms(front: &FrontMatter, taxonomies: &[String]) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    for (index, taxonomy) in taxonomies.iter().enumerate() {
        let top_level = match taxonomy.as_str() {
            "tags" => front.tags.texts(),
            "categories" => {
                let mut names = front.categories.texts();
                names.extend(front.category.texts());
                names
            }
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

/// Which Zola pages the site's feed of their language carries
/// (`components/site/src/feeds.rs`, `Site::build`): every page, when the
/// site (or the language) generates a feed; else the pages of the sections
/// whose `_index.md` sets `generate_feeds` (with those of their transparent
/// subsections); else, when the site writes no feed at all, every page.
fn zola_site_feeds(
    pages: &mut [Page],
    rules: &ZolaRules,
    sections: &HashMap<(String, usize), (bool, bool)>,
    config: &Config,
) {
    if config.feed_sections.is_some() {
        return;
    }
    let site_feed = |language: usize| {
        config
            .site
            .languages
            .get(language)
            .map_or(rules.generate_feeds, |l| l.feeds)
    };
    let any_section_feed = sections.values().any(|(feeds, _)| *feeds);
    for page in pages.iter_mut().filter(|p| p.kind == PageKind::Post) {
        if site_feed(page.language) || !any_section_feed {
            continue;
        }
        // The page's section is its folder's; a transparent section's pages
        // are its parent's too.
        let folders = page
            .source
            .as_deref()
            .and_then(|s| s.strip_prefix(&config.content_dir).ok())
            .map(|rel| {
                let mut parts: Vec<String> = rel
                    .parent()
                    .map(|p| p.iter().map(|c| c.to_string_lossy().into_owned()).collect())
                    .unwrap_or_default();
                if page.in_bundle {
                    parts.pop();
                }
                parts
            })
            .unwrap_or_default();
        let mut covered = false;
        let mut depth = folders.len();
        loop {
            let key = (folders[..depth].join("/"), page.language);
            match sections.get(&key) {
                Some((feeds, transparent)) => {
                    covered |= *feeds;
                    if !*transparent || depth == 0 {
                        break;
                    }
                }
                None if depth == 0 => break,
                None => {}
            }
            depth -= 1;
        }
        page.in_site_feed = covered;
    }
}

/// Why the default language's site feed has no entry though the site has
/// pages, with what to do about it; `None` when it has entries (or there
/// are no pages at all).
fn why_empty(pages: &[Page], context: &Context<'_>) -> Option<String> {
    let has_entries = pages
        .iter()
        .any(|p| p.kind == PageKind::Post && p.in_site_feed && p.language == 0);
    let count = |c: &AtomicUsize| c.load(Ordering::Relaxed);
    let tally = &context.tally;
    let regular = count(&tally.regular);
    let other = count(&tally.other_languages);
    if has_entries || (regular == 0 && other == 0) {
        return None;
    }
    let mut reasons = Vec::new();
    let undated = count(&tally.undated);
    if undated > 0 {
        reasons.push(format!(
            "{undated} of its {regular} pages have no date: add `date:` to their front matter (a page without one is not a post), or write it in their path (`/2026/03/26/…`) or file name (`2026-03-26-title.md`)"
        ));
    }
    for (counter, what, how) in [
        (&tally.drafts, "are drafts", "pass --drafts to publish them"),
        (
            &tally.future,
            "are dated after now",
            "pass --future, or --now with a later instant",
        ),
        (
            &tally.expired,
            "have expired (`expiryDate`)",
            "pass --expired",
        ),
    ] {
        let n = count(counter);
        if n > 0 {
            reasons.push(format!("{n} {what}: {how}"));
        }
    }
    let elsewhere = count(&tally.elsewhere);
    if elsewhere > 0 {
        let sections = match &context.config.feed_sections {
            Some(sections) => format!(
                "the sections that hold the site's posts ({}, from `mainSections` or `feed_sections`)",
                sections.join(", ")
            ),
            None => "a section whose feed the site generates".to_string(),
        };
        reasons.push(format!(
            "{elsewhere} dated pages are outside {sections}: name their section in `feed_sections:` in feedwright.yaml"
        ));
    }
    if other > 0 {
        reasons.push(format!(
            "{other} posts are in the site's other languages only"
        ));
    }
    Some(format!(
        "the site's feed would have no entries, though the content has {regular} pages: {}; or pass --allow-empty to write the empty feeds anyway",
        if reasons.is_empty() {
            "none of them is a dated regular page".to_string()
        } else {
            reasons.join("; ")
        }
    ))
}

/// Adds the list pages the generator makes without a list file (Hugo's home
/// and top-level sections, Zola's home, each per language; Jekyll makes
/// none) and dates every list page by the newest page under it. `pages`
/// must be sorted by permalink.
fn add_list_pages(pages: &mut Vec<Page>, context: &Context<'_>) {
    let config = context.config;
    if config.generator == Generator::Jekyll {
        return;
    }
    let mut newest: BTreeMap<(usize, String), Option<DateTime<Utc>>> = BTreeMap::new();
    let mut site_newest: BTreeMap<usize, Option<DateTime<Utc>>> = BTreeMap::new();
    for page in pages
        .iter()
        .filter(|p| matches!(p.kind, PageKind::Post | PageKind::Page))
    {
        let entry = site_newest.entry(page.language).or_default();
        *entry = (*entry).max(page.lastmod);
        if page.section.is_empty() {
            continue;
        }
        // Looked up before it is inserted: the section's name is copied once, not per page.
        let key = (page.language, page.section.clone());
        match newest.get_mut(&key) {
            Some(entry) => *entry = (*entry).max(page.lastmod),
            None => {
                newest.insert(key, page.lastmod);
            }
        }
    }
    for page in pages.iter_mut() {
        match page.kind {
            PageKind::Home => {
                page.lastmod = page
                    .lastmod
                    .max(site_newest.get(&page.language).copied().flatten())
            }
            PageKind::Section => {
                if let Some(n) = newest.remove(&(page.language, page.section.clone())) {
                    page.lastmod = page.lastmod.max(n);
                }
            }
            _ => {}
        }
    }
    let list_page = |kind, permalink, lastmod, section, language| Page {
        kind,
        source: None,
        permalink,
        date: None,
        lastmod,
        section,
        in_bundle: false,
        language,
        in_site_feed: false,
        markup: Markup::Markdown,
        pinned_id: None,
        listing: Listing::default(),
        terms: Vec::new(),
        title: None,
        body_bytes: 0,
    };
    // Sections whose `_index.md` exists were matched above; the rest are made
    // here (Zola has no section without one). `pages` is sorted by
    // permalink, so lookups are binary searches.
    let exists = |pages: &[Page], url: &Url| {
        pages
            .binary_search_by(|p| p.permalink.as_str().cmp(url.as_str()))
            .is_ok()
    };
    let known = pages.len();
    let prefix = |language: usize| context.prefixes.get(language).map_or("", String::as_str);
    if config.generator != Generator::Zola {
        for ((language, section), lastmod) in newest {
            let url = match &context.rules {
                Rules::Hugo(urls, _) => permalink::exact_page_url(
                    &config.base_url,
                    &urls.section_path(std::slice::from_ref(&section), prefix(language)),
                ),
                _ => permalink::page_url(
                    &config.base_url,
                    &format!("{}/", permalink::path_segment(&section)),
                ),
            };
            if !exists(&pages[..known], &url) {
                pages.push(list_page(
                    PageKind::Section,
                    url,
                    lastmod,
                    section,
                    language,
                ));
            }
        }
    }
    for (language, lastmod) in site_newest {
        let home = match prefix(language) {
            "" => config.base_url.clone(),
            prefix => permalink::exact_page_url(&config.base_url, &format!("/{prefix}/")),
        };
        let has_home = pages
            .iter()
            .any(|p| p.kind == PageKind::Home && p.language == language);
        if !has_home && !exists(&pages[..known], &home) {
            pages.push(list_page(
                PageKind::Home,
                home,
                lastmod,
                String::new(),
                language,
            ));
        }
    }
    if !pages.iter().any(|p| p.kind == PageKind::Home) && !exists(&pages[..known], &config.base_url)
    {
        pages.push(list_page(
            PageKind::Home,
            config.base_url.clone(),
            None,
            String::new(),
            0,
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
                    language: 0,
                    in_site_feed: true,
                    markup: Markup::Markdown,
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
            empty_feed: None,
            shadowed: Vec::new(),
            left_out: Vec::new(),
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
