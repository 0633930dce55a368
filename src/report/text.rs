//! Messages for a person. A run's diagnostics are drawn the way rustc draws
//! one (annotate-snippets): the message, `--> path:line:column`, the line
//! with a marker under the value, and the hint; a diagnostic whose line was
//! not kept is shown with the line read from its file, marked whole. A
//! command's findings (`check`) are one line each, `path:line:column:
//! severity[code]: message`, the shape linters print, which editors jump to.

use std::fmt::Write as _;

use annotate_snippets::renderer::{
    DEFAULT_ERROR_STYLE, DEFAULT_HELP_STYLE, DEFAULT_NOTE_STYLE, DEFAULT_WARNING_STYLE,
};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use anstyle::Style;

use super::{Message, Severity};
use crate::error::SourceLine;

/// The styles of text output: all plain, or coloured for a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Styles {
    colored: bool,
}

impl Styles {
    /// No colour: piped, `--color never`, `NO_COLOR`.
    pub const PLAIN: Styles = Styles { colored: false };
    /// Colour, in the styles rustc and cargo use.
    pub const COLORED: Styles = Styles { colored: true };

    /// Colour when `colored`.
    pub fn new(colored: bool) -> Styles {
        Styles { colored }
    }

    /// Whether these styles colour.
    pub fn colored(self) -> bool {
        self.colored
    }

    /// The style of a severity's name.
    pub fn severity(self, severity: Severity) -> Style {
        self.pick(match severity {
            Severity::Error => DEFAULT_ERROR_STYLE,
            Severity::Warning => DEFAULT_WARNING_STYLE,
            Severity::Note => DEFAULT_NOTE_STYLE,
        })
    }

    /// The style of a hint's `help`.
    pub fn help(self) -> Style {
        self.pick(DEFAULT_HELP_STYLE)
    }

    /// Bold, for what stands out in a line (a summary's figures).
    pub fn bold(self) -> Style {
        self.pick(Style::new().bold())
    }

    /// Green, for what went well.
    pub fn good(self) -> Style {
        self.pick(anstyle::AnsiColor::Green.on_default().bold())
    }

    /// `text` in `style`.
    pub fn paint(self, style: Style, text: impl std::fmt::Display) -> String {
        if style == Style::new() {
            text.to_string()
        } else {
            format!("{}{text}{}", style.render(), style.render_reset())
        }
    }

    fn pick(self, style: Style) -> Style {
        if self.colored {
            style
        } else {
            Style::new()
        }
    }

    fn renderer(self) -> Renderer {
        if self.colored {
            Renderer::styled()
        } else {
            Renderer::plain()
        }
    }
}

/// Every message drawn, each followed by an empty line, as rustc does, so
/// the next message stands apart.
pub(super) fn render(messages: &[Message], styles: Styles) -> String {
    let mut out = String::new();
    for message in messages {
        out.push_str(&drawn(message, styles));
        out.push_str("\n\n");
    }
    out
}

/// Every message on a line of its own (and its hint on the next).
pub(super) fn render_lines(messages: &[Message], styles: Styles) -> String {
    let mut out = String::new();
    for message in messages {
        one_line(&mut out, message, styles);
    }
    out
}

/// `path:line:column: severity[code]: text`, and the hint on a line of its own.
fn one_line(out: &mut String, message: &Message, styles: Styles) {
    if let Some(path) = &message.path {
        out.push_str(path);
        for number in [message.line, message.column].into_iter().map_while(|n| n) {
            let _ = write!(out, ":{number}");
        }
        out.push_str(": ");
    }
    let mut name = message.severity.name().to_string();
    if let Some(code) = &message.code {
        let _ = write!(name, "[{code}]");
    }
    let _ = writeln!(
        out,
        "{}: {}",
        styles.paint(styles.severity(message.severity), name),
        message.text
    );
    if let Some(hint) = &message.hint {
        let _ = writeln!(out, "  = {}: {hint}", styles.paint(styles.help(), "help"));
    }
}

