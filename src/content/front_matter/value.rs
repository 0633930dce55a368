//! [`Value`]: a front-matter value as written, whatever its type.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// A front-matter value, kept loose: sites write the same key as a string,
/// a number, a list or a table.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing after the colon.
    #[default]
    Null,
    /// A string, or a number or boolean read as its text.
    Text(String),
    /// A boolean.
    Bool(bool),
    /// A TOML native date or date-time, as TOML writes it.
    Date(String),
    /// A list.
    List(Vec<Value>),
    /// A table, in the order written.
    Table(Vec<(String, Value)>),
}

impl Value {
    /// The text of a scalar; `None` for null, empty text, lists and tables.
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(t) | Value::Date(t) if !t.trim().is_empty() => Some(t.trim()),
            _ => None,
        }
    }

    /// The texts of a scalar or a list of scalars (a table's `name` counts, for authors).
    pub fn texts(&self) -> Vec<String> {
        match self {
            Value::List(items) => items.iter().flat_map(Value::texts).collect(),
            Value::Table(entries) => entries
                .iter()
                .filter(|(key, _)| key.eq_ignore_ascii_case("name"))
                .flat_map(|(_, value)| value.texts())
                .collect(),
            other => other.text().map(str::to_string).into_iter().collect(),
        }
    }

    /// A short description of what was written, for error messages.
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "nothing".into(),
            Value::Text(t) | Value::Date(t) => format!("`{t}`"),
            Value::Bool(b) => format!("`{b}`"),
            Value::List(_) => "a list".into(),
            Value::Table(_) => "a table".into(),
        }
    }
}

/// The name under which the TOML crate hands a native date-time to serde.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a front-matter value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Text(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Text(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Text(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Text(v))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Key>()? {
            if key.0 == TOML_DATETIME_KEY {
                let text: String = map.next_value()?;
                return Ok(Value::Date(text));
            }
            entries.push((key.0, map.next_value()?));
        }
        Ok(Value::Table(entries))
    }
}

/// A mapping key: YAML allows numbers and booleans as keys too.
pub(super) struct Key(pub(super) String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Text(t) | Value::Date(t) => Ok(Key(t)),
            Value::Bool(b) => Ok(Key(b.to_string())),
            Value::Null => Ok(Key("~".into())),
            _ => Err(de::Error::custom("a list or table cannot be a key")),
        }
    }
}
