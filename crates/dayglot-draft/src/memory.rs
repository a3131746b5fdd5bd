//! The translation memory: every translated segment of every catalog of the corpus, persisted
//! as JSON and rebuilt incrementally (a catalog whose text has not changed is not parsed again),
//! and an in-memory index for exact and fuzzy matches.

use std::collections::BTreeMap;

use dayglot_core::{DayId, Lang};
use dayglot_translate::parse_po;
use serde::{Deserialize, Serialize};

use crate::DraftError;
use crate::text::{FxMap, fnv1a, similarity, words};

/// The version of the persisted memory format; a file of another version is rebuilt.
pub const MEMORY_FORMAT: u32 = 1;

/// One translated segment: the source text it was translated from and its translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// The segment id (`s2.p1.1`).
    pub segment: String,
    /// The source text (`msgid`).
    pub source: String,
    /// The translation (`msgstr`).
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stored {
    day: String,
    lang: String,
    /// FNV-1a of the catalog's text, hex.
    hash: String,
    units: Vec<Unit>,
}

/// One catalog of the corpus as read: its day, language and text.
#[derive(Debug, Clone, Copy)]
pub struct CatalogText<'a> {
    /// The day.
    pub day: DayId,
    /// The translation's language.
    pub lang: &'a Lang,
    /// The PO text.
    pub text: &'a str,
}

/// What [`Memory::update`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UpdateStats {
    /// Catalogs unchanged since the memory was saved (not parsed).
    pub reused: usize,
    /// Catalogs parsed (new or changed).
    pub parsed: usize,
    /// Catalogs gone from the corpus, dropped.
    pub removed: usize,
    /// Units in the memory after the update.
    pub units: usize,
}

/// The translation memory of a corpus.
///
/// Only translated entries go in: not fuzzy (drafts are fuzzy until a translator reviews them),
/// not obsolete, without syntax errors, with a non-empty `msgid` and `msgstr`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    format: u32,
    /// By `day/lang`.
    catalogs: BTreeMap<String, Stored>,
}

impl Default for Memory {
    fn default() -> Self {
        Self::new()
    }
}

impl Memory {
    /// An empty memory.
    pub fn new() -> Self {
        Self {
            format: MEMORY_FORMAT,
            catalogs: BTreeMap::new(),
        }
    }

    /// Reads a memory saved with [`Memory::to_json`]. A file of another format version is an
    /// error ([`DraftError::MemoryFormat`]): start from [`Memory::new`] then.
    pub fn from_json(text: &str) -> Result<Self, DraftError> {
        let memory: Self = serde_json::from_str(text).map_err(|e| DraftError::MemoryFormat {
            message: e.to_string(),
        })?;
        if memory.format != MEMORY_FORMAT {
            return Err(DraftError::MemoryFormat {
                message: format!(
                    "format {} (this dayglot reads format {MEMORY_FORMAT})",
                    memory.format
                ),
            });
        }
        Ok(memory)
    }

    /// The memory as JSON (deterministic: sorted by day and language).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Brings the memory up to date with `catalogs`, which must be every catalog of the corpus:
    /// a catalog whose text is unchanged keeps its units without being parsed, a new or changed
    /// one is parsed, and a catalog no longer given is dropped.
    pub fn update(&mut self, catalogs: &[CatalogText<'_>]) -> UpdateStats {
        let mut stats = UpdateStats::default();
        let mut next = BTreeMap::new();
        for c in catalogs {
            let key = format!("{}/{}", c.day, c.lang);
            let hash = format!("{:016x}", fnv1a(c.text.as_bytes()));
            match self.catalogs.remove(&key) {
                Some(stored) if stored.hash == hash => {
                    stats.reused += 1;
                    next.insert(key, stored);
                }
                _ => {
                    stats.parsed += 1;
                    let units = units_of(c.text);
                    next.insert(
                        key,
                        Stored {
                            day: c.day.to_string(),
                            lang: c.lang.to_string(),
                            hash,
                            units,
                        },
                    );
                }
            }
        }
        stats.removed = self.catalogs.len();
        self.catalogs = next;
        stats.units = self.len();
        stats
    }

    /// Adds (or replaces) one catalog's units directly, without a text (synthetic memories,
    /// tests, imports). Its hash is empty, so the next [`Memory::update`] parses it again.
    pub fn insert(&mut self, day: DayId, lang: &Lang, units: Vec<Unit>) {
        self.catalogs.insert(
            format!("{day}/{lang}"),
            Stored {
                day: day.to_string(),
                lang: lang.to_string(),
                hash: String::new(),
                units,
            },
        );
    }

    /// How many units the memory holds.
    pub fn len(&self) -> usize {
        self.catalogs.values().map(|c| c.units.len()).sum()
    }

    /// Whether the memory holds no unit.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Builds the lookup index (per target language: exact texts and an inverted word index).
    pub fn index(&self) -> MemoryIndex<'_> {
        self.build_index(|_| true)
    }

