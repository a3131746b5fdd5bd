//! Extraction from the fixture pages: snapshot of the plain text, and the day-686 page gives
//! the same document as the corpus.

use dayglot_fetch::{Block, decode_html, extract, to_plain_text};

use crate::fixture_bytes;
use crate::model::{assert_same_as_corpus, assert_same_as_expected, assert_same_model_as_corpus};

/// Decodes and extracts a fixture page, snapshots its plain text, and returns it.
fn check(case: &str, expected_charset: &str) -> String {
    let text = check_chrome(case, expected_charset);
    insta::with_settings!({ snapshot_suffix => case }, {
        insta::assert_snapshot!("plain_text", text);
    });
    text
}

/// Decodes and extracts a fixture page, checks that no page chrome leaked into its plain text,
/// and returns it.
fn check_chrome(case: &str, expected_charset: &str) -> String {
    let bytes = fixture_bytes("extract", case, "page.html");
    let decoded = decode_html(&bytes, Some("text/html")).expect("the page decodes");
    assert_eq!(decoded.charset, expected_charset, "{case}");
    assert_eq!(
        decoded.problem, None,
        "{case}: the page declares its charset correctly"
    );
    let extracted = extract(&decoded.text, "https://news.example/world/");
    let text = to_plain_text(&extracted);
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
    assert_same_as_corpus("day-686", &text);
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
    assert_eq!(extracted.furniture, ["Illustration"]);
    assert_same_model_as_corpus("day-686", &to_plain_text(&extracted));
}

/// A page presenting day-686 in another structure gives the corpus's text and model.
fn check_same_as_corpus(case: &str) -> dayglot_fetch::Extracted {
    let bytes = fixture_bytes("extract", case, "page.html");
    let decoded = decode_html(&bytes, None).expect("decodes");
    assert_eq!(decoded.problem, None, "{case}");
    let extracted = extract(&decoded.text, "https://news.example/");
    let text = check_chrome(case, "UTF-8");
    assert_eq!(to_plain_text(&extracted), text);
    assert_same_as_corpus(case, &text);
    assert_same_model_as_corpus(case, &text);
    assert_eq!(extracted.headlines.len(), 5, "{case}");
    assert_eq!(extracted.posts().count(), 1, "{case}");
    extracted
}

#[test]
fn labelled_ol_with_h3_sections_captions_and_a_wordpress_embed() {
    let out = check_same_as_corpus("day-686-labelled-ol");
    assert_eq!(
        out.title.as_deref(),
        Some("Day 686 of the invasion of Ukraine")
    );
    assert!(
        out.furniture.iter().any(|f| f == "Key events"),
        "{:?}",
        out.furniture
    );
    for furniture in [
        "By Ledger staff, January 10, 2024",
        "Photo: AFP",
        "Debris of a North Korean missile in Kharkiv, January 6",
    ] {
        assert!(
            out.furniture.iter().any(|f| f == furniture),
            "{furniture}: {:?}",
            out.furniture
        );
    }
    assert!(
        out.furniture
            .iter()
            .any(|f| f.starts_with("Volodymyr Zelensky during his overnight")),
        "the figure caption is furniture: {:?}",
        out.furniture
    );
}

#[test]
fn br_bullets_under_a_bold_label_with_bold_paragraph_headings() {
    let out = check_same_as_corpus("day-686-br-bullets");
    assert_eq!(
        out.headlines.first().map(String::as_str),
        Some("The Russian defense industry is visibly slowing down, Zelensky said"),
        "the bullet is not part of the headline"
    );
    assert_eq!(
        out.furniture,
        [
            "10.01.2024, 06:30",
            "By Ledger staff",
            "Key events:",
            "Volodymyr Zelensky in Kyiv",
            "Photo: Reuters",
            "Photo: AP / Efrem Lukatsky",
            "Alexei Navalny in a Moscow court, 2021",
        ],
        "in reading order"
    );
}

