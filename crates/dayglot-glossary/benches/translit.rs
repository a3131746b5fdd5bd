//! Transliteration benchmark: 1,000,000 Ukrainian words (news-like lines of 6 to 17 words, the
//! first capitalised, with names, commas, apostrophes and full stops) through
//! `uk-latn-kmu2010`, the scheme of `dayglot translit`'s speed target (issue #14: 10 million
//! words per second).
//!
//! ```text
//! cargo bench -p dayglot-glossary --bench translit
//! DAYGLOT_BENCH_DUMP=/tmp/dayglot-translit cargo bench -p dayglot-glossary --bench translit
//! ```
//!
//! With `DAYGLOT_BENCH_DUMP=DIR` the input is also written to `DIR/uk-words.txt` and this
//! engine's output to `DIR/uk-words.kmu2010.txt`, to time `dayglot translit` on the same input
//! and to compare with the Python library translitua (BENCHMARKS.md, "Transliteration").
//! Everything is generated from a fixed xorshift seed, so every run sees the same input.

// The bench reads the project's scheme and word table, and dumps its input, like a test.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::print_stderr,
    clippy::disallowed_methods
)]

use std::sync::OnceLock;

use dayglot_glossary::Scheme;
use divan::Bencher;
use divan::counter::ItemsCount;

const WORDS: usize = 1_000_000;

/// Common words of Ukrainian news text, in lower case: every letter of the alphabet, the
/// apostrophe, зг, and the word-initial forms of є, ї, й, ю, я.
const VOCABULARY: &str = "\
і та у в на з що не до за про як це від але його її їх вони він вона ми ви був була було були \
буде є можна після через також ще вже коли який яка яке які цей ця ці той того тому року році \
рік днів день тиждень місяць сьогодні вчора завтра україна україни україні український \
українська київ києва києві харків харкова одеса львів дніпро запоріжжя херсон донецьк луганськ \
крим росія росії російська війна війни армія військові збройні сили оборони атака атаки \
обстріл обстрілу ракета ракети дрон дронів безпілотник ппо президент президента уряд міністр \
міністерство прем'єр депутат верховна рада закон законопроєкт вибори партія голова заступник \
область області місто міста село селище район району вулиця будинок будинки школа лікарня \
енергетика електроенергія світло газ вода зерно експорт економіка гривня гривень долар євро \
банк ціни бюджет податки допомога партнери союзники європейський союз нато сша америка \
переговори мир заява заявив заявила повідомив повідомила повідомляє джерело джерела журналісти \
новини інформація дані щонайменше поранені загиблі люди людей дітей евакуація біженці \
мешканці рятувальники пожежа вибух вибухи ніч ранок вечір година години хвилин згодом зграя \
згадав зйомка з'їзд пам'ять м'ясо об'єкт об'єкти сім'я сім'ї подвір'я п'ять дев'ять здоров'я \
єдність єдиний євробачення їжа їхати йому йшов юрист юридичний яблуко ящик ясно щастя щоденний \
щоб що ще щодо якщо ґанок ґудзик ґрунт фронт фронту наступ оборона позиції бригада батальйон \
командувач генерал штаб зеленський залужний сирський буданов шмигаль кулеба стефанчук \
авдіївка бахмут покровськ торецьк часів яр вовчанськ куп'янськ ізюм краматорськ слов'янськ \
маріуполь мелітополь бердянськ енергодар нікополь кривий ріг полтава суми чернігів житомир";

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

fn repo_file(path: &str) -> String {
    let full = concat!(env!("CARGO_MANIFEST_DIR"), "/../../").to_owned() + path;
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn scheme() -> &'static Scheme {
    static SCHEME: OnceLock<Scheme> = OnceLock::new();
    SCHEME.get_or_init(|| {
        let path = "locales/translit/uk-latn-kmu2010.toml";
        Scheme::parse(path, &repo_file(path)).unwrap()
    })
}

/// The input: lines of text, [`WORDS`] words in all.
fn lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        // Words of the vocabulary, and the place and person names of the national system's
        // official examples (already capitalised). No word in capitals: translitua, the peer,
        // spells those only when the whole text is in capitals (KhARKIV, where dayglot and the
        // national system write KHARKIV), and the outputs are compared byte for byte.
        let mut words: Vec<String> = VOCABULARY.split_whitespace().map(String::from).collect();
        let table =
            repo_file("crates/dayglot-glossary/fixtures/translit/uk-latn-kmu2010.official.tsv");
        words.extend(
            table
                .lines()
                .skip(1)
                .filter_map(|l| l.split('\t').next())
                .flat_map(|name| {
                    name.split_whitespace()
                        .map(String::from)
                        .collect::<Vec<_>>()
                }),
        );
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let mut out = Vec::new();
        let mut n = 0;
        while n < WORDS {
            let len = (6 + rng.below(12)).min(WORDS - n);
            let mut line = String::new();
            for k in 0..len {
                let word = &words[rng.below(words.len())];
                if k > 0 {
                    line.push(' ');
                }
                if k == 0 {
                    let mut chars = word.chars();
                    line.extend(chars.next().into_iter().flat_map(char::to_uppercase));
                    line.push_str(chars.as_str());
                } else {
                    line.push_str(word);
                }
                if k + 1 < len && rng.below(8) == 0 {
                    line.push(',');
                }
            }
            line.push('.');
            n += len;
            out.push(line);
        }
        out
    })
}

/// All lines into one reused buffer, as `dayglot translit` does.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn write_into(bencher: Bencher) {
    let (scheme, lines) = (scheme(), lines());
    let mut out = Vec::with_capacity(64 << 20);
    bencher.counter(ItemsCount::new(WORDS)).bench_local(|| {
        out.clear();
        for line in lines {
            scheme.write_into(line, &mut out);
            out.push(b'\n');
        }
        divan::black_box(out.len())
    });
}

/// One new `String` per line (`Scheme::apply`), for comparison.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn apply_per_line(bencher: Bencher) {
    let (scheme, lines) = (scheme(), lines());
    bencher.counter(ItemsCount::new(WORDS)).bench_local(|| {
        let mut n = 0;
        for line in lines {
            n += divan::black_box(scheme.apply(line)).len();
        }
        n
    });
}

fn main() {
    if let Some(dir) = std::env::var_os("DAYGLOT_BENCH_DUMP") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let (scheme, lines) = (scheme(), lines());
        let mut input = String::new();
        let mut out = Vec::new();
        for line in lines {
            input.push_str(line);
            input.push('\n');
            scheme.write_into(line, &mut out);
            out.push(b'\n');
        }
        std::fs::write(dir.join("uk-words.txt"), input).unwrap();
        std::fs::write(dir.join("uk-words.kmu2010.txt"), out).unwrap();
        eprintln!(
            "wrote {}/uk-words.txt and uk-words.kmu2010.txt",
            dir.display()
        );
    }
    divan::main();
}
