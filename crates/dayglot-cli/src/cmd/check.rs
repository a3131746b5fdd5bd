//! `dayglot check DAY|--all [--strict] [--format text|json|github]`: every language of a day
//! says the same thing as the source.
//!
//! Reads the day's source and `<lang>.po` files, the glossary, `locales/<lang>/check.toml` and
//! `locales/<lang>/*.ftl`, and hands them to `dayglot_check::check`. Exit code 0 when nothing
//! fails, 1 on findings (errors; warnings too with `--strict`), 2 on usage errors. Accepted
//! findings are printed as accepted and never fail.
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

use std::collections::BTreeMap;

use anyhow::Context as _;
use dayglot_check::{CheckInput, Finding, FluentFile, LangInput, LangRules, Location};
use dayglot_core::{DayId, Lang, LineIndex, Severity};
use dayglot_ingest::{LoadedDay, Project};
use dayglot_translate::{Translation, apply, parse_po};
use serde::Serialize;

use super::{Context, Outcome};
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

/// What the checks of a project read once for every day.
pub(crate) struct Shared {
    pub(crate) glossary: dayglot_glossary::Glossary,
    pub(crate) rules: BTreeMap<Lang, LangRules>,
    pub(crate) fluent: Vec<FluentFile>,
    pub(crate) languages: Vec<Lang>,
}

/// One day, checked.
pub(crate) struct CheckedDay {
    pub(crate) day: LoadedDay,
    pub(crate) translations: Vec<Translation>,
    /// PO text per language (for line numbers).
    pub(crate) po: BTreeMap<Lang, String>,
    pub(crate) findings: Vec<Finding>,
}

fn read(project: &Project, rel: &str) -> anyhow::Result<String> {
    let bytes =
        std::fs::read(project.root.join(rel)).with_context(|| format!("cannot read {rel}"))?;
    Ok(dayglot_ingest::decode(&bytes)
        .with_context(|| format!("{rel} is not usable text"))?
        .to_owned())
}

/// Loads the glossary, the check rules and the Fluent files of every language.
pub(crate) fn load_shared(project: &Project) -> anyhow::Result<Shared> {
    let glossary = super::glossary::load_project_glossary(project)?;
    if glossary.has_errors {
        output::eprint(&glossary.rendered);
        anyhow::bail!("the glossary has errors (see `dayglot glossary lint`)");
    }
    let languages = project.languages()?;
    let mut rules = BTreeMap::new();
    let mut fluent = Vec::new();
    for lang in &languages {
        let rel = format!("locales/{lang}/check.toml");
        if project.root.join(&rel).is_file() {
            rules.insert(lang.clone(), LangRules::parse(&rel, &read(project, &rel)?)?);
        }
        let dir = project.locales_dir().join(lang.as_str());
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .with_context(|| format!("cannot list {}", dir.display()))?
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| n.ends_with(".ftl"))
            .collect();
        names.sort();
        for name in names {
            let path = format!("locales/{lang}/{name}");
            let text = read(project, &path)?;
            fluent.push(FluentFile {
                lang: lang.clone(),
                path,
                text,
            });
        }
    }
    Ok(Shared {
        glossary: glossary.glossary,
        rules,
        fluent,
        languages,
    })
}

/// Loads one day and its translations, and checks them.
pub(crate) fn check_day(
    project: &Project,
    shared: &Shared,
    id: DayId,
    with_fluent: bool,
) -> anyhow::Result<CheckedDay> {
    let day = project.load_day(id)?;
    let source = &day.ingested.document;
    let mut translations = Vec::new();
    let mut unknown = Vec::new();
    let mut po = BTreeMap::new();
    for lang in shared
        .languages
        .iter()
        .filter(|l| **l != day.meta.source_lang)
    {
        let rel = format!("corpus/{id}/{}", dayglot_translate::file_name(lang));
        let text = if project.root.join(&rel).is_file() {
            read(project, &rel)?
        } else {
            String::new()
        };
        let parsed = parse_po(&text);
        let t = apply(source, &parsed.catalog, lang.clone());
        let known: std::collections::BTreeSet<&str> =
            source.segments().iter().map(|s| s.id.as_str()).collect();
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
        translations.push(t);
        unknown.push(extra);
        po.insert(lang.clone(), text);
    }
    let inputs: Vec<LangInput<'_>> = translations
        .iter()
        .zip(&unknown)
        .map(|(t, u)| LangInput {
            translation: t,
            unknown: u,
        })
        .collect();
    let no_fluent: Vec<FluentFile> = Vec::new();
    let input = CheckInput {
        source,
        languages: &inputs,
        glossary: &shared.glossary,
        rules: &shared.rules,
        fluent: if with_fluent {
            &shared.fluent
        } else {
            &no_fluent
        },
    };
    let findings = dayglot_check::check(&input);
    drop(inputs);
    Ok(CheckedDay {
        day,
        translations,
        po,
        findings,
    })
}

