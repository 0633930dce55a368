//! `feedwright check FILE|URL…`: the checker's findings, printed.

use std::path::PathBuf;
use std::time::Duration;

use feedwright_check::{check_file, check_url, Code, Fetch, Level};

use crate::report::{exit, Message, Printer};

/// Checks each file, or each `https://` URL where it is served (and
/// `http://` on this machine), prints the findings and a summary line;
/// exits 1 on an error (or a warning, with `deny_warnings`), 2 when a file
/// cannot be read or a URL fetched.
pub fn check(
    inputs: &[PathBuf],
    deny_warnings: bool,
    timeout: Duration,
    printer: &mut Printer<'_>,
) -> u8 {
    let mut findings = Vec::new();
    for input in inputs {
        match url_of(input) {
            Some(url) => {
                let fetch = Fetch {
                    timeout,
                    ..Fetch::default()
                };
                let report = check_url(url, &fetch);
                for redirect in &report.redirects {
                    printer.status(&format!(
                        "feedwright: {} redirects ({}) to {}",
                        redirect.from, redirect.status, redirect.to
                    ));
                }
                findings.extend(report.findings);
            }
            None => findings.extend(check_file(input)),
        }
    }
    let messages: Vec<Message> = findings.iter().map(Message::from_finding).collect();
    printer.findings(&messages);
    let errors = findings.iter().filter(|f| f.level == Level::Error).count();
    let warnings = findings.len() - errors;
    printer.status(&format!(
        "feedwright: checked {} files: {errors} errors, {warnings} warnings",
        inputs.len()
    ));
    if findings
        .iter()
        .any(|f| matches!(f.code, Code::IOError | Code::HttpError))
    {
        exit::USAGE
    } else if errors > 0 || (deny_warnings && warnings > 0) {
        exit::FAILURE
    } else {
        exit::OK
    }
}

/// The argument as a URL, when it is one.
fn url_of(input: &std::path::Path) -> Option<&str> {
    let text = input.to_str()?;
    let scheme = text.split_once("://")?.0;
    (scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")).then_some(text)
}
