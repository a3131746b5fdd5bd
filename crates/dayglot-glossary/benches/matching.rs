//! Matching benchmark: 10,000 synthetic entities × all their forms in en, bg, uk, de, against
//! mixed en/bg/uk/de text (100 MB by default).
//!
//! ```text
//! cargo bench -p dayglot-glossary --bench matching
//! DAYGLOT_BENCH_MB=10 cargo bench -p dayglot-glossary --bench matching     # a quick run
//! DAYGLOT_BENCH_DUMP=/tmp/dayglot-bench cargo bench -p dayglot-glossary --bench matching
//! ```
//!
//! With `DAYGLOT_BENCH_DUMP=DIR` the generated input is also written to `DIR/patterns.txt` (every
//! pattern of the automaton, one per line) and `DIR/text.tsv` (`lang<TAB>paragraph` lines), for
//! `scripts/bench/flashtext_compare.py`. Everything is generated deterministically (a fixed
//! xorshift seed), so every run and the Python peer see the same input.

#![allow(missing_docs, clippy::unwrap_used, clippy::print_stderr)]

use std::fmt::Write as _;
use std::sync::OnceLock;

use dayglot_core::Lang;
use dayglot_glossary::{Glossary, GlossaryFile};
use divan::Bencher;
use divan::counter::BytesCount;

const ENTITIES: usize = 10_000;
const LANGS: [&str; 4] = ["en", "bg", "uk", "de"];

/// A small deterministic random number generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Syllables in Latin, Bulgarian and Ukrainian spelling (same sound).
const SYL: [(&str, &str, &str); 24] = [
    ("ka", "ка", "ка"),
    ("lo", "ло", "ло"),
    ("mir", "мир", "мир"),
    ("sen", "сен", "сен"),
    ("ta", "та", "та"),
    ("vo", "во", "во"),
    ("ni", "ни", "ні"),
    ("ra", "ра", "ра"),
    ("bel", "бел", "бел"),
    ("dor", "дор", "дор"),
    ("ko", "ко", "ко"),
    ("lin", "лин", "лин"),
    ("ma", "ма", "ма"),
    ("ster", "стер", "стер"),
    ("zu", "зу", "зу"),
    ("gra", "гра", "гра"),
    ("pe", "пе", "пе"),
    ("ti", "ти", "ті"),
    ("van", "ван", "ван"),
    ("shev", "шев", "шев"),
    ("dan", "дан", "дан"),
    ("ru", "ру", "ру"),
    ("khar", "хар", "хар"),
    ("nov", "нов", "нов"),
];

/// A unique word for `n` (base-24 digits as syllables, at least three).
fn word(n: usize, script: usize) -> String {
    let mut n = n;
    let mut out = String::new();
    for _ in 0..3 {
        let s = SYL[n % SYL.len()];
        out.push_str([s.0, s.1, s.2][script]);
        n /= SYL.len();
    }
    while n > 0 {
        let s = SYL[n % SYL.len()];
        out.push_str([s.0, s.1, s.2][script]);
        n /= SYL.len();
    }
    let mut chars = out.chars();
    let first = chars.next().unwrap();
    first.to_uppercase().chain(chars).collect()
}

/// One synthetic entity's forms per language (index = LANGS).
struct Synthetic {
    forms: [Vec<String>; 4],
}

fn toml_str(s: &str) -> String {
    format!("\"{s}\"")
}

