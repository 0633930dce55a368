//! Messages as one JSON array, for programs: each an object with `file`,
//! `line`, `column`, `level`, `code` and `message` (the fields of the
//! checker's findings, so `check --format json` reads the same), and `hint`.

use serde::Serialize;

use super::Message;

#[derive(Serialize)]
struct Record<'a> {
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    level: &'static str,
    code: Option<&'a str>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
}

/// The messages as a pretty-printed JSON array and a line break.
pub(super) fn render(messages: &[Message]) -> String {
    let records: Vec<Record<'_>> = messages
        .iter()
        .map(|m| Record {
            file: m.path.as_deref(),
            line: m.line,
            column: m.column,
            level: m.severity.name(),
            code: m.code.as_deref(),
            message: &m.text,
            hint: m.hint.as_deref(),
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&records).expect("strings and numbers serialize");
    json.push('\n');
    json
}
