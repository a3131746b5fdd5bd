//! `dayglot publish [DAY]...`: render every language of the chosen days (all days when none is
//! named), the Atom feeds and the root index, and write them to the output folder.
//!
//! Everything is rendered in memory first; the files are written (each atomically) only when no
//! error was found, so a failed run leaves the previous output untouched. `--strict` (CI) turns
//! every warning — a segment shown in the source language, a stale translation, a chrome message
//! missing in a language, a name the glossary lacks — into an error.
//!
//! Output layout (relative to `[output] dir`, `public/` by default):
//!
//! ```text
//! index.html  style.css  <lang>/feed.atom
//! day-686/<lang>/index.html  index.md  index.txt  index.json
//! ```

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use dayglot_core::{
    DayId, Diagnostic, Lang, Segment, SegmentId, Severity, SourceFile, Span, render_diagnostics,
};
use dayglot_glossary::{Glossary, Matcher};
use dayglot_ingest::{LoadedDay, Project};
use dayglot_render::{
    Chrome, ChromeFile, Day, Edition, FallbackReason, Mention, NameForms, NoNames, RenderContext,
    RenderDiagnostic, SegmentStatus, Site, render_site,
};
use dayglot_translate::{SegmentState, apply, parse_po};

use super::{Context, Outcome};
use crate::output;

/// Arguments of `dayglot publish`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Days to publish (`day-686`); every day of the corpus when omitted. Feeds and the index
    /// always cover every day of the corpus.
    days: Vec<String>,
    /// Treat warnings (fallback to the source text, stale translations, missing chrome messages,
    /// names missing from the glossary) as errors; nothing is written when there is one.
    #[arg(long)]
    strict: bool,
}

/// Runs `dayglot publish`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let requested: Vec<DayId> = args
        .days
        .iter()
        .map(|d| DayId::parse(d))
        .collect::<Result<_, _>>()?;
    let project = super::project(ctx)?;
    let all_days = project.days()?;
    for day in &requested {
        if !all_days.contains(day) {
            // Gives the "unknown day" error with the list of known days.
            project.load_day(*day)?;
        }
    }
    let pages_for = if requested.is_empty() {
        all_days.clone()
    } else {
        requested
    };
    let languages = project.languages()?;
    let source = project.config.source_lang.clone();
    let mut report = Report::new(args.strict);

    let chrome_files = read_chrome(&project, &languages, &mut report)?;
    let glossary = load_glossary(&project, &mut report)?;
    let names: Arc<dyn NameForms> = match &glossary {
        Some(g) => Arc::new(GlossaryNames(Arc::clone(g))),
        None => Arc::new(NoNames),
    };
    let (chrome, chrome_diags) = Chrome::new(source.clone(), &chrome_files, names)?;
    report.render_diagnostics(&chrome_diags, &chrome_files);
    let matcher = glossary.as_deref().map(Glossary::matcher);

    let mut days = Vec::new();
    for id in &all_days {
        let loaded = match project.load_day(*id) {
            Ok(loaded) => loaded,
            Err(err) if !pages_for.contains(id) => {
                report.plain(Diagnostic::warning(
                    "publish::day-skipped",
                    Span::default(),
                    format!("{id} is left out of the feeds and the index: {err}"),
                ));
                continue;
            }
            Err(err) => return Err(err.into()),
        };
        let file = SourceFile::new(&loaded.source_path, &loaded.source_text);
        report.push_in(&file, &loaded.ingested.diagnostics);
        let mut editions = Vec::new();
        for lang in &languages {
            let mut edition = if *lang == loaded.meta.source_lang {
                Edition::source(loaded.ingested.document.clone())
            } else {
                translated_edition(&project, &loaded, lang, &mut report)?
            };
            if let Some(matcher) = &matcher {
                apply_glossary(
                    matcher,
                    &mut edition,
                    &loaded.meta.source_lang,
                    &loaded.id,
                    &mut report,
                );
            }
            editions.push(edition);
        }
        days.push(Day {
            id: *id,
            date: loaded.meta.date,
            source_lang: loaded.meta.source_lang,
            outlet: loaded.meta.outlet,
            editions,
        });
    }

    let site = Site {
        name: project.config.site.clone(),
        base_url: project.config.base_url.clone(),
    };
    let rendered = render_site(
        &RenderContext {
            site: &site,
            chrome: &chrome,
        },
        &days,
        &pages_for,
    );
    report.render_diagnostics(&rendered.diagnostics, &chrome_files);

    let out_dir = project.output_dir();
    let shown = project.config.output_dir.display().to_string();
    if report.errors > 0 {
        output::eprint(&format!(
            "error: {} error(s), {} warning(s); nothing was written (the previous output in {shown}/ is untouched)",
            report.errors, report.warnings
        ));
        return Ok(Outcome::Problems);
    }
    for file in &rendered.files {
        output::write_atomic(&out_dir.join(&file.path), &file.bytes)?;
    }
    let langs: Vec<String> = languages.iter().map(ToString::to_string).collect();
    let days_shown: Vec<String> = pages_for.iter().map(ToString::to_string).collect();
    output::eprint(&format!(
        "published {} in {}: {} files in {shown}/ ({} warning(s))",
        days_shown.join(", "),
        langs.join(", "),
        rendered.files.len(),
        report.warnings
    ));
    Ok(Outcome::Clean)
}

