//! Sentence splitting.

use dayglot_core::Span;

use crate::LanguageRules;

/// Splits a paragraph into sentences, returning their byte spans (trimmed) in `text`.
pub fn split_sentences(text: &str, _rules: &LanguageRules) -> Vec<Span> {
    vec![Span::new(0, text.len())]
}
