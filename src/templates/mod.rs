//! Template syntax in post bodies, rendered the way the site's generator
//! renders it, before Markdown: Hugo shortcodes ([`hugo`]), Jekyll's Liquid
//! ([`jekyll`]) and Zola's shortcodes ([`zola`]), with internal links
//! ([`links`]) resolved to absolute permalinks.
//!
//! Everything here is a pure function from a body and a [`SiteContext`] /
//! [`PageContext`] to Markdown text plus HTML [`Fragments`] (restored after
//! Markdown, as Hugo restores `{{< >}}` output) and [`TemplateWarning`]s with
//! lines. A feed entry never shows template text: what can be rendered is,
//! what cannot is removed (its inner text kept) with a warning.
//!
//! A body without `{{` or `{%` costs one `memchr` scan ([`has_template_syntax`]).

pub mod authors;
mod context;
mod fragments;
pub mod hugo;
pub mod jekyll;
pub mod leftovers;
pub mod links;
pub mod loader;
pub mod markup;
pub mod zola;

use std::borrow::Cow;

pub use context::{Generator, PageContext, PageIndex, SiteContext};
pub use fragments::Fragments;

/// Something the site owner should hear about a template construct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateWarning {
    /// The line in the file (1-based).
    pub line: usize,
    /// What it is about, the key warnings are grouped by: "shortcode `tabs`",
    /// "Liquid tag `youtube`", "`@/` link".
    pub subject: String,
    /// What was done.
    pub message: String,
    /// The generator itself would refuse the page (a broken `@/` link).
    pub fatal: bool,
}

/// A body with its templates rendered.
#[derive(Debug, Default)]
pub struct Expanded<'a> {
    /// The Markdown to render (fragments stand in as placeholders).
    pub markdown: Cow<'a, str>,
    /// HTML to put back after Markdown.
    pub fragments: Fragments,
    /// What was removed or could not be resolved.
    pub warnings: Vec<TemplateWarning>,
}

/// Whether `body` may hold template syntax at all (`{{` or `{%`): one SIMD scan.
pub fn has_template_syntax(body: &str) -> bool {
    let bytes = body.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'{', &bytes[from..]) {
        let i = from + i;
        if matches!(bytes.get(i + 1), Some(b'{' | b'%')) {
            return true;
        }
        from = i + 1;
    }
    false
}

/// Renders the templates in `body` (a post's Markdown, front matter removed)
/// as `site`'s generator would, before Markdown.
pub fn expand<'a>(body: &'a str, site: &SiteContext, page: &PageContext<'_>) -> Expanded<'a> {
    if !has_template_syntax(body) {
        return Expanded {
            markdown: Cow::Borrowed(body),
            ..Expanded::default()
        };
    }
    let generator = match site.generator {
        Generator::None => context::sniff(page.rel_path, body),
        known => known,
    };
    let mut fragments = Fragments::new();
    let mut warnings = Vec::new();
    let markdown = match generator {
        Generator::Hugo => hugo::expand(body, site, page, &mut fragments, &mut warnings),
        Generator::Jekyll => jekyll::expand(body, site, page, &mut fragments, &mut warnings),
        Generator::Zola => zola::expand(body, site, page, &mut fragments, &mut warnings),
        Generator::None => body.to_string(),
    };
    for warning in &mut warnings {
        warning.line += page.first_line.saturating_sub(1);
    }
    Expanded {
        markdown: Cow::Owned(markdown),
        fragments,
        warnings,
    }
}

/// The 1-based line of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..offset.min(text.len())]).count()
}

/// One subject's template warnings, summed up: the line that tells them all
/// (`shortcode `x`: removed (3×: a.md:4; b.md:2, 9)`), and the first place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningSummary {
    /// What it is about (`shortcode `x``).
    pub subject: String,
    /// The subject, what was done, the count and every file with its lines.
    pub text: String,
    /// The first file, by name.
    pub file: String,
    /// Its first line with the warning.
    pub line: usize,
}

/// The warnings grouped by subject and message: one [`WarningSummary`] each,
/// with every file, its lines and a count.
pub fn summarize(warnings: &[(String, TemplateWarning)]) -> Vec<WarningSummary> {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<(&str, &str), BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for (file, warning) in warnings {
        groups
            .entry((&warning.subject, &warning.message))
            .or_default()
            .entry(file)
            .or_default()
            .push(warning.line);
    }
    groups
        .into_iter()
        .map(|((subject, message), mut files)| {
            let total: usize = files.values().map(Vec::len).sum();
            for lines in files.values_mut() {
                lines.sort_unstable();
            }
            let places = files
                .iter()
                .map(|(file, lines)| {
                    let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
                    format!("{file}:{}", lines.join(", "))
                })
                .collect::<Vec<_>>()
                .join("; ");
            let (file, lines) = files.first_key_value().expect("a group has a file");
            WarningSummary {
                subject: subject.to_string(),
                text: format!("{subject}: {message} ({total}×: {places})"),
                file: file.to_string(),
                line: lines[0],
            }
        })
        .collect()
}

/// A body through `engine`, Markdown and its fragments, as a feed entry
/// shows it: the unit tests' one way in.
#[cfg(test)]
pub(crate) fn render_for_test(
    engine: fn(
        &str,
        &SiteContext,
        &PageContext<'_>,
        &mut Fragments,
        &mut Vec<TemplateWarning>,
    ) -> String,
    body: &str,
    site: &SiteContext,
    rel_path: &str,
    permalink: &str,
    front_matter: serde_json::Value,
) -> (String, Vec<TemplateWarning>) {
    let url = url::Url::parse(permalink).unwrap();
    let page = PageContext {
        rel_path,
        permalink: &url,
        front_matter: &front_matter,
        first_line: 1,
    };
    let mut fragments = Fragments::new();
    let mut warnings = Vec::new();
    let markdown = engine(body, site, &page, &mut fragments, &mut warnings);
    (
        fragments.restore(&markup::markdown_block(&markdown)),
        warnings,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_path_finds_only_template_openers() {
        assert!(!has_template_syntax("plain { text } with {braces}"));
        assert!(has_template_syntax("a {{< x >}}"));
        assert!(has_template_syntax("a {% raw %}"));
        assert!(!has_template_syntax("{"));
    }

    #[test]
    fn warnings_group_by_subject_with_files_lines_and_counts() {
        let w = |line, subject: &str| TemplateWarning {
            line,
            subject: subject.into(),
            message: "removed".into(),
            fatal: false,
        };
        let summaries = summarize(&[
            ("b.md".into(), w(9, "shortcode `x`")),
            ("a.md".into(), w(4, "shortcode `x`")),
            ("b.md".into(), w(2, "shortcode `x`")),
            ("a.md".into(), w(1, "shortcode `y`")),
        ]);
        let lines: Vec<&str> = summaries.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            lines,
            [
                "shortcode `x`: removed (3×: a.md:4; b.md:2, 9)",
                "shortcode `y`: removed (1×: a.md:1)"
            ]
        );
        assert_eq!((summaries[0].file.as_str(), summaries[0].line), ("a.md", 4));
    }
}
