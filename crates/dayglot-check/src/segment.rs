//! The checks of one aligned pair of segments: source and translation.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use dayglot_core::{Lang, Severity, Span};
use dayglot_glossary::{FormKind, FormRef, Kind, Matcher, Mention};

use crate::facts::{Fact, FactKind, facts_and_word_starts};
use crate::rules::{LangRules, Script};

/// A finding about one segment, before it is given its language, segment and acceptance.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Raw {
    pub(crate) code: &'static str,
    pub(crate) severity: Severity,
    pub(crate) message: String,
    pub(crate) source_span: Option<Span>,
    pub(crate) target_span: Option<Span>,
}

impl Raw {
    fn new(code: &'static str, severity: Severity, message: String) -> Self {
        Self {
            code,
            severity,
            message,
            source_span: None,
            target_span: None,
        }
    }
    fn spans(mut self, source: Option<Span>, target: Option<Span>) -> Self {
        self.source_span = source;
        self.target_span = target;
        self
    }
}

/// The glossary as the checks read it: its matcher, and each entity's kind by id (looked up
/// for every entity of every text; a hash table is cheaper than the glossary's ordered map).
pub(crate) struct Names<'g> {
    pub(crate) matcher: Matcher<'g>,
    kinds: HashMap<&'g str, Kind, crate::rules::Fnv>,
}

impl<'g> Names<'g> {
    /// Builds the glossary's matcher and the table of kinds.
    pub(crate) fn new(glossary: &'g dayglot_glossary::Glossary) -> Self {
        let kinds = glossary
            .entities()
            .iter()
            .filter_map(|e| Some((e.id.as_str(), glossary.entity(&e.id)?.kind)))
            .collect();
        Self {
            matcher: glossary.matcher(),
            kinds,
        }
    }

    /// The kind of entity `id`, as [`dayglot_glossary::Glossary::entity`] says.
    fn kind(&self, id: &str) -> Option<Kind> {
        self.kinds.get(id).copied()
    }
}

/// What the checks need to know about one language.
pub(crate) struct Side<'a> {
    pub(crate) lang: &'a Lang,
    pub(crate) rules: &'a LangRules,
}

/// The facts of a text that must agree across languages: numbers, dates, entities; and what
/// the checks of the text itself need (its names' spans, its quotations).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Fingerprint {
    pub(crate) facts: Vec<Fact>,
    /// Entity id → (kind, first span).
    pub(crate) entities: BTreeMap<String, (Kind, Span)>,
    /// The spans of the glossary mentions in a form of the text's language, in order.
    pub(crate) names: Vec<Span>,
    /// The mentions that are findings (forbidden variants, other languages' forms), in order.
    pub(crate) flagged: Vec<Mention>,
    /// The number of quotations, after the language's marks ([`quotations`]).
    pub(crate) quotes: usize,
    /// Quotation marks that belong to no pair of the language.
    pub(crate) foreign_quotes: Vec<Span>,
    /// The links, handles and hashtags ([`verbatim_tokens`]).
    pub(crate) verbatim: Vec<Span>,
}

