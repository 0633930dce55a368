//! `feedwright check` from the command line, and the build's self-check.

use std::path::PathBuf;

use feedwright::internals::{self_check, OutputFile};

use crate::common::*;

fn fixture(name: &str) -> PathBuf {
    repo_root().join("crates/check/tests/check").join(name)
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

/// The checker's test server (`crates/check/tests/it/server.rs`).
#[path = "../../crates/check/tests/it/server.rs"]
mod server;

/// A server for `feedwright check URL`: a feed served well, one served
/// badly, a permanent redirect, a missing page, a slow reply and one over
/// the size cap.
fn feed_server() -> &'static server::Server {
    use server::{Body, Reply, Server};
    static SERVER: std::sync::OnceLock<Server> = std::sync::OnceLock::new();
    SERVER.get_or_init(|| {
        Server::start(|request, port| {
            let feed = std::fs::read_to_string(fixture("rss-valid.xml"))
                .unwrap()
                .replace(
                    "https://example.org/rss-valid.xml",
                    &format!("http://127.0.0.1:{port}/feed.xml"),
                );
            let rss = "application/rss+xml; charset=utf-8";
            match request.path.as_str() {
                "/feed.xml" if request.header("if-none-match") == Some("\"1\"") => {
                    Reply::new(304, "")
                }
                "/feed.xml" => Reply::new(200, feed)
                    .header("Content-Type", rss)
                    .header("ETag", "\"1\"")
                    .gzipped(),
                "/old.xml" => Reply::redirect(301, "/feed.xml"),
                "/bad.xml" => Reply::new(200, feed).header("Content-Type", "text/plain"),
                "/slow.xml" => Reply {
                    delay: std::time::Duration::from_secs(5),
                    ..Reply::new(200, feed).header("Content-Type", rss)
                },
                "/huge.xml" => Reply {
                    status: 200,
                    headers: vec![("Content-Type".into(), rss.into())],
                    // 51 MiB, over the 50 MiB a sitemap may have.
                    body: Body::Repeat(vec![b' '; 1024 * 1024], 51),
                    delay: std::time::Duration::ZERO,
                },
                _ => Reply::new(404, "not found"),
            }
        })
    })
}

fn check_url(args: &[&str]) -> (Option<i32>, String, String) {
    let output = feedwright()
        .arg("check")
        .args(args)
        .output()
        .expect("feedwright runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

#[test]
fn a_url_is_fetched_and_checked_where_it_is_served() {
    let server = feed_server();
    let (code, stdout, stderr) = check_url(&[&server.url("/feed.xml")]);
    assert_eq!((code, stdout.as_str()), (Some(0), ""), "{stderr}");

    // A permanent redirect: followed, said, and a warning.
    let old = server.url("/old.xml");
    let (code, stdout, stderr) = check_url(&[&old]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stderr.contains(&format!(
            "{old} redirects (301) to {}",
            server.url("/feed.xml")
        )),
        "{stderr}"
    );
    assert!(
        stdout.contains(&format!("{old}: warning[PermanentRedirect]: ")),
        "{stdout}"
    );

    // Bad headers, and a self link naming another URL: warnings, which
    // --deny-warnings turns into a failure.
    let bad = server.url("/bad.xml");
    let (code, stdout, _) = check_url(&["--deny-warnings", "--format", "json", &bad]);
    assert_eq!(code, Some(1));
    let findings: serde_json::Value = serde_json::from_str(&stdout).expect("JSON output");
    let codes: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "UnexpectedContentType",
            "Uncompressed",
            "NoConditionalGet",
            "SelfDoesntMatchLocation"
        ]
    );
    assert_eq!(findings[0]["file"], bad.as_str());
}

#[test]
fn a_url_that_cannot_be_fetched_is_a_usage_error() {
    let server = feed_server();
    let (code, stdout, _) = check_url(&[&server.url("/missing.xml")]);
    assert_eq!(code, Some(2));
    assert!(stdout.contains("error[HttpError]: "), "{stdout}");
    assert!(stdout.contains("404 Not Found"), "{stdout}");

    let started = std::time::Instant::now();
    let (code, stdout, _) = check_url(&["--timeout", "1", &server.url("/slow.xml")]);
    assert_eq!(code, Some(2));
    assert!(stdout.contains("error[IOError]: "), "{stdout}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));

    // Too large: read up to the cap, then refused.
    let (code, stdout, _) = check_url(&[&server.url("/huge.xml")]);
    assert_eq!(code, Some(1));
    assert!(stdout.contains("error[ValidatorLimit]: "), "{stdout}");

    // Plain http leaves this machine never.
    let (code, stdout, _) = check_url(&["http://example.invalid/feed.xml"]);
    assert_eq!(code, Some(2));
    assert!(stdout.contains("only https"), "{stdout}");
}
