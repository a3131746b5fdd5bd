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
//! | `check::no-rules` | error | a language (or the source) has no `check.toml`: its numbers, dates and quotations are not checked |
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

use segment::{Fingerprint, Side};

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
    /// A finding about a segment of the day, with empty texts, no spans, not accepted.
    pub(crate) fn at_segment(
        code: &'static str,
        severity: Severity,
        lang: &Lang,
        id: &SegmentId,
        message: String,
    ) -> Self {
        Self::at(code, severity, lang, Location::Segment(id.clone()), message)
    }

    /// A finding about a message or term (`id`) of a Fluent file.
    pub(crate) fn at_message(
        code: &'static str,
        severity: Severity,
        file: &FluentFile,
        id: &str,
        message: String,
    ) -> Self {
        let location = Location::Fluent {
            path: file.path.clone(),
            id: id.to_owned(),
        };
        Self::at(code, severity, &file.lang, location, message)
    }

    /// A finding about a whole file (`check.toml`, a Fluent file); filed as a Fluent location
    /// with an empty message id.
    pub(crate) fn about_file(
        code: &'static str,
        severity: Severity,
        lang: &Lang,
        path: String,
        message: String,
    ) -> Self {
        let location = Location::Fluent {
            path,
            id: String::new(),
        };
        Self::at(code, severity, lang, location, message)
    }

    fn at(
        code: &'static str,
        severity: Severity,
        lang: &Lang,
        location: Location,
        message: String,
    ) -> Self {
        Self {
            code,
            severity,
            lang: lang.clone(),
            location,
            message,
            source: String::new(),
            target: String::new(),
            source_span: None,
            target_span: None,
            accepted: None,
        }
    }

    /// The same finding with the source's and the translation's texts.
    pub(crate) fn with_texts(
        mut self,
        source: impl Into<String>,
        target: impl Into<String>,
    ) -> Self {
        self.source = source.into();
        self.target = target.into();
        self
    }

    /// The same finding with the differing parts of the texts.
    pub(crate) fn with_spans(mut self, source: Option<Span>, target: Option<Span>) -> Self {
        self.source_span = source;
        self.target_span = target;
        self
    }

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
    names: segment::Names<'g>,
}

impl std::fmt::Debug for Checker<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker")
            .field("patterns", &self.names.matcher.pattern_count())
            .finish()
    }
}

impl<'g> Checker<'g> {
    /// Builds the glossary's matcher (and a table of its entities' kinds).
    pub fn new(glossary: &'g Glossary) -> Self {
        Self {
            names: segment::Names::new(glossary),
        }
    }

    /// [`check`] with this checker's glossary (`input.glossary` is not used).
    pub fn check(&self, input: &CheckInput<'_>) -> Vec<Finding> {
        check_with(&self.names, input)
    }
}

fn check_with(names: &segment::Names<'_>, input: &CheckInput<'_>) -> Vec<Finding> {
    let source = Source::new(input, names);
    let mut out = Vec::new();
    for lang_input in input.languages {
        out.extend(check_language(&source, lang_input));
    }
    out.extend(check_fluent_files(input));
    out
}

/// What every language is compared with: the source's segments and their fingerprints.
struct Source<'a> {
    input: &'a CheckInput<'a>,
    names: &'a segment::Names<'a>,
    /// The source's segments in reading order.
    segments: Vec<&'a dayglot_core::Segment>,
    /// The source language's rules.
    rules: Option<&'a LangRules>,
    /// The fingerprint of each segment (empty without the source language's rules).
    prints: Vec<Fingerprint>,
    /// No two segments have the same id (as every ingested document): segments are then
    /// found by position rather than looked up by id.
    unique_ids: bool,
}

impl<'a> Source<'a> {
    fn new(input: &'a CheckInput<'a>, names: &'a segment::Names<'a>) -> Self {
        let lang = &input.source.lang;
        let segments = input.source.segments();
        let rules = input.rules.get(lang);
        let prints = match rules {
            Some(rules) => {
                let side = Side { lang, rules };
                segments
                    .iter()
                    .map(|s| Fingerprint::of(&s.text, &side, names))
                    .collect()
            }
            None => Vec::new(),
        };
        let mut ids: std::collections::HashSet<&str, rules::Fnv> =
            std::collections::HashSet::with_capacity_and_hasher(segments.len(), rules::Fnv);
        let unique_ids = segments.iter().all(|s| ids.insert(s.id.as_str()));
        Self {
            input,
            names,
            segments,
            rules,
            prints,
            unique_ids,
        }
    }

