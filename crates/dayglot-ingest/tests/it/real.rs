//! The scoreboard of real layouts: one folder per case under `fixtures/real/<case>/` with the
//! page as received (`input.txt`, structure kept, prose reworded), where it came from
//! (`source.toml`) and the model it must give (`expected.toml`). Every case is ingested with its
//! language's rules and compared; the test prints `real layouts: N/M correct` and fails unless
//! every case is right.

#![allow(clippy::disallowed_methods)] // A test reads its fixtures.
#![allow(clippy::print_stdout)] // The scoreboard is printed.

use std::path::{Path, PathBuf};

use dayglot_core::{Document, Lang};
use dayglot_ingest::{Format, Ingested, LanguageRules, Options, ingest};
use serde::Deserialize;

use crate::{repo, series};

/// Where the page came from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Read to check that every case says where it came from.
struct Source {
    url: String,
    outlet: String,
    lang: String,
    layout: String,
}

/// The model a case must give. Absent `day`, `lead` mean "none"; absent `date` is not checked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    day: Option<u32>,
    date: Option<String>,
    title: String,
    lead: Option<String>,
    #[serde(default)]
    headlines: Vec<String>,
    #[serde(default)]
    sections: Vec<ExpectedSection>,
    /// Lines (or parts of lines) that must sit in an `ingest::furniture` diagnostic and be no
    /// segment of the content.
    #[serde(default)]
    furniture: Vec<String>,
    /// The text of every `ingest::lost-characters` diagnostic, in order.
    #[serde(default)]
    lost: Vec<String>,
    /// A known open case: why the parser does not get it right yet. The scoreboard counts it
    /// apart, and fails when it starts to pass (so that the mark is removed), like a strict xfail.
    #[serde(default)]
    open: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedSection {
    /// The heading's text; empty for a section without a heading.
    heading: String,
    paragraphs: usize,
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/real exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("expected.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// The rules of `lang`: `locales/<lang>/ingest.toml`, else `fixtures/real/_rules/<lang>.ingest.toml`
/// (languages the project does not translate into).
fn rules_for(lang: &Lang) -> LanguageRules {
    let project = repo()
        .join("locales")
        .join(lang.as_str())
        .join("ingest.toml");
    let local = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/real/_rules")
        .join(format!("{}.ingest.toml", lang.as_str()));
    let text = std::fs::read_to_string(project)
        .or_else(|_| std::fs::read_to_string(local))
        .unwrap_or_default();
    LanguageRules::from_toml(&text).expect("valid ingest rules")
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn run(dir: &Path) -> (Ingested, String) {
    let source: Source = toml::from_str(
        &std::fs::read_to_string(dir.join("source.toml")).expect("source.toml is readable"),
    )
    .expect("valid source.toml");
    let lang = Lang::parse(&source.lang).expect("valid lang");
    let input = ["input.txt", "input.md"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
        .expect("input.txt or input.md");
    let text = std::fs::read_to_string(&input).expect("input is readable UTF-8");
    let rules = rules_for(&lang);
    let series = series();
    let mut options = Options::new(lang, &rules);
    options.format = Some(Format::PlainText);
    options.series = Some(&series);
    (ingest(&text, &options), text)
}

/// Every difference between the outcome and the expectation.
fn compare(out: &Ingested, text: &str, exp: &Expected) -> Vec<String> {
    let doc: &Document = &out.document;
    let mut wrong = Vec::new();
    if doc.day != exp.day {
        wrong.push(format!("day: got {:?}, expected {:?}", doc.day, exp.day));
    }
    if let Some(date) = &exp.date {
        let got = doc.date.map(|d| d.to_string());
        if got.as_deref() != Some(date.as_str()) {
            wrong.push(format!("date: got {got:?}, expected {date}"));
        }
    }
    let title = doc.title.as_ref().map(|t| squash(&t.text));
    if title.as_deref() != Some(squash(&exp.title).as_str()) {
        wrong.push(format!("title: got {title:?}"));
    }
    let lead = doc.lead.as_ref().map(|t| squash(&t.text));
    if lead != exp.lead.as_deref().map(squash) {
        wrong.push(format!("lead: got {lead:?}"));
    }
    let headlines: Vec<String> = doc.headlines.iter().map(|h| squash(&h.text)).collect();
    let expected: Vec<String> = exp.headlines.iter().map(|h| squash(h)).collect();
    if headlines != expected {
        wrong.push(format!("headlines: got {headlines:#?}"));
    }
    let sections: Vec<(String, usize)> = doc
        .sections
        .iter()
        .map(|s| {
            (
                s.heading
                    .as_ref()
                    .map(|h| squash(&h.text))
                    .unwrap_or_default(),
                s.paragraphs.len(),
            )
        })
        .collect();
    let expected: Vec<(String, usize)> = exp
        .sections
        .iter()
        .map(|s| (squash(&s.heading), s.paragraphs))
        .collect();
    if sections != expected {
        wrong.push(format!("sections: got {sections:?}"));
    }
    let furniture: Vec<&str> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "ingest::furniture")
        .map(|d| &text[d.span.range()])
        .collect();
    let mut content: Vec<String> = doc.segments().iter().map(|s| squash(&s.text)).collect();
    content.extend(
        doc.sections
            .iter()
            .filter_map(|s| s.heading.as_ref().map(|h| squash(&h.text))),
    );
    for line in &exp.furniture {
        let line = squash(line);
        if !furniture.iter().any(|f| squash(f).contains(&line)) {
            wrong.push(format!("furniture not reported: {line:?}"));
        }
        if content.contains(&line) {
            wrong.push(format!("furniture taken as content: {line:?}"));
        }
    }
    let lost: Vec<&str> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "ingest::lost-characters")
        .map(|d| &text[d.span.range()])
        .collect();
    if lost != exp.lost.iter().map(String::as_str).collect::<Vec<_>>() {
        wrong.push(format!("lost characters: got {lost:?}"));
    }
    wrong
}

#[test]
fn real_layouts_scoreboard() {
    let cases = cases();
    assert!(
        cases.len() >= 30,
        "the real-layout corpus has {} cases",
        cases.len()
    );
    let mut failures = Vec::new();
    let mut open = Vec::new();
    let mut fixed = Vec::new();
    for dir in &cases {
        let exp: Expected = toml::from_str(
            &std::fs::read_to_string(dir.join("expected.toml")).expect("expected.toml is readable"),
        )
        .unwrap_or_else(|e| panic!("{}: invalid expected.toml: {e}", dir.display()));
        let (out, text) = run(dir);
        if std::env::var_os("DAYGLOT_REAL_VERBOSE").is_some() {
            let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("?");
            println!(
                "== {name}: day {:?}, {} headlines",
                out.document.day,
                out.document.headlines.len()
            );
            for d in &out.diagnostics {
                println!("   {} {:?}", d.code, &text[d.span.range()]);
            }
        }
        let wrong = compare(&out, &text, &exp);
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        match (&exp.open, wrong.is_empty()) {
            (Some(why), false) => open.push(format!("{name}: {why}")),
            (Some(_), true) => fixed.push(name.to_owned()),
            (None, false) => failures.push(format!("{name}:\n  {}", wrong.join("\n  "))),
            (None, true) => {}
        }
    }
    println!(
        "real layouts: {}/{} correct, {} known open",
        cases.len() - failures.len() - open.len(),
        cases.len(),
        open.len()
    );
    for f in failures.iter().chain(&open) {
        println!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} real layouts come out wrong",
        failures.len()
    );
    assert!(
        fixed.is_empty(),
        "these open cases pass now: remove their `open` mark: {fixed:?}"
    );
    assert!(
        open.len() * 10 <= cases.len(),
        "more than a tenth of the cases are open"
    );
}

#[test]
fn every_case_says_where_it_came_from() {
    let mut outlets = std::collections::BTreeSet::new();
    let mut langs = std::collections::BTreeSet::new();
    for dir in cases() {
        let source: Source = toml::from_str(
            &std::fs::read_to_string(dir.join("source.toml")).expect("source.toml is readable"),
        )
        .expect("valid source.toml");
        assert!(
            !source.url.is_empty() && !source.layout.is_empty(),
            "{}",
            dir.display()
        );
        outlets.insert(
            source
                .outlet
                .split(" (")
                .next()
                .unwrap_or_default()
                .to_owned(),
        );
        langs.insert(source.lang);
    }
    assert!(
        outlets.len() >= 12,
        "{} outlets: {outlets:?}",
        outlets.len()
    );
    assert!(langs.len() >= 5, "{langs:?}");
}

#[test]
fn every_real_layout_cut_at_any_line_parses_and_loses_nothing() {
    // Pages arrive truncated; whatever is left must parse, and every letter or digit must be in
    // the model or in a diagnostic.
    for dir in cases() {
        let source: Source = toml::from_str(
            &std::fs::read_to_string(dir.join("source.toml")).expect("source.toml is readable"),
        )
        .expect("valid source.toml");
        let lang = Lang::parse(&source.lang).expect("valid lang");
        let rules = rules_for(&lang);
        let text = std::fs::read_to_string(dir.join("input.txt")).expect("input.txt");
        let cuts = text
            .char_indices()
            .filter(|&(_, c)| c == '\n')
            .map(|(i, _)| i)
            .chain([text.len()]);
        for cut in cuts {
            let part = &text[..cut];
            let out = ingest(part, &Options::new(lang.clone(), &rules));
            let doc = &out.document;
            let mut spans: Vec<dayglot_core::Span> =
                doc.segments().iter().map(|s| s.span).collect();
            spans.extend(
                doc.sections
                    .iter()
                    .filter_map(|s| s.heading.as_ref().map(|h| h.span)),
            );
            spans.extend(doc.posts.iter().map(|p| p.span));
            spans.extend(out.diagnostics.iter().map(|d| d.span));
            for s in &spans {
                assert!(
                    s.start <= s.end && s.end <= part.len(),
                    "{}: bad span",
                    dir.display()
                );
            }
            // The digits of a numbered list's markers (`1. `) are structure, like `-` bullets.
            let mut marker = vec![false; part.len()];
            let mut at = 0;
            for line in part.split_inclusive('\n') {
                let t = line.trim_start();
                let indent = line.len() - t.len();
                let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                if (1..=3).contains(&digits)
                    && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
                {
                    marker[at + indent..at + indent + digits].fill(true);
                }
                at += line.len();
            }
            for (i, c) in part.char_indices() {
                if c.is_alphanumeric() && !marker[i] {
                    assert!(
                        spans.iter().any(|s| s.start <= i && i < s.end),
                        "{}: {c:?} at byte {i} of the first {cut} bytes is lost",
                        dir.display()
                    );
                }
            }
        }
    }
}

#[test]
fn shuffled_real_layouts_parse_and_lose_nothing() {
    // Lines of real pages moved, repeated and dropped at random (a fixed-seed generator, so that
    // a failure repeats): the parser must not panic and must keep every letter and digit.
    let mut seed: u64 = std::env::var("DAYGLOT_SHUFFLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    };
    for dir in cases() {
        let source: Source = toml::from_str(
            &std::fs::read_to_string(dir.join("source.toml")).expect("source.toml is readable"),
        )
        .expect("valid source.toml");
        let lang = Lang::parse(&source.lang).expect("valid lang");
        let rules = rules_for(&lang);
        let text = std::fs::read_to_string(dir.join("input.txt")).expect("input.txt");
        let lines: Vec<&str> = text.lines().collect();
        for _ in 0..40 {
            let mut l = lines.clone();
            for _ in 0..3 {
                let (a, b) = (next(l.len()), next(l.len()));
                match next(3) {
                    0 if a < l.len() && b < l.len() => l.swap(a, b),
                    1 if a < l.len() => l.insert(b.min(l.len()), l[a]),
                    _ if a < l.len() => {
                        l.remove(a);
                    }
                    _ => {}
                }
            }
            let part = l.join("\n");
            let out = ingest(&part, &Options::new(lang.clone(), &rules));
            let doc = &out.document;
            let mut spans: Vec<dayglot_core::Span> =
                doc.segments().iter().map(|s| s.span).collect();
            spans.extend(
                doc.sections
                    .iter()
                    .filter_map(|s| s.heading.as_ref().map(|h| h.span)),
            );
            spans.extend(doc.posts.iter().map(|p| p.span));
            spans.extend(out.diagnostics.iter().map(|d| d.span));
            let mut at = 0;
            for line in part.split_inclusive('\n') {
                let t = line.trim_start();
                let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                let marker = (1..=3).contains(&digits)
                    && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "));
                let skip = if marker {
                    at + line.len() - t.len()..at + line.len() - t.len() + digits
                } else {
                    0..0
                };
                for (i, c) in line.char_indices() {
                    let i = at + i;
                    if c.is_alphanumeric() && !skip.contains(&i) {
                        assert!(
                            spans.iter().any(|s| s.start <= i && i < s.end),
                            "{}: {c:?} at byte {i} is lost in\n{part}",
                            dir.display()
                        );
                    }
                }
                at += line.len();
            }
        }
    }
}
