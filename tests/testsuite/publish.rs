//! `dayglot publish`: every output of every language (snapshots), determinism, atomic failure,
//! strict mode, escaping, and the plain-text round trip.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dayglot_core::DayId;
use dayglot_core::SourceFile;
use dayglot_core::json::DocumentJson;
use dayglot_ingest::{Options, ingest};
use dayglot_project::Project;

use crate::support::{dayglot, project_copy, repo_root};

/// Runs `dayglot publish` in `root`: (exit code, stderr with the root replaced by `[ROOT]`).
fn publish(root: &Path, args: &[&str]) -> (i32, String) {
    let out = dayglot(root)
        .arg("publish")
        .args(args)
        .output()
        .expect("dayglot runs");
    let stderr =
        String::from_utf8_lossy(&out.stderr).replace(&root.display().to_string(), "[ROOT]");
    (out.status.code().unwrap_or(-1), stderr)
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).expect("under base").to_path_buf();
                out.insert(rel, std::fs::read(&path).expect("read output"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn text(tree: &BTreeMap<PathBuf, Vec<u8>>, path: &str) -> String {
    let bytes = tree
        .get(Path::new(path))
        .unwrap_or_else(|| panic!("{path} was not written; files: {:?}", tree.keys()));
    String::from_utf8(bytes.clone()).expect("UTF-8 output")
}

/// Snapshot settings: invisible characters made visible (bidi isolation from Fluent, the
/// no-break and narrow no-break spaces from ICU4X).
fn visible() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter("\u{2068}", "[FSI]");
    settings.add_filter("\u{2069}", "[PDI]");
    settings.add_filter("\u{202f}", "[NNBSP]");
    settings.add_filter("\u{a0}", "[NBSP]");
    settings
}

#[test]
fn day_686_every_output_of_every_language() {
    let project = project_copy();
    let (code, stderr) = publish(project.path(), &["day-686", "--strict"]);
    assert_eq!(code, 0, "{stderr}");
    let out = tree(&project.path().join("public"));
    let langs: Vec<String> = std::fs::read_dir(project.path().join("public/day-686"))
        .expect("day folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(langs, ["bg", "de", "en", "uk"]);
    for lang in &langs {
        let mut settings = visible();
        settings.set_snapshot_suffix(lang.as_str());
        settings.bind(|| {
            for (name, file) in [
                ("html", "index.html"),
                ("md", "index.md"),
                ("txt", "index.txt"),
                ("json", "index.json"),
            ] {
                insta::assert_snapshot!(
                    format!("day_686_{name}"),
                    text(&out, &format!("day-686/{lang}/{file}"))
                );
            }
            insta::assert_snapshot!("feed", text(&out, &format!("{lang}/feed.atom")));
        });
        let html = text(&out, &format!("day-686/{lang}/index.html"));
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{lang}");
        for other in &langs {
            assert!(
                html.contains(&format!(
                    "hreflang=\"{other}\" href=\"../{other}/index.html\""
                )),
                "{lang} → {other}"
            );
        }
        assert!(html.contains("hreflang=\"x-default\" href=\"../en/index.html\""));
        assert!(html.contains("<time datetime=\"2024-01-10\">"));
        for s in 1..=5 {
            assert!(
                html.contains(&format!("<a href=\"#s{s}\">"))
                    && html.contains(&format!("<section id=\"s{s}\"")),
                "{lang} s{s}"
            );
        }
        assert!(!html.contains("<script"), "{lang}: no JavaScript");
        assert!(
            !html.contains("class=\"fallback\""),
            "{lang}: day-686 is fully translated"
        );
    }
    visible().bind(|| insta::assert_snapshot!("index", text(&out, "index.html")));
    assert_eq!(text(&out, "style.css"), dayglot_render::STYLESHEET);
    // The publication dates of the issue, from ICU4X (U+202F before г./р.).
    for (lang, date) in [
        ("en", "10 January 2024"),
        ("bg", "10 януари 2024\u{202f}г."),
        ("uk", "10 січня 2024\u{202f}р."),
        ("de", "10. Januar 2024"),
    ] {
        assert!(
            text(&out, &format!("day-686/{lang}/index.html")).contains(&format!(">{date}</time>")),
            "{lang}"
        );
    }
}

#[test]
fn output_is_byte_identical_across_runs_and_checkouts() {
    let (a, b) = (project_copy(), project_copy());
    assert_eq!(publish(a.path(), &["day-686"]).0, 0);
    let first = tree(&a.path().join("public"));
    assert_eq!(publish(a.path(), &["day-686"]).0, 0);
    assert_eq!(publish(b.path(), &["day-686"]).0, 0);
    assert_eq!(
        first,
        tree(&a.path().join("public")),
        "same project, second run"
    );
    assert_eq!(
        first,
        tree(&b.path().join("public")),
        "another folder: no absolute paths"
    );
    let root = a.path().display().to_string();
    for (path, bytes) in &first {
        assert!(
            !String::from_utf8_lossy(bytes).contains(&root),
            "{} holds an absolute path",
            path.display()
        );
    }
}

#[test]
fn a_failed_run_leaves_the_previous_output_untouched() {
    let project = project_copy();
    assert_eq!(publish(project.path(), &["day-686"]).0, 0);
    let before = tree(&project.path().join("public"));
    let ftl = project.path().join("locales/bg/chrome.ftl");
    let mut broken = std::fs::read_to_string(&ftl).expect("read ftl");
    broken.push_str("broken = { $count ->\n");
    std::fs::write(&ftl, broken).expect("write ftl");
    let (code, stderr) = publish(project.path(), &["day-686"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error[fluent::syntax]"), "{stderr}");
    assert!(stderr.contains("--> locales/bg/chrome.ftl:"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(before, tree(&project.path().join("public")));
}

#[test]
fn a_changed_source_sentence_is_stale_in_every_translation_and_strict_fails() {
    let project = project_copy();
    assert_eq!(publish(project.path(), &["day-686"]).0, 0);
    let before = tree(&project.path().join("public"));
    let source = project.path().join("corpus/day-686/source.en.txt");
    let old =
        "Zelensky said last month that Ukraine intends to produce one million drones by 2024.";
    let new =
        "Zelensky said last month that Ukraine intends to produce two million drones by 2024.";
    let text_before = std::fs::read_to_string(&source).expect("read source");
    assert!(text_before.contains(old));
    std::fs::write(&source, text_before.replace(old, new)).expect("write source");

    let (code, stderr) = publish(project.path(), &["day-686", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    for lang in ["bg", "uk", "de"] {
        assert!(
            stderr.contains(&format!("--> corpus/day-686/{lang}.po:")),
            "{lang}: {stderr}"
        );
        assert!(
            stderr.contains(&format!(
                "day-686 {lang} segment `s1.p8.1` is shown in en (stale)"
            )),
            "{lang}: {stderr}"
        );
    }
    assert_eq!(
        stderr.matches("render::fallback").count(),
        3,
        "exactly one segment in three languages: {stderr}"
    );
    assert!(stderr.contains("nothing was written"));
    assert_eq!(
        before,
        tree(&project.path().join("public")),
        "strict failure writes nothing"
    );

    // Without --strict the page is published with that one segment in English, marked.
    let (code, stderr) = publish(project.path(), &["day-686"]);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(project.path().join("public/day-686/bg/index.html"))
        .expect("bg page");
    assert_eq!(html.matches("class=\"fallback\"").count(), 1);
    assert!(html.contains(&format!(
        "<span lang=\"en\" class=\"fallback\">{new}</span> <small class=\"fallback-note\">("
    )));
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(project.path().join("public/day-686/bg/index.json"))
            .expect("json"),
    )
    .expect("valid");
    let stale: Vec<&serde_json::Value> = json["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["lang"] == "en")
        .collect();
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["id"], "s1.p8.1");
    assert_eq!(stale[0]["status"], "fallback-stale");
}

#[test]
fn hostile_source_text_comes_out_inert_in_every_format() {
    let project = project_copy();
    let fixture = repo_root().join("crates/dayglot-render/fixtures/escaping/day-1");
    crate::support::copy_tree(&fixture, &project.path().join("corpus/day-1"));
    let (code, stderr) = publish(project.path(), &["day-1"]);
    assert_eq!(code, 0, "{stderr}");
    let out = tree(&project.path().join("public"));
    let html = text(&out, "day-1/en/index.html");
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(\"pwned\")&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("Tom &amp; Jerry"));
    assert!(
        !html.contains("href=\"javascript:") && !html.contains("cite=\"javascript:"),
        "a javascript: link must not become a link"
    );
    let md = text(&out, "day-1/en/index.md");
    assert!(!md.contains("<script"), "{md}");
    assert!(md.contains("&lt;script>"));
    for lang in ["en", "bg", "uk", "de"] {
        let feed = text(&out, &format!("{lang}/feed.atom"));
        assert!(!feed.contains("<script"), "{lang}");
        assert!(
            !feed.contains("]]>"),
            "{lang}: a CDATA end in text must be escaped"
        );
        assert!(feed.contains("]]&gt;"), "{lang}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&text(&out, "day-1/en/index.json")).expect("valid JSON");
    assert_eq!(
        json["document"]["headlines"][0],
        "<script>alert(\"pwned\")</script> & \"quotes\" ]]> survive"
    );
    visible().bind(|| insta::assert_snapshot!("escaping_html", html));
}

#[test]
fn plain_text_re_ingests_to_the_same_model() {
    let project = Project::open(&repo_root()).expect("project");
    let day = project
        .load_day(DayId::parse("day-686").expect("id"))
        .expect("day-686 loads");
    let text = dayglot_render::plain_text(&day.ingested.document);
    let rules = project
        .language_rules(&day.meta.source_lang)
        .expect("rules");
    let mut options = Options::new(day.meta.source_lang.clone(), &rules);
    options.series = Some(&project.config.series);
    options.expected_day = Some(day.meta.day);
    let again = ingest(&text, &options);
    let json = |doc| {
        serde_json::to_string_pretty(&DocumentJson::new(doc, &[], &SourceFile::new("", "")))
            .expect("json")
    };
    assert_eq!(json(&day.ingested.document), json(&again.document));
}

#[test]
fn published_plain_text_re_ingests_to_the_published_model() {
    let project = project_copy();
    assert_eq!(publish(project.path(), &["day-686"]).0, 0);
    let out = tree(&project.path().join("public"));
    let opened = Project::open(project.path()).expect("project");
    let rules = opened
        .language_rules(&opened.config.source_lang)
        .expect("rules");
    let options = Options::new(opened.config.source_lang.clone(), &rules);
    let again = ingest(&text(&out, "day-686/en/index.txt"), &options);
    let published: serde_json::Value =
        serde_json::from_str(&text(&out, "day-686/en/index.json")).expect("json");
    let mut reingested = serde_json::to_value(DocumentJson::new(
        &again.document,
        &[],
        &SourceFile::new("", ""),
    ))
    .expect("json");
    // The date comes from the series calendar, which a bare file does not carry.
    reingested["date"] = published["document"]["date"].clone();
    assert_eq!(published["document"], reingested);
}
