//! One `[[entity]]` entry of a language glossary: the forms of one registry entity in that
//! language (preferred and short forms, case forms, variants, aliases).

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::claims::{Claimant, Claims, Owner, Role};
use super::registry::Registry;
use super::{Fields, Sink, Value, closest, registry_pos, unknown_case};
use crate::GlossaryFile;
use crate::model::{CaseForm, Gender, Kind, LangForms, Language, Target, Variant};

/// The language file being read.
pub(super) struct Context<'a> {
    /// The file.
    pub(super) file: &'a GlossaryFile,
    /// The registry's path, for hints.
    pub(super) registry_path: &'a str,
    /// The file's language and cases.
    pub(super) language: &'a Language,
}

/// The keys of an entry.
const KEYS: [&str; 11] = [
    "id",
    "preferred",
    "short",
    "cases",
    "gender",
    "indeclinable",
    "accepted",
    "forbidden",
    "aliases",
    "context",
    "note",
];

/// Reads one entry into the forms of its registry entity; `seen` holds the ids read so far in
/// this file.
pub(super) fn entry(
    cx: &Context<'_>,
    table: &DeTable<'_>,
    span: Range<usize>,
    registry: &mut Registry,
    seen: &mut BTreeMap<String, Range<usize>>,
    claims: &mut Claims,
    sink: &mut Sink<'_>,
) {
    let lang = &cx.language.lang;
    let f = sink.fields(table, &KEYS, "an `[[entity]]` of a language glossary");
    let Some((id, id_span, index)) = target(cx, &f, span, registry, seen, sink) else {
        return;
    };
    let Some((preferred, preferred_span)) = sink.string(&f, "preferred") else {
        if !f.contains_key("preferred") {
            sink.error(
                "glossary::missing-form",
                id_span,
                format!("`{id}` has no preferred form in `{lang}`"),
                "no `preferred`",
                "add `preferred = \"…\"`: the full form readers of this language expect",
            );
        }
        return;
    };
    let mut claims = claims.of(Owner {
        entity: index,
        lang: lang.clone(),
        path: cx.file.path.clone(),
    });
    claims.add(Role::Form, &preferred, preferred_span);
    let head = Head {
        id: &id,
        id_span: &id_span,
        kind: registry.entities[index].kind,
    };
    let forms = forms(cx, &f, &head, preferred, &mut claims, sink);
    registry.entities[index].forms.insert(lang.clone(), forms);
}

/// The entity an entry is for.
struct Head<'a> {
    id: &'a str,
    id_span: &'a Range<usize>,
    kind: Kind,
}

/// The forms of an entry with a preferred form, each text claimed for the entity.
fn forms(
    cx: &Context<'_>,
    f: &Fields<'_, '_>,
    head: &Head<'_>,
    preferred: String,
    claims: &mut Claimant<'_>,
    sink: &mut Sink<'_>,
) -> LangForms {
    let short = sink.string(f, "short");
    let gender = gender(f, sink);
    let indeclinable = sink.bool(f, "indeclinable");
    if let Some((s, sspan)) = &short {
        claims.add(Role::Form, s, sspan.clone());
    }
    let cases = case_forms(cx, f, claims, sink);
    if !indeclinable {
        required_forms(cx, head, &cases, sink);
    }
    let names = Names {
        preferred: &preferred,
        short: short.as_ref().map(|s| s.0.as_str()),
    };
    let accepted = variants(cx, f, ("accepted", Role::Accepted), &names, claims, sink);
    let forbidden = variants(cx, f, ("forbidden", Role::Forbidden), &names, claims, sink);
    let aliases: Vec<String> = sink
        .strings(f, "aliases")
        .into_iter()
        .map(|(a, aspan)| {
            claims.add(Role::Alias, &a, aspan);
            a
        })
        .collect();
    let context = sink
        .strings(f, "context")
        .into_iter()
        .map(|c| c.0)
        .collect();
    let note = sink.string(f, "note").map(|n| n.0);
    LangForms {
        preferred,
        short: short.map(|s| s.0),
        cases,
        gender,
        indeclinable,
        accepted,
        forbidden,
        aliases,
        context,
        note,
    }
}

