//! Filling a day's catalog with drafts: which segments need one, and how a draft is written.

use dayglot_core::{DayId, Document, Lang, Segment, SegmentId};
use dayglot_translate::{
    Catalog, Comment, Entry, PoString, SegmentState, Update, apply, update_catalog,
};

use crate::DraftError;
use crate::lang::Resources;
use crate::memory::MemoryIndex;
use crate::placeable::adapt;
use crate::verify::{Note, check_pair, new_findings};

/// One day in one target language, as read: the source and the existing catalog, if any.
#[derive(Debug, Clone, Copy)]
pub struct DayInput<'a> {
    /// The day.
    pub day: DayId,
    /// Its source document.
    pub source: &'a Document,
    /// The day's catalog of `lang`, if the file exists.
    pub catalog: Option<&'a Catalog>,
    /// The target language.
    pub lang: &'a Lang,
}

/// How a draft came out of the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DraftStatus {
    /// Verified: names and facts agree with the source.
    Clean,
    /// Agrees with the source after names were repaired to the glossary's forms.
    Repaired,
    /// Something could not be verified or repaired: see the notes.
    Flagged,
}

impl DraftStatus {
    /// `clean`, `repaired` or `flagged`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Clean => "clean",
            Self::Repaired => "repaired",
            Self::Flagged => "flagged",
        }
    }
}

/// One drafted segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The segment.
    pub segment: SegmentId,
    /// The draft translation.
    pub text: String,
    /// Where it comes from: `memory 92% (day-685 s2.p1.1)`, `deepl`.
    pub origin: String,
    /// For a memory draft, the score shown in `origin` (0–100).
    pub score: Option<u8>,
    /// The result of the checks.
    pub status: DraftStatus,
    /// Substitutions and repairs made (`1 900 → 2 300`).
    pub changes: Vec<String>,
    /// What a translator must look at.
    pub notes: Vec<Note>,
}

/// Counts of a language's run; the summary line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// Segments that needed a draft (missing, stale or empty).
    pub to_fill: usize,
    /// Drafts written.
    pub drafted: usize,
    /// Of those, verified as they are.
    pub clean: usize,
    /// Of those, verified after repairs.
    pub repaired: usize,
    /// Of those, with notes for the translator.
    pub flagged: usize,
    /// Segments left without a draft (no close match in the memory).
    pub no_match: usize,
    /// Segments left without a draft because the engine failed for them.
    pub failed: usize,
    /// The engine's errors, one line each (never a key).
    pub errors: Vec<String>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} drafted of {} to fill: {} clean, {} repaired, {} flagged",
            self.drafted, self.to_fill, self.clean, self.repaired, self.flagged
        )?;
        if self.no_match > 0 {
            write!(f, "; {} without a close match", self.no_match)?;
        }
        if self.failed > 0 {
            write!(f, "; {} failed", self.failed)?;
        }
        Ok(())
    }
}

/// A language's drafts: the new catalog (write it with `write_po`) and what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangDraft {
    /// The target language.
    pub lang: Lang,
    /// The catalog with the drafts in (every other entry as it was).
    pub catalog: Catalog,
    /// The drafts, in reading order.
    pub drafts: Vec<Draft>,
    /// The counts.
    pub summary: Summary,
}

/// Options of a memory run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemoryOptions {
    /// The lowest similarity offered (0–1); 0.75 by default.
    pub min_score: f64,
    /// Points taken off the score of a draft whose substitutions cannot all be verified.
    pub unverified_penalty: u8,
}

impl Default for MemoryOptions {
    fn default() -> Self {
        Self {
            min_score: 0.75,
            unverified_penalty: 15,
        }
    }
}

/// The catalog aligned to the source (nothing a translator wrote changed) and the segments
/// that need a draft: missing, stale or empty. Translated and needs-review segments are never
/// touched.
pub fn segments_to_fill<'a>(input: &DayInput<'a>) -> (Catalog, Vec<&'a Segment>) {
    let base = update_catalog(input.source, input.catalog, input.lang, Update::Keep);
    let translation = apply(input.source, &base, input.lang.clone());
    let segments = input
        .source
        .segments()
        .into_iter()
        .filter(|s| {
            matches!(
                translation.state(&s.id),
                SegmentState::Missing | SegmentState::Stale { .. } | SegmentState::Empty
            )
        })
        .collect();
    (base, segments)
}

