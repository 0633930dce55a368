//! Jekyll's URLs (jekyll 4.3.1, notes/jekyll.md §1.1, §4):
//!
//! - `lib/jekyll/configuration.rb` `STYLE_TO_PERMALINK`: the named styles;
//! - `lib/jekyll/document.rb` `url`, `url_template`, `populate_categories`,
//!   `populate_title`; `drops/url_drop.rb`: the placeholders of posts and
//!   collection documents, all from the date in the site's time zone;
//! - `lib/jekyll/page.rb` `template`, `url_placeholders`: pages;
//! - `lib/jekyll/utils.rb` `add_permalink_suffix`, `slugify`;
//! - `lib/jekyll/url.rb` `generate_url_from_drop`, `generate_url_from_hash`,
//!   `sanitize_url`, `escape_path`;
//! - `lib/jekyll/frontmatter_defaults.rb` `all`: front-matter defaults.
//!
//! Case is kept (`:title` is the slug as written), dots too, and URLs end in
//! `.html` unless the style or pattern ends in `/`.

use chrono::{Datelike, NaiveDateTime, Timelike};
use serde_json::{Map, Value};

use crate::content::discover::jekyll::fnmatch;
use crate::content::discover::SourceFile;
use crate::content::slug::jekyll::{escape_path, ruby_downcase, slugify, SlugifyMode};
use crate::site_config::jekyll::{FrontMatterDefault, JekyllRules};

/// The template of a named permalink style (`STYLE_TO_PERMALINK`); anything
/// else is a template already.
pub(crate) fn style_template(style: &str) -> &str {
    match style {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    }
}

/// `Utils.add_permalink_suffix(template, site.permalink)`.
fn add_permalink_suffix(template: &str, style: &str) -> String {
    let mut out = template.to_string();
    match style {
        "pretty" => out.push('/'),
        "date" | "ordinal" | "none" => out.push_str(":output_ext"),
        other => {
            if other.ends_with('/') {
                out.push('/');
            }
            if other.ends_with(":output_ext") {
                out.push_str(":output_ext");
            }
        }
    }
    out
}

/// `URL#sanitize_url`: a leading `/`, every `..` made `/`, every `./`
/// dropped, runs of `/` squeezed.
fn sanitize_url(url: &str) -> String {
    let with_slash = format!("/{url}").replace("..", "/").replace("./", "");
    let mut out = String::with_capacity(with_slash.len());
    for c in with_slash.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

/// What a post's or collection document's URL is made of.
#[derive(Debug, Clone)]
pub(crate) struct Document<'a> {
    /// The file.
    pub(crate) file: &'a SourceFile,
    /// The path relative to the site (`_posts/2020-01-01-a.md`, `en/_posts/…`).
    pub(crate) relative_path: &'a str,
    /// Front matter (or defaults) `permalink`.
    pub(crate) permalink: Option<&'a str>,
    /// Front matter `slug`, else the file name's (after the date, trailing dots removed).
    pub(crate) slug: &'a str,
    /// The categories: folders above `_posts`, then `categories`, then `category`.
    pub(crate) categories: &'a [String],
    /// The date, in the site's time zone.
    pub(crate) date: NaiveDateTime,
}

