//! Hugo's path rules, as Hugo 0.111.3 writes them (and current Hugo still does,
//! but for `#`, see [`url_escape`]):
//!
//! - `helpers/path.go` `UnicodeSanitize`, `MakePath`, `MakePathSanitized`;
//! - `helpers/url.go` `URLize`, `URLEscape` (Go's `net/url` `Parse(s).String()`);
//! - `common/text/transform.go` `RemoveAccentsString`;
//! - `hugolib/site.go` `getTaxonomyKey` (a term's path segment).
//!
//! Lower-casing is Go's `strings.ToLower`: the simple per-character mapping
//! of UnicodeData (`İ` → `i`, every `Σ` → `σ`), not Rust's `to_lowercase`.

use std::borrow::Cow;

use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};

use super::{is_decimal_digit, is_letter, is_mark, is_nonspacing_mark};

/// The site settings that change how Hugo makes a name into a path.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PathOptions {
    /// `removePathAccents`: drop accents before sanitizing (`café` → `cafe`).
    pub remove_accents: bool,
    /// `disablePathToLower`: keep the case of paths.
    pub disable_lower: bool,
}

/// `MakePath`: `UnicodeSanitize`, after removing accents when the site asks.
///
/// Runs of whitespace become one `-` (none at either end); letters, digits,
/// marks, `. / \ _ # + ~ - @` and `%XX` escapes are kept; everything else is
/// deleted without a hyphen (`what's up?` → `whats-up`).
pub fn make_path(name: &str, options: PathOptions) -> String {
    let name = if options.remove_accents {
        remove_accents(name)
    } else {
        Cow::Borrowed(name)
    };
    unicode_sanitize(&name)
}

/// `MakePathSanitized`: [`make_path`], then lower-cased unless `disablePathToLower`.
pub fn make_path_sanitized(name: &str, options: PathOptions) -> String {
    let path = make_path(name, options);
    if options.disable_lower {
        path
    } else {
        to_lower(&path).into_owned()
    }
}

/// `URLize`: [`make_path_sanitized`], then [`url_escape`]; what permalink tokens
/// (`:title`, `:slug`, `:filename`) hold.
pub fn urlize(name: &str, options: PathOptions) -> String {
    url_escape(&make_path_sanitized(name, options)).into_owned()
}

/// A taxonomy term's path segment (`getTaxonomyKey`): `Go Lang`, `go lang`
/// and `go-lang` are one term, `go-lang`; `C++` stays `c++`; `x/y` nests.
pub fn term_key(term: &str, options: PathOptions) -> String {
    make_path_sanitized(term, options)
}

/// A taxonomy term's site-relative link, `/tags/go-lang/`, escaped as Hugo
/// escapes links (`/tags/%C3%BCn%C3%AF-code/`). `plural` is the taxonomy's
/// name as configured (`tags`, or `Authors`, which is lower-cased with the path).
pub fn term_path(plural: &str, term: &str, options: PathOptions) -> String {
    let path = make_path_sanitized(&format!("/{plural}/{}/", term_key(term, options)), options);
    url_escape(&path).into_owned()
}

/// Go's `strings.ToLower`: each character's simple lower-case mapping.
pub fn to_lower(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| lower_char(c) == c) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(lower_char).collect())
}

/// The simple (one-character) lower-case mapping of UnicodeData.txt, which is
/// Rust's full mapping for every character but `İ` (U+0130), whose full
/// mapping is `i` and a combining dot.
fn lower_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c == '\u{130}' {
        return 'i';
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// `UnicodeSanitize` (`helpers/path.go`).
fn unicode_sanitize(text: &str) -> String {
    // Nearly every file name and slug is lower-case ASCII words and hyphens already.
    if text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
    {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let (mut pending_hyphen, mut was_hyphen) = (false, false);
    for (i, &c) in chars.iter().enumerate() {
        let allowed = matches!(c, '.' | '/' | '\\' | '_' | '#' | '+' | '~' | '-' | '@')
            || is_letter(c)
            || is_decimal_digit(c)
            || is_mark(c)
            || (c == '%'
                && i + 2 < chars.len()
                && chars[i + 1].is_ascii_hexdigit()
                && chars[i + 2].is_ascii_hexdigit());
        if allowed {
            was_hyphen = c == '-';
            if pending_hyphen {
                if !was_hyphen {
                    out.push('-');
                }
                pending_hyphen = false;
            }
            out.push(c);
        } else if !out.is_empty() && !was_hyphen && is_go_space(c) {
            pending_hyphen = true;
        }
    }
    out
}

/// Go's `unicode.IsSpace`.
fn is_go_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    ) || (!c.is_ascii() && c.is_whitespace())
}

