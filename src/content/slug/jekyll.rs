//! Jekyll's slug and escaping rules (jekyll 4.3.1): `lib/jekyll/utils.rb`
//! `slugify` and `lib/jekyll/url.rb` `escape_path`.

use std::str::FromStr;

use super::{is_decimal_digit, is_letter, is_mark};

/// A mode of Jekyll's `slugify`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SlugifyMode {
    /// `raw`: runs of whitespace become `-`.
    Raw,
    /// `default`: runs of anything but letters, marks and decimal digits become `-`.
    #[default]
    Default,
    /// `pretty`: as `default`, but `._~!$&'()+,;=@` are kept too (`:title` uses it).
    Pretty,
    /// `ascii`: runs of anything but ASCII letters and digits become `-`.
    Ascii,
    /// `latin`: accents dropped from Latin letters (other non-ASCII letters
    /// become `?`, hence `-`), then `default`.
    Latin,
    /// Any other mode name (`none`): the text itself, lower-cased unless cased.
    None,
}

impl FromStr for SlugifyMode {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(match text {
            "raw" => SlugifyMode::Raw,
            "default" => SlugifyMode::Default,
            "pretty" => SlugifyMode::Pretty,
            "ascii" => SlugifyMode::Ascii,
            "latin" => SlugifyMode::Latin,
            _ => SlugifyMode::None,
        })
    }
}

/// `Utils.slugify(text, mode:, cased:)`: the mode's runs of unwanted
/// characters become one `-`, one leading and one trailing `-` are removed,
/// and the result is lower-cased (Ruby's `downcase`) unless `cased`.
pub fn slugify(text: &str, mode: SlugifyMode, cased: bool) -> String {
    let downcase = |s: String| if cased { s } else { ruby_downcase(&s) };
    let transliterated;
    let text = match mode {
        SlugifyMode::None => return downcase(text.to_string()),
        SlugifyMode::Latin => {
            transliterated = transliterate_latin(text);
            transliterated.as_str()
        }
        _ => text,
    };
    let keep = |c: char| match mode {
        SlugifyMode::Raw => !c.is_whitespace(),
        SlugifyMode::Default | SlugifyMode::Latin => word_char(c),
        SlugifyMode::Pretty => word_char(c) || "._~!$&'()+,;=@".contains(c),
        SlugifyMode::Ascii => c.is_ascii_alphanumeric(),
        SlugifyMode::None => true,
    };
    let mut out = String::with_capacity(text.len());
    let mut in_run = false;
    for c in text.chars() {
        if keep(c) {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('-');
            in_run = true;
        }
    }
    let out = out.strip_prefix('-').unwrap_or(&out);
    let out = out.strip_suffix('-').unwrap_or(out);
    downcase(out.to_string())
}

/// `\p{M}`, `\p{L}` or `\p{Nd}`.
fn word_char(c: char) -> bool {
    is_letter(c) || is_mark(c) || is_decimal_digit(c)
}

/// Ruby's `String#downcase`: full case mapping, character by character (no
/// final-sigma context).
pub fn ruby_downcase(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// `I18n.transliterate` with its default approximations: Latin-1 and Latin
/// Extended-A letters lose their accents (`é` → `e`, `Æ` → `AE`), any other
/// non-ASCII character becomes `?`.
fn transliterate_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if ('\u{c0}'..='\u{17f}').contains(&c) {
            out.push_str(deunicode::deunicode_char(c).unwrap_or("?"));
        } else {
            out.push('?');
        }
    }
    out
}

/// `URL.escape_path`: kept as it is when it is only `A-Za-z0-9./-`; else
/// every byte outside the unreserved and sub-delimiter characters and
/// `: @ / ?` is percent-encoded (upper-case hex), `#` and `%` included.
pub fn escape_path(path: &str) -> std::borrow::Cow<'_, str> {
    if path
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'/' | b'-'))
    {
        return std::borrow::Cow::Borrowed(path);
    }
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(path.len() + 16);
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// notes/jekyll.md §4.2, verified on Jekyll 4.3.1.
    #[test]
    fn slugify_modes() {
        let text = "The _config.yml file é Ü!";
        assert_eq!(
            slugify(text, SlugifyMode::Default, false),
            "the-config-yml-file-é-ü"
        );
        assert_eq!(
            slugify(text, SlugifyMode::Pretty, false),
            "the-_config.yml-file-é-ü!"
        );
        assert_eq!(
            slugify(text, SlugifyMode::Ascii, false),
            "the-config-yml-file"
        );
        assert_eq!(
            slugify(text, SlugifyMode::Latin, false),
            "the-config-yml-file-e-u"
        );
        assert_eq!(
            slugify("The _config.yml file", SlugifyMode::Raw, false),
            "the-_config.yml-file"
        );
        assert_eq!(
            slugify("The _Config", SlugifyMode::None, false),
            "the _config"
        );
        assert_eq!(slugify("  -x- ", SlugifyMode::Default, false), "x");
        assert_eq!(
            slugify("Hello-World", SlugifyMode::Pretty, true),
            "Hello-World"
        );
        assert_eq!(slugify("My Slug", SlugifyMode::Pretty, true), "My-Slug");
        assert_eq!(
            slugify("UPPER_under_score", SlugifyMode::Pretty, true),
            "UPPER_under_score"
        );
        assert_eq!(
            slugify("q?a#b&c+d%e", SlugifyMode::Pretty, true),
            "q-a-b&c+d-e"
        );
    }

    #[test]
    fn escape_path_as_jekyll() {
        for (path, want) in [
            ("/2020/01/01/x.html", "/2020/01/01/x.html"),
            ("a b", "a%20b"),
            ("é", "%C3%A9"),
            ("[x]", "%5Bx%5D"),
            ("a\"b<c>d", "a%22b%3Cc%3Ed"),
            ("a{b}c|d", "a%7Bb%7Dc%7Cd"),
            ("a\\b", "a%5Cb"),
            ("a?b?c", "a?b?c"),
            ("a#b#c", "a%23b%23c"),
            ("a%20b", "a%2520b"),
            ("x:y", "x:y"),
            ("café-ünïcode", "caf%C3%A9-%C3%BCn%C3%AFcode"),
        ] {
            assert_eq!(escape_path(path), want, "{path}");
        }
    }
}
