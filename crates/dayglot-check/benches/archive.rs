//! Checking benchmark: a synthetic archive of 1,000 days × 4 languages (en source, bg, uk, de),
//! generated deterministically from day-686 with the numbers varied per day, checked by
//! [`dayglot_check::check`] day by day.
//!
//! ```text
//! cargo bench -p dayglot-check --bench archive
//! DAYGLOT_BENCH_DAYS=100 cargo bench -p dayglot-check --bench archive         # a quick run
//! DAYGLOT_BENCH_DUMP=/tmp/dayglot-check-bench cargo bench -p dayglot-check --bench archive
//! ```
//!
//! With `DAYGLOT_BENCH_DIGEST=FILE` every finding of the archive is written to `FILE` (one
//! `{:?}` per line) and a digest of them is printed: a change meant only to make checking faster
//! must leave both unchanged.
//!
//! With `DAYGLOT_BENCH_DUMP=DIR` the archive is also written as PO files, one per day and
//! language (`DIR/<lang>/day-N.po`, msgctxt = segment id, msgid = source, msgstr = translation),
//! for `scripts/bench/pofilter_compare.py`.

#![allow(missing_docs, clippy::unwrap_used, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use dayglot_check::{CheckInput, Finding, FluentFile, LangInput, LangRules};
use dayglot_core::{Document, Lang};
use dayglot_glossary::{Glossary, GlossaryFile};
use dayglot_translate::{Translation, apply, parse_po};
use divan::Bencher;

struct Archive {
    glossary: Glossary,
    rules: BTreeMap<Lang, LangRules>,
    days: Vec<(Document, Vec<Translation>)>,
    segments: usize,
    project: dayglot_project::Project,
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

/// Adds `k` to every number of one or two digits that stands alone (counts, days of the month,
/// ages; not parts of `1,900`, `11:25` or `5,5`), the same way in every language, so that each
/// day differs and stays consistent.
fn vary(text: &str, k: u32) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    let joined = |a: Option<&char>, b: Option<&char>| {
        a.is_some_and(|c| matches!(c, ',' | '.' | ':' | ' ' | '\u{a0}'))
            && b.is_some_and(char::is_ascii_digit)
    };
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        let run: String = chars[i..j].iter().collect();
        let before = i.checked_sub(1).and_then(|b| chars.get(b));
        let before2 = i.checked_sub(2).and_then(|b| chars.get(b));
        let alone =
            run.len() <= 2 && !joined(before, before2) && !joined(chars.get(j), chars.get(j + 1));
        if alone {
            out.push_str(&(run.parse::<u32>().unwrap() + k).to_string());
        } else {
            out.push_str(&run);
        }
        i = j;
    }
    out
}

fn vary_document(doc: &mut Document, k: u32) {
    doc.for_each_segment_mut(|s| s.text = vary(&s.text, k));
}

fn days_wanted() -> usize {
    std::env::var("DAYGLOT_BENCH_DAYS")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(1000)
}