impl Fingerprint {
    /// The fingerprint of `text`, a text in `side`'s language.
    pub(crate) fn of(text: &str, side: &Side<'_>, glossary: &Names<'_>) -> Self {
        // The word starts where a derived form may stand, found by the tokenizer's pass (at
        // most one word per two bytes: one allocation).
        let derived = !side.rules.derived_forms.is_empty();
        let mut starts = Vec::with_capacity(if derived { text.len() / 2 + 1 } else { 0 });
        let mut facts = facts_and_word_starts(text, side.rules, derived.then_some(&mut starts));
        // Numbers inside links and handles are compared as part of the link.
        let verbatim: Vec<Span> = verbatim_tokens(text).into_iter().map(|(s, _)| s).collect();
        if !verbatim.is_empty() {
            facts.retain(|f| {
                !verbatim
                    .iter()
                    .any(|v| v.start <= f.span.start && f.span.end <= v.end)
            });
        }
        let mut entities = BTreeMap::new();
        let mut names = Vec::new();
        let mut flagged = Vec::new();
        // Borrowed mentions: only those that are findings are copied.
        glossary.matcher.for_each(text, side.lang, |m| {
            if !entities.contains_key(m.entity) {
                let kind = glossary.kind(m.entity).unwrap_or(Kind::Term);
                entities.insert(m.entity.to_owned(), (kind, m.span));
            }
            if matches!(m.form, FormRef::Forbidden | FormRef::Foreign) {
                flagged.push(m.to_owned());
            }
            if m.form != FormRef::Foreign {
                names.push(m.span);
            }
        });
        if derived {
            derived_entities(text, &starts, side, glossary, &mut entities);
        }
        let (quotes, foreign_quotes) = quotations(text, side.rules);
        Self {
            facts,
            entities,
            names,
            flagged,
            quotes,
            foreign_quotes,
            verbatim,
        }
    }

    /// A comparable summary: sorted fact keys and entity ids.
    pub(crate) fn key(&self) -> (Vec<&str>, Vec<&str>) {
        let mut f: Vec<&str> = self.facts.iter().map(|f| f.key.as_str()).collect();
        f.sort_unstable();
        (f, self.entities.keys().map(String::as_str).collect())
    }

    /// Whether two fingerprints have the same [`key`](Self::key), without building the keys
    /// unless both have several facts.
    pub(crate) fn same_key(&self, other: &Fingerprint) -> bool {
        if self.facts.len() != other.facts.len() || !self.entities.keys().eq(other.entities.keys())
        {
            return false;
        }
        match (self.facts.as_slice(), other.facts.as_slice()) {
            ([], []) => true,
            ([a], [b]) => a.key == b.key,
            _ => self.key().0 == other.key().0,
        }
    }

    /// Whether there is anything to compare.
    pub(crate) fn is_empty(&self) -> bool {
        self.facts.is_empty() && self.entities.is_empty()
    }

    /// The facts and entities of this text and the `next` one together (a merged segment).
    pub(crate) fn with(&self, next: &Fingerprint) -> Self {
        let mut both = self.clone();
        both.facts.extend(next.facts.iter().cloned());
        both.entities.extend(next.entities.clone());
        both
    }
}

/// Adds the entities named by words derived from them that the glossary does not list
/// (`руски` for `place/russia`, from `check.toml`), unless the text names them otherwise.
/// Only the word starts (`starts`: every letter after a character that is not one) whose first
/// letter begins a derived form are compared, lowercased as they are read.
fn derived_entities(
    text: &str,
    starts: &[usize],
    side: &Side<'_>,
    names: &Names<'_>,
    entities: &mut BTreeMap<String, (Kind, Span)>,
) {
    let rules = side.rules;
    for &at in starts {
        let rest = &text[at..];
        let Some(c) = rest.chars().next() else {
            continue;
        };
        let initial = crate::rules::first_lowercase(c);
        if rules.derived_initials & 1 << (u32::from(initial) % 64) == 0 {
            continue;
        }
        let end = || {
            rest.find(|c: char| !crate::rules::is_letter(c))
                .map_or(text.len(), |e| at + e)
        };
        let mut insert = |id: &String| {
            if !entities.contains_key(id) {
                let kind = names.kind(id).unwrap_or(Kind::Place);
                entities.insert(id.clone(), (kind, Span::new(at, end())));
            }
        };
        // The forms are sorted by first letter; an entity named by two forms at one word start
        // is inserted once, by the first.
        let mut forms = rules
            .derived_forms
            .iter()
            .skip_while(|(i, _, _)| *i != initial)
            .take_while(|(i, _, _)| *i == initial)
            .peekable();
        if forms.peek().is_none() {
            continue;
        }
        for (_, id, form) in forms {
            // A derived form starts within the word's first 24 characters.
            if crate::rules::lowercase_starts_with(rest, 24, form) {
                insert(id);
            }
        }
        rules.derived_anywhere.iter().for_each(insert);
    }
}

