//! Fuzzes the article extractor: any bytes, decoded lossily as a page, must extract and render
//! as plain text without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let extracted = dayglot_fetch::extract(&html, "https://example.org/news/day-686");
    let _ = dayglot_fetch::to_plain_text(&extracted);
});
