//! The one error type of the library: what went wrong, in which file, at which line.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Everything that can stop a build or a check.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A flag or setting is wrong: the user must change how the tool is called.
    #[error("{0}")]
    Usage(String),

    /// The site's feed would have no entries though the site has pages: why,
    /// and what to do (`--allow-empty` accepts it).
    #[error("{0}")]
    EmptyFeed(String),

    /// The configuration file cannot be used, or one of its values would make
    /// an invalid feed: the user must change it. The diagnostic names the
    /// file, the key's line and its value, and what is accepted.
    #[error("{0}")]
    Config(Box<Diagnostic>),

    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },

    /// A content file is broken: front matter, a date, its encoding. The
    /// diagnostic names the file, the line and the value where known, what
    /// is wrong and, where it helps, how to fix it.
    #[error("{0}")]
    Content(Box<Diagnostic>),

    /// Several content files are broken; each is reported.
    #[error("{} content files have errors", .0.len())]
    Many(Vec<Error>),

    /// An output could not be produced; this is a bug in feedwright.
    #[error("internal error while rendering {output}: {message}")]
    Render {
        /// The output file being rendered.
        output: String,
        /// What failed.
        message: String,
    },

    /// A rendered output failed its own check: feedwright made an invalid
    /// file from valid input, which is a bug in feedwright.
    #[error(
        "feedwright rendered an invalid file (a bug in feedwright; please report it): {}",
        join(findings)
    )]
    SelfCheck {
        /// The checker's error findings, as it reported them.
        findings: Vec<feedwright_check::Finding>,
    },
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A content error in `path`, at `line` when known.
    pub fn content(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Error::Content(Box::new(Diagnostic::new(
            Some(path.to_path_buf()),
            line,
            message,
        )))
    }

    /// An error in the configuration file `path`, at `line` when known.
    pub fn config(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Error::Config(Box::new(Diagnostic::new(
            Some(path.to_path_buf()),
            line,
            message,
        )))
    }

    /// The same error placed at `source` (the line's text and the value at
    /// fault), for a content or configuration error; other errors are returned as they are.
    pub fn at(mut self, source: Option<SourceLine>) -> Self {
        if let Error::Content(diagnostic) | Error::Config(diagnostic) = &mut self {
            if let Some(source) = source {
                diagnostic.place(source);
            }
        }
        self
    }

    /// The same error with a hint on how to fix it, for a content or
    /// configuration error; other errors are returned as they are.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        if let Error::Content(diagnostic) | Error::Config(diagnostic) = &mut self {
            diagnostic.hint = Some(hint.into());
        }
        self
    }

    /// The exit code the command-line tool uses for this error: 2 for usage, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::Config(_) => 2,
            _ => 1,
        }
    }

    /// The individual errors to print, one per line, in a stable order.
    pub fn reports(&self) -> Vec<String> {
        match self {
            Error::Many(errors) => errors.iter().flat_map(Error::reports).collect(),
            Error::SelfCheck { findings } => findings
                .iter()
                .map(|f| format!("{f} (feedwright rendered this; it is a bug in feedwright)"))
                .collect(),
            other => vec![other.to_string()],
        }
    }

    /// This error as a located message, for when the build goes on without
    /// the file it is about (`--keep-going`).
    pub fn to_diagnostic(&self) -> Diagnostic {
        match self {
            Error::Content(diagnostic) | Error::Config(diagnostic) => (**diagnostic).clone(),
            Error::Io { path, source } => {
                Diagnostic::new(Some(path.clone()), None, source.to_string())
            }
            other => Diagnostic::new(None, None, other.to_string()),
        }
    }
}

/// The findings joined into one line.
fn join(findings: &[feedwright_check::Finding]) -> String {
    let lines: Vec<String> = findings.iter().map(ToString::to_string).collect();
    lines.join("; ")
}

/// A located message: the file it is about, the line and column where known,
/// and what the user should know. Printed as `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file: a content file, or a folder; `None` for the build as a whole.
    pub path: Option<PathBuf>,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// The 1-based column, in characters, where known.
    pub column: Option<usize>,
    /// What the user should know and, where it helps, what to do.
    pub message: String,
    /// The text of the line and the part of it at fault, shown under the
    /// message with a marker, where known.
    pub source: Option<SourceLine>,
    /// How to fix it, where a hint helps (the accepted shapes, the nearest known key).
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A message about `path` (at `line`, when known), or about the whole build.
    pub fn new(path: Option<PathBuf>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            path,
            line,
            column: None,
            message: message.into(),
            source: None,
            hint: None,
        }
    }

    /// The same diagnostic shown over `source`, when there is one.
    pub fn placed(mut self, source: Option<SourceLine>) -> Self {
        if let Some(source) = source {
            self.place(source);
        }
        self
    }

    /// Shows `source` under the message, its span's column the diagnostic's.
    fn place(&mut self, source: SourceLine) {
        self.column = Some(source.column());
        self.source = Some(source);
    }
}

