//! Markdown to HTML for feed entries: pulldown-cmark with the extensions blogs
//! use, footnotes given ids unique to their post, and a summary.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{html, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use url::Url;

use super::sanitize as html_rewrite;
use crate::templates::Fragments;

/// The marker Hugo (and Jekyll, and Zola) use to end a post's summary.
pub const MORE_MARKER: &str = "<!--more-->";

/// A post's body as feed HTML: every URL absolute, XML-safe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedBody {
    /// The whole post.
    pub content: String,
    /// The summary: the text before `<!--more-->`, else the first paragraph.
    pub summary: String,
}

/// The pulldown-cmark extensions: GitHub-flavoured Markdown plus what Hugo's Goldmark enables.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// Renders `body` for the page at `page`.
pub fn render(body: &str, page: &Url) -> RenderedBody {
    render_with(body, page, &Fragments::new(), &mut |_| LinkAction::Keep)
}

/// What to do with a link destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkAction {
    /// Leave it as written.
    Keep,
    /// Point the link here instead.
    Replace(String),
    /// Drop the link, keeping its text (a link to nowhere helps no reader).
    Unlink,
}

/// [`render`] for a body whose templates were expanded: the template
/// `fragments` are put back after Markdown (as Hugo puts back `{{< >}}`
/// output), and every link destination is offered to `link`, which may
/// replace it (internal links: `@/page.md`, `../other.md`).
pub fn render_with(
    body: &str,
    page: &Url,
    fragments: &Fragments,
    link: &mut dyn FnMut(&str) -> LinkAction,
) -> RenderedBody {
    let prefix = footnote_prefix(page);
    let events: Vec<Event<'_>> = FootnoteIds::new(
        InternalLinks::new(Parser::new_ext(body, options()), link),
        &prefix,
    )
    .collect();
    let mut content = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut content, events.iter().cloned());

    let summary_html = match body.find(MORE_MARKER) {
        Some(end) if !body[..end].trim().is_empty() => {
            let mut out = String::new();
            html::push_html(
                &mut out,
                FootnoteIds::new(
                    InternalLinks::new(Parser::new_ext(&body[..end], options()), link),
                    &prefix,
                ),
            );
            out
        }
        _ => {
            let mut out = String::new();
            html::push_html(&mut out, first_paragraph(&events).iter().cloned());
            out
        }
    };
    RenderedBody {
        content: html_rewrite::for_feed(&fragments.restore(&content), page),
        summary: html_rewrite::for_feed(&fragments.restore(&summary_html), page),
    }
}

/// Link destinations passed through a rewriting function.
struct InternalLinks<'l, I> {
    inner: I,
    link: &'l mut dyn FnMut(&str) -> LinkAction,
    /// Inside a link being dropped: its end is dropped too.
    unlinking: bool,
}

impl<'l, I> InternalLinks<'l, I> {
    fn new(inner: I, link: &'l mut dyn FnMut(&str) -> LinkAction) -> Self {
        InternalLinks {
            inner,
            link,
            unlinking: false,
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for InternalLinks<'_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            match self.inner.next()? {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = match (self.link)(&dest_url) {
                        LinkAction::Keep => dest_url,
                        LinkAction::Replace(new) => CowStr::from(new),
                        LinkAction::Unlink => {
                            self.unlinking = true;
                            continue;
                        }
                    };
                    return Some(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Event::End(TagEnd::Link) if self.unlinking => {
                    self.unlinking = false;
                    continue;
                }
                other => return Some(other),
            }
        }
    }
}

/// The body of an HTML content file (Hugo's and Jekyll's `.html` pages):
/// kept as HTML, not read as Markdown; its summary is the text before
/// `<!--more-->`, else its first paragraph.
pub fn render_html(body: &str, page: &Url, fragments: &Fragments) -> RenderedBody {
    let summary = match body.find(MORE_MARKER) {
        Some(end) if !body[..end].trim().is_empty() => &body[..end],
        _ => first_html_paragraph(body).unwrap_or(body),
    };
    RenderedBody {
        content: html_rewrite::for_feed(&fragments.restore(body), page),
        summary: html_rewrite::for_feed(&fragments.restore(summary), page),
    }
}

/// The first `<p>…</p>` of an HTML body.
fn first_html_paragraph(body: &str) -> Option<&str> {
    let lower = body.to_ascii_lowercase();
    let start = lower
        .match_indices("<p")
        .find(|(at, _)| lower[at + 2..].starts_with(['>', ' ', '\t', '\n']))?
        .0;
    let end = lower[start..].find("</p>")? + start + 4;
    Some(&body[start..end])
}

