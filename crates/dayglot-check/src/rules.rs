//! Per-language data for the checks: `locales/<lang>/check.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;

/// A problem reading a `check.toml`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct RulesError {
    /// The file's path as given.
    pub path: String,
    /// What is wrong (from the TOML parser, with line and column).
    pub message: String,
}

/// How one language writes numbers, dates and quotations (`locales/<lang>/check.toml`).
#[derive(Debug, Clone, Default)]
pub struct LangRules {
    /// `Latn` or `Cyrl`: the script of body text.
    pub script: Script,
    /// The decimal separator.
    pub decimal: char,
    /// Separators allowed between groups of three digits.
    pub group: Vec<char>,
    /// Words in the other script allowed in body text (lowercase).
    pub allow: Vec<String>,
    /// Words after `H.MM` that make it a time of day (lowercase).
    pub time_words: Vec<String>,
    /// Endings of multiplier compounds (`fache`).
    pub compound_suffixes: Vec<String>,
    /// The ending of a compound half (`einhalb`).
    pub compound_half: Option<String>,
    /// Quotation marks, `[open, close]`, the usual pair first.
    pub quote_pairs: Vec<(char, char)>,
    /// Spelled-out numbers (lowercase).
    pub words: BTreeMap<String, f64>,
    /// Scale words (lowercase).
    pub scales: BTreeMap<String, f64>,
    /// Words for "times" (lowercase).
    pub times: Vec<String>,
    /// Phrases adding a half (lowercase, split into words).
    pub half: Vec<Vec<String>>,
    /// Words making the next number negative (lowercase).
    pub minus: Vec<String>,
    /// Words after a time adding twelve hours (lowercase).
    pub pm: Vec<String>,
    /// Month names in every form (lowercase) → month number.
    pub months: BTreeMap<String, u8>,
    /// Named days (lowercase phrase, split into words) → `MM-DD`.
    pub holidays: Vec<(Vec<String>, String)>,
    /// Beginnings of words derived from a name that the glossary does not list (`руск` for
    /// `place/russia`), lowercase, by entity id.
    pub derived: BTreeMap<String, Vec<String>>,
    /// Every word that starts a number, date or named day (for a quick rejection).
    keywords: std::collections::HashSet<String, Fnv>,
    /// Every derived form: (first letter, entity id, form), by first letter.
    pub(crate) derived_forms: Vec<(char, String, String)>,
    /// Bit `c % 64` is set for the first letter `c` of every derived form (a quick rejection
    /// of most word starts).
    pub(crate) derived_initials: u64,
    /// The entities with an empty derived form, which every word start that begins another
    /// derived form names (as `starts_with("")` says).
    pub(crate) derived_anywhere: Vec<String>,
    /// The words the rules compare a text's words with, to skip lowercasing the others.
    pub(crate) vocabulary: Vocabulary,
}

impl LangRules {
    /// Whether a lowercase word may start a number, a date or a named day.
    pub fn is_keyword(&self, word: &str) -> bool {
        self.keywords.contains(word)
            || self
                .compound_suffixes
                .iter()
                .any(|s| word.ends_with(s.as_str()))
            || self
                .compound_half
                .as_ref()
                .is_some_and(|h| word.ends_with(h.as_str()))
    }