/// The registry, the four language glossaries, and every form per entity and language.
fn generate_glossary() -> (GlossaryFile, Vec<GlossaryFile>, Vec<Synthetic>) {
    let mut registry = String::new();
    let mut files: [String; 4] = Default::default();
    files[0].push_str("[language]\nlang = \"en\"\n\n");
    files[1].push_str("[language]\nlang = \"bg\"\ncases = [\"definite\"]\n\n");
    files[2].push_str(
        "[language]\nlang = \"uk\"\ncases = [\"genitive\", \"dative\", \"accusative\", \"instrumental\", \"locative\", \"vocative\"]\n\n",
    );
    files[3].push_str("[language]\nlang = \"de\"\ncases = [\"genitive\"]\n\n");
    let mut all = Vec::with_capacity(ENTITIES);
    for i in 0..ENTITIES {
        let kind = ["person", "person", "place", "place", "org"][i % 5];
        let id = format!("{kind}/e{i}");
        let two_words = kind != "place";
        let names: Vec<(String, String)> = (0..3)
            .map(|script| {
                let last = word(i, script);
                if two_words {
                    (format!("{} {last}", word(i * 7 + 3, script)), last)
                } else {
                    (last.clone(), last)
                }
            })
            .collect();
        writeln!(
            registry,
            "[[entity]]\nid = \"{id}\"\nkind = \"{kind}\"\nnative = {}\nnative_lang = \"uk\"\n",
            toml_str(&names[2].0)
        )
        .unwrap();
        let mut forms: [Vec<String>; 4] = Default::default();
        // en
        let (full, short) = &names[0];
        let accepted = format!("{full}h");
        let forbidden = format!("{full}x");
        writeln!(
            files[0],
            "[[entity]]\nid = \"{id}\"\npreferred = {}",
            toml_str(full)
        )
        .unwrap();
        if two_words {
            writeln!(files[0], "short = {}", toml_str(short)).unwrap();
            forms[0].push(short.clone());
        }
        writeln!(
            files[0],
            "accepted = [{}]\nforbidden = [{}]\n",
            toml_str(&accepted),
            toml_str(&forbidden)
        )
        .unwrap();
        forms[0].extend([full.clone(), accepted, forbidden]);
        // de: w for v, sch for sh, genitive -s
        let de = |s: &str| s.replace('v', "w").replace("sh", "sch").replace('V', "W");
        let (dfull, dshort) = (de(full), de(short));
        writeln!(
            files[3],
            "[[entity]]\nid = \"{id}\"\npreferred = {}",
            toml_str(&dfull)
        )
        .unwrap();
        if two_words {
            writeln!(files[3], "short = {}", toml_str(&dshort)).unwrap();
            writeln!(
                files[3],
                "cases.genitive = [{}, {}]",
                toml_str(&format!("{dfull}s")),
                toml_str(&format!("{dshort}s"))
            )
            .unwrap();
            forms[3].extend([dshort.clone(), format!("{dshort}s")]);
        } else {
            writeln!(
                files[3],
                "cases.genitive = {}",
                toml_str(&format!("{dfull}s"))
            )
            .unwrap();
        }
        writeln!(files[3], "accepted = [{}]\n", toml_str(&format!("{full}e"))).unwrap();
        forms[3].extend([dfull.clone(), format!("{dfull}s"), format!("{full}e")]);
        // bg: definite -а for places and organisations
        let (bfull, bshort) = &names[1];
        writeln!(
            files[1],
            "[[entity]]\nid = \"{id}\"\npreferred = {}",
            toml_str(bfull)
        )
        .unwrap();
        if two_words {
            writeln!(files[1], "short = {}", toml_str(bshort)).unwrap();
            forms[1].push(bshort.clone());
        }
        if kind != "person" {
            writeln!(
                files[1],
                "cases.definite = {}",
                toml_str(&format!("{bfull}а"))
            )
            .unwrap();
            forms[1].push(format!("{bfull}а"));
        }
        writeln!(
            files[1],
            "forbidden = [{}]\n",
            toml_str(&format!("{bfull}ъ"))
        )
        .unwrap();
        forms[1].extend([bfull.clone(), format!("{bfull}ъ")]);
        // uk: six cases, full and short
        let (ufull, ushort) = &names[2];
        writeln!(
            files[2],
            "[[entity]]\nid = \"{id}\"\npreferred = {}",
            toml_str(ufull)
        )
        .unwrap();
        if two_words {
            writeln!(files[2], "short = {}", toml_str(ushort)).unwrap();
            forms[2].push(ushort.clone());
        }
        forms[2].push(ufull.clone());
        for (case, ending) in [
            ("genitive", "а"),
            ("dative", "у"),
            ("accusative", "а"),
            ("instrumental", "ом"),
            ("locative", "і"),
            ("vocative", "е"),
        ] {
            if two_words {
                let first = ufull.split(' ').next().unwrap();
                let f = format!("{first}{ending} {ushort}{ending}");
                let s = format!("{ushort}{ending}");
                writeln!(
                    files[2],
                    "cases.{case} = [{}, {}]",
                    toml_str(&f),
                    toml_str(&s)
                )
                .unwrap();
                forms[2].extend([f, s]);
            } else {
                let f = format!("{ufull}{ending}");
                writeln!(files[2], "cases.{case} = {}", toml_str(&f)).unwrap();
                forms[2].push(f);
            }
        }
        files[2].push('\n');
        all.push(Synthetic { forms });
    }
    let langs = LANGS
        .iter()
        .zip(files)
        .map(|(l, text)| {
            GlossaryFile::new(format!("locales/{l}/glossary.toml"), text)
                .with_lang(Lang::parse(l).unwrap())
        })
        .collect();
    (
        GlossaryFile::new("locales/glossary/entities.toml", registry),
        langs,
        all,
    )
}

