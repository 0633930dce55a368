//! `feedwright check FILE…`: the checker's findings, printed; with
//! `--target`, what each platform will do to each entry besides.

use std::path::PathBuf;

use feedwright_check::{check_file, Code, Level};

use crate::lint::{lint, PlatformFinding, Target};
use crate::report::{exit, Message, Printer, Severity};

/// Checks each file, and with `targets` lints its entries for those
/// platforms; prints the findings and a summary line; exits 1 on an error
/// (or a warning, with `deny_warnings`), 2 when a file cannot be read.
pub fn check(
    files: &[PathBuf],
    deny_warnings: bool,
    targets: &[Target],
    printer: &mut Printer<'_>,
) -> u8 {
    let findings: Vec<_> = files.iter().flat_map(|path| check_file(path)).collect();
    let mut messages: Vec<Message> = findings.iter().map(Message::from_finding).collect();
    let mut platform = 0;
    for target in targets {
        for path in files {
            let Ok(bytes) = std::fs::read(path) else {
                continue; // The check above reported it.
            };
            let name = path.display().to_string();
            match lint(&name, &bytes, *target) {
                Ok(found) => {
                    platform += found.len();
                    messages.extend(found.iter().map(platform_message));
                }
                Err(problem) => messages.push(Message {
                    path: Some(name),
                    code: Some(target.name().into()),
                    ..Message::new(
                        Severity::Warning,
                        format!("cannot be read as a feed for {target}: {problem}"),
                    )
                }),
            }
        }
    }
    printer.findings(&messages);
    let errors = findings.iter().filter(|f| f.level == Level::Error).count();
    let warnings = findings.len() - errors + platform;
    printer.status(&format!(
        "feedwright: checked {} files: {errors} errors, {warnings} warnings",
        files.len()
    ));
    if findings.iter().any(|f| f.code == Code::IOError) {
        exit::USAGE
    } else if errors > 0 || (deny_warnings && warnings > 0) {
        exit::FAILURE
    } else {
        exit::OK
    }
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
