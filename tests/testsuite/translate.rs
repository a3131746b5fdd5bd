//! Translations in the corpus: `dayglot status` on the real day-686 and on edited copies.

use std::path::Path;

use serde_json::Value;

use crate::support::{dayglot, project_copy, repo_root};

const LANGS: [&str; 3] = ["bg", "de", "uk"];
const OLD_SENTENCE: &str = "Russian officials said production of military equipment was ramped up.";
const NEW_SENTENCE: &str =
    "Russian officials said production of military equipment had been ramped up sharply.";

/// Runs `dayglot status ARGS --format json` in `root`; returns the exit code and the report.
fn status_json(root: &Path, args: &[&str]) -> (i32, Value) {
    let out = dayglot(root)
        .arg("status")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("dayglot runs");
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "status --format json printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), report)
}

/// The report of one language of day-686.
fn lang<'a>(report: &'a Value, lang: &str) -> &'a Value {
    let langs = report["days"][0]["languages"]
        .as_array()
        .expect("languages array");
    langs
        .iter()
        .find(|l| l["lang"] == lang)
        .unwrap_or_else(|| panic!("no {lang} in {report}"))
}

/// Replaces one sentence of the source text of day-686 in a project copy.
fn edit_source(root: &Path, old: &str, new: &str) {
    let path = root.join("corpus/day-686/source.en.txt");
    let text = std::fs::read_to_string(&path).expect("source text");
    assert_eq!(
        text.matches(old).count(),
        1,
        "the sentence to change occurs once"
    );
    std::fs::write(&path, text.replace(old, new)).expect("write source");
}

#[test]
fn real_day_686_translations_are_complete() {
    let (code, report) = status_json(&repo_root(), &["day-686"]);
    assert_eq!(code, 0, "{report:#}");
    for l in LANGS {
        let r = lang(&report, l);
        assert_eq!(r["complete"], true, "{r:#}");
        assert_eq!(r["counts"]["translated"], 67, "{l}");
        for key in [
            "missing",
            "stale",
            "empty",
            "needs_review",
            "obsolete",
            "unknown",
        ] {
            assert_eq!(r["counts"][key], 0, "{l} {key}");
        }
        assert_eq!(r["diagnostics"], serde_json::json!([]), "{l}");
    }
}

#[test]
fn changing_one_source_sentence_makes_exactly_that_segment_stale() {
    let dir = project_copy();
    edit_source(dir.path(), OLD_SENTENCE, NEW_SENTENCE);

    let (code, report) = status_json(dir.path(), &["day-686"]);
    assert_eq!(code, 1, "stale translations fail the status");
    for l in LANGS {
        let r = lang(&report, l);
        assert_eq!(r["complete"], false);
        assert_eq!(r["counts"]["stale"], 1, "{l}");
        assert_eq!(r["counts"]["translated"], 66, "{l}");
        assert_eq!(r["counts"]["missing"], 0, "{l}");
        assert_eq!(
            r["stale"],
            serde_json::json!([{"id": "s1.p2.2", "old_source": OLD_SENTENCE, "new_source": NEW_SENTENCE}]),
            "{l}"
        );
    }

    let out = dayglot(dir.path())
        .args(["status", "day-686"])
        .output()
        .expect("dayglot runs");
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
}

