//! Rendering: the site model into every output file, in memory.
//!
//! Every feed set ([`crate::feed::sets`]) is written in every format asked
//! for, from one list of posts. Each post a feed carries is read, rendered and
//! sanitised once, and its entry written once per format; every feed that
//! carries it shares those bytes. Sizes are exact before a feed is put
//! together: a feed kept under `max_feed_bytes` renders only the entries that
//! fit (estimated from their Markdown first, then counted exactly), and is
//! never written twice.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rayon::prelude::*;
use url::Url;

use super::sitemap::{self, SitemapUrl};
use super::{atom, feeds_html, json_feed, rss, FeedFormat, OutputFile};
use crate::config::Config;
use crate::content::site::{Page, Site};
use crate::error::{Diagnostic, Error, Result, Warning};
use crate::feed::sanitize::escape_text;
use crate::feed::sets::{self, FeedSet, Scope};
use crate::feed::{self, FeedEntry, FeedHead};
use crate::templates::{leftovers, loader, SiteContext, TemplateWarning};

/// Every output file for `site`, in memory, and what the user should hear about them.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The files, ready to write.
    pub files: Vec<OutputFile>,
    /// Things the user should hear about (entries left out to keep a feed
    /// readable, template text left in an entry).
    pub warnings: Vec<Warning>,
    /// What `-v` tells (the terms merged into one).
    pub notes: Vec<String>,
    /// The entries the site's feed holds.
    pub entries: usize,
    /// The URLs the sitemap lists (0 without one).
    pub sitemap_urls: usize,
    /// Every feed file written, the site's first.
    pub feeds: Vec<WrittenFeed>,
    /// The site feed's latest entries, for the page of feeds.
    pub(crate) latest: Vec<EntryLine>,
}

/// A feed file the build writes: what the HTML page lists and
/// `--print-discovery` announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenFeed {
    /// The feed's title.
    pub title: String,
    /// Its format.
    pub format: FeedFormat,
    /// Its path in the output folder.
    pub path: String,
    /// Its URL.
    pub url: Url,
    /// What it is about: the site, a section, a term.
    pub scope: Scope,
    /// Which feed set it is one format of (feeds of one set share the number).
    pub set: usize,
}

/// Every output file of `site` in `config`'s language, in memory: the feeds
/// and the sitemap are rendered side by side. [`finish`] adds what covers
/// every language.
pub fn render(site: &Site, config: &Config) -> Result<Rendered> {
    let none = HashSet::new();
    let (feeds, sitemaps) = rayon::join(
        || render_feeds(site, config),
        || {
            if config.sitemap {
                render_sitemap(site, config, &none)
            } else {
                Vec::new()
            }
        },
    );
    let (mut rendered, latest, skipped) = feeds?;
    rendered.latest = latest;
    if config.sitemap {
        // A post skipped while its entry was read (`--keep-going`) is left
        // out of the sitemap too: rare, so the sitemap is only redone then.
        let sitemaps = if skipped.is_empty() {
            sitemaps
        } else {
            render_sitemap(site, config, &skipped)
        };
        rendered.sitemap_urls = sitemap_pages(site, &skipped).count();
        rendered.files.extend(sitemaps);
    }
    Ok(rendered)
}

/// What covers every language's outputs: the page listing every feed (when
/// asked for), and the check that no two outputs share a path.
pub(crate) fn finish(config: &Config, rendered: &mut Rendered) -> Result<()> {
    if config.html {
        let page = feeds_html::render(config, &rendered.feeds, &rendered.latest);
        rendered.files.push(page);
    }
    check_unique_names(&rendered.files)
}

/// The pages the sitemap lists: those not hidden from it, but for `skipped`.
fn sitemap_pages<'s>(
    site: &'s Site,
    skipped: &'s HashSet<&Url>,
) -> impl Iterator<Item = &'s Page> + 's {
    site.pages
        .iter()
        .filter(|page| !page.listing.hidden_from_sitemap && !skipped.contains(&page.permalink))
}

/// The sitemap of every page it lists: one file, or several and their index.
fn render_sitemap(site: &Site, config: &Config, skipped: &HashSet<&Url>) -> Vec<OutputFile> {
    let urls: Vec<SitemapUrl> = sitemap_pages(site, skipped)
        .map(|page| SitemapUrl {
            loc: &page.permalink,
            lastmod: page.lastmod,
        })
        .collect();
    sitemap::render(&urls, &config.output.sitemap, &config.base_url)
}

