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
    assert_eq!(langs, ["bg", "de", "en", "pl", "sr-Cyrl", "sr-Latn", "uk"]);
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
                    "hreflang=\"{other}\" href=\"https://dayglot.example/day-686/{other}/index.html\""
                )),
                "{lang} → {other}"
            );
        }
        assert!(html.contains(
            "hreflang=\"x-default\" href=\"https://dayglot.example/day-686/en/index.html\""
        ));
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
    for lang in ["bg", "uk", "de", "pl", "sr-Cyrl"] {
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
    // sr-Latn is made from sr-Cyrl, so its segment falls back too.
    assert_eq!(
        stderr.matches("render::fallback").count(),
        6,
        "exactly one segment in six languages: {stderr}"
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

// ---------------------------------------------------------------------------------------------
// Issue #14: a whole archive, in parallel, incrementally, atomically.

/// A copy of the project whose corpus holds `days` copies of day-686 (day-686 onward), each
/// with its catalogs: an archive to publish.
fn archive_copy(days: u32) -> tempfile::TempDir {
    let project = project_copy();
    let corpus = project.path().join("corpus");
    let original = corpus.join("day-686");
    let meta = std::fs::read_to_string(original.join("day.toml")).expect("day.toml");
    for n in 687..686 + days {
        let dir = corpus.join(format!("day-{n}"));
        crate::support::copy_tree(&original, &dir);
        std::fs::write(
            dir.join("day.toml"),
            meta.replace("day = 686", &format!("day = {n}")),
        )
        .expect("write day.toml");
        // The day's number in its title, in the source and in every catalog.
        for entry in std::fs::read_dir(&dir).expect("day folder").flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".po") || name.starts_with("source.") {
                let text = std::fs::read_to_string(&path).expect("read");
                std::fs::write(&path, text.replace("686", &n.to_string())).expect("write");
            }
        }
    }
    project
}

/// Every entry under `dir` without following links: files by content, links by target.
fn entries(dir: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        let Ok(read) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in read.flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(base).expect("under base").to_path_buf();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).expect("link");
                out.insert(rel, format!("-> {}", target.display()));
            } else if meta.is_dir() {
                walk(base, &path, out);
            } else {
                out.insert(
                    rel,
                    String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn publish_env(root: &Path, args: &[&str], threads: &str) -> (i32, String) {
    let out = dayglot(root)
        .env("DAYGLOT_THREADS", threads)
        .arg("publish")
        .args(args)
        .output()
        .expect("dayglot runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn forget_output(root: &Path) {
    for p in ["public", ".public.dayglot", "target/dayglot-cache"] {
        let path = root.join(p);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => std::fs::remove_dir_all(&path).expect("remove folder"),
            Ok(_) => std::fs::remove_file(&path).expect("remove link"),
            Err(_) => {}
        }
    }
}

#[test]
fn parallel_equals_sequential_and_a_warm_cache_equals_a_cold_one() {
    let project = archive_copy(6);
    let root = project.path();
    let (code, stderr) = publish_env(root, &["--no-cache"], "1");
    assert_eq!(code, 0, "{stderr}");
    let sequential = tree(&root.join("public"));
    assert!(sequential.contains_key(Path::new("day-691/de/index.html")));
    assert!(sequential.contains_key(Path::new("archive/2024-01.html")));

    forget_output(root);
    let (code, stderr) = publish_env(root, &[], "4");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("6 day(s) rendered"), "{stderr}");
    assert_eq!(
        sequential,
        tree(&root.join("public")),
        "4 threads, cold cache"
    );

    // Warm: nothing changed, nothing is rendered, the same bytes.
    let (code, stderr) = publish_env(root, &[], "2");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("0 day(s) rendered"), "{stderr}");
    assert_eq!(sequential, tree(&root.join("public")), "warm cache");

    // One catalog changes: that day alone is rendered again; warm equals cold.
    let po = root.join("corpus/day-688/de.po");
    let text = std::fs::read_to_string(&po).expect("de.po");
    let changed = text.replacen("Selenskyj", "Selenskyj (Präsident)", 1);
    assert_ne!(text, changed);
    std::fs::write(&po, changed).expect("write de.po");
    let (code, stderr) = publish_env(root, &[], "2");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 day(s) rendered"), "{stderr}");
    let warm = tree(&root.join("public"));
    assert_ne!(warm, sequential);
    forget_output(root);
    let (code, stderr) = publish_env(root, &[], "1");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(warm, tree(&root.join("public")), "cold after the change");

    // publish day-N: that day, the feeds and the index; the other days are kept as they are.
    let (code, stderr) = publish_env(root, &["day-690", "--no-cache"], "2");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 day(s) rendered"), "{stderr}");
    assert_eq!(warm, tree(&root.join("public")));

    // The next day arrives, with nothing translated yet: only it is rendered, the feeds and the
    // index show it, and a warm run still equals a cold one.
    let corpus = root.join("corpus");
    crate::support::copy_tree(&corpus.join("day-691"), &corpus.join("day-692"));
    let meta = std::fs::read_to_string(corpus.join("day-692/day.toml")).expect("day.toml");
    std::fs::write(
        corpus.join("day-692/day.toml"),
        meta.replace("day = 691", "day = 692"),
    )
    .expect("day.toml");
    for file in std::fs::read_dir(corpus.join("day-692"))
        .expect("day-692")
        .flatten()
    {
        let name = file.file_name().to_string_lossy().into_owned();
        if name.ends_with(".po") {
            std::fs::remove_file(file.path()).expect("remove catalog");
        } else if name.starts_with("source.") {
            let source = std::fs::read_to_string(file.path()).expect("source");
            std::fs::write(file.path(), source.replace("691", "692")).expect("source");
        }
    }
    let (code, stderr) = publish_env(root, &[], "2");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 day(s) rendered"), "{stderr}");
    let grown = tree(&root.join("public"));
    assert!(grown.contains_key(Path::new("day-692/de/index.html")));
    assert!(self::text(&grown, "en/feed.atom").contains("day-692/"));
    assert!(self::text(&grown, "index.html").contains("day-692/"));
    forget_output(root);
    let (code, stderr) = publish_env(root, &[], "1");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(grown, tree(&root.join("public")), "cold after the new day");
}