fn archive() -> &'static Archive {
    static ARCHIVE: OnceLock<Archive> = OnceLock::new();
    ARCHIVE.get_or_init(|| {
        let project = dayglot_project::Project::open(root()).unwrap();
        let day = project.load_day(dayglot_core::DayId::parse("day-686").unwrap()).unwrap();
        let source = day.ingested.document;
        let langs: Vec<Lang> = ["bg", "uk", "de"].iter().map(|l| Lang::parse(l).unwrap()).collect();
        let registry = GlossaryFile::new("locales/glossary/entities.toml", read("locales/glossary/entities.toml"));
        let mut files = Vec::new();
        let mut rules = BTreeMap::new();
        for l in ["en", "bg", "uk", "de"] {
            let lang = Lang::parse(l).unwrap();
            files.push(GlossaryFile::new(format!("locales/{l}/glossary.toml"), read(&format!("locales/{l}/glossary.toml"))).with_lang(lang.clone()));
            rules.insert(lang, LangRules::parse(l, &read(&format!("locales/{l}/check.toml"))).unwrap());
        }
        let (glossary, _) = Glossary::load(&registry, &files);
        let base: Vec<Translation> = langs
            .iter()
            .map(|l| apply(&source, &parse_po(&read(&format!("corpus/day-686/{l}.po"))).catalog, l.clone()))
            .collect();
        let dump = std::env::var("DAYGLOT_BENCH_DUMP").ok();
        let mut days = Vec::new();
        for d in 0..days_wanted() {
            let k = u32::try_from(d % 89).unwrap();
            let mut src = source.clone();
            vary_document(&mut src, k);
            let translations: Vec<Translation> = base
                .iter()
                .map(|t| {
                    let mut t = t.clone();
                    vary_document(&mut t.document, k);
                    t
                })
                .collect();
            if let Some(dir) = &dump {
                for t in &translations {
                    let lang = &t.document.lang;
                    let mut po = format!("msgid \"\"\nmsgstr \"\"\n\"Language: {lang}\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n");
                    let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
                    for (s, tr) in src.segments().iter().zip(t.document.segments()) {
                        po.push_str(&format!("msgctxt \"{}\"\nmsgid \"{}\"\nmsgstr \"{}\"\n\n", s.id, esc(&s.text), esc(&tr.text)));
                    }
                    let path = Path::new(dir).join(lang.as_str());
                    std::fs::create_dir_all(&path).unwrap();
                    std::fs::write(path.join(format!("day-{d}.po")), po).unwrap();
                }
            }
            days.push((src, translations));
        }
        let segments = days.iter().map(|(s, t)| s.segments().len() * t.len()).sum();
        eprintln!("archive: {} days, {segments} translated segments checked against their source", days.len());
        Archive { glossary, rules, days, segments, project }
    })
}

fn check_all(a: &Archive) -> usize {
    let checker = dayglot_check::Checker::new(&a.glossary);
    a.days
        .iter()
        .map(|(source, translations)| check_day(&checker, a, source, translations, &[]).len())
        .sum()
}

/// Checks one day: `source` against `translations`, each with the `unknown` entries.
fn check_day(
    checker: &dayglot_check::Checker<'_>,
    a: &Archive,
    source: &Document,
    translations: &[Translation],
    unknown: &[(String, String)],
) -> Vec<Finding> {
    let fluent: Vec<FluentFile> = Vec::new();
    let inputs: Vec<LangInput<'_>> = translations
        .iter()
        .map(|t| LangInput {
            translation: t,
            unknown,
        })
        .collect();
    let input = CheckInput {
        source,
        languages: &inputs,
        glossary: &a.glossary,
        rules: &a.rules,
        fluent: &fluent,
        paths: &a.project,
    };
    checker.check(&input)
}

/// The texts of a document's segments, in the order of [`Document::for_each_segment_mut`].
fn texts(doc: &Document) -> Vec<String> {
    let mut doc = doc.clone();
    let mut out = Vec::new();
    doc.for_each_segment_mut(|s| out.push(std::mem::take(&mut s.text)));
    out
}

/// A translation whose segments say what the next segment says (moved segments, names and
/// numbers missing and extra), except every fifth, which is the source's text (untranslated),
/// every fifth but two, which is `other`'s text (another script, other quotation marks, other
/// languages' forms of names), and every fifth but three, which gains a link and handles.
fn scrambled(t: &Translation, source: &Document, other: &Translation) -> Translation {
    let mut t = t.clone();
    let (own, src, other) = (texts(&t.document), texts(source), texts(&other.document));
    let mut k = 0;
    t.document.for_each_segment_mut(|s| {
        s.text = match k % 5 {
            0 => src[k].clone(),
            2 => other[k].clone(),
            3 => format!("{} (https://t.me/dayglot/{k} @dayglot_bot #day{k})", own[k]),
            _ => own[(k + 1) % own.len()].clone(),
        };
        k += 1;
    });
    t
}

