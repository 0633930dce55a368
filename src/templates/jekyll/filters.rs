//! Jekyll's own Liquid filters (`notes/jekyll.md` §5.3) that the `liquid`
//! crate lacks, and `fw_highlight`, which the pre-pass turns `{% highlight %}` into.

use std::fmt;

use liquid_core::model::{ScalarCow, Value, ValueView};
use liquid_core::parser::{FilterArguments, ParameterReflection};
use liquid_core::{Expression, Filter, FilterReflection, ParseFilter, Result, Runtime};

use super::{CODE_END, CODE_LANG_END, CODE_START};
use crate::templates::markup::{escape, markdown_block};

/// Every filter of this module, ready to register.
pub(crate) fn all() -> Vec<JekyllFilter> {
    [
        "relative_url",
        "absolute_url",
        "strip_index",
        "date_to_xmlschema",
        "date_to_rfc822",
        "date_to_string",
        "date_to_long_string",
        "xml_escape",
        "cgi_escape",
        "uri_escape",
        "markdownify",
        "smartify",
        "jsonify",
        "normalize_whitespace",
        "number_of_words",
        "to_integer",
        "inspect",
        "fw_highlight",
    ]
    .into_iter()
    .map(|name| JekyllFilter { name })
    .collect()
}

/// One of Jekyll's filters, by name.
#[derive(Clone, Debug)]
pub(crate) struct JekyllFilter {
    name: &'static str,
}

impl FilterReflection for JekyllFilter {
    fn name(&self) -> &str {
        self.name
    }

    fn description(&self) -> &str {
        "a Jekyll filter"
    }

    fn positional_parameters(&self) -> &'static [ParameterReflection] {
        &[]
    }

    fn keyword_parameters(&self) -> &'static [ParameterReflection] {
        &[]
    }
}

impl ParseFilter for JekyllFilter {
    fn parse(&self, arguments: FilterArguments<'_>) -> Result<Box<dyn Filter>> {
        Ok(Box::new(Parsed {
            name: self.name,
            args: arguments.positional.collect(),
        }))
    }

    fn reflection(&self) -> &dyn FilterReflection {
        self
    }
}

#[derive(Debug)]
struct Parsed {
    name: &'static str,
    args: Vec<Expression>,
}

impl fmt::Display for Parsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name)
    }
}

fn site_text(runtime: &dyn Runtime, key: &str) -> String {
    let path = [ScalarCow::new("site"), ScalarCow::new(key.to_string())];
    runtime
        .try_get(&path)
        .map(|v| v.to_kstr().to_string())
        .unwrap_or_default()
}

/// Jekyll's `relative_url`: `baseurl` + the path (absolute URLs unchanged).
fn relative_url(input: &str, runtime: &dyn Runtime) -> String {
    if input.contains("://") || input.starts_with("//") || input.starts_with("mailto:") {
        return input.to_string();
    }
    let base = site_text(runtime, "baseurl");
    let base = base.trim_end_matches('/');
    let base = if base.is_empty() || base.starts_with('/') {
        base.to_string()
    } else {
        format!("/{base}")
    };
    let path = if input.starts_with('/') {
        input.to_string()
    } else {
        format!("/{input}")
    };
    format!("{base}{path}")
}

fn date(input: &dyn ValueView) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let text = input.to_kstr().to_string();
    let text = text.trim();
    chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .or_else(|| chrono::DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z").ok())
        .or_else(|| {
            chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
                .ok()
                .map(|d| d.and_utc().fixed_offset())
        })
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| d.and_utc().fixed_offset())
        })
}

fn ordinal(day: u32) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

