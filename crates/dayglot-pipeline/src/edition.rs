//! A day's editions: the translation of every language applied to the source, names
//! normalised to the glossary's forms and every mention recorded.

use std::collections::BTreeMap;

use dayglot_core::{Diagnostic, Lang, Report, SegmentId, Span};
use dayglot_glossary::Matcher;
use dayglot_project::{LoadedDay, Project, TextFile};
use dayglot_render::{Day, Edition, FallbackReason, Mention, SegmentStatus};
use dayglot_translate::{Parsed, SegmentState, Translation, apply, parse_po};

use crate::Error;

/// How a segment's translation state is shown on a page.
pub fn status_of(state: &SegmentState) -> SegmentStatus {
    match state {
        SegmentState::Translated => SegmentStatus::Translated,
        // A fuzzy entry is a draft: like msgfmt, publish the source (visibly) until it is reviewed.
        SegmentState::NeedsReview => SegmentStatus::Fallback(FallbackReason::NeedsReview),
        SegmentState::Missing => SegmentStatus::Fallback(FallbackReason::Missing),
        SegmentState::Stale { .. } => SegmentStatus::Fallback(FallbackReason::Stale),
        SegmentState::Empty => SegmentStatus::Fallback(FallbackReason::Empty),
    }
}

/// One language's catalog of a day, read, parsed and applied once, for the edition and for
/// the checks (parsing and applying every catalog twice was a tenth of a cold publish).
#[derive(Debug, Clone)]
pub struct DayCatalog {
    /// The file as read.
    pub file: TextFile,
    /// What parsing found.
    pub parsed: Parsed,
    /// The catalog applied to the day's source.
    pub translation: Translation,
}

/// The catalogs of `day` in `langs` (a language without a file has no entry).
pub fn read_catalogs<'a>(
    project: &Project,
    day: &LoadedDay,
    langs: impl IntoIterator<Item = &'a Lang>,
) -> Result<BTreeMap<Lang, DayCatalog>, Error> {
    let mut out = BTreeMap::new();
    for lang in langs {
        let Some(file) = project.catalog(day.id, lang)? else {
            continue;
        };
        let parsed = parse_po(&file.text);
        let translation = apply(&day.ingested.document, &parsed.catalog, lang.clone());
        out.insert(
            lang.clone(),
            DayCatalog {
                file,
                parsed,
                translation,
            },
        );
    }
    Ok(out)
}

/// A language's translation of a day, from its catalog: `None` when the day has no catalog for
/// the language. Problems of the file are added to `report` (with the file).
pub fn read_translation(
    catalog: Option<&DayCatalog>,
    lang: &Lang,
    report: &mut Report,
) -> Option<Translation> {
    let catalog = catalog?;
    let found = catalog
        .parsed
        .diagnostics
        .iter()
        .chain(&catalog.translation.findings)
        .map(|d| d.clone().for_lang(lang));
    report.extend_in(&catalog.file.path, &catalog.file.text, found);
    Some(catalog.translation.clone())
}

/// The edition of `lang`: the day's catalog applied to the source, or the source text
/// throughout (reported once) when there is no catalog.
pub fn translated_edition(
    project: &Project,
    day: &LoadedDay,
    lang: &Lang,
    catalog: Option<&DayCatalog>,
    report: &mut Report,
) -> Result<Edition, Error> {
    let source = &day.ingested.document;
    let Some(translation) = read_translation(catalog, lang, report) else {
        report.push(
            Diagnostic::warning(
                "publish::no-translation",
                Span::default(),
                format!(
                    "{} has no {lang} translation ({}): every segment is shown in {}",
                    day.id,
                    project.catalog_path(day.id, lang),
                    day.meta.source_lang
                ),
            )
            .with_help(format!(
                "run `dayglot status {} --lang {lang} --update`, then translate it",
                day.id
            ))
            .for_lang(lang),
        );
        let mut document = source.clone();
        document.lang = lang.clone();
        let status = source
            .segments()
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    SegmentStatus::Fallback(FallbackReason::NoTranslationFile),
                )
            })
            .collect();
        return Ok(Edition {
            lang: lang.clone(),
            document,
            status,
            mentions: BTreeMap::new(),
        });
    };
    let status: BTreeMap<SegmentId, SegmentStatus> = translation
        .states
        .iter()
        .map(|(id, state)| (id.clone(), status_of(state)))
        .collect();
    // A draft is not published: its segment shows the source text, as any fallback does.
    let drafts: BTreeMap<&SegmentId, &dayglot_core::Segment> = source
        .segments()
        .into_iter()
        .filter(|s| {
            matches!(
                translation.states.get(&s.id),
                Some(SegmentState::NeedsReview)
            )
        })
        .map(|s| (&s.id, s))
        .collect();
    let mut document = translation.document;
    if !drafts.is_empty() {
        document.for_each_segment_mut(|seg| {
            if let Some(original) = drafts.get(&seg.id) {
                *seg = (*original).clone();
            }
        });
    }
    Ok(Edition {
        lang: lang.clone(),
        document,
        status,
        mentions: BTreeMap::new(),
    })
}

