//! Text safety for XML 1.0: every string that reaches an output passes through here.
//!
//! Neither `rss` nor `atom_syndication` (nor quick-xml) drops characters that
//! XML 1.0 forbids; they write them raw and every parser then rejects the file.

use std::borrow::Cow;

/// Whether XML 1.0 allows `c` (the checker's rule, so the two never disagree).
pub use feedwright_check::spec::is_xml_char as is_allowed;

/// `text` without the characters XML 1.0 forbids; borrowed when nothing had to go.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| is_allowed(c)).collect())
    }
}

/// [`clean`] for an owned string, reusing it when nothing had to go.
pub fn clean_owned(text: String) -> String {
    match clean(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(cleaned) => cleaned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_ordinary_text_borrowed() {
        assert!(matches!(
            clean("Lean — “management” 日本語 🚀"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn removes_forbidden_controls() {
        assert_eq!(clean("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g"), "abcdefg");
    }

    #[test]
    fn keeps_tab_newline_and_carriage_return() {
        assert_eq!(clean("a\tb\nc\rd"), "a\tb\nc\rd");
    }

    #[test]
    fn removes_noncharacters_c1_controls_and_replacement_characters() {
        assert_eq!(
            clean("x\u{FFFE}y\u{FFFF}z\u{80}\u{9F}!\u{7F}\u{FFFD}"),
            "xyz!"
        );
    }

    #[test]
    fn keeps_astral_characters() {
        assert_eq!(
            clean("\u{10000}\u{1F600}\u{10FFFF}"),
            "\u{10000}\u{1F600}\u{10FFFF}"
        );
    }
}
