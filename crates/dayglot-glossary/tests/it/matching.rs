//! Finding and normalising mentions with the project's glossary.

use std::collections::BTreeSet;

use dayglot_glossary::{FormKind, Mention};

use crate::support::{lang, po_translations, project_glossary, repo_root};

/// Every entity of day-686 (the list and the translators' table), from
/// `crates/dayglot-glossary/fixtures/day-686/entities.txt`.
fn day_686_entities() -> BTreeSet<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/day-686/entities.txt");
    std::fs::read_to_string(path)
        .expect("the day-686 entity list is readable")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn entities(mentions: &[Mention]) -> BTreeSet<String> {
    mentions.iter().map(|m| m.entity.clone()).collect()
}

fn expected() -> BTreeSet<String> {
    day_686_entities()
}

#[test]
fn finds_every_entity_of_day_686_in_the_source() {
    let g = project_glossary();
    let text =
        std::fs::read_to_string(repo_root().join("corpus/day-686/source.en.txt")).expect("source");
    let mentions = g.matcher().find(&text, &lang("en"));
    assert_eq!(entities(&mentions), expected());
    for m in &mentions {
        assert_eq!(&text[m.span.range()], m.matched);
        assert_ne!(m.form, FormKind::Forbidden, "{m:?}");
    }
}

#[test]
fn finds_every_entity_of_day_686_in_each_translation() {
    let g = project_glossary();
    let matcher = g.matcher();
    for l in ["bg", "uk", "de"] {
        let po = po_translations(&repo_root().join(format!("corpus/day-686/{l}.po")));
        let mut found = Vec::new();
        for (_, text) in &po {
            found.extend(matcher.find(text, &lang(l)));
        }
        assert_eq!(entities(&found), expected(), "{l}");
        let forbidden: Vec<_> = found
            .iter()
            .filter(|m| m.form == FormKind::Forbidden)
            .collect();
        assert!(forbidden.is_empty(), "{l}: {forbidden:?}");
    }
}

/// One check: the mentions of `text` in `l` as `matched=entity:form` strings.
fn check(l: &str, text: &str, expected: &[&str]) {
    let g = project_glossary();
    let got: Vec<String> = g
        .matcher()
        .find(text, &lang(l))
        .iter()
        .map(|m| {
            let form = match &m.form {
                FormKind::Case(c) => format!("case:{c}"),
                f => f.name().to_owned(),
            };
            format!("{}={}:{}>{}", m.matched, m.entity, form, m.normalized)
        })
        .collect();
    assert_eq!(got, expected, "{l}: {text}");
}

#[test]
fn word_boundaries() {
    check(
        "en",
        "Rigatoni in Riga",
        &["Riga=place/riga:preferred>Riga"],
    );
    check(
        "en",
        "Zelensky's plan",
        &["Zelensky=person/zelensky:short>Zelensky"],
    );
    check(
        "en",
        "a Zelensky-Nauseda meeting",
        &[
            "Zelensky=person/zelensky:short>Zelensky",
            "Nauseda=person/nauseda:accepted>Nausėda",
        ],
    );
    check(
        "de",
        "in der „Nazi-Ukraine“",
        &["Ukraine=place/ukraine:preferred>Ukraine"],
    );
    check(
        "en",
        "Yamalo-Nenets Okrug and Yamal",
        &[
            "Yamalo-Nenets Okrug=place/yamalo-nenets:preferred>Yamalo-Nenets Okrug",
            "Yamal=place/yamal:preferred>Yamal",
        ],
    );
    check(
        "en",
        "Yamalo-Nenets region",
        &["Yamalo-Nenets=place/yamalo-nenets:short>Yamalo-Nenets"],
    );
}

#[test]
fn no_break_spaces_and_typographic_apostrophes() {
    check(
        "en",
        "Volodymyr\u{a0}Zelensky’s visit",
        &["Volodymyr\u{a0}Zelensky=person/zelensky:preferred>Volodymyr Zelensky"],
    );
}

