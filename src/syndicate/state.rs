//! The state file: what has been published where, keyed by entry id then
//! network. Pretty-printed JSON with sorted keys, so it diffs well in git;
//! rewritten atomically after every successful post.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::entry::Network;
use crate::error::{Error, Result};

/// One entry published (or seeded) on one network; fields in alphabetical
/// order, so every key in the file is sorted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// When it was recorded (RFC 3339, UTC).
    pub at: String,
    /// Whether the entry was only marked as published (`--seed`, or older than a
    /// first run's `--max`) and never sent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub seeded: bool,
    /// Where the post lives on the network (a status, a Bluesky post, a dev.to
    /// article), or the hub pinged for WebSub; none for a seeded entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The records, by entry id then network name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    /// Where the file lives.
    pub path: PathBuf,
    /// Whether the file existed when it was read.
    pub existed: bool,
    records: BTreeMap<String, BTreeMap<String, Record>>,
}

impl State {
    /// Reads the state file at `path`; a missing file is an empty state.
    pub fn load(path: &Path) -> Result<State> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(State {
                    path: path.to_path_buf(),
                    existed: false,
                    records: BTreeMap::new(),
                })
            }
            Err(e) => return Err(Error::io(path, e)),
        };
        let records = serde_json::from_str(&text).map_err(|e| {
            Error::content(
                path,
                Some(e.line()),
                format!(
                    "the state file is not valid: {e}; fix it or restore it from git (deleting it would publish posts again)"
                ),
            )
        })?;
        Ok(State {
            path: path.to_path_buf(),
            existed: true,
            records,
        })
    }

    /// The record of `id` on `network`, if any.
    pub fn get(&self, id: &str, network: Network) -> Option<&Record> {
        self.records.get(id)?.get(network.name())
    }

    /// Whether `id` has been published (or seeded) on `network`.
    pub fn has(&self, id: &str, network: Network) -> bool {
        self.get(id, network).is_some()
    }

    /// Whether any entry has a record for `network`.
    pub fn knows(&self, network: Network) -> bool {
        self.records
            .values()
            .any(|r| r.contains_key(network.name()))
    }

    /// Whether there is no record at all.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Records `id` on `network` (replacing nothing: an existing record stays).
    pub fn insert(&mut self, id: &str, network: Network, record: Record) {
        self.records
            .entry(id.to_string())
            .or_default()
            .entry(network.name().to_string())
            .or_insert(record);
    }

    /// The file's text: pretty-printed, keys sorted, a final newline.
    pub fn to_json(&self) -> String {
        let mut text =
            serde_json::to_string_pretty(&self.records).expect("records serialise to JSON");
        text.push('\n');
        text
    }

    /// Writes the file atomically: a temporary file in the same folder,
    /// flushed to disk, then renamed over the old one.
    pub fn save(&self) -> Result<()> {
        let folder = match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        let mut temp = tempfile::Builder::new()
            .prefix(".syndication-")
            .suffix(".tmp")
            .tempfile_in(folder)
            .map_err(|e| Error::io(folder, e))?;
        temp.write_all(self.to_json().as_bytes())
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| Error::io(temp.path(), e))?;
        temp.persist(&self.path)
            .map_err(|e| Error::io(&self.path, e.error))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_sorted_and_stable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("syndication.json");
        let mut state = State::load(&path).unwrap();
        assert!(!state.existed);
        let record = |url: Option<&str>| Record {
            url: url.map(str::to_string),
            at: "2026-01-01T00:00:00Z".into(),
            seeded: url.is_none(),
        };
        state.insert("https://s/b/", Network::Websub, record(None));
        state.insert(
            "https://s/a/",
            Network::Mastodon,
            record(Some("https://m/1")),
        );
        state.insert("https://s/a/", Network::Bluesky, record(None));
        // An existing record is never replaced.
        state.insert(
            "https://s/a/",
            Network::Mastodon,
            record(Some("https://m/2")),
        );
        state.save().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            r#"{
  "https://s/a/": {
    "bluesky": {
      "at": "2026-01-01T00:00:00Z",
      "seeded": true
    },
    "mastodon": {
      "at": "2026-01-01T00:00:00Z",
      "url": "https://m/1"
    }
  },
  "https://s/b/": {
    "websub": {
      "at": "2026-01-01T00:00:00Z",
      "seeded": true
    }
  }
}
"#
        );
        let again = State::load(&path).unwrap();
        assert!(again.existed);
        assert_eq!(again.to_json(), text);
        assert!(again.knows(Network::Bluesky) && !again.knows(Network::Devto));
    }

    #[test]
    fn a_broken_state_file_is_an_error_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, "{\n  \"a\": 3\n}").unwrap();
        let error = State::load(&path).unwrap_err().to_string();
        assert!(error.contains("s.json:2:"), "{error}");
    }
}
