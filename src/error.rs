//! The one error type of the library: what went wrong, in which file, at which line.

use std::fmt;
use std::path::{Path, PathBuf};

/// Everything that can stop a build or a check.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A flag or setting is wrong: the user must change how the tool is called.
    #[error("{0}")]
    Usage(String),

    /// The configuration file cannot be used.
    #[error("{}: {message}", path.display())]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// What is wrong with it.
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

    /// A rendered output failed its own check; this is a bug in feedwright.
    #[error("feedwright rendered an invalid file (a bug in feedwright; please report it): {}", findings.join("; "))]
    SelfCheck {
        /// The error findings, one line each.
        findings: Vec<String>,
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
}

/// `path:line: message`, the shape compilers use, so editors can jump to it.
struct Located<'a> {
    path: &'a Path,
    line: Option<usize>,
    message: &'a str,
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
