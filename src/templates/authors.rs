//! Post authors as a reader should see them: an id looked up where the
//! generator keeps authors (Hugo `data/authors/ID.yaml` or `params.authors`,
//! Jekyll `_data/authors.yml`, Zola `extra.authors`), and a Markdown value
//! (`[Name](https://…) (Company)`) turned into plain text with its link.

use serde_json::Value;

use super::context::{lookup_dotted, SiteContext};

/// An author as feeds carry one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// The name as plain text.
    pub name: String,
    /// A web page for the author (Atom's `<uri>`).
    pub uri: Option<String>,
    /// An e-mail address.
    pub email: Option<String>,
}

/// `value` (one front-matter author) resolved: an id found in the site's
/// author data becomes that entry's name, link and e-mail; a Markdown value
/// becomes plain text with its first link as the URI.
pub fn resolve(value: &str, site: &SiteContext) -> Author {
    let value = value.trim();
    if let Some(entry) = lookup(value, site) {
        let text = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| entry.get(*k).and_then(Value::as_str))
                .map(str::to_string)
        };
        let name = text(&["name", "title", "display_name", "displayName"])
            .unwrap_or_else(|| value.to_string());
        let mut author = from_markdown(&name);
        if author.uri.is_none() {
            author.uri =
                text(&["uri", "url", "website", "web", "link", "homepage"]).or_else(|| {
                    entry
                        .get("social")
                        .and_then(|s| s.get("website").or_else(|| s.get("github")))
                        .and_then(Value::as_str)
                        .map(str::to_string)
                });
        }
        author.email = text(&["email", "mail"]);
        return author;
    }
    from_markdown(value)
}

/// The author entry for `id`, if the site keeps one.
fn lookup<'s>(id: &str, site: &'s SiteContext) -> Option<&'s Value> {
    if id.is_empty() || id.contains(['[', ' ', '(']) {
        return None;
    }
    let slug = id.to_lowercase();
    let candidates = [
        lookup_dotted(&site.data, &format!("authors.{id}")),
        lookup_dotted(&site.data, &format!("authors.{slug}")),
        site.param(&format!("authors.{id}")),
        site.param(&format!("author.{id}")),
        lookup_dotted(&site.params, &format!("extra.authors.{id}")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|v| v.is_object())
        .or_else(|| {
            // `_data/authors.yml` as a list of `{id|name, …}`.
            site.data.get("authors")?.as_array()?.iter().find(|entry| {
                ["id", "key", "username", "name"]
                    .iter()
                    .any(|k| entry.get(*k).and_then(Value::as_str) == Some(id))
            })
        })
}

/// Markdown author text as plain text, with its first link's destination.
pub fn from_markdown(text: &str) -> Author {
    use pulldown_cmark::{Event, Parser, Tag};
    if !text.contains(['[', '*', '_', '`', '<', '\\']) {
        return Author {
            name: text.trim().to_string(),
            uri: None,
            email: None,
        };
    }
    let mut name = String::new();
    let mut uri = None;
    for event in Parser::new(text) {
        match event {
            Event::Text(t) | Event::Code(t) => name.push_str(&t),
            Event::SoftBreak | Event::HardBreak => name.push(' '),
            Event::Start(Tag::Link { dest_url, .. }) if uri.is_none() => {
                uri = Some(dest_url.to_string())
            }
            _ => {}
        }
    }
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let email = uri
        .as_deref()
        .and_then(|u| u.strip_prefix("mailto:"))
        .map(str::to_string);
    let uri = uri.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    Author { name, uri, email }
}

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    #[test]
    fn markdown_authors_become_plain_text_with_a_link() {
        let a = from_markdown("[Jane Doe](https://github.com/jane) (Company)");
        assert_eq!(a.name, "Jane Doe (Company)");
        assert_eq!(a.uri.as_deref(), Some("https://github.com/jane"));
        assert_eq!(from_markdown("Plain Name").name, "Plain Name");
    }

    #[test]
    fn ids_are_looked_up_in_data_and_params() {
        let mut site = SiteContext::new(Url::parse("https://example.org/").unwrap());
        site.data = serde_json::json!({"authors": {"miek": {"name": "Miek Gieben", "url": "https://miek.nl"}}});
        site.params =
            serde_json::json!({"authors": {"ann": {"name": "Ann", "email": "ann@example.org"}}});
        let miek = resolve("miek", &site);
        assert_eq!(miek.name, "Miek Gieben");
        assert_eq!(miek.uri.as_deref(), Some("https://miek.nl"));
        let ann = resolve("ann", &site);
        assert_eq!(
            (ann.name.as_str(), ann.email.as_deref()),
            ("Ann", Some("ann@example.org"))
        );
        assert_eq!(resolve("Someone Else", &site).name, "Someone Else");
    }
}
