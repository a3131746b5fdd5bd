//! Checking days: every language of a day against the source, and the Fluent files of every
//! language against the source language's, with findings placed in their files.

use std::collections::{BTreeMap, BTreeSet};

use dayglot_check::{CheckInput, Checker, Finding, FluentFile, LangInput, LangRules, Location};
use dayglot_core::{DayId, Lang, LineIndex, Report, Severity};
use dayglot_glossary::Glossary;
use dayglot_project::{LoadedDay, Project};
use dayglot_translate::{Translation, apply, parse_po};

use crate::Error;
use crate::glossary::load_glossary;

/// What the checks of a project read once for every day.
pub struct Shared {
    /// The glossary (shared with a publish's editions).
    pub glossary: std::sync::Arc<Glossary>,
    /// Each language's check rules (`locales/<lang>/check.toml`).
    pub rules: BTreeMap<Lang, LangRules>,
    /// Every language's Fluent files.
    pub fluent: Vec<FluentFile>,
    /// The project's languages, source first.
    pub languages: Vec<Lang>,
    /// Problems of the shared files (glossary warnings).
    pub report: Report,
    /// The languages made from another by transliteration.
    pub derived: BTreeMap<Lang, crate::derive::Derived>,
}

/// One day, checked.
pub struct CheckedDay {
    /// The day as loaded.
    pub day: LoadedDay,
    /// Each target language's translation.
    pub translations: Vec<Translation>,
    /// Each language's catalog text (for line numbers); absent when the day has no catalog.
    pub po: BTreeMap<Lang, (String, String)>,
    /// The findings, per language in order, segment by segment.
    pub findings: Vec<Finding>,
    /// Problems of the day's files (source and catalogs), each at its own line and column.
    pub files: Report,
}

/// Loads the glossary, the check rules and the Fluent files of every language. A glossary with
/// errors stops the check (the findings would be wrong).
pub fn load_shared(project: &Project) -> Result<Shared, Error> {
    let loaded = load_glossary(project)?.ok_or_else(|| {
        Error::Refused(format!(
            "{} is missing: the checks need the entity registry",
            project.registry_path()
        ))
    })?;
    if loaded.has_errors() {
        return Err(Error::Refused(format!(
            "the glossary has errors (see `dayglot glossary lint`):\n{}",
            loaded
                .report
                .render_text(dayglot_core::PrintOptions::default())
        )));
    }
    let derived = crate::derive::derived_languages(project)?;
    with_glossary(
        project,
        std::sync::Arc::new(loaded.glossary),
        derived,
        loaded.report,
    )
}

/// [`load_shared`] with a glossary already loaded (and free of errors), and its `report`.
pub fn with_glossary(
    project: &Project,
    glossary: std::sync::Arc<Glossary>,
    derived: BTreeMap<Lang, crate::derive::Derived>,
    report: Report,
) -> Result<Shared, Error> {
    let languages = project.languages()?;
    let mut rules = BTreeMap::new();
    let mut fluent = Vec::new();
    for lang in &languages {
        let file = match (project.check_rules(lang)?, derived.get(lang)) {
            (None, Some(d)) => project.check_rules(&d.from)?.map(|base| {
                let path = format!("{} (from {})", project.check_rules_path(lang), base.path);
                d.locale_file(&base, path)
            }),
            (file, _) => file,
        };
        if let Some(file) = file {
            rules.insert(lang.clone(), LangRules::parse(&file.path, &file.text)?);
        }
        for file in crate::derive::chrome_files(project, lang, &derived)? {
            fluent.push(FluentFile {
                lang: lang.clone(),
                path: file.path,
                text: file.text,
            });
        }
    }
    Ok(Shared {
        glossary,
        rules,
        fluent,
        languages,
        report,
        derived,
    })
}

/// Loads one day and its translations, and checks them (the Fluent files are checked apart,
/// by [`check_fluent`], since they belong to no day).
pub fn check_day(
    project: &Project,
    shared: &Shared,
    checker: &Checker<'_>,
    id: DayId,
) -> Result<CheckedDay, Error> {
    check_loaded(project, shared, checker, project.load_day(id)?, None)
}

