//! Writing PO files: a stable, diff-friendly text that keeps everything translators wrote.

use std::collections::HashSet;

use dayglot_core::{Document, Lang, SegmentId};

use crate::align::{Rules, Source, align};
use crate::catalog::{Catalog, Comment, Entry, PoString};

/// How [`update_catalog`] treats entries whose source text changed.
///
/// In both modes entries follow their sentence's text, not its position: an entry whose exact
/// source text is now under another id (a sentence was inserted, deleted or moved before it)
/// moves to that id, unchanged and unflagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Update {
    /// Change nothing that a translator wrote: a stale entry keeps its old `msgid` (so that it
    /// stays reported stale, and is never published); only entries for new segments are added,
    /// with an empty `msgstr`. A stale entry goes to the segment whose text is most like its
    /// own, or else stays at its id. An entry whose id now belongs to another sentence's entry
    /// becomes obsolete (`#~`): kept, it would repeat that id.
    #[default]
    Keep,
    /// The gettext way (`msgmerge`): entries are re-aligned to the new source by text (see
    /// [`update_catalog`]); an entry made from another text becomes a draft for its new
    /// segment: the new source as `msgid`, the old one as `#| msgid`, and the `fuzzy` flag, so
    /// that it is reported as needing review with the old and new source. Entries that match no
    /// segment become obsolete (`#~`).
    Refresh,
}

/// Serialises a catalog as PO text, entry after entry in the catalog's order, one blank line
/// between entries. Strings are written on one line unless they contain line breaks (then
/// `msgid ""` and one line per source line, as gettext does), so that a change to one segment
/// changes one line of the diff. Comments are written one per line (a comment text containing a
/// line break becomes several comment lines).
///
/// For every catalog `c` without line breaks in its comments,
/// `parse_po(&write_po(&c)).catalog` equals `c` up to spans.
pub fn write_po(catalog: &Catalog) -> String {
    let mut out = String::new();
    for entry in catalog.header.iter().chain(&catalog.entries) {
        if !out.is_empty() {
            out.push('\n');
        }
        write_entry(&mut out, entry);
    }
    out
}