/// Prints diagnostics as they come and counts them; strict mode prints warnings as errors.
struct Report {
    strict: bool,
    errors: usize,
    warnings: usize,
}

impl Report {
    fn new(strict: bool) -> Self {
        Self {
            strict,
            errors: 0,
            warnings: 0,
        }
    }

    /// Promotes and counts (notes are printed, never counted); returns the diagnostic to print.
    fn count(&mut self, d: &Diagnostic) -> Diagnostic {
        let mut d = d.clone();
        if self.strict && d.severity == Severity::Warning {
            d.severity = Severity::Error;
        }
        match d.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Note => {}
        }
        d
    }

    /// Diagnostics pointing into `file`.
    fn push_in(&mut self, file: &SourceFile<'_>, diagnostics: &[Diagnostic]) {
        let shown: Vec<Diagnostic> = diagnostics.iter().map(|d| self.count(d)).collect();
        if !shown.is_empty() {
            output::eprint(render_diagnostics(file, &shown).trim_end());
        }
    }

    /// A diagnostic that points into no file.
    fn plain(&mut self, d: Diagnostic) {
        let d = self.count(&d);
        let mut text = format!("{}[{}]: {}", d.severity, d.code, d.message);
        if let Some(help) = &d.help {
            text.push_str(&format!("\n  = help: {help}"));
        }
        output::eprint(&text);
    }

    /// Render diagnostics: with the source line when they point into a chrome file.
    fn render_diagnostics(
        &mut self,
        diagnostics: &[RenderDiagnostic],
        files: &BTreeMap<Lang, Vec<ChromeFile>>,
    ) {
        for d in diagnostics {
            let text = d
                .file
                .as_ref()
                .and_then(|path| files.values().flatten().find(|f| &f.path == path));
            match text {
                Some(f) if !d.diagnostic.span.is_empty() => self.push_in(
                    &SourceFile::new(&f.path, &f.text),
                    std::slice::from_ref(&d.diagnostic),
                ),
                _ => self.plain(d.diagnostic.clone()),
            }
        }
    }
}

/// `locales/<lang>/*.ftl` of every language, files in name order.
fn read_chrome(
    project: &Project,
    languages: &[Lang],
    report: &mut Report,
) -> anyhow::Result<BTreeMap<Lang, Vec<ChromeFile>>> {
    let mut all = BTreeMap::new();
    for lang in languages {
        let dir = project.locales_dir().join(lang.as_str());
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".ftl"))
            .collect();
        names.sort();
        if names.is_empty() {
            report.plain(
                Diagnostic::warning(
                    "publish::no-chrome",
                    Span::default(),
                    format!(
                        "locales/{lang}/ has no .ftl file: the page chrome of {lang} falls back to {}",
                        project.config.source_lang
                    ),
                )
                .with_help(format!(
                    "copy locales/{}/chrome.ftl to locales/{lang}/ and translate it",
                    project.config.source_lang
                )),
            );
        }
        let mut files = Vec::new();
        for name in names {
            let path = dir.join(&name);
            let text = read_text(&path)?;
            files.push(ChromeFile {
                path: format!("locales/{lang}/{name}"),
                text,
            });
        }
        all.insert(lang.clone(), files);
    }
    Ok(all)
}

fn read_text(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(dayglot_ingest::decode(&bytes)
        .with_context(|| format!("{} is not usable text", path.display()))?
        .to_owned())
}

/// The glossary (`locales/glossary/entities.toml` and `locales/<lang>/glossary.toml`), if the
/// project has one, loaded by `dayglot glossary`'s loader. Its lint problems are printed; an
/// error among them fails the run (`dayglot glossary lint` explains them).
fn load_glossary(project: &Project, report: &mut Report) -> anyhow::Result<Option<Arc<Glossary>>> {
    if !project.root.join(super::glossary::REGISTRY).is_file() {
        return Ok(None);
    }
    let loaded = super::glossary::load_project_glossary(project)?;
    if !loaded.rendered.is_empty() {
        output::eprint(loaded.rendered.trim_end());
    }
    if loaded.has_errors {
        report.errors += 1;
    }
    Ok(Some(Arc::new(loaded.glossary)))
}