/// The entry's id, its span and the registry entity it gives forms for; `None` (reported) when
/// it has no id, repeats one of this file, or names no registry entity.
fn target(
    cx: &Context<'_>,
    f: &Fields<'_, '_>,
    span: Range<usize>,
    registry: &Registry,
    seen: &mut BTreeMap<String, Range<usize>>,
    sink: &mut Sink<'_>,
) -> Option<(String, Range<usize>, usize)> {
    let Some((id, id_span)) = sink.string(f, "id") else {
        if !f.contains_key("id") {
            sink.error(
                "glossary::missing-field",
                span.start..span.start + 10.min(span.len()),
                "this entry has no `id`".into(),
                "no id",
                "add the id of the registry entity it gives forms for, e.g. `id = \"person/zelensky\"`",
            );
        }
        return None;
    };
    if let Some(first) = seen.get(&id) {
        let pos = registry_pos(cx.file, first.start);
        sink.error(
            "glossary::duplicate-id",
            id_span,
            format!("`{id}` has two entries in this glossary"),
            "second entry",
            &format!("the first is at {}:{pos}; merge them", cx.file.path),
        );
        return None;
    }
    seen.insert(id.clone(), id_span.clone());
    let Some(&index) = registry.by_id.get(&id) else {
        let hint = closest(&id, registry.by_id.keys()).map_or_else(
            || format!("add it to {} first, or fix the id", cx.registry_path),
            |c| {
                format!(
                    "did you mean `{c}`? Entities are declared in {}",
                    cx.registry_path
                )
            },
        );
        sink.error(
            "glossary::unknown-entity",
            id_span,
            format!("`{id}` is not in the entity registry"),
            "unknown entity",
            &hint,
        );
        return None;
    };
    Some((id, id_span, index))
}

/// The entry's `gender`, if it is written and known.
fn gender(f: &Fields<'_, '_>, sink: &mut Sink<'_>) -> Option<Gender> {
    let (g, gspan) = sink.string(f, "gender")?;
    let parsed = Gender::parse(&g);
    if parsed.is_none() {
        sink.error(
            "glossary::wrong-type",
            gspan,
            format!("unknown gender `{g}`"),
            "not a gender",
            "write masculine, feminine, neuter or plural",
        );
    }
    parsed
}

/// Case forms: `genitive = "Литви"` or `genitive = ["Володимира Зеленського", "Зеленського"]`
/// (the full and the short form), each claimed as a form of the entity.
fn case_forms(
    cx: &Context<'_>,
    f: &Fields<'_, '_>,
    claims: &mut Claimant<'_>,
    sink: &mut Sink<'_>,
) -> BTreeMap<String, CaseForm> {
    let mut case_forms = BTreeMap::new();
    let Some(cases_value) = f.get("cases") else {
        return case_forms;
    };
    let Some(t) = cases_value.get_ref().as_table() else {
        sink.wrong_type(
            "cases",
            cases_value,
            "a table of case forms (`cases.genitive = \"…\"`)",
        );
        return case_forms;
    };
    let known = &cx.language.cases;
    for (key, value) in t.iter() {
        let case: &str = key.get_ref();
        if !known.iter().any(|c| c == case) {
            unknown_case(sink, case, key.span(), &cx.language.lang, known);
            continue;
        }
        let forms: Vec<(String, Range<usize>)> = match value.get_ref() {
            DeValue::String(_) => sink.string_value(case, value).into_iter().collect(),
            DeValue::Array(items) if (1..=2).contains(&items.len()) => items
                .iter()
                .filter_map(|v| sink.string_value(case, v))
                .collect(),
            _ => {
                sink.wrong_type(
                    case,
                    value,
                    "a string, or a list of the full and the short form",
                );
                Vec::new()
            }
        };
        for (text, fspan) in &forms {
            claims.add(Role::Form, text, fspan.clone());
        }
        let mut forms = forms.into_iter().map(|x| x.0);
        if let Some(full) = forms.next() {
            let short = forms.next();
            case_forms.insert(case.to_owned(), CaseForm { full, short });
        }
    }
    case_forms
}

