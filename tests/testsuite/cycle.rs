//! The daily cycle after day 686, as a user lives it: the source changes, translators refresh,
//! CI publishes. Each test changes the world and checks what happens next (issue #10's list).

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

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{rel} has {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const PRISONERS: &str = " Most prisoners there are convicted of serious crimes.";

#[test]
fn a_deleted_sentence_takes_its_translation_with_it() {
    let project = project_copy();
    let root = project.path();
    let bg_prisoners = "Повечето затворници там";
    assert!(read(root, "corpus/day-686/bg.po").contains(bg_prisoners));
    edit(root, "corpus/day-686/source.en.txt", PRISONERS, "");
    let (code, stdout, stderr) = run(root, &["status", "day-686", "--refresh"]);
    assert!(code == 0 || code == 1, "{stderr}");
    assert!(stdout.contains("made obsolete"), "{stdout}");
    let po = read(root, "corpus/day-686/bg.po");
    // The prisoners' translation is obsolete; the winter sentence kept its own, unflagged.
    let obsolete_at = po
        .find(&format!("#~ msgstr \"{bg_prisoners}"))
        .expect("obsolete entry");
    assert!(obsolete_at > po.find("msgctxt \"s4.p7.2\"").expect("s4.p7.2"));
    let (code, _, stderr) = run(root, &["publish", "day-686", "--strict"]);
    assert_eq!(code, 0, "nothing needs review after a deletion: {stderr}");
    for lang in ["bg", "uk", "de", "pl", "sr-Cyrl"] {
        let html = read(root, &format!("public/day-686/{lang}/index.html"));
        let text = read(root, &format!("public/day-686/{lang}/index.txt"));
        assert!(
            !html.contains(bg_prisoners) && !text.contains(bg_prisoners),
            "{lang}"
        );
    }
    let bg = read(root, "public/day-686/bg/index.txt");
    assert!(
        bg.contains("Зимата е сурова") || bg.contains("зимата"),
        "the winter sentence stays"
    );
}

#[test]
fn an_edited_sentence_is_a_fuzzy_draft_that_strict_refuses_until_reviewed() {
    let project = project_copy();
    let root = project.path();
    edit(
        root,
        "corpus/day-686/source.en.txt",
        "Russian officials said production of military equipment was ramped up.",
        "Russian officials said production of military equipment had been ramped up sharply.",
    );
    let (_, stdout, _) = run(root, &["status", "day-686", "--lang", "bg", "--refresh"]);
    assert!(stdout.contains("flagged fuzzy"), "{stdout}");
    assert!(stdout.contains("NEEDS REVIEW"), "{stdout}");
    let (code, _, _) = run(root, &["status", "day-686", "--lang", "bg", "--strict"]);
    assert_eq!(code, 1, "needs review is not done under --strict");
    let (code, _, stderr) = run(root, &["publish", "day-686", "--strict"]);
    assert_eq!(code, 1, "publish --strict refuses a fuzzy draft: {stderr}");
    // Without --strict the draft is not published: the English source is, marked.
    let (code, _, stderr) = run(root, &["publish", "day-686"]);
    assert_eq!(code, 0, "{stderr}");
    let bg = read(root, "public/day-686/bg/index.html");
    assert!(
        bg.contains("had been ramped up sharply"),
        "the source, as a fallback"
    );
    assert!(
        !bg.contains("производството на военна техника е увеличено"),
        "not the draft"
    );
}

#[test]
fn publish_runs_the_checks() {
    for (rel, from, to, code) in [
        (
            "corpus/day-686/de.po",
            "Selenskyj sagte",
            "Zelensky sagte",
            "check::",
        ),
        (
            "corpus/day-686/uk.po",
            "Київ",
            "Киев",
            "check::forbidden-variant",
        ),
        (
            "corpus/day-686/bg.po",
            "−32",
            "−23",
            "check::number-mismatch",
        ),
    ] {
        let project = project_copy();
        let root = project.path();
        edit(root, rel, from, to);
        let (exit, _, stderr) = run(root, &["publish", "day-686", "--strict"]);
        assert_eq!(
            exit, 1,
            "{rel}: {from} → {to} must stop publish --strict: {stderr}"
        );
        assert!(stderr.contains(code), "{rel}: {stderr}");
        assert!(!root.join("public/day-686").exists(), "nothing written");
    }
}

#[test]
fn check_reports_the_po_syntax_error_at_its_own_line() {
    let project = project_copy();
    let root = project.path();
    let po = read(root, "corpus/day-686/bg.po");
    let (line_no, line) = po
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("msgstr \"") && l.ends_with("Литва\""))
        .expect("a msgstr ending in Литва");
    edit(
        root,
        "corpus/day-686/bg.po",
        line,
        line.trim_end_matches('"'),
    );
    let (code, _, stderr) = run(root, &["check", "day-686"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!("--> corpus/day-686/bg.po:{}:", line_no + 1)),
        "the PO problem at its own file:line:col: {stderr}"
    );
}

