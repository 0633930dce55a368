//! Messages as GitHub Actions workflow commands
//! (`::error file=content/post.md,line=3,col=7,endColumn=17,title=…::message`),
//! which GitHub shows as annotations on the lines of a pull request. Data
//! and properties are escaped as GitHub's own toolkit escapes them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{Message, Severity};

/// One workflow command per message, each on its own line.
pub(super) fn render(messages: &[Message], workspace: Option<&Path>) -> String {
    let mut out = String::new();
    for message in messages {
        let command = match message.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut properties = Vec::new();
        if let Some(path) = &message.path {
            properties.push(("file", repository_path(path, workspace)));
            if let Some(line) = message.line {
                properties.push(("line", line.to_string()));
                if let Some(column) = message.column {
                    properties.push(("col", column.to_string()));
                    if let Some(source) = &message.source {
                        let marked = source.text[source.span.clone()].chars().count();
                        if marked > 0 {
                            properties.push(("endColumn", (column + marked).to_string()));
                        }
                    }
                }
            }
        }
        let title = match &message.code {
            Some(code) => format!("feedwright: {code}"),
            None => "feedwright".to_string(),
        };
        properties.push(("title", title));
        let mut data = message.text.clone();
        if let Some(hint) = &message.hint {
            let _ = write!(data, "\nhelp: {hint}");
        }
        let properties: Vec<String> = properties
            .iter()
            .map(|(name, value)| format!("{name}={}", escape_property(value)))
            .collect();
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            properties.join(","),
            escape_data(&data)
        );
    }
    out
}

/// A command's message: `%`, CR and LF escaped, as `@actions/core` does.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: as data, and `:` and `,` too, which would
/// end it.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `path` relative to the repository's root `workspace` when it lies inside
/// it (GitHub places annotations by such paths), with `/` between its parts;
/// else as given.
pub(super) fn repository_path(path: &str, workspace: Option<&Path>) -> String {
    let Some(workspace) = workspace else {
        return path.to_string();
    };
    let absolute = if Path::new(path).is_absolute() {
        PathBuf::from(path)
    } else {
        match std::env::current_dir() {
            Ok(dir) => dir.join(path),
            Err(_) => return path.to_string(),
        }
    };
    let normalise = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (absolute, workspace) = (normalise(&absolute), normalise(workspace));
    match absolute.strip_prefix(&workspace) {
        Ok(relative) => relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::SourceLine;

    #[test]
    fn data_and_properties_are_escaped_as_github_requires() {
        assert_eq!(
            escape_data("100% done\r\nnext: a, b"),
            "100%25 done%0D%0Anext: a, b"
        );
        assert_eq!(escape_property("C:\\a,b%\n"), "C%3A\\a%2Cb%25%0A");
    }

    #[test]
    fn a_located_error_with_a_hint() {
        let message = Message {
            path: Some("content/a,b.md".into()),
            line: Some(3),
            column: Some(7),
            source: Some(SourceLine::at_key("date: 2025-13-45", "date")),
            hint: Some("write it like `2025-01-15`".into()),
            ..Message::new(Severity::Error, "`date`: 50% wrong")
        };
        assert_eq!(
            render(&[message], None),
            "::error file=content/a%2Cb.md,line=3,col=7,endColumn=17,title=feedwright::`date`: 50%25 wrong%0Ahelp: write it like `2025-01-15`\n"
        );
    }

    #[test]
    fn findings_carry_their_code_and_warnings_are_warnings() {
        let finding = Message {
            code: Some("MissingTitle".into()),
            path: Some("public/rss.xml".into()),
            line: Some(1),
            column: Some(20),
            ..Message::new(Severity::Warning, "no title")
        };
        assert_eq!(
            render(&[finding, Message::new(Severity::Note, "n")], None),
            "::warning file=public/rss.xml,line=1,col=20,title=feedwright%3A MissingTitle::no title\n::notice title=feedwright::n\n"
        );
    }

    #[test]
    fn paths_are_made_relative_to_the_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let inside = dir.path().join("site/content/p.md");
        std::fs::create_dir_all(inside.parent().unwrap()).unwrap();
        std::fs::write(&inside, "x").unwrap();
        assert_eq!(
            repository_path(&inside.display().to_string(), Some(dir.path())),
            "site/content/p.md"
        );
        assert_eq!(
            repository_path("/elsewhere/p.md", Some(dir.path())),
            "/elsewhere/p.md"
        );
        assert_eq!(repository_path("p.md", None), "p.md");
    }
}
