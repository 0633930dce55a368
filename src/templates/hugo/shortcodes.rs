//! What each known shortcode becomes in a feed: Hugo's built-ins
//! (`notes/hugo-shortcodes.md` §6) and the common theme shortcodes whose
//! meaning is plain (Docsy §7, other themes §8, Hugo's docs §9.1), as HTML
//! that works in a reader. Embedded players and scripts become links, since
//! readers strip them; colouring is dropped, since readers strip styles.

use super::parser::{Node, Shortcode};
use super::{Output, Renderer};
use crate::templates::context::value_text;
use crate::templates::links;
use crate::templates::markup::{
    code_block, dedent, escape, looks_like_url, markdown_block, markdown_inline,
};

/// Renders `shortcode` if its name is known; `None` for a site's own shortcode.
pub(crate) fn render(r: &mut Renderer<'_, '_>, sc: &Shortcode) -> Option<Output> {
    let p = &sc.params;
    let name = sc.name.as_str();
    Some(match name {
        "figure" => html_block(figure(sc)),
        "youtube" | "youtube_simple" | "youtube-lite" => {
            let Some(id) = p.get("id", 0) else {
                return Some(missing(r, sc, "a video id"));
            };
            let title = p.named("title").filter(|t| !t.is_empty());
            let text = title.map_or_else(
                || "Watch on YouTube".to_string(),
                |t| format!("{t} (YouTube)"),
            );
            let title = title.unwrap_or("YouTube video");
            let watch = format!("https://www.youtube.com/watch?v={}", escape(id));
            let watch = match p.named("start") {
                Some(start) if !start.is_empty() => format!("{watch}&amp;t={}s", escape(start)),
                _ => watch,
            };
            html_inline(format!(
                "<a href=\"{watch}\"><img src=\"https://i.ytimg.com/vi/{}/hqdefault.jpg\" alt=\"{}\" width=\"480\" height=\"360\"></a><br><a href=\"{watch}\">{}</a>",
                escape(id),
                escape(title),
                escape(&text)
            ))
        }
        "vimeo" | "vimeo_simple" | "vimeo-lite" => {
            let Some(id) = p.get("id", 0) else {
                return Some(missing(r, sc, "a video id"));
            };
            let text = p
                .named("title")
                .filter(|t| !t.is_empty())
                .map_or_else(|| "Watch on Vimeo".to_string(), |t| format!("{t} (Vimeo)"));
            html_inline(format!(
                "<a href=\"https://vimeo.com/{}\">{}</a>",
                escape(id),
                escape(&text)
            ))
        }
        "gist" => {
            let (Some(user), Some(id)) = (p.positional(0), p.positional(1)) else {
                return Some(missing(r, sc, "a user and a gist id"));
            };
            let file = p.positional(2);
            let text = match file {
                Some(file) => format!("{file} (gist {user}/{id})"),
                None => format!("gist {user}/{id}"),
            };
            html_inline(format!(
                "<a href=\"https://gist.github.com/{}/{}\">{}</a>",
                escape(user),
                escape(id),
                escape(&text)
            ))
        }
        "tweet" | "twitter" | "twitter_simple" | "x" | "x_simple" => {
            let (user, id, host) = match (p.named("user"), p.named("id")) {
                (Some(user), Some(id)) => (
                    user,
                    id,
                    if name.starts_with('x') {
                        "x.com"
                    } else {
                        "twitter.com"
                    },
                ),
                _ => match (p.positional(0), p.positional(1)) {
                    (Some(user), Some(id)) => (user, id, "twitter.com"),
                    (Some(id), None) => ("x", id, "twitter.com"),
                    _ => return Some(missing(r, sc, "a user and a post id")),
                },
            };
            let site = if host == "x.com" { "X" } else { "Twitter" };
            let who = if user == "x" {
                String::new()
            } else {
                format!(" by @{user}")
            };
            html_block(format!(
                "<blockquote class=\"twitter-tweet\"><p><a href=\"https://{host}/{}/status/{}\">Post{} on {site}</a></p></blockquote>",
                escape(user),
                escape(id),
                escape(&who)
            ))
        }
        "instagram" | "instagram_simple" => {
            let Some(id) = p.get("id", 0) else {
                return Some(missing(r, sc, "a post id"));
            };
            html_inline(format!(
                "<a href=\"https://www.instagram.com/p/{}/\">View this post on Instagram</a>",
                escape(id)
            ))
        }
        "highlight" => {
            let code = r.inner(sc);
            let code = dedent(code.trim_matches(['\n', '\r']));
            let options = p.positional(1).unwrap_or("");
            if options.contains("hl_inline=true") {
                html_inline(format!("<code>{}</code>", escape(&code)))
            } else {
                html_block(code_block(&code, p.positional(0)))
            }
        }
        "ref" | "relref" => {
            let Some(target) = p.get("path", 0) else {
                return Some(missing(r, sc, "a path"));
            };
            let target = target.to_string();
            match links::hugo_ref(&r.site.pages, r.page.rel_path, r.page.permalink, &target) {
                Ok(url) => text_output(sc, url.to_string()),
                Err(message) => {
                    r.warn(
                        sc,
                        format!("shortcode `{name}`"),
                        format!("{message}; removed"),
                    );
                    Output::Nothing
                }
            }
        }
        "param" | "_param" => {
            let Some(key) = p.get("name", 0) else {
                return Some(missing(r, sc, "a parameter name"));
            };
            let value = r
                .page
                .param(key)
                .or_else(|| r.site.param(key))
                .filter(|v| !v.is_null() && *v != &serde_json::Value::Bool(false))
                .map(value_text);
            match value {
                Some(text) if !text.is_empty() => {
                    let text = escape(&text);
                    if sc.markup {
                        Output::Markdown(text)
                    } else {
                        html_inline(text)
                    }
                }
                _ => {
                    let key = key.to_string();
                    r.warn(
                        sc,
                        format!("shortcode `{name}`"),
                        format!("param \"{key}\" not found in the page's front matter or the site's params; removed"),
                    );
                    Output::Nothing
                }
            }
        }
        "comment" => Output::Nothing,
        "details" => {
            let summary = p
                .named("summary")
                .or_else(|| p.named("title"))
                .or_else(|| p.positional(0))
                .unwrap_or("Details");
            let summary = markdown_inline(summary);
            let open = if p.flag("open") || p.positional(1) == Some("open") {
                " open"
            } else {
                ""
            };
            let inner = r.inner(sc);
            html_block(format!(
                "<details{open}><summary>{summary}</summary>{}</details>",
                markdown_block(&dedent(&inner))
            ))
        }
        "qr" => {
            let inner = r.inner(sc);
            let text = p
                .named("text")
                .map(str::to_string)
                .unwrap_or_else(|| inner.trim().to_string());
            if text.is_empty() {
                return Some(missing(r, sc, "a text"));
            }
            if looks_like_url(&text) {
                html_inline(format!(
                    "<a href=\"{}\">{}</a>",
                    escape(&text),
                    escape(&text)
                ))
            } else {
                html_block(format!("<p>{}</p>", escape(&text).replace('\n', "<br>")))
            }
        }
        // Docsy and other themes' notes: a quoted box with its title.
        "alert" | "notice" | "hint" | "admonition" | "callout" | "note" | "tip" | "info"
        | "warning" | "caution" | "danger" | "important" | "pageinfo" | "conditional-text"
        | "newtemplatesystem" => {
            if name == "conditional-text" {
                let inner = r.inner(sc);
                return Some(r.markdown_or_html(sc, inner));
            }
            let title =
                p.named("title")
                    .or_else(|| match name {
                        "notice" | "hint" | "admonition" | "callout" => p.positional(1),
                        _ => None,
                    })
                    .map(str::to_string)
                    .or_else(|| match name {
                        "notice" | "hint" | "admonition" | "callout" => p
                            .get("type", 0)
                            .filter(|t| !["default"].contains(t))
                            .map(capitalize),
                        "note" | "tip" | "info" | "warning" | "caution" | "danger"
                        | "important" => Some(capitalize(name)),
                        _ => None,
                    });
            let inner = r.inner(sc);
            let heading = title
                .map(|t| format!("<p><strong>{}</strong></p>", markdown_inline(&t)))
                .unwrap_or_default();
            html_block(format!(
                "<blockquote>{heading}{}</blockquote>",
                markdown_block(&dedent(&inner))
            ))
        }
        "tabpane" | "tabs" | "code-toggle" => tabs(r, sc),
        "tab" => {
            // A tab outside a tab pane: a headed section.
            let header = p.get("header", 0).unwrap_or("Tab").to_string();
            let inner = r.inner(sc);
            html_block(format!(
                "<h4>{}</h4>{}",
                escape(&header),
                markdown_block(&dedent(&inner))
            ))
        }
        "cardpane" | "columns" | "blocks/section" | "blocks/lead" | "raw" | "html"
        | "wide_container" => {
            let inner = r.inner(sc);
            if name == "raw" || name == "html" {
                html_block(inner)
            } else {
                html_block(markdown_block(&dedent(&inner)))
            }
        }
        "card" => {
            let inner = r.inner(sc);
            let mut html = String::new();
            for key in ["header", "title"] {
                if let Some(v) = p.named(key) {
                    html.push_str(&format!("<h4>{}</h4>", markdown_inline(v)));
                }
            }
            if let Some(v) = p.named("subtitle") {
                html.push_str(&format!("<h5>{}</h5>", markdown_inline(v)));
            }
            if p.flag("code") {
                html.push_str(&code_block(
                    dedent(inner.trim_matches('\n')).as_str(),
                    p.named("lang"),
                ));
            } else {
                html.push_str(&markdown_block(&dedent(&inner)));
            }
            if let Some(v) = p.named("footer") {
                html.push_str(&format!("<p>{}</p>", markdown_inline(v)));
            }
            html_block(format!("<div>{html}</div>"))
        }
        "blocks/cover" => {
            let inner = r.inner(sc);
            let mut html = String::new();
            if let Some(t) = p.named("title") {
                html.push_str(&format!("<h2>{}</h2>", escape(t)));
            }
            if let Some(s) = p.named("subtitle") {
                html.push_str(&format!("<p>{}</p>", escape(s)));
            }
            html.push_str(&markdown_block(&dedent(&inner)));
            html_block(html)
        }
        "blocks/feature" => {
            let inner = r.inner(sc);
            let mut html = String::new();
            if let Some(t) = p.named("title") {
                html.push_str(&format!("<h4>{}</h4>", markdown_inline(t)));
            }
            html.push_str(&markdown_block(&dedent(&inner)));
            if let Some(url) = p.named("url") {
                let text = p.named("url_text").unwrap_or("Read more");
                html.push_str(&format!(
                    "<p><a href=\"{}\">{}</a></p>",
                    escape(url),
                    escape(text)
                ));
            }
            html_block(html)
        }
        "blocks/link-down" | "toc" | "table-of-contents" => Output::Nothing,
        "accordion" => {
            let title = p.get("title", 0).unwrap_or("Details").to_string();
            let inner = r.inner(sc);
            html_block(format!(
                "<details><summary>{}</summary>{}</details>",
                markdown_inline(&title),
                markdown_block(&dedent(&inner))
            ))
        }
        "button" | "link" => {
            let href = p
                .named("href")
                .or_else(|| p.named("link"))
                .or_else(|| p.named("url"))
                .or_else(|| {
                    if name == "link" {
                        p.positional(0)
                    } else {
                        p.positional(1)
                    }
                });
            let inner = r.inner(sc);
            let label = p
                .named("label")
                .or_else(|| p.named("content"))
                .map(str::to_string)
                .or_else(|| {
                    if name == "link" {
                        p.positional(1)
                    } else {
                        p.positional(0)
                    }
                    .map(str::to_string)
                })
                .or_else(|| Some(inner.trim().to_string()).filter(|s| !s.is_empty()));
            match href {
                Some(href) => {
                    let label = label.unwrap_or_else(|| href.to_string());
                    html_inline(format!(
                        "<a href=\"{}\">{}</a>",
                        escape(href),
                        markdown_inline(&label)
                    ))
                }
                None => return Some(missing(r, sc, "a link")),
            }
        }
        "image" | "img" | "imgproc" | "gallery-image" => {
            let src = p.get("src", 0).map(str::to_string);
            let Some(src) = src else {
                return Some(missing(r, sc, "an image source"));
            };
            let inner = r.inner(sc);
            let alt = p
                .named("alt")
                .or_else(|| {
                    if name == "image" {
                        p.positional(1)
                    } else {
                        None
                    }
                })
                .unwrap_or("");
            let caption = p
                .named("caption")
                .map(str::to_string)
                .or_else(|| Some(inner.trim().to_string()).filter(|s| !s.is_empty()));
            let mut img = format!("<img src=\"{}\" alt=\"{}\"", escape(&src), escape(alt));
            for key in ["width", "height", "title"] {
                if let Some(v) = p.named(key) {
                    img.push_str(&format!(" {key}=\"{}\"", escape(v)));
                }
            }
            img.push('>');
            let caption = caption
                .map(|c| format!("<figcaption>{}</figcaption>", markdown_inline(&c)))
                .unwrap_or_default();
            html_block(format!("<figure>{img}{caption}</figure>"))
        }
        "video" | "audio" => {
            let Some(src) = p.get("src", 0) else {
                return Some(missing(r, sc, "a source"));
            };
            let poster = p
                .named("poster")
                .map(|v| format!(" poster=\"{}\"", escape(v)))
                .unwrap_or_default();
            let what = if name == "video" { "video" } else { "audio" };
            html_block(format!(
                "<{what} controls src=\"{0}\"{poster}></{what}><p><a href=\"{0}\">Download the {what}</a></p>",
                escape(src)
            ))
        }
        "mermaid" | "katex" | "math" => {
            let inner = r.inner(sc);
            let lang = if name == "mermaid" { "mermaid" } else { "tex" };
            html_block(code_block(
                dedent(inner.trim_matches('\n')).as_str(),
                Some(lang),
            ))
        }
        "hl" => {
            let inner = r.inner(sc);
            html_inline(format!("<code>{}</code>", escape(inner.trim())))
        }
        "new-in" | "deprecated-in" => {
            let version = p.positional(0).unwrap_or("");
            let inner = r.inner(sc);
            let label = if name == "new-in" {
                "New in"
            } else {
                "Deprecated in"
            };
            let badge = format!(
                "<em>{label} v{}</em>",
                escape(version.trim_start_matches('v'))
            );
            if inner.trim().is_empty() {
                html_inline(badge)
            } else {
                html_block(format!("<p>{badge}</p>{}", markdown_block(&dedent(&inner))))
            }
        }
        "iframe" | "swaggerui" | "redoc" => {
            let Some(src) = p.get("src", 0) else {
                return Some(missing(r, sc, "a source"));
            };
            html_inline(format!("<a href=\"{0}\">{0}</a>", escape(src)))
        }
        "readfile" => return None,
        _ => return None,
    })
}

