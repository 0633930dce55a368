//! The one error type of the library: what went wrong, in which file, at which line.

use std::fmt;
use std::path::{Path, PathBuf};

/// Everything that can stop a build or a check.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A flag or setting is wrong: the user must change how the tool is called.
    #[error("{0}")]
    Usage(String),

    /// The configuration file cannot be used, or one of its values would make
    /// an invalid feed: the user must change it.
    #[error("{}", Located { path, line: *line, message })]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// The 1-based line of the key at fault, where known.
        line: Option<usize>,
        /// Which key is wrong, how, and what is accepted.
        message: String,
    },

    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },

    /// A content file is broken: front matter, a date, its encoding.
    #[error("{}", Located { path, line: *line, message })]
    Content {
        /// The content file.
        path: PathBuf,
        /// The 1-based line the problem is on, where known.
        line: Option<usize>,
        /// What is wrong and, where it helps, how to fix it.
        message: String,
    },

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
        Error::Content {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    /// The exit code the command-line tool uses for this error: 2 for usage, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::Config { .. } => 2,
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
            Error::Content {
                path,
                line,
                message,
            } => Diagnostic::new(Some(path.clone()), *line, message.clone()),
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
}

impl Diagnostic {
    /// A message about `path` (at `line`, when known), or about the whole build.
    pub fn new(path: Option<PathBuf>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            path,
            line,
            column: None,
            message: message.into(),
        }
    }
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

impl From<Diagnostic> for Warning {
    fn from(diagnostic: Diagnostic) -> Self {
        Warning::Site(diagnostic)
    }
}

/// `path:line: message`, the shape compilers use, so editors can jump to it.
struct Located<'a> {
    path: &'a Path,
    line: Option<usize>,
    message: &'a str,
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_located(f, Some(self.path), self.line, None, self.message)
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
