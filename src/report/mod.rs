//! How feedwright tells what happened, for every command: errors, warnings
//! and the checker's findings as [`Message`]s, printed in one of three
//! [`Format`]s (text for a person, JSON for a program, GitHub Actions
//! workflow commands for a pull request), in colour when a person reads them.
//!
//! One renderer per format: `text` (source snippets drawn by
//! annotate-snippets), `json` and `github`. The commands decide what to say;
//! this module decides how it looks.

pub mod fates;
mod github;
mod gitlab;
mod json;
mod text;

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};

use feedwright_check::{Finding, Level};

use crate::error::{Diagnostic, Error, SourceLine, Warning};

pub use github::{escape_data, escape_property};
pub use text::Styles;

/// The process exit codes, the same for every command.
pub mod exit {
    /// Everything went well.
    pub const OK: u8 = 0;
    /// The content or an output has errors (a broken post, an invalid feed,
    /// an output that differs from the one on disk under `build --check`).
    pub const FAILURE: u8 = 1;
    /// The command cannot run as called: a wrong flag, a missing file, a
    /// configuration error.
    pub const USAGE: u8 = 2;
}

/// How diagnostics and findings are printed (`--format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// For a person: a line (and the source line where known) per message.
    #[default]
    Text,
    /// For a program: one JSON array on standard output.
    Json,
    /// For GitHub Actions: one workflow command per message on standard
    /// output, which GitHub shows on the pull request's lines.
    Github,
    /// For GitLab CI: a Code Quality report (a JSON array) on standard
    /// output, which GitLab shows on the merge request.
    Gitlab,
}

/// When to colour what a person reads (`--color`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set (to anything but nothing) or
    /// `TERM` is `dumb`.
    #[default]
    Auto,
    /// Always, even piped or with `NO_COLOR`.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream that `is_terminal` or not, given the
    /// values of `NO_COLOR` and `TERM`.
    pub fn colors(self, is_terminal: bool, no_color: Option<&OsStr>, term: Option<&OsStr>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal
                    && no_color.is_none_or(OsStr::is_empty)
                    && term.is_none_or(|t| t != "dumb")
            }
        }
    }

    /// [`ColorChoice::colors`] for standard error, reading the environment.
    pub fn colors_stderr(self) -> bool {
        use std::io::IsTerminal;
        self.colors(
            std::io::stderr().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var_os("TERM").as_deref(),
        )
    }
}

/// How much a command says (`-q`, `-v`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors, warnings and one summary line.
    #[default]
    Normal,
    /// Also what happened to every page, and why.
    Verbose,
}

/// How serious a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something the user may want to know.
    Note,
    /// Something to fix; it did not stop the command.
    Warning,
    /// It stopped the command, or (for the checker) makes a file invalid.
    Error,
}

impl Severity {
    /// `error`, `warning`, `note`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One thing to tell the user, in the shape every renderer reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// How serious it is.
    pub severity: Severity,
    /// The checker's code (`MissingTitle`), for findings.
    pub code: Option<String>,
    /// The file it is about, as the user named it.
    pub path: Option<String>,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// The 1-based column in characters, where known.
    pub column: Option<usize>,
    /// What is wrong.
    pub text: String,
    /// The source line and the part at fault, where known.
    pub source: Option<SourceLine>,
    /// How to fix it, where a hint helps.
    pub hint: Option<String>,
}

impl Message {
    /// A message about no file in particular.
    pub fn new(severity: Severity, text: impl Into<String>) -> Message {
        Message {
            severity,
            code: None,
            path: None,
            line: None,
            column: None,
            text: text.into(),
            source: None,
            hint: None,
        }
    }

    /// The message of a located diagnostic.
    pub fn from_diagnostic(severity: Severity, diagnostic: &Diagnostic) -> Message {
        Message {
            path: diagnostic.path.as_deref().map(display_path),
            line: diagnostic.line,
            column: diagnostic.column,
            source: diagnostic.source.clone(),
            hint: diagnostic.hint.clone(),
            ..Message::new(severity, diagnostic.message.clone())
        }
    }

    /// The message of one of the checker's findings.
    pub fn from_finding(finding: &Finding) -> Message {
        let severity = match finding.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
        };
        Message {
            code: Some(finding.code.to_string()),
            path: Some(finding.file.clone()),
            line: finding.line,
            column: finding.column,
            ..Message::new(severity, finding.message.clone())
        }
    }

    /// The messages of an error: one per broken file for a build's errors.
    pub fn from_error(error: &Error) -> Vec<Message> {
        match error {
            Error::Many(errors) => errors.iter().flat_map(Message::from_error).collect(),
            Error::Content(diagnostic) | Error::Config(diagnostic) => {
                vec![Message::from_diagnostic(Severity::Error, diagnostic)]
            }
            Error::Io { path, source } => vec![Message {
                path: Some(display_path(path)),
                ..Message::new(Severity::Error, source.to_string())
            }],
            Error::SelfCheck { findings } => findings
                .iter()
                .map(|finding| Message {
                    hint: Some(
                        "feedwright rendered this from valid input: it is a bug in feedwright; please report it"
                            .into(),
                    ),
                    ..Message::from_finding(finding)
                })
                .collect(),
            other => vec![Message::new(Severity::Error, other.to_string())],
        }
    }

    /// The message of a warning.
    pub fn from_warning(warning: &Warning) -> Message {
        match warning {
            Warning::Site(diagnostic) => Message::from_diagnostic(Severity::Warning, diagnostic),
            Warning::Output(finding) => Message {
                severity: Severity::Warning,
                ..Message::from_finding(finding)
            },
        }
    }
}