/// Two outputs at one path (a section and a term both named `feed`, say):
/// refused, since one would silently replace the other.
fn check_unique_names(files: &[OutputFile]) -> Result<()> {
    let mut seen = HashSet::with_capacity(files.len());
    for file in files {
        if !seen.insert(file.name.as_str()) {
            return Err(Error::Usage(format!(
                "two outputs would be written to {}: rename a section, term or output file (`output:` in the config) so each has a path of its own",
                file.name
            )));
        }
    }
    Ok(())
}

/// A post's entry, written once in every format asked for.
#[derive(Debug)]
struct WrittenEntry {
    /// What the HTML page lists.
    summary: EntryLine,
    /// When it last changed, as RSS and JSON Feed say it.
    updated: DateTime<Utc>,
    /// The same, nudged to be unique among the feeds' entries, as Atom says it.
    atom_updated: DateTime<Utc>,
    /// Whether its image is Media RSS (the feed declares the namespace).
    uses_media: bool,
    /// Its item in RSS, Atom and JSON Feed (empty for a format not written).
    parts: [String; 3],
}

/// A line of the HTML page's latest entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntryLine {
    /// The entry's title.
    pub title: String,
    /// Its permalink.
    pub permalink: Url,
    /// When it was published.
    pub published: DateTime<Utc>,
}

fn format_index(format: FeedFormat) -> usize {
    match format {
        FeedFormat::Rss => 0,
        FeedFormat::Atom => 1,
        FeedFormat::Json => 2,
    }
}

/// Writes `entry` in each of `config.formats`.
fn write_entry(entry: &FeedEntry, atom_updated: DateTime<Utc>, config: &Config) -> WrittenEntry {
    let mut parts: [String; 3] = Default::default();
    for &format in &config.formats {
        parts[format_index(format)] = match format {
            FeedFormat::Rss => rss::item(entry),
            FeedFormat::Atom => atom::entry(entry, atom_updated),
            FeedFormat::Json => json_feed::item(entry),
        };
    }
    WrittenEntry {
        summary: EntryLine {
            title: entry.title.clone(),
            permalink: entry.permalink.clone(),
            published: entry.published,
        },
        updated: entry.updated,
        atom_updated,
        uses_media: rss::uses_media_rss(entry),
        parts,
    }
}

/// A post's entry written, with what its templates left to say and the
/// warning of template text left in it.
type Filled = (
    usize,
    WrittenEntry,
    Vec<(String, TemplateWarning)>,
    Option<Warning>,
);

/// The entries written so far, by index into the feed sets' posts.
struct EntryCache<'a> {
    posts: &'a [&'a Page],
    templates: &'a SiteContext,
    /// What the posts' templates left to say, by file.
    template_warnings: Vec<(String, TemplateWarning)>,
    /// Entries that still show template text a reader would see.
    leftovers: Vec<Warning>,
    atom_updated: Vec<DateTime<Utc>>,
    written: Vec<Option<Arc<WrittenEntry>>>,
    /// How far each entry was shrunk to fit: 0 whole, 1 summary and link, 2 link.
    shrunk: Vec<u8>,
    /// The posts whose file failed to read (left out under `--keep-going`).
    failed: Vec<bool>,
    /// Those posts' warnings.
    skipped: Vec<Warning>,
    config: &'a Config,
}