    /// The fingerprint of `text` in a language, when both it and the source have rules.
    fn print(&self, text: &str, side: Option<&Side<'_>>) -> Option<Fingerprint> {
        self.rules?;
        side.map(|side| Fingerprint::of(text, side, self.names))
    }
}

/// One language's translation, as the checks read it.
struct Target<'a> {
    lang: &'a Lang,
    translation: &'a Translation,
    /// Each translated segment's text.
    texts: Texts<'a>,
    /// The language's rules.
    rules: Option<&'a LangRules>,
}

/// The texts of a translation's segments.
enum Texts<'a> {
    /// By position: the translation has the source's segments, in order, with unique ids.
    Aligned(Vec<&'a str>),
    /// By id.
    ById(BTreeMap<&'a SegmentId, &'a str>),
}

impl<'a> Texts<'a> {
    fn new(source: &Source<'_>, translation: &'a Translation) -> Self {
        let segments = translation.document.segments();
        let aligned = source.unique_ids
            && segments.len() == source.segments.len()
            && segments
                .iter()
                .zip(&source.segments)
                .all(|(t, s)| t.id == s.id);
        if aligned {
            Self::Aligned(segments.iter().map(|s| s.text.as_str()).collect())
        } else {
            Self::ById(segments.iter().map(|s| (&s.id, s.text.as_str())).collect())
        }
    }
}

impl Target<'_> {
    /// The text of the translation of source segment `k`, whose id is `id`.
    fn text(&self, k: usize, id: &SegmentId) -> &str {
        match &self.texts {
            Texts::Aligned(texts) => texts.get(k).copied(),
            Texts::ById(texts) => texts.get(id).copied(),
        }
        .unwrap_or("")
    }

    fn side(&self) -> Option<Side<'_>> {
        self.rules.map(|rules| Side {
            lang: self.lang,
            rules,
        })
    }
}

/// The findings of one language, in reading order, acceptances applied.
fn check_language(source: &Source<'_>, lang_input: &LangInput<'_>) -> Vec<Finding> {
    let t = lang_input.translation;
    let lang = &t.document.lang;
    let target = Target {
        lang,
        translation: t,
        texts: Texts::new(source, t),
        rules: source.input.rules.get(lang),
    };
    let mut findings: Vec<Finding> = no_rules(source, &target).into_iter().collect();
    // Target fingerprints of translated segments, for merged/moved detection, and the
    // segments without a translation, by source segment.
    let n = source.segments.len();
    let mut prints: Vec<Option<Fingerprint>> = Vec::with_capacity(n);
    let mut missing: Vec<bool> = vec![false; n];
    for (k, seg) in source.segments.iter().enumerate() {
        let mut print = None;
        match state_findings(k, seg, &target, &mut findings) {
            Compare::No => {}
            Compare::NoneThere => missing[k] = true,
            Compare::Yes => print = content_findings(source, k, &target, &mut findings),
        }
        prints.push(print);
    }
    merged_or_moved(source, &target, &prints, &missing, &mut findings);
    unknown_entries(source, &target, lang_input.unknown, &mut findings);
    apply_acceptances(t, &source.segments, &mut findings);
    findings
}

/// A language (or the source) without `check.toml`: its numbers, dates and quotations are not
/// checked.
fn no_rules(source: &Source<'_>, target: &Target<'_>) -> Option<Finding> {
    if target.rules.is_some() && source.rules.is_some() {
        return None;
    }
    let which = if source.rules.is_none() {
        &source.input.source.lang
    } else {
        target.lang
    };
    let path = source.input.paths.check_rules(which);
    let message = format!(
        "{path} is missing: numbers, dates and quotations of {} are not checked",
        target.lang
    );
    Some(Finding::about_file(
        "check::no-rules",
        Severity::Error,
        target.lang,
        path,
        message,
    ))
}

/// Whether a segment's content is compared after its state is checked.
enum Compare {
    /// Yes: it is translated (perhaps flagged fuzzy).
    Yes,
    /// No: it is stale.
    No,
    /// No: it has no translation (missing or empty), which the merged-segment check looks for.
    NoneThere,
}