/// [`check_day`] of a day already loaded.
pub fn check_loaded(
    project: &Project,
    shared: &Shared,
    checker: &Checker<'_>,
    day: LoadedDay,
    catalogs: Option<BTreeMap<Lang, crate::edition::DayCatalog>>,
) -> Result<CheckedDay, Error> {
    let source = &day.ingested.document;
    let mut files = Report::default();
    files.extend_in(
        &day.source_path,
        &day.source_text,
        day.ingested.diagnostics.iter().cloned(),
    );
    let known: BTreeSet<&str> = source.segments().iter().map(|s| s.id.as_str()).collect();
    let mut translations = Vec::new();
    let mut unknown = Vec::new();
    let mut po = BTreeMap::new();
    let targets: Vec<&Lang> = shared
        .languages
        .iter()
        .filter(|l| **l != day.meta.source_lang && !shared.derived.contains_key(*l))
        .collect();
    let mut catalogs = match catalogs {
        Some(c) => c,
        None => crate::edition::read_catalogs(project, &day, targets.iter().copied())?,
    };
    for lang in targets {
        let (file, parsed, translation) = match catalogs.remove(lang) {
            Some(c) => (Some(c.file), c.parsed, c.translation),
            // No file: every segment is missing.
            None => {
                let parsed = parse_po("");
                let translation = apply(source, &parsed.catalog, lang.clone());
                (None, parsed, translation)
            }
        };
        if let Some(file) = &file {
            files.extend_in(
                &file.path,
                &file.text,
                parsed.diagnostics.iter().map(|d| d.clone().for_lang(lang)),
            );
        }
        let extra: Vec<(String, String)> = parsed
            .catalog
            .active()
            .filter_map(|e| {
                e.msgctxt
                    .as_ref()
                    .map(|c| (c.value.clone(), e.msgstr.value.clone()))
            })
            .filter(|(id, _)| !known.contains(id.as_str()))
            .collect();
        translations.push(translation);
        unknown.push(extra);
        if let Some(file) = file {
            po.insert(lang.clone(), (file.path, file.text));
        }
    }
    // A derived language is checked as the transliteration of its base's translation, against
    // its own (derived) glossary forms and rules.
    for d in shared.derived.values() {
        if let Some(k) = translations.iter().position(|t| t.document.lang == d.from) {
            let t = d.translation(&translations[k]);
            translations.push(t);
            unknown.push(Vec::new());
            if let Some(base) = po.get(&d.from).cloned() {
                po.insert(d.lang.clone(), base);
            }
        }
    }
    let inputs: Vec<LangInput<'_>> = translations
        .iter()
        .zip(&unknown)
        .map(|(t, u)| LangInput {
            translation: t,
            unknown: u,
        })
        .collect();
    let findings = checker.check(&CheckInput {
        source,
        languages: &inputs,
        glossary: &shared.glossary,
        rules: &shared.rules,
        fluent: &[],
        paths: project,
    });
    drop(inputs);
    Ok(CheckedDay {
        day,
        translations,
        po,
        findings,
        files,
    })
}

/// The Fluent findings of the project (each language's files against the source language's),
/// checked once for a run; `day` gives the source document the checker needs.
pub fn check_fluent(
    paths: &dyn dayglot_core::Paths,
    shared: &Shared,
    checker: &Checker<'_>,
    day: &LoadedDay,
) -> Vec<Finding> {
    checker.check(&CheckInput {
        source: &day.ingested.document,
        languages: &[],
        glossary: &shared.glossary,
        rules: &shared.rules,
        fluent: &shared.fluent,
        paths,
    })
}

/// Where a finding is, as `(file, line)`: the Fluent file, the catalog line of the segment's
/// translation, or the source line when the segment falls back.
pub fn place(checked: &CheckedDay, shared: &Shared, f: &Finding) -> (String, usize) {
    let line_of = |text: &str, offset: usize| LineIndex::new(text).line_col(text, offset).line;
    match &f.location {
        Location::Fluent { path, .. } => {
            let line = shared
                .fluent
                .iter()
                .find(|x| &x.path == path)
                .zip(f.target_span)
                .map_or(1, |(x, s)| line_of(&x.text, s.start));
            (path.clone(), line)
        }
        Location::Segment(id) => {
            let translation = checked
                .translations
                .iter()
                .find(|t| t.document.lang == f.lang)
                .filter(|t| !t.state(id).falls_back());
            let span = translation.and_then(|t| t.document.segment(id).map(|s| s.span));
            match (span, checked.po.get(&f.lang)) {
                (Some(span), Some((path, text))) => (path.clone(), line_of(text, span.start)),
                _ => {
                    let source = &checked.day.source_text;
                    let span = checked.day.ingested.document.segment(id).map(|s| s.span);
                    (
                        checked.day.source_path.clone(),
                        span.map_or(1, |s| line_of(source, s.start)),
                    )
                }
            }
        }
    }
}