/// Reports the cases every entity of the entry's kind needs in this language that the entry lacks.
fn required_forms(
    cx: &Context<'_>,
    head: &Head<'_>,
    cases: &BTreeMap<String, CaseForm>,
    sink: &mut Sink<'_>,
) {
    let lang = &cx.language.lang;
    let (id, kind) = (head.id, head.kind);
    let required = cx.language.required_cases.get(&kind).into_iter().flatten();
    for required in required.filter(|c| !cases.contains_key(*c)) {
        sink.error(
            "glossary::missing-form",
            head.id_span.clone(),
            format!("`{id}` has no {required} form in `{lang}`, which every {kind} needs"),
            &format!("no `cases.{required}`"),
            &format!(
                "add `cases.{required} = \"…\"`, or `indeclinable = true` if the name does not decline"
            ),
        );
    }
}

/// The entity's preferred and short forms, which plain-string variants stand for.
struct Names<'a> {
    preferred: &'a str,
    short: Option<&'a str>,
}

/// The variants under `key` (`accepted`, `forbidden`): one or a list of strings or
/// `{ variant = "…", to = "…" }` tables, each claimed in `role`.
fn variants(
    cx: &Context<'_>,
    f: &Fields<'_, '_>,
    (key, role): (&str, Role),
    names: &Names<'_>,
    claims: &mut Claimant<'_>,
    sink: &mut Sink<'_>,
) -> Vec<Variant> {
    let Some(value) = f.get(key) else {
        return Vec::new();
    };
    let items: Vec<&Value<'_>> = match value.get_ref() {
        DeValue::Array(items) => items.iter().collect(),
        _ => vec![*value],
    };
    let mut out = Vec::new();
    for item in items {
        if let Some((text, vspan, target)) = variant(cx, key, item, names, sink) {
            claims.add(role, &text, vspan);
            out.push(Variant { text, target });
        }
    }
    out
}

/// One variant with its span and the form it stands for; `None` (reported) when unusable.
fn variant(
    cx: &Context<'_>,
    key: &str,
    item: &Value<'_>,
    names: &Names<'_>,
    sink: &mut Sink<'_>,
) -> Option<(String, Range<usize>, Target)> {
    match item.get_ref() {
        DeValue::String(_) => {
            let (text, span) = sink.string_value(key, item)?;
            let target = guess_target(&text, names);
            Some((text, span, target))
        }
        DeValue::Table(t) => {
            let vf = sink.fields(t, &["variant", "to"], &format!("a `{key}` entry"));
            let Some((text, span)) = sink.string(&vf, "variant") else {
                sink.error(
                    "glossary::missing-field",
                    item.span(),
                    format!("this `{key}` entry has no `variant`"),
                    "no variant",
                    "write `{ variant = \"…\", to = \"short\" }`",
                );
                return None;
            };
            let target = match sink.string(&vf, "to") {
                None => guess_target(&text, names),
                Some((to, tspan)) => explicit_target(cx, &to, tspan, sink),
            };
            Some((text, span, target))
        }
        _ => {
            sink.wrong_type(key, item, "a string or `{ variant = \"…\", to = \"…\" }`");
            None
        }
    }
}

/// A variant's `to`: `preferred`, `short` or a case of the language (an unknown case is
/// reported and read as `preferred`).
fn explicit_target(cx: &Context<'_>, to: &str, span: Range<usize>, sink: &mut Sink<'_>) -> Target {
    let cases = &cx.language.cases;
    match to {
        "preferred" => Target::Preferred,
        "short" => Target::Short,
        case if cases.iter().any(|c| c == case) => Target::Case(case.to_owned()),
        case => {
            unknown_case(sink, case, span, &cx.language.lang, cases);
            Target::Preferred
        }
    }
}

/// A variant written as a plain string stands for the short form when it has the short form's
/// number of words and not the preferred form's (`Nauseda` → `Nausėda`), else for the preferred.
fn guess_target(variant: &str, names: &Names<'_>) -> Target {
    let words = |s: &str| s.split_whitespace().count();
    match names.short {
        Some(short)
            if words(variant) == words(short) && words(variant) != words(names.preferred) =>
        {
            Target::Short
        }
        _ => Target::Preferred,
    }
}
