//! Reading glossary files with byte spans, and linting them.
//!
//! Every problem becomes a [`Diagnostic`] with a stable code and a span into the file that holds
//! it; loading never stops at the first problem. Entries with errors are still loaded as far as
//! they make sense, so that one typo does not hide the rest of a glossary.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use dayglot_core::{Diagnostic, Lang, Span};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::fold::fold_str;
use crate::model::{CaseForm, Entity, Gender, Kind, LangForms, Language, Target, Variant};
use crate::{Glossary, GlossaryFile};

type Value<'a> = Spanned<DeValue<'a>>;

/// Collects diagnostics for one file.
struct Sink<'a> {
    path: &'a str,
    out: &'a mut Vec<Diagnostic>,
}

impl Sink<'_> {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.out.push(diagnostic.in_file(self.path));
    }

    fn error(
        &mut self,
        code: &'static str,
        span: Range<usize>,
        message: String,
        label: &str,
        help: &str,
    ) {
        let mut d = Diagnostic::error(code, Span::from(span), message).with_label(label);
        if !help.is_empty() {
            d = d.with_help(help);
        }
        self.push(d);
    }

    /// The fields of a table; unknown keys are reported.
    fn fields<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        allowed: &[&str],
        what: &str,
    ) -> BTreeMap<&'t str, &'t Value<'i>> {
        let mut out = BTreeMap::new();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            if allowed.contains(&name) {
                out.insert(name, value);
            } else {
                self.error(
                    "glossary::unknown-key",
                    key.span(),
                    format!("unknown key `{name}` in {what}"),
                    "not a known key",
                    &format!("the keys of {what} are: {}", allowed.join(", ")),
                );
            }
        }
        out
    }

    fn wrong_type(&mut self, key: &str, value: &Value<'_>, expected: &str) {
        self.error(
            "glossary::wrong-type",
            value.span(),
            format!(
                "`{key}` must be {expected}, not {}",
                value.get_ref().type_str()
            ),
            "wrong type",
            &format!("write `{key}` as {expected}"),
        );
    }

    /// A string field, with its span; wrong types and blank strings are reported.
    fn string(
        &mut self,
        fields: &BTreeMap<&str, &Value<'_>>,
        key: &str,
    ) -> Option<(String, Range<usize>)> {
        let value = fields.get(key)?;
        self.string_value(key, value)
    }

    fn string_value(&mut self, key: &str, value: &Value<'_>) -> Option<(String, Range<usize>)> {
        let Some(s) = value.get_ref().as_str() else {
            self.wrong_type(key, value, "a string");
            return None;
        };
        if s.trim().is_empty() || s.trim() != s {
            self.error(
                "glossary::blank-form",
                value.span(),
                format!("`{key}` is empty or has spaces at its ends"),
                "blank or padded",
                "write the text without leading or trailing spaces, or remove the key",
            );
            if s.trim().is_empty() {
                return None;
            }
        }
        Some((s.trim().to_owned(), value.span()))
    }

    /// A list of strings (a single string is accepted as a list of one).
    fn strings(
        &mut self,
        fields: &BTreeMap<&str, &Value<'_>>,
        key: &str,
    ) -> Vec<(String, Range<usize>)> {
        let Some(value) = fields.get(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::String(_) => self.string_value(key, value).into_iter().collect(),
            DeValue::Array(items) => items
                .iter()
                .filter_map(|v| self.string_value(key, v))
                .collect(),
            _ => {
                self.wrong_type(key, value, "a list of strings");
                Vec::new()
            }
        }
    }

    fn bool(&mut self, fields: &BTreeMap<&str, &Value<'_>>, key: &str) -> bool {
        let Some(value) = fields.get(key) else {
            return false;
        };
        match value.get_ref().as_bool() {
            Some(b) => b,
            None => {
                self.wrong_type(key, value, "true or false");
                false
            }
        }
    }

    /// The array of tables under `key` (`[[entity]]`).
    fn tables<'t, 'i>(
        &mut self,
        fields: &BTreeMap<&str, &'t Value<'i>>,
        key: &str,
    ) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
        let Some(value) = fields.get(key) else {
            return Vec::new();
        };
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(key, value, &format!("a list of `[[{key}]]` tables"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_table() {
                Some(t) => out.push((t, item.span())),
                None => self.wrong_type(key, item, "a table"),
            }
        }
        out
    }
}

