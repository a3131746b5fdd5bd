//! Drafts for translators (`dayglot draft`): the translation memory of the corpus, or a machine
//! translation engine, through the pure `dayglot-draft` crate. What is read and written:
//! - the memory index, `target/dayglot-cache/draft/memory.json` (ignored by git), updated from
//!   every catalog of the corpus (only changed catalogs are parsed again);
//! - engine responses, `target/dayglot-cache/draft/responses.json`, so a rerun costs nothing;
//! - the day's catalogs, written atomically only when a draft was made and not a dry run.
//!
//! Printing is the caller's: [`run`] reports through `notify` (the character count and cost
//! estimate come before anything is sent; progress events while requests run).

use std::path::PathBuf;

use dayglot_core::{DayId, Lang};
use dayglot_draft::engine::{
    self, EngineKind, Estimate, ResponseCache, RunContext, draft_from_engine, estimate,
};
use dayglot_draft::{
    CatalogText, DayInput, DraftSettings, LangData, LangDraft, Memory, MemoryOptions, Resources,
    Summary, UpdateStats, draft_from_memory,
};
use dayglot_fetch::{ApiClient, FetchConfig, ProgressEvent};
use dayglot_glossary::{Glossary, GlossaryFile};
use dayglot_project::Project;
use dayglot_translate::{Catalog, parse_po, write_po};

use crate::Error;

fn refused(e: impl std::fmt::Display) -> Error {
    Error::Refused(e.to_string())
}

