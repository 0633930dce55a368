//! The site's own posts, read exactly as `build` reads them: every post the
//! main feed would carry with `--limit 0` (drafts, future and expired posts
//! left out), each with its Markdown (links made absolute), its image's file
//! and its front matter's `syndicate:` setting.

use rayon::prelude::*;
use url::Url;

use super::compose::{html_to_text, one_line};
use super::entry::{EntryImage, Network, SyndicationEntry};
use super::{Source, SyndicateOptions};
use crate::config::{Config, Options};
use crate::content::front_matter::{self, FrontMatter, Split, Value};
use crate::content::site::{Page, Site};
use crate::error::Result;
use crate::feed::image::image_file;
use crate::feed::{self, markdown};

/// What syndication reads from a post beside its feed entry.
struct Extras {
    markdown: String,
    networks: Option<Vec<Network>>,
    image_src: Option<String>,
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
    let root = config.site_root();
    let templates = crate::templates::loader::site_context(&site, &config);
    // The image's file: the feeds' (page bundle, static folder), else one in
    // Hugo's `assets/` or, as Jekyll lays a site out, under its root.
    let folders = [config.static_dir.clone(), root.join("assets"), root.clone()];
    let read = site
        .newest_posts(0)
        .par_iter()
        .map(|page| {
            let mut template_warnings = Vec::new();
            let (entry, extras) = feed::read_entry_with(
                page,
                &config,
                &templates,
                |split, front| extras(page, split, front),
                &mut template_warnings,
            )?;
            let source = page.source.as_deref().expect("posts have a source file");
            let entry = match extras.networks {
                Some(ref networks) if networks.is_empty() => None,
                _ => Some(SyndicationEntry {
                    id: entry.id.clone(),
                    url: entry.permalink.to_string(),
                    title: one_line(&entry.title),
                    summary: html_to_text(&entry.summary_html),
                    content_markdown: Some(extras.markdown),
                    content_html: entry.body_html().to_string(),
                    categories: entry.categories,
                    image: entry.image.map(|image| EntryImage {
                        file: image.file.clone().or_else(|| {
                            let src = extras.image_src.as_deref()?;
                            image_file(
                                src,
                                &image.url,
                                source,
                                page.in_bundle,
                                &config.base_url,
                                &folders,
                            )
                        }),
                        url: image.url.to_string(),
                    }),
                    published: entry.published,
                    language: config.language.clone(),
                    networks: extras.networks,
                }),
            };
            Ok((entry, template_warnings))
        })
        .collect::<Result<Vec<_>>>()?;
    // What the posts' templates left to say, as `build` reports it.
    let (entries, template_warnings): (Vec<_>, Vec<_>) = read.into_iter().unzip();
    let template_warnings: Vec<_> = template_warnings.into_iter().flatten().collect();
    let mut warnings = site.warnings;
    warnings.extend(feed::template_warnings(&template_warnings));
    Ok(Source {
        entries: entries.into_iter().flatten().collect(),
        feeds: config
            .formats
            .iter()
            .map(|&format| config.output_url(config.output.feed(format)).to_string())
            .collect(),
        hubs: config.hubs.iter().map(Url::to_string).collect(),
        warnings,
    })
}

fn extras(page: &Page, split: &Split<'_>, front: &FrontMatter) -> Result<Extras> {
    let path = page.source.as_deref().expect("posts have a source file");
    let networks = networks(&front.syndicate)
        .map_err(|message| front_matter::key_error(path, split, "syndicate", message))?;
    Ok(Extras {
        markdown: markdown::with_absolute_links(split.body, &page.permalink),
        networks,
        image_src: front.image.texts().into_iter().next(),
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
}
