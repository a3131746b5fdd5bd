//! Names and facts after a draft is made: every draft goes through the consistency checker
//! against its source text; forbidden and foreign name forms, and names an engine
//! transliterated its own way, are repaired to the glossary's form where the case is certain.

use std::collections::{BTreeMap, BTreeSet};

use dayglot_check::{CheckInput, LangInput, Location};
use dayglot_core::{Document, Lang, Segment, SegmentId, Span};
use dayglot_glossary::FormKind;
use dayglot_translate::{Counts, SegmentState, Translation};

use crate::lang::{LangData, Resources};
use crate::text::capitalise;

/// A problem the checker found in a draft, kept with the draft as a comment for the translator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The stable code (`check::number-mismatch`, `draft::unverified`, ...).
    pub code: String,
    /// What is wrong, in words.
    pub message: String,
}

impl Note {
    pub(crate) fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// A draft after the checker: repaired text, what was repaired, what is left for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reviewed {
    pub(crate) text: String,
    pub(crate) repairs: Vec<String>,
    pub(crate) findings: Vec<Note>,
}

/// Codes of the checker that are about the draft's content (not its state).
fn is_content_code(code: &str) -> bool {
    !matches!(
        code,
        "check::needs-review" | "check::stale" | "check::structure" | "check::no-rules"
    )
}

/// File names for the checker's file findings, which drafts never show (only segment findings
/// are kept).
#[derive(Debug)]
struct Unnamed;

impl dayglot_core::Paths for Unnamed {
    fn check_rules(&self, lang: &Lang) -> String {
        format!("{lang}/check.toml")
    }
    fn chrome(&self, lang: &Lang, name: &str) -> String {
        format!("{lang}/{name}")
    }
}

/// The checker's findings for one segment translated as `target`.
pub(crate) fn check_pair(
    res: &Resources<'_>,
    target_lang: &Lang,
    id: &SegmentId,
    source: &str,
    target: &str,
) -> Vec<Note> {
    let doc = |lang: &Lang, text: &str| Document {
        day: None,
        date: None,
        lang: lang.clone(),
        title: Some(Segment::plain(id.clone(), text, Span::default())),
        lead: None,
        headlines: Vec::new(),
        sections: Vec::new(),
        posts: Vec::new(),
    };
    let source_doc = doc(&res.source.lang, source);
    let translation = Translation {
        document: doc(target_lang, target),
        states: BTreeMap::from([(id.clone(), SegmentState::Translated)]),
        acceptances: BTreeMap::new(),
        notes: BTreeMap::new(),
        findings: Vec::new(),
        counts: Counts::default(),
    };
    let languages = [LangInput {
        translation: &translation,
        unknown: &[],
    }];
    let input = CheckInput {
        source: &source_doc,
        languages: &languages,
        glossary: res.glossary,
        rules: &res.rules,
        fluent: &[],
        paths: &Unnamed,
    };
    res.checker
        .check(&input)
        .into_iter()
        .filter(|f| matches!(f.location, Location::Segment(_)) && is_content_code(f.code))
        .map(|f| Note::new(f.code, f.message))
        .collect()
}

/// Findings of `after` that `before` did not have (counted per code): what a substitution
/// or an engine brought in, leaving alone what a translator had accepted.
pub(crate) fn new_findings(before: &[Note], after: Vec<Note>) -> Vec<Note> {
    // The same finding word for word first, then any left of the same code.
    let mut left: Vec<&Note> = before.iter().collect();
    let mut rest = Vec::new();
    for n in after {
        match left.iter().position(|b| **b == n) {
            Some(i) => {
                left.remove(i);
            }
            None => rest.push(n),
        }
    }
    let mut budget: BTreeMap<&str, usize> = BTreeMap::new();
    for n in left {
        *budget.entry(n.code.as_str()).or_default() += 1;
    }
    let mut out = Vec::new();
    for n in rest {
        match budget.get_mut(n.code.as_str()) {
            Some(k) if *k > 0 => *k -= 1,
            _ => out.push(n),
        }
    }
    out
}

