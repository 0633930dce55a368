//! Hugo shortcode tokens into a tree (Hugo's `extractShortcode`).
//!
//! Hugo decides whether a tag encloses content by whether the shortcode's
//! template mentions `.Inner`; feedwright has no templates, so it pairs tags
//! instead (`notes/hugo-shortcodes.md` §3, Appendix B): a self-closed tag has
//! an empty inner, an opening tag has an inner when a closing tag of the same
//! name pairs with it on a stack, and is void otherwise. For every site Hugo
//! builds (no crossed closing tags) the two rules agree.

use super::lexer::{lex, LexError, Token};

/// A piece of a page body.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Text, copied as written.
    Text(String),
    /// A shortcode call.
    Shortcode(Shortcode),
}

/// One shortcode call.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    /// Its name (`figure`, `blocks/cover`).
    pub name: String,
    /// `name.inline` (disabled in Hugo unless the site enables it).
    pub inline: bool,
    /// Called as `{{% %}}`: its output is Markdown.
    pub markup: bool,
    /// Its parameters.
    pub params: Params,
    /// What it encloses: `None` for a void call, `Some` (maybe empty) otherwise.
    pub inner: Option<Vec<Node>>,
    /// Byte offset of its opening tag.
    pub at: usize,
    /// The spaces or tabs before the tag, when only those precede it on its line.
    pub indent: String,
}

/// Parameters: Hugo forbids mixing the two kinds in one call.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Params {
    /// None given.
    #[default]
    None,
    /// `{{< x a "b" >}}`.
    Positional(Vec<Param>),
    /// `{{< x k=v >}}`; a repeated key keeps its last value.
    Named(Vec<(String, Param)>),
}

/// One parameter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The value as the lexer read it.
    pub value: String,
    /// Quoted values are always strings; unquoted ones are typed (see [`Param::typed`]).
    pub quoted: bool,
}

/// A typed parameter value (`notes/hugo-shortcodes.md` §2.6).
#[derive(Debug, Clone, PartialEq)]
pub enum Typed<'a> {
    /// `true` / `false`, unquoted.
    Bool(bool),
    /// An unquoted integer.
    Int(i64),
    /// An unquoted decimal.
    Float(f64),
    /// Anything else.
    Str(&'a str),
}

impl Param {
    /// The value typed as Hugo types it.
    pub fn typed(&self) -> Typed<'_> {
        let v = self.value.as_str();
        if self.quoted {
            return Typed::Str(v);
        }
        if v == "true" || v == "false" {
            return Typed::Bool(v == "true");
        }
        let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(n) = v.parse::<i64>() {
                return Typed::Int(n);
            }
            return Typed::Str(v);
        }
        if let Some((int, frac)) = digits.split_once('.') {
            if int.bytes().all(|b| b.is_ascii_digit())
                && !frac.is_empty()
                && frac.bytes().all(|b| b.is_ascii_digit())
            {
                if let Ok(f) = v.parse::<f64>() {
                    return Typed::Float(f);
                }
            }
        }
        Typed::Str(v)
    }
}

impl Params {
    /// A named parameter.
    pub fn named(&self, key: &str) -> Option<&str> {
        match self {
            Params::Named(pairs) => pairs
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, p)| p.value.as_str()),
            _ => None,
        }
    }

    /// A positional parameter.
    pub fn positional(&self, index: usize) -> Option<&str> {
        match self {
            Params::Positional(list) => list.get(index).map(|p| p.value.as_str()),
            _ => None,
        }
    }

    /// `or (.Get key) (.Get index)`, the built-ins' idiom; empty values count as missing.
    pub fn get(&self, key: &str, index: usize) -> Option<&str> {
        self.named(key)
            .or_else(|| self.positional(index))
            .filter(|v| !v.is_empty())
    }

    /// A flag: `true`, `1` (quoted or not).
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.named(key), Some("true" | "1"))
    }

    /// Every value, positional or named, in order.
    pub fn values(&self) -> Vec<&str> {
        match self {
            Params::None => Vec::new(),
            Params::Positional(list) => list.iter().map(|p| p.value.as_str()).collect(),
            Params::Named(pairs) => pairs.iter().map(|(_, p)| p.value.as_str()).collect(),
        }
    }
}

/// A problem found while parsing, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    /// What is wrong (Hugo's message where Hugo has one).
    pub message: String,
    /// Byte offset of the tag.
    pub at: usize,
}

