//! Zola shortcodes (`notes/zola.md` §5): `{{ name(args) }}` and
//! `{% name(args) %}body{% end %}`, parsed with Zola's grammar. Zola has no
//! built-ins, so the common theme shortcodes (notes, admonitions, images,
//! embeds) render as plain HTML and any other call keeps its body (or its
//! `text` argument) with a warning per name. A call Zola cannot parse, which
//! Zola would print as text (a `'` inside a single-quoted string), is removed
//! with a warning instead: a reader must never see template text.

use serde_json::{Map, Value};

use super::markup::{code_block, escape, markdown_block, markdown_inline};
use super::{line_of, links, Fragments, PageContext, SiteContext, TemplateWarning};

/// Whether `body` holds at least one call Zola would parse.
pub fn has_call(body: &str) -> bool {
    let bytes = body.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'{', &bytes[from..]) {
        let at = from + i;
        if matches!(bytes.get(at + 1), Some(b'{' | b'%')) {
            let close = if bytes[at + 1] == b'{' { "}}" } else { "%}" };
            if parse_call(body, at + 2, close).is_ok() {
                return true;
            }
        }
        from = at + 1;
    }
    false
}

/// A parsed call.
#[derive(Debug, Clone, PartialEq)]
struct Call {
    name: String,
    args: Map<String, Value>,
    /// Where the text resumes after the call's closing delimiter.
    end: usize,
}

/// Why a `{{ name(`-looking text is not a call.
#[derive(Debug, PartialEq)]
enum NotACall {
    /// Not even the start of one: plain text.
    Text,
    /// `{{ name(` that Zola would print as text.
    Broken(String),
}

/// Renders the calls of `body`; returns the Markdown to render.
pub fn expand(
    body: &str,
    site: &SiteContext,
    page: &PageContext<'_>,
    fragments: &mut Fragments,
    warnings: &mut Vec<TemplateWarning>,
) -> String {
    let mut renderer = Renderer {
        site,
        page,
        fragments,
        warnings,
        source: body,
    };
    renderer.text(0, body.len())
}

struct Renderer<'r, 'p> {
    site: &'r SiteContext,
    #[allow(dead_code)]
    page: &'r PageContext<'p>,
    fragments: &'r mut Fragments,
    warnings: &'r mut Vec<TemplateWarning>,
    source: &'r str,
}

impl Renderer<'_, '_> {
    /// `source[from..to]` with every call rendered.
    fn text(&mut self, from: usize, to: usize) -> String {
        let src = self.source;
        let bytes = src.as_bytes();
        let mut out = String::with_capacity(to - from);
        let mut copied = from;
        let mut at = from;
        while let Some(i) = memchr::memchr(b'{', &bytes[at..to]) {
            let open = at + i;
            let kind = bytes.get(open + 1).copied();
            if !matches!(kind, Some(b'{' | b'%')) || open + 2 > to {
                at = open + 1;
                continue;
            }
            let close = if kind == Some(b'{') { "}}" } else { "%}" };
            // Escapes: `{{/* call */}}` is the text `{{ call }}`.
            if src[open + 2..].starts_with("/*") {
                let end_marker = format!("*/{close}");
                if let Some(k) = src[open + 4..to].find(&end_marker) {
                    let inner = &src[open + 4..open + 4 + k];
                    if parse_call_inner(inner).is_ok() || inner.trim() == "end" {
                        out.push_str(&src[copied..open]);
                        out.push_str(&src[open..open + 2]);
                        out.push_str(inner);
                        out.push_str(close);
                        copied = open + 4 + k + end_marker.len();
                        at = copied;
                        continue;
                    }
                }
                at = open + 2;
                continue;
            }
            if close == "%}" && is_end_tag(&src[open..to]).is_some() {
                let len = is_end_tag(&src[open..to]).unwrap_or(2);
                out.push_str(&src[copied..open]);
                self.warn(
                    open,
                    "Zola `{% end %}`",
                    "an `{% end %}` that closes nothing (Zola would refuse the page); removed"
                        .into(),
                );
                copied = open + len;
                at = copied;
                continue;
            }
            match parse_call(src, open + 2, close) {
                Ok(call) => {
                    out.push_str(&src[copied..open]);
                    let rendered = if close == "}}" {
                        self.render(&call, None, open)
                    } else {
                        match find_end(src, call.end, to) {
                            Some((body_end, after)) => {
                                let body = self.body(call.end, body_end);
                                let rendered = self.render(&call, Some(body), open);
                                copied = after;
                                at = after;
                                out.push_str(&rendered);
                                continue;
                            }
                            None => {
                                self.warn(
                                    open,
                                    &format!("Zola shortcode `{}`", call.name),
                                    "a body call without its `{% end %}` (Zola would refuse the page); the tag was removed".into(),
                                );
                                String::new()
                            }
                        }
                    };
                    out.push_str(&rendered);
                    copied = call.end;
                    at = call.end;
                }
                Err(NotACall::Broken(name)) => {
                    let end = broken_call_end(src, open + 2, close, to);
                    out.push_str(&src[copied..open]);
                    self.warn(
                        open,
                        &format!("Zola shortcode `{name}`"),
                        "Zola cannot parse this call (a quote inside a string of the same quotes?) and would print it as text; removed".into(),
                    );
                    copied = end;
                    at = end;
                }
                Err(NotACall::Text) => at = open + 2,
            }
        }
        out.push_str(&src[copied..to]);
        out
    }

