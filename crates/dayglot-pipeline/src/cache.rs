//! The build cache of `publish`: for every day, the key its pages were rendered from (a content
//! hash of every input: the day's source, metadata and catalogs, and everything shared — the
//! chrome, the glossary, the parsing rules, the configuration, the languages and the binary's
//! version), its [`DaySummary`] (what the feeds and the index need) and its diagnostics, so that
//! an unchanged day is neither loaded nor rendered again and still reports what it found.
//!
//! Entries live in `target/dayglot-cache/publish/<day>.json` under the project root (ignored by
//! git, like all of `target/`). A missing, unreadable or outdated entry is a cache miss, never
//! an error: a cold cache gives the same output as a warm one, only slower.

use std::hash::Hasher as _;
use std::path::{Path, PathBuf};

use dayglot_core::{DayId, Diagnostic, Lang, Severity, Span};
use dayglot_project::Project;
use dayglot_render::{DaySummary, EditionSummary};
use serde::{Deserialize, Serialize};

/// Version of the entry format (part of every key).
const FORMAT: &str = "dayglot-publish-cache 1";

/// A content hash: SipHash-1-3 with 128 bits of output, as 32 hex digits.
#[derive(Debug, Clone, Default)]
pub struct KeyHasher(siphasher::sip128::SipHasher13);

impl KeyHasher {
    /// A hasher that starts with the format version.
    pub fn new() -> Self {
        let mut h = Self(siphasher::sip128::SipHasher13::new());
        h.field(FORMAT.as_bytes());
        h
    }

    /// Adds one field (length-prefixed, so that fields never run into each other).
    pub fn field(&mut self, bytes: &[u8]) {
        self.0.write_u64(bytes.len() as u64);
        self.0.write(bytes);
    }

    /// The hash so far, as hex.
    pub fn finish(&self) -> String {
        use siphasher::sip128::Hasher128 as _;
        format!("{:032x}", self.0.finish128().as_u128())
    }
}

/// What the cache keeps of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key of the inputs.
    pub key: String,
    /// The summary for the feeds and the index.
    pub summary: DaySummary,
    /// Everything found while building and rendering the day.
    pub diagnostics: Vec<Diagnostic>,
}

/// The cache folder of a project.
pub fn dir(project: &Project) -> PathBuf {
    project
        .root
        .join("target")
        .join("dayglot-cache")
        .join("publish")
}

fn path(dir: &Path, day: DayId) -> PathBuf {
    dir.join(format!("{day}.json"))
}

/// Reads a day's entry; `None` on any problem (a miss).
pub fn read(dir: &Path, day: DayId) -> Option<Entry> {
    let text = std::fs::read_to_string(path(dir, day)).ok()?;
    let json: EntryJson = serde_json::from_str(&text).ok()?;
    json.into_entry(day)
}

/// Writes a day's entry (a temporary file and a rename); a failure only costs a later miss.
pub fn write(dir: &Path, day: DayId, entry: &Entry) {
    let json = EntryJson::from_entry(entry);
    let Ok(text) = serde_json::to_string(&json) else {
        return;
    };
    let _ = std::fs::create_dir_all(dir);
    let tmp = dir.join(format!(".{day}.json.tmp{}", std::process::id()));
    if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, path(dir, day)).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[derive(Serialize, Deserialize)]
struct EntryJson {
    key: String,
    date: String,
    source_lang: Lang,
    editions: Vec<EditionJson>,
    diagnostics: Vec<DiagnosticJson>,
}

#[derive(Serialize, Deserialize)]
struct EditionJson {
    lang: Lang,
    title: Option<String>,
    lead: Option<String>,
    headlines: Vec<String>,
    translated: bool,
}

#[derive(Serialize, Deserialize)]
struct DiagnosticJson {
    code: String,
    severity: String,
    message: String,
    span: (usize, usize),
    label: Option<String>,
    help: Option<String>,
    file: Option<String>,
    lang: Option<Lang>,
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

impl EntryJson {
    fn from_entry(e: &Entry) -> Self {
        Self {
            key: e.key.clone(),
            date: e.summary.date.to_string(),
            source_lang: e.summary.source_lang.clone(),
            editions: e
                .summary
                .editions
                .iter()
                .map(|x| EditionJson {
                    lang: x.lang.clone(),
                    title: x.title.clone(),
                    lead: x.lead.clone(),
                    headlines: x.headlines.clone(),
                    translated: x.translated,
                })
                .collect(),
            diagnostics: e
                .diagnostics
                .iter()
                .map(|d| DiagnosticJson {
                    code: d.code.to_owned(),
                    severity: severity_name(d.severity).to_owned(),
                    message: d.message.clone(),
                    span: (d.span.start, d.span.end),
                    label: d.label.clone(),
                    help: d.help.clone(),
                    file: d.file.clone(),
                    lang: d.lang.clone(),
                })
                .collect(),
        }
    }

    fn into_entry(self, day: DayId) -> Option<Entry> {
        let mut diagnostics = Vec::new();
        for d in self.diagnostics {
            // Only registered codes come back (a code renamed since is a miss).
            let code = dayglot_core::codes::explain(&d.code)?.code;
            let severity = match d.severity.as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                "note" => Severity::Note,
                _ => return None,
            };
            let mut diagnostic = Diagnostic::new(
                code,
                severity,
                Span {
                    start: d.span.0,
                    end: d.span.1,
                },
                d.message,
            );
            diagnostic.label = d.label;
            diagnostic.help = d.help;
            diagnostic.file = d.file;
            diagnostic.lang = d.lang;
            diagnostics.push(diagnostic);
        }
        Some(Entry {
            key: self.key,
            summary: DaySummary {
                id: day,
                date: self.date.parse().ok()?,
                source_lang: self.source_lang,
                editions: self
                    .editions
                    .into_iter()
                    .map(|x| EditionSummary {
                        lang: x.lang,
                        title: x.title,
                        lead: x.lead,
                        headlines: x.headlines,
                        translated: x.translated,
                    })
                    .collect(),
            },
            diagnostics,
        })
    }
}
