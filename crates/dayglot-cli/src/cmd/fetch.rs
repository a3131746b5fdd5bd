//! `dayglot fetch URL [--day N]` and `dayglot fetch --feed URL`: bring a day's page into the corpus.
//!
//! For each day: the page is fetched (conditionally when a revision is stored), decoded,
//! the summary extracted, and everything is computed in memory first. Only then are the files
//! written, each atomically: `corpus/day-N/fetch/rev-K.html` (the body as received),
//! `rev-K.toml` (its metadata), `source.<lang>.txt` (or `source.<lang>.txt.fetched` when the
//! editor changed the text locally) and `day.toml` for a new day. The day is then ingested and
//! its diagnostics shown. A failure writes nothing and exits with code 1.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context as _, anyhow, bail};
use dayglot_core::{DayId, Lang, Severity, SourceFile, render_diagnostics};
use dayglot_fetch::{
    Conditional, FeedEntry, FetchConfig, FetchOutcome, Fetcher, Progress, ProgressEvent, Response,
    block_on, decode_html, extract, format_time, host_of, parse_feed, render_diff, series_day,
    to_plain_text,
};
use dayglot_ingest::Project;
use serde::{Deserialize, Serialize};

use super::{Context, Outcome};
use crate::output;

/// Arguments of `dayglot fetch`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The article page of one day.
    #[arg(required_unless_present = "feed", conflicts_with = "feed")]
    url: Option<String>,
    /// An RSS 2.0 or Atom feed: fetch every day of the series it lists that is not in the corpus.
    #[arg(long, value_name = "URL")]
    feed: Option<String>,
    /// The day (`686` or `day-686`); default: the day number in the page's title.
    #[arg(long, value_name = "N")]
    day: Option<String>,
    /// The page's language; default: from the title's wording (Day, Ден, День, Tag), else `<html lang>`.
    #[arg(long)]
    lang: Option<String>,
    /// Time allowed for one whole attempt.
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_duration)]
    timeout: Duration,
    /// Time allowed to connect.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    connect_timeout: Duration,
    /// Time allowed between two reads.
    #[arg(long, value_name = "DURATION", default_value = "20s", value_parser = parse_duration)]
    read_timeout: Duration,
    /// Retries after a connection error, timeout, 429 or 5xx.
    #[arg(long, default_value_t = 3)]
    retries: usize,
    /// The first wait between retries (it doubles, with jitter).
    #[arg(long, value_name = "DURATION", default_value = "500ms", value_parser = parse_duration)]
    backoff: Duration,
    /// The longest `Retry-After` honoured.
    #[arg(long, value_name = "DURATION", default_value = "2m", value_parser = parse_duration)]
    max_retry_after: Duration,
    /// The largest body accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 5 * 1024 * 1024)]
    max_body: u64,
    /// Pages fetched at once from a feed.
    #[arg(long, default_value_t = 4)]
    concurrency: usize,
    /// Time between two requests to the same host.
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = parse_duration)]
    delay: Duration,
}

/// `500ms`, `2s`, `1m`, or a number of seconds.
fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = text
        .find(|c: char| !c.is_ascii_digit())
        .map_or((text, ""), |i| text.split_at(i));
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration; write e.g. 500ms, 2s or 1m"))?;
    match unit {
        "ms" => Ok(Duration::from_millis(n)),
        "" | "s" => Ok(Duration::from_secs(n)),
        "m" => Ok(Duration::from_secs(n * 60)),
        _ => Err(format!("`{text}`: unknown unit `{unit}`; use ms, s or m")),
    }
}