/// Repairs name forms in `draft` (a translation of `source` into `tgt`) and checks the result.
pub(crate) fn review(
    res: &Resources<'_>,
    tgt: &LangData,
    id: &SegmentId,
    source: &str,
    draft: &str,
) -> Reviewed {
    let mut repairs = Vec::new();
    let mut findings = Vec::new();
    let text = repair_forms(res, &tgt.lang, draft, &mut repairs, &mut findings);
    let text = repair_missing(res, tgt, source, &text, &mut repairs, &mut findings);
    let mut notes = check_pair(res, &tgt.lang, id, source, &text);
    // What was already reported above is not repeated (counted per code).
    notes = new_findings(&findings, notes);
    findings.extend(notes);
    Reviewed {
        text,
        repairs,
        findings,
    }
}

/// Forbidden variants and other languages' forms: replaced by the glossary's form when the
/// case is certain, else reported.
fn repair_forms(
    res: &Resources<'_>,
    lang: &Lang,
    draft: &str,
    repairs: &mut Vec<String>,
    findings: &mut Vec<Note>,
) -> String {
    let mut out = String::with_capacity(draft.len());
    let mut last = 0;
    for m in res.matcher.find(draft, lang) {
        let certain = match m.form {
            FormKind::Forbidden => true,
            FormKind::Foreign => foreign_case_certain(res, lang, &m.entity, &m.lang, &m.matched),
            _ => continue,
        };
        if m.span.start < last {
            continue;
        }
        let what = if m.form == FormKind::Forbidden {
            "a forbidden variant"
        } else {
            "another language's form"
        };
        if certain && m.normalized != m.matched {
            let replacement = shorter_if_short(res, lang, &m.entity, &m.matched, &m.normalized);
            out.push_str(&draft[last..m.span.start]);
            out.push_str(&replacement);
            last = m.span.end;
            repairs.push(format!(
                "{} → {replacement} ({what} of {})",
                m.matched, m.entity
            ));
        } else {
            findings.push(Note::new(
                if m.form == FormKind::Forbidden {
                    "check::forbidden-variant"
                } else {
                    "check::foreign-form"
                },
                format!(
                    "{} is {what} of {}; the case it needs is not certain (the glossary's form: {})",
                    m.matched, m.entity, m.normalized
                ),
            ));
        }
    }
    out.push_str(&draft[last..]);
    out
}

/// A one-word variant standing for the preferred full form is replaced by the short form, the
/// same case (the nominative) and the same length: `Zelensky` → `Selenskyj`, not the full name.
fn shorter_if_short(
    res: &Resources<'_>,
    lang: &Lang,
    entity: &str,
    matched: &str,
    normalized: &str,
) -> String {
    let forms = res.glossary.entity(entity).and_then(|e| e.forms.get(lang));
    if let Some(f) = forms
        && f.preferred == normalized
        && let Some(short) = &f.short
        && matched.split_whitespace().count() < normalized.split_whitespace().count()
    {
        return short.clone();
    }
    normalized.to_owned()
}

/// Whether the case of a foreign form is known: the target does not decline the entity, or
/// the foreign form is itself a case form (or the nominative of a declining language).
fn foreign_case_certain(
    res: &Resources<'_>,
    target: &Lang,
    entity: &str,
    form_lang: &Lang,
    matched: &str,
) -> bool {
    let Some(e) = res.glossary.entity(entity) else {
        return false;
    };
    let Some(t) = e.forms.get(target) else {
        return false;
    };
    if t.indeclinable || t.cases.is_empty() {
        return true;
    }
    let Some(f) = e.forms.get(form_lang) else {
        return false;
    };
    let declines = !f.cases.is_empty() && !f.indeclinable;
    let is_case = f
        .cases
        .values()
        .any(|c| c.full == matched || c.short.as_deref() == Some(matched));
    let is_nominative = f.preferred == matched || f.short.as_deref() == Some(matched);
    declines && (is_case || is_nominative)
}

