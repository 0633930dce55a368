//! Prints one line per file, in the shape of `tests/check/w3c-verdicts.tsv`:
//! the name (relative to ROOT), the verdict, the error codes and the warning
//! codes; `tests/check/w3c/compare.py` sets these beside the W3C service's.
//!
//! ```text
//! cargo run --release -p feedwright-check --example verdicts -- [--w3c VERDICTS.tsv] NOW ROOT FILE...
//! ```
//!
//! NOW (RFC 3339) is the instant dates are judged against. With `--w3c`,
//! each file is checked at the location `measure.py` gave the service (the
//! fifth column), as the agreement tests do.

use std::collections::BTreeSet;
use std::process::ExitCode;

use feedwright_check::{check, Code, Level, Options};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    let mut locations = std::collections::HashMap::new();
    if args.peek().is_some_and(|a| a == "--w3c") {
        args.next();
        let Some(text) = args.next().and_then(|p| std::fs::read_to_string(p).ok()) else {
            eprintln!("verdicts: --w3c needs a readable verdicts file");
            return ExitCode::from(2);
        };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            if let (Some(name), Some(location)) = (fields.first(), fields.get(4)) {
                locations.insert(name.to_string(), location.to_string());
            }
        }
    }
    let (Some(now), Some(root)) = (args.next(), args.next()) else {
        eprintln!("usage: verdicts NOW ROOT FILE...");
        return ExitCode::from(2);
    };
    let Ok(now) = chrono::DateTime::parse_from_rfc3339(&now) else {
        eprintln!("verdicts: NOW must be an RFC 3339 date-time, not {now:?}");
        return ExitCode::from(2);
    };
    let options = Options::at(now.with_timezone(&chrono::Utc));
    for path in args {
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("verdicts: {path}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let name = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .trim_start_matches('/');
        let report = match locations.get(name) {
            Some(location) => check(name, &bytes, &options.clone().located(location)),
            None => check(name, &bytes, &options),
        };
        let codes = |level: Level| -> String {
            let set: BTreeSet<Code> = report
                .findings
                .iter()
                .filter(|f| f.level == level)
                .map(|f| f.code)
                .collect();
            if set.is_empty() {
                "-".to_string()
            } else {
                set.iter().map(|c| c.name()).collect::<Vec<_>>().join(",")
            }
        };
        let verdict = if report.has_errors() {
            "invalid"
        } else {
            "valid"
        };
        println!(
            "{name}\t{verdict}\t{}\t{}",
            codes(Level::Error),
            codes(Level::Warning)
        );
    }
    ExitCode::SUCCESS
}
