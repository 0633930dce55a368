//! Feed sets: which posts each feed carries. There is the site's feed, and on
//! request one per top-level section and one per term of each taxonomy; each
//! is a choice of posts (newest first), a title, a description, the page it
//! is of, a limit, and a place in the output folder, where its files in every
//! format go. A language would be one more dimension of the same choice: its
//! posts, its own place and its own title.

use std::collections::HashMap;

use url::Url;

use crate::config::Config;
use crate::content::listing::FeedListing;
use crate::content::site::{Page, PageKind, Site};
use crate::feed::xml_text::clean;
use crate::output::preset::{folder_url, Place, TermRules};

/// What a feed set is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The whole site: every post but those kept to their section.
    Site,
    /// A top-level section (its folder under the content folder): its posts,
    /// Hugo's `list: local` ones too.
    Section(String),
    /// A term of a taxonomy: the posts with it, or with a term of the same
    /// place (`Go Lang`, `go lang` and `go-lang` are one term in Hugo).
    Term {
        /// The taxonomy (`tags`).
        taxonomy: String,
        /// The term as the newest post with it writes it.
        name: String,
    },
}

/// One feed, whatever its formats: which posts, what it is called, where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FeedSet {
    /// What it is about.
    pub scope: Scope,
    /// Its title (`Site title: Rust`).
    pub title: String,
    /// Its description.
    pub description: String,
    /// The page it is of (the home page, the section's, the term's).
    pub home: Url,
    /// Where its files go.
    pub place: Place,
    /// The most entries it carries; 0 means all.
    pub limit: usize,
    /// Its posts, newest first, as indices into [`FeedSets::posts`]: all of
    /// them, before the limit.
    pub posts: Vec<usize>,
    /// Every spelling of the term merged into it, the title's first (terms only).
    pub spellings: Vec<String>,
}

impl FeedSet {
    /// The posts it carries under its limit.
    pub(crate) fn wanted(&self) -> &[usize] {
        match self.limit {
            0 => &self.posts,
            n => &self.posts[..n.min(self.posts.len())],
        }
    }

    /// What to call it in messages: `the site's feed`, `the feed of section blog`.
    pub(crate) fn describe(&self) -> String {
        match &self.scope {
            Scope::Site => "the site's feed".to_string(),
            Scope::Section(name) => format!("the feed of section `{name}`"),
            Scope::Term { taxonomy, name } => format!("the feed of {taxonomy} `{name}`"),
        }
    }
}

/// Every feed set of a build, over one list of posts.
#[derive(Debug)]
pub(crate) struct FeedSets<'s> {
    /// Every post some feed may carry, newest first (ties by permalink).
    pub posts: Vec<&'s Page>,
    /// The site's feed first, then the sections', then the terms'.
    pub sets: Vec<FeedSet>,
    /// What `-v` tells: the terms merged into one.
    pub notes: Vec<String>,
    /// Things the user should hear about (terms that name no path).
    pub warnings: Vec<String>,
}

/// The feed sets `config` asks for over the posts of `site`.
pub(crate) fn select<'s>(site: &'s Site, config: &Config) -> FeedSets<'s> {
    let settings = &config.feed_sets;
    let site_title = clean(&config.title).into_owned();
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    let only_the_site = !settings.sections && settings.taxonomies.is_empty();
    // The site's feed alone, with a limit, needs only its newest posts: they
    // are selected, not all sorted. One more tells whether it holds them all.
    let language = config.feed_language;
    let posts = if only_the_site && config.limit > 0 {
        site.newest_posts_in(language, config.limit + 1)
    } else {
        site.feed_posts_in(language)
    };
    let mut sets = vec![FeedSet {
        scope: Scope::Site,
        title: site_title.clone(),
        description: clean(&config.description).into_owned(),
        home: config.feed_home.clone(),
        place: Place::Folder(config.feed_prefix.clone()),
        limit: config.limit,
        // The site's feed carries the posts of the sections that hold the
        // site's posts (Hugo's mainSections); the others are in their section's.
        posts: (0..posts.len())
            .filter(|&i| posts[i].in_site_feed && posts[i].listing.feeds == FeedListing::Everywhere)
            .collect(),
        spellings: Vec::new(),
    }];
    if settings.sections {
        sets.extend(section_sets(site, config, &posts, &site_title));
    }
    if !settings.taxonomies.is_empty() {
        sets.extend(term_sets(
            config,
            &posts,
            &site_title,
            &mut notes,
            &mut warnings,
        ));
    }
    FeedSets {
        posts,
        sets,
        notes,
        warnings,
    }
}

