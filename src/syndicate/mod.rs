//! `feedwright syndicate`: publish each new post to Mastodon, Bluesky, dev.to
//! and WebSub hubs, exactly once.
//!
//! The entries come from the site (read as `build` reads them) or from a feed
//! (`--from`); the [`state`] file says what went where; [`compose`] makes each
//! network's text; one module per network speaks its API through the one
//! [`http`] client. Only this module touches the network.

pub mod bluesky;
pub mod compose;
pub mod devto;
pub mod entry;
pub mod from_feed;
pub mod from_site;
pub mod http;
pub mod mastodon;
pub mod settings;
pub mod state;
pub mod websub;

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use entry::{EntryImage, Network, SyndicationEntry};
pub use settings::{Settings, SyndicateSection};

use crate::error::{Error, Result};
use crate::report::{render, Format, Message, Styles};
use http::{Client, HttpSettings, Request};
use state::{Record, State};

/// What the command line asked for.
#[derive(Debug, Clone, Default)]
pub struct SyndicateOptions {
    /// `--to`: only these networks (each must be configured).
    pub to: Option<Vec<Network>>,
    /// `--dry-run`: send no POST, write no state; print each request instead.
    pub dry_run: bool,
    /// `--seed`: record every current entry as already posted, sending nothing.
    pub seed: bool,
    /// `--max N`: posts per network in this run.
    pub max: Option<usize>,
    /// `--from FEED`: read the entries from this feed file or URL.
    pub from: Option<String>,
    /// `--format json`.
    pub json: bool,
    /// `--now RFC3339`.
    pub now: Option<String>,
    /// `--config FILE`.
    pub config_file: Option<PathBuf>,
    /// `--content DIR`.
    pub content_dir: Option<PathBuf>,
    /// `--base-url URL`.
    pub base_url: Option<String>,
}

/// Where the entries came from, and what WebSub needs to know about it.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// The posts.
    pub entries: Vec<SyndicationEntry>,
    /// The URLs of the feeds that carry them (WebSub's `hub.url`s).
    pub feeds: Vec<String>,
    /// The hubs the feeds name (`rel="hub"`).
    pub hubs: Vec<String>,
    /// Things the user should hear about (skipped files).
    pub warnings: Vec<crate::Warning>,
}

/// What happened to one entry on one network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// The entry's id.
    pub id: String,
    /// The network.
    pub network: &'static str,
    /// `posted`, `pinged`, `existing` (found on the network and recorded),
    /// `seeded`, `failed` or `dry-run`.
    pub status: &'static str,
    /// The post's URL on the network (the hub for WebSub), when there is one.
    pub url: Option<String>,
}

/// How a run ended (errors that stop a run before it starts are [`Error`]s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Every outcome, in order.
    pub outcomes: Vec<Outcome>,
    /// How many entry/network pairs failed.
    pub failures: usize,
}

impl Summary {
    /// The exit code: 0 when everything succeeded, 1 when any network failed.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.failures > 0)
    }
}

/// `feedwright syndicate`: reads the config, the entries (the site's, or
/// `--from`'s) and the state file, then publishes; see [`syndicate`].
pub fn run(
    options: &SyndicateOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
    styles: Styles,
) -> Result<Summary> {
    let (section, config_path, config_text) =
        crate::config::syndicate_section(options.config_file.as_deref())?;
    let config_dir = match config_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let settings = Settings::resolve(&section, &config_dir)
        .map_err(|e| crate::config::key_error(&config_path, &config_text, &e.key, e.message))?;
    match &options.from {
        Some(location) => syndicate(
            options,
            |client| from_feed::read(location, client),
            &settings,
            out,
            err,
            styles,
        ),
        None => syndicate(
            options,
            |_| from_site::read(options),
            &settings,
            out,
            err,
            styles,
        ),
    }
}

