//! `check` on small documents: what the real corpus does not exercise (links, handles, scripts,
//! quotation marks, acceptances).

use std::collections::BTreeMap;

use dayglot_check::{CheckInput, LangInput, LangRules, Location};
use dayglot_core::{Document, Lang, Segment, SegmentId, Span};
use dayglot_glossary::{Glossary, GlossaryFile};
use dayglot_translate::{apply, parse_po};

fn rules(lang: &str) -> LangRules {
    let path = format!(
        "{}/../../locales/{lang}/check.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    LangRules::parse(&path, &std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Checks a one-segment day (`lead`) translated into bg, with `comments` above the entry;
/// returns `code segment [accepted]` lines.
fn check(source: &str, target: &str, comments: &str) -> Vec<String> {
    let en = Lang::parse("en").unwrap();
    let bg = Lang::parse("bg").unwrap();
    let doc = Document {
        day: Some(1),
        date: None,
        lang: en.clone(),
        title: None,
        lead: Some(Segment::plain(SegmentId::lead(), source, Span::default())),
        headlines: Vec::new(),
        sections: Vec::new(),
        posts: Vec::new(),
    };
    let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let po = format!(
        "msgid \"\"\nmsgstr \"Language: bg\\n\"\n\n{comments}msgctxt \"lead\"\nmsgid \"{}\"\nmsgstr \"{}\"\n",
        esc(source),
        esc(target)
    );
    let parsed = parse_po(&po);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let translation = apply(&doc, &parsed.catalog, bg.clone());
    let (glossary, _) = Glossary::load(&GlossaryFile::new("entities.toml", ""), &[]);
    let rules: BTreeMap<Lang, LangRules> =
        [(en, rules("en")), (bg, rules("bg"))].into_iter().collect();
    let languages = [LangInput {
        translation: &translation,
        unknown: &[],
    }];
    let input = CheckInput {
        source: &doc,
        languages: &languages,
        glossary: &glossary,
        rules: &rules,
        fluent: &[],
        paths: &crate::TestPaths,
    };
    dayglot_check::check(&input)
        .into_iter()
        .map(|f| {
            let at = match &f.location {
                Location::Segment(s) => s.to_string(),
                Location::Fluent { path, id } => format!("{path}:{id}"),
            };
            match f.accepted {
                Some(r) => format!("{} {at} accepted: {r}", f.code),
                None => format!("{} {at}", f.code),
            }
        })
        .collect()
}

#[test]
fn links_handles_and_hashtags_are_kept_verbatim() {
    let src = "Read the statement at https://example.org/a?b=1 and follow @Kyiv_Post #Ukraine.";
    assert_eq!(
        check(
            src,
            "Прочетете изявлението на https://example.org/a?b=1 и следете @Kyiv_Post #Ukraine.",
            ""
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        check(
            src,
            "Прочетете изявлението на https://example.org/a?b=2 и следете @KyivPost #Ukraine.",
            ""
        ),
        [
            "check::link-changed lead",
            "check::handle-changed lead",
            "check::link-changed lead",
            "check::handle-changed lead"
        ]
    );
}

#[test]
fn untranslated_text_is_reported() {
    let src = "The presidents will discuss the war in detail.";
    assert_eq!(check(src, src, ""), ["check::untranslated lead"]);
}

#[test]
fn latin_words_in_bulgarian_are_the_wrong_script() {
    let got = check(
        "The Kremlin said so on Tuesday.",
        "Kremlin заяви това във вторник.",
        "",
    );
    assert_eq!(got, ["check::wrong-script lead"]);
    // Roman numerals are not words of a script.
    assert_eq!(
        check(
            "It was built in the 1960s, in the 20th century.",
            "Построен е през 1960-те години, през XX век, през 20-и век.",
            ""
        )
        .len(),
        0
    );
}

#[test]
fn quotation_marks_of_the_language() {
    let src = "He said \"no\" twice.";
    assert_eq!(
        check(src, "Той каза „не“ два пъти.", "").len(),
        1,
        "two = два is a spelled-out number the source does not write"
    );
    let got = check("He said \"no\".", "Той каза \"не\".", "");
    // ASCII quotes are no Bulgarian quotation: the count differs too.
    assert_eq!(
        got,
        [
            "check::quote-count lead",
            "check::quote-marks lead",
            "check::quote-marks lead"
        ]
    );
}

#[test]
fn acceptances_are_reported_never_hidden() {
    let src = "He said \"no\".";
    let got = check(
        src,
        "Той каза „не“ и „да“.",
        "# dayglot-accept: check::quote-count the second quotation is the translator's gloss\n",
    );
    assert_eq!(
        got,
        ["check::quote-count lead accepted: the second quotation is the translator's gloss"]
    );
    let got = check(
        src,
        "Той каза „не“ и „да“.",
        "# dayglot-accept: check::quote-count\n",
    );
    assert_eq!(
        got,
        [
            "check::quote-count lead accepted: ",
            "check::accept-without-reason lead"
        ]
    );
    let got = check(
        src,
        "Той каза „не“.",
        "# dayglot-accept: check::quote-count a reason\n",
    );
    assert_eq!(got, ["check::unused-acceptance lead"]);
}
