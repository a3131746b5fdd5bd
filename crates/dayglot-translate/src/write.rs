//! Writing PO files: a stable, diff-friendly text that keeps everything translators wrote.

use std::collections::BTreeSet;

use dayglot_core::{Document, Lang};

use crate::catalog::{Catalog, Comment, Entry, PoString};

/// How [`update_catalog`] treats entries whose source text changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Update {
    /// Change nothing that a translator wrote: a stale entry keeps its old `msgid` (so that it
    /// stays reported stale); only entries for new segments are added, with an empty `msgstr`.
    #[default]
    Keep,
    /// The gettext way (`msgmerge`): a stale entry gets the new source as `msgid`, the old one as
    /// `#| msgid`, and the `fuzzy` flag, so that it is reported as needing review with the old
    /// and new source; entries for segments the source no longer has become obsolete (`#~`).
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
/// reading order (an existing entry is kept with its translation, comments and flags; a new
/// segment gets an entry with an empty `msgstr`), then the entries that match no segment, in
/// their old order. What happens to changed and removed segments is chosen by `mode`.
/// Without `existing`, a new catalog with a header (`Language: <lang>`) is made.
pub fn update_catalog(
    source: &Document,
    existing: Option<&Catalog>,
    lang: &Lang,
    mode: Update,
) -> Catalog {
    let header = match existing {
        Some(c) => c.header.clone(),
        None => Some(new_header(source, lang)),
    };
    let old: &[Entry] = existing.map_or(&[], |c| c.entries.as_slice());
    let mut used = BTreeSet::new();
    let mut entries = Vec::new();
    for segment in source.segments() {
        let found = old.iter().enumerate().find(|(i, e)| {
            !e.obsolete
                && !used.contains(i)
                && e.msgctxt
                    .as_ref()
                    .is_some_and(|c| c.value == segment.id.as_str())
        });
        let Some((i, entry)) = found else {
            entries.push(Entry {
                msgctxt: Some(PoString::new(segment.id.as_str())),
                msgid: PoString::new(segment.text.clone()),
                ..Entry::default()
            });
            continue;
        };
        used.insert(i);
        let mut entry = entry.clone();
        if mode == Update::Refresh && entry.msgid.value != segment.text {
            if !(entry.is_fuzzy() && entry.previous_msgid.is_some()) {
                entry.previous_msgid = Some(PoString::new(entry.msgid.value.clone()));
            }
            entry.msgid = PoString::new(segment.text.clone());
            if !entry.is_fuzzy() {
                entry.flags.insert(0, "fuzzy".to_owned());
            }
        }
        entries.push(entry);
    }
    for (i, entry) in old.iter().enumerate() {
        if used.contains(&i) {
            continue;
        }
        let mut entry = entry.clone();
        if mode == Update::Refresh && entry.msgctxt.is_some() {
            entry.obsolete = true;
        }
        entries.push(entry);
    }
    Catalog {
        header,
        entries,
        ..Catalog::default()
    }
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
