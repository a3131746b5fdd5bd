//! Reading glossary files with byte spans, and linting them.
//!
//! Every problem becomes a [`Diagnostic`] with a stable code and a span into the file that holds
//! it; loading never stops at the first problem. Entries with errors are still loaded as far as
//! they make sense, so that one typo does not hide the rest of a glossary.
//!
//! The steps: [`registry::registry`] reads the entity registry, [`language::language`] each
//! language file (its header, then [`entry::entry`] for each entity's forms), and
//! [`claims::lint_claims`] reports texts claimed twice. A [`Sink`] per file is the context
//! every step reports through.

mod claims;
mod entry;
mod language;
mod registry;

use std::collections::BTreeMap;
use std::ops::Range;

use dayglot_core::{Diagnostic, Lang, Span};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::model::Language;
use crate::{Glossary, GlossaryFile};
use claims::Claims;

type Value<'a> = Spanned<DeValue<'a>>;

/// The fields of a TOML table by key, as [`Sink::fields`] returns them.
type Fields<'t, 'i> = BTreeMap<&'t str, &'t Value<'i>>;

/// Collects diagnostics for one file, and reads typed fields from its tables.
struct Sink<'a> {
    path: &'a str,
    /// The file's text, so that every span ends on a character boundary.
    text: &'a str,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    fn new(file: &'a GlossaryFile, out: &'a mut Vec<Diagnostic>) -> Self {
        Self {
            path: &file.path,
            text: &file.text,
            out,
        }
    }
}

impl Sink<'_> {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.out.push(diagnostic.in_file(self.path));
    }

    fn error(
        &mut self,
        code: &'static str,
        span: Range<usize>,
        message: String,
        label: &str,
        help: &str,
    ) {
        // A span cut to a few bytes (`start..start + 10`) may end inside a letter: move it back
        // to the character's start (found by `cargo fuzz run glossary_load`).
        let mut end = span.end.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let span = span.start.min(end)..end;
        let mut d = Diagnostic::error(code, Span::from(span), message).with_label(label);
        if !help.is_empty() {
            d = d.with_help(help);
        }
        self.push(d);
    }

    /// The fields of a table; unknown keys are reported.
    fn fields<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        allowed: &[&str],
        what: &str,
    ) -> BTreeMap<&'t str, &'t Value<'i>> {
        let mut out = BTreeMap::new();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            if allowed.contains(&name) {
                out.insert(name, value);
            } else {
                self.error(
                    "glossary::unknown-key",
                    key.span(),
                    format!("unknown key `{name}` in {what}"),
                    "not a known key",
                    &format!("the keys of {what} are: {}", allowed.join(", ")),
                );
            }
        }
        out
    }

    fn wrong_type(&mut self, key: &str, value: &Value<'_>, expected: &str) {
        self.error(
            "glossary::wrong-type",
            value.span(),
            format!(
                "`{key}` must be {expected}, not {}",
                value.get_ref().type_str()
            ),
            "wrong type",
            &format!("write `{key}` as {expected}"),
        );
    }

    /// A string field, with its span; wrong types and blank strings are reported.
    fn string(
        &mut self,
        fields: &BTreeMap<&str, &Value<'_>>,
        key: &str,
    ) -> Option<(String, Range<usize>)> {
        let value = fields.get(key)?;
        self.string_value(key, value)
    }

    fn string_value(&mut self, key: &str, value: &Value<'_>) -> Option<(String, Range<usize>)> {
        let Some(s) = value.get_ref().as_str() else {
            self.wrong_type(key, value, "a string");
            return None;
        };
        if s.trim().is_empty() || s.trim() != s {
            self.error(
                "glossary::blank-form",
                value.span(),
                format!("`{key}` is empty or has spaces at its ends"),
                "blank or padded",
                "write the text without leading or trailing spaces, or remove the key",
            );
            if s.trim().is_empty() {
                return None;
            }
        }
        Some((s.trim().to_owned(), value.span()))
    }

    /// A list of strings (a single string is accepted as a list of one).
    fn strings(
        &mut self,
        fields: &BTreeMap<&str, &Value<'_>>,
        key: &str,
    ) -> Vec<(String, Range<usize>)> {
        let Some(value) = fields.get(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::String(_) => self.string_value(key, value).into_iter().collect(),
            DeValue::Array(items) => items
                .iter()
                .filter_map(|v| self.string_value(key, v))
                .collect(),
            _ => {
                self.wrong_type(key, value, "a list of strings");
                Vec::new()
            }
        }
    }

    fn bool(&mut self, fields: &BTreeMap<&str, &Value<'_>>, key: &str) -> bool {
        let Some(value) = fields.get(key) else {
            return false;
        };
        match value.get_ref().as_bool() {
            Some(b) => b,
            None => {
                self.wrong_type(key, value, "true or false");
                false
            }
        }
    }

    /// The array of tables under `key` (`[[entity]]`).
    fn tables<'t, 'i>(
        &mut self,
        fields: &BTreeMap<&str, &'t Value<'i>>,
        key: &str,
    ) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
        let Some(value) = fields.get(key) else {
            return Vec::new();
        };
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(key, value, &format!("a list of `[[{key}]]` tables"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_table() {
                Some(t) => out.push((t, item.span())),
                None => self.wrong_type(key, item, "a table"),
            }
        }
        out
    }
}

