//! Translation memory benchmark: a synthetic memory of 1,000 days × 200 segments (200,000
//! units, en → uk) generated deterministically from day-686's Ukrainian catalog, and a new day
//! (the acceptance fixture day-687, 67 segments) drafted from it.
//!
//! ```text
//! cargo bench -p dayglot-draft --bench memory
//! DAYGLOT_BENCH_DAYS=100 cargo bench -p dayglot-draft --bench memory   # a quick run
//! ```

#![allow(missing_docs, clippy::unwrap_used, clippy::print_stderr)]

use std::path::Path;
use std::sync::OnceLock;

use dayglot_core::{DayId, Document, Lang};
use dayglot_draft::{
    DayInput, LangData, Memory, MemoryIndex, MemoryOptions, Resources, Unit, draft_from_memory,
};
use dayglot_glossary::{Glossary, GlossaryFile};
use dayglot_ingest::{LanguageRules, Options, ingest};
use dayglot_translate::parse_po;
use divan::Bencher;

const SEGMENTS_PER_DAY: usize = 200;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

fn days_wanted() -> u32 {
    std::env::var("DAYGLOT_BENCH_DAYS")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(1000)
}

/// Adds `k` to every stand-alone number of one or two digits (the same in source and target).
fn vary(text: &str, k: u32) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut run = String::new();
    let mut prev: Option<char> = None;
    let flush = |out: &mut String, run: &mut String, prev: Option<char>, next: Option<char>| {
        if run.is_empty() {
            return;
        }
        let joined = |c: Option<char>| c.is_some_and(|c| matches!(c, ',' | '.' | ':'));
        if run.len() <= 2 && !joined(prev) && !joined(next) {
            out.push_str(&(run.parse::<u32>().unwrap() + k).to_string());
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    let mut before_run = None;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if run.is_empty() {
                before_run = prev;
            }
            run.push(c);
        } else {
            flush(&mut out, &mut run, before_run, Some(c));
            out.push(c);
        }
        prev = Some(c);
    }
    flush(&mut out, &mut run, before_run, None);
    out
}

/// Replaces the `i`-th word of `text` with `word` (a reworded sentence).
fn reword(text: &str, i: usize, word: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() < 4 {
        return text.to_owned();
    }
    let at = 1 + i % (words.len() - 2);
    words
        .iter()
        .enumerate()
        .map(|(k, w)| if k == at { word } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

const FILLER: [&str; 8] = [
    "reportedly",
    "again",
    "officially",
    "later",
    "also",
    "firmly",
    "briefly",
    "openly",
];

struct Setup {
    glossary: &'static Glossary,
    memory: &'static Memory,
    source: Document,
    lang: Lang,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let lang = Lang::parse("uk").unwrap();
        let catalog = parse_po(&read("corpus/day-686/uk.po")).catalog;
        let pairs: Vec<(String, String, String)> = catalog
            .active()
            .filter(|e| !e.msgstr.value.is_empty())
            .map(|e| {
                (
                    e.msgctxt.clone().unwrap().value,
                    e.msgid.value.clone(),
                    e.msgstr.value.clone(),
                )
            })
            .collect();
        let mut memory = Memory::new();
        for d in 1..=days_wanted() {
            let units: Vec<Unit> = (0..SEGMENTS_PER_DAY)
                .map(|k| {
                    let (id, source, target) = &pairs[k % pairs.len()];
                    let variant = k / pairs.len();
                    let shift = (d + variant as u32) % 89;
                    let mut source = vary(source, shift);
                    if variant > 0 {
                        source = reword(
                            &source,
                            d as usize + k,
                            FILLER[(d as usize + k) % FILLER.len()],
                        );
                    }
                    Unit {
                        segment: format!("{id}.{variant}"),
                        source,
                        target: vary(target, shift),
                    }
                })
                .collect();
            memory.insert(DayId::from_number(d).unwrap(), &lang, units);
        }
        let registry = GlossaryFile::new(
            "locales/glossary/entities.toml",
            read("locales/glossary/entities.toml"),
        );
        let files: Vec<GlossaryFile> = ["en", "uk"]
            .iter()
            .map(|l| {
                GlossaryFile::new(
                    format!("locales/{l}/glossary.toml"),
                    read(&format!("locales/{l}/glossary.toml")),
                )
                .with_lang(Lang::parse(l).unwrap())
            })
            .collect();
        let glossary = Box::leak(Box::new(Glossary::load(&registry, &files).0));
        let rules = LanguageRules::from_toml(&read("locales/en/ingest.toml")).unwrap();
        let source = ingest(
            &read("crates/dayglot-draft/fixtures/day-687/source.en.txt"),
            &Options::new(Lang::parse("en").unwrap(), &rules),
        )
        .document;
        eprintln!(
            "memory: {} days, {} units; drafting a day of {} segments",
            days_wanted(),
            memory.len(),
            source.segments().len()
        );
        Setup {
            glossary,
            memory: Box::leak(Box::new(memory)),
            source,
            lang,
        }
    })
}