/// The message drawn by annotate-snippets: over its source line where it
/// has one (or its file still has that line), else under its file's name.
fn drawn(message: &Message, styles: Styles) -> String {
    let level = match message.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    // A message about a whole file names it first: `error: a.md: is a symbolic link`.
    let text = match (&message.path, message.line) {
        (Some(path), None) => format!("{path}: {}", message.text),
        _ => message.text.clone(),
    };
    let mut title = level.primary_title(text.as_str());
    if let Some(code) = &message.code {
        title = title.id(code.as_str());
    }
    let source = message.source.clone().or_else(|| line_on_disk(message));
    let mut group = match (&message.path, message.line, &source) {
        (Some(path), Some(line), Some(source)) => title.element(
            Snippet::source(source.text.as_str())
                .line_start(line)
                .path(path.as_str())
                .annotation(AnnotationKind::Primary.span(source.span.clone())),
        ),
        (Some(path), Some(line), None) => {
            let mut origin = Origin::path(path.as_str()).line(line);
            if let Some(column) = message.column {
                origin = origin.char_column(column);
            }
            title.element(origin)
        }
        _ => Group::with_title(title),
    };
    if let Some(hint) = &message.hint {
        group = group.element(Level::HELP.message(hint.as_str()));
    }
    styles.renderer().render(&[group])
}

/// The message's line as its file has it now, marked from its column (or
/// whole, without one): for a diagnostic that did not keep its line.
fn line_on_disk(message: &Message) -> Option<SourceLine> {
    // Lines longer than this (a minified file) are not drawn.
    const LONGEST: usize = 1000;
    let (path, line) = (message.path.as_deref()?, message.line?);
    // Lossy: a line that is not UTF-8 is shown with U+FFFD where its bad bytes are.
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.lines().nth(line.checked_sub(1)?)?;
    if text.len() > LONGEST {
        return None;
    }
    Some(match message.column {
        Some(column) => SourceLine::word_at(text, column),
        None => SourceLine::whole(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::SourceLine;

    fn date_error() -> Message {
        Message {
            path: Some("content/blog/post.md".into()),
            line: Some(3),
            column: Some(7),
            source: Some(SourceLine::at_key("date: 2025-13-45", "date")),
            hint: Some("write a date like `2025-01-15`".into()),
            ..Message::new(Severity::Error, "`date`: `2025-13-45` is not a date")
        }
    }

    #[test]
    fn a_message_with_its_source_line_is_drawn_with_a_marker_under_the_value() {
        let text = render(&[date_error()], Styles::PLAIN);
        assert_eq!(
            text,
            "error: `date`: `2025-13-45` is not a date
 --> content/blog/post.md:3:7
  |
3 | date: 2025-13-45
  |       ^^^^^^^^^^
  |
  = help: write a date like `2025-01-15`

"
        );
    }

    #[test]
    fn a_diagnostic_without_its_line_is_drawn_under_its_place_or_names_its_file() {
        let at_line = Message {
            path: Some("no/such/file.md".into()),
            line: Some(4),
            column: Some(2),
            hint: Some("fix it".into()),
            ..Message::new(Severity::Error, "broken")
        };
        let whole_file = Message {
            path: Some("content/a.md".into()),
            ..Message::new(Severity::Warning, "is a symbolic link")
        };
        assert_eq!(
            render(&[at_line, whole_file], Styles::PLAIN),
            "error: broken
--> no/such/file.md:4:2
 = help: fix it

warning: content/a.md: is a symbolic link

"
        );
    }

    #[test]
    fn a_finding_is_a_line() {
        let finding = Message {
            code: Some("MissingTitle".into()),
            path: Some("rss.xml".into()),
            line: Some(1),
            column: Some(20),
            ..Message::new(Severity::Warning, "no title")
        };
        let text = render_lines(
            &[finding, Message::new(Severity::Error, "no base URL")],
            Styles::PLAIN,
        );
        assert_eq!(
            text,
            "rss.xml:1:20: warning[MissingTitle]: no title\nerror: no base URL\n"
        );
    }

    #[test]
    fn colour_is_escape_codes_only() {
        let colored = render(&[date_error()], Styles::COLORED);
        assert!(colored.contains("\u{1b}["), "{colored:?}");
        let stripped = strip_escapes(&colored);
        assert_eq!(stripped, render(&[date_error()], Styles::PLAIN));
    }

    /// `text` without its ANSI escape sequences.
    fn strip_escapes(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }
}