#[test]
fn files_of_removed_days_and_languages_disappear() {
    let project = archive_copy(3);
    let root = project.path();
    assert_eq!(publish(root, &[]).0, 0);
    assert!(root.join("public/day-688/uk/index.html").is_file());
    std::fs::remove_dir_all(root.join("corpus/day-688")).expect("remove day");
    std::fs::remove_dir_all(root.join("locales/uk")).expect("remove language");
    for day in ["day-686", "day-687"] {
        std::fs::remove_file(root.join(format!("corpus/{day}/uk.po"))).expect("remove uk.po");
    }
    let (code, stderr) = publish(root, &[]);
    assert_eq!(code, 0, "{stderr}");
    let out = tree(&root.join("public"));
    assert!(
        !out.keys().any(|p| p.starts_with("day-688")),
        "{:?}",
        out.keys()
    );
    assert!(
        !out.keys()
            .any(|p| p.starts_with("uk") || p.ends_with("uk/index.html"))
    );
    assert!(out.contains_key(Path::new("day-687/bg/index.html")));
    // Beside the link: the live version and the spare one, with their manifests.
    let mut state: Vec<String> = std::fs::read_dir(root.join(".public.dayglot"))
        .expect("state folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    state.sort();
    assert_eq!(state, ["a", "a.manifest", "b", "b.manifest"]);
}

#[test]
fn a_hand_file_is_kept_and_never_deleted() {
    let project = project_copy();
    let root = project.path();
    assert_eq!(publish(root, &["day-686"]).0, 0);
    std::fs::write(root.join("public/CNAME"), "example.org\n").expect("hand file");
    std::fs::write(root.join("public/day-686/en/notes.txt"), "mine\n").expect("hand file");
    for _ in 0..3 {
        let (code, stderr) = publish(root, &[]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stderr.contains("not written by dayglot"), "{stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(root.join("public/CNAME")).expect("kept"),
        "example.org\n"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("public/day-686/en/notes.txt")).expect("kept"),
        "mine\n"
    );
}

#[test]
fn a_link_out_of_the_output_is_never_followed() {
    let project = project_copy();
    let root = project.path();
    let outside = tempfile::tempdir().expect("outside");
    std::fs::write(outside.path().join("index.html"), "precious\n").expect("outside file");
    std::fs::create_dir_all(outside.path().join("en")).expect("outside folder");
    std::fs::write(outside.path().join("en/index.html"), "precious too\n").expect("outside file");
    let before = entries(outside.path());
    assert_eq!(publish(root, &["day-686"]).0, 0);
    // A link to the outside, and a day folder replaced by a link to the outside.
    std::os::unix::fs::symlink(outside.path(), root.join("public/media")).expect("link");
    let live = std::fs::canonicalize(root.join("public")).expect("live");
    std::fs::remove_dir_all(live.join("day-686")).expect("remove day folder");
    std::os::unix::fs::symlink(outside.path(), live.join("day-686")).expect("link");
    for _ in 0..3 {
        let (code, stderr) = publish(root, &[]);
        assert_eq!(code, 0, "{stderr}");
    }
    assert_eq!(before, entries(outside.path()), "nothing outside changed");
    assert!(
        root.join("public/media/index.html").is_file(),
        "the link is kept"
    );
    assert!(
        std::fs::symlink_metadata(root.join("public/media"))
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(
        !std::fs::symlink_metadata(root.join("public/day-686"))
            .expect("day")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn an_output_folder_configured_somewhere_unexpected_is_refused_untouched() {
    let project = project_copy();
    let root = project.path();
    let config = std::fs::read_to_string(root.join("dayglot.toml")).expect("config");
    let outside = tempfile::tempdir().expect("outside");
    std::fs::write(outside.path().join("keep.txt"), "x").expect("outside file");
    std::os::unix::fs::symlink(outside.path(), root.join("www")).expect("link");
    std::fs::create_dir_all(root.join("notes")).expect("folder");
    std::fs::write(root.join("notes/todo.txt"), "y").expect("file");
    for dir in [
        "locales",
        "corpus",
        "corpus/day-686",
        "locales/en",
        "www",
        "notes",
    ] {
        let before = (
            entries(&root.join("corpus")),
            entries(&root.join("locales")),
            entries(outside.path()),
            entries(&root.join("notes")),
        );
        assert!(config.contains("dir = \"public\""));
        let with_dir = config.replace("dir = \"public\"", &format!("dir = \"{dir}\""));
        std::fs::write(root.join("dayglot.toml"), with_dir).expect("config");
        let (code, stderr) = publish(root, &["day-686"]);
        assert_ne!(code, 0, "{dir}: {stderr}");
        assert!(stderr.contains("cannot publish into"), "{dir}: {stderr}");
        let after = (
            entries(&root.join("corpus")),
            entries(&root.join("locales")),
            entries(outside.path()),
            entries(&root.join("notes")),
        );
        assert!(before == after, "{dir}: something changed");
    }
}

/// SIGKILL at random moments of a 20-day publish whose every page changes (the chrome changes):
/// the output is always the previous complete site or the new one (the one the next run,
/// which must complete, writes).
#[test]
fn a_killed_publish_leaves_the_previous_or_the_new_site() {
    let project = archive_copy(20);
    let root = project.path();
    let chrome = root.join("locales/en/chrome.ftl");
    let original = std::fs::read_to_string(&chrome).expect("chrome");
    assert!(original.contains("Skip to content"));
    let start = std::time::Instant::now();
    let (code, stderr) = publish(root, &[]);
    let took = start.elapsed();
    assert_eq!(code, 0, "{stderr}");
    let mut seed: u64 = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let window = took.as_micros() as u64 * 5 / 4 + 1;
    for round in 0..4 {
        let previous = tree(&root.join("public"));
        let variant = original.replace("Skip to content", &format!("Skip to content ({round})"));
        std::fs::write(&chrome, &variant).expect("chrome");
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = std::time::Duration::from_micros(seed % window);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dayglot"))
            .arg("--root")
            .arg(root)
            .arg("publish")
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let after_kill = tree(&root.join("public"));
        let (code, stderr) = publish(root, &[]);
        assert_eq!(code, 0, "round {round}: the next run completes: {stderr}");
        let new = tree(&root.join("public"));
        assert_ne!(previous, new, "round {round}: every page changed");
        assert!(
            after_kill == previous || after_kill == new,
            "round {round}, killed after {delay:?}: the output is a mix of two sites"
        );
    }
}

/// Feeds carry the newest `[output] feed_entries` days, each entry complete (RFC 4287: id,
/// title, updated, link), an untranslated edition marked as such; the index is grouped by month
/// and marks it too.
#[test]
fn feeds_carry_the_newest_days_and_untranslated_editions_are_marked() {
    let project = archive_copy(30);
    let root = project.path();
    let config = std::fs::read_to_string(root.join("dayglot.toml")).expect("config");
    std::fs::write(
        root.join("dayglot.toml"),
        config.replace("dir = \"public\"", "dir = \"public\"\nfeed_entries = 5"),
    )
    .expect("config");
    // The newest day has no German catalog: its German edition is in English throughout.
    std::fs::remove_file(root.join("corpus/day-715/de.po")).expect("remove de.po");
    let (code, stderr) = publish(root, &[]);
    assert_eq!(code, 0, "{stderr}");
    let out = tree(&root.join("public"));
    for lang in ["en", "bg", "uk", "de"] {
        let feed = text(&out, &format!("{lang}/feed.atom"));
        assert_eq!(
            feed.matches("<entry").count(),
            5,
            "{lang}: newest 5 entries"
        );
        // Once for the feed (the site has a base URL, so the feed links to the index), once
        // per entry.
        for element in ["<id>", "<title>", "<updated>", "<link rel=\"alternate\""] {
            assert_eq!(feed.matches(element).count(), 6, "{lang}: {element}");
        }
        assert!(feed.contains("<author><name>"), "{lang}");
        assert!(
            feed.contains("day-715/") && !feed.contains("day-710/"),
            "{lang}: newest first"
        );
    }
    let de = text(&out, "de/feed.atom");
    assert_eq!(de.matches("term=\"untranslated\"").count(), 1, "{de}");
    assert!(de.contains("<entry xml:lang=\"en\">"), "{de}");
    assert!(!text(&out, "bg/feed.atom").contains("untranslated"));
    // The index: months, the newest month's days; the untranslated edition marked.
    let index = text(&out, "index.html");
    assert!(
        index.contains("href=\"archive/2024-01.html\"")
            && index.contains("href=\"archive/2024-02.html\""),
        "{index}"
    );
    assert!(
        index.contains("<li lang=\"de\" class=\"untranslated\"><a href=\"day-715/de/index.html\""),
        "{index}"
    );
    assert_eq!(index.matches("class=\"untranslated\"").count(), 1);
    let january = text(&out, "archive/2024-01.html");
    assert!(
        january.contains("href=\"../day-686/en/index.html\""),
        "{january}"
    );
    assert!(!january.contains("day-715"), "February is on its own page");
}
