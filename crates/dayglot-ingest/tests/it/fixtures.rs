//! One folder per case under `fixtures/ingest/<case>/`: `input.<lang>.txt` or `input.<lang>.md`
//! (optionally `expected-day`). The snapshot holds the rendered diagnostics and the JSON model.

use std::path::Path;

use dayglot_core::json::DocumentJson;
use dayglot_core::{Lang, SourceFile, decode, render_diagnostics};
use dayglot_ingest::Format;

use crate::parse;

fn check(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("fixture is readable");
    let text = decode(&bytes).expect("fixture decodes");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("utf-8 file name");
    let mut parts = name.split('.');
    let (_, lang, ext) = (
        parts.next(),
        parts.next().expect("input.<lang>.<ext>"),
        parts.next().expect("extension"),
    );
    let lang = Lang::parse(lang).expect("valid lang in fixture name");
    let format = if ext == "md" {
        Format::Markdown
    } else {
        Format::PlainText
    };
    let expected_day = std::fs::read_to_string(path.with_file_name("expected-day"))
        .ok()
        .and_then(|s| s.trim().parse().ok());
    let out = parse(text, &lang, format, expected_day);
    let case = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .expect("case folder");
    let display = format!("fixtures/ingest/{case}/{name}");
    let file = SourceFile::new(&display, text);
    let json = DocumentJson::new(&out.document, &out.diagnostics, &file);
    format!(
        "--- diagnostics ---\n{}--- model ---\n{}\n",
        render_diagnostics(&file, &out.diagnostics),
        serde_json::to_string_pretty(&json).expect("model serialises")
    )
}

#[test]
fn ingest_fixtures() {
    insta::glob!("../../fixtures/ingest", "*/input.*", |path| {
        insta::assert_snapshot!(check(path));
    });
}

#[test]
fn every_variation_gives_the_same_structure() {
    // The bullet, line-ending and spacing variants of one small day must parse alike.
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ingest/dash-bullets/input.en.txt"),
    )
    .expect("fixture");
    let lang = Lang::parse("en").expect("en");
    let reference = parse(&base, &lang, Format::PlainText, None).document;
    for case in [
        "unicode-bullets",
        "star-bullets",
        "numbered-bullets",
        "bullets-blank-separated",
        "first-section-repeats-heading",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("fixtures/ingest/{case}/input.en.txt"));
        let text = std::fs::read_to_string(path).expect("fixture");
        let doc = parse(&text, &lang, Format::PlainText, None).document;
        assert_eq!(
            doc.headlines.iter().map(|h| &h.text).collect::<Vec<_>>(),
            reference
                .headlines
                .iter()
                .map(|h| &h.text)
                .collect::<Vec<_>>(),
            "{case}"
        );
        let shape = |d: &dayglot_core::Document| {
            d.sections
                .iter()
                .map(|s| (s.headline, s.paragraphs.len()))
                .collect::<Vec<_>>()
        };
        assert_eq!(shape(&doc), shape(&reference), "{case}");
    }
}
