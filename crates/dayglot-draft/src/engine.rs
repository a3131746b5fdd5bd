//! Machine translation engines over HTTP: LibreTranslate (`/translate`), DeepL
//! (`/v2/translate`, with a glossary where the language pair allows one) and any
//! OpenAI-compatible chat completions server (vLLM, Ollama, llama.cpp server, hosted ones).
//!
//! The flow of a run, for one language:
//! 1. [`plan`] lists the segments to fill with their neighbours and glossary entries;
//! 2. [`estimate`] counts the characters to send (cached responses cost nothing) and the
//!    estimated cost, for the caller to print before anything is sent;
//! 3. [`translate`] sends the requests through [`ApiClient`] (retries, backoff, `Retry-After`,
//!    timeouts; at most `concurrency` requests at once) and fills the [`ResponseCache`];
//! 4. [`draft_from_engine`] checks every response for names and facts, repairs what is certain
//!    and writes the drafts into the catalog. A failed request drafts nothing for its segments.
//!
//! Keys come from the caller (the CLI reads environment variables); they are sent in headers
//! or bodies only, never shown by `Debug`, errors or progress events, never cached.

use std::collections::BTreeMap;

use dayglot_core::{Lang, Segment, SegmentId};
use dayglot_fetch::{ApiClient, ApiRequest, FetchError, Progress, join_all};
use dayglot_translate::Catalog;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::sync::Semaphore;

use crate::DraftError;
use crate::fill::{DayInput, Draft, DraftStatus, LangDraft, fill, segments_to_fill};
use crate::lang::Resources;
use crate::verify::review;

/// An engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EngineKind {
    /// LibreTranslate (self-hosted or hosted): `POST {endpoint}/translate`.
    LibreTranslate,
    /// DeepL API: `POST {endpoint}/v2/translate`.
    DeepL,
    /// An OpenAI-compatible server: `POST {endpoint}/chat/completions` (the endpoint ends in
    /// `/v1` for most servers).
    OpenAi,
}

impl EngineKind {
    /// `libretranslate`, `deepl`, `openai`: the name in `dayglot.toml`, `--engine` and
    /// provenance comments.
    pub fn name(self) -> &'static str {
        match self {
            Self::LibreTranslate => "libretranslate",
            Self::DeepL => "deepl",
            Self::OpenAi => "openai",
        }
    }

    /// Parses a name of [`EngineKind::name`].
    pub fn parse(name: &str) -> Option<Self> {
        [Self::LibreTranslate, Self::DeepL, Self::OpenAi]
            .into_iter()
            .find(|k| k.name() == name)
    }
}

/// One engine's settings: `[draft.<engine>]` of `dayglot.toml`, with the key from the
/// environment.
#[derive(Clone, PartialEq)]
pub struct EngineConfig {
    /// Which engine.
    pub kind: EngineKind,
    /// Base URL (`http://127.0.0.1:5000`, `https://api-free.deepl.com`,
    /// `http://127.0.0.1:11434/v1`).
    pub endpoint: String,
    /// The model (OpenAI-compatible servers; ignored by the others).
    pub model: Option<String>,
    /// The API key, if the server wants one. Never shown.
    pub api_key: Option<String>,
    /// Price per million characters sent, for the estimate (`None`: unknown or free).
    pub cost_per_million_chars: Option<f64>,
    /// The currency of the price (`EUR`).
    pub currency: String,
    /// dayglot language tag → the engine's code, where the default is wrong (the default is
    /// the primary subtag: `sr` for `sr-Cyrl`, upper-cased for DeepL).
    pub languages: BTreeMap<String, String>,
    /// Segments per request (LibreTranslate and DeepL take a list).
    pub batch: usize,
    /// Make and use a DeepL glossary of the names in the segments, where the pair allows.
    pub glossary: bool,
}

impl std::fmt::Debug for EngineConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EngineConfig")
            .field("kind", &self.kind)
            .field("endpoint", &self.endpoint)
            .field("model", &self.model)
            .field("api_key", &self.api_key.as_ref().map(|_| "<set>"))
            .field("cost_per_million_chars", &self.cost_per_million_chars)
            .field("languages", &self.languages)
            .field("batch", &self.batch)
            .field("glossary", &self.glossary)
            .finish()
    }
}

