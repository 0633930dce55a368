//! `feedwright check FILE…`: the checker's findings, printed.

use std::path::PathBuf;

use feedwright_check::{check_file, Code, Level};

use crate::report::{exit, Message, Printer};

/// Checks each file, prints the findings and a summary line; exits 1 on an
/// error (or a warning, with `deny_warnings`), 2 when a file cannot be read.
pub fn check(files: &[PathBuf], deny_warnings: bool, printer: &mut Printer<'_>) -> u8 {
    let findings: Vec<_> = files.iter().flat_map(|path| check_file(path)).collect();
    let messages: Vec<Message> = findings.iter().map(Message::from_finding).collect();
    printer.findings(&messages);
    let errors = findings.iter().filter(|f| f.level == Level::Error).count();
    let warnings = findings.len() - errors;
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
