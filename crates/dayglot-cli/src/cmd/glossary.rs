//! `dayglot glossary lint` and `dayglot glossary suggest DAY`.
//!
//! The glossary files are `locales/glossary/entities.toml` (the shared registry) and
//! `locales/<lang>/glossary.toml` (one per language); `dayglot_pipeline::glossary` reads them
//! through the project and `dayglot_glossary` parses them.

use dayglot_core::{DayId, Lang};
use dayglot_glossary::Suggestion;
pub(crate) use dayglot_pipeline::glossary::load_schemes;
use dayglot_pipeline::glossary::require_glossary;

use super::{Context, Outcome, print_report};
use crate::output;

/// Subcommands of `dayglot glossary`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum Command {
    /// Validate every glossary file (exit 1 on errors).
    Lint,
    /// List names in a day's source that are in no glossary, as TOML ready to paste.
    Suggest {
        /// The day (`day-686`).
        day: String,
    },
}

/// Runs `dayglot glossary ...`.
pub(crate) fn run(ctx: &Context, command: Command) -> anyhow::Result<Outcome> {
    let project = super::project(ctx)?;
    let loaded = require_glossary(&project)?;
    print_report(ctx, &loaded.report, false);
    match command {
        Command::Lint => {
            if loaded.report.diagnostics.is_empty() {
                let g = &loaded.glossary;
                let langs: Vec<String> = g.languages().iter().map(|l| l.lang.to_string()).collect();
                output::eprint(&format!(
                    "glossary: {} entities, languages {}: no problems",
                    g.entities().len(),
                    langs.join(", ")
                ));
            }
            Ok(Outcome::problems_if(loaded.has_errors()))
        }
        Command::Suggest { day } => {
            let day = DayId::parse(&day)?;
            let schemes = load_schemes(&project)?;
            let source = project.load_day(day)?;
            let lang = source.meta.source_lang.clone();
            let segments = dayglot_pipeline::inspect::source_segments(&source);
            let targets: Vec<Lang> = loaded
                .glossary
                .languages()
                .iter()
                .map(|l| l.lang.clone())
                .collect();
            let matcher = loaded.glossary.matcher();
            let found = dayglot_glossary::suggest(&matcher, &segments, &lang, &targets, &schemes);
            output::print(&Suggestion::render_toml(
                &found,
                &day.to_string(),
                &lang,
                &project.registry_path(),
                |l| project.glossary_path(l),
            ));
            Ok(Outcome::Clean)
        }
    }
}
