//! Translation files of a day, and applying them to the source.
//!
//! Each day keeps one gettext PO file per language next to its source:
//! `corpus/<day>/<lang>.po`. An entry's `msgctxt` is the segment id (`title`, `lead`, `h1`,
//! `s2.p1.3`, `s4.heading`, `post1`), its `msgid` the source text the translation was made from,
//! its `msgstr` the translation; `#, fuzzy` means "needs review", `# ` comments are the
//! translator's note, and `# dayglot-accept: <code> <reason>` accepts one consistency-check
//! finding for that segment. The format is documented for translators in `CONTRIBUTING.md`.
//!
//! - [`parse_po`] reads a PO file into a [`Catalog`] (every string with its byte [`Span`]) and
//!   reports every problem as a [`Diagnostic`] with a stable `po::` code; it never fails.
//! - [`apply`] applies a catalog to the source [`Document`] and returns a [`Translation`]: the
//!   translated document, the [`SegmentState`] of every segment (translated, needs review,
//!   missing, stale with the old and new source, empty), the accepted findings and notes per
//!   segment, and findings about the file. Missing, stale and empty segments fall back to the
//!   source text, and are reported: nothing is published silently against the wrong text. An
//!   entry with a syntax error ([`Entry::has_errors`]) is never applied (its string may be cut
//!   short): the segment counts as missing.
//! - [`to_po`] / [`update_catalog`] + [`write_po`] write a stable, diff-friendly file that keeps
//!   everything translators wrote; [`Update::Refresh`] is the `msgmerge` way to take a changed
//!   source in (`#, fuzzy` + `#| msgid "old"`). Entries follow their sentence's text, not its
//!   positional id: they are re-aligned to the new source by exact text, then by similar text
//!   (edits, splits, merges become `fuzzy` drafts), by id only as a last resort.
//! - A `fuzzy` entry is a draft: [`SegmentState::NeedsReview`], and [`Counts::is_complete`] is
//!   false while any is left.
//! - [`to_xliff`] exports an XLIFF 2.0 file for CAT tools; [`word_diff`] shows how a stale
//!   segment's source changed.
//!
//! The crate does no I/O: callers read `<lang>.po` themselves (see [`file_name`]).
//!
//! ```
//! use dayglot_core::{Document, Lang, Segment, SegmentId, Span};
//! use dayglot_translate::{SegmentState, apply, parse_po};
//!
//! let en = Lang::parse("en").unwrap();
//! let mut source = Document {
//!     day: Some(686), date: None, lang: en, title: None, lead: None,
//!     headlines: Vec::new(), sections: Vec::new(), posts: Vec::new(),
//! };
//! source.title = Some(Segment::plain(SegmentId::title(), "Day 686 of the invasion of Ukraine.", Span::default()));
//! source.lead = Some(Segment::plain(SegmentId::lead(), "Summary of key events:", Span::default()));
//!
//! let po = "msgid \"\"\nmsgstr \"Language: bg\\n\"\n\n\
//!           msgctxt \"title\"\nmsgid \"Day 686 of the invasion of Ukraine.\"\nmsgstr \"Ден 686 от инвазията в Украйна.\"\n\n\
//!           msgctxt \"lead\"\nmsgid \"Summary of events:\"\nmsgstr \"Обобщение на събитията:\"\n";
//! let parsed = parse_po(po);
//! assert!(parsed.diagnostics.is_empty());
//!
//! let bg = apply(&source, &parsed.catalog, Lang::parse("bg").unwrap());
//! assert_eq!(bg.document.title.unwrap().text, "Ден 686 от инвазията в Украйна.");
//! // The lead's source changed since it was translated: stale, and the source text is used.
//! assert!(matches!(bg.states[&SegmentId::lead()], SegmentState::Stale { .. }));
//! assert_eq!(bg.document.lead.unwrap().text, "Summary of key events:");
//! assert_eq!(bg.findings[0].code, "po::stale");
//! ```
//!
//! [`Span`]: dayglot_core::Span
//! [`Diagnostic`]: dayglot_core::Diagnostic
//! [`Document`]: dayglot_core::Document

mod align;
mod apply;
mod catalog;
mod diff;
mod parse;
mod write;
mod xliff;

pub use apply::{Counts, SegmentState, Translation, apply};
pub use catalog::{ACCEPT_PREFIX, Acceptance, Catalog, Comment, Entry, PoString};
pub use diff::{DiffPart, render_word_diff, word_diff};
pub use parse::{Parsed, parse_po};
pub use write::{
    Update, UpdateReport, to_po, update_catalog, update_catalog_with_report, write_po,
};
pub use xliff::to_xliff;

use dayglot_core::Lang;

/// The file name of a language's translation in a day folder: `bg.po`.
pub fn file_name(lang: &Lang) -> String {
    format!("{lang}.po")
}
