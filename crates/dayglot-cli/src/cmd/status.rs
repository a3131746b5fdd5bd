//! `dayglot status [DAY] [--lang L] [--format text|json] [--update | --refresh] [--xliff DIR]`: what is
//! translated, needs review, missing or stale, per day and language.
//!
//! The languages of a day are the project's languages (`locales/<lang>/`) other than the source
//! language, plus any `<lang>.po` in the day folder (a language derived from another by
//! transliteration has none). Exit code 1 when a segment is missing, stale or empty, or a
//! translation file has errors — with `--strict` also while a segment needs review; else 0.

use dayglot_core::DayId;
use dayglot_pipeline::status::{DayJson, LangStatus, StatusJson, languages, update_file};
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
    let only = args.lang.as_deref().map(|l| project.lang_arg(l)).transpose()?;
    let mode = if args.refresh {
        Some(Update::Refresh)
    } else if args.update {
        Some(Update::Keep)
    } else {
        None
    };
    let mut report = StatusJson {
        schema_version: 1,
        days: Vec::new(),
    };
    let mut text = String::new();
    let mut rendered = String::new();
    let mut problems = false;
    for day in days {
        let loaded = project.load_day(day)?;
        let mut day_json = DayJson {
            day: day.to_string(),
            source: loaded.source_path.clone(),
            languages: Vec::new(),
        };
        for lang in languages(&project, &loaded, only.as_ref())? {
            if let Some(mode) = mode {
                text.push_str(&update_file(&project, &loaded, &lang, mode)?);
            }
            let status = LangStatus::load(&project, &loaded, &lang)?;
            if let Some(dir) = &args.xliff {
                let path = dir.join(format!("{day}.{lang}.xlf"));
                let xml =
                    dayglot_translate::to_xliff(&loaded.ingested.document, &status.catalog, &lang);
                dayglot_project::write_atomic(&path, xml.as_bytes())?;
                text.push_str(&format!("{}: XLIFF written\n", path.display()));
            }
            problems |= status.has_problems(args.strict);
            status.write_text(&loaded, &mut text);
            rendered.push_str(&status.render_diagnostics());
            day_json.languages.push(status.to_json(&loaded));
        }
        report.days.push(day_json);
    }
    match args.format {
        StatusFormat::Json => output::print(&(serde_json::to_string_pretty(&report)? + "\n")),
        StatusFormat::Text => {
            if !rendered.is_empty() {
                output::eprint(&rendered);
            }
            output::print(&text);
        }
    }
    Ok(Outcome::problems_if(problems))
}
