//! JSON APIs (machine translation engines): a request with a body, sent with the same retry,
//! backoff, `Retry-After`, timeout and body-size rules as [`Fetcher`](crate::Fetcher).

use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Url};

use crate::{FetchConfig, FetchError, Progress, ProgressEvent, RetryAfterHint};

/// One request to a JSON API.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiRequest {
    /// `GET` or `POST` (any other method is sent as `POST`).
    pub method: String,
    /// The absolute http(s) URL.
    pub url: String,
    /// Extra headers (an `Authorization` key, ...). Their values are never shown in errors,
    /// progress events or `Debug` output.
    pub headers: Vec<(String, String)>,
    /// The body, sent with `Content-Type: application/json` (none for an empty body).
    pub body: Vec<u8>,
}

impl std::fmt::Debug for ApiRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field(
                "headers",
                &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

/// A response of a JSON API: the status and the body (any status: callers read error bodies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body, byte for byte.
    pub body: Vec<u8>,
}

/// An HTTP client for JSON APIs with the manners of [`Fetcher`](crate::Fetcher): connect, read
/// and total timeouts, retries with exponential backoff and jitter on connection errors,
/// timeouts, `429` and `5xx` (honouring `Retry-After` up to `max_retry_after`), a body-size
/// limit. Other error statuses (`400`, `403`, DeepL's `456` quota) are not retried: they come
/// back as [`FetchError::Status`].
#[derive(Debug, Clone)]
pub struct ApiClient {
    client: reqwest::Client,
    config: FetchConfig,
}

impl ApiClient {
    /// A client with `config` (`concurrency` is the caller's to honour).
    pub fn new(config: FetchConfig) -> Result<Self, FetchError> {
        let client = crate::client::client_builder()
            .user_agent(config.user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .timeout(config.total_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| FetchError::Client {
                reason: e.to_string(),
            })?;
        Ok(Self { client, config })
    }

    /// The configuration.
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// Sends `request`, retrying as configured; a 2xx response comes back, anything else as an
    /// error.
    pub async fn send(
        &self,
        request: &ApiRequest,
        progress: &dyn Progress,
    ) -> Result<ApiResponse, FetchError> {
        let url = request.url.as_str();
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
        let headers = header_map(&request.headers, url)?;
        let result = crate::client::with_retries(&self.config, url, progress, || {
            self.attempt(&parsed, url, request, &headers)
        })
        .await;
        progress.event(&ProgressEvent::Finished {
            url: url.to_owned(),
            result: match &result {
                Ok(r) => format!("{} ({} bytes)", r.status, r.body.len()),
                Err(e) => e.to_string(),
            },
        });
        result
    }

    async fn attempt(
        &self,
        parsed: &Url,
        url: &str,
        request: &ApiRequest,
        headers: &HeaderMap,
    ) -> Result<ApiResponse, FetchError> {
        let method = if request.method.eq_ignore_ascii_case("GET") {
            Method::GET
        } else {
            Method::POST
        };
        let mut builder = self
            .client
            .request(method, parsed.clone())
            .headers(headers.clone())
            .header(header::ACCEPT, "application/json");
        if !request.body.is_empty() {
            builder = builder
                .header(header::CONTENT_TYPE, "application/json")
                .body(request.body.clone());
        }
        let mut response = builder
            .send()
            .await
            .map_err(|e| self.classify(url, &e, 0))?;
        let status = response.status();
        if !status.is_success() {
            let retry_after = crate::client::retry_after(response.headers()).map(RetryAfterHint);
            return Err(FetchError::Status {
                url: url.to_owned(),
                status: crate::client::status_text(status),
                retry_after,
            });
        }
        let limit = self.config.max_body_bytes;
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    body.extend_from_slice(&chunk);
                    if body.len() as u64 > limit {
                        return Err(FetchError::TooLarge {
                            url: url.to_owned(),
                            limit,
                        });
                    }
                }
                Ok(None) => break,
                Err(e) => return Err(self.classify(url, &e, body.len())),
            }
        }
        Ok(ApiResponse {
            status: status.as_u16(),
            body,
        })
    }

    fn classify(&self, url: &str, err: &reqwest::Error, received: usize) -> FetchError {
        let url = url.to_owned();
        if err.is_timeout() {
            let what = if err.is_connect() {
                format!("no connection within {:?}", self.config.connect_timeout)
            } else {
                format!(
                    "no complete response within {:?}",
                    self.config.read_timeout.min(self.config.total_timeout)
                )
            };
            return FetchError::Timeout { url, what };
        }
        if err.is_body() || err.is_decode() {
            return FetchError::Truncated {
                url,
                received,
                reason: err.to_string(),
            };
        }
        FetchError::Connect {
            url,
            reason: err.to_string(),
        }
    }
}

fn header_map(headers: &[(String, String)], url: &str) -> Result<HeaderMap, FetchError> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        // The value may be a key: never put it in the error.
        let bad = || FetchError::InvalidUrl {
            url: url.to_owned(),
            reason: format!("header {name} cannot be sent"),
        };
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad())?;
        let mut value = HeaderValue::from_str(value).map_err(|_| bad())?;
        value.set_sensitive(true);
        map.insert(name, value);
    }
    Ok(map)
}
