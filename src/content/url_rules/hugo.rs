//! Hugo's page URLs, as Hugo 0.111.3 builds them and current Hugo still does
//! (notes/hugo-urls-config.md §2–§3):
//!
//! - `resources/page/page_paths.go` `CreateTargetPaths`: `url` front matter
//!   kept as written (only escaped), else the section's permalink pattern,
//!   else `dir/slug`; `uglyURLs`; the language prefix; then the whole path
//!   sanitized and lower-cased (`MakePathSanitized`) and escaped (`URLEscape`);
//! - `resources/page/permalinks.go`: the tokens (`:year` … `:slugorfilename`,
//!   `:sections[…]`, `:contentbasename`, any Go time layout such as `:06`
//!   or `:Jan`), each value `urlize`d, the expansion then `QueryUnescape`d;
//! - `hugolib/page__paths.go` `createTargetPathDescriptor`.
//!
//! Where Hugo 0.111.3 and current Hugo differ, current Hugo is followed: a
//! pattern's section key matches the section folder whatever its case, a
//! single-language site with `defaultContentLanguageInSubdir` is under
//! `/en/`, and a `#` in a path is escaped (`%23`) by the URL encoding.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Timelike};

use super::{pjoin, PageFacts, SiteFacts};
use crate::content::slug::hugo::{
    make_path_sanitized, query_unescape, url_escape, urlize, PathOptions,
};
use crate::site_config::hugo::HugoRules;

/// One piece of a permalink pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Token(Token),
}

/// A permalink token (`resources/page/permalinks.go` `knownPermalinkAttributes`,
/// `sections[…]`, and Go time layouts).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Year,
    Month,
    MonthName,
    Day,
    Weekday,
    WeekdayName,
    YearDay,
    Section,
    Sections(Option<(Bound, Bound)>),
    SectionIndex(Bound),
    Title,
    Slug,
    SlugOrFilename,
    Filename,
    ContentBaseName,
    SlugOrContentBaseName,
    /// A Go time layout, formatted with the page's date (`:06`, `:Jan`).
    Layout(String),
}

/// One end of a `:sections[a:b]` slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Start,
    End,
    Last,
    At(usize),
}

/// A parsed permalink pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    pieces: Vec<Piece>,
}

impl Pattern {
    /// Reads `pattern`; an unknown token is an error, as in Hugo
    /// ("permalink ill-formed"). Tokens are `:` and word characters, with an
    /// optional `[…]`.
    pub(crate) fn parse(pattern: &str) -> Result<Pattern, String> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = pattern;
        while let Some(start) = rest.find(':') {
            let after = &rest[start + 1..];
            let word = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if word == 0 {
                literal.push_str(&rest[..=start]);
                rest = after;
                continue;
            }
            let mut end = word;
            let mut slice = None;
            if after[word..].starts_with('[') {
                if let Some(close) = after[word..].find(']') {
                    slice = Some(&after[word + 1..word + close]);
                    end = word + close + 1;
                }
            }
            literal.push_str(&rest[..start]);
            if !literal.is_empty() {
                pieces.push(Piece::Literal(std::mem::take(&mut literal)));
            }
            let name = &after[..word];
            pieces.push(Piece::Token(token(name, slice).ok_or_else(|| {
                format!("`:{}` is not a permalink token Hugo knows (tokens are case-sensitive: :year, :month, :day, :title, :slug, :filename, :section, :sections, ...)", &after[..end])
            })?));
            rest = &after[end..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        Ok(Pattern { pieces })
    }
}

/// The token `name` (with its `[slice]`), or `None` when Hugo does not know it.
fn token(name: &str, slice: Option<&str>) -> Option<Token> {
    Some(match (name, slice) {
        ("sections", None) => Token::Sections(None),
        ("sections", Some(slice)) => match slice.split_once(':') {
            Some((a, b)) => Token::Sections(Some((bound(a, Bound::Start)?, bound(b, Bound::End)?))),
            None => Token::SectionIndex(bound(slice, Bound::End)?),
        },
        (_, Some(_)) => return None,
        ("year", _) => Token::Year,
        ("month", _) => Token::Month,
        ("monthname", _) => Token::MonthName,
        ("day", _) => Token::Day,
        ("weekday", _) => Token::Weekday,
        ("weekdayname", _) => Token::WeekdayName,
        ("yearday", _) => Token::YearDay,
        ("section", _) => Token::Section,
        ("title", _) => Token::Title,
        ("slug", _) => Token::Slug,
        ("slugorfilename", _) => Token::SlugOrFilename,
        ("filename", _) => Token::Filename,
        ("contentbasename", _) => Token::ContentBaseName,
        ("slugorcontentbasename", _) => Token::SlugOrContentBaseName,
        (layout, _) if is_time_layout(layout) => Token::Layout(layout.to_string()),
        _ => return None,
    })
}

fn bound(text: &str, empty: Bound) -> Option<Bound> {
    match text.trim() {
        "" => Some(empty),
        "last" => Some(Bound::Last),
        n => n.parse::<i64>().ok().map(|n| Bound::At(n.max(0) as usize)),
    }
}

/// Hugo's page URL rules with the site's patterns parsed once.
#[derive(Debug)]
pub(crate) struct HugoUrls {
    patterns: BTreeMap<String, Pattern>,
    /// Per language (by index), its own patterns laid over the site's.
    language_patterns: Vec<BTreeMap<String, Pattern>>,
    rules: HugoRules,
}

impl HugoUrls {
    /// Parses the patterns of `rules` and of each language (`language_permalinks`).
    pub(crate) fn new(
        rules: &HugoRules,
        language_permalinks: &[BTreeMap<String, String>],
        extra: &BTreeMap<String, String>,
    ) -> Result<HugoUrls, String> {
        let parse_all =
            |map: &BTreeMap<String, String>| -> Result<BTreeMap<String, Pattern>, String> {
                map.iter()
                    .map(|(key, pattern)| {
                        Pattern::parse(pattern)
                            .map(|p| (key.trim_matches([' ', '/']).to_lowercase(), p))
                            .map_err(|m| format!("permalinks.{key}: {m}"))
                    })
                    .collect()
            };
        let mut patterns = parse_all(&rules.permalinks)?;
        patterns.extend(parse_all(extra)?);
        let language_patterns = language_permalinks
            .iter()
            .map(parse_all)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(HugoUrls {
            patterns,
            language_patterns,
            rules: rules.clone(),
        })
    }

