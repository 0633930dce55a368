//! Internal links resolved to the target page's absolute permalink: Hugo's
//! `ref`/`relref`, Zola's `@/path.md`, Jekyll's `{% link %}` and
//! `{% post_url %}`, and a relative `.md` link to another content file (the
//! way GitHub renders Markdown).

use url::Url;

use super::context::PageIndex;

/// An internal link in a Markdown link destination resolved: Zola's `@/…`
/// (`Err` when it names no page: Zola refuses the page) or a relative link
/// to another content file; `None` for every other destination.
pub fn internal_link(
    site: &super::SiteContext,
    from: &str,
    destination: &str,
) -> Option<Result<Url, String>> {
    if destination.starts_with("@/") {
        return Some(zola_link(&site.pages, destination));
    }
    relative_markdown_link(&site.pages, from, destination).map(Ok)
}

/// `base` with `#fragment` appended (verbatim, as every generator does).
fn with_fragment(base: &Url, fragment: Option<&str>) -> Url {
    let mut url = base.clone();
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        url.set_fragment(Some(fragment));
    }
    url
}

/// The folder of a content-relative path (`a/b.md` → `a`).
fn folder(rel_path: &str) -> &str {
    rel_path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// `path` joined to `dir` with `.` and `..` resolved; `None` above the root.
fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The index entry for `path`, trying what Hugo tries for a path: as written,
/// with `.md` added, and as a bundle (`path/index.md`, `path/_index.md`).
fn find_page<'i>(index: &'i PageIndex, path: &str) -> Option<(&'i Url, String)> {
    let path = path.trim_matches('/');
    let has_extension = path
        .rsplit('/')
        .next()
        .is_some_and(|file| file.contains('.'));
    let mut candidates = vec![path.to_string()];
    if has_extension {
        if let Some((stem, _)) = path.rsplit_once('.') {
            // The extension need not match the real file (`c.html` finds `c.md`).
            candidates.push(format!("{stem}.md"));
        }
    } else {
        candidates.push(format!("{path}.md"));
    }
    let (stem, _) = path
        .rsplit_once('.')
        .filter(|_| has_extension)
        .unwrap_or((path, ""));
    for base in [stem, path] {
        let prefix = if base.is_empty() {
            String::new()
        } else {
            format!("{base}/")
        };
        candidates.push(format!("{prefix}index.md"));
        candidates.push(format!("{prefix}_index.md"));
    }
    candidates
        .into_iter()
        .find_map(|c| index.get(&c).map(|url| (url, c)))
}

/// Hugo's `ref`/`relref` from the page at `from` (content-relative):
/// page-relative first (unless the path starts with `/`), then from the
/// content root (unless it starts with `.`), then by unique page name.
/// Both give the absolute permalink (relative URLs break in feeds).
pub fn hugo_ref(
    index: &PageIndex,
    from: &str,
    from_url: &Url,
    target: &str,
) -> Result<Url, String> {
    let target = target.trim();
    let (path, fragment) = match target.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (target, None),
    };
    if path.is_empty() {
        return Ok(with_fragment(from_url, fragment));
    }
    if path == "/" {
        return find_page(index, "")
            .map(|(url, _)| with_fragment(url, fragment))
            .ok_or_else(|| format!("REF_NOT_FOUND: Ref \"{target}\": page not found"));
    }
    if !path.starts_with('/') {
        if let Some(joined) = join(folder(from), path) {
            if let Some((url, _)) = find_page(index, &joined) {
                return Ok(with_fragment(url, fragment));
            }
        }
        if path.starts_with('.') {
            return Err(format!("REF_NOT_FOUND: Ref \"{target}\": page not found"));
        }
    }
    if let Some((url, _)) = join("", path).and_then(|p| find_page(index, &p)) {
        return Ok(with_fragment(url, fragment));
    }
    if !path.contains('/') {
        let name = path.split('.').next().unwrap_or(path);
        match index.named(name) {
            [only] => {
                if let Some(url) = index.get(only) {
                    return Ok(with_fragment(url, fragment));
                }
            }
            [] => {}
            _ => return Err(format!("page reference \"{target}\" is ambiguous")),
        }
    }
    Err(format!("REF_NOT_FOUND: Ref \"{target}\": page not found"))
}