/// What [`run`] reports while it works.
#[derive(Debug)]
pub enum Notice<'a> {
    /// The memory was brought up to date.
    Memory(&'a UpdateStats),
    /// Before anything is sent for a language: segments, characters, cost.
    Estimate {
        /// The language.
        lang: &'a Lang,
        /// The estimate (its `Display` is the line to print).
        estimate: &'a Estimate,
        /// The price's currency, if configured.
        currency: &'a str,
    },
    /// A request started, was retried or finished (for a progress bar).
    Progress(&'a ProgressEvent),
    /// A language was skipped (no check rules).
    Skipped {
        /// The language.
        lang: &'a Lang,
        /// Why.
        reason: String,
    },
}

/// One language's result.
#[derive(Debug)]
pub struct LangResult {
    /// The language.
    pub lang: Lang,
    /// The counts (its `Display` is the summary line: clean, repaired, flagged).
    pub summary: Summary,
    /// The catalog written (project-relative), if one was.
    pub written: Option<String>,
}

/// What `dayglot draft` did.
#[derive(Debug)]
pub struct DraftSummary {
    /// The day.
    pub day: DayId,
    /// `memory` or the engine's label.
    pub origin: String,
    /// Per language, in order.
    pub languages: Vec<LangResult>,
    /// Whether nothing was written or sent.
    pub dry_run: bool,
}

impl DraftSummary {
    /// Whether any draft needs a person's attention or any request failed (exit code 1).
    pub fn has_problems(&self) -> bool {
        self.languages
            .iter()
            .any(|l| l.summary.flagged > 0 || l.summary.failed > 0)
    }
}

fn cache_dir(project: &Project) -> PathBuf {
    project
        .root
        .join("target")
        .join("dayglot-cache")
        .join("draft")
}

/// The glossary and a version of its files (a changed glossary is a new cache key).
fn load_glossary(project: &Project) -> Result<(Glossary, String), Error> {
    let mut version = String::new();
    let registry = match project.registry()? {
        Some(f) => f,
        None => dayglot_project::TextFile {
            path: project.registry_path(),
            text: String::new(),
        },
    };
    version.push_str(&registry.text);
    let mut files = Vec::new();
    for lang in project.languages()? {
        if let Some(f) = project.glossary_file(&lang)? {
            version.push_str(&f.text);
            files.push(GlossaryFile::new(f.path, f.text).with_lang(lang));
        }
    }
    let (glossary, _) = Glossary::load(&GlossaryFile::new(registry.path, registry.text), &files);
    let mut hasher = crate::cache::KeyHasher::new();
    hasher.field(version.as_bytes());
    Ok((glossary, hasher.finish()))
}

fn lang_data(project: &Project, lang: &Lang) -> Result<Option<LangData>, Error> {
    Ok(match project.check_rules(lang)? {
        Some(f) => Some(LangData::parse(lang.clone(), &f.path, &f.text).map_err(refused)?),
        None => None,
    })
}

/// The memory of every catalog of the corpus, from its saved index where unchanged.
fn update_memory(project: &Project) -> Result<(Memory, UpdateStats), Error> {
    let path = cache_dir(project).join("memory.json");
    let mut memory = dayglot_project::read_text(&path)
        .ok()
        .and_then(|t| Memory::from_json(&t).ok())
        .unwrap_or_default();
    let mut texts: Vec<(DayId, Lang, String)> = Vec::new();
    for day in project.days()? {
        for lang in project.catalog_langs(day)? {
            if let Some(f) = project.catalog(day, &lang)? {
                texts.push((day, lang, f.text));
            }
        }
    }
    let catalogs: Vec<CatalogText<'_>> = texts
        .iter()
        .map(|(day, lang, text)| CatalogText {
            day: *day,
            lang,
            text,
        })
        .collect();
    let stats = memory.update(&catalogs);
    if stats.parsed > 0 || stats.removed > 0 {
        dayglot_project::write_atomic(&path, memory.to_json().as_bytes())?;
    }
    Ok((memory, stats))
}

/// The `[draft]` settings of `dayglot.toml`.
pub fn settings(project: &Project) -> Result<DraftSettings, Error> {
    toml::Value::Table(project.config.draft.clone())
        .try_into()
        .map_err(|e| Error::Refused(format!("dayglot.toml [draft]: {e}")))
}

/// What to draft: `dayglot draft`'s arguments, validated.
#[derive(Debug, Clone)]
pub struct DraftRequest {
    /// The day.
    pub day: DayId,
    /// Only this language.
    pub lang: Option<Lang>,
    /// An engine, or `None` for the translation memory.
    pub engine: Option<EngineKind>,
    /// The engine's base URL for this run.
    pub endpoint: Option<String>,
    /// The engine's key (the caller reads it from the environment variable the settings name).
    pub key: Option<String>,
    /// Send and write nothing.
    pub dry_run: bool,
}

/// Drafts the missing, stale and empty entries of a day's catalogs (never a translated entry),
/// from the translation memory or an engine; every draft is fuzzy and says where it came from.
pub fn run(
    project: &Project,
    settings: &DraftSettings,
    args: DraftRequest,
    notify: &(dyn Fn(Notice<'_>) + Sync),
) -> Result<DraftSummary, Error> {
    let day = args.day;
    let only = args.lang.clone();
    let loaded = project.load_day(day)?;
    let source = &loaded.ingested.document;
    let source_lang = project.config.source_lang.clone();
    let targets: Vec<Lang> = project
        .languages()?
        .into_iter()
        .filter(|l| *l != source_lang && only.as_ref().is_none_or(|o| o == l))
        .collect();
    // A language made from another (sr-Latn from sr-Cyrl) has no catalog of its own to draft.
    let derived = crate::derive::derived_languages(project)?;
    let targets: Vec<Lang> = targets
        .into_iter()
        .filter(|l| !derived.contains_key(l))
        .collect();
    let (glossary, glossary_version) = load_glossary(project)?;
    let source_data = lang_data(project, &source_lang)?.ok_or_else(|| {
        Error::Refused(format!(
            "{} is missing: numbers and dates of drafts cannot be checked",
            project.check_rules_path(&source_lang)
        ))
    })?;
    let mut datas = Vec::new();
    let mut langs = Vec::new();
    for lang in targets {
        match lang_data(project, &lang)? {
            Some(d) => {
                datas.push(d);
                langs.push(lang);
            }
            None => notify(Notice::Skipped {
                reason: format!("{} is missing", project.check_rules_path(&lang)),
                lang: &lang,
            }),
        }
    }
    let res = Resources::new(&glossary, source_data, datas);
    let catalogs: Vec<Option<Catalog>> = langs
        .iter()
        .map(|l| Ok(project.catalog(day, l)?.map(|f| parse_po(&f.text).catalog)))
        .collect::<Result<_, Error>>()?;
    let inputs: Vec<DayInput<'_>> = langs
        .iter()
        .zip(&catalogs)
        .map(|(lang, catalog)| DayInput {
            day,
            source,
            catalog: catalog.as_ref(),
            lang,
        })
        .collect();

    let (origin, drafts) = match args.engine {
        None => {
            let (memory, stats) = update_memory(project)?;
            notify(Notice::Memory(&stats));
            let index = memory.index_of(&langs);
            let options = MemoryOptions {
                min_score: settings
                    .min_score
                    .unwrap_or(MemoryOptions::default().min_score),
                ..MemoryOptions::default()
            };
            let drafts = inputs
                .iter()
                .map(|input| draft_from_memory(&res, &index, input, &options))
                .collect::<Result<Vec<_>, _>>()
                .map_err(refused)?;
            ("memory".to_owned(), drafts)
        }
        Some(kind) => {
            let engine_settings = settings.engine(kind).cloned().unwrap_or_default();
            let config = engine_settings
                .to_config(kind, args.endpoint.as_deref(), args.key.clone())
                .ok_or_else(|| {
                    Error::Refused(format!(
                        "no endpoint for {}: set [draft.{}] endpoint in dayglot.toml or pass --endpoint URL",
                        kind.name(),
                        kind.name()
                    ))
                })?;
            let drafts = run_engine(
                project,
                &res,
                &config,
                &inputs,
                &glossary_version,
                args.dry_run,
                notify,
            )?;
            (config.label(), drafts)
        }
    };

    let mut languages = Vec::new();
    for out in drafts {
        let mut written = None;
        if !args.dry_run && out.summary.drafted > 0 {
            project.write_catalog(day, &out.lang, &write_po(&out.catalog))?;
            written = Some(project.catalog_path(day, &out.lang));
        }
        languages.push(LangResult {
            lang: out.lang,
            summary: out.summary,
            written,
        });
    }
    Ok(DraftSummary {
        day,
        origin,
        languages,
        dry_run: args.dry_run,
    })
}

/// Plans, estimates (reported before anything is sent), translates and checks every language.
fn run_engine(
    project: &Project,
    res: &Resources<'_>,
    config: &engine::EngineConfig,
    inputs: &[DayInput<'_>],
    glossary_version: &str,
    dry_run: bool,
    notify: &(dyn Fn(Notice<'_>) + Sync),
) -> Result<Vec<LangDraft>, Error> {
    let cache_path = cache_dir(project).join("responses.json");
    let mut cache = dayglot_project::read_text(&cache_path)
        .ok()
        .and_then(|t| ResponseCache::from_json(&t).ok())
        .unwrap_or_default();
    let client = ApiClient::new(FetchConfig::default())?;
    let styles: Vec<Vec<String>> = inputs
        .iter()
        .map(|i| res.target(i.lang).map(|d| d.style_rules()))
        .collect::<Result<_, _>>()
        .map_err(refused)?;
    let plans: Vec<_> = inputs.iter().map(|i| engine::plan(res, i)).collect();
    let context = |k: usize| RunContext {
        source: &res.source.lang,
        target: inputs[k].lang,
        glossary_version,
        style: &styles[k],
    };
    // Every language's estimate is reported before anything is sent.
    for (k, plan) in plans.iter().enumerate() {
        let est = estimate(config, &context(k), &plan.jobs, &cache);
        notify(Notice::Estimate {
            lang: inputs[k].lang,
            estimate: &est,
            currency: &config.currency,
        });
    }
    let mut out = Vec::new();
    if dry_run {
        return Ok(out);
    }
    for (k, plan) in plans.into_iter().enumerate() {
        let ctx = context(k);
        let progress = |e: &ProgressEvent| notify(Notice::Progress(e));
        let translated = dayglot_fetch::block_on(engine::translate(
            config, &client, &ctx, &plan.jobs, &mut cache, &progress,
        ))?;
        out.push(draft_from_engine(res, &inputs[k], config, plan, translated).map_err(refused)?);
        // Saved after every language: what was paid for is kept even if a later one fails.
        dayglot_project::write_atomic(&cache_path, cache.to_json().as_bytes())?;
    }
    Ok(out)
}