    /// [`Memory::index`] of the units of `only` these languages (a run for one language
    /// indexes only its units).
    pub fn index_of(&self, only: &[Lang]) -> MemoryIndex<'_> {
        self.build_index(|lang| only.iter().any(|l| l.as_str() == lang))
    }

    fn build_index(&self, wanted: impl Fn(&str) -> bool) -> MemoryIndex<'_> {
        let mut vocab: FxMap<String, u32> = FxMap::default();
        let mut langs: BTreeMap<String, LangIndex<'_>> = BTreeMap::new();
        for stored in self.catalogs.values().filter(|c| wanted(&c.lang)) {
            let day_number = DayId::parse(&stored.day).map_or(0, DayId::number);
            let li = langs.entry(stored.lang.clone()).or_default();
            for unit in &stored.units {
                let id = u32::try_from(li.units.len()).unwrap_or(u32::MAX);
                let mut tokens = Vec::new();
                words(&unit.source, |w| {
                    let next = u32::try_from(vocab.len()).unwrap_or(u32::MAX);
                    let t = match vocab.get(w) {
                        Some(t) => *t,
                        None => {
                            vocab.insert(w.to_owned(), next);
                            next
                        }
                    };
                    tokens.push(t);
                });
                for &t in &tokens {
                    let t = t as usize;
                    if li.postings.len() <= t {
                        li.postings.resize_with(t + 1, Vec::new);
                    }
                    // A word twice in one unit is posted once (units are posted in order).
                    if li.postings[t].last() != Some(&id) {
                        li.postings[t].push(id);
                    }
                }
                li.exact
                    .entry(text_hash(&unit.source))
                    .or_default()
                    .push(id);
                li.units.push(UnitRef {
                    day: &stored.day,
                    day_number,
                    unit,
                });
                li.tokens.push(tokens);
            }
        }
        MemoryIndex { vocab, langs }
    }
}

fn text_hash(text: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<crate::text::FxHasher>::default().hash_one(text)
}

/// The translated units of a PO text.
fn units_of(text: &str) -> Vec<Unit> {
    let parsed = parse_po(text);
    parsed
        .catalog
        .active()
        .filter(|e| !e.has_errors && !e.is_fuzzy() && e.msgid_plural.is_none())
        .filter(|e| !e.msgid.value.trim().is_empty() && !e.msgstr.value.trim().is_empty())
        .filter_map(|e| {
            Some(Unit {
                segment: e.segment_id()?.as_str().to_owned(),
                source: e.msgid.value.clone(),
                target: e.msgstr.value.clone(),
            })
        })
        .collect()
}

#[derive(Debug, Clone, Copy)]
struct UnitRef<'m> {
    day: &'m str,
    day_number: u32,
    unit: &'m Unit,
}

#[derive(Debug, Default)]
struct LangIndex<'m> {
    units: Vec<UnitRef<'m>>,
    tokens: Vec<Vec<u32>>,
    /// Word id → the units whose source has it.
    postings: Vec<Vec<u32>>,
    /// Hash of a source text → the units with that hash (texts compared on lookup).
    exact: FxMap<u64, Vec<u32>>,
}

/// A memory match.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemoryMatch<'m> {
    /// The day of the unit (`day-685`).
    pub day: &'m str,
    /// The unit.
    pub unit: &'m Unit,
    /// Similarity of the sources, 0–1, on words with numbers masked (1 only for the exact
    /// text; a text that differs only in numbers or punctuation scores 0.99).
    pub score: f64,
}

/// The index of a [`Memory`]: built once per run, queried per segment.
#[derive(Debug)]
pub struct MemoryIndex<'m> {
    vocab: FxMap<String, u32>,
    langs: BTreeMap<String, LangIndex<'m>>,
}

