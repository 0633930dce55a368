//! dev.to (the Forem API): the account's articles are listed first
//! (`GET /articles/me/all`, every page) so a post already there under its
//! canonical URL is recorded rather than posted again; then one
//! `POST /articles` per post.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::compose;
use super::entry::{Network, SyndicationEntry};
use super::http::{error_message, Body, Failure, Request};
use super::settings::DevtoSettings;
use super::{stops_network, Context};

/// The longest title dev.to takes, in characters.
pub const MAX_TITLE_CHARS: usize = 128;

/// Articles per page of `articles/me/all` (Forem's maximum).
const PER_PAGE: usize = 1000;

/// A bound on the pages read, so a server that never ends a listing cannot loop us.
const MAX_PAGES: usize = 1000;

/// The `Accept` header of Forem's API version 1.
const ACCEPT: &str = "application/vnd.forem.api-v1+json";

/// The `{"article": {...}}` body that creates `entry`.
pub fn article(settings: &DevtoSettings, entry: &SyndicationEntry) -> Value {
    let body = entry
        .content_markdown
        .clone()
        .unwrap_or_else(|| entry.content_html.clone());
    let mut article = json!({
        "title": compose::truncate_chars(&entry.title, MAX_TITLE_CHARS),
        "body_markdown": body,
        "published": settings.published,
        "canonical_url": entry.url,
        "tags": compose::devto_tags(&entry.categories),
    });
    if !entry.summary.is_empty() {
        article["description"] = json!(entry.summary);
    }
    if let Some(image) = &entry.image {
        article["main_image"] = json!(image.url);
    }
    json!({ "article": article })
}

/// Posts each of `entries` (oldest first) not already on dev.to, recording each.
pub fn publish(
    context: &mut Context<'_>,
    settings: &DevtoSettings,
    key: &str,
    entries: &[&SyndicationEntry],
) -> crate::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    // A dry run without the API key cannot list the articles: it shows every post.
    let existing = if context.lacks_credential(Network::Devto) {
        context.line(
            "devto: without the API key the account's articles are not listed; a real run posts only those not already there",
        )?;
        Ok(BTreeMap::new())
    } else {
        list_articles(context, settings, key)
    };
    let existing = match existing {
        Ok(existing) => existing,
        Err(message) => {
            // Without the list, a post could be a duplicate: nothing goes out.
            let message = format!(
                "cannot list the account's articles ({message}); nothing was posted to dev.to"
            );
            for entry in entries {
                context.failed(Network::Devto, entry, &message)?;
            }
            return Ok(());
        }
    };
    for entry in entries {
        if let Some(url) = existing.get(&canonical(&entry.url)) {
            context.existing(Network::Devto, entry, url.clone())?;
            continue;
        }
        let request = Request::post(
            format!("{}/articles", settings.api),
            Body::Json(article(settings, entry)),
        )
        .secret_header("api-key", key)
        .header("Accept", ACCEPT);
        if context.dry_run {
            context.would_send(Network::Devto, entry, &request)?;
            continue;
        }
        // dev.to has no idempotency key: before a retry after a lost reply,
        // the list says whether the article was created after all.
        let mut found = None;
        let sent = context.client.send_guarded(&request, || {
            found = list_articles(context, settings, key)
                .ok()
                .and_then(|articles| articles.get(&canonical(&entry.url)).cloned());
            found.is_some()
        });
        match sent {
            Err(Failure::TookEffect) => {
                let url = found.unwrap_or_default();
                context.posted(Network::Devto, entry, Some(url))?;
            }
            Ok(reply) if reply.is_success() => {
                let url = reply
                    .json()
                    .and_then(|j| j.get("url").and_then(|u| u.as_str()).map(str::to_string));
                context.posted(Network::Devto, entry, url)?;
            }
            Ok(reply) => {
                let message = error_message(&reply, &context.client.secrets);
                context.failed(Network::Devto, entry, &message)?;
                if stops_network(reply.status) {
                    return Ok(());
                }
            }
            Err(failure) => {
                context.failed(Network::Devto, entry, &failure.to_string())?;
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Every article of the account, published or not: canonical URL to dev.to URL.
fn list_articles(
    context: &Context<'_>,
    settings: &DevtoSettings,
    key: &str,
) -> Result<BTreeMap<String, String>, String> {
    let mut found = BTreeMap::new();
    let mut seen_ids = BTreeSet::new();
    for page in 1..=MAX_PAGES {
        let request = Request::get(format!(
            "{}/articles/me/all?page={page}&per_page={PER_PAGE}",
            settings.api
        ))
        .secret_header("api-key", key)
        .header("Accept", ACCEPT);
        let reply = context.client.send(&request).map_err(|f| f.to_string())?;
        if !reply.is_success() {
            return Err(error_message(&reply, &context.client.secrets));
        }
        let Some(Value::Array(articles)) = reply.json() else {
            return Err("the reply is not a list of articles".into());
        };
        let mut new = 0;
        for article in &articles {
            let id = article.get("id").unwrap_or(article).to_string();
            if !seen_ids.insert(id) {
                continue;
            }
            new += 1;
            let field = |name: &str| article.get(name).and_then(|v| v.as_str());
            if let Some(canonical_url) = field("canonical_url") {
                let url = field("url")
                    .map(str::to_string)
                    .or_else(|| field("path").map(|p| format!("https://dev.to{p}")))
                    .unwrap_or_default();
                found.entry(canonical(canonical_url)).or_insert(url);
            }
        }
        // The last page is the empty one (or one that repeats what was read).
        if articles.is_empty() || new == 0 {
            return Ok(found);
        }
    }
    Ok(found)
}

/// A URL compared as a URL: parsed and serialised, so `HTTPS://Site/a` and `https://site/a` agree.
fn canonical(url: &str) -> String {
    url::Url::parse(url.trim()).map_or_else(|_| url.trim().to_string(), |u| u.to_string())
}
