//! The build caches of `publish`, `check` and `status`: for every day, the key its results were
//! made from and the results, so that an unchanged day is neither loaded nor rendered nor checked
//! again, and still reports what it found.
//!
//! A key hashes every input ([`project_key`], [`day_key`]): the binary, `dayglot.toml`, every
//! file under `locales/` (chrome, glossaries, rules, schemes) and every file of the day's folder
//! (metadata, source, catalogs), through [`Fingerprints`], which reads only files whose metadata
//! changed. Over-inclusion only costs a miss; an input left out would be a wrong hit, so whole
//! folders are hashed rather than a list of the files each stage reads.
//!
//! Entries live in `target/dayglot-cache/<kind>/<day>` under the project root (a kind per command
//! and set of options) (ignored by git,
//! like all of `target/`): the key on the first line, then the kind's own text. A missing,
//! unreadable or outdated entry is a cache miss, never an error: a cold cache gives the same
//! output as a warm one, only slower.

use std::hash::Hasher as _;
use std::path::PathBuf;

use dayglot_core::{DayId, Diagnostic, Lang, Severity, Span};
use dayglot_project::{Fingerprints, Project};
use dayglot_render::{DaySummary, EditionSummary};
use serde::{Deserialize, Serialize};

/// Version of the entry formats (part of every key).
const FORMAT: &str = "dayglot-cache 2";

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

/// The identity of the running binary: its version, and the size and time of its file (so that
/// a rebuilt binary does not reuse what an older build made).
fn binary_identity() -> String {
    let mut id = format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
    {
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        id.push_str(&format!(" {} {mtime}", meta.len()));
    }
    id
}

/// The project's [`Fingerprints`], told which days there are (the remembered files of a removed
/// day are forgotten when the memo is next written).
pub fn fingerprints(project: &Project) -> Fingerprints {
    let fingerprints = project.fingerprints();
    if let Ok(days) = project.days() {
        fingerprints.listed("corpus", days.iter().map(ToString::to_string));
    }
    fingerprints
}

/// The key of what every day of the project shares: the binary, `dayglot.toml` and every file
/// under `locales/`; `kind` (and what the caller adds) keeps the caches of different commands
/// and options apart.
pub fn project_key(fingerprints: &Fingerprints, kind: &str) -> KeyHasher {
    let mut key = KeyHasher::new();
    key.field(kind.as_bytes());
    key.field(binary_identity().as_bytes());
    let config = fingerprints
        .file(dayglot_project::CONFIG_FILE)
        .unwrap_or_default();
    key.field(&config.to_le_bytes());
    key.field(&fingerprints.tree("locales").to_le_bytes());
    key
}

/// The key of a day: `base` ([`project_key`]) and every file of the day's folder.
pub fn day_key(base: &KeyHasher, fingerprints: &Fingerprints, day: DayId) -> String {
    let mut key = base.clone();
    key.field(day.to_string().as_bytes());
    key.field(&fingerprints.tree(&format!("corpus/{day}")).to_le_bytes());
    key.finish()
}

/// One kind of entry: `target/dayglot-cache/<kind>/`.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The store of `kind` in a project.
    pub fn new(project: &Project, kind: &str) -> Self {
        Self {
            dir: project.root.join("target").join("dayglot-cache").join(kind),
        }
    }

    fn path(&self, day: DayId) -> PathBuf {
        self.dir.join(day.to_string())
    }

    /// A day's entry: its key and its text; `None` on any problem (a miss).
    pub fn read(&self, day: DayId) -> Option<(String, String)> {
        let text = std::fs::read_to_string(self.path(day)).ok()?;
        let (key, rest) = text.split_once('\n')?;
        Some((key.to_owned(), rest.to_owned()))
    }

    /// A day's entry made from `key`, as JSON; `None` on a miss.
    pub fn read_json<T: for<'de> Deserialize<'de>>(&self, day: DayId, key: &str) -> Option<T> {
        let (found, text) = self.read(day)?;
        (found == key).then(|| serde_json::from_str(&text).ok())?
    }

    /// Writes a day's entry (a temporary file and a rename); a failure only costs a later miss.
    pub fn write(&self, day: DayId, key: &str, text: &str) {
        let _ = std::fs::create_dir_all(&self.dir);
        let tmp = self.dir.join(format!(".{day}.tmp{}", std::process::id()));
        let body = format!("{key}\n{text}");
        if std::fs::write(&tmp, body).is_ok() && std::fs::rename(&tmp, self.path(day)).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// Writes a day's entry as JSON.
    pub fn write_json<T: Serialize>(&self, day: DayId, key: &str, value: &T) {
        if let Ok(text) = serde_json::to_string(value) {
            self.write(day, key, &text);
        }
    }
}

/// What the publish cache keeps of a day: its summary for the feeds and the index (read for
/// every day of the output) and its diagnostics (read only when the day is published), in two
/// stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The summary for the feeds and the index.
    pub summary: DaySummary,
    /// Everything found while building, rendering and checking the day.
    pub diagnostics: Vec<Diagnostic>,
}

impl Entry {
    /// The summary's text.
    pub fn summary_text(&self) -> String {
        serde_json::to_string(&SummaryJson::from(&self.summary)).unwrap_or_default()
    }

    /// The diagnostics' text.
    pub fn diagnostics_text(&self) -> String {
        serde_json::to_string(&diagnostics_json(&self.diagnostics)).unwrap_or_default()
    }

    /// The summary of a [`Entry::summary_text`].
    pub fn summary_of(day: DayId, text: &str) -> Option<DaySummary> {
        serde_json::from_str::<SummaryJson>(text)
            .ok()?
            .into_summary(day)
    }

    /// The diagnostics of a [`Entry::diagnostics_text`].
    pub fn diagnostics_of(text: &str) -> Option<Vec<Diagnostic>> {
        diagnostics_from_json(serde_json::from_str(text).ok()?)
    }
}

/// A report of cached diagnostics, with the files they point into read again.
pub fn replay(project: &Project, diagnostics: Vec<Diagnostic>) -> dayglot_core::Report {
    let mut out = dayglot_core::Report::default();
    for d in &diagnostics {
        if let Some(file) = d.file.as_deref()
            && out.file(file).is_none()
            && let Ok(text) = dayglot_project::read_text(&project.root.join(file))
        {
            out.add_file(file, text);
        }
    }
    out.extend(diagnostics);
    out
}

/// Diagnostics as cache JSON.
pub fn diagnostics_json(diagnostics: &[Diagnostic]) -> Vec<DiagnosticJson> {
    diagnostics
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
        .collect()
}

/// Diagnostics from cache JSON; `None` when a code is no longer registered (a miss).
pub fn diagnostics_from_json(json: Vec<DiagnosticJson>) -> Option<Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    for d in json {
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
    Some(diagnostics)
}

#[derive(Serialize, Deserialize)]
struct SummaryJson {
    date: String,
    source_lang: Lang,
    editions: Vec<EditionJson>,
}

#[derive(Serialize, Deserialize)]
struct EditionJson {
    lang: Lang,
    title: Option<String>,
    lead: Option<String>,
    headlines: Vec<String>,
    translated: bool,
}

/// A diagnostic in a cache entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DiagnosticJson {
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

impl From<&DaySummary> for SummaryJson {
    fn from(s: &DaySummary) -> Self {
        Self {
            date: s.date.to_string(),
            source_lang: s.source_lang.clone(),
            editions: s
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
        }
    }
}

impl SummaryJson {
    fn into_summary(self, day: DayId) -> Option<DaySummary> {
        Some(DaySummary {
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
        })
    }
}