/// One tag or text run, before pairing.
#[derive(Debug)]
enum Item {
    Text(String),
    Tag(Tag),
}

#[derive(Debug)]
struct Tag {
    markup: bool,
    at: usize,
    name: String,
    inline: bool,
    closing: bool,
    self_closing: bool,
    params: Params,
}

/// Parses `src` (a page body) into nodes, with every malformed tag removed and reported.
pub fn parse(src: &str) -> (Vec<Node>, Vec<ParseProblem>) {
    let (tokens, lex_errors) = lex(src);
    let mut problems: Vec<ParseProblem> = lex_errors
        .into_iter()
        .map(|LexError { message, at }| ParseProblem { message, at })
        .collect();
    let items = group(src, tokens, &mut problems);
    let closes = pair(&items, &mut problems);
    let mut nodes = Vec::new();
    build(src, &items, &closes, 0, items.len(), &mut nodes);
    problems.sort_by_key(|p| p.at);
    (nodes, problems)
}

fn group(src: &str, tokens: Vec<Token>, problems: &mut Vec<ParseProblem>) -> Vec<Item> {
    let mut items = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            Token::Text(a, b) => push_text(&mut items, &src[a..b]),
            Token::Literal(text) => push_text(&mut items, &text),
            Token::LeftDelim { markup, at } => {
                let mut tag = Tag {
                    markup,
                    at,
                    name: String::new(),
                    inline: false,
                    closing: false,
                    self_closing: false,
                    params: Params::None,
                };
                let mut pending_key: Option<String> = None;
                let mut pending_positional: Option<Param> = None;
                for token in tokens.by_ref() {
                    match token {
                        Token::RightDelim => break,
                        Token::Close => {
                            if tag.name.is_empty() {
                                tag.closing = true;
                            } else {
                                tag.self_closing = true;
                            }
                        }
                        Token::Name { name, inline } => {
                            tag.name = name;
                            tag.inline = inline;
                        }
                        Token::Positional { value, quoted } => {
                            if let Some(previous) = pending_positional.take() {
                                push_positional(&mut tag.params, previous);
                            }
                            pending_positional = Some(Param { value, quoted });
                        }
                        Token::Key(key) => {
                            if let Some(previous) = pending_positional.take() {
                                push_positional(&mut tag.params, previous);
                            }
                            pending_key = Some(key);
                        }
                        Token::Value { value, quoted } => {
                            // `a = "1"`: the lexer saw a positional `a`, the parser a key.
                            let key = pending_key
                                .take()
                                .or_else(|| pending_positional.take().map(|p| p.value));
                            if let Some(key) = key {
                                push_named(&mut tag.params, key, Param { value, quoted });
                            }
                        }
                        Token::Text(..) | Token::Literal(_) | Token::LeftDelim { .. } => {}
                    }
                }
                if let Some(previous) = pending_positional.take() {
                    push_positional(&mut tag.params, previous);
                }
                if tag.name.is_empty() {
                    problems.push(ParseProblem {
                        message: "shortcode has no name".into(),
                        at,
                    });
                    continue;
                }
                items.push(Item::Tag(tag));
            }
            Token::RightDelim
            | Token::Name { .. }
            | Token::Close
            | Token::Positional { .. }
            | Token::Key(_)
            | Token::Value { .. } => {}
        }
    }
    items
}

fn push_text(items: &mut Vec<Item>, text: &str) {
    if let Some(Item::Text(last)) = items.last_mut() {
        last.push_str(text);
    } else {
        items.push(Item::Text(text.to_string()));
    }
}

fn push_positional(params: &mut Params, param: Param) {
    match params {
        Params::Positional(list) => list.push(param),
        Params::None => *params = Params::Positional(vec![param]),
        Params::Named(_) => {}
    }
}

fn push_named(params: &mut Params, key: String, param: Param) {
    match params {
        Params::Named(pairs) => pairs.push((key, param)),
        Params::None | Params::Positional(_) => *params = Params::Named(vec![(key, param)]),
    }
}

