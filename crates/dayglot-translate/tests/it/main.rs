//! Integration tests of dayglot-translate: PO fixtures with snapshots of their diagnostics, and
//! the write/apply/XLIFF contracts on a small document.

use dayglot_core::{
    Document, Lang, Paragraph, Post, Section, Segment, SegmentId, SourceFile, Span,
    render_diagnostics,
};
use dayglot_translate::{
    Catalog, SegmentState, Update, apply, parse_po, to_po, to_xliff, write_po,
};

/// A small source document: title, lead, one headline, one section that tells it, one post.
fn source() -> Document {
    let seg = |id: SegmentId, text: &str| Segment::plain(id, text, Span::default());
    Document {
        day: Some(1),
        date: None,
        lang: lang("en"),
        title: Some(seg(SegmentId::title(), "Day 1 of the test.")),
        lead: Some(seg(SegmentId::lead(), "Summary:")),
        headlines: vec![seg(SegmentId::headline(1), "Something happened")],
        sections: vec![Section {
            id: "s1".into(),
            heading: Some(seg(SegmentId::heading(1), "Something happened")),
            headline: Some(0),
            paragraphs: vec![Paragraph {
                segments: vec![
                    seg(SegmentId::sentence(1, 1, 1), "First sentence."),
                    seg(SegmentId::sentence(1, 1, 2), "He said \"hello\"."),
                ],
                span: Span::default(),
            }],
        }],
        posts: vec![Post {
            text: seg(SegmentId::post(1), "A post <b>&</b> ]]> text"),
            link: None,
            author: None,
            handle: None,
            date: None,
            section: Some(0),
            span: Span::default(),
        }],
    }
}

fn lang(tag: &str) -> Lang {
    Lang::parse(tag).expect("valid tag")
}

/// Parses one fixture, applies it to [`source`] as `bg`, and renders everything a translator
/// would be told: parse diagnostics, apply findings and the state of every segment.
fn check(path: &std::path::Path) -> String {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    let case = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let shown = format!("fixtures/po/{case}/bg.po");
    let parsed = parse_po(&text);
    let doc = source();
    let translation = apply(&doc, &parsed.catalog, lang("bg"));
    let file = SourceFile::new(&shown, &text);
    let mut out = String::from("== parse\n");
    out.push_str(&render_diagnostics(&file, &parsed.diagnostics));
    out.push_str("== apply\n");
    let findings: Vec<_> = translation
        .findings
        .iter()
        .filter(|d| d.code != "po::missing")
        .cloned()
        .collect();
    out.push_str(&render_diagnostics(&file, &findings));
    out.push_str("== states\n");
    for segment in doc.segments() {
        let state = translation.state(&segment.id);
        out.push_str(&format!("{}: {}", segment.id, state.name()));
        if let Some(accepted) = translation.acceptances.get(&segment.id) {
            for a in accepted {
                out.push_str(&format!(" [accepts {}: {}]", a.code, a.reason));
            }
        }
        if let Some(note) = translation.notes.get(&segment.id) {
            out.push_str(&format!(" [note: {note}]"));
        }
        out.push('\n');
    }
    out.push_str(&format!("{:?}\n", translation.counts));
    out
}

#[test]
fn malformed_po_fixtures() {
    insta::glob!("../../fixtures/po", "*/input.po", |path| {
        insta::assert_snapshot!(check(path));
    });
}

#[test]
fn translated_document_replaces_text_and_falls_back_visibly() {
    let po = "msgid \"\"\nmsgstr \"Language: bg\\n\"\n\nmsgctxt \"title\"\nmsgid \"Day 1 of the test.\"\nmsgstr \"Ден 1 от теста.\"\n\n\
              msgctxt \"h1\"\nmsgid \"Something happened\"\nmsgstr \"Нещо се случи\"\n\n\
              msgctxt \"s1.p1.1\"\nmsgid \"First sentence, old.\"\nmsgstr \"Първо изречение.\"\n";
    let parsed = parse_po(po);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let doc = source();
    let t = apply(&doc, &parsed.catalog, lang("bg"));
    assert_eq!(t.document.lang, lang("bg"));
    assert_eq!(
        t.document.title.as_ref().map(|s| s.text.as_str()),
        Some("Ден 1 от теста.")
    );
    // The section heading repeats h1, so it takes h1's translation.
    assert_eq!(
        t.document.sections[0]
            .heading
            .as_ref()
            .map(|s| s.text.as_str()),
        Some("Нещо се случи")
    );
    // Stale: the source text is published, and the old and new source are kept.
    let first = &t.document.sections[0].paragraphs[0].segments[0];
    assert_eq!(first.text, "First sentence.");
    assert_eq!(
        t.state(&SegmentId::sentence(1, 1, 1)),
        &SegmentState::Stale {
            old_source: "First sentence, old.".into(),
            new_source: "First sentence.".into()
        }
    );
    assert_eq!(t.state(&SegmentId::lead()), &SegmentState::Missing);
    assert_eq!(
        (t.counts.translated, t.counts.stale, t.counts.missing),
        (2, 1, 3)
    );
    assert!(!t.counts.is_complete());
}