    fn with_keywords(mut self) -> Self {
        let mut k = std::collections::HashSet::default();
        k.extend(self.words.keys().cloned());
        k.extend(self.scales.keys().cloned());
        k.extend(self.months.keys().cloned());
        k.extend(self.holidays.iter().filter_map(|(p, _)| p.first().cloned()));
        let listed = k
            .iter()
            .chain(&self.times)
            .chain(&self.minus)
            .chain(self.half.iter().flatten())
            .chain(self.holidays.iter().flat_map(|(p, _)| p));
        self.vocabulary = Vocabulary::new(listed, &self.compound_suffixes, &self.compound_half);
        self.keywords = k;
        let mut forms: Vec<(char, String, String)> = self
            .derived
            .iter()
            .flat_map(|(id, forms)| forms.iter().map(move |f| (id, f)))
            .filter_map(|(id, f)| Some((f.chars().next()?, id.clone(), f.clone())))
            .collect();
        forms.sort_by_key(|(initial, _, _)| *initial);
        self.derived_initials = forms
            .iter()
            .fold(0, |bits, (c, _, _)| bits | 1 << (u32::from(*c) % 64));
        self.derived_forms = forms;
        self.derived_anywhere = self
            .derived
            .iter()
            .filter(|(_, forms)| forms.iter().any(String::is_empty))
            .map(|(id, _)| id.clone())
            .collect();
        self
    }
}

/// A filter of the lowercase words that the rules of a language compare a text's words with
/// (keywords, scales, words for times, halves, minus and named days, word endings of compounds):
/// most words of a text are none of them, and the filter tells so without lowercasing them.
///
/// It looks at words whose every character lowercases to one character of the same length
/// without Unicode's tables ([`simple_lower`]: ASCII, Latin-1, basic Cyrillic; not `’`): their
/// lowercase has the same length and the lowercase of their first letter first. A bit set per
/// (first letter, length) of the listed words, and the ASCII endings compared case-insensitively,
/// say for sure that such a word is none of them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    bits: Vec<u64>,
    /// Compound endings (ASCII, lowercase).
    endings: Vec<String>,
    /// An ending is not ASCII: every word is lowercased.
    off: bool,
}

impl Vocabulary {
    const BITS: usize = 1024;

    fn slot(first: char, len: usize) -> usize {
        let h = u64::from(first).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (len as u64);
        (h.wrapping_mul(0xff51_afd7_ed55_8ccd) >> 54) as usize % Self::BITS
    }

    fn new<'a>(
        listed: impl Iterator<Item = &'a String>,
        suffixes: &[String],
        half: &Option<String>,
    ) -> Self {
        let mut bits = vec![0u64; Self::BITS / 64];
        for w in listed {
            if let Some(first) = w.chars().next() {
                let slot = Self::slot(first, w.len());
                bits[slot / 64] |= 1 << (slot % 64);
            }
        }
        let endings: Vec<String> = suffixes.iter().chain(half).cloned().collect();
        let off = !endings.iter().all(|e| e.is_ascii());
        Self { bits, endings, off }
    }

    /// Whether the lowercase of `word` may be a listed word or end with a compound ending;
    /// `false` is sure. `simple`: every character of `word` has a [`simple_lower`].
    #[inline]
    pub(crate) fn may_list(&self, word: &str, simple: bool) -> bool {
        if self.off || !simple {
            return true;
        }
        let Some(first) = word.chars().next().and_then(simple_lower) else {
            return true;
        };
        let slot = Self::slot(first, word.len());
        if self
            .bits
            .get(slot / 64)
            .is_none_or(|b| b & (1 << (slot % 64)) != 0)
        {
            return true;
        }
        // The lowercase of an ASCII ending is ASCII only where the word is.
        let bytes = word.as_bytes();
        self.endings.iter().any(|e| {
            bytes.len() >= e.len()
                && bytes[bytes.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
        })
    }
}

/// FNV-1a: every word of every text is looked up among the keywords, and these words are short,
/// where SipHash (the default, resistant to chosen keys, which a fixed set of keywords does not
/// need) costs several times more.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Fnv;

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

/// The state of an FNV-1a hash (see [`Fnv`]).
pub(crate) struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// The lowercase of `c` when it is one character that can be told without Unicode's tables:
/// ASCII, Latin-1 and basic Cyrillic, the letters of nearly every word (the same as
/// `char::to_lowercase`; a test checks every character of these ranges).
pub(crate) fn simple_lower(c: char) -> Option<char> {
    let u = u32::from(c);
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x410..=0x42F => u + 0x20,
        0x400..=0x40F => u + 0x50,
        0..=0x40 | 0x5B..=0xBF | 0xD7 | 0xDF..=0xFF | 0x430..=0x45F => u,
        _ => return None,
    };
    char::from_u32(lower)
}

