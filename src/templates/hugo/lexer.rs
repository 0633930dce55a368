//! Hugo's shortcode lexer, rule for rule (`parser/pageparser/pagelexer_shortcode.go`
//! at Hugo 0.168, verified against Hugo 0.111.3 and 0.168 in `notes/hugo-shortcodes.md` §2).
//!
//! Unlike Hugo, a malformed tag does not stop everything: it is reported
//! with Hugo's own message and removed (up to its closing delimiter), so no
//! template text reaches a reader and the rest of the page still renders.

/// One lexical item of a page body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Text outside tags, byte range in the source.
    Text(usize, usize),
    /// Literal text produced by an escaped tag (`{{</* x */>}}` gives `{{< x >}}`).
    Literal(String),
    /// `{{<` or `{{%`.
    LeftDelim {
        /// `{{%`: the call's output is Markdown.
        markup: bool,
        /// Its byte offset.
        at: usize,
    },
    /// `>}}` or `%}}`.
    RightDelim,
    /// A shortcode name.
    Name {
        /// The name, without `.inline`.
        name: String,
        /// Written `name.inline`.
        inline: bool,
    },
    /// The `/` of a closing or self-closing tag.
    Close,
    /// A positional parameter.
    Positional {
        /// Its value.
        value: String,
        /// Written in quotes (so always a string).
        quoted: bool,
    },
    /// A named parameter's key; its value follows.
    Key(String),
    /// A named parameter's value.
    Value {
        /// Its value.
        value: String,
        /// Written in quotes (so always a string).
        quoted: bool,
    },
}

/// A tag Hugo would refuse, and where it started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    /// Hugo's message.
    pub message: String,
    /// Byte offset of the tag's left delimiter.
    pub at: usize,
}

/// The tokens of `src`, and the malformed tags that were removed.
pub fn lex(src: &str) -> (Vec<Token>, Vec<LexError>) {
    let mut lexer = Lexer {
        src,
        bytes: src.as_bytes(),
        tokens: Vec::new(),
        errors: Vec::new(),
        open_names: Vec::new(),
        current: None,
    };
    lexer.run();
    (lexer.tokens, lexer.errors)
}

fn is_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{0b}' | '\u{0c}' | '\r' | ' ')
}

/// Go's `unicode.IsLetter || unicode.IsDigit || '_'` (Rust's `is_numeric`
/// also takes the rare `No`/`Nl` digits; no shortcode name uses those).
fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphabetic() || c.is_numeric()
}

fn is_alnum_hyphen(c: char) -> bool {
    is_alnum(c) || c == '-'
}

struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    tokens: Vec<Token>,
    errors: Vec<LexError>,
    /// Every name opened so far: Hugo's set never shrinks.
    open_names: Vec<String>,
    /// Hugo's `currShortcodeName`, never reset.
    current: Option<String>,
}

type Step<T> = Result<T, String>;