/// Words of `text` with their byte spans.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside =
            c.is_alphanumeric() || (matches!(c, '\'' | '’' | 'ʼ' | '-') && start.is_some());
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Entities of the source the draft does not name: looked for as a misspelling or another
/// transliteration of one of the target's forms; replaced when one form is clearly closest.
fn repair_missing(
    res: &Resources<'_>,
    tgt: &LangData,
    source: &str,
    draft: &str,
    repairs: &mut Vec<String>,
    findings: &mut Vec<Note>,
) -> String {
    let lang = &tgt.lang;
    let mut wanted: Vec<String> = Vec::new();
    for m in res.matcher.find(source, &res.source.lang) {
        if !wanted.contains(&m.entity) {
            wanted.push(m.entity);
        }
    }
    let mentions = res.matcher.find(draft, lang);
    let named: BTreeSet<&str> = mentions
        .iter()
        .filter(|m| !matches!(m.form, FormKind::Forbidden | FormKind::Foreign))
        .map(|m| m.entity.as_str())
        .collect();
    let lower = draft.to_lowercase();
    let words = word_spans(draft);
    let taken: Vec<Span> = mentions.iter().map(|m| m.span).collect();
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for entity in wanted {
        if named.contains(entity.as_str()) {
            continue;
        }
        // Adjectives and other derived words count as naming the entity (check.toml [names]).
        if let Some(stems) = tgt.rules.derived.get(&entity)
            && stems.iter().any(|s| lower.contains(s.as_str()))
        {
            continue;
        }
        let Some(forms) = res.glossary.entity(&entity).and_then(|e| e.forms.get(lang)) else {
            continue;
        };
        let mut candidates: Vec<&str> = vec![forms.preferred.as_str()];
        candidates.extend(forms.short.as_deref());
        for c in forms.cases.values() {
            candidates.push(&c.full);
            candidates.extend(c.short.as_deref());
        }
        // The best window of words for each form.
        let mut scored: Vec<(f64, usize, usize, &str)> = Vec::new();
        for form in &candidates {
            let n = form.split_whitespace().count().max(1);
            let form_lower = form.to_lowercase();
            for w in words.windows(n) {
                let (s, e) = (w[0].0, w[n - 1].1);
                if taken.iter().any(|t| t.start < e && s < t.end) {
                    continue;
                }
                let score =
                    strsim::normalized_levenshtein(&draft[s..e].to_lowercase(), &form_lower);
                scored.push((score, s, e, form));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let Some(&(best, s, e, form)) = scored.first() else {
            continue;
        };
        let close: BTreeSet<&str> = scored
            .iter()
            .filter(|x| x.0 >= best - 0.04 && x.1 == s && x.2 == e)
            .map(|x| x.3)
            .collect();
        if (0.7..1.0).contains(&best) && close.len() == 1 {
            let written = &draft[s..e];
            let replacement = if written.chars().next().is_some_and(char::is_uppercase) {
                capitalise(form)
            } else {
                form.to_owned()
            };
            repairs.push(format!(
                "{written} → {replacement} (a misspelt or transliterated form of {entity})"
            ));
            edits.push((s, e, replacement));
        } else {
            let hint = if best >= 0.7 {
                format!(
                    "; {} could be {} (the case is not certain)",
                    &draft[s..e],
                    close.into_iter().collect::<Vec<_>>().join(" or ")
                )
            } else {
                String::new()
            };
            findings.push(Note::new(
                "check::name-missing",
                format!(
                    "{entity} is not named in an accepted form ({}){hint}",
                    forms.preferred
                ),
            ));
        }
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = draft.to_owned();
    let mut floor = usize::MAX;
    for (s, e, r) in edits {
        if e <= floor {
            out.replace_range(s..e, &r);
            floor = s;
        }
    }
    out
}