    /// A body's text, trimmed as Zola trims it, with nested calls rendered.
    fn body(&mut self, from: usize, to: usize) -> String {
        let raw = &self.source[from..to];
        let start = from + (raw.len() - raw.trim_start().len());
        let end = to - (raw.len() - raw.trim_end().len());
        if start >= end {
            return String::new();
        }
        self.text(start, end)
    }

    /// The placeholder for a call's HTML (or nothing).
    fn render(&mut self, call: &Call, body: Option<String>, at: usize) -> String {
        match self.html(call, body, at) {
            Some((html, block)) => {
                let html = self.resolve_internal_links(html, at);
                self.fragments.add(html, block)
            }
            None => String::new(),
        }
    }

    /// `href="@/…"` in a call's HTML as the target's permalink: a call's
    /// Markdown goes through Zola's `markdown` filter, which resolves
    /// internal links as the page's own Markdown does
    /// (`components/templates/src/filters.rs`). A link to no page keeps its
    /// text, with a warning.
    fn resolve_internal_links(&mut self, html: String, at: usize) -> String {
        const OPEN: &str = "href=\"@/";
        if !html.contains(OPEN) {
            return html;
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html.as_str();
        while let Some(start) = rest.find(OPEN) {
            out.push_str(&rest[..start]);
            let value_start = start + "href=\"".len();
            let Some(len) = rest[value_start..].find('"') else {
                rest = &rest[start..];
                break;
            };
            let destination = rest[value_start..value_start + len].replace("&amp;", "&");
            match links::zola_link(&self.site.pages, &destination) {
                Ok(url) => {
                    out.push_str("href=\"");
                    out.push_str(&escape(url.as_str()));
                    out.push('"');
                }
                Err(message) => self.warn(
                    at,
                    "internal link",
                    format!("{message}; the link was removed, its text kept"),
                ),
            }
            rest = &rest[value_start + len + 1..];
        }
        out.push_str(rest);
        out
    }

    fn html(&mut self, call: &Call, body: Option<String>, at: usize) -> Option<(String, bool)> {
        let arg = |key: &str| {
            call.args
                .get(key)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
        };
        let name = call.name.as_str();
        let text = arg("text").map(str::to_string).or(body).unwrap_or_default();
        let block = |html: String| Some((html, true));
        match name {
            "admonition" | "note" | "alert" | "callout" | "tip" | "warning" | "info" | "danger"
            | "important" | "caution" | "aside" | "notice" | "spoiler" => {
                let kind = arg("type").or_else(|| {
                    [
                        "note",
                        "tip",
                        "important",
                        "warning",
                        "caution",
                        "info",
                        "danger",
                    ]
                    .into_iter()
                    .find(|flag| call.args.get(*flag) == Some(&Value::Bool(true)))
                });
                let title =
                    arg("title")
                        .or(arg("header"))
                        .map(str::to_string)
                        .or_else(|| match name {
                            "admonition" => Some(kind.unwrap_or("info").to_uppercase()),
                            "note" | "alert" | "callout" => kind.map(str::to_uppercase),
                            "aside" | "spoiler" => None,
                            other => Some(other.to_uppercase()),
                        });
                let heading = title
                    .map(|t| format!("<p><strong>{}</strong></p>", markdown_inline(&t)))
                    .unwrap_or_default();
                if name == "aside" || name == "spoiler" {
                    return Some((markdown_inline(&text), false));
                }
                block(format!(
                    "<blockquote>{heading}{}</blockquote>",
                    markdown_block(&text)
                ))
            }
            "wide_container"
            | "references"
            | "force_text_direction"
            | "add_src_to_code_block"
            | "details"
            | "container" => {
                if name == "details" {
                    let summary = arg("summary").or(arg("title")).unwrap_or("Details");
                    return block(format!(
                        "<details><summary>{}</summary>{}</details>",
                        markdown_inline(summary),
                        markdown_block(&text)
                    ));
                }
                block(markdown_block(&text))
            }
            "mermaid" => block(code_block(&text, Some("mermaid"))),
            "multilingual_quote" => {
                let quote = arg("original").or(arg("translated")).unwrap_or(&text);
                let author = arg("author")
                    .map(|a| format!("<p>— {}</p>", markdown_inline(a)))
                    .unwrap_or_default();
                block(format!(
                    "<blockquote>{}{author}</blockquote>",
                    markdown_block(quote)
                ))
            }
            "dual_theme_image" | "full_width_image" | "dimmable_image" | "invertible_image"
            | "image_toggler" | "image_hover" | "image" | "img" | "figure" => {
                let src = arg("src")
                    .or(arg("light_src"))
                    .or(arg("default_src"))
                    .or(arg("path"));
                let Some(src) = src else {
                    self.warn(
                        at,
                        &format!("Zola shortcode `{name}`"),
                        "an image call without a source; removed".into(),
                    );
                    return None;
                };
                let alt = arg("alt").or(arg("default_alt")).unwrap_or("");
                let caption = arg("caption")
                    .map(|c| format!("<figcaption>{}</figcaption>", markdown_inline(c)))
                    .unwrap_or_default();
                let img = format!("<img src=\"{}\" alt=\"{}\">", escape(src), escape(alt));
                if caption.is_empty() {
                    Some((img, false))
                } else {
                    block(format!("<figure>{img}{caption}</figure>"))
                }
            }
            "youtube" | "vimeo" | "streamable" | "gist" => {
                let Some(id) = arg("id").or(arg("url")) else {
                    self.warn(
                        at,
                        &format!("Zola shortcode `{name}`"),
                        "called without an id; removed".into(),
                    );
                    return None;
                };
                let (url, label) = match name {
                    "youtube" => (
                        format!("https://www.youtube.com/watch?v={id}"),
                        "YouTube video",
                    ),
                    "vimeo" => (format!("https://vimeo.com/{id}"), "Vimeo video"),
                    "streamable" => (format!("https://streamable.com/{id}"), "Streamable video"),
                    _ => (id.to_string(), "Gist"),
                };
                Some((format!("<a href=\"{}\">{label}</a>", escape(&url)), false))
            }
            "toc" | "iine" | "remote_text" => {
                if name == "remote_text" {
                    self.warn(
                        at,
                        "Zola shortcode `remote_text`",
                        "fetches remote text at build time, which feedwright does not do; removed"
                            .into(),
                    );
                }
                None
            }
            _ => {
                let known = self.site.shortcodes.contains(name);
                let message = if text.is_empty() {
                    "the theme's template is not run; removed"
                } else {
                    "the theme's template is not run; its body was kept"
                };
                let message = if known {
                    message.to_string()
                } else {
                    format!("{message} (no template for it in the site)")
                };
                self.warn(at, &format!("Zola shortcode `{name}`"), message);
                if text.is_empty() {
                    None
                } else {
                    block(markdown_block(&text))
                }
            }
        }
    }

    fn warn(&mut self, at: usize, subject: &str, message: String) {
        self.warnings.push(TemplateWarning {
            line: line_of(self.source, at),
            subject: subject.to_string(),
            message,
            fatal: false,
        });
    }
}

/// `{% end %}` (with optional spaces) at the start of `text`: its length.
fn is_end_tag(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("{%")?;
    let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n']);
    let after = trimmed.strip_prefix("end")?;
    let after_ws = after.trim_start_matches([' ', '\t', '\r', '\n']);
    after_ws.strip_prefix("%}")?;
    Some(text.len() - after_ws.len() + 2)
}

/// The `{% end %}` closing a body that starts at `from`: (body end, text resumes).
fn find_end(src: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut at = from;
    let bytes = src.as_bytes();
    while let Some(i) = memchr::memmem::find(&bytes[at..to], b"{%") {
        let open = at + i;
        if let Some(len) = is_end_tag(&src[open..to]) {
            if depth == 0 {
                return Some((open, open + len));
            }
            depth -= 1;
            at = open + len;
            continue;
        }
        if src[open + 2..].starts_with("/*") {
            at = open + 2;
            continue;
        }
        if let Ok(call) = parse_call(src, open + 2, "%}") {
            depth += 1;
            at = call.end;
            continue;
        }
        at = open + 2;
    }
    None
}

/// Where a broken call ends: after the first `)` followed by the closing
/// delimiter, else after the closing delimiter, else at the end of the line.
fn broken_call_end(src: &str, from: usize, close: &str, to: usize) -> usize {
    let region = &src[from..to];
    let mut search = 0;
    while let Some(k) = region[search..].find(')') {
        let after = search + k + 1;
        let rest = region[after..].trim_start_matches([' ', '\t', '\r', '\n']);
        if rest.starts_with(close) {
            return to - rest.len() + close.len();
        }
        search = after;
    }
    region
        .find(close)
        .map(|k| from + k + close.len())
        .or_else(|| region.find('\n').map(|k| from + k))
        .unwrap_or(to)
}

fn skip_ws(s: &str, mut p: usize) -> usize {
    while matches!(s.as_bytes().get(p), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        p += 1;
    }
    p
}

/// A call's text between the delimiters (`name(args)`), for escapes.
fn parse_call_inner(inner: &str) -> Result<(), NotACall> {
    let text = format!("{inner}}}}}");
    parse_call(&text, 0, "}}").map(|_| ())
}

/// Parses `name(args)` + `close` at `p` (just past the opening delimiter).
fn parse_call(src: &str, p: usize, close: &str) -> Result<Call, NotACall> {
    let bytes = src.as_bytes();
    let mut p = skip_ws(src, p);
    let name_start = p;
    match bytes.get(p) {
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => p += 1,
        _ => return Err(NotACall::Text),
    }
    while matches!(bytes.get(p), Some(c) if c.is_ascii_alphanumeric() || *c == b'_') {
        p += 1;
    }
    let name = src[name_start..p].to_string();
    p = skip_ws(src, p);
    if bytes.get(p) != Some(&b'(') {
        return Err(NotACall::Text);
    }
    let broken = || NotACall::Broken(name.clone());
    p += 1;
    let mut args = Map::new();
    p = skip_ws(src, p);
    if bytes.get(p) != Some(&b')') {
        loop {
            let key_start = p;
            match bytes.get(p) {
                Some(c) if c.is_ascii_alphabetic() || *c == b'_' => p += 1,
                _ => return Err(broken()),
            }
            while matches!(bytes.get(p), Some(c) if c.is_ascii_alphanumeric() || *c == b'_') {
                p += 1;
            }
            let key = src[key_start..p].to_string();
            p = skip_ws(src, p);
            if bytes.get(p) != Some(&b'=') {
                return Err(broken());
            }
            p = skip_ws(src, p + 1);
            let (value, next) = literal(src, p).ok_or_else(broken)?;
            args.insert(key, value);
            p = skip_ws(src, next);
            match bytes.get(p) {
                Some(b')') => break,
                Some(b',') => {
                    p = skip_ws(src, p + 1);
                    if bytes.get(p) == Some(&b')') {
                        return Err(broken());
                    }
                }
                // Zola also takes arguments separated by whitespace only.
                Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {}
                _ => return Err(broken()),
            }
        }
    }
    p = skip_ws(src, p + 1);
    if !src[p..].starts_with(close) {
        return Err(broken());
    }
    Ok(Call {
        name,
        args,
        end: p + close.len(),
    })
}

/// A literal at `p`: string, bool, number or array; with where it ends.
fn literal(src: &str, p: usize) -> Option<(Value, usize)> {
    let bytes = src.as_bytes();
    match *bytes.get(p)? {
        quote @ (b'"' | b'\'' | b'`') => {
            let end = memchr::memchr(quote, &bytes[p + 1..])? + p + 1;
            Some((Value::String(src[p + 1..end].to_string()), end + 1))
        }
        b't' if src[p..].starts_with("true") && !ident_continues(bytes, p + 4) => {
            Some((Value::Bool(true), p + 4))
        }
        b'f' if src[p..].starts_with("false") && !ident_continues(bytes, p + 5) => {
            Some((Value::Bool(false), p + 5))
        }
        b'[' => {
            let mut items = Vec::new();
            let mut q = skip_ws(src, p + 1);
            loop {
                if bytes.get(q) == Some(&b']') {
                    return Some((Value::Array(items), q + 1));
                }
                let (item, next) = literal(src, q)?;
                items.push(item);
                q = skip_ws(src, next);
                match bytes.get(q)? {
                    b',' => q = skip_ws(src, q + 1),
                    b']' => {}
                    _ => return None,
                }
            }
        }
        b'-' | b'0'..=b'9' => {
            let mut q = p;
            if bytes[q] == b'-' {
                q += 1;
            }
            let int_start = q;
            while matches!(bytes.get(q), Some(b'0'..=b'9')) {
                q += 1;
            }
            let int = &src[int_start..q];
            if int.is_empty() || (int.len() > 1 && int.starts_with('0')) {
                return None;
            }
            if bytes.get(q) == Some(&b'.') {
                let frac_start = q + 1;
                let mut r = frac_start;
                while matches!(bytes.get(r), Some(b'0'..=b'9')) {
                    r += 1;
                }
                if r == frac_start {
                    return None;
                }
                let f: f64 = src[p..r].parse().ok()?;
                return Some((
                    serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
                    r,
                ));
            }
            if ident_continues(bytes, q) {
                return None;
            }
            let n: i64 = src[p..q].parse().ok()?;
            Some((Value::from(n), q))
        }
        _ => None,
    }
}

fn ident_continues(bytes: &[u8], p: usize) -> bool {
    matches!(bytes.get(p), Some(c) if c.is_ascii_alphanumeric() || *c == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    fn call(text: &str) -> Result<Call, NotACall> {
        parse_call(text, 2, if text.starts_with("{%") { "%}" } else { "}}" })
    }

    #[test]
    fn the_grammar_of_notes_d1_to_d18() {
        let c = call("{{ yt(id=\"abc\", n=3, arr=[1, \"two\"]) }}").unwrap();
        assert_eq!(c.args["n"], Value::from(3));
        assert_eq!(c.args["arr"], serde_json::json!([1, "two"]));
        assert!(call("{{youtube()}}").is_ok());
        assert!(call("{{ a(x=1 y=2) }}").is_ok());
        assert!(call("{{ a(v=[1,2,]) }}").is_ok());
        assert!(call("{{ a(v=[[false]]) }}").is_ok());
        assert!(call("{{ a(f=-0.5) }}").is_ok());
        assert_eq!(
            call("{{ a(s=`back\"tick'`) }}").unwrap().args["s"],
            Value::from("back\"tick'")
        );
        for broken in [
            "{{ yt(id=\"x\",) }}",
            "{{ a(big=007) }}",
            "{{ a(f=1.) }}",
            "{{ a(x=True) }}",
            "{{ a(x=none) }}",
            "{{ yt(id='l\\'x') }}",
        ] {
            assert!(matches!(call(broken), Err(NotACall::Broken(_))), "{broken}");
        }
        for text in [
            "{{ page.title }}",
            "{{ youtube }}",
            "{{ 1a() }}",
            "{% if x %}",
        ] {
            assert_eq!(call(text), Err(NotACall::Text), "{text}");
        }
    }

    fn render(body: &str) -> (String, Vec<TemplateWarning>) {
        let site = SiteContext::new(Url::parse("https://example.org/").unwrap());
        crate::templates::render_for_test(
            expand,
            body,
            &site,
            "blog/p.md",
            "https://example.org/blog/p/",
            Value::Null,
        )
    }

    #[test]
    fn admonitions_bodies_escapes_and_broken_calls() {
        let (html, warnings) = render("{{ admonition(type=\"tip\", title=\"Tip\", text=\"Use *this*.\") }}\n\n{% wide_container() %}\nBody with **bold** {{ admonition(text=\"in\") }}\n{% end %}\n\n`{{/* toc() */}}`\n\nA {{ admonition(type=\"warning\", text='it's') }} B\n");
        assert!(
            html.contains(
                "<blockquote><p><strong>Tip</strong></p><p>Use <em>this</em>.</p>\n</blockquote>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<p>Body with <strong>bold</strong>"),
            "{html}"
        );
        assert!(html.contains("<code>{{ toc() }}</code>"), "{html}");
        assert!(html.contains("<p>A  B</p>"), "{html}");
        assert!(!html.contains("{{ admonition"), "{html}");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, 9);
    }

    #[test]
    fn unknown_calls_keep_their_body_and_warn() {
        let (html, warnings) = render("{% custom(x=1) %}\nKept *text*\n{% end %}\n{{ gone() }}\n");
        assert!(html.contains("Kept <em>text</em>"), "{html}");
        assert!(!html.contains("custom"), "{html}");
        assert_eq!(warnings.len(), 2);
    }

    #[test]
    fn internal_links_in_a_call_resolve_as_zola_s_markdown_filter_does() {
        let mut site = SiteContext::new(Url::parse("https://example.org/").unwrap());
        let mut pages = crate::templates::PageIndex::new("content");
        pages.insert(
            "blog/other/index.md",
            Url::parse("https://example.org/blog/other/").unwrap(),
        );
        site.pages = pages;
        let (html, warnings) = crate::templates::render_for_test(
            expand,
            "{{ admonition(type=\"tip\", text='See [this](@/blog/other/index.md#a-b) and [gone](@/blog/none.md).') }}\n",
            &site,
            "blog/p.md",
            "https://example.org/blog/p/",
            Value::Null,
        );
        assert!(
            html.contains("<a href=\"https://example.org/blog/other/#a-b\">this</a>"),
            "{html}"
        );
        assert!(!html.contains("@/"), "{html}");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.contains("blog/none.md"), "{warnings:?}");
    }

    #[test]
    fn stray_end_is_removed() {
        let (html, warnings) = render("text {% end %} more\n");
        assert_eq!(html, "<p>text  more</p>\n");
        assert_eq!(warnings.len(), 1);
    }
}
