//! `dayglot status [DAY] [--lang L] [--format text|json] [--update | --refresh] [--xliff DIR]`: what is
//! translated, needs review, missing or stale, per day and language.
//!
//! The languages of a day are the project's languages (`locales/<lang>/`) other than the source
//! language, plus any `<lang>.po` in the day folder (a language derived from another by
//! transliteration has none). Exit code 1 when a segment is missing, stale or empty, or a
//! translation file has errors — with `--strict` also while a segment needs review; else 0.

use dayglot_core::DayId;
use dayglot_pipeline::status;
use dayglot_translate::Update;

use super::{Context, Outcome};
use crate::output;

/// Arguments of `dayglot status`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The day (`day-686`); every day of the corpus when omitted.
    day: Option<String>,
    /// Only this language (one of the project's languages).
    #[arg(long)]
    lang: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    format: StatusFormat,
    /// Create missing translation files and add an empty entry for every new segment; never
    /// changes an existing entry (a stale one stays stale).
    #[arg(long, conflicts_with = "refresh")]
    update: bool,
    /// Like --update, and also take changed sources in: entries follow their sentence by its
    /// text; an edited sentence keeps its old translation as a draft flagged fuzzy with the old
    /// source as `#| msgid`; entries for removed sentences become obsolete (`#~`).
    #[arg(long)]
    refresh: bool,
    /// Exit with 1 while anything needs review too (fuzzy drafts are not done), as CI asks.
    #[arg(long)]
    strict: bool,
    /// Also export each translation as XLIFF 2.0 for CAT tools, to `DIR/<day>.<lang>.xlf`.
    #[arg(long, value_name = "DIR")]
    xliff: Option<std::path::PathBuf>,
}

/// How `dayglot status` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum StatusFormat {
    /// A report for people; file problems rendered with the source line (on stderr).
    Text,
    /// The documented JSON report (`schema_version` 1).
    Json,
}

/// Runs `dayglot status`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let project = super::project(ctx)?;
    let days = match &args.day {
        Some(d) => vec![DayId::parse(d)?],
        None => project.days()?,
    };
    // Validated before anything is written: a typo creates no stray file.
    let only = args
        .lang
        .as_deref()
        .map(|l| project.lang_arg(l))
        .transpose()?;
    let mode = if args.refresh {
        Some(Update::Refresh)
    } else if args.update {
        Some(Update::Keep)
    } else {
        None
    };
    let run = status::run(
        &project,
        &days,
        only.as_ref(),
        mode,
        args.xliff.as_deref(),
        args.strict,
    )?;
    match args.format {
        StatusFormat::Json => output::print(&(serde_json::to_string_pretty(&run.json)? + "\n")),
        StatusFormat::Text => {
            if !run.diagnostics.is_empty() {
                output::eprint(&run.diagnostics);
            }
            output::print(&run.text);
        }
    }
    Ok(Outcome::problems_if(run.problems))
}
