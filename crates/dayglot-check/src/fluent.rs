//! Fluent files of every language against the source language's.

use std::collections::{BTreeMap, BTreeSet};

use dayglot_core::{Lang, Severity, Span};
use fluent_syntax::ast;

/// A Fluent file of one language (`locales/bg/chrome.ftl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FluentFile {
    /// The language whose folder holds it.
    pub lang: Lang,
    /// Path relative to the project root, `/`-separated.
    pub path: String,
    /// The file's text.
    pub text: String,
}

impl FluentFile {
    /// The file name (`chrome.ftl`), which pairs files across languages.
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// What the checks compare of one message or term.
#[derive(Debug, Default)]
struct Item {
    /// `$variables` used anywhere in it.
    variables: BTreeSet<String>,
    /// `-term` references.
    terms: BTreeSet<String>,
    /// Variant keys of each select expression on a variable, in order: (variable, keys, has
    /// a default).
    selects: Vec<(String, BTreeSet<String>)>,
    /// Where the id is written.
    span: Span,
    /// `# dayglot-accept: <code> <reason>` lines of the message's comment: code → reason.
    accepts: BTreeMap<String, String>,
}

/// A finding about a Fluent file, before the driver gives it its language.
#[derive(Debug)]
pub(crate) struct FluentRaw {
    pub(crate) code: &'static str,
    pub(crate) severity: Severity,
    pub(crate) path: String,
    pub(crate) id: String,
    pub(crate) message: String,
    pub(crate) source: String,
    pub(crate) target: String,
    pub(crate) span: Option<Span>,
    pub(crate) accepted: Option<String>,
}

fn walk_inline(e: &ast::InlineExpression<&str>, item: &mut Item) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            item.variables.insert(id.name.to_owned());
        }
        ast::InlineExpression::TermReference { id, arguments, .. } => {
            item.terms.insert(id.name.to_owned());
            if let Some(args) = arguments {
                walk_args(args, item);
            }
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => walk_args(arguments, item),
        ast::InlineExpression::Placeable { expression } => walk_expr(expression, item),
        _ => {}
    }
}

fn walk_args(args: &ast::CallArguments<&str>, item: &mut Item) {
    for p in &args.positional {
        walk_inline(p, item);
    }
    for n in &args.named {
        walk_inline(&n.value, item);
    }
}

fn walk_expr(e: &ast::Expression<&str>, item: &mut Item) {
    match e {
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, item);
            if let ast::InlineExpression::VariableReference { id } = selector {
                let keys = variants
                    .iter()
                    .map(|v| match &v.key {
                        ast::VariantKey::Identifier { name } => (*name).to_owned(),
                        ast::VariantKey::NumberLiteral { value } => (*value).to_owned(),
                    })
                    .collect();
                item.selects.push((id.name.to_owned(), keys));
            }
            for v in variants {
                walk_pattern(&v.value, item);
            }
        }
        ast::Expression::Inline(i) => walk_inline(i, item),
    }
}

fn walk_pattern(p: &ast::Pattern<&str>, item: &mut Item) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            walk_expr(expression, item);
        }
    }
}

/// The span of `id` where an entry starts with it.
fn id_span(text: &str, id: &str) -> Span {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(id)
            && rest.trim_start().starts_with('=')
        {
            return Span::new(offset, offset + id.len());
        }
        offset += line.len();
    }
    Span::default()
}

/// Messages (`id`) and terms (`-id`) of a file; parse errors as findings.
fn items(file: &FluentFile, out: &mut Vec<FluentRaw>) -> BTreeMap<String, Item> {
    let resource = match fluent_syntax::parser::parse(file.text.as_str()) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                out.push(FluentRaw {
                    code: "check::fluent-syntax",
                    severity: Severity::Error,
                    path: file.path.clone(),
                    id: String::new(),
                    message: format!("syntax error: {}", e.kind),
                    source: String::new(),
                    target: String::new(),
                    span: Some(Span::new(e.pos.start, e.pos.end)),
                    accepted: None,
                });
            }
            r
        }
    };
    let mut map = BTreeMap::new();
    for entry in &resource.body {
        let (id, value, attributes, comment) = match entry {
            ast::Entry::Message(m) => (
                m.id.name.to_owned(),
                m.value.as_ref(),
                &m.attributes,
                &m.comment,
            ),
            ast::Entry::Term(t) => (
                format!("-{}", t.id.name),
                Some(&t.value),
                &t.attributes,
                &t.comment,
            ),
            _ => continue,
        };
        let mut item = Item {
            span: id_span(&file.text, &id),
            ..Item::default()
        };
        for line in comment.iter().flat_map(|c| c.content.iter()) {
            if let Some(rest) = line.trim().strip_prefix(dayglot_translate::ACCEPT_PREFIX) {
                let rest = rest.trim();
                let (code, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
                item.accepts
                    .insert(code.to_owned(), reason.trim().to_owned());
            }
        }
        if let Some(v) = value {
            walk_pattern(v, &mut item);
        }
        for a in attributes {
            walk_pattern(&a.value, &mut item);
        }
        map.insert(id, item);
    }
    map
}