#[test]
fn bullet_paragraphs_without_a_label_h4_sections_and_an_h2_title() {
    let out = check_same_as_corpus("day-686-bullet-paragraphs");
    assert_eq!(
        out.title.as_deref(),
        Some("Day 686 of the invasion of Ukraine.")
    );
    assert_eq!(out.headings().count(), 5);
    assert!(
        out.furniture
            .iter()
            .any(|f| f.contains("Dejan Beric in Donbas.")),
        "{:?}",
        out.furniture
    );
}

#[test]
fn title_and_lead_in_one_h1_and_sections_opened_by_bold_lead_ins() {
    let out = check_same_as_corpus("day-686-bold-lead-ins");
    assert_eq!(out.lead, None, "the lead is part of the <h1>");
    assert_eq!(
        out.headings().count(),
        5,
        "each bold lead-in repeats a headline"
    );
    for furniture in ["Ledger staff", "Zelensky and Nauseda in Vilnius (Reuters)"] {
        assert!(
            out.furniture.iter().any(|f| f == furniture),
            "{furniture}: {:?}",
            out.furniture
        );
    }
}

/// A shorter day-686 page in another language and charset gives its `expected.txt`, with
/// day-686's shape.
fn check_translated(
    case: &str,
    lang: &str,
    charset: &str,
    posts: usize,
) -> dayglot_fetch::Extracted {
    let bytes = fixture_bytes("extract", case, "page.html");
    let decoded = decode_html(&bytes, None).expect("decodes");
    assert_eq!(
        (decoded.charset, decoded.problem.as_ref()),
        (charset, None),
        "{case}"
    );
    let extracted = extract(&decoded.text, "https://news.example/");
    assert_eq!(extracted.lang.as_deref(), Some(lang), "{case}");
    let text = check_chrome(case, charset);
    assert_eq!(to_plain_text(&extracted), text);
    assert_same_as_expected(case, lang, &text, posts);
    extracted
}

#[test]
fn bulgarian_windows_1251_br_bullets_under_a_label_and_bold_headings() {
    let out = check_translated("day-686-bg-windows-1251", "bg", "windows-1251", 0);
    assert_eq!(out.title.as_deref(), Some("Ден 686 от инвазията в Украйна"));
    for furniture in [
        "Основни събития",
        "Автор: Редакцията",
        "Зеленски във Вилнюс",
        "Снимка: БТА",
    ] {
        assert!(
            out.furniture.iter().any(|f| f == furniture),
            "{furniture}: {:?}",
            out.furniture
        );
    }
}

#[test]
fn ukrainian_koi8_u_labelled_list_and_h5_sections() {
    let out = check_translated("day-686-uk-koi8-u", "uk", "KOI8-U", 0);
    assert_eq!(out.headings().count(), 5);
    for furniture in [
        "Головне за добу",
        "Фото: Укрінформ",
        "Володимир Зеленський. Фото: Офіс Президента",
    ] {
        assert!(
            out.furniture.iter().any(|f| f == furniture),
            "{furniture}: {:?}",
            out.furniture
        );
    }
}

