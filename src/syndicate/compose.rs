//! The words of a post on each network: the status template, hashtags, cutting
//! a summary at a word boundary so the whole text fits, and where each link and
//! hashtag sits in the text (Bluesky's facets).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::feed::sanitize::decode_entities;

/// The Mastodon status template when the config names none.
pub const DEFAULT_TEMPLATE: &str = "{title}\n\n{summary}\n\n{url}\n\n{hashtags}";

/// The mark that ends a shortened text.
pub const ELLIPSIS: &str = "…";

/// A status template, checked once: literal text and `{title}`, `{summary}`,
/// `{url}`, `{hashtags}` placeholders, line by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    lines: Vec<Vec<Piece>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Title,
    Summary,
    Url,
    Hashtags,
}

impl Template {
    /// Parses `text`; an unknown `{name}` is an error naming it.
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut lines = Vec::new();
        for line in text.split('\n') {
            let mut pieces = Vec::new();
            let mut rest = line;
            while let Some(start) = rest.find('{') {
                let Some(len) = rest[start..].find('}') else {
                    break;
                };
                let name = &rest[start + 1..start + len];
                let piece = match name {
                    "title" => Piece::Title,
                    "summary" => Piece::Summary,
                    "url" => Piece::Url,
                    "hashtags" => Piece::Hashtags,
                    _ => {
                        return Err(format!(
                            "unknown placeholder `{{{name}}}`; the template may use {{title}}, {{summary}}, {{url}} and {{hashtags}}"
                        ))
                    }
                };
                if start > 0 {
                    pieces.push(Piece::Text(rest[..start].to_string()));
                }
                pieces.push(piece);
                rest = &rest[start + len + 1..];
            }
            if !rest.is_empty() {
                pieces.push(Piece::Text(rest.to_string()));
            }
            lines.push(pieces);
        }
        Ok(Template { lines })
    }
}

impl Default for Template {
    fn default() -> Self {
        Template::parse(DEFAULT_TEMPLATE).expect("the default template is valid")
    }
}

/// The parts a template is filled with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts<'a> {
    /// The title, one line.
    pub title: &'a str,
    /// The summary, one line (possibly shortened).
    pub summary: &'a str,
    /// The post's URL.
    pub url: &'a str,
    /// The hashtags, each with its `#`.
    pub hashtags: &'a [String],
}

/// A composed text and where its links and hashtags are, in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    /// The text.
    pub text: String,
    /// Each place the post's URL was written.
    pub links: Vec<Range<usize>>,
    /// Each hashtag written from `{hashtags}` (with its `#`), and the tag without it.
    pub tags: Vec<(Range<usize>, String)>,
}

/// Fills `template`; a line left blank by empty parts is dropped, runs of blank
/// lines collapse to one, and blank lines at either end go.
pub fn fill(template: &Template, parts: &Parts<'_>) -> Composed {
    let mut out = Composed {
        text: String::new(),
        links: Vec::new(),
        tags: Vec::new(),
    };
    let mut pending_blank = false;
    for pieces in &template.lines {
        let mut line = Composed {
            text: String::new(),
            links: Vec::new(),
            tags: Vec::new(),
        };
        for piece in pieces {
            match piece {
                Piece::Text(text) => line.text.push_str(text),
                Piece::Title => line.text.push_str(parts.title),
                Piece::Summary => line.text.push_str(parts.summary),
                Piece::Url => {
                    let start = line.text.len();
                    line.text.push_str(parts.url);
                    line.links.push(start..line.text.len());
                }
                Piece::Hashtags => {
                    for (i, tag) in parts.hashtags.iter().enumerate() {
                        if i > 0 {
                            line.text.push(' ');
                        }
                        let start = line.text.len();
                        line.text.push_str(tag);
                        line.tags.push((
                            start..line.text.len(),
                            tag.trim_start_matches('#').to_string(),
                        ));
                    }
                }
            }
        }
        if line.text.trim().is_empty() {
            pending_blank = !out.text.is_empty();
            continue;
        }
        if !out.text.is_empty() {
            out.text.push('\n');
            if pending_blank {
                out.text.push('\n');
            }
        }
        pending_blank = false;
        let offset = out.text.len();
        out.text.push_str(&line.text);
        out.links.extend(
            line.links
                .into_iter()
                .map(|r| r.start + offset..r.end + offset),
        );
        out.tags.extend(
            line.tags
                .into_iter()
                .map(|(r, tag)| (r.start + offset..r.end + offset, tag)),
        );
    }
    out
}

