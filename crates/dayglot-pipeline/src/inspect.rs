//! Looking into one day or one file: `dayglot ingest` (the model of a file or a day) and
//! `dayglot names` (every mention of a glossary entity).

use std::path::Path;

use dayglot_core::{DayId, Document, Lang};
use dayglot_glossary::Glossary;
use dayglot_glossary::json::MentionJson;
use dayglot_ingest::{Format, Ingested, LanguageRules, Options, ingest};
use dayglot_project::{LoadedDay, Project, ProjectError};

use crate::Error;

/// A file ingested outside the corpus.
#[derive(Debug)]
pub struct IngestedFile {
    /// The path as given.
    pub path: String,
    /// The text that was parsed (a saved page's extracted text).
    pub text: String,
    /// The model and its diagnostics.
    pub ingested: Ingested,
    /// Lines of a saved page left out as page furniture.
    pub furniture: Vec<String>,
}

/// Ingests a summary file (`.txt`, `.md`) or a saved page (`.html`, through the extractor of
/// `dayglot fetch`, so that it gives the same model). The language is `lang`, else the one a
/// `source.<lang>.txt` name gives, else the project's source language, else `en`.
pub fn ingest_file(
    project: Option<&Project>,
    path: &Path,
    lang: Option<&Lang>,
) -> Result<IngestedFile, Error> {
    let shown = path.display().to_string();
    let bytes = dayglot_project::read_bytes(path)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let (text, furniture) = if ext == "html" || ext == "htm" {
        crate::fetch::page_text(&bytes, &shown)?
    } else {
        // The one decode policy of every text file.
        let text = dayglot_core::decode(&bytes).map_err(|source| ProjectError::Decode {
            path: path.to_path_buf(),
            source,
        })?;
        (text.to_owned(), Vec::new())
    };
    let lang = match lang {
        Some(l) => l.clone(),
        None => lang_from_name(path)
            .or_else(|| project.map(|p| p.config.source_lang.clone()))
            .or_else(|| Lang::parse("en").ok())
            .ok_or_else(|| Error::Refused("no language".into()))?,
    };
    let rules = match project {
        Some(p) => p.language_rules(&lang)?,
        None => LanguageRules::default(),
    };
    let mut options = Options::new(lang, &rules);
    options.format = Some(if ext == "md" {
        Format::Markdown
    } else {
        Format::PlainText
    });
    options.series = project.map(|p| &p.config.series);
    let ingested = ingest(&text, &options);
    Ok(IngestedFile {
        path: shown,
        text,
        ingested,
        furniture,
    })
}

/// `source.bg.txt` → `bg`.
fn lang_from_name(path: &Path) -> Option<Lang> {
    let stem = path.file_stem()?.to_str()?;
    Lang::parse(stem.rsplit('.').next()?).ok()
}

/// A short outline: ids and the first words of each segment.
pub fn outline(doc: &Document) -> String {
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

/// The segments of a day's source: (id, text) in reading order. When the parser found no
/// segments, the source's non-empty lines (`line1`, `line2`, ...), so that names are still found.
pub fn source_segments(day: &LoadedDay) -> Vec<(String, String)> {
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

/// Every mention of a glossary entity in a day, in its source language or (from the catalog's
/// translated entries) in another language.
pub fn mentions(
    project: &Project,
    glossary: &Glossary,
    day: DayId,
    lang: Option<&Lang>,
) -> Result<(Lang, Vec<MentionJson>), Error> {
    let source = project.load_day(day)?;
    let lang = lang
        .cloned()
        .unwrap_or_else(|| source.meta.source_lang.clone());
    let segments = if lang == source.meta.source_lang {
        source_segments(&source)
    } else {
        let file = project.catalog(day, &lang)?.ok_or_else(|| {
            Error::Refused(format!(
                "{} does not exist: {lang} has no translation of {day}",
                project.catalog_path(day, &lang)
            ))
        })?;
        dayglot_translate::parse_po(&file.text)
            .catalog
            .entries
            .iter()
            .filter(|e| !e.obsolete && !e.msgstr.value.is_empty())
            .filter_map(|e| Some((e.msgctxt.as_ref()?.value.clone(), e.msgstr.value.clone())))
            .collect()
    };
    let matcher = glossary.matcher();
    let mut out = Vec::new();
    for (id, text) in &segments {
        for m in matcher.find(text, &lang) {
            out.push(MentionJson::new(id, &m));
        }
    }
    Ok((lang, out))
}

/// Mentions for people: one tab-separated line each (segment, span, text, entity, form, and the
/// normalised form when it differs), and a closing summary line.
pub fn mentions_text(day: DayId, lang: &Lang, mentions: &[MentionJson]) -> (String, String) {
    let mut out = String::new();
    for m in mentions {
        let form = m
            .case
            .as_ref()
            .map_or_else(|| m.form.clone(), |c| format!("case:{c}"));
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
    let entities: std::collections::BTreeSet<&str> =
        mentions.iter().map(|m| m.entity.as_str()).collect();
    let forbidden = forbidden_count(mentions);
    let summary = format!(
        "{} mention(s) of {} entities in {day} ({lang}); {forbidden} forbidden",
        mentions.len(),
        entities.len()
    );
    (out, summary)
}

/// How many mentions use a forbidden form.
pub fn forbidden_count(mentions: &[MentionJson]) -> usize {
    mentions
        .iter()
        .filter(|m| m.form == dayglot_glossary::FormKind::Forbidden.name())
        .count()
}