impl Lexer<'_> {
    fn char_at(&self, p: usize) -> Option<char> {
        self.src.get(p..).and_then(|s| s.chars().next())
    }

    fn run(&mut self) {
        let mut start = 0;
        let mut search = 0;
        let finder = memchr::memmem::Finder::new(b"{{");
        loop {
            let mut found = None;
            let mut from = search;
            while let Some(rel) = finder.find(&self.bytes[from..]) {
                let j = from + rel;
                match self.bytes.get(j + 2) {
                    Some(b'<') | Some(b'%') => {
                        found = Some(j);
                        break;
                    }
                    _ => from = j + 1,
                }
            }
            let Some(j) = found else {
                if start < self.src.len() {
                    self.tokens.push(Token::Text(start, self.src.len()));
                }
                return;
            };
            if j > start {
                self.tokens.push(Token::Text(start, j));
            }
            let markup = self.bytes[j + 2] == b'%';
            let (left, right) = if markup {
                ("{{%", "%}}")
            } else {
                ("{{<", ">}}")
            };
            let p = j + 3;
            if self.src[p..].starts_with("/*") {
                let closing = format!("*/{right}");
                match self.src[p..].find(&closing) {
                    Some(k) if k > 1 => {
                        let inner = &self.src[p + 2..p + k];
                        self.tokens
                            .push(Token::Literal(format!("{left}{inner}{right}")));
                        start = p + k + closing.len();
                        search = start;
                    }
                    _ => {
                        self.fail(j, "comment must be closed".into(), right);
                        start = self.resume_after(j, right);
                        search = start;
                    }
                }
                continue;
            }
            let mark = self.tokens.len();
            self.tokens.push(Token::LeftDelim { markup, at: j });
            match self.inside(p, right) {
                Ok(end) => {
                    start = end;
                    search = end;
                }
                Err(message) => {
                    self.tokens.truncate(mark);
                    self.fail(j, message, right);
                    start = self.resume_after(j, right);
                    search = start;
                }
            }
        }
    }

    fn fail(&mut self, at: usize, message: String, _right: &str) {
        self.errors.push(LexError { message, at });
    }

    /// Where text resumes after a malformed tag at `at`: past its right
    /// delimiter, else at the end of its line.
    fn resume_after(&self, at: usize, right: &str) -> usize {
        let rest = &self.src[at + 3..];
        match rest.find(right) {
            Some(k) => at + 3 + k + right.len(),
            None => rest.find('\n').map_or(self.src.len(), |k| at + 3 + k),
        }
    }

    /// Lexes the inside of a tag from `p`; returns where text resumes.
    fn inside(&mut self, mut p: usize, right: &str) -> Step<usize> {
        let mut step = 0usize;
        let mut param_kind = 0u8; // 0 none, 1 positional, 2 named
        let mut closing = 0usize;
        loop {
            if self.src[p..].starts_with(right) {
                self.tokens.push(Token::RightDelim);
                return Ok(p + 3);
            }
            let Some(c) = self.char_at(p) else {
                return Err("unclosed shortcode action".into());
            };
            if is_space(c) {
                p += 1;
                continue;
            }
            if c == '=' {
                p += 1;
                while let Some(c) = self.char_at(p).filter(|c| is_space(*c)) {
                    p += c.len_utf8();
                }
                match self.char_at(p) {
                    Some(q @ ('"' | '\\')) => {
                        let (value, end) = self.quoted(p, q != '\\')?;
                        self.tokens.push(Token::Value {
                            value,
                            quoted: true,
                        });
                        p = end;
                    }
                    Some('`') => {
                        let (value, end) = self.raw(p)?;
                        self.tokens.push(Token::Value {
                            value,
                            quoted: true,
                        });
                        p = end;
                    }
                    _ => {
                        let q = p;
                        while let Some(c) = self.char_at(p).filter(|c| !is_space(*c)) {
                            p += c.len_utf8();
                        }
                        self.tokens.push(Token::Value {
                            value: self.src[q..p].to_string(),
                            quoted: false,
                        });
                    }
                }
                continue;
            }
            if c == '/' {
                if self.current.is_none() {
                    return Err("got closing shortcode, but none is open".into());
                }
                closing += 1;
                step = 0;
                self.tokens.push(Token::Close);
                p += 1;
                continue;
            }
            if c == '\\' {
                p += 1;
                if matches!(self.char_at(p), Some('"' | '`')) {
                    p = self.param(p, true, &mut param_kind)?;
                }
                continue;
            }
            if step > 0 && (is_alnum_hyphen(c) || c == '"' || c == '`') {
                p = self.param(p, false, &mut param_kind)?;
                continue;
            }
            if is_alnum(c) {
                let q = p;
                let mut inline = false;
                while let Some(d) = self.char_at(p) {
                    if is_alnum_hyphen(d) || d == '/' {
                        p += d.len_utf8();
                        continue;
                    }
                    if d == '.' {
                        p += 1;
                        if !self.src[p..].starts_with("inline ") {
                            return Err(
                                "period in shortcode name only allowed for inline identifiers"
                                    .into(),
                            );
                        }
                        inline = true;
                        continue;
                    }
                    break;
                }
                let word = self.src[q..p].to_string();
                if closing > 0 {
                    if !self.open_names.contains(&word) {
                        return Err(format!(
                            "closing tag for shortcode '{word}' does not match start tag"
                        ));
                    }
                    self.tokens.push(Token::Name {
                        name: word,
                        inline: false,
                    });
                    while !self.src[p..].starts_with(right) {
                        match self.char_at(p) {
                            Some(c) if is_space(c) => p += 1,
                            _ => return Err("unclosed shortcode".into()),
                        }
                    }
                    self.tokens.push(Token::RightDelim);
                    return Ok(p + 3);
                }
                self.current = Some(word.clone());
                if !self.open_names.contains(&word) {
                    self.open_names.push(word.clone());
                }
                step += 1;
                let name = word.strip_suffix(".inline").map(str::to_string);
                self.tokens.push(Token::Name {
                    inline: inline || name.is_some(),
                    name: name.unwrap_or(word),
                });
                continue;
            }
            return Err(format!(
                "unrecognized character in shortcode action: U+{:04X} '{c}'. Note: Parameters with non-alphanumeric args must be quoted",
                c as u32
            ));
        }
    }

    /// A `"…"` string (or `\"…\"` when `escapes_allowed` is false) at `p`.
    fn quoted(&self, mut p: usize, escapes_allowed: bool) -> Step<(String, usize)> {
        let mut open = false;
        let mut had_escape = false;
        let mut escaped = false;
        let mut q = p;
        loop {
            let c = self.char_at(p);
            p += c.map_or(1, char::len_utf8);
            let next = self.char_at(p);
            match c {
                Some('\\') => {
                    if next == Some('"') {
                        if open && !escapes_allowed {
                            p -= 1;
                            break;
                        } else if open {
                            had_escape = true;
                            escaped = true;
                        }
                    } else if next == Some('`') {
                        return Err("unrecognized escape character".into());
                    }
                }
                None | Some('\n') => {
                    return Err(format!(
                        "unterminated quoted string in shortcode parameter-argument: '{}'",
                        &self.src[q..p.min(self.src.len())]
                    ));
                }
                Some('"') => {
                    if !escaped {
                        if open {
                            p -= 1;
                            break;
                        }
                        open = true;
                        q = p;
                    } else {
                        escaped = false;
                    }
                }
                _ => {}
            }
        }
        let mut value = self.src[q..p].to_string();
        if had_escape {
            value.retain(|c| c != '\\');
        }
        if self.src[p..].starts_with("\\\"") {
            p += 2;
        } else if self.src[p..].starts_with('"') {
            p += 1;
        }
        Ok((value, p))
    }

    /// A `` `…` `` raw string at `p`.
    fn raw(&self, p: usize) -> Step<(String, usize)> {
        let q = p + 1;
        match self.src[q..].find('`') {
            Some(k) => Ok((self.src[q..q + k].to_string(), q + k + 1)),
            None => Err(format!(
                "unterminated raw string in shortcode parameter-argument: '{}'",
                &self.src[p..]
            )),
        }
    }

    /// A parameter (positional, or the key of a named one) at `p`.
    fn param(&mut self, mut p: usize, escaped_start: bool, kind: &mut u8) -> Step<usize> {
        let c = self.char_at(p).unwrap_or('\0');
        if c == '"' || (c == '`' && !escaped_start) {
            if *kind == 2 {
                return Err(
                    "got quoted positional parameter. Cannot mix named and positional parameters"
                        .into(),
                );
            }
            *kind = 1;
            let (value, end) = if c == '"' {
                self.quoted(p, !escaped_start)?
            } else {
                self.raw(p)?
            };
            self.tokens.push(Token::Positional {
                value,
                quoted: true,
            });
            return Ok(end);
        }
        if c == '`' {
            return Err("unrecognized escape character".into());
        }
        let q = p;
        p += c.len_utf8();
        let mut next_is_equals = false;
        while let Some(d) = self.char_at(p) {
            if d == '=' {
                next_is_equals = true;
                break;
            }
            if !(is_alnum_hyphen(d) || d == '.') {
                break;
            }
            p += d.len_utf8();
        }
        let word = self.src[q..p].to_string();
        if *kind == 0 {
            *kind = if next_is_equals { 2 } else { 1 };
        } else if next_is_equals && *kind == 1 {
            return Err(format!(
                "got named parameter '{word}'. Cannot mix named and positional parameters"
            ));
        } else if !next_is_equals && *kind == 2 {
            return Err(format!(
                "got positional parameter '{word}'. Cannot mix named and positional parameters"
            ));
        }
        self.tokens.push(if next_is_equals {
            Token::Key(word)
        } else {
            Token::Positional {
                value: word,
                quoted: false,
            }
        });
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Token> {
        let (tokens, errors) = lex(src);
        assert!(errors.is_empty(), "{errors:?}");
        tokens
    }

    fn error(src: &str) -> String {
        let (_, errors) = lex(src);
        errors.first().expect("an error").message.clone()
    }

    #[test]
    fn forms_without_spaces_and_across_lines() {
        for src in [
            "{{<dump>}}",
            "{{< dump >}}",
            "{{<\n  dump\n  k=\"v\"\n>}}",
            "{{< x >}}a{{</ x >}}",
            "{{< x >}}a{{< / x >}}",
        ] {
            let tokens = kinds(src);
            assert!(
                tokens.iter().any(
                    |t| matches!(t, Token::Name { name, .. } if name == "dump" || name == "x")
                ),
                "{src}: {tokens:?}"
            );
        }
    }

    #[test]
    fn other_braces_are_text() {
        assert_eq!(kinds("{{ .Title }} {{{"), vec![Token::Text(0, 16)]);
    }

    #[test]
    fn escaped_forms_come_out_literally() {
        let tokens = kinds("a {{</* qr text=https://gohugo.io /*/>}} b");
        assert_eq!(
            tokens[1],
            Token::Literal("{{< qr text=https://gohugo.io />}}".into())
        );
        let tokens = kinds("{{</*/* shortcode-1 */*/>}}");
        assert_eq!(tokens[0], Token::Literal("{{</* shortcode-1 */>}}".into()));
        assert_eq!(error("{{</* x */ >}}"), "comment must be closed");
    }

    #[test]
    fn parameter_values() {
        let tokens =
            kinds(r#"{{< f src=/img/a.jpg alt="say \"hi\" \\ ok" c=`raw "x" >}}` n=5 >}}"#);
        let values: Vec<_> = tokens
            .iter()
            .filter_map(|t| match t {
                Token::Value { value, .. } => Some(value.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            values,
            ["/img/a.jpg", "say \"hi\"  ok", "raw \"x\" >}}", "5"]
        );
        let tokens = kinds(r#"{{< yt -ziL-Q_456igdO-4 "a >}} b" >}}"#);
        assert!(tokens.contains(&Token::Positional {
            value: "-ziL-Q_456igdO-4".into(),
            quoted: false
        }));
        assert!(tokens.contains(&Token::Positional {
            value: "a >}} b".into(),
            quoted: true
        }));
    }

    #[test]
    fn hugo_errors() {
        assert!(error("{{< x https://a >}}").starts_with("unrecognized character"));
        assert!(error("{{< x a=\"1\" b >}}").starts_with("got positional parameter 'b'"));
        assert!(error("{{< x a b=\"1\" >}}").starts_with("got named parameter 'b'"));
        assert_eq!(
            error("{{< / x >}}"),
            "got closing shortcode, but none is open"
        );
        assert_eq!(
            error("{{< x \"a >}}").split(':').next().unwrap(),
            "unterminated quoted string in shortcode parameter-argument"
        );
        assert_eq!(
            error("{{< a.b >}}"),
            "period in shortcode name only allowed for inline identifiers"
        );
        assert_eq!(error("{{< x "), "unclosed shortcode action");
    }

    #[test]
    fn a_malformed_tag_is_removed_and_the_rest_lexed() {
        let src = "A {{< x https://a >}} B {{< y >}}";
        let (tokens, errors) = lex(src);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].at, 2);
        assert_eq!(tokens[0], Token::Text(0, 2));
        assert_eq!(tokens[1], Token::Text(21, 24));
        assert!(tokens.contains(&Token::Name {
            name: "y".into(),
            inline: false
        }));
    }

    #[test]
    fn inline_names() {
        let tokens = kinds("{{< time.inline >}}{{ now }}{{< /time.inline >}}");
        assert_eq!(
            tokens[1],
            Token::Name {
                name: "time".into(),
                inline: true
            }
        );
    }
}
