//! `feedwright check FILE|URL…`: the checker's findings, printed; with
//! `--target`, what each platform will do to each entry of a feed file besides.

use std::path::PathBuf;
use std::time::Duration;

use feedwright_check::{check_file, check_url, Code, Fetch, Level};

use crate::lint::{lint, PlatformFinding, Target};
use crate::report::{exit, Message, Printer, Severity};

/// Checks each file, or each `https://` URL where it is served (and
/// `http://` on this machine), and with `targets` lints each feed file's
/// entries for those platforms; prints the findings and a summary line;
/// exits 1 on an error (or a warning, with `deny_warnings`), 2 when a file
/// cannot be read or a URL fetched.
pub fn check(
    inputs: &[PathBuf],
    deny_warnings: bool,
    timeout: Duration,
    targets: &[Target],
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
    let mut messages: Vec<Message> = findings.iter().map(Message::from_finding).collect();
    let platform = platform_findings(inputs, targets, &mut messages);
    printer.findings(&messages);
    let errors = findings.iter().filter(|f| f.level == Level::Error).count();
    let warnings = findings.len() - errors + platform;
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

/// What each of `targets` will do to the entries of each feed file among
/// `inputs` (URLs are not linted), added to `messages`; how many warnings.
fn platform_findings(inputs: &[PathBuf], targets: &[Target], messages: &mut Vec<Message>) -> usize {
    let mut count = 0;
    for target in targets {
        for path in inputs.iter().filter(|input| url_of(input).is_none()) {
            let Ok(bytes) = std::fs::read(path) else {
                continue; // The check reported it.
            };
            let name = path.display().to_string();
            let found = match lint(&name, &bytes, *target) {
                Ok(found) => found.iter().map(platform_message).collect(),
                Err(problem) => vec![Message {
                    path: Some(name),
                    code: Some(target.name().into()),
                    ..Message::new(
                        Severity::Warning,
                        format!("cannot be read as a feed for {target}: {problem}"),
                    )
                }],
            };
            count += found.len();
            messages.extend(found);
        }
    }
    count
}

/// A platform finding as a message: a warning coded with the platform's name.
fn platform_message(finding: &PlatformFinding) -> Message {
    let about = match (&finding.entry, &finding.url) {
        (Some(title), Some(url)) => format!("entry {title:?} <{url}>: "),
        (Some(title), None) => format!("entry {title:?}: "),
        _ => String::new(),
    };
    Message {
        code: Some(finding.target.name().into()),
        path: Some(finding.file.clone()),
        ..Message::new(Severity::Warning, format!("{about}{}", finding.message))
    }
}
