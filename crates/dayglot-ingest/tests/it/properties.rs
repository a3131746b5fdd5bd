//! Properties: no input makes the parser panic, and nothing of the input is lost.

use dayglot_core::{Lang, Span};
use dayglot_ingest::Format;
use proptest::prelude::*;

use crate::parse;

/// Lines that look like the pieces of a real summary, in any order.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(
            "Day 686 of the invasion of Ukraine. Summary of key events in the last 24 hours:"
                .to_owned()
        ),
        Just("- Zelensky visits Lithuania".to_owned()),
        Just("# Day 1,459".to_owned()),
        Just("## A heading".to_owned()),
        Just("Zelensky said \"it works. It does.\" Then he left.".to_owned()),
        Just("Text pic.twitter.com/x — A (@b) January 9, 2024".to_owned()),
        Just("***".to_owned()),
        Just("\"unclosed quote. Next.".to_owned()),
        // Lines of real pages: furniture, other bullets, labels, framed and bold headings.
        Just("Start reading".to_owned()),
        Just("Snow in Kyiv. Photograph: AFP/Getty Images".to_owned()),
        Just("Protesters in Poland [Wojtek Radwanski/AFP]".to_owned()),
        Just("21:47".to_owned()),
        Just("  • Kyiv was shelled. Two died.".to_owned()),
        Just("— Zelensky visits Lithuania".to_owned()),
        Just("The military situation:".to_owned()),
        Just("– Ruble up, oil down –".to_owned()),
        Just("**Politics and diplomacy**".to_owned()),
        Just("Russia-Ukraine war: List of key events, day 686".to_owned()),
        Just("Here is the situation on Wednesday, January 10, 2024.".to_owned()),
        Just("Jane Doe".to_owned()),
        Just("BNT BNT NEWS BNT Sport".to_owned()),
        "[\\PC\u{a0}\r\t]{0,40}",
        any::<String>(),
    ]
}

/// Every letter or digit of the input is inside a span of the model or of a diagnostic.
fn assert_nothing_lost(text: &str, format: Format) {
    let lang = Lang::parse("en").expect("en");
    let out = parse(text, &lang, format, None);
    let doc = &out.document;
    let mut spans: Vec<Span> = doc.segments().iter().map(|s| s.span).collect();
    spans.extend(
        doc.sections
            .iter()
            .filter_map(|s| s.heading.as_ref().map(|h| h.span)),
    );
    spans.extend(doc.posts.iter().map(|p| p.span));
    spans.extend(out.diagnostics.iter().map(|d| d.span));
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            assert!(
                spans.iter().any(|s| s.start <= i && i < s.end),
                "{c:?} at byte {i} of {text:?} is lost"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_and_loses_nothing(text in any::<String>()) {
        assert_nothing_lost(&text, Format::PlainText);
        assert_nothing_lost(&text, Format::Markdown);
    }

    #[test]
    fn summary_shaped_lines_lose_nothing(lines in proptest::collection::vec(line(), 0..30), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        assert_nothing_lost(&text, Format::PlainText);
        assert_nothing_lost(&text, Format::Markdown);
    }
}

#[test]
fn a_large_input_finishes() {
    // 50 MB of paragraphs: linear time, memory proportional to the input.
    let para = "Ukrainian President Volodymyr Zelensky arrived today in Vilnius, Reuters reported. He met Dr. Smith.\n\n";
    let mut text =
        String::from("Day 686 of the invasion of Ukraine. Summary:\n\nOne headline\n\n\n\n");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(para);
    }
    let lang = Lang::parse("en").expect("en");
    let out = parse(&text, &lang, Format::PlainText, None);
    assert!(out.document.sections[0].paragraphs.len() > 400_000);
}