impl EngineConfig {
    /// An engine at `endpoint` with the defaults: no key, no model, no price, batches of 25,
    /// glossaries on.
    pub fn new(kind: EngineKind, endpoint: impl Into<String>) -> Self {
        Self {
            kind,
            endpoint: endpoint.into(),
            model: None,
            api_key: None,
            cost_per_million_chars: None,
            currency: String::new(),
            languages: BTreeMap::new(),
            batch: 25,
            glossary: true,
        }
    }

    /// The name in provenance comments: `deepl`, `openai qwen2.5:7b`.
    pub fn label(&self) -> String {
        match (&self.kind, &self.model) {
            (EngineKind::OpenAi, Some(m)) => format!("openai {m}"),
            (k, _) => k.name().to_owned(),
        }
    }

    /// The engine's code of a language.
    pub fn lang_code(&self, lang: &Lang) -> String {
        if let Some(code) = self.languages.get(lang.as_str()) {
            return code.clone();
        }
        match self.kind {
            EngineKind::DeepL => lang.primary().to_uppercase(),
            EngineKind::LibreTranslate => lang.primary().to_owned(),
            EngineKind::OpenAi => lang.as_str().to_owned(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.endpoint.trim_end_matches('/'))
    }
}

/// Why an engine gave no translation for a segment. Never holds a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// The request failed (after the retries).
    #[error("{0}")]
    Http(FetchError),
    /// The account's quota is used up (DeepL's `456`).
    #[error(
        "{engine}: the quota is used up (HTTP 456): nothing more can be translated this period"
    )]
    Quota {
        /// The engine.
        engine: String,
    },
    /// The response is not what the API documents.
    #[error("{engine}: unexpected response: {reason}")]
    Malformed {
        /// The engine.
        engine: String,
        /// What is wrong.
        reason: String,
    },
}

/// A glossary entry shown to an engine: an entity found in the segment, with its forms in the
/// target language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryHint {
    /// The entity id.
    pub entity: String,
    /// The name as the source writes it.
    pub source: String,
    /// The target's preferred form.
    pub preferred: String,
    /// The short form, if any.
    pub short: Option<String>,
    /// Case forms: (case, full form, short form).
    pub cases: Vec<(String, String, Option<String>)>,
}

/// One segment to translate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The segment.
    pub segment: SegmentId,
    /// Its source text.
    pub text: String,
    /// The segment before it, for context.
    pub previous: Option<String>,
    /// The segment after it, for context.
    pub next: Option<String>,
    /// The glossary entries of the names in it.
    pub glossary: Vec<GlossaryHint>,
}

/// What a language's run will translate.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    /// The catalog aligned to the source.
    pub base: Catalog,
    /// The segments that need a draft.
    pub segments: Vec<&'a Segment>,
    /// One job per segment.
    pub jobs: Vec<Job>,
}

/// Lists the segments of `input` that need a draft, with their context.
pub fn plan<'a>(res: &Resources<'_>, input: &DayInput<'a>) -> Plan<'a> {
    let (base, segments) = segments_to_fill(input);
    let all = input.source.segments();
    let jobs = segments
        .iter()
        .map(|seg| {
            let at = all.iter().position(|s| s.id == seg.id);
            let previous = at
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| all.get(i))
                .map(|s| s.text.clone());
            let next = at.and_then(|i| all.get(i + 1)).map(|s| s.text.clone());
            let mut glossary: Vec<GlossaryHint> = Vec::new();
            for m in res.matcher.find(&seg.text, &res.source.lang) {
                if glossary.iter().any(|g| g.entity == m.entity) {
                    continue;
                }
                let Some(forms) = res
                    .glossary
                    .entity(&m.entity)
                    .and_then(|e| e.forms.get(input.lang))
                else {
                    continue;
                };
                glossary.push(GlossaryHint {
                    entity: m.entity.clone(),
                    source: m.matched.clone(),
                    preferred: forms.preferred.clone(),
                    short: forms.short.clone(),
                    cases: forms
                        .cases
                        .iter()
                        .map(|(c, f)| (c.clone(), f.full.clone(), f.short.clone()))
                        .collect(),
                });
            }
            Job {
                segment: seg.id.clone(),
                text: seg.text.clone(),
                previous,
                next,
                glossary,
            }
        })
        .collect();
    Plan {
        base,
        segments,
        jobs,
    }
}

