//! `dayglot draft DAY [--lang L] [--engine tm|libretranslate|deepl|openai] [--endpoint URL]
//! [--dry-run]`: fills the missing, stale and empty entries of a day's catalogs with drafts
//! flagged fuzzy, from the translation memory (the default, offline) or a machine translation
//! engine. A translated entry is never touched.
//!
//! The work is `dayglot_pipeline::draft`; here: arguments, the engine key from its environment
//! variable (never printed, never written), printing. What the pipeline reads and writes:
//! - the memory index, `target/dayglot-cache/draft/memory.json` (ignored by git), updated from
//!   every catalog of the corpus (only changed catalogs are parsed again);
//! - engine responses, `target/dayglot-cache/draft/responses.json`, so a rerun costs nothing;
//! - the engine's key from the environment variable named by `[draft.<engine>] api_key_env`
//!   (never printed, never written);
//! - the day's catalogs, written atomically only when a draft was made and not `--dry-run`.
//!
//! Printing is the caller's: [`run`] reports through `notify` (the character count and cost
//! estimate come before anything is sent; progress events while requests run).

use dayglot_core::DayId;
use dayglot_draft::engine::EngineKind;
use dayglot_pipeline::draft::{DraftRequest, Notice, run as draft};

use super::{Context, Outcome};
use crate::output;

/// Arguments of `dayglot draft`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The day (`day-687`).
    day: String,
    /// Only this language (one of the project's languages); every target language when omitted.
    #[arg(long)]
    lang: Option<String>,
    /// Where drafts come from: the translation memory (offline) or an engine set up in
    /// `dayglot.toml` (`[draft.libretranslate]`, `[draft.deepl]`, `[draft.openai]`).
    #[arg(long, value_enum, default_value_t = EngineArg::Tm)]
    engine: EngineArg,
    /// The engine's base URL for this run, instead of the one in `dayglot.toml`.
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    /// Show what would be drafted (and, for an engine, what it would cost); send and write
    /// nothing.
    #[arg(long)]
    dry_run: bool,
}

/// `--engine`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum EngineArg {
    /// The translation memory of the corpus.
    Tm,
    /// LibreTranslate (`/translate`).
    Libretranslate,
    /// DeepL (`/v2/translate`).
    Deepl,
    /// An OpenAI-compatible chat completions server.
    Openai,
}

impl EngineArg {
    fn kind(self) -> Option<EngineKind> {
        match self {
            Self::Tm => None,
            Self::Libretranslate => Some(EngineKind::LibreTranslate),
            Self::Deepl => Some(EngineKind::DeepL),
            Self::Openai => Some(EngineKind::OpenAi),
        }
    }
}

/// Runs `dayglot draft`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let project = super::project(ctx)?;
    let settings = dayglot_pipeline::draft::settings(&project)?;
    let engine = args.engine.kind();
    // The key is read here, at the edge, from the variable the settings name.
    let key = engine.and_then(|kind| {
        let name = settings
            .engine(kind)
            .cloned()
            .unwrap_or_default()
            .key_variable(kind)
            .to_owned();
        std::env::var(name).ok()
    });
    let request = DraftRequest {
        day: DayId::parse(&args.day)?,
        lang: args
            .lang
            .as_deref()
            .map(|l| project.lang_arg(l))
            .transpose()?,
        engine,
        endpoint: args.endpoint,
        key,
        dry_run: args.dry_run,
    };
    let reporter = super::fetch::Reporter::new(0);
    let notify = |n: Notice<'_>| match n {
        Notice::Memory(s) => output::eprint(&format!(
            "translation memory: {} units ({} catalogs read again, {} unchanged, {} removed)",
            s.units, s.parsed, s.reused, s.removed
        )),
        Notice::Estimate {
            lang,
            estimate,
            currency,
        } => {
            output::eprint(&format!("{lang}: {estimate} {currency}"));
        }
        Notice::Progress(event) => dayglot_fetch::Progress::event(&reporter, event),
        Notice::Skipped { lang, reason } => output::eprint(&format!("{lang}: skipped: {reason}")),
    };
    let summary = draft(&project, &settings, request, &notify);
    reporter.finish();
    let summary = summary?;
    let mut text = String::new();
    for l in &summary.languages {
        let written = l
            .written
            .as_deref()
            .map(|p| format!(" ({p} written)"))
            .unwrap_or_default();
        text.push_str(&format!(
            "{} {} {}: {}{written}\n",
            summary.day, l.lang, summary.origin, l.summary
        ));
    }
    if summary.dry_run {
        text.push_str("dry run: nothing was sent or written\n");
    }
    output::print(&text);
    Ok(Outcome::problems_if(summary.has_problems()))
}
