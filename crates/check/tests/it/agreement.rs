//! `feedwright check` agrees with the W3C Feed Validation Service.
//!
//! Three corpora, each with the verdicts and message types the service's own
//! code gave on every file (measured offline by `tests/w3c/measure.py`; how
//! is in its docstring and in `docs/check.md`):
//!
//! - `tests/check/w3c-verdicts.tsv`: every RSS, Atom and RDF fixture of
//!   `tests/check/` and every mutated feed of `tests/check/agreement/`
//!   (written by `tests/check/mutate.py`);
//! - `tests/w3c/verdicts.tsv`: the service's own test cases that are feeds
//!   (`tests/w3c/testcases/`, copied by `tests/w3c/collect.py`), split in a
//!   half the rules were tuned on and a held-out half they were not;
//! - `tests/external/verdicts.tsv`: feeds other projects publish (parser
//!   tests, and real feeds of services and generators), split the same way.
//!
//! A verdict is valid (no error) or invalid. Each file is checked as if
//! fetched from the URL the service was given (column 5), so self links are
//! compared like with like. Every file where the verdicts differ is listed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use feedwright_check::{check, Options};

use crate::instant;

/// The day the W3C verdicts were measured: dates are judged against it.
fn measured() -> DateTime<Utc> {
    instant("2026-11-29T00:00:00Z")
}

/// One file's recorded verdict.
struct Recorded {
    file: String,
    valid: bool,
    codes: BTreeSet<String>,
    location: String,
    split: String,
}

fn codes(field: &str) -> impl Iterator<Item = String> + '_ {
    field
        .split(',')
        .filter(|c| !c.is_empty() && *c != "-")
        .map(str::to_string)
}

fn recorded(tsv: &Path) -> Vec<Recorded> {
    let text = fs::read_to_string(tsv).unwrap_or_else(|e| panic!("{}: {e}", tsv.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let fields: Vec<&str> = l.split('\t').collect();
            assert!(
                (5..=6).contains(&fields.len()),
                "bad line in {}: {l}",
                tsv.display()
            );
            assert!(
                matches!(fields[1], "valid" | "invalid"),
                "bad verdict in {}: {l}",
                tsv.display()
            );
            Recorded {
                file: fields[0].to_string(),
                valid: fields[1] == "valid",
                codes: codes(fields[2]).chain(codes(fields[3])).collect(),
                location: fields[4].to_string(),
                split: fields.get(5).unwrap_or(&"all").to_string(),
            }
        })
        .collect()
}

/// How many files of a split agree.
#[derive(Default)]
struct Tally {
    files: usize,
    verdicts: usize,
    types: usize,
    /// Files the service finds valid, and how many feedwright finds valid.
    valid: usize,
    valid_agree: usize,
    differ: Vec<String>,
}

impl Tally {
    fn percent(n: usize, of: usize) -> f64 {
        100.0 * n as f64 / of.max(1) as f64
    }
}

/// Checks every recorded file under `root`; the tallies by split.
fn measure(root: &Path, tsv: &Path) -> BTreeMap<String, Tally> {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for case in recorded(tsv) {
        let bytes =
            fs::read(root.join(&case.file)).unwrap_or_else(|e| panic!("{}: {e}", case.file));
        let options = Options::at(measured()).located(case.location.clone());
        let report = check(&case.file, &bytes, &options);
        let valid = !report.has_errors();
        let ours: BTreeSet<String> = report.findings.iter().map(|f| f.code.to_string()).collect();
        let tally = tallies.entry(case.split.clone()).or_default();
        tally.files += 1;
        if case.valid {
            tally.valid += 1;
            tally.valid_agree += usize::from(valid);
        }
        if valid == case.valid {
            tally.verdicts += 1;
            tally.types += usize::from(ours == case.codes);
        } else {
            tally.differ.push(format!(
                "{}: W3C {} {:?}, feedwright {} {:?}",
                case.file,
                if case.valid { "valid" } else { "invalid" },
                case.codes,
                if valid { "valid" } else { "invalid" },
                ours
            ));
        }
    }
    for (split, tally) in &tallies {
        eprintln!(
            "{}: {split}: {} files, verdicts agree on {} ({:.1}%), message types on {} ({:.1}%); \
             of the {} valid for the service, feedwright finds {} valid",
            tsv.display(),
            tally.files,
            tally.verdicts,
            Tally::percent(tally.verdicts, tally.files),
            tally.types,
            Tally::percent(tally.types, tally.files),
            tally.valid,
            tally.valid_agree,
        );
    }
    tallies
}

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Asserts that the verdicts of a split agree on at least `percent` of its files.
fn assert_agrees(tally: &Tally, what: &str, percent: usize) {
    assert!(
        tally.files >= 100,
        "{what}: only {} files in the corpus",
        tally.files
    );
    assert!(
        tally.verdicts * 100 >= tally.files * percent,
        "{what}: verdicts agree on only {} of {} files; they differ on:\n  {}",
        tally.verdicts,
        tally.files,
        tally.differ.join("\n  ")
    );
}

