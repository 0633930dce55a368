//! Zola's slug rules (`components/utils/src/slugs.rs` in getzola/zola, 0.22):
//! the `slugify.paths` and `slugify.taxonomies` modes. Written from the
//! behaviour described there and verified on Zola 0.22.1, not copied.

use std::str::FromStr;

/// A `slugify` mode of Zola's config.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SlugifyMode {
    /// `on`: the `slug` crate: ASCII transliteration (`日本語` → `ri-ben-yu`),
    /// lower case, every other character a separator, runs of separators one `-`.
    #[default]
    On,
    /// `safe`: trailing spaces and dots removed, then `< > : " / \ | ? *`
    /// deleted; case, spaces and Unicode kept.
    Safe,
    /// `off`: the name as written.
    Off,
}

impl FromStr for SlugifyMode {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "on" => Ok(SlugifyMode::On),
            "safe" => Ok(SlugifyMode::Safe),
            "off" => Ok(SlugifyMode::Off),
            other => Err(format!(
                "`{other}` is not a slugify mode; Zola's are `on`, `safe` and `off`"
            )),
        }
    }
}

/// `slugify_paths`: a file name, front-matter `slug`, taxonomy name or term
/// made into a path segment under `mode`.
pub fn slugify_paths(name: &str, mode: SlugifyMode) -> String {
    match mode {
        SlugifyMode::On => slug::slugify(name),
        SlugifyMode::Safe => name
            .trim_end_matches([' ', '.'])
            .chars()
            .filter(|c| !matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*'))
            .collect(),
        SlugifyMode::Off => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// notes/zola.md §2.3, computed with Zola's own crates and run on 0.22.1.
    #[test]
    fn the_documented_examples() {
        use SlugifyMode::*;
        for (name, on, safe) in [
            ("C++", "c", "C++"),
            ("C++ Tips", "c-tips", "C++ Tips"),
            ("日本語", "ri-ben-yu", "日本語"),
            ("héhé", "hehe", "héhé"),
            ("Hello World", "hello-world", "Hello World"),
            ("Under_Score", "under-score", "Under_Score"),
            ("Dots.v2", "dots-v2", "Dots.v2"),
            ("test (hey)", "test-hey", "test (hey)"),
            ("dot. ", "dot", "dot"),
            ("Ça va?", "ca-va", "Ça va"),
            ("Rust & Go", "rust-go", "Rust & Go"),
            ("C#", "c", "C#"),
            ("x/y", "x-y", "xy"),
            ("ab:cd", "ab-cd", "abcd"),
        ] {
            assert_eq!(slugify_paths(name, On), on, "on: {name}");
            assert_eq!(slugify_paths(name, Safe), safe, "safe: {name}");
            assert_eq!(slugify_paths(name, Off), name, "off: {name}");
        }
        for (name, on) in [
            ("Привет мир", "privet-mir"),
            ("Ελληνικά", "ellenika"),
            ("straße", "strasse"),
            ("emoji 🎉 party", "emoji-tada-party"),
            ("---a---b---", "a-b"),
            ("L'élevage", "l-elevage"),
            ("1.5", "1-5"),
            ("جافا سكريبت", "jf-skrybt"),
            ("한국어", "hangugeo"),
            ("Preguntes Freqüents", "preguntes-frequents"),
        ] {
            assert_eq!(slugify_paths(name, On), on, "{name}");
        }
    }

    #[test]
    fn modes_parse() {
        assert_eq!("safe".parse(), Ok(SlugifyMode::Safe));
        assert!("true".parse::<SlugifyMode>().is_err());
    }
}
