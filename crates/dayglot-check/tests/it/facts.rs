//! Every way the four languages write the same number, time or date parses to the same value.

use dayglot_check::{LangRules, facts};

fn rules(lang: &str) -> LangRules {
    let path = format!(
        "{}/../../locales/{lang}/check.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("check.toml");
    LangRules::parse(&path, &text).expect("valid check.toml")
}

/// Asserts that `text` in `lang` has exactly the fact keys `expected`.
fn check(lang: &str, text: &str, expected: &[&str]) {
    let got: Vec<String> = facts(text, &rules(lang))
        .into_iter()
        .map(|f| f.key)
        .collect();
    assert_eq!(got, expected, "{lang}: {text:?}");
}

#[test]
fn grouped_numbers() {
    check("en", "about 1,900 km", &["1900"]);
    check("bg", "на около 1900 км", &["1900"]);
    check("uk", "приблизно за 1 900 км", &["1900"]);
    check("uk", "приблизно за 1\u{a0}900 км", &["1900"]);
    check("de", "etwa 1.900 Kilometer", &["1900"]);
}

#[test]
fn negative_numbers_and_temperatures() {
    check("en", "colder than -32C yet", &["-32"]);
    check("bg", "по-студено от −32 °C", &["-32"]);
    check("de", "Kälter als −32 °C", &["-32"]);
    check("en", "around minus 28 degrees Celsius", &["-28"]);
    check("uk", "приблизно до мінус 28 градусів", &["-28"]);
    // A hyphen between numbers is a range, inside a code it is a hyphen.
    check("en", "only 2-3 magazines in IK-3", &["2", "3", "3"]);
}

#[test]
fn times_of_day() {
    check("en", "at 11:25 a.m. local time", &["11:25"]);
    check("en", "at 11:25 p.m. local time", &["23:25"]);
    check("bg", "в 11:25 ч. местно време", &["11:25"]);
    check("uk", "об 11:25 за місцевим часом", &["11:25"]);
    check("de", "um 11.25 Uhr Ortszeit", &["11:25"]);
    check("de", "um 6.30 Uhr morgens", &["06:30"]);
}

#[test]
fn percentages_and_ordinals() {
    check("en", "to be 100%, the 119th regiment", &["100", "119"]);
    check("bg", "да бъдат 100%, 119-и полк", &["100", "119"]);
    check(
        "uk",
        "на 100 %, 119-й полк, 119-го полку",
        &["100", "119", "119"],
    );
    check("de", "100 Prozent, des 119. Regiments", &["100", "119"]);
}

#[test]
fn decimals() {
    check("en", "5.5 times", &["5.5"]);
    check("uk", "у 5,5 раза", &["5.5"]);
    check("de", "5,5-mal", &["5.5"]);
}

#[test]
fn spelled_out_numbers_and_multipliers() {
    check("en", "over the past two years", &["2"]);
    check("bg", "през последните две години", &["2"]);
    check("uk", "за останні два роки", &["2"]);
    check("de", "in den vergangenen zwei Jahren", &["2"]);
    check(
        "en",
        "five and a half times, and tanks seven times",
        &["5.5", "7"],
    );
    check(
        "bg",
        "пет пъти и половина, а на танкове – седем пъти",
        &["5.5", "7"],
    );
    check("uk", "у 5,5 раза, а танків — у сім разів", &["5.5", "7"]);
    check(
        "de",
        "um das Fünfeinhalbfache und die von Panzern um das Siebenfache",
        &["5.5", "7"],
    );
    check("en", "one million drones", &["1000000"]);
    check("bg", "един милион дронове", &["1000000"]);
    check("uk", "мільйон дронів", &["1000000"]);
    check("de", "eine Million Drohnen", &["1000000"]);
    check("en", "increased 50 times", &["50"]);
    check("bg", "се е увеличило 50 пъти", &["50"]);
    check("uk", "зросло у 50 разів", &["50"]);
    check("de", "um das 50-Fache gestiegen", &["50"]);
    // "one" is a pronoun more often than a number; a family is no seven.
    check("en", "one of the worst prisons", &[]);
    check("uk", "побачитися з сім'єю", &[]);
}

#[test]
fn dates_and_named_days() {
    check("en", "on January 6, 2024", &["01-06", "2024"]);
    check("bg", "на 6 януари 2024 г.", &["01-06", "2024"]);
    check("uk", "6 січня 2024 року", &["01-06", "2024"]);
    check("de", "am 6. Januar 2024", &["01-06", "2024"]);
    check(
        "en",
        "on both December 30 and January 2",
        &["12-30", "01-02"],
    );
    check("uk", "як 30 грудня, так і 2 січня", &["12-30", "01-02"]);
    check("en", "and on New Year's Eve", &["12-31"]);
    check("bg", "и в новогодишната нощ", &["12-31"]);
    check("uk", "та в новорічну ніч", &["12-31"]);
    check("de", "sowie an Silvester", &["12-31"]);
    check("en", "shortly before Christmas", &["12-25"]);
    check("uk", "незадовго перед Різдвом", &["12-25"]);
    // A month alone is not a date ("may" is also a verb).
    check("en", "Russia may say so in May", &[]);
}

#[test]
fn bad_rules_are_errors() {
    let err = LangRules::parse("xx/check.toml", "[language]\nscript = \"Grek\"\ndecimal = \".\"\n[quotes]\npairs = []\n[numbers]\n[dates]\n").unwrap_err();
    assert!(err.to_string().contains("unknown script"), "{err}");
    let err = LangRules::parse("xx/check.toml", "[language]\nscript = \"Latn\"\ndecimal = \"..\"\n[quotes]\npairs = []\n[numbers]\n[dates]\n").unwrap_err();
    assert!(err.to_string().contains("one character"), "{err}");
}