#[test]
fn fixtures_and_mutated_feeds_agree_with_the_w3c_service() {
    let dir = tests_dir().join("check");
    let tallies = measure(&dir, &dir.join("w3c-verdicts.tsv"));
    let all = &tallies["all"];
    assert_agrees(all, "fixtures and mutated feeds", 100);
    assert!(
        all.types * 100 >= all.files * 90,
        "message types agree on only {} of {} files",
        all.types,
        all.files
    );
}

#[test]
fn the_w3c_services_own_test_cases_agree() {
    let dir = tests_dir().join("w3c");
    let tallies = measure(&dir, &dir.join("verdicts.tsv"));
    // The rules were tuned on the disagreements of the dev half only: the
    // held-out half's are not listed unless the test fails.
    let dev = &tallies["dev"];
    for line in &dev.differ {
        eprintln!("  dev: verdicts differ: {line}");
    }
    assert_agrees(dev, "dev", 98);
    assert_agrees(&tallies["held-out"], "held-out", 98);
}

#[test]
fn feeds_from_other_projects_agree() {
    let dir = tests_dir().join("external");
    let tallies = measure(&dir, &dir.join("verdicts.tsv"));
    let dev = &tallies["dev"];
    for line in &dev.differ {
        eprintln!("  dev: verdicts differ: {line}");
    }
    assert_agrees(dev, "dev", 98);
    let held_out = &tallies["held-out"];
    assert_agrees(held_out, "held-out", 98);
    // Most of these files are invalid: the valid ones (no false error) are
    // held to the same mark on their own.
    let (valid, agree) = (
        dev.valid + held_out.valid,
        dev.valid_agree + held_out.valid_agree,
    );
    assert!(valid >= 100, "only {valid} valid files");
    assert!(
        agree * 100 >= valid * 98,
        "feedwright finds errors in {} of the {valid} files the service finds valid",
        valid - agree
    );
    // Every feed in the folder has its verdict.
    let listed: BTreeSet<String> = recorded(&dir.join("verdicts.tsv"))
        .into_iter()
        .map(|r| r.file)
        .collect();
    let mut unlisted = Vec::new();
    let mut folders = vec![dir.clone()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let name = path
                .strip_prefix(&dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            let feed = [".xml", ".rss", ".atom", ".rdf"]
                .iter()
                .any(|e| name.ends_with(e));
            if feed && !listed.contains(&name) {
                unlisted.push(name);
            }
        }
    }
    assert!(
        unlisted.is_empty(),
        "feeds without a recorded verdict: {unlisted:?}"
    );
}

#[test]
fn the_fixture_corpus_is_complete() {
    let dir = tests_dir().join("check");
    let listed: BTreeSet<String> = recorded(&dir.join("w3c-verdicts.tsv"))
        .into_iter()
        .map(|r| r.file)
        .collect();
    let mut missing = Vec::new();
    for sub in ["", "agreement/"] {
        for entry in fs::read_dir(dir.join(sub)).expect("tests/check") {
            let name = format!(
                "{sub}{}",
                entry.expect("an entry").file_name().to_string_lossy()
            );
            let file = name.strip_prefix(sub).unwrap_or(&name);
            let feed = name.ends_with(".xml")
                && ["rss-", "atom-", "rdf-", "rss091-"]
                    .iter()
                    .any(|p| file.starts_with(p));
            if feed && !listed.contains(&name) {
                missing.push(name);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "feeds without a recorded W3C verdict (measure them, see docs/check.md): {missing:?}"
    );
}