fn html_block(html: String) -> Output {
    Output::Html { html, block: true }
}

fn html_inline(html: String) -> Output {
    Output::Html { html, block: false }
}

/// A URL or a word, as Markdown for `{{% %}}` and as HTML text for `{{< >}}`.
fn text_output(sc: &Shortcode, text: String) -> Output {
    if sc.markup {
        Output::Markdown(text)
    } else {
        html_inline(escape(&text))
    }
}

/// A known shortcode called without what it needs: Hugo would refuse it.
fn missing(r: &mut Renderer<'_, '_>, sc: &Shortcode, what: &str) -> Output {
    r.warn(
        sc,
        format!("shortcode `{}`", sc.name),
        format!("called without {what}; removed"),
    );
    Output::Nothing
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Hugo's `figure` (§6.1): image, link, caption, title, attribution.
fn figure(sc: &Shortcode) -> String {
    let p = &sc.params;
    let src = p.named("src").unwrap_or("");
    let caption = p.named("caption").filter(|c| !c.is_empty());
    let alt = p
        .named("alt")
        .map(str::to_string)
        .or_else(|| caption.map(|c| plain_text(&markdown_inline(c))))
        .unwrap_or_default();
    let mut img = format!("<img src=\"{}\"", escape(src));
    if !alt.is_empty() {
        img.push_str(&format!(" alt=\"{}\"", escape(&alt)));
    }
    for key in ["width", "height", "loading"] {
        if let Some(v) = p.named(key).filter(|v| !v.is_empty()) {
            img.push_str(&format!(" {key}=\"{}\"", escape(v)));
        }
    }
    img.push('>');
    if let Some(link) = p.named("link").filter(|l| !l.is_empty()) {
        let mut a = format!("<a href=\"{}\"", escape(link));
        for key in ["target", "rel"] {
            if let Some(v) = p.named(key).filter(|v| !v.is_empty()) {
                a.push_str(&format!(" {key}=\"{}\"", escape(v)));
            }
        }
        img = format!("{a}>{img}</a>");
    }
    let class = p
        .named("class")
        .filter(|c| !c.is_empty())
        .map(|c| format!(" class=\"{}\"", escape(c)))
        .unwrap_or_default();
    let title = p.named("title").filter(|t| !t.is_empty());
    let attr = p.named("attr").filter(|a| !a.is_empty());
    let mut figcaption = String::new();
    if title.is_some() || caption.is_some() || attr.is_some() {
        figcaption.push_str("<figcaption>");
        if let Some(title) = title {
            figcaption.push_str(&format!("<h4>{}</h4>", escape(title)));
        }
        if caption.is_some() || attr.is_some() {
            figcaption.push_str("<p>");
            if let Some(caption) = caption {
                figcaption.push_str(&markdown_inline(caption));
            }
            if let Some(attr) = attr {
                if caption.is_some() {
                    figcaption.push(' ');
                }
                let attr_html = markdown_inline(attr);
                match p.named("attrlink").filter(|l| !l.is_empty()) {
                    Some(link) => figcaption
                        .push_str(&format!("<a href=\"{}\">{attr_html}</a>", escape(link))),
                    None => figcaption.push_str(&attr_html),
                }
            }
            figcaption.push_str("</p>");
        }
        figcaption.push_str("</figcaption>");
    }
    format!("<figure{class}>{img}{figcaption}</figure>")
}

/// Tags removed from `html`, entities left as they are.
fn plain_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    crate::feed::sanitize::decode_entities(&out)
}

