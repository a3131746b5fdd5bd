//! Numbers, times and dates of a text, by value, after the language's own way of writing them.

use dayglot_core::Span;

use crate::rules::{LangRules, simple_lower};

/// What kind of fact a [`Fact`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FactKind {
    /// A number written in digits (`1,900`, `−32`, `119.`).
    Number,
    /// A number written in words (`two`, `fünfeinhalb`, `one million`).
    Spelled,
    /// A time of day (`11:25 a.m.`, `11.25 Uhr`).
    Time,
    /// A date or a month (`January 6`, `6 січня`, `Silvester`).
    Date,
}

/// One number, time or date found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// What it is.
    pub kind: FactKind,
    /// The value as a comparable key: `1900`, `5.5`, `-32`, `11:25`, `01-06`, `12`.
    pub key: String,
    /// Where it is written.
    pub span: Span,
}

impl Fact {
    /// Whether the fact is a date (compared as dates) rather than a number or time.
    pub fn is_date(&self) -> bool {
        self.kind == FactKind::Date
    }
}

#[derive(Debug, Clone, Copy)]
enum Tok {
    Num {
        value: f64,
        time: Option<(u32, u32)>,
        span: Span,
        used: bool,
    },
    Word {
        /// Where the lowercase word is in [`Tokens::lower`]; `None` for a word that is none of
        /// the words the rules compare with (not lowercased).
        lower: Option<(usize, usize)>,
        span: Span,
    },
    Punct {
        c: char,
        span: Span,
    },
}

/// The tokens of a text, and its words lowercased one after the other in one buffer (no
/// allocation per word; the buffers are kept per thread, see [`facts`]).
#[derive(Default)]
struct Tokens {
    toks: Vec<Tok>,
    lower: String,
    /// The digits of the number being read (groups joined, then `.` and the fraction).
    digits: String,
}

thread_local! {
    static TOKENS: std::cell::RefCell<Tokens> = std::cell::RefCell::default();
}

impl Tokens {
    /// The lowercase word of token `i`, if it is a word.
    fn word(&self, i: usize) -> Option<&str> {
        match self.toks.get(i) {
            Some(Tok::Word {
                lower: Some(lower), ..
            }) => self.lower.get(lower.0..lower.1),
            _ => None,
        }
    }
}

fn tok_span(t: &Tok) -> Span {
    match t {
        Tok::Num { span, .. } | Tok::Word { span, .. } | Tok::Punct { span, .. } => *span,
    }
}