    /// A section list page's path: its folders, sanitized, under the language prefix.
    pub(crate) fn section_path(&self, folders: &[String], prefix: &str) -> String {
        let joined = folders.join("/");
        let ugly = folders
            .first()
            .is_some_and(|s| self.rules.ugly_urls.for_section(s))
            && !folders.is_empty();
        let link = if ugly {
            format!("/{prefix}/{joined}.html")
        } else {
            format!("/{prefix}/{joined}/")
        };
        finish(&pjoin(&["/", &link]), self.rules.path)
    }

    /// The path of a regular page or leaf bundle (`CreateTargetPaths`, kind
    /// page), `prefix` being its language's (`""` or `fr`).
    pub(crate) fn page_path(
        &self,
        facts: &PageFacts<'_>,
        site: &SiteFacts,
        prefix: &str,
    ) -> String {
        let file = facts.file;
        if let Some(url) = facts.front.url.text() {
            return url_path(url, prefix);
        }
        let section = file.folders.first().map_or("", String::as_str);
        let key = section.to_lowercase();
        let pattern = self
            .language_patterns
            .get(file.lang)
            .and_then(|p| p.get(&key))
            .or_else(|| self.patterns.get(&key));
        let slug = facts
            .slug
            .map(|s| s.trim_matches('-'))
            .filter(|s| !s.is_empty());
        let base_name = slug.unwrap_or(&file.name);
        let expanded = pattern
            .map(|p| self.expand(p, facts, site, slug))
            .and_then(|e| query_unescape(&e))
            .filter(|e| !e.is_empty());
        let ugly = self.rules.ugly_urls.for_section(section);
        let path = match &expanded {
            Some(expanded) => pjoin(&["/", expanded]),
            None => pjoin(&["/", &file.folders.join("/"), base_name]),
        };
        let link = if ugly {
            format!("{}.html", path.trim_matches('/'))
        } else {
            format!("{path}/")
        };
        let link = if prefix.is_empty() {
            link
        } else {
            pjoin(&[prefix, &link])
        };
        finish(&link, self.rules.path)
    }

