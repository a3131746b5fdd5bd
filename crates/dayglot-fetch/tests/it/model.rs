//! The model a fetched page gives, compared with the corpus's day-686: the extracted text is
//! ingested with the language's rules from `locales/<lang>/ingest.toml` and the series of
//! `dayglot.toml`, exactly as the corpus text is.

use dayglot_core::json::DocumentJson;
use dayglot_core::{Date, Lang, Series, SourceFile};
use dayglot_ingest::{Format, LanguageRules, Options, ingest};

use crate::{fixture, repo_root};

/// `corpus/day-686/source.en.txt`.
pub(crate) fn corpus_text() -> String {
    std::fs::read_to_string(repo_root().join("corpus/day-686/source.en.txt")).expect("corpus text")
}

/// The text without lost characters (runs of two or more `?` or U+FFFD where letters or
/// emoji were), which the corpus may keep or drop: what is compared is the rest.
pub(crate) fn without_lost_characters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c == '?' || c == '\u{fffd}' {
            run.push(c);
            continue;
        }
        if run.chars().count() < 2 {
            out.push_str(&run);
        }
        run.clear();
        out.push(c);
    }
    if run.chars().count() < 2 {
        out.push_str(&run);
    }
    out.lines()
        .map(|l| {
            l.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_owned()
}

/// The series of `dayglot.toml` (its `epoch`).
fn series() -> Series {
    let config = std::fs::read_to_string(repo_root().join("dayglot.toml")).expect("dayglot.toml");
    let epoch = config
        .lines()
        .find_map(|l| l.trim().strip_prefix("epoch"))
        .and_then(|v| v.split('"').nth(1))
        .expect("dayglot.toml has a series epoch");
    Series::new(
        "Invasion of Ukraine",
        epoch.parse::<Date>().expect("epoch is a date"),
    )
}

/// The model of a day-686 text in `lang`, without diagnostics.
pub(crate) fn model(text: &str, lang: &str) -> DocumentJson {
    let path = repo_root().join("locales").join(lang).join("ingest.toml");
    let rules = LanguageRules::from_toml(&std::fs::read_to_string(&path).expect("ingest.toml"))
        .expect("ingest.toml parses");
    let series = series();
    let mut options = Options::new(Lang::parse(lang).expect("language tag"), &rules);
    options.format = Some(Format::PlainText);
    options.series = Some(&series);
    options.expected_day = Some(686);
    let ingested = ingest(text, &options);
    DocumentJson::new(&ingested.document, &[], &SourceFile::new("page", text))
}

/// The extracted text is the corpus's `source.en.txt` (lost characters aside).
pub(crate) fn assert_same_as_corpus(case: &str, text: &str) {
    let expected = without_lost_characters(&corpus_text());
    let actual = without_lost_characters(text);
    if actual != expected {
        let first = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or(actual.lines().count().min(expected.lines().count()));
        panic!(
            "{case}: the extracted text differs from corpus/day-686/source.en.txt at line {}:\n  page:   {:?}\n  corpus: {:?}\nwhole text:\n{text}",
            first + 1,
            actual.lines().nth(first),
            expected.lines().nth(first),
        );
    }
}

/// The extracted text ingests to the same model as the corpus's `source.en.txt`.
pub(crate) fn assert_same_model_as_corpus(case: &str, text: &str) {
    let expected = model(&without_lost_characters(&corpus_text()), "en");
    let actual = model(&without_lost_characters(text), "en");
    assert_eq!(actual, expected, "{case}: the model differs from day-686's");
}

/// The extracted text of a shorter day-686 page in `lang` is the fixture's `expected.txt`, and
/// it ingests to day-686's shape: day 686 on its date, the title and lead, five headlines,
/// one section per headline in order, and the posts it has.
pub(crate) fn assert_same_as_expected(case: &str, lang: &str, text: &str, posts: usize) {
    let path = fixture("extract", case, "expected.txt");
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    assert_eq!(
        text.trim_end(),
        expected.trim_end(),
        "{case}: the extracted text differs from {}",
        path.display()
    );
    let actual = model(text, lang);
    assert_eq!(actual, model(&expected, lang), "{case}");
    assert_eq!(actual.day, Some(686), "{case}: day");
    assert_eq!(actual.date.as_deref(), Some("2024-01-10"), "{case}: date");
    assert!(
        actual.title.is_some() && actual.lead.is_some(),
        "{case}: title and lead"
    );
    assert_eq!(
        actual.headlines.len(),
        5,
        "{case}: headlines {:?}",
        actual.headlines
    );
    let english = model(&without_lost_characters(&corpus_text()), "en");
    assert_eq!(
        actual
            .sections
            .iter()
            .map(|s| s.headline)
            .collect::<Vec<_>>(),
        english
            .sections
            .iter()
            .map(|s| s.headline)
            .collect::<Vec<_>>(),
        "{case}: every section tells its headline, in order"
    );
    assert_eq!(actual.posts.len(), posts, "{case}: posts");
}
