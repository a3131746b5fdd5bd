//! Issue #11's acceptance: a new day made from day-686 (numbers changed, a few sentences
//! reworded) gets memory drafts for every segment with a close match, numbers right, every
//! draft flagged fuzzy.

use dayglot_check::facts;
use dayglot_draft::{DayInput, DraftStatus, MemoryOptions, draft_from_memory};
use dayglot_translate::{apply, parse_po, write_po};

use crate::common::*;

fn minus(mut a: Vec<String>, b: Vec<String>) -> Vec<String> {
    for k in b {
        if let Some(i) = a.iter().position(|x| *x == k) {
            a.remove(i);
        }
    }
    a
}

fn keys(text: &str, rules: &dayglot_check::LangRules) -> Vec<String> {
    let mut k: Vec<String> = facts(text, rules).into_iter().map(|f| f.key).collect();
    k.sort();
    k
}

#[test]
fn a_new_day_made_from_day_686_gets_memory_drafts_with_numbers_right() {
    let glossary = glossary();
    let res = resources(&glossary);
    let memory = corpus_memory();
    let index = memory.index();
    let source = document(&read("crates/dayglot-draft/fixtures/day-687/source.en.txt"));
    let en = lang_data(&lang("en")).rules;
    let options = MemoryOptions::default();
    let mut checked = 0;
    let (mut clean, mut needles) = (0, 0);
    for l in targets() {
        if catalog("day-686", &l).is_none() {
            continue;
        }
        let input = DayInput {
            day: day(687),
            source: &source,
            catalog: None,
            lang: &l,
        };
        let out = draft_from_memory(&res, &index, &input, &options).unwrap();
        let rules = &res.target(&l).unwrap().rules;
        // Every segment with a close match has a draft; the new sentence has none.
        for seg in source.segments() {
            let close = index.best(&l, &seg.text, options.min_score).is_some();
            let drafted = out.drafts.iter().any(|d| d.segment == seg.id);
            assert_eq!(close, drafted, "{l} {}: {}", seg.id, seg.text);
        }
        assert_eq!(
            out.summary.no_match, 1,
            "{l}: only the new sentence has no match"
        );
        assert_eq!(out.summary.drafted + 1, out.summary.to_fill);
        // Numbers right: a clean draft differs from its source in numbers and dates exactly as
        // the memory's translation differs from the memory's source (which translators
        // accepted: `100%` written `стовідсотковий`); every changed value was substituted.
        for d in out.drafts.iter().filter(|d| d.status == DraftStatus::Clean) {
            let seg = source.segment(&d.segment).unwrap();
            let unit = index.best(&l, &seg.text, options.min_score).unwrap().unit;
            assert_eq!(
                minus(keys(&seg.text, &en), keys(&d.text, rules)),
                minus(keys(&unit.source, &en), keys(&unit.target, rules)),
                "{l} {}: {}",
                d.segment,
                d.text
            );
            assert_eq!(
                minus(keys(&d.text, rules), keys(&seg.text, &en)),
                minus(keys(&unit.target, rules), keys(&unit.source, &en)),
                "{l} {}: {}",
                d.segment,
                d.text
            );
        }
        // The segments whose numbers, date, time or name changed: substituted and verified, or
        // flagged with a note (a value written twice, a case that is not certain), never
        // silently wrong.
        for needle in [
            "23 of 47",
            "2,300 km",
            "January 8",
            "10:40 a.m.",
            "34 people",
            "20 minutes",
            "65 km",
            "hold Moscow",
        ] {
            let seg = source
                .segments()
                .into_iter()
                .find(|s| s.text.contains(needle))
                .unwrap();
            let d = out.drafts.iter().find(|d| d.segment == seg.id).unwrap();
            match d.status {
                DraftStatus::Clean => {
                    assert!(!d.changes.is_empty(), "{l} {needle}: {d:?}");
                    clean += 1;
                }
                _ => assert!(
                    !d.notes.is_empty() && d.score < Some(90),
                    "{l} {needle}: {d:?}"
                ),
            }
            needles += 1;
        }
        // Every draft is flagged fuzzy: never published under --strict.
        let po = write_po(&out.catalog);
        let parsed = parse_po(&po);
        assert!(
            parsed.diagnostics.is_empty(),
            "{l}: {:?}",
            parsed.diagnostics
        );
        let t = apply(&source, &parsed.catalog, l.clone());
        assert_eq!(t.counts.translated, 0, "{l}: a draft is never translated");
        assert_eq!(t.counts.needs_review, out.summary.drafted);
        checked += 1;
    }
    assert!(checked >= 3, "languages checked: {checked}");
    assert!(
        clean * 10 >= needles * 9,
        "{clean} of {needles} changed segments substituted cleanly"
    );
}