#[test]
fn to_po_makes_a_stable_file_with_empty_entries_for_new_segments() {
    let doc = source();
    let first = to_po(&doc, None, &lang("de"), Update::Keep);
    insta::assert_snapshot!(first);
    let parsed = parse_po(&first);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let again = to_po(&doc, Some(&parsed.catalog), &lang("de"), Update::Keep);
    assert_eq!(first, again, "writing is stable");
    let t = apply(&doc, &parsed.catalog, lang("de"));
    assert_eq!(t.counts.empty, doc.segments().len());
}

#[test]
fn keep_never_touches_a_stale_entry_and_refresh_marks_it_fuzzy() {
    let po = "msgid \"\"\nmsgstr \"Language: bg\\n\"\n\n# Kept note.\nmsgctxt \"s1.p1.1\"\nmsgid \"First sentence, old.\"\nmsgstr \"Първо изречение.\"\n\n\
              msgctxt \"s7.p1.1\"\nmsgid \"Gone.\"\nmsgstr \"Няма го.\"\n";
    let catalog = parse_po(po).catalog;
    let doc = source();
    let kept = to_po(&doc, Some(&catalog), &lang("bg"), Update::Keep);
    assert!(kept.contains("# Kept note.\nmsgctxt \"s1.p1.1\"\nmsgid \"First sentence, old.\"\nmsgstr \"Първо изречение.\"\n"), "{kept}");
    assert!(kept.contains("\nmsgctxt \"s7.p1.1\""), "{kept}");
    let refreshed = to_po(&doc, Some(&catalog), &lang("bg"), Update::Refresh);
    insta::assert_snapshot!(refreshed);
    let t = apply(&doc, &parse_po(&refreshed).catalog, lang("bg"));
    assert_eq!(
        t.state(&SegmentId::sentence(1, 1, 1)),
        &SegmentState::NeedsReview
    );
    assert_eq!((t.counts.obsolete, t.counts.unknown), (1, 0));
}

#[test]
fn xliff_export_escapes_and_carries_states() {
    let po = "msgid \"\"\nmsgstr \"Language: bg\\n\"\n\n# Note with <tag> & \"quotes\".\nmsgctxt \"title\"\nmsgid \"Day 1 of the test.\"\nmsgstr \"Ден 1 <script>alert(1)</script> ]]> & \\\"x\\\"\"\n\n\
              msgctxt \"s1.p1.1\"\nmsgid \"Old.\"\nmsgstr \"Старо.\"\n";
    let catalog = parse_po(po).catalog;
    let xml = to_xliff(&source(), &catalog, &lang("bg"));
    assert!(!xml.contains("<script>"), "{xml}");
    assert!(!xml.contains("]]>"), "{xml}");
    insta::assert_snapshot!(xml);
}

#[test]
fn write_po_reproduces_the_real_translations_byte_for_byte() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/day-686");
    for name in ["bg.po", "uk.po", "de.po"] {
        let text = std::fs::read_to_string(corpus.join(name)).expect("corpus file");
        let parsed = parse_po(&text);
        assert!(
            parsed.diagnostics.is_empty(),
            "{name}: {:?}",
            parsed.diagnostics
        );
        assert_eq!(parsed.catalog.entries.len(), 67, "{name}");
        assert_eq!(
            write_po(&parsed.catalog),
            text,
            "{name} is not written back as it was read"
        );
    }
}

#[test]
fn empty_input_is_an_empty_catalog() {
    let parsed = parse_po("");
    assert_eq!(parsed.catalog, Catalog::default());
    assert!(parsed.diagnostics.is_empty());
}