    /// A pattern expanded for a page: each token's value, then the literals.
    fn expand(
        &self,
        pattern: &Pattern,
        facts: &PageFacts<'_>,
        site: &SiteFacts,
        slug: Option<&str>,
    ) -> String {
        let options = self.rules.path;
        // Go's zero time, 0001-01-01 00:00 UTC, for a page without a date.
        let zero = || {
            let midnight = NaiveDate::from_ymd_opt(1, 1, 1)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .expect("0001-01-01 exists");
            FixedOffset::east_opt(0)
                .expect("zero offset")
                .from_utc_datetime(&midnight)
        };
        let date = facts.date.unwrap_or_else(zero);
        let file = facts.file;
        let filename = || urlize(&file.name, options);
        let sections = || nested_sections(&file.folders, site);
        let mut out = String::new();
        for piece in &pattern.pieces {
            let token = match piece {
                Piece::Literal(text) => {
                    out.push_str(text);
                    continue;
                }
                Piece::Token(token) => token,
            };
            let value = match token {
                Token::Year => date.year().to_string(),
                Token::Month => format!("{:02}", date.month()),
                Token::MonthName => month_name(date.month()).to_string(),
                Token::Day => format!("{:02}", date.day()),
                Token::Weekday => date.weekday().num_days_from_sunday().to_string(),
                Token::WeekdayName => {
                    weekday_name(date.weekday().num_days_from_sunday()).to_string()
                }
                Token::YearDay => date.ordinal().to_string(),
                Token::Section => file.folders.first().cloned().unwrap_or_default(),
                Token::Sections(None) => sections().join("/"),
                Token::Sections(Some((a, b))) => {
                    let all = sections();
                    let at = |b: Bound| match b {
                        Bound::Start => 0,
                        Bound::End => all.len(),
                        Bound::Last => all.len().saturating_sub(1),
                        Bound::At(n) => n.min(all.len()),
                    };
                    let (a, b) = (at(*a), at(*b));
                    if a < b {
                        all[a..b].join("/")
                    } else {
                        String::new()
                    }
                }
                Token::SectionIndex(b) => {
                    let all = sections();
                    let index = match b {
                        Bound::Last | Bound::End => all.len().saturating_sub(1),
                        Bound::Start => 0,
                        Bound::At(n) => *n,
                    };
                    all.get(index).cloned().unwrap_or_default()
                }
                Token::Title => urlize(facts.title, options),
                Token::Slug => match slug {
                    Some(slug) => urlize(slug, options),
                    None => urlize(facts.title, options),
                },
                Token::SlugOrFilename | Token::SlugOrContentBaseName => match slug {
                    Some(slug) => urlize(slug, options),
                    None => filename(),
                },
                Token::Filename | Token::ContentBaseName => filename(),
                Token::Layout(layout) => go_format(&date, layout),
            };
            out.push_str(&value);
        }
        out
    }
}

/// Lower-cased and escaped, the way every page link is finished; a `#` is
/// escaped too (`%23`, as Hugo 0.120 and later write it; 0.111 left it raw).
fn finish(link: &str, options: PathOptions) -> String {
    let had_slash = link.ends_with('/');
    let mut link = format!("/{}", link.trim_matches('/'));
    if had_slash && link != "/" {
        link.push('/');
    }
    let sanitized = make_path_sanitized(&link, options).replace('#', "%23");
    url_escape(&sanitized).into_owned()
}

/// A front-matter `url`: kept as written but escaped; a folder (gets `/`)
/// when it ends with `/` or has no `.` anywhere; a relative one under the
/// language prefix.
fn url_path(url: &str, prefix: &str) -> String {
    let folder = url.ends_with('/') || !url.contains('.');
    let mut path = if url.starts_with('/') || prefix.is_empty() {
        pjoin(&["/", url])
    } else {
        pjoin(&["/", prefix, url])
    };
    if folder && !path.ends_with('/') {
        path.push('/');
    }
    url_escape(&path.replace('#', "%23")).into_owned()
}

/// The sections a page is in, outermost first: the first folder always,
/// each deeper one while it has its own `_index` file.
fn nested_sections(folders: &[String], site: &SiteFacts) -> Vec<String> {
    let mut out = Vec::new();
    for depth in 0..folders.len() {
        if depth > 0 && !site.sections.contains(&folders[..=depth].join("/")) {
            break;
        }
        out.push(folders[depth].clone());
    }
    out
}

fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(month as usize).saturating_sub(1).min(11)]
}

fn weekday_name(from_sunday: u32) -> &'static str {
    const NAMES: [&str; 7] = [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ];
    NAMES[from_sunday as usize % 7]
}

