//! Applying a translation catalog to the source document.

use std::collections::{BTreeMap, BTreeSet};

use dayglot_core::{Diagnostic, Document, Lang, Segment, SegmentId, Span};

use crate::catalog::{Acceptance, Catalog, Entry};

/// Where one segment's translation stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegmentState {
    /// Translated from the current source text, not flagged.
    Translated,
    /// Translated from the current source text, flagged `fuzzy`: a draft that needs review (it
    /// is in [`Translation::document`], but [`Counts::is_complete`] is false while any is left).
    NeedsReview,
    /// No entry for the segment: the source text is used.
    Missing,
    /// Translated from another source text (the source changed since): the source text is used
    /// until the translator revises the entry.
    Stale {
        /// The source text the translation was made from (the entry's `msgid`).
        old_source: String,
        /// The current source text.
        new_source: String,
    },
    /// An entry with an empty `msgstr`: the source text is used.
    Empty,
}

impl SegmentState {
    /// Whether the segment has a current, reviewed translation ([`SegmentState::Translated`]
    /// only: a `fuzzy` draft is not one, and `publish --strict` must not take it as one).
    pub fn is_done(&self) -> bool {
        matches!(self, Self::Translated)
    }

    /// Whether the published text is the source text rather than a translation. A segment
    /// that [needs review](SegmentState::NeedsReview) has its draft in the translated
    /// document; callers that publish only reviewed text check [`SegmentState::is_done`].
    pub fn falls_back(&self) -> bool {
        matches!(self, Self::Missing | Self::Stale { .. } | Self::Empty)
    }

    /// A short name: `translated`, `needs-review`, `missing`, `stale`, `empty`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Translated => "translated",
            Self::NeedsReview => "needs-review",
            Self::Missing => "missing",
            Self::Stale { .. } => "stale",
            Self::Empty => "empty",
        }
    }
}

/// How many segments are in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// [`SegmentState::Translated`].
    pub translated: usize,
    /// [`SegmentState::NeedsReview`].
    pub needs_review: usize,
    /// [`SegmentState::Missing`].
    pub missing: usize,
    /// [`SegmentState::Stale`].
    pub stale: usize,
    /// [`SegmentState::Empty`].
    pub empty: usize,
    /// Obsolete (`#~`) entries of the catalog.
    pub obsolete: usize,
    /// Active entries whose id is not a segment of the source.
    pub unknown: usize,
}

impl Counts {
    /// Whether every segment has a current, reviewed translation: nothing needs review
    /// (`fuzzy`), is stale, missing or empty. A `fuzzy` entry is a draft (`msgmerge` and
    /// `dayglot status --refresh` make them from an older source text), so it is not done.
    pub fn is_complete(&self) -> bool {
        self.needs_review == 0 && self.missing == 0 && self.stale == 0 && self.empty == 0
    }

    /// How many segments are not done: needing review, missing, stale or empty.
    pub fn unfinished(&self) -> usize {
        self.needs_review + self.missing + self.stale + self.empty
    }
}

/// A day in one language: the translated document and the state of every segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The source document with `lang` set to the target language and every segment's text
    /// replaced by its translation. A segment that falls back (missing, stale, empty) keeps the
    /// source text, quotes, attribution and span. A translated segment has no quotes and no
    /// attribution (they described the source text) and its span is the `msgstr` string's span
    /// in the PO text. A section heading that repeats a headline takes the headline's text.
    pub document: Document,
    /// The state of every segment of the source (sort by [`Document::segments`] for reading order).
    pub states: BTreeMap<SegmentId, SegmentState>,
    /// Consistency-check findings the translator accepted, per segment (`# dayglot-accept:`).
    pub acceptances: BTreeMap<SegmentId, Vec<Acceptance>>,
    /// The translator's note, per segment (`# ` comments other than acceptances).
    pub notes: BTreeMap<SegmentId, String>,
    /// Problems, with spans into the PO text (see [`apply`] for the codes).
    pub findings: Vec<Diagnostic>,
    /// How many segments are in each state, and the obsolete and unknown entries.
    pub counts: Counts,
}

impl Translation {
    /// The state of one segment ([`SegmentState::Missing`] for an id the source does not have).
    pub fn state(&self, id: &SegmentId) -> &SegmentState {
        self.states.get(id).unwrap_or(&SegmentState::Missing)
    }
}

