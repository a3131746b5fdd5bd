//! Translation status: what is translated, needs review, missing or stale, per day and
//! language, and bringing catalogs in line with a changed source.

use std::collections::BTreeSet;

use dayglot_core::{DayId, Diagnostic, Lang, Severity, SourceFile, render_diagnostics};
use dayglot_project::{LoadedDay, Project, TextFile};
use dayglot_translate::{
    Catalog, SegmentState, Translation, Update, apply, parse_po, render_word_diff, word_diff,
};
use serde::{Deserialize, Serialize};

use crate::Error;

/// Codes of findings that the report lists by segment rather than rendering one by one.
const LISTED: [&str; 4] = ["po::missing", "po::stale", "po::empty", "po::needs-review"];

/// The languages to report for a day: the project's target languages and the day's PO files.
pub fn languages(
    project: &Project,
    day: &LoadedDay,
    only: Option<&Lang>,
) -> Result<Vec<Lang>, Error> {
    let source = &day.meta.source_lang;
    let mut langs: BTreeSet<Lang> = project.languages()?.into_iter().collect();
    langs.extend(project.catalog_langs(day.id)?);
    langs.remove(source);
    // A derived language has no catalog: it is made from its base language's.
    for derived in crate::derive::derived_languages(project)?.keys() {
        langs.remove(derived);
    }
    if let Some(only) = only {
        if only == source {
            return Err(Error::Refused(format!(
                "{only} is the source language of {}: it has no translation file",
                day.id
            )));
        }
        return Ok(vec![only.clone()]);
    }
    Ok(langs.into_iter().collect())
}

/// Creates or updates one translation file (through the project), and says what changed.
pub fn update_file(
    project: &Project,
    day: &LoadedDay,
    lang: &Lang,
    mode: Update,
) -> Result<String, Error> {
    let shown = project.catalog_path(day.id, lang);
    let existing = project.catalog(day.id, lang)?.map(|f| f.text);
    let catalog = match &existing {
        Some(text) => {
            let parsed = parse_po(text);
            if parsed
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
            {
                let file = SourceFile::new(&shown, text);
                return Err(Error::Refused(format!(
                    "{}{shown} has errors; fix them before updating it (rewriting would drop what could not be read)",
                    render_diagnostics(&file, &parsed.diagnostics)
                )));
            }
            Some(parsed.catalog)
        }
        None => None,
    };
    let document = &day.ingested.document;
    let (new, report) =
        dayglot_translate::update_catalog_with_report(document, catalog.as_ref(), lang, mode);
    let new_text = dayglot_translate::write_po(&new);
    if existing.as_deref() == Some(new_text.as_str()) {
        return Ok(format!("{shown}: up to date, not rewritten\n"));
    }
    project.write_catalog(day.id, lang, &new_text)?;
    if catalog.is_none() {
        return Ok(format!(
            "{shown}: created with {} empty entries\n",
            document.segments().len()
        ));
    }
    // Said from what the update did, not guessed from ids (ids move when sentences do).
    let mut parts = vec![format!("{} new entries", report.added.len())];
    let mut say = |n: usize, what: &str| {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    };
    say(
        report.moved.len(),
        "kept with their sentence under a new id",
    );
    say(report.copied.len(), "copied from a repeated sentence");
    say(report.revived.len(), "revived from obsolete entries");
    say(
        report.drafts.len(),
        "drafted from an edited sentence and flagged fuzzy",
    );
    say(report.stale.len(), "left stale");
    say(report.dropped, "empty entries dropped");
    parts.push(format!("{} made obsolete", report.obsoleted.len()));
    Ok(format!("{shown}: updated ({})\n", parts.join(", ")))
}

/// The status of one language of one day.
pub struct LangStatus {
    lang: Lang,
    path: String,
    /// The PO text, or `None` when the file does not exist.
    text: Option<String>,
    parse_diagnostics: Vec<Diagnostic>,
    /// The catalog as read.
    pub catalog: Catalog,
    translation: Translation,
}

impl LangStatus {
    /// Reads and applies a language's catalog of a day.
    pub fn load(project: &Project, day: &LoadedDay, lang: &Lang) -> Result<Self, Error> {
        let path = project.catalog_path(day.id, lang);
        let text = project.catalog(day.id, lang)?.map(|f: TextFile| f.text);
        let parsed = parse_po(text.as_deref().unwrap_or(""));
        let mut catalog: Catalog = parsed.catalog;
        if text.is_none() {
            // A missing file is reported as such, not as a header without `Language:`.
            catalog.header = None;
        }
        let mut translation = apply(&day.ingested.document, &catalog, lang.clone());
        if text.is_none() {
            translation.findings.retain(|d| d.code == "po::missing");
        }
        Ok(Self {
            lang: lang.clone(),
            path,
            text,
            parse_diagnostics: parsed.diagnostics,
            catalog,
            translation,
        })
    }