/// Every check of a translated segment against its source segment (`text` and its fingerprint,
/// made with the source language's rules): the findings, and the translation's fingerprint. A post kept
/// in the original language beside its translation is checked for its translation only.
pub(crate) fn compare(
    (src_text, src_print): (&str, &Fingerprint),
    target: &str,
    side: &Side<'_>,
    names: &Names<'_>,
) -> (Vec<Raw>, Fingerprint) {
    let own = without_copy(target, src_text);
    let mut raws: Vec<Raw> = Vec::new();
    let tgt_print = Fingerprint::of(&own, side, names);
    compare_facts(
        src_text,
        &src_print.facts,
        target,
        &tgt_print.facts,
        &mut raws,
    );
    compare_names(src_print, &tgt_print, side, &names.matcher, &mut raws);
    wrong_script(&own, side, &tgt_print, &mut raws);
    // The translation's links, as written (with the original, if it embeds one).
    let tgt_verbatim: Cow<'_, [Span]> = match own {
        Cow::Borrowed(_) => Cow::Borrowed(&tgt_print.verbatim),
        Cow::Owned(_) => verbatim_tokens(target)
            .into_iter()
            .map(|(s, _)| s)
            .collect(),
    };
    compare_verbatim(
        (src_text, &src_print.verbatim),
        (target, &tgt_verbatim),
        &mut raws,
    );
    compare_quotes(src_print, &own, &tgt_print, side, &mut raws);
    (raws, tgt_print)
}

/// The finding code for a link or handle that one side lacks.
fn verbatim_code(tok: &str) -> &'static str {
    if tok.starts_with('@') || tok.starts_with('#') {
        "check::handle-changed"
    } else {
        "check::link-changed"
    }
}

/// Links, handles and hashtags of a text, with their spans.
pub(crate) fn verbatim_tokens(text: &str) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    // Most texts have none: look for the markers before splitting into words.
    if !may_have_verbatim(text.as_bytes()) {
        return out;
    }
    let mut start = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let s = start;
        start += word.len();
        let raw = word.trim_end();
        let tok = raw.trim_end_matches(['.', ',', ';', ':', ')', '"', '»', '“', '”', '!', '?']);
        let tok = tok.trim_start_matches(['(', '"', '«', '„', '“']);
        if tok.is_empty() {
            continue;
        }
        let offset = s + (raw.len() - raw.trim_start_matches(['(', '"', '«', '„', '“']).len());
        let is_link = tok.contains("://")
            || tok.starts_with("www.")
            || tok.starts_with("pic.twitter.com/")
            || tok.starts_with("t.me/");
        let is_handle = tok.len() > 1
            && (tok.starts_with('@') || tok.starts_with('#'))
            && tok[1..].chars().all(|c| c.is_alphanumeric() || c == '_');
        if is_link || is_handle {
            out.push((Span::new(offset, offset + tok.len()), tok));
        }
    }
    out
}

/// Whether a text may have a link, a handle or a hashtag: every link has a `/` or starts with
/// `www.`, every handle an `@`, every hashtag a `#`. One pass over the bytes and the pairs of
/// bytes, without an early exit so that it is vectorised; `www.` is looked for only if there is
/// a `ww` (rare in words).
fn may_have_verbatim(b: &[u8]) -> bool {
    let marks = b
        .iter()
        .fold(false, |any, &c| any | matches!(c, b'@' | b'#' | b'/'));
    let ww = b
        .iter()
        .zip(b.iter().skip(1))
        .fold(false, |any, (&x, &y)| any | ((x == b'w') & (y == b'w')));
    marks || (ww && b.windows(4).any(|x| x == b"www."))
}