/// Applies `catalog` (the parsed `<lang>.po` of the day) to the source document.
///
/// Every segment of `source` gets a [`SegmentState`]; a segment that is missing, stale or empty
/// falls back to the source text and is reported. `findings` point into the PO text:
///
/// | code | severity | what |
/// |---|---|---|
/// | `po::missing` | warning | no entry for a segment (points at the end of the file), or its entry has syntax errors (points at it) |
/// | `po::stale` | warning | the entry's `msgid` is not the current source text |
/// | `po::empty` | warning | the entry's `msgstr` is empty |
/// | `po::needs-review` | note | the entry is flagged `fuzzy` |
/// | `po::unknown-segment` | warning | an entry whose `msgctxt` is no segment of the source |
/// | `po::missing-context` | error | an entry without `msgctxt` |
/// | `po::plural-unsupported` | error | an entry with `msgid_plural` (day segments have none) |
/// | `po::language-mismatch` | error | the header's `Language:` is not `lang` |
/// | `po::missing-language` | warning | the header has no `Language:` |
///
/// Parse problems are not repeated here: they come from [`parse_po`](crate::parse_po).
pub fn apply(source: &Document, catalog: &Catalog, lang: Lang) -> Translation {
    let mut findings = Vec::new();
    check_header(catalog, &lang, &mut findings);
    let end = Span::new(catalog.span.end, catalog.span.end);

    let mut states = BTreeMap::new();
    let mut acceptances = BTreeMap::new();
    let mut notes = BTreeMap::new();
    let mut texts: BTreeMap<SegmentId, (String, Span)> = BTreeMap::new();
    let mut known = BTreeSet::new();
    for segment in source.segments() {
        known.insert(segment.id.as_str().to_owned());
        let entry = catalog.get(&segment.id);
        let state = state_of(segment, entry);
        if let Some(entry) = entry {
            let accepted = entry.acceptances();
            if !accepted.is_empty() {
                acceptances.insert(segment.id.clone(), accepted);
            }
            if let Some(note) = entry.note() {
                notes.insert(segment.id.clone(), note);
            }
            if !state.falls_back() {
                texts.insert(
                    segment.id.clone(),
                    (entry.msgstr.value.clone(), entry.msgstr.span),
                );
            }
        }
        if let Some(d) = finding(segment, entry, &state, end) {
            findings.push(d);
        }
        states.insert(segment.id.clone(), state);
    }

    let mut unknown = 0;
    for entry in catalog.active() {
        let Some(ctxt) = &entry.msgctxt else {
            findings.push(
                Diagnostic::error("po::missing-context", entry.msgid.span, "entry has no `msgctxt`, so it belongs to no segment")
                    .with_label("which segment?")
                    .with_help("dayglot keys entries by segment id: add `msgctxt \"<segment id>\"` (e.g. `s2.p1.1`) above `msgid`"),
            );
            continue;
        };
        if entry.msgid_plural.is_some() {
            findings.push(
                Diagnostic::error("po::plural-unsupported", entry.msgid_plural.as_ref().map_or(entry.msgid.span, |p| p.span), "day segments have no plural forms")
                    .with_label("msgid_plural is not used by dayglot")
                    .with_help("translate the sentence as a whole in `msgstr \"...\"`; plural rules belong in the Fluent files of locales/"),
            );
        }
        if !known.contains(&ctxt.value) {
            unknown += 1;
            findings.push(unknown_segment(source, ctxt.value.as_str(), ctxt.span));
        }
    }

    let document = translate_document(source, lang, &texts);
    let mut counts = Counts {
        obsolete: catalog.obsolete().count(),
        unknown,
        ..Counts::default()
    };
    for state in states.values() {
        match state {
            SegmentState::Translated => counts.translated += 1,
            SegmentState::NeedsReview => counts.needs_review += 1,
            SegmentState::Missing => counts.missing += 1,
            SegmentState::Stale { .. } => counts.stale += 1,
            SegmentState::Empty => counts.empty += 1,
        }
    }
    findings.sort_by_key(|d| (d.span.start, d.span.end));
    Translation {
        document,
        states,
        acceptances,
        notes,
        findings,
        counts,
    }
}

fn state_of(segment: &Segment, entry: Option<&Entry>) -> SegmentState {
    match entry {
        None => SegmentState::Missing,
        Some(e) if e.has_errors => SegmentState::Missing,
        Some(e) if e.msgid.value != segment.text => SegmentState::Stale {
            old_source: e.msgid.value.clone(),
            new_source: segment.text.clone(),
        },
        Some(e) if e.msgstr.value.is_empty() => SegmentState::Empty,
        Some(e) if e.is_fuzzy() => SegmentState::NeedsReview,
        Some(_) => SegmentState::Translated,
    }
}