/// Normalises accepted name variants to the glossary's forms (each change reported as a note)
/// and records every entity mention, segment by segment, in the language the text is in (a
/// segment that falls back is in the source language).
pub fn apply_glossary(
    matcher: &Matcher<'_>,
    edition: &mut Edition,
    day: &LoadedDay,
    report: &mut Report,
) {
    let lang = edition.lang.clone();
    let status = edition.status.clone();
    let source_lang = &day.meta.source_lang;
    let mut mentions: BTreeMap<SegmentId, Vec<Mention>> = BTreeMap::new();
    edition.document.for_each_segment_mut(|seg| {
        let text_lang = match status.get(&seg.id) {
            Some(SegmentStatus::Fallback(_)) => source_lang,
            _ => &lang,
        };
        let (_, changes) = matcher.normalize(&seg.text, text_lang);
        for change in &changes {
            report.push(
                Diagnostic::note(
                    "publish::normalized",
                    change.span,
                    format!(
                        "{} {lang} `{}`: `{}` → `{}` ({})",
                        day.id, seg.id, change.from, change.to, change.entity
                    ),
                )
                .for_lang(&lang),
            );
        }
        // Back to front, so that the spans of earlier changes stay valid.
        for change in changes.iter().rev() {
            seg.replace(change.span, &change.to);
        }
        let found: Vec<Mention> = matcher
            .find(&seg.text, text_lang)
            .into_iter()
            .map(|m| Mention {
                entity: m.entity,
                span: m.span,
            })
            .collect();
        if !found.is_empty() {
            mentions.insert(seg.id.clone(), found);
        }
    });
    edition.mentions = mentions;
}

/// Every edition of a loaded day, in the order of `languages` (the source's is the document as
/// ingested), names normalised and mentions recorded when there is a glossary.
pub fn build_day(
    project: &Project,
    day: &LoadedDay,
    languages: &[Lang],
    derived: &BTreeMap<Lang, crate::derive::Derived>,
    catalogs: &BTreeMap<Lang, DayCatalog>,
    matcher: Option<&Matcher<'_>>,
    report: &mut Report,
) -> Result<Day, Error> {
    let mut editions: Vec<Edition> = Vec::new();
    // Base languages first, so that a derived edition can be made from its base's.
    let (made, based): (Vec<&Lang>, Vec<&Lang>) =
        languages.iter().partition(|l| !derived.contains_key(*l));
    for lang in made.into_iter().chain(based) {
        let edition = match derived.get(lang) {
            Some(d) => {
                let Some(base) = editions.iter().find(|e| e.lang == d.from) else {
                    return Err(Error::Refused(format!(
                        "{lang} is derived from {}, which is not a language of the project",
                        d.from
                    )));
                };
                Edition {
                    lang: lang.clone(),
                    document: d.document(&base.document),
                    status: base.status.clone(),
                    mentions: BTreeMap::new(),
                }
            }
            None if *lang == day.meta.source_lang => Edition::source(day.ingested.document.clone()),
            None => translated_edition(project, day, lang, catalogs.get(lang), report)?,
        };
        editions.push(edition);
    }
    if let Some(matcher) = matcher {
        for edition in &mut editions {
            apply_glossary(matcher, edition, day, report);
        }
    }
    // Back in the order of `languages`.
    editions.sort_by_key(|e| languages.iter().position(|l| *l == e.lang));
    Ok(Day {
        id: day.id,
        date: day.meta.date,
        source_lang: day.meta.source_lang.clone(),
        outlet: day.meta.outlet.clone(),
        editions,
    })
}
