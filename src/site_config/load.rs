//! Reading one generator config file (TOML, YAML or JSON) into a
//! [`serde_json::Value`]: any key type made text, TOML dates as their text,
//! and a key written twice kept as the generators keep it (the last one),
//! with the repetition reported.

use std::cell::RefCell;
use std::fmt;
use std::path::Path;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::{Error, Result, SourceLine};

/// The text of a config file and what it holds.
pub(crate) struct Loaded {
    /// The file's content.
    pub value: Value,
    /// Keys written twice (the later one wins), for a warning.
    pub duplicate_keys: Vec<String>,
}

/// How keys are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyCase {
    /// As written (Jekyll, Zola).
    AsWritten,
    /// Lower-cased (Hugo: config keys are case-insensitive).
    Lower,
}

/// The name under which the TOML crate hands a native date-time to serde.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

/// Reads `path` by its extension (`.toml`, `.yaml`/`.yml`, `.json`).
pub(crate) fn load_file(path: &Path, case: KeyCase) -> Result<Loaded> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    load_text(path, &text, &extension, case)
}

/// Reads `text`, written in the language `extension` names.
pub(crate) fn load_text(path: &Path, text: &str, extension: &str, case: KeyCase) -> Result<Loaded> {
    let duplicates = RefCell::new(Vec::new());
    let seed = ValueSeed {
        case,
        duplicates: &duplicates,
    };
    let config_error = |line: Option<usize>, message: String| Error::config(path, line, message);
    let value = match extension {
        "toml" => toml::Deserializer::parse(text)
            .and_then(|d| seed.deserialize(d))
            .map_err(|e| {
                let place = e.span().and_then(|span| SourceLine::of_span(text, span));
                let line = place.as_ref().map(|(line, _)| *line);
                config_error(line, e.message().trim().to_string()).at(place.map(|(_, s)| s))
            })?,
        "yaml" | "yml" => {
            if text.trim().is_empty() {
                Value::Object(Map::new())
            } else {
                seed.deserialize(serde_yaml::Deserializer::from_str(text))
                    .map_err(|e| {
                        let line = e.location().map(|l| l.line());
                        let source = e.location().and_then(|l| {
                            Some(SourceLine::word_at(
                                text.lines().nth(l.line() - 1)?,
                                l.column(),
                            ))
                        });
                        let message = e.to_string();
                        let message = message.split(" at line ").next().unwrap_or(&message);
                        config_error(line, message.to_string()).at(source)
                    })?
            }
        }
        "json" => seed
            .deserialize(&mut serde_json::Deserializer::from_str(text))
            .map_err(|e| config_error(Some(e.line()), e.to_string()))?,
        other => {
            return Err(config_error(
                None,
                format!("`.{other}` is not a config format"),
            ))
        }
    };
    let value = match value {
        Value::Null => Value::Object(Map::new()),
        Value::Object(map) => Value::Object(map),
        _ => return Err(config_error(None, "expected a table of settings".into())),
    };
    Ok(Loaded {
        value,
        duplicate_keys: duplicates.into_inner(),
    })
}

/// Deep-merges `over` into `base`: tables key by key, anything else replaced.
pub(crate) fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                match base.get_mut(&key) {
                    Some(slot) => merge(slot, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (slot, over) => *slot = over,
    }
}

#[derive(Clone, Copy)]
struct ValueSeed<'a> {
    case: KeyCase,
    duplicates: &'a RefCell<Vec<String>>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// A key of any scalar type, as text.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        let duplicates = RefCell::new(Vec::new());
        let value = ValueSeed {
            case: KeyCase::AsWritten,
            duplicates: &duplicates,
        }
        .deserialize(deserializer)?;
        Ok(match value {
            Value::String(s) => s,
            Value::Null => "~".into(),
            other => other.to_string(),
        })
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a config value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Map::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if key == TOML_DATETIME_KEY {
                let text: String = map.next_value()?;
                return Ok(Value::String(text));
            }
            let key = match self.case {
                KeyCase::AsWritten => key,
                KeyCase::Lower => key.to_lowercase(),
            };
            let value = map.next_value_seed(self)?;
            if entries.insert(key.clone(), value).is_some() {
                self.duplicates.borrow_mut().push(key);
            }
        }
        Ok(Value::Object(entries))
    }
}

/// Reading typed settings out of a loaded config.
pub(crate) trait Get {
    /// The value at a dotted path of keys.
    fn at(&self, path: &str) -> Option<&Value>;
    /// A string (or a number, as text) at `path`; `None` when empty.
    fn text(&self, path: &str) -> Option<String>;
    /// A boolean at `path` (also `"true"`/`"false"` written as text).
    fn flag(&self, path: &str) -> Option<bool>;
    /// A whole number at `path`.
    fn number(&self, path: &str) -> Option<i64>;
    /// A list of strings at `path` (a single string is a list of one).
    fn texts(&self, path: &str) -> Option<Vec<String>>;
}

impl Get for Value {
    fn at(&self, path: &str) -> Option<&Value> {
        path.split('.')
            .try_fold(self, |value, key| value.as_object()?.get(key))
    }
    fn text(&self, path: &str) -> Option<String> {
        scalar_text(self.at(path)?)
    }
    fn flag(&self, path: &str) -> Option<bool> {
        match self.at(path)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }
    fn number(&self, path: &str) -> Option<i64> {
        match self.at(path)? {
            Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
    fn texts(&self, path: &str) -> Option<Vec<String>> {
        match self.at(path)? {
            Value::Array(items) => Some(items.iter().filter_map(scalar_text).collect()),
            other => scalar_text(other).map(|t| vec![t]),
        }
    }
}

/// The text of a scalar; `None` for null, empty text, lists and tables.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str, ext: &str, case: KeyCase) -> Loaded {
        load_text(Path::new("c"), text, ext, case).unwrap()
    }

    #[test]
    fn toml_dates_are_text_and_keys_lower_case() {
        let l = load(
            "baseURL = 'https://x.org/'\n[Params]\nMyKey = 1979-05-27T07:32:00Z\n",
            "toml",
            KeyCase::Lower,
        );
        assert_eq!(l.value.text("baseurl").as_deref(), Some("https://x.org/"));
        assert_eq!(
            l.value.text("params.mykey").as_deref(),
            Some("1979-05-27T07:32:00Z")
        );
    }

    #[test]
    fn yaml_duplicate_keys_keep_the_last() {
        let l = load("a: 1\nb: x\na: 2\n1: one\n", "yml", KeyCase::AsWritten);
        assert_eq!(l.value.number("a"), Some(2));
        assert_eq!(l.value.text("1").as_deref(), Some("one"));
        assert_eq!(l.duplicate_keys, vec!["a".to_string()]);
    }

    #[test]
    fn merging_is_deep() {
        let mut base = load(
            "title = 'root'\n[params]\nrootonly = 1\nshared = 1\n",
            "toml",
            KeyCase::Lower,
        )
        .value;
        merge(
            &mut base,
            load("{\"params\": {\"shared\": 2}}", "json", KeyCase::Lower).value,
        );
        assert_eq!(base.number("params.rootonly"), Some(1));
        assert_eq!(base.number("params.shared"), Some(2));
    }
}
