//! XLIFF 2.0 export, so that a translator can work in a CAT tool.

use std::io;

use dayglot_core::{Document, Lang};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::apply::{SegmentState, apply};
use crate::catalog::Catalog;

/// The XLIFF 2.0 namespace.
const XLIFF_NS: &str = "urn:oasis:names:tc:xliff:document:2.0";

/// Exports the translation of `source` into `lang` as an XLIFF 2.0 document: one `<unit>` per
/// segment in reading order (`id` = segment id), with the current source text, the translation
/// as `<target>` when there is one, and the translator's note as a `<note>`.
///
/// States: translated → `state="translated"`; needs review → `state="initial"
/// subState="dayglot:needs-review"`; stale → `state="initial" subState="dayglot:stale"` with the
/// old translation as target and the old source in a `<note category="dayglot:old-source">`;
/// missing or empty → `state="initial"` without target. Every text and attribute is escaped;
/// characters XML 1.0 cannot carry (most C0 controls) become U+FFFD.
pub fn to_xliff(source: &Document, catalog: &Catalog, lang: &Lang) -> String {
    match write(source, catalog, lang) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        // Writing to memory cannot fail; say so in the output rather than panic.
        Err(e) => format!(
            "<!-- XLIFF export failed: {} -->\n",
            xml_safe(&e.to_string()).replace("--", "- -")
        ),
    }
}

fn write(source: &Document, catalog: &Catalog, lang: &Lang) -> io::Result<Vec<u8>> {
    let translation = apply(source, catalog, lang.clone());
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let file_id = source
        .day
        .map_or_else(|| "day".to_owned(), |d| format!("day-{d}"));
    let src_lang = source.lang.to_string();
    let trg_lang = lang.to_string();
    w.create_element("xliff")
        .with_attributes([
            ("xmlns", XLIFF_NS),
            ("version", "2.0"),
            ("srcLang", src_lang.as_str()),
            ("trgLang", trg_lang.as_str()),
        ])
        .write_inner_content(|w| {
            w.create_element("file")
                .with_attribute(("id", file_id.as_str()))
                .write_inner_content(|w| {
                    for segment in source.segments() {
                        let entry = catalog.get(&segment.id);
                        let state = translation.state(&segment.id);
                        let note = translation.notes.get(&segment.id);
                        let (state_attr, sub_state) = match state {
                            SegmentState::Translated => ("translated", None),
                            SegmentState::NeedsReview => ("initial", Some("dayglot:needs-review")),
                            SegmentState::Stale { .. } => ("initial", Some("dayglot:stale")),
                            SegmentState::Missing | SegmentState::Empty => ("initial", None),
                        };
                        let target = match state {
                            SegmentState::Translated
                            | SegmentState::NeedsReview
                            | SegmentState::Stale { .. } => entry.map(|e| e.msgstr.value.as_str()),
                            SegmentState::Missing | SegmentState::Empty => None,
                        };
                        let old_source = match state {
                            SegmentState::Stale { old_source, .. } => Some(old_source.as_str()),
                            _ => None,
                        };
                        w.create_element("unit")
                            .with_attribute(("id", segment.id.as_str()))
                            .write_inner_content(|w| {
                                if note.is_some() || old_source.is_some() {
                                    w.create_element("notes").write_inner_content(|w| {
                                        if let Some(note) = note {
                                            text_element(
                                                w,
                                                "note",
                                                Some(("category", "translator")),
                                                note,
                                            )?;
                                        }
                                        if let Some(old) = old_source {
                                            text_element(
                                                w,
                                                "note",
                                                Some(("category", "dayglot:old-source")),
                                                old,
                                            )?;
                                        }
                                        Ok(())
                                    })?;
                                }
                                let mut seg = w
                                    .create_element("segment")
                                    .with_attribute(("state", state_attr));
                                if let Some(sub) = sub_state {
                                    seg = seg.with_attribute(("subState", sub));
                                }
                                seg.write_inner_content(|w| {
                                    text_element(w, "source", None, &segment.text)?;
                                    if let Some(t) = target {
                                        text_element(w, "target", None, t)?;
                                    }
                                    Ok(())
                                })?;
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn text_element(
    w: &mut Writer<Vec<u8>>,
    name: &str,
    attr: Option<(&str, &str)>,
    text: &str,
) -> io::Result<()> {
    let mut el = w.create_element(name);
    if let Some(attr) = attr {
        el = el.with_attribute(attr);
    }
    let safe = xml_safe(text);
    el.write_text_content(BytesText::new(&safe))?;
    Ok(())
}

/// Replaces the characters XML 1.0 forbids with U+FFFD.
fn xml_safe(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}
