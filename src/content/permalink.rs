//! Permalinks: Hugo-style patterns expanded per page, and relative URLs joined to absolute ones.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Utc};
use percent_encoding::percent_decode_str;
use url::Url;

/// One piece of a permalink pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Token(Token),
}

/// The Hugo permalink tokens feedwright knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Section,
    Sections,
    Slug,
    Filename,
    Year,
    Month,
    Day,
    Title,
}

const TOKENS: &[(&str, Token)] = &[
    // Longest first, so `:sections` is not read as `:section` + "s".
    ("sections", Token::Sections),
    ("filename", Token::Filename),
    ("section", Token::Section),
    ("month", Token::Month),
    ("title", Token::Title),
    ("year", Token::Year),
    ("slug", Token::Slug),
    ("day", Token::Day),
];

/// A permalink pattern such as `/:section/:year/:slug/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermalinkPattern {
    pieces: Vec<Piece>,
}

impl Default for PermalinkPattern {
    /// `/:sections/:slug/`: the same as `/:section/:slug/` for a flat section, and
    /// unique for nested ones (docs sites), as Hugo's own path-based default is.
    fn default() -> Self {
        PermalinkPattern::parse("/:sections/:slug/").expect("the default pattern is valid")
    }
}

impl PermalinkPattern {
    /// `/:sections/:year/:month/:day/:slug/`: the default for Jekyll-style
    /// `YYYY-MM-DD-slug.md` files, after Jekyll's own `date` permalinks.
    pub fn jekyll() -> Self {
        PermalinkPattern::parse("/:sections/:year/:month/:day/:slug/")
            .expect("the Jekyll pattern is valid")
    }

    /// The pattern of a page whose section sets none: [`PermalinkPattern::jekyll`]
    /// for a dated (`YYYY-MM-DD-slug`) file name, else the default. Parsed once,
    /// not once per page.
    pub fn fallback(dated_file_name: bool) -> &'static PermalinkPattern {
        static DEFAULT: LazyLock<PermalinkPattern> = LazyLock::new(PermalinkPattern::default);
        static JEKYLL: LazyLock<PermalinkPattern> = LazyLock::new(PermalinkPattern::jekyll);
        if dated_file_name {
            &JEKYLL
        } else {
            &DEFAULT
        }
    }
}

/// What a page gives the tokens of its pattern.
#[derive(Debug, Clone, Default)]
pub struct PermalinkVars<'a> {
    /// The first folder under content, or "".
    pub section: &'a str,
    /// Every folder between content and the page (or its bundle), joined by `/`.
    pub sections: &'a str,
    /// `slug` from front matter, else the file or bundle name.
    pub slug: &'a str,
    /// The file or bundle name.
    pub filename: &'a str,
    /// The page's date, in the site's calendar.
    pub date: Option<chrono::NaiveDate>,
    /// The page's title.
    pub title: &'a str,
}

impl PermalinkPattern {
    /// Reads a pattern, rejecting tokens Hugo does not define or feedwright does not support.
    pub fn parse(pattern: &str) -> Result<Self, String> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = pattern;
        while let Some(c) = rest.chars().next() {
            if c == ':' && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                let name_len = rest[1..]
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(rest.len() - 1);
                let name = &rest[1..1 + name_len];
                let (token_name, token) = TOKENS
                    .iter()
                    .find(|(n, _)| name.starts_with(n) && name[n.len()..].is_empty())
                    .ok_or_else(|| {
                        format!(
                            "unknown token `:{name}`; use :section, :sections, :slug, :filename, :year, :month, :day or :title"
                        )
                    })?;
                if !literal.is_empty() {
                    pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                }
                pieces.push(Piece::Token(*token));
                rest = &rest[1 + token_name.len()..];
            } else {
                literal.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        Ok(PermalinkPattern { pieces })
    }

