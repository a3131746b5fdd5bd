//! `dayglot check DAY|--all [--strict] [--format text|json|github]`: every language of a day
//! says the same thing as the source.
//!
//! Problems of the files themselves (a PO syntax error, a malformed source) come first, each at
//! its own `file:line:col`; then the findings of `dayglot_check`. Exit code 0 when nothing
//! fails, 1 on findings (errors; warnings too with `--strict`) or file errors, 2 on usage
//! errors. Accepted findings are summarised (`--verbose` prints them in full) and never fail.
//!
//! # `--format json` (schema version 1)
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "strict": true,
//!   "findings": [
//!     {"code": "check::number-mismatch", "severity": "error", "lang": "bg", "day": "day-686",
//!      "segment": "s4.p2.1", "file": "corpus/day-686/bg.po", "line": 120,
//!      "message": "…", "source": "…", "target": "…",
//!      "source_span": {"start": 3, "end": 8}, "target_span": null,
//!      "accepted": null, "fails": true}
//!   ],
//!   "summary": [{"day": "day-686", "lang": "bg", "findings": 1, "accepted": 0, "failing": 1}]
//! }
//! ```
//!
//! `segment` is the segment id, or the message id for Fluent findings (`file` is then the
//! `.ftl` file); spans are byte offsets into `source` and `target`; `accepted` is the
//! translator's reason. Fields are only ever added; a removal or rename bumps `schema_version`.

use dayglot_core::DayId;
use dayglot_pipeline::check::{self, CheckFormat};

use super::{Context, Outcome, print_report};
use crate::output;

/// Arguments of `dayglot check`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The day (`day-686`).
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    day: Option<String>,
    /// Check every day of the corpus.
    #[arg(long)]
    all: bool,
    /// Warnings fail too (as in CI).
    #[arg(long)]
    strict: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Compiler-style, both texts with the differing part underlined.
    Text,
    /// The documented JSON report.
    Json,
    /// GitHub Actions annotations (`::error file=…,line=…::`).
    Github,
}

/// Runs `dayglot check`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let project = super::project(ctx)?;
    let days = match &args.day {
        Some(d) => vec![DayId::parse(d)?],
        None => project.days()?,
    };
    let format = match args.format {
        Format::Text => CheckFormat::Text,
        Format::Json => CheckFormat::Json,
        Format::Github => CheckFormat::Github,
    };
    let checked = check::run(&project, &days, format, args.strict, ctx.verbose)?;
    // The files' own problems first, each at its file:line:col.
    print_report(ctx, &checked.files, args.strict);
    output::print(&checked.output);
    Ok(Outcome::problems_if(checked.failed))
}
