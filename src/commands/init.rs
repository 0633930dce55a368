//! `feedwright init`: a commented `feedwright.yaml` for the site in a folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::exit_code;
use crate::config::DEFAULT_CONFIG_FILE;
use crate::error::Error;
use crate::report::{exit, Message, Printer, Severity};

/// Writes `feedwright.yaml` into the site's root `site_dir` (the working
/// folder by default) from what its Hugo, Jekyll or Zola configuration says;
/// never overwrites one (exit 2).
pub fn init(site_dir: Option<&Path>, printer: &mut Printer<'_>) -> u8 {
    let root = site_dir.unwrap_or(Path::new("."));
    let path = if root == Path::new(".") {
        PathBuf::from(DEFAULT_CONFIG_FILE)
    } else {
        root.join(DEFAULT_CONFIG_FILE)
    };
    if path.exists() {
        return refuse(&path, printer);
    }
    let site = match crate::site_config::read(root, None) {
        Ok(site) => site,
        Err(error) => {
            printer.messages(&Message::from_error(&error));
            printer.status("feedwright: nothing was written");
            return exit_code(&error);
        }
    };
    let text = crate::init::starter_config(site.as_ref());
    // `create_new`: a file that appeared since the check above is not replaced either.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut file| file.write_all(text.as_bytes()));
    match written {
        Ok(()) => {
            let from = match &site {
                Some(site) => format!(" from {}", site.describe_source()),
                None => String::new(),
            };
            printer.status(&format!(
                "feedwright: wrote {}{from}; review it, then run `feedwright build`",
                path.display()
            ));
            exit::OK
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => refuse(&path, printer),
        Err(e) => {
            let error = Error::io(&path, e);
            printer.messages(&Message::from_error(&error));
            exit_code(&error)
        }
    }
}

/// An existing file is the user's: it is never replaced.
fn refuse(path: &Path, printer: &mut Printer<'_>) -> u8 {
    printer.messages(&[Message {
        path: Some(path.display().to_string()),
        hint: Some("edit it, or move it away and run `feedwright init` again".into()),
        ..Message::new(
            Severity::Error,
            "already exists; `feedwright init` never overwrites it",
        )
    }]);
    exit::USAGE
}
