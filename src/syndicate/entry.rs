//! What `feedwright syndicate` publishes: one post, whichever source it came
//! from (the site's own content, or a feed given to `--from`).

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use chrono::{DateTime, Utc};

/// A platform that posts are published to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Network {
    /// A Mastodon instance (`POST /api/v1/statuses`).
    Mastodon,
    /// A Bluesky PDS (`com.atproto.repo.createRecord`).
    Bluesky,
    /// dev.to or another Forem (`POST /api/articles`).
    Devto,
    /// WebSub hubs (`hub.mode=publish`).
    Websub,
}

impl Network {
    /// Every network, in the order a run publishes to them.
    pub const ALL: [Network; 4] = [
        Network::Mastodon,
        Network::Bluesky,
        Network::Devto,
        Network::Websub,
    ];

    /// The name used in the config file, the state file and the output.
    pub fn name(self) -> &'static str {
        match self {
            Network::Mastodon => "mastodon",
            Network::Bluesky => "bluesky",
            Network::Devto => "devto",
            Network::Websub => "websub",
        }
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Network {
    type Err = String;

    fn from_str(text: &str) -> Result<Network, String> {
        Network::ALL
            .into_iter()
            .find(|n| n.name().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                format!("`{text}` is not a network; the networks are mastodon, bluesky, devto and websub")
            })
    }
}

/// One post to publish.
#[derive(Debug, Clone, PartialEq)]
pub struct SyndicationEntry {
    /// The entry's stable id (the feeds' `<guid>` / `<id>`): the state file's key.
    pub id: String,
    /// The post's permalink.
    pub url: String,
    /// The title, plain text.
    pub title: String,
    /// The summary, plain text on one line (may be empty).
    pub summary: String,
    /// The whole post as Markdown with every link and image absolute, when the
    /// source is Markdown (dev.to takes it as it is).
    pub content_markdown: Option<String>,
    /// The whole post as HTML with every URL absolute.
    pub content_html: String,
    /// Tags, then categories, as the feeds carry them.
    pub categories: Vec<String>,
    /// The post's image.
    pub image: Option<EntryImage>,
    /// When it was published.
    pub published: DateTime<Utc>,
    /// Its language (`en`, `pt-br`), when known.
    pub language: Option<String>,
    /// The networks this post may go to (front matter `syndicate: [...]`);
    /// `None` means every configured network.
    pub networks: Option<Vec<Network>>,
}

impl SyndicationEntry {
    /// Whether this post may be published to `network`.
    pub fn allows(&self, network: Network) -> bool {
        self.networks
            .as_ref()
            .is_none_or(|networks| networks.contains(&network))
    }
}

/// A post's image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryImage {
    /// Its absolute URL.
    pub url: String,
    /// The file on disk, when it is a file of the site (page bundle or static folder).
    pub file: Option<PathBuf>,
}
