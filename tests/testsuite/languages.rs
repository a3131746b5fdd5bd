//! Adding a language is data only: a temporary project gets a fifth language (Polish) from a
//! `locales/pl/chrome.ftl` and a partial `corpus/day-686/pl.po`, and publishes it.

use std::path::Path;

use crate::support::{dayglot, project_copy};

const PL_CHROME: &str = r#"# Polish page chrome (test data). Some messages are left out on purpose: they fall back to English.
format-locale = pl
language-name = Polski
day-title = Dzień { $day } inwazji na Ukrainę
skip-link = Przejdź do treści
language-switcher = Przeczytaj ten dzień w innym języku
published-label = Opublikowano
publication-date = { DATETIME($date) }
key-events = { $count ->
    [one] { $count } kluczowe wydarzenie
    [few] { $count } kluczowe wydarzenia
    [many] { $count } kluczowych wydarzeń
   *[other] { $count } kluczowego wydarzenia
}
fallback-note = jeszcze nie przetłumaczono, pokazano po angielsku
translated-from = Przetłumaczono z wydania angielskiego
feed-title = { $site }: inwazja na Ukrainę, dzień po dniu (polski)
"#;

const PL_PO: &str = r#"msgid ""
msgstr ""
"Language: pl\n"
"Content-Type: text/plain; charset=UTF-8\n"

msgctxt "title"
msgid "Day 686 of the invasion of Ukraine."
msgstr "Dzień 686. inwazji na Ukrainę."

msgctxt "lead"
msgid "Summary of key events in the last 24 hours:"
msgstr "Podsumowanie kluczowych wydarzeń ostatniej doby:"

msgctxt "h2"
msgid "Ukrainian President Zelensky arrived on a surprise visit to Lithuania"
msgstr "Prezydent Ukrainy Zełenski przybył z niespodziewaną wizytą na Litwę"
"#;

fn add_polish(root: &Path) {
    std::fs::create_dir_all(root.join("locales/pl")).expect("mkdir");
    std::fs::write(root.join("locales/pl/chrome.ftl"), PL_CHROME).expect("write ftl");
    std::fs::write(root.join("corpus/day-686/pl.po"), PL_PO).expect("write po");
}

#[test]
fn a_fifth_language_is_published_from_data_alone() {
    let project = project_copy();
    add_polish(project.path());
    let out = dayglot(project.path())
        .args(["publish", "day-686"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let read = |p: &str| {
        std::fs::read_to_string(project.path().join("public").join(p))
            .unwrap_or_else(|e| panic!("{p}: {e}"))
    };

    let pl = read("day-686/pl/index.html");
    assert!(pl.contains("<html lang=\"pl\">"));
    assert!(pl.contains("<h1>Dzień 686. inwazji na Ukrainę.</h1>"));
    assert!(
        pl.contains("<time datetime=\"2024-01-10\">10 stycznia 2024</time>"),
        "ICU4X Polish long date"
    );
    assert!(
        pl.contains("\u{2068}5\u{2069} kluczowych wydarzeń"),
        "Polish plural category many"
    );
    assert!(pl.contains(
        "<a href=\"#s2\">Prezydent Ukrainy Zełenski przybył z niespodziewaną wizytą na Litwę</a>"
    ));
    // Untranslated segments are shown in English, marked and noted.
    assert!(pl.contains(
        "<span lang=\"en\" class=\"fallback\">The Russian defense industry is visibly slowing down, Zelensky said</span>"
    ));
    assert!(pl.contains("(jeszcze nie przetłumaczono, pokazano po angielsku)"));
    // Every other language links to the new one, and the new one to them.
    for lang in ["en", "bg", "uk", "de", "pl"] {
        let page = read(&format!("day-686/{lang}/index.html"));
        assert!(
            page.contains("<link rel=\"alternate\" hreflang=\"pl\" href=\"../pl/index.html\">"),
            "{lang}"
        );
        assert!(
            page.contains("hreflang=\"pl\" lang=\"pl\">Polski</a>")
                || page.contains("lang=\"pl\" aria-current=\"page\">Polski</a>"),
            "{lang}: switcher shows Polish in Polish"
        );
        assert!(
            pl.contains(&format!(
                "hreflang=\"{lang}\" href=\"../{lang}/index.html\""
            )),
            "pl → {lang}"
        );
    }
    assert!(read("pl/feed.atom").contains("xml:lang=\"pl\""));
    assert!(
        read("index.html")
            .contains("<a href=\"day-686/pl/index.html\" hreflang=\"pl\">Dzień \u{2068}686\u{2069} inwazji na Ukrainę</a>")
    );
    // The fallbacks are reported, never silent: segments and chrome messages.
    assert!(
        stderr.contains(
            "warning[render::fallback]: day-686 pl segment `h1` is shown in en (missing)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning[fluent::missing-message]: message `footer` is missing in pl"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("render::fallback]: day-686 pl segment `h2`"),
        "h2 is translated"
    );
}

#[test]
fn a_fifth_language_with_fallbacks_fails_in_strict_mode() {
    let project = project_copy();
    add_polish(project.path());
    let out = dayglot(project.path())
        .args(["publish", "day-686", "--strict"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !project.path().join("public").exists(),
        "nothing is written"
    );
}

#[test]
fn a_language_without_a_translation_file_falls_back_entirely() {
    let project = project_copy();
    std::fs::create_dir_all(project.path().join("locales/pl")).expect("mkdir");
    std::fs::write(project.path().join("locales/pl/chrome.ftl"), PL_CHROME).expect("write ftl");
    let out = dayglot(project.path())
        .args(["publish", "day-686"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("warning[publish::no-translation]: day-686 has no pl translation"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(project.path().join("public/day-686/pl/index.json"))
            .expect("pl json"),
    )
    .expect("valid");
    let segments = json["segments"].as_array().expect("segments");
    assert!(
        segments
            .iter()
            .all(|s| s["status"] == "fallback-no-translation-file" && s["lang"] == "en")
    );
}
