//! Jekyll's Liquid, rendered before Markdown as Jekyll renders it
//! (`notes/jekyll.md` §5), with the `liquid` crate over `page.*`, `site.*`
//! (`_config.yml`), `site.data.*` (`_data/`) and `jekyll.*`.
//!
//! A pre-pass tokenizes the body as Ruby Liquid 5.4 does and resolves what
//! the crate does not know: Jekyll's own tags (`highlight`, `link`,
//! `post_url`, `include`), `raw` bodies, and tags and filters no engine could
//! run (a plugin's `{% youtube %}`), which are removed with a warning. The
//! rest is rendered one top-level piece at a time, so a piece that fails is
//! removed with a warning naming its line and the others still render.

mod filters;
mod include;
mod lax;

use std::sync::OnceLock;

use liquid_core::model::{Object, Value as LiquidValue};
use liquid_core::{Language, Renderable, Runtime, Template};

use super::markup::code_block;
use super::{line_of, links, Fragments, PageContext, SiteContext, TemplateWarning};

/// How deep includes may nest (an include that includes itself must stop).
const MAX_INCLUDE_DEPTH: usize = 8;

/// Marks a `raw` body in the Liquid source, until it is put back after rendering.
const RAW_MARK: &str = "\u{E000}FWRAW";
/// Brackets highlighted code in the rendered text: `\u{E001}lang\u{E002}code\u{E003}`.
pub(crate) const CODE_START: char = '\u{E001}';
pub(crate) const CODE_LANG_END: char = '\u{E002}';
pub(crate) const CODE_END: char = '\u{E003}';

/// Tags the engine knows besides the registered ones (branches and ends).
const BRANCH_TAGS: &[&str] = &["else", "elsif", "when", "break", "continue"];
/// Block tags: their `end…` closes them.
const BLOCK_TAGS: &[&str] = &[
    "if",
    "unless",
    "for",
    "case",
    "capture",
    "tablerow",
    "ifchanged",
    "comment",
    "fwinclude",
    "fwlax",
];

/// Blocks whose body the pre-pass wraps in `fwlax` (their scope hides [`lax::Lax`]).
const LOOP_TAGS: &[&str] = &["for", "tablerow"];

/// The Liquid language: the standard library, Jekyll's filters, and the
/// include block feedwright inlines includes with.
fn language() -> &'static Language {
    static LANGUAGE: OnceLock<Language> = OnceLock::new();
    LANGUAGE.get_or_init(|| {
        use liquid_lib::{jekyll, stdlib};
        let mut lang = Language::empty();
        macro_rules! tags { ($($t:expr),*) => { $( let t = $t; lang.tags.register(liquid_core::TagReflection::tag(&t).to_owned(), Box::new(t)); )* } }
        macro_rules! blocks { ($($b:expr),*) => { $( let b = $b; lang.blocks.register(liquid_core::BlockReflection::start_tag(&b).to_owned(), Box::new(b)); )* } }
        macro_rules! filters { ($($f:expr),*) => { $( let f = $f; lang.filters.register(liquid_core::ParseFilter::reflection(&f).name().to_owned(), Box::new(f)); )* } }
        tags!(stdlib::AssignTag, stdlib::BreakTag, stdlib::ContinueTag, stdlib::CycleTag, stdlib::IncrementTag, stdlib::DecrementTag);
        blocks!(lax::LaxBlock, stdlib::RawBlock, stdlib::IfBlock, stdlib::UnlessBlock, stdlib::IfChangedBlock, stdlib::ForBlock, stdlib::TableRowBlock, stdlib::CommentBlock, stdlib::CaptureBlock, stdlib::CaseBlock, include::IncludeBlock);
        filters!(
            stdlib::Abs, stdlib::Append, stdlib::AtLeast, stdlib::AtMost, stdlib::Capitalize, stdlib::Ceil,
            stdlib::Compact, stdlib::Concat, stdlib::Date, stdlib::Default, stdlib::DividedBy, stdlib::Downcase,
            stdlib::Escape, stdlib::EscapeOnce, stdlib::First, stdlib::Floor, stdlib::Join, stdlib::Last,
            stdlib::Lstrip, stdlib::Map, stdlib::Minus, stdlib::Modulo, stdlib::NewlineToBr, stdlib::Plus,
            stdlib::Prepend, stdlib::Remove, stdlib::RemoveFirst, stdlib::Replace, stdlib::ReplaceFirst,
            stdlib::Reverse, stdlib::Round, stdlib::Rstrip, stdlib::Size, stdlib::Slice, stdlib::SortNatural,
            stdlib::Split, stdlib::Strip, stdlib::StripHtml, stdlib::StripNewlines, stdlib::Times,
            stdlib::Truncate, stdlib::TruncateWords, stdlib::Uniq, stdlib::Upcase, stdlib::UrlDecode,
            stdlib::UrlEncode, stdlib::Where,
            jekyll::Slugify, jekyll::Sort, jekyll::Push, jekyll::Pop, jekyll::Shift, jekyll::Unshift,
            jekyll::ArrayToSentenceString
        );
        for filter in filters::all() {
            lang.filters
                .register(liquid_core::ParseFilter::reflection(&filter).name().to_owned(), Box::new(filter));
        }
        lang
    })
}