/// Zola's `@/path/to/page.md#anchor`: the source file's path under the
/// content folder (percent-decoded), exactly.
pub fn zola_link(index: &PageIndex, destination: &str) -> Result<Url, String> {
    let rest = destination.strip_prefix("@/").unwrap_or(destination);
    let (path, fragment) = match rest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (rest, None),
    };
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    index
        .get(&path)
        .map(|url| with_fragment(url, fragment))
        .ok_or_else(|| {
            format!("broken relative link `{destination}`: no page `{path}` in the content folder")
        })
}

/// A Markdown link to another content file (`../other.md`, `./b/index.md#x`)
/// as that page's permalink; `None` when `destination` is not such a link or
/// names no page.
pub fn relative_markdown_link(index: &PageIndex, from: &str, destination: &str) -> Option<Url> {
    if destination.contains("://")
        || destination.starts_with('#')
        || destination.starts_with("//")
        || destination
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/'))
    {
        return None;
    }
    let (path, fragment) = match destination.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (destination, None),
    };
    let is_markdown = |ext: &str| {
        path.len() > ext.len()
            && path.as_bytes()[path.len() - ext.len()..].eq_ignore_ascii_case(ext.as_bytes())
    };
    if !(is_markdown(".md") || is_markdown(".markdown")) {
        return None;
    }
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let joined = if path.starts_with('/') {
        join("", &path)?
    } else {
        join(folder(from), &path)?
    };
    index.get(&joined).map(|url| with_fragment(url, fragment))
}

/// Jekyll's `{% post_url [dir/]YYYY-MM-DD-slug %}`: the post whose file is
/// `_posts/[dir/]NAME.EXT`.
pub fn jekyll_post_url(index: &PageIndex, name: &str) -> Option<Url> {
    let name = name.trim().trim_matches('/');
    let (dir, file) = name.rsplit_once('/').unwrap_or(("", name));
    let under_posts = index.content_prefix.ends_with("_posts");
    index
        .paths()
        .filter(|path| {
            let (path_dir, path_file) = path.rsplit_once('/').unwrap_or(("", path));
            let stem = path_file.rsplit_once('.').map_or(path_file, |(s, _)| s);
            if stem != file {
                return false;
            }
            let path_dir = if under_posts {
                path_dir.to_string()
            } else {
                path_dir
                    .strip_prefix("_posts")
                    .map(|d| d.trim_start_matches('/').to_string())
                    .or_else(|| {
                        path_dir
                            .strip_suffix("_posts")
                            .map(|d| d.trim_end_matches('/').to_string())
                    })
                    .unwrap_or_else(|| "\u{0}".into())
            };
            path_dir == dir
        })
        .min()
        .and_then(|path| index.get(path).cloned())
}

