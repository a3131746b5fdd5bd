//! Fuzzes the glossary loader: any text, read as the entity registry or as a language glossary
//! next to the project's real registry, must load without panicking, and every diagnostic must
//! name one of the files and point inside its text on character boundaries.
//!
//! The first byte picks the role of the rest: even, the registry (with no language glossaries);
//! odd, the English glossary (`locales/en/glossary.toml`) next to the real registry.
#![no_main]

use dayglot_core::Lang;
use dayglot_glossary::{Glossary, GlossaryFile};
use libfuzzer_sys::fuzz_target;

/// The project's entity registry.
const REGISTRY: &str = include_str!("../../locales/glossary/entities.toml");

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (registry, langs) = if pick % 2 == 0 {
        (
            GlossaryFile::new("locales/glossary/entities.toml", text),
            Vec::new(),
        )
    } else {
        let en = Lang::parse("en").expect("valid tag");
        (
            GlossaryFile::new("locales/glossary/entities.toml", REGISTRY),
            vec![GlossaryFile::new("locales/en/glossary.toml", text).with_lang(en)],
        )
    };
    let (glossary, diagnostics) = Glossary::load(&registry, &langs);
    for d in &diagnostics {
        let file = std::iter::once(&registry)
            .chain(&langs)
            .find(|f| d.file.as_deref() == Some(f.path.as_str()))
            .unwrap_or_else(|| panic!("diagnostic {} names no file: {:?}", d.code, d.file));
        assert!(
            file.text.get(d.span.range()).is_some(),
            "diagnostic {} span {:?} is outside {} or splits a character",
            d.code,
            d.span,
            file.path
        );
    }
    // What was loaded can be looked up.
    for entity in glossary.entities() {
        let _ = glossary.entity(&entity.id);
    }
});
