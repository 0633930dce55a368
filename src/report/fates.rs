//! Every page's fate, printed: the `-v` lines of a build, and `list`'s
//! table and JSON.

use std::fmt::Write as _;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Styles;
use crate::fates::{Fate, PageFate};

/// What `-v` adds to a build: a line per page,
/// `content/blog/post.md: in the feeds (rss.xml, atom.xml): one of the newest 20 posts`.
pub fn lines(fates: &[PageFate], styles: Styles) -> String {
    let mut out = String::new();
    for page in fates {
        let _ = write!(
            out,
            "{}: {}",
            subject(page),
            styles.paint(style(page.fate, styles), page.fate.name())
        );
        if !page.feeds.is_empty() {
            let _ = write!(out, " ({})", page.feeds.join(", "));
        }
        let _ = writeln!(out, ": {}", page.why);
    }
    out
}

/// `list`'s table: date (UTC), title, permalink, feeds and fate, a line per
/// page under a header, columns aligned by display width.
pub fn table(fates: &[PageFate], styles: Styles) -> String {
    const TITLE_WIDTH: usize = 40;
    let rows: Vec<[String; 5]> = fates
        .iter()
        .map(|page| {
            [
                page.date
                    .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_else(|| "-".into()),
                truncate(page.title.as_deref().unwrap_or("-"), TITLE_WIDTH),
                page.permalink
                    .as_ref()
                    .map_or_else(|| subject(page), |url| url.to_string()),
                if page.feeds.is_empty() {
                    "-".into()
                } else {
                    page.feeds.join(",")
                },
                page.fate.name().to_string(),
            ]
        })
        .collect();
    let header = ["DATE (UTC)", "TITLE", "PERMALINK", "FEEDS", "FATE"].map(String::from);
    let mut widths = [0usize; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[String; 5], fate: Option<Fate>| {
        for (column, cell) in cells.iter().enumerate() {
            let text = match (column, fate) {
                (4, Some(fate)) => styles.paint(style(fate, styles), cell),
                (_, None) => styles.paint(styles.bold(), cell),
                _ => cell.clone(),
            };
            out.push_str(&text);
            if column < 4 {
                out.push_str(&" ".repeat(widths[column] - cell.width() + 2));
            }
        }
        out.push('\n');
    };
    line(&header, None);
    for (row, page) in rows.iter().zip(fates) {
        line(row, Some(page.fate));
    }
    out
}

/// `list --format json`: the pages as a JSON array.
pub fn json(fates: &[PageFate]) -> String {
    let mut json = serde_json::to_string_pretty(fates).expect("fates serialize");
    json.push('\n');
    json
}

/// What a line is about: the content file, else (a list page the site
/// makes) its URL.
fn subject(page: &PageFate) -> String {
    match (&page.source, &page.permalink) {
        (Some(source), _) => source.display().to_string(),
        (None, Some(url)) => url.to_string(),
        (None, None) => "?".into(),
    }
}

/// Green for what is published in the feeds, yellow for what is held back.
fn style(fate: Fate, styles: Styles) -> anstyle::Style {
    match fate {
        Fate::InFeeds => styles.good(),
        Fate::SitemapOnly | Fate::Undated => anstyle::Style::new(),
        Fate::Draft | Fate::Future | Fate::Expired | Fate::Excluded => {
            styles.severity(super::Severity::Warning)
        }
    }
}

/// `text` cut to `width` columns, with `…` when cut.
fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_titles_are_cut_by_display_width() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abcdefghijkl", 5), "abcd…");
        assert_eq!(truncate("日本語のタイトル", 7), "日本語…");
        assert!(truncate("日本語のタイトル", 7).width() <= 7);
    }
}