/// The languages and versions a run is keyed by.
#[derive(Debug, Clone, Copy)]
pub struct RunContext<'a> {
    /// The source language.
    pub source: &'a Lang,
    /// The target language.
    pub target: &'a Lang,
    /// A hash of the glossary files: a changed glossary is a new cache key.
    pub glossary_version: &'a str,
    /// The target language's style rules (for prompts).
    pub style: &'a [String],
}

/// The format version of a saved [`ResponseCache`].
pub const CACHE_FORMAT: u32 = 1;

/// Engine responses by engine, model, languages, glossary version and text, so that a rerun
/// costs nothing. Persisted by the caller with [`ResponseCache::to_json`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseCache {
    format: u32,
    entries: BTreeMap<String, String>,
}

impl Default for ResponseCache {
    fn default() -> Self {
        Self {
            format: CACHE_FORMAT,
            entries: BTreeMap::new(),
        }
    }
}

impl ResponseCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a cache saved with [`ResponseCache::to_json`].
    pub fn from_json(text: &str) -> Result<Self, DraftError> {
        let cache: Self = serde_json::from_str(text).map_err(|e| DraftError::CacheFormat {
            message: e.to_string(),
        })?;
        if cache.format != CACHE_FORMAT {
            return Err(DraftError::CacheFormat {
                message: format!(
                    "format {} (this dayglot reads {CACHE_FORMAT})",
                    cache.format
                ),
            });
        }
        Ok(cache)
    }

    /// The cache as JSON (sorted, deterministic).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// How many responses it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn get(&self, key: &str) -> Option<&String> {
        self.entries.get(key)
    }
}

/// The text an engine is sent for a job (for chat engines, the whole prompt).
fn sent_text(engine: &EngineConfig, ctx: &RunContext<'_>, job: &Job) -> String {
    match engine.kind {
        EngineKind::OpenAi => {
            let (system, user) = prompt(ctx, job);
            format!("{system}\n\n{user}")
        }
        _ => job.text.clone(),
    }
}

fn cache_key(engine: &EngineConfig, ctx: &RunContext<'_>, job: &Job) -> String {
    [
        engine.kind.name(),
        engine.model.as_deref().unwrap_or(""),
        ctx.source.as_str(),
        ctx.target.as_str(),
        ctx.glossary_version,
        &sent_text(engine, ctx, job),
    ]
    .join("\u{1f}")
}

/// What a run will send, before anything is sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// Segments to translate.
    pub segments: usize,
    /// Of those, answered from the cache.
    pub cached: usize,
    /// Characters to send (for chat engines, of the prompts).
    pub chars: usize,
    /// Translation requests to send (for a progress bar; a DeepL glossary adds up to two).
    pub requests: usize,
    /// The estimated cost, when the engine has a price.
    pub cost: Option<f64>,
}

impl std::fmt::Display for Estimate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} segments ({} cached), {} characters to send in {} requests",
            self.segments, self.cached, self.chars, self.requests
        )?;
        match self.cost {
            Some(c) => write!(f, ", estimated cost {c:.4}"),
            None => write!(f, ", cost unknown (no price configured)"),
        }
    }
}

/// Counts what [`translate`] would send.
pub fn estimate(
    engine: &EngineConfig,
    ctx: &RunContext<'_>,
    jobs: &[Job],
    cache: &ResponseCache,
) -> Estimate {
    let mut out = Estimate {
        segments: jobs.len(),
        cached: 0,
        chars: 0,
        requests: 0,
        cost: None,
    };
    for job in jobs {
        if cache.get(&cache_key(engine, ctx, job)).is_some() {
            out.cached += 1;
        } else {
            out.chars += sent_text(engine, ctx, job).chars().count();
        }
    }
    let todo = out.segments - out.cached;
    out.requests = match engine.kind {
        EngineKind::OpenAi => todo,
        _ => todo.div_ceil(engine.batch.max(1)),
    };
    out.cost = engine
        .cost_per_million_chars
        .map(|p| p * out.chars as f64 / 1_000_000.0);
    out
}

