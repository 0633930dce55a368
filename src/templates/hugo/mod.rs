//! Hugo shortcodes, rendered as Hugo renders them before Markdown
//! (`notes/hugo-shortcodes.md` §1): the output of a `{{% %}}` call goes into
//! the Markdown, the output of a `{{< >}}` call is HTML put back after it.
//! Built-ins and common theme shortcodes become HTML a reader shows
//! ([`shortcodes`]); a site's own shortcode loses its tags and keeps its
//! inner content, with a warning.

pub mod lexer;
pub mod parser;
pub mod shortcodes;

use parser::{Node, Shortcode};

use super::{line_of, Fragments, PageContext, SiteContext, TemplateWarning};

/// How deep `include` may nest (a page including itself must stop).
const MAX_INCLUDE_DEPTH: usize = 8;

/// What a shortcode renders to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Markdown, spliced into the page's Markdown.
    Markdown(String),
    /// HTML, put back after Markdown.
    Html {
        /// The HTML.
        html: String,
        /// Block content (a paragraph holding only it is replaced whole).
        block: bool,
    },
    /// Nothing.
    Nothing,
}

/// Renders the shortcodes of `body`; returns the Markdown to render.
pub fn expand(
    body: &str,
    site: &SiteContext,
    page: &PageContext<'_>,
    fragments: &mut Fragments,
    warnings: &mut Vec<TemplateWarning>,
) -> String {
    if !body.contains("{{<") && !body.contains("{{%") {
        return body.to_string();
    }
    let mut renderer = Renderer {
        site,
        page,
        fragments,
        warnings,
        body,
        include_depth: 0,
        include_call: 0,
    };
    renderer.document(body)
}

/// Renders one body (the page's, or an included page's).
pub(crate) struct Renderer<'r, 'p> {
    pub(crate) site: &'r SiteContext,
    pub(crate) page: &'r PageContext<'p>,
    pub(crate) fragments: &'r mut Fragments,
    warnings: &'r mut Vec<TemplateWarning>,
    /// The page's body, which offsets refer to (lines of warnings).
    body: &'r str,
    /// How many `include`s deep the renderer is.
    include_depth: usize,
    /// Where the outermost `include` being rendered was called.
    include_call: usize,
}

impl Renderer<'_, '_> {
    fn document(&mut self, body: &str) -> String {
        let (nodes, problems) = parser::parse(body);
        for problem in problems {
            self.warn_at(
                problem.at,
                "shortcode syntax",
                format!(
                    "{}; Hugo would refuse the page, feedwright removed the tag",
                    problem.message
                ),
            );
        }
        self.nodes(&nodes)
    }