#[test]
fn german_live_blog_digest_with_a_bold_label_and_a_tweet() {
    let out = check_translated("day-686-de", "de", "UTF-8", 1);
    for furniture in [
        "Das Wichtigste in Kürze:",
        "Kiew/Vilnius (dpa)",
        "Foto: Efrem Lukatsky/AP/dpa",
    ] {
        assert!(
            out.furniture.iter().any(|f| f == furniture),
            "{furniture}: {:?}",
            out.furniture
        );
    }
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

/// Extracts an inline page (`<article>` around `body`).
fn article(body: &str) -> dayglot_fetch::Extracted {
    extract(
        &format!("<html lang=en><body><article>{body}</article></body></html>"),
        "http://127.0.0.1/",
    )
}

#[test]
fn numbered_br_lines_are_the_headline_list() {
    let out = article(
        "<h1>Day 7</h1><p>Summary:</p><p>1. One thing<br>2. Another thing<br>3) A third</p>\
         <h2>One thing</h2><p>Text.</p>",
    );
    assert_eq!(out.lead.as_deref(), Some("Summary:"));
    assert_eq!(out.headlines, ["One thing", "Another thing", "A third"]);
    assert_eq!(
        to_plain_text(&out),
        "Day 7. Summary:\n\nOne thing\n\nAnother thing\n\nA third\n\n\n\nText.\n"
    );
}

#[test]
fn a_lone_label_is_the_lead_and_a_second_one_is_left_out() {
    let out = article("<h1>Day 7</h1><h2>Key events</h2><ul><li>A</li><li>B</li></ul><p>Text.</p>");
    assert_eq!(out.lead.as_deref(), Some("Key events"));
    assert_eq!(out.headlines, ["A", "B"]);
    let out = article(
        "<h1>Day 7</h1><p>What happened in the last 24 hours:</p><p><b>Key events</b></p>\
         <ul><li>A</li><li>B</li></ul><p>Text.</p>",
    );
    assert_eq!(
        out.lead.as_deref(),
        Some("What happened in the last 24 hours:")
    );
    assert_eq!(out.headlines, ["A", "B"]);
    assert_eq!(out.furniture, ["Key events"]);
    assert_eq!(out.blocks, [Block::Paragraph("Text.".into())]);
}

#[test]
fn a_list_after_the_body_has_started_is_body_text() {
    let out = article(
        "<h1>Day 7</h1><p>First paragraph of the story.</p><p>Second paragraph of it.</p>\
         <p>Third one.</p><ul><li>A</li><li>B</li></ul>",
    );
    assert!(out.headlines.is_empty());
    assert_eq!(out.paragraphs().count(), 5);
    assert!(
        out.notes.iter().any(|n| n.contains("no headline list")),
        "{:?}",
        out.notes
    );
}

#[test]
fn dialogue_dashes_in_the_body_stay_paragraphs_as_written() {
    let out = article(
        "<h1>Day 7</h1><ul><li>A</li></ul><h2>A</h2><p>– Ние сме доброволци.</p>\
         <p>– Искаме да се приберем.</p><p>Text<br>– one<br>– two</p>",
    );
    assert_eq!(out.headlines, ["A"]);
    assert_eq!(
        out.paragraphs().collect::<Vec<_>>(),
        [
            "– Ние сме доброволци.",
            "– Искаме да се приберем.",
            "Text",
            "– one",
            "– two"
        ]
    );
}

#[test]
fn the_title_and_lead_are_joined_with_the_title_s_own_punctuation() {
    let text = |title: &str| {
        to_plain_text(&article(&format!(
            "<h1>{title}</h1><p>Key events:</p><ul><li>A</li></ul>"
        )))
    };
    assert!(text("Day 7 of the war").starts_with("Day 7 of the war. Key events:\n"));
    assert!(text("Day 7 of the war.").starts_with("Day 7 of the war. Key events:\n"));
    assert!(text("Is it day 7?").starts_with("Is it day 7? Key events:\n"));
    assert!(text("Day 7:").starts_with("Day 7: Key events:\n"));
    assert!(text("\"Day 7.\"").starts_with("\"Day 7.\" Key events:\n"));
}

#[test]
fn inline_dates_and_emoji_images_are_text_and_content_boxes_are_not_furniture() {
    let out = article(
        "<h1>Day 7</h1><ul><li>A</li></ul><div class=\"story has-image\"><p>Russia fired missiles on \
         <time datetime=\"2024-01-06\">January 6</time>, officials said.</p>\
         <p>Kyiv <img class=\"emoji\" alt=\"🇺🇦\" src=\"/e.png\"> thanks its partners.</p></div>",
    );
    assert_eq!(
        out.paragraphs().collect::<Vec<_>>(),
        [
            "Russia fired missiles on January 6, officials said.",
            "Kyiv 🇺🇦 thanks its partners."
        ]
    );
    assert!(out.furniture.is_empty(), "{:?}", out.furniture);
}

#[test]
fn a_heading_that_is_the_metadata_title_is_the_title_without_an_h1() {
    let page = "<html><head><meta property=\"og:title\" content=\"Day 7 of the war\"></head><body>\
                <article><h3>Day 7 of the war</h3><p>Key events:</p><ul><li>A</li></ul>\
                <h3>A</h3><p>Text.</p></article></body></html>";
    let out = extract(page, "http://127.0.0.1/");
    assert_eq!(out.title.as_deref(), Some("Day 7 of the war"));
    assert_eq!(out.headings().collect::<Vec<_>>(), ["A"]);
    assert!(
        !out.notes.iter().any(|n| n.contains("metadata")),
        "{:?}",
        out.notes
    );
}

#[test]
fn a_bold_lead_in_that_repeats_a_headline_opens_its_section() {
    let out = article(
        "<h1>Day 7</h1><ul><li>Zelensky visits Vilnius</li><li>Missiles hit Kharkiv</li></ul>\
         <p><strong>Zelensky visits Vilnius.</strong> The president arrived today.</p>\
         <p><b>Missiles hit Kharkiv</b><br>Eleven people were wounded.</p>\
         <p><b>KYIV (Reuters) –</b> Other news.</p>",
    );
    assert_eq!(
        out.blocks,
        [
            Block::Heading("Zelensky visits Vilnius.".into()),
            Block::Paragraph("The president arrived today.".into()),
            Block::Heading("Missiles hit Kharkiv".into()),
            Block::Paragraph("Eleven people were wounded.".into()),
            Block::Paragraph("KYIV (Reuters) – Other news.".into()),
        ]
    );
    // The first heading repeats the first headline: the series leaves it out.
    assert!(
        to_plain_text(&out)
            .contains("\n\n\n\nThe president arrived today.\n\nMissiles hit Kharkiv\n\n")
    );
}

#[test]
fn broken_markup_never_panics() {
    for page in [
        "",
        "plain text",
        "<h1>",
        "<ul><li>• <li>-</ul><p>•<br>•<br>1.</p>",
        "<p><b></b><br><br></p><blockquote class=twitter-tweet></blockquote>",
        "<figure><blockquote class=twitter-tweet><p>x</p>— y</blockquote></figure>",
        "<article><h2 class=lead><h1>Day 1</h1></h2><p class=byline><a rel=author>",
        "<p>12345. x<br>99) y<br>– <br>—</p><img class=emoji>",
    ] {
        let out = extract(page, "not a url");
        let _ = to_plain_text(&out);
    }
}

#[test]
fn a_page_with_many_blocks_is_extracted_in_one_pass() {
    // 20 000 captions before the list and 20 000 paragraphs after it: quadratic work here
    // would take minutes.
    let page = format!(
        "<article><h1>Day 7</h1>{}<ul><li>A</li></ul>{}</article>",
        "<p class=caption>Photo: AP</p>".repeat(20_000),
        "<p>Text.</p><p><b>A</b> lead-in.</p>".repeat(10_000)
    );
    let out = extract(&page, "http://127.0.0.1/");
    assert_eq!(out.headlines, ["A"]);
    assert_eq!(out.furniture.len(), 20_000);
    assert_eq!(out.blocks.len(), 30_000);
}

#[test]
fn plain_br_lines_under_a_label_are_the_headline_list() {
    let out = article(
        "<h1>Day 7</h1><p class=subhead>Here is the situation on Wednesday.</p>\
         <p>Key events:<br>Zelensky visits Vilnius<br>Missiles hit Kharkiv<br>Is the front moving?</p>\
         <p>Zelensky arrived in Vilnius.<br>He met Nauseda.</p>",
    );
    assert_eq!(
        out.lead.as_deref(),
        Some("Here is the situation on Wednesday.")
    );
    assert_eq!(
        out.headlines,
        [
            "Zelensky visits Vilnius",
            "Missiles hit Kharkiv",
            "Is the front moving?"
        ]
    );
    assert_eq!(out.furniture, ["Key events:"]);
    assert_eq!(
        out.paragraphs().collect::<Vec<_>>(),
        ["Zelensky arrived in Vilnius. He met Nauseda."]
    );
}
