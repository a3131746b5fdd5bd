//! The translation memory: incremental updates, persistence, matches, placeables, and what a
//! memory run writes into a catalog.

use dayglot_check::facts;
use dayglot_core::SegmentId;
use dayglot_draft::{
    CatalogText, DayInput, DraftStatus, Memory, MemoryOptions, Unit, draft_from_memory,
};
use dayglot_translate::{PoString, parse_po, write_po};

use crate::common::*;

#[test]
fn update_reparses_only_changed_catalogs_and_drops_removed_ones() {
    let uk = lang("uk");
    let de = lang("de");
    let a = "msgctxt \"title\"\nmsgid \"Day 1.\"\nmsgstr \"День 1.\"\n";
    let b = "msgctxt \"title\"\nmsgid \"Day 1.\"\nmsgstr \"Tag 1.\"\n";
    let mut memory = Memory::new();
    let first = memory.update(&[
        CatalogText {
            day: day(1),
            lang: &uk,
            text: a,
        },
        CatalogText {
            day: day(1),
            lang: &de,
            text: b,
        },
    ]);
    assert_eq!(
        (first.parsed, first.reused, first.removed, first.units),
        (2, 0, 0, 2)
    );
    let saved = memory.to_json();
    let mut again = Memory::from_json(&saved).unwrap();
    assert_eq!(again, memory);
    let changed = "msgctxt \"title\"\nmsgid \"Day 1.\"\nmsgstr \"День перший.\"\n";
    let second = again.update(&[CatalogText {
        day: day(1),
        lang: &uk,
        text: changed,
    }]);
    assert_eq!(
        (second.parsed, second.reused, second.removed, second.units),
        (1, 0, 1, 1)
    );
    let third = again.update(&[CatalogText {
        day: day(1),
        lang: &uk,
        text: changed,
    }]);
    assert_eq!((third.parsed, third.reused), (0, 1));
    let index = again.index();
    let m = index.best(&uk, "Day 1.", 0.75).unwrap();
    assert_eq!(m.unit.target, "День перший.");
    assert!(
        memory
            .index_of(std::slice::from_ref(&de))
            .best(&uk, "Day 1.", 0.75)
            .is_none()
    );
    assert!(
        memory
            .index_of(std::slice::from_ref(&de))
            .best(&de, "Day 1.", 0.75)
            .is_some()
    );
}

#[test]
fn fuzzy_drafts_and_drafts_are_not_memory() {
    let uk = lang("uk");
    let po = "msgctxt \"title\"\nmsgid \"Day 1.\"\nmsgstr \"День 1.\"\n\n\
              #, fuzzy\nmsgctxt \"lead\"\nmsgid \"Summary of events:\"\nmsgstr \"Підсумок:\"\n\n\
              msgctxt \"h1\"\nmsgid \"Empty\"\nmsgstr \"\"\n";
    let mut memory = Memory::new();
    memory.update(&[CatalogText {
        day: day(1),
        lang: &uk,
        text: po,
    }]);
    assert_eq!(memory.len(), 1);
}