    /// `nodes` as Markdown text: text as written, each shortcode's output
    /// spliced in (Markdown) or standing in as a placeholder (HTML).
    pub(crate) fn nodes(&mut self, nodes: &[Node]) -> String {
        let mut out = String::new();
        for node in nodes {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Shortcode(shortcode) => {
                    let output = self.shortcode(shortcode);
                    self.splice(&mut out, shortcode, output);
                }
            }
        }
        out
    }

    fn splice(&mut self, out: &mut String, shortcode: &Shortcode, output: Output) {
        match output {
            Output::Markdown(markdown) => {
                // A multi-line output without inner keeps the call's indentation
                // on every line, so it stays inside its list item (as in Hugo).
                if shortcode.inner.is_none() && !shortcode.indent.is_empty() {
                    out.push_str(&markdown.replace('\n', &format!("\n{}", shortcode.indent)));
                } else {
                    out.push_str(&markdown);
                }
            }
            Output::Html { html, block } => out.push_str(&self.fragments.add(html, block)),
            Output::Nothing => {}
        }
    }

    /// The inner content of `shortcode` as Markdown text (nested calls rendered first).
    pub(crate) fn inner(&mut self, shortcode: &Shortcode) -> String {
        match &shortcode.inner {
            Some(nodes) => self.nodes(nodes),
            None => String::new(),
        }
    }

    fn shortcode(&mut self, shortcode: &Shortcode) -> Output {
        if shortcode.inline {
            self.warn(
                shortcode,
                format!("inline shortcode `{}.inline`", shortcode.name),
                "its Go template is not run (Hugo disables inline shortcodes by default); removed"
                    .into(),
            );
            return Output::Nothing;
        }
        if shortcode.name == "include" {
            if let Some(output) = self.include(shortcode) {
                return output;
            }
        }
        if let Some(output) = shortcodes::render(self, shortcode) {
            return output;
        }
        self.site_shortcode(shortcode)
    }

    /// A shortcode whose template feedwright cannot run: the tags go, the inner stays.
    fn site_shortcode(&mut self, shortcode: &Shortcode) -> Output {
        let known = self.site.shortcodes.contains(&shortcode.name);
        let what = if known {
            "the site's template is not run"
        } else {
            "no template for it in the site or its themes"
        };
        let message = if shortcode.inner.is_some() {
            format!("{what}; its tags were removed and its inner content kept")
        } else {
            format!("{what}; removed")
        };
        self.warn(
            shortcode,
            format!("shortcode `{}`", shortcode.name),
            message,
        );
        if shortcode.inner.is_none() {
            return Output::Nothing;
        }
        let inner = self.inner(shortcode);
        self.markdown_or_html(shortcode, inner)
    }

    /// Inner Markdown as the call's delimiter wants it: spliced for `{{% %}}`,
    /// rendered to HTML for `{{< >}}` (inline when it has no line break).
    pub(crate) fn markdown_or_html(&mut self, shortcode: &Shortcode, inner: String) -> Output {
        let multiline = inner.trim().contains('\n');
        if shortcode.markup {
            if multiline {
                Output::Markdown(format!("\n\n{}\n\n", inner.trim()))
            } else {
                Output::Markdown(inner.trim().to_string())
            }
        } else if multiline {
            Output::Html {
                html: super::markup::markdown_block(inner.trim()),
                block: true,
            }
        } else {
            Output::Html {
                html: super::markup::markdown_inline(inner.trim()),
                block: false,
            }
        }
    }

    /// Hugo's docs `include`: another content file's Markdown, spliced in.
    fn include(&mut self, shortcode: &Shortcode) -> Option<Output> {
        let target = shortcode.params.get("path", 0)?.to_string();
        let path = target.trim_start_matches('/');
        if path.split('/').any(|part| part == "..") {
            self.warn(
                shortcode,
                "shortcode `include`".into(),
                format!("`{target}` leaves the content folder; removed"),
            );
            return Some(Output::Nothing);
        }
        let candidates = [
            path.to_string(),
            format!("{path}.md"),
            format!("{path}/index.md"),
            format!("{path}/_index.md"),
        ];
        // Relative to the page's own content folder: its language's, where
        // the language has one (`contentDir`), else the site's.
        let page_file =
            crate::templates::loader::without_dots(&self.site.content_dir.join(self.page.rel_path));
        let root = self
            .site
            .language_content_dirs
            .iter()
            .find(|dir| page_file.starts_with(dir))
            .unwrap_or(&self.site.content_dir);
        let file = candidates
            .iter()
            .map(|c| root.join(c))
            .find(|p| p.is_file());
        let Some(file) = file else {
            self.warn(
                shortcode,
                "shortcode `include`".into(),
                format!("`{target}` is not a file of the content folder; removed"),
            );
            return Some(Output::Nothing);
        };
        if self.include_depth >= MAX_INCLUDE_DEPTH {
            self.warn(
                shortcode,
                "shortcode `include`".into(),
                format!("`{target}` includes itself; removed"),
            );
            return Some(Output::Nothing);
        }
        // A link inside the content folder may lead out of it: what it leads
        // to must be inside too.
        let inside = match (file.canonicalize(), root.canonicalize()) {
            (Ok(file), Ok(root)) => file.starts_with(root),
            _ => false,
        };
        if !inside {
            self.warn(
                shortcode,
                "shortcode `include`".into(),
                format!("`{target}` leads out of the content folder; removed"),
            );
            return Some(Output::Nothing);
        }
        let text = std::fs::read_to_string(&file).ok()?;
        let body = strip_front_matter(&text);
        // Problems inside the included file are reported at the outermost call.
        if self.include_depth == 0 {
            self.include_call = shortcode.at;
        }
        self.include_depth += 1;
        let (nodes, _) = parser::parse(body);
        let expanded = self.nodes(&nodes);
        self.include_depth -= 1;
        Some(if shortcode.markup {
            Output::Markdown(expanded)
        } else {
            Output::Html {
                html: super::markup::markdown_block(&expanded),
                block: true,
            }
        })
    }

    pub(crate) fn warn(&mut self, shortcode: &Shortcode, subject: String, message: String) {
        self.warn_at(shortcode.at, &subject, message);
    }

    fn warn_at(&mut self, at: usize, subject: &str, message: String) {
        let at = if self.include_depth == 0 {
            at
        } else {
            self.include_call
        };
        let line = line_of(self.body, at);
        self.warnings.push(TemplateWarning {
            line,
            subject: subject.to_string(),
            message,
            fatal: false,
        });
    }
}

/// `text` without its front matter (`---`/`+++` delimited), if it has one.
fn strip_front_matter(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for fence in ["---", "+++"] {
        if let Some(rest) = text.strip_prefix(fence) {
            if !rest.starts_with(['\n', '\r']) {
                continue;
            }
            let close = format!("\n{fence}");
            if let Some(end) = rest.find(&close) {
                let after = &rest[end + close.len()..];
                return after.split_once('\n').map_or("", |(_, body)| body);
            }
        }
    }
    text
}

#[cfg(test)]
mod tests;
