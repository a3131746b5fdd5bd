//! Numbers, times and dates of a text, by value, after the language's own way of writing them.

use dayglot_core::Span;

use crate::rules::LangRules;

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

#[derive(Debug, Clone)]
enum Tok {
    Num {
        value: f64,
        time: Option<(u32, u32)>,
        span: Span,
        used: bool,
    },
    Word {
        lower: String,
        span: Span,
    },
    Punct {
        c: char,
        span: Span,
    },
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

fn digits_at(chars: &[(usize, char)], i: usize) -> usize {
    chars[i..]
        .iter()
        .take_while(|(_, c)| c.is_ascii_digit())
        .count()
}

fn tokenize(text: &str, rules: &LangRules) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_ascii_digit() {
            let mut j = i + digits_at(&chars, i);
            let mut int: String = chars[i..j].iter().map(|(_, c)| *c).collect();
            let mut frac = String::new();
            let mut time = None;
            // Groups of three digits.
            while let Some((_, sep)) = chars.get(j) {
                if !(rules.group.contains(sep) && digits_at(&chars, j + 1) == 3) {
                    break;
                }
                int.extend(chars[j + 1..j + 4].iter().map(|(_, c)| *c));
                j += 4;
            }
            let next = chars.get(j).map(|(_, c)| *c);
            let two_after = digits_at(&chars, (j + 1).min(chars.len()));
            if next == Some(':') && two_after == 2 && int.len() <= 2 {
                let m: String = chars[j + 1..j + 3].iter().map(|(_, c)| *c).collect();
                time = Some((int.parse().unwrap_or(0), m.parse().unwrap_or(0)));
                j += 3;
            } else if next == Some('.')
                && two_after == 2
                && int.len() <= 2
                && followed_by_word(text, end_of(j + 3), &rules.time_words)
            {
                let m: String = chars[j + 1..j + 3].iter().map(|(_, c)| *c).collect();
                time = Some((int.parse().unwrap_or(0), m.parse().unwrap_or(0)));
                j += 3;
            } else if next == Some(rules.decimal) && two_after > 0 {
                frac = chars[j + 1..j + 1 + two_after]
                    .iter()
                    .map(|(_, c)| *c)
                    .collect();
                j += 1 + two_after;
            }
            if let Some((h, m)) = time {
                let h = if h < 12 && followed_by_word(text, end_of(j), &rules.pm) {
                    h + 12
                } else {
                    h
                };
                time = Some((h, m));
            }
            let negative = i > 0
                && matches!(chars[i - 1].1, '-' | '−')
                && (i < 2 || !chars[i - 2].1.is_alphanumeric());
            let mut value: f64 = if frac.is_empty() {
                int.parse().unwrap_or(0.0)
            } else {
                format!("{int}.{frac}").parse().unwrap_or(0.0)
            };
            let mut s = start;
            if negative {
                value = -value;
                s = chars[i - 1].0;
            }
            out.push(Tok::Num {
                value,
                time,
                span: Span::new(s, end_of(j)),
                used: false,
            });
            i = j;
        } else if is_word_char(c) {
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                if is_word_char(c) {
                    j += 1;
                } else if is_apostrophe(c)
                    && chars.get(j + 1).is_some_and(|(_, n)| is_word_char(*n))
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let word = &text[start..end_of(j)];
            let mut lower = word.to_lowercase();
            if lower.contains('’') {
                lower = lower.replace('’', "'");
            }
            out.push(Tok::Word {
                lower,
                span: Span::new(start, end_of(j)),
            });
            i = j;
        } else {
            if !c.is_whitespace() {
                out.push(Tok::Punct {
                    c,
                    span: Span::new(start, end_of(i + 1)),
                });
            }
            i += 1;
        }
    }
    out
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

fn word_at(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Tok::Word { lower, .. }) => Some(lower),
        _ => None,
    }
}

/// Whether the words from `i` are `phrase`.
fn phrase_at(toks: &[Tok], i: usize, phrase: &[String]) -> bool {
    !phrase.is_empty()
        && phrase
            .iter()
            .enumerate()
            .all(|(k, w)| word_at(toks, i + k) == Some(w.as_str()))
}

/// If a half follows the number ending at token `i` (`five and a half`, `пет пъти и половина`),
/// the index of the token ending the phrase.
fn half_after(toks: &[Tok], i: usize, rules: &LangRules) -> Option<usize> {
    let mut k = i + 1;
    if word_at(toks, k).is_some_and(|w| rules.times.iter().any(|t| t == w)) {
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
    let mut toks = tokenize(text, rules);
    let mut out = Vec::new();
    let n = toks.len();
    let mut i = 0;
    while i < n {
        let span = tok_span(&toks[i]);
        let tok = match &toks[i] {
            Tok::Word { lower, .. } if !rules.is_keyword(lower) => {
                i += 1;
                continue;
            }
            Tok::Punct { .. } => {
                i += 1;
                continue;
            }
            t => t.clone(),
        };
        match tok {
            Tok::Word { lower, .. } => {
                // Holidays.
                if let Some((phrase, date)) =
                    rules.holidays.iter().find(|(p, _)| phrase_at(&toks, i, p))
                {
                    let last = tok_span(&toks[i + phrase.len() - 1]);
                    out.push(Fact {
                        kind: FactKind::Date,
                        key: date.clone(),
                        span: Span::new(span.start, last.end),
                    });
                    i += phrase.len();
                    continue;
                }
                // Months, with the day next to them.
                if let Some(month) = rules.months.get(&lower) {
                    let day_before = |k: usize| match toks.get(k) {
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
                        && matches!(toks[i - 1], Tok::Punct { c: '.', .. })
                        && day_before(i - 2).is_some()
                    {
                        found = Some(i - 2);
                    } else if day_before(i + 1).is_some() {
                        found = Some(i + 1);
                    }
                    // A month alone is not compared: "may" is also a verb.
                    if let Some(k) = found {
                        let day = day_before(k).unwrap_or(0.0);
                        if let Tok::Num { used, .. } = &mut toks[k] {
                            *used = true;
                        }
                        let ks = tok_span(&toks[k]);
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
                    .get(&lower)
                    .copied()
                    .or_else(|| compound_value(&lower, rules));
                let scale = rules.scales.get(&lower).copied();
                if let Some(mut v) = value.or(scale) {
                    let mut last = i;
                    if value.is_some()
                        && let Some(s) = word_at(&toks, i + 1).and_then(|w| rules.scales.get(w))
                    {
                        v *= s;
                        last = i + 1;
                    }
                    if let Some(h) = half_after(&toks, last, rules) {
                        v += 0.5;
                        last = h;
                    }
                    let negative = i >= 1
                        && word_at(&toks, i - 1)
                            .is_some_and(|w| rules.minus.iter().any(|m| m == w));
                    if negative {
                        v = -v;
                    }
                    out.push(Fact {
                        kind: FactKind::Spelled,
                        key: format_value(v),
                        span: Span::new(span.start, tok_span(&toks[last]).end),
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
                if let Some(s) = word_at(&toks, i + 1).and_then(|w| rules.scales.get(w)) {
                    v *= s;
                    last = i + 1;
                }
                if let Some(h) = half_after(&toks, last, rules) {
                    v += 0.5;
                    last = h;
                }
                if i >= 1
                    && word_at(&toks, i - 1).is_some_and(|w| rules.minus.iter().any(|m| m == w))
                {
                    v = -v;
                }
                // A month right after (`6 януари`) is handled when the month is read.
                out.push(Fact {
                    kind: FactKind::Number,
                    key: format_value(v),
                    span: Span::new(span.start, tok_span(&toks[last]).end),
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