fn finding(
    segment: &Segment,
    entry: Option<&Entry>,
    state: &SegmentState,
    end: Span,
) -> Option<Diagnostic> {
    let id = &segment.id;
    if entry.is_some_and(|e| e.msgid_plural.is_some()) {
        return None; // reported as po::plural-unsupported
    }
    let d = match (state, entry) {
        (SegmentState::Missing, Some(e)) => Diagnostic::warning(
            "po::missing",
            e.msgstr.span,
            format!("the entry of `{id}` has syntax errors, so it is not used; the source text is published"),
        )
        .with_label("not used")
        .with_help("fix the errors reported for this entry"),
        (SegmentState::Missing, _) => Diagnostic::warning("po::missing", end, format!("no translation of `{id}`; the source text is published"))
            .with_help(format!("add an entry with msgctxt \"{id}\" (`dayglot status DAY --update` adds empty entries for every new segment)")),
        (SegmentState::Stale { new_source, .. }, Some(e)) => {
            Diagnostic::warning("po::stale", e.msgid.span, format!("`{id}` was translated from a different source text; the source text is published"))
                .with_label("the source this translation was made from")
                .with_help(format!(
                    "the source now reads \"{new_source}\": revise msgstr and set msgid to the new source (`dayglot status DAY --refresh` does the msgid part and flags the entry fuzzy)"
                ))
        }
        (SegmentState::Empty, Some(e)) => Diagnostic::warning("po::empty", e.msgstr.span, format!("`{id}` is not translated yet; the source text is published"))
            .with_label("empty msgstr")
            .with_help("write the translation in msgstr"),
        (SegmentState::NeedsReview, Some(e)) => Diagnostic::note("po::needs-review", e.msgstr.span, format!("the translation of `{id}` is flagged fuzzy"))
            .with_label("needs review")
            .with_help("review it, then remove `fuzzy` from the `#,` line (and the `#| msgid` line, if any)"),
        _ => return None,
    };
    Some(d)
}

fn unknown_segment(source: &Document, id: &str, span: Span) -> Diagnostic {
    let repeated = source.sections.iter().enumerate().find_map(|(i, s)| {
        let is_this = s.heading.as_ref().is_some_and(|h| h.id.as_str() == id)
            || format!("s{}.heading", i + 1) == id;
        is_this.then_some(s.headline).flatten()
    });
    let help = match repeated {
        Some(h) => format!("this section heading repeats headline h{}; its translation is taken from the entry `h{}`: delete this entry", h + 1, h + 1),
        None => "the source has no segment with this id: correct the id, or make the entry obsolete with `#~` (`dayglot status DAY --refresh` does it)".to_owned(),
    };
    Diagnostic::warning(
        "po::unknown-segment",
        span,
        format!("`{id}` is not a segment of the source"),
    )
    .with_label("unknown segment id")
    .with_help(help)
}

fn check_header(catalog: &Catalog, lang: &Lang, findings: &mut Vec<Diagnostic>) {
    let header = catalog
        .header
        .as_ref()
        .map_or(Span::new(0, 0), |h| h.msgstr.span);
    let span = catalog.language_span.unwrap_or(header);
    match catalog.language() {
        None => findings.push(
            Diagnostic::warning("po::missing-language", span, "the header does not say which language the file is in")
                .with_label("no `Language:` field")
                .with_help(format!("add \"Language: {lang}\\n\" to the header (the entry with msgid \"\" at the top)")),
        ),
        Some(l) if l != lang.as_str() => findings.push(
            Diagnostic::error("po::language-mismatch", span, format!("the header says `Language: {l}` but this is the {lang} translation"))
                .with_label("wrong language")
                .with_help(format!("a file named {lang}.po holds the {lang} translation: fix the header or move the file to {l}.po")),
        ),
        Some(_) => {}
    }
}

fn translate_document(
    source: &Document,
    lang: Lang,
    texts: &BTreeMap<SegmentId, (String, Span)>,
) -> Document {
    let mut doc = source.clone();
    doc.lang = lang;
    let replace = |segment: &mut Segment| {
        if let Some((text, span)) = texts.get(&segment.id) {
            segment.text.clone_from(text);
            segment.span = *span;
            segment.quotes.clear();
            segment.attribution = None;
        }
    };
    doc.title.iter_mut().for_each(replace);
    doc.lead.iter_mut().for_each(replace);
    doc.headlines.iter_mut().for_each(replace);
    let headlines = doc.headlines.clone();
    for (section, original) in doc.sections.iter_mut().zip(&source.sections) {
        if let Some(heading) = &mut section.heading {
            match original.headline {
                Some(h) => {
                    if let (Some(translated), Some(orig)) =
                        (headlines.get(h), source.headlines.get(h))
                        && texts.contains_key(&orig.id)
                    {
                        heading.text.clone_from(&translated.text);
                        heading.span = translated.span;
                        heading.quotes.clear();
                        heading.attribution = None;
                    }
                }
                None => replace(heading),
            }
        }
        section
            .paragraphs
            .iter_mut()
            .flat_map(|p| p.segments.iter_mut())
            .for_each(replace);
    }
    doc.posts.iter_mut().map(|p| &mut p.text).for_each(replace);
    doc
}
