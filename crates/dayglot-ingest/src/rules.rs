//! Language-specific rules for parsing, read from `locales/<lang>/ingest.toml`.

use serde::Deserialize;

/// What the parser needs to know about a language: abbreviations that do not end a sentence and
/// the phrases that introduce an attribution. Languages are data: these come from
/// `locales/<lang>/ingest.toml`, never from code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageRules {
    /// Abbreviations, with their dots, that never end a sentence (`Dr.`, `a.m.`, `No.`).
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Verbs of reporting that follow a source (`reported`, `said`), for attributions.
    #[serde(default)]
    pub attribution_verbs: Vec<String>,
    /// Phrases that introduce an intermediary source (`quoted by`, `citing`).
    #[serde(default)]
    pub attribution_via: Vec<String>,
    /// Whether the verb may also come first (`, съобщи Ройтерс`, `, berichtete Reuters`).
    #[serde(default)]
    pub attribution_inverted: bool,
}

impl LanguageRules {
    /// Parses an `ingest.toml` file.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }
}
