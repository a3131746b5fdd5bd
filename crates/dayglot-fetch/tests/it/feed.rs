//! RSS 2.0 and Atom feeds with days in English and Bulgarian.

use dayglot_fetch::{FeedError, SeriesWords, parse_feed, series_day};
use dayglot_ingest::LanguageRules;

use crate::{fixture_bytes, repo_root};

/// The series words of English and Bulgarian, passed explicitly.
fn words() -> SeriesWords {
    SeriesWords::new([("en", "day"), ("en", "days"), ("bg", "ден"), ("bg", "дни")])
        .expect("the words compile")
}

/// `(day, language of the day word, entry language, link)`.
type Row = (Option<u32>, Option<String>, Option<String>, Option<String>);

/// Parses a fixture feed and returns a [`Row`] for every entry.
fn check(case: &str) -> Vec<Row> {
    let xml = String::from_utf8(fixture_bytes("feed", case, "feed.xml")).expect("UTF-8 feed");
    let xml = xml.replace("{{BASE}}", "http://127.0.0.1:9");
    let words = words();
    let entries = parse_feed(&xml, "http://127.0.0.1:9/feed.xml", &words).expect("the feed parses");
    entries
        .into_iter()
        .map(|e| {
            (
                e.day.map(|d| d.number),
                e.day.map(|d| d.lang.to_owned()),
                e.lang,
                e.link,
            )
        })
        .collect()
}

fn link(path: &str) -> Option<String> {
    Some(format!("http://127.0.0.1:9{path}"))
}

#[test]
fn rss_days_in_english_and_bulgarian() {
    let en = Some("en".to_owned());
    assert_eq!(
        check("rss"),
        [
            (
                Some(688),
                Some("en".into()),
                en.clone(),
                link("/world/day-688")
            ),
            (None, None, en.clone(), link("/world/weather")),
            (
                Some(687),
                Some("bg".into()),
                en.clone(),
                link("/bg/den-687")
            ),
            (Some(686), Some("en".into()), en, link("/world/day-686")),
        ]
    );
}

#[test]
fn atom_days_in_bulgarian_and_english() {
    let bg = Some("bg".to_owned());
    assert_eq!(
        check("atom"),
        [
            (
                Some(1459),
                Some("bg".into()),
                bg.clone(),
                link("/bg/den-1459")
            ),
            (
                Some(687),
                Some("bg".into()),
                bg.clone(),
                link("/bg/den-687")
            ),
            (
                Some(687),
                Some("en".into()),
                Some("en".to_owned()),
                link("/en/day-687")
            ),
            (None, None, bg, link("/bg/goriva")),
        ]
    );
}

#[test]
fn entities_in_titles_are_decoded() {
    let xml = r#"<rss version="2.0"><channel><item><title>Day 12 &amp; more &#8211; news</title><link>/d12</link></item></channel></rss>"#;
    let words = words();
    let entries = parse_feed(xml, "http://127.0.0.1:9/", &words).expect("parses");
    assert_eq!(entries[0].day.map(|d| d.number), Some(12));
    assert_eq!(entries[0].title, "Day 12 & more \u{2013} news");
    assert_eq!(entries[0].link.as_deref(), Some("http://127.0.0.1:9/d12"));
}

#[test]
fn html_and_broken_xml_are_not_feeds() {
    let words = words();
    let err = parse_feed(
        "<html><body>Day 1</body></html>",
        "http://127.0.0.1:9/",
        &words,
    )
    .expect_err("not a feed");
    assert_eq!(
        err,
        FeedError::NotAFeed {
            root: "html".into()
        }
    );
    let err = parse_feed(
        "<rss><channel><item><title>Day 1</item></rss>",
        "http://127.0.0.1:9/",
        &words,
    )
    .expect_err("broken");
    assert!(matches!(err, FeedError::Xml { .. }), "{err:?}");
}

#[test]
fn the_locales_series_words_find_the_day_in_every_language() {
    let mut pairs = Vec::new();
    for lang in ["en", "bg", "uk", "de"] {
        let path = repo_root().join("locales").join(lang).join("ingest.toml");
        let text = std::fs::read_to_string(&path).expect("ingest.toml");
        let rules = LanguageRules::from_toml(&text).expect("ingest.toml parses");
        pairs.extend(rules.series_words.into_iter().map(|w| (lang, w)));
    }
    let words = SeriesWords::new(pairs).expect("the words compile");
    for (title, lang) in [
        ("Day 686 of the invasion of Ukraine.", "en"),
        ("Ден 686 от инвазията в Украйна.", "bg"),
        ("День 686 вторгнення в Україну.", "uk"),
        ("Tag 686 der Invasion der Ukraine.", "de"),
    ] {
        let day = series_day(title, &words).unwrap_or_else(|| panic!("no day in `{title}`"));
        assert_eq!((day.number, day.lang), (686, lang), "{title}");
    }
}
