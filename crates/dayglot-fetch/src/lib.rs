//! Fetches day summaries over HTTP, from a newsroom's article page or its feed.
//!
//! The crate is split along what needs the network and what does not:
//! - [`Fetcher`] is the async HTTP client (reqwest on tokio) with the manners of a careful
//!   crawler: connect, per-read and total timeouts, retries with exponential backoff and jitter on
//!   connection errors, `429` and `5xx` (honouring `Retry-After`), a bounded number of redirects,
//!   a streamed body-size limit, a clear `User-Agent`, conditional requests ([`Conditional`]),
//!   bounded concurrency and a per-host delay ([`Fetcher::fetch_all`]). It reports through a
//!   [`Progress`] callback and never prints.
//! - [`decode_html`] turns the body into text, with the charset from the BOM, the HTTP header or
//!   the page's `<meta>`, checked against the bytes ([`CharsetProblem`]).
//! - [`extract`] finds the summary in the page ([`Extracted`]: title, lead, headlines, section
//!   headings, paragraphs, embedded posts) and drops the page chrome; [`to_plain_text`] writes
//!   it in the corpus's plain-text layout.
//! - [`render_diff`] reports what changed between two extractions of a page.
//! - [`parse_feed`] reads RSS 2.0 and Atom; [`series_day`] finds the day in a title with the
//!   series words the caller gives ([`SeriesWords`], from every language's `ingest.toml`).
//!   [`Extracted::furniture`] keeps what was left out as page furniture, for the editor to see.
//!
//! Everything but [`Fetcher`] is pure. The crate never reads the wall clock: the fetch time
//! is the caller's (the `Retry-After` date form is measured against the response's `Date`).
//!
//! ```
//! use dayglot_fetch::{extract, to_plain_text};
//!
//! let page = r#"<html><body><nav>Home | World</nav><article>
//!   <h1>Day 686 of the invasion of Ukraine.</h1>
//!   <p class="lead">Summary of key events in the last 24 hours:</p>
//!   <ul><li>Zelensky visits Lithuania</li></ul>
//!   <div class="share-buttons">Share on X</div>
//!   <p>Zelensky arrived in Vilnius.</p>
//! </article></body></html>"#;
//! let summary = extract(page, "https://news.example/day-686");
//! assert_eq!(
//!     to_plain_text(&summary),
//!     "Day 686 of the invasion of Ukraine. Summary of key events in the last 24 hours:\n\n\
//!      Zelensky visits Lithuania\n\n\n\nZelensky arrived in Vilnius.\n"
//! );
//! ```

mod api;
mod charset;
mod client;
mod diff;
mod extract;
mod feed;
mod time;

pub use api::{ApiClient, ApiRequest, ApiResponse};
pub use charset::{CharsetError, CharsetProblem, CharsetSource, Decoded, decode_html, detect};
pub use client::{
    Conditional, FetchConfig, FetchError, FetchOutcome, Fetcher, Progress, ProgressEvent, Response,
    RetryAfterHint, block_on, host_of, join_all,
};
pub use diff::{DiffLine, diff_lines, render_diff};
pub use extract::{Block, Extracted, Post, extract, to_plain_text};
pub use feed::{
    FeedEntry, FeedError, SeriesDay, SeriesWords, SeriesWordsError, parse_feed, series_day,
};
pub use time::format_time;