/// Parses a file's TOML; syntax errors are reported and an empty table is returned for them.
fn parse<'i>(file: &'i GlossaryFile, sink: &mut Sink<'_>) -> (Spanned<DeTable<'i>>, bool) {
    let (table, errors) = DeTable::parse_recoverable(&file.text);
    for e in &errors {
        let span = e.span().unwrap_or(0..0);
        sink.error(
            "glossary::syntax",
            span,
            format!("this is not valid TOML: {}", e.message().trim()),
            "here",
            "fix the TOML syntax; strings are quoted (\"…\"), lists are in [ ]",
        );
    }
    (table, errors.is_empty())
}

/// Reads and lints the registry and every language file; see the module documentation.
pub(crate) fn load(
    registry_file: &GlossaryFile,
    langs: &[GlossaryFile],
) -> (Glossary, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut registry = registry::registry(registry_file, &mut Sink::new(registry_file, &mut diags));
    let mut languages: Vec<Language> = Vec::new();
    let mut claims = Claims::default();
    for file in langs {
        let mut sink = Sink::new(file, &mut diags);
        if let Some(language) = language::language(
            file,
            &registry_file.path,
            &mut registry,
            &languages,
            &mut claims,
            &mut sink,
        ) {
            languages.push(language);
        }
    }
    claims::lint_claims(&claims, &registry.entities, langs, &mut diags);
    (
        Glossary::new(registry.entities, registry.by_id, languages),
        diags,
    )
}

fn unknown_case(
    sink: &mut Sink<'_>,
    case: &str,
    span: Range<usize>,
    lang: &Lang,
    cases: &[String],
) {
    let known = if cases.is_empty() {
        "none".to_owned()
    } else {
        cases.join(", ")
    };
    let hint = match closest(case, cases.iter()) {
        Some(c) => format!("did you mean `{c}`? The cases of `{lang}` are: {known}"),
        None => format!("the cases of `{lang}` (its `[language] cases`) are: {known}"),
    };
    sink.error(
        "glossary::unknown-case",
        span,
        format!("`{case}` is not a case of `{lang}`"),
        "unknown case",
        &hint,
    );
}

/// `line:column` of an offset in a file.
fn registry_pos(file: &GlossaryFile, offset: usize) -> String {
    let p = dayglot_core::LineIndex::new(&file.text).line_col(&file.text, offset);
    format!("{}:{}", p.line, p.column)
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    candidates
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}
