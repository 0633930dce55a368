//! Mastodon: `GET /api/v2/instance` for the status limits, then one
//! `POST /api/v1/statuses` per post, with an `Idempotency-Key` derived from the
//! entry so a retry after a lost reply cannot post twice.

use serde_json::json;

use super::compose::{self, MastodonLength, Parts};
use super::entry::{Network, SyndicationEntry};
use super::http::{error_message, Body, Request};
use super::settings::MastodonSettings;
use super::{digest_hex, stops_network, Context};

/// The limit when the instance does not say (Mastodon's own default).
pub const DEFAULT_MAX_CHARACTERS: usize = 500;

/// What every URL counts for when the instance does not say.
pub const DEFAULT_CHARACTERS_PER_URL: usize = 23;

/// An instance's status limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// `configuration.statuses.max_characters`.
    pub max_characters: usize,
    /// `configuration.statuses.characters_reserved_per_url`.
    pub characters_reserved_per_url: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_characters: DEFAULT_MAX_CHARACTERS,
            characters_reserved_per_url: DEFAULT_CHARACTERS_PER_URL,
        }
    }
}

/// The `Idempotency-Key` of `entry`: the same for every attempt, every run.
pub fn idempotency_key(entry: &SyndicationEntry) -> String {
    format!(
        "feedwright-{}",
        &digest_hex(Network::Mastodon, &entry.id)[..40]
    )
}

/// The status text of `entry`, fitted to `limits`.
pub fn status_text(
    settings: &MastodonSettings,
    entry: &SyndicationEntry,
    limits: Limits,
) -> Result<String, String> {
    let hashtags = compose::hashtags(&entry.categories);
    let parts = Parts {
        title: &entry.title,
        summary: &entry.summary,
        url: &entry.url,
        hashtags: &hashtags,
    };
    let measure = MastodonLength {
        per_url: limits.characters_reserved_per_url,
    };
    compose::fit(&settings.template, &parts, limits.max_characters, &measure)
        .map(|composed| composed.text)
        .map_err(|e| {
            format!(
                "the status cannot be made to fit: {} characters at the least, the instance allows {}",
                e.length, e.limit
            )
        })
}

/// Posts each of `entries` (oldest first), recording each one as it succeeds.
pub fn publish(
    context: &mut Context<'_>,
    settings: &MastodonSettings,
    token: &str,
    entries: &[&SyndicationEntry],
) -> crate::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let limits = instance_limits(context, settings);
    for entry in entries {
        let text = match status_text(settings, entry, limits) {
            Ok(text) => text,
            Err(message) => {
                context.failed(Network::Mastodon, entry, &message)?;
                continue;
            }
        };
        let mut body = json!({ "status": text, "visibility": settings.visibility });
        if let Some(language) = entry.language.as_deref().and_then(iso_639_1) {
            body["language"] = json!(language);
        }
        let request = Request::post(
            format!("{}/api/v1/statuses", settings.instance),
            Body::Json(body),
        )
        .secret_header("Authorization", format!("Bearer {token}"))
        .header("Idempotency-Key", idempotency_key(entry));
        if context.dry_run {
            context.would_send(Network::Mastodon, entry, &request)?;
            continue;
        }
        let reply = match context.client.send(&request) {
            Ok(reply) => reply,
            Err(failure) => {
                context.failed(Network::Mastodon, entry, &failure.to_string())?;
                return Ok(());
            }
        };
        if reply.is_success() {
            let json = reply.json().unwrap_or_default();
            let url = ["url", "uri"]
                .iter()
                .find_map(|k| json.get(k).and_then(|v| v.as_str()))
                .map(str::to_string);
            context.posted(Network::Mastodon, entry, url)?;
        } else {
            let message = error_message(&reply, &context.client.secrets);
            context.failed(Network::Mastodon, entry, &message)?;
            if stops_network(reply.status) {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// The instance's limits from `GET /api/v2/instance`; Mastodon's defaults when
/// it does not answer them (an instance older than 4.0 has no v2 endpoint).
fn instance_limits(context: &mut Context<'_>, settings: &MastodonSettings) -> Limits {
    let request = Request::get(format!("{}/api/v2/instance", settings.instance));
    let Ok(reply) = context.client.send(&request) else {
        return Limits::default();
    };
    let json = reply.is_success().then(|| reply.json()).flatten();
    let statuses = json
        .as_ref()
        .and_then(|j| j.pointer("/configuration/statuses"));
    let number = |key: &str| {
        statuses
            .and_then(|s| s.get(key))
            .and_then(|v| v.as_u64())
            .and_then(|v| usize::try_from(v).ok())
            .filter(|&v| v > 0)
    };
    Limits {
        max_characters: number("max_characters").unwrap_or(DEFAULT_MAX_CHARACTERS),
        characters_reserved_per_url: number("characters_reserved_per_url")
            .unwrap_or(DEFAULT_CHARACTERS_PER_URL),
    }
}

/// Mastodon wants an ISO 639-1 code: the primary subtag of a language tag
/// (`pt-br` is `pt`), when it is two letters.
fn iso_639_1(tag: &str) -> Option<String> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.chars().all(|c| c.is_ascii_alphabetic())).then_some(primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_iso_639_1() {
        assert_eq!(iso_639_1("pt-BR").as_deref(), Some("pt"));
        assert_eq!(iso_639_1("en").as_deref(), Some("en"));
        assert_eq!(iso_639_1("yue"), None);
    }
}