/// Renders the Liquid of `body`; returns the Markdown to render.
pub fn expand(
    body: &str,
    site: &SiteContext,
    page: &PageContext<'_>,
    fragments: &mut Fragments,
    warnings: &mut Vec<TemplateWarning>,
) -> String {
    if page.front_matter.get("render_with_liquid") == Some(&serde_json::Value::Bool(false)) {
        return body.to_string();
    }
    let mut prepass = PrePass {
        site,
        page,
        warnings: Vec::new(),
        raws: Vec::new(),
        highlights: 0,
        body,
    };
    let source = prepass.run(body, 0, 0);
    let raws = std::mem::take(&mut prepass.raws);
    warnings.append(&mut prepass.warnings);

    let globals = globals(site, page);
    let core = liquid_core::runtime::RuntimeBuilder::new()
        .set_globals(&globals)
        .build();
    let runtime = lax::Lax(&core);
    let mut out = String::with_capacity(source.text.len());
    for chunk in chunks(&source.text) {
        let text = &source.text[chunk.start..chunk.end];
        let line = source.line_at(chunk.start);
        let rendered = liquid_core::parser::parse(text, language())
            .map(Template::new)
            .and_then(|template| Renderable::render(&template, &runtime as &dyn Runtime));
        match rendered {
            Ok(text) => out.push_str(&text),
            Err(error) => warnings.push(TemplateWarning {
                line,
                subject: "Liquid".into(),
                message: format!(
                    "cannot render `{}`: {}; removed",
                    snippet(text),
                    first_line_of(&error.to_string())
                ),
                fatal: false,
            }),
        }
    }
    let out = restore_raws(&out, &raws);
    extract_code(&out, fragments)
}

