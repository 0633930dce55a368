//! Small HTML and Markdown helpers the template renderers share.

use pulldown_cmark::{html, Parser};

/// `text` escaped for element content and double-quoted attributes.
pub use crate::feed::sanitize::escape_text as escape;

/// Markdown rendered as blocks (Hugo's `RenderString` with `display: block`).
pub fn markdown_block(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(
        &mut out,
        Parser::new_ext(markdown, crate::feed::markdown::options()),
    );
    out
}

/// Markdown rendered inline: a single paragraph loses its `<p>` (Hugo's
/// `markdownify`, Jekyll's `markdownify` keeps it).
pub fn markdown_inline(markdown: &str) -> String {
    let html = markdown_block(markdown);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// `code` as a plain code block with its language (readers drop colouring).
pub fn code_block(code: &str, language: Option<&str>) -> String {
    let class = language
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!(" class=\"language-{}\"", escape(&l.replace('+', "-"))))
        .unwrap_or_default();
    format!("<pre><code{class}>{}</code></pre>", escape(code))
}

/// Removes the common leading whitespace of `text`'s lines (Hugo's `.InnerDeindent`).
pub fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start_matches([' ', '\t'])))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A URL a QR code or link text may hold.
pub fn looks_like_url(text: &str) -> bool {
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| text.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markdown_drops_one_paragraph() {
        assert_eq!(markdown_inline("A *b*"), "A <em>b</em>");
        assert_eq!(markdown_inline("a\n\nb"), "<p>a</p>\n<p>b</p>\n");
    }

    #[test]
    fn code_blocks_escape_and_name_the_language() {
        assert_eq!(
            code_block("a < b", Some("c++")),
            "<pre><code class=\"language-c--\">a &lt; b</code></pre>"
        );
        assert_eq!(code_block("x", None), "<pre><code>x</code></pre>");
    }

    #[test]
    fn dedent_keeps_relative_indentation() {
        assert_eq!(dedent("    a\n      b\n"), "a\n  b");
    }
}