/// `rev-K.toml`: what was received with `rev-K.html` (the file format; every field documented).
#[derive(Debug, Serialize, Deserialize)]
struct RevisionFile {
    /// The URL asked for.
    url: String,
    /// The URL after redirects.
    final_url: String,
    /// The HTTP status.
    status: u16,
    /// The `Content-Type` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    content_type: Option<String>,
    /// The charset the body was decoded with.
    charset: String,
    /// Where the charset came from: `bom`, `header`, `meta` or `detected`.
    charset_source: String,
    /// What was wrong with the page's charset declaration, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    charset_problem: Option<String>,
    /// The `ETag` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    etag: Option<String>,
    /// The `Last-Modified` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_modified: Option<String>,
    /// When it was fetched (RFC 3339, UTC).
    fetched_at: String,
}

/// The newest stored revision of a day.
struct Revision {
    number: u32,
    meta: RevisionFile,
    body: Vec<u8>,
}

/// Files to write for one day, computed before anything is written.
struct Plan {
    day: DayId,
    writes: Vec<(PathBuf, Vec<u8>)>,
    messages: Vec<String>,
}

/// Runs `dayglot fetch`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let project = super::project(ctx)?;
    let day = args.day.as_deref().map(parse_day).transpose()?;
    let lang = args.lang.as_deref().map(Lang::parse).transpose()?;
    // Say who is asking, with the site's address when the project has one.
    let user_agent = match project.config.base_url.as_str() {
        "" => FetchConfig::default().user_agent,
        site => format!(
            "dayglot/{} (daily news summary fetcher; +{site})",
            env!("CARGO_PKG_VERSION")
        ),
    };
    let config = FetchConfig {
        user_agent,
        connect_timeout: args.connect_timeout,
        read_timeout: args.read_timeout,
        total_timeout: args.timeout,
        retries: args.retries,
        min_backoff: args.backoff,
        max_backoff: args.backoff.max(Duration::from_secs(30)),
        max_retry_after: args.max_retry_after,
        max_body_bytes: args.max_body,
        concurrency: args.concurrency.max(1),
        per_host_delay: args.delay,
        ..FetchConfig::default()
    };
    let fetcher = Fetcher::new(config)?;
    // The one clock read of the command: the fetch time recorded with every revision.
    let fetched_at = format_time(SystemTime::now());
    let ok = match (&args.url, &args.feed) {
        (Some(url), _) => fetch_page(&project, &fetcher, url, day, lang.as_ref(), &fetched_at)?,
        (None, Some(feed)) => {
            if day.is_some() {
                bail!("--day applies to one page; a feed's entries name their days");
            }
            fetch_feed(&project, &fetcher, feed, lang.as_ref(), &fetched_at)?
        }
        (None, None) => bail!("give a page URL or --feed URL"),
    };
    Ok(Outcome::problems_if(!ok))
}

/// `686` or `day-686`.
fn parse_day(text: &str) -> anyhow::Result<DayId> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let n: u32 = text
            .parse()
            .map_err(|_| anyhow!("--day {text}: the number is too large"))?;
        return DayId::from_number(n)
            .ok_or_else(|| anyhow!("--day {text}: days are numbered from 1 to {}", DayId::MAX));
    }
    Ok(DayId::parse(text)?)
}