/// The document with every seventh segment's id replaced by the id of the segment before it.
fn with_shared_ids(doc: &Document) -> Document {
    let mut doc = doc.clone();
    let mut k = 0;
    let mut before: Option<dayglot_core::SegmentId> = None;
    doc.for_each_segment_mut(|s| {
        if k % 7 == 6
            && let Some(id) = &before
        {
            s.id = id.clone();
        }
        before = Some(s.id.clone());
        k += 1;
    });
    doc
}

/// Writes every finding of the archive to `path`, one per line, and prints their digest
/// (FNV-1a, 64 bits, over the file's bytes). Besides the archive as benchmarked (few findings),
/// it checks variations that make every kind of segment finding: each day's source against the
/// next day's translations (numbers and dates differ), the first 100 days scrambled
/// ([`scrambled`], with entries the source does not have), and 30 of them also with shared
/// segment ids ([`with_shared_ids`]).
fn write_digest(a: &Archive, path: &str) {
    use std::fmt::Write as _;
    let checker = dayglot_check::Checker::new(&a.glossary);
    let mut out = String::new();
    let mut record = |what: &str, findings: Vec<Finding>| {
        for finding in findings {
            writeln!(out, "{what} {finding:?}").unwrap();
        }
    };
    for (d, (source, translations)) in a.days.iter().enumerate() {
        record(
            &format!("day {d}"),
            check_day(&checker, a, source, translations, &[]),
        );
    }
    for (d, pair) in a.days.windows(2).enumerate() {
        let (source, translations) = (&pair[0].0, &pair[1].1);
        record(
            &format!("shifted {d}"),
            check_day(&checker, a, source, translations, &[]),
        );
    }
    for (d, (source, translations)) in a.days.iter().take(100).enumerate() {
        let scrambled: Vec<Translation> = translations
            .iter()
            .enumerate()
            .map(|(l, t)| scrambled(t, source, &translations[(l + 1) % translations.len()]))
            .collect();
        let some = texts(&translations[d % translations.len()].document);
        let unknown = [
            ("s99.p1.1".to_owned(), some[d % some.len()].clone()),
            (
                "not an id".to_owned(),
                format!("{d} {}", some[(d + 3) % some.len()]),
            ),
        ];
        record(
            &format!("scrambled {d}"),
            check_day(&checker, a, source, &scrambled, &unknown),
        );
    }
    // Documents whose segments do not all have their own id (every seventh takes the id of
    // the one before), which the checks must tell apart by id, not position.
    for (d, (source, translations)) in a.days.iter().take(30).enumerate() {
        let source = with_shared_ids(source);
        let translations: Vec<Translation> = translations
            .iter()
            .enumerate()
            .map(|(l, t)| {
                let mut t = scrambled(t, &source, &translations[(l + 1) % translations.len()]);
                t.document = with_shared_ids(&t.document);
                t
            })
            .collect();
        record(
            &format!("shared ids {d}"),
            check_day(&checker, a, &source, &translations, &[]),
        );
    }
    let digest = out.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    std::fs::write(path, &out).unwrap();
    eprintln!(
        "digest: {digest:016x} ({} findings, {} bytes) in {path}",
        out.lines().count(),
        out.len()
    );
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn check_archive(bencher: Bencher) {
    let a = archive();
    bencher
        .counter(divan::counter::ItemsCount::new(a.segments))
        .bench(|| check_all(a));
}

/// CPU time of this process so far (user + system), from /proc (Linux), in seconds.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let a = archive();
    if let Ok(path) = std::env::var("DAYGLOT_BENCH_DIGEST") {
        write_digest(a, &path);
    }
    for pass in 1..=3 {
        let cpu = cpu_seconds();
        let start = std::time::Instant::now();
        let findings = check_all(a);
        let wall = start.elapsed().as_secs_f64();
        let cpu = cpu.zip(cpu_seconds()).map_or(f64::NAN, |(a, b)| b - a);
        eprintln!(
            "pass {pass}: {findings} findings, {wall:.3} s wall, {cpu:.2} s CPU, {:.0} segments/s",
            a.segments as f64 / wall
        );
    }
    divan::main();
}