fn first_line_of(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// The start of a template piece, for a warning.
fn snippet(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or("");
    let mut cut: String = line.chars().take(60).collect();
    if cut.len() < line.len() {
        cut.push('…');
    }
    cut
}

/// `site`, `page` and `jekyll`, as Jekyll exposes them.
fn globals(site: &SiteContext, page: &PageContext<'_>) -> Object {
    static EMPTY: OnceLock<LiquidValue> = OnceLock::new();
    let site_value = site.liquid_site.get_or_init(|| {
        let mut object = match &site.params {
            serde_json::Value::Object(map) => map.clone(),
            _ => serde_json::Map::new(),
        };
        object.insert("data".into(), site.data.clone());
        let base = site.base_url.as_str().trim_end_matches('/');
        let (origin, path) = match site.base_url.path() {
            "/" => (base.to_string(), String::new()),
            path => (
                base.trim_end_matches(path.trim_end_matches('/'))
                    .to_string(),
                path.trim_end_matches('/').to_string(),
            ),
        };
        object
            .entry("url")
            .or_insert(serde_json::Value::String(origin));
        object
            .entry("baseurl")
            .or_insert(serde_json::Value::String(path));
        liquid_core::to_value(&serde_json::Value::Object(object))
            .unwrap_or_else(|_| EMPTY.get_or_init(|| LiquidValue::Nil).clone())
    });
    let mut page_map = match page.front_matter {
        serde_json::Value::Object(map) => map.clone(),
        _ => serde_json::Map::new(),
    };
    page_map.insert("url".into(), page.permalink.path().into());
    page_map.insert("path".into(), page.rel_path.into());
    let page_value =
        liquid_core::to_value(&serde_json::Value::Object(page_map)).unwrap_or(LiquidValue::Nil);
    let mut globals = Object::new();
    globals.insert("site".into(), site_value.clone());
    globals.insert("page".into(), page_value);
    globals.insert(
        "jekyll".into(),
        liquid_core::to_value(
            &serde_json::json!({"environment": "production", "version": "4.3.1"}),
        )
        .unwrap_or(LiquidValue::Nil),
    );
    globals
}

/// The pre-pass's output: Liquid source the engine can parse, with a map
/// back to the body's lines.
struct Source {
    text: String,
    /// (offset in `text`, line in the body), in order.
    lines: Vec<(usize, usize)>,
}

impl Source {
    fn push(&mut self, text: &str, line: usize) {
        if self.lines.last().is_none_or(|&(_, l)| l != line) {
            self.lines.push((self.text.len(), line));
        }
        self.text.push_str(text);
    }

    fn line_at(&self, offset: usize) -> usize {
        match self.lines.binary_search_by_key(&offset, |&(o, _)| o) {
            Ok(i) => self.lines[i].1,
            Err(0) => 1,
            Err(i) => self.lines[i - 1].1,
        }
    }
}

/// One Liquid token of Ruby Liquid's tokenizer.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Text(&'a str),
    /// `{{ … }}`: the whole token and its markup.
    Output(&'a str, &'a str),
    /// `{% name markup %}`: the whole token, its name and markup.
    Tag(&'a str, &'a str, &'a str),
    /// A `raw` body.
    Raw(&'a str),
    /// `{{` or `{%` with no closer.
    Lone(&'a str),
}

/// Tokenizes as Ruby Liquid 5.4 (`/(\{%.*?%\}|\{\{.*?\}\}?|\{%|\{\{)/m`),
/// with `raw` and `comment` bodies ending at the first end tag; each token
/// with its byte offset.
fn tokenize(text: &str) -> Vec<(usize, Token<'_>)> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'{', &bytes[at..]) {
        let open = at + i;
        let kind = bytes.get(open + 1).copied();
        if !matches!(kind, Some(b'{' | b'%')) {
            at = open + 1;
            continue;
        }
        if open > start {
            tokens.push((start, Token::Text(&text[start..open])));
        }
        let closer = if kind == Some(b'%') { "%}" } else { "}}" };
        let Some(close) = text[open + 2..].find(closer).map(|k| open + 2 + k) else {
            tokens.push((open, Token::Lone(&text[open..open + 2])));
            start = open + 2;
            at = start;
            continue;
        };
        let mut end = close + 2;
        if kind == Some(b'{') {
            if bytes.get(end) == Some(&b'}') {
                end += 1;
            }
            let markup = &text[open + 2..close];
            tokens.push((
                open,
                Token::Output(&text[open..end], markup.trim_matches('-').trim()),
            ));
            start = end;
            at = end;
            continue;
        }
        let markup = text[open + 2..close].trim_matches('-').trim();
        let name_len = markup
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_alphanumeric() || c == '_' || (c == '#' && i == 0) || (c == '-' && i > 0))
            })
            .map_or(markup.len(), |(i, _)| i);
        let (name, rest) = markup.split_at(name_len);
        tokens.push((open, Token::Tag(&text[open..end], name, rest.trim())));
        start = end;
        at = end;
        if name == "raw" || name == "comment" {
            let end_name = if name == "raw" {
                "endraw"
            } else {
                "endcomment"
            };
            match find_end_tag(text, end, end_name) {
                Some((body_end, after)) => {
                    if name == "raw" {
                        tokens.push((end, Token::Raw(&text[end..body_end])));
                    }
                    tokens.push((body_end, Token::Tag(&text[body_end..after], end_name, "")));
                    start = after;
                    at = after;
                }
                None => {
                    if name == "raw" {
                        tokens.push((end, Token::Raw(&text[end..])));
                    }
                    start = text.len();
                    at = text.len();
                }
            }
        }
    }
    if start < text.len() {
        tokens.push((start, Token::Text(&text[start..])));
    }
    tokens
}

/// The first `{% end_name %}` (with `-` and spaces allowed) from `from`.
fn find_end_tag(text: &str, from: usize, end_name: &str) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(k) = text[at..].find("{%") {
        let open = at + k;
        let close = text[open + 2..].find("%}").map(|c| open + 2 + c)?;
        if text[open + 2..close].trim_matches('-').trim() == end_name {
            return Some((open, close + 2));
        }
        at = open + 2;
    }
    None
}

