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
//! Entries live in `target/dayglot-cache/<kind>/` under the project root (a kind per command
//! and set of options; ignored by git, like all of `target/`), each day's key and text in chunk
//! files of 64 days ([`Store`]). A missing,
//! unreadable or outdated entry is a cache miss, never an error: a cold cache gives the same
//! output as a warm one, only slower.

use std::collections::BTreeMap;
use std::hash::Hasher as _;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

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

/// How many consecutive days share a chunk file of a [`Store`].
const CHUNK_DAYS: u32 = 64;

/// The first line of a chunk file.
const CHUNK_HEADER: &str = "dayglot-cache-chunk 1";

/// A chunk's entries: each day's key and text.
type Chunk = BTreeMap<DayId, (String, String)>;

/// One kind of entry, `target/dayglot-cache/<kind>/`, in chunk files of 64 consecutive days
/// (`<kind>/<n>`): on a disk where creating a file is slow, 1,000 days cost 16 files, not 1,000,
/// and a warm run opens 16. Reads load a chunk once; writes are kept until [`Store::flush`],
/// which rewrites each chunk it touched once (a temporary file and a rename). A run that stops
/// before flushing only leaves misses for the next one.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    chunks: Mutex<BTreeMap<u32, Arc<Chunk>>>,
    pending: Mutex<Chunk>,
}

impl Store {
    /// The store of `kind` in a project.
    pub fn new(project: &Project, kind: &str) -> Self {
        Self {
            dir: project.root.join("target").join("dayglot-cache").join(kind),
            chunks: Mutex::new(BTreeMap::new()),
            pending: Mutex::new(BTreeMap::new()),
        }
    }

    fn chunk_number(day: DayId) -> u32 {
        day.number() / CHUNK_DAYS
    }

    /// A chunk as stored (empty when missing or unreadable), read once per run.
    fn chunk(&self, n: u32) -> Arc<Chunk> {
        let Ok(mut chunks) = self.chunks.lock() else {
            return Arc::default();
        };
        Arc::clone(chunks.entry(n).or_insert_with(|| {
            let text = std::fs::read_to_string(self.dir.join(n.to_string())).unwrap_or_default();
            Arc::new(parse_chunk(&text).unwrap_or_default())
        }))
    }

    /// A day's entry: its key and its text; `None` on any problem (a miss).
    pub fn read(&self, day: DayId) -> Option<(String, String)> {
        if let Some(entry) = self.pending.lock().ok()?.get(&day) {
            return Some(entry.clone());
        }
        self.chunk(Self::chunk_number(day)).get(&day).cloned()
    }

    /// A day's entry made from `key`, as JSON; `None` on a miss.
    pub fn read_json<T: for<'de> Deserialize<'de>>(&self, day: DayId, key: &str) -> Option<T> {
        let (found, text) = self.read(day)?;
        (found == key).then(|| serde_json::from_str(&text).ok())?
    }

    /// Records a day's entry, written by [`Store::flush`].
    pub fn write(&self, day: DayId, key: &str, text: &str) {
        if let Ok(mut pending) = self.pending.lock() {
            pending.insert(day, (key.to_owned(), text.to_owned()));
        }
    }

    /// Records a day's entry as JSON.
    pub fn write_json<T: Serialize>(&self, day: DayId, key: &str, value: &T) {
        if let Ok(text) = serde_json::to_string(value) {
            self.write(day, key, &text);
        }
    }

    /// Writes every chunk that has new entries; a failure only costs later misses.
    pub fn flush(&self) {
        let Ok(mut pending) = self.pending.lock() else {
            return;
        };
        let pending = std::mem::take(&mut *pending);
        let mut by_chunk: BTreeMap<u32, Chunk> = BTreeMap::new();
        for (day, entry) in pending {
            by_chunk
                .entry(Self::chunk_number(day))
                .or_default()
                .insert(day, entry);
        }
        if by_chunk.is_empty() || std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        for (n, entries) in by_chunk {
            let mut chunk: Chunk = (*self.chunk(n)).clone();
            chunk.extend(entries);
            let mut text = format!("{CHUNK_HEADER}\n");
            for (day, (key, body)) in &chunk {
                text.push_str(&format!("{day} {key} {}\n", body.len()));
                text.push_str(body);
                text.push('\n');
            }
            let path = self.dir.join(n.to_string());
            let tmp = self.dir.join(format!(".{n}.tmp{}", std::process::id()));
            if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, &path).is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            if let Ok(mut chunks) = self.chunks.lock() {
                chunks.insert(n, Arc::new(chunk));
            }
        }
    }
}

/// The entries of a chunk file: `day key length` lines, each followed by that many bytes of
/// text and a newline. `None` when it is not one.
fn parse_chunk(text: &str) -> Option<Chunk> {
    let mut rest = text.strip_prefix(CHUNK_HEADER)?.strip_prefix('\n')?;
    let mut chunk = Chunk::new();
    while !rest.is_empty() {
        let (head, after) = rest.split_once('\n')?;
        let mut fields = head.split(' ');
        let day = DayId::parse(fields.next()?).ok()?;
        let key = fields.next()?.to_owned();
        let len: usize = fields.next()?.parse().ok()?;
        let body = after.get(..len)?;
        rest = after.get(len..)?.strip_prefix('\n')?;
        chunk.insert(day, (key, body.to_owned()));
    }
    Some(chunk)
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn project() -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(dayglot_project::CONFIG_FILE),
            "[series]\nname = \"t\"\nepoch = \"2022-02-24\"\n[source]\nlang = \"en\"\n",
        )
        .unwrap();
        let project = Project::open(dir.path()).unwrap();
        (dir, project)
    }

    fn day(n: u32) -> DayId {
        DayId::parse(&format!("day-{n}")).unwrap()
    }

    /// Entries written in one run are read by the next, whatever their text holds (newlines,
    /// spaces, Cyrillic); days of one chunk written in different runs all stay.
    #[test]
    fn entries_survive_runs_and_share_chunks() {
        let (_dir, project) = project();
        let texts = ["one line", "two\nlines\n", "Київ 42 ", ""];
        let store = Store::new(&project, "test");
        for (k, text) in texts.iter().enumerate() {
            store.write(day(640 + k as u32), &format!("key{k}"), text);
        }
        store.flush();
        let later = Store::new(&project, "test");
        later.write(day(700), "key-700", "another run");
        later.flush();
        let again = Store::new(&project, "test");
        for (k, text) in texts.iter().enumerate() {
            let (key, found) = again.read(day(640 + k as u32)).unwrap();
            assert_eq!(
                (key.as_str(), found.as_str()),
                (format!("key{k}").as_str(), *text)
            );
        }
        assert_eq!(again.read(day(700)).unwrap().1, "another run");
        assert_eq!(again.read(day(701)), None);
        assert_eq!(again.read_json::<u32>(day(640), "other key"), None);
    }

    /// A damaged chunk is a miss for its days, never an error.
    #[test]
    fn a_damaged_chunk_is_a_miss() {
        let (dir, project) = project();
        let store = Store::new(&project, "test");
        store.write(day(686), "k", "text");
        store.flush();
        let chunk = dir
            .path()
            .join("target/dayglot-cache/test")
            .join((686 / CHUNK_DAYS).to_string());
        for damaged in ["", "dayglot-cache-chunk 1\nday-686 k 99\ntext\n", "garbage"] {
            std::fs::write(&chunk, damaged).unwrap();
            assert_eq!(
                Store::new(&project, "test").read(day(686)),
                None,
                "{damaged:?}"
            );
        }
    }
}
