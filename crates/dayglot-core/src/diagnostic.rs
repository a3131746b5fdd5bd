//! Recoverable problems in human-edited files, and their compiler-style rendering.

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::{Lang, LineCol, LineIndex, Span};

/// How bad a [`Diagnostic`] is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Note,
    /// Something was guessed or recovered; fails a run only in strict mode.
    Warning,
    /// The input is wrong and must be fixed.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        })
    }
}

/// A problem found in a human-edited file: a stable code, where, what, and how to fix it. The one
/// diagnostic type of dayglot: every stage reports through it.
///
/// Stages collect diagnostics and carry on (like fluent-rs's `(value, errors)`); only the CLI
/// decides what they mean for the exit code. Every code is registered in [`crate::codes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable, grep-able code such as `ingest::unplaced-text` (registered in [`crate::codes`]).
    pub code: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The offending bytes of the source text (may be empty to point between characters).
    pub span: Span,
    /// A short label under the caret.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// The project-relative file the span points into, when the stage knows it (a stage that
    /// parses one text leaves it to its caller, who knows the file).
    pub file: Option<String>,
    /// The language concerned, if any.
    pub lang: Option<Lang>,
}

impl Diagnostic {
    /// A diagnostic with no label or help.
    pub fn new(
        code: &'static str,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Self {
            code,
            severity,
            message: message.into(),
            span,
            label: None,
            help: None,
            file: None,
            lang: None,
        }
    }

    /// An error.
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, span, message)
    }

    /// A warning.
    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, span, message)
    }

    /// A note.
    pub fn note(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Note, span, message)
    }

    /// Adds the label shown under the caret.
    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a fix hint.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Says which file the span points into (unless a file is already set).
    #[must_use]
    pub fn in_file(mut self, path: impl Into<String>) -> Self {
        if self.file.is_none() {
            self.file = Some(path.into());
        }
        self
    }

    /// Says which language the problem concerns.
    #[must_use]
    pub fn for_lang(mut self, lang: &Lang) -> Self {
        self.lang = Some(lang.clone());
        self
    }
}

/// A named source text that diagnostics point into.
#[derive(Debug, Clone)]
pub struct SourceFile<'a> {
    /// The path shown to people, relative to the project root.
    pub path: &'a str,
    /// The whole text.
    pub text: &'a str,
    index: LineIndex,
}

impl<'a> SourceFile<'a> {
    /// Indexes `text` for line:column lookups.
    pub fn new(path: &'a str, text: &'a str) -> Self {
        Self {
            path,
            text,
            index: LineIndex::new(text),
        }
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.index.line_col(self.text, offset)
    }
}

/// Renders diagnostics in the compiler style, with the source line, a caret and the fix hint:
///
/// ```text
/// error[ingest::not-utf8]: ...
///   --> corpus/day-1/source.en.txt:3:7
/// ```
///
/// Plain text without colours, so that it can be snapshot-tested and piped.
pub fn render_diagnostics(file: &SourceFile<'_>, diagnostics: &[Diagnostic]) -> String {
    let renderer = Renderer::plain();
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let span = clamp(file.text, d.span);
        let annotation = AnnotationKind::Primary.span(span.range());
        let annotation = match &d.label {
            Some(label) => annotation.label(label.as_str()),
            None => annotation,
        };
        let mut group: Group<'_> = level.primary_title(d.message.as_str()).id(d.code).element(
            Snippet::source(file.text)
                .path(file.path)
                .annotation(annotation),
        );
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// Keeps a span inside the text and on character boundaries, so that a wrong span from a stage
/// can never make rendering panic.
fn clamp(text: &str, span: Span) -> Span {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_column_and_help() {
        let text = "Day 686\nДен X of\n";
        let file = SourceFile::new("corpus/day-686/source.bg.txt", text);
        let d = Diagnostic::error("ingest::test", Span::new(15, 16), "a test problem")
            .with_label("here")
            .with_help("fix it");
        let out = render_diagnostics(&file, &[d]);
        assert!(out.contains("error[ingest::test]: a test problem"), "{out}");
        assert!(
            out.contains("--> corpus/day-686/source.bg.txt:2:5"),
            "{out}"
        );
        assert!(out.contains("help: fix it"), "{out}");
    }

    #[test]
    fn bad_spans_do_not_panic() {
        let text = "Ден";
        let file = SourceFile::new("x", text);
        let d = Diagnostic::error("x::y", Span::new(1, 99), "m");
        assert!(render_diagnostics(&file, &[d]).contains("x::y"));
    }
}