impl Filter for Parsed {
    fn evaluate(&self, input: &dyn ValueView, runtime: &dyn Runtime) -> Result<Value> {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|e| {
                e.try_evaluate(runtime)
                    .map(|v| v.to_kstr().to_string())
                    .unwrap_or_default()
            })
            .collect();
        let text = || input.to_kstr().to_string();
        let out = match self.name {
            "relative_url" => relative_url(&text(), runtime),
            "absolute_url" => {
                let relative = relative_url(&text(), runtime);
                if relative.contains("://") {
                    relative
                } else {
                    format!(
                        "{}{relative}",
                        site_text(runtime, "url").trim_end_matches('/')
                    )
                }
            }
            "strip_index" => {
                let t = text();
                t.strip_suffix("index.html")
                    .or_else(|| t.strip_suffix("index.htm"))
                    .map_or(t.clone(), str::to_string)
            }
            "date_to_xmlschema" | "date_to_rfc822" | "date_to_string" | "date_to_long_string" => {
                let Some(d) = date(input) else {
                    return Ok(input.to_value());
                };
                use chrono::Datelike;
                let month = if self.name == "date_to_long_string" {
                    "%B"
                } else {
                    "%b"
                };
                match (
                    self.name,
                    args.first().map(String::as_str),
                    args.get(1).map(String::as_str),
                ) {
                    ("date_to_xmlschema", _, _) => {
                        d.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
                    }
                    ("date_to_rfc822", _, _) => d.format("%a, %d %b %Y %H:%M:%S %z").to_string(),
                    (_, Some("ordinal"), Some("US")) => {
                        format!("{} {}, {}", d.format(month), ordinal(d.day()), d.year())
                    }
                    (_, Some("ordinal"), _) => {
                        format!("{} {} {}", ordinal(d.day()), d.format(month), d.year())
                    }
                    _ => d.format(&format!("%d {month} %Y")).to_string(),
                }
            }
            "xml_escape" => escape(&text()).replace('\'', "&apos;"),
            "cgi_escape" => {
                let encoded: String = percent_encoding::utf8_percent_encode(
                    &text(),
                    percent_encoding::NON_ALPHANUMERIC,
                )
                .to_string()
                .replace("%20", "+")
                .replace("%2D", "-")
                .replace("%2E", ".")
                .replace("%5F", "_")
                .replace("%7E", "~");
                encoded
            }
            "uri_escape" => {
                const KEEP: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
                    .add(b' ')
                    .add(b'"')
                    .add(b'<')
                    .add(b'>')
                    .add(b'\\')
                    .add(b'^')
                    .add(b'`')
                    .add(b'{')
                    .add(b'|')
                    .add(b'}');
                percent_encoding::utf8_percent_encode(&text(), KEEP).to_string()
            }
            "markdownify" => markdown_block(&text()),
            "smartify" => {
                let html = crate::templates::markup::markdown_inline(&text());
                if html.starts_with("<p>") {
                    text()
                } else {
                    html
                }
            }
            "jsonify" => liquid_json(input).to_string(),
            "normalize_whitespace" => text().split_whitespace().collect::<Vec<_>>().join(" "),
            "number_of_words" => text().split_whitespace().count().to_string(),
            "to_integer" => {
                let t = text();
                match t.as_str() {
                    "true" => "1".into(),
                    "false" => "0".into(),
                    _ => t
                        .trim()
                        .chars()
                        .enumerate()
                        .take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '-'))
                        .map(|(_, c)| c)
                        .collect::<String>()
                        .parse::<i64>()
                        .unwrap_or(0)
                        .to_string(),
                }
            }
            "inspect" => escape(&liquid_json(input).to_string()),
            "fw_highlight" => {
                let lang = args.first().cloned().unwrap_or_default();
                format!("{CODE_START}{lang}{CODE_LANG_END}{}{CODE_END}", text())
            }
            _ => text(),
        };
        Ok(Value::scalar(out))
    }
}

/// A Liquid value as JSON.
fn liquid_json(value: &dyn ValueView) -> serde_json::Value {
    if let Some(array) = value.as_array() {
        return serde_json::Value::Array(array.values().map(liquid_json).collect());
    }
    if let Some(object) = value.as_object() {
        return serde_json::Value::Object(
            object
                .iter()
                .map(|(k, v)| (k.to_string(), liquid_json(v)))
                .collect(),
        );
    }
    if value.is_nil() {
        return serde_json::Value::Null;
    }
    if let Some(scalar) = value.as_scalar() {
        if let Some(b) = scalar.to_bool() {
            return serde_json::Value::Bool(b);
        }
        if let Some(i) = scalar.to_integer() {
            return serde_json::Value::from(i);
        }
        if let Some(f) = scalar.to_float() {
            return serde_json::Number::from_f64(f)
                .map_or(serde_json::Value::Null, serde_json::Value::Number);
        }
    }
    serde_json::Value::String(value.to_kstr().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(3), "3rd");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(22), "22nd");
    }
}
