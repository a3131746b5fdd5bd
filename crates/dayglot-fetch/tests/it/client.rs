//! The HTTP client against a misbehaving server on 127.0.0.1.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use dayglot_fetch::{
    Conditional, FetchConfig, FetchError, FetchOutcome, Fetcher, ProgressEvent, block_on,
};

use crate::server::{Reply, Server};

/// Small limits so that the suite stays fast.
fn config() -> FetchConfig {
    FetchConfig {
        connect_timeout: Duration::from_millis(500),
        read_timeout: Duration::from_millis(300),
        total_timeout: Duration::from_secs(2),
        retries: 2,
        min_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(2),
        max_body_bytes: 64 * 1024,
        per_host_delay: Duration::from_millis(100),
        ..FetchConfig::default()
    }
}

/// Fetches `path` from `server` and returns the outcome and the progress events.
fn check(
    server: &Server,
    path: &str,
    conditional: &Conditional,
) -> (Result<FetchOutcome, FetchError>, Vec<ProgressEvent>) {
    let fetcher = Fetcher::new(config()).expect("client");
    let events = std::sync::Mutex::new(Vec::new());
    let record = |e: &ProgressEvent| events.lock().expect("lock").push(e.clone());
    let result = block_on(fetcher.fetch(&server.url(path), conditional, &record)).expect("runtime");
    (result, events.into_inner().expect("lock"))
}

fn page(body: &str) -> Reply {
    Reply::ok("text/html; charset=utf-8", body.as_bytes().to_vec())
}

fn retries(events: &[ProgressEvent]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, ProgressEvent::Retrying { .. }))
        .count()
}

#[test]
fn a_page_is_fetched_with_its_metadata_and_user_agent() {
    let server = Server::start(|_| {
        page("<p>hi</p>")
            .header("ETag", "\"v1\"")
            .header("Last-Modified", "Wed, 10 Jan 2024 06:30:00 GMT")
    });
    let (result, _) = check(&server, "/day-686", &Conditional::default());
    let Ok(FetchOutcome::Fetched(response)) = result else {
        panic!("{result:?}")
    };
    assert_eq!(response.status, 200);
    assert_eq!(response.body, b"<p>hi</p>");
    assert_eq!(response.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        response.last_modified.as_deref(),
        Some("Wed, 10 Jan 2024 06:30:00 GMT")
    );
    assert_eq!(
        response.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    let ua = server.requests()[0]
        .header("user-agent")
        .unwrap_or_default()
        .to_owned();
    assert!(ua.starts_with("dayglot/"), "{ua}");
}

#[test]
fn a_500_then_200_is_retried() {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    let server = Server::start(move |_| {
        if seen.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::status(500)
        } else {
            page("ok")
        }
    });
    let (result, events) = check(&server, "/flaky", &Conditional::default());
    assert!(
        matches!(result, Ok(FetchOutcome::Fetched(ref r)) if r.body == b"ok"),
        "{result:?}"
    );
    assert_eq!(server.hits("/flaky"), 2);
    assert_eq!(retries(&events), 1);
}

#[test]
fn a_429_waits_as_long_as_retry_after_says() {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    let server = Server::start(move |_| {
        if seen.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::status(429).header("Retry-After", "1")
        } else {
            page("ok")
        }
    });
    let start = Instant::now();
    let (result, events) = check(&server, "/busy", &Conditional::default());
    assert!(matches!(result, Ok(FetchOutcome::Fetched(_))), "{result:?}");
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "the backoff (10 ms) was used instead of Retry-After"
    );
    assert!(
        matches!(&events[1], ProgressEvent::Retrying { wait, .. } if *wait == Duration::from_secs(1)),
        "{events:?}"
    );
}

#[test]
fn a_retry_after_beyond_the_limit_fails_at_once() {
    let server = Server::start(|_| Reply::status(503).header("Retry-After", "3600"));
    let (result, _) = check(&server, "/down", &Conditional::default());
    let Err(FetchError::RetryAfterTooLong { url, wait, .. }) = result else {
        panic!("{result:?}")
    };
    assert_eq!(
        (url, wait),
        (server.url("/down"), Duration::from_secs(3600))
    );
    assert_eq!(server.hits("/down"), 1);
}

#[test]
fn persistent_5xx_fails_after_the_retries() {
    let server = Server::start(|_| Reply::status(502));
    let (result, _) = check(&server, "/bad-gateway", &Conditional::default());
    let Err(err) = result else {
        panic!("{result:?}")
    };
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the server answered 502 Bad Gateway",
            server.url("/bad-gateway")
        )
    );
    assert_eq!(
        server.hits("/bad-gateway"),
        3,
        "one attempt and two retries"
    );
}

#[test]
fn a_response_slower_than_the_timeout_fails() {
    let server = Server::start(|_| page("late").delayed(Duration::from_secs(3)));
    let start = Instant::now();
    let (result, _) = check(&server, "/slow", &Conditional::default());
    assert!(
        matches!(result, Err(FetchError::Timeout { ref url, .. }) if *url == server.url("/slow")),
        "{result:?}"
    );
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "the timeout did not fire"
    );
}