/// The chat prompt of a job: (system, user).
pub fn prompt(ctx: &RunContext<'_>, job: &Job) -> (String, String) {
    let mut system = format!(
        "You translate a daily news summary from {} into {}. Translate only the segment given \
         and reply with its translation and nothing else: no quotation marks around it, no notes.",
        ctx.source, ctx.target
    );
    if !ctx.style.is_empty() {
        system.push_str("\nStyle rules:");
        for rule in ctx.style {
            system.push_str("\n- ");
            system.push_str(rule);
        }
    }
    system.push_str(
        "\nNames: use the glossary's forms exactly, in the grammatical case the sentence needs.",
    );
    let mut user = String::new();
    if let Some(p) = &job.previous {
        user.push_str(&format!(
            "Previous segment (context, do not translate): {p}\n"
        ));
    }
    if let Some(n) = &job.next {
        user.push_str(&format!("Next segment (context, do not translate): {n}\n"));
    }
    if !job.glossary.is_empty() {
        user.push_str("Glossary:\n");
        for g in &job.glossary {
            user.push_str(&format!("- {} = {}", g.source, g.preferred));
            if let Some(s) = &g.short {
                user.push_str(&format!("; short: {s}"));
            }
            for (case, full, short) in &g.cases {
                user.push_str(&format!("; {case}: {full}"));
                if let Some(s) = short {
                    user.push_str(&format!(" / {s}"));
                }
            }
            user.push('\n');
        }
    }
    user.push_str(&format!("Segment:\n{}", job.text));
    (system, user)
}

/// The result of [`translate`].
#[derive(Debug, Clone, PartialEq)]
pub struct Translated {
    /// One result per job, in order.
    pub results: Vec<Result<String, EngineError>>,
    /// Requests sent (cached jobs send none).
    pub requests: usize,
    /// Things that did not stop the run (a DeepL glossary that could not be made).
    pub warnings: Vec<String>,
}

/// Translates `jobs` with `engine`, answering from `cache` first and adding every new
/// response to it. A failed request fails only its own jobs.
pub async fn translate(
    engine: &EngineConfig,
    client: &ApiClient,
    ctx: &RunContext<'_>,
    jobs: &[Job],
    cache: &mut ResponseCache,
    progress: &dyn Progress,
) -> Translated {
    let mut results: Vec<Option<Result<String, EngineError>>> = jobs
        .iter()
        .map(|j| cache.get(&cache_key(engine, ctx, j)).cloned().map(Ok))
        .collect();
    let todo: Vec<usize> = (0..jobs.len()).filter(|&i| results[i].is_none()).collect();
    let mut warnings = Vec::new();
    let mut requests = 0;
    if todo.is_empty() {
        return Translated {
            results: results
                .into_iter()
                .map(|r| r.unwrap_or_else(|| Ok(String::new())))
                .collect(),
            requests,
            warnings,
        };
    }
    let glossary_id = if engine.kind == EngineKind::DeepL && engine.glossary {
        let hints: Vec<&GlossaryHint> = todo.iter().flat_map(|&i| &jobs[i].glossary).collect();
        match deepl_glossary(engine, client, ctx, &hints, progress, &mut requests).await {
            Ok(id) => id,
            Err(e) => {
                warnings.push(format!("no DeepL glossary: {e}"));
                None
            }
        }
    } else {
        None
    };
    // Batches of job indices.
    let batches: Vec<Vec<usize>> = match engine.kind {
        EngineKind::OpenAi => todo.iter().map(|&i| vec![i]).collect(),
        _ => todo
            .chunks(engine.batch.max(1))
            .map(<[usize]>::to_vec)
            .collect(),
    };
    requests += batches.len();
    let semaphore = Semaphore::new(client.config().concurrency.max(1));
    let tasks = batches.iter().map(|batch| {
        let semaphore = &semaphore;
        let glossary_id = glossary_id.as_deref();
        async move {
            let _permit = semaphore.acquire().await;
            let request = build_request(engine, ctx, jobs, batch, glossary_id);
            let outcome = match client.send(&request, progress).await {
                Ok(response) => parse_response(engine, &response.body, batch.len()),
                Err(e) => Err(http_error(engine, e)),
            };
            (batch, outcome)
        }
    });
    for (batch, outcome) in join_all(tasks).await {
        match outcome {
            Ok(texts) => {
                for (&i, text) in batch.iter().zip(texts) {
                    cache
                        .entries
                        .insert(cache_key(engine, ctx, &jobs[i]), text.clone());
                    results[i] = Some(Ok(text));
                }
            }
            Err(e) => {
                for &i in batch {
                    results[i] = Some(Err(e.clone()));
                }
            }
        }
    }
    Translated {
        results: results
            .into_iter()
            .map(|r| {
                r.unwrap_or_else(|| {
                    Err(EngineError::Malformed {
                        engine: engine.kind.name().to_owned(),
                        reason: "no response".into(),
                    })
                })
            })
            .collect(),
        requests,
        warnings,
    }
}

