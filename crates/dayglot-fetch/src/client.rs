//! The HTTP client: timeouts, retries with backoff and jitter honouring `Retry-After`, bounded
//! redirects, a streamed body-size limit, conditional requests, bounded concurrency and a
//! per-host delay.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use reqwest::header::{self, HeaderMap};
use reqwest::{StatusCode, Url};
use tokio::sync::{Mutex, Semaphore};
use tokio::time::Instant;

/// The client's limits and manners.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// Sent as `User-Agent`.
    pub user_agent: String,
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
    /// Time allowed between two reads of the response.
    pub read_timeout: Duration,
    /// Time allowed for one whole attempt (connect, headers, body).
    pub total_timeout: Duration,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
    /// Largest body accepted, in bytes.
    pub max_body_bytes: u64,
    /// Retries after the first attempt (on connection errors, timeouts, 429 and 5xx).
    pub retries: usize,
    /// The first backoff delay; it doubles with each retry, with jitter.
    pub min_backoff: Duration,
    /// The longest backoff delay.
    pub max_backoff: Duration,
    /// The longest `Retry-After` honoured; a server asking for more fails the fetch.
    pub max_retry_after: Duration,
    /// Requests in flight at once (feeds).
    pub concurrency: usize,
    /// Time between the starts of two requests to the same host (feeds).
    pub per_host_delay: Duration,
}

impl Default for FetchConfig {
    fn default() -> Self {
        Self {
            user_agent: format!(
                "dayglot/{} (daily news summary fetcher)",
                env!("CARGO_PKG_VERSION")
            ),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(60),
            max_redirects: 5,
            max_body_bytes: 5 * 1024 * 1024,
            retries: 3,
            min_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
            concurrency: 4,
            per_host_delay: Duration::from_secs(1),
        }
    }
}

/// Validators of a stored revision, sent back as `If-None-Match` / `If-Modified-Since`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditional {
    /// The `ETag` last received.
    pub etag: Option<String>,
    /// The `Last-Modified` last received.
    pub last_modified: Option<String>,
}

/// A response received in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The URL asked for.
    pub url: String,
    /// The URL after redirects.
    pub final_url: String,
    /// The HTTP status (2xx).
    pub status: u16,
    /// `Content-Type`, if sent.
    pub content_type: Option<String>,
    /// `ETag`, if sent.
    pub etag: Option<String>,
    /// `Last-Modified`, if sent.
    pub last_modified: Option<String>,
    /// The body, byte for byte as received.
    pub body: Vec<u8>,
}

/// What a fetch gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// A new body.
    Fetched(Response),
    /// `304 Not Modified`: the stored revision is current.
    NotModified {
        /// The URL after redirects.
        final_url: String,
    },
}

/// Why a fetch failed. Every variant names the URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// Not an absolute http(s) URL.
    #[error("{url}: not an http:// or https:// URL ({reason})")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// Why.
        reason: String,
    },
    /// The connection could not be made or broke.
    #[error("{url}: connection failed: {reason}")]
    Connect {
        /// The URL.
        url: String,
        /// The cause.
        reason: String,
    },
    /// A timeout expired.
    #[error("{url}: timed out ({what})")]
    Timeout {
        /// The URL.
        url: String,
        /// Which limit (`no response within 500ms`, ...).
        what: String,
    },
    /// An HTTP error status.
    #[error("{url}: the server answered {status}")]
    Status {
        /// The URL (after redirects).
        url: String,
        /// Status code and reason (`404 Not Found`).
        status: String,
        /// `Retry-After`, if the server sent one (for 429 and 503).
        #[source]
        retry_after: Option<RetryAfterHint>,
    },
    /// More redirects than allowed (or a loop).
    #[error("{url}: too many redirects (more than {max}; a redirect loop?)")]
    TooManyRedirects {
        /// The URL.
        url: String,
        /// The limit.
        max: usize,
    },
    /// The body is larger than allowed.
    #[error("{url}: the body is larger than the limit of {limit} bytes; the download was stopped")]
    TooLarge {
        /// The URL.
        url: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// The body ended early or could not be read.
    #[error("{url}: the body is incomplete after {received} bytes: {reason}")]
    Truncated {
        /// The URL.
        url: String,
        /// Bytes received before the failure.
        received: usize,
        /// The cause.
        reason: String,
    },
    /// The server asked to wait longer than allowed.
    #[error("{url}: the server asked to retry after {wait:?}, more than the {max:?} allowed")]
    RetryAfterTooLong {
        /// The URL.
        url: String,
        /// The wait asked for.
        wait: Duration,
        /// The limit.
        max: Duration,
    },
    /// The HTTP client could not be built.
    #[error("cannot set up the HTTP client: {reason}")]
    Client {
        /// The cause.
        reason: String,
    },
}

