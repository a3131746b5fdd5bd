//! Typed accessors for every file of the project: the only place a project path is spelled.
//!
//! ```text
//! dayglot.toml
//! corpus/day-N/day.toml  source.<lang>.txt|md  <lang>.po  fetch/rev-K.{html,toml}
//! locales/<lang>/chrome.ftl (*.ftl)  glossary.toml  check.toml  ingest.toml
//! locales/glossary/entities.toml   locales/translit/*.toml
//! ```

use dayglot_core::{DayId, Lang};

use crate::ProjectError;
use crate::files::{TextFile, read_dir_names, write_atomic};
use crate::project::{DayFile, Project};

/// The entity registry's path.
const REGISTRY: [&str; 3] = ["locales", "glossary", "entities.toml"];

impl Project {
    /// The translation catalog (`corpus/<day>/<lang>.po`) of a day, or `None` when the language
    /// has no file for that day: the one meaning of a missing translation file.
    pub fn catalog(&self, day: DayId, lang: &Lang) -> Result<Option<TextFile>, ProjectError> {
        self.read_optional(&["corpus", &day.to_string(), &format!("{lang}.po")])
    }

    /// The path a day's catalog has (whether or not it exists), for messages.
    pub fn catalog_path(&self, day: DayId, lang: &Lang) -> String {
        format!("corpus/{day}/{lang}.po")
    }

    /// Writes a day's catalog atomically.
    pub fn write_catalog(&self, day: DayId, lang: &Lang, text: &str) -> Result<(), ProjectError> {
        write_atomic(
            &self.day_dir(day).join(format!("{lang}.po")),
            text.as_bytes(),
        )
    }

    /// The languages that have a catalog (`<lang>.po`) in a day's folder.
    pub fn catalog_langs(&self, day: DayId) -> Result<Vec<Lang>, ProjectError> {
        Ok(read_dir_names(&self.day_dir(day))?
            .iter()
            .filter_map(|n| n.strip_suffix(".po"))
            .filter_map(|stem| Lang::parse(stem).ok())
            .collect())
    }

    /// The Fluent files of a language (`locales/<lang>/*.ftl`), in name order.
    pub fn chrome_files(&self, lang: &Lang) -> Result<Vec<TextFile>, ProjectError> {
        let dir = self.locales_dir().join(lang.as_str());
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        let mut files = Vec::new();
        for name in read_dir_names(&dir)?.iter().filter(|n| n.ends_with(".ftl")) {
            if let Some(file) = self.read_optional(&["locales", lang.as_str(), name])? {
                files.push(file);
            }
        }
        Ok(files)
    }

    /// The path of a language's main Fluent file, for messages and scaffolding.
    pub fn chrome_path(&self, lang: &Lang) -> String {
        format!("locales/{lang}/chrome.ftl")
    }

    /// Where review pages go: `target/dayglot-review/` under the root, outside the published
    /// folder (they hold translators' notes and must not be deployed).
    pub fn review_dir(&self) -> std::path::PathBuf {
        self.root.join("target").join("dayglot-review")
    }

    /// The entity registry (`locales/glossary/entities.toml`), if the project has one.
    pub fn registry(&self) -> Result<Option<TextFile>, ProjectError> {
        self.read_optional(&REGISTRY)
    }

    /// The registry's path, for messages.
    pub fn registry_path(&self) -> String {
        REGISTRY.join("/")
    }

    /// A language's glossary (`locales/<lang>/glossary.toml`), if it has one.
    pub fn glossary_file(&self, lang: &Lang) -> Result<Option<TextFile>, ProjectError> {
        self.read_optional(&["locales", lang.as_str(), "glossary.toml"])
    }

    /// The path a language's glossary has, for messages.
    pub fn glossary_path(&self, lang: &Lang) -> String {
        format!("locales/{lang}/glossary.toml")
    }

    /// A language's check rules (`locales/<lang>/check.toml`), if it has them.
    pub fn check_rules(&self, lang: &Lang) -> Result<Option<TextFile>, ProjectError> {
        self.read_optional(&["locales", lang.as_str(), "check.toml"])
    }

    /// The path a language's check rules have, for messages.
    pub fn check_rules_path(&self, lang: &Lang) -> String {
        format!("locales/{lang}/check.toml")
    }