/// Docsy's `tabpane` of `tab`s, hugo-book's `tabs`, hugo-docs' `code-toggle`:
/// each tab as a heading and its content (code, or Markdown for text tabs).
fn tabs(r: &mut Renderer<'_, '_>, sc: &Shortcode) -> Output {
    let p = &sc.params;
    if sc.name == "code-toggle" {
        let inner = r.inner(sc);
        let code = dedent(inner.trim_matches('\n'));
        if code.trim().is_empty() {
            return missing(
                r,
                sc,
                "inline configuration (data-driven code-toggle is not rendered)",
            );
        }
        let mut html = String::new();
        if let Some(file) = p.named("file") {
            html.push_str(&format!("<p><code>{}</code></p>", escape(file)));
        }
        let lang = match code.trim_start().chars().next() {
            Some('{') => "json",
            _ if code.contains(" = ") || code.trim_start().starts_with('[') => "toml",
            _ => "yaml",
        };
        html.push_str(&code_block(&code, Some(lang)));
        return html_block(html);
    }
    let pane_text = p.flag("text");
    let pane_lang = p.named("lang").map(str::to_string);
    let mut html = String::new();
    let mut number = 0;
    let children: Vec<Node> = sc.inner.clone().unwrap_or_default();
    for node in &children {
        match node {
            Node::Shortcode(tab) if tab.name == "tab" => {
                number += 1;
                if tab.params.flag("disabled") {
                    continue;
                }
                let header = tab
                    .params
                    .get("header", 0)
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("Tab {number}"));
                let content = r.inner(tab);
                html.push_str(&format!("<h4>{}</h4>", markdown_inline(&header)));
                let lang = tab
                    .params
                    .named("lang")
                    .map(str::to_string)
                    .or_else(|| pane_lang.clone());
                let text = tab
                    .params
                    .named("text")
                    .map_or(pane_text || sc.name == "tabs" || tab.markup, |t| {
                        t == "true"
                    });
                if text {
                    html.push_str(&markdown_block(&dedent(&content)));
                } else {
                    html.push_str(&code_block(
                        &dedent(content.trim_matches('\n')),
                        lang.as_deref(),
                    ));
                }
            }
            Node::Shortcode(other) => {
                let output = r.nodes(std::slice::from_ref(&Node::Shortcode(other.clone())));
                html.push_str(&markdown_block(&output));
            }
            Node::Text(text) if !text.trim().is_empty() => html.push_str(&markdown_block(text)),
            Node::Text(_) => {}
        }
    }
    html_block(html)
}
