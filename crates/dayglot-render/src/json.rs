//! `index.json`: the documented JSON of one edition.
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "day": 686, "date": "2024-01-10", "lang": "bg", "source_lang": "en",
//!   "document": { ...dayglot_core::json::DocumentJson (diagnostics always empty)... },
//!   "segments": [
//!     {"id": "s2.p1.1", "status": "translated", "lang": "bg",
//!      "mentions": [{"entity": "person/zelensky", "start": 0, "end": 20, "text": "Володимир Зеленски"}]}
//!   ]
//! }
//! ```
//!
//! `segments` lists every segment in reading order; `status` is `source`, `translated`,
//! `needs-review` or `fallback-<missing|stale|empty|no-translation-file>`; `lang` is the language
//! the text is actually in (the source language for a fallback). Mention offsets are bytes of the
//! segment text.

use dayglot_core::SourceFile;
use dayglot_core::json::DocumentJson;
use serde::{Deserialize, Serialize};

use crate::{Day, Edition, SegmentStatus};

/// The version of the edition JSON format.
pub const EDITION_SCHEMA_VERSION: u32 = 1;

/// One edition as JSON (`day-686/<lang>/index.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionJson {
    /// Always [`EDITION_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Day number.
    pub day: u32,
    /// ISO 8601 date of the day.
    pub date: String,
    /// The edition's language.
    pub lang: String,
    /// The source language.
    pub source_lang: String,
    /// The document model.
    pub document: DocumentJson,
    /// Every segment's state and mentions, in reading order.
    pub segments: Vec<SegmentInfoJson>,
}

/// The state and mentions of one segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentInfoJson {
    /// Segment id.
    pub id: String,
    /// `source`, `translated`, `needs-review`, `fallback-...`.
    pub status: String,
    /// The language the text is in.
    pub lang: String,
    /// Mentions of glossary entities.
    pub mentions: Vec<MentionJson>,
}

/// A mention of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionJson {
    /// Entity id.
    pub entity: String,
    /// First byte in the segment text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The mentioned text.
    pub text: String,
}

pub(crate) fn page(day: &Day, edition: &Edition) -> String {
    let doc = &edition.document;
    let no_source = SourceFile::new("", "");
    let segments = doc
        .segments()
        .into_iter()
        .map(|seg| {
            let status = edition.status_of(&seg.id, &day.source_lang);
            let lang = if matches!(status, SegmentStatus::Fallback(_)) {
                &day.source_lang
            } else {
                &edition.lang
            };
            let mentions = edition
                .mentions
                .get(&seg.id)
                .map(|ms| {
                    ms.iter()
                        .map(|m| MentionJson {
                            entity: m.entity.clone(),
                            start: m.span.start,
                            end: m.span.end,
                            text: seg.text.get(m.span.range()).unwrap_or_default().to_owned(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            SegmentInfoJson {
                id: seg.id.to_string(),
                status: status.name(),
                lang: lang.to_string(),
                mentions,
            }
        })
        .collect();
    let json = EditionJson {
        schema_version: EDITION_SCHEMA_VERSION,
        day: day.id.number(),
        date: day.date.to_string(),
        lang: edition.lang.to_string(),
        source_lang: day.source_lang.to_string(),
        document: DocumentJson::new(doc, &[], &no_source),
        segments,
    };
    // Serialising plain strings and numbers cannot fail; an empty object is never reached.
    serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
}