/// `RemoveAccentsString`: decompose, drop non-spacing marks, recompose.
fn remove_accents(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let decomposed = DecomposingNormalizerBorrowed::new_nfd().normalize(text);
    let stripped: String = decomposed
        .chars()
        .filter(|&c| !is_nonspacing_mark(c))
        .collect();
    Cow::Owned(
        ComposingNormalizerBorrowed::new_nfc()
            .normalize(&stripped)
            .into_owned(),
    )
}

/// Go's `url.QueryUnescape`: `+` is a space and `%XX` a byte; `None` for a
/// `%` not followed by two hex digits (Hugo then falls back to the page's
/// default path). Bytes that are not UTF-8 become U+FFFD, which sanitizing drops.
pub fn query_unescape(text: &str) -> Option<String> {
    if !text.contains(['+', '%']) {
        return Some(text.to_string());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// What part of a URL a byte is escaped for (Go's `encoding` modes).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Path,
    Fragment,
}

/// Go's `shouldEscape` for the path and fragment modes.
fn should_escape(b: u8, part: Part) -> bool {
    if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
        return false;
    }
    if matches!(
        b,
        b'$' | b'&' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'?' | b'@'
    ) {
        return part == Part::Path && b == b'?';
    }
    !(part == Part::Fragment && matches!(b, b'!' | b'(' | b')' | b'*'))
}

/// Go's `validEncoded`: text a URL may carry as it is.
fn valid_encoded(text: &str, part: Part) -> bool {
    text.bytes().all(|b| {
        matches!(
            b,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'['
                | b']'
                | b'%'
        ) || !should_escape(b, part)
    })
}