/// Counts quotations: opening marks of the language's pairs, and halves of same-mark pairs.
/// Returns the count and the marks that belong to no pair of the language.
pub(crate) fn quotations(text: &str, rules: &LangRules) -> (usize, Vec<Span>) {
    const MARKS: [char; 8] = ['"', '“', '”', '„', '«', '»', '‹', '›'];
    let mut opens = 0;
    let mut same: usize = 0;
    let mut foreign = Vec::new();
    // Every mark's first byte is `"`, 0xC2 (`«`, `»`) or 0xE2 (the others): only characters
    // starting with one of these are decoded.
    let bytes = text.as_bytes();
    // Most texts have none, though most have other characters starting with 0xE2 (dashes,
    // `’`): a pass over the pairs of bytes without an early exit (vectorised) says so. Every
    // mark is `"`, or ends with C2 AB or C2 BB (`«`, `»`), or with 80 9C, 9D, 9E, B9 or BA
    // (`“`, `”`, `„`, `‹`, `›`).
    let may_have_marks = bytes.first() == Some(&b'"')
        || bytes
            .iter()
            .zip(bytes.iter().skip(1))
            .fold(false, |any, (&x, &y)| {
                any | (y == b'"')
                    | ((x == 0xC2) & ((y == 0xAB) | (y == 0xBB)))
                    | ((x == 0x80) & matches!(y, 0x9C | 0x9D | 0x9E | 0xB9 | 0xBA))
            });
    if !may_have_marks {
        return (0, foreign);
    }
    let starts = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| matches!(b, b'"' | 0xC2 | 0xE2))
        .map(|(i, _)| i);
    for i in starts {
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        if !MARKS.contains(&c) {
            continue;
        }
        let mut known = false;
        for (o, cl) in &rules.quote_pairs {
            if o == cl && c == *o {
                same += 1;
                known = true;
            } else if c == *o {
                opens += 1;
                known = true;
            } else if c == *cl {
                known = true;
            }
        }
        if !known {
            foreign.push(Span::new(i, i + c.len_utf8()));
        }
    }
    (opens + same.div_ceil(2), foreign)
}

/// Blanks out (with spaces, keeping byte offsets) the parts of `target` that copy `source`
/// verbatim, such as an embedded post kept in the original language next to its translation.
fn without_copy<'t>(target: &'t str, source: &str) -> Cow<'t, str> {
    // The original stands before or after its translation.
    if source.len() < 20 || target.len() <= source.len() {
        return Cow::Borrowed(target);
    }
    let blank = |at: usize| {
        let mut out = String::with_capacity(target.len());
        out.push_str(&target[..at]);
        out.extend(std::iter::repeat_n(' ', source.len()));
        out.push_str(&target[at + source.len()..]);
        out
    };
    if target.starts_with(source) {
        Cow::Owned(blank(0))
    } else if target.ends_with(source) {
        Cow::Owned(blank(target.len() - source.len()))
    } else {
        Cow::Borrowed(target)
    }
}

fn fact_name(f: &Fact) -> &'static str {
    match f.kind {
        FactKind::Number => "number",
        FactKind::Spelled => "spelled-out number",
        FactKind::Time => "time",
        FactKind::Date => "date",
    }
}

fn fact_code(a: Option<&Fact>, b: Option<&Fact>) -> &'static str {
    let kinds: Vec<FactKind> = a.iter().chain(b.iter()).map(|f| f.kind).collect();
    if kinds.contains(&FactKind::Date) {
        "check::date-mismatch"
    } else if kinds.contains(&FactKind::Spelled) {
        "check::spelled-number"
    } else {
        "check::number-mismatch"
    }
}

