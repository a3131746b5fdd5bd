//! Integration tests of dayglot-translate: PO fixtures with snapshots of their diagnostics, and
//! the write/apply/XLIFF contracts on a small document.

mod realign;

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

/// The translations of day 686, compiled in (cargo rebuilds the tests when they change).
const CORPUS_PO: [(&str, &str); 3] = [
    ("bg.po", include_str!("../../../../corpus/day-686/bg.po")),
    ("uk.po", include_str!("../../../../corpus/day-686/uk.po")),
    ("de.po", include_str!("../../../../corpus/day-686/de.po")),
];

fn lang(tag: &str) -> Lang {
    Lang::parse(tag).expect("valid tag")
}

/// Parses one fixture, applies it to [`source`] as `bg`, and renders everything a translator
/// would be told: parse diagnostics, apply findings and the state of every segment.
#[allow(clippy::disallowed_methods, reason = "a test reads its fixture files")]
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
    for (name, text) in CORPUS_PO {
        let parsed = parse_po(text);
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

/// Wraps one comment text the way polib writes a translator comment longer than `width`
/// (Python's `textwrap.wrap(text, width, initial_indent="# ", subsequent_indent="# ",
/// break_long_words=False)`): at spaces, and after a hyphen inside a word.
fn wrap_comment(text: &str, width: usize) -> Vec<String> {
    if text.chars().count() + 2 <= width {
        return vec![format!("# {text}")];
    }
    let mut lines = Vec::new();
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        // A word breaks after each hyphen between two letters or digits.
        let mut chunks = Vec::new();
        let mut start = 0;
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        for w in chars.windows(3) {
            if w[1].1 == '-' && w[0].1.is_alphanumeric() && w[2].1.is_alphanumeric() {
                chunks.push(&word[start..w[2].0]);
                start = w[2].0;
            }
        }
        chunks.push(&word[start..]);
        for (k, chunk) in chunks.into_iter().enumerate() {
            let sep = if k == 0 { " " } else { "" };
            if line.chars().count() + sep.len() + chunk.chars().count() > width && line != "#" {
                lines.push(std::mem::replace(&mut line, format!("# {chunk}")));
            } else {
                line.push_str(if line == "#" { " " } else { sep });
                line.push_str(chunk);
            }
        }
    }
    lines.push(line);
    lines
}

#[test]
fn acceptance_reasons_survive_comments_wrapped_at_78_columns() {
    // The wrapping agrees with Python's textwrap (outputs checked with Python 3.11).
    assert_eq!(
        wrap_comment(
            "dayglot-accept: check::quote-count the state-run agency",
            47
        ),
        [
            "# dayglot-accept: check::quote-count the state-",
            "# run agency"
        ]
    );
    assert_eq!(
        wrap_comment("aaaa bbbb-cccc", 12),
        ["# aaaa bbbb-", "# cccc"]
    );

    let mut total = 0;
    let mut wrapped_lines = 0;
    for (name, text) in CORPUS_PO {
        let mut rewrapped = String::new();
        for line in text.lines() {
            match line.strip_prefix("# ") {
                Some(comment) => {
                    let lines = wrap_comment(comment, 78);
                    wrapped_lines += lines.len() - 1;
                    for l in lines {
                        assert!(l.chars().count() <= 78 || !l.contains(' '), "{l}");
                        rewrapped.push_str(&l);
                        rewrapped.push('\n');
                    }
                }
                None => {
                    rewrapped.push_str(line);
                    rewrapped.push('\n');
                }
            }
        }
        let accepted = |po: &str| -> Vec<(String, String, String)> {
            let parsed = parse_po(po);
            assert!(
                parsed.diagnostics.is_empty(),
                "{name}: {:?}",
                parsed.diagnostics
            );
            parsed
                .catalog
                .entries
                .iter()
                .flat_map(|e| {
                    let id = e
                        .msgctxt
                        .as_ref()
                        .map(|c| c.value.clone())
                        .unwrap_or_default();
                    e.acceptances()
                        .into_iter()
                        .map(move |a| (id.clone(), a.code, a.reason))
                })
                .collect()
        };
        let before = accepted(text);
        let after = accepted(&rewrapped);
        assert!(before.iter().all(|(_, _, reason)| !reason.is_empty()));
        assert_eq!(after, before, "{name}");
        total += before.len();
    }
    // Day 686 has 8 acceptances in HEAD (more may be added); every one was wrapped.
    assert!(total >= 8, "{total}");
    assert!(wrapped_lines >= total, "{wrapped_lines}");
}

#[test]
fn a_fuzzy_draft_is_not_done() {
    let doc = source();
    let mut po = String::from("msgid \"\"\nmsgstr \"Language: bg\\n\"\n");
    for (k, segment) in doc.segments().iter().enumerate() {
        let flag = if k == 2 { "#, fuzzy\n" } else { "" };
        let msgid = segment.text.replace('"', "\\\"");
        po.push_str(&format!(
            "\n{flag}msgctxt \"{}\"\nmsgid \"{msgid}\"\nmsgstr \"превод {k}\"\n",
            segment.id
        ));
    }
    let parsed = parse_po(&po);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let t = apply(&doc, &parsed.catalog, lang("bg"));
    let fuzzy = &doc.segments()[2].id;
    assert_eq!(t.state(fuzzy), &SegmentState::NeedsReview);
    assert!(!t.state(fuzzy).is_done());
    assert_eq!((t.counts.needs_review, t.counts.unfinished()), (1, 1));
    assert!(!t.counts.is_complete());
    assert_eq!(t.counts.translated, doc.segments().len() - 1);
    assert!(
        t.findings
            .iter()
            .any(|d| d.code == "po::needs-review" && d.message.contains(fuzzy.as_str()))
    );
}
