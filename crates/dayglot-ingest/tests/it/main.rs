//! Integration tests of dayglot-ingest: fixtures, round trips and properties.

#![allow(clippy::disallowed_methods)] // Tests read their fixtures and the project's rules.

mod fixtures;
mod properties;
mod real;

use std::path::{Path, PathBuf};

use dayglot_core::{Lang, Series};
use dayglot_ingest::{Format, Ingested, LanguageRules, Options, ingest};

/// The repository root.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The project's rules for `lang` (`locales/<lang>/ingest.toml`).
fn rules(lang: &Lang) -> LanguageRules {
    let path = repo()
        .join("locales")
        .join(lang.as_str())
        .join("ingest.toml");
    std::fs::read_to_string(path)
        .map(|t| LanguageRules::from_toml(&t).expect("valid ingest.toml"))
        .unwrap_or_default()
}

/// The series of this project.
fn series() -> Series {
    Series::new(
        "Invasion of Ukraine",
        "2022-02-24".parse().expect("valid date"),
    )
}

/// Parses `text` as the project would.
fn parse(text: &str, lang: &Lang, format: Format, expected_day: Option<u32>) -> Ingested {
    let rules = rules(lang);
    let series = series();
    let mut options = Options::new(lang.clone(), &rules);
    options.format = Some(format);
    options.series = Some(&series);
    options.expected_day = expected_day;
    ingest(text, &options)
}