/// Publishes, writing progress to `out` (text mode) and messages to `err`
/// (the source's warnings drawn as `build` draws them, in `styles`).
/// With `json`, `out` receives exactly one JSON array at the end.
pub fn syndicate(
    options: &SyndicateOptions,
    source: impl FnOnce(&Client) -> Result<Source>,
    settings: &Settings,
    out: &mut dyn Write,
    err: &mut dyn Write,
    styles: Styles,
) -> Result<Summary> {
    let configured = settings.configured();
    if configured.is_empty() {
        return Err(Error::Usage(
            "no network is configured: add mastodon, bluesky, devto or websub under `syndicate:` in feedwright.yaml (see docs/syndicate.md)".into(),
        ));
    }
    let networks: Vec<Network> = match &options.to {
        None => configured.clone(),
        Some(wanted) => {
            for network in wanted {
                if !configured.contains(network) {
                    return Err(Error::Usage(format!(
                        "--to {network}: {network} is not configured; add `syndicate.{network}` to the config file"
                    )));
                }
            }
            configured
                .iter()
                .copied()
                .filter(|n| wanted.contains(n))
                .collect()
        }
    };
    let now = posting_time(options.now.as_deref())?;

    // Every check that can refuse the run happens before anything is sent.
    let client = Client::new(HttpSettings {
        timeout: settings.timeout,
        ..HttpSettings::default()
    });
    let mut credentials: Vec<(Network, String)> = Vec::new();
    // A dry run sends nothing that needs a credential: without one, its
    // requests show `***` all the same, and it says what it could not look up.
    let mut missing_credentials: Vec<(Network, &str)> = Vec::new();
    if !options.seed {
        for &network in &networks {
            if let Some(variable) = settings.credential_env(network) {
                let value = std::env::var(variable).unwrap_or_default();
                if value.trim().is_empty() && options.dry_run {
                    missing_credentials.push((network, variable));
                    credentials.push((network, "***".into()));
                    continue;
                }
                if value.trim().is_empty() {
                    return Err(Error::Usage(format!(
                        "{network}: the environment variable {variable} is not set; it must hold the {} (see docs/syndicate.md)",
                        credential_kind(network)
                    )));
                }
                client.secrets.add(&value);
                client.secrets.add(value.trim());
                credentials.push((network, value.trim().to_string()));
            }
        }
    }
    let mut state = State::load(&settings.state)?;
    let source = source(&client)?;
    let warnings: Vec<Message> = source.warnings.iter().map(Message::from_warning).collect();
    err.write_all(render(&warnings, Format::Text, styles, None).as_bytes())
        .map_err(|e| Error::io("<stderr>", e))?;
    let hubs = match &settings.websub {
        Some(websub) if networks.contains(&Network::Websub) => {
            let hubs = websub.hubs.clone().unwrap_or_else(|| source.hubs.clone());
            if hubs.is_empty() {
                return Err(Error::Usage(
                    "websub: no hub to ping: set `syndicate.websub.hubs`, or give the feeds hubs"
                        .into(),
                ));
            }
            if source.feeds.is_empty() {
                return Err(Error::Usage(
                    "websub: the feed has no self link (`rel=\"self\"`, or a JSON Feed's `feed_url`), so there is no URL to ping hubs about".into(),
                ));
            }
            hubs
        }
        _ => Vec::new(),
    };

    let mut entries: Vec<&SyndicationEntry> = source.entries.iter().collect();
    // Oldest first; the id settles equal dates, so the order is total.
    entries.sort_by(|a, b| a.published.cmp(&b.published).then_with(|| a.id.cmp(&b.id)));

    let mut context = Context {
        client: &client,
        state: &mut state,
        dry_run: options.dry_run,
        json: options.json,
        now,
        out,
        err,
        outcomes: Vec::new(),
        failures: 0,
        missing_credentials: missing_credentials.iter().map(|(n, _)| *n).collect(),
    };
    for (network, variable) in &missing_credentials {
        context.line(&format!(
            "{network}: {variable} is not set; the dry run shows the {} as ***",
            credential_kind(*network)
        ))?;
    }

    if options.seed {
        for &network in &networks {
            let mut count = 0;
            for entry in entries.iter().filter(|e| e.allows(network)) {
                if !context.state.has(&entry.id, network) {
                    context.seed(entry, network)?;
                    count += 1;
                }
            }
            context.line(&format!(
                "{network}: {} {count} entries as already posted",
                if options.dry_run {
                    "would record"
                } else {
                    "recorded"
                }
            ))?;
        }
        context.save()?;
        return context.finish(0);
    }

    // A network with no record yet never gets the site's history: without an
    // explicit --max it must be seeded first; with one, the newest N go out and
    // every older entry is recorded as seeded.
    // A network is new to an existing state file when no entry has a record
    // of it and more entries wait than one run may post (a network whose
    // first posts failed, with fewer waiting, just posts them).
    let max = options.max.unwrap_or(settings.max_per_run);
    let state_was_empty = context.state.is_empty();
    let mut first_run = Vec::new();
    for &network in &networks {
        let waiting = entries
            .iter()
            .filter(|e| e.allows(network) && !context.state.has(&e.id, network))
            .count();
        let fresh = !context.state.existed
            || (!state_was_empty && !context.state.knows(network) && waiting > max);
        if !fresh {
            continue;
        }
        if options.max.is_none() {
            let why = if context.state.existed {
                format!("{} has no record of {network}", settings.state.display())
            } else {
                format!("there is no state file ({})", settings.state.display())
            };
            return Err(Error::Usage(format!(
                "{why}: run `feedwright syndicate --seed{}` first to record the current posts as already published, or pass --max N to publish the newest N (every older post is then recorded as published); nothing was sent",
                if context.state.existed { format!(" --to {network}") } else { String::new() }
            )));
        }
        first_run.push(network);
    }

    let mut waiting = 0;
    for &network in &networks {
        let mut pending: Vec<&SyndicationEntry> = entries
            .iter()
            .copied()
            .filter(|e| e.allows(network) && !context.state.has(&e.id, network))
            .collect();
        if first_run.contains(&network) && pending.len() > max {
            let older = pending.len() - max;
            for entry in pending.drain(..older) {
                context.seed(entry, network)?;
            }
            context.save()?;
            context.line(&format!(
                "{network}: {} {older} older entries as already posted",
                if options.dry_run {
                    "would record"
                } else {
                    "recorded"
                }
            ))?;
        }
        if pending.len() > max {
            waiting += pending.len() - max;
            pending.truncate(max);
        }
        let credential = credentials
            .iter()
            .find(|(n, _)| *n == network)
            .map(|(_, c)| c.as_str())
            .unwrap_or_default();
        match network {
            Network::Mastodon => {
                let s = settings.mastodon.as_ref().expect("configured");
                mastodon::publish(&mut context, s, credential, &pending)?;
            }
            Network::Bluesky => {
                let s = settings.bluesky.as_ref().expect("configured");
                bluesky::publish(&mut context, s, credential, &pending)?;
            }
            Network::Devto => {
                let s = settings.devto.as_ref().expect("configured");
                devto::publish(&mut context, s, credential, &pending)?;
            }
            Network::Websub => websub::publish(&mut context, &hubs, &source.feeds, &pending)?,
        }
    }
    context.finish(waiting)
}

