//! WebSub: tell each hub the feeds changed (`hub.mode=publish`, one `hub.url`
//! per feed), once per run in which any entry was new to it.

use super::entry::{Network, SyndicationEntry};
use super::http::{error_message, Body, Request};
use super::Context;

/// The form that announces `feeds`.
pub fn publish_form(feeds: &[String]) -> Body {
    let mut pairs = vec![("hub.mode".to_string(), "publish".to_string())];
    pairs.extend(feeds.iter().map(|f| ("hub.url".to_string(), f.clone())));
    Body::Form(pairs)
}

/// Pings every hub about `feeds`; when all of them accepted (any 2xx), every
/// one of `entries` is recorded.
pub fn publish(
    context: &mut Context<'_>,
    hubs: &[String],
    feeds: &[String],
    entries: &[&SyndicationEntry],
) -> crate::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut all_accepted = true;
    for hub in hubs {
        let request = Request::post(hub.clone(), publish_form(feeds));
        if context.dry_run {
            context.would_send_plain(Network::Websub, &request)?;
            continue;
        }
        match context.client.send(&request) {
            Ok(reply) if reply.is_success() => context.pinged(hub, entries)?,
            Ok(reply) => {
                all_accepted = false;
                let message = error_message(&reply, &context.client.secrets);
                context.hub_failed(hub, entries, &message)?;
            }
            Err(failure) => {
                all_accepted = false;
                context.hub_failed(hub, entries, &failure.to_string())?;
            }
        }
    }
    if all_accepted && !context.dry_run {
        // One record per entry, naming the first hub; a partial failure records
        // nothing, so the next run pings again (a repeated ping is harmless).
        for entry in entries {
            context.record(entry, Network::Websub, hubs.first().cloned())?;
        }
    } else if context.dry_run {
        for entry in entries {
            context.planned(Network::Websub, entry, hubs.first().cloned())?;
        }
    }
    Ok(())
}