/// Candidates scored exactly per query.
const CANDIDATES: usize = 24;

impl<'m> MemoryIndex<'m> {
    /// The best unit of `lang` for the source text `text` scoring at least `min_score`, the
    /// latest day first among equals.
    pub fn best(&self, lang: &Lang, text: &str, min_score: f64) -> Option<MemoryMatch<'m>> {
        self.best_excluding(lang, text, min_score, None)
    }

    /// [`MemoryIndex::best`], ignoring the units of `day` (a day is not its own memory).
    pub fn best_excluding(
        &self,
        lang: &Lang,
        text: &str,
        min_score: f64,
        exclude: Option<DayId>,
    ) -> Option<MemoryMatch<'m>> {
        let li = self.langs.get(lang.as_str())?;
        let excluded = |u: &UnitRef<'_>| exclude.is_some_and(|d| d.number() == u.day_number);
        let newest = |ids: &mut dyn Iterator<Item = u32>| {
            ids.map(|i| li.units[i as usize])
                .filter(|u| !excluded(u))
                .max_by(|a, b| {
                    (a.day_number, std::cmp::Reverse(a.unit.segment.as_str()))
                        .cmp(&(b.day_number, std::cmp::Reverse(b.unit.segment.as_str())))
                })
        };
        if let Some(ids) = li.exact.get(&text_hash(text))
            && let Some(u) = newest(
                &mut ids
                    .iter()
                    .copied()
                    .filter(|&i| li.units[i as usize].unit.source == text),
            )
        {
            return Some(MemoryMatch {
                day: u.day,
                unit: u.unit,
                score: 1.0,
            });
        }
        // The query's words; unknown words get ids no unit has.
        let mut query = Vec::new();
        let mut unknown = u32::MAX;
        words(text, |w| match self.vocab.get(w) {
            Some(t) => query.push(*t),
            None => {
                query.push(unknown);
                unknown -= 1;
            }
        });
        if query.is_empty() {
            return None;
        }
        let mut distinct: Vec<(usize, u32)> = query
            .iter()
            .filter_map(|&t| li.postings.get(t as usize).map(|p| (p.len(), t)))
            .filter(|(df, _)| *df > 0)
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        // Rare words find the candidates; words in more than 1 unit of 20 are left to scoring.
        let cap = (li.units.len() / 20).max(64);
        let mut rare: Vec<u32> = distinct
            .iter()
            .filter(|(df, _)| *df <= cap)
            .map(|(_, t)| *t)
            .collect();
        if rare.len() < 3 {
            rare = distinct.iter().take(3).map(|(_, t)| *t).collect();
        }
        let mut counts = vec![0u16; li.units.len()];
        let mut touched = Vec::new();
        for t in &rare {
            for &u in &li.postings[*t as usize] {
                let c = &mut counts[u as usize];
                if *c == 0 {
                    touched.push(u);
                }
                *c = c.saturating_add(1);
            }
        }
        // Cheap filters first: enough shared rare words, a length that can still reach
        // `min_score`.
        let need = ((rare.len() as f64) * min_score * 0.5).floor() as u16;
        let mut candidates: Vec<(u16, u32)> = touched
            .into_iter()
            .filter(|&u| counts[u as usize] >= need.max(1))
            .filter(|&u| {
                let len = li.tokens[u as usize].len() as f64;
                let q = query.len() as f64;
                (len.min(q) / len.max(q)) >= min_score
            })
            .map(|u| (counts[u as usize], u))
            .collect();
        candidates.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        candidates.truncate(CANDIDATES * 4);
        let mut best: Option<(f64, UnitRef<'m>)> = None;
        for (_, u) in candidates {
            let unit = li.units[u as usize];
            if excluded(&unit) {
                continue;
            }
            let mut score = similarity(&query, &li.tokens[u as usize]);
            if score >= 1.0 {
                score = 0.99;
            }
            if score < min_score {
                continue;
            }
            let better = match &best {
                None => true,
                Some((s, b)) => {
                    score > *s + 1e-9
                        || ((score - *s).abs() <= 1e-9 && unit.day_number > b.day_number)
                }
            };
            if better {
                best = Some((score, unit));
            }
        }
        best.map(|(score, u)| MemoryMatch {
            day: u.day,
            unit: u.unit,
            score,
        })
    }
}