#[test]
fn a_truncated_body_fails() {
    let server = Server::start(|_| {
        let mut reply = page(&"x".repeat(1000));
        reply.truncate_to = Some(100);
        reply
    });
    let (result, _) = check(&server, "/cut", &Conditional::default());
    assert!(
        matches!(result, Err(FetchError::Truncated { ref url, .. }) if *url == server.url("/cut")),
        "{result:?}"
    );
}

#[test]
fn a_body_over_the_limit_fails_announced_or_streamed() {
    let big = "x".repeat(100 * 1024);
    let body = big.clone();
    let server = Server::start(move |r| {
        let mut reply = page(&body);
        reply.chunked = r.path == "/big-chunked";
        reply
    });
    for path in ["/big", "/big-chunked"] {
        let (result, _) = check(&server, path, &Conditional::default());
        assert!(
            matches!(result, Err(FetchError::TooLarge { limit: 65536, .. })),
            "{path}: {result:?}"
        );
    }
}

#[test]
fn a_redirect_loop_fails() {
    let server = Server::start(|r| {
        let next = if r.path == "/a" { "/b" } else { "/a" };
        Reply::status(302).header("Location", next)
    });
    let (result, _) = check(&server, "/a", &Conditional::default());
    assert!(
        matches!(result, Err(FetchError::TooManyRedirects { max: 5, .. })),
        "{result:?}"
    );
}

#[test]
fn a_redirect_is_followed_and_reported() {
    let server = Server::start(|r| {
        if r.path == "/old" {
            Reply::status(301).header("Location", "/new")
        } else {
            page("moved")
        }
    });
    let (result, _) = check(&server, "/old", &Conditional::default());
    let Ok(FetchOutcome::Fetched(response)) = result else {
        panic!("{result:?}")
    };
    assert_eq!(
        (response.url, response.final_url),
        (server.url("/old"), server.url("/new"))
    );
}

#[test]
fn a_404_fails_without_retrying() {
    let server = Server::start(|_| Reply::status(404));
    let (result, events) = check(&server, "/missing", &Conditional::default());
    let Err(err) = result else {
        panic!("{result:?}")
    };
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the server answered 404 Not Found",
            server.url("/missing")
        )
    );
    assert_eq!(retries(&events), 0);
}

#[test]
fn a_conditional_request_gets_304() {
    let server = Server::start(|r| {
        if r.header("if-none-match") == Some("\"v1\"") {
            Reply::status(304)
        } else {
            page("new").header("ETag", "\"v2\"")
        }
    });
    let conditional = Conditional {
        etag: Some("\"v1\"".into()),
        last_modified: Some("Wed, 10 Jan 2024 06:30:00 GMT".into()),
    };
    let (result, _) = check(&server, "/day", &conditional);
    assert!(
        matches!(result, Ok(FetchOutcome::NotModified { .. })),
        "{result:?}"
    );
    let request = &server.requests()[0];
    assert_eq!(
        request.header("if-modified-since"),
        Some("Wed, 10 Jan 2024 06:30:00 GMT")
    );
}

#[test]
fn a_refused_connection_names_the_url() {
    // Bind and drop a listener to get a port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let url = format!("http://127.0.0.1:{port}/day");
    let fetcher = Fetcher::new(config()).expect("client");
    let result = block_on(fetcher.fetch(&url, &Conditional::default(), &|_: &ProgressEvent| {}))
        .expect("runtime");
    assert!(
        matches!(result, Err(FetchError::Connect { url: ref u, .. }) if *u == url),
        "{result:?}"
    );
    let result = block_on(fetcher.fetch(
        "file:///etc/passwd",
        &Conditional::default(),
        &|_: &ProgressEvent| {},
    ))
    .expect("runtime");
    assert!(
        matches!(result, Err(FetchError::InvalidUrl { .. })),
        "{result:?}"
    );
}

#[test]
fn fetch_all_keeps_order_and_spaces_requests_to_one_host() {
    let server = Server::start(|r| page(&r.path));
    let fetcher = Fetcher::new(config()).expect("client");
    let requests: Vec<_> = ["/1", "/2", "/3"]
        .iter()
        .map(|p| (server.url(p), Conditional::default()))
        .collect();
    let start = Instant::now();
    let results = block_on(fetcher.fetch_all(&requests, &|_: &ProgressEvent| {})).expect("runtime");
    assert!(
        start.elapsed() >= Duration::from_millis(200),
        "three requests to one host 100 ms apart"
    );
    let bodies: Vec<_> = results
        .into_iter()
        .map(|r| match r {
            Ok(FetchOutcome::Fetched(r)) => String::from_utf8(r.body).unwrap_or_default(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(bodies, ["/1", "/2", "/3"]);
}
