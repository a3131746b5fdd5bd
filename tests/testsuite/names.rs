//! `dayglot names`: every mention of every glossary entity in a day, in the source and in the
//! translations.

use std::collections::BTreeSet;

use crate::support::{dayglot, repo_root};

/// Every entity of day-686 (the list and the translators' table), from
/// `crates/dayglot-glossary/fixtures/day-686/entities.txt`.
fn day_686_entities() -> BTreeSet<String> {
    let path = repo_root().join("crates/dayglot-glossary/fixtures/day-686/entities.txt");
    std::fs::read_to_string(path)
        .expect("the day-686 entity list is readable")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn names_json(args: &[&str]) -> serde_json::Value {
    let out = dayglot(&repo_root())
        .arg("names")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn entity_set(json: &serde_json::Value) -> BTreeSet<String> {
    json["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| m["entity"].as_str().expect("entity").to_owned())
        .collect()
}

#[test]
fn finds_every_entity_of_day_686_in_the_source() {
    let json = names_json(&["day-686"]);
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["lang"], "en");
    let expected: BTreeSet<String> = day_686_entities();
    assert_eq!(entity_set(&json), expected);
}

#[test]
fn spans_point_into_the_segment_texts() {
    let json = names_json(&["day-686"]);
    let ingest = dayglot(&repo_root())
        .args(["ingest", "day-686", "--format", "json"])
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&ingest.stdout).expect("document JSON");
    let mut texts = std::collections::BTreeMap::new();
    for key in ["title", "lead"] {
        if let Some(t) = doc[key].as_str() {
            texts.insert(key.to_owned(), t.to_owned());
        }
    }
    for (i, h) in doc["headlines"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        texts.insert(
            format!("h{}", i + 1),
            h.as_str().unwrap_or_default().to_owned(),
        );
    }
    for s in doc["sections"].as_array().into_iter().flatten() {
        for p in s["paragraphs"].as_array().into_iter().flatten() {
            for seg in p.as_array().into_iter().flatten() {
                texts.insert(
                    seg["id"].as_str().unwrap_or_default().to_owned(),
                    seg["text"].as_str().unwrap_or_default().to_owned(),
                );
            }
        }
    }
    for p in doc["posts"].as_array().into_iter().flatten() {
        texts.insert(
            p["id"].as_str().unwrap_or_default().to_owned(),
            p["text"].as_str().unwrap_or_default().to_owned(),
        );
    }
    for m in json["mentions"].as_array().expect("mentions") {
        let seg = m["segment"].as_str().expect("segment");
        let text = texts
            .get(seg)
            .unwrap_or_else(|| panic!("unknown segment {seg}"));
        let (start, end) = (
            m["start"].as_u64().expect("start") as usize,
            m["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(text.get(start..end), m["text"].as_str(), "{m}");
    }
}

#[test]
fn accepted_variants_in_the_source_are_reported_with_their_normal_form() {
    let json = names_json(&["day-686"]);
    let accepted: BTreeSet<(String, String)> = json["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .filter(|m| m["form"] == "accepted")
        .map(|m| {
            (
                m["text"].as_str().unwrap_or_default().to_owned(),
                m["normalized"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("Beric", "Berić"),
        ("Dejan Beric", "Dejan Berić"),
        ("Gitanas Nauseda", "Gitanas Nausėda"),
        ("Moscow Komsomolets", "Moskovsky Komsomolets"),
        ("Nauseda", "Nausėda"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    assert_eq!(accepted, expected);
}

#[test]
fn finds_every_entity_in_each_translation() {
    let expected: BTreeSet<String> = day_686_entities();
    for lang in ["bg", "uk", "de"] {
        let json = names_json(&["day-686", "--lang", lang]);
        assert_eq!(json["lang"], lang);
        assert_eq!(entity_set(&json), expected, "{lang}");
        let forbidden: Vec<_> = json["mentions"]
            .as_array()
            .expect("mentions")
            .iter()
            .filter(|m| m["form"] == "forbidden")
            .collect();
        assert!(forbidden.is_empty(), "{lang}: {forbidden:?}");
    }
}

#[test]
fn text_output_lists_one_mention_per_line() {
    let out = dayglot(&repo_root())
        .args(["names", "day-686"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.lines().any(|l| l
            == "s2.p3.1\t34..49\tGitanas Nauseda\tperson/nauseda\taccepted -> Gitanas Nausėda"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("of 59 entities in day-686 (en); 0 forbidden"),
        "{stderr}"
    );
}

#[test]
fn unknown_day_and_language_are_usage_errors() {
    dayglot(&repo_root())
        .args(["names", "day-9999"])
        .assert()
        .code(2);
    dayglot(&repo_root())
        .args(["names", "day-686", "--lang", "fr"])
        .assert()
        .code(2);
    dayglot(&repo_root())
        .args(["names", "../day-686"])
        .assert()
        .code(2);
}