/// A document's URL (`Document#url`), site-relative.
pub(crate) fn document_path(rules: &JekyllRules, doc: &Document<'_>) -> String {
    let label = doc.file.collection.as_deref().unwrap_or("posts");
    let collection = rules.collections.iter().find(|c| c.label == label);
    let template = match doc.permalink {
        Some(permalink) => permalink.to_string(),
        None => match collection.and_then(|c| c.permalink.as_deref()) {
            Some(permalink) => permalink.to_string(),
            None if label == "posts" => style_template(&rules.permalink).to_string(),
            None => add_permalink_suffix("/:collection/:path", &rules.permalink),
        },
    };
    let basename = doc.file.name.as_str();
    let lookup = |name: &str| -> Option<String> {
        let d = &doc.date;
        Some(match name {
            "collection" => label.to_string(),
            "path" => {
                let without_ext = doc
                    .relative_path
                    .rsplit_once('.')
                    .map_or(doc.relative_path, |(stem, _)| stem);
                let directory = format!("_{label}");
                without_ext
                    .replacen(&directory, "", 1)
                    .trim_end_matches('.')
                    .to_string()
            }
            "name" => slugify(basename, SlugifyMode::Default, false),
            "title" => slugify(doc.slug, SlugifyMode::Pretty, true),
            "slug" => slugify(doc.slug, SlugifyMode::Default, false),
            "categories" => {
                let mut seen: Vec<String> = Vec::new();
                for category in doc.categories {
                    let lower = ruby_downcase(category);
                    if !seen.contains(&lower) {
                        seen.push(lower);
                    }
                }
                seen.join("/")
            }
            "slugified_categories" => {
                let mut seen: Vec<String> = Vec::new();
                for category in doc.categories {
                    let slug = slugify(category, SlugifyMode::Default, false);
                    if !seen.contains(&slug) {
                        seen.push(slug);
                    }
                }
                seen.join("/")
            }
            "output_ext" => ".html".to_string(),
            "year" => format!("{:04}", d.year()),
            "month" => format!("{:02}", d.month()),
            "day" => format!("{:02}", d.day()),
            "hour" => format!("{:02}", d.hour()),
            "minute" => format!("{:02}", d.minute()),
            "second" => format!("{:02}", d.second()),
            "i_day" => d.day().to_string(),
            "i_month" => d.month().to_string(),
            "short_year" => format!("{:02}", d.year() % 100),
            "y_day" => format!("{:03}", d.ordinal()),
            "week" => format!("{:02}", d.iso_week().week()),
            "w_year" => d.iso_week().year().to_string(),
            "w_day" => d.weekday().number_from_monday().to_string(),
            "short_day" => d.format("%a").to_string(),
            "long_day" => d.format("%A").to_string(),
            "short_month" => d.format("%b").to_string(),
            "long_month" => d.format("%B").to_string(),
            _ => return None,
        })
    };
    sanitize_url(&generate_from_drop(&template, lookup))
}