/// The next layout element in `layout`: the text before it, the element, the rest.
fn next_chunk(layout: &str) -> (&str, Option<&'static str>, &str) {
    let b = layout.as_bytes();
    let lower_follows = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_lowercase());
    for i in 0..b.len() {
        let rest = &layout[i..];
        let found: Option<&'static str> = match b[i] {
            b'J' if rest.starts_with("January") => Some("January"),
            b'J' if rest.starts_with("Jan") && !lower_follows(i + 3) => Some("Jan"),
            b'M' if rest.starts_with("Monday") => Some("Monday"),
            b'M' if rest.starts_with("Mon") && !lower_follows(i + 3) => Some("Mon"),
            b'M' if rest.starts_with("MST") => Some("MST"),
            b'0' if rest.len() >= 2 && (b'1'..=b'6').contains(&b[i + 1]) => {
                Some(["01", "02", "03", "04", "05", "06"][usize::from(b[i + 1] - b'1')])
            }
            b'0' if rest.starts_with("002") => Some("002"),
            b'1' if rest.starts_with("15") => Some("15"),
            b'1' => Some("1"),
            b'2' if rest.starts_with("2006") => Some("2006"),
            b'2' => Some("2"),
            b'_' if rest.starts_with("_2006") => None,
            b'_' if rest.starts_with("__2") => Some("__2"),
            b'_' if rest.starts_with("_2") => Some("_2"),
            b'3' => Some("3"),
            b'4' => Some("4"),
            b'5' => Some("5"),
            b'P' if rest.starts_with("PM") => Some("PM"),
            b'p' if rest.starts_with("pm") => Some("pm"),
            _ => None,
        };
        if let Some(std) = found {
            return (&layout[..i], Some(std), &layout[i + std.len()..]);
        }
    }
    (layout, None, "")
}

/// Whether a token name is a Go time layout (formatting changes it).
fn is_time_layout(name: &str) -> bool {
    next_chunk(name).1.is_some()
}

/// Go's `time.Time.Format(layout)` for the layout elements a token can hold.
fn go_format(date: &DateTime<FixedOffset>, layout: &str) -> String {
    let mut out = String::new();
    let mut rest = layout;
    loop {
        let (text, std, after) = next_chunk(rest);
        out.push_str(text);
        let Some(std) = std else {
            break;
        };
        match std {
            "January" => out.push_str(month_name(date.month())),
            "Jan" => out.push_str(&month_name(date.month())[..3]),
            "Monday" => out.push_str(weekday_name(date.weekday().num_days_from_sunday())),
            "Mon" => out.push_str(&weekday_name(date.weekday().num_days_from_sunday())[..3]),
            "MST" => out.push_str(&date.format("%Z").to_string()),
            "01" => out.push_str(&format!("{:02}", date.month())),
            "02" => out.push_str(&format!("{:02}", date.day())),
            "03" => out.push_str(&format!("{:02}", twelve(date.hour()))),
            "04" => out.push_str(&format!("{:02}", date.minute())),
            "05" => out.push_str(&format!("{:02}", date.second())),
            "06" => out.push_str(&format!("{:02}", date.year() % 100)),
            "002" => out.push_str(&format!("{:03}", date.ordinal())),
            "15" => out.push_str(&format!("{:02}", date.hour())),
            "1" => out.push_str(&date.month().to_string()),
            "2006" => out.push_str(&date.year().to_string()),
            "2" => out.push_str(&date.day().to_string()),
            "__2" => out.push_str(&format!("{:>3}", date.ordinal())),
            "_2" => out.push_str(&format!("{:>2}", date.day())),
            "3" => out.push_str(&twelve(date.hour()).to_string()),
            "4" => out.push_str(&date.minute().to_string()),
            "5" => out.push_str(&date.second().to_string()),
            "PM" => out.push_str(if date.hour() >= 12 { "PM" } else { "AM" }),
            "pm" => out.push_str(if date.hour() >= 12 { "pm" } else { "am" }),
            _ => {}
        }
        rest = after;
    }
    out
}