/// A server's `Retry-After`, carried by [`FetchError::Status`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the server asked to retry after {0:?}")]
pub struct RetryAfterHint(pub Duration);

impl FetchError {
    /// Worth another attempt: connection errors, timeouts, truncated bodies, 429 and 5xx.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Connect { .. } | Self::Timeout { .. } | Self::Truncated { .. } => true,
            Self::Status { status, .. } => status.starts_with("429") || status.starts_with('5'),
            _ => false,
        }
    }

    /// The wait the server asked for, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Status {
                retry_after: Some(RetryAfterHint(d)),
                ..
            } => Some(*d),
            _ => None,
        }
    }

    /// The URL the error is about.
    pub fn url(&self) -> &str {
        match self {
            Self::InvalidUrl { url, .. }
            | Self::Connect { url, .. }
            | Self::Timeout { url, .. }
            | Self::Status { url, .. }
            | Self::TooManyRedirects { url, .. }
            | Self::TooLarge { url, .. }
            | Self::Truncated { url, .. }
            | Self::RetryAfterTooLong { url, .. } => url,
            Self::Client { .. } => "",
        }
    }
}

/// What the client reports while it works; the caller decides how to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgressEvent {
    /// A request is about to be sent.
    Started {
        /// The URL.
        url: String,
    },
    /// An attempt failed and will be retried after `wait`.
    Retrying {
        /// The URL.
        url: String,
        /// The failure.
        error: String,
        /// The wait before the next attempt.
        wait: Duration,
    },
    /// A request finished (successfully or not).
    Finished {
        /// The URL.
        url: String,
        /// `200 OK`, `304 Not Modified`, or the error.
        result: String,
    },
}

/// Receives progress events. Implemented for any `Fn(&ProgressEvent) + Send + Sync`.
pub trait Progress: Send + Sync {
    /// Called for every event.
    fn event(&self, event: &ProgressEvent);
}

impl<F: Fn(&ProgressEvent) + Send + Sync> Progress for F {
    fn event(&self, event: &ProgressEvent) {
        self(event);
    }
}

/// A reqwest builder with the TLS provider in place: reqwest's `rustls-no-provider` leaves the
/// choice to us (ring, which builds in seconds, where aws-lc-rs compiles C for minutes) and
/// panics if none is installed.
pub(crate) fn client_builder() -> reqwest::ClientBuilder {
    // The provider is process-wide; a second install fails harmlessly.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
}

/// The HTTP client.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    config: FetchConfig,
    next_start: Arc<Mutex<BTreeMap<String, Instant>>>,
}

