//! `dayglot draft DAY [--lang L] [--engine tm|libretranslate|deepl|openai] [--endpoint URL]
//! [--dry-run]`: fills the missing, stale and empty entries of a day's catalogs with drafts
//! flagged fuzzy, from the translation memory (the default, offline) or a machine translation
//! engine. A translated entry is never touched.
//!
//! What is read and written here (the library is pure):
//! - the memory index, `target/dayglot-cache/draft/memory.json` (ignored by git), updated from
//!   every catalog of the corpus (only changed catalogs are parsed again);
//! - engine responses, `target/dayglot-cache/draft/responses.json`, so a rerun costs nothing;
//! - the engine's key from the environment variable named by `[draft.<engine>] api_key_env`
//!   (never printed, never written);
//! - the day's catalogs, written atomically only when a draft was made and not `--dry-run`.
//!
//! Printing is the caller's: [`run`] reports through `notify` (the character count and cost
//! estimate come before anything is sent; progress events while requests run).

use std::path::PathBuf;

use anyhow::Context as _;
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

/// Arguments of `dayglot draft`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The day (`day-687`).
    pub(crate) day: String,
    /// Only this language (one of the project's languages); every target language when omitted.
    #[arg(long)]
    pub(crate) lang: Option<String>,
    /// Where drafts come from: the translation memory (offline) or an engine set up in
    /// `dayglot.toml` (`[draft.libretranslate]`, `[draft.deepl]`, `[draft.openai]`).
    #[arg(long, value_enum, default_value_t = EngineArg::Tm)]
    pub(crate) engine: EngineArg,
    /// The engine's base URL for this run, instead of the one in `dayglot.toml`.
    #[arg(long, value_name = "URL")]
    pub(crate) endpoint: Option<String>,
    /// Show what would be drafted (and, for an engine, what it would cost); send and write
    /// nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
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

/// What [`run`] reports while it works.
#[derive(Debug)]
pub(crate) enum Notice<'a> {
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
pub(crate) struct LangResult {
    /// The language.
    pub(crate) lang: Lang,
    /// The counts (its `Display` is the summary line: clean, repaired, flagged).
    pub(crate) summary: Summary,
    /// The catalog written (project-relative), if one was.
    pub(crate) written: Option<String>,
}

/// What `dayglot draft` did.
#[derive(Debug)]
pub(crate) struct DraftSummary {
    /// The day.
    pub(crate) day: DayId,
    /// `memory` or the engine's label.
    pub(crate) origin: String,
    /// Per language, in order.
    pub(crate) languages: Vec<LangResult>,
    /// Whether nothing was written or sent.
    pub(crate) dry_run: bool,
}

impl DraftSummary {
    /// Whether any draft needs a person's attention or any request failed (exit code 1).
    pub(crate) fn has_problems(&self) -> bool {
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
fn load_glossary(project: &Project) -> anyhow::Result<(Glossary, String)> {
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
    let mut hasher = dayglot_pipeline::cache::KeyHasher::new();
    hasher.field(version.as_bytes());
    Ok((glossary, hasher.finish()))
}

fn lang_data(project: &Project, lang: &Lang) -> anyhow::Result<Option<LangData>> {
    Ok(match project.check_rules(lang)? {
        Some(f) => Some(LangData::parse(lang.clone(), &f.path, &f.text)?),
        None => None,
    })
}

/// The memory of every catalog of the corpus, from its saved index where unchanged.
fn update_memory(project: &Project) -> anyhow::Result<(Memory, UpdateStats)> {
    let path = cache_dir(project).join("memory.json");
    let mut memory = std::fs::read_to_string(&path)
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
        dayglot_project::write_atomic(&path, memory.to_json().as_bytes())
            .context("cannot save the translation memory")?;
    }
    Ok((memory, stats))
}

/// Runs `dayglot draft`.
pub(crate) fn run(
    project: &Project,
    settings: &DraftSettings,
    args: Args,
    notify: &(dyn Fn(Notice<'_>) + Sync),
) -> anyhow::Result<DraftSummary> {
    let day = DayId::parse(&args.day)?;
    let only = args
        .lang
        .as_deref()
        .map(|l| project.lang_arg(l))
        .transpose()?;
    let loaded = project.load_day(day)?;
    let source = &loaded.ingested.document;
    let source_lang = project.config.source_lang.clone();
    let targets: Vec<Lang> = project
        .languages()?
        .into_iter()
        .filter(|l| *l != source_lang && only.as_ref().is_none_or(|o| o == l))
        .collect();
    let (glossary, glossary_version) = load_glossary(project)?;
    let source_data = lang_data(project, &source_lang)?.with_context(|| {
        format!(
            "{} is missing: numbers and dates of drafts cannot be checked",
            project.check_rules_path(&source_lang)
        )
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
        .collect::<anyhow::Result<_>>()?;
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

    let (origin, drafts) = match args.engine.kind() {
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
                .collect::<Result<Vec<_>, _>>()?;
            ("memory".to_owned(), drafts)
        }
        Some(kind) => {
            let engine_settings = settings.engine(kind).cloned().unwrap_or_default();
            let key = std::env::var(engine_settings.key_variable(kind)).ok();
            let config = engine_settings
                .to_config(kind, args.endpoint.as_deref(), key)
                .with_context(|| {
                    format!(
                        "no endpoint for {}: set [draft.{}] endpoint in dayglot.toml or pass --endpoint URL",
                        kind.name(),
                        kind.name()
                    )
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
) -> anyhow::Result<Vec<LangDraft>> {
    let cache_path = cache_dir(project).join("responses.json");
    let mut cache = std::fs::read_to_string(&cache_path)
        .ok()
        .and_then(|t| ResponseCache::from_json(&t).ok())
        .unwrap_or_default();
    let client = ApiClient::new(FetchConfig::default())?;
    let styles: Vec<Vec<String>> = inputs
        .iter()
        .map(|i| res.target(i.lang).map(|d| d.style_rules()))
        .collect::<Result<_, _>>()?;
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
        out.push(draft_from_engine(
            res, &inputs[k], config, plan, translated,
        )?);
        // Saved after every language: what was paid for is kept even if a later one fails.
        dayglot_project::write_atomic(&cache_path, cache.to_json().as_bytes())
            .context("cannot save the response cache")?;
    }
    Ok(out)
}
