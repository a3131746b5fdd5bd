//! Cross-language consistency checks: every language of a day says the same thing.
//!
//! [`check`] takes plain data — the source [`Document`], each language's [`Translation`]
//! (translated document, segment states, accepted findings), the [`Glossary`], each language's
//! [`LangRules`] (`locales/<lang>/check.toml`: how it writes numbers, dates and quotations) and
//! the Fluent files — and returns every [`Finding`], in a deterministic order. It does no I/O.
//!
//! Each finding has a stable code:
//!
//! | code | severity | what |
//! |---|---|---|
//! | `check::structure` | error | a segment has no translation, the file has a segment the source does not, or a translation holds another segment's content (merged or moved) |
//! | `check::untranslated` | error | the translation is empty or the source text unchanged |
//! | `check::stale` | error | the translation was made from another source text |
//! | `check::needs-review` | warning | the translation is flagged fuzzy |
//! | `check::number-mismatch` | error | a number differs by value (`1,900` = `1 900` = `1.900`; `-32C` = `−32 °C`) |
//! | `check::spelled-number` | error | a number written in words differs (`two` = `две` = `два` = `zwei`) |
//! | `check::date-mismatch` | error | a date or time differs (`January 6` = `6 януари` = `6. Januar`; `11:25 a.m.` = `11.25 Uhr`) |
//! | `check::name-missing` | error | an entity of the source is not named in the translation (any form or case) |
//! | `check::term-missing` | error | a glossary term of the source is not in the translation |
//! | `check::name-extra` | warning | the translation names an entity the source does not |
//! | `check::forbidden-variant` | error | a forbidden variant of a name |
//! | `check::wrong-script` | error | a word in the other script (Latin in bg/uk, Cyrillic in de) that is no glossary name, link or handle |
//! | `check::foreign-form` | warning | another language's form of a name, in the right script |
//! | `check::quote-count` | warning | a different number of quotations |
//! | `check::quote-marks` | warning | a quotation mark the language does not use |
//! | `check::link-changed`, `check::handle-changed` | error | a link, `@handle` or `#hashtag` not kept verbatim |
//! | `check::fluent-missing-message`, `check::fluent-obsolete-message` | error, warning | a Fluent message or term missing in a language, or not in the source's file |
//! | `check::fluent-variable`, `check::fluent-term` | error | a message uses other `$variables` or `-term`s than the source's |
//! | `check::fluent-plural-categories` | warning | a plural select misses a CLDR category of the language (the default variant is shown instead), or has one the language never selects |
//! | `check::fluent-syntax`, `check::fluent-missing-file` | error | a Fluent file that does not parse, or is missing |
//! | `check::accept-without-reason`, `check::unused-acceptance` | warning | a `# dayglot-accept:` line with no reason, or that matches no finding |
//!
//! A finding for which the translator wrote `# dayglot-accept: <code> <reason>` on the segment's
//! entry is still returned, with [`Finding::accepted`] set: acceptances are shown, never hidden.
//!
//! ```
//! use dayglot_check::{LangRules, facts};
//! let en = LangRules::parse("en/check.toml", include_str!("../../../locales/en/check.toml")).unwrap();
//! let de = LangRules::parse("de/check.toml", include_str!("../../../locales/de/check.toml")).unwrap();
//! let keys = |text, rules| facts(text, rules).into_iter().map(|f| f.key).collect::<Vec<_>>();
//! assert_eq!(keys("about 1,900 km at 11:25 a.m. on January 6", &en), ["1900", "11:25", "01-06"]);
//! assert_eq!(keys("etwa 1.900 km um 11.25 Uhr am 6. Januar", &de), ["1900", "11:25", "01-06"]);
//! assert_eq!(keys("um das Fünfeinhalbfache", &de), ["5.5"]);
//! ```
//!
//! [`Document`]: dayglot_core::Document
//! [`Translation`]: dayglot_translate::Translation
//! [`Glossary`]: dayglot_glossary::Glossary

