//! The project on disk, and the only crate that reads or writes it.
//!
//! [`Project`] finds `dayglot.toml` and owns the layout: days (`corpus/day-N/`), languages (the
//! folders of `locales/`), and typed accessors for every file — a day's source and metadata
//! ([`Project::load_day`], [`DayFile`]), its catalogs ([`Project::catalog`], `None` when a
//! language has no file), chrome, glossary, check and ingest rules, transliteration schemes,
//! fetch revisions ([`Revision`]) — and [`write_atomic`] for everything written. Every text file
//! goes through [`dayglot_core::decode`]; every path shown to people is project-relative.
//! Parsing is left to the pure crates (ingest, translate, glossary, check, render).
//!
//! ```no_run
//! use dayglot_project::Project;
//!
//! let project = Project::discover(std::path::Path::new(".")).unwrap();
//! for day in project.days().unwrap() {
//!     let loaded = project.load_day(day).unwrap();
//!     println!("{day}: {} segments", loaded.ingested.document.segments().len());
//! }
//! ```

mod files;
mod fingerprint;
mod layout;
mod output;
mod project;
mod revisions;

pub use files::{TextFile, read_bytes, read_text, write_atomic};
pub use fingerprint::{Fingerprints, hash_fields};
pub use layout::Derivation;
pub use output::{CommitNotes, Manifest, Output, Staging};
pub use project::{CONFIG_FILE, Config, DayFile, DayMeta, LoadedDay, Project, ProjectError};
pub use revisions::{Revision, RevisionMeta};