/// How a network measures a text.
pub trait Measure {
    /// The length of `text` as the network counts it.
    fn length(&self, text: &str) -> usize;
}

/// Graphemes (Bluesky's 300).
pub struct Graphemes;

impl Measure for Graphemes {
    fn length(&self, text: &str) -> usize {
        text.graphemes(true).count()
    }
}

/// Mastodon's count: graphemes, with every `http(s)://` URL counted as
/// `characters_reserved_per_url` whatever its length.
pub struct MastodonLength {
    /// `configuration.statuses.characters_reserved_per_url`.
    pub per_url: usize,
}

impl Measure for MastodonLength {
    fn length(&self, text: &str) -> usize {
        let mut length = 0;
        let mut rest = text;
        while let Some(start) = find_url(rest) {
            length += rest[..start].graphemes(true).count() + self.per_url;
            let end = rest[start..]
                .find(char::is_whitespace)
                .map_or(rest.len(), |n| start + n);
            rest = &rest[end..];
        }
        length + rest.graphemes(true).count()
    }
}

fn find_url(text: &str) -> Option<usize> {
    let http = text.find("http://");
    let https = text.find("https://");
    match (http, https) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Why a post cannot be made to fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    /// The length of the shortest text that could be made.
    pub length: usize,
    /// The network's limit.
    pub limit: usize,
}

/// Fills `template` so the text is at most `limit` long by `measure`: the
/// summary is cut at a word boundary with `…`, or left out; then hashtags are
/// dropped from the last; then the title is cut. The URL is never cut.
pub fn fit(
    template: &Template,
    parts: &Parts<'_>,
    limit: usize,
    measure: &dyn Measure,
) -> Result<Composed, TooLong> {
    let fits = |c: &Composed| measure.length(&c.text) <= limit;
    let whole = fill(template, parts);
    if fits(&whole) {
        return Ok(whole);
    }
    // The longest shortened summary that fits.
    if let Some(summary) = longest_fitting(parts.summary, |summary| {
        fits(&fill(template, &Parts { summary, ..*parts }))
    }) {
        return Ok(fill(
            template,
            &Parts {
                summary: &summary,
                ..*parts
            },
        ));
    }
    let mut hashtags = parts.hashtags.to_vec();
    loop {
        let candidate = fill(
            template,
            &Parts {
                summary: "",
                hashtags: &hashtags,
                ..*parts
            },
        );
        if fits(&candidate) {
            return Ok(candidate);
        }
        if hashtags.pop().is_none() {
            break;
        }
    }
    let bare = Parts {
        summary: "",
        hashtags: &[],
        ..*parts
    };
    if let Some(title) = longest_fitting(parts.title, |title| {
        fits(&fill(template, &Parts { title, ..bare }))
    }) {
        return Ok(fill(
            template,
            &Parts {
                title: &title,
                ..bare
            },
        ));
    }
    let shortest = fill(template, &Parts { title: "", ..bare });
    if fits(&shortest) {
        return Ok(shortest);
    }
    Err(TooLong {
        length: measure.length(&shortest.text),
        limit,
    })
}

/// The longest `text` cut at a word boundary and ended with `…` that `fits`
/// (never the empty cut: then `None`).
fn longest_fitting(text: &str, fits: impl Fn(&str) -> bool) -> Option<String> {
    let cuts = word_cuts(text);
    // Longer cuts are longer texts: search for the last that fits.
    let (mut low, mut high) = (0, cuts.len());
    let mut best = None;
    while low < high {
        let mid = (low + high) / 2;
        let candidate = format!("{}{ELLIPSIS}", &cuts[mid]);
        if fits(&candidate) {
            best = Some(candidate);
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    best
}

/// Every non-empty prefix of `text` that ends at a word boundary, without
/// trailing spaces or punctuation, shortest first, the whole text excluded.
/// A boundary is before a space, or (Unicode's word boundaries) beside a
/// character of a script written without spaces (Chinese, Japanese, Thai...),
/// so such a text can be cut too but `ab👩‍👩‍👧c` is one word.
fn word_cuts(text: &str) -> Vec<&str> {
    let mut cuts: Vec<&str> = Vec::new();
    for (start, _) in text.split_word_bound_indices() {
        let before = text[..start].chars().next_back();
        let after = text[start..].chars().next();
        let allowed = after.is_some_and(char::is_whitespace)
            || before.is_some_and(unspaced_script)
            || after.is_some_and(unspaced_script);
        if !allowed {
            continue;
        }
        let cut = text[..start].trim_end_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | ';'
                        | ':'
                        | '-'
                        | '–'
                        | '—'
                        | '('
                        | '['
                        | '"'
                        | '\''
                        | '“'
                        | '‘'
                        | '、'
                        | '（'
                )
        });
        if !cut.is_empty() && cuts.last() != Some(&cut) {
            cuts.push(cut);
        }
    }
    cuts
}