/// Filler words per language.
const FILLER: [&[&str]; 4] = [
    &[
        "the",
        "said",
        "on",
        "that",
        "a",
        "of",
        "in",
        "president",
        "forces",
        "after",
        "talks",
        "with",
        "new",
        "attack",
        "report",
        "officials",
        "week",
        "city",
        "minister",
        "government",
        "region",
        "border",
        "would",
        "their",
        "against",
    ],
    &[
        "и",
        "на",
        "че",
        "от",
        "в",
        "за",
        "президентът",
        "каза",
        "силите",
        "след",
        "преговори",
        "с",
        "нова",
        "атака",
        "доклад",
        "седмица",
        "град",
        "министър",
        "правителството",
        "регион",
        "граница",
        "срещу",
        "техните",
        "съобщи",
        "войната",
    ],
    &[
        "і",
        "на",
        "що",
        "від",
        "в",
        "за",
        "президент",
        "заявив",
        "сили",
        "після",
        "переговорів",
        "з",
        "нова",
        "атака",
        "звіт",
        "тиждень",
        "місто",
        "міністр",
        "уряд",
        "регіон",
        "кордон",
        "проти",
        "їхні",
        "повідомив",
        "війни",
    ],
    &[
        "und",
        "der",
        "die",
        "dass",
        "von",
        "in",
        "Präsident",
        "sagte",
        "Streitkräfte",
        "nach",
        "Gesprächen",
        "mit",
        "neuer",
        "Angriff",
        "Bericht",
        "Woche",
        "Stadt",
        "Minister",
        "Regierung",
        "Region",
        "Grenze",
        "gegen",
        "ihre",
        "berichtete",
        "Krieges",
    ],
];

/// Paragraphs of mixed-language text, `(language index, paragraph)`, totalling about `bytes`.
fn generate_text(all: &[Synthetic], bytes: usize) -> Vec<(usize, String)> {
    let mut rng = Rng(0x5EED_DA79_1070_0686);
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let l = out.len() % 4;
        let mut p = String::with_capacity(700);
        let words = 60 + rng.below(60);
        for k in 0..words {
            if k > 0 {
                p.push_str(if rng.below(14) == 0 { ", " } else { " " });
            }
            if rng.below(12) == 0 {
                let forms = &all[rng.below(all.len())].forms[l];
                let form = &forms[rng.below(forms.len())];
                match rng.below(40) {
                    0 => p.push_str(&form.to_uppercase()),
                    1 => {
                        p.push_str(form);
                        p.push_str("'s");
                    }
                    _ => p.push_str(form),
                }
            } else {
                p.push_str(FILLER[l][rng.below(FILLER[l].len())]);
            }
        }
        p.push('.');
        total += p.len() + 1;
        out.push((l, p));
    }
    out
}

struct Input {
    glossary: Glossary,
    text: Vec<(usize, String)>,
    bytes: usize,
}

fn input() -> &'static Input {
    static INPUT: OnceLock<Input> = OnceLock::new();
    INPUT.get_or_init(|| {
        let mb: usize = std::env::var("DAYGLOT_BENCH_MB")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(100);
        let (registry, langs, all) = generate_glossary();
        let (glossary, diags) = Glossary::load(&registry, &langs);
        assert!(
            diags.is_empty(),
            "synthetic glossary has problems: {:?}",
            &diags[..diags.len().min(3)]
        );
        let text = generate_text(&all, mb * 1_000_000);
        let bytes = text.iter().map(|(_, p)| p.len()).sum();
        if let Ok(dir) = std::env::var("DAYGLOT_BENCH_DUMP") {
            let dir = std::path::Path::new(&dir);
            std::fs::create_dir_all(dir).unwrap();
            let matcher = glossary.matcher();
            std::fs::write(
                dir.join("patterns.txt"),
                matcher.patterns().join("\n") + "\n",
            )
            .unwrap();
            let mut tsv = String::with_capacity(bytes + text.len() * 4);
            for (l, p) in &text {
                tsv.push_str(LANGS[*l]);
                tsv.push('\t');
                tsv.push_str(p);
                tsv.push('\n');
            }
            std::fs::write(dir.join("text.tsv"), tsv).unwrap();
            eprintln!(
                "wrote {} patterns and {} bytes of text to {}",
                matcher.pattern_count(),
                bytes,
                dir.display()
            );
        }
        Input {
            glossary,
            text,
            bytes,
        }
    })
}

/// Finds every mention in every paragraph (one `find` per paragraph, as for segments).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn find_mentions(bencher: Bencher<'_, '_>) {
    let input = input();
    let matcher = input.glossary.matcher();
    let langs: Vec<Lang> = LANGS.iter().map(|l| Lang::parse(l).unwrap()).collect();
    bencher.counter(BytesCount::new(input.bytes)).bench(|| {
        let mut n = 0usize;
        for (l, p) in &input.text {
            matcher.for_each(p, &langs[*l], |m| {
                n += divan::black_box(m).span.len();
            });
        }
        n
    });
}

