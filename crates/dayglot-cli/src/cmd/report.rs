//! `dayglot report DAY [--out PATH]`: the review page of a day, `target/dayglot/<day>/report.html`
//! by default — outside the published folder, since it holds translators' notes: every segment in
//! every language side by side, entities and numbers highlighted in the same colour across
//! languages, each finding of `dayglot check` next to its segment and a summary per language at
//! the top. Exit code 0 (the page is written whatever it shows).

use std::path::PathBuf;

use dayglot_check::{CheckInput, Checker, LangInput};
use dayglot_core::DayId;
use dayglot_pipeline::check as pipeline;

use super::{Context, Outcome};
use crate::output;

/// Arguments of `dayglot report`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The day (`day-686`).
    day: String,
    /// Where to write the page (default: `target/dayglot/<day>/report.html` in the project).
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
}

/// Runs `dayglot report`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let project = super::project(ctx)?;
    let id = DayId::parse(&args.day)?;
    let shared = pipeline::load_shared(&project)?;
    let checker = Checker::new(&shared.glossary);
    let mut checked = pipeline::check_day(&project, &shared, &checker, id)?;
    checked
        .findings
        .extend(pipeline::check_fluent(&project, &shared, &checker, &checked.day));
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
        paths: &project,
    };
    let title = format!("{id}: review of {} languages", inputs.len() + 1);
    let html = dayglot_check::report_html(&input, &checked.findings, &title);
    let path = args.out.unwrap_or_else(|| project.review_dir().join(id.to_string()).join("report.html"));
    dayglot_project::write_atomic(&path, html.as_bytes())?;
    output::print(&format!(
        "{}: written ({} findings)\n",
        project.display(&path),
        checked.findings.len()
    ));
    Ok(Outcome::Clean)
}
