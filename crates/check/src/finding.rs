//! What the checker reports: [`Finding`]s, and the [`Sink`] that builds them
//! from byte offsets.

use std::fmt;

use serde::Serialize;

use crate::Code;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A recommendation: the file is valid, but readers or validators may stumble.
    Warning,
    /// The file is invalid.
    Error,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Warning => "warning",
            Level::Error => "error",
        })
    }
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file, as it was named to the checker.
    pub file: String,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// The 1-based column in characters, where known.
    pub column: Option<usize>,
    /// Error or warning: always `code.level()`.
    pub level: Level,
    /// What the finding is about; it serializes as its name.
    pub code: Code,
    /// A one-line explanation.
    pub message: String,
}

impl Finding {
    /// A finding about `file` as a whole; [`Finding::at`] gives it a place.
    pub fn new(file: &str, code: Code, message: impl Into<String>) -> Finding {
        Finding {
            file: file.to_string(),
            line: None,
            column: None,
            level: code.level(),
            code,
            message: message.into(),
        }
    }

    /// The finding, placed at a 1-based line and character column.
    pub fn at(self, line: usize, column: usize) -> Finding {
        Finding {
            line: Some(line),
            column: Some(column),
            ..self
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}[{}]: {}", self.level, self.code, self.message)
    }
}

/// The 1-based line and character column of byte offset `pos` in `text`,
/// given the offsets where its lines start.
fn locate(text: &str, line_starts: &[usize], pos: usize) -> (usize, usize) {
    let pos = pos.min(text.len());
    let line = line_starts.partition_point(|&s| s <= pos).max(1);
    let start = line_starts[line - 1];
    let column = text
        .get(start..pos)
        .map_or(pos - start, |s| s.chars().count())
        + 1;
    (line, column)
}

/// Collects the findings of one file, turning byte offsets into lines and columns.
pub(crate) struct Sink<'a> {
    file: &'a str,
    text: &'a str,
    line_starts: Vec<usize>,
    /// The findings so far.
    pub(crate) findings: Vec<Finding>,
    /// Whether the text was encoded in UTF-8 (podcasts should be).
    pub(crate) utf8: bool,
}

impl<'a> Sink<'a> {
    /// A sink for `file`, whose decoded text is `text`.
    pub(crate) fn new(file: &'a str, text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(line_breaks(text));
        Sink {
            file,
            text,
            line_starts,
            findings: Vec::new(),
            utf8: true,
        }
    }

    /// The file's name, as the findings show it.
    pub(crate) fn file(&self) -> &'a str {
        self.file
    }

    /// The file's decoded text.
    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// The 1-based line and character column of byte offset `pos`.
    pub(crate) fn locate(&self, pos: usize) -> (usize, usize) {
        locate(self.text, &self.line_starts, pos)
    }

    /// The whole source line that holds byte offset `pos`.
    pub(crate) fn line_text(&self, pos: usize) -> &'a str {
        let (line, _) = self.locate(pos);
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text.get(start..end).unwrap_or("")
    }

    /// Records a finding at byte offset `pos`.
    pub(crate) fn report(&mut self, pos: usize, code: Code, message: impl Into<String>) {
        let (line, column) = self.locate(pos);
        self.findings
            .push(Finding::new(self.file, code, message).at(line, column));
    }

    /// Records a finding about the whole file.
    pub(crate) fn report_whole(&mut self, code: Code, message: impl Into<String>) {
        self.findings.push(Finding::new(self.file, code, message));
    }
}

/// The offsets just after each `\n`.
fn line_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_character_columns() {
        let sink = Sink::new("f", "ab\nçd\n");
        assert_eq!(sink.locate(0), (1, 1));
        assert_eq!(sink.locate(3), (2, 1));
        assert_eq!(sink.locate(5), (2, 2));
        assert_eq!(sink.line_text(4), "çd\n");
    }

    #[test]
    fn a_finding_takes_its_level_from_its_code() {
        let finding = Finding::new("f.xml", Code::MissingGuid, "no guid").at(3, 4);
        assert_eq!(finding.level, Level::Warning);
        assert_eq!(
            finding.to_string(),
            "f.xml:3:4: warning[MissingGuid]: no guid"
        );
    }
}
