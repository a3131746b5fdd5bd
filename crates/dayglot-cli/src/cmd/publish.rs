//! `dayglot publish [DAY]...`: render every language of the chosen days (all days when none is
//! named), the Atom feeds and the root index, and write them to the output folder.
//!
//! Everything is rendered in memory first (`dayglot_pipeline::publish::plan_publish`); the files
//! are written (each atomically) only when no error was found, so a failed run leaves the
//! previous output untouched. `--strict` (CI) turns every warning into an error.

use dayglot_core::DayId;
use dayglot_project::write_atomic;

use super::{Context, Outcome, print_report};
use crate::output;

/// Arguments of `dayglot publish`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Days to publish (`day-686`); every day of the corpus when omitted. Feeds and the index
    /// always cover every day of the corpus.
    days: Vec<String>,
    /// Treat warnings (fallback to the source text, stale translations, missing chrome messages,
    /// names missing from the glossary) as errors; nothing is written when there is one.
    #[arg(long)]
    strict: bool,
}

/// Runs `dayglot publish`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let requested: Vec<DayId> = args
        .days
        .iter()
        .map(|d| DayId::parse(d))
        .collect::<Result<_, _>>()?;
    let project = super::project(ctx)?;
    let plan = dayglot_pipeline::publish::plan_publish(&project, &requested)?;
    print_report(ctx, &plan.report, args.strict);
    let tally = plan.report.tally(args.strict);
    let shown = project.config.output_dir.display().to_string();
    if tally.errors > 0 {
        output::eprint(&format!(
            "error: {} error(s), {} warning(s); nothing was written (the previous output in {shown}/ is untouched)",
            tally.errors, tally.warnings
        ));
        return Ok(Outcome::Problems);
    }
    let out_dir = project.output_dir();
    for file in &plan.files {
        write_atomic(&out_dir.join(&file.path), &file.bytes)?;
    }
    let langs: Vec<String> = plan.languages.iter().map(ToString::to_string).collect();
    let days: Vec<String> = plan.days.iter().map(ToString::to_string).collect();
    output::eprint(&format!(
        "published {} in {}: {} files in {shown}/ ({} warning(s))",
        days.join(", "),
        langs.join(", "),
        plan.files.len(),
        tally.warnings
    ));
    Ok(Outcome::Clean)
}