#[test]
fn refresh_flags_the_stale_entry_fuzzy_and_keeps_the_old_source() {
    let dir = project_copy();
    edit_source(dir.path(), OLD_SENTENCE, NEW_SENTENCE);
    let po = dir.path().join("corpus/day-686/bg.po");
    let before = std::fs::read_to_string(&po).expect("bg.po");

    // --update never changes a translator's entry: the segment stays stale.
    dayglot(dir.path())
        .args(["status", "day-686", "--lang", "bg", "--update"])
        .assert()
        .code(1);
    assert_eq!(std::fs::read_to_string(&po).expect("bg.po"), before);

    let out = dayglot(dir.path())
        .args(["status", "day-686", "--lang", "bg", "--refresh"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "needs review is published: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let after = std::fs::read_to_string(&po).expect("bg.po");
    let entry = format!(
        "#, fuzzy\n#| msgid \"{OLD_SENTENCE}\"\nmsgctxt \"s1.p2.2\"\nmsgid \"{NEW_SENTENCE}\"\nmsgstr \"Руски официални лица заявиха, че производството на военна техника е увеличено.\"\n"
    );
    assert!(after.contains(&entry), "{after}");
    // Only that entry changed: two lines added, one replaced.
    assert_eq!(after.lines().count(), before.lines().count() + 2);
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));

    let (_, report) = status_json(dir.path(), &["day-686", "--lang", "bg"]);
    assert_eq!(
        lang(&report, "bg")["needs_review"],
        serde_json::json!(["s1.p2.2"])
    );
}

#[test]
fn a_broken_translation_file_is_reported_with_its_line() {
    let dir = project_copy();
    let po = dir.path().join("corpus/day-686/uk.po");
    let text = std::fs::read_to_string(&po).expect("uk.po");
    // A translator forgets to escape a quotation mark and misspells a keyword.
    let text = text
        .replacen("msgstr \"686-й день", "msgstr \"686-й \"день\"", 1)
        .replacen("msgctxt \"lead\"", "msgctx \"lead\"", 1);
    std::fs::write(&po, text).expect("write uk.po");

    let out = dayglot(dir.path())
        .args(["status", "day-686", "--lang", "uk"])
        .output()
        .expect("dayglot runs");
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("broken_uk_stdout", String::from_utf8_lossy(&out.stdout));
    insta::assert_snapshot!("broken_uk_stderr", String::from_utf8_lossy(&out.stderr));

    // Updating a file that has errors is refused: rewriting it would lose what could not be read.
    dayglot(dir.path())
        .args(["status", "day-686", "--lang", "uk", "--update"])
        .assert()
        .code(2);
}

#[test]
fn update_creates_the_file_of_a_new_language() {
    let dir = project_copy();
    std::fs::create_dir_all(dir.path().join("locales/fr")).expect("mkdir");
    let (code, report) = status_json(dir.path(), &["day-686", "--lang", "fr"]);
    assert_eq!(code, 1);
    assert_eq!(lang(&report, "fr")["exists"], false);
    assert_eq!(lang(&report, "fr")["counts"]["missing"], 67);

    dayglot(dir.path())
        .args(["status", "day-686", "--lang", "fr", "--update"])
        .assert()
        .code(1);
    let text =
        std::fs::read_to_string(dir.path().join("corpus/day-686/fr.po")).expect("fr.po written");
    assert!(text.contains("\"Language: fr\\n\"\n"), "{text}");
    assert!(text.contains("msgctxt \"s5.p11.1\"\n"), "{text}");
    let (_, report) = status_json(dir.path(), &["day-686", "--lang", "fr"]);
    assert_eq!(lang(&report, "fr")["counts"]["empty"], 67);
}

#[test]
fn xliff_export_has_one_unit_per_segment() {
    let dir = project_copy();
    let out_dir = dir.path().join("xliff");
    dayglot(dir.path())
        .args(["status", "day-686", "--lang", "de", "--xliff"])
        .arg(&out_dir)
        .assert()
        .code(0);
    let xml = std::fs::read_to_string(out_dir.join("day-686.de.xlf")).expect("XLIFF written");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"de\">"), "{xml}");
    assert_eq!(xml.matches("<unit id=").count(), 67);
    assert_eq!(xml.matches("<segment state=\"translated\">").count(), 67);
    // The post's `&` is escaped in the source and the target.
    assert!(xml.contains("treated like cattle &amp; sent"), "{xml}");
    assert!(!xml.contains(" & "), "an unescaped ampersand");
}
