//! Drafts for translators: a day's missing, stale and empty segments filled from the
//! translation memory of the corpus, or by a machine translation engine, with names and facts
//! checked and kept right.
//!
//! - [`Memory`] holds every translated segment of every catalog (persisted as JSON, rebuilt
//!   incrementally per catalog); [`Memory::index`] gives exact and fuzzy matches with a score.
//! - [`draft_from_memory`] fills a day's catalog for one language: each match is adapted to the
//!   new source (numbers by value in the target's notation, dates with the month in the case the
//!   memory used, glossary names swapped in the same case) and every substitution is verified
//!   with the consistency checker; an unverifiable one lowers the score and leaves a note.
//! - [`engine`] sends segments to LibreTranslate, DeepL or an OpenAI-compatible server through
//!   [`dayglot_fetch::ApiClient`], and [`engine::draft_from_engine`] checks what comes back:
//!   forbidden and foreign name forms are repaired to the glossary's form where the case is
//!   certain, anything else is kept with the finding as a note.
//!
//! Every draft is `#, fuzzy` (needs review, never published under `--strict`) and says where it
//! comes from in a `#.` comment: `#. draft: memory 92% (day-685 s2.p1.1)`, `#. draft: deepl`.
//! A translated entry is never touched.
//!
//! The crate is pure but for the engines' HTTP (through `dayglot-fetch`): no file system, no
//! environment, no clock. The caller reads the catalogs and keys and writes the results.

mod fill;
mod lang;
mod memory;
mod placeable;
mod settings;
mod text;
mod verify;

pub mod engine;

pub use fill::{
    DayInput, Draft, DraftStatus, LangDraft, MemoryOptions, Summary, draft_from_memory, fill,
    segments_to_fill,
};
pub use lang::{LangData, Resources};
pub use memory::{CatalogText, MEMORY_FORMAT, Memory, MemoryIndex, MemoryMatch, Unit, UpdateStats};
pub use settings::{DraftSettings, EngineSettings};
pub use verify::Note;

/// Why drafting could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// A `check.toml` could not be read.
    #[error("{path}: {message}")]
    Rules {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A target language without data.
    #[error("no check rules were loaded for {lang}")]
    UnknownLanguage {
        /// The language.
        lang: String,
    },
    /// A saved memory that cannot be read (rebuild it).
    #[error("the saved translation memory cannot be read: {message}")]
    MemoryFormat {
        /// Why.
        message: String,
    },
    /// A saved response cache that cannot be read.
    #[error("the saved response cache cannot be read: {message}")]
    CacheFormat {
        /// Why.
        message: String,
    },
    /// The engine's configuration is unusable.
    #[error("{engine}: {message}")]
    Engine {
        /// The engine.
        engine: String,
        /// What is wrong.
        message: String,
    },
}
