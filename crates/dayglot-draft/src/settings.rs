//! The `[draft]` section of `dayglot.toml`, as plain data: `dayglot-project` parses the file and
//! can embed [`DraftSettings`] in its configuration as it is (it implements `Deserialize`).
//!
//! ```toml
//! [draft]
//! min_score = 0.75                         # lowest memory match offered (0–1)
//!
//! [draft.libretranslate]
//! endpoint = "http://127.0.0.1:5000"
//! api_key_env = "LIBRETRANSLATE_API_KEY"    # only if the server wants a key
//!
//! [draft.deepl]
//! endpoint = "https://api-free.deepl.com"
//! api_key_env = "DEEPL_AUTH_KEY"
//! cost_per_million_chars = 20.0
//! currency = "EUR"
//! languages = { "sr-Cyrl" = "SR", "pt-BR" = "PT-BR" }
//!
//! [draft.openai]
//! endpoint = "http://127.0.0.1:11434/v1"  # Ollama; vLLM and llama.cpp serve /v1 too
//! model = "qwen2.5:7b-instruct"
//! api_key_env = "OPENAI_API_KEY"
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::engine::{EngineConfig, EngineKind};

/// `[draft]` of `dayglot.toml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftSettings {
    /// The lowest memory match offered, 0–1 (0.75 when not set).
    #[serde(default)]
    pub min_score: Option<f64>,
    /// `[draft.libretranslate]`.
    #[serde(default)]
    pub libretranslate: Option<EngineSettings>,
    /// `[draft.deepl]`.
    #[serde(default)]
    pub deepl: Option<EngineSettings>,
    /// `[draft.openai]`.
    #[serde(default)]
    pub openai: Option<EngineSettings>,
}

/// `[draft.<engine>]` of `dayglot.toml`. Keys are never written here: `api_key_env` names the
/// environment variable that holds one.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineSettings {
    /// The base URL.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// The model (OpenAI-compatible servers).
    #[serde(default)]
    pub model: Option<String>,
    /// The environment variable holding the key (`DEEPL_AUTH_KEY`, ...).
    #[serde(default)]
    pub api_key_env: Option<String>,
    /// Price per million characters sent, for the estimate.
    #[serde(default)]
    pub cost_per_million_chars: Option<f64>,
    /// The price's currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// Language tag → the engine's code, where the default (the primary subtag) is wrong.
    #[serde(default)]
    pub languages: BTreeMap<String, String>,
    /// Segments per request (LibreTranslate, DeepL).
    #[serde(default)]
    pub batch: Option<usize>,
    /// Use a DeepL glossary of the names (default true).
    #[serde(default)]
    pub glossary: Option<bool>,
}

impl DraftSettings {
    /// The settings of one engine, if configured.
    pub fn engine(&self, kind: EngineKind) -> Option<&EngineSettings> {
        match kind {
            EngineKind::LibreTranslate => self.libretranslate.as_ref(),
            EngineKind::DeepL => self.deepl.as_ref(),
            EngineKind::OpenAi => self.openai.as_ref(),
        }
    }
}

impl EngineSettings {
    /// The environment variable of the key: `api_key_env`, else the engine's usual one
    /// (`LIBRETRANSLATE_API_KEY`, `DEEPL_AUTH_KEY`, `OPENAI_API_KEY`).
    pub fn key_variable(&self, kind: EngineKind) -> String {
        self.api_key_env.clone().unwrap_or_else(|| {
            match kind {
                EngineKind::LibreTranslate => "LIBRETRANSLATE_API_KEY",
                EngineKind::DeepL => "DEEPL_AUTH_KEY",
                EngineKind::OpenAi => "OPENAI_API_KEY",
            }
            .to_owned()
        })
    }

    /// The engine's configuration: `endpoint` (or the override) and the key the caller read
    /// from the environment. `None` when there is no endpoint at all.
    pub fn to_config(
        &self,
        kind: EngineKind,
        endpoint_override: Option<&str>,
        api_key: Option<String>,
    ) -> Option<EngineConfig> {
        let endpoint = endpoint_override.or(self.endpoint.as_deref())?;
        let mut config = EngineConfig::new(kind, endpoint);
        config.model = self.model.clone();
        config.api_key = api_key.filter(|k| !k.is_empty());
        config.cost_per_million_chars = self.cost_per_million_chars;
        config.currency = self.currency.clone().unwrap_or_default();
        config.languages = self.languages.clone();
        if let Some(b) = self.batch {
            config.batch = b.max(1);
        }
        if let Some(g) = self.glossary {
            config.glossary = g;
        }
        Some(config)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_example_parses() {
        #[derive(Deserialize)]
        struct File {
            draft: DraftSettings,
        }
        let doc = include_str!("settings.rs");
        let toml: String = doc
            .lines()
            .skip_while(|l| !l.starts_with("//! ```toml"))
            .skip(1)
            .take_while(|l| !l.starts_with("//! ```"))
            .map(|l| l.trim_start_matches("//!").trim_start_matches(' '))
            .collect::<Vec<_>>()
            .join("\n");
        let file: File = toml::from_str(&toml).unwrap();
        let deepl = file.draft.engine(EngineKind::DeepL).unwrap();
        assert_eq!(deepl.key_variable(EngineKind::DeepL), "DEEPL_AUTH_KEY");
        let config = deepl
            .to_config(EngineKind::DeepL, None, Some("k".into()))
            .unwrap();
        assert_eq!(
            config.lang_code(&dayglot_core::Lang::parse("sr-Cyrl").unwrap()),
            "SR"
        );
        let openai = file.draft.openai.unwrap();
        let config = openai
            .to_config(EngineKind::OpenAi, Some("http://127.0.0.1:8080/v1"), None)
            .unwrap();
        assert_eq!(config.endpoint, "http://127.0.0.1:8080/v1");
        assert_eq!(config.label(), "openai qwen2.5:7b-instruct");
        assert_eq!(file.draft.min_score, Some(0.75));
    }
}