    /// The findings rendered one by one (file problems; segment states are listed instead).
    fn file_findings(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self.parse_diagnostics.clone();
        all.extend(
            self.translation
                .findings
                .iter()
                .filter(|d| !LISTED.contains(&d.code))
                .cloned(),
        );
        all.sort_by_key(|d| (d.span.start, d.span.end));
        all
    }

    /// Whether the language is not ready: a segment missing, stale or empty, or a file error;
    /// with `strict`, also a segment that needs review (a fuzzy draft is not done).
    pub fn has_problems(&self, strict: bool) -> bool {
        let c = &self.translation.counts;
        c.missing + c.stale + c.empty > 0
            || (strict && c.needs_review > 0)
            || self
                .file_findings()
                .iter()
                .any(|d| d.severity == Severity::Error)
    }

    /// See the module docs.
    pub fn render_diagnostics(&self) -> String {
        let Some(text) = &self.text else {
            return String::new();
        };
        let findings = self.file_findings();
        if findings.is_empty() {
            return String::new();
        }
        render_diagnostics(&SourceFile::new(&self.path, text), &findings)
    }

    fn line_of(&self, offset: usize) -> usize {
        self.text
            .as_deref()
            .map_or(1, |t| SourceFile::new(&self.path, t).line_col(offset).line)
    }

