//! Never a panic on input: memory units, sources and engine answers made of numbers,
//! separators, months, names and stray punctuation in both scripts.

use dayglot_core::{Document, Segment, SegmentId, Span};
use dayglot_draft::engine::{EngineConfig, EngineKind, Translated, draft_from_engine, plan};
use dayglot_draft::{DayInput, Memory, MemoryOptions, Unit, draft_from_memory};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::common::*;

const PIECES: &[&str] = &[
    "1,900",
    "1 900",
    "1.900",
    "−32",
    "-5",
    "11:25",
    "11.25",
    "a.m.",
    "5,5",
    "0",
    "2024",
    "1960s",
    "January 6",
    "6 січня",
    "6. Januar",
    "лютого",
    "December",
    "Zelensky",
    "Зеленський",
    "Зеленского",
    "Zelenskyy",
    "Selenskyj",
    "Russia",
    "Росію",
    "Moscow",
    "Москву",
    "Kyiv",
    "Київ",
    "five and a half",
    "two",
    "три",
    "«",
    "»",
    "\"",
    "’",
    "-",
    "—",
    "IK-3",
    "@handle",
    "#tag",
    "https://x.com/a",
    "the",
    "said",
    "і",
    "und",
    " ",
    "  ",
    ".",
    ",",
    "\u{a0}",
    "\u{301}",
    "ß",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..14).prop_map(|p| p.join(" "))
}

fn doc(text: &str) -> Document {
    Document {
        day: Some(687),
        date: None,
        lang: lang("en"),
        title: Some(Segment::plain(SegmentId::title(), text, Span::default())),
        lead: Some(Segment::plain(
            SegmentId::lead(),
            "Summary of key events:",
            Span::default(),
        )),
        headlines: Vec::new(),
        sections: Vec::new(),
        posts: Vec::new(),
    }
}

#[test]
fn memory_and_engine_drafts_never_panic() {
    let glossary = glossary();
    let res = resources(&glossary);
    let mut runner = TestRunner::new(Config {
        cases: std::env::var("DAYGLOT_PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(128),
        ..Config::default()
    });
    let engine = EngineConfig::new(EngineKind::LibreTranslate, "http://127.0.0.1:9");
    runner
        .run(
            &(text(), text(), text(), text()),
            |(mem_src, mem_tgt, new_src, answer)| {
                for tag in ["uk", "de"] {
                    let l = lang(tag);
                    let mut memory = Memory::new();
                    memory.insert(
                        day(1),
                        &l,
                        vec![Unit {
                            segment: "title".into(),
                            source: mem_src.clone(),
                            target: mem_tgt.clone(),
                        }],
                    );
                    let index = memory.index();
                    let source = doc(&new_src);
                    let input = DayInput {
                        day: day(687),
                        source: &source,
                        catalog: None,
                        lang: &l,
                    };
                    let options = MemoryOptions {
                        min_score: 0.0,
                        ..MemoryOptions::default()
                    };
                    let out = draft_from_memory(&res, &index, &input, &options).unwrap();
                    prop_assert!(out.summary.drafted + out.summary.no_match == out.summary.to_fill);
                    let p = plan(&res, &input);
                    let n = p.jobs.len();
                    let translated = Translated {
                        results: vec![Ok(answer.clone()); n],
                        requests: 1,
                        warnings: Vec::new(),
                    };
                    let out = draft_from_engine(&res, &input, &engine, p, translated).unwrap();
                    prop_assert_eq!(out.summary.drafted, n);
                }
                Ok(())
            },
        )
        .unwrap();
}
