//! The commands as the binary runs them: each calls the pipeline, prints
//! what happened through a [`Printer`](crate::report::Printer), and returns
//! the exit code ([`crate::report::exit`]). `main.rs` parses the arguments
//! and calls these.

mod build;
mod check;
mod init;
mod list;

pub use build::build;
pub use check::check;
pub use init::init;
pub use list::list;

use crate::report::{exit, Message, Printer};
use crate::syndicate::SyndicateOptions;

/// `feedwright syndicate`: publishes new posts; its own output is its
/// progress (or, with `--format json`, one JSON array, `[]` when it could
/// not start), its errors are messages.
pub fn syndicate(options: &SyndicateOptions, printer: &mut Printer<'_>) -> u8 {
    match crate::syndicate::run(options, printer.out, printer.err, printer.styles) {
        Ok(summary) => summary.exit_code(),
        Err(error) => {
            printer.messages(&Message::from_error(&error));
            if options.json {
                printer.output("[]\n");
            }
            exit_code(&error)
        }
    }
}

/// The exit code of an error: [`exit::USAGE`] for one in how the command
/// was called or configured, [`exit::FAILURE`] otherwise.
fn exit_code(error: &crate::Error) -> u8 {
    if error.exit_code() == i32::from(exit::USAGE) {
        exit::USAGE
    } else {
        exit::FAILURE
    }
}
