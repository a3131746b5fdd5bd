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
//!   ],
//!   "embeds": [
//!     {"id": "post1", "original": "Serbs recruited by Russia complain ...", "original_lang": "en",
//!      "translation": "Сърби, вербувани от Русия, ...", "status": "translated",
//!      "author": "Sharky", "handle": "Jamie04381095", "link": "pic.twitter.com/CGCqM9r4vo",
//!      "date": "2024-01-09", "date_written": "January 9, 2024", "date_shown": "9 януари 2024 г."}
//!   ]
//! }
//! ```
//!
//! `segments` lists every segment in reading order; `status` is `source`, `translated`,
//! `needs-review` or `fallback-<missing|stale|empty|no-translation-file>`; `lang` is the language
//! the text is actually in (the source language for a fallback). Mention offsets are bytes of the
//! segment text as published.
//!
//! Texts are as published (`page_in`): runs of lost characters (`????`, U+FFFD) are dropped
//! everywhere, and a post's author and date in `document` are the ones the page shows
//! (`Sharky`, `9 януари 2024 г.`); `page` (tests only) keeps `document` as modelled, for the
//! layout of [`crate::plain_text`]. `embeds` has each embedded post twice over: the `original` the embed
//! shows (from the source) and the edition's `translation` shown outside it (null in the source
//! edition and when the translation falls back), with the date read (`date`, ISO 8601, or null),
//! as written in the source and as shown.

use dayglot_core::SourceFile;
use dayglot_core::json::DocumentJson;
use serde::{Deserialize, Serialize};

use crate::text::{Cleaned, Embed, without_lost};
use crate::{Day, Edition, RenderContext, SegmentStatus};

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
    /// Every embedded post: the original and the edition's translation.
    #[serde(default)]
    pub embeds: Vec<EmbedJson>,
}

/// An embedded post as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbedJson {
    /// Segment id of its text (`post1`).
    pub id: String,
    /// The post's own text, shown verbatim in the embed (from the source).
    pub original: String,
    /// The language of the original.
    pub original_lang: String,
    /// The edition's translation, shown outside the embed; null in the source edition and when
    /// the translation falls back.
    pub translation: Option<String>,
    /// The state of the post's segment in this edition (as in `segments`).
    pub status: String,
    /// The author's display name, or null.
    pub author: Option<String>,
    /// The handle without `@`, or null.
    pub handle: Option<String>,
    /// The link as written, or null.
    pub link: Option<String>,
    /// The date, ISO 8601, when it could be read.
    pub date: Option<String>,
    /// The date as written in the source, or null.
    pub date_written: Option<String>,
    /// The date as the edition shows it (its long form), or null.
    pub date_shown: Option<String>,
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

/// The edition's JSON with `document` as modelled (lost characters kept, post dates as
/// written), for tests that compare with the model.
#[cfg(test)]
pub(crate) fn page(day: &Day, edition: &Edition) -> String {
    page_with(None, day, edition)
}

/// The edition's JSON as published by `render_day` (see the module documentation): the
/// `document` of the source edition matches its published `index.txt` (`text::page`).
pub(crate) fn page_in(ctx: &RenderContext<'_>, day: &Day, edition: &Edition) -> String {
    page_with(Some(ctx), day, edition)
}

fn page_with(ctx: Option<&RenderContext<'_>>, day: &Day, edition: &Edition) -> String {
    let embeds: Vec<(Embed, String)> = edition
        .document
        .posts
        .iter()
        .map(|p| {
            let status = edition.status_of(&p.text.id, &day.source_lang).name();
            (Embed::of_in(ctx, day, edition, p), status)
        })
        .collect();
    let published = ctx.is_some();
    let clean = |text: &str| {
        if published {
            without_lost(text)
        } else {
            Cleaned::unchanged(text)
        }
    };
    let mut doc = edition.document.clone();
    if published {
        doc.for_each_segment_mut(|s| s.text = without_lost(&s.text).text);
        for (post, (e, _)) in doc.posts.iter_mut().zip(&embeds) {
            post.author = e.author.clone();
            post.date = e.date_shown.clone();
        }
    }
    let doc = &doc;
    let no_source = SourceFile::new("", "");
    let segments = edition
        .document
        .segments()
        .into_iter()
        .map(|seg| {
            let status = edition.status_of(&seg.id, &day.source_lang);
            let lang = if matches!(status, SegmentStatus::Fallback(_)) {
                &day.source_lang
            } else {
                &edition.lang
            };
            let cleaned = clean(&seg.text);
            let mentions = edition
                .mentions
                .get(&seg.id)
                .map(|ms| {
                    ms.iter()
                        .map(|m| {
                            let (start, end) = (cleaned.map(m.span.start), cleaned.map(m.span.end));
                            MentionJson {
                                entity: m.entity.clone(),
                                start,
                                end,
                                text: cleaned.text.get(start..end).unwrap_or_default().to_owned(),
                            }
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
        embeds: embeds
            .into_iter()
            .zip(&edition.document.posts)
            .map(|((e, status), p)| EmbedJson {
                id: p.text.id.to_string(),
                original: e.original,
                original_lang: e.original_lang.to_string(),
                translation: e.translation,
                status,
                author: e.author,
                handle: e.handle,
                link: e.link,
                date: e.date.map(|d| d.to_string()),
                date_written: e.date_written,
                date_shown: e.date_shown,
            })
            .collect(),
    };
    // Serialising plain strings and numbers cannot fail; an empty object is never reached.
    serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
}