/// The finding of a segment's state (missing, empty, stale, fuzzy), and whether its content
/// is compared.
fn state_findings(
    k: usize,
    seg: &dayglot_core::Segment,
    target: &Target<'_>,
    findings: &mut Vec<Finding>,
) -> Compare {
    let id = &seg.id;
    let lang = target.lang;
    let text = target.text(k, id);
    let (code, severity, message, text, compare) = match target.translation.state(id) {
        SegmentState::Missing => (
            "check::structure",
            Severity::Error,
            format!("`{id}` has no translation in {lang}"),
            "",
            Compare::NoneThere,
        ),
        SegmentState::Empty => (
            "check::untranslated",
            Severity::Error,
            format!("`{id}` is not translated (empty msgstr)"),
            "",
            Compare::NoneThere,
        ),
        SegmentState::Stale { old_source, .. } => (
            "check::stale",
            Severity::Error,
            format!("`{id}` was translated from another source text: {old_source:?}"),
            text,
            Compare::No,
        ),
        SegmentState::NeedsReview => (
            "check::needs-review",
            Severity::Warning,
            format!("the translation of `{id}` is flagged fuzzy"),
            text,
            Compare::Yes,
        ),
        SegmentState::Translated => return Compare::Yes,
    };
    findings
        .push(Finding::at_segment(code, severity, lang, id, message).with_texts(&seg.text, text));
    compare
}

/// The findings of a translated segment's content against the source segment `k`; its
/// fingerprint, when both languages have rules and it is no copy of the source.
fn content_findings(
    source: &Source<'_>,
    k: usize,
    target: &Target<'_>,
    findings: &mut Vec<Finding>,
) -> Option<Fingerprint> {
    let seg = source.segments[k];
    let (id, lang) = (&seg.id, target.lang);
    let text = target.text(k, id);
    let finding = |code, severity, message| {
        Finding::at_segment(code, severity, lang, id, message).with_texts(&seg.text, text)
    };
    if text == seg.text && segment::is_translatable(&seg.text) {
        let message = format!("`{id}` is the source text, not translated");
        findings.push(finding("check::untranslated", Severity::Error, message));
        return None;
    }
    let (Some(_), Some(side)) = (source.rules, target.side()) else {
        return None;
    };
    let (raws, print) = segment::compare((&seg.text, &source.prints[k]), text, &side, source.names);
    findings.extend(
        raws.into_iter().map(|r| {
            finding(r.code, r.severity, r.message).with_spans(r.source_span, r.target_span)
        }),
    );
    Some(print)
}

/// Merged and moved segments: a translation whose numbers and names are those of another
/// source segment (or of its own and the next one's, when the next one is missing). `prints`
/// and `missing` are by source segment.
fn merged_or_moved(
    source: &Source<'_>,
    target: &Target<'_>,
    prints: &[Option<Fingerprint>],
    missing: &[bool],
    findings: &mut Vec<Finding>,
) {
    if source.prints.is_empty() {
        return;
    }
    let segments = &source.segments;
    // Each translated segment's print (at `p`) with the source segment it is compared with
    // (`k`), and whether a source segment has no translation. Segments are told apart by id:
    // when two share one, the last of them with a print, compared with the last of them.
    let (pairs, missing_ids): (Vec<(usize, usize)>, Option<BTreeSet<&SegmentId>>) =
        if source.unique_ids {
            let pairs = (0..prints.len())
                .filter(|&k| prints[k].is_some())
                .map(|k| (k, k))
                .collect();
            (pairs, None)
        } else {
            let index: BTreeMap<&SegmentId, usize> = segments
                .iter()
                .enumerate()
                .map(|(k, s)| (&s.id, k))
                .collect();
            let by_id: BTreeMap<&SegmentId, usize> = (0..prints.len())
                .filter(|&p| prints[p].is_some())
                .map(|p| (&segments[p].id, p))
                .collect();
            let pairs = by_id
                .iter()
                .filter_map(|(id, &p)| Some((*index.get(id)?, p)))
                .collect();
            let ids = (0..missing.len())
                .filter(|&k| missing[k])
                .map(|k| &segments[k].id)
                .collect();
            (pairs, Some(ids))
        };
    let is_missing = |k: usize| match &missing_ids {
        None => missing.get(k).copied().unwrap_or(false),
        Some(ids) => segments.get(k).is_some_and(|s| ids.contains(&s.id)),
    };
    for (k, p) in pairs {
        let Some(print) = &prints[p] else { continue };
        let id = &segments[k].id;
        let own = &source.prints[k];
        if print.same_key(own) || print.is_empty() {
            continue;
        }
        let next = segments.get(k + 1).filter(|_| is_missing(k + 1));
        let message = if let Some(next) = next
            && print.same_key(&own.with(&source.prints[k + 1]))
        {
            format!(
                "the translation of `{id}` also holds `{}` (two sentences merged into one segment)",
                next.id
            )
        } else if let Some(j) = moved_from(source, own, print) {
            format!(
                "the translation of `{id}` says what `{}` says (moved to the wrong place?)",
                segments[j].id
            )
        } else {
            continue;
        };
        findings.push(
            Finding::at_segment(
                "check::structure",
                Severity::Error,
                target.lang,
                id,
                message,
            )
            .with_texts(&segments[k].text, target.text(k, id)),
        );
    }
}

