//! `dayglot report DAY [--out PATH]`: the review page of a day, `public/<day>/report.html` by
//! default: every segment in every language side by side, entities and numbers highlighted in
//! the same colour across languages, each finding of `dayglot check` next to its segment and a
//! summary per language at the top. Exit code 0 (the page is written whatever it shows).

use std::path::PathBuf;

use dayglot_check::{CheckInput, LangInput};
use dayglot_core::DayId;

use super::{Context, Outcome};
use crate::output;

/// Arguments of `dayglot report`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The day (`day-686`).
    day: String,
    /// Where to write the page (default: `<output dir>/<day>/report.html`).
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
}

/// Runs `dayglot report`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let project = super::project(ctx)?;
    let id = DayId::parse(&args.day)?;
    let shared = super::check::load_shared(&project)?;
    let checked = super::check::check_day(&project, &shared, id, true)?;
    let unknown: Vec<(String, String)> = Vec::new();
    let inputs: Vec<LangInput<'_>> = checked
        .translations
        .iter()
        .map(|t| LangInput {
            translation: t,
            unknown: &unknown,
        })
        .collect();
    let input = CheckInput {
        source: &checked.day.ingested.document,
        languages: &inputs,
        glossary: &shared.glossary,
        rules: &shared.rules,
        fluent: &shared.fluent,
    };
    let title = format!("{id}: review of {} languages", inputs.len() + 1);
    let html = dayglot_check::report_html(&input, &checked.findings, &title);
    let path = args.out.unwrap_or_else(|| {
        project
            .output_dir()
            .join(id.to_string())
            .join("report.html")
    });
    output::write_atomic(&path, html.as_bytes())?;
    output::print(&format!(
        "{}: written ({} findings)\n",
        path.display(),
        checked.findings.len()
    ));
    Ok(Outcome::Clean)
}
