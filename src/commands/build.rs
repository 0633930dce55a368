//! `feedwright build`, and `build --check`.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use super::exit_code;
use crate::report::{exit, Message, Printer, Severity, Styles};
use crate::{Error, Options, Report};

/// Builds the site (with `check`, in memory only, comparing each output with
/// the file on disk), prints its warnings or errors and one summary line,
/// and returns the exit code.
pub fn build(options: &Options, check: bool, printer: &mut Printer<'_>) -> u8 {
    let started = Instant::now();
    if check {
        return verify(options, started, printer);
    }
    match crate::build(options) {
        Ok(report) => {
            notes(&report, printer);
            if options.print_discovery {
                printer.output(&report.discovery_tags());
            }
            printer.messages(&warnings(&report));
            let line = summary("wrote", &report, started.elapsed(), printer.styles);
            printer.status(&line);
            exit::OK
        }
        Err(error) => failed(&error, printer),
    }
}

/// `build --check`: nothing is written; each output that differs from the
/// build's is an error.
fn verify(options: &Options, started: Instant, printer: &mut Printer<'_>) -> u8 {
    let verification = match crate::verify(options) {
        Ok(verification) => verification,
        Err(error) => return failed(&error, printer),
    };
    let report = &verification.report;
    notes(report, printer);
    let mut messages = warnings(report);
    for difference in &verification.differing {
        messages.push(Message {
            path: Some(difference.path.display().to_string()),
            hint: Some("run `feedwright build` and commit what it writes".into()),
            ..Message::new(
                Severity::Error,
                if difference.missing {
                    "is missing: the build would write it"
                } else {
                    "differs from what the build makes: it is out of date"
                },
            )
        });
    }
    printer.messages(&messages);
    if verification.differing.is_empty() {
        let line = summary("checked", report, started.elapsed(), printer.styles);
        printer.status(&format!("{line}; all up to date"));
        exit::OK
    } else {
        printer.status(&format!(
            "feedwright: {} of {} outputs are out of date; nothing was written",
            verification.differing.len(),
            report.files.len()
        ));
        exit::FAILURE
    }
}

/// What the build read (the generator configuration it used), unless `-q`;
/// what it left out (languages without posts) and every page's fate, under
/// `-v`; with
/// `--print-urls`, each content file's URL on standard output.
fn notes(report: &Report, printer: &mut Printer<'_>) {
    for note in &report.notes {
        printer.status(&format!("feedwright: {note}"));
    }
    for detail in &report.details {
        printer.detail(&format!("feedwright: {detail}"));
    }
    if !report.fates.is_empty() {
        let lines = crate::report::fates::lines(&report.fates, printer.styles);
        printer.detail(lines.trim_end());
    }
    for (file, url) in &report.urls {
        printer.output(&format!("{file}\t{url}\n"));
    }
}

/// The messages of a build's warnings.
fn warnings(report: &Report) -> Vec<Message> {
    report.warnings.iter().map(Message::from_warning).collect()
}

/// Prints the errors of a failed build and says nothing was written.
fn failed(error: &Error, printer: &mut Printer<'_>) -> u8 {
    printer.messages(&Message::from_error(error));
    let line = match error {
        Error::Many(errors) if errors.len() > 1 => {
            format!(
                "feedwright: {} files have errors; nothing was written",
                errors.len()
            )
        }
        _ => "feedwright: nothing was written".to_string(),
    };
    printer.status(&line);
    exit_code(error)
}

/// The line that ends a build: the files, the entries, the sitemap's URLs,
/// the warnings and the time taken.
/// `feedwright: wrote public/rss.xml, public/atom.xml: 20 entries, 2 warnings in 0.04s`.
fn summary(verb: &str, report: &Report, elapsed: Duration, styles: Styles) -> String {
    // The site's files by name; a site with feeds per section and term
    // writes dozens more, counted.
    const NAMED: usize = 8;
    let mut files: Vec<String> = report
        .files
        .iter()
        .take(NAMED)
        .map(|name| report.out_dir.join(name).display().to_string())
        .collect();
    if report.files.len() > NAMED {
        files.push(format!("{} more files", report.files.len() - NAMED));
    }
    let mut line = format!("feedwright: {verb} {}: ", files.join(", "));
    let count = |n: usize, one: &str, many: &str| {
        styles.paint(
            styles.bold(),
            format!("{n} {}", if n == 1 { one } else { many }),
        )
    };
    line.push_str(&count(report.entries, "entry", "entries"));
    if report.sitemap_urls > 0 {
        let _ = write!(
            line,
            ", {}",
            count(report.sitemap_urls, "sitemap URL", "sitemap URLs")
        );
    }
    let _ = write!(
        line,
        ", {} in {:.2}s",
        count(report.warnings.len(), "warning", "warnings"),
        elapsed.as_secs_f64()
    );
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_each_file_and_counts() {
        let report = Report {
            entries: 1,
            sitemap_urls: 7,
            out_dir: "public".into(),
            files: vec!["rss.xml".into(), "sitemap.xml".into()],
            ..Report::default()
        };
        assert_eq!(
            summary("wrote", &report, Duration::from_millis(42), Styles::PLAIN),
            "feedwright: wrote public/rss.xml, public/sitemap.xml: 1 entry, 7 sitemap URLs, 0 warnings in 0.04s"
        );
    }
}