struct PrePass<'r, 'p> {
    site: &'r SiteContext,
    page: &'r PageContext<'p>,
    warnings: Vec<TemplateWarning>,
    raws: Vec<String>,
    highlights: usize,
    body: &'r str,
}

impl PrePass<'_, '_> {
    /// `text` rewritten into Liquid the engine parses. `depth` counts
    /// includes; `call_line` is the page line of the outermost include call.
    fn run(&mut self, text: &str, depth: usize, call_line: usize) -> Source {
        let tokens = tokenize(text);
        let end_names: std::collections::HashSet<&str> = tokens
            .iter()
            .filter_map(|(_, t)| match t {
                Token::Tag(_, name, _) => name.strip_prefix("end"),
                _ => None,
            })
            .collect();
        let mut out = Source {
            text: String::with_capacity(text.len()),
            lines: Vec::new(),
        };
        let mut highlight_stack: Vec<(usize, String)> = Vec::new();
        let mut removed_blocks: Vec<String> = Vec::new();
        // Open Liquid blocks, innermost last, and whether a loop body is open.
        let mut open_blocks: Vec<(String, bool)> = Vec::new();
        for (offset, token) in tokens {
            let line = if depth == 0 {
                line_of(text, offset)
            } else {
                call_line
            };
            match token {
                Token::Text(t) => out.push(t, line),
                Token::Raw(t) => {
                    out.push(&format!("{RAW_MARK}{}X", self.raws.len()), line);
                    self.raws.push(t.to_string());
                }
                Token::Lone(opener) => self.warn(
                    line,
                    "Liquid",
                    format!("`{opener}` without its closing delimiter (Jekyll would refuse the page); removed"),
                ),
                Token::Output(whole, markup) => {
                    let markup = self.known_filters(markup, line);
                    if whole.ends_with("}}}") {
                        out.push(&format!("{{{{ {markup} }}}}}}"), line);
                    } else {
                        out.push(&format!("{{{{ {markup} }}}}"), line);
                    }
                }
                Token::Tag(whole, name, markup) => match name {
                    "raw" | "endraw" | "comment" | "endcomment" | "" | "#" => {}
                    "highlight" => {
                        let lang = markup.split_whitespace().next().unwrap_or("").to_lowercase();
                        let n = self.highlights;
                        self.highlights += 1;
                        highlight_stack.push((n, lang));
                        out.push(&format!("{{% capture fwhighlight{n} %}}"), line);
                    }
                    "endhighlight" => match highlight_stack.pop() {
                        Some((n, lang)) => out.push(
                            &format!("{{% endcapture %}}{{{{ fwhighlight{n} | fw_highlight: \"{}\" }}}}", lang.replace('"', "")),
                            line,
                        ),
                        None => self.warn(line, "Liquid tag `endhighlight`", "closes no `highlight`; removed".into()),
                    },
                    "link" => match links::jekyll_link(&self.site.pages, markup) {
                        Some(url) => out.push(url.as_str(), line),
                        None => self.warn(
                            line,
                            "Liquid tag `link`",
                            format!("`{markup}` is not a page of the site (Jekyll would refuse the page); removed"),
                        ),
                    },
                    "post_url" => match links::jekyll_post_url(&self.site.pages, markup) {
                        Some(url) => out.push(url.as_str(), line),
                        None => self.warn(
                            line,
                            "Liquid tag `post_url`",
                            format!("no post `{markup}` (Jekyll would refuse the page); removed"),
                        ),
                    },
                    "include" | "include_relative" | "render" => {
                        let source = self.include(name, markup, depth, line);
                        if let Some(source) = source {
                            out.push(&source.text, line);
                        }
                    }
                    "echo" => {
                        let markup = self.known_filters(markup, line);
                        out.push(&format!("{{{{ {markup} }}}}"), line);
                    }
                    "feed_meta" | "seo" => {}
                    _ if removed_blocks.last().is_some_and(|b| name.strip_prefix("end") == Some(b.as_str())) => {
                        removed_blocks.pop();
                    }
                    _ if self.known_tag(name) => {
                        let markup = self.known_filters(markup, line);
                        let trim_left = if whole.starts_with("{%-") { "-" } else { "" };
                        let trim_right = if whole.ends_with("-%}") { "-" } else { "" };
                        // A loop's body (up to its `else` or end) goes in `fwlax`.
                        let closes_body = match open_blocks.last_mut() {
                            Some((open, body)) if *body && name == "else" && LOOP_TAGS.contains(&open.as_str()) => {
                                *body = false;
                                true
                            }
                            Some((open, body)) if name.strip_prefix("end") == Some(open.as_str()) => {
                                let closes = *body;
                                open_blocks.pop();
                                closes
                            }
                            _ => false,
                        };
                        if closes_body {
                            out.push(&format!("{{%{trim_left} endfwlax %}}"), line);
                        }
                        out.push(&format!("{{%{trim_left} {name} {markup} {trim_right}%}}"), line);
                        if BLOCK_TAGS.contains(&name) {
                            let is_loop = LOOP_TAGS.contains(&name);
                            open_blocks.push((name.to_string(), is_loop));
                            if is_loop {
                                out.push(&format!("{{% fwlax {trim_right}%}}"), line);
                            }
                        }
                    }
                    _ => {
                        if end_names.contains(name) {
                            removed_blocks.push(name.to_string());
                            self.warn(
                                line,
                                &format!("Liquid tag `{name}`"),
                                "not a tag of Jekyll or its Liquid (a plugin's?); its tags were removed and its inner content kept".into(),
                            );
                        } else {
                            self.warn(
                                line,
                                &format!("Liquid tag `{name}`"),
                                "not a tag of Jekyll or its Liquid (a plugin's?); removed".into(),
                            );
                        }
                    }
                },
            }
        }
        for (n, lang) in highlight_stack {
            // An unclosed highlight: what was captured still shows, as code.
            out.push(
                &format!("{{% endcapture %}}{{{{ fwhighlight{n} | fw_highlight: \"{lang}\" }}}}"),
                1,
            );
        }
        out
    }