/// Compares the numbers, times and dates of two aligned texts.
fn compare_facts(
    src_text: &str,
    source: &[Fact],
    tgt_text: &str,
    target: &[Fact],
    out: &mut Vec<Raw>,
) {
    let mut missing: Vec<&Fact> = Vec::new();
    let mut extra: Vec<&Fact> = target.iter().collect();
    for f in source {
        match extra.iter().position(|t| t.key == f.key) {
            Some(k) => {
                extra.remove(k);
            }
            None => missing.push(f),
        }
    }
    // Pair what is missing with what is extra, dates with dates, numbers with numbers.
    let mut extra_left = extra;
    for m in missing {
        let pos = extra_left.iter().position(|t| t.is_date() == m.is_date());
        let t = pos.map(|p| extra_left.remove(p));
        let code = fact_code(Some(m), t);
        let s = &src_text[m.span.range()];
        let message = match t {
            Some(t) => format!(
                "the source has the {} {s:?} ({}), the translation {:?} ({})",
                fact_name(m),
                m.key,
                &tgt_text[t.span.range()],
                t.key
            ),
            None => format!(
                "the {} {s:?} ({}) of the source is not in the translation",
                fact_name(m),
                m.key
            ),
        };
        out.push(Raw::new(code, Severity::Error, message).spans(Some(m.span), t.map(|t| t.span)));
    }
    for t in extra_left {
        let code = fact_code(None, Some(t));
        let message = format!(
            "the translation has the {} {:?} ({}), which the source does not have",
            fact_name(t),
            &tgt_text[t.span.range()],
            t.key
        );
        out.push(Raw::new(code, Severity::Error, message).spans(None, Some(t.span)));
    }
}

/// Compares the entities of two aligned texts, and reports forbidden and foreign forms.
fn compare_names(
    src: &Fingerprint,
    tgt: &Fingerprint,
    side: &Side<'_>,
    matcher: &Matcher<'_>,
    out: &mut Vec<Raw>,
) {
    compare_entities(src, tgt, side, matcher, out);
    compare_mentions(src, tgt, side, out);
}

/// Entities one side names and the other does not.
fn compare_entities(
    src: &Fingerprint,
    tgt: &Fingerprint,
    side: &Side<'_>,
    matcher: &Matcher<'_>,
    out: &mut Vec<Raw>,
) {
    let what = |kind: &Kind| {
        if *kind == Kind::Term {
            "glossary term"
        } else {
            "name"
        }
    };
    for (id, (kind, span)) in &src.entities {
        if !tgt.entities.contains_key(id) {
            let code = if *kind == Kind::Term {
                "check::term-missing"
            } else {
                "check::name-missing"
            };
            let form = matcher
                .glossary()
                .form(id, side.lang, None)
                .map(|f| format!(" (the glossary's form: {f:?})"))
                .unwrap_or_default();
            let what = what(kind);
            let message =
                format!("the source names the {what} `{id}`, the translation does not{form}");
            out.push(Raw::new(code, Severity::Error, message).spans(Some(*span), None));
        }
    }
    for (id, (kind, span)) in &tgt.entities {
        if !src.entities.contains_key(id) {
            let what = what(kind);
            let message = format!("the translation names the {what} `{id}`, the source does not");
            out.push(
                Raw::new("check::name-extra", Severity::Warning, message).spans(None, Some(*span)),
            );
        }
    }
}

/// Forbidden variants, and other languages' forms of names, in the translation.
fn compare_mentions(src: &Fingerprint, tgt: &Fingerprint, side: &Side<'_>, out: &mut Vec<Raw>) {
    for m in &tgt.flagged {
        match m.form {
            FormKind::Forbidden => {
                let message = format!(
                    "{:?} is a forbidden variant of `{}` in {}: write {:?}",
                    m.matched, m.entity, side.lang, m.normalized
                );
                let source_span = src.entities.get(&m.entity).map(|(_, s)| *s);
                out.push(
                    Raw::new("check::forbidden-variant", Severity::Error, message)
                        .spans(source_span, Some(m.span)),
                );
            }
            FormKind::Foreign => {
                let script = m.matched.chars().find_map(Script::of);
                let (code, severity) = if script.is_some_and(|s| s != side.rules.script) {
                    ("check::wrong-script", Severity::Error)
                } else {
                    ("check::foreign-form", Severity::Warning)
                };
                let message = format!(
                    "{:?} is the {} form of `{}`: write {:?}",
                    m.matched, m.lang, m.entity, m.normalized
                );
                out.push(Raw::new(code, severity, message).spans(None, Some(m.span)));
            }
            _ => {}
        }
    }
}