/// Fetches one page. Returns false (after printing why) when it failed or has content errors.
fn fetch_page(
    project: &Project,
    fetcher: &Fetcher,
    url: &str,
    day: Option<DayId>,
    lang: Option<&Lang>,
    fetched_at: &str,
) -> anyhow::Result<bool> {
    let known = match day {
        Some(day) => Some(day),
        None => day_of_url(project, url)?,
    };
    let previous = known
        .map(|d| latest_revision(project, d))
        .transpose()?
        .flatten();
    // Validators only mean something for the URL they came with.
    let conditional = previous
        .as_ref()
        .filter(|r| r.meta.url == url || r.meta.final_url == url)
        .map(|r| Conditional {
            etag: r.meta.etag.clone(),
            last_modified: r.meta.last_modified.clone(),
        })
        .unwrap_or_default();
    let reporter = Reporter::new(1);
    let result = block_on(fetcher.fetch(url, &conditional, &reporter))?;
    reporter.finish();
    let response = match result {
        Ok(FetchOutcome::Fetched(response)) => response,
        Ok(FetchOutcome::NotModified { .. }) => {
            let (day, rev) = match (known, &previous) {
                (Some(day), Some(rev)) => (day.to_string(), format!("rev-{}", rev.number)),
                _ => ("the page".to_owned(), "the stored revision".to_owned()),
            };
            output::print(&format!(
                "{day}: not modified since {rev} (304 Not Modified); nothing changed\n"
            ));
            return Ok(true);
        }
        Err(err) => {
            output::eprint(&format!("error: {err}\nnothing was written to the corpus"));
            return Ok(false);
        }
    };
    match plan_day(project, &response, known, lang, fetched_at) {
        Ok(plan) => commit(project, plan),
        Err(err) => {
            output::eprint(&format!(
                "error: {err:#}\nnothing was written to the corpus"
            ));
            Ok(false)
        }
    }
}

/// Fetches a feed and every day it lists that the corpus does not have yet.
fn fetch_feed(
    project: &Project,
    fetcher: &Fetcher,
    feed_url: &str,
    lang: Option<&Lang>,
    fetched_at: &str,
) -> anyhow::Result<bool> {
    let reporter = Reporter::new(1);
    let result = block_on(fetcher.fetch(feed_url, &Conditional::default(), &reporter))?;
    reporter.finish();
    let response = match result {
        Ok(FetchOutcome::Fetched(response)) => response,
        Ok(FetchOutcome::NotModified { .. }) => {
            output::eprint(&format!(
                "error: {feed_url}: 304 Not Modified to an unconditional request"
            ));
            return Ok(false);
        }
        Err(err) => {
            output::eprint(&format!("error: {err}\nnothing was written to the corpus"));
            return Ok(false);
        }
    };
    let entries = decode_html(&response.body, response.content_type.as_deref())
        .map_err(|e| anyhow!("{feed_url}: {e}"))
        .and_then(|decoded| {
            parse_feed(&decoded.text, &response.final_url).map_err(|e| anyhow!("{feed_url}: {e}"))
        });
    let entries = match entries {
        Ok(entries) => entries,
        Err(err) => {
            output::eprint(&format!("error: {err}\nnothing was written to the corpus"));
            return Ok(false);
        }
    };
    // One entry per day: the one in the project's source language if there is one, else the first.
    let mut by_day: std::collections::BTreeMap<u32, &FeedEntry> = std::collections::BTreeMap::new();
    for entry in entries.iter().filter(|e| e.link.is_some()) {
        let Some(day) = entry.day else { continue };
        let preferred = day.lang == project.config.source_lang.primary();
        let slot = by_day.entry(day.number).or_insert(entry);
        if preferred
            && slot
                .day
                .is_some_and(|d| d.lang != project.config.source_lang.primary())
        {
            *slot = entry;
        }
    }
    let ignored = entries.len() - entries.iter().filter(|e| e.day.is_some()).count();
    output::print(&format!(
        "{feed_url}: {} entries, {} days of the series ({ignored} other entries ignored)\n",
        entries.len(),
        by_day.len()
    ));
    let mut todo = Vec::new();
    for (number, entry) in &by_day {
        let Some(day) = DayId::from_number(*number) else {
            output::eprint(&format!(
                "warning: {feed_url}: `{}` names day {number}, which is not a valid day",
                entry.title
            ));
            continue;
        };
        if project.day_dir(day).exists() {
            output::print(&format!("{day}: already in the corpus, skipped\n"));
            continue;
        }
        if let Some(link) = &entry.link {
            todo.push((day, link.clone()));
        }
    }
    if todo.is_empty() {
        output::print("no new days\n");
        return Ok(true);
    }
    let requests: Vec<(String, Conditional)> = todo
        .iter()
        .map(|(_, url)| (url.clone(), Conditional::default()))
        .collect();
    let reporter = Reporter::new(requests.len() as u64);
    let results = block_on(fetcher.fetch_all(&requests, &reporter))?;
    reporter.finish();
    let (mut fetched, mut failed) = (0, 0);
    for ((day, _), result) in todo.iter().zip(results) {
        let outcome = match result {
            Ok(FetchOutcome::Fetched(response)) => {
                plan_day(project, &response, Some(*day), lang, fetched_at)
                    .and_then(|plan| commit(project, plan))
            }
            Ok(FetchOutcome::NotModified { final_url }) => Err(anyhow!(
                "{final_url}: 304 Not Modified to an unconditional request"
            )),
            Err(err) => Err(err.into()),
        };
        match outcome {
            Ok(true) => fetched += 1,
            Ok(false) => {
                fetched += 1;
                failed += 1;
            }
            Err(err) => {
                failed += 1;
                output::eprint(&format!(
                    "error: {day}: {err:#}\nnothing was written for {day}"
                ));
            }
        }
    }
    output::print(&format!(
        "{fetched} new days fetched, {failed} with problems\n"
    ));
    Ok(failed == 0)
}