/// Whether `c` belongs to a script written without spaces between words.
fn unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF          // Thai, Lao
        | 0x1000..=0x109F        // Myanmar
        | 0x1780..=0x17FF        // Khmer
        | 0x3000..=0x30FF        // CJK punctuation, Hiragana, Katakana
        | 0x31F0..=0x31FF        // Katakana extensions
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFF00..=0xFFEF        // full-width forms
        | 0x20000..=0x3FFFF) // CJK extensions B and later
}

/// `text` cut at a word boundary to at most `max_chars` characters (code
/// points, as Ruby counts them), ended with `…` when cut.
pub fn truncate_chars(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    longest_fitting(text, |candidate| candidate.chars().count() <= max_chars).unwrap_or_else(|| {
        let mut cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
        cut.push_str(ELLIPSIS);
        cut
    })
}

/// A category as a hashtag: its words in CamelCase, every character that is
/// not a letter or digit dropped (`Machine Learning` is `#MachineLearning`).
/// A category without a letter makes no hashtag.
pub fn hashtag(category: &str) -> Option<String> {
    let mut tag = String::from("#");
    for word in category.split(|c: char| !c.is_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            tag.extend(first.to_uppercase());
            tag.push_str(chars.as_str());
        }
    }
    tag.chars().any(char::is_alphabetic).then_some(tag)
}

/// The hashtags of `categories`, without repeats (case ignored).
pub fn hashtags(categories: &[String]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in categories.iter().filter_map(|c| hashtag(c)) {
        if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag);
        }
    }
    tags
}

/// dev.to's tags: each category reduced to ASCII lower-case letters and
/// digits, empty ones and repeats dropped, the first four kept.
pub fn devto_tags(categories: &[String]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for category in categories {
        let tag: String = category
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
        if tags.len() == 4 {
            break;
        }
    }
    tags
}

/// The most tags dev.to's feed importer keeps: the first this many categories.
pub const DEVTO_IMPORT_MAX_TAGS: usize = 4;

/// The most characters dev.to's feed importer keeps of a tag.
pub const DEVTO_IMPORT_TAG_CHARS: usize = 20;

/// The tags dev.to's feed importer makes of an item's categories (Forem's
/// `Feeds::AssembleArticleMarkdown#get_tags`): the first four categories,
/// each without its characters other than letters and digits (any script's),
/// cut to 20 characters. A category left empty still counts among the four.
pub fn devto_import_tags(categories: &[String]) -> Vec<String> {
    categories
        .iter()
        .take(DEVTO_IMPORT_MAX_TAGS)
        .map(|category| {
            category
                .chars()
                .filter(|c| c.is_alphanumeric())
                .take(DEVTO_IMPORT_TAG_CHARS)
                .collect()
        })
        .collect()
}