impl EntryCache<'_> {
    /// Reads, renders and writes each post of `indices` not written yet, in parallel.
    ///
    /// A post whose file fails to read now (a key only entries need is
    /// broken: the pass over the whole site skipped it) fails the build, or
    /// under `--keep-going` is left out of every feed with a warning.
    fn fill(&mut self, indices: &[usize]) -> Result<()> {
        let todo: Vec<usize> = indices
            .iter()
            .copied()
            .filter(|&i| self.written[i].is_none() && !self.failed[i])
            .collect();
        let (posts, atom_updated, config) = (self.posts, &self.atom_updated, self.config);
        let templates = self.templates;
        let done: Vec<std::result::Result<Filled, (usize, Error)>> = todo
            .par_iter()
            .map(|&i| {
                let (entry, warnings) =
                    feed::read_entry(posts[i], config, templates).map_err(|error| (i, error))?;
                let leftover = leftovers::find(entry.body_html()).map(|found| {
                    Warning::Site(Diagnostic::new(
                        Some(entry.source.clone()),
                        None,
                        format!(
                            "the entry {} shows template text outside code: `{found}`",
                            entry.permalink
                        ),
                    ))
                });
                Ok((
                    i,
                    write_entry(&entry, atom_updated[i], config),
                    warnings,
                    leftover,
                ))
            })
            .collect();
        for result in done {
            match result {
                Ok((i, written, warnings, leftover)) => {
                    self.written[i] = Some(Arc::new(written));
                    self.template_warnings.extend(warnings);
                    self.leftovers.extend(leftover);
                }
                Err((i, error)) if self.config.keep_going => {
                    self.failed[i] = true;
                    self.skipped.push(Warning::skipped(&error));
                }
                Err((_, error)) => return Err(error),
            }
        }
        Ok(())
    }

    /// The written entry of post `i`; it must have been [`EntryCache::fill`]ed.
    fn get(&self, i: usize) -> &Arc<WrittenEntry> {
        self.written[i].as_ref().expect("filled before use")
    }

    /// Replaces post `i`'s entry by a smaller one, for a post too large to
    /// carry whole under the size limit: its summary and a link, else the
    /// link alone. `None` when it is already the link alone.
    fn shrink(&mut self, i: usize) -> Result<Option<&'static str>> {
        if self.shrunk[i] >= 2 {
            return Ok(None);
        }
        let (mut entry, _) = feed::read_entry(self.posts[i], self.config, self.templates)?;
        let link = format!(
            "<p><a href=\"{}\">{}</a></p>",
            escape_text(entry.permalink.as_str()),
            escape_text(&entry.title)
        );
        let what = if self.shrunk[i] == 0
            && entry.content_html.is_some()
            && !entry.summary_html.is_empty()
        {
            self.shrunk[i] = 1;
            entry.content_html = Some(format!("{}{link}", entry.summary_html));
            "its summary and a link"
        } else {
            self.shrunk[i] = 2;
            entry.summary_html = link.clone();
            entry.content_html = entry.content_html.map(|_| link);
            "a link to it"
        };
        let written = write_entry(&entry, self.atom_updated[i], self.config);
        self.written[i] = Some(Arc::new(written));
        Ok(Some(what))
    }
}

/// The feed files of every feed set, the site feed's entries for the HTML
/// page, and the posts skipped under `--keep-going` (their permalinks).
fn render_feeds<'s>(
    site: &'s Site,
    config: &Config,
) -> Result<(Rendered, Vec<EntryLine>, HashSet<&'s Url>)> {
    let sets = sets::select(site, config);
    let templates = loader::site_context(site, config);
    let atom_updated = atom::distinct_update_times(
        sets.posts
            .iter()
            .map(|p| p.lastmod.or(p.date).expect("posts have a date")),
    );
    let mut cache = EntryCache {
        posts: &sets.posts,
        templates: &templates,
        template_warnings: Vec::new(),
        leftovers: Vec::new(),
        atom_updated,
        written: vec![None; sets.posts.len()],
        shrunk: vec![0; sets.posts.len()],
        failed: vec![false; sets.posts.len()],
        skipped: Vec::new(),
        config,
    };
    let cap = config.max_feed_bytes;
    // Every post some feed surely carries is rendered in one parallel pass:
    // all each feed wants, or under a size limit as many as its estimate says fit.
    let mut first: Vec<usize> = sets
        .sets
        .iter()
        .flat_map(|set| {
            let wanted = set.wanted();
            let fit = if cap == 0 {
                wanted.len()
            } else {
                estimated_fit(wanted, &sets.posts, cap)
            };
            wanted[..fit].iter().copied()
        })
        .collect();
    first.sort_unstable();
    first.dedup();
    cache.fill(&first)?;

    let mut rendered = Rendered::default();
    let mut latest = Vec::new();
    let site_warning =
        |message: &String| Warning::Site(Diagnostic::new(None, None, message.clone()));
    rendered
        .warnings
        .extend(sets.warnings.iter().map(site_warning));
    rendered.notes.extend(sets.notes.iter().cloned());
    for (index, set) in sets.sets.iter().enumerate() {
        let taken = take_entries(set, &mut cache, config, &mut rendered.warnings)?;
        let written = Written {
            set,
            index,
            taken: &taken,
        };
        let files = assemble(written, &cache, site, config, &mut rendered.feeds);
        if set.scope == Scope::Site {
            rendered.entries = taken.len();
            latest = taken
                .iter()
                .take(FEEDS_PAGE_ENTRIES)
                .map(|&i| cache.get(i).summary.clone())
                .collect();
        }
        rendered.files.extend(files);
    }
    rendered.warnings.append(&mut cache.skipped);
    rendered
        .warnings
        .extend(feed::template_warnings(&cache.template_warnings));
    rendered.warnings.append(&mut cache.leftovers);
    let skipped = (0..sets.posts.len())
        .filter(|&i| cache.failed[i])
        .map(|i| &sets.posts[i].permalink)
        .collect();
    Ok((rendered, latest, skipped))
}