fn resources(s: &Setup) -> Resources<'static> {
    let data = |l: &str| {
        LangData::parse(
            Lang::parse(l).unwrap(),
            l,
            &read(&format!("locales/{l}/check.toml")),
        )
        .unwrap()
    };
    Resources::new(s.glossary, data("en"), vec![data("uk")])
}

fn draft(s: &Setup, res: &Resources<'_>, index: &MemoryIndex<'_>) -> usize {
    let input = DayInput {
        day: DayId::from_number(5000).unwrap(),
        source: &s.source,
        catalog: None,
        lang: &s.lang,
    };
    draft_from_memory(res, index, &input, &MemoryOptions::default())
        .unwrap()
        .summary
        .drafted
}

/// Drafting one day from the memory, its index built (the index is built once per run).
#[divan::bench(sample_count = 20, sample_size = 1)]
fn draft_day(bencher: Bencher) {
    let s = setup();
    let res = resources(s);
    let index = s.memory.index();
    bencher.bench_local(|| draft(s, &res, &index));
}

/// Building the index of the whole memory (once per `dayglot draft` run).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn build_index(bencher: Bencher) {
    let s = setup();
    bencher.bench_local(|| {
        s.memory
            .index()
            .best(&s.lang, "Summary of key events in the last 24 hours:", 0.75)
            .is_some()
    });
}

/// CPU time of this process so far (user + system), from /proc (Linux), in seconds.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Wall and CPU milliseconds of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let cpu = cpu_seconds();
    let start = std::time::Instant::now();
    let out = f();
    let wall = start.elapsed().as_secs_f64() * 1000.0;
    let cpu = cpu
        .zip(cpu_seconds())
        .map_or(f64::NAN, |(a, b)| (b - a) * 1000.0);
    (out, wall, cpu)
}

fn main() {
    let s = setup();
    let res = resources(s);
    // The cold path of `dayglot draft`: the saved memory read back, its index built, a day drafted.
    let (json, _, _) = timed(|| s.memory.to_json());
    let (memory, wall, cpu) = timed(|| Memory::from_json(&json).unwrap());
    eprintln!(
        "memory.json: {:.1} MB, read in {wall:.0} ms wall, {cpu:.0} ms CPU",
        json.len() as f64 / 1e6
    );
    let (index, wall, cpu) = timed(|| memory.index());
    eprintln!("index built in {wall:.0} ms wall, {cpu:.0} ms CPU");
    for pass in 1..=3 {
        let (drafted, wall, cpu) = timed(|| draft(s, &res, &index));
        eprintln!("pass {pass}: {drafted} drafts in {wall:.1} ms wall, {cpu:.0} ms CPU");
    }
    drop(index);
    divan::main();
}