mod facts;
mod fluent;
mod report;
mod rules;
mod segment;

use std::collections::{BTreeMap, BTreeSet};

use dayglot_core::{Document, Lang, SegmentId, Severity, Span};
use dayglot_glossary::Glossary;
use dayglot_translate::{SegmentState, Translation};

pub use facts::{Fact, FactKind, facts};
pub use fluent::FluentFile;
pub use report::{Highlight, highlights, report_html};
pub use rules::{LangRules, RulesError, Script};

use segment::{Fingerprint, Raw, Side};

/// Everything [`check`] looks at.
#[derive(Debug, Clone, Copy)]
pub struct CheckInput<'a> {
    /// The source document.
    pub source: &'a Document,
    /// The translations, one per language.
    pub languages: &'a [LangInput<'a>],
    /// The project's glossary.
    pub glossary: &'a Glossary,
    /// How each language (the source's too) writes numbers, dates and quotations.
    pub rules: &'a BTreeMap<Lang, LangRules>,
    /// The Fluent files of every language (the source's too).
    pub fluent: &'a [FluentFile],
    /// The project's layout, to name files in findings.
    pub paths: &'a dyn dayglot_core::Paths,
}

/// One language's translation of the day.
#[derive(Debug, Clone, Copy)]
pub struct LangInput<'a> {
    /// The translation: document, states, acceptances.
    pub translation: &'a Translation,
    /// Entries of the translation file whose id is no segment of the source: (id, translation).
    pub unknown: &'a [(String, String)],
}

/// Where a finding is: a segment of the day, or a message of a Fluent file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// A segment of the day (`s2.p1.1`).
    Segment(SegmentId),
    /// A message or `-term` of a Fluent file.
    Fluent {
        /// The target language's file (`locales/bg/chrome.ftl`).
        path: String,
        /// The message id (empty for a whole-file finding).
        id: String,
    },
}

impl Location {
    /// The segment id, or the Fluent message id.
    pub fn id(&self) -> &str {
        match self {
            Self::Segment(s) => s.as_str(),
            Self::Fluent { id, .. } => id,
        }
    }
}

/// One inconsistency between a language and the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable code (`check::number-mismatch`).
    pub code: &'static str,
    /// How bad it is (an accepted finding keeps its severity, but fails nothing).
    pub severity: Severity,
    /// The translation's language (the source language for problems of the source's files).
    pub lang: Lang,
    /// Where.
    pub location: Location,
    /// What differs.
    pub message: String,
    /// The source text (for Fluent findings, `path:id` of the source message).
    pub source: String,
    /// The translation's text (for Fluent findings, `path:id` of the message).
    pub target: String,
    /// The differing part of the source text.
    pub source_span: Option<Span>,
    /// The differing part of the translation's text (for Fluent findings, of the file).
    pub target_span: Option<Span>,
    /// The translator's reason, when the finding is accepted for this segment.
    pub accepted: Option<String>,
}

impl Finding {
    /// Whether the finding fails a run: not accepted, and an error (or a warning in strict mode).
    pub fn fails(&self, strict: bool) -> bool {
        self.accepted.is_none()
            && match self.severity {
                Severity::Error => true,
                Severity::Warning => strict,
                Severity::Note => false,
            }
    }
}

/// Checks every language against the source; see the crate documentation for the codes.
///
/// Findings come per language in the order of the input, segment by segment in reading order,
/// then the Fluent findings. To check many days with one glossary, build a [`Checker`] once.
pub fn check(input: &CheckInput<'_>) -> Vec<Finding> {
    Checker::new(input.glossary).check(input)
}

/// The glossary's matcher, built once, for checking many days.
pub struct Checker<'g> {
    matcher: dayglot_glossary::Matcher<'g>,
}

impl std::fmt::Debug for Checker<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker")
            .field("patterns", &self.matcher.pattern_count())
            .finish()
    }
}

impl<'g> Checker<'g> {
    /// Builds the glossary's matcher.
    pub fn new(glossary: &'g Glossary) -> Self {
        Self {
            matcher: glossary.matcher(),
        }
    }