fn is_roman(word: &str) -> bool {
    word.chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// Whether `bytes` may have a letter in another script than `script` ([`Script::of`]): the
/// lead bytes of U+00C0 to U+027F (C3 to C9) or ASCII letters for Latin, those of U+0400 to
/// U+053F (D0 to D4) for Cyrillic. One pass without an early exit, so that it is vectorised.
fn may_have_other_script(bytes: &[u8], script: Script) -> bool {
    match script {
        Script::Cyrillic => bytes.iter().fold(false, |any, b| {
            any | b.is_ascii_alphabetic() | (0xC3..=0xC9).contains(b)
        }),
        Script::Latin => bytes
            .iter()
            .fold(false, |any, b| any | (0xD0..=0xD4).contains(b)),
    }
}

/// Words in the wrong script in `text`, outside glossary names, links and handles (from the
/// text's fingerprint).
fn wrong_script(text: &str, side: &Side<'_>, print: &Fingerprint, out: &mut Vec<Raw>) {
    if !may_have_other_script(text.as_bytes(), side.rules.script) {
        return;
    }
    // Names, links and handles: looked up at the first word in the wrong script (most texts
    // have none).
    let mut covered: Option<Vec<Span>> = None;
    let mut runs: Vec<Span> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !crate::rules::is_letter(c) {
            continue;
        }
        // The word, and whether it has a letter of another script than the language's.
        let mut wrong = Script::of(c).is_some_and(|s| s != side.rules.script);
        let mut end = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !(crate::rules::is_letter(c) || c == '-' || c == '\'') {
                end = at;
                break;
            }
            wrong |= Script::of(c).is_some_and(|s| s != side.rules.script);
            chars.next();
        }
        if !wrong {
            continue;
        }
        let word = &text[start..end];
        let covered = covered.get_or_insert_with(|| {
            let mut covered = print.names.clone();
            covered.extend_from_slice(&print.verbatim);
            covered
        });
        let allowed = covered.iter().any(|s| s.start <= start && end <= s.end)
            || is_roman(word)
            || side.rules.allow.iter().any(|a| a == &word.to_lowercase());
        if !allowed {
            match runs.last_mut() {
                Some(last) if text[last.end..start].chars().all(|c| c == ' ') => last.end = end,
                _ => runs.push(Span::new(start, end)),
            }
        }
    }
    for span in runs {
        let what = match side.rules.script {
            Script::Latin => "Cyrillic",
            Script::Cyrillic => "Latin",
        };
        out.push(
            Raw::new(
                "check::wrong-script",
                Severity::Error,
                format!(
                    "{:?} is in {what} script in the {} text (not a glossary name, link or handle)",
                    &text[span.range()],
                    side.lang
                ),
            )
            .spans(None, Some(span)),
        );
    }
}

/// Links, handles and hashtags of the source must stand in the translation as written (each
/// text is given with the spans of its [`verbatim_tokens`]).
fn compare_verbatim(
    (src_text, src_spans): (&str, &[Span]),
    (tgt_text, tgt_spans): (&str, &[Span]),
    out: &mut Vec<Raw>,
) {
    if src_spans.is_empty() && tgt_spans.is_empty() {
        return;
    }
    fn tokens<'t>(text: &'t str, spans: &[Span]) -> Vec<(Span, &'t str)> {
        spans.iter().map(|&s| (s, &text[s.range()])).collect()
    }
    let (src_tokens, tgt_tokens) = (tokens(src_text, src_spans), tokens(tgt_text, tgt_spans));
    let target: BTreeSet<&str> = tgt_tokens.iter().map(|&(_, t)| t).collect();
    let source: BTreeSet<&str> = src_tokens.iter().map(|&(_, t)| t).collect();
    for (span, tok) in src_tokens {
        if !target.contains(tok) {
            let code = verbatim_code(tok);
            out.push(
                Raw::new(
                    code,
                    Severity::Error,
                    format!("{tok:?} is not in the translation as written"),
                )
                .spans(Some(span), None),
            );
        }
    }
    for (span, tok) in tgt_tokens {
        if !source.contains(tok) {
            let code = verbatim_code(tok);
            out.push(
                Raw::new(
                    code,
                    Severity::Error,
                    format!("{tok:?} is not in the source"),
                )
                .spans(None, Some(span)),
            );
        }
    }
}

