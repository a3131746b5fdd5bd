//! The documented JSON interchange format of a document (`dayglot ingest --format json`).
//!
//! These types are the file format, kept apart from the in-memory model so that the model can
//! change without breaking readers. The format is versioned by [`SCHEMA_VERSION`]; a change that
//! removes or renames a field bumps it. Byte spans are left out on purpose: they describe one
//! source file, and the same document re-ingested from another file must give equal JSON.
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "day": 686, "date": "2024-01-10", "lang": "en",
//!   "title": "Day 686 of the invasion of Ukraine.",
//!   "lead": "Summary of key events in the last 24 hours:",
//!   "headlines": ["..."],
//!   "sections": [{"id": "s1", "heading": null, "headline": 0,
//!                 "paragraphs": [[{"id": "s1.p1.1", "text": "...", "quotes": [], "attribution": null}]]}],
//!   "posts": [{"id": "post1", "section": 4, "text": "...", "link": "...", "author": "...",
//!              "handle": "...", "date": "..."}],
//!   "diagnostics": [{"code": "...", "severity": "warning", "line": 1, "column": 1, "message": "...", "text": "..."}]
//! }
//! ```
//!
//! The ids of the title, lead and headlines are fixed: `title`, `lead`, `h1`, `h2`, ...

use serde::{Deserialize, Serialize};

use crate::{Diagnostic, Document, Segment, SourceFile};

/// The version of this format.
pub const SCHEMA_VERSION: u32 = 1;

/// A document with its ingestion diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentJson {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Day number, or null.
    pub day: Option<u32>,
    /// ISO 8601 date, or null.
    pub date: Option<String>,
    /// Language tag.
    pub lang: String,
    /// Title text, or null.
    pub title: Option<String>,
    /// Lead text, or null.
    pub lead: Option<String>,
    /// Headline texts, in order (ids `h1`, `h2`, ...).
    pub headlines: Vec<String>,
    /// Body sections.
    pub sections: Vec<SectionJson>,
    /// Embedded posts.
    pub posts: Vec<PostJson>,
    /// Ingestion diagnostics.
    pub diagnostics: Vec<DiagnosticJson>,
}

/// A section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionJson {
    /// Anchor id (`s1`).
    pub id: String,
    /// Heading as written, or null when the section has no heading line.
    pub heading: Option<String>,
    /// 0-based index of the headline it tells, or null.
    pub headline: Option<usize>,
    /// Paragraphs, each an array of sentence segments.
    pub paragraphs: Vec<Vec<SegmentJson>>,
}

/// A sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentJson {
    /// Stable segment id (`s1.p2.3`).
    pub id: String,
    /// The text.
    pub text: String,
    /// Quotations, as byte ranges into `text` (marks included).
    pub quotes: Vec<QuoteJson>,
    /// Attribution clause, or null.
    pub attribution: Option<AttributionJson>,
}

/// A quotation within a segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteJson {
    /// First byte in the segment text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// 0 outer, 1 nested.
    pub depth: u8,
}

/// An attribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributionJson {
    /// The source (`Reuters`).
    pub source: String,
    /// The intermediary (`BTA`), or null.
    pub via: Option<String>,
}

/// An embedded post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostJson {
    /// Segment id of its text (`post1`).
    pub id: String,
    /// 0-based index of its section, or null.
    pub section: Option<usize>,
    /// The post text.
    pub text: String,
    /// Link, or null.
    pub link: Option<String>,
    /// Author's display name, or null.
    pub author: Option<String>,
    /// Handle without `@`, or null.
    pub handle: Option<String>,
    /// Date as written, or null.
    pub date: Option<String>,
}

/// A diagnostic with its position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticJson {
    /// Stable code.
    pub code: String,
    /// `error`, `warning` or `note`.
    pub severity: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// The offending text.
    pub text: String,
}

impl DocumentJson {
    /// Converts a document and the diagnostics found in `source` into the interchange format.
    pub fn new(doc: &Document, diagnostics: &[Diagnostic], source: &SourceFile<'_>) -> Self {
        let text = |s: &Option<Segment>| s.as_ref().map(|s| s.text.clone());
        Self {
            schema_version: SCHEMA_VERSION,
            day: doc.day,
            date: doc.date.map(|d| d.to_string()),
            lang: doc.lang.to_string(),
            title: text(&doc.title),
            lead: text(&doc.lead),
            headlines: doc.headlines.iter().map(|h| h.text.clone()).collect(),
            sections: doc
                .sections
                .iter()
                .map(|s| SectionJson {
                    id: s.id.clone(),
                    heading: s.heading.as_ref().map(|h| h.text.clone()),
                    headline: s.headline,
                    paragraphs: s
                        .paragraphs
                        .iter()
                        .map(|p| p.segments.iter().map(SegmentJson::from).collect())
                        .collect(),
                })
                .collect(),
            posts: doc
                .posts
                .iter()
                .map(|p| PostJson {
                    id: p.text.id.to_string(),
                    section: p.section,
                    text: p.text.text.clone(),
                    link: p.link.clone(),
                    author: p.author.clone(),
                    handle: p.handle.clone(),
                    date: p.date.clone(),
                })
                .collect(),
            diagnostics: diagnostics
                .iter()
                .map(|d| {
                    let pos = source.line_col(d.span.start);
                    DiagnosticJson {
                        code: d.code.to_owned(),
                        severity: d.severity.to_string(),
                        line: pos.line,
                        column: pos.column,
                        message: d.message.clone(),
                        text: source
                            .text
                            .get(d.span.range())
                            .unwrap_or_default()
                            .to_owned(),
                    }
                })
                .collect(),
        }
    }
}

impl From<&Segment> for SegmentJson {
    fn from(s: &Segment) -> Self {
        Self {
            id: s.id.to_string(),
            text: s.text.clone(),
            quotes: s
                .quotes
                .iter()
                .map(|q| QuoteJson {
                    start: q.span.start,
                    end: q.span.end,
                    depth: q.depth,
                })
                .collect(),
            attribution: s.attribution.as_ref().map(|a| AttributionJson {
                source: a.source.clone(),
                via: a.via.clone(),
            }),
        }
    }
}