fn plural_categories(lang: &Lang) -> Option<BTreeSet<String>> {
    let locale = icu_locale_core::Locale::try_from_str(lang.as_str()).ok()?;
    let rules = icu_plurals::PluralRules::try_new_cardinal((&locale).into()).ok()?;
    Some(
        rules
            .categories()
            .map(|c| {
                match c {
                    icu_plurals::PluralCategory::Zero => "zero",
                    icu_plurals::PluralCategory::One => "one",
                    icu_plurals::PluralCategory::Two => "two",
                    icu_plurals::PluralCategory::Few => "few",
                    icu_plurals::PluralCategory::Many => "many",
                    icu_plurals::PluralCategory::Other => "other",
                }
                .to_owned()
            })
            .collect(),
    )
}

const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn names(set: &BTreeSet<String>, sigil: &str) -> String {
    let v: Vec<String> = set.iter().map(|s| format!("{sigil}{s}")).collect();
    if v.is_empty() {
        "none".to_owned()
    } else {
        v.join(", ")
    }
}

/// Compares every language's Fluent files with the source language's, file by file.
pub(crate) fn check_fluent(files: &[FluentFile], source: &Lang, out: &mut Vec<(Lang, FluentRaw)>) {
    let mut by_name: BTreeMap<&str, BTreeMap<&Lang, &FluentFile>> = BTreeMap::new();
    for f in files {
        by_name.entry(f.name()).or_default().insert(&f.lang, f);
    }
    for (_, langs) in by_name {
        let Some(src_file) = langs.get(source) else {
            continue;
        };
        let mut raws = Vec::new();
        let src = items(src_file, &mut raws);
        out.extend(raws.into_iter().map(|r| (source.clone(), r)));
        for (lang, file) in &langs {
            if *lang == source {
                continue;
            }
            let mut raws = Vec::new();
            let tgt = items(file, &mut raws);
            let categories = plural_categories(lang);
            let mut push = |code: &'static str,
                            severity,
                            id: &str,
                            message: String,
                            _s: &Item,
                            t: Option<&Item>| {
                raws.push(FluentRaw {
                    code,
                    severity,
                    path: file.path.clone(),
                    id: id.to_owned(),
                    message,
                    source: format!("{}:{}", src_file.path, id),
                    target: format!("{}:{}", file.path, id),
                    span: t.map(|t| t.span),
                    accepted: t.and_then(|t| t.accepts.get(code)).cloned(),
                });
            };
            for (id, s) in &src {
                let Some(t) = tgt.get(id) else {
                    push(
                        "check::fluent-missing-message",
                        Severity::Error,
                        id,
                        format!("`{id}` of {} is missing", src_file.path),
                        s,
                        None,
                    );
                    continue;
                };
                if s.variables != t.variables {
                    push(
                        "check::fluent-variable",
                        Severity::Error,
                        id,
                        format!(
                            "`{id}` uses the variables {} in the source, {} here",
                            names(&s.variables, "$"),
                            names(&t.variables, "$")
                        ),
                        s,
                        Some(t),
                    );
                }
                if s.terms != t.terms {
                    push(
                        "check::fluent-term",
                        Severity::Error,
                        id,
                        format!(
                            "`{id}` references the terms {} in the source, {} here",
                            names(&s.terms, "-"),
                            names(&t.terms, "-")
                        ),
                        s,
                        Some(t),
                    );
                }
                if let Some(cats) = &categories {
                    for (var, keys) in &t.selects {
                        // A plural select: every key is a category or a number, and at least
                        // one is a category other than `other`.
                        let plural = keys
                            .iter()
                            .all(|k| CATEGORIES.contains(&k.as_str()) || k.parse::<f64>().is_ok())
                            && keys
                                .iter()
                                .any(|k| k != "other" && CATEGORIES.contains(&k.as_str()));
                        if !plural {
                            continue;
                        }
                        // `other` may be left to the default variant; every other category of
                        // the language needs its own variant.
                        let missing: BTreeSet<String> = cats
                            .iter()
                            .filter(|c| *c != "other" && !keys.contains(*c))
                            .cloned()
                            .collect();
                        let unknown: BTreeSet<String> = keys
                            .iter()
                            .filter(|k| CATEGORIES.contains(&k.as_str()) && !cats.contains(*k))
                            .cloned()
                            .collect();
                        if !missing.is_empty() {
                            push(
                                "check::fluent-plural-categories",
                                Severity::Warning,
                                id,
                                format!(
                                    "`{id}` selects on ${var} without the {lang} plural categories {}",
                                    names(&missing, "")
                                ),
                                s,
                                Some(t),
                            );
                        }
                        if !unknown.is_empty() {
                            push(
                                "check::fluent-plural-categories",
                                Severity::Warning,
                                id,
                                format!(
                                    "`{id}` has variants {} that {lang} never selects",
                                    names(&unknown, "")
                                ),
                                s,
                                Some(t),
                            );
                        }
                    }
                }
            }
            for (id, t) in &tgt {
                if !src.contains_key(id) {
                    push(
                        "check::fluent-obsolete-message",
                        Severity::Warning,
                        id,
                        format!("`{id}` is not in {}", src_file.path),
                        t,
                        Some(t),
                    );
                }
            }
            out.extend(raws.into_iter().map(|r| ((*lang).clone(), r)));
        }
        // A language without the file at all.
    }
}