/// Same number of quotations, in the language's marks.
fn compare_quotes(
    src: &Fingerprint,
    tgt_text: &str,
    tgt: &Fingerprint,
    side: &Side<'_>,
    out: &mut Vec<Raw>,
) {
    let (s, t) = (src.quotes, tgt.quotes);
    if s != t {
        out.push(Raw::new(
            "check::quote-count",
            Severity::Warning,
            format!(
                "the source has {s} quotation{}, the translation {t}",
                if s == 1 { "" } else { "s" }
            ),
        ));
    }
    for &span in &tgt.foreign_quotes {
        let marks: Vec<String> = side
            .rules
            .quote_pairs
            .iter()
            .map(|(o, c)| format!("{o}…{c}"))
            .collect();
        out.push(
            Raw::new(
                "check::quote-marks",
                Severity::Warning,
                format!(
                    "{:?} is not a quotation mark of {} (use {})",
                    &tgt_text[span.range()],
                    side.lang,
                    marks.join(" or ")
                ),
            )
            .spans(None, Some(span)),
        );
    }
}

/// Whether a text has enough words to be worth translating (not a bare name or number).
pub(crate) fn is_translatable(text: &str) -> bool {
    text.split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count()
        >= 3
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use dayglot_glossary::{Glossary, GlossaryFile};

    /// The entities a text names by derived forms only, with their spans.
    fn derived(rules: &str, text: &str) -> Vec<(String, usize, usize)> {
        let toml = format!(
            "[language]\nscript = \"Latn\"\ndecimal = \".\"\n[quotes]\npairs = [[\"“\", \"”\"]]\n\
             [numbers]\n[dates]\n[names]\nderived = {{ {rules} }}\n"
        );
        let rules = LangRules::parse("x/check.toml", &toml).unwrap();
        let (glossary, _) = Glossary::load(&GlossaryFile::new("entities.toml", ""), &[]);
        let names = Names::new(&glossary);
        let lang = Lang::parse("en").unwrap();
        let side = Side {
            lang: &lang,
            rules: &rules,
        };
        Fingerprint::of(text, &side, &names)
            .entities
            .into_iter()
            .map(|(id, (_, span))| (id, span.start, span.end))
            .collect()
    }

    #[test]
    fn derived_forms_are_found_at_word_starts_in_any_case() {
        let rules = r#""place/russia" = ["russ"], "place/ukraine" = ["ukrain"]"#;
        assert_eq!(
            derived(rules, "the RUSSIAN and Ukrainian, unrussian"),
            [
                ("place/russia".to_owned(), 4, 11),
                ("place/ukraine".to_owned(), 16, 25)
            ]
        );
    }

    #[test]
    fn an_empty_derived_form_names_its_entity_where_another_form_could_start() {
        // As `starts_with("")`: at every word start whose first letter begins a derived form.
        let rules = r#""place/a" = ["", "ab"], "place/x" = ["xy"]"#;
        assert_eq!(derived(rules, "zz qq"), []);
        assert_eq!(derived(rules, "zz acme"), [("place/a".to_owned(), 3, 7)]);
        assert_eq!(derived(rules, "xz"), [("place/a".to_owned(), 0, 2)]);
    }
}