    fn known_tag(&self, name: &str) -> bool {
        let lang = language();
        lang.tags.get(name).is_some()
            || lang.blocks.get(name).is_some()
            || BRANCH_TAGS.contains(&name)
            || name
                .strip_prefix("end")
                .is_some_and(|n| BLOCK_TAGS.contains(&n))
    }

    /// `markup` without the filters no engine could run, each reported.
    fn known_filters(&mut self, markup: &str, line: usize) -> String {
        let segments = split_outside_quotes(markup, '|');
        if segments.len() < 2 {
            return markup.to_string();
        }
        let mut kept = vec![segments[0].trim_end().to_string()];
        for segment in &segments[1..] {
            let name: String = segment
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && language().filters.get(&name).is_some() {
                kept.push(segment.trim().to_string());
            } else if name.is_empty() {
                // `{{ x | }}`: Ruby Liquid ignores the empty filter.
            } else {
                self.warn(
                    line,
                    &format!("Liquid filter `{name}`"),
                    "not a filter of Jekyll or its Liquid (a plugin's?); left out, its input passed through".into(),
                );
            }
        }
        kept.join(" | ")
    }

    /// An include's file, pre-passed and wrapped in the block that sets `include.*`.
    fn include(&mut self, tag: &str, markup: &str, depth: usize, line: usize) -> Option<Source> {
        let subject = format!("Liquid tag `{tag}`");
        let (file, params) = markup
            .split_once(char::is_whitespace)
            .map_or((markup, ""), |(f, p)| (f, p.trim()));
        let file = file.trim_matches(['"', '\'']);
        if file.contains("{{") || file.is_empty() {
            self.warn(
                line,
                &subject,
                format!("a file name from a variable (`{markup}`) is not followed; removed"),
            );
            return None;
        }
        if file.contains("..") || file.starts_with('/') {
            self.warn(
                line,
                &subject,
                format!("`{file}` leaves the include folder; removed"),
            );
            return None;
        }
        let path = if tag == "include_relative" {
            let dir = std::path::Path::new(self.page.rel_path)
                .parent()
                .map(|p| p.to_path_buf())
                .unwrap_or_default();
            self.site.content_dir.join(dir).join(file)
        } else {
            self.site.site_root.join("_includes").join(file)
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            self.warn(line, &subject, format!("`{file}` is not in the site's `_includes/` (Jekyll would refuse the page); removed"));
            return None;
        };
        let lower = text.to_ascii_lowercase();
        if [
            "<script", "<iframe", "<style", "<form", "<button", "<input", "<object", "<svg",
            "<video", "<audio",
        ]
        .iter()
        .any(|t| lower.contains(t))
        {
            self.warn(line, &subject, format!("`{file}` produces more than text and links (scripts, frames, forms or media); removed"));
            return None;
        }
        if depth >= MAX_INCLUDE_DEPTH {
            self.warn(line, &subject, format!("`{file}` includes itself; removed"));
            return None;
        }
        let inner = self.run(&text, depth + 1, line);
        let args = self.known_filters(params, line);
        let mut source = Source {
            text: String::new(),
            lines: Vec::new(),
        };
        source.push(&format!("{{% fwinclude {args} %}}"), line);
        source.push(&inner.text, line);
        source.push("{% endfwinclude %}", line);
        Some(source)
    }

