//! The `syndicate:` section of `feedwright.yaml`, as written and as validated.
//! Credentials never appear here: only the names of the environment variables
//! that hold them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Deserializer};

use super::compose::Template;
use super::entry::Network;
use super::http::parse_service_url;

/// The section as written. Unknown keys are errors, as everywhere in the config.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SyndicateSection {
    /// The state file, relative to the config file.
    pub state: Option<PathBuf>,
    /// Posts per network per run.
    pub max_per_run: Option<usize>,
    /// The connect and total timeout of each request.
    pub timeout_seconds: Option<u64>,
    /// Mastodon, when configured.
    #[serde(default, deserialize_with = "present")]
    pub mastodon: Option<MastodonSection>,
    /// Bluesky, when configured.
    #[serde(default, deserialize_with = "present")]
    pub bluesky: Option<BlueskySection>,
    /// dev.to, when configured.
    #[serde(default, deserialize_with = "present")]
    pub devto: Option<DevtoSection>,
    /// WebSub, when configured (`websub: {}` counts).
    #[serde(default, deserialize_with = "present")]
    pub websub: Option<WebsubSection>,
}

/// A key that is present counts even when it is empty (`websub:` or `websub: {}`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(|value| Some(value.unwrap_or_default()))
}

/// `syndicate.mastodon`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MastodonSection {
    /// The instance, e.g. `https://mastodon.social`.
    pub instance: Option<String>,
    /// The environment variable holding the access token.
    pub token_env: Option<String>,
    /// `public`, `unlisted` or `private`.
    pub visibility: Option<String>,
    /// The status template.
    pub template: Option<String>,
}

/// `syndicate.bluesky`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BlueskySection {
    /// The PDS, default `https://bsky.social`.
    pub service: Option<String>,
    /// The account's handle.
    pub handle: Option<String>,
    /// The environment variable holding the app password.
    pub password_env: Option<String>,
    /// The post template (default: Mastodon's default).
    pub template: Option<String>,
}

/// `syndicate.devto`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DevtoSection {
    /// The API root, default `https://dev.to/api`.
    pub api: Option<String>,
    /// The environment variable holding the API key.
    pub key_env: Option<String>,
    /// Publish at once (`true`) or create drafts.
    pub published: Option<bool>,
}

/// `syndicate.websub`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WebsubSection {
    /// The hubs to ping; default: the feeds' own hubs.
    pub hubs: Option<Vec<String>>,
}

/// The validated settings of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The state file.
    pub state: PathBuf,
    /// Posts per network per run.
    pub max_per_run: usize,
    /// The connect and total timeout of each request.
    pub timeout: Duration,
    /// Mastodon, when configured.
    pub mastodon: Option<MastodonSettings>,
    /// Bluesky, when configured.
    pub bluesky: Option<BlueskySettings>,
    /// dev.to, when configured.
    pub devto: Option<DevtoSettings>,
    /// WebSub, when configured.
    pub websub: Option<WebsubSettings>,
}

/// Mastodon's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct MastodonSettings {
    /// The instance, without a trailing `/`.
    pub instance: String,
    /// The environment variable holding the access token.
    pub token_env: String,
    /// `public`, `unlisted` or `private`.
    pub visibility: String,
    /// The status template.
    pub template: Template,
}

/// Bluesky's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct BlueskySettings {
    /// The PDS, without a trailing `/`.
    pub service: String,
    /// The account's handle.
    pub handle: String,
    /// The environment variable holding the app password.
    pub password_env: String,
    /// The post template.
    pub template: Template,
}

/// dev.to's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct DevtoSettings {
    /// The API root, without a trailing `/`.
    pub api: String,
    /// The environment variable holding the API key.
    pub key_env: String,
    /// Publish at once, or create drafts.
    pub published: bool,
}

/// WebSub's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct WebsubSettings {
    /// The hubs named in the config; `None`: the feeds' own.
    pub hubs: Option<Vec<String>>,
}

/// A configuration error: the key it concerns (`syndicate.mastodon.instance`) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingError {
    /// The dotted key.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

impl SettingError {
    fn new(key: &str, message: impl Into<String>) -> SettingError {
        SettingError {
            key: key.to_string(),
            message: message.into(),
        }
    }
}