fn http_error(engine: &EngineConfig, e: FetchError) -> EngineError {
    match &e {
        FetchError::Status { status, .. } if status.starts_with("456") => EngineError::Quota {
            engine: engine.kind.name().to_owned(),
        },
        _ => EngineError::Http(e),
    }
}

fn auth_headers(engine: &EngineConfig) -> Vec<(String, String)> {
    match (&engine.kind, &engine.api_key) {
        (EngineKind::DeepL, Some(k)) => {
            vec![("Authorization".into(), format!("DeepL-Auth-Key {k}"))]
        }
        (EngineKind::OpenAi, Some(k)) => vec![("Authorization".into(), format!("Bearer {k}"))],
        _ => Vec::new(),
    }
}

fn build_request(
    engine: &EngineConfig,
    ctx: &RunContext<'_>,
    jobs: &[Job],
    batch: &[usize],
    glossary_id: Option<&str>,
) -> ApiRequest {
    let texts: Vec<&str> = batch.iter().map(|&i| jobs[i].text.as_str()).collect();
    let (path, body) = match engine.kind {
        EngineKind::LibreTranslate => {
            let mut body = json!({
                "q": texts,
                "source": engine.lang_code(ctx.source),
                "target": engine.lang_code(ctx.target),
                "format": "text",
            });
            if let Some(k) = &engine.api_key {
                body["api_key"] = json!(k);
            }
            ("translate", body)
        }
        EngineKind::DeepL => {
            let mut body = json!({
                "text": texts,
                "source_lang": engine.lang_code(ctx.source),
                "target_lang": engine.lang_code(ctx.target),
                "preserve_formatting": true,
            });
            if let Some(id) = glossary_id {
                body["glossary_id"] = json!(id);
            }
            ("v2/translate", body)
        }
        EngineKind::OpenAi => {
            let job = batch.first().map(|&i| &jobs[i]);
            let (system, user) = job.map(|j| prompt(ctx, j)).unwrap_or_default();
            (
                "chat/completions",
                json!({
                    "model": engine.model.clone().unwrap_or_default(),
                    "temperature": 0,
                    "messages": [
                        {"role": "system", "content": system},
                        {"role": "user", "content": user},
                    ],
                }),
            )
        }
    };
    ApiRequest {
        method: "POST".into(),
        url: engine.url(path),
        headers: auth_headers(engine),
        body: body.to_string().into_bytes(),
    }
}