/// The latest entries the HTML page lists.
const FEEDS_PAGE_ENTRIES: usize = 10;

/// The estimated size of a post's entry in its largest format (Atom, its
/// HTML escaped), from its Markdown: generous, so rendering stops early and
/// counting exactly tops it up.
fn estimated_entry_bytes(page: &Page) -> usize {
    1_000 + page.body_bytes * 2
}

/// How many of `wanted`, newest first, surely fit in `cap` by their estimates.
fn estimated_fit(wanted: &[usize], posts: &[&Page], cap: usize) -> usize {
    let mut total = 2_000;
    wanted
        .iter()
        .take_while(|&&i| {
            total += estimated_entry_bytes(posts[i]);
            total <= cap
        })
        .count()
}

/// The bytes of a feed's parts in `format` other than its entries, at most
/// (the head as if it declared every namespace).
fn frame_bytes(set: &FeedSet, format: FeedFormat, config: &Config) -> usize {
    let url = config.output_url(&set.place.file(format, &config.output));
    let head = FeedHead {
        complete: true,
        ..feed_head(set, &[], config, None)
    };
    match format {
        FeedFormat::Rss => rss::head(&head, &url, true).len() + rss::TAIL.len(),
        FeedFormat::Atom => {
            atom::head(&head, &url, Some(DateTime::UNIX_EPOCH), true).len() + atom::TAIL.len()
        }
        FeedFormat::Json => {
            json_feed::head(&head, &url, icons(config)).len() + json_feed::TAIL.len()
        }
    }
}

/// The posts `set` carries: as many of those it wants, newest first, as fit
/// under the size limit in every format. Entries are rendered as they are
/// needed; a single post too large on its own is carried as its summary and a
/// link. What was left out is told in `warnings`.
fn take_entries(
    set: &FeedSet,
    cache: &mut EntryCache<'_>,
    config: &Config,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<usize>> {
    let limit = match set.limit {
        0 => usize::MAX,
        n => n,
    };
    let cap = config.max_feed_bytes;
    let formats = &config.formats;
    let mut sizes: Vec<usize> = formats
        .iter()
        .map(|&f| frame_bytes(set, f, config))
        .collect();
    let mut taken: Vec<usize> = Vec::new();
    let posts = &set.posts;
    let mut next = 0;
    while next < posts.len() && taken.len() < limit {
        let i = posts[next];
        if cache.written[i].is_none() && !cache.failed[i] {
            // Render a batch: all still wanted, or under a size limit as
            // many as the estimates say fit in what is left.
            let wanted = (limit - taken.len()).min(posts.len() - next);
            let batch = if cap == 0 {
                wanted
            } else {
                let left = cap.saturating_sub(sizes.iter().copied().max().unwrap_or(0));
                estimated_fit(&posts[next..], cache.posts, left + 2_000)
                    .clamp(4, 256)
                    .min(wanted)
            };
            cache.fill(&posts[next..next + batch])?;
        }
        if cache.failed[i] {
            next += 1;
            continue;
        }
        let part_bytes = |cache: &EntryCache<'_>, f: FeedFormat, first: bool| {
            let part = cache.get(i).parts[format_index(f)].len();
            let separator = if f == FeedFormat::Json && !first {
                json_feed::SEPARATOR.len()
            } else {
                0
            };
            part + separator
        };
        let fits = |cache: &EntryCache<'_>, sizes: &[usize]| {
            cap == 0
                || formats
                    .iter()
                    .zip(sizes)
                    .all(|(&f, &size)| size + part_bytes(cache, f, taken.is_empty()) <= cap)
        };
        if !fits(cache, &sizes) {
            if !taken.is_empty() {
                break;
            }
            // The newest post alone passes the limit: carry less of it.
            match cache.shrink(i)? {
                Some(what) => {
                    warnings.push(Warning::Site(Diagnostic::new(
                        cache.posts[i].source.clone(),
                        None,
                        format!(
                            "{} is too large to carry whole in {} under {cap} bytes; it carries {what}",
                            cache.get(i).summary.permalink,
                            set.describe()
                        ),
                    )));
                    continue;
                }
                None => {
                    return Err(Error::Render {
                        output: set.place.file(formats[0], &config.output),
                        message: format!("a feed of one linked title passes {cap} bytes"),
                    })
                }
            }
        }
        for (size, &f) in sizes.iter_mut().zip(formats) {
            *size += part_bytes(cache, f, taken.is_empty());
        }
        taken.push(i);
        next += 1;
    }
    let wanted = set.wanted().len();
    if taken.len() < wanted && taken.len() < limit && next < posts.len() {
        let files: Vec<String> = formats
            .iter()
            .map(|&f| set.place.file(f, &config.output))
            .collect();
        warnings.push(Warning::Site(Diagnostic::new(
            None,
            None,
            format!(
                "{} ({}) holds the newest {} of {wanted} entries: with more it would pass {cap} bytes (`max_feed_bytes`), more than validators and many readers accept",
                set.describe(),
                files.join(", "),
                taken.len(),
            ),
        )));
    }
    Ok(taken)
}

