//! `dayglot report DAY [--out PATH]`: the review page of a day, `target/dayglot/<day>/report.html`
//! by default — outside the published folder, since it holds translators' notes: every segment in
//! every language side by side, entities and numbers highlighted in the same colour across
//! languages, each finding of `dayglot check` next to its segment and a summary per language at
//! the top. Exit code 0 (the page is written whatever it shows).

use std::path::PathBuf;

use dayglot_core::DayId;

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
    let (html, findings) = dayglot_pipeline::check::review_page(&project, id)?;
    let path = args.out.unwrap_or_else(|| {
        project
            .review_dir()
            .join(id.to_string())
            .join("report.html")
    });
    dayglot_project::write_atomic(&path, html.as_bytes())?;
    output::print(&format!(
        "{}: written ({findings} findings)\n",
        project.display(&path)
    ));
    Ok(Outcome::Clean)
}
