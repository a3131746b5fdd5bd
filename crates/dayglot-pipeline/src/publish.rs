//! Publishing: every language of the chosen days, the feeds and the index, rendered day by day
//! on every core and written into a staging version of the output folder
//! ([`dayglot_project::Staging`]); the caller switches it live ([`dayglot_project::Staging::commit`])
//! only when nothing failed, or drops it.
//!
//! - **Parallel.** Days are built and rendered on a pool of `threads` workers (rayon); results
//!   are merged in day order, so the output and the report are the same for any number of
//!   threads. Only a [`DaySummary`] of each day is kept for the feeds and the index.
//! - **Checked.** Every day rendered is checked as `dayglot check` would (its findings are
//!   cached with the day and reported again when the day is taken over), and the Fluent files
//!   once per run.
//! - **Incremental.** Every day has a key, a hash of all its inputs ([`crate::cache`]). A day whose
//!   key is the one its pages in the live output were rendered from, and whose cache entry is
//!   there, is taken over (hard links) with its cached summary and diagnostics, without being
//!   loaded. `publish day-N` renders day N and takes every other day of the live output over as
//!   it is; the feeds and the index always cover every day in the new output.

use std::collections::BTreeMap;
use std::sync::Arc;

use dayglot_core::{DayId, Diagnostic, Lang, Report, Span};
use dayglot_glossary::Glossary;
use dayglot_project::{Fingerprints, Project, Staging};
use dayglot_render::{
    Chrome, ChromeFile, DaySummary, NameForms, NoNames, RenderContext, Site, render_day,
    render_feeds, render_index,
};
use rayon::prelude::*;

use crate::Error;
use crate::cache::{self, Entry, KeyHasher, Store};
use crate::edition::build_day;
use crate::glossary::load_glossary_with;

/// How a publish runs.
#[derive(Debug, Clone, Default)]
pub struct PublishOptions {
    /// Worker threads; `None` for one per core. The output does not depend on it.
    pub threads: Option<usize>,
    /// Ignore the cache: load and render every day of the run again.
    pub no_cache: bool,
    /// Languages whose editions this run leaves out (`--strict` refuses only the editions
    /// whose own files have problems: the others are published).
    pub refused: Vec<Lang>,
}

/// What a publish wrote into the staging version, and everything found on the way.
#[derive(Debug, Default)]
pub struct Published {
    /// The days in the new output, in order.
    pub days: Vec<DayId>,
    /// The days whose pages were rendered in this run (the others were taken over unchanged).
    pub rendered: Vec<DayId>,
    /// The languages.
    pub languages: Vec<Lang>,
    /// How many files were written (rendered) in this run.
    pub written: usize,
    /// How many files were taken over from the live output unchanged.
    pub reused: usize,
    /// Problems, each with its file where it has one.
    pub report: Report,
}

/// The page chrome (`locales/<lang>/*.ftl`) of every language. A language without a Fluent file
/// is reported (its chrome falls back to the source language).
pub fn read_chrome(
    project: &Project,
    languages: &[Lang],
    derived: &BTreeMap<Lang, crate::derive::Derived>,
    report: &mut Report,
) -> Result<BTreeMap<Lang, Vec<ChromeFile>>, Error> {
    let source = &project.config.source_lang;
    let mut all = BTreeMap::new();
    for lang in languages {
        let files = crate::derive::chrome_files(project, lang, derived)?;
        if files.is_empty() {
            report.push(
                Diagnostic::warning(
                    "publish::no-chrome",
                    Span::default(),
                    format!(
                        "{lang} has no Fluent file ({}): the page chrome of {lang} falls back to {source}",
                        project.chrome_path(lang)
                    ),
                )
                .with_help(format!("run `dayglot lang add {lang}`, or copy {} and translate it", project.chrome_path(source)))
                .for_lang(lang),
            );
        }
        let mut chrome = Vec::new();
        for file in files {
            report.add_file(file.path.clone(), file.text.clone());
            chrome.push(ChromeFile {
                path: file.path,
                text: file.text,
            });
        }
        all.insert(lang.clone(), chrome);
    }
    Ok(all)
}