/// `NAME()` of the chrome, answered by the glossary.
struct GlossaryNames(Arc<Glossary>);

impl NameForms for GlossaryNames {
    fn form(&self, entity: &str, lang: &Lang, case: Option<&str>) -> Option<String> {
        self.0.form(entity, lang, case).map(str::to_owned)
    }
}

/// The edition of `lang`: the day's `<lang>.po` applied to the source, or the source text
/// throughout (reported) when there is no translation file.
fn translated_edition(
    project: &Project,
    day: &LoadedDay,
    lang: &Lang,
    report: &mut Report,
) -> anyhow::Result<Edition> {
    let source = &day.ingested.document;
    let po_path = project.day_dir(day.id).join(format!("{lang}.po"));
    if !po_path.is_file() {
        report.plain(
            Diagnostic::warning(
                "publish::no-translation",
                Span::default(),
                format!(
                    "{} has no {lang} translation (corpus/{}/{lang}.po): every segment is shown in {}",
                    day.id, day.id, day.meta.source_lang
                ),
            )
            .with_help(format!("create corpus/{}/{lang}.po", day.id)),
        );
        let mut document = source.clone();
        document.lang = lang.clone();
        let status = source
            .segments()
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    SegmentStatus::Fallback(FallbackReason::NoTranslationFile),
                )
            })
            .collect();
        return Ok(Edition {
            lang: lang.clone(),
            document,
            status,
            mentions: BTreeMap::new(),
        });
    }
    let text = read_text(&po_path)?;
    let shown = format!("corpus/{}/{lang}.po", day.id);
    let file = SourceFile::new(&shown, &text);
    let parsed = parse_po(&text);
    report.push_in(&file, &parsed.diagnostics);
    let translation = apply(source, &parsed.catalog, lang.clone());
    report.push_in(&file, &translation.findings);
    let status = translation
        .states
        .iter()
        .map(|(id, state)| {
            let status = match state {
                SegmentState::Translated => SegmentStatus::Translated,
                SegmentState::NeedsReview => SegmentStatus::NeedsReview,
                SegmentState::Missing => SegmentStatus::Fallback(FallbackReason::Missing),
                SegmentState::Stale { .. } => SegmentStatus::Fallback(FallbackReason::Stale),
                SegmentState::Empty => SegmentStatus::Fallback(FallbackReason::Empty),
            };
            (id.clone(), status)
        })
        .collect();
    Ok(Edition {
        lang: lang.clone(),
        document: translation.document,
        status,
        mentions: BTreeMap::new(),
    })
}

/// Normalises accepted name variants to the glossary's forms (each change reported as a note)
/// and records every entity mention, segment by segment, in the language the text is in.
fn apply_glossary(
    matcher: &Matcher<'_>,
    edition: &mut Edition,
    source_lang: &Lang,
    day: &DayId,
    report: &mut Report,
) {
    let lang = edition.lang.clone();
    let status = edition.status.clone();
    let mut mentions: BTreeMap<SegmentId, Vec<Mention>> = BTreeMap::new();
    edition.document.for_each_segment_mut(|seg| {
        let text_lang = match status.get(&seg.id) {
            Some(SegmentStatus::Fallback(_)) => source_lang,
            _ => &lang,
        };
        let (normalized, changes) = matcher.normalize(&seg.text, text_lang);
        for change in changes.iter().rev() {
            shift_spans(seg, change.span, change.to.len());
        }
        for change in &changes {
            report.plain(Diagnostic::note(
                "publish::normalized",
                change.span,
                format!(
                    "{day} {lang} `{}`: `{}` → `{}` ({})",
                    seg.id, change.from, change.to, change.entity
                ),
            ));
        }
        seg.text = normalized;
        let found: Vec<Mention> = matcher
            .find(&seg.text, text_lang)
            .into_iter()
            .map(|m| Mention {
                entity: m.entity,
                span: m.span,
            })
            .collect();
        if !found.is_empty() {
            mentions.insert(seg.id.clone(), found);
        }
    });
    edition.mentions = mentions;
}

/// Moves the quote and attribution spans of `seg` after a replacement of `replaced` by
/// `new_len` bytes.
fn shift_spans(seg: &mut Segment, replaced: Span, new_len: usize) {
    // `at >= replaced.end >= replaced.len()`, so the subtraction cannot underflow.
    let fix = |at: usize| {
        if at >= replaced.end {
            at + new_len - replaced.len()
        } else {
            at
        }
    };
    for q in &mut seg.quotes {
        q.span = Span::new(fix(q.span.start), fix(q.span.end));
    }
    if let Some(a) = &mut seg.attribution {
        a.span = Span::new(fix(a.span.start), fix(a.span.end));
    }
}