/// The site's icons for JSON Feed.
fn icons(config: &Config) -> json_feed::Icons<'_> {
    json_feed::Icons {
        icon: config.icon.as_ref().map(Url::as_str),
        favicon: config.favicon.as_ref().map(Url::as_str),
    }
}

/// The head of `set`'s feeds, holding the entries `taken` (indices into the
/// cache), at the Atom `self_url` (the id of a feed other than the site's).
fn feed_head(
    set: &FeedSet,
    taken: &[&WrittenEntry],
    config: &Config,
    updated: Option<DateTime<Utc>>,
) -> FeedHead {
    let atom_url = config.output_url(&set.place.file(FeedFormat::Atom, &config.output));
    FeedHead {
        title: set.title.clone(),
        description: set.description.clone(),
        language: config.language.clone(),
        home: set.home.clone(),
        id: match set.scope {
            Scope::Site => set.home.to_string(),
            _ => atom_url.to_string(),
        },
        author: config.author.clone(),
        updated: taken.iter().map(|e| e.updated).max().or(updated),
        published: taken.iter().map(|e| e.summary.published).max(),
        hubs: config.hubs.clone(),
        complete: taken.len() == set.posts.len(),
    }
}

/// A feed set (the `index`th) and the entries it was given.
#[derive(Clone, Copy)]
struct Written<'a> {
    set: &'a FeedSet,
    index: usize,
    taken: &'a [usize],
}

/// The files of a feed set holding its entries, in every format asked for.
fn assemble(
    written: Written<'_>,
    cache: &EntryCache<'_>,
    site: &Site,
    config: &Config,
    feeds: &mut Vec<WrittenFeed>,
) -> Vec<OutputFile> {
    let Written { set, index, taken } = written;
    let entries: Vec<&WrittenEntry> = taken.iter().map(|&i| &**cache.get(i)).collect();
    let undated = if entries.is_empty() {
        feed::undated_feed_time(site, config)
    } else {
        None
    };
    let head = feed_head(set, &entries, config, undated);
    let has_media = entries.iter().any(|e| e.uses_media);
    config
        .formats
        .iter()
        .map(|&format| {
            let path = set.place.file(format, &config.output);
            let url = config.output_url(&path);
            let part = format_index(format);
            let parts_len: usize = entries.iter().map(|e| e.parts[part].len()).sum();
            let (head_text, separator, tail) = match format {
                FeedFormat::Rss => (rss::head(&head, &url, has_media), "", rss::TAIL),
                FeedFormat::Atom => {
                    let newest = entries.iter().map(|e| e.atom_updated).max();
                    (atom::head(&head, &url, newest, has_media), "", atom::TAIL)
                }
                FeedFormat::Json => (
                    json_feed::head(&head, &url, icons(config)),
                    json_feed::SEPARATOR,
                    json_feed::TAIL,
                ),
            };
            let mut bytes = Vec::with_capacity(
                head_text.len() + parts_len + separator.len() * entries.len() + tail.len(),
            );
            bytes.extend_from_slice(head_text.as_bytes());
            for (n, entry) in entries.iter().enumerate() {
                if n > 0 {
                    bytes.extend_from_slice(separator.as_bytes());
                }
                bytes.extend_from_slice(entry.parts[part].as_bytes());
            }
            bytes.extend_from_slice(tail.as_bytes());
            feeds.push(WrittenFeed {
                title: set.title.clone(),
                format,
                path: path.clone(),
                url,
                scope: set.scope.clone(),
                set: index,
            });
            OutputFile { name: path, bytes }
        })
        .collect()
}