/// Builds the automaton over every form of the 10,000 entities.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn build_matcher(bencher: Bencher<'_, '_>) {
    let input = input();
    bencher.bench(|| input.glossary.matcher().pattern_count());
}

/// User + system CPU time of this thread, from /proc (Linux), in seconds.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() {
    let input = input();
    let matcher = input.glossary.matcher();
    let langs: Vec<Lang> = LANGS.iter().map(|l| Lang::parse(l).unwrap()).collect();
    // `DAYGLOT_BENCH_PROFILE=N`: only N matching passes, nothing else, for `perf record`.
    if let Some(passes) = std::env::var("DAYGLOT_BENCH_PROFILE")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        let mut n = 0usize;
        let mut times = Vec::with_capacity(passes);
        for _ in 0..passes {
            let t = std::time::Instant::now();
            for (l, p) in &input.text {
                matcher.for_each(p, &langs[*l], |m| n += divan::black_box(m).span.len());
            }
            times.push(t.elapsed().as_secs_f64());
        }
        if std::env::var_os("DAYGLOT_BENCH_PASSES").is_some() {
            let mb = input.bytes as f64 / 1e6;
            let each: Vec<String> = times.iter().map(|t| format!("{:.0}", mb / t)).collect();
            eprintln!("passes (MB/s, in order): {}", each.join(" "));
        }
        times.sort_by(f64::total_cmp);
        if let (Some(best), Some(median)) = (times.first(), times.get(times.len() / 2)) {
            let mb = input.bytes as f64 / 1e6;
            eprintln!(
                "profile: best pass {:.1} MB/s, median pass {:.1} MB/s",
                mb / best,
                mb / median
            );
        }
        // A digest of every mention, to compare two implementations of the matcher.
        let mut digest = std::collections::hash_map::DefaultHasher::new();
        for (l, p) in &input.text {
            for m in matcher.find(p, &langs[*l]) {
                std::hash::Hash::hash(
                    &(
                        m.span.start,
                        m.span.end,
                        &m.entity,
                        &m.form,
                        &m.normalized,
                        m.lang.as_str(),
                    ),
                    &mut digest,
                );
            }
        }
        eprintln!(
            "{passes} passes, {n} bytes of mentions, digest {:016x}",
            std::hash::Hasher::finish(&digest)
        );
        return;
    }
    let mentions: usize = input
        .text
        .iter()
        .map(|(l, p)| matcher.find(p, &langs[*l]).len())
        .sum();
    // Baseline: one pass that only decodes characters and counts word starts.
    let cpu0 = thread_cpu_seconds();
    let mut starts = 0usize;
    for _ in 0..3 {
        for (_, p) in &input.text {
            let mut prev = false;
            for c in p.chars() {
                let w = c.is_alphanumeric();
                starts += usize::from(w && !prev);
                prev = w;
            }
        }
    }
    if let (Some(a), Some(b)) = (cpu0, thread_cpu_seconds()) {
        eprintln!(
            "baseline (decode + count words, 3 passes): {:.2} s CPU, {:.1} MB/s, {} word starts",
            b - a,
            3.0 * input.bytes as f64 / 1e6 / (b - a),
            starts / 3
        );
    }
    // The machine may be shared: besides divan's wall-clock figures, measure this thread's CPU
    // time over three passes, which is what "MB/s on one core" means.
    let cpu_before = thread_cpu_seconds();
    let wall = std::time::Instant::now();
    for _ in 0..3 {
        let mut n = 0usize;
        for (l, p) in &input.text {
            matcher.for_each(p, &langs[*l], |m| n += divan::black_box(m).span.len());
        }
        divan::black_box(n);
    }
    let wall = wall.elapsed().as_secs_f64();
    if let (Some(a), Some(b)) = (cpu_before, thread_cpu_seconds()) {
        let mb = 3.0 * input.bytes as f64 / 1e6;
        eprintln!(
            "3 passes: {:.2} s CPU ({:.1} MB/s per CPU second), {:.2} s wall ({:.1} MB/s)",
            b - a,
            mb / (b - a),
            wall,
            mb / wall
        );
    }
    eprintln!(
        "{} entities, {} patterns, {} bytes in {} paragraphs ({} mentions)",
        input.glossary.entities().len(),
        matcher.pattern_count(),
        input.bytes,
        input.text.len(),
        mentions
    );
    divan::main();
}
