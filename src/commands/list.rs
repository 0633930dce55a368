//! `feedwright list`: what a build would publish, as a table or JSON.

use super::exit_code;
use crate::report::{exit, fates, Message, Printer};
use crate::Options;

/// Reads the site as a build does and prints every page with its UTC date,
/// title, permalink, feeds and fate (`json`: a JSON array); writes nothing.
pub fn list(options: &Options, json: bool, printer: &mut Printer<'_>) -> u8 {
    match crate::list(options) {
        Ok(listing) => {
            let warnings: Vec<Message> =
                listing.warnings.iter().map(Message::from_warning).collect();
            printer.messages(&warnings);
            let text = if json {
                fates::json(&listing.fates)
            } else {
                fates::table(&listing.fates, printer.out_styles)
            };
            printer.output(&text);
            exit::OK
        }
        Err(error) => {
            printer.messages(&Message::from_error(&error));
            if json {
                printer.output("[]\n");
            }
            exit_code(&error)
        }
    }
}
