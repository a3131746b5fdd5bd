//! Adding a language is data and one command: `dayglot lang add ro` scaffolds Romanian (chrome
//! marked for translation, check and ingest rules from CLDR, a glossary for review, empty
//! catalogs) and the next publish writes a Romanian edition with a visible fallback, leaving every
//! other edition as it was. A typo never creates a stray language.

use std::path::Path;

use crate::support::{dayglot, project_copy};

fn run(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = dayglot(root).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn lang_add_then_publish_writes_a_new_edition_with_visible_fallback() {
    let project = project_copy();
    let root = project.path();
    let (code, _, stderr) = run(root, &["publish", "day-686"]);
    assert_eq!(code, 0, "{stderr}");
    let before_de = read(root, "public/day-686/de/index.json");
    let before_uk_txt = read(root, "public/day-686/uk/index.txt");

    let (code, stdout, stderr) = run(root, &["lang", "add", "ro"]);
    assert_eq!(code, 0, "{stderr}");
    for file in ["chrome.ftl", "check.toml", "ingest.toml", "glossary.toml"] {
        assert!(
            stdout.contains(&format!("wrote locales/ro/{file}")),
            "{stdout}"
        );
    }
    assert!(stdout.contains("wrote corpus/day-686/ro.po"), "{stdout}");
    // CLDR facts, for the translator to correct rather than to write.
    let check = read(root, "locales/ro/check.toml");
    assert!(check.contains("decimal = \",\""), "{check}");
    assert!(check.contains("\"ianuarie\" = 1"), "{check}");
    assert!(
        check.contains("plural categories of ro: one, few, other"),
        "{check}"
    );
    let glossary = read(root, "locales/ro/glossary.toml");
    assert_eq!(
        glossary.matches("[[entity]]").count(),
        59,
        "every entity, for review"
    );
    assert!(
        glossary.contains("preferred = \"Volodymyr Zelenskyi\""),
        "transliterated from uk"
    );
    assert!(read(root, "locales/ro/chrome.ftl").contains("# TRANSLATE: day-title"));

    let (code, _, stderr) = run(root, &["glossary", "lint"]);
    assert_eq!(code, 0, "the scaffolded glossary lints clean: {stderr}");
    let (code, _, stderr) = run(root, &["publish", "day-686"]);
    assert_eq!(code, 0, "{stderr}");
    let ro = read(root, "public/day-686/ro/index.html");
    assert!(ro.contains("<html lang=\"ro\">"), "{ro}");
    // The whole text falls back to English, visibly.
    assert!(ro.contains("lang=\"en\""), "{ro}");
    assert!(
        ro.contains("10 ianuarie 2024"),
        "dates in Romanian from CLDR: {ro}"
    );
    // The other editions did not change.
    assert_eq!(read(root, "public/day-686/de/index.json"), before_de);
    assert_eq!(read(root, "public/day-686/uk/index.txt"), before_uk_txt);
}

#[test]
fn a_typo_in_a_language_tag_creates_nothing() {
    let project = project_copy();
    let root = project.path();
    let (code, _, stderr) = run(root, &["lang", "add", "ua"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("did you mean `uk`?"), "{stderr}");
    assert!(!root.join("locales/ua").exists());

    let (code, _, stderr) = run(root, &["status", "day-686", "--lang", "ua", "--update"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("did you mean `uk`?"), "{stderr}");
    assert!(
        !root.join("corpus/day-686/ua.po").exists(),
        "no stray catalog"
    );

    let (code, _, stderr) = run(root, &["lang", "add", "bg"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("already a language"), "{stderr}");
}

#[test]
fn a_language_without_a_translation_file_falls_back_entirely_and_says_so_once() {
    let project = project_copy();
    let root = project.path();
    let (code, _, stderr) = run(root, &["lang", "add", "ro"]);
    assert_eq!(code, 0, "{stderr}");
    std::fs::remove_file(root.join("corpus/day-686/ro.po")).expect("remove ro.po");
    let (code, _, stderr) = run(root, &["publish", "day-686"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr
            .matches("warning[publish::no-translation]: day-686 has no ro translation")
            .count(),
        1,
        "{stderr}"
    );
    // Quiet: one line per kind of repeated fallback, not one per segment.
    assert!(stderr.matches("render::fallback").count() <= 4, "{stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&read(root, "public/day-686/ro/index.json")).expect("valid json");
    assert_eq!(json["lang"], "ro");
    assert!(
        json.to_string().contains("no-translation-file"),
        "every segment says why it is in English"
    );
    let (code, _, _) = run(root, &["publish", "day-686", "--strict"]);
    assert_eq!(code, 1, "--strict refuses an untranslated edition");
}

#[test]
fn a_new_language_never_blocks_the_others() {
    let project = project_copy();
    let root = project.path();
    let (code, _, stderr) = run(root, &["lang", "add", "ro"]);
    assert_eq!(code, 0, "{stderr}");
    // A translator's partial glossary: most entities not written yet.
    let glossary = read(root, "locales/ro/glossary.toml");
    let partial: String = glossary
        .split("\n# REVIEW")
        .take(5)
        .collect::<Vec<_>>()
        .join("\n# REVIEW");
    std::fs::write(root.join("locales/ro/glossary.toml"), partial).expect("write");
    let (code, _, stderr) = run(root, &["publish", "day-686"]);
    assert_eq!(code, 0, "warnings about ro only: {stderr}");
    assert!(
        stderr.contains("warning[glossary::missing-form]"),
        "{stderr}"
    );
    assert!(!stderr.contains("error["), "{stderr}");
    // --strict refuses the Romanian edition alone; every other edition is published.
    let (code, _, stderr) = run(root, &["publish", "day-686", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("--strict refused the ro edition"),
        "{stderr}"
    );
    assert!(
        !root.join("public/day-686/ro").exists(),
        "the refused edition is not published"
    );
    for lang in ["en", "bg", "uk", "de", "pl", "sr-Cyrl", "sr-Latn"] {
        assert!(
            root.join(format!("public/day-686/{lang}/index.html"))
                .exists(),
            "{lang}"
        );
    }
}