/// A path as the user wrote it (relative stays relative), `/` between its parts.
fn display_path(path: &Path) -> String {
    path.display().to_string()
}

/// How text for a person shows messages.
#[derive(Clone, Copy)]
enum Drawing {
    /// A run's diagnostics: each drawn over its source line (annotate-snippets).
    Drawn,
    /// A command's findings: a line each.
    Lines,
}

/// Where a command's output goes, and how it looks: the one way every
/// command prints.
///
/// Text for a person goes to standard error (the summary, a build's
/// messages in text format; `-q` keeps errors only); what the command was
/// run for (`check`'s findings, `list`'s table, `--format json` and
/// `--format github`) goes to standard output.
/// A write that fails (a closed pipe) is ignored: the exit code still tells.
pub struct Printer<'a> {
    /// Standard output.
    pub out: &'a mut dyn Write,
    /// Standard error.
    pub err: &'a mut dyn Write,
    /// How messages are printed.
    pub format: Format,
    /// The styles of text on standard error.
    pub styles: Styles,
    /// The styles of text on standard output (a table).
    pub out_styles: Styles,
    /// How much to say.
    pub verbosity: Verbosity,
    /// The repository's root (`GITHUB_WORKSPACE`, `CI_PROJECT_DIR`) that
    /// `--format github` and `--format gitlab` paths are relative to.
    pub workspace: Option<PathBuf>,
}

impl Printer<'_> {
    /// Prints what went wrong in a run (a build's errors and warnings) in
    /// the printer's format: text on standard error (errors only under
    /// `-q`), JSON or workflow commands on standard output.
    pub fn messages(&mut self, messages: &[Message]) {
        self.print(messages, self.format != Format::Text, Drawing::Drawn);
    }

    /// Prints a command's findings, what it was run to find (`check`): as
    /// [`Printer::messages`], but on standard output in every format, and
    /// in text a line each.
    pub fn findings(&mut self, messages: &[Message]) {
        self.print(messages, true, Drawing::Lines);
    }

    fn print(&mut self, messages: &[Message], to_stdout: bool, drawing: Drawing) {
        let text = match self.format {
            Format::Text => {
                let shown: Vec<Message> = messages
                    .iter()
                    .filter(|m| self.verbosity > Verbosity::Quiet || m.severity == Severity::Error)
                    .cloned()
                    .collect();
                let styles = if to_stdout {
                    self.out_styles
                } else {
                    self.styles
                };
                match drawing {
                    Drawing::Drawn => text::render(&shown, styles),
                    Drawing::Lines => text::render_lines(&shown, styles),
                }
            }
            format => render(messages, format, self.styles, self.workspace.as_deref()),
        };
        let stream = if to_stdout {
            &mut self.out
        } else {
            &mut self.err
        };
        let _ = stream.write_all(text.as_bytes());
    }

    /// A line for a person on standard error, unless `-q`.
    pub fn status(&mut self, line: &str) {
        if self.verbosity > Verbosity::Quiet {
            let _ = writeln!(self.err, "{line}");
        }
    }

    /// A line for a person on standard error, under `-v` only.
    pub fn detail(&mut self, line: &str) {
        if self.verbosity == Verbosity::Verbose {
            let _ = writeln!(self.err, "{line}");
        }
    }

    /// Text a program or a person reads on standard output, whatever the verbosity.
    pub fn output(&mut self, text: &str) {
        let _ = self.out.write_all(text.as_bytes());
    }
}

/// Every message in `format`: for [`Format::Text`] with `styles` (plain or
/// coloured); for [`Format::Github`] and [`Format::Gitlab`] with paths made
/// relative to `workspace` (the repository's root) when inside it.
pub fn render(
    messages: &[Message],
    format: Format,
    styles: Styles,
    workspace: Option<&Path>,
) -> String {
    match format {
        Format::Text => text::render(messages, styles),
        Format::Json => json::render(messages),
        Format::Github => github::render(messages, workspace),
        Format::Gitlab => gitlab::render(messages, workspace),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_the_terminal_no_color_and_the_flag() {
        let set = Some(OsStr::new("1"));
        assert!(ColorChoice::Auto.colors(true, None, None));
        assert!(!ColorChoice::Auto.colors(false, None, None));
        assert!(!ColorChoice::Auto.colors(true, set, None));
        assert!(ColorChoice::Auto.colors(true, Some(OsStr::new("")), None));
        assert!(!ColorChoice::Auto.colors(true, None, Some(OsStr::new("dumb"))));
        assert!(ColorChoice::Always.colors(false, set, None));
        assert!(!ColorChoice::Never.colors(true, None, None));
    }
}
