//! Reads what templates need from the site's folder: its data files and the
//! names of its own shortcodes. The generator and the parameters templates
//! look up come from the site's configuration ([`crate::site_config`]).

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::context::{Generator, PageIndex, SiteContext};
use crate::config::Config;
use crate::content::site::Site;
use crate::site_config::{self, SiteSettings};

/// Everything templates may read about `site`: its generator, parameters,
/// data files, shortcode names, and every page by its source path.
pub fn site_context(site: &Site, config: &Config) -> SiteContext {
    let site_root = config.site_root();
    // A site named by its content folder alone (`--content site/content`) is
    // recognised from the folder that holds it.
    let settings: Cow<'_, SiteSettings> = if config.generator == Generator::None {
        Cow::Owned(
            site_config::read(&site_root, None)
                .ok()
                .flatten()
                .unwrap_or_default(),
        )
    } else {
        Cow::Borrowed(&config.site)
    };
    let generator = match settings.generator {
        Generator::None
            if config
                .content_dir
                .file_name()
                .is_some_and(|n| n == "_posts") =>
        {
            Generator::Jekyll
        }
        generator => generator,
    };
    let prefix = config
        .content_dir
        .strip_prefix(&site_root)
        .ok()
        .and_then(|rel| content_relative(rel, Path::new("")))
        .unwrap_or_default();
    let mut pages = PageIndex::new(&prefix);
    for page in &site.pages {
        let Some(source) = page.source.as_deref() else {
            continue;
        };
        if let Some(rel) = content_relative(source, &config.content_dir) {
            pages.insert(&rel, page.permalink.clone());
        }
    }
    let data_folder = settings.data_dir.clone().unwrap_or_else(|| {
        site_root.join(if generator == Generator::Jekyll {
            "_data"
        } else {
            "data"
        })
    });
    let mut context = SiteContext::new(config.base_url.clone());
    context.generator = generator;
    context.params = match &settings.params {
        Value::Object(_) => settings.params.clone(),
        _ => empty(),
    };
    context.data = if generator == Generator::Zola {
        empty()
    } else {
        data_dir(&data_folder)
    };
    context.shortcodes = shortcode_names(&site_root);
    context.pages = pages;
    context.content_dir = config.content_dir.clone();
    context.language_content_dirs = settings
        .languages
        .iter()
        .filter_map(|language| language.content_dir.as_ref())
        .map(|dir| without_dots(&site_root.join(dir)))
        .collect();
    // Zola refuses a page with a broken `@/` link unless its link checker only warns.
    context.broken_links_fatal = settings
        .raw
        .get("link_checker")
        .and_then(|l| l.get("internal_level"))
        .and_then(Value::as_str)
        != Some("warn");
    context.site_root = site_root;
    context
}

/// `path` without its `.` components (`./content/en` is `content/en`), so
/// that paths from the root and from the content folder compare.
pub(crate) fn without_dots(path: &Path) -> std::path::PathBuf {
    path.components()
        .filter(|c| *c != std::path::Component::CurDir)
        .collect()
}

/// `path` under `content_dir`, `/`-separated.
pub fn content_relative(path: &Path, content_dir: &Path) -> Option<String> {
    let rel = path.strip_prefix(content_dir).ok()?;
    let parts: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(part) => Some(part.to_str()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    Some(parts.join("/"))
}

fn empty() -> Value {
    Value::Object(Map::new())
}

/// Every data file under `dir` (YAML, JSON, CSV, TSV, TOML) as one object:
/// `dir/authors.yml` is key `authors`, sub-folders nest. Unreadable files are skipped.
pub fn data_dir(dir: &Path) -> Value {
    let mut object = Map::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return Value::Object(object);
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            object.insert(name.to_string(), data_dir(&path));
        } else if let Some(value) = read_data_file(&path) {
            let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
            object.insert(stem.to_string(), value);
        }
    }
    Value::Object(object)
}

/// One data file, by its extension.
pub fn read_data_file(path: &Path) -> Option<Value> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    let text = fs::read_to_string(path).ok()?;
    match extension.as_str() {
        "yml" | "yaml" => serde_yaml::from_str(&text).ok(),
        "json" => serde_json::from_str(&text).ok(),
        "toml" => toml_to_json(text.parse::<toml::Table>().ok()?.into()),
        "csv" => Some(delimited(&text, ',')),
        "tsv" => Some(delimited(&text, '\t')),
        _ => None,
    }
}

/// A TOML value as JSON (dates as their TOML text).
pub fn toml_to_json(value: toml::Value) -> Option<Value> {
    Some(match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => {
            Value::Array(items.into_iter().filter_map(toml_to_json).collect())
        }
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .filter_map(|(k, v)| Some((k, toml_to_json(v)?)))
                .collect(),
        ),
    })
}