/// A text line with the span underlined, for the text format.
fn underline(text: &str, span: Option<dayglot_core::Span>) -> Option<String> {
    let span = span?;
    let before = text.get(..span.start)?.chars().count();
    let width = text.get(span.range())?.chars().count().max(1);
    Some(format!("{}{}", " ".repeat(before), "^".repeat(width)))
}

/// Findings in the compiler style: both texts, the differing parts underlined.
pub fn render_text(
    checked: &CheckedDay,
    shared: &Shared,
    findings: &[&Finding],
    strict: bool,
) -> String {
    let mut out = String::new();
    let src_lang = &checked.day.meta.source_lang;
    for f in findings {
        let level = if f.accepted.is_some() {
            "accepted".to_owned()
        } else {
            f.severity.to_string()
        };
        let (file, line) = place(checked, shared, f);
        // A Fluent finding is shown in its file, with line, column and the line itself.
        let fluent_text = match &f.location {
            Location::Fluent { path, .. } => shared.fluent.iter().find(|x| &x.path == path),
            Location::Segment(_) => None,
        };
        if let (Some(x), Some(span)) = (fluent_text, f.target_span) {
            let mut d = dayglot_core::Diagnostic::new(f.code, f.severity, span, f.message.clone());
            if f.accepted.is_some() {
                d.severity = Severity::Note;
            }
            let rendered = dayglot_core::render_diagnostics(
                &dayglot_core::SourceFile::new(&x.path, &x.text),
                &[d],
            );
            let rendered = rendered.trim_end();
            // Keep the finding's own level word (`accepted`) in the first line.
            let rendered = match rendered.split_once('\n') {
                Some((_, rest)) => format!("{level}[{}]: {}\n{rest}", f.code, f.message),
                None => rendered.to_owned(),
            };
            out.push_str(&rendered);
            out.push('\n');
        } else {
            out.push_str(&format!("{level}[{}]: {}\n", f.code, f.message));
            out.push_str(&format!(
                "  --> {file}:{line} ({} {}, {})\n",
                checked.day.id,
                f.location.id(),
                f.lang
            ));
        }
        if matches!(f.location, Location::Segment(_)) {
            let pad = src_lang.as_str().len().max(f.lang.as_str().len());
            out.push_str(&format!("{:pad$} |\n", ""));
            out.push_str(&format!("{:pad$} | {}\n", src_lang.as_str(), f.source));
            if let Some(u) = underline(&f.source, f.source_span) {
                out.push_str(&format!("{:pad$} | {u}\n", ""));
            }
            out.push_str(&format!("{:pad$} | {}\n", f.lang.as_str(), f.target));
            if let Some(u) = underline(&f.target, f.target_span) {
                out.push_str(&format!("{:pad$} | {u}\n", ""));
            }
        }
        if let Some(reason) = &f.accepted {
            out.push_str(&format!("   = accepted by the translator: {reason}\n"));
        } else if f.severity == Severity::Warning && !strict {
            out.push_str("   = a warning: fails only with --strict\n");
        }
        out.push('\n');
    }
    out
}

/// The JSON report of `dayglot check --format json` (schema version 1; fields are only added).
#[derive(Debug, Default, serde::Serialize)]
pub struct CheckJson {
    /// Always 1.
    pub schema_version: u32,
    /// Whether warnings fail.
    pub strict: bool,
    /// Every finding.
    pub findings: Vec<FindingJson>,
    /// Counts per day and language.
    pub summary: Vec<SummaryJson>,
}

/// A span of a text, in bytes.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct SpanJson {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

/// One finding in JSON.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct FindingJson {
    /// The code.
    pub code: String,
    /// Its severity.
    pub severity: Severity,
    /// The translation's language.
    pub lang: String,
    /// The day.
    pub day: String,
    /// The segment id, or the Fluent message id.
    pub segment: String,
    /// The file it points into.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What differs.
    pub message: String,
    /// The source text.
    pub source: String,
    /// The translation.
    pub target: String,
    /// The differing part of the source.
    pub source_span: Option<SpanJson>,
    /// The differing part of the translation.
    pub target_span: Option<SpanJson>,
    /// The translator's reason, if accepted.
    pub accepted: Option<String>,
    /// Whether it fails the run.
    pub fails: bool,
}