    /// The page path this pattern gives `vars`, relative to the site root (may hold `/`).
    pub fn expand(&self, vars: &PermalinkVars<'_>) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Token(token) => {
                    let date_part =
                        |f: fn(chrono::NaiveDate) -> String| vars.date.map(f).unwrap_or_default();
                    let value = match token {
                        Token::Section => path_segment(vars.section),
                        Token::Sections => {
                            for (i, section) in vars.sections.split('/').enumerate() {
                                if i > 0 {
                                    out.push('/');
                                }
                                out.push_str(&path_segment(section));
                            }
                            continue;
                        }
                        Token::Slug => path_segment(vars.slug),
                        Token::Filename => path_segment(vars.filename),
                        Token::Title => urlize(vars.title),
                        Token::Year => date_part(|d| format!("{:04}", d.year())),
                        Token::Month => date_part(|d| format!("{:02}", d.month())),
                        Token::Day => date_part(|d| format!("{:02}", d.day())),
                    };
                    out.push_str(&value);
                }
            }
        }
        out
    }
}

/// A page's absolute URL from a site-relative `path`: dot segments resolved
/// without ever climbing above the site root, each segment percent-encoded.
pub fn page_url(base: &Url, path: &str) -> Url {
    plain_page_url(base, path, Slash::Folder)
        .unwrap_or_else(|| segmented_page_url(base, path, Slash::Folder))
}

/// [`page_url`] for a path a generator's rules made: it ends in `/` exactly
/// when `path` does (`/v1.2/foo` stays a file, `/2015/05/15/Rust-1.0/` a folder).
pub(crate) fn exact_page_url(base: &Url, path: &str) -> Url {
    plain_page_url(base, path, Slash::AsWritten)
        .unwrap_or_else(|| segmented_page_url(base, path, Slash::AsWritten))
}

/// When a page URL ends in `/`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slash {
    /// When the path does, or its last segment has no `.` (a folder, not a file).
    Folder,
    /// When the path does.
    AsWritten,
}

impl Slash {
    fn trailing(self, path: &str, last: &str) -> bool {
        path.ends_with('/') || (self == Slash::Folder && !last.contains('.'))
    }
}

/// [`page_url`] for the common case, its path set at once: a base ending in
/// `/` (no query or fragment), and a path of segments that need no decoding,
/// cleaning or encoding. `None` for anything else.
fn plain_page_url(base: &Url, path: &str, slash: Slash) -> Option<Url> {
    if base.query().is_some() || base.fragment().is_some() || !base.path().ends_with('/') {
        return None;
    }
    let is_plain = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~');
    let mut out = String::with_capacity(base.path().len() + path.len() + 1);
    out.push_str(base.path());
    let mut last = None;
    for segment in path.split('/') {
        match segment {
            "" | "." => continue,
            ".." => return None,
            _ if !segment.as_bytes().iter().all(is_plain) => return None,
            _ if last.is_some() => out.push('/'),
            _ => {}
        }
        out.push_str(segment);
        last = Some(segment);
    }
    // No segment: the base itself (left to the general route).
    let last = last?;
    // `/posts/a.html` names a file; everything else is a folder URL ending in `/`.
    if slash.trailing(path, last) {
        out.push('/');
    }
    let mut url = base.clone();
    url.set_path(&out);
    Some(url)
}

/// [`page_url`] for any path, a segment at a time through `url`'s own encoding.
fn segmented_page_url(base: &Url, path: &str, slash: Slash) -> Url {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut segments: Vec<&str> = Vec::new();
    for segment in decoded.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    if segments.is_empty() {
        return base.clone();
    }
    let last = segments.last().copied().unwrap_or("");
    // `/posts/a.html` names a file; everything else is a folder URL ending in `/`.
    let trailing_slash = slash.trailing(&decoded, last);
    let mut url = base.clone();
    if let Ok(mut path_segments) = url.path_segments_mut() {
        path_segments.pop_if_empty();
        for segment in &segments {
            let clean: String = segment.chars().filter(|c| !c.is_control()).collect();
            path_segments.push(&clean);
        }
        if trailing_slash {
            path_segments.push("");
        }
    }
    // `url` leaves these as they are in a path, but RFC 3986 keeps `[` and `]`
    // for hosts and has no `|` or `^`: feed validators refuse all four.
    if url.path().contains(['[', ']', '|', '^']) {
        let path = url
            .path()
            .replace('[', "%5B")
            .replace(']', "%5D")
            .replace('|', "%7C")
            .replace('^', "%5E");
        url.set_path(&path);
    }
    url
}