/// Drafts every segment of the day that needs one from the translation memory.
pub fn draft_from_memory(
    res: &Resources<'_>,
    index: &MemoryIndex<'_>,
    input: &DayInput<'_>,
    options: &MemoryOptions,
) -> Result<LangDraft, DraftError> {
    let tgt = res.target(input.lang)?;
    let (base, segments) = segments_to_fill(input);
    let mut drafts = Vec::new();
    let mut no_match = 0;
    for seg in &segments {
        // The day's own units count too: a stale entry's earlier source and translation are
        // often the closest match for its new source.
        let Some(m) = index.best(input.lang, &seg.text, options.min_score) else {
            no_match += 1;
            continue;
        };
        let mut score = (m.score * 100.0).round() as u8;
        let (text, changes, notes) = if m.unit.source == seg.text {
            (m.unit.target.clone(), Vec::new(), Vec::new())
        } else {
            let adapted = adapt(res, tgt, &m.unit.source, &m.unit.target, &seg.text);
            let mut notes = adapted.unverified;
            if !adapted.substitutions.is_empty() || !notes.is_empty() {
                let before = check_pair(res, input.lang, &seg.id, &m.unit.source, &m.unit.target);
                let after = check_pair(res, input.lang, &seg.id, &seg.text, &adapted.text);
                notes.extend(new_findings(&before, after));
            }
            (adapted.text, adapted.substitutions, notes)
        };
        if !notes.is_empty() {
            score = score.saturating_sub(options.unverified_penalty);
        }
        drafts.push(Draft {
            segment: seg.id.clone(),
            text,
            origin: format!("memory {score}% ({} {})", m.day, m.unit.segment),
            score: Some(score),
            status: if notes.is_empty() {
                DraftStatus::Clean
            } else {
                DraftStatus::Flagged
            },
            changes,
            notes,
        });
    }
    let mut out = fill(input, base, &segments, drafts);
    out.summary.no_match = no_match;
    Ok(out)
}

/// Writes `drafts` into `base` (from [`segments_to_fill`]) and counts them.
pub fn fill(
    input: &DayInput<'_>,
    mut base: Catalog,
    segments: &[&Segment],
    drafts: Vec<Draft>,
) -> LangDraft {
    let mut summary = Summary {
        to_fill: segments.len(),
        ..Summary::default()
    };
    for d in &drafts {
        let Some(seg) = segments.iter().find(|s| s.id == d.segment) else {
            continue;
        };
        put(&mut base, seg, d);
        summary.drafted += 1;
        match d.status {
            DraftStatus::Clean => summary.clean += 1,
            DraftStatus::Repaired => summary.repaired += 1,
            DraftStatus::Flagged => summary.flagged += 1,
        }
    }
    LangDraft {
        lang: input.lang.clone(),
        catalog: base,
        drafts,
        summary,
    }
}

/// One line of a comment (PO comments are one line each).
fn line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes a draft into the segment's entry: new `msgid`, the draft as `msgstr`, `fuzzy`, the
/// provenance and notes as `#.` comments. A stale entry keeps its earlier source (`#| msgid`)
/// and its earlier translation in a comment: nothing is lost.
fn put(catalog: &mut Catalog, seg: &Segment, draft: &Draft) {
    let index = catalog
        .entries
        .iter()
        .position(|e| !e.obsolete && e.segment_id().as_ref() == Some(&seg.id));
    let index = match index {
        Some(i) => i,
        None => {
            catalog.entries.push(Entry {
                msgctxt: Some(PoString::new(seg.id.as_str())),
                msgid: PoString::new(seg.text.clone()),
                ..Entry::default()
            });
            catalog.entries.len() - 1
        }
    };
    let e = &mut catalog.entries[index];
    e.extracted_comments
        .retain(|c| !c.text.starts_with("draft"));
    if e.msgid.value != seg.text {
        if !e.msgid.value.is_empty() {
            e.previous_msgid = Some(PoString::new(e.msgid.value.clone()));
        }
        if !e.msgstr.value.trim().is_empty() {
            e.extracted_comments.push(Comment::new(format!(
                "draft-earlier: {}",
                line(&e.msgstr.value)
            )));
        }
    }
    e.msgid = PoString::new(seg.text.clone());
    e.msgstr = PoString::new(draft.text.clone());
    if !e.is_fuzzy() {
        e.flags.push("fuzzy".to_owned());
    }
    e.extracted_comments
        .push(Comment::new(format!("draft: {}", line(&draft.origin))));
    for c in &draft.changes {
        e.extracted_comments
            .push(Comment::new(format!("draft-changed: {}", line(c))));
    }
    for n in &draft.notes {
        e.extracted_comments.push(Comment::new(format!(
            "draft-check: {}: {}",
            n.code,
            line(&n.message)
        )));
    }
}