fn twelve(hour: u32) -> u32 {
    match hour % 12 {
        0 => 12,
        h => h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::discover::{FileKind, Markup, SourceFile};
    use crate::content::front_matter::{FrontMatter, Value};

    fn file(path: &str, kind: FileKind) -> SourceFile {
        let parts: Vec<&str> = path.split('/').collect();
        let (name, folders) = parts.split_last().unwrap();
        let (folders, name) = match kind {
            FileKind::LeafBundle => {
                let (bundle, parents) = folders.split_last().unwrap();
                (parents.to_vec(), bundle.to_string())
            }
            _ => (folders.to_vec(), name.trim_end_matches(".md").to_string()),
        };
        SourceFile {
            path: path.into(),
            folders: folders
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into(),
            name,
            kind,
            language: None,
            lang: 0,
            markup: Markup::Markdown,
            collection: None,
        }
    }

    fn urls(permalinks: &[(&str, &str)], ugly: bool) -> HugoUrls {
        let rules = HugoRules {
            permalinks: permalinks
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ugly_urls: crate::site_config::hugo::UglyUrls::All(ugly),
            ..HugoRules::default()
        };
        HugoUrls::new(&rules, &[], &BTreeMap::new()).unwrap()
    }

    fn path_of(
        urls: &HugoUrls,
        file: &SourceFile,
        front: &FrontMatter,
        title: &str,
        date: Option<&str>,
    ) -> String {
        let facts = PageFacts {
            file,
            front,
            date: date.map(|d| DateTime::parse_from_rfc3339(d).unwrap()),
            title,
            name_slug: &file.name,
            slug: front.slug.text(),
        };
        urls.page_path(&facts, &SiteFacts::default(), "")
    }

    /// Cases of notes §9, verified on Hugo 0.111.3.
    #[test]
    fn default_paths() {
        let u = urls(&[], false);
        let none = FrontMatter::default();
        for (path, kind, want) in [
            (
                "post/Hello World.md",
                FileKind::Regular,
                "/post/hello-world/",
            ),
            ("about.md", FileKind::Regular, "/about/"),
            (
                "post/My Bundle/index.md",
                FileKind::LeafBundle,
                "/post/my-bundle/",
            ),
            (
                "post/café crème.md",
                FileKind::Regular,
                "/post/caf%C3%A9-cr%C3%A8me/",
            ),
            ("post/C++ tips.md", FileKind::Regular, "/post/c++-tips/"),
            (
                "post/v1.2.release.md",
                FileKind::Regular,
                "/post/v1.2.release/",
            ),
            (
                "docs/guide/setup/intro.md",
                FileKind::Regular,
                "/docs/guide/setup/intro/",
            ),
            (
                "post/what's up? (a & b).md",
                FileKind::Regular,
                "/post/whats-up-a-b/",
            ),
        ] {
            assert_eq!(
                path_of(&u, &file(path, kind), &none, "", None),
                want,
                "{path}"
            );
        }
    }

    #[test]
    fn front_matter_url_and_slug() {
        let u = urls(&[], false);
        let f = file("post/x.md", FileKind::Regular);
        let with = |key: &str, value: &str| {
            let mut front = FrontMatter::default();
            match key {
                "url" => front.url = Value::Text(value.into()),
                _ => front.slug = Value::Text(value.into()),
            }
            path_of(&u, &f, &front, "", None)
        };
        assert_eq!(with("slug", "My Custom Slug!"), "/post/my-custom-slug/");
        assert_eq!(with("slug", "-dashy-"), "/post/dashy/");
        assert_eq!(with("url", "/Custom/Path/"), "/Custom/Path/");
        assert_eq!(with("url", "/custom/page.html"), "/custom/page.html");
        assert_eq!(with("url", "/custom/noslash"), "/custom/noslash/");
        assert_eq!(with("url", "/v1.2/foo"), "/v1.2/foo");
        assert_eq!(with("url", "/foo.bar/"), "/foo.bar/");
    }

    #[test]
    fn tokens() {
        let none = FrontMatter::default();
        let cases: &[(&str, &str, &str, &str, &str)] = &[
            (
                "/:year/:month/:day/:title/",
                "post/a.md",
                "Hello, World! v1.2",
                "2015-07-01T10:00:00Z",
                "/2015/07/01/hello-world-v1.2/",
            ),
            (
                "/:monthname/:weekday/:weekdayname/:yearday/:filename/",
                "post/a.md",
                "A",
                "2015-07-05T00:00:00Z",
                "/july/0/sunday/186/a/",
            ),
            (
                "/:06/:1/:2/:title/",
                "post/a.md",
                "A",
                "2015-07-05T09:08:07Z",
                "/15/7/5/a/",
            ),
            (
                "/:year/:month/:day/:filename/",
                "post/d.md",
                "D",
                "2017-09-10T00:30:00+02:00",
                "/2017/09/10/d/",
            ),
            (
                "/:year/:month/:day/:filename/",
                "post/n.md",
                "N",
                "",
                "/1/01/01/n/",
            ),
            (
                "/tok/:title/",
                "post/t1.md",
                "C++ and C#",
                "",
                "/tok/c-and-c/",
            ),
            ("/tok/:title/", "post/t3.md", "x #y", "", "/tok/x-%23y/"),
            (
                "/tok/:title/",
                "post/a.md",
                "Dots... in. title.",
                "",
                "/tok/dots...-in.-title./",
            ),
            (
                "/tok/:title/",
                "post/a.md",
                "İstanbul Über",
                "",
                "/tok/istanbul-%C3%BCber/",
            ),
            (
                "/tok/:title/",
                "post/a.md",
                "ΟΔΥΣΣΕΥΣ",
                "",
                "/tok/%CE%BF%CE%B4%CF%85%CF%83%CF%83%CE%B5%CF%85%CF%83/",
            ),
            (
                "/B/:title/",
                "post/a.md",
                "MiXeD Title",
                "",
                "/b/mixed-title/",
            ),
            (
                "/:slug/",
                "post/a.md",
                "No Slug Title",
                "",
                "/no-slug-title/",
            ),
            ("/h/:filename.html", "post/b.md", "B", "", "/h/b.html/"),
            ("/x/:filename/", "post/C++ tips.md", "t", "", "/x/c-tips/"),
            ("/x/:filename/", "post/pct%20enc.md", "t", "", "/x/pct-enc/"),
            (
                "/f/:filename/",
                "post/File.Name.md",
                "T",
                "",
                "/f/file.name/",
            ),
        ];
        for (pattern, path, title, date, want) in cases {
            let u = urls(&[("post", pattern)], false);
            let date = (!date.is_empty()).then_some(*date);
            assert_eq!(
                path_of(&u, &file(path, FileKind::Regular), &none, title, date),
                *want,
                "{pattern} {path}"
            );
        }
    }

    #[test]
    fn sections_tokens_follow_nested_sections() {
        let u = urls(
            &[(
                "d",
                "/:sections/-/:sections[1:]/-/:sections[last]/-/:section/:filename/",
            )],
            false,
        );
        let mut site = SiteFacts::default();
        for s in ["d", "d/x1", "d/x1/x2"] {
            site.sections.insert(s.into());
        }
        let f = file("d/x1/x2/x3/deep.md", FileKind::Regular);
        let front = FrontMatter::default();
        let facts = PageFacts {
            file: &f,
            front: &front,
            date: None,
            title: "deep",
            name_slug: "deep",
            slug: None,
        };
        assert_eq!(
            u.page_path(&facts, &site, ""),
            "/d/x1/x2/-/x1/x2/-/x2/-/d/deep/"
        );
    }

    #[test]
    fn ugly_urls_and_languages() {
        let u = urls(&[("blog", "/:year/:title/")], true);
        let none = FrontMatter::default();
        assert_eq!(
            path_of(
                &u,
                &file("post/Foo Bar.md", FileKind::Regular),
                &none,
                "a",
                None
            ),
            "/post/foo-bar.html"
        );
        assert_eq!(
            path_of(
                &u,
                &file("post/bundle/index.md", FileKind::LeafBundle),
                &none,
                "b",
                None
            ),
            "/post/bundle.html"
        );
        assert_eq!(
            path_of(
                &u,
                &file("blog/p.md", FileKind::Regular),
                &none,
                "Perm Title",
                Some("2015-07-01T00:00:00Z")
            ),
            "/2015/perm-title.html"
        );
        let u = urls(&[], false);
        let f = file("post/hello.md", FileKind::Regular);
        let facts = PageFacts {
            file: &f,
            front: &none,
            date: None,
            title: "",
            name_slug: "hello",
            slug: None,
        };
        assert_eq!(
            u.page_path(&facts, &SiteFacts::default(), "fr"),
            "/fr/post/hello/"
        );
        let rel = FrontMatter {
            url: Value::Text("relatif/".into()),
            ..FrontMatter::default()
        };
        let facts = PageFacts {
            front: &rel,
            ..facts
        };
        assert_eq!(
            u.page_path(&facts, &SiteFacts::default(), "fr"),
            "/fr/relatif/"
        );
        let abs = FrontMatter {
            url: Value::Text("/absolu/".into()),
            ..FrontMatter::default()
        };
        let facts = PageFacts {
            front: &abs,
            ..facts
        };
        assert_eq!(u.page_path(&facts, &SiteFacts::default(), "fr"), "/absolu/");
    }

    #[test]
    fn unknown_tokens_are_refused() {
        assert!(Pattern::parse("/:Title/").is_err());
        assert!(Pattern::parse("/:nope/").is_err());
        assert!(Pattern::parse("/x:/").is_ok());
    }
}