/// Jekyll's `{% link path %}`: the page whose path under the site root is `path`.
pub fn jekyll_link(index: &PageIndex, path: &str) -> Option<Url> {
    let path = path.trim().trim_start_matches('/');
    let prefix = &index.content_prefix;
    let rel = if prefix.is_empty() {
        Some(path)
    } else {
        path.strip_prefix(prefix.as_str())
            .and_then(|p| p.strip_prefix('/'))
    };
    rel.and_then(|rel| index.get(rel)).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(path: &str) -> Url {
        Url::parse("https://example.org/")
            .unwrap()
            .join(path)
            .unwrap()
    }

    fn hugo_site() -> PageIndex {
        let mut index = PageIndex::new("content");
        for (path, link) in [
            ("posts/a.md", "/posts/a/"),
            ("posts/c.md", "/posts/cee-slug/"),
            ("posts/b/index.md", "/posts/b/"),
            ("about.md", "/custom-about/"),
            ("docs/y.md", "/docs/y/"),
            ("docs/x.md", "/docs/x/"),
            ("other/x.md", "/other/x/"),
            ("docs/_index.md", "/docs/"),
            ("_index.md", "/"),
        ] {
            index.insert(path, url(link));
        }
        index
    }

    /// The table of `notes/hugo-shortcodes.md` §6.8, observed on Hugo 0.111.3 and 0.168.
    #[test]
    fn hugo_refs_resolve_as_hugo_does() {
        let index = hugo_site();
        let from = url("/posts/a/");
        let r = |target: &str| {
            hugo_ref(&index, "posts/a.md", &from, target).map(|u| {
                u.path().to_string() + &u.fragment().map(|f| format!("#{f}")).unwrap_or_default()
            })
        };
        for target in [
            "c",
            "c.md",
            "/posts/c",
            "/posts/c.md",
            "posts/c.md",
            "./c.md",
        ] {
            assert_eq!(r(target).as_deref(), Ok("/posts/cee-slug/"), "{target}");
        }
        for target in ["b", "b/index.md", "/posts/b"] {
            assert_eq!(r(target).as_deref(), Ok("/posts/b/"), "{target}");
        }
        assert_eq!(r("about").as_deref(), Ok("/custom-about/"));
        assert_eq!(r("c#sec").as_deref(), Ok("/posts/cee-slug/#sec"));
        assert_eq!(r("#local").as_deref(), Ok("/posts/a/#local"));
        for target in ["y", "docs/y", "../docs/y.md"] {
            assert_eq!(r(target).as_deref(), Ok("/docs/y/"), "{target}");
        }
        assert_eq!(r("/docs").as_deref(), Ok("/docs/"));
        assert_eq!(r("/").as_deref(), Ok("/"));
        assert!(r("./y.md").is_err());
        assert!(r("nope").unwrap_err().contains("page not found"));
        assert!(r("x").unwrap_err().contains("ambiguous"));
    }

    #[test]
    fn zola_links_use_the_source_file_name() {
        let mut index = PageIndex::new("content");
        index.insert("blog/2018-10-10-hello.md", url("/blog/hello/"));
        index.insert("blog/_index.md", url("/blog/"));
        index.insert("blog/C++ Tips.md", url("/blog/c-tips/"));
        assert_eq!(
            zola_link(&index, "@/blog/2018-10-10-hello.md#a-heading")
                .unwrap()
                .as_str(),
            "https://example.org/blog/hello/#a-heading"
        );
        assert_eq!(
            zola_link(&index, "@/blog/_index.md").unwrap().as_str(),
            "https://example.org/blog/"
        );
        assert_eq!(
            zola_link(&index, "@/blog/C++%20Tips.md").unwrap().as_str(),
            "https://example.org/blog/c-tips/"
        );
        assert!(zola_link(&index, "@/blog/hello.md").is_err());
        assert!(zola_link(&index, "@/blog/").is_err());
    }

    #[test]
    fn relative_markdown_links() {
        let mut index = PageIndex::new("content");
        index.insert("blog/a.md", url("/blog/a/"));
        index.insert("blog/b/index.md", url("/blog/b/"));
        index.insert("docs/c.md", url("/docs/c/"));
        let link = |d: &str| relative_markdown_link(&index, "blog/a.md", d).map(|u| u.to_string());
        assert_eq!(
            link("./b/index.md#x").as_deref(),
            Some("https://example.org/blog/b/#x")
        );
        assert_eq!(
            link("../docs/c.md").as_deref(),
            Some("https://example.org/docs/c/")
        );
        assert_eq!(link("a.md").as_deref(), Some("https://example.org/blog/a/"));
        assert_eq!(link("missing.md"), None);
        assert_eq!(link("https://github.com/x/README.md"), None);
        assert_eq!(link("../../../../x.md"), None);
        assert_eq!(link("img.png"), None);
    }

    #[test]
    fn jekyll_post_url_and_link() {
        let mut index = PageIndex::new("_posts");
        index.insert(
            "2022-09-07-homebrew-3.6.0.md",
            url("/2022/09/07/homebrew-3.6.0/"),
        );
        index.insert("news/2020-01-01-a.md", url("/news/a/"));
        assert_eq!(
            jekyll_post_url(&index, "2022-09-07-homebrew-3.6.0")
                .unwrap()
                .as_str(),
            "https://example.org/2022/09/07/homebrew-3.6.0/"
        );
        assert_eq!(
            jekyll_post_url(&index, "news/2020-01-01-a")
                .unwrap()
                .as_str(),
            "https://example.org/news/a/"
        );
        assert_eq!(jekyll_post_url(&index, "2020-01-01-a"), None);
        assert_eq!(
            jekyll_link(&index, "_posts/2022-09-07-homebrew-3.6.0.md")
                .unwrap()
                .as_str(),
            "https://example.org/2022/09/07/homebrew-3.6.0/"
        );
        assert_eq!(jekyll_link(&index, "_docs/history.md"), None);
    }
}