/// The first character of the lowercase of `c`.
pub(crate) fn first_lowercase(c: char) -> char {
    simple_lower(c).unwrap_or_else(|| c.to_lowercase().next().unwrap_or(c))
}

/// Whether the lowercase of the first `chars` characters of `text` starts with `prefix`
/// (lowercase), as `str::to_lowercase` and `starts_with` say, without allocating.
pub(crate) fn lowercase_starts_with(text: &str, chars: usize, prefix: &str) -> bool {
    let mut want = prefix.chars().peekable();
    for c in text.chars().take(chars) {
        if want.peek().is_none() {
            return true;
        }
        if let Some(l) = simple_lower(c) {
            if want.next() != Some(l) {
                return false;
            }
            continue;
        }
        if c == 'Σ' {
            // A capital sigma's lowercase depends on its neighbours: leave it to `str`.
            let cut = text
                .char_indices()
                .nth(chars)
                .map_or(text.len(), |(b, _)| b);
            return text[..cut].to_lowercase().starts_with(prefix);
        }
        for l in c.to_lowercase() {
            if want.peek().is_none() {
                return true;
            }
            if want.next() != Some(l) {
                return false;
            }
        }
    }
    want.peek().is_none()
}

/// Whether `c` is a letter, with fast paths for ASCII, Latin, basic Cyrillic and punctuation.
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{400}'..='\u{481}').contains(&c) || ('\u{48a}'..='\u{52f}').contains(&c) {
        true
    } else if c < '\u{c0}' {
        // No-break space, `«`, `»`, `°`: of Latin-1's symbols only these are letters.
        matches!(c, 'ª' | 'µ' | 'º')
    } else if ('\u{c0}'..='\u{24f}').contains(&c) {
        // Latin-1 and Latin Extended-A and B: letters but for `×` and `÷`.
        c != '×' && c != '÷'
    } else if ('\u{2000}'..='\u{206f}').contains(&c) {
        // General punctuation (dashes, quotation marks, spaces) has no letter.
        false
    } else {
        c.is_alphabetic()
    }
}

/// A writing system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Script {
    /// Latin letters.
    #[default]
    Latin,
    /// Cyrillic letters.
    Cyrillic,
}

impl Script {
    /// The script of a letter, if it is Latin or Cyrillic.
    pub fn of(c: char) -> Option<Self> {
        if c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic() {
            Some(Self::Latin)
        } else if ('\u{400}'..='\u{52f}').contains(&c) {
            Some(Self::Cyrillic)
        } else {
            None
        }
    }

