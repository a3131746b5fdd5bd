//! `dayglot ingest PATH_OR_DAY`: parse a day, a summary file or a saved page and print the model.

use std::path::PathBuf;

use dayglot_core::json::DocumentJson;
use dayglot_core::{DayId, Lang, Severity, SourceFile, render_diagnostics};
use dayglot_pipeline::Error;
use dayglot_pipeline::inspect::{ingest_file, outline};
use dayglot_project::ProjectError;

use super::{Context, Outcome};
use crate::output;

/// Arguments of `dayglot ingest`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A day of the corpus (`day-686`), a summary file (`.txt`, `.md`) or a saved page (`.html`).
    input: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = IngestFormat::Text)]
    format: IngestFormat,
    /// Language of a file given by path (default: from a `source.<lang>.txt` name, else the
    /// project's source language, else `en`).
    #[arg(long)]
    lang: Option<String>,
}

/// How `dayglot ingest` prints the model.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum IngestFormat {
    /// The diagnostics and an outline, for people.
    Text,
    /// The documented JSON model (`dayglot_core::json`).
    Json,
}

/// Runs `dayglot ingest`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let (path, text, ingested) = if args.input.starts_with("day-")
        && !args.input.contains(['/', '\\', '.'])
    {
        let loaded = super::project(ctx)?.load_day(DayId::parse(&args.input)?)?;
        (loaded.source_path, loaded.source_text, loaded.ingested)
    } else {
        let path = PathBuf::from(&args.input);
        let project = super::project(ctx).ok();
        let lang = args.lang.as_deref().map(Lang::parse).transpose()?;
        let shown = path.display();
        let file = ingest_file(project.as_ref(), &path, lang.as_ref()).map_err(|e| match e {
            Error::Project(ProjectError::Io { source, .. }) => anyhow::Error::new(source).context(
                format!("cannot read {shown}; give a day id (day-686) or an existing file"),
            ),
            Error::Project(ProjectError::Decode { source, .. }) => {
                anyhow::Error::new(source).context(format!("{shown} cannot be ingested"))
            }
            e => anyhow::Error::new(e),
        })?;
        for line in &file.furniture {
            output::eprint(&format!("note: left out as page furniture: {line}"));
        }
        (file.path, file.text, file.ingested)
    };
    let file = SourceFile::new(&path, &text);
    match args.format {
        IngestFormat::Json => {
            let json = DocumentJson::new(&ingested.document, &ingested.diagnostics, &file);
            output::print(&(serde_json::to_string_pretty(&json)? + "\n"));
        }
        IngestFormat::Text => {
            output::eprint(&render_diagnostics(&file, &ingested.diagnostics));
            output::print(&outline(&ingested.document));
        }
    }
    let errors = ingested
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    Ok(Outcome::problems_if(errors))
}