    /// Every transliteration rule file (`locales/translit/*.toml`), in name order.
    pub fn schemes(&self) -> Result<Vec<TextFile>, ProjectError> {
        let dir = self.locales_dir().join("translit");
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        let mut files = Vec::new();
        for name in read_dir_names(&dir)?
            .iter()
            .filter(|n| n.ends_with(".toml"))
        {
            if let Some(file) = self.read_optional(&["locales", "translit", name])? {
                files.push(file);
            }
        }
        Ok(files)
    }

    /// The source text file of a day in a language, if it exists (`source.<lang>.txt`).
    pub fn source_file(&self, day: DayId, lang: &Lang) -> Result<Option<TextFile>, ProjectError> {
        self.read_optional(&["corpus", &day.to_string(), &format!("source.{lang}.txt")])
    }

    /// The path of a day's plain-text source in a language, for messages.
    pub fn source_path(&self, day: DayId, lang: &Lang) -> String {
        format!("corpus/{day}/source.{lang}.txt")
    }

    /// Writes a day's source text (`source.<lang>.txt`), or beside it as `.fetched` when
    /// `beside` is set (an editor's version is never overwritten).
    pub fn write_source(
        &self,
        day: DayId,
        lang: &Lang,
        text: &str,
        beside: bool,
    ) -> Result<String, ProjectError> {
        let name = if beside {
            format!("source.{lang}.txt.fetched")
        } else {
            format!("source.{lang}.txt")
        };
        write_atomic(&self.day_dir(day).join(&name), text.as_bytes())?;
        Ok(format!("corpus/{day}/{name}"))
    }

    /// A day's `day.toml`, parsed, if the day has one.
    pub fn day_file(&self, day: DayId) -> Result<Option<DayFile>, ProjectError> {
        let path = self.day_dir(day).join("day.toml");
        match self.read_optional(&["corpus", &day.to_string(), "day.toml"])? {
            Some(file) => crate::project::parse_toml(&path, &file.text).map(Some),
            None => Ok(None),
        }
    }

    /// Writes a day's `day.toml` (the one serializer of the format), with a heading comment.
    pub fn write_day_file(
        &self,
        day: DayId,
        file: &DayFile,
        comment: &str,
    ) -> Result<String, ProjectError> {
        let path = self.day_dir(day).join("day.toml");
        let body = toml::to_string(file).map_err(|e| ProjectError::Serialize {
            path: path.clone(),
            message: e.to_string(),
        })?;
        write_atomic(&path, format!("# {comment}\n{body}").as_bytes())?;
        Ok(format!("corpus/{day}/day.toml"))
    }
}

impl dayglot_core::Paths for Project {
    fn check_rules(&self, lang: &Lang) -> String {
        self.check_rules_path(lang)
    }

    fn chrome(&self, lang: &Lang, name: &str) -> String {
        format!("locales/{lang}/{name}")
    }
}

impl Project {
    /// Creates `locales/<lang>/` with the given files (name, text). Refuses a language folder
    /// that exists already, so that nothing a translator wrote is overwritten.
    pub fn create_language(
        &self,
        lang: &Lang,
        files: &[(String, String)],
    ) -> Result<Vec<String>, ProjectError> {
        let dir = self.locales_dir().join(lang.as_str());
        if dir.exists() {
            return Err(ProjectError::Io {
                path: dir,
                source: std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "the language folder exists already",
                ),
            });
        }
        let mut written = Vec::new();
        for (name, text) in files {
            // File names come from dayglot itself, never from input; keep them plain all the same.
            if name.contains(['/', '\\']) || name.starts_with('.') {
                continue;
            }
            write_atomic(&dir.join(name), text.as_bytes())?;
            written.push(format!("locales/{lang}/{name}"));
        }
        Ok(written)
    }
}

/// `locales/<lang>/derived.toml`: the language's edition is generated from another language's
/// by a transliteration scheme (Serbian Latin from Serbian Cyrillic), never translated twice.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Derivation {
    /// The language it is made from (`sr-Cyrl`).
    pub from: Lang,
    /// The scheme of `locales/translit/` that makes it (`sr-cyrl-latn`).
    pub scheme: String,
}

impl Project {
    /// How a language is derived from another, if it is (`locales/<lang>/derived.toml`).
    pub fn derivation(&self, lang: &Lang) -> Result<Option<Derivation>, ProjectError> {
        let path = self.locales_dir().join(lang.as_str()).join("derived.toml");
        match self.read_optional(&["locales", lang.as_str(), "derived.toml"])? {
            Some(file) => crate::project::parse_toml(&path, &file.text).map(Some),
            None => Ok(None),
        }
    }
}