/// CSV/TSV with a header row: a list of rows keyed by the header (Jekyll's
/// reading; values stay strings). Quoted fields may hold the delimiter and `""`.
fn delimited(text: &str, delimiter: char) -> Value {
    let mut rows = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| split_row(l, delimiter));
    let Some(header) = rows.next() else {
        return Value::Array(Vec::new());
    };
    Value::Array(
        rows.map(|row| {
            Value::Object(
                header
                    .iter()
                    .zip(row.into_iter().chain(std::iter::repeat(String::new())))
                    .map(|(k, v)| (k.clone(), Value::String(v)))
                    .collect(),
            )
        })
        .collect(),
    )
}

fn split_row(line: &str, delimiter: char) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// The names of the site's and its themes' own shortcodes: Hugo's
/// `layouts/shortcodes/` and `layouts/_shortcodes/` (with sub-folders, as in
/// `blocks/cover`), in the site and in `themes/*/`; Zola's `templates/shortcodes/`.
pub fn shortcode_names(site_root: &Path) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut roots = vec![site_root.to_path_buf()];
    if let Ok(themes) = fs::read_dir(site_root.join("themes")) {
        let mut themes: Vec<PathBuf> = themes.filter_map(Result::ok).map(|e| e.path()).collect();
        themes.sort();
        roots.extend(themes);
    }
    for root in roots {
        for folder in [
            "layouts/shortcodes",
            "layouts/_shortcodes",
            "templates/shortcodes",
        ] {
            collect_names(&root.join(folder), "", &mut names, 0);
        }
    }
    names
}

fn collect_names(dir: &Path, prefix: &str, names: &mut BTreeSet<String>, depth: usize) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if path.is_dir() && depth < 4 {
            collect_names(&path, &format!("{prefix}{name}/"), names, depth + 1);
        } else if let Some(stem) = name.split('.').next().filter(|s| !s.is_empty()) {
            names.insert(format!("{prefix}{stem}"));
        }
    }
}

/// A page's whole front matter (the text between its delimiters) as JSON;
/// `Null` when it does not parse (the front-matter reader reports that).
pub fn front_matter_value(front: &str, toml: bool) -> Value {
    let parsed = if toml {
        front
            .parse::<toml::Table>()
            .ok()
            .and_then(|t| toml_to_json(t.into()))
    } else {
        serde_yaml::from_str::<Value>(front).ok()
    };
    parsed.filter(Value::is_object).unwrap_or(Value::Null)
}

/// A page's whole front matter (YAML between `---`, TOML between `+++`) as JSON.
pub fn front_matter_json(text: &str) -> Value {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (fence, toml) in [("---", false), ("+++", true)] {
        let Some(rest) = text.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
        else {
            continue;
        };
        let end = rest
            .match_indices(fence)
            .find(|(i, _)| *i == 0 || rest.as_bytes()[i - 1] == b'\n')
            .map(|(i, _)| i);
        let Some(end) = end else { continue };
        let inner = &rest[..end];
        let parsed = if toml {
            inner
                .parse::<toml::Table>()
                .ok()
                .and_then(|t| toml_to_json(t.into()))
        } else {
            serde_yaml::from_str::<Value>(inner).ok()
        };
        return parsed.filter(Value::is_object).unwrap_or(Value::Null);
    }
    Value::Null
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_of_every_kind() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("authors.yml"), "miek:\n  name: Miek\n").unwrap();
        fs::write(
            dir.path().join("people.csv"),
            "name,age\nann,3\n\"b, c\",4\n",
        )
        .unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("sub/x.json"), "{\"a\": [1]}").unwrap();
        fs::write(dir.path().join("t.toml"), "k = 2020-01-01\n").unwrap();
        let data = data_dir(dir.path());
        assert_eq!(data["authors"]["miek"]["name"], "Miek");
        assert_eq!(data["people"][1]["name"], "b, c");
        assert_eq!(data["people"][0]["age"], "3");
        assert_eq!(data["sub"]["x"]["a"][0], 1);
        assert_eq!(data["t"]["k"], "2020-01-01");
    }

    #[test]
    fn front_matter_of_both_kinds() {
        assert_eq!(front_matter_json("---\na: 1\n---\nbody")["a"], 1);
        assert_eq!(
            front_matter_json("+++\n[extra]\nb = \"x\"\n+++\nbody")["extra"]["b"],
            "x"
        );
        assert_eq!(front_matter_json("no front matter"), Value::Null);
    }
}