/// A line of a file and the part of it a diagnostic is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// The line's text, without its line break.
    pub text: String,
    /// The byte range within `text` the marker underlines (may be empty, at a point).
    pub span: Range<usize>,
}

impl SourceLine {
    /// `line` with `span` marked; a span outside the line, or not on
    /// character boundaries, is moved to the line's end.
    pub fn new(line: &str, span: Range<usize>) -> SourceLine {
        let valid = |i: usize| i <= line.len() && line.is_char_boundary(i);
        let span = if valid(span.start) && valid(span.end) && span.start <= span.end {
            span
        } else {
            line.len()..line.len()
        };
        SourceLine {
            text: line.to_string(),
            span,
        }
    }

    /// `line`, which sets `key` (`key: value`, `key = value`, the key
    /// quoted or not, or inside a one-line mapping `{name: x, key: value}`),
    /// with the value marked: the key when the value is empty, the line's
    /// text when the key is not on it.
    pub fn at_key(line: &str, key: &str) -> SourceLine {
        SourceLine::of_key(line, key).unwrap_or_else(|| SourceLine::whole(line))
    }

    /// [`SourceLine::at_key`] when `line` sets `key`; `None` when it does not.
    pub fn of_key(line: &str, key: &str) -> Option<SourceLine> {
        let span = match key_and_value(line, key)? {
            (key, value) if value.is_empty() => key,
            (_, value) => value,
        };
        Some(SourceLine::new(line, span))
    }

    /// `line` with its text (without the indentation and trailing spaces) marked.
    pub fn whole(line: &str) -> SourceLine {
        let start = line.len() - line.trim_start().len();
        SourceLine::new(line, start..start + line.trim().len())
    }

    /// The line of `text` where the byte range `span` starts (its 1-based
    /// number, and the line with the part of `span` on it marked), as TOML's
    /// parser places its errors.
    pub fn of_span(text: &str, span: Range<usize>) -> Option<(usize, SourceLine)> {
        let start = span.start.min(text.len());
        let line_start = text.get(..start)?.rfind('\n').map_or(0, |at| at + 1);
        let line = text[line_start..].lines().next().unwrap_or("");
        let number = text[..line_start].matches('\n').count() + 1;
        let from = start - line_start;
        let to = span.end.saturating_sub(line_start).clamp(from, line.len());
        Some((number, SourceLine::new(line, from..to)))
    }

    /// `line` with the word at the 1-based character `column` marked (a key,
    /// a value), as YAML's parser places its errors.
    pub fn word_at(line: &str, column: usize) -> SourceLine {
        let start = line
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line.len(), |(at, _)| at);
        let length = line[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '}' | ']'))
            .unwrap_or(line.len() - start);
        SourceLine::new(line, start..start + length)
    }

    /// The 1-based column, in characters, where the span starts.
    pub fn column(&self) -> usize {
        self.text[..self.span.start].chars().count() + 1
    }
}

/// Where `key` and its value are on `line`, as byte ranges; keys are
/// compared without regard to case, as front matter reads them.
fn key_and_value(line: &str, key: &str) -> Option<(Range<usize>, Range<usize>)> {
    let skip_spaces = |from: usize| from + (line[from..].len() - line[from..].trim_start().len());
    // Where a key may start: the line's first character, and after each `{`
    // or `,` (a one-line mapping).
    let starts = std::iter::once((skip_spaces(0), false)).chain(
        line.match_indices(['{', ','])
            .map(|(at, _)| (skip_spaces(at + 1), true)),
    );
    for (start, in_mapping) in starts {
        let rest = &line[start..];
        let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''));
        let name_start = start + quote.map_or(0, char::len_utf8);
        let Some(name) = line.get(name_start..name_start + key.len()) else {
            continue;
        };
        if !name.eq_ignore_ascii_case(key) {
            continue;
        }
        let mut key_end = name_start + key.len();
        if let Some(quote) = quote {
            if !line[key_end..].starts_with(quote) {
                continue;
            }
            key_end += quote.len_utf8();
        }
        let separator = skip_spaces(key_end);
        if !line[separator..].starts_with([':', '=']) {
            continue;
        }
        let value_start = skip_spaces(separator + 1);
        let value_end = value_start + value_length(&line[value_start..], in_mapping);
        return Some((start..key_end, value_start..value_end));
    }
    None
}

