//! `dayglot names DAY [--lang L] [--format text|json]`: every mention of a glossary entity.
//!
//! The source language reads the day's segments; another language reads the translations of
//! `corpus/DAY/L.po` (msgstr by msgctxt). The JSON format is `dayglot_glossary::json::NamesJson`
//! (documented there, versioned by `schema_version`).

use dayglot_core::DayId;
use dayglot_glossary::json::{NamesJson, SCHEMA_VERSION};
use dayglot_pipeline::inspect;

use super::{Context, Outcome, print_report};
use crate::output;

/// Arguments of `dayglot names`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The day (`day-686`).
    day: String,
    /// The language to read (default: the day's source language).
    #[arg(long)]
    lang: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = NamesFormat::Text)]
    format: NamesFormat,
}

/// How `dayglot names` prints.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum NamesFormat {
    /// One line per mention, for people.
    Text,
    /// The documented JSON format.
    Json,
}

/// Runs `dayglot names`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let day = DayId::parse(&args.day)?;
    let project = super::project(ctx)?;
    let loaded = dayglot_pipeline::glossary::require_glossary(&project)?;
    print_report(ctx, &loaded.report, false);
    let lang = args
        .lang
        .as_deref()
        .map(|l| project.lang_arg(l))
        .transpose()?;
    let (lang, mentions) = inspect::mentions(&project, &loaded.glossary, day, lang.as_ref())?;
    let forbidden = inspect::forbidden_count(&mentions);
    match args.format {
        NamesFormat::Json => {
            let json = NamesJson {
                schema_version: SCHEMA_VERSION,
                day: day.to_string(),
                lang: lang.to_string(),
                mentions,
            };
            output::print(&(serde_json::to_string_pretty(&json)? + "\n"));
        }
        NamesFormat::Text => {
            let (lines, summary) = inspect::mentions_text(day, &lang, &mentions);
            output::print(&lines);
            output::eprint(&summary);
        }
    }
    Ok(Outcome::problems_if(forbidden > 0 || loaded.has_errors()))
}
