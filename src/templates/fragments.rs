//! HTML produced by templates, kept out of Markdown's way: each fragment
//! stands in the Markdown as an alphanumeric placeholder (which Markdown
//! never changes, even in link destinations or code) and is put back in the
//! rendered HTML, as Hugo does with `{{< >}}` output.

/// The placeholder's fixed part; the fragment's number and `X` follow.
const PREFIX: &str = "FEEDWRIGHTFRAGMENT";

/// One piece of HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fragment {
    html: String,
    /// Block content: a paragraph holding only its placeholder is replaced whole.
    block: bool,
}

/// The fragments of one body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fragments {
    list: Vec<Fragment>,
}

impl Fragments {
    /// No fragments.
    pub fn new() -> Fragments {
        Fragments::default()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Stores `html` and returns its placeholder; `block` for block content
    /// (a figure, a list), false for phrasing content (a link, text).
    pub fn add(&mut self, html: String, block: bool) -> String {
        let n = self.list.len();
        self.list.push(Fragment { html, block });
        format!("{PREFIX}{n}X")
    }

    /// `html` with every placeholder replaced by its fragment (fragments may
    /// hold the placeholders of fragments made before them). A paragraph that
    /// holds nothing but a block fragment's placeholder is replaced whole.
    pub fn restore(&self, html: &str) -> String {
        if self.list.is_empty() || !html.contains(PREFIX) {
            return html.to_string();
        }
        let mut resolved: Vec<String> = Vec::with_capacity(self.list.len());
        for fragment in &self.list {
            let text = replace_placeholders(&fragment.html, &self.list, &resolved);
            resolved.push(text);
        }
        replace_placeholders(html, &self.list, &resolved)
    }
}

fn replace_placeholders(html: &str, list: &[Fragment], resolved: &[String]) -> String {
    let finder = memchr::memmem::Finder::new(PREFIX);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = finder.find(rest.as_bytes()) {
        let after = &rest[at + PREFIX.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let index = after[..digits].parse::<usize>().ok();
        let ends = after[digits..].starts_with('X');
        match index.filter(|&i| ends && i < resolved.len()) {
            Some(i) => {
                let mut head = &rest[..at];
                let mut tail = &after[digits + 1..];
                if list[i].block && head.ends_with("<p>") && tail.starts_with("</p>") {
                    head = &head[..head.len() - 3];
                    tail = &tail[4..];
                }
                out.push_str(head);
                out.push_str(&resolved[i]);
                rest = tail;
            }
            None => {
                out.push_str(&rest[..at + PREFIX.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_fragments_replace_their_paragraph_phrasing_ones_stay_inside() {
        let mut f = Fragments::new();
        let fig = f.add("<figure>F</figure>".into(), true);
        let link = f.add("https://x.org/a".into(), false);
        let html = format!("<p>{fig}</p>\n<p>See <a href=\"{link}\">a</a> and {fig}.</p>");
        assert_eq!(
            f.restore(&html),
            "<figure>F</figure>\n<p>See <a href=\"https://x.org/a\">a</a> and <figure>F</figure>.</p>"
        );
    }

    #[test]
    fn nested_fragments_resolve() {
        let mut f = Fragments::new();
        let inner = f.add("<b>in</b>".into(), false);
        let outer = f.add(format!("<div>{inner}</div>"), true);
        assert_eq!(
            f.restore(&format!("<p>{outer}</p>")),
            "<div><b>in</b></div>"
        );
    }

    #[test]
    fn unknown_numbers_stay() {
        let f = Fragments::new();
        assert_eq!(f.restore("FEEDWRIGHTFRAGMENT9X"), "FEEDWRIGHTFRAGMENT9X");
    }
}
