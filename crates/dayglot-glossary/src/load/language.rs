//! A language glossary (`locales/<lang>/glossary.toml`): the `[language]` header, then one
//! `[[entity]]` entry per registry entity.

use std::collections::BTreeMap;
use std::ops::Range;

use dayglot_core::Lang;

use super::claims::Claims;
use super::entry::{Context, entry};
use super::registry::Registry;
use super::{Fields, Sink, parse, unknown_case};
use crate::GlossaryFile;
use crate::model::{Kind, Language};

/// Reads and lints one language file, adding its forms to the registry's entities and its texts
/// to `claims`; `None` when its header is unusable or names a language already read.
pub(super) fn language(
    file: &GlossaryFile,
    registry_path: &str,
    registry: &mut Registry,
    languages: &[Language],
    claims: &mut Claims,
    sink: &mut Sink<'_>,
) -> Option<Language> {
    let (root, parsed) = parse(file, sink);
    let top = sink.fields(
        root.get_ref(),
        &["language", "entity"],
        "a language glossary",
    );
    let (language, lang_span) = header(file, &top, languages, sink)?;
    let cx = Context {
        file,
        registry_path,
        language: &language,
    };
    let mut seen: BTreeMap<String, Range<usize>> = BTreeMap::new();
    for (table, span) in sink.tables(&top, "entity") {
        entry(&cx, table, span, registry, &mut seen, claims, sink);
    }
    // Every registry entity needs an entry in every language (unless the file could not be
    // read to its end: then the missing entries are most likely behind the syntax error).
    if parsed {
        missing_entries(&registry.entities, &seen, &language.lang, &lang_span, sink);
    }
    Some(language)
}

/// The `[language]` header: the language with its cases, and the span of its `lang`.
fn header(
    file: &GlossaryFile,
    top: &Fields<'_, '_>,
    languages: &[Language],
    sink: &mut Sink<'_>,
) -> Option<(Language, Range<usize>)> {
    let Some(header) = top.get("language") else {
        sink.error(
            "glossary::missing-field",
            0..0,
            "this glossary has no `[language]` header".into(),
            "header expected",
            &format!(
                "start the file with `[language]` and `lang = \"{}\"` (and the `cases` the language uses)",
                file.lang.as_ref().map_or("xx", |l| l.as_str())
            ),
        );
        return None;
    };
    let Some(header_table) = header.get_ref().as_table() else {
        sink.wrong_type("language", header, "a table");
        return None;
    };
    let h = sink.fields(
        header_table,
        &["lang", "cases", "required_cases"],
        "the `[language]` header",
    );
    let Some((lang_text, lang_span)) = sink.string(&h, "lang") else {
        if !h.contains_key("lang") {
            sink.error(
                "glossary::missing-field",
                header.span(),
                "the `[language]` header has no `lang`".into(),
                "no lang",
                "add `lang = \"uk\"` (the folder's language)",
            );
        }
        return None;
    };
    let lang = header_lang(file, &lang_text, &lang_span, languages, sink)?;
    let cases: Vec<String> = sink.strings(&h, "cases").into_iter().map(|c| c.0).collect();
    let required_cases = required_cases(&h, &lang, &cases, sink);
    let language = Language {
        lang,
        cases,
        required_cases,
    };
    Some((language, lang_span))
}

/// The header's `lang`, if it is a tag, agrees with the file's folder and is not read yet.
fn header_lang(
    file: &GlossaryFile,
    text: &str,
    span: &Range<usize>,
    languages: &[Language],
    sink: &mut Sink<'_>,
) -> Option<Lang> {
    let lang = match Lang::parse(text) {
        Ok(l) => l,
        Err(e) => {
            sink.error(
                "glossary::bad-lang",
                span.clone(),
                e.to_string(),
                "not a language tag",
                "",
            );
            return None;
        }
    };
    if let Some(expected) = &file.lang
        && expected != &lang
    {
        sink.error(
            "glossary::bad-lang",
            span.clone(),
            format!("this file is in the `{expected}` folder but says `lang = \"{lang}\"`"),
            "wrong language",
            &format!(
                "write `lang = \"{expected}\"` or move the file into the locales folder of `{lang}`"
            ),
        );
        return None;
    }
    if languages.iter().any(|l| l.lang == lang) {
        sink.error(
            "glossary::duplicate-id",
            span.clone(),
            format!("a second glossary for `{lang}`"),
            "duplicate language",
            "each language has exactly one glossary file; merge them",
        );
        return None;
    }
    Some(lang)
}

/// `required_cases = { person = ["genitive"] }`: the cases every entity of a kind needs,
/// restricted to the language's `cases` (unknown ones are reported).
fn required_cases(
    h: &Fields<'_, '_>,
    lang: &Lang,
    cases: &[String],
    sink: &mut Sink<'_>,
) -> BTreeMap<Kind, Vec<String>> {
    let mut required = BTreeMap::new();
    let Some(req) = h.get("required_cases") else {
        return required;
    };
    let Some(t) = req.get_ref().as_table() else {
        sink.wrong_type(
            "required_cases",
            req,
            "a table such as `{ person = [\"genitive\"] }`",
        );
        return required;
    };
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    let rf = sink.fields(t, &kinds, "`required_cases`");
    for kind in Kind::ALL {
        let list = sink.strings(&rf, kind.as_str());
        for (c, cspan) in &list {
            if !cases.contains(c) {
                unknown_case(sink, c, cspan.clone(), lang, cases);
            }
        }
        let list: Vec<String> = list
            .into_iter()
            .map(|c| c.0)
            .filter(|c| cases.contains(c))
            .collect();
        if !list.is_empty() {
            required.insert(kind, list);
        }
    }
    required
}

/// Reports every registry entity without an entry in this language's file.
fn missing_entries(
    entities: &[crate::model::Entity],
    seen: &BTreeMap<String, Range<usize>>,
    lang: &Lang,
    lang_span: &Range<usize>,
    sink: &mut Sink<'_>,
) {
    for entity in entities.iter().filter(|e| !seen.contains_key(&e.id)) {
        sink.error(
            "glossary::missing-form",
            lang_span.clone(),
            format!("`{}` has no entry in the `{lang}` glossary", entity.id),
            "this language",
            &format!(
                "add `[[entity]]` with `id = \"{}\"` and its `preferred` form in `{lang}`",
                entity.id
            ),
        );
    }
}
