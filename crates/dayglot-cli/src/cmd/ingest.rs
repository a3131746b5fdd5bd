//! `dayglot ingest PATH_OR_DAY`: parse a day or a file and print the model.

use std::path::PathBuf;

use anyhow::Context as _;
use dayglot_core::json::DocumentJson;
use dayglot_core::{DayId, Lang, Severity, SourceFile, render_diagnostics};
use dayglot_ingest::{Format, Options, ingest};

use super::{Context, Outcome};
use crate::output;

/// Arguments of `dayglot ingest`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A day of the corpus (`day-686`) or the path of a summary file (`.txt` or `.md`).
    input: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = IngestFormat::Text)]
    format: IngestFormat,
    /// Language of a file given by path (default: from a `source.<lang>.txt` name, else the
    /// project's source language, else `en`).
    #[arg(long)]
    lang: Option<String>,
}

/// How `dayglot ingest` prints the model.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum IngestFormat {
    /// The diagnostics and an outline, for people.
    Text,
    /// The documented JSON model (`dayglot_core::json`).
    Json,
}

/// Runs `dayglot ingest`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let (path, text, ingested) =
        if args.input.starts_with("day-") && !args.input.contains(['/', '\\', '.']) {
            let day = DayId::parse(&args.input)?;
            let project = super::project(ctx)?;
            let loaded = project.load_day(day)?;
            (loaded.source_path, loaded.source_text, loaded.ingested)
        } else {
            let path = PathBuf::from(&args.input);
            let is_html = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
            let bytes = dayglot_project::read_bytes(&path).with_context(|| {
                format!(
                    "cannot read {}; give a day id (day-686) or an existing file",
                    path.display()
                )
            })?;
            let text = if is_html {
                // A saved page goes through the extractor of `dayglot fetch`: the same model.
                let (text, furniture) =
                    dayglot_pipeline::fetch::page_text(&bytes, &path.display().to_string())?;
                for line in furniture {
                    output::eprint(&format!("note: left out as page furniture: {line}"));
                }
                text
            } else {
                // The one decode policy of every text file (dayglot_core::decode).
                dayglot_core::decode(&bytes)
                    .with_context(|| format!("{} cannot be ingested", path.display()))?
                    .to_owned()
            };
            let project = super::project(ctx).ok();
            let lang = match &args.lang {
                Some(l) => Lang::parse(l)?,
                None => lang_from_name(&path)
                    .or_else(|| project.as_ref().map(|p| p.config.source_lang.clone()))
                    .unwrap_or_else(|| Lang::parse("en").expect("`en` is a valid tag")),
            };
            let rules = match &project {
                Some(p) => p.language_rules(&lang)?,
                None => Default::default(),
            };
            let mut options = Options::new(lang, &rules);
            options.format = path.extension().map(|e| {
                if e == "md" {
                    Format::Markdown
                } else {
                    Format::PlainText
                }
            });
            options.series = project.as_ref().map(|p| &p.config.series);
            let ingested = ingest(&text, &options);
            (path.display().to_string(), text, ingested)
        };
    let file = SourceFile::new(&path, &text);
    match args.format {
        IngestFormat::Json => {
            let json = DocumentJson::new(&ingested.document, &ingested.diagnostics, &file);
            output::print(&(serde_json::to_string_pretty(&json)? + "\n"));
        }
        IngestFormat::Text => {
            output::eprint(&render_diagnostics(&file, &ingested.diagnostics));
            output::print(&outline(&ingested.document));
        }
    }
    Ok(Outcome::problems_if(
        ingested
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error),
    ))
}

/// `source.bg.txt` → `bg`.
fn lang_from_name(path: &std::path::Path) -> Option<Lang> {
    let stem = path.file_stem()?.to_str()?;
    Lang::parse(stem.rsplit('.').next()?).ok()
}

/// A short outline: ids and the first words of each segment.
fn outline(doc: &dayglot_core::Document) -> String {
    let mut out = String::new();
    for seg in doc.segments() {
        let short: String = seg.text.chars().take(70).collect();
        let more = if seg.text.chars().count() > 70 {
            "…"
        } else {
            ""
        };
        out.push_str(&format!("{:<10} {short}{more}\n", seg.id));
    }
    out
}