/// Counts of one language of one day.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct SummaryJson {
    /// The day.
    pub day: String,
    /// The language.
    pub lang: String,
    /// Findings.
    pub findings: usize,
    /// Accepted findings.
    pub accepted: usize,
    /// Failing findings.
    pub failing: usize,
}

impl FindingJson {
    /// A finding of a checked day, placed in its file.
    pub fn new(checked: &CheckedDay, shared: &Shared, f: &Finding, strict: bool) -> Self {
        let (file, line) = place(checked, shared, f);
        let span = |s: Option<dayglot_core::Span>| {
            s.map(|s| SpanJson {
                start: s.start,
                end: s.end,
            })
        };
        Self {
            code: f.code.to_owned(),
            severity: f.severity,
            lang: f.lang.to_string(),
            day: checked.day.id.to_string(),
            segment: f.location.id().to_owned(),
            file,
            line,
            message: f.message.clone(),
            source: f.source.clone(),
            target: f.target.clone(),
            source_span: span(f.source_span),
            target_span: span(f.target_span),
            accepted: f.accepted.clone(),
            fails: f.fails(strict),
        }
    }
}

/// A finding as a GitHub Actions workflow command.
pub fn render_github(checked: &CheckedDay, shared: &Shared, f: &Finding, strict: bool) -> String {
    use dayglot_core::github_escape;
    let (file, line) = place(checked, shared, f);
    let level = match (f.fails(strict), f.accepted.is_some()) {
        (true, _) => "error",
        (false, true) => "notice",
        (false, false) => "warning",
    };
    let accepted = f
        .accepted
        .as_ref()
        .map(|r| format!(" (accepted: {r})"))
        .unwrap_or_default();
    format!(
        "::{level} file={},line={line},title={}::{} {}: {}{}\n",
        github_escape(&file, true),
        github_escape(f.code, true),
        github_escape(f.location.id(), false),
        f.lang,
        github_escape(&f.message, false),
        github_escape(&accepted, false),
    )
}

/// Per-language counts of a day's findings: (findings, accepted, failing), every target
/// language listed.
pub fn tally(checked: &CheckedDay, shared: &Shared, strict: bool) -> Vec<SummaryJson> {
    let mut per_lang: BTreeMap<String, (usize, usize, usize)> = shared
        .languages
        .iter()
        .filter(|l| **l != checked.day.meta.source_lang)
        .map(|l| (l.to_string(), (0, 0, 0)))
        .collect();
    for f in &checked.findings {
        let e = per_lang.entry(f.lang.to_string()).or_default();
        e.0 += 1;
        e.1 += usize::from(f.accepted.is_some());
        e.2 += usize::from(f.fails(strict));
    }
    per_lang
        .into_iter()
        .map(|(lang, (findings, accepted, failing))| SummaryJson {
            day: checked.day.id.to_string(),
            lang,
            findings,
            accepted,
            failing,
        })
        .collect()
}

/// A finding as a diagnostic that points into its file: the catalog line of the translation,
/// the source line of a segment that falls back, or the Fluent file. `None` when accepted.
pub fn finding_diagnostic(
    checked: &CheckedDay,
    shared: &Shared,
    f: &Finding,
) -> Option<(dayglot_core::Diagnostic, Option<String>)> {
    if f.accepted.is_some() {
        return None;
    }
    let (file, _) = place(checked, shared, f);
    let mut d = dayglot_core::Diagnostic::new(
        f.code,
        f.severity,
        dayglot_core::Span::default(),
        format!(
            "{} {} `{}`: {}",
            checked.day.id,
            f.lang,
            f.location.id(),
            f.message
        ),
    )
    .for_lang(&f.lang)
    .with_help(format!(
        "`dayglot check {} --lang {}` shows both texts; `dayglot explain {}`",
        checked.day.id, f.lang, f.code
    ));
    let text = match &f.location {
        Location::Fluent { path, .. } => {
            d.span = f.target_span.unwrap_or_default();
            shared
                .fluent
                .iter()
                .find(|x| &x.path == path)
                .map(|x| x.text.clone())
        }
        Location::Segment(id) => {
            let in_catalog = checked.po.get(&f.lang).filter(|(p, _)| *p == file);
            let span = if in_catalog.is_some() {
                checked
                    .translations
                    .iter()
                    .find(|t| t.document.lang == f.lang)
                    .and_then(|t| t.document.segment(id).map(|s| s.span))
            } else {
                checked.day.ingested.document.segment(id).map(|s| s.span)
            };
            d.span = span.unwrap_or_default();
            match in_catalog {
                Some((_, text)) => Some(text.clone()),
                None => Some(checked.day.source_text.clone()),
            }
        }
    };
    d.file = Some(file);
    Some((d, text))
}