impl Settings {
    /// Validates `section`; relative paths are taken from `config_dir`.
    pub fn resolve(
        section: &SyndicateSection,
        config_dir: &Path,
    ) -> Result<Settings, SettingError> {
        let service = |key: &str, value: Option<&String>, default: Option<&str>| {
            let text = value
                .map(String::as_str)
                .or(default)
                .ok_or_else(|| SettingError::new(key, "is required"))?;
            parse_service_url(text).map_err(|m| SettingError::new(key, m))
        };
        let env_name = |key: &str, value: Option<&String>, default: &str| {
            let name = value.map_or(default, String::as_str);
            if name.is_empty()
                || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                || name.starts_with(|c: char| c.is_ascii_digit())
            {
                // The value is not repeated: it may be the credential itself, pasted by mistake.
                return Err(SettingError::new(
                    key,
                    "must be the name of an environment variable (letters, digits and `_`) that holds the credential, never the credential itself",
                ));
            }
            Ok(name.to_string())
        };
        let template = |key: &str, value: Option<&String>| match value {
            Some(text) => Template::parse(text).map_err(|m| SettingError::new(key, m)),
            None => Ok(Template::default()),
        };

        let mastodon = match &section.mastodon {
            None => None,
            Some(m) => {
                let visibility = m.visibility.clone().unwrap_or_else(|| "public".into());
                if !matches!(visibility.as_str(), "public" | "unlisted" | "private") {
                    return Err(SettingError::new(
                        "syndicate.mastodon.visibility",
                        format!("`{visibility}` must be public, unlisted or private"),
                    ));
                }
                Some(MastodonSettings {
                    instance: service("syndicate.mastodon.instance", m.instance.as_ref(), None)?,
                    token_env: env_name(
                        "syndicate.mastodon.token_env",
                        m.token_env.as_ref(),
                        "MASTODON_TOKEN",
                    )?,
                    visibility,
                    template: template("syndicate.mastodon.template", m.template.as_ref())?,
                })
            }
        };
        let bluesky = match &section.bluesky {
            None => None,
            Some(b) => {
                let handle = b
                    .handle
                    .as_deref()
                    .map(|h| h.trim().trim_start_matches('@').to_string())
                    .filter(|h| !h.is_empty())
                    .ok_or_else(|| {
                        SettingError::new(
                            "syndicate.bluesky.handle",
                            "is required (e.g. alice.bsky.social)",
                        )
                    })?;
                if handle.contains(|c: char| c.is_whitespace() || c == '/') {
                    return Err(SettingError::new(
                        "syndicate.bluesky.handle",
                        format!("`{handle}` is not a handle such as alice.bsky.social"),
                    ));
                }
                Some(BlueskySettings {
                    service: service(
                        "syndicate.bluesky.service",
                        b.service.as_ref(),
                        Some("https://bsky.social"),
                    )?,
                    handle,
                    password_env: env_name(
                        "syndicate.bluesky.password_env",
                        b.password_env.as_ref(),
                        "BLUESKY_APP_PASSWORD",
                    )?,
                    template: template("syndicate.bluesky.template", b.template.as_ref())?,
                })
            }
        };
        let devto = match &section.devto {
            None => None,
            Some(d) => Some(DevtoSettings {
                api: service(
                    "syndicate.devto.api",
                    d.api.as_ref(),
                    Some("https://dev.to/api"),
                )?,
                key_env: env_name(
                    "syndicate.devto.key_env",
                    d.key_env.as_ref(),
                    "DEVTO_API_KEY",
                )?,
                published: d.published.unwrap_or(false),
            }),
        };
        let websub = match &section.websub {
            None => None,
            Some(w) => Some(WebsubSettings {
                hubs: match &w.hubs {
                    None => None,
                    Some(hubs) => Some(
                        hubs.iter()
                            .map(|hub| {
                                parse_service_url(hub)
                                    .map(|_| hub.trim().to_string())
                                    .map_err(|m| SettingError::new("syndicate.websub.hubs", m))
                            })
                            .collect::<Result<_, _>>()?,
                    ),
                },
            }),
        };
        let timeout_seconds = section.timeout_seconds.unwrap_or(30);
        if timeout_seconds == 0 || timeout_seconds > 3600 {
            return Err(SettingError::new(
                "syndicate.timeout_seconds",
                "must be between 1 and 3600",
            ));
        }
        let state = section
            .state
            .clone()
            .unwrap_or_else(|| PathBuf::from("syndication.json"));
        Ok(Settings {
            state: if state.is_absolute() {
                state
            } else {
                config_dir.join(state)
            },
            max_per_run: section.max_per_run.unwrap_or(5),
            timeout: Duration::from_secs(timeout_seconds),
            mastodon,
            bluesky,
            devto,
            websub,
        })
    }

    /// The networks configured, in the order a run publishes to them.
    pub fn configured(&self) -> Vec<Network> {
        Network::ALL
            .into_iter()
            .filter(|n| match n {
                Network::Mastodon => self.mastodon.is_some(),
                Network::Bluesky => self.bluesky.is_some(),
                Network::Devto => self.devto.is_some(),
                Network::Websub => self.websub.is_some(),
            })
            .collect()
    }

    /// The environment variable holding `network`'s credential, if it has one.
    pub fn credential_env(&self, network: Network) -> Option<&str> {
        match network {
            Network::Mastodon => self.mastodon.as_ref().map(|m| m.token_env.as_str()),
            Network::Bluesky => self.bluesky.as_ref().map(|b| b.password_env.as_str()),
            Network::Devto => self.devto.as_ref().map(|d| d.key_env.as_str()),
            Network::Websub => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Result<Settings, SettingError> {
        let section: SyndicateSection = serde_yaml::from_str(yaml).unwrap();
        Settings::resolve(&section, Path::new("/site"))
    }

    #[test]
    fn defaults_and_presence() {
        let settings = parse("websub: {}\ndevto:\n").unwrap();
        assert_eq!(settings.configured(), [Network::Devto, Network::Websub]);
        assert_eq!(settings.state, Path::new("/site/syndication.json"));
        assert_eq!(settings.max_per_run, 5);
        assert_eq!(settings.devto.unwrap().api, "https://dev.to/api");
        assert_eq!(settings.websub.unwrap().hubs, None);
    }

    #[test]
    fn errors_name_the_key() {
        let error = parse("mastodon:\n  instance: http://mastodon.social\n").unwrap_err();
        assert_eq!(error.key, "syndicate.mastodon.instance");
        let error =
            parse("mastodon:\n  instance: https://m.org\n  visibility: direct\n").unwrap_err();
        assert_eq!(error.key, "syndicate.mastodon.visibility");
        let error = parse("bluesky: {}\n").unwrap_err();
        assert_eq!(error.key, "syndicate.bluesky.handle");
        let error = parse("devto:\n  key_env: 'abc-123 secret'\n").unwrap_err();
        assert_eq!(error.key, "syndicate.devto.key_env");
        assert!(serde_yaml::from_str::<SyndicateSection>("mastodon:\n  token: x\n").is_err());
    }
}