/// Go's `unescape` for paths and fragments (`+` stays `+`); a stray `%` is kept.
fn unescape(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| bytes[i] == b'%' && h.iter().all(u8::is_ascii_hexdigit));
        match hex {
            Some(h) => {
                let h = std::str::from_utf8(h).expect("hex digits are ASCII");
                out.push(u8::from_str_radix(h, 16).expect("two hex digits"));
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    out
}

/// Go's `escape`, with upper-case hex digits.
fn escape_bytes(bytes: &[u8], part: Part, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in bytes {
        if should_escape(b, part) {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        } else {
            out.push(b as char);
        }
    }
}

/// One part of a URL as Go's `URL.String` writes it: kept when it is
/// validly encoded already, else decoded and escaped again.
fn escape_part(text: &str, part: Part, out: &mut String) {
    if valid_encoded(text, part) {
        out.push_str(text);
    } else {
        escape_bytes(&unescape(text), part, out);
    }
}

/// `URLEscape`: Go's `url.Parse(s).String()` for a site-relative link.
///
/// Non-ASCII and other unsafe bytes in the path become `%XX` (upper-case);
/// escapes already there are kept; everything from the first `#` is a
/// fragment, dropped when empty (`c#` → `c`), kept otherwise (`c#-notes`, as
/// Hugo 0.111.3 writes it; Hugo 0.120 and later write `c%23-notes`).
pub fn url_escape(link: &str) -> Cow<'_, str> {
    let plain = link.bytes().all(|b| {
        b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/' | b'+' | b'@')
    });
    if plain {
        return Cow::Borrowed(link);
    }
    let (before_fragment, fragment) = match link.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (link, None),
    };
    let (path, query) =
        if before_fragment.ends_with('?') && before_fragment.matches('?').count() == 1 {
            (&before_fragment[..before_fragment.len() - 1], Some(""))
        } else {
            match before_fragment.split_once('?') {
                Some((path, query)) => (path, Some(query)),
                None => (before_fragment, None),
            }
        };
    let mut out = String::with_capacity(link.len() + 16);
    escape_part(path, Part::Path, &mut out);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        out.push('#');
        escape_part(fragment, Part::Fragment, &mut out);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOWER: PathOptions = PathOptions {
        remove_accents: false,
        disable_lower: false,
    };

    /// The cases verified on Hugo 0.111.3 (notes/hugo-urls-config.md §2.3, §4.2, §7).
    #[test]
    fn make_path_sanitized_as_hugo_0_111() {
        for (name, want) in [
            ("Hello World", "hello-world"),
            ("what's up? (a & b)", "whats-up-a-b"),
            ("a & b (c) [d] {e}, f; g=h", "a-b-c-d-e-f-gh"),
            ("100%", "100"),
            ("Don't Panic", "dont-panic"),
            ("🚀 Launch day", "launch-day"),
            ("a - b -- c_d", "a-b--c_d"),
            ("--leading dashes--", "--leading-dashes--"),
            ("v1.2.release", "v1.2.release"),
            ("Dots... in. title.", "dots...-in.-title."),
            ("C++ tips", "c++-tips"),
            ("C# notes", "c#-notes"),
            ("café crème", "café-crème"),
            ("under_score~tilde@at", "under_score~tilde@at"),
            ("pct%20enc", "pct%20enc"),
            ("  trim me  ", "trim-me"),
            ("İstanbul Über", "istanbul-über"),
            ("ΟΔΥΣΣΕΥΣ", "οδυσσευσ"),
            ("Straße ǅ", "straße-ǆ"),
            ("CamelCase File", "camelcase-file"),
        ] {
            assert_eq!(make_path_sanitized(name, LOWER), want, "{name}");
        }
    }

    #[test]
    fn disable_path_to_lower_keeps_case() {
        let keep = PathOptions {
            disable_lower: true,
            ..LOWER
        };
        assert_eq!(make_path_sanitized("MiXeD Title", keep), "MiXeD-Title");
    }

    #[test]
    fn remove_path_accents() {
        let strip = PathOptions {
            remove_accents: true,
            ..LOWER
        };
        assert_eq!(make_path_sanitized("café crème", strip), "cafe-creme");
        assert_eq!(term_key("Ça va", strip), "ca-va");
    }

    #[test]
    fn urlize_escapes_as_go_does() {
        for (name, want) in [
            ("Hello, World! v1.2", "hello-world-v1.2"),
            ("café crème", "caf%C3%A9-cr%C3%A8me"),
            ("C++ and C#", "c++-and-c"),
            ("x #y", "x-#y"),
            ("日本語", "%E6%97%A5%E6%9C%AC%E8%AA%9E"),
            ("back\\slash", "back%5Cslash"),
            ("İstanbul Über", "istanbul-%C3%BCber"),
        ] {
            assert_eq!(urlize(name, LOWER), want, "{name}");
        }
    }

    #[test]
    fn url_escape_of_front_matter_urls() {
        assert_eq!(
            url_escape("/with space/Ünï/C++/"),
            "/with%20space/%C3%9Cn%C3%AF/C++/"
        );
        assert_eq!(url_escape("/post/c#-notes/"), "/post/c#-notes/");
        assert_eq!(url_escape("/post/c#"), "/post/c");
        assert_eq!(url_escape("/x/pct%20enc/"), "/x/pct%20enc/");
    }

    /// notes §4.2: terms that merge, and those that do not.
    #[test]
    fn term_keys_merge_as_hugo_merges_them() {
        for term in ["Go Lang", "go lang", "go  lang", "GO LANG", "go-lang"] {
            assert_eq!(term_key(term, LOWER), "go-lang", "{term}");
        }
        assert_eq!(term_key("Go_Lang", LOWER), "go_lang");
        assert_eq!(term_key("C++", LOWER), "c++");
        assert_eq!(term_key("a.b", LOWER), "a.b");
        assert_eq!(term_key("Hello, World!", LOWER), "hello-world");
        assert_eq!(
            term_path("tags", "Ünï Code", LOWER),
            "/tags/%C3%BCn%C3%AF-code/"
        );
        assert_eq!(term_path("tags", "x/y", LOWER), "/tags/x/y/");
        assert_eq!(term_path("tags", "C#", LOWER), "/tags/c#/");
        assert_eq!(
            term_path("Authors", "Jane Doe", LOWER),
            "/authors/jane-doe/"
        );
    }

    #[test]
    fn query_unescape_is_gos() {
        assert_eq!(query_unescape("c++-and-c").as_deref(), Some("c  -and-c"));
        assert_eq!(query_unescape("pct%20enc").as_deref(), Some("pct enc"));
        assert_eq!(query_unescape("50%"), None);
    }
}
