//! Fuzzes the feed parser: any bytes, decoded lossily, must parse as a feed or be rejected with
//! an error, never panic. The series words are compiled once per process, as the caller does.
#![no_main]

use std::sync::LazyLock;

use dayglot_fetch::{SeriesWords, parse_feed};
use libfuzzer_sys::fuzz_target;

/// The words that name a day of the series.
static WORDS: LazyLock<SeriesWords> =
    LazyLock::new(|| SeriesWords::new([("en", "day")]).expect("valid series words"));

fuzz_target!(|data: &[u8]| {
    let xml = String::from_utf8_lossy(data);
    if let Ok(entries) = parse_feed(&xml, "https://example.org/feed.xml", &WORDS) {
        for entry in &entries {
            if let Some(day) = entry.day {
                assert_eq!(day.lang, "en", "the only word given is English");
            }
        }
    }
});