/// Everything to write for a fetched page, or why nothing may be written.
fn plan_day(
    project: &Project,
    response: &Response,
    day: Option<DayId>,
    lang: Option<&Lang>,
    fetched_at: &str,
) -> anyhow::Result<Plan> {
    let url = &response.url;
    let decoded = decode_html(&response.body, response.content_type.as_deref())
        .map_err(|e| anyhow!("{url}: {e}"))?;
    let mut messages = Vec::new();
    if let Some(problem) = &decoded.problem {
        messages.push(format!("warning: {url}: {problem}"));
    }
    let extracted = extract(&decoded.text, &response.final_url);
    if extracted.headlines.is_empty() && extracted.paragraphs().next().is_none() {
        bail!("{url}: no day summary found in the page (no headline list and no paragraphs)");
    }
    let text = to_plain_text(&extracted);
    let title = extracted.title.clone().unwrap_or_default();
    let title_day = series_day(&title);
    let number = match (day, title_day) {
        (Some(day), Some(t)) if t.number != day.number() => {
            bail!("{url}: the page is day {} (`{title}`), not {day}", t.number)
        }
        (Some(day), _) => day.number(),
        (None, Some(t)) => t.number,
        (None, None) => bail!("{url}: the page's title (`{title}`) names no day; pass --day N"),
    };
    let day = DayId::from_number(number)
        .ok_or_else(|| anyhow!("{url}: the title names day {number}, which is not a valid day"))?;
    let lang = match lang {
        Some(lang) => lang.clone(),
        None => title_day
            .map(|t| t.lang.to_owned())
            .or_else(|| extracted.lang.clone())
            .and_then(|l| Lang::parse(&l).ok())
            .unwrap_or_else(|| project.config.source_lang.clone()),
    };
    let dir = project.day_dir(day);
    let rel = |name: &str| format!("corpus/{day}/{name}");
    let day_toml = dir.join("day.toml");
    if day_toml.is_file() {
        let existing = std::fs::read_to_string(&day_toml)
            .with_context(|| format!("cannot read {}", rel("day.toml")))?;
        let table: toml::Table = toml::from_str(&existing)
            .with_context(|| format!("{} is not valid TOML", rel("day.toml")))?;
        if let Some(existing_lang) = table.get("source_lang").and_then(|v| v.as_str())
            && existing_lang != lang.as_str()
        {
            bail!(
                "{url}: the page is in {lang} but {day} is a day in {existing_lang}; pass --lang {existing_lang} if the page is really in {existing_lang}"
            );
        }
    }
    let previous = latest_revision(project, day)?;
    if let Some(prev) = &previous
        && prev.body == response.body
    {
        messages.push(format!(
            "{day}: the page has not changed since rev-{} (same bytes); nothing written",
            prev.number
        ));
        return Ok(Plan {
            day,
            writes: Vec::new(),
            messages,
        });
    }
    let number = previous.as_ref().map_or(1, |r| r.number + 1);
    let revision = RevisionFile {
        url: response.url.clone(),
        final_url: response.final_url.clone(),
        status: response.status,
        content_type: response.content_type.clone(),
        charset: decoded.charset.to_owned(),
        charset_source: decoded.source.as_str().to_owned(),
        charset_problem: decoded.problem.as_ref().map(ToString::to_string),
        etag: response.etag.clone(),
        last_modified: response.last_modified.clone(),
        fetched_at: fetched_at.to_owned(),
    };
    let meta = format!(
        "# Revision {number} of {day}, fetched by `dayglot fetch`; the body as received is rev-{number}.html.\n{}",
        toml::to_string(&revision)?
    );
    let mut writes = vec![
        (
            dir.join("fetch").join(format!("rev-{number}.html")),
            response.body.clone(),
        ),
        (
            dir.join("fetch").join(format!("rev-{number}.toml")),
            meta.into_bytes(),
        ),
    ];
    messages.push(format!(
        "{day}: stored {} and {}",
        rel(&format!("fetch/rev-{number}.html")),
        rel(&format!("fetch/rev-{number}.toml"))
    ));

    let source_name = format!("source.{lang}.txt");
    let source_path = dir.join(&source_name);
    let current = match std::fs::read(&source_path) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", rel(&source_name))),
    };
    let previous_text = previous.as_ref().map(re_extract);
    match current {
        None => {
            writes.push((source_path, text.clone().into_bytes()));
            messages.push(format!("{day}: wrote {}", rel(&source_name)));
        }
        Some(current) if current.trim_end() == text.trim_end() => {
            messages.push(format!(
                "{day}: {} already has this text; left as is",
                rel(&source_name)
            ));
        }
        Some(current)
            if previous_text
                .as_deref()
                .is_some_and(|p| p.trim_end() == current.trim_end()) =>
        {
            let diff = render_diff(&current, &text);
            writes.push((source_path, text.clone().into_bytes()));
            messages.push(format!(
                "{day}: the page changed since rev-{}; updated {}:\n{diff}",
                number - 1,
                rel(&source_name)
            ));
        }
        Some(current) => {
            let fetched_name = format!("{source_name}.fetched");
            let diff = render_diff(&current, &text);
            writes.push((dir.join(&fetched_name), text.clone().into_bytes()));
            let why = match previous {
                Some(p) => format!("it was edited after rev-{} was fetched", p.number),
                None => "it was not written by dayglot fetch".to_owned(),
            };
            messages.push(format!(
                "{day}: {} differs from the fetched page and {why}, so it was kept; the fetched text is in {} — merge by hand:\n{diff}",
                rel(&source_name),
                rel(&fetched_name)
            ));
        }
    }
    if !day_toml.is_file() {
        let host = host_of(&response.final_url);
        let mut toml_text = format!(
            "# Metadata of {day}, written by `dayglot fetch`.\nday = {}\nsource_lang = \"{}\"\nsource_url = {}\n",
            day.number(),
            lang,
            toml::Value::String(response.final_url.clone())
        );
        if let Some(host) = host {
            toml_text.push_str(&format!("outlet = {}\n", toml::Value::String(host)));
        }
        writes.push((day_toml, toml_text.into_bytes()));
        messages.push(format!("{day}: wrote {}", rel("day.toml")));
    }
    Ok(Plan {
        day,
        writes,
        messages,
    })
}

