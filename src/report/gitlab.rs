//! Messages as a GitLab Code Quality report: one JSON array of issues
//! (`description`, `check_name`, `fingerprint`, `severity`,
//! `location.path` and `location.lines.begin`, the subset of the Code
//! Climate format GitLab reads), which a job hands to GitLab as
//! `artifacts: reports: codequality:` so the findings show on a merge request.

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::Path;

use super::github::repository_path;
use super::{Message, Severity};

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The messages as a pretty-printed JSON array and a line break, paths
/// relative to the repository's root `workspace` (`CI_PROJECT_DIR`) when inside it.
pub(super) fn render(messages: &[Message], workspace: Option<&Path>) -> String {
    let issues: Vec<Issue> = messages
        .iter()
        .map(|message| {
            // GitLab requires a path: a message about no file is about the project.
            let path = message
                .path
                .as_deref()
                .map_or_else(|| ".".to_string(), |p| repository_path(p, workspace));
            let check_name = match &message.code {
                Some(code) => format!("feedwright/{code}"),
                None => "feedwright".to_string(),
            };
            let mut description = message.text.clone();
            if let Some(hint) = &message.hint {
                description.push_str(" (help: ");
                description.push_str(hint);
                description.push(')');
            }
            let line = message.line.unwrap_or(1);
            // The same finding in the same place keeps its fingerprint from
            // run to run, as GitLab compares a merge request with its target.
            let mut digest = Sha256::new();
            for part in [check_name.as_str(), &path, &line.to_string(), &description] {
                digest.update(part.as_bytes());
                digest.update([0]);
            }
            let fingerprint = digest.finalize()[..16]
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect();
            Issue {
                description,
                check_name,
                fingerprint,
                severity: match message.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Note => "info",
                },
                location: Location {
                    path,
                    lines: Lines { begin: line },
                },
            }
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&issues).expect("strings and numbers serialize");
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_message_is_an_issue_with_a_stable_fingerprint() {
        let error = Message {
            path: Some("content/a.md".into()),
            line: Some(3),
            column: Some(7),
            hint: Some("write it like `2025-01-15`".into()),
            ..Message::new(Severity::Error, "`date`: wrong")
        };
        let finding = Message {
            code: Some("MissingTitle".into()),
            path: Some("public/rss.xml".into()),
            ..Message::new(Severity::Warning, "no title")
        };
        let text = render(&[error.clone(), finding], None);
        let issues: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            issues[0],
            serde_json::json!({
                "description": "`date`: wrong (help: write it like `2025-01-15`)",
                "check_name": "feedwright",
                "fingerprint": issues[0]["fingerprint"],
                "severity": "major",
                "location": {"path": "content/a.md", "lines": {"begin": 3}},
            })
        );
        assert_eq!(issues[0]["fingerprint"].as_str().unwrap().len(), 32);
        assert_eq!(issues[1]["check_name"], "feedwright/MissingTitle");
        assert_eq!(issues[1]["severity"], "minor");
        assert_eq!(issues[1]["location"]["lines"]["begin"], 1);
        assert_ne!(issues[0]["fingerprint"], issues[1]["fingerprint"]);
        // The same message again, the same fingerprint; elsewhere, another.
        let again: serde_json::Value =
            serde_json::from_str(&render(std::slice::from_ref(&error), None)).unwrap();
        assert_eq!(again[0]["fingerprint"], issues[0]["fingerprint"]);
        let moved = Message {
            line: Some(4),
            ..error
        };
        let moved: serde_json::Value = serde_json::from_str(&render(&[moved], None)).unwrap();
        assert_ne!(moved[0]["fingerprint"], issues[0]["fingerprint"]);
    }
}
