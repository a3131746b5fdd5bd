//! `dayglot fetch URL [--day N]` and `dayglot fetch --feed URL`: bring a day's page into the corpus.
//!
//! For each day: the page is fetched (conditionally when a revision is stored), decoded,
//! the summary extracted, and everything is computed in memory first. Only then are the files
//! written, each atomically: `corpus/day-N/fetch/rev-K.html` (the body as received),
//! `rev-K.toml` (its metadata), `source.<lang>.txt` (or `source.<lang>.txt.fetched` when the
//! editor changed the text locally) and `day.toml` for a new day. The day is then ingested and
//! its diagnostics shown. A failure writes nothing and exits with code 1.

use std::time::{Duration, SystemTime};

use anyhow::bail;
use dayglot_core::{DayId, Lang};
use dayglot_fetch::{FetchConfig, Fetcher, Progress, ProgressEvent, format_time};
use dayglot_pipeline::fetch::{Line, fetch_feed, fetch_page};

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
    let day = args.day.as_deref().map(DayId::parse_arg).transpose()?;
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
    let reporter = Reporter::new(0);
    let mut say = |line: Line| match line {
        Line::Out(text) => output::print(&text),
        Line::Err(text) => output::eprint(&text),
    };
    let (lang, at) = (lang.as_ref(), fetched_at.as_str());
    let ok = match (&args.url, &args.feed) {
        (Some(url), _) => fetch_page(&project, &fetcher, &reporter, &mut say, url, day, lang, at),
        (None, Some(feed)) => {
            if day.is_some() {
                bail!("--day applies to one page; a feed's entries name their days");
            }
            fetch_feed(&project, &fetcher, &reporter, &mut say, feed, lang, at)
        }
        (None, None) => bail!("give a page URL or --feed URL"),
    };
    reporter.finish();
    let ok = ok?;
    Ok(Outcome::problems_if(!ok))
}

/// Shows progress: a bar on a terminal, plain log lines otherwise (stderr).
pub(crate) struct Reporter {
    bar: Option<indicatif::ProgressBar>,
}

impl Reporter {
    pub(crate) fn new(total: u64) -> Self {
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

    pub(crate) fn finish(&self) {
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