/// Plain text on one line from HTML (or from text): tags dropped, entities
/// decoded, whitespace collapsed. Block ends become spaces.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        match rest[start..].find('>') {
            Some(end) => {
                let tag = &rest[start + 1..start + end];
                let name = tag
                    .trim_start_matches('/')
                    .split(|c: char| c.is_whitespace() || c == '/')
                    .next()
                    .unwrap_or("");
                if matches!(
                    name.to_ascii_lowercase().as_str(),
                    "p" | "br"
                        | "div"
                        | "li"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "blockquote"
                        | "tr"
                        | "td"
                        | "th"
                        | "pre"
                        | "ul"
                        | "ol"
                        | "figure"
                        | "figcaption"
                        | "hr"
                ) {
                    text.push(' ');
                }
                rest = &rest[start + end + 1..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    text.push_str(rest);
    one_line(&decode_entities(&text))
}

/// `text` with every run of whitespace made one space, trimmed.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(summary: &'a str, hashtags: &'a [String]) -> Parts<'a> {
        Parts {
            title: "Hello",
            summary,
            url: "https://example.org/blog/hello/",
            hashtags,
        }
    }

    #[test]
    fn hashtags_are_camel_case_letters_and_digits() {
        assert_eq!(
            hashtag("Machine Learning").as_deref(),
            Some("#MachineLearning")
        );
        assert_eq!(hashtag("rust-lang").as_deref(), Some("#RustLang"));
        assert_eq!(hashtag("C++").as_deref(), Some("#C"));
        assert_eq!(hashtag("日本語").as_deref(), Some("#日本語"));
        assert_eq!(hashtag("web 3.0").as_deref(), Some("#Web30"));
        assert_eq!(hashtag("2024"), None);
        assert_eq!(hashtag("---"), None);
        let tags = hashtags(&["rust".into(), "Rust".into(), "go lang".into()]);
        assert_eq!(tags, ["#Rust", "#GoLang"]);
    }

    #[test]
    fn devto_tags_follow_its_rule() {
        let categories: Vec<String> = [
            "Machine Learning",
            "C++",
            "日本語",
            "Rust",
            "rust",
            "Go",
            "Web",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            devto_tags(&categories),
            ["machinelearning", "c", "rust", "go"]
        );
    }

    #[test]
    fn devto_import_tags_follow_its_importer() {
        let categories: Vec<String> = [
            "C++",
            "Machine Learning & AI Engineering",
            "日本語",
            "---",
            "Go",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            devto_import_tags(&categories),
            ["C", "MachineLearningAIEng", "日本語", ""]
        );
    }

    #[test]
    fn empty_parts_leave_no_blank_lines() {
        let composed = fill(&Template::default(), &parts("", &[]));
        assert_eq!(composed.text, "Hello\n\nhttps://example.org/blog/hello/");
        assert_eq!(
            &composed.text[composed.links[0].clone()],
            "https://example.org/blog/hello/"
        );
        let tags = ["#A".to_string(), "#B".to_string()];
        let composed = fill(&Template::default(), &parts("Sum.", &tags));
        assert_eq!(
            composed.text,
            "Hello\n\nSum.\n\nhttps://example.org/blog/hello/\n\n#A #B"
        );
        assert_eq!(&composed.text[composed.tags[1].0.clone()], "#B");
        assert_eq!(composed.tags[1].1, "B");
    }

    #[test]
    fn unknown_placeholders_are_refused() {
        assert!(Template::parse("{title} {link}")
            .unwrap_err()
            .contains("{link}"));
        assert!(Template::parse("{title} {{x").is_ok() || Template::parse("{title} {{x").is_err());
    }

    #[test]
    fn a_long_summary_is_cut_at_a_word_with_an_ellipsis() {
        let summary = "word ".repeat(100);
        let composed = fit(
            &Template::default(),
            &parts(summary.trim(), &[]),
            100,
            &Graphemes,
        )
        .unwrap();
        assert!(Graphemes.length(&composed.text) <= 100, "{}", composed.text);
        assert!(composed.text.contains("word…"), "{}", composed.text);
        // The longest cut: one more word would not fit.
        let longer = composed.text.replacen("word…", "word word…", 1);
        assert!(Graphemes.length(&longer) > 100);
    }

    #[test]
    fn words_are_cut_at_spaces_or_in_unspaced_scripts() {
        assert_eq!(word_cuts("ab👩‍👩‍👧c de, fg"), ["ab👩‍👩‍👧c", "ab👩‍👩‍👧c de"]);
        let cuts = word_cuts("日本語のタイトルです");
        assert!(cuts.len() >= 3, "{cuts:?}");
        assert!(cuts.iter().all(|c| "日本語のタイトルです".starts_with(c)));
    }

    #[test]
    fn mastodon_counts_urls_as_reserved() {
        let m = MastodonLength { per_url: 23 };
        assert_eq!(
            m.length("see https://example.org/a/very/long/path/indeed ok"),
            4 + 23 + 3
        );
        assert_eq!(m.length("👩‍👩‍👧 é"), 3);
    }

    #[test]
    fn html_becomes_one_line_of_text() {
        assert_eq!(
            html_to_text("<p>Fish &amp; chips</p><p>at <em>noon</em>&nbsp;today</p>"),
            "Fish & chips at noon today"
        );
    }

    #[test]
    fn titles_are_cut_to_characters() {
        let title = "a ".repeat(100);
        let cut = truncate_chars(title.trim(), 128);
        assert!(cut.chars().count() <= 128);
        assert!(cut.ends_with('…'));
        assert_eq!(truncate_chars("short", 128), "short");
    }
}
