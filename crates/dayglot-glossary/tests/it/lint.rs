//! `Glossary::load` diagnostics: the project's glossary is clean, and every malformed fixture
//! in `fixtures/glossary-lint/<case>/` renders the expected diagnostics (snapshots).
//!
//! A fixture folder holds `entities.toml` and `<lang>.glossary.toml` files.

use dayglot_glossary::{Glossary, GlossaryFile, has_errors, render_file_diagnostics};

use crate::support::{crate_dir, lang, project_glossary};

#[test]
fn project_glossary_lints_clean() {
    let g = project_glossary();
    assert!(g.entities().len() >= 59, "{}", g.entities().len());
}

/// Loads a fixture folder and renders its diagnostics.
fn check(dir: &std::path::Path) -> (String, bool) {
    let mut registry = None;
    let mut langs = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").file_name())
        .collect();
    names.sort();
    for name in names {
        let name = name.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(dir.join(&name)).expect("fixture file");
        if name == "entities.toml" {
            registry = Some(GlossaryFile::new(name, text));
        } else if let Some(l) = name.strip_suffix(".glossary.toml") {
            langs.push(GlossaryFile::new(name.clone(), text).with_lang(lang(l)));
        }
    }
    let registry = registry.unwrap_or_else(|| GlossaryFile::new("entities.toml", ""));
    let (_, diags) = Glossary::load(&registry, &langs);
    let mut files = vec![&registry];
    files.extend(langs.iter());
    (render_file_diagnostics(&files, &diags), has_errors(&diags))
}

#[test]
fn malformed_glossaries() {
    let root = crate_dir().join("fixtures/glossary-lint");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "only {} lint fixtures", cases.len());
    for case in cases {
        let name = case
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let (rendered, errors) = check(&case);
        assert!(errors, "{name}: no error reported:\n{rendered}");
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(name.clone());
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!("lint", rendered));
    }
}

/// Found by `cargo fuzz run glossary_load`: a registry entity without `id` whose first bytes
/// end inside a Cyrillic letter got a span that split the letter.
#[test]
fn a_missing_id_span_never_splits_a_letter() {
    let text = "[[entЗел\n[entity]";
    let registry = GlossaryFile::new("entities.toml", text);
    let (_, diags) = Glossary::load(&registry, &[]);
    assert!(!diags.is_empty());
    for d in &diags {
        assert!(
            text.get(d.span.range()).is_some(),
            "{:?} splits a character",
            d.span
        );
    }
}