fn write_entry(out: &mut String, e: &Entry) {
    let comments = |out: &mut String, marker: &str, list: &[Comment]| {
        for c in list {
            for line in c.text.split('\n') {
                let line = line.strip_suffix('\r').unwrap_or(line);
                out.push_str(marker);
                if !line.is_empty() {
                    out.push(' ');
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
    };
    comments(out, "#", &e.translator_comments);
    comments(out, "#.", &e.extracted_comments);
    comments(out, "#:", &e.references);
    if !e.flags.is_empty() {
        out.push_str("#, ");
        out.push_str(&e.flags.join(", "));
        out.push('\n');
    }
    let prev = if e.obsolete { "#~| " } else { "#| " };
    let main = if e.obsolete { "#~ " } else { "" };
    let opt = |out: &mut String, prefix: &str, kw: &str, s: &Option<PoString>| {
        if let Some(s) = s {
            write_string(out, prefix, kw, &s.value);
        }
    };
    opt(out, prev, "msgctxt", &e.previous_msgctxt);
    opt(out, prev, "msgid", &e.previous_msgid);
    opt(out, prev, "msgid_plural", &e.previous_msgid_plural);
    opt(out, main, "msgctxt", &e.msgctxt);
    write_string(out, main, "msgid", &e.msgid.value);
    if e.msgid_plural.is_some() {
        opt(out, main, "msgid_plural", &e.msgid_plural);
        for (i, s) in e.msgstr_plural.iter().enumerate() {
            write_string(out, main, &format!("msgstr[{i}]"), &s.value);
        }
    } else {
        write_string(out, main, "msgstr", &e.msgstr.value);
    }
}

fn write_string(out: &mut String, prefix: &str, keyword: &str, value: &str) {
    out.push_str(prefix);
    out.push_str(keyword);
    out.push(' ');
    if value.contains('\n') {
        out.push_str("\"\"\n");
        for piece in value.split_inclusive('\n') {
            out.push_str(prefix);
            push_quoted(out, piece);
            out.push('\n');
        }
    } else {
        push_quoted(out, value);
        out.push('\n');
    }
}

/// Appends `"value"` with `\`, `"`, line feed, carriage return and tab escaped.
fn push_quoted(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The header of a new translation file.
fn new_header(source: &Document, lang: &Lang) -> Entry {
    let day = source.day.map(|d| format!("day-{d}"));
    let mut fields = format!("Language: {lang}\nContent-Type: text/plain; charset=UTF-8\n");
    if let Some(day) = &day {
        fields.push_str(&format!("X-Dayglot-Day: {day}\n"));
    }
    let what = day.unwrap_or_else(|| "the day".to_owned());
    Entry {
        translator_comments: vec![Comment::new(format!(
            "Translation of {what} into {lang} (dayglot)."
        ))],
        msgstr: PoString::new(fields),
        ..Entry::default()
    }
}

/// Brings a translation catalog in line with the source document: one entry per segment in
/// reading order, then the entries that match no segment, in their old order. Without
/// `existing`, a new catalog with a header (`Language: <lang>`) is made.
///
/// Segment ids are positional, so old entries are matched to the new segments by their source
/// text (`msgid`) first, and by id only as a last resort:
///
/// 1. **The same text**, wherever it moved: the entry is kept as it is (translation, comments,
///    flags), under the segment's id. A segment that repeats a sentence already translated
///    gets a copy of its entry ([`Update::Refresh`]), and an obsolete entry of exactly the
///    segment's text comes back.
/// 2. **A similar text** (by shared words, as a diff pairs the changed lines): an edited
///    sentence. With [`Update::Refresh`] the old translation becomes a `fuzzy` draft with the
///    old source as `#| msgid` (and the old id as `#| msgctxt` if it moved). A sentence split
///    in two or three gets the old translation as a draft on the part most like the old
///    sentence, and empty entries for the other parts (so that no text is published twice).
///    Sentences merged into one get their translations joined with a space as one draft
///    (their `#| msgid`s joined the same way, their comments and flags kept).
/// 3. **The same id**, only when the old text is still somewhat similar (with
///    [`Update::Keep`], whatever the text: the entry stays stale at its id).
///
/// Anything else gets an empty entry, and the old entry becomes obsolete: a translation never
/// lands under an unrelated sentence, and never unflagged under a different one. With
/// [`Update::Refresh`], an unmatched entry that holds nothing (no translation, no comment) is
/// dropped rather than kept obsolete. Entries without `msgctxt` are kept as they are.
///
/// Updating a catalog twice in the same mode gives the same catalog as updating it once.
/// [`update_catalog_with_report`] also says what was done.
pub fn update_catalog(
    source: &Document,
    existing: Option<&Catalog>,
    lang: &Lang,
    mode: Update,
) -> Catalog {
    update_catalog_with_report(source, existing, lang, mode).0
}

/// What [`update_catalog_with_report`] did, for a summary (`3 new entries, 2 moved with their
/// text, 1 fuzzy draft, 1 made obsolete`). Ids are those of the new source unless said.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UpdateReport {
    /// Segments that got a new, empty entry.
    pub added: Vec<SegmentId>,
    /// Entries kept as they were (the same source text) under another id: `(old id, new id)`.
    pub moved: Vec<(String, SegmentId)>,
    /// Segments that repeat an already translated sentence and got a copy of its entry.
    pub copied: Vec<SegmentId>,
    /// Segments whose obsolete (`#~`) entry of the same text came back.
    pub revived: Vec<SegmentId>,
    /// Segments whose entry is now a `fuzzy` draft made from another source text
    /// ([`Update::Refresh`]).
    pub drafts: Vec<SegmentId>,
    /// Segments whose entry was made from another source text and is kept as it is, stale
    /// ([`Update::Keep`]).
    pub stale: Vec<SegmentId>,
    /// Ids of the old entries made obsolete.
    pub obsoleted: Vec<String>,
    /// How many unmatched entries with nothing in them (no translation, no comment) were
    /// dropped.
    pub dropped: usize,
}

impl UpdateReport {
    /// Whether no entry was added, moved, copied, revived, drafted, made obsolete or dropped
    /// (entries that stay stale are no change).
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.moved.is_empty()
            && self.copied.is_empty()
            && self.revived.is_empty()
            && self.drafts.is_empty()
            && self.obsoleted.is_empty()
            && self.dropped == 0
    }
}

/// [`update_catalog`], and what it did.
pub fn update_catalog_with_report(
    source: &Document,
    existing: Option<&Catalog>,
    lang: &Lang,
    mode: Update,
) -> (Catalog, UpdateReport) {
    let mut report = UpdateReport::default();
    let header = match existing {
        Some(c) => c.header.clone(),
        None => Some(new_header(source, lang)),
    };
    let old: &[Entry] = existing.map_or(&[], |c| c.entries.as_slice());
    let segments = source.segments();
    let pairs: Vec<(&str, &str)> = segments
        .iter()
        .map(|s| (s.id.as_str(), s.text.as_str()))
        .collect();
    let refresh = mode == Update::Refresh;
    let alignment = align(old, &pairs, Rules { refresh });
    let mut entries = Vec::with_capacity(segments.len() + old.len());
    for (segment, source) in segments.iter().zip(&alignment.sources) {
        let id = segment.id.as_str();
        let old_id = |i: usize| old[i].msgctxt.as_ref().map(|c| c.value.clone());
        let entry = match source {
            Source::Same(i) | Source::Copy(i) => {
                if matches!(source, Source::Copy(_)) {
                    report.copied.push(segment.id.clone());
                } else if old[*i].obsolete {
                    report.revived.push(segment.id.clone());
                } else if let Some(was) = old_id(*i).filter(|was| was != id) {
                    report.moved.push((was, segment.id.clone()));
                }
                let mut entry = old[*i].clone();
                entry.obsolete = false;
                entry.msgctxt = Some(PoString::new(id));
                entry
            }
            Source::Similar(from) if !refresh => {
                // Kept as it was (stale), under the segment's id.
                report.stale.push(segment.id.clone());
                if let Some(was) = from
                    .first()
                    .and_then(|&i| old_id(i))
                    .filter(|was| was != id)
                {
                    report.moved.push((was, segment.id.clone()));
                }
                let mut entry = from.first().map(|&i| old[i].clone()).unwrap_or_default();
                entry.msgctxt = Some(PoString::new(id));
                entry
            }
            Source::Similar(from) => {
                report.drafts.push(segment.id.clone());
                draft(old, from, id, &segment.text)
            }
            Source::New => {
                report.added.push(segment.id.clone());
                Entry {
                    msgctxt: Some(PoString::new(id)),
                    msgid: PoString::new(segment.text.clone()),
                    ..Entry::default()
                }
            }
        };
        entries.push(entry);
    }
    let ids: HashSet<&str> = pairs.iter().map(|(id, _)| *id).collect();
    for (i, entry) in old.iter().enumerate() {
        if alignment.used[i] {
            continue;
        }
        let mut entry = entry.clone();
        if let Some(ctxt) = entry.msgctxt.as_ref().filter(|_| !entry.obsolete) {
            let id = ctxt.value.clone();
            if refresh {
                let holds_nothing = entry.msgstr.value.is_empty()
                    && entry.msgstr_plural.iter().all(|s| s.value.is_empty())
                    && entry.translator_comments.is_empty();
                if holds_nothing {
                    report.dropped += 1;
                    continue;
                }
                entry.obsolete = true;
            } else {
                // Kept active unless its id is now another entry's.
                entry.obsolete = ids.contains(id.as_str());
            }
            if entry.obsolete {
                report.obsoleted.push(id);
            }
        }
        entries.push(entry);
    }
    let catalog = Catalog {
        header,
        entries,
        ..Catalog::default()
    };
    (catalog, report)
}

/// The `fuzzy` draft for a segment (`id`, `text`) made from old entries `from` (one for an
/// edited sentence, several for merged ones).
fn draft(old: &[Entry], from: &[usize], id: &str, text: &str) -> Entry {
    let parts: Vec<&Entry> = from.iter().filter_map(|&i| old.get(i)).collect();
    let Some(first) = parts.first() else {
        return Entry {
            msgctxt: Some(PoString::new(id)),
            msgid: PoString::new(text),
            ..Entry::default()
        };
    };
    if first.msgid.value == text && parts.len() == 1 {
        let mut entry = (*first).clone();
        entry.msgctxt = Some(PoString::new(id));
        return entry;
    }
    // The text a translation was made from: its `#| msgid` if it is already a draft.
    let made_from = |e: &Entry| -> String {
        match &e.previous_msgid {
            Some(p) if e.is_fuzzy() => p.value.clone(),
            _ => e.msgid.value.clone(),
        }
    };
    let mut entry = Entry {
        msgctxt: Some(PoString::new(id)),
        msgid: PoString::new(text),
        ..Entry::default()
    };
    let mut flags = vec!["fuzzy".to_owned()];
    for e in &parts {
        for c in &e.translator_comments {
            if !entry.translator_comments.iter().any(|k| k.text == c.text) {
                entry.translator_comments.push(c.clone());
            }
        }
        for c in &e.extracted_comments {
            if !entry.extracted_comments.iter().any(|k| k.text == c.text) {
                entry.extracted_comments.push(c.clone());
            }
        }
        for c in &e.references {
            if !entry.references.iter().any(|k| k.text == c.text) {
                entry.references.push(c.clone());
            }
        }
        for f in &e.flags {
            if !flags.contains(f) {
                flags.push(f.clone());
            }
        }
    }
    entry.flags = flags;
    let join = |f: &dyn Fn(&Entry) -> String| -> String {
        parts
            .iter()
            .map(|e| f(e))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    entry.previous_msgid = Some(PoString::new(join(&made_from)));
    entry.msgstr = PoString::new(join(&|e: &Entry| e.msgstr.value.clone()));
    // Where it came from, when that was another segment (as `msgmerge --previous` writes it).
    let previous_ctxt = match (parts.as_slice(), first.previous_msgctxt.as_ref()) {
        ([one], Some(p)) if one.is_fuzzy() && one.previous_msgid.is_some() => Some(p.clone()),
        ([one], _) => one.msgctxt.clone(),
        _ => None,
    };
    entry.previous_msgctxt = previous_ctxt.filter(|c| c.value != id);
    entry
}

/// Writes the translation file of `source` into `lang`: [`update_catalog`] then [`write_po`].
///
/// Re-running it on its own output changes nothing (the file is stable), and with
/// [`Update::Keep`] no text a translator wrote is changed.
pub fn to_po(source: &Document, existing: Option<&Catalog>, lang: &Lang, mode: Update) -> String {
    write_po(&update_catalog(source, existing, lang, mode))
}

#[cfg(test)]
mod tests {
    use dayglot_core::Span;
    use proptest::prelude::*;

    use super::*;
    use crate::parse_po;

    fn po_string() -> impl Strategy<Value = PoString> {
        any::<String>().prop_map(PoString::new)
    }

    fn comment() -> impl Strategy<Value = Comment> {
        "[^\r\n]{0,16}".prop_map(Comment::new)
    }

    fn entry() -> impl Strategy<Value = Entry> {
        (
            prop::collection::vec(comment(), 0..3),
            prop::collection::vec(comment(), 0..2),
            prop::collection::vec(comment(), 0..2),
            prop::collection::vec("[a-z-]{1,8}", 0..3),
            prop::option::of(po_string()),
            "[a-z0-9.]{1,10}".prop_map(PoString::new),
            ".+".prop_map(PoString::new),
            po_string(),
            any::<bool>(),
        )
            .prop_map(
                |(tc, ec, refs, flags, prev, ctxt, msgid, msgstr, obsolete)| Entry {
                    translator_comments: tc,
                    extracted_comments: ec,
                    references: refs,
                    flags,
                    previous_msgid: prev,
                    msgctxt: Some(ctxt),
                    msgid,
                    msgstr,
                    obsolete,
                    ..Entry::default()
                },
            )
    }

    /// The catalog with every span zeroed, to compare content only.
    fn without_spans(mut c: Catalog) -> Catalog {
        fn strip(e: &mut Entry) {
            e.span = Span::default();
            for s in [
                &mut e.previous_msgctxt,
                &mut e.previous_msgid,
                &mut e.previous_msgid_plural,
                &mut e.msgctxt,
                &mut e.msgid_plural,
            ]
            .into_iter()
            .flatten()
            {
                s.span = Span::default();
            }
            e.msgid.span = Span::default();
            e.msgstr.span = Span::default();
            e.msgstr_plural
                .iter_mut()
                .for_each(|s| s.span = Span::default());
            for list in [
                &mut e.translator_comments,
                &mut e.extracted_comments,
                &mut e.references,
            ] {
                list.iter_mut().for_each(|c| c.span = Span::default());
            }
        }
        c.header.iter_mut().for_each(strip);
        c.entries.iter_mut().for_each(strip);
        c.span = Span::default();
        c.language_span = None;
        c
    }

    proptest! {
        #[test]
        fn parse_of_write_is_identity(
            header in prop::option::of(po_string()),
            entries in prop::collection::vec(entry(), 0..6),
        ) {
            let header = header.map(|msgstr| Entry { msgstr, ..Entry::default() });
            let catalog = Catalog { header, entries, ..Catalog::default() };
            let text = write_po(&catalog);
            let parsed = parse_po(&text);
            // Repeated ids are reported but kept, so only those diagnostics may appear.
            prop_assert!(parsed.diagnostics.iter().all(|d| d.code == "po::duplicate-id" || d.code == "po::bad-header"), "{:?}\n{}", parsed.diagnostics, text);
            prop_assert_eq!(without_spans(parsed.catalog), catalog, "{}", text);
        }
    }
}