/// `NAME()` of the chrome, answered by the glossary.
struct GlossaryNames(Arc<Glossary>);

impl NameForms for GlossaryNames {
    fn form(&self, entity: &str, lang: &Lang, case: Option<&str>) -> Option<String> {
        self.0.form(entity, lang, case).map(str::to_owned)
    }
}

/// Everything shared by the days of a run.
struct Shared {
    languages: Vec<Lang>,
    chrome_files: BTreeMap<Lang, Vec<ChromeFile>>,
    glossary: Option<Arc<Glossary>>,
    /// Whether the glossary has errors (the checks refuse it).
    glossary_errors: bool,
    /// The languages made from another by transliteration.
    derived: BTreeMap<Lang, crate::derive::Derived>,
    site: Site,
    /// The hash of every shared input.
    key: KeyHasher,
}

impl Shared {
    fn names(&self) -> Arc<dyn NameForms> {
        match &self.glossary {
            Some(g) => Arc::new(GlossaryNames(Arc::clone(g))),
            None => Arc::new(NoNames),
        }
    }

    fn chrome(&self, source: &Lang) -> Result<(Chrome, Vec<Diagnostic>), Error> {
        Ok(Chrome::new(
            source.clone(),
            &self.chrome_files,
            self.names(),
        )?)
    }
}

/// Reads the shared inputs and hashes them.
fn shared(
    project: &Project,
    fingerprints: &Fingerprints,
    refused: &[Lang],
    report: &mut Report,
) -> Result<Shared, Error> {
    let languages: Vec<Lang> = project
        .languages()?
        .into_iter()
        .filter(|l| !refused.contains(l))
        .collect();
    // Read once: the chrome, the glossary and the checks all need them.
    let derived = crate::derive::derived_languages(project)?;
    let chrome_files = read_chrome(project, &languages, &derived, report)?;
    let mut glossary_errors = false;
    let glossary = match load_glossary_with(project, &derived)? {
        Some(g) => {
            glossary_errors = g.has_errors();
            report.append(g.report);
            Some(Arc::new(g.glossary))
        }
        None => None,
    };
    let config = &project.config;
    // Everything under locales/ and dayglot.toml are in the key; the refused editions too.
    let mut key = cache::project_key(fingerprints, "publish");
    for lang in &languages {
        key.field(lang.as_str().as_bytes());
    }
    Ok(Shared {
        languages,
        chrome_files,
        glossary,
        glossary_errors,
        derived,
        site: Site {
            name: config.site.clone(),
            base_url: config.base_url.clone(),
        },
        key,
    })
}

/// What happened to one day.
struct DayOutcome {
    id: DayId,
    /// `None` when the day is not in the new output (not requested, not in the live one).
    summary: Option<DaySummary>,
    report: Report,
    rendered: bool,
    written: usize,
    reused: usize,
}

/// A report that keeps only the files its diagnostics point into (a day's source and catalogs
/// are otherwise dropped as soon as the day is done).
fn pruned(report: Report) -> Report {
    let mut out = Report::default();
    for d in &report.diagnostics {
        if let Some(file) = d.file.as_deref()
            && out.file(file).is_none()
            && let Some(text) = report.file(file)
        {
            out.add_file(file, text);
        }
    }
    out.extend(report.diagnostics);
    out
}

/// What `dayglot check` finds in one day, as diagnostics for a publish
/// ([`crate::check::findings_report`]).
fn day_findings(
    project: &Project,
    shared: &crate::check::Shared,
    checker: &dayglot_check::Checker<'_>,
    day: dayglot_project::LoadedDay,
    catalogs: BTreeMap<Lang, crate::edition::DayCatalog>,
) -> Result<Report, Error> {
    let checked = crate::check::check_loaded(project, shared, checker, day, Some(catalogs))?;
    Ok(crate::check::findings_report(
        &checked,
        shared,
        &checked.findings,
    ))
}

/// The files of `day` in the live output (from its manifest), sorted.
fn live_files<'a>(staging: &'a Staging<'_>, day: &str) -> Vec<&'a str> {
    let prefix = format!("{day}/");
    staging
        .live_manifest()
        .map(|m| {
            m.files
                .range(prefix.clone()..)
                .take_while(|f| f.starts_with(&prefix))
                .map(String::as_str)
                .collect()
        })
        .unwrap_or_default()
}