fn credential_kind(network: Network) -> &'static str {
    match network {
        Network::Mastodon => "access token",
        Network::Bluesky => "app password",
        Network::Devto => "API key",
        Network::Websub => "credential",
    }
}

/// The time a post is made: `--now`, else `SOURCE_DATE_EPOCH`, else the clock.
fn posting_time(flag: Option<&str>) -> Result<DateTime<Utc>> {
    crate::config::resolve_now(flag).map(|(now, _)| now)
}

/// SHA-256 of the network's name and the entry id: the seed of every key
/// that must be the same on every attempt and every run.
pub fn digest(network: Network, id: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(network.name().as_bytes());
    hasher.update([0]);
    hasher.update(id.as_bytes());
    hasher.finalize().into()
}

/// [`digest`] in lower-case hex.
pub fn digest_hex(network: Network, id: &str) -> String {
    digest(network, id)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether a failed reply means the rest of the run's posts to that network
/// would fail too (credentials, a wrong address, a server that is down, a
/// redirect): then the network stops for this run. Any other 4xx concerns
/// that post alone.
pub fn stops_network(status: u16) -> bool {
    matches!(status, 300..=399 | 401 | 403 | 404 | 405 | 410 | 429) || status >= 500
}

/// The state of a run that the networks report to.
pub struct Context<'a> {
    /// The HTTP client.
    pub client: &'a Client,
    /// The state file.
    pub state: &'a mut State,
    /// Whether this is a dry run.
    pub dry_run: bool,
    json: bool,
    now: DateTime<Utc>,
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    outcomes: Vec<Outcome>,
    failures: usize,
    /// The networks whose credential is not set (a dry run only).
    missing_credentials: Vec<Network>,
}

