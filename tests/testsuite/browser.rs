//! The published pages in a real browser: headless Chromium (Debian's `chromium`; `.ci/run`
//! installs it with `fonts-noto-core`). Without Chromium these tests fail with the command to
//! install it: they never skip silently.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{dayglot, project_copy};

fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser"] {
        if let Ok(out) = Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
        {
            let path = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            if out.status.success() && !path.is_empty() {
                return PathBuf::from(path);
            }
        }
    }
    panic!(
        "chromium is not installed: the browser tests need it. Install it with `apt-get install -y chromium fonts-noto-core` (.ci/run does this)"
    );
}

/// Runs headless Chromium with a fresh profile and the flags that keep it off the network.
fn run_chromium(args: &[&str]) -> std::process::Output {
    let profile = tempfile::tempdir().expect("profile dir");
    Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .output()
        .expect("chromium starts")
}

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

fn page(project: &Path, lang: &str) -> String {
    format!(
        "file://{}",
        project
            .join(format!("public/day-686/{lang}/index.html"))
            .display()
    )
}

fn languages(project: &Path) -> Vec<String> {
    let mut langs: Vec<String> = std::fs::read_dir(project.join("public/day-686"))
        .expect("day folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    langs.sort();
    langs
}

#[test]
fn every_language_renders_with_lang_headings_links_and_alternates() {
    let project = published();
    let langs = languages(project.path());
    assert_eq!(langs, ["bg", "de", "en", "pl", "sr-Cyrl", "sr-Latn", "uk"]);
    for lang in &langs {
        let out = run_chromium(&["--dump-dom", &page(project.path(), lang)]);
        let dom = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && dom.contains("</html>"),
            "{lang}: chromium failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            dom.contains(&format!("<html lang=\"{lang}\">")),
            "{lang}: {dom}"
        );
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(
                project
                    .path()
                    .join(format!("public/day-686/{lang}/index.json")),
            )
            .expect("json"),
        )
        .expect("valid json");
        let title = json["document"]["title"].as_str().expect("title");
        assert!(dom.contains(&format!("<h1>{title}</h1>")), "{lang}: h1");
        assert_eq!(
            dom.matches("<h2 ").count(),
            6,
            "{lang}: key events + 5 sections"
        );
        for s in 1..=5 {
            assert!(
                dom.contains(&format!("<a href=\"#s{s}\">")),
                "{lang}: headline link s{s}"
            );
            assert!(
                dom.contains(&format!("<section id=\"s{s}\"")),
                "{lang}: section s{s}"
            );
        }
        for other in &langs {
            assert!(
                dom.contains(&format!(
                    "<link rel=\"alternate\" hreflang=\"{other}\" href=\"https://dayglot.example/day-686/{other}/index.html\">"
                )),
                "{lang} → {other}"
            );
        }
        assert!(dom.contains("hreflang=\"x-default\""), "{lang}");
        assert!(
            dom.contains("<main id=\"main\">") && dom.contains("<nav class=\"languages\""),
            "{lang}: landmarks"
        );
    }
}

#[test]
fn cyrillic_renders_with_an_installed_font_not_tofu() {
    for lang in ["uk", "bg"] {
        let out = Command::new("fc-list")
            .arg(format!(":lang={lang}"))
            .arg("family")
            .output()
            .expect("fc-list runs (fontconfig)");
        let fonts = String::from_utf8_lossy(&out.stdout);
        assert!(
            fonts
                .lines()
                .any(|l| l.contains("Noto") || l.contains("DejaVu")),
            "no Noto or DejaVu font covers {lang}: install fonts-noto-core; fc-list says: {fonts}"
        );
    }
    // Tofu test: a line of Cyrillic must not look like the same number of characters no font
    // has (U+0378 is unassigned), which is what Cyrillic looks like when no font covers it.
    let shots = tempfile::tempdir().expect("tmp");
    let cyrillic = "Україна Ґ ї є — Българи ъ щ — Зеленський";
    let tofu: String = cyrillic
        .chars()
        .map(|c| if c.is_whitespace() { c } else { '\u{378}' })
        .collect();
    let shoot = |name: &str, text: &str| -> Vec<u8> {
        let html = shots.path().join(format!("{name}.html"));
        let body = format!(
            "<!DOCTYPE html><html lang=\"uk\"><meta charset=\"utf-8\"><body style=\"font: 40px sans-serif\"><p>{text}</p></body></html>"
        );
        std::fs::write(&html, body).expect("write page");
        let png = shots.path().join(format!("{name}.png"));
        let out = run_chromium(&[
            "--window-size=1400,300",
            &format!("--screenshot={}", png.display()),
            &format!("file://{}", html.display()),
        ]);
        assert!(
            out.status.success(),
            "screenshot of {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&png).expect("screenshot written");
        assert!(bytes.starts_with(b"\x89PNG"), "{name} is a PNG");
        bytes
    };
    let real = shoot("cyrillic", cyrillic);
    let boxes = shoot("tofu", &tofu);
    let blank = shoot("blank", "");
    assert_ne!(real, blank, "the Cyrillic line rendered nothing");
    assert_ne!(
        real, boxes,
        "the Cyrillic line renders exactly like missing glyphs (tofu): install fonts-noto-core"
    );

    // And the real pages render to something substantial.
    let project = published();
    for lang in ["uk", "bg"] {
        let png = shots.path().join(format!("{lang}-page.png"));
        let out = run_chromium(&[
            "--window-size=1000,1200",
            &format!("--screenshot={}", png.display()),
            &page(project.path(), lang),
        ]);
        assert!(
            out.status.success(),
            "{lang}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let size = std::fs::metadata(&png).expect("screenshot written").len();
        assert!(
            size > 20 * blank.len() as u64,
            "{lang}: the page screenshot ({size} bytes) looks blank"
        );
    }
}
