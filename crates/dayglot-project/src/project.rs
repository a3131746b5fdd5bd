//! `Project`: `dayglot.toml`, the configuration, days and languages, and loading a day.

use std::path::{Path, PathBuf};

use dayglot_core::{Date, DayId, DecodeError, Lang, Series, decode};
use dayglot_ingest::{Format, Ingested, LanguageRules, Options, ingest};
use serde::{Deserialize, Serialize};

use crate::files::{TextFile, read_dir_names, read_to_string};

/// The project file's name.
pub const CONFIG_FILE: &str = "dayglot.toml";

/// A problem that stops work on a project or a day.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// No `dayglot.toml` in the folder or any parent.
    #[error(
        "no {CONFIG_FILE} found in {start} or any folder above it; run dayglot inside a project or pass --root DIR"
    )]
    NotFound {
        /// Where the search started.
        start: PathBuf,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A TOML file is malformed or has wrong values.
    #[error("{path}:{line}:{column}: {message}")]
    Toml {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, with the fix.
        message: String,
    },
    /// The corpus folder is missing.
    #[error(
        "the corpus folder {path} does not exist; create it, with one folder per day (corpus/day-686/)"
    )]
    NoCorpus {
        /// The expected folder.
        path: PathBuf,
    },
    /// A language argument names no language of the project.
    #[error(
        "`{lang}` is not a language of this project (languages: {known}){hint}; add it with `dayglot lang add {lang}`"
    )]
    UnknownLang {
        /// The language asked for.
        lang: String,
        /// The project's languages, comma-separated.
        known: String,
        /// `; did you mean `uk`?` or nothing.
        hint: String,
    },
    /// A TOML value could not be written.
    #[error("cannot write {path}: {message}")]
    Serialize {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The day is not in the corpus.
    #[error("{day} is not in the corpus: {path} does not exist (days in the corpus: {known})")]
    UnknownDay {
        /// The day.
        day: DayId,
        /// The expected folder.
        path: PathBuf,
        /// The days that do exist, comma-separated.
        known: String,
    },
    /// The day folder has no `day.toml`.
    #[error(
        "{path} is missing: every day folder needs its metadata, e.g. `day = 686` and `source_lang = \"en\"`"
    )]
    NoMeta {
        /// The expected file.
        path: PathBuf,
    },
    /// The day folder has no source text.
    #[error("{dir} has no source text: expected source.{lang}.txt or source.{lang}.md")]
    NoSource {
        /// The day folder.
        dir: PathBuf,
        /// The source language from `day.toml`.
        lang: Lang,
    },
    /// The output folder is not one dayglot may publish into.
    #[error("cannot publish into {path}: {message}")]
    Output {
        /// The output folder (or the path inside it).
        path: PathBuf,
        /// Why, with what to do.
        message: String,
    },
    /// The source text is not usable text.
    #[error("{path}: {source}")]
    Decode {
        /// The file.
        path: PathBuf,
        /// Why.
        source: DecodeError,
    },
}

/// `dayglot.toml` as written (the file format).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    series: SeriesFile,
    source: SourceFile,
    #[serde(default)]
    output: OutputFile,
    #[serde(default)]
    style: StyleFile,
    /// `[draft]`: engines for `dayglot draft`, read by dayglot-pipeline (dayglot-draft's
    /// `DraftSettings`), so that this crate need not know them.
    #[serde(default)]
    draft: Option<toml::Table>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesFile {
    name: String,
    epoch: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    lang: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutputFile {
    #[serde(default = "default_output")]
    dir: String,
    #[serde(default = "default_feed_entries")]
    feed_entries: usize,
}

impl Default for OutputFile {
    fn default() -> Self {
        Self {
            dir: default_output(),
            feed_entries: default_feed_entries(),
        }
    }
}

fn default_feed_entries() -> usize {
    50
}

fn default_output() -> String {
    "public".into()
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    #[serde(default)]
    site: Option<String>,
    #[serde(default)]
    base_url: Option<String>,
}

/// The validated project configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The series and its calendar.
    pub series: Series,
    /// The language days are received in.
    pub source_lang: Lang,
    /// Output folder, relative to the project root (validated: no `..`, not absolute).
    pub output_dir: PathBuf,
    /// How many entries (the newest days) each language's Atom feed carries
    /// (`[output] feed_entries`, 50 by default, at least 1).
    pub feed_entries: usize,
    /// Site name for page chrome and feeds.
    pub site: String,
    /// Base URL for feed ids and canonical links, without a trailing slash.
    pub base_url: String,
    /// The `[draft]` table as written (empty when absent), for `dayglot draft`.
    pub draft: toml::Table,
}