    /// [`check`] with this checker's glossary (`input.glossary` is not used).
    pub fn check(&self, input: &CheckInput<'_>) -> Vec<Finding> {
        check_with(&self.matcher, input)
    }
}

fn check_with(matcher: &dayglot_glossary::Matcher<'_>, input: &CheckInput<'_>) -> Vec<Finding> {
    let source_lang = &input.source.lang;
    let mut out = Vec::new();
    let segments = input.source.segments();
    let src_rules = input.rules.get(source_lang);
    let src_prints: Vec<Fingerprint> = match src_rules {
        Some(rules) => {
            let side = Side {
                lang: source_lang,
                rules,
            };
            segments
                .iter()
                .map(|s| Fingerprint::of(&s.text, &side, matcher))
                .collect()
        }
        None => Vec::new(),
    };
    for lang_input in input.languages {
        let t = lang_input.translation;
        let lang = &t.document.lang;
        let targets: BTreeMap<&SegmentId, &str> = t
            .document
            .segments()
            .into_iter()
            .map(|s| (&s.id, s.text.as_str()))
            .collect();
        let rules = input.rules.get(lang);
        let mut lang_findings: Vec<Finding> = Vec::new();
        let finding = |code,
                       severity,
                       id: &SegmentId,
                       message: String,
                       source: &str,
                       target: &str,
                       spans: (Option<Span>, Option<Span>)| Finding {
            code,
            severity,
            lang: lang.clone(),
            location: Location::Segment(id.clone()),
            message,
            source: source.to_owned(),
            target: target.to_owned(),
            source_span: spans.0,
            target_span: spans.1,
            accepted: None,
        };
        if rules.is_none() || src_rules.is_none() {
            let which = if src_rules.is_none() {
                source_lang
            } else {
                lang
            };
            lang_findings.push(Finding {
                code: "check::no-rules",
                severity: Severity::Error,
                lang: lang.clone(),
                location: Location::Fluent { path: input.paths.check_rules(which), id: String::new() },
                message: format!("{} is missing: numbers, dates and quotations of {lang} are not checked", input.paths.check_rules(which)),
                source: String::new(),
                target: String::new(),
                source_span: None,
                target_span: None,
                accepted: None,
            });
        }
        // Target fingerprints of translated segments, for merged/moved detection.
        let mut tgt_prints: BTreeMap<&SegmentId, Fingerprint> = BTreeMap::new();
        let mut missing_ids: BTreeSet<&SegmentId> = BTreeSet::new();
        for (k, seg) in segments.iter().enumerate() {
            let id = &seg.id;
            let target = targets.get(id).copied().unwrap_or("");
            let state = t.state(id);
            match state {
                SegmentState::Missing => {
                    missing_ids.insert(id);
                    lang_findings.push(finding(
                        "check::structure",
                        Severity::Error,
                        id,
                        format!("`{id}` has no translation in {lang}"),
                        &seg.text,
                        "",
                        (None, None),
                    ));
                    continue;
                }
                SegmentState::Empty => {
                    missing_ids.insert(id);
                    lang_findings.push(finding(
                        "check::untranslated",
                        Severity::Error,
                        id,
                        format!("`{id}` is not translated (empty msgstr)"),
                        &seg.text,
                        "",
                        (None, None),
                    ));
                    continue;
                }
                SegmentState::Stale { old_source, .. } => {
                    lang_findings.push(finding(
                        "check::stale",
                        Severity::Error,
                        id,
                        format!("`{id}` was translated from another source text: {old_source:?}"),
                        &seg.text,
                        target,
                        (None, None),
                    ));
                    continue;
                }
                SegmentState::NeedsReview => lang_findings.push(finding(
                    "check::needs-review",
                    Severity::Warning,
                    id,
                    format!("the translation of `{id}` is flagged fuzzy"),
                    &seg.text,
                    target,
                    (None, None),
                )),
                SegmentState::Translated => {}
            }
            if target == seg.text && segment::is_translatable(&seg.text) {
                lang_findings.push(finding(
                    "check::untranslated",
                    Severity::Error,
                    id,
                    format!("`{id}` is the source text, not translated"),
                    &seg.text,
                    target,
                    (None, None),
                ));
                continue;
            }
            let (Some(rules), Some(src_rules)) = (rules, src_rules) else {
                continue;
            };
            let side = Side { lang, rules };
            // A post kept in the original language beside its translation: check the translation.
            let own = segment::without_copy(target, &seg.text);
            let mut raws: Vec<Raw> = Vec::new();
            let src_print = &src_prints[k];
            let tgt_print = Fingerprint::of(&own, &side, matcher);
            segment::compare_facts(
                &seg.text,
                &src_print.facts,
                target,
                &tgt_print.facts,
                &mut raws,
            );
            segment::compare_names(src_print, &tgt_print, &side, matcher, &mut raws);
            segment::wrong_script(&own, &side, &tgt_print.mentions, &mut raws);
            segment::compare_verbatim(&seg.text, target, &mut raws);
            segment::compare_quotes(&seg.text, src_rules, &own, &side, &mut raws);
            for r in raws {
                lang_findings.push(finding(
                    r.code,
                    r.severity,
                    id,
                    r.message,
                    &seg.text,
                    target,
                    (r.source_span, r.target_span),
                ));
            }
            tgt_prints.insert(id, tgt_print);
        }
        // Merged and moved segments: a translation whose numbers and names are those of another
        // source segment (or of its own and the next one's, when the next one is missing).
        if !src_prints.is_empty() {
            let index: BTreeMap<&SegmentId, usize> = segments
                .iter()
                .enumerate()
                .map(|(k, s)| (&s.id, k))
                .collect();
            for (id, print) in &tgt_prints {
                let Some(&k) = index.get(id) else { continue };
                let own = &src_prints[k];
                if print.key() == own.key() || print.is_empty() {
                    continue;
                }
                if let Some(next) = segments.get(k + 1)
                    && missing_ids.contains(&next.id)
                {
                    let mut both = own.clone();
                    both.facts.extend(src_prints[k + 1].facts.iter().cloned());
                    both.entities.extend(src_prints[k + 1].entities.clone());
                    if print.key() == both.key() {
                        lang_findings.push(finding(
                            "check::structure",
                            Severity::Error,
                            id,
                            format!("the translation of `{id}` also holds `{}` (two sentences merged into one segment)", next.id),
                            &segments[k].text,
                            targets.get(id).copied().unwrap_or(""),
                            (None, None),
                        ));
                        continue;
                    }
                }
                // Moved: the translation shares little with its own source segment and matches
                // another one, which has at least two things to compare.
                let (own_f, own_e) = own.key();
                let (t_f, t_e) = print.key();
                let shared = own_f.iter().filter(|f| t_f.contains(f)).count()
                    + own_e.iter().filter(|e| t_e.contains(e)).count();
                let own_n = own_f.len() + own_e.len();
                let distinct = shared * 2 < own_n || own_n == 0;
                if distinct
                    && let Some(j) = src_prints.iter().position(|p| {
                        p.facts.len() + p.entities.len() >= 2 && p.key() == print.key()
                    })
                {
                    lang_findings.push(finding(
                        "check::structure",
                        Severity::Error,
                        id,
                        format!("the translation of `{id}` says what `{}` says (moved to the wrong place?)", segments[j].id),
                        &segments[k].text,
                        targets.get(id).copied().unwrap_or(""),
                        (None, None),
                    ));
                }
            }
        }
        for (id, text) in lang_input.unknown {
            let hint = match (rules, src_rules) {
                (Some(rules), Some(_)) => {
                    let print = Fingerprint::of(text, &Side { lang, rules }, matcher);
                    src_prints
                        .iter()
                        .position(|p| !p.is_empty() && p.key() == print.key())
                        .map(|j| format!(" (it says what `{}` says: moved?)", segments[j].id))
                        .unwrap_or_default()
                }
                _ => String::new(),
            };
            lang_findings.push(Finding {
                code: "check::structure",
                severity: Severity::Error,
                lang: lang.clone(),
                location: Location::Segment(SegmentId::parse(id).unwrap_or_else(SegmentId::title)),
                message: format!("the {lang} translation has a segment `{id}` that the source does not have{hint}"),
                source: String::new(),
                target: text.clone(),
                source_span: None,
                target_span: None,
                accepted: None,
            });
        }
        apply_acceptances(t, &segments, &mut lang_findings);
        out.extend(lang_findings);
    }
    out.extend(check_fluent_files(input));
    out
}