/// A file or slug name as a path segment: lower case (as Hugo makes paths),
/// spaces to `-`, characters that would end or escape a segment removed.
pub fn path_segment(name: &str) -> String {
    // Nearly every name is lower-case letters, digits and hyphens already.
    let is_plain =
        |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_');
    if name.as_bytes().iter().all(is_plain) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars() {
        match c {
            c if c.is_whitespace() => out.push('-'),
            '/' | '\\' | '?' | '#' | '%' | '"' | '<' | '>' | '`' | '{' | '}' | '|' | '^' => {}
            c if c.is_control() => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    if out == "." || out == ".." {
        out.clear();
    }
    out
}

/// A title as a slug: lower-case letters and digits (any script) joined by single hyphens.
pub fn urlize(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut pending_hyphen = false;
    for c in title.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            pending_hyphen = true;
        }
    }
    out
}

/// `reference` made absolute against `page`, or `None` when it already is absolute
/// (or is so malformed that no URL can be made of it, in which case it is left alone).
pub fn absolutize(page: &Url, reference: &str) -> Option<String> {
    let reference = reference.trim_matches(|c: char| c.is_ascii_whitespace());
    match Url::parse(reference) {
        Ok(_) => None,
        Err(url::ParseError::RelativeUrlWithoutBase) => page.join(reference).ok().map(String::from),
        Err(_) => None,
    }
}

