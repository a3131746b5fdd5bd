//! The parser: plain-text layout of the series, or Markdown, into a [`Document`].

use dayglot_core::{Diagnostic, Document, Lang, Series};

use crate::LanguageRules;

/// The input syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The series' own plain-text layout.
    PlainText,
    /// The same content as Markdown (`#` title, `-` list, `##` headings).
    Markdown,
}

/// How to parse one text.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// The language of the text.
    pub lang: Lang,
    /// The language's rules (abbreviations, attribution phrases).
    pub rules: &'a LanguageRules,
    /// The syntax; detected from the first line when `None`.
    pub format: Option<Format>,
    /// The series calendar, to date the day.
    pub series: Option<&'a Series>,
    /// The day number the metadata says this text is; a different number in the title is reported.
    pub expected_day: Option<u32>,
}

impl<'a> Options<'a> {
    /// Options with format detection and no series.
    pub fn new(lang: Lang, rules: &'a LanguageRules) -> Self {
        Self { lang, rules, format: None, series: None, expected_day: None }
    }
}

/// The outcome of parsing: the document and every problem found on the way.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The document.
    pub document: Document,
    /// Problems, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a summary. Never fails: problems become diagnostics.
pub fn ingest(_text: &str, options: &Options<'_>) -> Ingested {
    let document = Document {
        day: None,
        date: None,
        lang: options.lang.clone(),
        title: None,
        lead: None,
        headlines: Vec::new(),
        sections: Vec::new(),
        posts: Vec::new(),
    };
    Ingested { document, diagnostics: Vec::new() }
}