/// The length of the value at the start of `rest`: a quoted string to its
/// closing quote; a plain value to a comment (` #`), or inside a one-line
/// mapping to the next `,` or `}`; without trailing spaces.
fn value_length(rest: &str, in_mapping: bool) -> usize {
    if let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        // `\"` inside double quotes, `''` inside single ones, as YAML escapes them.
        let mut escaped = false;
        let mut chars = rest.char_indices().skip(1).peekable();
        while let Some((at, c)) = chars.next() {
            match c {
                '\\' if quote == '"' && !escaped => escaped = true,
                '\'' if quote == '\'' && chars.peek().is_some_and(|&(_, next)| next == '\'') => {
                    chars.next();
                }
                c if c == quote && !escaped => return at + 1,
                _ => escaped = false,
            }
        }
        return rest.trim_end().len();
    }
    let end = rest
        .char_indices()
        .find(|&(at, c)| {
            (c == '#' && rest[..at].ends_with([' ', '\t']))
                || (in_mapping && matches!(c, ',' | '}'))
        })
        .map_or(rest.len(), |(at, _)| at);
    rest[..end].trim_end().len()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_located(
            f,
            self.path.as_deref(),
            self.line,
            self.column,
            &self.message,
        )
    }
}

/// Something the user should hear about that did not stop the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Found while reading the content or rendering it: a skipped file, a
    /// post carried in part.
    Site(Diagnostic),
    /// Found by the self-check in a rendered file.
    Output(feedwright_check::Finding),
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Site(diagnostic) => diagnostic.fmt(f),
            Warning::Output(finding) => finding.fmt(f),
        }
    }
}

impl Warning {
    /// `error`, about a file the build went on without (`--keep-going`).
    pub fn skipped(error: &Error) -> Warning {
        let mut skipped = error.to_diagnostic();
        skipped.message.push_str(" (skipped)");
        Warning::Site(skipped)
    }
}

impl From<Diagnostic> for Warning {
    fn from(diagnostic: Diagnostic) -> Self {
        Warning::Site(diagnostic)
    }
}

/// `path:line:column: message`, each part of the location where known.
fn write_located(
    f: &mut fmt::Formatter<'_>,
    path: Option<&Path>,
    line: Option<usize>,
    column: Option<usize>,
    message: &str,
) -> fmt::Result {
    if let Some(path) = path {
        write!(f, "{}:", path.display())?;
        if let Some(line) = line {
            write!(f, "{line}:")?;
            if let Some(column) = column {
                write!(f, "{column}:")?;
            }
        }
        f.write_str(" ")?;
    }
    f.write_str(message)
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(line: &str, key: &str) -> String {
        let source = SourceLine::at_key(line, key);
        source.text[source.span].to_string()
    }

    #[test]
    fn the_value_of_a_key_is_marked() {
        assert_eq!(marked("date: 2025-13-45", "date"), "2025-13-45");
        assert_eq!(marked("Date : 2025-13-45  # when", "date"), "2025-13-45");
        assert_eq!(marked("date = 2023-01-31", "date"), "2023-01-31");
        assert_eq!(marked("\"date\": \"x \\\" y\" # c", "date"), "\"x \\\" y\"");
        assert_eq!(marked("  email: 'a''b'", "email"), "'a''b'");
        assert_eq!(marked("author: {name: Jane, email: x@y}", "email"), "x@y");
        assert_eq!(marked("author: {name: Jane, email: x@y}", "name"), "Jane");
        assert_eq!(marked("description :", "description"), "description");
        assert_eq!(marked("  dates: x", "date"), "dates: x");
        assert_eq!(marked("é: ü", "é"), "ü");
    }

    #[test]
    fn columns_count_characters() {
        let source = SourceLine::at_key("tïtle: x", "tïtle");
        assert_eq!(source.column(), 8);
        assert_eq!(SourceLine::new("abc", 7..9).span, 3..3);
    }
}