/// `URL#generate_url_from_drop`: every `:name` (lower-case letters and `_`)
/// replaced by its escaped value; `:month_` tries `month_`, then `month`;
/// an unknown name is left as written (Jekyll fails the build on it).
fn generate_from_drop(template: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(colon) = rest.find(':') {
        out.push_str(&rest[..colon]);
        let after = &rest[colon + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..len];
        let found = lookup(name).map(|v| (v, len)).or_else(|| {
            let trimmed = name.strip_suffix('_')?;
            lookup(trimmed).map(|v| (v, trimmed.len()))
        });
        match found {
            Some((value, used)) if used > 0 => {
                out.push_str(&escape_path(&value));
                rest = &after[used..];
            }
            _ => {
                out.push(':');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let mut squeezed = String::with_capacity(out.len());
    for c in out.chars() {
        if !(c == '/' && squeezed.ends_with('/')) {
            squeezed.push(c);
        }
    }
    squeezed
}

/// A page's URL (`Page#url`): `/:path/:basename` with the style's suffix
/// (`/` for `pretty`, `.html` for `date`, `ordinal`, `none`), `/:path/` for
/// an `index`; a front-matter `permalink` fills `:path`, `:basename` and
/// `:output_ext` only.
pub(crate) fn page_path(rules: &JekyllRules, file: &SourceFile, permalink: Option<&str>) -> String {
    let dir = file.folders.join("/");
    let basename = file.name.as_str();
    let template = match permalink {
        Some(permalink) => permalink.to_string(),
        None if basename == "index" => "/:path/".to_string(),
        None => add_permalink_suffix("/:path/:basename", &rules.permalink),
    };
    let mut url = template;
    for (key, value) in [
        ("path", dir.as_str()),
        ("basename", basename),
        ("output_ext", ".html"),
    ] {
        if !url.contains(':') {
            break;
        }
        url = url.replace(&format!(":{key}"), &escape_path(value));
    }
    sanitize_url(&url)
}

/// `Document#id` (`lib/jekyll/document.rb`): `File.join(File.dirname(url),
/// data["slug"])`, the path jekyll-feed makes each entry's `<id>` from
/// (`{{ post.id | absolute_url }}`): `/2016/09/21/homebrew-1.0.0` for the
/// URL `/2016/09/21/homebrew-1.0.0/`.
pub(crate) fn document_id(url: &str, slug: &str) -> String {
    // Ruby's File.dirname: trailing slashes ignored, then up to the last one.
    let trimmed = url.trim_end_matches('/');
    let dir = match trimmed.rfind('/') {
        Some(at) => trimmed[..at].trim_end_matches('/'),
        None if url.starts_with('/') => "",
        None => ".",
    };
    // File.join: one separator between the parts.
    format!("{dir}/{}", slug.trim_start_matches('/'))
}

/// [`document_id`] made absolute as jekyll-feed's `absolute_url` does
/// (`Addressable::URI.parse(site.url + path).normalize`): the path as a page
/// URL, except that a `?` or `#` in it starts a query or fragment there, whose
/// stray `%` (not an escape) is written `%25`.
pub(crate) fn absolute_id(base: &url::Url, id: &str) -> url::Url {
    let cut = id.find(['?', '#']).unwrap_or(id.len());
    let mut url = crate::content::permalink::exact_page_url(base, &id[..cut]);
    let rest = &id[cut..];
    let (query, fragment) = match rest.find('#') {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    if let Some(query) = query.strip_prefix('?') {
        url.set_query(Some(&stray_percents_escaped(query)));
    }
    if let Some(fragment) = fragment {
        url.set_fragment(Some(&stray_percents_escaped(fragment)));
    }
    url
}

/// `%` that does not start a `%XX` escape written as `%25`.
fn stray_percents_escaped(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let escape = c == '%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if c == '%' && !escape {
            out.push_str("%25");
        } else {
            out.push(c);
        }
    }
    out
}

/// `Utils.titleize_slug`: each `-`-separated word capitalised (first letter
/// up, the rest down), joined by spaces: a post's title when it has none.
pub(crate) fn titleize_slug(slug: &str) -> String {
    slug.split('-')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// `FrontmatterDefaults#all(path, type)`: the defaults of every set whose
/// scope covers the document, merged in config order, a set that takes
/// precedence over the one before (a longer path, or as long and with a
/// type) overriding it, any other only filling what is missing.
pub(crate) fn defaults_for(
    defaults: &[FrontMatterDefault],
    relative_path: &str,
    kind: &str,
) -> Map<String, Value> {
    let mut merged = Map::new();
    let mut winner: Option<&FrontMatterDefault> = None;
    for set in defaults {
        let path_ok = set.path.is_empty()
            || if set.path.contains('*') {
                let pattern = set.path.trim_end_matches('/');
                fnmatch_prefix(pattern, relative_path)
            } else {
                relative_path.starts_with(&set.path)
            };
        let type_ok = set.kind.as_deref().is_none_or(|k| k == kind);
        if !(path_ok && type_ok) {
            continue;
        }
        let precedes = match winner {
            None => true,
            Some(old) if set.path.len() != old.path.len() => set.path.len() >= old.path.len(),
            Some(old) => set.kind.is_some() || old.kind.is_none(),
        };
        if precedes {
            for (key, value) in &set.values {
                merged.insert(key.clone(), value.clone());
            }
            winner = Some(set);
        } else {
            for (key, value) in &set.values {
                merged.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
    }
    merged
}

/// A glob scope path (`blog/*.md`, which Jekyll expands to the files it
/// names): the path matches it, or lies under a folder that does.
fn fnmatch_prefix(pattern: &str, path: &str) -> bool {
    let matches = |text: &str| {
        fnmatch(pattern.as_bytes(), text.as_bytes())
            && text.matches('/').count() == pattern.matches('/').count()
    };
    matches(path) || path.match_indices('/').any(|(at, _)| matches(&path[..at]))
}

#[cfg(test)]
mod tests {

    #[test]
    fn document_ids_follow_document_rb() {
        assert_eq!(
            document_id("/2016/09/21/homebrew-1.0.0/", "homebrew-1.0.0"),
            "/2016/09/21/homebrew-1.0.0"
        );
        assert_eq!(
            document_id("/news/2013/05/06/Title.html", "Title"),
            "/news/2013/05/06/Title"
        );
        assert_eq!(document_id("/my-own-url/", "post"), "/post");
        assert_eq!(document_id("/", "post"), "/post");
        let base = url::Url::parse("https://example.org/").unwrap();
        assert_eq!(
            absolute_id(&base, "/2020/01/20/q?a#b&c+d%e").as_str(),
            "https://example.org/2020/01/20/q?a#b&c+d%25e"
        );
        assert_eq!(
            absolute_id(&base, "/2020/01/02/with space").as_str(),
            "https://example.org/2020/01/02/with%20space"
        );
    }

    use super::*;
    use crate::content::discover::{FileKind, Markup};
    use std::sync::Arc;

    fn post(folders: &[&str], name: &str) -> SourceFile {
        SourceFile {
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
            collection: Some(Arc::from("posts")),
        }
    }

    fn url(
        permalink: &str,
        file: &SourceFile,
        relative: &str,
        slug: &str,
        categories: &[&str],
        date: &str,
    ) -> String {
        let rules = JekyllRules {
            permalink: permalink.into(),
            ..JekyllRules::default()
        };
        let categories: Vec<String> = file
            .folders
            .iter()
            .cloned()
            .chain(categories.iter().map(|s| s.to_string()))
            .collect();
        document_path(
            &rules,
            &Document {
                file,
                relative_path: relative,
                permalink: None,
                slug,
                categories: &categories,
                date: NaiveDateTime::parse_from_str(date, "%Y-%m-%d %H:%M:%S").unwrap(),
            },
        )
    }

    /// notes/jekyll.md §4.1, each built with Debian's Jekyll 4.3.1.
    #[test]
    fn post_urls() {
        let f = post(&[], "2015-7-1-Hello-World");
        assert_eq!(
            url(
                "date",
                &f,
                "_posts/2015-7-1-Hello-World.md",
                "Hello-World",
                &[],
                "2015-07-01 00:00:00"
            ),
            "/2015/07/01/Hello-World.html"
        );
        let f = post(&["en", "news"], "2020-01-06-lang");
        assert_eq!(
            url(
                "date",
                &f,
                "en/news/_posts/2020-01-06-lang.md",
                "lang",
                &[],
                "2020-01-06 00:00:00"
            ),
            "/en/news/2020/01/06/lang.html"
        );
        let f = post(&[], "2020-01-07-catstr");
        assert_eq!(
            url(
                "date",
                &f,
                "_posts/x.md",
                "catstr",
                &["Foo Bar"],
                "2020-01-07 00:00:00"
            ),
            "/foo%20bar/2020/01/07/catstr.html"
        );
        let f = post(&[], "2020-01-02-with space");
        assert_eq!(
            url(
                "date",
                &f,
                "_posts/x.md",
                "with space",
                &[],
                "2020-01-02 00:00:00"
            ),
            "/2020/01/02/with-space.html"
        );
        let f = post(&[], "2020-01-03-café-ünïcode");
        assert_eq!(
            url(
                "date",
                &f,
                "_posts/x.md",
                "café-ünïcode",
                &[],
                "2020-01-03 00:00:00"
            ),
            "/2020/01/03/caf%C3%A9-%C3%BCn%C3%AFcode.html"
        );
        let f = post(&[], "2020-01-20-q?a#b&c+d%e");
        assert_eq!(
            url(
                "date",
                &f,
                "_posts/x.md",
                "q?a#b&c+d%e",
                &[],
                "2020-01-20 00:00:00"
            ),
            "/2020/01/20/q-a-b&c+d-e.html"
        );
        let f = post(&[], "2021-02-03-Hello-World");
        let each = |style| {
            url(
                style,
                &f,
                "_posts/2021-02-03-Hello-World.md",
                "Hello-World",
                &["Cat A"],
                "2021-02-03 00:00:00",
            )
        };
        assert_eq!(each("pretty"), "/cat%20a/2021/02/03/Hello-World/");
        assert_eq!(each("ordinal"), "/cat%20a/2021/034/Hello-World.html");
        assert_eq!(each("weekdate"), "/cat%20a/2021/W05/Wed/Hello-World.html");
        assert_eq!(each("none"), "/cat%20a/Hello-World.html");
        assert_eq!(
            each("/:year/:i_month/:i_day/:short_year/:hour-:minute-:second/:slug/:name/:title"),
            "/2021/2/3/21/00-00-00/hello-world/2021-02-03-hello-world/Hello-World"
        );
        let f = post(&[], "2020-01-01-a.b.c");
        assert_eq!(
            url(
                "/:collection/:path/:slugified_categories/:title",
                &f,
                "_posts/2020-01-01-a.b.c.md",
                "a.b.c",
                &["Über Cat", "A/B"],
                "2020-01-01 00:00:00"
            ),
            "/posts/2020-01-01-a.b.c/%C3%BCber-cat/a-b/a.b.c"
        );
        let f = post(&[], "2022-01-01-week");
        assert_eq!(
            url(
                "weekdate",
                &f,
                "_posts/x.md",
                "week",
                &[],
                "2022-01-01 00:00:00"
            ),
            "/2022/W52/Sat/week.html"
        );
    }

    #[test]
    fn page_urls() {
        let page = |folders: &[&str], name: &str, style: &str| {
            let rules = JekyllRules {
                permalink: style.into(),
                ..JekyllRules::default()
            };
            let mut f = post(folders, name);
            f.collection = None;
            page_path(&rules, &f, None)
        };
        assert_eq!(page(&[], "about", "date"), "/about.html");
        assert_eq!(page(&[], "about", "pretty"), "/about/");
        assert_eq!(page(&[], "about", "/:year/:title"), "/about");
        assert_eq!(page(&["docs"], "index", "date"), "/docs/");
        assert_eq!(page(&[], "index", "date"), "/");
        assert_eq!(page(&["docs"], "page", "pretty"), "/docs/page/");
        assert_eq!(page(&[], "About Us", "date"), "/About%20Us.html");
        assert_eq!(page(&[], "about", "weekdate"), "/about");
    }

    #[test]
    fn titles_from_slugs() {
        assert_eq!(titleize_slug("homebrew-3.6.0"), "Homebrew 3.6.0");
        assert_eq!(titleize_slug("UPPER_under_score"), "Upper_under_score");
        assert_eq!(titleize_slug("café-ünïcode"), "Café Ünïcode");
    }

    /// notes/jekyll.md §1.2's example, verified on Jekyll 4.3.1.
    #[test]
    fn defaults_precedence() {
        let set = |path: &str, kind: Option<&str>, values: &[(&str, &str)]| FrontMatterDefault {
            path: path.into(),
            kind: kind.map(str::to_string),
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
                .collect(),
        };
        let defaults = vec![
            set(
                "",
                None,
                &[("x", "root"), ("y", "root"), ("z", "root"), ("w", "root")],
            ),
            set("_posts", Some("posts"), &[("x", "posts-path-type")]),
            set(
                "_posts",
                None,
                &[("x", "posts-path-only"), ("y", "posts-path-only")],
            ),
            set("", Some("posts"), &[("y", "type-only"), ("z", "type-only")]),
            set("blog/*.md", None, &[("w", "glob")]),
            set("", Some("pages"), &[("z", "pages-type")]),
        ];
        let post = defaults_for(&defaults, "_posts/2020-01-01-a.md", "posts");
        let get = |m: &Map<String, Value>, k: &str| m[k].as_str().unwrap().to_string();
        assert_eq!(get(&post, "x"), "posts-path-type");
        assert_eq!(get(&post, "y"), "root");
        assert_eq!(get(&post, "z"), "root");
        let page = defaults_for(&defaults, "blog/p.md", "pages");
        assert_eq!(get(&page, "x"), "root");
        assert_eq!(get(&page, "w"), "glob");
    }
}