fn is_word_char(c: char) -> bool {
    crate::rules::is_letter(c) || c == '\u{301}'
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The number of ASCII digits from byte `at`.
fn digits_at(bytes: &[u8], at: usize) -> usize {
    bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// The character at byte `at` (a character boundary) and its length in bytes.
#[inline]
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(at)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Appends the lowercase of `word` to `out`, with `’` as `'` (what `str::to_lowercase` and a
/// replacement give, without allocating).
fn push_lower(word: &str, out: &mut String) {
    let at = out.len();
    if word.is_ascii() {
        out.push_str(word);
        out[at..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match simple_lower(c) {
            Some(l) => out.push(l),
            // A capital sigma's lowercase depends on its neighbours: leave it to `str`.
            None if c == 'Σ' => {
                out.truncate(at);
                out.push_str(&word.to_lowercase().replace('’', "'"));
                return;
            }
            None => out.extend(c.to_lowercase()),
        }
    }
    // Only `’` itself lowercases to `’`.
    if out[at..].contains('’') {
        let replaced = out[at..].replace('’', "'");
        out.truncate(at);
        out.push_str(&replaced);
    }
}

/// The character before byte `at` and where it starts.
fn prev_char(text: &str, at: usize) -> Option<(usize, char)> {
    let c = text.get(..at)?.chars().next_back()?;
    Some((at - c.len_utf8(), c))
}

/// Fills `tokens` with the tokens of `text`, and `starts` (if given) with the start of every
/// word as [`word_starts`] defines it: a word token's first letter (the character before a word
/// token is never a letter), and a letter inside one after a combining accent or an apostrophe.
fn tokenize(
    text: &str,
    rules: &LangRules,
    tokens: &mut Tokens,
    mut starts: Option<&mut Vec<usize>>,
) {
    let bytes = text.as_bytes();
    let Tokens {
        toks,
        lower,
        digits,
    } = tokens;
    toks.clear();
    lower.clear();
    let mut at = 0;
    while let Some((c, len)) = char_at(text, at) {
        if c == ' ' {
            at += 1;
            continue;
        }
        let start = at;
        if c.is_ascii_digit() {
            let mut j = at + digits_at(bytes, at);
            digits.clear();
            digits.push_str(&text[at..j]);
            let mut time = None;
            // Groups of three digits.
            while let Some((sep, sep_len)) = char_at(text, j) {
                if !(rules.group.contains(&sep) && digits_at(bytes, j + sep_len) == 3) {
                    break;
                }
                digits.push_str(&text[j + sep_len..j + sep_len + 3]);
                j += sep_len + 3;
            }
            let int_len = digits.len();
            let next = char_at(text, j);
            let two_after = next.map_or(0, |(_, l)| digits_at(bytes, j + l));
            // `H:MM`, or `H.MM` before a word that makes it a time (`11.25 Uhr`).
            let hh_mm = two_after == 2 && int_len <= 2;
            let is_time = hh_mm
                && (next.is_some_and(|(c, _)| c == ':')
                    || next.is_some_and(|(c, _)| c == '.')
                        && followed_by_word(text, j + 3, &rules.time_words));
            if is_time {
                let h = digits.parse().unwrap_or(0);
                time = Some((h, text[j + 1..j + 3].parse().unwrap_or(0)));
                j += 3;
            } else if let Some((d, d_len)) = next
                && d == rules.decimal
                && two_after > 0
            {
                digits.push('.');
                digits.push_str(&text[j + d_len..j + d_len + two_after]);
                j += d_len + two_after;
            }
            if let Some((h, m)) = time {
                let h = if h < 12 && followed_by_word(text, j, &rules.pm) {
                    h + 12
                } else {
                    h
                };
                time = Some((h, m));
            }
            let sign = prev_char(text, at).filter(|&(p, c)| {
                matches!(c, '-' | '−')
                    && prev_char(text, p).is_none_or(|(_, c)| !c.is_alphanumeric())
            });
            let mut value: f64 = digits.parse().unwrap_or(0.0);
            let mut s = start;
            if let Some((p, _)) = sign {
                value = -value;
                s = p;
            }
            toks.push(Tok::Num {
                value,
                time,
                span: Span::new(s, j),
                used: false,
            });
            at = j;
        } else if is_word_char(c) {
            let mut j = at + len;
            // Whether every character lowercases without Unicode's tables (see `Vocabulary`).
            let mut simple = simple_lower(c).is_some();
            let mut record = |at: usize| {
                if let Some(starts) = starts.as_deref_mut() {
                    starts.push(at);
                }
            };
            let mut prev_letter = crate::rules::is_letter(c);
            if prev_letter {
                record(at);
            }
            loop {
                // ASCII letters and basic Cyrillic (every character of D0 and D1 is a letter,
                // those of D0 and D1 80 to 9F lowercase simply) without decoding.
                match bytes.get(j..j + 2) {
                    Some(&[b, _]) if b.is_ascii_alphabetic() => {
                        if !prev_letter {
                            record(j);
                        }
                        prev_letter = true;
                        j += 1;
                        continue;
                    }
                    Some(&[0xD0, _]) => {
                        if !prev_letter {
                            record(j);
                        }
                        prev_letter = true;
                        j += 2;
                        continue;
                    }
                    Some(&[0xD1, next]) => {
                        if !prev_letter {
                            record(j);
                        }
                        prev_letter = true;
                        simple &= next <= 0x9F;
                        j += 2;
                        continue;
                    }
                    _ => {}
                }
                let Some((c, len)) = char_at(text, j) else {
                    break;
                };
                if is_word_char(c) {
                    simple &= simple_lower(c).is_some();
                    let letter = crate::rules::is_letter(c);
                    if letter && !prev_letter {
                        record(j);
                    }
                    prev_letter = letter;
                    j += len;
                } else if is_apostrophe(c)
                    && let Some((n, n_len)) = char_at(text, j + len)
                    && is_word_char(n)
                {
                    simple &= simple_lower(c).is_some() && simple_lower(n).is_some();
                    // (The apostrophe is no word character here, so no letter.)
                    if crate::rules::is_letter(n) {
                        record(j + len);
                    }
                    prev_letter = crate::rules::is_letter(n);
                    j += len + n_len;
                } else {
                    break;
                }
            }
            let word = &text[start..j];
            let lowered = rules.vocabulary.may_list(word, simple).then(|| {
                let from = lower.len();
                push_lower(word, lower);
                (from, lower.len())
            });
            toks.push(Tok::Word {
                lower: lowered,
                span: Span::new(start, j),
            });
            at = j;
        } else {
            if !c.is_whitespace() {
                toks.push(Tok::Punct {
                    c,
                    span: Span::new(start, start + len),
                });
            }
            at += len;
        }
    }
}

/// Whether the text from `at` (after white space) starts with one of `words` (lowercase), as a
/// whole word.
fn followed_by_word(text: &str, at: usize, words: &[String]) -> bool {
    let rest = text.get(at..).unwrap_or("").trim_start();
    let lower = rest.chars().take(16).collect::<String>().to_lowercase();
    words.iter().any(|w| {
        lower.starts_with(w.as_str())
            && lower[w.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() || w.ends_with('.'))
    })
}

/// Whether the words from `i` are `phrase`.
fn phrase_at(toks: &Tokens, i: usize, phrase: &[String]) -> bool {
    !phrase.is_empty()
        && phrase
            .iter()
            .enumerate()
            .all(|(k, w)| toks.word(i + k) == Some(w.as_str()))
}

/// If a half follows the number ending at token `i` (`five and a half`, `пет пъти и половина`),
/// the index of the token ending the phrase.
fn half_after(toks: &Tokens, i: usize, rules: &LangRules) -> Option<usize> {
    let mut k = i + 1;
    if toks
        .word(k)
        .is_some_and(|w| rules.times.iter().any(|t| t == w))
    {
        k += 1;
    }
    rules
        .half
        .iter()
        .find(|h| phrase_at(toks, k, h))
        .map(|h| k + h.len() - 1)
}

/// A word that is a multiplier compound or a number with a half (`fünfeinhalb`, `Siebenfache`).
fn compound_value(word: &str, rules: &LangRules) -> Option<f64> {
    let mut stem = word;
    let mut compound = false;
    for suffix in &rules.compound_suffixes {
        if let Some(s) = stem.strip_suffix(suffix.as_str()) {
            stem = s;
            compound = true;
            break;
        }
    }
    let mut value = 0.0;
    let mut half = false;
    if let Some(h) = &rules.compound_half
        && let Some(s) = stem.strip_suffix(h.as_str())
        && !s.is_empty()
    {
        stem = s;
        value += 0.5;
        half = true;
    }
    if !compound && !half {
        return None;
    }
    rules.words.get(stem).map(|v| v + value)
}

/// Every number, time and date of `text`, in order.
pub fn facts(text: &str, rules: &LangRules) -> Vec<Fact> {
    facts_and_word_starts(text, rules, None)
}

/// [`facts`], and the start of every word of `text` in `starts` (if given): every letter after
/// a character that is not a letter ([`word_starts`]), found by the same pass.
pub(crate) fn facts_and_word_starts(
    text: &str,
    rules: &LangRules,
    starts: Option<&mut Vec<usize>>,
) -> Vec<Fact> {
    TOKENS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut tokens) => {
            let out = facts_with(text, rules, &mut tokens, starts);
            // Gives back the memory of an unusually long text.
            if tokens.lower.capacity() > 1 << 16 {
                *tokens = Tokens::default();
            }
            out
        }
        Err(_) => facts_with(text, rules, &mut Tokens::default(), starts),
    })
}

/// [`facts`] with buffers for the tokens.
fn facts_with(
    text: &str,
    rules: &LangRules,
    toks: &mut Tokens,
    starts: Option<&mut Vec<usize>>,
) -> Vec<Fact> {
    tokenize(text, rules, toks, starts);
    let mut out = Vec::new();
    let n = toks.toks.len();
    let mut i = 0;
    while i < n {
        let tok = toks.toks[i];
        let span = tok_span(&tok);
        match tok {
            Tok::Punct { .. } => {}
            Tok::Word { lower: None, .. } => {}
            Tok::Word {
                lower: Some(lower), ..
            } => {
                let lower = &toks.lower[lower.0..lower.1];
                if !rules.is_keyword(lower) {
                    i += 1;
                    continue;
                }
                // Holidays.
                if let Some((phrase, date)) =
                    rules.holidays.iter().find(|(p, _)| phrase_at(toks, i, p))
                {
                    let last = tok_span(&toks.toks[i + phrase.len() - 1]);
                    out.push(Fact {
                        kind: FactKind::Date,
                        key: date.clone(),
                        span: Span::new(span.start, last.end),
                    });
                    i += phrase.len();
                    continue;
                }
                // Months, with the day next to them.
                if let Some(month) = rules.months.get(lower) {
                    let day_before = |k: usize| match toks.toks.get(k) {
                        Some(Tok::Num {
                            value,
                            time: None,
                            used: false,
                            ..
                        }) if (1.0..=31.0).contains(value) && value.fract() == 0.0 => Some(*value),
                        _ => None,
                    };
                    let mut found = None;
                    if i >= 1 && day_before(i - 1).is_some() {
                        found = Some(i - 1);
                    } else if i >= 2
                        && matches!(toks.toks[i - 1], Tok::Punct { c: '.', .. })
                        && day_before(i - 2).is_some()
                    {
                        found = Some(i - 2);
                    } else if day_before(i + 1).is_some() {
                        found = Some(i + 1);
                    }
                    // A month alone is not compared: "may" is also a verb.
                    if let Some(k) = found {
                        let day = day_before(k).unwrap_or(0.0);
                        if let Tok::Num { used, .. } = &mut toks.toks[k] {
                            *used = true;
                        }
                        let ks = tok_span(&toks.toks[k]);
                        out.retain(|f: &Fact| f.span != ks);
                        out.push(Fact {
                            kind: FactKind::Date,
                            key: format!("{month:02}-{:02}", day as u32),
                            span: Span::new(span.start.min(ks.start), span.end.max(ks.end)),
                        });
                    }
                    i += 1;
                    continue;
                }
                // Spelled-out numbers and scales.
                let value = rules
                    .words
                    .get(lower)
                    .copied()
                    .or_else(|| compound_value(lower, rules));
                let scale = rules.scales.get(lower).copied();
                if let Some(mut v) = value.or(scale) {
                    let mut last = i;
                    if value.is_some()
                        && let Some(s) = toks.word(i + 1).and_then(|w| rules.scales.get(w))
                    {
                        v *= s;
                        last = i + 1;
                    }
                    if let Some(h) = half_after(toks, last, rules) {
                        v += 0.5;
                        last = h;
                    }
                    let negative = i >= 1
                        && toks
                            .word(i - 1)
                            .is_some_and(|w| rules.minus.iter().any(|m| m == w));
                    if negative {
                        v = -v;
                    }
                    out.push(Fact {
                        kind: FactKind::Spelled,
                        key: format_value(v),
                        span: Span::new(span.start, tok_span(&toks.toks[last]).end),
                    });
                    i = last + 1;
                    continue;
                }
            }
            Tok::Num {
                value,
                time,
                used: false,
                ..
            } => {
                if let Some((h, m)) = time {
                    out.push(Fact {
                        kind: FactKind::Time,
                        key: format!("{h:02}:{m:02}"),
                        span,
                    });
                    i += 1;
                    continue;
                }
                let mut v = value;
                let mut last = i;
                if let Some(s) = toks.word(i + 1).and_then(|w| rules.scales.get(w)) {
                    v *= s;
                    last = i + 1;
                }
                if let Some(h) = half_after(toks, last, rules) {
                    v += 0.5;
                    last = h;
                }
                if i >= 1
                    && toks
                        .word(i - 1)
                        .is_some_and(|w| rules.minus.iter().any(|m| m == w))
                {
                    v = -v;
                }
                // A month right after (`6 януари`) is handled when the month is read.
                out.push(Fact {
                    kind: FactKind::Number,
                    key: format_value(v),
                    span: Span::new(span.start, tok_span(&toks.toks[last]).end),
                });
                i = last + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The start of every word of `text`: every letter after a character that is not a letter (or
/// at the start). The definition [`facts_and_word_starts`] implements in the tokenizer's pass.
#[cfg(test)]
fn word_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev_letter = false;
    for (at, c) in text.char_indices() {
        let letter = crate::rules::is_letter(c);
        if letter && !prev_letter {
            out.push(at);
        }
        prev_letter = letter;
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_tokenizer_finds_every_word_start() {
        let rules = LangRules::parse("bg", include_str!("../../../locales/bg/check.toml")).unwrap();
        let pieces = [
            "руски",
            "Руско",
            "a",
            "Zelensky",
            "’",
            "'",
            "ʼ",
            "\u{301}",
            "-",
            " ",
            "5",
            "1 900",
            "11:25",
            "3,5",
            "«",
            "»",
            "—",
            "x",
            "ї",
            "Ѣ",
            "é",
            "ß",
            ".",
            "\u{a0}",
            "😀",
            "ǅ",
        ];
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..(1 + rng % 14) {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                text.push_str(pieces[(rng % pieces.len() as u64) as usize]);
            }
            let mut starts = Vec::new();
            let facts = facts_and_word_starts(&text, &rules, Some(&mut starts));
            assert_eq!(starts, word_starts(&text), "{text:?}");
            assert_eq!(facts, super::facts(&text, &rules), "{text:?}");
        }
    }

    #[test]
    fn simple_lowercase_is_unicode_lowercase() {
        let mut told = 0;
        for c in '\0'..='\u{52f}' {
            if let Some(l) = simple_lower(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), l.to_string(), "{c:?}");
                told += 1;
            }
        }
        assert_eq!(told, 256 + 96);
    }

    #[test]
    fn words_are_lowercased_as_str_does() {
        for word in [
            "Zelensky’s",
            "ΟΔΟΣ",
            "Σ",
            "ǅemal",
            "İstanbul",
            "ЇЖАК",
            "Ѣ",
            "Ґанок",
            "STRAẞE",
            "Äpfel",
            "ﬃ",
        ] {
            let mut out = String::from("x");
            push_lower(word, &mut out);
            assert_eq!(out, format!("x{}", word.to_lowercase().replace('’', "'")));
        }
    }
}