/// Marks accepted findings, and reports acceptances without a reason or without a finding.
fn apply_acceptances(
    t: &Translation,
    segments: &[&dayglot_core::Segment],
    findings: &mut Vec<Finding>,
) {
    let lang = &t.document.lang;
    for (id, accepted) in &t.acceptances {
        for a in accepted {
            let mut used = false;
            for f in findings.iter_mut() {
                if f.location == Location::Segment(id.clone()) && f.code == a.code {
                    f.accepted = Some(a.reason.clone());
                    used = true;
                }
            }
            let text = segments
                .iter()
                .find(|s| &s.id == id)
                .map(|s| s.text.clone())
                .unwrap_or_default();
            let extra = |code, message: String| Finding {
                code,
                severity: Severity::Warning,
                lang: lang.clone(),
                location: Location::Segment(id.clone()),
                message,
                source: text.clone(),
                target: String::new(),
                source_span: None,
                target_span: None,
                accepted: None,
            };
            if a.reason.is_empty() {
                findings.push(extra(
                    "check::accept-without-reason",
                    format!("`dayglot-accept: {}` gives no reason", a.code),
                ));
            }
            if !used {
                findings.push(extra(
                    "check::unused-acceptance",
                    format!(
                        "`dayglot-accept: {}` accepts no finding of `{id}`: remove it",
                        a.code
                    ),
                ));
            }
        }
    }
    let order: BTreeMap<&SegmentId, usize> = segments
        .iter()
        .enumerate()
        .map(|(k, s)| (&s.id, k))
        .collect();
    findings.sort_by_key(|f| match &f.location {
        Location::Segment(id) => order.get(id).copied().unwrap_or(usize::MAX),
        Location::Fluent { .. } => usize::MAX,
    });
}

