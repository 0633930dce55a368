//! Each generator's URL rules, reproduced from its source, one module each:
//! [`hugo`] (`resources/page/page_paths.go`, `resources/page/permalinks.go`),
//! [`jekyll`] (`lib/jekyll/url.rb`, `document.rb`, `page.rb`,
//! `drops/url_drop.rb`) and [`zola`] (`components/content/src/page.rs`,
//! `section.rs`, `file_info.rs`). Each gives a page's path relative to the
//! site's base URL, ending in `/` exactly when the generator's URL does.
//!
//! feedwright's own convention (no generator recognised) stays in
//! [`super::permalink`].

pub(crate) mod hugo;
pub(crate) mod jekyll;
pub(crate) mod zola;

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};

use super::discover::{FileKind, SourceFile};
use super::front_matter::FrontMatter;

/// What the whole site tells about one page's URL, gathered once before pages are read.
#[derive(Debug, Default)]
pub(crate) struct SiteFacts {
    /// The folders (joined with `/`, relative to the content folder) that have
    /// a section list file (`_index.md`): Hugo's nested sections.
    pub(crate) sections: HashSet<String>,
}

impl SiteFacts {
    /// The facts of the site whose content files are `files`.
    pub(crate) fn gather(files: &[SourceFile]) -> SiteFacts {
        SiteFacts {
            sections: files
                .iter()
                .filter(|f| f.kind == FileKind::SectionIndex)
                .map(|f| f.folders.join("/"))
                .collect(),
        }
    }
}

/// What a page's URL is made of.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageFacts<'a> {
    /// The content file.
    pub(crate) file: &'a SourceFile,
    /// Its front matter.
    pub(crate) front: &'a FrontMatter,
    /// The page's date as the generator reads it, with the offset it was
    /// written with (Hugo), `None` when it has none.
    pub(crate) date: Option<DateTime<FixedOffset>>,
    /// The title.
    pub(crate) title: &'a str,
    /// The slug the page's file name gives (Hugo's `:filename` date source,
    /// Zola's date prefix take the date off it), else its name.
    pub(crate) name_slug: &'a str,
    /// The page's slug: the front matter's, else (Hugo's `:filename` date
    /// source) the one its file name gives.
    pub(crate) slug: Option<&'a str>,
}

/// Go's `path.Join` as Hugo's `pjoin` uses it: elements joined by `/`,
/// `//`, `.` and `..` cleaned, and a trailing `/` of the last element kept.
pub(crate) fn pjoin(elements: &[&str]) -> String {
    let had_slash = elements.last().is_some_and(|e| e.ends_with('/'));
    let joined: Vec<&str> = elements.iter().copied().filter(|e| !e.is_empty()).collect();
    let mut cleaned = clean(&joined.join("/"));
    if had_slash && !cleaned.ends_with('/') {
        cleaned.push('/');
    }
    cleaned
}

/// Go's `path.Clean`.
pub(crate) fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_path_join() {
        assert_eq!(pjoin(&["/", "post/a"]), "/post/a");
        assert_eq!(pjoin(&["/", "/a//b/./c/"]), "/a/b/c/");
        assert_eq!(pjoin(&["/", "a/../../b"]), "/b");
        assert_eq!(pjoin(&["fr", "/x/"]), "fr/x/");
        assert_eq!(clean(""), ".");
        assert_eq!(clean("a/.."), ".");
    }
}
