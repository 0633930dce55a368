//! `feedwright check` from the command line, and the build's self-check.

use std::path::PathBuf;

use assert_cmd::Command;
use feedwright::internals::{self_check, OutputFile};

use crate::common::warned;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo().join("crates/check/tests/check").join(name)
}

fn feedwright() -> Command {
    Command::cargo_bin("feedwright").expect("the binary builds")
}

#[test]
fn the_sample_site_builds_and_checks_clean() {
    let out = tempfile::tempdir().expect("a temp dir");
    let build = feedwright()
        .current_dir(repo())
        .args(["build", "--sitemap", "--out"])
        .arg(out.path())
        .args(["--content", "content", "--config", "feedwright.yaml"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&build.get_output().stderr).to_string();
    assert!(!warned(&stderr), "the build warned:\n{stderr}");

    let files: Vec<PathBuf> = ["rss.xml", "atom.xml", "sitemap.xml"]
        .iter()
        .map(|name| out.path().join(name))
        .collect();
    let check = feedwright().arg("check").args(&files).assert().success();
    let stdout = String::from_utf8_lossy(&check.get_output().stdout).to_string();
    assert_eq!(stdout, "", "findings on the sample site's output");
}

#[test]
fn an_error_fails_with_a_located_finding() {
    let assert = feedwright()
        .arg("check")
        .arg(fixture("rss-InvalidRFC2822Date.fail.xml"))
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        stdout.contains("rss-InvalidRFC2822Date.fail.xml:16:7: error[InvalidRFC2822Date]: "),
        "{stdout}"
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let file = fixture("rss-MissingGuid.fail.xml");
    let assert = feedwright().arg("check").arg(&file).assert().success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("warning[MissingGuid]"), "{stdout}");
    feedwright()
        .args(["check", "--deny-warnings"])
        .arg(&file)
        .assert()
        .code(1);
}

#[test]
fn json_output_is_an_array_of_findings() {
    let assert = feedwright()
        .args(["check", "--format", "json"])
        .arg(fixture("atom-MissingSelf.fail.xml"))
        .arg(fixture("atom-valid.xml"))
        .assert()
        .success();
    let findings: serde_json::Value =
        serde_json::from_slice(&assert.get_output().stdout).expect("JSON output");
    let findings = findings.as_array().expect("an array");
    assert_eq!(findings.len(), 1, "{findings:?}");
    let finding = &findings[0];
    assert_eq!(finding["code"], "MissingSelf");
    assert_eq!(finding["level"], "warning");
    assert_eq!(finding["line"], 2);
    assert!(finding["file"]
        .as_str()
        .is_some_and(|f| f.ends_with("atom-MissingSelf.fail.xml")));
}

#[test]
fn an_unreadable_file_is_an_error_finding_and_a_usage_error() {
    let assert = feedwright()
        .args(["check", "/nonexistent/feed.xml"])
        .assert()
        .code(2);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        stdout.starts_with("/nonexistent/feed.xml: error[IOError]: "),
        "{stdout}"
    );
}

#[test]
fn no_files_is_a_usage_error() {
    feedwright().arg("check").assert().code(2);
    feedwright()
        .args(["check", "--format", "yaml", "x.xml"])
        .assert()
        .code(2);
}

#[test]
fn the_build_refuses_output_that_fails_its_own_check() {
    let broken = OutputFile {
        name: "rss.xml".into(),
        bytes: b"<rss version=\"2.0\"><channel><link>https://example.org/</link></channel></rss>"
            .to_vec(),
    };
    let error = self_check(&[broken], chrono::Utc::now(), 5_000_000).expect_err("a broken feed");
    let feedwright::Error::SelfCheck { findings } = &error else {
        panic!("not a self-check error: {error:?}");
    };
    assert!(
        findings
            .iter()
            .any(|f| (f.file.as_str(), f.line, f.column) == ("rss.xml", Some(1), Some(20))),
        "{findings:?}"
    );
    let reports = error.reports();
    assert!(
        reports
            .iter()
            .any(|r| r.starts_with("rss.xml:1:20: error[MissingTitle]")
                && r.contains("bug in feedwright")),
        "{reports:?}"
    );
    assert_eq!(error.exit_code(), 1);
}

#[test]
fn the_builds_self_check_returns_warnings() {
    let text = std::fs::read(fixture("rss-MissingGuid.fail.xml")).expect("fixture");
    let file = OutputFile {
        name: "rss-MissingGuid.fail.xml".into(),
        bytes: text,
    };
    let warnings = self_check(&[file], chrono::Utc::now(), 5_000_000).expect("only warnings");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let feedwright::Warning::Output(finding) = &warnings[0] else {
        panic!("not a finding of the self-check: {warnings:?}");
    };
    assert_eq!(finding.file, "rss-MissingGuid.fail.xml");
    assert!(finding.line.is_some(), "{finding:?}");
    assert!(
        finding.to_string().contains("warning[MissingGuid]"),
        "{finding}"
    );
}
