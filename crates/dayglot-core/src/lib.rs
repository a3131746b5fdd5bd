//! The shared vocabulary of dayglot.
//!
//! Every pipeline stage speaks in these types and nothing else: a [`DayId`] names a day of the
//! corpus, a [`Lang`] a language, a [`Document`] is one day in one language (title, lead,
//! headlines, sections of paragraphs of [`Segment`]s, embedded [`Post`]s), and a [`Diagnostic`] is
//! a recoverable problem found in a human-edited file, with the byte [`Span`] it points at.
//!
//! [`decode`] is the one policy for turning a file's bytes into text (UTF-8, BOM removed, binary
//! and oversized input rejected with a precise position).
//!
//! The crate does no I/O and depends on almost nothing, so that every stage can use it.
//!
//! ```
//! use dayglot_core::{DayId, Lang, Series};
//!
//! let day = DayId::parse("day-686").unwrap();
//! assert_eq!(day.number(), 686);
//! let series = Series::new("Invasion of Ukraine", "2022-02-24".parse().unwrap());
//! assert_eq!(series.date_of(day.number()).unwrap().to_string(), "2024-01-10");
//! assert!(Lang::parse("../bg").is_err());
//! ```

pub mod codes;
mod day;
mod decode;
mod diagnostic;
pub mod escape;
pub mod json;
mod lang;
mod model;
mod report;
mod span;

pub use day::{DayId, DayIdError, Series};
pub use decode::{DecodeError, MAX_SOURCE_BYTES, decode};
pub use diagnostic::{Diagnostic, Severity, SourceFile, render_diagnostics};
pub use lang::{Lang, LangError};
pub use model::{
    Attribution, Document, Headline, Paragraph, Post, Quote, Section, Segment, SegmentId,
};
pub use report::{DiagnosticJson, PrintOptions, Report, Tally, github_escape};
pub use span::{LineCol, LineIndex, Span};

/// Where the project keeps the files a pure stage may need to name in a message. Implemented by
/// `dayglot-project`, the one owner of the layout, so that no pure crate spells a project path.
pub trait Paths: std::fmt::Debug {
    /// A language's check rules (`check.toml`).
    fn check_rules(&self, lang: &Lang) -> String;
    /// A Fluent file of a language, by its file name (`chrome.ftl`).
    fn chrome(&self, lang: &Lang, name: &str) -> String;
}

/// A civil (calendar) date, re-exported so that stages agree on one date type.
pub use jiff::civil::Date;
