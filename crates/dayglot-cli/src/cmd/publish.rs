//! `dayglot publish [DAY]...`: render every language of the chosen days (all days when none is
//! named), the Atom feeds and the root index, and publish them in the output folder as a whole.
//!
//! The new site is written into a staging version beside the live one
//! (`dayglot_project::Output`) by `dayglot_pipeline::publish::publish` (days in parallel,
//! unchanged days taken over from the build cache), and switched live in one rename only when no
//! error was found: a failed or killed run leaves the previous output exactly as it was.
//! `--strict` (CI) turns every warning into an error. `DAYGLOT_THREADS=N` sets the number of
//! worker threads (the output is the same for any N).

use dayglot_core::{DayId, PrintOptions};
use dayglot_pipeline::publish::{PublishOptions, publish};
use dayglot_project::Output;

use super::{Context, Outcome};
use crate::output;

/// When the report (repeats already collapsed) is longer than this many lines, a run prints
/// one line per kind of diagnostic instead (`--verbose` prints each).
const SUMMARY_ABOVE_LINES: usize = 200;

/// Arguments of `dayglot publish`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Days to publish (`day-686`); every day of the corpus when omitted. The other days of the
    /// output are kept as they are; the feeds and the index always cover every published day.
    days: Vec<String>,
    /// Treat warnings (fallback to the source text, stale translations, missing chrome messages,
    /// names missing from the glossary) as errors; nothing is written when there is one.
    #[arg(long)]
    strict: bool,
    /// Render every day of the run again instead of taking unchanged days from the build cache
    /// (`target/dayglot-cache/`). The output is the same.
    #[arg(long)]
    no_cache: bool,
}

/// Runs `dayglot publish`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let requested: Vec<DayId> = args
        .days
        .iter()
        .map(|d| DayId::parse(d))
        .collect::<Result<_, _>>()?;
    let project = super::project(ctx)?;
    let threads = match std::env::var("DAYGLOT_THREADS") {
        Ok(v) => Some(v.trim().parse::<usize>().map_err(|_| {
            anyhow::anyhow!(
                "DAYGLOT_THREADS must be a number of threads (0 for one per core), not `{v}`"
            )
        })?),
        Err(_) => None,
    };
    let mut options = PublishOptions {
        threads,
        no_cache: args.no_cache,
        refused: Vec::new(),
    };
    let shown = project.config.output_dir.display().to_string();
    let out = Output::open(&project.output_dir())?;
    let mut staging = out.stage()?;
    // Publish runs the checks on the days it renders: errors stop it, warnings too if strict.
    let mut published = publish(&project, &requested, &staging, &options)?;
    let print = PrintOptions {
        strict: args.strict,
        verbose: ctx.verbose,
    };
    let text = published.report.render_bounded(print, SUMMARY_ABOVE_LINES);
    if !text.is_empty() {
        output::eprint(text.trim_end());
    }
    let mut tally = published.report.tally(args.strict);
    // --strict refuses only the editions that are not complete; the others are published.
    let refused = published.refused_editions(&project.config.source_lang, args.strict);
    if !refused.is_empty() {
        // A fresh staging version: nothing of the refused editions may be left in it.
        drop(staging);
        staging = out.stage()?;
        options.refused = refused.clone();
        published = publish(&project, &requested, &staging, &options)?;
        published.without(&refused);
        tally = published.report.tally(args.strict);
    }
    if tally.errors > 0 {
        drop(staging);
        output::eprint(&format!(
            "error: {} error(s), {} warning(s); nothing was written (the previous output in {shown}/ is untouched)",
            tally.errors, tally.warnings
        ));
        return Ok(Outcome::Problems);
    }
    let files = staging.file_count();
    let notes = staging.commit()?;
    if let Some(aside) = &notes.legacy_kept {
        output::eprint(&format!(
            "note: {shown}/ was a folder written by an older dayglot; it is kept whole in {} (remove it when you no longer need it), and {shown} is now a link to the published version",
            project.display(aside)
        ));
    }
    for kept in &notes.kept {
        output::eprint(&format!(
            "note: {shown}/{kept} was not written by dayglot and is in the way of a file dayglot writes now: it is kept in the previous version's folder, not published"
        ));
    }
    if !notes.carried.is_empty() {
        let some: Vec<&str> = notes.carried.iter().take(3).map(String::as_str).collect();
        let n = notes.carried.len();
        output::eprint(&format!(
            "note: {n} file(s) not written by dayglot kept in {shown}/ ({})",
            some.join(", ")
        ));
    }
    let langs: Vec<String> = published
        .languages
        .iter()
        .map(ToString::to_string)
        .collect();
    let days = published.days_text();
    output::eprint(&format!(
        "published {days} in {}: {files} files in {shown}/ ({} day(s) rendered, {} file(s) written, {} unchanged, {} removed; {} warning(s))",
        langs.join(", "),
        published.rendered.len(),
        published.written,
        published.reused,
        notes.removed,
        tally.warnings
    ));
    if !refused.is_empty() {
        let langs: Vec<String> = refused.iter().map(ToString::to_string).collect();
        output::eprint(&format!(
            "error: --strict refused the {} edition(s) (see above); every other edition is published",
            langs.join(", ")
        ));
        return Ok(Outcome::Problems);
    }
    Ok(Outcome::Clean)
}