/// The translations in a response body, one per segment sent.
fn parse_response(
    engine: &EngineConfig,
    body: &[u8],
    expected: usize,
) -> Result<Vec<String>, EngineError> {
    let bad = |reason: String| EngineError::Malformed {
        engine: engine.kind.name().to_owned(),
        reason,
    };
    let value: Value = serde_json::from_slice(body).map_err(|e| bad(format!("not JSON: {e}")))?;
    let texts: Vec<String> = match engine.kind {
        EngineKind::LibreTranslate => match &value["translatedText"] {
            Value::String(s) => vec![s.clone()],
            Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect::<Option<_>>()
                .ok_or_else(|| bad("translatedText holds something other than strings".into()))?,
            _ => return Err(bad("no translatedText".into())),
        },
        EngineKind::DeepL => value["translations"]
            .as_array()
            .ok_or_else(|| bad("no translations".into()))?
            .iter()
            .map(|t| t["text"].as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or_else(|| bad("a translation without text".into()))?,
        EngineKind::OpenAi => {
            let content = value["choices"][0]["message"]["content"]
                .as_str()
                .ok_or_else(|| bad("no choices[0].message.content".into()))?;
            vec![content.trim().to_owned()]
        }
    };
    if texts.len() != expected {
        return Err(bad(format!(
            "{} translations for {expected} segments",
            texts.len()
        )));
    }
    if texts.iter().any(|t| t.trim().is_empty()) {
        return Err(bad("an empty translation".into()));
    }
    Ok(texts)
}

/// Makes a DeepL glossary of the names (source form → preferred target form) when DeepL
/// supports glossaries for the pair; `None` when it does not or there is nothing to put in.
async fn deepl_glossary(
    engine: &EngineConfig,
    client: &ApiClient,
    ctx: &RunContext<'_>,
    hints: &[&GlossaryHint],
    progress: &dyn Progress,
    requests: &mut usize,
) -> Result<Option<String>, EngineError> {
    let mut entries: BTreeMap<&str, &str> = BTreeMap::new();
    for h in hints {
        // TSV: no tabs or line breaks inside an entry.
        if !h.source.contains(['\t', '\n']) && !h.preferred.contains(['\t', '\n']) {
            entries.insert(&h.source, &h.preferred);
        }
    }
    if entries.is_empty() {
        return Ok(None);
    }
    let source = engine.lang_code(ctx.source).to_lowercase();
    let target = engine.lang_code(ctx.target).to_lowercase();
    let bad = |reason: String| EngineError::Malformed {
        engine: "deepl".into(),
        reason,
    };
    *requests += 1;
    let pairs = client
        .send(
            &ApiRequest {
                method: "GET".into(),
                url: engine.url("v2/glossary-language-pairs"),
                headers: auth_headers(engine),
                body: Vec::new(),
            },
            progress,
        )
        .await
        .map_err(|e| http_error(engine, e))?;
    let value: Value =
        serde_json::from_slice(&pairs.body).map_err(|e| bad(format!("glossary pairs: {e}")))?;
    let supported = value["supported_languages"].as_array().is_some_and(|list| {
        list.iter().any(|p| {
            p["source_lang"]
                .as_str()
                .is_some_and(|s| s.eq_ignore_ascii_case(&source))
                && p["target_lang"]
                    .as_str()
                    .is_some_and(|t| t.eq_ignore_ascii_case(&target))
        })
    });
    if !supported {
        return Ok(None);
    }
    let tsv: String = entries.iter().map(|(s, t)| format!("{s}\t{t}\n")).collect();
    let body = json!({
        "name": format!("dayglot {}", ctx.glossary_version),
        "source_lang": source,
        "target_lang": target,
        "entries": tsv,
        "entries_format": "tsv",
    });
    *requests += 1;
    let created = client
        .send(
            &ApiRequest {
                method: "POST".into(),
                url: engine.url("v2/glossaries"),
                headers: auth_headers(engine),
                body: body.to_string().into_bytes(),
            },
            progress,
        )
        .await
        .map_err(|e| http_error(engine, e))?;
    let value: Value =
        serde_json::from_slice(&created.body).map_err(|e| bad(format!("glossary: {e}")))?;
    value["glossary_id"]
        .as_str()
        .map(|s| Some(s.to_owned()))
        .ok_or_else(|| bad("the glossary response has no glossary_id".into()))
}

/// Checks the engine's translations and writes them into the catalog: names in a forbidden or
/// another language's form are repaired where the case is certain, everything else the checker
/// finds is kept as a note. A failed segment gets no draft.
pub fn draft_from_engine(
    res: &Resources<'_>,
    input: &DayInput<'_>,
    engine: &EngineConfig,
    plan: Plan<'_>,
    translated: Translated,
) -> Result<LangDraft, DraftError> {
    let tgt = res.target(input.lang)?;
    let mut drafts = Vec::new();
    let mut failed = 0;
    let mut errors: Vec<String> = Vec::new();
    for (job, result) in plan.jobs.iter().zip(translated.results) {
        match result {
            Ok(text) => {
                let r = review(res, tgt, &job.segment, &job.text, &text);
                let status = if !r.findings.is_empty() {
                    DraftStatus::Flagged
                } else if !r.repairs.is_empty() {
                    DraftStatus::Repaired
                } else {
                    DraftStatus::Clean
                };
                drafts.push(Draft {
                    segment: job.segment.clone(),
                    text: r.text,
                    origin: engine.label(),
                    score: None,
                    status,
                    changes: r.repairs,
                    notes: r.findings,
                });
            }
            Err(e) => {
                failed += 1;
                let line = e.to_string();
                if !errors.contains(&line) {
                    errors.push(line);
                }
            }
        }
    }
    let mut out = fill(input, plan.base, &plan.segments, drafts);
    out.summary.failed = failed;
    out.summary.errors = errors;
    out.summary.errors.extend(translated.warnings);
    Ok(out)
}