/// `corpus/day-N/day.toml` as written: the one reader and writer of the file format.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DayFile {
    /// The day number (must match the folder name).
    pub day: u32,
    /// The language of the source text.
    pub source_lang: String,
    /// The page the source was fetched from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// The original outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The date, checked against the series calendar when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// A day's metadata (`corpus/day-N/day.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayMeta {
    /// The day number.
    pub day: u32,
    /// The date, from the series calendar (checked against a `date` written in the file).
    pub date: Date,
    /// The language of the source text.
    pub source_lang: Lang,
    /// The original outlet, if known.
    pub outlet: Option<String>,
    /// The page the source was fetched from, if it was fetched.
    pub source_url: Option<String>,
}

/// A day loaded from the corpus and parsed.
#[derive(Debug, Clone)]
pub struct LoadedDay {
    /// The day.
    pub id: DayId,
    /// Its metadata.
    pub meta: DayMeta,
    /// Path of the source text relative to the project root, `/`-separated (for diagnostics).
    pub source_path: String,
    /// The source text as read (BOM removed).
    pub source_text: String,
    /// The parsed document and its diagnostics.
    pub ingested: Ingested,
}

/// A dayglot project: a folder with `dayglot.toml`.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder holding `dayglot.toml`.
    pub root: PathBuf,
    /// Its configuration.
    pub config: Config,
}

