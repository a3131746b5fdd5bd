//! Fuzzes the day-summary parser: any bytes, decoded or rejected, parsed in both syntaxes with
//! the rules of one of the project's languages, must never panic, and every diagnostic and
//! segment span must lie inside the text on character boundaries.
//!
//! The first byte picks the language (the rules of `locales/<lang>/ingest.toml`, read and parsed
//! once per process); the rest is the text. Nothing expensive is built per input: the rules are
//! parsed once here, and the parser compiles its regexes once per rule set.
#![no_main]

use std::sync::LazyLock;

use dayglot_core::{Lang, decode};
use dayglot_ingest::{Format, LanguageRules, Options, ingest};
use libfuzzer_sys::fuzz_target;

/// The project's languages and their parsing rules, as the corpus has them.
static RULES: LazyLock<Vec<(Lang, LanguageRules)>> = LazyLock::new(|| {
    [
        ("en", include_str!("../../locales/en/ingest.toml")),
        ("bg", include_str!("../../locales/bg/ingest.toml")),
        ("uk", include_str!("../../locales/uk/ingest.toml")),
        ("de", include_str!("../../locales/de/ingest.toml")),
        ("pl", include_str!("../../locales/pl/ingest.toml")),
        ("sr-Cyrl", include_str!("../../locales/sr-Cyrl/ingest.toml")),
    ]
    .into_iter()
    .map(|(tag, toml)| {
        let lang = Lang::parse(tag).expect("valid tag");
        let rules = LanguageRules::from_toml(toml).expect("the locale's ingest.toml parses");
        (lang, rules)
    })
    .collect()
});

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = decode(rest) else { return };
    let (lang, rules) = &RULES[usize::from(pick) % RULES.len()];
    for format in [Format::PlainText, Format::Markdown] {
        let mut options = Options::new(lang.clone(), rules);
        options.format = Some(format);
        let out = ingest(text, &options);
        for d in &out.diagnostics {
            assert!(
                text.get(d.span.range()).is_some(),
                "diagnostic {} span {:?} is outside the text or splits a character",
                d.code,
                d.span
            );
        }
        for s in out.document.segments() {
            assert!(
                text.get(s.span.range()).is_some(),
                "segment span {:?} is outside the text or splits a character",
                s.span
            );
        }
    }
});