    fn warn(&mut self, line: usize, subject: &str, message: String) {
        let _ = self.body;
        self.warnings.push(TemplateWarning {
            line,
            subject: subject.to_string(),
            message,
            fatal: false,
        });
    }
}

/// `text` split at `separator` where it is outside `"…"` and `'…'`.
fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote: Option<char> = None;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == separator => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            None => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// A top-level piece of Liquid source: a text run, an output, a tag, or a
/// block from its opening tag to its end.
#[derive(Debug, PartialEq)]
struct Chunk {
    start: usize,
    end: usize,
}

fn chunks(source: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut depth = 0usize;
    let mut chunk_start = 0;
    for (offset, token) in tokenize(source) {
        let end = offset
            + match token {
                Token::Text(t) | Token::Raw(t) | Token::Lone(t) => t.len(),
                Token::Output(whole, _) | Token::Tag(whole, _, _) => whole.len(),
            };
        match token {
            Token::Tag(_, name, _) if BLOCK_TAGS.contains(&name) || name == "raw" => {
                if depth == 0 && offset > chunk_start {
                    chunks.push(Chunk {
                        start: chunk_start,
                        end: offset,
                    });
                    chunk_start = offset;
                }
                if name != "raw" {
                    depth += 1;
                }
                continue;
            }
            Token::Tag(_, name, _)
                if name
                    .strip_prefix("end")
                    .is_some_and(|n| BLOCK_TAGS.contains(&n)) =>
            {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    chunks.push(Chunk {
                        start: chunk_start,
                        end,
                    });
                    chunk_start = end;
                }
                continue;
            }
            _ => {}
        }
        if depth == 0 {
            if offset > chunk_start {
                chunks.push(Chunk {
                    start: chunk_start,
                    end: offset,
                });
            }
            chunks.push(Chunk { start: offset, end });
            chunk_start = end;
        }
    }
    if chunk_start < source.len() {
        chunks.push(Chunk {
            start: chunk_start,
            end: source.len(),
        });
    }
    chunks
}

fn restore_raws(text: &str, raws: &[String]) -> String {
    if raws.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(RAW_MARK) {
        out.push_str(&rest[..at]);
        let after = &rest[at + RAW_MARK.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[..digits]
            .parse::<usize>()
            .ok()
            .filter(|_| after[digits..].starts_with('X'))
        {
            Some(i) if i < raws.len() => {
                out.push_str(&raws[i]);
                rest = &after[digits + 1..];
            }
            _ => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// Highlighted code (bracketed by the `fw_highlight` filter) as fragments.
fn extract_code(text: &str, fragments: &mut Fragments) -> String {
    if !text.contains(CODE_START) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(CODE_START) {
        out.push_str(&rest[..at]);
        let after = &rest[at + CODE_START.len_utf8()..];
        let Some(lang_end) = after.find(CODE_LANG_END) else {
            rest = after;
            continue;
        };
        let Some(code_end) = after.find(CODE_END) else {
            rest = after;
            continue;
        };
        let lang = &after[..lang_end];
        let code = &after[lang_end + CODE_LANG_END.len_utf8()..code_end];
        let code = code.trim_matches(['\n', '\r']);
        out.push_str(&fragments.add(code_block(code, Some(lang).filter(|l| !l.is_empty())), true));
        rest = &after[code_end + CODE_END.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
