//! What only a feed entry needs from a post's front matter: read in the feed's
//! second pass, for those posts alone, so the pass over the whole site holds
//! no more than a sitemap needs.

use url::Url;

use crate::config::Config;
use crate::content::front_matter::{FrontMatter, Value};
use crate::content::permalink;
use crate::content::site::Page;

/// What only a feed entry needs: read in a second pass, for those pages alone,
/// so the pass over the whole site holds no more than a sitemap needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PostDetails {
    /// The title.
    pub title: String,
    /// The front matter's `summary`, else its `description`.
    pub summary: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Tags and categories, first mention first, without repeats.
    pub categories: Vec<String>,
    /// The front-matter image as an absolute URL.
    pub image: Option<Url>,
}

impl PostDetails {
    /// Reads the details of `page` from its front matter.
    pub(crate) fn from_front_matter(
        page: &Page,
        front: &FrontMatter,
        config: &Config,
    ) -> PostDetails {
        let mut categories: Vec<String> = Vec::new();
        let taxonomy = |name: &str| match &front.taxonomies {
            Value::Table(entries) => entries
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case(name))
                .flat_map(|(_, v)| v.texts())
                .collect(),
            _ => Vec::new(),
        };
        for term in front
            .tags
            .texts()
            .into_iter()
            .chain(front.categories.texts())
            .chain(front.category.texts())
            .chain(taxonomy("tags"))
            .chain(taxonomy("categories"))
        {
            let term = term.trim().to_string();
            if !term.is_empty() && !categories.contains(&term) {
                categories.push(term);
            }
        }
        PostDetails {
            title: front.title.text().unwrap_or("").to_string(),
            summary: front
                .summary
                .text()
                .or_else(|| front.description.text())
                .map(str::to_string),
            authors: front.authors.texts(),
            categories,
            image: front
                .image
                .texts()
                .into_iter()
                .next()
                .and_then(|src| image_url(&src, &page.permalink, page.in_bundle, &config.base_url)),
        }
    }
}

/// A front-matter image as an absolute URL: absolute stays; `/x` is under the
/// site root; `x` is beside the page in a bundle, else under the site root (as
/// themes resolve it with `absURL`).
fn image_url(src: &str, page: &Url, in_bundle: bool, base: &Url) -> Option<Url> {
    if let Ok(url) = Url::parse(src) {
        return matches!(url.scheme(), "http" | "https").then_some(url);
    }
    if src.starts_with("//") {
        return base.join(src).ok();
    }
    if in_bundle && !src.starts_with('/') {
        return page.join(src).ok();
    }
    Some(permalink::page_url(base, src.trim_end_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_urls() {
        let base = Url::parse("https://example.org/").unwrap();
        let page = Url::parse("https://example.org/blog/b/").unwrap();
        let url = |src, bundle| image_url(src, &page, bundle, &base).map(String::from);
        assert_eq!(
            url("/images/blog/post-1.jpg", false).as_deref(),
            Some("https://example.org/images/blog/post-1.jpg")
        );
        assert_eq!(
            url("images/post/07.jpg", false).as_deref(),
            Some("https://example.org/images/post/07.jpg")
        );
        assert_eq!(
            url("cover.png", true).as_deref(),
            Some("https://example.org/blog/b/cover.png")
        );
        assert_eq!(
            url("https://cdn.example.net/x.jpg", false).as_deref(),
            Some("https://cdn.example.net/x.jpg")
        );
        assert_eq!(url("javascript:alert(1)", false), None);
    }
}
