//! A run's diagnostics and the files they point into, and the one printer for them: text
//! (compiler style, with the source line), JSON and GitHub Actions annotations.

use std::collections::BTreeMap;

use crate::{Diagnostic, Severity, SourceFile, render_diagnostics};

/// Diagnostics collected over a run, with the text of every file they may point into.
#[derive(Debug, Clone, Default)]
pub struct Report {
    files: BTreeMap<String, String>,
    /// The diagnostics, in the order they were found.
    pub diagnostics: Vec<Diagnostic>,
}

/// How many problems of each severity a report holds, as counted for the exit code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Errors (warnings too in strict mode).
    pub errors: usize,
    /// Warnings that do not fail the run.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
}

/// How a report is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrintOptions {
    /// Warnings count, and are shown, as errors.
    pub strict: bool,
    /// Every diagnostic in full; otherwise repeated ones of one code in one file collapse into
    /// one line with a count after the first three.
    pub verbose: bool,
}

/// How many diagnostics of one code and file are shown before the rest are counted.
const SHOWN_PER_KIND: usize = 3;

impl Report {
    /// Registers a file's text so that diagnostics pointing into it are shown with its lines.
    pub fn add_file(&mut self, path: impl Into<String>, text: impl Into<String>) {
        self.files.insert(path.into(), text.into());
    }

