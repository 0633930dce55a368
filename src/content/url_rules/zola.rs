//! Zola's page and section paths (getzola/zola 0.22,
//! `components/content/src/page.rs`, `section.rs`, `file_info.rs`;
//! notes/zola.md §2), written from the rules described there, not copied:
//!
//! - a front-matter `path` is the path as written (a leading `/` added), with
//!   no language prefix and no slugifying;
//! - otherwise `/<lang>/<folders>/<slug>/`: the folders as they are written,
//!   the slug the front matter's `slug` or the file (or bundle folder) name
//!   without a leading date, made a slug by `slugify.paths`;
//! - a trailing `/` always, even when the last segment has a dot (`Rust-1.0/`).

use std::sync::LazyLock;

use regex::Regex;

use super::PageFacts;
use crate::content::slug::zola::slugify_paths;
use crate::site_config::zola::ZolaRules;

/// The date a file or bundle name may start with (`RFC3339_DATE` in
/// `page.rs`): `YYYY-MM-DD`, optionally a full RFC 3339 time, then optionally
/// one space, `_` or `-` and the slug.
static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))?)(?:\s?[_-](.+))?",
    )
    .expect("the date prefix pattern is valid")
});

/// The date a name starts with, and the rest of the name (the slug source) after it.
pub(crate) fn date_prefix(name: &str) -> Option<(&str, Option<&str>)> {
    let captures = DATE_PREFIX.captures(name)?;
    let date = captures.get(1)?.as_str();
    Some((date, captures.get(2).map(|m| m.as_str())))
}

/// The slug source of a page's name: the name without its date prefix
/// (unless `paths_keep_dates`).
pub(crate) fn name_without_date<'n>(rules: &ZolaRules, name: &'n str) -> &'n str {
    match date_prefix(name) {
        Some((_, Some(rest))) if !rules.paths_keep_dates => rest,
        _ => name,
    }
}

/// A page's path; `prefix` is its language's (`""` for the default).
pub(crate) fn page_path(rules: &ZolaRules, facts: &PageFacts<'_>, prefix: &str) -> String {
    if let Some(path) = facts.front.url.text() {
        let mut path = path.trim().to_string();
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        return path;
    }
    let source = facts.front.slug.text().unwrap_or(facts.name_slug);
    let slug = slugify_paths(source, rules.slugify_paths);
    let mut path = String::from("/");
    for part in std::iter::once(prefix)
        .chain(facts.file.folders.iter().map(String::as_str))
        .filter(|p| !p.is_empty())
    {
        path.push_str(part);
        path.push('/');
    }
    path.push_str(&slug);
    path.push('/');
    path
}

/// A section's path: `/<lang>/<folders>/`.
pub(crate) fn section_path(folders: &[String], prefix: &str) -> String {
    let mut path = String::from("/");
    for part in std::iter::once(prefix)
        .chain(folders.iter().map(String::as_str))
        .filter(|p| !p.is_empty())
    {
        path.push_str(part);
        path.push('/');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::discover::{FileKind, Markup, SourceFile};
    use crate::content::front_matter::{FrontMatter, Value};
    use crate::content::slug::zola::SlugifyMode;

    fn path(
        mode: SlugifyMode,
        folders: &[&str],
        name: &str,
        front: &FrontMatter,
        prefix: &str,
    ) -> String {
        let rules = ZolaRules {
            slugify_paths: mode,
            ..ZolaRules::default()
        };
        let file = SourceFile {
            path: name.into(),
            folders: folders
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into(),
            name: name.into(),
            kind: FileKind::Regular,
            language: None,
            lang: 0,
            markup: Markup::Markdown,
            collection: None,
        };
        let facts = PageFacts {
            file: &file,
            front,
            date: None,
            title: "",
            name_slug: name_without_date(&rules, name),
            slug: front.slug.text(),
        };
        page_path(&rules, &facts, prefix)
    }

    /// notes/zola.md §11 A, observed on Zola 0.22.1.
    #[test]
    fn page_paths() {
        use SlugifyMode::*;
        let none = FrontMatter::default();
        assert_eq!(
            path(On, &["blog"], "2018-10-10-hello", &none, ""),
            "/blog/hello/"
        );
        assert_eq!(
            path(On, &["blog"], "2018-10-11_under_score", &none, ""),
            "/blog/under-score/"
        );
        assert_eq!(
            path(On, &["blog"], "2024-01-02", &none, ""),
            "/blog/2024-01-02/"
        );
        assert_eq!(path(On, &["blog"], "C++ Tips", &none, ""), "/blog/c-tips/");
        assert_eq!(path(On, &["blog"], "日本語", &none, ""), "/blog/ri-ben-yu/");
        assert_eq!(
            path(On, &["blog"], "2018-10-10-hello", &none, "fr"),
            "/fr/blog/hello/"
        );
        assert_eq!(
            path(On, &["blog"], "2021-01-23 -hello new world", &none, ""),
            "/blog/hello-new-world/"
        );
        assert_eq!(
            path(On, &["Mixed Case"], "Some Page", &none, ""),
            "/Mixed Case/some-page/"
        );
        assert_eq!(
            path(On, &["blog"], "2018-10-10hello", &none, ""),
            "/blog/2018-10-10hello/"
        );
        assert_eq!(path(Safe, &["blog"], "Ça va?", &none, ""), "/blog/Ça va/");
        assert_eq!(
            path(Safe, &["blog"], "2018-10-10_Under_Score", &none, ""),
            "/blog/Under_Score/"
        );
        assert_eq!(
            path(Safe, &["blog"], "2018-10-10T10:00:00-nozone", &none, ""),
            "/blog/2018-10-10T100000-nozone/"
        );
        assert_eq!(
            path(Off, &["blog"], "2018-10-10T10:00:00-nozone", &none, ""),
            "/blog/2018-10-10T10:00:00-nozone/"
        );
        let with = |key: &str, value: &str| {
            let mut front = FrontMatter::default();
            match key {
                "slug" => front.slug = Value::Text(value.into()),
                _ => front.url = Value::Text(value.into()),
            }
            path(On, &["blog"], "x", &front, "fr")
        };
        assert_eq!(with("slug", "My Custom Slug!"), "/fr/blog/my-custom-slug/");
        assert_eq!(with("path", "/custom/path.html"), "/custom/path.html/");
        assert_eq!(with("path", "bonjour"), "/bonjour/");
        assert_eq!(
            with("path", "2026/03/26/1.94.1-release"),
            "/2026/03/26/1.94.1-release/"
        );
    }

    #[test]
    fn date_prefixes() {
        assert_eq!(
            date_prefix("2018-10-02T15:00:00Z-hello"),
            Some(("2018-10-02T15:00:00Z", Some("hello")))
        );
        assert_eq!(
            date_prefix("2018-10-12T08:30:00+02:00_full"),
            Some(("2018-10-12T08:30:00+02:00", Some("full")))
        );
        assert_eq!(date_prefix("2018-1-10-hello"), None);
        assert_eq!(date_prefix("2018-13-10-x"), None);
        assert_eq!(date_prefix("2024-01-02"), Some(("2024-01-02", None)));
    }
}
