//! Integration tests of dayglot-fetch: extraction and charsets on fixture pages, feeds, and the
//! HTTP client against a server on 127.0.0.1 started inside the test.

mod charset;
mod client;
mod extract;
mod feed;
mod model;
mod server;

use std::path::{Path, PathBuf};

/// `crates/dayglot-fetch/fixtures/<feature>/<case>/<file>`.
fn fixture(feature: &str, case: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(feature)
        .join(case)
        .join(file)
}

/// The bytes of a fixture.
fn fixture_bytes(feature: &str, case: &str, file: &str) -> Vec<u8> {
    let path = fixture(feature, case, file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The root of the checkout.
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