    /// The text of a registered file.
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// Adds a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Adds diagnostics.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(diagnostics);
    }

    /// Adds diagnostics found in one file (those without a file get `path`), and the file.
    pub fn extend_in(
        &mut self,
        path: &str,
        text: &str,
        diagnostics: impl IntoIterator<Item = Diagnostic>,
    ) {
        if !self.files.contains_key(path) {
            self.add_file(path, text);
        }
        self.diagnostics
            .extend(diagnostics.into_iter().map(|d| d.in_file(path)));
    }

    /// Moves another report's diagnostics and files into this one.
    pub fn append(&mut self, other: Report) {
        self.files.extend(other.files);
        self.diagnostics.extend(other.diagnostics);
    }

    /// Whether any diagnostic is an error (not counting strict promotion).
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The severity a diagnostic has in this run.
    pub fn effective(d: &Diagnostic, strict: bool) -> Severity {
        if strict && d.severity == Severity::Warning {
            Severity::Error
        } else {
            d.severity
        }
    }

    /// Counts errors, warnings and notes (warnings as errors when `strict`).
    pub fn tally(&self, strict: bool) -> Tally {
        let mut t = Tally::default();
        for d in &self.diagnostics {
            match Self::effective(d, strict) {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Note => t.notes += 1,
            }
        }
        t
    }

    /// Compiler-style text: each diagnostic with its file's line and a caret when it points
    /// into a registered file, else one line with its help. Repeated diagnostics of one code in
    /// one file collapse after the first three unless `verbose`.
    pub fn render_text<'a>(&'a self, options: PrintOptions) -> String {
        let mut out = String::new();
        // Repeats are counted per code, file and language: each language's problems stay visible.
        type Key<'a> = (&'a str, Option<&'a str>, Option<&'a str>);
        let key_of = |d: &'a Diagnostic| -> Key<'a> {
            (
                d.code,
                d.file.as_deref(),
                d.lang.as_ref().map(|l| l.as_str()),
            )
        };
        let mut seen: BTreeMap<Key<'_>, usize> = BTreeMap::new();
        for d in &self.diagnostics {
            *seen.entry(key_of(d)).or_default() += 1;
        }
        let mut shown: BTreeMap<Key<'_>, usize> = BTreeMap::new();
        for d in &self.diagnostics {
            let key = key_of(d);
            let n = shown.entry(key).or_default();
            *n += 1;
            let total = seen.get(&key).copied().unwrap_or(0);
            if !options.verbose && total > SHOWN_PER_KIND + 1 && *n > SHOWN_PER_KIND {
                if *n == SHOWN_PER_KIND + 1 {
                    out.push_str(&format!(
                        "{}[{}]: … and {} more like this{}{} (--verbose shows each)\n\n",
                        Self::effective(d, options.strict),
                        d.code,
                        total - SHOWN_PER_KIND,
                        d.file
                            .as_deref()
                            .map(|f| format!(" in {f}"))
                            .unwrap_or_default(),
                        d.lang
                            .as_ref()
                            .map(|l| format!(" ({l})"))
                            .unwrap_or_default()
                    ));
                }
                continue;
            }
            out.push_str(&self.render_one(d, options.strict));
        }
        out
    }

    /// [`Report::render_text`], or [`Report::render_summary`] when that would be longer than
    /// `max_lines` and not `verbose`: what a run over a large archive prints.
    pub fn render_bounded(&self, options: PrintOptions, max_lines: usize) -> String {
        let full = self.render_text(options);
        if options.verbose || full.lines().count() <= max_lines {
            full
        } else {
            self.render_summary(options.strict)
        }
    }

    /// One line per kind of diagnostic with its count and a first example, most severe first, and
    /// a closing total: what a run that found too many to read prints instead of each one.
    pub fn render_summary(&self, strict: bool) -> String {
        let mut kinds: BTreeMap<(std::cmp::Reverse<Severity>, &str), (usize, &str)> =
            BTreeMap::new();
        for d in &self.diagnostics {
            let key = (std::cmp::Reverse(Self::effective(d, strict)), d.code);
            kinds.entry(key).or_insert((0, d.message.as_str())).0 += 1;
        }
        let mut text = String::new();
        for ((severity, code), (count, example)) in &kinds {
            text.push_str(&format!(
                "{}[{code}]: {count} time(s), e.g. {example}\n",
                severity.0
            ));
        }
        text.push_str(&format!(
            "{} diagnostics in {} kind(s); --verbose shows each",
            self.diagnostics.len(),
            kinds.len()
        ));
        text
    }

    /// One diagnostic in the text format (ends with a line break).
    pub fn render_one(&self, d: &Diagnostic, strict: bool) -> String {
        let mut d = d.clone();
        d.severity = Self::effective(&d, strict);
        let text = d
            .file
            .as_deref()
            .and_then(|f| self.files.get(f).map(|t| (f, t)));
        match text {
            // As rustc: the snippet, then a blank line.
            Some((path, text)) => {
                render_diagnostics(&SourceFile::new(path, text), std::slice::from_ref(&d))
            }
            None => {
                let mut line = format!("{}[{}]: {}", d.severity, d.code, d.message);
                if let Some(file) = &d.file {
                    line.push_str(&format!("\n  --> {file}"));
                }
                if let Some(help) = &d.help {
                    line.push_str(&format!("\n  = help: {help}"));
                }
                line.push('\n');
                line
            }
        }
    }

    /// The 1-based line and column of a diagnostic, when its file is registered.
    pub fn position(&self, d: &Diagnostic) -> Option<(usize, usize)> {
        let path = d.file.as_deref()?;
        let text = self.files.get(path)?;
        let pos = SourceFile::new(path, text).line_col(d.span.start);
        Some((pos.line, pos.column))
    }

    /// The diagnostics as JSON records (`serde`), with line and column when known.
    pub fn to_json(&self, strict: bool) -> Vec<DiagnosticJson> {
        self.diagnostics
            .iter()
            .map(|d| {
                let pos = self.position(d);
                DiagnosticJson {
                    code: d.code,
                    severity: Self::effective(d, strict),
                    message: d.message.clone(),
                    file: d.file.clone(),
                    line: pos.map(|p| p.0),
                    column: pos.map(|p| p.1),
                    lang: d.lang.as_ref().map(ToString::to_string),
                    label: d.label.clone(),
                    help: d.help.clone(),
                }
            })
            .collect()
    }

    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=CODE::message`).
    pub fn render_github(&self, strict: bool) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            let level = match Self::effective(d, strict) {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let mut props = Vec::new();
            if let Some(file) = &d.file {
                props.push(format!("file={}", github_escape(file, true)));
            }
            if let Some((line, col)) = self.position(d) {
                props.push(format!("line={line},col={col}"));
            }
            props.push(format!("title={}", github_escape(d.code, true)));
            out.push_str(&format!(
                "::{level} {}::{}\n",
                props.join(","),
                github_escape(&d.message, false)
            ));
        }
        out
    }
}

/// Escapes a value for a GitHub Actions workflow command (`%`, line breaks; also `:` and `,` in
/// properties).
pub fn github_escape(s: &str, property: bool) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        s.replace(':', "%3A").replace(',', "%2C")
    } else {
        s
    }
}

/// One diagnostic in JSON output (fields are only ever added).
#[derive(Debug, Clone, serde::Serialize)]
pub struct DiagnosticJson {
    /// The stable code.
    pub code: &'static str,
    /// Its severity in this run.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The project-relative file, if any.
    pub file: Option<String>,
    /// 1-based line, if known.
    pub line: Option<usize>,
    /// 1-based column (in characters), if known.
    pub column: Option<usize>,
    /// The language concerned, if any.
    pub lang: Option<String>,
    /// The label under the caret, if any.
    pub label: Option<String>,
    /// How to fix it, if known.
    pub help: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::Span;

    #[test]
    fn repeated_diagnostics_collapse_with_an_exact_count() {
        let mut r = Report::default();
        for i in 0..10 {
            r.push(
                Diagnostic::warning("po::empty", Span::default(), format!("w{i}")).in_file("a.po"),
            );
        }
        let text = r.render_text(PrintOptions::default());
        assert_eq!(text.matches("warning[po::empty]: w").count(), 3, "{text}");
        assert!(text.contains("… and 7 more like this in a.po"), "{text}");
        let all = r.render_text(PrintOptions {
            verbose: true,
            ..PrintOptions::default()
        });
        assert_eq!(all.matches("warning[po::empty]: w").count(), 10);
        assert_eq!(r.tally(true).errors, 10);
        assert_eq!(r.tally(false).warnings, 10);
    }

    #[test]
    fn points_into_registered_files() {
        let mut r = Report::default();
        r.extend_in(
            "x.ftl",
            "a = 1\nb = { $dayy }\n",
            [Diagnostic::error(
                "fluent::format",
                Span::new(12, 17),
                "unknown variable",
            )],
        );
        assert_eq!(r.position(&r.diagnostics[0]), Some((2, 7)));
        assert!(
            r.render_text(PrintOptions::default())
                .contains("--> x.ftl:2:7")
        );
        assert!(
            r.render_github(false)
                .starts_with("::error file=x.ftl,line=2,col=7,title=fluent%3A%3Aformat::")
        );
    }
}