    /// `Latn` or `Cyrl`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Latin => "Latn",
            Self::Cyrillic => "Cyrl",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    language: LanguageSection,
    quotes: QuotesSection,
    numbers: NumbersSection,
    dates: DatesSection,
    #[serde(default)]
    names: NamesSection,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct NamesSection {
    #[serde(default)]
    derived: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageSection {
    script: String,
    decimal: String,
    #[serde(default)]
    group: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    time_words: Vec<String>,
    #[serde(default)]
    compound_suffixes: Vec<String>,
    #[serde(default)]
    compound_half: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuotesSection {
    pairs: Vec<[String; 2]>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersSection {
    #[serde(default)]
    words: BTreeMap<String, f64>,
    #[serde(default)]
    scales: BTreeMap<String, f64>,
    #[serde(default)]
    times: Vec<String>,
    #[serde(default)]
    half: Vec<String>,
    #[serde(default)]
    minus: Vec<String>,
    #[serde(default)]
    pm: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesSection {
    #[serde(default)]
    months: BTreeMap<String, u8>,
    #[serde(default)]
    holidays: BTreeMap<String, String>,
}

fn one_char(path: &str, what: &str, s: &str) -> Result<char, RulesError> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(RulesError {
            path: path.to_owned(),
            message: format!("{what} must be one character, not {s:?}"),
        }),
    }
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

impl LangRules {
    /// Parses a `check.toml`; `path` is only used in errors.
    pub fn parse(path: &str, text: &str) -> Result<Self, RulesError> {
        let err = |message: String| RulesError {
            path: path.to_owned(),
            message,
        };
        let file: File = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        let script = match file.language.script.as_str() {
            "Latn" => Script::Latin,
            "Cyrl" => Script::Cyrillic,
            other => {
                return Err(err(format!(
                    "unknown script {other:?} (expected \"Latn\" or \"Cyrl\")"
                )));
            }
        };
        let lower = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
        let mut quote_pairs = Vec::new();
        for [open, close] in &file.quotes.pairs {
            quote_pairs.push((
                one_char(path, "a quotation mark", open)?,
                one_char(path, "a quotation mark", close)?,
            ));
        }
        Ok(Self {
            script,
            decimal: one_char(path, "decimal", &file.language.decimal)?,
            group: file
                .language
                .group
                .iter()
                .map(|g| one_char(path, "a group separator", g))
                .collect::<Result<_, _>>()?,
            allow: lower(file.language.allow),
            time_words: lower(file.language.time_words),
            compound_suffixes: lower(file.language.compound_suffixes),
            compound_half: file.language.compound_half.map(|s| s.to_lowercase()),
            quote_pairs,
            words: file
                .numbers
                .words
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            scales: file
                .numbers
                .scales
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            times: lower(file.numbers.times),
            half: file.numbers.half.iter().map(|h| words(h)).collect(),
            minus: lower(file.numbers.minus),
            pm: lower(file.numbers.pm),
            months: file
                .dates
                .months
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            holidays: file
                .dates
                .holidays
                .into_iter()
                .map(|(k, v)| (words(&k), v))
                .collect(),
            derived: file
                .names
                .derived
                .into_iter()
                .map(|(k, v)| (k, lower(v)))
                .collect(),
            keywords: std::collections::HashSet::default(),
            derived_forms: Vec::new(),
            derived_initials: 0,
            derived_anywhere: Vec::new(),
            vocabulary: Vocabulary::default(),
        }
        .with_keywords())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_filter_keeps_every_listed_word_in_any_case() {
        for (path, toml) in [
            ("de", include_str!("../../../locales/de/check.toml")),
            ("bg", include_str!("../../../locales/bg/check.toml")),
            ("en", include_str!("../../../locales/en/check.toml")),
        ] {
            let rules = LangRules::parse(path, toml).unwrap_or_default();
            let mut listed: Vec<String> = rules.keywords.iter().cloned().collect();
            listed.extend(rules.times.iter().chain(&rules.minus).cloned());
            listed.extend(rules.half.iter().flatten().cloned());
            assert!(listed.len() > 20, "{path}");
            for w in &listed {
                let upper = w.to_uppercase();
                let mut title = upper.chars().take(1).collect::<String>();
                title.extend(w.chars().skip(1));
                for form in [w.clone(), upper, title, format!("Sieben{w}")] {
                    let simple = form.chars().all(|c| simple_lower(c).is_some());
                    let lower = form.to_lowercase();
                    if rules.is_keyword(&lower) || listed.contains(&lower) {
                        assert!(rules.vocabulary.may_list(&form, simple), "{path}: {form}");
                    }
                }
            }
            let turned_away = ["Haus", "und", "Krieg", "войната", "the", "Tuesday"]
                .iter()
                .filter(|w| !rules.vocabulary.may_list(w, true))
                .count();
            assert!(turned_away >= 3, "{path}: {turned_away}");
        }
    }

    #[test]
    fn is_letter_is_alphabetic() {
        for c in ('\0'..='\u{2fff}').chain(['€', '😀', '\u{ff21}']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