#[test]
fn a_saved_memory_of_another_format_is_refused() {
    let err = Memory::from_json(r#"{"format":99,"catalogs":{}}"#).unwrap_err();
    assert!(err.to_string().contains("format 99"), "{err}");
    assert!(Memory::from_json("not json").is_err());
}

#[test]
fn matches_score_exact_fuzzy_and_nothing() {
    let memory = corpus_memory();
    let index = memory.index();
    let uk = lang("uk");
    let exact = index
        .best(
            &uk,
            "Navalny ironically praised the polar conditions in his prison",
            0.75,
        )
        .unwrap();
    assert_eq!(exact.score, 1.0);
    assert_eq!(exact.day, "day-686");
    let fuzzy = index
        .best(
            &uk,
            "Navalny ironically praised the harsh conditions in his prison",
            0.75,
        )
        .unwrap();
    assert!((0.85..0.95).contains(&fuzzy.score), "{}", fuzzy.score);
    assert!(
        index
            .best(
                &uk,
                "Officials in Kyiv said the talks would continue next week.",
                0.75
            )
            .is_none()
    );
    assert!(index.best(&lang("uk"), "", 0.75).is_none());
}

fn one_segment_day(text: &str) -> dayglot_core::Document {
    document(&format!(
        "Day 687 of the invasion of Ukraine. Summary of key events in the last 24 hours:\n\nHeadline\n\n\n\n{text}\n"
    ))
}

fn drafted(text: &str, tag: &str) -> dayglot_draft::Draft {
    let glossary = glossary();
    let res = resources(&glossary);
    let memory = corpus_memory();
    let index = memory.index();
    let source = one_segment_day(text);
    let l = lang(tag);
    let out = draft_from_memory(
        &res,
        &index,
        &DayInput {
            day: day(687),
            source: &source,
            catalog: None,
            lang: &l,
        },
        &MemoryOptions::default(),
    )
    .unwrap();
    out.drafts
        .into_iter()
        .find(|d| d.segment.as_str() == "s1.p1.1")
        .unwrap_or_else(|| panic!("no draft for {text}"))
}

#[test]
fn numbers_are_substituted_by_value_in_the_target_notation() {
    let d = drafted(
        "On December 25, his supporters reported that Navalny, 47, was in the IK-3 prison colony in Kharp, Yamalo-Nenets Okrug, about 12,300 km northeast of Moscow.",
        "uk",
    );
    assert!(d.text.contains("12 300"), "{}", d.text);
    assert!(!d.text.contains("1 900"), "{}", d.text);
    assert_eq!(d.status, DraftStatus::Clean, "{d:?}");
    assert!(d.origin.starts_with("memory 99% (day-686 "), "{}", d.origin);
    let de = drafted(
        "On December 25, his supporters reported that Navalny, 47, was in the IK-3 prison colony in Kharp, Yamalo-Nenets Okrug, about 12,300 km northeast of Moscow.",
        "de",
    );
    let rules = lang_data(&lang("de")).rules;
    let keys: Vec<String> = facts(&de.text, &rules).into_iter().map(|f| f.key).collect();
    assert!(keys.contains(&"12300".to_owned()), "{} {keys:?}", de.text);
}

#[test]
fn dates_keep_the_case_of_the_memory_and_times_their_notation() {
    let d = drafted(
        "Russia fired multiple missiles from North Korea into Ukraine on February 8, the White House said on Tuesday.",
        "uk",
    );
    assert!(d.text.contains("8 лютого"), "{}", d.text);
    assert_eq!(d.status, DraftStatus::Clean, "{d:?}");
    let t = drafted(
        "Zelensky and Lithuanian President Gitanas Nauseda will hold a joint press conference at 10:40 a.m. local time, Lithuania said in a separate statement, adding that the Ukrainian president will also give a speech.",
        "de",
    );
    let rules = lang_data(&lang("de")).rules;
    let keys: Vec<String> = facts(&t.text, &rules).into_iter().map(|f| f.key).collect();
    assert!(keys.contains(&"10:40".to_owned()), "{} {keys:?}", t.text);
}

#[test]
fn a_name_is_swapped_for_the_new_entity_in_the_same_case() {
    let d = drafted(
        "The United States will ask the UN Security Council to hold Moscow accountable, Reuters reports.",
        "uk",
    );
    assert!(d.text.contains("Москву"), "{}", d.text);
    assert!(!d.text.contains("Росію"), "{}", d.text);
    assert_eq!(d.status, DraftStatus::Clean, "{d:?}");
}

#[test]
fn an_unverifiable_substitution_lowers_the_score_and_leaves_a_note() {
    // "two years" → "three years": a number in words cannot be rewritten.
    let d = drafted(
        "Sergei Chemezov, the head of Russia's state-run defense conglomerate Rostec, told President Vladimir Putin last month that production of many key pieces of equipment had increased significantly over the past three years.",
        "uk",
    );
    assert_eq!(d.status, DraftStatus::Flagged);
    assert!(!d.notes.is_empty());
    let score = d.score.unwrap();
    assert!(score < 85, "{score}");
    assert!(
        d.origin.starts_with(&format!("memory {score}%")),
        "{}",
        d.origin
    );
}

#[test]
fn translated_entries_are_never_touched_and_stale_ones_lose_nothing() {
    let glossary = glossary();
    let res = resources(&glossary);
    let memory = corpus_memory();
    let index = memory.index();
    let source = document(&read("corpus/day-686/source.en.txt"));
    let uk = lang("uk");
    let mut catalog = catalog("day-686", &uk).unwrap();
    // One entry emptied, one made stale (its msgid is an older source), one removed.
    let lead = catalog
        .entries
        .iter()
        .position(|e| e.msgctxt.as_ref().is_some_and(|c| c.value == "lead"))
        .unwrap();
    catalog.entries[lead].msgstr = PoString::new("");
    let h1 = catalog
        .entries
        .iter()
        .position(|e| e.msgctxt.as_ref().is_some_and(|c| c.value == "h1"))
        .unwrap();
    let old_h1 = catalog.entries[h1].msgstr.value.clone();
    catalog.entries[h1].msgid =
        PoString::new("The Russian defence industry is slowing down, Zelensky said");
    let h3 = catalog
        .entries
        .iter()
        .position(|e| e.msgctxt.as_ref().is_some_and(|c| c.value == "h3"))
        .unwrap();
    catalog.entries.remove(h3);
    let before = catalog.clone();
    let out = draft_from_memory(
        &res,
        &index,
        &DayInput {
            day: day(700),
            source: &source,
            catalog: Some(&catalog),
            lang: &uk,
        },
        &MemoryOptions::default(),
    )
    .unwrap();
    let ids: Vec<&str> = out.drafts.iter().map(|d| d.segment.as_str()).collect();
    assert_eq!(ids, ["lead", "h1", "h3"]);
    assert_eq!(out.summary.to_fill, 3);
    assert_eq!(out.summary.drafted, 3);
    for e in &out.catalog.entries {
        let id = e.msgctxt.as_ref().unwrap().value.as_str();
        if ids.contains(&id) {
            assert!(e.is_fuzzy(), "{id}");
            assert!(
                e.extracted_comments
                    .iter()
                    .any(|c| c.text.starts_with("draft: memory ")),
                "{id}"
            );
        } else if let Some(old) = before.entries.iter().find(|b| b.msgctxt == e.msgctxt) {
            assert_eq!(old.msgstr, e.msgstr, "{id} was touched");
            assert_eq!(old.flags, e.flags, "{id} was touched");
        }
    }
    let stale = out
        .catalog
        .entries
        .iter()
        .find(|e| e.segment_id() == Some(SegmentId::headline(1)))
        .unwrap();
    assert_eq!(
        stale.previous_msgid.as_ref().unwrap().value,
        "The Russian defence industry is slowing down, Zelensky said"
    );
    assert!(
        stale
            .extracted_comments
            .iter()
            .any(|c| c.text == format!("draft-earlier: {old_h1}"))
    );
    // The written file parses back with the drafts flagged.
    let written = write_po(&out.catalog);
    let parsed = parse_po(&written);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    assert!(
        written.contains("#. draft: memory 100% (day-686 lead)"),
        "{written}"
    );
}

#[test]
fn a_synthetic_memory_prefers_the_latest_day_among_equals() {
    let uk = lang("uk");
    let mut memory = Memory::new();
    let unit = |t: &str| Unit {
        segment: "lead".into(),
        source: "Summary of key events:".into(),
        target: t.into(),
    };
    memory.insert(day(10), &uk, vec![unit("старе")]);
    memory.insert(day(20), &uk, vec![unit("нове")]);
    let index = memory.index();
    assert_eq!(
        index
            .best(&uk, "Summary of key events:", 0.75)
            .unwrap()
            .unit
            .target,
        "нове"
    );
    assert_eq!(
        index
            .best_excluding(&uk, "Summary of key events:", 0.75, Some(day(20)))
            .unwrap()
            .unit
            .target,
        "старе"
    );
}

#[test]
fn a_stale_entry_is_drafted_from_its_own_earlier_translation() {
    let glossary = glossary();
    let res = resources(&glossary);
    let uk = lang("uk");
    let source = document(&read("corpus/day-686/source.en.txt"));
    let mut catalog = catalog("day-686", &uk).unwrap();
    let h4 = catalog
        .entries
        .iter()
        .position(|e| e.msgctxt.as_ref().is_some_and(|c| c.value == "h4"))
        .unwrap();
    let earlier = catalog.entries[h4].msgstr.value.clone();
    catalog.entries[h4].msgid = PoString::new("Navalny praised the polar conditions in his prison");
    // The day's own (edited) catalog is the whole memory.
    let text = write_po(&catalog);
    let mut memory = Memory::new();
    memory.update(&[CatalogText {
        day: day(686),
        lang: &uk,
        text: &text,
    }]);
    let index = memory.index();
    let out = draft_from_memory(
        &res,
        &index,
        &DayInput {
            day: day(686),
            source: &source,
            catalog: Some(&catalog),
            lang: &uk,
        },
        &MemoryOptions::default(),
    )
    .unwrap();
    assert_eq!(out.drafts.len(), 1);
    let d = &out.drafts[0];
    assert_eq!(d.segment.as_str(), "h4");
    assert_eq!(d.text, earlier);
    assert!(
        d.origin.starts_with("memory ") && d.origin.ends_with("(day-686 h4)"),
        "{}",
        d.origin
    );
}
