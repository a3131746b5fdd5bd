//! Parses day summaries into the [`dayglot_core::Document`] model: a pure parser, like
//! fluent-syntax. It never touches the file system (`dayglot-project` reads the files).
//!
//! [`ingest`] parses a summary, in the series' plain-text layout or in Markdown, into a document
//! plus every recoverable problem as a [`Diagnostic`](dayglot_core::Diagnostic). Parsing never
//! fails and never panics: whatever cannot be placed in the model is reported, never dropped.
//!
//! ```
//! use dayglot_core::Lang;
//! use dayglot_ingest::{ingest, LanguageRules, Options};
//!
//! let text = "Day 686 of the invasion of Ukraine. Summary of key events in the last 24 hours:\n\n\
//!             Zelensky visits Lithuania\n\n\n\nZelensky arrived in Vilnius. He met Dr. Smith.\n";
//! // The words that introduce a day number are data (`locales/en/ingest.toml`).
//! let rules = LanguageRules { series_words: vec!["day".into()], ..LanguageRules::default() };
//! let out = ingest(text, &Options::new(Lang::parse("en").unwrap(), &rules));
//! assert_eq!(out.document.day, Some(686));
//! assert_eq!(out.document.headlines.len(), 1);
//! assert_eq!(out.document.sections[0].headline, Some(0));
//! ```

mod parse;
mod quote;
mod rules;
mod sentence;

pub use parse::{Format, Ingested, Options, ingest};
pub use rules::{DEFAULT_QUOTE_PAIRS, LanguageRules};
pub use sentence::split_sentences;