/// Where a finding is, as `(file, line)`.
pub(crate) fn place(checked: &CheckedDay, shared: &Shared, f: &Finding) -> (String, usize) {
    match &f.location {
        Location::Fluent { path, .. } => {
            let line = shared
                .fluent
                .iter()
                .find(|x| &x.path == path)
                .zip(f.target_span)
                .map_or(1, |(x, s)| {
                    LineIndex::new(&x.text).line_col(&x.text, s.start).line
                });
            (path.clone(), line)
        }
        Location::Segment(id) => {
            let id_day = checked.day.id;
            let translated = checked
                .translations
                .iter()
                .find(|t| t.document.lang == f.lang)
                .and_then(|t| {
                    t.document
                        .segments()
                        .into_iter()
                        .find(|s| &s.id == id)
                        .map(|s| s.span)
                })
                .filter(|_| {
                    checked
                        .translations
                        .iter()
                        .any(|t| t.document.lang == f.lang && !t.state(id).falls_back())
                });
            match (translated, checked.po.get(&f.lang)) {
                (Some(span), Some(text)) => (
                    format!("corpus/{id_day}/{}.po", f.lang),
                    LineIndex::new(text).line_col(text, span.start).line,
                ),
                _ => {
                    let source = &checked.day.source_text;
                    let span = checked
                        .day
                        .ingested
                        .document
                        .segments()
                        .into_iter()
                        .find(|s| &s.id == id)
                        .map(|s| s.span);
                    (
                        checked.day.source_path.clone(),
                        span.map_or(1, |s| LineIndex::new(source).line_col(source, s.start).line),
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

/// Renders findings in the compiler style.
pub(crate) fn render_text(
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
        out.push_str(&format!("{level}[{}]: {}\n", f.code, f.message));
        out.push_str(&format!(
            "  --> {file}:{line} ({} {}, {})\n",
            checked.day.id,
            f.location.id(),
            f.lang
        ));
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

#[derive(Serialize)]
struct Report {
    schema_version: u32,
    strict: bool,
    findings: Vec<FindingJson>,
    summary: Vec<SummaryJson>,
}

#[derive(Serialize)]
struct SpanJson {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct FindingJson {
    code: &'static str,
    severity: Severity,
    lang: String,
    day: String,
    segment: String,
    file: String,
    line: usize,
    message: String,
    source: String,
    target: String,
    source_span: Option<SpanJson>,
    target_span: Option<SpanJson>,
    accepted: Option<String>,
    fails: bool,
}

#[derive(Serialize)]
struct SummaryJson {
    day: String,
    lang: String,
    findings: usize,
    accepted: usize,
    failing: usize,
}

fn escape_github(s: &str, property: bool) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        s.replace(':', "%3A").replace(',', "%2C")
    } else {
        s
    }
}

/// Runs `dayglot check`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let project = super::project(ctx)?;
    let days = match &args.day {
        Some(d) => vec![DayId::parse(d)?],
        None => project.days()?,
    };
    let shared = load_shared(&project)?;
    let mut text = String::new();
    let mut report = Report {
        schema_version: 1,
        strict: args.strict,
        findings: Vec::new(),
        summary: Vec::new(),
    };
    let mut failing = 0;
    let mut total = 0;
    let mut accepted = 0;
    for (k, id) in days.into_iter().enumerate() {
        // The Fluent files belong to no day: check them once.
        let checked = check_day(&project, &shared, id, k == 0)?;
        let all: Vec<&Finding> = checked.findings.iter().collect();
        let mut per_lang: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
        for lang in shared
            .languages
            .iter()
            .filter(|l| **l != checked.day.meta.source_lang)
        {
            per_lang.insert(lang.to_string(), (0, 0, 0));
        }
        for f in &all {
            let e = per_lang.entry(f.lang.to_string()).or_default();
            e.0 += 1;
            e.1 += usize::from(f.accepted.is_some());
            e.2 += usize::from(f.fails(args.strict));
        }
        for (lang, (n, a, fl)) in per_lang {
            report.summary.push(SummaryJson {
                day: id.to_string(),
                lang,
                findings: n,
                accepted: a,
                failing: fl,
            });
        }
        total += all.len();
        accepted += all.iter().filter(|f| f.accepted.is_some()).count();
        failing += all.iter().filter(|f| f.fails(args.strict)).count();
        match args.format {
            Format::Text => text.push_str(&render_text(&checked, &shared, &all, args.strict)),
            Format::Json => {
                for f in &all {
                    let (file, line) = place(&checked, &shared, f);
                    report.findings.push(FindingJson {
                        code: f.code,
                        severity: f.severity,
                        lang: f.lang.to_string(),
                        day: id.to_string(),
                        segment: f.location.id().to_owned(),
                        file,
                        line,
                        message: f.message.clone(),
                        source: f.source.clone(),
                        target: f.target.clone(),
                        source_span: f.source_span.map(|s| SpanJson {
                            start: s.start,
                            end: s.end,
                        }),
                        target_span: f.target_span.map(|s| SpanJson {
                            start: s.start,
                            end: s.end,
                        }),
                        accepted: f.accepted.clone(),
                        fails: f.fails(args.strict),
                    });
                }
            }
            Format::Github => {
                for f in &all {
                    let (file, line) = place(&checked, &shared, f);
                    let level = match (f.fails(args.strict), f.accepted.is_some()) {
                        (true, _) => "error",
                        (false, true) => "notice",
                        (false, false) => "warning",
                    };
                    let accepted = f
                        .accepted
                        .as_ref()
                        .map(|r| format!(" (accepted: {r})"))
                        .unwrap_or_default();
                    text.push_str(&format!(
                        "::{level} file={},line={line},title={}::{} {}: {}{}\n",
                        escape_github(&file, true),
                        escape_github(f.code, true),
                        escape_github(f.location.id(), false),
                        f.lang,
                        escape_github(&f.message, false),
                        escape_github(&accepted, false),
                    ));
                }
            }
        }
    }
    match args.format {
        Format::Json => output::print(&(serde_json::to_string_pretty(&report)? + "\n")),
        Format::Text => {
            text.push_str(&format!(
                "{total} finding{} ({accepted} accepted, {failing} failing{})\n",
                if total == 1 { "" } else { "s" },
                if args.strict { ", strict" } else { "" }
            ));
            output::print(&text);
        }
        Format::Github => output::print(&text),
    }
    Ok(Outcome::problems_if(failing > 0))
}
