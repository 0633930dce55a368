//! The W3C validator's narrow whitelist for `style` attributes in feed HTML.

use std::sync::LazyLock;

use regex::Regex;

const ACCEPTABLE_CSS_PROPERTIES: &[&str] = &[
    "azimuth",
    "background",
    "background-color",
    "border",
    "border-bottom",
    "border-bottom-color",
    "border-bottom-style",
    "border-bottom-width",
    "border-collapse",
    "border-color",
    "border-left",
    "border-left-color",
    "border-left-style",
    "border-left-width",
    "border-right",
    "border-right-color",
    "border-right-style",
    "border-right-width",
    "border-spacing",
    "border-style",
    "border-top",
    "border-top-color",
    "border-top-style",
    "border-top-width",
    "border-width",
    "clear",
    "color",
    "cursor",
    "direction",
    "display",
    "elevation",
    "float",
    "font",
    "font-family",
    "font-size",
    "font-style",
    "font-variant",
    "font-weight",
    "height",
    "letter-spacing",
    "line-height",
    "list-style-type",
    "margin",
    "margin-bottom",
    "margin-left",
    "margin-right",
    "margin-top",
    "overflow",
    "padding",
    "padding-bottom",
    "padding-left",
    "padding-right",
    "padding-top",
    "pause",
    "pause-after",
    "pause-before",
    "pitch",
    "pitch-range",
    "richness",
    "speak",
    "speak-header",
    "speak-numeral",
    "speak-punctuation",
    "speech-rate",
    "stress",
    "text-align",
    "text-decoration",
    "text-indent",
    "unicode-bidi",
    "vertical-align",
    "voice-family",
    "volume",
    "white-space",
    "width",
];

const ACCEPTABLE_CSS_KEYWORDS: &[&str] = &[
    "aqua",
    "auto",
    "black",
    "block",
    "blue",
    "bold",
    "both",
    "bottom",
    "brown",
    "center",
    "collapse",
    "dashed",
    "dotted",
    "fuchsia",
    "gray",
    "green",
    "!important",
    "italic",
    "left",
    "lime",
    "maroon",
    "medium",
    "none",
    "navy",
    "normal",
    "nowrap",
    "olive",
    "pointer",
    "purple",
    "red",
    "right",
    "solid",
    "silver",
    "teal",
    "top",
    "transparent",
    "underline",
    "white",
    "yellow",
];

static STYLE_CHARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:[:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$"#)
        .expect("a valid pattern")
});
static STYLE_SHAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-\w]+\s*:[^:;]*(?:;\s*|$))*$").expect("a valid pattern"));
static STYLE_PAIR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([-\w]+)\s*:\s*([^:;]*)").expect("a valid pattern"));

/// Whether a `style` attribute passes the W3C validator's narrow CSS whitelist.
pub(crate) fn style_is_safe(style: &str) -> bool {
    if !STYLE_CHARS.is_match(style) || !STYLE_SHAPE.is_match(style) {
        return false;
    }
    STYLE_PAIR.captures_iter(style).all(|caps| {
        let property = caps.get(1).map_or("", |m| m.as_str()).to_ascii_lowercase();
        let value = caps.get(2).map_or("", |m| m.as_str());
        if value.trim().is_empty() {
            return true;
        }
        if !ACCEPTABLE_CSS_PROPERTIES.contains(&property.as_str()) {
            return false;
        }
        let shorthand = property.split('-').next().unwrap_or("");
        !matches!(shorthand, "background" | "border" | "margin" | "padding")
            || value.split_whitespace().all(css_keyword_ok)
    })
}

fn css_keyword_ok(word: &str) -> bool {
    if ACCEPTABLE_CSS_KEYWORDS.contains(&word) {
        return true;
    }
    if let Some(hex) = word.strip_prefix('#') {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if word.starts_with("rgb(") {
        return true;
    }
    let number = [
        "cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")",
    ]
    .iter()
    .find_map(|unit| word.strip_suffix(unit))
    .unwrap_or(word);
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let dots = number.chars().filter(|&c| c == '.').count();
    digits <= 3 && dots <= 1 && number.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Compiles this module's patterns now rather than at their first use.
pub(super) fn compile_patterns() {
    for pattern in [&STYLE_CHARS, &STYLE_SHAPE, &STYLE_PAIR] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles() {
        assert!(style_is_safe("text-align: center"));
        assert!(style_is_safe("color:#aabbcc;background-color:#112233"));
        assert!(!style_is_safe("max-width: 100%"));
        assert!(!style_is_safe("background: url(x.png)"));
        assert!(!style_is_safe("margin: 1rem"));
        assert!(!style_is_safe("font: 12px/1.5 serif"));
    }
}