/// The source segment a translation says what says, when it shares little with its own source
/// segment (`own`) and matches another one, which has at least two things to compare.
fn moved_from(source: &Source<'_>, own: &Fingerprint, print: &Fingerprint) -> Option<usize> {
    let (own_f, own_e) = own.key();
    let (t_f, t_e) = print.key();
    let shared = own_f.iter().filter(|f| t_f.contains(f)).count()
        + own_e.iter().filter(|e| t_e.contains(e)).count();
    let own_n = own_f.len() + own_e.len();
    let distinct = shared * 2 < own_n || own_n == 0;
    if !distinct {
        return None;
    }
    source
        .prints
        .iter()
        .position(|p| p.facts.len() + p.entities.len() >= 2 && p.same_key(print))
}

/// Entries of the translation file whose id is no segment of the source (with a hint when one
/// says what a source segment says).
fn unknown_entries(
    source: &Source<'_>,
    target: &Target<'_>,
    unknown: &[(String, String)],
    findings: &mut Vec<Finding>,
) {
    let lang = target.lang;
    for (id, text) in unknown {
        let hint = source
            .print(text, target.side().as_ref())
            .and_then(|print| {
                source
                    .prints
                    .iter()
                    .position(|p| !p.is_empty() && p.same_key(&print))
            })
            .map(|j| format!(" (it says what `{}` says: moved?)", source.segments[j].id))
            .unwrap_or_default();
        let message = format!(
            "the {lang} translation has a segment `{id}` that the source does not have{hint}"
        );
        // An id that is no segment id at all is filed under the title.
        let at = SegmentId::parse(id).unwrap_or_else(SegmentId::title);
        findings.push(
            Finding::at_segment("check::structure", Severity::Error, lang, &at, message)
                .with_texts("", text.as_str()),
        );
    }
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
            let extra = |code, message: String| {
                Finding::at_segment(code, Severity::Warning, lang, id, message)
                    .with_texts(text.as_str(), "")
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

/// The Fluent findings: every language's files against the source language's, and the
/// source language's files missing in a language of the day.
fn check_fluent_files(input: &CheckInput<'_>) -> Vec<Finding> {
    let source = &input.source.lang;
    let mut out = fluent::check_fluent(input.fluent, source);
    let names: BTreeSet<&str> = input
        .fluent
        .iter()
        .filter(|f| &f.lang == source)
        .map(FluentFile::name)
        .collect();
    for l in input.languages {
        let lang = &l.translation.document.lang;
        for name in &names {
            let present = input
                .fluent
                .iter()
                .any(|f| &f.lang == lang && f.name() == *name);
            if present {
                continue;
            }
            let path = input.paths.chrome(lang, name);
            let source_path = input.paths.chrome(source, name);
            let message = format!("{path} is missing: every message of {source_path} falls back");
            out.push(
                Finding::about_file(
                    "check::fluent-missing-file",
                    Severity::Error,
                    lang,
                    path,
                    message,
                )
                .with_texts(source_path, ""),
            );
        }
    }
    out
}