impl Fetcher {
    /// A client with `config`.
    pub fn new(config: FetchConfig) -> Result<Self, FetchError> {
        let client = client_builder()
            .user_agent(config.user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .timeout(config.total_timeout)
            .redirect(reqwest::redirect::Policy::limited(config.max_redirects))
            .build()
            .map_err(|e| FetchError::Client { reason: chain(&e) })?;
        Ok(Self {
            client,
            config,
            next_start: Arc::default(),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// Fetches `url`, retrying as configured. With validators in `conditional`, a `304` gives
    /// [`FetchOutcome::NotModified`].
    pub async fn fetch(
        &self,
        url: &str,
        conditional: &Conditional,
        progress: &dyn Progress,
    ) -> Result<FetchOutcome, FetchError> {
        let parsed = parse_url(url)?;
        let result = with_retries(&self.config, url, progress, || {
            self.attempt(&parsed, url, conditional)
        })
        .await;
        let summary = match &result {
            Ok(FetchOutcome::Fetched(r)) => format!("{} ({} bytes)", r.status, r.body.len()),
            Ok(FetchOutcome::NotModified { .. }) => "304 Not Modified".into(),
            Err(e) => e.to_string(),
        };
        progress.event(&ProgressEvent::Finished {
            url: url.to_owned(),
            result: summary,
        });
        result
    }

    /// Fetches several URLs, at most `concurrency` at once and with `per_host_delay` between
    /// the starts of two requests to the same host. Results come back in the input order.
    pub async fn fetch_all(
        &self,
        requests: &[(String, Conditional)],
        progress: &dyn Progress,
    ) -> Vec<Result<FetchOutcome, FetchError>> {
        let semaphore = Semaphore::new(self.config.concurrency.max(1));
        let tasks = requests.iter().map(|(url, conditional)| {
            let semaphore = &semaphore;
            async move {
                let _permit = semaphore.acquire().await;
                self.wait_for_host(url).await;
                self.fetch(url, conditional, progress).await
            }
        });
        join_all(tasks).await
    }

    /// Sleeps until the host of `url` may be asked again.
    async fn wait_for_host(&self, url: &str) {
        let Some(host) = Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
        else {
            return;
        };
        let start = {
            let mut next = self.next_start.lock().await;
            let now = Instant::now();
            let start = next.get(&host).copied().filter(|t| *t > now).unwrap_or(now);
            next.insert(host, start + self.config.per_host_delay);
            start
        };
        tokio::time::sleep_until(start).await;
    }

    async fn attempt(
        &self,
        parsed: &Url,
        url: &str,
        conditional: &Conditional,
    ) -> Result<FetchOutcome, FetchError> {
        let mut request = self.client.get(parsed.clone());
        if let Some(etag) = &conditional.etag {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(since) = &conditional.last_modified {
            request = request.header(header::IF_MODIFIED_SINCE, since);
        }
        let mut response = request
            .send()
            .await
            .map_err(|e| self.classify(url, &e, 0))?;
        let final_url = response.url().to_string();
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(FetchOutcome::NotModified { final_url });
        }
        if !status.is_success() {
            let retry_after = retry_after(response.headers()).map(RetryAfterHint);
            return Err(FetchError::Status {
                url: final_url,
                status: status_text(status),
                retry_after,
            });
        }
        let limit = self.config.max_body_bytes;
        if response.content_length().is_some_and(|n| n > limit) {
            return Err(FetchError::TooLarge {
                url: final_url,
                limit,
            });
        }
        let header = |name: header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header(header::CONTENT_TYPE);
        let etag = header(header::ETAG);
        let last_modified = header(header::LAST_MODIFIED);
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    body.extend_from_slice(&chunk);
                    if body.len() as u64 > limit {
                        return Err(FetchError::TooLarge {
                            url: final_url,
                            limit,
                        });
                    }
                }
                Ok(None) => break,
                Err(e) => return Err(self.classify(&final_url, &e, body.len())),
            }
        }
        Ok(FetchOutcome::Fetched(Response {
            url: url.to_owned(),
            final_url,
            status: status.as_u16(),
            content_type,
            etag,
            last_modified,
            body,
        }))
    }

    fn classify(&self, url: &str, err: &reqwest::Error, received: usize) -> FetchError {
        let url = url.to_owned();
        if err.is_redirect() {
            return FetchError::TooManyRedirects {
                url,
                max: self.config.max_redirects,
            };
        }
        if err.is_timeout() {
            let what = if err.is_connect() {
                format!("no connection within {:?}", self.config.connect_timeout)
            } else if err.is_body() || received > 0 {
                format!(
                    "the body stalled for {:?} or took longer than {:?}",
                    self.config.read_timeout, self.config.total_timeout
                )
            } else {
                format!(
                    "no response within {:?}",
                    self.config.read_timeout.min(self.config.total_timeout)
                )
            };
            return FetchError::Timeout { url, what };
        }
        if err.is_body() || err.is_decode() {
            return FetchError::Truncated {
                url,
                received,
                reason: chain(err),
            };
        }
        FetchError::Connect {
            url,
            reason: chain(err),
        }
    }
}

/// Runs futures concurrently and returns their results in order (a small `join_all`).
/// Runs `attempt` with the configured retries: exponential backoff with jitter after a
/// retryable error (connection, timeout, 429, 5xx), the server's `Retry-After` honoured up to
/// `max_retry_after` (a longer one fails at once with [`FetchError::RetryAfterTooLong`]), a
/// progress event when each attempt starts and when one is retried. The one retry policy of
/// the page fetcher and the JSON API client.
pub(crate) async fn with_retries<T, Fut>(
    config: &FetchConfig,
    url: &str,
    progress: &dyn Progress,
    mut attempt: impl FnMut() -> Fut,
) -> Result<T, FetchError>
where
    Fut: std::future::Future<Output = Result<T, FetchError>>,
{
    let backoff = ExponentialBuilder::default()
        .with_min_delay(config.min_backoff)
        .with_max_delay(config.max_backoff)
        .with_max_times(config.retries)
        .with_jitter();
    let max_retry_after = config.max_retry_after;
    let too_long = std::sync::Mutex::new(None);
    let result = (|| {
        progress.event(&ProgressEvent::Started {
            url: url.to_owned(),
        });
        attempt()
    })
    .retry(backoff)
    .when(FetchError::is_retryable)
    .adjust(|err, next| {
        // `next` is None when the retries are used up: stop then, whatever the server says.
        let next = next?;
        match err.retry_after() {
            Some(wait) if wait > max_retry_after => {
                if let Ok(mut slot) = too_long.lock() {
                    *slot = Some(wait);
                }
                None
            }
            Some(wait) => Some(wait),
            None => Some(next),
        }
    })
    .notify(|err, wait| {
        progress.event(&ProgressEvent::Retrying {
            url: url.to_owned(),
            error: err.to_string(),
            wait,
        });
    })
    .await;
    match (result, too_long.lock().ok().and_then(|s| *s)) {
        (Err(_), Some(wait)) => Err(FetchError::RetryAfterTooLong {
            url: url.to_owned(),
            wait,
            max: max_retry_after,
        }),
        (result, _) => result,
    }
}

/// Runs futures concurrently on the current task and returns their outputs in order (the
/// fetcher and the draft engines bound their concurrency before calling it).
pub async fn join_all<F: std::future::Future>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output> {
    let mut set = Vec::new();
    for f in futures {
        set.push(Box::pin(f));
    }
    let mut results: Vec<Option<F::Output>> = (0..set.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in set.iter_mut().enumerate() {
            if results[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(out) => results[i] = Some(out),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    results.into_iter().flatten().collect()
}

/// The host of a URL (`news.example`), e.g. for a day's `outlet`.
pub fn host_of(url: &str) -> Option<String> {
    Url::parse(url).ok()?.host_str().map(str::to_owned)
}

fn parse_url(url: &str) -> Result<Url, FetchError> {
    let parsed = Url::parse(url).map_err(|e| FetchError::InvalidUrl {
        url: url.to_owned(),
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError::InvalidUrl {
            url: url.to_owned(),
            reason: format!("the scheme is {}", parsed.scheme()),
        });
    }
    Ok(parsed)
}

pub(crate) fn status_text(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

/// `Retry-After` as seconds, or as an HTTP date measured against the response's own `Date`
/// header (the library never reads the clock).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = parse_http_date(value)?;
    let now = parse_http_date(headers.get(header::DATE)?.to_str().ok()?)?;
    let secs = now.until(when).ok()?.get_seconds();
    Some(Duration::from_secs(u64::try_from(secs).unwrap_or(0)))
}

fn parse_http_date(value: &str) -> Option<jiff::Timestamp> {
    jiff::fmt::rfc2822::parse(value.trim())
        .ok()
        .map(|z| z.timestamp())
}

/// An error and its causes on one line.
fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// Runs `future` on a new single-threaded runtime, for callers without one (the CLI).
pub fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, FetchError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| FetchError::Client {
            reason: e.to_string(),
        })?;
    Ok(runtime.block_on(future))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_or_as_a_date_against_the_response_date() {
        let mut headers = HeaderMap::new();
        headers.insert(header::RETRY_AFTER, header::HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(
            header::RETRY_AFTER,
            header::HeaderValue::from_static("Wed, 10 Jan 2024 06:31:30 GMT"),
        );
        assert_eq!(
            retry_after(&headers),
            None,
            "a date without the response's Date cannot be measured"
        );
        headers.insert(
            header::DATE,
            header::HeaderValue::from_static("Wed, 10 Jan 2024 06:30:00 GMT"),
        );
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(90)));
    }
}
