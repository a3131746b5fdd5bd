//! Extraction from the fixture pages: snapshot of the plain text, and the day-686 page gives
//! the same document as the corpus.

use dayglot_core::json::DocumentJson;
use dayglot_core::{DayId, Lang, SourceFile};
use dayglot_fetch::{Block, decode_html, extract, to_plain_text};
use dayglot_ingest::{Format, Options, Project, ingest};

use crate::{fixture_bytes, repo_root};

/// Decodes and extracts a fixture page, snapshots its plain text, and returns it.
fn check(case: &str, expected_charset: &str) -> String {
    let bytes = fixture_bytes("extract", case, "page.html");
    let decoded = decode_html(&bytes, Some("text/html")).expect("the page decodes");
    assert_eq!(decoded.charset, expected_charset, "{case}");
    assert_eq!(
        decoded.problem, None,
        "{case}: the page declares its charset correctly"
    );
    let extracted = extract(&decoded.text, "https://news.example/world/");
    let text = to_plain_text(&extracted);
    insta::with_settings!({ snapshot_suffix => case }, {
        insta::assert_snapshot!("plain_text", text);
    });
    // No page chrome may leak into the text.
    for chrome in [
        "cookie",
        "Advertisement",
        "Реклама",
        "Share",
        "Facebook",
        "Copy link",
        "Read more",
        "Subscribe",
        "Прочетете",
        "Follow",
        "rights",
        "googletag",
        "window.",
        "Illustration",
        "Ledger staff",
        "World",
        "Search",
        "Търсене",
        "Пошук",
    ] {
        assert!(
            !text.contains(chrome),
            "{case}: page chrome `{chrome}` leaked into the text:\n{text}"
        );
    }
    text
}

#[test]
fn day_686_page_gives_the_corpus_text() {
    let text = check("day-686", "UTF-8");
    let corpus = std::fs::read_to_string(repo_root().join("corpus/day-686/source.en.txt"))
        .expect("corpus text");
    assert_eq!(
        text.trim_end(),
        corpus.trim_end(),
        "the extracted text differs from corpus/day-686/source.en.txt"
    );
}

#[test]
fn day_686_page_ingests_to_the_corpus_document() {
    let bytes = fixture_bytes("extract", "day-686", "page.html");
    let decoded = decode_html(&bytes, None).expect("decodes");
    let extracted = extract(&decoded.text, "https://news.example/");
    assert_eq!(extracted.lang.as_deref(), Some("en"));
    assert_eq!(extracted.headlines.len(), 5);
    assert_eq!(extracted.posts().count(), 1);
    assert_eq!(
        extracted.headings().count(),
        5,
        "every section has its heading in the page"
    );
    let text = to_plain_text(&extracted);

    let project = Project::open(&repo_root()).expect("the project opens");
    let day = DayId::parse("day-686").expect("day id");
    let corpus = project.load_day(day).expect("day-686 loads");
    let lang = Lang::parse("en").expect("en");
    let rules = project.language_rules(&lang).expect("rules");
    let mut options = Options::new(lang, &rules);
    options.format = Some(Format::PlainText);
    options.series = Some(&project.config.series);
    options.expected_day = Some(686);
    let fetched = ingest(&text, &options);

    let expected = DocumentJson::new(
        &corpus.ingested.document,
        &[],
        &SourceFile::new(&corpus.source_path, &corpus.source_text),
    );
    let actual = DocumentJson::new(&fetched.document, &[], &SourceFile::new("fetched", &text));
    assert_eq!(actual, expected);
}

#[test]
fn windows_1251_page_is_decoded_from_its_meta() {
    let text = check("day-687-windows-1251", "windows-1251");
    assert!(text.starts_with(
        "Ден 687 от инвазията в Украйна. Обобщение на основните събития през последните 24 часа:\n"
    ));
}

#[test]
fn koi8_u_page_is_decoded_from_its_meta() {
    let text = check("day-688-koi8-u", "KOI8-U");
    assert!(
        text.contains("Ґрунтові дороги"),
        "Ґ and ґ are KOI8-U's own letters"
    );
}

#[test]
fn a_page_without_article_markup_still_gives_its_paragraphs() {
    let page = "<html><body><div class=menu>Home</div><div id=main>\
                <p>Day 5 of the series. Summary:</p><ol><li>One</li><li>Two</li></ol>\
                <p>Text of one.</p><script>x()</script>Loose text<br>after a break.</div></body></html>";
    let out = extract(page, "http://127.0.0.1/");
    assert_eq!(out.title, None);
    assert_eq!(out.lead.as_deref(), Some("Day 5 of the series. Summary:"));
    assert_eq!(out.headlines, ["One", "Two"]);
    assert_eq!(
        out.blocks,
        [
            Block::Paragraph("Text of one.".into()),
            Block::Paragraph("Loose text after a break.".into())
        ]
    );
    assert!(
        out.notes.iter().any(|n| n.contains("no <article>")),
        "{:?}",
        out.notes
    );
}

#[test]
fn a_hostile_nesting_depth_does_not_overflow_the_stack() {
    let page = format!(
        "<html><body><article><h1>Day 9</h1>{}<p>deep</p></article></body></html>",
        "<div>".repeat(3_000)
    );
    let out = extract(&page, "http://127.0.0.1/");
    assert_eq!(out.title.as_deref(), Some("Day 9"));
    assert!(
        out.notes.iter().any(|n| n.contains("more than 256 deep")),
        "{:?}",
        out.notes
    );
}
