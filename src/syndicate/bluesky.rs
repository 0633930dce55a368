//! Bluesky: one `com.atproto.server.createSession` per run, then per post an
//! optional `com.atproto.repo.uploadBlob` (the card's thumbnail) and a
//! `com.atproto.repo.createRecord` of an `app.bsky.feed.post` whose record key
//! is a TID derived from the entry, so a retried create cannot post twice.

use serde_json::{json, Value};

use super::compose::{self, Graphemes, Measure, Parts};
use super::entry::{Network, SyndicationEntry};
use super::http::{error_message, Body, Request};
use super::settings::BlueskySettings;
use super::{digest, stops_network, Context};

/// The most graphemes a post's text may have (`app.bsky.feed.post`'s `maxGraphemes`).
pub const MAX_GRAPHEMES: usize = 300;

/// The largest thumbnail `app.bsky.embed.external` takes (`maxSize`), exclusive.
pub const MAX_THUMB_BYTES: u64 = 1_000_000;

/// The collection of posts.
pub const POST_COLLECTION: &str = "app.bsky.feed.post";

/// The base32-sortable alphabet of TIDs.
const S32: &[u8; 32] = b"234567abcdefghijklmnopqrstuvwxyz";

/// A TID (the post lexicon's record key type) derived from `entry`: 53 bits of
/// microseconds since 1970 (the post's date, its sub-second part taken from a
/// hash of the id) and a 10-bit clock id from the same hash, so two entries
/// never share one and the same entry always has the same.
pub fn record_key(entry: &SyndicationEntry) -> String {
    let hash = digest(Network::Bluesky, &entry.id);
    let bits = u64::from_be_bytes(hash[..8].try_into().expect("8 bytes"));
    let seconds = entry
        .published
        .timestamp()
        .clamp(0, (1 << 53) / 1_000_000 - 1) as u64;
    let micros = seconds * 1_000_000 + (bits % 1_000_000);
    let clock_id = (bits >> 32) & 0x3ff;
    tid(micros, clock_id)
}

