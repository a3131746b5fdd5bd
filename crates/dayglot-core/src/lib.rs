//! The shared vocabulary of dayglot.
//!
//! Every pipeline stage speaks in these types and nothing else: a [`DayId`] names a day of the
//! corpus, a [`Lang`] a language, a [`Document`] is one day in one language (title, lead,
//! headlines, sections of paragraphs of [`Segment`]s, embedded [`Post`]s), and a [`Diagnostic`] is
//! a recoverable problem found in a human-edited file, with the byte [`Span`] it points at.
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

mod day;
mod diagnostic;
pub mod escape;
pub mod json;
mod lang;
mod model;
mod span;

pub use day::{DayId, DayIdError, Series};
pub use diagnostic::{Diagnostic, Severity, SourceFile, render_diagnostics};
pub use lang::{Lang, LangError};
pub use model::{
    Attribution, Document, Headline, Paragraph, Post, Quote, Section, Segment, SegmentId,
};
pub use span::{LineCol, LineIndex, Span};

/// A civil (calendar) date, re-exported so that stages agree on one date type.
pub use jiff::civil::Date;