#[test]
fn all_caps_and_sentence_case() {
    check(
        "en",
        "ZELENSKY IN VILNIUS",
        &[
            "ZELENSKY=person/zelensky:short>ZELENSKY",
            "VILNIUS=place/vilnius:preferred>VILNIUS",
        ],
    );
    check(
        "uk",
        "ЗЕЛЕНСЬКОГО",
        &["ЗЕЛЕНСЬКОГО=person/zelensky:case:genitive>ЗЕЛЕНСЬКОГО"],
    );
    check(
        "en",
        "Sanctions work",
        &["Sanctions=term/sanctions:preferred>Sanctions"],
    );
    // Proper names do not match in lower case: "x", "riga", "nato" are not the entities.
    check("en", "riga nato us", &[]);
}

#[test]
fn missing_diacritics_are_accepted_variants() {
    check(
        "en",
        "Gitanas Nauseda and Dejan Beric",
        &[
            "Gitanas Nauseda=person/nauseda:accepted>Gitanas Nausėda",
            "Dejan Beric=person/beric:accepted>Dejan Berić",
        ],
    );
    // German follows dpa's house rule (locales/de/glossary.toml): diacritics are dropped, so
    // the Lithuanian spelling is the accepted variant there.
    check(
        "de",
        "Gitanas Nausėda und Nausedas Büro",
        &[
            "Gitanas Nausėda=person/nauseda:accepted>Gitanas Nauseda",
            "Nausedas=person/nauseda:case:genitive>Nausedas",
        ],
    );
}

#[test]
fn forbidden_variants_per_language() {
    check(
        "en",
        "Kiev and Artemovsk",
        &[
            "Kiev=place/kyiv:forbidden>Kyiv",
            "Artemovsk=place/bakhmut:forbidden>Bakhmut",
        ],
    );
    check("de", "Kiev", &["Kiev=place/kyiv:accepted>Kiew"]);
    check("uk", "у Киеве", &["Киеве=place/kyiv:forbidden>Київ"]);
    check(
        "bg",
        "Зеленский",
        &["Зеленский=person/zelensky:forbidden>Зеленски"],
    );
}

#[test]
fn single_letter_x_needs_its_context() {
    check(
        "en",
        "he wrote on the X social network",
        &["X=org/x:preferred>X"],
    );
    check("en", "Plan X failed", &[]);
    check("uk", "у соцмережі X", &["X=org/x:preferred>X"]);
}

#[test]
fn case_forms_and_foreign_forms() {
    check(
        "uk",
        "прибув до Вільнюса",
        &["Вільнюса=place/vilnius:case:genitive>Вільнюса"],
    );
    check(
        "de",
        "Russlands Invasion",
        &["Russlands=place/russia:case:genitive>Russlands"],
    );
    check(
        "bg",
        "на Кремъла",
        &["Кремъла=org/kremlin:case:definite>Кремъла"],
    );
    check(
        "bg",
        "Serbs recruited by Russia",
        &["Russia=place/russia:foreign>Русия"],
    );
}

#[test]
fn normalize_replaces_accepted_variants_only() {
    let g = project_glossary();
    let m = g.matcher();
    let text = "Nauseda's office; Kiev; Moscow Komsomolets";
    let (out, changes) = m.normalize(text, &lang("en"));
    assert_eq!(out, "Nausėda's office; Kiev; Moskovsky Komsomolets");
    let summary: Vec<_> = changes
        .iter()
        .map(|c| (c.from.as_str(), c.to.as_str(), &text[c.span.range()]))
        .collect();
    assert_eq!(
        summary,
        [
            ("Nauseda", "Nausėda", "Nauseda"),
            (
                "Moscow Komsomolets",
                "Moskovsky Komsomolets",
                "Moscow Komsomolets"
            )
        ]
    );
}

#[test]
fn forms_for_page_chrome() {
    let g = project_glossary();
    assert_eq!(
        g.form("place/ukraine", &lang("uk"), Some("genitive")),
        Some("України")
    );
    assert_eq!(
        g.form("person/zelensky", &lang("de"), None),
        Some("Wolodymyr Selenskyj")
    );
    assert_eq!(
        g.form("org/nato", &lang("uk"), Some("genitive")),
        Some("НАТО")
    );
    assert_eq!(g.form("place/ukraine", &lang("uk"), Some("nonsense")), None);
    assert_eq!(g.form("place/nowhere", &lang("uk"), None), None);
}