/// A day's findings as diagnostics for a publish, in their files: an error finding stops it, a
/// warning too under `--strict`; accepted findings pass; a segment not translated yet (missing,
/// empty, stale, a fuzzy draft) and a chrome message not translated yet are left to the
/// renderer's visible fallback and its report (so that a new day with nothing translated still
/// publishes).
pub fn findings_report(checked: &CheckedDay, shared: &Shared, findings: &[Finding]) -> Report {
    let mut report = Report::default();
    for f in findings {
        if let Location::Segment(id) = &f.location {
            let unfinished = checked
                .translations
                .iter()
                .find(|t| t.document.lang == f.lang)
                .is_none_or(|t| !t.state(id).is_done());
            if unfinished || f.code == "check::stale" || f.code == "check::needs-review" {
                continue;
            }
        }
        if matches!(
            f.code,
            "check::fluent-missing-message" | "check::fluent-missing-file"
        ) {
            continue;
        }
        if let Some((d, text)) = finding_diagnostic(checked, shared, f) {
            match (d.file.clone(), text) {
                (Some(path), Some(text)) => report.extend_in(&path, &text, [d]),
                _ => report.push(d),
            }
        }
    }
    report
}

/// How `dayglot check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    /// Compiler-style, both texts with the differing part underlined.
    Text,
    /// The documented JSON report.
    Json,
    /// GitHub Actions annotations.
    Github,
}

/// A whole `dayglot check` run: the files' own problems, the printed findings, and whether
/// anything fails.
#[derive(Debug)]
pub struct CheckRun {
    /// Problems of the days' files (source and catalogs), each at its own line and column:
    /// printed first.
    pub files: Report,
    /// The findings in the chosen format, with the totals line for text.
    pub output: String,
    /// Whether a finding fails (errors; warnings too when strict) or a file has an error.
    pub failed: bool,
}

/// What a run of `dayglot check` makes of one day, in the chosen format (cached by day).
#[derive(serde::Serialize, serde::Deserialize)]
struct DayCheck {
    summary: Vec<SummaryJson>,
    /// The findings, for the JSON format.
    findings: Vec<FindingJson>,
    /// The findings as text or GitHub annotations.
    output: String,
    total: usize,
    accepted: usize,
    failing: usize,
    /// Problems of the day's files.
    files: Vec<crate::cache::DiagnosticJson>,
}

impl DayCheck {
    fn new(
        checked: &CheckedDay,
        shared: &Shared,
        format: CheckFormat,
        strict: bool,
        verbose: bool,
    ) -> Self {
        let all = &checked.findings;
        let mut day = Self {
            summary: tally(checked, shared, strict),
            findings: Vec::new(),
            output: String::new(),
            total: all.len(),
            accepted: all.iter().filter(|f| f.accepted.is_some()).count(),
            failing: all.iter().filter(|f| f.fails(strict)).count(),
            files: crate::cache::diagnostics_json(&checked.files.diagnostics),
        };
        match format {
            CheckFormat::Text => {
                let shown: Vec<&Finding> = all
                    .iter()
                    .filter(|f| verbose || f.accepted.is_none())
                    .collect();
                day.output = render_text(checked, shared, &shown, strict);
            }
            CheckFormat::Json => {
                day.findings = all
                    .iter()
                    .map(|f| FindingJson::new(checked, shared, f, strict))
                    .collect();
            }
            CheckFormat::Github => {
                for f in all {
                    day.output
                        .push_str(&render_github(checked, shared, f, strict));
                }
            }
        }
        day
    }
}

