//! The dayglot pipeline over the project on disk: build a day's editions, check days, compute
//! the status of translations, plan a publish or a fetch.
//!
//! It reads through [`dayglot_project::Project`] (the only reader of the project's files), calls
//! the pure stages (ingest, translate, glossary, render, check) and returns plain data with a
//! [`dayglot_core::Report`] of diagnostics. It prints nothing and writes nothing: the CLI prints
//! and writes, and decides the exit code.

pub mod cache;
pub mod check;
pub mod derive;
pub mod draft;
pub mod edition;
pub mod fetch;
pub mod glossary;
pub mod inspect;
pub mod lang;
pub mod parallel;
pub mod publish;
pub mod status;
pub mod translit;

pub use dayglot_core::Report;

/// A problem that stops a pipeline step.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing the project failed.
    #[error(transparent)]
    Project(#[from] dayglot_project::ProjectError),
    /// The page chrome could not be set up.
    #[error(transparent)]
    Render(#[from] dayglot_render::RenderError),
    /// A language's check rules are malformed.
    #[error(transparent)]
    Rules(#[from] dayglot_check::RulesError),
    /// The network failed.
    #[error(transparent)]
    Fetch(#[from] dayglot_fetch::FetchError),
    /// A transliteration scheme is malformed.
    #[error(transparent)]
    Scheme(#[from] dayglot_glossary::SchemeError),
    /// A step refused to go on; the message says why and what to do.
    #[error("{0}")]
    Refused(String),
}
