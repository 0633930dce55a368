//! The site's own posts, read exactly as `build` reads them: every post the
//! main feed would carry with `--limit 0` (drafts, future and expired posts
//! left out), each with its Markdown (links made absolute), its image's file
//! and its front matter's `syndicate:` setting.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use url::Url;

use super::compose::{html_to_text, one_line};
use super::entry::{EntryImage, Network, SyndicationEntry};
use super::{Source, SyndicateOptions};
use crate::config::{Config, Options};
use crate::content::front_matter::{self, FrontMatter, Split, Value};
use crate::content::site::{Page, Site};
use crate::error::Result;
use crate::feed::{self, markdown};

/// What syndication reads from a post beside its feed entry.
struct Extras {
    markdown: String,
    networks: Option<Vec<Network>>,
    image_file: Option<PathBuf>,
}

/// Reads the site named by `options` (as `build` would).
pub fn read(options: &SyndicateOptions) -> Result<Source> {
    let config = Config::load(&Options {
        content_dir: options.content_dir.clone(),
        config_file: options.config_file.clone(),
        base_url: options.base_url.clone(),
        now: options.now.clone(),
        limit: Some(0),
        ..Options::default()
    })?;
    let site = Site::load(&config)?;
    let site_root = config.site_root();
    let templates = crate::templates::loader::site_context(&site, &config);
    let entries = site
        .newest_posts(0)
        .par_iter()
        .map(|page| {
            let (entry, extras) = feed::read_entry_with(
                page,
                &config,
                &templates,
                |split, front| extras(page, split, front, &site_root),
                &mut Vec::new(),
            )?;
            Ok(match extras.networks {
                Some(ref networks) if networks.is_empty() => None,
                _ => Some(SyndicationEntry {
                    id: entry.permalink.to_string(),
                    url: entry.permalink.to_string(),
                    title: one_line(&entry.title),
                    summary: html_to_text(&entry.summary_html),
                    content_markdown: Some(extras.markdown),
                    content_html: entry.content_html,
                    categories: entry.categories,
                    image: entry.image.map(|image| EntryImage {
                        url: image.url.to_string(),
                        file: extras.image_file,
                    }),
                    published: entry.published,
                    language: config.language.clone(),
                    networks: extras.networks,
                }),
            })
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    Ok(Source {
        entries,
        feeds: [&config.output.rss, &config.output.atom]
            .iter()
            .map(|name| config.output_url(name).to_string())
            .collect(),
        hubs: config.hubs.iter().map(Url::to_string).collect(),
        warnings: site.warnings,
    })
}

/// The site's root: the folder holding the content folder (and `static/`).
fn extras(page: &Page, split: &Split<'_>, front: &FrontMatter, site_root: &Path) -> Result<Extras> {
    let path = page.source.as_deref().expect("posts have a source file");
    let networks = networks(&front.syndicate)
        .map_err(|message| front_matter::key_error(path, split, "syndicate", message))?;
    let image_file = front
        .image
        .texts()
        .into_iter()
        .next()
        .and_then(|src| image_file(&src, path, page, site_root));
    Ok(Extras {
        markdown: markdown::with_absolute_links(split.body, &page.permalink),
        networks,
        image_file,
    })
}

/// The front matter's `syndicate:`: absent or `true`, every network (`None`);
/// `false`, none (`Some([])`); a network or a list of them, those.
fn networks(value: &Value) -> std::result::Result<Option<Vec<Network>>, String> {
    let names = match value {
        Value::Null | Value::Bool(true) => return Ok(None),
        Value::Bool(false) => return Ok(Some(Vec::new())),
        Value::Text(text) if text.trim().eq_ignore_ascii_case("true") => return Ok(None),
        Value::Text(text) if text.trim().eq_ignore_ascii_case("false") => {
            return Ok(Some(Vec::new()))
        }
        Value::Text(text) => vec![text.clone()],
        Value::List(items) => items
            .iter()
            .map(|item| {
                item.text()
                    .map(str::to_string)
                    .ok_or_else(|| format!("`{}` is not a network name", item.describe()))
            })
            .collect::<std::result::Result<_, _>>()?,
        other => {
            return Err(format!(
                "expected true, false or a list of networks such as [mastodon, devto], found {}",
                other.describe()
            ))
        }
    };
    let mut networks = Vec::new();
    for name in names {
        let network: Network = name.parse()?;
        if !networks.contains(&network) {
            networks.push(network);
        }
    }
    Ok(Some(networks))
}

/// The file of a post's image, when it is one of the site's: beside the post
/// in its bundle (a relative path), or in the site's `static/` folder (Hugo,
/// Zola) or its root (Jekyll) for a site-absolute path or a URL on the site.
fn image_file(src: &str, source: &Path, page: &Page, site_root: &Path) -> Option<PathBuf> {
    let src = src.trim();
    let site_path = match Url::parse(src) {
        Ok(url) => {
            // A URL on the site itself names a file of the site.
            let page_url = &page.permalink;
            if url.origin() != page_url.origin() {
                return None;
            }
            percent_encoding::percent_decode_str(url.path())
                .decode_utf8()
                .ok()?
                .into_owned()
        }
        Err(_) if src.starts_with('/') => src.to_string(),
        Err(_) => {
            let relative = safe_relative(src.split(['?', '#']).next()?)?;
            let beside = source.parent()?.join(relative);
            return beside.is_file().then_some(beside);
        }
    };
    let relative = safe_relative(site_path.trim_start_matches('/'))?;
    ["static", "assets", ""]
        .iter()
        .map(|folder| site_root.join(folder).join(&relative))
        .find(|candidate| candidate.is_file())
}

/// `path` as a relative path that cannot leave its folder (`..` and roots refused).
fn safe_relative(path: &str) -> Option<PathBuf> {
    let path = Path::new(path);
    path.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        .then(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_syndicate_setting() {
        assert_eq!(networks(&Value::Null), Ok(None));
        assert_eq!(networks(&Value::Bool(false)), Ok(Some(vec![])));
        assert_eq!(networks(&Value::Text("false".into())), Ok(Some(vec![])));
        assert_eq!(
            networks(&Value::List(vec![
                Value::Text("mastodon".into()),
                Value::Text("DevTo".into())
            ])),
            Ok(Some(vec![Network::Mastodon, Network::Devto]))
        );
        assert_eq!(
            networks(&Value::Text("websub".into())),
            Ok(Some(vec![Network::Websub]))
        );
        assert!(networks(&Value::List(vec![Value::Text("twitter".into())]))
            .unwrap_err()
            .contains("twitter"));
    }

    #[test]
    fn image_paths_never_leave_the_site() {
        assert!(safe_relative("../secret.png").is_none());
        assert!(safe_relative("a/../../b.png").is_none());
        assert_eq!(
            safe_relative("./img/a.png"),
            Some(PathBuf::from("./img/a.png"))
        );
    }
}