impl Context<'_> {
    /// `createdAt`: the posting time, RFC 3339 in UTC with milliseconds.
    pub fn created_at(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    fn stamp(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Secs, true)
    }

    /// Whether `network`'s credential is not set (a dry run goes on without it).
    pub fn lacks_credential(&self, network: Network) -> bool {
        self.missing_credentials.contains(&network)
    }

    /// A progress line: stdout in text mode, stderr with `--format json`.
    pub fn line(&mut self, text: &str) -> Result<()> {
        let text = self.client.secrets.redact(text);
        let sink: &mut dyn Write = if self.json { self.err } else { self.out };
        writeln!(sink, "{text}").map_err(|e| Error::io("<stdout>", e))
    }

    /// A warning, on stderr.
    pub fn warn(&mut self, text: &str) -> Result<()> {
        let text = self.client.secrets.redact(text);
        writeln!(self.err, "warning: {text}").map_err(|e| Error::io("<stderr>", e))
    }

    fn outcome(
        &mut self,
        entry_id: &str,
        network: Network,
        status: &'static str,
        url: Option<String>,
    ) {
        self.outcomes.push(Outcome {
            id: entry_id.to_string(),
            network: network.name(),
            status,
            url: url.map(|u| self.client.secrets.redact(&u)),
        });
    }

    /// Records `entry` on `network` and rewrites the state file at once.
    pub fn record(
        &mut self,
        entry: &SyndicationEntry,
        network: Network,
        url: Option<String>,
    ) -> Result<()> {
        if self.dry_run {
            return Ok(());
        }
        let record = Record {
            at: self.stamp(),
            seeded: false,
            url,
        };
        self.state.insert(&entry.id, network, record);
        self.state.save()
    }

    fn seed(&mut self, entry: &SyndicationEntry, network: Network) -> Result<()> {
        let record = Record {
            at: self.stamp(),
            seeded: true,
            url: None,
        };
        if !self.dry_run {
            self.state.insert(&entry.id, network, record);
        }
        self.outcome(&entry.id, network, "seeded", None);
        Ok(())
    }

    fn save(&mut self) -> Result<()> {
        if self.dry_run {
            Ok(())
        } else {
            self.state.save()
        }
    }

    /// `entry` was posted to `network`: recorded, reported.
    pub fn posted(
        &mut self,
        network: Network,
        entry: &SyndicationEntry,
        url: Option<String>,
    ) -> Result<()> {
        self.record(entry, network, url.clone())?;
        self.line(&format!(
            "{network}: posted {:?} {}",
            entry.title,
            url.as_deref().unwrap_or("(no URL in the reply)")
        ))?;
        self.outcome(&entry.id, network, "posted", url);
        Ok(())
    }

    /// `entry` was found on `network` already: recorded, not posted.
    pub fn existing(
        &mut self,
        network: Network,
        entry: &SyndicationEntry,
        url: String,
    ) -> Result<()> {
        self.record(entry, network, Some(url.clone()))?;
        self.line(&format!("{network}: already there {:?} {url}", entry.title))?;
        self.outcome(&entry.id, network, "existing", Some(url));
        Ok(())
    }

    /// `entry` could not be posted to `network`.
    pub fn failed(
        &mut self,
        network: Network,
        entry: &SyndicationEntry,
        message: &str,
    ) -> Result<()> {
        self.failures += 1;
        let text = self.client.secrets.redact(&format!(
            "error: {network}: {:?} ({}): {message}",
            entry.title, entry.url
        ));
        writeln!(self.err, "{text}").map_err(|e| Error::io("<stderr>", e))?;
        self.outcome(&entry.id, network, "failed", None);
        Ok(())
    }

    /// A hub accepted the ping for `entries`.
    pub fn pinged(&mut self, hub: &str, entries: &[&SyndicationEntry]) -> Result<()> {
        self.line(&format!("websub: pinged {hub}"))?;
        for entry in entries {
            self.outcome(&entry.id, Network::Websub, "pinged", Some(hub.to_string()));
        }
        Ok(())
    }

    /// A hub refused the ping for `entries`.
    pub fn hub_failed(
        &mut self,
        hub: &str,
        entries: &[&SyndicationEntry],
        message: &str,
    ) -> Result<()> {
        self.failures += entries.len();
        let text = self
            .client
            .secrets
            .redact(&format!("error: websub: {hub}: {message}"));
        writeln!(self.err, "{text}").map_err(|e| Error::io("<stderr>", e))?;
        for entry in entries {
            self.outcome(&entry.id, Network::Websub, "failed", Some(hub.to_string()));
        }
        Ok(())
    }

    /// `--dry-run`: the request that would post `entry`.
    pub fn would_send(
        &mut self,
        network: Network,
        entry: &SyndicationEntry,
        request: &Request,
    ) -> Result<()> {
        self.line(&format!("{network}: would post {:?}", entry.title))?;
        self.would_send_plain(network, request)?;
        self.outcome(&entry.id, network, "dry-run", None);
        Ok(())
    }

    /// `--dry-run`: a request that would be sent, indented under its network.
    pub fn would_send_plain(&mut self, _network: Network, request: &Request) -> Result<()> {
        let text: String = request
            .to_string()
            .lines()
            .map(|l| {
                if l.is_empty() {
                    "\n".to_string()
                } else {
                    format!("    {l}\n")
                }
            })
            .collect();
        self.line(text.trim_end_matches('\n'))
    }

    /// `--dry-run`: `entry` would be recorded on `network`.
    pub fn planned(
        &mut self,
        network: Network,
        entry: &SyndicationEntry,
        url: Option<String>,
    ) -> Result<()> {
        self.outcome(&entry.id, network, "dry-run", url);
        Ok(())
    }

    fn finish(self, waiting: usize) -> Result<Summary> {
        let count = |status: &str| self.outcomes.iter().filter(|o| o.status == status).count();
        let mut summary = format!(
            "feedwright: {} posted, {} pinged, {} already there, {} seeded, {} failed",
            count("posted"),
            count("pinged"),
            count("existing"),
            count("seeded"),
            self.failures
        );
        if self.dry_run {
            let posts = count("dry-run");
            summary = format!(
                "feedwright: dry run: {posts} {} would go out; nothing was posted and the state file was not written",
                if posts == 1 { "post" } else { "posts" }
            );
        }
        if waiting > 0 {
            summary.push_str(&format!("; {waiting} waiting for the next run (--max)"));
        }
        let Context {
            json,
            out,
            err,
            outcomes,
            failures,
            client,
            ..
        } = self;
        let summary = client.secrets.redact(&summary);
        if json {
            writeln!(err, "{summary}").map_err(|e| Error::io("<stderr>", e))?;
            let text = serde_json::to_string_pretty(&outcomes).expect("outcomes serialise");
            writeln!(out, "{}", client.secrets.redact(&text))
                .map_err(|e| Error::io("<stdout>", e))?;
        } else {
            writeln!(out, "{summary}").map_err(|e| Error::io("<stdout>", e))?;
        }
        Ok(Summary { outcomes, failures })
    }
}