/// The site-calendar date of an instant, for `:year`, `:month` and `:day`.
pub fn calendar_date(
    instant: DateTime<Utc>,
    timezone: super::date::SiteTimezone,
) -> chrono::NaiveDate {
    match timezone {
        super::date::SiteTimezone::Fixed(offset) => instant.with_timezone(&offset).date_naive(),
        super::date::SiteTimezone::Named(tz) => instant.with_timezone(&tz).date_naive(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_hold_only_characters_uris_allow() {
        let base = Url::parse("https://example.org/").unwrap();
        let url = page_url(&base, "/a|b/[c]/^d/{e}/`f`/");
        assert_eq!(
            url.as_str(),
            "https://example.org/a%7Cb/%5Bc%5D/%5Ed/%7Be%7D/%60f%60/"
        );
        assert!(url
            .as_str()
            .chars()
            .all(feedwright_check::spec::is_uri_char));
    }

    fn base() -> Url {
        Url::parse("https://example.org/blog/").unwrap()
    }

    #[test]
    fn default_pattern_for_a_flat_section() {
        let vars = PermalinkVars {
            section: "blog",
            sections: "blog",
            slug: "post-1",
            ..Default::default()
        };
        let path = PermalinkPattern::default().expand(&vars);
        assert_eq!(
            page_url(&base(), &path).as_str(),
            "https://example.org/blog/blog/post-1/"
        );
    }

    #[test]
    fn date_and_title_tokens() {
        let pattern = PermalinkPattern::parse("/:year/:month/:day/:title/").unwrap();
        let vars = PermalinkVars {
            date: chrono::NaiveDate::from_ymd_opt(2025, 1, 5),
            title: "Lean Management: “why” & how!",
            ..Default::default()
        };
        assert_eq!(
            pattern.expand(&vars),
            "/2025/01/05/lean-management-why-how/"
        );
    }

    #[test]
    fn unknown_tokens_are_rejected() {
        assert!(PermalinkPattern::parse("/:sectionz/:slug/").is_err());
        assert!(PermalinkPattern::parse("/:weekday/").is_err());
        assert!(PermalinkPattern::parse("/x:1/").is_ok());
    }

    #[test]
    fn paths_never_climb_above_the_site_root() {
        for evil in [
            "../../../etc/passwd",
            "/..%2f..%2fetc/",
            "%2e%2e/%2e%2e/x",
            "..\\..\\x",
        ] {
            let url = page_url(&base(), evil);
            assert!(
                url.as_str().starts_with("https://example.org/blog/"),
                "{evil} -> {url}"
            );
            assert!(!url.path().contains(".."), "{evil} -> {url}");
        }
    }

    #[test]
    fn segments_are_percent_encoded() {
        let url = page_url(&base(), "/日本語/a b/");
        assert_eq!(
            url.as_str(),
            "https://example.org/blog/%E6%97%A5%E6%9C%AC%E8%AA%9E/a%20b/"
        );
    }

    #[test]
    fn file_like_paths_keep_no_trailing_slash() {
        assert_eq!(
            page_url(&base(), "/a/b.html").as_str(),
            "https://example.org/blog/a/b.html"
        );
        assert_eq!(page_url(&base(), "").as_str(), "https://example.org/blog/");
    }

    /// The one-string route and the segment-by-segment route agree wherever
    /// the first is taken.
    #[test]
    fn plain_page_urls_agree_with_the_segmented_route() {
        let bases = [
            "https://example.org/",
            "https://example.org/blog/",
            "http://localhost:1313/",
            "https://example.org/blog",
            "https://example.org/?q=1",
        ];
        let paths = [
            "/blog/post-1/",
            "blog/post-1",
            "/a/b.html",
            "/a.b/c",
            "/v1.2/",
            "a//b/./c/",
            "/~user/",
            "/x/../y/",
            "/UPPER/Case/",
            "",
            "/",
            ".",
            "/a/b/..",
            "/a%20b/",
            "/a b/",
            "/café/",
            "/a:b/",
            "/a\\b/",
            "/...",
            "/a/.../b",
            "/_x_/",
            "/-/",
        ];
        let mut plain = 0;
        for base in bases {
            let base = Url::parse(base).unwrap();
            for path in paths {
                let segmented = segmented_page_url(&base, path, Slash::Folder);
                if let Some(url) = plain_page_url(&base, path, Slash::Folder) {
                    plain += 1;
                    assert_eq!(url, segmented, "{base} + {path:?}");
                }
                assert_eq!(page_url(&base, path), segmented, "{base} + {path:?}");
            }
        }
        assert!(plain >= 30, "{plain}");
    }

    proptest::proptest! {
        #[test]
        fn plain_page_urls_agree_on_random_paths(path in "[a-zA-Z0-9./_~%: -]{0,24}") {
            let base = Url::parse("https://example.org/blog/").unwrap();
            if let Some(url) = plain_page_url(&base, &path, Slash::Folder) {
                proptest::prop_assert_eq!(url, segmented_page_url(&base, &path, Slash::Folder));
            }
        }
    }

    #[test]
    fn plain_names_are_their_own_segment() {
        for name in ["post-1", "a_b", "2025", "x", ""] {
            assert_eq!(path_segment(name), name);
        }
        assert_eq!(path_segment("Post-1"), "post-1");
        assert_eq!(path_segment("a.b"), "a.b");
    }

    #[test]
    fn slugs_cannot_carry_separators() {
        assert_eq!(path_segment("../Etc/Passwd"), "..etcpasswd");
        assert_eq!(path_segment(".."), "");
        assert_eq!(path_segment("My Post"), "my-post");
    }

    #[test]
    fn absolutizes_every_kind_of_relative_reference() {
        let page = Url::parse("https://example.org/blog/post-1/").unwrap();
        let table = [
            ("x.png", "https://example.org/blog/post-1/x.png"),
            ("./x.png", "https://example.org/blog/post-1/x.png"),
            ("../x", "https://example.org/blog/x"),
            ("../../../../x", "https://example.org/x"),
            ("/x", "https://example.org/x"),
            ("#frag", "https://example.org/blog/post-1/#frag"),
            ("?q=1", "https://example.org/blog/post-1/?q=1"),
            ("//cdn.example.net/a.js", "https://cdn.example.net/a.js"),
            ("", "https://example.org/blog/post-1/"),
        ];
        for (reference, want) in table {
            assert_eq!(
                absolutize(&page, reference).as_deref(),
                Some(want),
                "{reference}"
            );
        }
        for absolute in [
            "https://other.org/a",
            "mailto:a@b.org",
            "data:image/png;base64,AA==",
        ] {
            assert_eq!(absolutize(&page, absolute), None, "{absolute}");
        }
    }
}