/// Writes a plan, then ingests the day and prints its diagnostics. False on content errors.
fn commit(project: &Project, plan: Plan) -> anyhow::Result<bool> {
    for (path, bytes) in &plan.writes {
        output::write_atomic(path, bytes)?;
    }
    for message in &plan.messages {
        if message.starts_with("warning:") {
            output::eprint(message);
        } else {
            output::print(&format!("{message}\n"));
        }
    }
    if plan.writes.is_empty() {
        return Ok(true);
    }
    let loaded = project.load_day(plan.day)?;
    let file = SourceFile::new(&loaded.source_path, &loaded.source_text);
    let diagnostics = &loaded.ingested.diagnostics;
    if !diagnostics.is_empty() {
        output::eprint(&render_diagnostics(&file, diagnostics));
    }
    let doc = &loaded.ingested.document;
    output::print(&format!(
        "{}: ingested {}: {} headlines, {} sections, {} segments, {} diagnostics\n",
        plan.day,
        loaded.source_path,
        doc.headlines.len(),
        doc.sections.len(),
        doc.segments().len(),
        diagnostics.len()
    ));
    Ok(!diagnostics.iter().any(|d| d.severity == Severity::Error))
}

/// The day whose newest stored revision was fetched from `url`.
fn day_of_url(project: &Project, url: &str) -> anyhow::Result<Option<DayId>> {
    for day in project.days()? {
        if let Some(rev) = latest_revision(project, day)?
            && (rev.meta.url == url || rev.meta.final_url == url)
        {
            return Ok(Some(day));
        }
    }
    Ok(None)
}

