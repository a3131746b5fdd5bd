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

use dayglot_check::{Checker, Finding};
use dayglot_core::DayId;
use dayglot_pipeline::check::{self as pipeline, CheckJson, FindingJson};

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
    let shared = pipeline::load_shared(&project)?;
    let checker = Checker::new(&shared.glossary);
    let mut text = String::new();
    let mut json = CheckJson {
        schema_version: 1,
        strict: args.strict,
        ..CheckJson::default()
    };
    let (mut total, mut accepted, mut failing) = (0, 0, 0);
    let mut file_errors = 0;
    for (k, id) in days.into_iter().enumerate() {
        let mut checked = pipeline::check_day(&project, &shared, &checker, id)?;
        if k == 0 {
            // The Fluent files belong to no day: checked once, with the first day.
            let fluent = pipeline::check_fluent(&project, &shared, &checker, &checked.day);
            checked.findings.extend(fluent);
        }
        // The files' own problems first, each at its file:line:col.
        print_report(ctx, &checked.files, args.strict);
        file_errors += checked.files.tally(args.strict).errors;
        json.summary.extend(pipeline::tally(&checked, &shared, args.strict));
        let all: Vec<&Finding> = checked.findings.iter().collect();
        total += all.len();
        accepted += all.iter().filter(|f| f.accepted.is_some()).count();
        failing += all.iter().filter(|f| f.fails(args.strict)).count();
        match args.format {
            Format::Text => {
                let shown: Vec<&Finding> = all
                    .iter()
                    .copied()
                    .filter(|f| ctx.verbose || f.accepted.is_none())
                    .collect();
                text.push_str(&pipeline::render_text(&checked, &shared, &shown, args.strict));
            }
            Format::Json => json.findings.extend(
                all.iter()
                    .map(|f| FindingJson::new(&checked, &shared, f, args.strict)),
            ),
            Format::Github => {
                for f in &all {
                    text.push_str(&pipeline::render_github(&checked, &shared, f, args.strict));
                }
            }
        }
    }
    match args.format {
        Format::Json => output::print(&(serde_json::to_string_pretty(&json)? + "\n")),
        Format::Text => {
            let hidden = if ctx.verbose || accepted == 0 {
                String::new()
            } else {
                format!("; the accepted ones are listed with --verbose")
            };
            text.push_str(&format!(
                "{total} finding{} ({accepted} accepted, {failing} failing{}){hidden}\n",
                if total == 1 { "" } else { "s" },
                if args.strict { ", strict" } else { "" }
            ));
            output::print(&text);
        }
        Format::Github => output::print(&text),
    }
    Ok(Outcome::problems_if(failing + file_errors > 0))
}