/// One set per top-level section with posts, in the order of their names.
fn section_sets(site: &Site, config: &Config, posts: &[&Page], site_title: &str) -> Vec<FeedSet> {
    let mut by_section: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, post) in posts.iter().enumerate() {
        if !post.section.is_empty() {
            by_section.entry(&post.section).or_default().push(i);
        }
    }
    by_section
        .into_iter()
        .map(|(section, posts)| {
            // The section's own list page: the top-level one among its list pages.
            let page = site
                .pages
                .iter()
                .filter(|p| {
                    p.kind == PageKind::Section
                        && p.section == section
                        && p.language == config.feed_language
                })
                .min_by_key(|p| p.permalink.path().len());
            let home = page.map_or_else(
                || folder_url(&config.base_url, section),
                |p| p.permalink.clone(),
            );
            let name = page
                .and_then(|p| p.title.as_deref())
                .map_or_else(|| capitalized(section), |t| clean(t).into_owned());
            FeedSet {
                scope: Scope::Section(section.to_string()),
                title: format!("{site_title}: {name}"),
                description: format!("Recent content in {name} on {site_title}"),
                place: Place::Folder(folder_of(&config.base_url, &home)),
                home,
                limit: config.feed_sets.limit,
                posts,
                spellings: Vec::new(),
            }
        })
        .collect()
}

/// One set per term of each taxonomy, terms of one place merged, in the
/// order of the taxonomies, then of the places.
fn term_sets(
    config: &Config,
    posts: &[&Page],
    site_title: &str,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Vec<FeedSet> {
    let taxonomies = &config.feed_sets.taxonomies;
    let preset = config.feed_sets.preset;
    let rules = TermRules::of(&config.site);
    // Places are computed once per spelling, not once per post.
    let mut places: HashMap<(usize, &str), Option<Place>> = HashMap::new();
    let mut by_place: HashMap<(usize, Place), usize> = HashMap::new();
    let mut sets: Vec<(usize, FeedSet)> = Vec::new();
    let mut placeless: Vec<(usize, &str)> = Vec::new();
    for (i, post) in posts.iter().enumerate() {
        if post.listing.feeds != FeedListing::Everywhere {
            continue;
        }
        for term in &post.terms {
            let taxonomy = &taxonomies[term.taxonomy];
            let place = places
                .entry((term.taxonomy, &term.name))
                .or_insert_with(|| {
                    preset
                        .term_place(&rules, taxonomy, &term.name)
                        .map(|place| place.under(&config.feed_prefix))
                });
            let Some(place) = place else {
                if !placeless.contains(&(term.taxonomy, &term.name)) {
                    placeless.push((term.taxonomy, &term.name));
                }
                continue;
            };
            let key = (term.taxonomy, place.clone());
            let index = *by_place.entry(key).or_insert_with(|| {
                // The newest post's spelling names the term: posts come newest first.
                let name = clean(&term.name).into_owned();
                let home = match place {
                    Place::Folder(folder) => folder_url(&config.base_url, folder),
                    Place::Stem(_) => config.feed_home.clone(),
                };
                sets.push((
                    term.taxonomy,
                    FeedSet {
                        scope: Scope::Term {
                            taxonomy: taxonomy.clone(),
                            name: name.clone(),
                        },
                        title: format!("{site_title}: {name}"),
                        description: format!("Recent content in {name} on {site_title}"),
                        home,
                        place: place.clone(),
                        limit: config.feed_sets.limit,
                        posts: Vec::new(),
                        spellings: vec![term.name.to_string()],
                    },
                ));
                sets.len() - 1
            });
            let set = &mut sets[index].1;
            // A post naming two spellings of one term is in its feed once.
            if set.posts.last() != Some(&i) {
                set.posts.push(i);
            }
            if !set.spellings.iter().any(|s| **s == *term.name) {
                set.spellings.push(term.name.to_string());
            }
        }
    }
    for (taxonomy, name) in placeless {
        warnings.push(format!(
            "the {} term `{name}` names no path (nothing of it is left in a URL); it has no feed",
            taxonomies[taxonomy]
        ));
    }
    sets.sort_by(|(ta, a), (tb, b)| ta.cmp(tb).then_with(|| a.place.cmp(&b.place)));
    for (_, set) in &sets {
        if set.spellings.len() > 1 {
            let Scope::Term { taxonomy, name } = &set.scope else {
                continue;
            };
            notes.push(format!(
                "{taxonomy}: {} are one term, as they share one place; its feed is titled `{name}`",
                set.spellings
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    sets.into_iter().map(|(_, set)| set).collect()
}

/// The folder of the page at `url` under `base`, as written on disk.
fn folder_of(base: &Url, url: &Url) -> String {
    let path = url.path().strip_prefix(base.path()).unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    decoded
        .split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .collect::<Vec<_>>()
        .join("/")
}

/// `name` with its first letter upper-cased (a section's name when its list
/// page has no title).
fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_of_pages() {
        let base = Url::parse("https://example.org/site/").unwrap();
        let url = Url::parse("https://example.org/site/tags/c%23/").unwrap();
        assert_eq!(folder_of(&base, &url), "tags/c#");
        assert_eq!(folder_of(&base, &base), "");
        assert_eq!(capitalized("blog"), "Blog");
    }
}