/// The newest `fetch/rev-K.toml` of a day with its body.
fn latest_revision(project: &Project, day: DayId) -> anyhow::Result<Option<Revision>> {
    let dir = project.day_dir(day).join("fetch");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(None);
    };
    let number = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_prefix("rev-")?
                .strip_suffix(".toml")?
                .parse::<u32>()
                .ok()
        })
        .max();
    let Some(number) = number else {
        return Ok(None);
    };
    let meta_path = dir.join(format!("rev-{number}.toml"));
    let body_path = dir.join(format!("rev-{number}.html"));
    let text = std::fs::read_to_string(&meta_path)
        .with_context(|| format!("cannot read {}", display(project, &meta_path)))?;
    let meta: RevisionFile = toml::from_str(&text)
        .with_context(|| format!("{} is not a revision file", display(project, &meta_path)))?;
    let body = std::fs::read(&body_path)
        .with_context(|| format!("cannot read {}", display(project, &body_path)))?;
    Ok(Some(Revision { number, meta, body }))
}

/// What a stored revision extracts to (offline: from the body and metadata kept on disk).
fn re_extract(revision: &Revision) -> String {
    match decode_html(&revision.body, revision.meta.content_type.as_deref()) {
        Ok(decoded) => to_plain_text(&extract(&decoded.text, &revision.meta.final_url)),
        Err(_) => String::new(),
    }
}

fn display(project: &Project, path: &Path) -> String {
    path.strip_prefix(&project.root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Shows progress: a bar on a terminal, plain log lines otherwise (stderr).
struct Reporter {
    bar: Option<indicatif::ProgressBar>,
}

impl Reporter {
    fn new(total: u64) -> Self {
        use std::io::IsTerminal as _;
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(total);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{spinner} [{bar:30}] {pos}/{len} {wide_msg}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Self { bar }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Reporter {
    fn event(&self, event: &ProgressEvent) {
        let line = match event {
            ProgressEvent::Started { url } => {
                if let Some(bar) = &self.bar {
                    bar.set_message(url.clone());
                    return;
                }
                format!("fetching {url}")
            }
            ProgressEvent::Retrying { url, error, wait } => {
                format!("retrying {url} in {wait:?}: {error}")
            }
            ProgressEvent::Finished { url, result } => {
                if let Some(bar) = &self.bar {
                    bar.inc(1);
                }
                format!("{url}: {result}")
            }
        };
        match &self.bar {
            Some(bar) => bar.println(line),
            None => output::eprint(&line),
        }
    }
}
