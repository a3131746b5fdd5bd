//! Transliteration schemes: the published tables pass in full, and real names.

// Tests read the project's scheme files and word lists.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::path::Path;

use dayglot_glossary::Scheme;

use crate::support::{crate_dir, repo_root};

fn scheme(id: &str) -> Scheme {
    let path = repo_root().join(format!("locales/translit/{id}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Scheme::parse(&format!("locales/translit/{id}.toml"), &text).unwrap_or_else(|e| panic!("{e}"))
}

/// Checks every row of a `source<TAB>expected` table (first line is a header; lines starting
/// with `#` are comments that name the source of the rows below them).
fn check_table(path: &Path) -> usize {
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let id = name.split('.').next().expect("scheme id");
    let s = scheme(id);
    let text = std::fs::read_to_string(path).expect("table");
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let Some((from, expected)) = line.split_once('\t') else {
            panic!("{name}: bad row {line:?}")
        };
        rows += 1;
        let got = s.apply(from);
        if got != expected.trim() {
            failures.push(format!("{from} -> {got}, expected {expected}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{name}: {} of {rows} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    rows
}

#[test]
fn published_tables_pass_in_full() {
    let mut counts = BTreeMap::new();
    let ours = crate_dir().join("fixtures/translit");
    let mut tables: Vec<_> = std::fs::read_dir(&ours)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    tables.sort();
    for t in &tables {
        counts.insert(
            t.file_name().expect("name").to_string_lossy().into_owned(),
            check_table(t),
        );
    }
    assert!(counts.len() >= 3, "{counts:?}");
    // The shared reference copy, when this checkout has one next to it, must agree with ours.
    let shared = repo_root().join("../shared/reference/translit");
    if shared.is_dir() {
        for entry in std::fs::read_dir(&shared).expect("shared tables") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            assert_eq!(
                std::fs::read_to_string(&path).ok(),
                std::fs::read_to_string(ours.join(&name)).ok(),
                "{name}: the shared table differs from fixtures/translit/{name}"
            );
            check_table(&path);
        }
    }
}

fn check(id: &str, cases: &[(&str, &str)]) {
    let s = scheme(id);
    for (from, expected) in cases {
        assert_eq!(s.apply(from), *expected, "{id}: {from}");
    }
}

#[test]
fn ukrainian_national_system() {
    check(
        "uk-latn-kmu2010",
        &[
            ("Зеленський", "Zelenskyi"),
            ("Харків", "Kharkiv"),
            ("Щастя", "Shchastia"),
            ("Згорани", "Zghorany"),
            ("Знам'янка", "Znamianka"),
            ("Знамʼянка", "Znamianka"),
            ("Авдіївка", "Avdiivka"),
            ("Володимир Зеленський", "Volodymyr Zelenskyi"),
            ("ЩАСТЯ", "SHCHASTIA"),
            ("Київ, Україна", "Kyiv, Ukraina"),
        ],
    );
}

#[test]
fn bulgarian_2009_act() {
    check(
        "bg-latn-2009",
        &[
            ("Щерьо", "Shteryo"),
            ("Ъглен", "Aglen"),
            ("Зеленски", "Zelenski"),
            ("Благоевград", "Blagoevgrad"),
            ("ЩЕРЬО", "SHTERYO"),
            ("Русия", "Rusia"),
        ],
    );
}

#[test]
fn russian_schemes() {
    check(
        "ru-latn-news",
        &[
            ("Алексей Навальный", "Alexei Navalny"),
            ("Сергей Чемезов", "Sergei Chemezov"),
            ("Ямало-Ненецкий", "Yamalo-Nenetsky"),
        ],
    );
    check(
        "ru-latn-bgn",
        &[
            ("Навальный", "Navalʹnyy"),
            ("Ельцин", "Yelʹtsin"),
            ("Щёкино", "Shchëkino"),
        ],
    );
    check(
        "ru-de",
        &[
            ("Зеленский", "Selenskyj"),
            ("Навальный", "Nawalny"),
            ("Чемезов", "Tschemesow"),
            ("Хабаровск", "Chabarowsk"),
        ],
    );
    check(
        "uk-de",
        &[
            ("Зеленський", "Selenskyj"),
            ("Авдіївка", "Awdijiwka"),
            ("Харків", "Charkiw"),
            ("Київ", "Kyjiw"),
            ("Бахмут", "Bachmut"),
        ],
    );
}

#[test]
fn serbian_both_ways() {
    let pairs = [
        ("Ђоковић", "Đoković"),
        ("Љубљана", "Ljubljana"),
        ("Џеко", "Džeko"),
        ("Дејан Берић", "Dejan Berić"),
        ("ЊЕГОШ", "NJEGOŠ"),
    ];
    check("sr-cyrl-latn", &pairs);
    let back: Vec<(&str, &str)> = pairs.iter().map(|(c, l)| (*l, *c)).collect();
    check("sr-latn-cyrl", &back);
}

/// Serbian Latin -> Cyrillic keeps two letters where a prefix or a Latin morpheme ends before ž
/// or j, and one letter everywhere else (the full word lists are
/// `fixtures/translit/sr-latn-cyrl.words.tsv`, checked by `published_tables_pass_in_full`).
#[test]
fn serbian_morpheme_boundaries() {
    check(
        "sr-latn-cyrl",
        &[
            ("odžaliti", "оджалити"),
            ("nadživeti", "надживети"),
            ("podžupan", "поджупан"),
            ("Podžupan", "Поджупан"),
            ("PODŽUPAN", "ПОДЖУПАН"),
            ("konjugacija", "конјугација"),
            ("injekcija", "инјекција"),
            ("konjunktura", "конјунктура"),
            ("vanjezički", "ванјезички"),
            ("Tanjug", "Танјуг"),
            ("odžak", "оџак"),
            ("Odžaci", "Оџаци"),
            ("ljubav", "љубав"),
            ("njegov", "његов"),
            ("džep", "џеп"),
            ("konj", "коњ"),
            ("inje", "иње"),
            ("Tanja", "Тања"),
            ("a odžaliti", "а оджалити"),
            ("(injekcija)", "(инјекција)"),
        ],
    );
}

/// Every word of the Serbian list goes back to its Latin spelling through `sr-cyrl-latn`, which
/// has no exceptions: the list and the two schemes agree.
#[test]
fn serbian_word_list_round_trips() {
    let path = crate_dir().join("fixtures/translit/sr-latn-cyrl.words.tsv");
    let text = std::fs::read_to_string(&path).expect("word list");
    let to_latin = scheme("sr-cyrl-latn");
    let rows: Vec<(&str, &str)> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect();
    assert!(rows.len() >= 150, "{} words", rows.len());
    for (latin, cyrillic) in rows {
        assert_eq!(to_latin.apply(cyrillic), latin, "{cyrillic}");
    }
}

/// Russian press style: Ye for Е at the start of every word, whatever follows.
#[test]
fn russian_press_ye_at_every_word_start() {
    check(
        "ru-latn-news",
        &[
            ("Евгений", "Yevgeny"),
            ("Екатеринбург", "Yekaterinburg"),
            ("Елена", "Yelena"),
            ("Ельцин", "Yeltsin"),
            ("Егор", "Yegor"),
            ("Ейск", "Yeysk"),
            ("ЕЙСК", "YEYSK"),
            ("Ёлкин", "Yolkin"),
            ("«Единая»", "«Yedinaya»"),
            ("Ямало-Ненецкий", "Yamalo-Nenetsky"),
            ("Сергей Алексеев", "Sergei Alexeyev"),
            ("Горбачёв", "Gorbachev"),
            ("Пётр", "Pyotr"),
        ],
    );
}

#[test]
fn scheme_errors_point_at_the_line() {
    let err = Scheme::parse(
        "x.toml",
        "id = \"x\"\nname = \"x\"\nrules = [\n  { from = \"A\", to = \"a\" },\n]\n",
    )
    .expect_err("capitals");
    assert_eq!((err.line, err.column), (4, 12), "{err}");
    let err = Scheme::parse(
        "x.toml",
        "id = \"x\"\nname = \"x\"\nrules = [{ from = \"a\", too = \"b\" }]\n",
    )
    .expect_err("unknown key");
    assert_eq!(err.line, 3, "{err}");
}