/// Encodes a TID: the top bit 0, 53 bits of timestamp, 10 bits of clock id, as
/// 13 base32-sortable characters.
pub fn tid(micros: u64, clock_id: u64) -> String {
    let value = ((micros & ((1 << 53) - 1)) << 10) | (clock_id & 0x3ff);
    (0..13)
        .rev()
        .map(|i| S32[((value >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// Whether `text` has the syntax of a TID.
pub fn is_tid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 13
        && b"234567abcdefghij".contains(&bytes[0])
        && bytes.iter().all(|b| S32.contains(b))
}

/// The post's text and facets, fitted to 300 graphemes.
pub fn post_text(
    settings: &BlueskySettings,
    entry: &SyndicationEntry,
) -> Result<(String, Vec<Value>), String> {
    let hashtags: Vec<String> = compose::hashtags(&entry.categories)
        .into_iter()
        // A tag facet's tag is at most 64 graphemes.
        .filter(|t| Graphemes.length(t.trim_start_matches('#')) <= 64)
        .collect();
    let parts = Parts {
        title: &entry.title,
        summary: &entry.summary,
        url: &entry.url,
        hashtags: &hashtags,
    };
    let composed =
        compose::fit(&settings.template, &parts, MAX_GRAPHEMES, &Graphemes).map_err(|e| {
            format!(
                "the post cannot be made to fit: {} graphemes at the least, Bluesky allows {}",
                e.length, e.limit
            )
        })?;
    let mut facets: Vec<(usize, Value)> = composed
        .links
        .iter()
        .map(|range| {
            (
                range.start,
                json!({
                    "index": { "byteStart": range.start, "byteEnd": range.end },
                    "features": [{ "$type": "app.bsky.richtext.facet#link", "uri": entry.url }],
                }),
            )
        })
        .collect();
    facets.extend(composed.tags.iter().map(|(range, tag)| {
        (
            range.start,
            json!({
                "index": { "byteStart": range.start, "byteEnd": range.end },
                "features": [{ "$type": "app.bsky.richtext.facet#tag", "tag": tag }],
            }),
        )
    }));
    facets.sort_by_key(|(start, _)| *start);
    Ok((composed.text, facets.into_iter().map(|(_, f)| f).collect()))
}

/// The `app.bsky.feed.post` record of `entry`.
pub fn post_record(
    entry: &SyndicationEntry,
    text: String,
    facets: Vec<Value>,
    created_at: &str,
    thumb: Option<Value>,
) -> Value {
    let mut external = json!({
        "uri": entry.url,
        "title": entry.title,
        "description": entry.summary,
    });
    if let Some(thumb) = thumb {
        external["thumb"] = thumb;
    }
    let mut record = json!({
        "$type": POST_COLLECTION,
        "text": text,
        "createdAt": created_at,
        "embed": { "$type": "app.bsky.embed.external", "external": external },
    });
    if !facets.is_empty() {
        record["facets"] = Value::Array(facets);
    }
    if let Some(language) = &entry.language {
        record["langs"] = json!([language]);
    }
    record
}

/// The session of a run: the account's DID and access token.
struct Session {
    did: String,
    handle: String,
    access_jwt: String,
}

/// Posts each of `entries` (oldest first), recording each one as it succeeds.
pub fn publish(
    context: &mut Context<'_>,
    settings: &BlueskySettings,
    password: &str,
    entries: &[&SyndicationEntry],
) -> crate::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let login = Request::post(
        format!("{}/xrpc/com.atproto.server.createSession", settings.service),
        Body::Json(json!({ "identifier": settings.handle, "password": password })),
    );
    let session = if context.dry_run {
        context.would_send_plain(Network::Bluesky, &login)?;
        Session {
            did: "<did>".into(),
            handle: settings.handle.clone(),
            access_jwt: "<accessJwt>".into(),
        }
    } else {
        match create_session(context, &login, settings) {
            Ok(session) => session,
            Err(message) => {
                for entry in entries {
                    context.failed(Network::Bluesky, entry, &message)?;
                }
                return Ok(());
            }
        }
    };
    for entry in entries {
        let (text, facets) = match post_text(settings, entry) {
            Ok(post) => post,
            Err(message) => {
                context.failed(Network::Bluesky, entry, &message)?;
                continue;
            }
        };
        let thumb = upload_thumb(context, settings, &session, entry)?;
        let rkey = record_key(entry);
        let record = post_record(entry, text, facets, &context.created_at(), thumb);
        let request = Request::post(
            format!("{}/xrpc/com.atproto.repo.createRecord", settings.service),
            Body::Json(json!({
                "repo": session.did,
                "collection": POST_COLLECTION,
                "rkey": rkey,
                "record": record,
            })),
        )
        .secret_header("Authorization", format!("Bearer {}", session.access_jwt));
        let url = format!("https://bsky.app/profile/{}/post/{rkey}", session.handle);
        if context.dry_run {
            context.would_send(Network::Bluesky, entry, &request)?;
            continue;
        }
        match context.client.send(&request) {
            Ok(reply) if reply.is_success() => {
                context.posted(Network::Bluesky, entry, Some(url))?
            }
            Ok(reply) if reply.status == 400 && already_exists(&reply.body) => {
                // This key was created by an earlier attempt whose reply was lost.
                context.posted(Network::Bluesky, entry, Some(url))?
            }
            Ok(reply) if reply.status < 500 && reply.status != 429 => {
                let message = error_message(&reply, &context.client.secrets);
                context.failed(Network::Bluesky, entry, &message)?;
                if stops_network(reply.status) {
                    return Ok(());
                }
            }
            outcome => {
                // No answer, or a server error: the record may exist all the same
                // (a PDS answers a create of an existing key with a 500).
                if record_exists(context, settings, &session, &rkey) {
                    context.posted(Network::Bluesky, entry, Some(url))?;
                    continue;
                }
                let message = match outcome {
                    Ok(reply) => error_message(&reply, &context.client.secrets),
                    Err(failure) => failure.to_string(),
                };
                context.failed(Network::Bluesky, entry, &message)?;
                return Ok(());
            }
        }
    }
    Ok(())
}

fn create_session(
    context: &mut Context<'_>,
    login: &Request,
    settings: &BlueskySettings,
) -> Result<Session, String> {
    let reply = context
        .client
        .send(login)
        .map_err(|f| format!("createSession: {f}"))?;
    if !reply.is_success() {
        return Err(format!(
            "createSession: {}",
            error_message(&reply, &context.client.secrets)
        ));
    }
    let json = reply.json().unwrap_or_default();
    let field = |name: &str| json.get(name).and_then(|v| v.as_str()).map(str::to_string);
    for secret in ["accessJwt", "refreshJwt"].iter().filter_map(|k| field(k)) {
        context.client.secrets.add(&secret);
    }
    match (field("did"), field("accessJwt")) {
        (Some(did), Some(access_jwt)) => Ok(Session {
            did,
            handle: field("handle").unwrap_or_else(|| settings.handle.clone()),
            access_jwt,
        }),
        _ => Err("createSession: the reply has no did or accessJwt".into()),
    }
}

/// Uploads the post's image as the card's thumbnail when it is a file of the
/// site under 1,000,000 bytes; the blob reference, or nothing (a post goes out
/// without a thumbnail rather than not at all).
fn upload_thumb(
    context: &mut Context<'_>,
    settings: &BlueskySettings,
    session: &Session,
    entry: &SyndicationEntry,
) -> crate::Result<Option<Value>> {
    let Some(file) = entry.image.as_ref().and_then(|i| i.file.as_ref()) else {
        return Ok(None);
    };
    // Bluesky shows raster images; an SVG card would be blank.
    let Some(media_type) =
        crate::feed::image_media_type(&file.to_string_lossy()).filter(|t| *t != "image/svg+xml")
    else {
        return Ok(None);
    };
    let data = match std::fs::metadata(file) {
        Ok(meta) if meta.len() < MAX_THUMB_BYTES => match std::fs::read(file) {
            Ok(data) => data,
            Err(_) => return Ok(None),
        },
        _ => return Ok(None),
    };
    let request = Request::post(
        format!("{}/xrpc/com.atproto.repo.uploadBlob", settings.service),
        Body::Bytes {
            content_type: media_type.to_string(),
            data,
        },
    )
    .secret_header("Authorization", format!("Bearer {}", session.access_jwt));
    if context.dry_run {
        context.would_send_plain(Network::Bluesky, &request)?;
        return Ok(Some(json!("<blob>")));
    }
    match context.client.send(&request) {
        Ok(reply) if reply.is_success() => Ok(reply.json().and_then(|j| j.get("blob").cloned())),
        Ok(reply) => {
            let message = error_message(&reply, &context.client.secrets);
            context.warn(&format!(
                "bluesky: uploadBlob for {}: {message}; posting without a thumbnail",
                entry.url
            ))?;
            Ok(None)
        }
        Err(failure) => {
            context.warn(&format!(
                "bluesky: uploadBlob for {}: {failure}; posting without a thumbnail",
                entry.url
            ))?;
            Ok(None)
        }
    }
}

/// Whether a `400` says the record already exists.
fn already_exists(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(body).to_ascii_lowercase();
    text.contains("already exist")
        || text.contains("alreadyexists")
        || text.contains("already a value at key")
}

/// Whether the post with `rkey` is in the account's repository
/// (`com.atproto.repo.getRecord`, read-only).
fn record_exists(
    context: &Context<'_>,
    settings: &BlueskySettings,
    session: &Session,
    rkey: &str,
) -> bool {
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("repo", &session.did)
        .append_pair("collection", POST_COLLECTION)
        .append_pair("rkey", rkey)
        .finish();
    let request = Request::get(format!(
        "{}/xrpc/com.atproto.repo.getRecord?{query}",
        settings.service
    ));
    matches!(context.client.send(&request), Ok(reply) if reply.is_success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tids_follow_the_spec() {
        // The interop test files' valid examples decode and encode back.
        assert!(is_tid("3jzfcijpj2z2a"));
        assert!(is_tid("7777777777777"));
        assert!(!is_tid("zzzzzzzzzzzzz"));
        assert!(!is_tid("3jzfcijpj2z21"));
        assert_eq!(tid(0, 0), "2222222222222");
        // 2023-03-16T00:00:00Z, clock id 5.
        let key = tid(1_678_924_800_000_000, 5);
        assert!(is_tid(&key), "{key}");
        assert!(key.starts_with("3jq"), "{key}");
        assert!(key.ends_with("27"), "{key}");
    }
}