/// `body` as Markdown still, every link and image destination made absolute
/// against `page` (inline and reference links, and `href`/`src` in raw HTML),
/// everything else byte for byte: for platforms that take Markdown (dev.to).
pub fn with_absolute_links(body: &str, page: &Url) -> String {
    let parser = Parser::new_ext(body, options());
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (_, definition) in parser.reference_definitions().iter() {
        let span = definition.span.clone();
        let Some(colon) = body[span.clone()].find("]:") else {
            continue;
        };
        if let Some(edit) = destination_edit(
            body,
            span.start + colon + 2,
            span.end,
            &definition.dest,
            page,
        ) {
            edits.push(edit);
        }
    }
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type: LinkType::Inline,
                dest_url,
                ..
            }) => {
                // The destination follows the last `](` whose text matches it.
                let slice = &body[range.clone()];
                let edit = slice.rmatch_indices("](").find_map(|(at, _)| {
                    destination_edit(body, range.start + at + 2, range.end, &dest_url, page)
                });
                edits.extend(edit);
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let rewritten = absolute_html_attributes(&html, page);
                if rewritten != *html && body.get(range.clone()) == Some(&*html) {
                    edits.push((range, rewritten));
                }
            }
            _ => {}
        }
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(body.len() + 256);
    let mut done = 0;
    for (range, replacement) in edits {
        if range.start < done {
            continue;
        }
        out.push_str(&body[done..range.start]);
        out.push_str(&replacement);
        done = range.end;
    }
    out.push_str(&body[done..]);
    out
}

/// Where `dest` is written in `body[from..to]` (after spaces, maybe in `<>`),
/// and its absolute form, when it is relative.
fn destination_edit(
    body: &str,
    from: usize,
    to: usize,
    dest: &str,
    page: &Url,
) -> Option<(Range<usize>, String)> {
    if dest.is_empty() {
        return None;
    }
    let text = body.get(from..to)?;
    let skipped = text.len() - text.trim_start().len();
    let start = from + skipped + usize::from(text.trim_start().starts_with('<'));
    body.get(start..)?.starts_with(dest).then_some(())?;
    let absolute = crate::content::permalink::absolutize(page, dest)?;
    Some((start..start + dest.len(), absolute))
}

/// `href` and `src` attributes in a piece of raw HTML made absolute.
fn absolute_html_attributes(html: &str, page: &Url) -> String {
    static ATTRIBUTE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(?i)\b(href|src)(\s*=\s*)("([^"]*)"|'([^']*)')"#).expect("valid")
    });
    ATTRIBUTE
        .replace_all(html, |caps: &regex::Captures<'_>| {
            let value = caps.get(4).or(caps.get(5)).map_or("", |m| m.as_str());
            let quote = if caps.get(4).is_some() { '"' } else { '\'' };
            match crate::content::permalink::absolutize(page, value) {
                Some(absolute) if !value.is_empty() => {
                    format!("{}{}{quote}{absolute}{quote}", &caps[1], &caps[2])
                }
                _ => caps[0].to_string(),
            }
        })
        .into_owned()
}

/// The events of the first top-level paragraph, or none.
fn first_paragraph<'a, 'e>(events: &'a [Event<'e>]) -> &'a [Event<'e>] {
    let mut depth = 0usize;
    let mut start = None;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 => start = Some(i),
            Event::End(TagEnd::Paragraph) if depth == 0 => {
                if let Some(start) = start {
                    return &events[start..=i];
                }
            }
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    &[]
}

/// Footnote ids carry a prefix unique to the post: a reader shows many posts on one
/// page, and `#1` in one post must not jump into another.
fn footnote_prefix(page: &Url) -> String {
    // FNV-1a: tiny, stable across versions and platforms (unlike `DefaultHasher`).
    let mut hash: u32 = 0x811c_9dc5;
    for byte in page.as_str().bytes() {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    format!("fn-{hash:08x}")
}

/// Replaces pulldown-cmark's footnote HTML (ids `1`, `2`, ...) with prefixed ids,
/// numbering footnotes in order of first mention as pulldown-cmark does.
struct FootnoteIds<'p, I> {
    inner: I,
    prefix: &'p str,
    numbers: HashMap<String, usize>,
}

