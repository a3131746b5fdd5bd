//! `dayglot check`: the real day-686 is clean in strict mode, and a mutation suite injects one
//! fault per case into a copy of the project, in each of bg, uk and de, and asserts that each is
//! caught with the right code at the right place.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{dayglot, project_copy, repo_root};

const LANGS: [&str; 5] = ["bg", "uk", "de", "pl", "sr-Cyrl"];

/// Runs `dayglot check day-686 --strict --format json` and returns (exit code, findings).
fn check_json(root: &Path) -> (i32, Vec<serde_json::Value>) {
    let out = dayglot(root)
        .args(["check", "day-686", "--strict", "--format", "json"])
        .output()
        .expect("dayglot runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    (out.status.code().unwrap_or(-1), findings)
}

fn po_path(root: &Path, lang: &str) -> std::path::PathBuf {
    root.join("corpus/day-686").join(format!("{lang}.po"))
}

/// The (start, end) byte range of the whole entry of `seg` (comments to blank line) and of its
/// msgstr value.
fn entry(text: &str, seg: &str) -> ((usize, usize), (usize, usize)) {
    let key = format!("msgctxt \"{seg}\"\n");
    let at = text.find(&key).unwrap_or_else(|| panic!("entry {seg}"));
    let start = text[..at].rfind("\n\n").map_or(0, |p| p + 2);
    let end = text[at..].find("\n\n").map_or(text.len(), |p| at + p + 2);
    let m = at + text[at..].find("\nmsgstr \"").expect("msgstr") + "\nmsgstr \"".len();
    let m_end = m + text[m..].find("\"\n").expect("end of msgstr");
    ((start, end), (m, m_end))
}

fn edit_po(root: &Path, lang: &str, f: impl FnOnce(String) -> String) {
    let path = po_path(root, lang);
    let text = std::fs::read_to_string(&path).expect("read po");
    std::fs::write(&path, f(text)).expect("write po");
}

fn msgstr(text: &str, seg: &str) -> String {
    let (_, (s, e)) = entry(text, seg);
    text[s..e].to_owned()
}

fn set_msgstr(text: &str, seg: &str, value: &str) -> String {
    let (_, (s, e)) = entry(text, seg);
    format!("{}{}{}", &text[..s], value, &text[e..])
}

fn delete_entry(text: &str, seg: &str) -> String {
    let ((s, e), _) = entry(text, seg);
    format!("{}{}", &text[..s], &text[e..])
}

fn replace_in(root: &Path, lang: &str, seg: &str, from: &str, to: &str) {
    edit_po(root, lang, |t| {
        let old = msgstr(&t, seg);
        assert!(old.contains(from), "{lang} {seg} has {from:?}");
        set_msgstr(&t, seg, &old.replace(from, to))
    });
}

/// What each language's day-686 writes for the words a fault changes, and the faulty word:
/// (two years → three years), (Navalny → Putin), (Zelensky → a forbidden form), (6 → 7 January).
const FORMS: [(&str, [(&str, &str); 4]); 5] = [
    (
        "bg",
        [
            ("две години", "три години"),
            ("Навални", "Путин"),
            ("Зеленски", "Зеленский"),
            ("6 януари", "7 януари"),
        ],
    ),
    (
        "uk",
        [
            ("два роки", "три роки"),
            ("Навальний", "Путін"),
            ("Зеленський", "Зеленский"),
            ("6 січня", "7 січня"),
        ],
    ),
    (
        "de",
        [
            ("zwei Jahren", "drei Jahren"),
            ("Nawalny", "Putin"),
            ("Selenskyj", "Zelensky"),
            ("6. Januar", "7. Januar"),
        ],
    ),
    (
        "pl",
        [
            ("dwóch lat", "trzech lat"),
            ("Nawalny", "Putin"),
            ("Zełenski", "Zelensky"),
            ("6 stycznia", "7 stycznia"),
        ],
    ),
    (
        "sr-Cyrl",
        [
            ("две године", "три године"),
            ("Навални", "Путин"),
            ("Зеленски", "Зеленский"),
            ("6. јануара", "7. јануара"),
        ],
    ),
];

/// The `k`th (from, to) pair of a language.
fn form(lang: &str, k: usize) -> (&'static str, &'static str) {
    FORMS
        .iter()
        .find(|(l, _)| *l == lang)
        .expect("a language of FORMS")
        .1[k]
}

fn edit_file(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// One class of fault: its name, how to inject it into one language, and the expected
/// (code, segment or Fluent message id).
struct Class {
    name: &'static str,
    inject: fn(&Path, &str),
    code: &'static str,
    segment: &'static str,
}

fn classes() -> Vec<Class> {
    vec![
        Class {
            name: "change a number",
            code: "check::number-mismatch",
            segment: "s3.p7.1",
            inject: |r, l| replace_in(r, l, "s3.p7.1", "31", "32"),
        },
        Class {
            name: "change a spelled-out number",
            code: "check::spelled-number",
            segment: "s1.p4.1",
            inject: |r, l| {
                let (from, to) = form(l, 0);
                replace_in(r, l, "s1.p4.1", from, to)
            },
        },
        Class {
            name: "drop a sentence",
            code: "check::structure",
            segment: "s1.p2.2",
            inject: |r, l| edit_po(r, l, |t| delete_entry(&t, "s1.p2.2")),
        },
        Class {
            name: "merge two sentences",
            code: "check::structure",
            segment: "s3.p7.1",
            inject: |r, l| {
                edit_po(r, l, |t| {
                    let merged = format!("{} {}", msgstr(&t, "s3.p7.1"), msgstr(&t, "s3.p7.2"));
                    delete_entry(&set_msgstr(&t, "s3.p7.1", &merged), "s3.p7.2")
                });
            },
        },
        Class {
            name: "move a sentence to the wrong section",
            code: "check::structure",
            segment: "s3.p2.1",
            inject: |r, l| {
                edit_po(r, l, |t| {
                    let moved = msgstr(&t, "s2.p3.1");
                    delete_entry(&set_msgstr(&t, "s3.p2.1", &moved), "s2.p3.1")
                });
            },
        },
        Class {
            name: "swap a name for another entity",
            code: "check::name-missing",
            segment: "s4.p1.1",
            inject: |r, l| {
                let (from, to) = form(l, 1);
                replace_in(r, l, "s4.p1.1", from, to)
            },
        },
        Class {
            name: "use a forbidden variant",
            code: "check::forbidden-variant",
            segment: "s1.p1.1",
            inject: |r, l| {
                let (from, to) = form(l, 2);
                replace_in(r, l, "s1.p1.1", from, to)
            },
        },
        Class {
            name: "leave a segment in English",
            code: "check::untranslated",
            segment: "s3.p2.1",
            inject: |r, l| {
                edit_po(r, l, |t| {
                    set_msgstr(
                        &t,
                        "s3.p2.1",
                        "The United States will ask the UN Security Council to hold Russia accountable, Reuters reports.",
                    )
                });
            },
        },
        Class {
            name: "change a date",
            code: "check::date-mismatch",
            segment: "s3.p1.1",
            inject: |r, l| {
                let (from, to) = form(l, 3);
                replace_in(r, l, "s3.p1.1", from, to)
            },
        },
        Class {
            // The day's segments quote no link or handle (the post's link and handle are
            // fields of the post, not text): the translation of the post gains a wrong handle.
            name: "alter a handle or link",
            code: "check::handle-changed",
            segment: "post1",
            inject: |r, l| {
                edit_po(r, l, |t| {
                    let old = msgstr(&t, "post1");
                    set_msgstr(&t, "post1", &format!("{old} (@Jamie04381096)"))
                });
            },
        },
        Class {
            name: "remove a Fluent message",
            code: "check::fluent-missing-message",
            segment: "skip-link",
            inject: |r, l| {
                let path = r.join("locales").join(l).join("chrome.ftl");
                let text = std::fs::read_to_string(&path).expect("read ftl");
                let kept: Vec<&str> = text
                    .lines()
                    .filter(|line| !line.starts_with("skip-link ="))
                    .collect();
                std::fs::write(&path, kept.join("\n") + "\n").expect("write ftl");
            },
        },
        Class {
            name: "drop a $variable",
            code: "check::fluent-variable",
            segment: "day-title",
            inject: |r, l| {
                edit_file(
                    &r.join("locales").join(l).join("chrome.ftl"),
                    "{ $day }",
                    "686",
                )
            },
        },
        Class {
            name: "edit the source so a translation is stale",
            code: "check::stale",
            segment: "s3.p2.1",
            inject: |r, _| {
                edit_file(
                    &r.join("corpus/day-686/source.en.txt"),
                    "accountable, Reuters reports.",
                    "accountable, Reuters reported.",
                )
            },
        },
    ]
}

#[test]
fn day_686_is_clean_in_strict_mode() {
    let (code, findings) = check_json(&repo_root());
    let failing: Vec<String> = findings
        .iter()
        .filter(|f| f["fails"] == true)
        .map(|f| {
            format!(
                "{} {} {}: {}",
                f["code"], f["lang"], f["segment"], f["message"]
            )
        })
        .collect();
    assert!(
        failing.is_empty(),
        "false positives on day-686:\n{}",
        failing.join("\n")
    );
    assert_eq!(code, 0);
    // Every accepted finding carries its reason.
    assert!(
        findings
            .iter()
            .all(|f| f["accepted"].as_str().is_some_and(|r| !r.is_empty()))
    );
}

#[test]
fn mutation_suite_catches_every_class_in_every_language() {
    let mut table = format!(
        "| fault | {} |\n|---|{}\n",
        LANGS.join(" | "),
        "---|".repeat(LANGS.len())
    );
    let mut missed = Vec::new();
    let mut caught_total = 0;
    let classes = classes();
    for class in &classes {
        let mut row = BTreeMap::new();
        for lang in LANGS {
            let dir = project_copy();
            (class.inject)(dir.path(), lang);
            let (code, findings) = check_json(dir.path());
            let caught = code == 1
                && findings.iter().any(|f| {
                    f["code"] == class.code
                        && f["lang"] == lang
                        && f["segment"] == class.segment
                        && f["fails"] == true
                });
            if caught {
                caught_total += 1;
            } else {
                let got: Vec<String> = findings
                    .iter()
                    .map(|f| format!("{} {} {}", f["code"], f["lang"], f["segment"]))
                    .collect();
                missed.push(format!(
                    "{} in {lang}: expected {} at {}, got {got:?}",
                    class.name, class.code, class.segment
                ));
            }
            row.insert(lang, if caught { "caught" } else { "MISSED" });
        }
        let cells: Vec<&str> = LANGS.iter().map(|l| row[l]).collect();
        table.push_str(&format!(
            "| {} (`{}`) | {} |\n",
            class.name,
            class.code,
            cells.join(" | ")
        ));
    }
    let total = classes.len() * LANGS.len();
    table.push_str(&format!("\ncatch rate: {caught_total}/{total}\n"));
    insta::assert_snapshot!("mutation_catch_rate", table);
    assert!(missed.is_empty(), "{}", missed.join("\n"));
}

/// A copy of the project with three faults in bg (a number, a forbidden variant, a dropped
/// `$variable`), one accepted finding and one warning.
fn faulty_project() -> tempfile::TempDir {
    let dir = project_copy();
    let root = dir.path();
    replace_in(root, "bg", "s3.p7.1", "31", "32");
    replace_in(root, "bg", "s1.p1.1", "Зеленски", "Зеленский");
    edit_file(&root.join("locales/bg/chrome.ftl"), "{ $day }", "686");
    dir
}

fn run_format(root: &Path, format: &str) -> (i32, String) {
    let out = dayglot(root)
        .args(["check", "day-686", "--format", format])
        .output()
        .expect("dayglot runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn output_formats() {
    let dir = faulty_project();
    for format in ["text", "json", "github"] {
        let (code, out) = run_format(dir.path(), format);
        assert_eq!(code, 1, "{format}: findings fail the run");
        insta::with_settings!({ snapshot_suffix => format }, {
            insta::assert_snapshot!("faulty_day", out);
        });
    }
}

#[test]
fn warnings_fail_only_in_strict_mode_and_usage_errors_exit_2() {
    let dir = project_copy();
    // A quotation mark Ukrainian does not use: a warning.
    replace_in(
        dir.path(),
        "uk",
        "s1.p1.1",
        "«чіткі свідчення гальмування»",
        "\\\"чіткі свідчення гальмування\\\"",
    );
    let loose = dayglot(dir.path())
        .args(["check", "day-686"])
        .output()
        .expect("runs");
    let strict = dayglot(dir.path())
        .args(["check", "day-686", "--strict"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&strict.stdout).into_owned();
    assert!(text.contains("warning[check::quote-marks]"), "{text}");
    assert_eq!(strict.status.code(), Some(1));
    // Without --strict the warnings (this one, and the uk footer's plural variants if not
    // accepted) do not fail.
    assert!(
        loose.status.code() == Some(0),
        "{}",
        String::from_utf8_lossy(&loose.stdout)
    );
    let usage = dayglot(dir.path()).args(["check"]).output().expect("runs");
    assert_eq!(usage.status.code(), Some(2));
    let bad_day = dayglot(dir.path())
        .args(["check", "day-9999"])
        .output()
        .expect("runs");
    assert_eq!(bad_day.status.code(), Some(2));
}

#[test]
fn review_page() {
    let dir = faulty_project();
    let out = dir.path().join("review.html");
    let run = dayglot(dir.path())
        .args(["report", "day-686", "--out"])
        .arg(&out)
        .output()
        .expect("dayglot runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(&out).expect("page written");
    // The same entity and the same number have the same colour in every language.
    let colour_of = |needle: &str| {
        let at = html
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} highlighted"));
        let before = &html[..at];
        let style = before
            .rfind("style=\"background:")
            .expect("a coloured mark");
        before[style..]
            .split('"')
            .nth(1)
            .expect("style value")
            .to_owned()
    };
    assert_eq!(
        colour_of(">Zelensky</mark>"),
        colour_of(">Зеленський</mark>")
    );
    assert_eq!(colour_of(">1,900</mark>"), colour_of(">1.900</mark>"));
    // The finding stands next to its segment, and text is escaped.
    assert!(html.contains("check::number-mismatch"));
    assert!(!html.contains("<script"));
    insta::assert_snapshot!("review_page", html);
}

#[test]
fn review_page_in_headless_chromium() {
    let Some(chromium) = ["chromium", "chromium-browser"].iter().find_map(|n| {
        std::process::Command::new("which")
            .arg(n)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    }) else {
        panic!(
            "chromium is not installed: `apt-get install -y chromium fonts-noto-core` (.ci/run does this)"
        );
    };
    let dir = faulty_project();
    let out = dir.path().join("review.html");
    let run = dayglot(dir.path())
        .args(["report", "day-686", "--out"])
        .arg(&out)
        .output()
        .expect("dayglot runs");
    assert!(run.status.success());
    let dom = std::process::Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!("file://{}", out.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    // The browser parsed the whole page: every segment row and the findings are in the DOM.
    assert!(
        dom.contains("id=\"seg-post1\""),
        "the page did not parse to the end"
    );
    assert!(dom.contains("check::number-mismatch"));
    assert_eq!(dom.matches("<tr id=\"seg-").count(), 67);
}