impl Published {
    /// The days of the run for a summary line: `day-686`, `a, b, c` or `1000 days (x to y)`.
    pub fn days_text(&self) -> String {
        match self.days.as_slice() {
            [] => "no day".to_owned(),
            [first, .., last] if self.days.len() > 3 => {
                format!("{} days ({first} to {last})", self.days.len())
            }
            all => all
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// The editions `--strict` refuses alone ([`refusable`]); none when the run is not strict,
    /// has no failing problem, or would refuse every translation (then nothing is published).
    pub fn refused_editions(&self, source: &Lang, strict: bool) -> Vec<Lang> {
        match refusable(&self.report, source) {
            Some(langs) if strict && langs.len() + 1 < self.languages.len() => langs,
            _ => Vec::new(),
        }
    }

    /// Forgets the problems of the refused editions (they were reported by the run that refused
    /// them): what is left must be clean for the rest to be published.
    pub fn without(&mut self, refused: &[Lang]) {
        self.report
            .diagnostics
            .retain(|d| d.lang.as_ref().is_none_or(|l| !refused.contains(l)));
    }
}

/// The languages (never the source) that `--strict` would refuse alone: every problem that
/// fails the run is a warning (an edition not complete yet: fallbacks, chrome or glossary entries
/// not translated) about one of them. `None` when a problem is an error (a wrong number, a
/// forbidden name: nothing is published) or concerns every edition.
pub fn refusable(report: &Report, source: &Lang) -> Option<Vec<Lang>> {
    let mut langs = Vec::new();
    for d in report
        .diagnostics
        .iter()
        .filter(|d| Report::effective(d, true) == dayglot_core::Severity::Error)
    {
        if d.severity == dayglot_core::Severity::Error {
            return None;
        }
        match &d.lang {
            Some(l) if l != source => {
                if !langs.contains(l) {
                    langs.push(l.clone());
                }
            }
            _ => return None,
        }
    }
    langs.sort();
    (!langs.is_empty()).then_some(langs)
}

/// Publishes `requested` (every day when empty) into `staging`: see the module documentation.
/// A day that cannot be loaded is an error when it is published, and is left out otherwise.
pub fn publish(
    project: &Project,
    requested: &[DayId],
    staging: &Staging<'_>,
    options: &PublishOptions,
) -> Result<Published, Error> {
    let all_days = project.days()?;
    for day in requested {
        if !all_days.contains(day) {
            // Gives the "unknown day" error with the list of known days.
            project.load_day(*day)?;
        }
    }
    let mut report = Report::default();
    let fingerprints = crate::cache::fingerprints(project);
    let shared = shared(project, &fingerprints, &options.refused, &mut report)?;
    let source = project.config.source_lang.clone();
    let (chrome, chrome_diags) = shared.chrome(&source)?;
    report.extend(chrome_diags);
    let matcher = shared.glossary.as_deref().map(Glossary::matcher);
    // Publish runs the checks of `dayglot check` on every day it renders (cached with the day):
    // an error finding stops it, a warning too under --strict.
    let check_shared = match &shared.glossary {
        Some(g) if !shared.glossary_errors => Some(crate::check::with_glossary(
            project,
            Arc::clone(g),
            shared.derived.clone(),
            Report::default(),
        )?),
        // Refused, with the glossary's errors.
        Some(_) => Some(crate::check::load_shared(project)?),
        None => None,
    };
    let checker = check_shared
        .as_ref()
        .map(|s| dayglot_check::Checker::new(&s.glossary));
    // Summaries (read for every day, for the feeds and the index) apart from diagnostics (read
    // only for the days of the run).
    let store = Store::new(project, "publish");
    let diagnostics_store = Store::new(project, "publish-diagnostics");
    let live = staging.live_manifest();

    let one_day = |chrome: &Chrome, id: DayId| -> Result<DayOutcome, Error> {
        let publish_it = requested.is_empty() || requested.contains(&id);
        let live_key = live.and_then(|m| m.days.get(&id.to_string()));
        if !publish_it && live_key.is_none() {
            return Ok(DayOutcome {
                id,
                summary: None,
                report: Report::default(),
                rendered: false,
                written: 0,
                reused: 0,
            });
        }
        // A day not asked for is kept as the live output has it: its key is not needed.
        let key = match (publish_it, live_key) {
            (false, Some(k)) => k.clone(),
            _ => cache::day_key(&shared.key, &fingerprints, id),
        };
        // `--no-cache` renders the days of the run again; the other days' summaries still come
        // from the cache.
        let cached = if options.no_cache && publish_it {
            None
        } else {
            store.read(id)
        };
        // Taken over unchanged: not asked for (publish day-N), or its inputs have not changed.
        let wanted = match (publish_it, live_key) {
            (false, Some(k)) => Some(k.as_str()),
            (true, Some(k)) if *k == key => Some(key.as_str()),
            _ => None,
        };
        // The diagnostics are read only for a day of the run (they are reported again).
        let take_over = match (wanted, cached) {
            (Some(k), Some((found, text))) if found == k => {
                let summary = Entry::summary_of(id, &text);
                let diagnostics = if publish_it {
                    diagnostics_store
                        .read(id)
                        .filter(|(found, _)| found == k)
                        .and_then(|(_, text)| Entry::diagnostics_of(&text))
                } else {
                    Some(Vec::new())
                };
                summary.zip(diagnostics).map(|(s, d)| (k.to_owned(), s, d))
            }
            _ => None,
        };
        if let Some((k, summary, diagnostics)) = take_over {
            let day_name = id.to_string();
            let files = live_files(staging, &day_name);
            let mut reused = 0;
            let mut complete = true;
            // Already in the spare version from an earlier run: nothing to do. Else a hard link
            // to the live version's file.
            if staging.holds(&day_name, &k) && staging.keep_day(&day_name, &files) {
                reused = files.len();
            } else {
                for file in &files {
                    if staging.reuse(std::path::Path::new(file))? {
                        reused += 1;
                    } else {
                        complete = false;
                    }
                }
            }
            if complete && !files.is_empty() {
                staging.record_day(&id.to_string(), &k);
                let report = if publish_it {
                    cache::replay(project, diagnostics)
                } else {
                    Report::default()
                };
                return Ok(DayOutcome {
                    id,
                    summary: Some(summary),
                    report,
                    rendered: false,
                    written: 0,
                    reused,
                });
            }
        }
        // Loaded, built and rendered (from the inputs as they are now, so with their key).
        let key = if publish_it {
            key
        } else {
            cache::day_key(&shared.key, &fingerprints, id)
        };
        let mut day_report = Report::default();
        let loaded = match project.load_day(id) {
            Ok(loaded) => loaded,
            Err(err) if !requested.is_empty() && !publish_it => {
                // A day of the live output that can no longer be read is left out.
                day_report.push(Diagnostic::warning(
                    "publish::day-skipped",
                    Span::default(),
                    format!("{id} is left out of the feeds and the index: {err}"),
                ));
                return Ok(DayOutcome {
                    id,
                    summary: None,
                    report: day_report,
                    rendered: false,
                    written: 0,
                    reused: 0,
                });
            }
            Err(err) => return Err(err.into()),
        };
        day_report.extend_in(
            &loaded.source_path,
            &loaded.source_text,
            loaded.ingested.diagnostics.iter().cloned(),
        );
        // Every catalog is read, parsed and applied once, for the editions and the checks (which
        // also check the editions --strict refuses).
        let all_langs = check_shared
            .as_ref()
            .map_or(&shared.languages, |cs| &cs.languages);
        let catalogs = crate::edition::read_catalogs(
            project,
            &loaded,
            all_langs
                .iter()
                .filter(|l| **l != loaded.meta.source_lang && !shared.derived.contains_key(*l)),
        )?;
        let day = build_day(
            project,
            &loaded,
            &shared.languages,
            &shared.derived,
            &catalogs,
            matcher.as_ref(),
            &mut day_report,
        )?;
        let ctx = RenderContext {
            site: &shared.site,
            chrome,
        };
        let rendered = render_day(&ctx, &day);
        day_report.extend(rendered.diagnostics);
        if let (Some(cs), Some(checker)) = (&check_shared, &checker) {
            day_report.append(day_findings(project, cs, checker, loaded, catalogs)?);
        }
        let summary = DaySummary::of(&day);
        drop(day);
        let written = rendered.files.len();
        for file in &rendered.files {
            staging.write(&file.path, &file.bytes)?;
        }
        staging.record_day(&id.to_string(), &key);
        let day_report = pruned(day_report);
        let entry = Entry {
            summary: summary.clone(),
            diagnostics: day_report.diagnostics.clone(),
        };
        store.write(id, &key, &entry.summary_text());
        diagnostics_store.write(id, &key, &entry.diagnostics_text());
        Ok(DayOutcome {
            id,
            summary: Some(summary),
            report: if publish_it {
                day_report
            } else {
                Report::default()
            },
            rendered: publish_it,
            written,
            reused: 0,
        })
    };

    let threads = options.threads.unwrap_or(0);
    let outcomes: Vec<Result<DayOutcome, Error>> = if threads == 1 {
        all_days.iter().map(|id| one_day(&chrome, *id)).collect()
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| Error::Refused(format!("cannot start the worker threads: {e}")))?;
        // The chrome is not shared between threads (Fluent's memoizer is per thread): each
        // worker builds its own, once per batch of days.
        let min_len = (all_days.len() / (pool.current_num_threads() * 8)).max(1);
        pool.install(|| {
            all_days
                .par_iter()
                .with_min_len(min_len)
                .map_init(
                    || shared.chrome(&source).map(|(c, _)| c),
                    |chrome, id| match chrome {
                        Ok(chrome) => one_day(chrome, *id),
                        Err(e) => Err(Error::Refused(e.to_string())),
                    },
                )
                .collect()
        })
    };

    let mut published = Published {
        languages: shared.languages.clone(),
        ..Published::default()
    };
    let mut summaries = Vec::new();
    for outcome in outcomes {
        let outcome = outcome?;
        report.append(outcome.report);
        published.written += outcome.written;
        published.reused += outcome.reused;
        if outcome.rendered {
            published.rendered.push(outcome.id);
        }
        if let Some(summary) = outcome.summary {
            published.days.push(outcome.id);
            summaries.push(summary);
        }
    }
    // The Fluent files belong to no day: checked once per run, with the first day's source, on
    // a thread of its own while this one renders the feeds and the index (the chrome cannot
    // leave this thread).
    let first = published.days.first().copied();
    let fluent_check = || -> Result<Option<Report>, Error> {
        let (Some(cs), Some(checker), Some(first)) = (&check_shared, &checker, first) else {
            return Ok(None);
        };
        // Only the source document is needed: the day is loaded, not checked again.
        let checked = crate::check::CheckedDay {
            day: project.load_day(first)?,
            translations: Vec::new(),
            po: BTreeMap::new(),
            findings: Vec::new(),
            files: Report::default(),
        };
        let fluent = crate::check::check_fluent(project, cs, checker, &checked.day);
        Ok(Some(crate::check::findings_report(&checked, cs, &fluent)))
    };
    let ctx = RenderContext {
        site: &shared.site,
        chrome: &chrome,
    };
    let (fluent, rendered) = std::thread::scope(|scope| {
        let fluent = scope.spawn(fluent_check);
        let rendered = [
            render_feeds(&ctx, &summaries, project.config.feed_entries),
            render_index(&ctx, &summaries),
        ];
        (fluent.join(), rendered)
    });
    let fluent =
        fluent.map_err(|_| Error::Refused("the check of the Fluent files failed".into()))?;
    if let Some(fluent) = fluent? {
        report.append(fluent);
    }
    for rendered in rendered {
        report.extend(rendered.diagnostics);
        for file in &rendered.files {
            staging.write(&file.path, &file.bytes)?;
        }
        published.written += rendered.files.len();
    }
    store.flush();
    diagnostics_store.flush();
    fingerprints.save();
    published.report = report;
    Ok(published)
}
