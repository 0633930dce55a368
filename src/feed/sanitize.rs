//! Post HTML made fit for feeds: parsed and re-serialised as HTML5 (so stray
//! tags, bare `&` and unclosed elements come out well-formed), every URL made
//! absolute, only the elements and attributes feed readers and the W3C Feed
//! Validation Service accept kept, characters XML forbids dropped.
//!
//! Feed readers ignore `xml:base`, so absolute URLs are the only kind that work
//! everywhere; and every reader strips scripts, so leaving them in only earns
//! validator warnings.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;

use url::Url;

use super::xml_text;
use crate::content::permalink::absolutize;

/// Elements removed together with everything inside them.
/// `noscript` among them: the parser reads its content as raw text (as a
/// browser running scripts does), which would pass through unsanitised to a
/// reader that parses it as markup.
const REMOVED_WITH_CONTENT: &[&str] = &[
    "script", "style", "title", "object", "embed", "applet", "noembed", "noframes", "noscript",
];

/// Attributes kept on any element (the validator's acceptable attributes,
/// without the form and presentational ones no post needs), plus `data-*`.
const ATTRIBUTES: &[&str] = &[
    "abbr",
    "align",
    "allow",
    "allowfullscreen",
    "alt",
    "autoplay",
    "border",
    "cellpadding",
    "cellspacing",
    "checked",
    "cite",
    "class",
    "colspan",
    "crossorigin",
    "datetime",
    "decoding",
    "default",
    "dir",
    "disabled",
    "download",
    "headers",
    "height",
    "hidden",
    "href",
    "hreflang",
    "id",
    "kind",
    "label",
    "lang",
    "loading",
    "longdesc",
    "loop",
    "media",
    "muted",
    "name",
    "open",
    "playsinline",
    "poster",
    "preload",
    "referrerpolicy",
    "rel",
    "reversed",
    "rowspan",
    "scope",
    "sizes",
    "span",
    "src",
    "srclang",
    "srcset",
    "start",
    "style",
    "summary",
    "target",
    "title",
    "translate",
    "type",
    "usemap",
    "valign",
    "value",
    "width",
];

/// Attributes holding one URL each.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "cite", "longdesc", "usemap"];

/// Elements kept: those the W3C Feed Validation Service accepts and also knows
/// as HTML (the checker's lists, so generator and checker cannot disagree).
/// Any other element is dropped and its content kept.
fn kept_elements() -> HashSet<&'static str> {
    use feedwright_check::spec::{ACCEPTABLE_ELEMENTS, NOT_KNOWN};
    ACCEPTABLE_ELEMENTS
        .iter()
        .copied()
        .filter(|element| !NOT_KNOWN.contains(element))
        .filter(|element| !REMOVED_WITH_CONTENT.contains(element))
        .collect()
}

thread_local! {
    /// The page whose URLs this thread's sanitiser is making absolute.
    static PAGE: RefCell<Option<Url>> = const { RefCell::new(None) };
    /// This thread's sanitiser, built once: building one (its sets of names)
    /// costs as much as cleaning a short post.
    static SANITIZER: ammonia::Builder<'static> = sanitizer();
}

/// `html` (a rendered post) made ready for a feed, its URLs absolute against `page`.
pub fn for_feed(html: &str, page: &Url) -> String {
    let html = unwrap_noscript(html);
    PAGE.with(|current| *current.borrow_mut() = Some(page.clone()));
    let cleaned = SANITIZER.with(|sanitizer| sanitizer.clean(&html).to_string());
    xml_text::clean_owned(frames_to_links(cleaned))
}