impl<'p, I> FootnoteIds<'p, I> {
    fn new(inner: I, prefix: &'p str) -> Self {
        FootnoteIds {
            inner,
            prefix,
            numbers: HashMap::new(),
        }
    }

    fn number(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(label.to_string()).or_insert(next)
    }
}

impl<'a, 'p, I: Iterator<Item = Event<'a>>> Iterator for FootnoteIds<'p, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.inner.next()?;
        Some(match event {
            Event::FootnoteReference(label) => {
                let n = self.number(&label);
                let p = self.prefix;
                Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"footnote-reference\" id=\"{p}-ref-{n}\"><a href=\"#{p}-{n}\">{n}</a></sup>"
                )))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = self.number(&label);
                let p = self.prefix;
                Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"{p}-{n}\"><sup class=\"footnote-definition-label\"><a href=\"#{p}-ref-{n}\">{n}</a></sup>\n"
                )))
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::Borrowed("</div>\n")),
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("https://example.org/blog/post-1/").unwrap()
    }

    #[test]
    fn renders_extensions() {
        let body = "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n\n\"quoted\" -- dash\n\n## Title {#custom-id}\n";
        let out = render(body, &page()).content;
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("<del>gone</del>"), "{out}");
        assert!(out.contains("type=\"checkbox\""), "{out}");
        assert!(out.contains("“quoted” – dash"), "{out}");
        assert!(out.contains("<h2 id=\"custom-id\">Title</h2>"), "{out}");
    }

    #[test]
    fn summary_is_the_text_before_more() {
        let out = render("First.\n\nSecond.\n\n<!--more-->\n\nThird.\n", &page());
        assert_eq!(out.summary, "<p>First.</p>\n<p>Second.</p>\n");
        assert!(out.content.contains("Third."));
    }

    #[test]
    fn summary_is_the_first_top_level_paragraph() {
        let out = render(
            "# Heading\n\n> quoted para\n\nReal first.\n\nSecond.\n",
            &page(),
        );
        assert_eq!(out.summary, "<p>Real first.</p>\n");
    }

    #[test]
    fn footnotes_get_post_unique_absolute_links() {
        let out = render("Text[^n].\n\n[^n]: The note.\n", &page()).content;
        let prefix = footnote_prefix(&page());
        assert!(
            out.contains(&format!(
                "href=\"https://example.org/blog/post-1/#{prefix}-1\""
            )),
            "{out}"
        );
        assert!(out.contains(&format!("id=\"{prefix}-1\"")), "{out}");
        let other = footnote_prefix(&Url::parse("https://example.org/blog/post-2/").unwrap());
        assert_ne!(prefix, other);
    }

    #[test]
    fn markdown_links_and_images_become_absolute() {
        let out = render(
            "[a](../other/) ![i](img.png) [t](#top) [q](?x=1&y=2)\n",
            &page(),
        )
        .content;
        assert!(
            out.contains("href=\"https://example.org/blog/other/\""),
            "{out}"
        );
        assert!(
            out.contains("src=\"https://example.org/blog/post-1/img.png\""),
            "{out}"
        );
        assert!(
            out.contains("href=\"https://example.org/blog/post-1/#top\""),
            "{out}"
        );
        assert!(
            out.contains("href=\"https://example.org/blog/post-1/?x=1&amp;y=2\""),
            "{out}"
        );
    }

    #[test]
    fn markdown_links_become_absolute_and_nothing_else_changes() {
        let page = Url::parse("https://example.org/blog/post-1/").unwrap();
        let body = "# Title\n\nSee [the other](../post-2/ \"Two\") and ![cat](cat.png).\n\
            Already [absolute](https://x.org/a) and [mail](mailto:a@b.c), [top](#top).\n\n\
            [ref]: /images/a.png\n\n<img src=\"b.png\" alt='x'> <a href='/c/'>c</a>\n\n\
            ```\n[not a link](x.png)\n```\n";
        let out = with_absolute_links(body, &page);
        assert_eq!(
            out,
            "# Title\n\nSee [the other](https://example.org/blog/post-2/ \"Two\") and ![cat](https://example.org/blog/post-1/cat.png).\n\
            Already [absolute](https://x.org/a) and [mail](mailto:a@b.c), [top](https://example.org/blog/post-1/#top).\n\n\
            [ref]: https://example.org/images/a.png\n\n<img src=\"https://example.org/blog/post-1/b.png\" alt='x'> <a href='https://example.org/c/'>c</a>\n\n\
            ```\n[not a link](x.png)\n```\n"
        );
    }
}