/// For each opening tag, the index of the closing tag that pairs with it.
fn pair(items: &[Item], problems: &mut Vec<ParseProblem>) -> Vec<Option<usize>> {
    let mut closes = vec![None; items.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Item::Tag(tag) = item else { continue };
        if tag.closing {
            let matching = stack.iter().rposition(|&open| match &items[open] {
                Item::Tag(open) => {
                    open.name == tag.name || format!("{}.inline", open.name) == tag.name
                }
                Item::Text(_) => false,
            });
            match matching {
                Some(position) => {
                    closes[stack[position]] = Some(i);
                    stack.truncate(position);
                }
                None => problems.push(ParseProblem {
                    message: format!(
                        "closing tag for shortcode '{}' does not match start tag",
                        tag.name
                    ),
                    at: tag.at,
                }),
            }
        } else if !tag.self_closing {
            stack.push(i);
        }
    }
    closes
}

fn build(
    src: &str,
    items: &[Item],
    closes: &[Option<usize>],
    from: usize,
    to: usize,
    out: &mut Vec<Node>,
) {
    let mut i = from;
    while i < to {
        match &items[i] {
            Item::Text(text) => out.push(Node::Text(text.clone())),
            Item::Tag(tag) if tag.closing => {}
            Item::Tag(tag) => {
                let inner = if tag.self_closing {
                    Some(Vec::new())
                } else if let Some(close) = closes[i].filter(|&c| c < to) {
                    let mut inner = Vec::new();
                    build(src, items, closes, i + 1, close, &mut inner);
                    i = close;
                    Some(inner)
                } else {
                    None
                };
                out.push(Node::Shortcode(Shortcode {
                    name: tag.name.clone(),
                    inline: tag.inline,
                    markup: tag.markup,
                    params: tag.params.clone(),
                    inner,
                    at: tag.at,
                    indent: indentation(src, tag.at),
                }));
            }
        }
        i += 1;
    }
}

/// The spaces and tabs before `at` on its line, when nothing else precedes it.
fn indentation(src: &str, at: usize) -> String {
    let line_start = src[..at].rfind('\n').map_or(0, |n| n + 1);
    let before = &src[line_start..at];
    if before.bytes().all(|b| b == b' ' || b == b'\t') {
        before.to_string()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shortcode(node: &Node) -> &Shortcode {
        match node {
            Node::Shortcode(s) => s,
            Node::Text(t) => panic!("text {t:?}"),
        }
    }

    #[test]
    fn void_closed_and_self_closed() {
        let (nodes, problems) = parse(
            "{{< figure src=a.jpg >}} {{< details >}}X {{% b %}}y{{% /b %}}{{< /details >}} {{< qr text=\"t\" />}}",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let figure = shortcode(&nodes[0]);
        assert_eq!(figure.inner, None);
        assert_eq!(figure.params.named("src"), Some("a.jpg"));
        let details = shortcode(&nodes[2]);
        let inner = details.inner.as_ref().unwrap();
        assert_eq!(inner[0], Node::Text("X ".into()));
        assert!(shortcode(&inner[1]).markup);
        assert_eq!(shortcode(&nodes[4]).inner, Some(Vec::new()));
    }

    #[test]
    fn unclosed_opening_tags_are_void() {
        let (nodes, _) = parse("{{< a >}}{{< b >}}x{{< /b >}}");
        assert_eq!(shortcode(&nodes[0]).inner, None);
        assert!(shortcode(&nodes[1]).inner.is_some());
    }

    #[test]
    fn stray_closing_tag_is_a_problem() {
        let (nodes, problems) = parse("{{< a >}}x{{< /a >}}{{< /a >}}");
        assert_eq!(nodes.len(), 1);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("does not match"));
    }

    #[test]
    fn spaced_equals_give_named_params_and_values_are_typed() {
        let (nodes, _) = parse("{{< d a = \"1\" b = 2 >}}");
        let params = &shortcode(&nodes[0]).params;
        assert_eq!(params.named("a"), Some("1"));
        assert_eq!(params.named("b"), Some("2"));
        let p = |v: &str, quoted| Param {
            value: v.into(),
            quoted,
        };
        assert_eq!(p("true", false).typed(), Typed::Bool(true));
        assert_eq!(p("true", true).typed(), Typed::Str("true"));
        assert_eq!(p("007", false).typed(), Typed::Int(7));
        assert_eq!(p(".5", false).typed(), Typed::Float(0.5));
        assert_eq!(p("5.", false).typed(), Typed::Str("5."));
        assert_eq!(p("1e3", false).typed(), Typed::Str("1e3"));
    }

    #[test]
    fn indentation_is_recorded() {
        let (nodes, _) = parse("- item\n    {{% m %}}\n");
        assert_eq!(shortcode(&nodes[1]).indent, "    ");
    }
}
