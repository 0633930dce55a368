//! The `feedwright.yaml` that `feedwright init` writes: the settings found
//! in the site's own configuration (Hugo, Jekyll or Zola), carried over as
//! the keys feedwright reads, each with a comment, and the other keys
//! commented out with their defaults.
//!
//! A value carried over is the one the build would take from the site's
//! configuration anyway (the same filters apply), so a build with the new
//! file writes the same bytes as one without it; the file makes the values
//! visible, and editable for the feeds alone.

use std::fmt::Write as _;

use crate::config::DEFAULT_CONFIG_FILE;
use crate::site_config::{self, GeneratorRules, SiteSettings};

/// The text of a commented `feedwright.yaml` for the site `site` (`None`: no
/// generator's configuration was found, feedwright's own conventions).
pub(crate) fn starter_config(site: Option<&SiteSettings>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {DEFAULT_CONFIG_FILE}: the settings of `feedwright build` (every key: feedwright's README, \"Configuration\")."
    );
    let Some(site) = site else {
        out.push_str(NO_GENERATOR);
        out.push_str(OTHER_KEYS);
        return out;
    };
    let source = site.describe_source();
    let _ = writeln!(out, "# Written by `feedwright init` from {source}.");
    let _ = writeln!(
        out,
        "#\n# feedwright reads that configuration on every build and makes the URLs, dates\n\
         # and languages {generator} makes. The values it found are carried over below;\n\
         # a value set here is the feeds' instead of the site's: delete a line to\n\
         # follow the site's configuration again.\n",
        generator = site.generator
    );
    let _ = writeln!(
        out,
        "{}",
        aligned(
            &format!("generator: {}", site.generator.name().to_ascii_lowercase()),
            "the site's generator, as recognised"
        )
    );
    out.push('\n');

    match &site.base_url {
        Some(url) => setting(&mut out, "base_url", url, "the site's published URL"),
        None => out.push_str(
            "# base_url: https://example.org/       # required: the site's published URL (not in its configuration)\n",
        ),
    }
    match site.title.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(title) => setting(&mut out, "title", title, "the feeds' title"),
        None => out.push_str("# title: My site                       # the feeds' title [default: the base URL's host]\n"),
    }
    match site.description.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(text) => setting(&mut out, "description", text, "the feeds' description"),
        None => out.push_str("# description: …                       # the feeds' description [default: the title]\n"),
    }
    let language = site
        .languages
        .first()
        .and_then(|l| l.language_code.as_deref())
        .and_then(site_config::language_tag);
    match language {
        Some(tag) if site.languages.len() == 1 => {
            setting(&mut out, "language", &tag, "the feeds' language tag")
        }
        Some(tag) => {
            let _ = writeln!(
                out,
                "{}",
                aligned(
                    &format!("# language: {tag}"),
                    "each language's feeds take its own tag from the site"
                )
            );
        }
        None => out.push_str("# language: en                         # the feeds' language tag\n"),
    }
    match &site.timezone {
        Some(zone) => setting(&mut out, "timezone", zone, "for dates written without an offset"),
        None => out.push_str(
            "# timezone: UTC                        # for dates written without an offset: an IANA name or \"+06:00\"\n",
        ),
    }
    match &site.author {
        Some(author) if !author.name.trim().is_empty() => {
            out.push_str(&aligned("author:", "the feeds' author"));
            out.push('\n');
            let _ = writeln!(out, "  name: {}", quoted(&author.name));
            match &author.email {
                Some(email) if feedwright_check::spec::addr_spec(email) => {
                    let _ = writeln!(out, "  email: {}", quoted(email));
                }
                Some(email) => {
                    let _ = writeln!(
                        out,
                        "  # email: {}   # the site's, but not an e-mail address; the feeds leave it out",
                        quoted(email)
                    );
                }
                None => {}
            }
        }
        _ => out.push_str("# author:                              # the feeds' author\n#   name: Jane Doe\n#   email: jane@example.org\n"),
    }
    feeds(&mut out, site);
    let permalinks = permalinks(&site.rules);
    if !permalinks.is_empty() {
        let _ = writeln!(
            out,
            "\n# The site's permalinks, which feedwright follows as {} does (a pattern set\n\
             # under `permalinks:` here, in feedwright's tokens, replaces them for its section):",
            site.generator
        );
        for (section, pattern) in permalinks {
            let _ = writeln!(out, "#   {section}: {pattern}");
        }
    }
    out.push_str(OTHER_KEYS);
    out
}