/// The sanitiser: the elements, attributes and URL schemes feeds keep, URLs
/// made absolute against the thread's [`PAGE`].
fn sanitizer() -> ammonia::Builder<'static> {
    let mut tags = kept_elements();
    // Kept through the pass, with its attributes filtered and its URL made
    // absolute like any other, then turned into a link.
    tags.insert("iframe");
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(tags)
        .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(ATTRIBUTES.iter().copied().collect())
        .generic_attribute_prefixes(HashSet::from(["data-"]))
        .url_schemes(HashSet::from([
            "http", "https", "mailto", "tel", "ftp", "sms", "xmpp", "irc", "ircs", "magnet", "geo",
            "news", "nntp", "webcal", "feed",
        ]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(|_element, attribute, value| {
            PAGE.with(|page| match page.borrow().as_ref() {
                Some(page) => filter_attribute(page, attribute, value),
                None => Some(Cow::Borrowed(value)),
            })
        });
    builder
}

/// Absolute URLs; `style` kept only for table-cell alignment, the one inline
/// style Markdown itself writes (and one the validator accepts).
fn filter_attribute<'v>(page: &Url, attribute: &str, value: &'v str) -> Option<Cow<'v, str>> {
    if URL_ATTRIBUTES.contains(&attribute) || is_lazy_url_attribute(attribute) {
        return Some(absolutize(page, value).map_or(Cow::Borrowed(value), Cow::Owned));
    }
    match attribute {
        "srcset" | "data-srcset" | "data-lazy-srcset" => {
            Some(Cow::Owned(rewrite_srcset(value, page)))
        }
        "style" => is_text_align(value).then_some(Cow::Borrowed(value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// The URL attributes lazy-loading scripts read (`data-src`, `data-lazy-src`,
/// `data-original`, `data-href`): kept, so made absolute like the rest.
fn is_lazy_url_attribute(attribute: &str) -> bool {
    attribute
        .strip_prefix("data-")
        .is_some_and(|name| name.ends_with("src") || name.ends_with("href") || name == "original")
}

fn is_text_align(style: &str) -> bool {
    let style = style.trim().trim_end_matches(';').trim();
    style
        .strip_prefix("text-align")
        .and_then(|rest| rest.trim_start().strip_prefix(':'))
        .is_some_and(|v| matches!(v.trim(), "left" | "center" | "right" | "justify"))
}

/// Each embedded frame (a video player, mostly) becomes a link to what it
/// showed: readers drop frames, and validators flag them. A frame without a
/// web address is dropped; one inside a link leaves its text, links do not nest.
///
/// `html` is the sanitiser's own serialisation, so its shape is known: every
/// `<` in it opens a tag (text and attribute values have theirs escaped, and
/// the only raw-text element left is the frame, whose content goes with it),
/// and every attribute is written `name="value"`.
fn frames_to_links(html: String) -> String {
    if !html.contains("<iframe") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    let mut open_links = 0usize;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..end];
        rest = &rest[end..];
        if tag.starts_with("<iframe") && tag[7..].starts_with([' ', '>']) {
            let close = rest.find("</iframe>").map_or(rest.len(), |i| i + 9);
            rest = &rest[close..];
            let src = attribute(tag, "src");
            if let Some(src) = src.as_deref().filter(|src| !src.is_empty()) {
                let text = attribute(tag, "title").unwrap_or_else(|| src.to_string());
                if open_links == 0 {
                    out.push_str("<a href=\"");
                    push_escaped(&mut out, src, true);
                    out.push_str("\">");
                    push_escaped(&mut out, &text, false);
                    out.push_str("</a>");
                } else {
                    push_escaped(&mut out, &text, false);
                }
            }
            continue;
        }
        if tag == "<a>" || tag.starts_with("<a ") {
            open_links += 1;
        } else if tag == "</a>" {
            open_links = open_links.saturating_sub(1);
        }
        out.push_str(tag);
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` in a serialised start tag, unescaped.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(at) = rest.find(' ') {
        rest = &rest[at + 1..];
        let (key, value) = rest.split_once("=\"")?;
        let (value, after) = value.split_once('"')?;
        if key == name {
            return Some(decode_entities(value));
        }
        rest = after;
    }
    None
}

/// `text` escaped as the sanitiser escapes text (`attribute`: a double-quoted
/// attribute value), so the links written here read as the rest of the HTML.
fn push_escaped(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// `<noscript>` tags removed, their content kept: a feed reader runs no
/// script, so what a page shows without scripts is what a reader should show;
/// and HTML parsers read a `<noscript>`'s content as raw text, so its images
/// and links would otherwise keep their relative URLs.
fn unwrap_noscript(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let is_noscript_tag = |at: usize| {
        let rest = &bytes[at + 1..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        rest.len() >= 8
            && rest[..8].eq_ignore_ascii_case(b"noscript")
            && matches!(
                rest.get(8),
                Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
            )
    };
    let mut found = memchr::memchr_iter(b'<', bytes)
        .filter(|&at| is_noscript_tag(at))
        .peekable();
    if found.peek().is_none() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for at in found {
        if at < copied {
            continue;
        }
        out.push_str(&html[copied..at]);
        copied = memchr::memchr(b'>', &bytes[at..]).map_or(html.len(), |end| at + end + 1);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// `srcset` candidates (`url [descriptor]`, comma-separated) with each URL absolute.
fn rewrite_srcset(srcset: &str, page: &Url) -> String {
    srcset
        .split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            let (url, descriptor) = match candidate.split_once(char::is_whitespace) {
                Some((url, descriptor)) => (url, Some(descriptor.trim())),
                None => (candidate, None),
            };
            let url = absolutize(page, url).unwrap_or_else(|| url.to_string());
            match descriptor {
                Some(d) if !d.is_empty() => format!("{url} {d}"),
                _ => url,
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Character references in an attribute value decoded (the common named ones and
/// all numeric ones); anything else is left as written.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|i| i + 1);
        let decoded = end.filter(|&e| rest[e..].starts_with(';')).and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name.strip_prefix('#').and_then(|num| {
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` escaped for HTML element content.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("https://example.org/blog/post-1/").unwrap()
    }

    #[test]
    fn raw_html_urls_become_absolute() {
        let html = r#"<p><a href="../x">a</a><img src="i.png" srcset="a.png 1x, /b.png 2x"><video poster="p.jpg" src="v.mp4"></video><a href="?q=1&amp;r=2">q</a></p>"#;
        let out = for_feed(html, &page());
        assert!(
            out.contains(r#"href="https://example.org/blog/x""#),
            "{out}"
        );
        assert!(
            out.contains(r#"src="https://example.org/blog/post-1/i.png""#),
            "{out}"
        );
        assert!(
            out.contains(
                r#"srcset="https://example.org/blog/post-1/a.png 1x, https://example.org/b.png 2x""#
            ),
            "{out}"
        );
        assert!(
            out.contains(r#"poster="https://example.org/blog/post-1/p.jpg""#),
            "{out}"
        );
        assert!(
            out.contains(r#"href="https://example.org/blog/post-1/?q=1&amp;r=2""#),
            "{out}"
        );
    }

    #[test]
    fn absolute_urls_are_left_as_written() {
        let html =
            r#"<a href="https://other.org/a?b=1&amp;c=2">x</a><a href="mailto:a@b.org">m</a>"#;
        assert_eq!(for_feed(html, &page()), html);
    }

    #[test]
    fn active_content_is_removed() {
        let html = r#"<blockquote class="twitter-tweet"><p>Hi</p></blockquote><script async src="//platform.twitter.com/widgets.js"></script><a href="javascript:alert(1)" onclick="x()">x</a><style>p{}</style><noscript><script>alert(1)</script><b onclick="x()">b</b></noscript>"#;
        let out = for_feed(html, &page());
        // A <noscript>'s content is what a reader shows (it runs no script):
        // kept, and sanitised like the rest.
        assert_eq!(
            out,
            r#"<blockquote class="twitter-tweet"><p>Hi</p></blockquote><a>x</a><b>b</b>"#
        );
    }

    #[test]
    fn frames_become_links() {
        let out = for_feed(
            r#"<iframe src="//www.youtube.com/embed/abc" title="A &amp; B" frameborder="0"></iframe>"#,
            &page(),
        );
        assert_eq!(
            out,
            r#"<a href="https://www.youtube.com/embed/abc">A &amp; B</a>"#
        );
        // Its content goes with it; its title is decoded as any attribute is.
        let out = for_feed(
            r#"<p>a<IFRAME SRC="/v?a=1&amp;b=2" title="Caf&eacute; &lt;3 &quot;x&quot;" allowfullscreen>inner <b>x</b></IFRAME>b</p>"#,
            &page(),
        );
        assert_eq!(
            out,
            r#"<p>a<a href="https://example.org/v?a=1&amp;b=2">Café &lt;3 "x"</a>b</p>"#
        );
        // Without a web address there is nothing to link to; inside a link, its text.
        let out = for_feed(
            r#"<iframe title="none"></iframe><iframe src="javascript:alert(1)">j</iframe><a href="/x">see <iframe src="/v" title="V"></iframe></a><img alt="<iframe src=x>" src="/i.png">"#,
            &page(),
        );
        assert_eq!(
            out,
            r#"<a href="https://example.org/x">see V</a><img alt="&lt;iframe src=x&gt;" src="https://example.org/i.png">"#
        );
    }

    #[test]
    fn broken_html_comes_out_well_formed() {
        let out = for_feed("<p>AT&T a < b</p></p><div><em>open", &page());
        assert_eq!(
            out,
            "<p>AT&amp;T a &lt; b</p><p></p><div><em>open</em></div>"
        );
    }

    #[test]
    fn only_alignment_styles_survive() {
        let out = for_feed(
            r#"<table><tr><td style="text-align: center">a</td></tr></table><p style="color: red">b</p><video controls src="v.mp4"></video>"#,
            &page(),
        );
        assert!(out.contains(r#"style="text-align: center""#), "{out}");
        assert!(!out.contains("color: red"), "{out}");
        assert!(!out.contains("controls"), "{out}");
    }

    #[test]
    fn urls_inside_noscript_become_absolute() {
        let out = for_feed(
            "<figure><img data-src=\"lazy.png\"><NoScript><img src=\"a.png\" alt=\"a\"><a href=\"../x\">x</a></noscript></figure>",
            &page(),
        );
        assert_eq!(
            out,
            "<figure><img data-src=\"https://example.org/blog/post-1/lazy.png\"><img src=\"https://example.org/blog/post-1/a.png\" alt=\"a\"><a href=\"https://example.org/blog/x\">x</a></figure>"
        );
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("a&amp;b&#x41;&#66;&bogus;&"),
            "a&bAB&bogus;&"
        );
    }
}
