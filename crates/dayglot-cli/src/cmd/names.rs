//! `dayglot names DAY [--lang L] [--format text|json]`: every mention of a glossary entity.
//!
//! The source language reads the day's segments; another language reads the translations of
//! `corpus/DAY/L.po` (msgstr by msgctxt). The JSON format is `dayglot_glossary::json::NamesJson`
//! (documented there, versioned by `schema_version`).

use dayglot_core::DayId;
use dayglot_glossary::FormKind;
use dayglot_glossary::json::{MentionJson, NamesJson, SCHEMA_VERSION};
use dayglot_project::LoadedDay;

use super::{Context, Outcome, print_report};
use crate::output;

/// Arguments of `dayglot names`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The day (`day-686`).
    day: String,
    /// The language to read (default: the day's source language).
    #[arg(long)]
    lang: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = NamesFormat::Text)]
    format: NamesFormat,
}

/// How `dayglot names` prints.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum NamesFormat {
    /// One line per mention, for people.
    Text,
    /// The documented JSON format.
    Json,
}

/// The segments of a day's source: (id, text) in reading order. When the parser found no
/// segments, the source's non-empty lines (`line1`, `line2`, ...), so that names are still found.
pub(crate) fn source_segments(day: &LoadedDay) -> Vec<(String, String)> {
    let segments: Vec<(String, String)> = day
        .ingested
        .document
        .segments()
        .iter()
        .map(|s| (s.id.to_string(), s.text.clone()))
        .collect();
    if !segments.is_empty() {
        return segments;
    }
    day.source_text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (format!("line{}", i + 1), l.to_owned()))
        .collect()
}

/// The translations of a PO file: (segment id, msgstr), in file order, skipping the header,
/// obsolete and untranslated entries.
fn translated_segments(text: &str) -> Vec<(String, String)> {
    let parsed = dayglot_translate::parse_po(text);
    parsed
        .catalog
        .entries
        .iter()
        .filter(|e| !e.obsolete && !e.msgstr.value.is_empty())
        .filter_map(|e| Some((e.msgctxt.as_ref()?.value.clone(), e.msgstr.value.clone())))
        .collect()
}

/// Runs `dayglot names`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let day = DayId::parse(&args.day)?;
    let project = super::project(ctx)?;
    let loaded = super::glossary::require(&project)?;
    print_report(ctx, &loaded.report, false);
    let source = project.load_day(day)?;
    let lang = match &args.lang {
        Some(l) => project.lang_arg(l)?,
        None => source.meta.source_lang.clone(),
    };
    let segments = if lang == source.meta.source_lang {
        source_segments(&source)
    } else {
        let file = project.catalog(day, &lang)?.ok_or_else(|| {
            anyhow::anyhow!("{} does not exist: {lang} has no translation of {day}", project.catalog_path(day, &lang))
        })?;
        translated_segments(&file.text)
    };
    let matcher = loaded.glossary.matcher();
    let mut mentions = Vec::new();
    for (id, text) in &segments {
        for m in matcher.find(text, &lang) {
            mentions.push(MentionJson::new(id, &m));
        }
    }
    let forbidden = mentions
        .iter()
        .filter(|m| m.form == FormKind::Forbidden.name())
        .count();
    match args.format {
        NamesFormat::Json => {
            let json = NamesJson {
                schema_version: SCHEMA_VERSION,
                day: day.to_string(),
                lang: lang.to_string(),
                mentions,
            };
            output::print(&(serde_json::to_string_pretty(&json)? + "\n"));
        }
        NamesFormat::Text => {
            let mut out = String::new();
            for m in &mentions {
                let form = match &m.case {
                    Some(c) => format!("case:{c}"),
                    None => m.form.clone(),
                };
                let arrow = if m.normalized == m.text {
                    String::new()
                } else {
                    format!(" -> {}", m.normalized)
                };
                out.push_str(&format!(
                    "{}\t{}..{}\t{}\t{}\t{form}{arrow}\n",
                    m.segment, m.start, m.end, m.text, m.entity
                ));
            }
            output::print(&out);
            let entities: std::collections::BTreeSet<&str> =
                mentions.iter().map(|m| m.entity.as_str()).collect();
            output::eprint(&format!(
                "{} mention(s) of {} entities in {day} ({lang}); {forbidden} forbidden",
                mentions.len(),
                entities.len()
            ));
        }
    }
    Ok(Outcome::problems_if(forbidden > 0 || loaded.has_errors()))
}