#[test]
fn a_misspelt_fluent_variable_points_at_its_column_with_a_suggestion() {
    let project = project_copy();
    let root = project.path();
    edit(root, "locales/bg/chrome.ftl", "{ $day }", "{ $dayy }");
    let (code, stdout, _) = run(root, &["check", "day-686"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("did you mean `$day`?"), "{stdout}");
    assert!(stdout.contains("--> locales/bg/chrome.ftl:"), "{stdout}");
    assert!(
        stdout.contains("day-title = Ден { $dayy }"),
        "the line itself: {stdout}"
    );
}

#[test]
fn a_clean_check_is_quiet_and_its_totals_are_exact() {
    let project = project_copy();
    let root = project.path();
    let (code, stdout, _) = run(root, &["check", "day-686", "--strict"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        !stdout.contains("accepted["),
        "accepted findings are summarised: {stdout}"
    );
    assert!(stdout.contains("0 failing"), "{stdout}");
    let (_, verbose, _) = run(root, &["check", "day-686", "--strict", "--verbose"]);
    let accepted = verbose.matches("accepted[").count();
    assert!(accepted > 0);
    assert!(
        stdout.contains(&format!("({accepted} accepted")),
        "{stdout}\n{verbose}"
    );
}

#[test]
fn a_new_day_with_nothing_translated_publishes_visibly_untranslated() {
    let project = project_copy();
    let root = project.path();
    let day = root.join("corpus/day-687");
    std::fs::create_dir_all(&day).expect("mkdir");
    let source = read(root, "corpus/day-686/source.en.txt").replacen("Day 686", "Day 687", 1);
    std::fs::write(day.join("source.en.txt"), source).expect("source");
    std::fs::write(day.join("day.toml"), "day = 687\nsource_lang = \"en\"\n").expect("day.toml");
    let (code, stdout, stderr) = run(root, &["status", "day-687", "--update"]);
    assert_eq!(code, 1, "nothing is translated yet: {stdout}{stderr}");
    assert!(stdout.contains("corpus/day-687/de.po: created"), "{stdout}");
    let (code, _, stderr) = run(root, &["publish"]);
    assert_eq!(
        code, 0,
        "a new day publishes with a visible fallback: {stderr}"
    );
    let de = read(root, "public/day-687/de/index.html");
    assert!(
        de.contains("lang=\"en\""),
        "the German page says its text is English"
    );
    // The index links only pages that exist, and a language's feed carries its own language.
    let index = read(root, "public/index.html");
    for href in index
        .split("href=\"")
        .skip(1)
        .filter_map(|h| h.split('"').next())
    {
        if href.starts_with("day-") {
            assert!(
                root.join("public").join(href).exists(),
                "index links {href}"
            );
        }
    }
    // A German feed entry in English is marked as such (xml:lang and an `untranslated` category).
    let feed = read(root, "public/de/feed.atom");
    let entry = feed
        .split("<entry")
        .find(|e| e.contains("day-687"))
        .expect("an entry for day 687");
    assert!(entry.starts_with(" xml:lang=\"en\""), "{entry}");
    assert!(entry.contains("term=\"untranslated\""), "{entry}");
    let (code, _, _) = run(root, &["publish", "--strict"]);
    assert_eq!(code, 1, "--strict refuses untranslated editions");
}

#[test]
fn a_new_day_gets_memory_drafts_with_its_own_numbers_all_flagged() {
    let project = project_copy();
    let root = project.path();
    let day = root.join("corpus/day-687");
    std::fs::create_dir_all(&day).expect("mkdir");
    let source = read(root, "corpus/day-686/source.en.txt")
        .replacen("Day 686", "Day 687", 1)
        .replacen("At least 31 people", "At least 35 people", 1);
    std::fs::write(day.join("source.en.txt"), source).expect("source");
    std::fs::write(day.join("day.toml"), "day = 687\nsource_lang = \"en\"\n").expect("day.toml");
    let (code, stdout, stderr) = run(root, &["draft", "day-687"]);
    assert!(code == 0 || code == 1, "{stderr}");
    assert!(stdout.contains("day-687 bg memory:"), "{stdout}");
    let bg = read(root, "corpus/day-687/bg.po");
    let entry = bg
        .split("\n\n")
        .find(|e| e.contains("msgctxt \"s3.p7.1\""))
        .expect("a draft for s3.p7.1");
    assert!(
        entry.contains("#, fuzzy"),
        "every draft needs review: {entry}"
    );
    assert!(
        entry.contains("#. draft: memory"),
        "its provenance: {entry}"
    );
    assert!(
        entry.contains("Най-малко 35 души"),
        "the new day's number: {entry}"
    );
    // A draft is never published as finished.
    let (code, _, _) = run(root, &["status", "day-687", "--strict"]);
    assert_eq!(code, 1);
}

#[test]
fn a_missing_plural_category_stops_a_strict_publish() {
    let project = project_copy();
    let root = project.path();
    edit(
        root,
        "locales/uk/chrome.ftl",
        "    [few] { $count } ключові події\n",
        "",
    );
    let (code, stdout, _) = run(root, &["check", "day-686"]);
    assert_eq!(code, 0, "a warning without --strict: {stdout}");
    assert!(
        stdout.contains("check::fluent-plural-categories"),
        "{stdout}"
    );
    assert!(stdout.contains("--> locales/uk/chrome.ftl:"), "{stdout}");
    let (code, _, stderr) = run(root, &["publish", "day-686", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("check::fluent-plural-categories"),
        "{stderr}"
    );
}

/// What `check --all` (text and JSON) and `status` print, with their exit codes.
fn reports(root: &Path) -> Vec<(i32, String, String)> {
    [
        &["check", "--all"][..],
        &["check", "--all", "--format", "json"],
        &["status"],
        &["status", "--strict", "--format", "json"],
    ]
    .iter()
    .map(|args| run(root, args))
    .collect()
}

fn clear_caches(root: &Path) {
    let cache = root.join("target/dayglot-cache");
    if cache.exists() {
        std::fs::remove_dir_all(&cache).expect("cache removed");
    }
}

/// Issue #14: `check --all` and `status` take unchanged days from a cache. Whatever happens to
/// the inputs — a catalog edited within the same second and at the same size, a chrome file, a
/// glossary — a warm run prints exactly what a cold one does.
#[test]
fn warm_check_and_status_print_what_cold_ones_do_after_every_edit() {
    let project = project_copy();
    let root = project.path();
    let cold = reports(root);
    assert_eq!(cold[0].0, 0, "day-686 checks clean: {}", cold[0].2);
    assert_eq!(reports(root), cold, "a warm run changes nothing");

    let edits: [(&str, &str, &str); 4] = [
        // Same length, right after a run: the file's metadata may not show the change.
        (
            "corpus/day-686/de.po",
            "Präsident Selenskyj ist",
            "Präsident Selenskij ist",
        ),
        (
            "corpus/day-686/uk.po",
            "Володимир Зеленський заявив",
            "Володимир Зеленский заявив",
        ),
        ("locales/de/chrome.ftl", "{ $day }", "{ $dya }"),
        (
            "locales/de/glossary.toml",
            "short = \"Selenskyj\"",
            "short = \"Selenskij\"",
        ),
    ];
    let mut previous = cold;
    for (file, from, to) in edits {
        edit(root, file, from, to);
        let warm = reports(root);
        clear_caches(root);
        let cold = reports(root);
        for (k, (w, c)) in warm.iter().zip(&cold).enumerate() {
            // Not assert_eq!: the reports are long; the first differing line says enough.
            let first = w.1.lines().zip(c.1.lines()).find(|(a, b)| a != b);
            assert!(
                w == c,
                "after editing {file}, report {k}: warm differs from cold at {first:?}"
            );
        }
        assert!(warm != previous, "editing {file} changes a report");
        previous = warm;
    }
}