impl Project {
    /// Finds `dayglot.toml` in `start` or the nearest folder above it.
    pub fn discover(start: &Path) -> Result<Self, ProjectError> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            if d.join(CONFIG_FILE).is_file() {
                return Self::open(d);
            }
            dir = d.parent();
        }
        Err(ProjectError::NotFound {
            start: start.to_path_buf(),
        })
    }

    /// Opens the project whose root is `root`.
    pub fn open(root: &Path) -> Result<Self, ProjectError> {
        let path = root.join(CONFIG_FILE);
        let text = read_to_string(&path)?;
        let file: ConfigFile = parse_toml(&path, &text)?;
        let at = |needle: &str, message: String| toml_error_at(&path, &text, needle, message);
        let epoch: Date = file.series.epoch.parse().map_err(|_| {
            at(
                "epoch",
                format!(
                    "`{}` is not a date; write day 1 of the series as YYYY-MM-DD",
                    file.series.epoch
                ),
            )
        })?;
        let source_lang = Lang::parse(&file.source.lang).map_err(|e| at("lang", e.to_string()))?;
        let output_dir = PathBuf::from(&file.output.dir);
        if !is_plain_relative(&output_dir) {
            return Err(at(
                "dir",
                format!(
                    "output dir `{}` must be a relative path inside the project, without `..`",
                    file.output.dir
                ),
            ));
        }
        let config = Config {
            series: Series::new(file.series.name, epoch),
            source_lang,
            output_dir,
            feed_entries: file.output.feed_entries.max(1),
            site: file.style.site.unwrap_or_else(|| "dayglot".into()),
            base_url: file
                .style
                .base_url
                .unwrap_or_default()
                .trim_end_matches('/')
                .to_owned(),
            draft: file.draft.unwrap_or_default(),
        };
        Ok(Self {
            root: root.to_path_buf(),
            config,
        })
    }

    /// `corpus/`.
    pub(crate) fn corpus_dir(&self) -> PathBuf {
        self.root.join("corpus")
    }

    /// `locales/`.
    pub(crate) fn locales_dir(&self) -> PathBuf {
        self.root.join("locales")
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.root.join(&self.config.output_dir)
    }

    /// `corpus/<day>/`. Safe by construction: a [`DayId`] cannot hold a path.
    pub(crate) fn day_dir(&self, day: DayId) -> PathBuf {
        self.corpus_dir().join(day.to_string())
    }

    /// The days in the corpus, in order (folders named like a [`DayId`]; others are ignored).
    pub fn days(&self) -> Result<Vec<DayId>, ProjectError> {
        let corpus = self.corpus_dir();
        if !corpus.is_dir() {
            return Err(ProjectError::NoCorpus { path: corpus });
        }
        let mut days: Vec<DayId> = read_dir_names(&corpus)?
            .iter()
            .filter_map(|n| DayId::parse(n).ok())
            .collect();
        days.sort();
        Ok(days)
    }

    /// The languages of the project: the folders of `locales/` named like a language tag,
    /// with the source language first and the others in alphabetical order.
    pub fn languages(&self) -> Result<Vec<Lang>, ProjectError> {
        let src = &self.config.source_lang;
        let mut langs: Vec<Lang> = read_dir_names(&self.locales_dir())?
            .iter()
            .filter(|n| self.locales_dir().join(n).is_dir())
            .filter_map(|n| Lang::parse(n).ok())
            .filter(|l| l != src)
            .collect();
        langs.sort();
        langs.insert(0, src.clone());
        Ok(langs)
    }

    /// Validates a language argument (`--lang`) against the project's languages, with a
    /// "did you mean" hint for a near miss (`ua` → `uk`). Nothing is created for an unknown tag.
    pub fn lang_arg(&self, text: &str) -> Result<Lang, ProjectError> {
        let known = self.languages()?;
        if let Some(lang) = known.iter().find(|l| l.as_str() == text) {
            return Ok(lang.clone());
        }
        let best = known
            .iter()
            .map(|l| {
                (
                    strsim::damerau_levenshtein(&text.to_lowercase(), &l.as_str().to_lowercase()),
                    l,
                )
            })
            .filter(|(d, _)| *d <= 2)
            .min_by_key(|(d, _)| *d);
        Err(ProjectError::UnknownLang {
            lang: text.to_owned(),
            known: known
                .iter()
                .map(Lang::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            hint: best
                .map(|(_, l)| format!("; did you mean `{l}`?"))
                .unwrap_or_default(),
        })
    }

    /// The parsing rules of a language (`locales/<lang>/ingest.toml`; defaults when absent).
    pub fn language_rules(&self, lang: &Lang) -> Result<LanguageRules, ProjectError> {
        let path = self.locales_dir().join(lang.as_str()).join("ingest.toml");
        if !path.is_file() {
            return Ok(LanguageRules::default());
        }
        let text = read_to_string(&path)?;
        parse_toml(&path, &text)
    }

    /// Whether the corpus has a folder for `day`.
    pub fn has_day(&self, day: DayId) -> bool {
        self.day_dir(day).is_dir()
    }

    /// The project-relative, `/`-separated name of a path under the root (for messages).
    pub fn display(&self, path: &Path) -> String {
        relative(path, &self.root)
    }

    /// Reads a file given relative to the root, if it exists.
    pub(crate) fn read_optional(&self, rel: &[&str]) -> Result<Option<TextFile>, ProjectError> {
        let mut path = self.root.clone();
        path.extend(rel);
        if !path.is_file() {
            return Ok(None);
        }
        Ok(Some(TextFile {
            text: read_to_string(&path)?,
            path: rel.join("/"),
        }))
    }

    /// Loads and parses one day.
    pub fn load_day(&self, id: DayId) -> Result<LoadedDay, ProjectError> {
        let corpus = self.corpus_dir();
        if !corpus.is_dir() {
            return Err(ProjectError::NoCorpus { path: corpus });
        }
        let dir = self.day_dir(id);
        if !dir.is_dir() {
            let known = self
                .days()?
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            return Err(ProjectError::UnknownDay {
                day: id,
                path: dir,
                known,
            });
        }
        let meta_path = dir.join("day.toml");
        if !meta_path.is_file() {
            return Err(ProjectError::NoMeta { path: meta_path });
        }
        let meta_text = read_to_string(&meta_path)?;
        let file: DayFile = parse_toml(&meta_path, &meta_text)?;
        let at =
            |needle: &str, message: String| toml_error_at(&meta_path, &meta_text, needle, message);
        if file.day != id.number() {
            return Err(at(
                "day",
                format!(
                    "`day = {}` but the folder is {id}; make them agree",
                    file.day
                ),
            ));
        }
        let source_lang =
            Lang::parse(&file.source_lang).map_err(|e| at("source_lang", e.to_string()))?;
        let series = &self.config.series;
        let date = series.date_of(file.day).ok_or_else(|| {
            at(
                "day",
                format!("day {} is outside the series calendar", file.day),
            )
        })?;
        if let Some(written) = &file.date
            && written != &date.to_string()
        {
            return Err(at(
                "date",
                format!(
                    "`date = \"{written}\"` disagrees with the series calendar: day {} of a series whose day 1 is {} is {date}; fix or remove `date`",
                    file.day, series.epoch
                ),
            ));
        }
        let meta = DayMeta {
            day: file.day,
            date,
            source_lang: source_lang.clone(),
            outlet: file.outlet,
            source_url: file.source_url,
        };

        let (source_name, format) = ["txt", "md"]
            .iter()
            .map(|ext| format!("source.{source_lang}.{ext}"))
            .zip([Format::PlainText, Format::Markdown])
            .find(|(name, _)| dir.join(name).is_file())
            .ok_or_else(|| ProjectError::NoSource {
                dir: dir.clone(),
                lang: source_lang.clone(),
            })?;
        let source_file = dir.join(&source_name);
        let bytes = std::fs::read(&source_file).map_err(|source| ProjectError::Io {
            path: source_file.clone(),
            source,
        })?;
        let source_text = decode(&bytes)
            .map_err(|source| ProjectError::Decode {
                path: source_file.clone(),
                source,
            })?
            .to_owned();
        let rules = self.language_rules(&source_lang)?;
        let mut options = Options::new(source_lang, &rules);
        options.format = Some(format);
        options.series = Some(series);
        options.expected_day = Some(file.day);
        let ingested = ingest(&source_text, &options);
        Ok(LoadedDay {
            id,
            meta,
            source_path: relative(&source_file, &self.root),
            source_text,
            ingested,
        })
    }
}

pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<T, ProjectError> {
    toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let pos = dayglot_core::LineIndex::new(text).line_col(text, offset);
        ProjectError::Toml {
            path: path.to_path_buf(),
            line: pos.line,
            column: pos.column,
            message: e.message().to_owned(),
        }
    })
}

/// A value error in a TOML file, pointed at the first line that starts with `key`.
fn toml_error_at(path: &Path, text: &str, key: &str, message: String) -> ProjectError {
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(1, |i| i + 1);
    ProjectError::Toml {
        path: path.to_path_buf(),
        line,
        column: 1,
        message,
    }
}

/// Relative, and made only of normal components (no `..`, no root, no prefix).
fn is_plain_relative(path: &Path) -> bool {
    !path.as_os_str().is_empty()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// `path` relative to `root`, `/`-separated (the form every message and diagnostic uses).
pub(crate) fn relative(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