/// Parses a file's TOML; syntax errors are reported and an empty table is returned for them.
fn parse<'i>(file: &'i GlossaryFile, sink: &mut Sink<'_>) -> (Spanned<DeTable<'i>>, bool) {
    let (table, errors) = DeTable::parse_recoverable(&file.text);
    for e in &errors {
        let span = e.span().unwrap_or(0..0);
        sink.error(
            "glossary::syntax",
            span,
            format!("this is not valid TOML: {}", e.message().trim()),
            "here",
            "fix the TOML syntax; strings are quoted (\"…\"), lists are in [ ]",
        );
    }
    (table, errors.is_empty())
}

/// Where a form was declared, for conflict reports.
#[derive(Debug, Clone)]
struct Claim {
    entity: usize,
    lang: Lang,
    role: Role,
    path: String,
    span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Form,
    Accepted,
    Alias,
    Forbidden,
}

impl Role {
    fn describe(self) -> &'static str {
        match self {
            Role::Form => "a form",
            Role::Accepted => "an accepted variant",
            Role::Alias => "an alias",
            Role::Forbidden => "a forbidden variant",
        }
    }
}

/// Where each registry entity was declared, for reports in the registry.
struct Declared {
    id_span: Range<usize>,
}

pub(crate) fn load(
    registry: &GlossaryFile,
    langs: &[GlossaryFile],
) -> (Glossary, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    let mut declared: Vec<Declared> = Vec::new();

    // The registry.
    {
        let mut sink = Sink {
            path: &registry.path,
            out: &mut diags,
        };
        let (root, _) = parse(registry, &mut sink);
        let top = sink.fields(root.get_ref(), &["entity"], "the entity registry");
        for (table, span) in sink.tables(&top, "entity") {
            let f = sink.fields(
                table,
                &["id", "kind", "native", "native_lang", "note"],
                "an `[[entity]]` of the registry",
            );
            let Some((id, id_span)) = sink.string(&f, "id") else {
                if !f.contains_key("id") {
                    sink.error(
                        "glossary::missing-field",
                        span.start..span.start + 10.min(span.len()),
                        "this entity has no `id`".into(),
                        "no id",
                        "add `id = \"kind/slug\"`, e.g. `id = \"person/zelensky\"`",
                    );
                }
                continue;
            };
            let kind = match sink.string(&f, "kind") {
                Some((k, kspan)) => match Kind::parse(&k) {
                    Some(kind) => Some(kind),
                    None => {
                        sink.error(
                            "glossary::unknown-kind",
                            kspan,
                            format!("unknown kind `{k}`"),
                            "not a kind",
                            "the kinds are: person, place, org, term",
                        );
                        None
                    }
                },
                None => {
                    if !f.contains_key("kind") {
                        sink.error(
                            "glossary::missing-field",
                            id_span.clone(),
                            format!("entity `{id}` has no `kind`"),
                            "no kind",
                            "add `kind = \"person\"` (or place, org, term)",
                        );
                    }
                    None
                }
            };
            let kind = kind.or_else(|| id.split('/').next().and_then(Kind::parse));
            let id_ok =
                valid_id(&id) && kind.is_none_or(|k| id.starts_with(&format!("{}/", k.as_str())));
            if !valid_id(&id) {
                sink.error(
                    "glossary::bad-id",
                    id_span.clone(),
                    format!("`{id}` is not a valid entity id"),
                    "bad id",
                    "an id is `kind/slug` with a slug of lower-case ASCII letters, digits and hyphens, e.g. `place/avdiivka`",
                );
            } else if let Some(kind) = kind
                && !id.starts_with(&format!("{}/", kind.as_str()))
            {
                sink.error(
                    "glossary::bad-id",
                    id_span.clone(),
                    format!("the id `{id}` does not start with its kind `{kind}/`"),
                    "wrong prefix",
                    &format!(
                        "rename it `{kind}/{}` or fix `kind`",
                        id.split('/').nth(1).unwrap_or("slug")
                    ),
                );
            }
            let native = sink.string(&f, "native").map(|s| s.0);
            let native_lang =
                sink.string(&f, "native_lang")
                    .and_then(|(l, lspan)| match Lang::parse(&l) {
                        Ok(lang) => Some(lang),
                        Err(e) => {
                            sink.error(
                                "glossary::bad-lang",
                                lspan,
                                e.to_string(),
                                "not a language tag",
                                "use a tag such as `uk`, `ru`, `sr`, `lt`",
                            );
                            None
                        }
                    });
            if let Some(&first) = by_id.get(&id) {
                let first_pos = registry_pos(registry, declared[first].id_span.start);
                sink.error(
                    "glossary::duplicate-id",
                    id_span,
                    format!("the entity `{id}` is declared twice"),
                    "second declaration",
                    &format!(
                        "the first is at {}:{first_pos}; merge the two entries or give one another id",
                        registry.path
                    ),
                );
                continue;
            }
            let Some(kind) = kind else { continue };
            if !id_ok {
                continue;
            }
            by_id.insert(id.clone(), entities.len());
            declared.push(Declared { id_span });
            entities.push(Entity {
                id,
                kind,
                native,
                native_lang,
                forms: BTreeMap::new(),
            });
        }
    }

    // The language files.
    let mut languages: Vec<Language> = Vec::new();
    let mut claims: HashMap<String, Vec<Claim>> = HashMap::new();
    for file in langs {
        let mut sink = Sink {
            path: &file.path,
            out: &mut diags,
        };
        let (root, parsed) = parse(file, &mut sink);
        let top = sink.fields(
            root.get_ref(),
            &["language", "entity"],
            "a language glossary",
        );
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
            continue;
        };
        let Some(header_table) = header.get_ref().as_table() else {
            sink.wrong_type("language", header, "a table");
            continue;
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
            continue;
        };
        let lang = match Lang::parse(&lang_text) {
            Ok(l) => l,
            Err(e) => {
                sink.error(
                    "glossary::bad-lang",
                    lang_span,
                    e.to_string(),
                    "not a language tag",
                    "",
                );
                continue;
            }
        };
        if let Some(expected) = &file.lang
            && expected != &lang
        {
            sink.error(
                "glossary::bad-lang",
                lang_span.clone(),
                format!("this file is in the `{expected}` folder but says `lang = \"{lang}\"`"),
                "wrong language",
                &format!("write `lang = \"{expected}\"` or move the file to locales/{lang}/"),
            );
            continue;
        }
        if languages.iter().any(|l| l.lang == lang) {
            sink.error(
                "glossary::duplicate-id",
                lang_span,
                format!("a second glossary for `{lang}`"),
                "duplicate language",
                "each language has exactly one glossary file; merge them",
            );
            continue;
        }
        let cases: Vec<String> = sink.strings(&h, "cases").into_iter().map(|c| c.0).collect();
        let mut required_cases = BTreeMap::new();
        if let Some(req) = h.get("required_cases") {
            match req.get_ref().as_table() {
                Some(t) => {
                    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                    let rf = sink.fields(t, &kinds, "`required_cases`");
                    for kind in Kind::ALL {
                        let list = sink.strings(&rf, kind.as_str());
                        for (c, cspan) in &list {
                            if !cases.contains(c) {
                                unknown_case(&mut sink, c, cspan.clone(), &lang, &cases);
                            }
                        }
                        let list: Vec<_> = list
                            .into_iter()
                            .filter(|(c, _)| cases.contains(c))
                            .collect();
                        if !list.is_empty() {
                            required_cases.insert(kind, list.into_iter().map(|c| c.0).collect());
                        }
                    }
                }
                None => sink.wrong_type(
                    "required_cases",
                    req,
                    "a table such as `{ person = [\"genitive\"] }`",
                ),
            }
        }
        let language = Language {
            lang: lang.clone(),
            cases,
            required_cases,
        };

        let mut seen: BTreeMap<String, Range<usize>> = BTreeMap::new();
        for (table, span) in sink.tables(&top, "entity") {
            let f = sink.fields(
                table,
                &[
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
                ],
                "an `[[entity]]` of a language glossary",
            );
            let Some((id, id_span)) = sink.string(&f, "id") else {
                if !f.contains_key("id") {
                    sink.error(
                        "glossary::missing-field",
                        span.start..span.start + 10.min(span.len()),
                        "this entry has no `id`".into(),
                        "no id",
                        "add the id of the registry entity it gives forms for, e.g. `id = \"person/zelensky\"`",
                    );
                }
                continue;
            };
            if let Some(first) = seen.get(&id) {
                let pos = registry_pos(file, first.start);
                sink.error(
                    "glossary::duplicate-id",
                    id_span,
                    format!("`{id}` has two entries in this glossary"),
                    "second entry",
                    &format!("the first is at {}:{pos}; merge them", file.path),
                );
                continue;
            }
            seen.insert(id.clone(), id_span.clone());
            let Some(&index) = by_id.get(&id) else {
                let hint = closest(&id, by_id.keys()).map_or_else(
                    || format!("add it to {} first, or fix the id", registry.path),
                    |c| {
                        format!(
                            "did you mean `{c}`? Entities are declared in {}",
                            registry.path
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
                continue;
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
                continue;
            };
            let short = sink.string(&f, "short");
            let gender = sink.string(&f, "gender").and_then(|(g, gspan)| {
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
            });
            let indeclinable = sink.bool(&f, "indeclinable");
            let mut claim = |role: Role, text: &str, span: Range<usize>| {
                claims
                    .entry(fold_str(text).into_owned())
                    .or_default()
                    .push(Claim {
                        entity: index,
                        lang: lang.clone(),
                        role,
                        path: file.path.clone(),
                        span,
                    });
            };
            claim(Role::Form, &preferred, preferred_span);
            if let Some((s, sspan)) = &short {
                claim(Role::Form, s, sspan.clone());
            }
            // Case forms: `genitive = "Литви"` or `genitive = ["Володимира Зеленського", "Зеленського"]`.
            let mut case_forms = BTreeMap::new();
            if let Some(cases_value) = f.get("cases") {
                match cases_value.get_ref().as_table() {
                    Some(t) => {
                        for (key, value) in t.iter() {
                            let case: &str = key.get_ref();
                            if !language.cases.iter().any(|c| c == case) {
                                unknown_case(&mut sink, case, key.span(), &lang, &language.cases);
                                continue;
                            }
                            let forms: Vec<(String, Range<usize>)> = match value.get_ref() {
                                DeValue::String(_) => {
                                    sink.string_value(case, value).into_iter().collect()
                                }
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
                                claim(Role::Form, text, fspan.clone());
                            }
                            let mut forms = forms.into_iter().map(|x| x.0);
                            if let Some(full) = forms.next() {
                                case_forms.insert(
                                    case.to_owned(),
                                    CaseForm {
                                        full,
                                        short: forms.next(),
                                    },
                                );
                            }
                        }
                    }
                    None => sink.wrong_type(
                        "cases",
                        cases_value,
                        "a table of case forms (`cases.genitive = \"…\"`)",
                    ),
                }
            }
            let kind = entities[index].kind;
            if !indeclinable {
                for required in language.required_cases.get(&kind).into_iter().flatten() {
                    if !case_forms.contains_key(required) {
                        sink.error(
                            "glossary::missing-form",
                            id_span.clone(),
                            format!("`{id}` has no {required} form in `{lang}`, which every {kind} needs"),
                            &format!("no `cases.{required}`"),
                            &format!(
                                "add `cases.{required} = \"…\"`, or `indeclinable = true` if the name does not decline"
                            ),
                        );
                    }
                }
            }
            let mut variants = |sink: &mut Sink<'_>, key: &str, role: Role| -> Vec<Variant> {
                let mut out = Vec::new();
                let Some(value) = f.get(key) else { return out };
                let items: Vec<&Value<'_>> = match value.get_ref() {
                    DeValue::Array(items) => items.iter().collect(),
                    _ => vec![*value],
                };
                for item in items {
                    let (text, vspan, target) = match item.get_ref() {
                        DeValue::String(_) => match sink.string_value(key, item) {
                            Some((t, s)) => {
                                let target = guess_target(
                                    &t,
                                    &preferred,
                                    short.as_ref().map(|s| s.0.as_str()),
                                );
                                (t, s, target)
                            }
                            None => continue,
                        },
                        DeValue::Table(t) => {
                            let vf =
                                sink.fields(t, &["variant", "to"], &format!("a `{key}` entry"));
                            let Some((text, vspan)) = sink.string(&vf, "variant") else {
                                sink.error(
                                    "glossary::missing-field",
                                    item.span(),
                                    format!("this `{key}` entry has no `variant`"),
                                    "no variant",
                                    "write `{ variant = \"…\", to = \"short\" }`",
                                );
                                continue;
                            };
                            let target = match sink.string(&vf, "to") {
                                None => guess_target(
                                    &text,
                                    &preferred,
                                    short.as_ref().map(|s| s.0.as_str()),
                                ),
                                Some((to, tspan)) => match to.as_str() {
                                    "preferred" => Target::Preferred,
                                    "short" => Target::Short,
                                    case if language.cases.iter().any(|c| c == case) => {
                                        Target::Case(case.to_owned())
                                    }
                                    case => {
                                        unknown_case(sink, case, tspan, &lang, &language.cases);
                                        Target::Preferred
                                    }
                                },
                            };
                            (text, vspan, target)
                        }
                        _ => {
                            sink.wrong_type(
                                key,
                                item,
                                "a string or `{ variant = \"…\", to = \"…\" }`",
                            );
                            continue;
                        }
                    };
                    claim(role, &text, vspan);
                    out.push(Variant { text, target });
                }
                out
            };
            let accepted = variants(&mut sink, "accepted", Role::Accepted);
            let forbidden = variants(&mut sink, "forbidden", Role::Forbidden);
            let aliases: Vec<String> = sink
                .strings(&f, "aliases")
                .into_iter()
                .map(|(a, aspan)| {
                    claim(Role::Alias, &a, aspan);
                    a
                })
                .collect();
            let context = sink
                .strings(&f, "context")
                .into_iter()
                .map(|c| c.0)
                .collect();
            let note = sink.string(&f, "note").map(|n| n.0);
            let forms = LangForms {
                preferred,
                short: short.map(|s| s.0),
                cases: case_forms,
                gender,
                indeclinable,
                accepted,
                forbidden,
                aliases,
                context,
                note,
            };
            entities[index].forms.insert(lang.clone(), forms);
        }

        // Every registry entity needs an entry in every language (unless the file could not be
        // read to its end: then the missing entries are most likely behind the syntax error).
        for entity in entities.iter().filter(|_| parsed) {
            if !seen.contains_key(&entity.id) {
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
        languages.push(language);
    }

    check_claims(&claims, &entities, langs, &mut diags);
    (Glossary::new(entities, by_id, languages), diags)
}

fn unknown_case(
    sink: &mut Sink<'_>,
    case: &str,
    span: Range<usize>,
    lang: &Lang,
    cases: &[String],
) {
    let known = if cases.is_empty() {
        "none".to_owned()
    } else {
        cases.join(", ")
    };
    let hint = match closest(case, cases.iter()) {
        Some(c) => format!("did you mean `{c}`? The cases of `{lang}` are: {known}"),
        None => format!("the cases of `{lang}` (its `[language] cases`) are: {known}"),
    };
    sink.error(
        "glossary::unknown-case",
        span,
        format!("`{case}` is not a case of `{lang}`"),
        "unknown case",
        &hint,
    );
}

/// Reports one form claimed by two entities, and forbidden variants that are also valid forms.
fn check_claims(
    claims: &HashMap<String, Vec<Claim>>,
    entities: &[Entity],
    files: &[GlossaryFile],
    diags: &mut Vec<Diagnostic>,
) {
    let pos = |path: &str, offset: usize| {
        files
            .iter()
            .find(|f| f.path == path)
            .map_or_else(|| "?".to_owned(), |f| registry_pos(f, offset))
    };
    let mut keys: Vec<&String> = claims.keys().collect();
    keys.sort();
    for text in keys {
        let list = &claims[text];
        let first = &list[0];
        for c in &list[1..] {
            if c.entity != first.entity {
                let mut d = Diagnostic::error(
                    "glossary::variant-conflict",
                    Span::from(c.span.clone()),
                    format!(
                        "`{text}` is {} of `{}` here but already {} of `{}` in `{}`",
                        c.role.describe(),
                        entities[c.entity].id,
                        first.role.describe(),
                        entities[first.entity].id,
                        first.lang
                    ),
                )
                .with_label("claimed by two entities");
                d = d.with_help(format!(
                    "one text can name only one entity; the other claim is at {}:{}",
                    first.path,
                    pos(&first.path, first.span.start)
                ));
                diags.push(d.in_file(c.path.clone()));
            }
        }
        for forbidden in list.iter().filter(|c| c.role == Role::Forbidden) {
            if let Some(valid) = list.iter().find(|c| {
                c.role != Role::Forbidden
                    && c.entity == forbidden.entity
                    && c.lang == forbidden.lang
            }) {
                let d = Diagnostic::error(
                    "glossary::forbidden-is-accepted",
                    Span::from(forbidden.span.clone()),
                    format!(
                        "`{text}` is forbidden but is also {} of `{}` in `{}`",
                        valid.role.describe(),
                        entities[forbidden.entity].id,
                        forbidden.lang
                    ),
                )
                .with_label("forbidden and allowed")
                .with_help(format!(
                    "remove it from `forbidden` or from the other list (at {}:{})",
                    valid.path,
                    pos(&valid.path, valid.span.start)
                ));
                diags.push(d.in_file(forbidden.path.clone()));
            }
        }
    }
}

/// `line:column` of an offset in a file.
fn registry_pos(file: &GlossaryFile, offset: usize) -> String {
    let p = dayglot_core::LineIndex::new(&file.text).line_col(&file.text, offset);
    format!("{}:{}", p.line, p.column)
}

/// `kind/slug`: lower-case ASCII letters, digits and hyphens in the slug.
fn valid_id(id: &str) -> bool {
    let Some((kind, slug)) = id.split_once('/') else {
        return false;
    };
    Kind::parse(kind).is_some()
        && !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A variant written as a plain string stands for the short form when it has the short form's
/// number of words and not the preferred form's (`Nauseda` → `Nausėda`), else for the preferred.
fn guess_target(variant: &str, preferred: &str, short: Option<&str>) -> Target {
    let words = |s: &str| s.split_whitespace().count();
    match short {
        Some(short) if words(variant) == words(short) && words(variant) != words(preferred) => {
            Target::Short
        }
        _ => Target::Preferred,
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    candidates
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

