//! Each generator's rules for turning names (file names, titles, slugs,
//! taxonomy terms) into URL paths, reproduced from its source: [`hugo`]
//! (`urlize`, `MakePath`, `MakePathSanitized`, Go's lower-casing and URL
//! escaping), [`zola`] (`slugify.paths` modes `on`, `safe`, `off`) and
//! [`jekyll`] (`Utils.slugify` modes and `URL.escape_path`).
//!
//! Each function is a pure string rule; which one a page's URL uses is the
//! business of the generator's URL rules in [`super::url_rules`].

pub mod hugo;
pub mod jekyll;
pub mod zola;

use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
use icu_properties::CodePointMapData;

/// The Unicode general category of `c`.
fn category(c: char) -> GeneralCategory {
    CodePointMapData::<GeneralCategory>::new().get(c)
}

/// A letter (category L): Go's `unicode.IsLetter`, Ruby's `\p{L}`.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    GeneralCategoryGroup::Letter.contains(category(c))
}

/// A decimal digit (category Nd): Go's `unicode.IsDigit`, Ruby's `\p{Nd}`.
fn is_decimal_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    category(c) == GeneralCategory::DecimalNumber
}

/// A mark (category M): Go's `unicode.IsMark`, Ruby's `\p{M}`.
fn is_mark(c: char) -> bool {
    !c.is_ascii() && GeneralCategoryGroup::Mark.contains(category(c))
}

/// A non-spacing mark (category Mn), what Hugo's `removePathAccents` drops.
fn is_nonspacing_mark(c: char) -> bool {
    !c.is_ascii() && category(c) == GeneralCategory::NonspacingMark
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_are_unicode_general_categories() {
        assert!(is_letter('é') && is_letter('日') && is_letter('a'));
        assert!(!is_letter('1') && !is_letter('🚀') && !is_letter('Ⅻ'));
        assert!(is_decimal_digit('٣') && !is_decimal_digit('½'));
        assert!(is_mark('\u{301}') && is_nonspacing_mark('\u{301}'));
        assert!(is_mark('\u{903}') && !is_nonspacing_mark('\u{903}'));
    }
}