    /// The segments of the day in reading order with their state.
    fn ordered<'a>(
        &'a self,
        day: &'a LoadedDay,
    ) -> impl Iterator<Item = (&'a dayglot_core::Segment, &'a SegmentState)> {
        day.ingested
            .document
            .segments()
            .into_iter()
            .map(|s| (s, self.translation.state(&s.id)))
    }

    /// See the module docs.
    pub fn write_text(&self, day: &LoadedDay, out: &mut String) {
        let c = &self.translation.counts;
        let errors = self
            .file_findings()
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let verdict = if self.text.is_none() {
            "no translation file".to_owned()
        } else if self.has_problems(false) {
            "INCOMPLETE".to_owned()
        } else if c.needs_review > 0 {
            "NEEDS REVIEW (not published until reviewed)".to_owned()
        } else {
            "complete".to_owned()
        };
        out.push_str(&format!(
            "{} {}: {} translated, {} need review, {} missing, {} stale, {} empty, {} obsolete, {} unknown ids, {} file errors: {verdict}\n",
            day.id, self.lang, c.translated, c.needs_review, c.missing, c.stale, c.empty, c.obsolete, c.unknown, errors
        ));
        if self.text.is_none() {
            out.push_str(&format!(
                "  {} does not exist; create it with: dayglot status {} --lang {} --update\n",
                self.path, day.id, self.lang
            ));
            return;
        }
        let catalog_line = |id: &dayglot_core::SegmentId| -> String {
            match self.catalog.get(id) {
                Some(entry) => format!("{}:{}", self.path, self.line_of(entry.msgid.span.start)),
                None => self.path.clone(),
            }
        };
        for (segment, state) in self.ordered(day) {
            if let SegmentState::Stale {
                old_source,
                new_source,
            } = state
            {
                out.push_str(&format!(
                    "  stale {} ({}):\n",
                    segment.id,
                    catalog_line(&segment.id)
                ));
                out.push_str(&format!("    was: {old_source}\n"));
                out.push_str(&format!("    now: {new_source}\n"));
                out.push_str(&format!(
                    "    diff: {}\n",
                    render_word_diff(&word_diff(old_source, new_source))
                ));
            }
        }
        for (segment, state) in self.ordered(day) {
            let previous = self
                .catalog
                .get(&segment.id)
                .and_then(|e| e.previous_msgid.as_ref());
            if let (SegmentState::NeedsReview, Some(previous)) = (state, previous) {
                out.push_str(&format!(
                    "  review {} ({}): the source changed since it was translated:\n",
                    segment.id,
                    catalog_line(&segment.id)
                ));
                out.push_str(&format!(
                    "    diff: {}\n",
                    render_word_diff(&word_diff(&previous.value, &segment.text))
                ));
            }
        }
        let list = |name: &str, wanted: fn(&SegmentState) -> bool, out: &mut String| {
            let ids: Vec<String> = self
                .ordered(day)
                .filter(|(_, s)| wanted(s))
                .map(|(seg, _)| seg.id.to_string())
                .collect();
            if !ids.is_empty() {
                out.push_str(&format!("  {name}: {}\n", ids.join(", ")));
            }
        };
        list("missing", |s| matches!(s, SegmentState::Missing), out);
        list("empty", |s| matches!(s, SegmentState::Empty), out);
        list(
            "needs review",
            |s| matches!(s, SegmentState::NeedsReview),
            out,
        );
        if errors > 0 {
            out.push_str(&format!(
                "  {} has {errors} errors (shown on stderr): entries with errors are not used until they are fixed\n",
                self.path
            ));
        } else if c.missing > 0 {
            out.push_str(&format!("  to add empty entries for the missing segments: dayglot status {} --lang {} --update\n", day.id, self.lang));
        }
        if c.stale > 0 {
            out.push_str(&format!(
                "  revise each stale msgstr and set its msgid to the new source, or run: dayglot status {} --lang {} --refresh\n",
                day.id, self.lang
            ));
        }
    }

    /// See the module docs.
    pub fn to_json(&self, day: &LoadedDay) -> LangJson {
        let c = &self.translation.counts;
        let ids = |wanted: fn(&SegmentState) -> bool| -> Vec<String> {
            self.ordered(day)
                .filter(|(_, s)| wanted(s))
                .map(|(seg, _)| seg.id.to_string())
                .collect()
        };
        let stale = self
            .ordered(day)
            .filter_map(|(seg, s)| match s {
                SegmentState::Stale {
                    old_source,
                    new_source,
                } => Some(StaleJson {
                    id: seg.id.to_string(),
                    old_source: old_source.clone(),
                    new_source: new_source.clone(),
                }),
                _ => None,
            })
            .collect();
        let diagnostics = match &self.text {
            Some(text) => {
                let file = SourceFile::new(&self.path, text);
                self.file_findings()
                    .iter()
                    .map(|d| {
                        let pos = file.line_col(d.span.start);
                        DiagnosticJson {
                            code: d.code.to_owned(),
                            severity: d.severity.to_string(),
                            line: pos.line,
                            column: pos.column,
                            message: d.message.clone(),
                            help: d.help.clone(),
                        }
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        LangJson {
            lang: self.lang.to_string(),
            file: self.path.clone(),
            exists: self.text.is_some(),
            complete: self.translation.counts.is_complete() && !self.has_problems(true),
            counts: CountsJson {
                translated: c.translated,
                needs_review: c.needs_review,
                missing: c.missing,
                stale: c.stale,
                empty: c.empty,
                obsolete: c.obsolete,
                unknown: c.unknown,
            },
            stale,
            missing: ids(|s| matches!(s, SegmentState::Missing)),
            empty: ids(|s| matches!(s, SegmentState::Empty)),
            needs_review: ids(|s| matches!(s, SegmentState::NeedsReview)),
            diagnostics,
        }
    }
}

/// The JSON report of `dayglot status --format json` (a file format: change it only by bumping
/// `schema_version`).
#[derive(Debug, Serialize, Deserialize)]
pub struct StatusJson {
    /// Always 1.
    pub schema_version: u32,
    /// One item per day, in order.
    pub days: Vec<DayJson>,
}

/// One day.
#[derive(Debug, Serialize, Deserialize)]
pub struct DayJson {
    /// `day-686`.
    pub day: String,
    /// The source file, relative to the project root.
    pub source: String,
    /// One item per target language, in alphabetical order.
    pub languages: Vec<LangJson>,
}

/// One language of one day.
#[derive(Debug, Serialize, Deserialize)]
pub struct LangJson {
    /// Language tag.
    lang: String,
    /// The translation file, relative to the project root.
    file: String,
    /// Whether the file exists.
    exists: bool,
    /// No segment missing, stale or empty, and no error in the file.
    complete: bool,
    /// Segments per state.
    counts: CountsJson,
    /// Stale segments in reading order.
    stale: Vec<StaleJson>,
    /// Ids of missing segments in reading order.
    missing: Vec<String>,
    /// Ids of segments with an empty translation.
    empty: Vec<String>,
    /// Ids of segments flagged fuzzy.
    needs_review: Vec<String>,
    /// Problems in the file.
    diagnostics: Vec<DiagnosticJson>,
}

/// Segment counts.
#[derive(Debug, Serialize, Deserialize)]
struct CountsJson {
    translated: usize,
    needs_review: usize,
    missing: usize,
    stale: usize,
    empty: usize,
    obsolete: usize,
    unknown: usize,
}

/// A stale segment.
#[derive(Debug, Serialize, Deserialize)]
struct StaleJson {
    /// Segment id.
    id: String,
    /// The source the translation was made from.
    old_source: String,
    /// The current source.
    new_source: String,
}

/// A problem in a translation file.
#[derive(Debug, Serialize, Deserialize)]
struct DiagnosticJson {
    code: String,
    severity: String,
    line: usize,
    column: usize,
    message: String,
    help: Option<String>,
}

/// A whole `dayglot status` run.
#[derive(Debug)]
pub struct StatusRun {
    /// The report for people (stdout).
    pub text: String,
    /// The files' problems, rendered with their lines (stderr).
    pub diagnostics: String,
    /// The JSON report.
    pub json: StatusJson,
    /// Whether a language is not ready (see [`LangStatus::has_problems`]).
    pub problems: bool,
}

/// What `status` reports of one day.
#[derive(Debug, Serialize, Deserialize)]
struct DayStatus {
    text: String,
    diagnostics: String,
    json: DayJson,
    problems: bool,
}

/// The status of one day in every target language (or `only`), after creating or updating its
/// catalogs when `mode` says so, exporting XLIFF into `xliff` when given.
fn day_status(
    project: &Project,
    day: DayId,
    only: Option<&Lang>,
    mode: Option<Update>,
    xliff: Option<&std::path::Path>,
    strict: bool,
) -> Result<DayStatus, Error> {
    let (mut text, mut diagnostics, mut problems) = (String::new(), String::new(), false);
    let loaded = project.load_day(day)?;
    let mut json = DayJson {
        day: day.to_string(),
        source: loaded.source_path.clone(),
        languages: Vec::new(),
    };
    for lang in languages(project, &loaded, only)? {
        if let Some(mode) = mode {
            text.push_str(&update_file(project, &loaded, &lang, mode)?);
        }
        let status = LangStatus::load(project, &loaded, &lang)?;
        if let Some(dir) = xliff {
            let path = dir.join(format!("{day}.{lang}.xlf"));
            let xml =
                dayglot_translate::to_xliff(&loaded.ingested.document, &status.catalog, &lang);
            dayglot_project::write_atomic(&path, xml.as_bytes())?;
            text.push_str(&format!("{}: XLIFF written\n", path.display()));
        }
        problems |= status.has_problems(strict);
        status.write_text(&loaded, &mut text);
        diagnostics.push_str(&status.render_diagnostics());
        json.languages.push(status.to_json(&loaded));
    }
    Ok(DayStatus {
        text,
        diagnostics,
        json,
        problems,
    })
}

/// The status of `days` in every target language (or `only`), after creating or updating the
/// catalogs when `mode` says so, exporting XLIFF into `xliff` when given.
pub fn run(
    project: &Project,
    days: &[DayId],
    only: Option<&Lang>,
    mode: Option<Update>,
    xliff: Option<&std::path::Path>,
    strict: bool,
) -> Result<StatusRun, Error> {
    let mut json = StatusJson {
        schema_version: 1,
        days: Vec::new(),
    };
    let (mut text, mut diagnostics, mut problems) = (String::new(), String::new(), false);
    // A report only reads: an unchanged day (same inputs, same options) comes from the cache
    // ([`crate::cache`]), and days are read on every core. Updating or exporting writes files:
    // one day after the other, as asked.
    let read_only = mode.is_none() && xliff.is_none();
    let fingerprints = crate::cache::fingerprints(project);
    // One store per set of options (a language tag is a safe folder name).
    let only_name = only.map_or_else(|| "all".to_owned(), ToString::to_string);
    let kind = format!("status-{only_name}-strict={strict}");
    let base = crate::cache::project_key(&fingerprints, &kind);
    let store = crate::cache::Store::new(project, &kind);
    let one_day = |day: DayId| -> Result<DayStatus, Error> {
        if !read_only {
            return day_status(project, day, only, mode, xliff, strict);
        }
        let key = crate::cache::day_key(&base, &fingerprints, day);
        if let Some(cached) = store.read_json::<DayStatus>(day, &key) {
            return Ok(cached);
        }
        let status = day_status(project, day, only, mode, xliff, strict)?;
        store.write_json(day, &key, &status);
        Ok(status)
    };
    let pool = crate::parallel::Pool::new(if read_only { None } else { Some(1) })?;
    crate::parallel::for_each_ordered(
        &pool,
        days,
        |day| one_day(*day),
        |result| -> Result<(), Error> {
            let day = result?;
            text.push_str(&day.text);
            diagnostics.push_str(&day.diagnostics);
            problems |= day.problems;
            json.days.push(day.json);
            Ok(())
        },
    )?;
    if read_only {
        store.flush();
        fingerprints.save();
    }
    Ok(StatusRun {
        text,
        diagnostics,
        json,
        problems,
    })
}