fn check_fluent_files(input: &CheckInput<'_>) -> Vec<Finding> {
    let source = &input.source.lang;
    let mut raws = Vec::new();
    fluent::check_fluent(input.fluent, source, &mut raws);
    let mut out: Vec<Finding> = raws
        .into_iter()
        .map(|(lang, r)| Finding {
            code: r.code,
            severity: r.severity,
            lang,
            location: Location::Fluent {
                path: r.path,
                id: r.id,
            },
            message: r.message,
            source: r.source,
            target: r.target,
            source_span: None,
            target_span: r.span,
            accepted: r.accepted,
        })
        .collect();
    // Files of the source language missing in a language of the day.
    let names: BTreeSet<&str> = input
        .fluent
        .iter()
        .filter(|f| &f.lang == source)
        .map(FluentFile::name)
        .collect();
    for l in input.languages {
        let lang = &l.translation.document.lang;
        for name in &names {
            if !input
                .fluent
                .iter()
                .any(|f| &f.lang == lang && f.name() == *name)
            {
                out.push(Finding {
                    code: "check::fluent-missing-file",
                    severity: Severity::Error,
                    lang: lang.clone(),
                    location: Location::Fluent { path: input.paths.chrome(lang, name), id: String::new() },
                    message: format!("{} is missing: every message of {} falls back", input.paths.chrome(lang, name), input.paths.chrome(source, name)),
                    source: input.paths.chrome(source, name),
                    target: String::new(),
                    source_span: None,
                    target_span: None,
                    accepted: None,
                });
            }
        }
    }
    out
}
