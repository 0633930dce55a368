//! The checker's integration tests, one binary: every rule on its fixtures
//! (`rules`), agreement with the W3C Feed Validation Service (`agreement`),
//! and with feature `http`, documents checked where a local server serves
//! them (`http`).

mod agreement;
#[cfg(feature = "http")]
mod http;
mod rules;
#[cfg(feature = "http")]
mod server;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use feedwright_check::Finding;

/// The folder of fixtures, `tests/check/`.
pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check")
}

/// A fixed instant, parsed from RFC 3339.
pub(crate) fn instant(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .expect("a valid date")
        .with_timezone(&Utc)
}

/// A fixture's bytes.
pub(crate) fn read(name: &str) -> Vec<u8> {
    fs::read(fixtures().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Findings, one a line, for failure messages.
pub(crate) fn render(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("  {f}\n"))
        .collect::<String>()
}