/// Checks `days` (the Fluent files once, with the first day) and renders the findings; accepted
/// findings are listed only when `verbose` (they are counted in the totals either way).
pub fn run(
    project: &Project,
    days: &[DayId],
    format: CheckFormat,
    strict: bool,
    verbose: bool,
) -> Result<CheckRun, Error> {
    let shared = load_shared(project)?;
    let checker = Checker::new(&shared.glossary);
    let mut files = Report::default();
    let mut output = String::new();
    let mut json = CheckJson {
        schema_version: 1,
        strict,
        ..CheckJson::default()
    };
    let (mut total, mut accepted, mut failing) = (0, 0, 0);
    // An unchanged day (same inputs, same options) is not checked again: its products are
    // taken from the cache ([`crate::cache`]).
    let fingerprints = crate::cache::fingerprints(project);
    // One store per set of options, so that runs with different options (CI's text and JSON
    // runs) do not replace each other's entries.
    let kind = format!("check-{format:?}-strict={strict}-verbose={verbose}").to_lowercase();
    let base = crate::cache::project_key(&fingerprints, &kind);
    let store = crate::cache::Store::new(project, &kind);
    let first = days.first().copied();
    let one_day = |id: DayId| -> Result<(DayCheck, Report), Error> {
        let mut key = base.clone();
        // The Fluent files are checked once per run, with the first day.
        key.field(if Some(id) == first { b"first" } else { b"" });
        let key = crate::cache::day_key(&key, &fingerprints, id);
        if let Some(cached) = store.read_json::<DayCheck>(id, &key)
            && let Some(diagnostics) = crate::cache::diagnostics_from_json(cached.files.clone())
        {
            return Ok((cached, crate::cache::replay(project, diagnostics)));
        }
        let mut checked = check_day(project, &shared, &checker, id)?;
        if Some(id) == first {
            let fluent = check_fluent(project, &shared, &checker, &checked.day);
            checked.findings.extend(fluent);
        }
        let day = DayCheck::new(&checked, &shared, format, strict, verbose);
        store.write_json(id, &key, &day);
        Ok((day, std::mem::take(&mut checked.files)))
    };
    // Days are checked on every core and consumed in their order: the same output for any
    // number of threads, and only a batch of days in memory at once.
    let pool = crate::parallel::Pool::new(None)?;
    crate::parallel::for_each_ordered(
        &pool,
        days,
        |id| one_day(*id),
        |result| -> Result<(), Error> {
            let (day, day_files) = result?;
            json.summary.extend(day.summary);
            json.findings.extend(day.findings);
            output.push_str(&day.output);
            total += day.total;
            accepted += day.accepted;
            failing += day.failing;
            files.append(day_files);
            Ok(())
        },
    )?;
    store.flush();
    fingerprints.save();
    match format {
        CheckFormat::Json => {
            output = serde_json::to_string_pretty(&json)
                .map_err(|e| Error::Refused(e.to_string()))?
                + "\n";
        }
        CheckFormat::Text => {
            let hidden = if verbose || accepted == 0 {
                String::new()
            } else {
                "; the accepted ones are listed with --verbose".to_owned()
            };
            output.push_str(&format!(
                "{total} finding{} ({accepted} accepted, {failing} failing{}){hidden}\n",
                if total == 1 { "" } else { "s" },
                if strict { ", strict" } else { "" }
            ));
        }
        CheckFormat::Github => {}
    }
    let failed = failing > 0 || files.tally(strict).errors > 0;
    Ok(CheckRun {
        files,
        output,
        failed,
    })
}

/// The review page of a day (`dayglot report`): every segment in every language side by side,
/// with the findings; and how many findings it shows.
pub fn review_page(project: &Project, id: DayId) -> Result<(String, usize), Error> {
    let shared = load_shared(project)?;
    let checker = Checker::new(&shared.glossary);
    let mut checked = check_day(project, &shared, &checker, id)?;
    let fluent = check_fluent(project, &shared, &checker, &checked.day);
    checked.findings.extend(fluent);
    let unknown: Vec<(String, String)> = Vec::new();
    let inputs: Vec<LangInput<'_>> = checked
        .translations
        .iter()
        .map(|t| LangInput {
            translation: t,
            unknown: &unknown,
        })
        .collect();
    let input = CheckInput {
        source: &checked.day.ingested.document,
        languages: &inputs,
        glossary: &shared.glossary,
        rules: &shared.rules,
        fluent: &shared.fluent,
        paths: project,
    };
    let title = format!("{id}: review of {} languages", inputs.len() + 1);
    let html = dayglot_check::report_html(&input, &checked.findings, &title);
    Ok((html, checked.findings.len()))
}