/// The `feeds:` block: the site's generator's preset (its feeds' paths) and
/// the feeds per section and per term it writes, as a build without the file
/// takes them.
fn feeds(out: &mut String, site: &SiteSettings) {
    let preset = crate::output::preset::Preset::of(site.generator);
    let taxonomies: Vec<String> = site
        .taxonomies
        .iter()
        .filter(|t| t.feed)
        .map(|t| t.name.to_lowercase())
        .collect();
    let sections = site.generator == crate::site_config::Generator::Hugo;
    out.push('\n');
    out.push_str(&aligned("feeds:", "which feeds, and where they go"));
    out.push('\n');
    out.push_str(&aligned(
        &format!("  preset: {}", preset.name()),
        &format!("the paths {} gives its feeds", site.generator),
    ));
    out.push('\n');
    out.push_str(&aligned(
        &format!("  sections: {sections}"),
        "a feed per top-level section",
    ));
    out.push('\n');
    let list = taxonomies.join(", ");
    out.push_str(&aligned(
        &format!("  taxonomies: [{list}]"),
        "a feed per term of these taxonomies",
    ));
    out.push('\n');
}

/// The site's URL patterns, by section, as its configuration writes them.
fn permalinks(rules: &GeneratorRules) -> Vec<(String, String)> {
    match rules {
        GeneratorRules::Hugo(hugo) => hugo
            .permalinks
            .iter()
            .map(|(section, pattern)| {
                let section = if section.is_empty() {
                    "(root pages)"
                } else {
                    section
                };
                (section.to_string(), pattern.clone())
            })
            .collect(),
        GeneratorRules::Jekyll(jekyll) if !jekyll.permalink.is_empty() => {
            vec![("posts".to_string(), jekyll.permalink.clone())]
        }
        _ => Vec::new(),
    }
}

/// `key: "value"`, with its comment aligned.
fn setting(out: &mut String, key: &str, value: &str, comment: &str) {
    out.push_str(&aligned(&format!("{key}: {}", quoted(value)), comment));
    out.push('\n');
}

/// `line` and `# comment` in a column after it.
fn aligned(line: &str, comment: &str) -> String {
    format!("{line:<38} # {comment}")
}

/// `text` as a YAML double-quoted scalar (a JSON string is one), so any
/// title, with `:`, `#` or quotes in it, reads back as written.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

const NO_GENERATOR: &str = "\
# Written by `feedwright init`: no Hugo, Jekyll or Zola configuration was
# found here, so the site follows feedwright's own conventions (Markdown in
# content/, outputs in public/).

# base_url: https://example.org/       # required: the site's published URL (here or --base-url)
# title: My site                       # the feeds' title [default: the base URL's host]
# description: …                       # the feeds' description [default: the title]
# language: en                         # the feeds' language tag
# timezone: UTC                        # for dates written without an offset: an IANA name or \"+06:00\"
# author:                              # the feeds' author
#   name: Jane Doe
#   email: jane@example.org
# permalinks:                          # URL patterns per section, Hugo's tokens
#   blog: /blog/:slug/
# content: content                     # the folder of Markdown content
# out: public                          # the folder the outputs are written into
";

const OTHER_KEYS: &str = "
# The feeds, with their defaults:
# limit: 20                            # entries per feed; 0 = all
# sitemap: false                       # also write the sitemap (or pass --sitemap)
# formats: [rss, atom, json]           # which feed formats (or --formats rss,atom,json)
# feeds:                               # feeds besides the site's, and where every feed goes
#   preset: feedwright                 # feedwright, hugo, jekyll or zola: each generator's paths
#   sections: false                    # a feed per top-level section
#   taxonomies: []                     # a feed per term of these taxonomies, e.g. [tags, categories]
#   limit: 20                          # entries per section or term feed [default: limit]
# output:                              # the site's files' names in the output folder [default: the preset's]
#   rss: rss.xml
#   atom: atom.xml
#   json: feed.json
#   sitemap: sitemap.xml
#   html: feeds.html
# max_feed_bytes: 5000000              # the largest a feed may be; the oldest entries go past it; 0 = no limit
# full_content: true                   # false: entries carry their summary only
# static_dir: static                   # where post images are, for enclosures [default: static/ in the site]
# html: false                          # also write feeds.html, a page listing every feed (or --html)
# icon: /images/icon-512.png           # JSON Feed's icon and favicon: URLs or paths on the site
# favicon: /favicon.png
# hubs: [https://pubsubhubbub.appspot.com/]   # WebSub hubs the feeds announce
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_so_they_read_back_as_written() {
        for text in ["A: b # c", "\"quoted\" 'and' \\ back", "line\nbreak", "é ✓"] {
            let yaml = format!("title: {}\n", quoted(text));
            let read: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(read["title"], text);
        }
    }
}
