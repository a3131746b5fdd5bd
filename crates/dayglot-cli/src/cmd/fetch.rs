//! `dayglot fetch URL [--day N]` and `dayglot fetch --feed URL`: bring a day's page into the corpus.
//!
//! For each day: the page is fetched (conditionally when a revision is stored), decoded,
//! the summary extracted, and everything is computed in memory first. Only then are the files
//! written, each atomically: `corpus/day-N/fetch/rev-K.html` (the body as received),
//! `rev-K.toml` (its metadata), `source.<lang>.txt` (or `source.<lang>.txt.fetched` when the
//! editor changed the text locally) and `day.toml` for a new day. The day is then ingested and
//! its diagnostics shown. A failure writes nothing and exits with code 1.

use std::time::{Duration, SystemTime};

use anyhow::{anyhow, bail};
use dayglot_core::{DayId, Lang, Severity, SourceFile, render_diagnostics};
use dayglot_fetch::{
    Conditional, FeedEntry, FetchConfig, FetchOutcome, Fetcher, Progress, ProgressEvent, block_on,
    decode_html, format_time, parse_feed,
};
use dayglot_pipeline::fetch::{FetchPlan, plan_day, series_words, write_plan};
use dayglot_project::Project;

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
    let words = series_words(project)?;
    let known = match day {
        Some(day) => Some(day),
        None => project.day_of_url(url)?,
    };
    let previous = known
        .map(|d| project.latest_revision(d))
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
    match plan_day(project, &words, &response, known, lang, fetched_at) {
        Ok(plan) => commit(project, &plan),
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
    let words = series_words(project)?;
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
            parse_feed(&decoded.text, &response.final_url, &words).map_err(|e| anyhow!("{feed_url}: {e}"))
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
        if project.has_day(day) {
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
                plan_day(project, &words, &response, Some(*day), lang, fetched_at)
                    .map_err(anyhow::Error::from)
                    .and_then(|plan| commit(project, &plan))
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

/// Writes a plan, then ingests the day and prints its diagnostics. False on content errors.
fn commit(project: &Project, plan: &FetchPlan) -> anyhow::Result<bool> {
    for message in write_plan(project, plan)? {
        if message.starts_with("warning:") || message.starts_with("note:") {
            output::eprint(&message);
        } else {
            output::print(&format!("{message}\n"));
        }
    }
    if plan.revision.is_none() {
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
