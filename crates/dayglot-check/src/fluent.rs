//! Fluent files of every language against the source language's.

use std::collections::{BTreeMap, BTreeSet};

use dayglot_core::{Lang, Severity, Span};
use dayglot_translate::Acceptance;
use fluent_syntax::ast;

use crate::Finding;

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
    /// `$variables` used anywhere in a message (a term's own are its parameters, not counted).
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
fn items(file: &FluentFile, out: &mut Vec<Finding>) -> BTreeMap<String, Item> {
    let resource = match fluent_syntax::parser::parse(file.text.as_str()) {
        Ok(r) => r,
        Err((r, errors)) => {
            out.extend(errors.into_iter().map(|e| {
                let message = format!("syntax error: {}", e.kind);
                Finding::at_message("check::fluent-syntax", Severity::Error, file, "", message)
                    .with_spans(None, Some(Span::new(e.pos.start, e.pos.end)))
            }));
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
        let lines = comment.iter().flat_map(|c| c.content.iter().copied());
        let mut item = Item {
            span: id_span(&file.text, &id),
            accepts: Acceptance::parse_lines(lines)
                .into_iter()
                .map(|a| (a.code, a.reason))
                .collect(),
            ..Item::default()
        };
        for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
            walk_pattern(pattern, &mut item);
        }
        // A term sees no variable of the message that uses it: its `$variables` are its own
        // parameters (`-series(case: "genitive")`), which no translation has to share.
        if matches!(entry, ast::Entry::Term(_)) {
            item.variables.clear();
        }
        map.insert(id, item);
    }
    map
}

fn plural_categories(lang: &Lang) -> Option<BTreeSet<String>> {
    let locale = icu_locale_core::Locale::try_from_str(lang.as_str()).ok()?;
    let mut rules = icu_plurals::PluralRules::try_new_cardinal((&locale).into()).ok()?;
    // CLDR has no rules for some script variants (`sr-Latn` falls back to the root, `other` for
    // every number) while Fluent selects by the language (`sr`): check what Fluent does.
    if rules.categories().count() == 1 && lang.primary() != lang.as_str() {
        let primary = icu_locale_core::Locale::try_from_str(lang.primary()).ok()?;
        rules = icu_plurals::PluralRules::try_new_cardinal((&primary).into()).ok()?;
    }
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
pub(crate) fn check_fluent(files: &[FluentFile], source: &Lang) -> Vec<Finding> {
    let mut by_name: BTreeMap<&str, BTreeMap<&Lang, &FluentFile>> = BTreeMap::new();
    for f in files {
        by_name.entry(f.name()).or_default().insert(&f.lang, f);
    }
    let mut out = Vec::new();
    for (_, langs) in by_name {
        let Some(src_file) = langs.get(source) else {
            continue;
        };
        let src = items(src_file, &mut out);
        for (lang, file) in &langs {
            if *lang != source {
                compare_file((src_file, &src), file, &mut out);
            }
        }
    }
    out
}

/// One language's file against the source language's (the file and its items).
fn compare_file(
    (src_file, src): (&FluentFile, &BTreeMap<String, Item>),
    file: &FluentFile,
    out: &mut Vec<Finding>,
) {
    let tgt = items(file, out);
    let categories = plural_categories(&file.lang);
    let finding =
        |code: &'static str, severity, id: &str, message: String, t: Option<&Item>| Finding {
            source: format!("{}:{}", src_file.path, id),
            target: format!("{}:{}", file.path, id),
            target_span: t.map(|t| t.span),
            accepted: t.and_then(|t| t.accepts.get(code)).cloned(),
            ..Finding::at_message(code, severity, file, id, message)
        };
    for (id, s) in src {
        let Some(t) = tgt.get(id) else {
            let message = format!("`{id}` of {} is missing", src_file.path);
            out.push(finding(
                "check::fluent-missing-message",
                Severity::Error,
                id,
                message,
                None,
            ));
            continue;
        };
        for (code, severity, message) in compare_item(id, s, t, &file.lang, categories.as_ref()) {
            out.push(finding(code, severity, id, message, Some(t)));
        }
    }
    for (id, t) in &tgt {
        if !src.contains_key(id) {
            let message = format!("`{id}` is not in {}", src_file.path);
            out.push(finding(
                "check::fluent-obsolete-message",
                Severity::Warning,
                id,
                message,
                Some(t),
            ));
        }
    }
}

/// What differs between a message of the source (`s`) and its translation (`t`): variables,
/// terms, plural categories.
fn compare_item(
    id: &str,
    s: &Item,
    t: &Item,
    lang: &Lang,
    categories: Option<&BTreeSet<String>>,
) -> Vec<(&'static str, Severity, String)> {
    let mut out = Vec::new();
    if s.variables != t.variables {
        // A misspelt variable: say which of the source's it stands for.
        let hints: Vec<String> = t
            .variables
            .iter()
            .filter(|v| !s.variables.contains(*v))
            .filter_map(|v| {
                s.variables
                    .iter()
                    .filter(|w| !t.variables.contains(*w))
                    .min_by_key(|w| strsim::damerau_levenshtein(v, w))
                    .filter(|w| strsim::damerau_levenshtein(v, w) <= 2)
                    .map(|w| format!("`${v}`: did you mean `${w}`?"))
            })
            .collect();
        let mut message = format!(
            "`{id}` uses the variables {} in the source, {} here",
            names(&s.variables, "$"),
            names(&t.variables, "$")
        );
        if !hints.is_empty() {
            message.push_str(&format!("; {}", hints.join("; ")));
        }
        out.push(("check::fluent-variable", Severity::Error, message));
    }
    if s.terms != t.terms {
        let message = format!(
            "`{id}` references the terms {} in the source, {} here",
            names(&s.terms, "-"),
            names(&t.terms, "-")
        );
        out.push(("check::fluent-term", Severity::Error, message));
    }
    if let Some(cats) = categories {
        for (var, keys) in &t.selects {
            out.extend(
                plural_findings(id, var, keys, lang, cats)
                    .into_iter()
                    .map(|m| ("check::fluent-plural-categories", Severity::Warning, m)),
            );
        }
    }
    out
}

/// The messages about a select on `$var` with `keys`, if it is a plural select: categories of
/// `lang` it lacks, and categories `lang` never selects.
fn plural_findings(
    id: &str,
    var: &str,
    keys: &BTreeSet<String>,
    lang: &Lang,
    cats: &BTreeSet<String>,
) -> Vec<String> {
    let is_category = |k: &String| CATEGORIES.contains(&k.as_str());
    // A plural select: every key is a category or a number, and at least one is a category
    // other than `other`.
    let plural = keys
        .iter()
        .all(|k| is_category(k) || k.parse::<f64>().is_ok())
        && keys.iter().any(|k| k != "other" && is_category(k));
    if !plural {
        return Vec::new();
    }
    // `other` may be left to the default variant; every other category of the language needs
    // its own variant.
    let missing: BTreeSet<String> = cats
        .iter()
        .filter(|c| *c != "other" && !keys.contains(*c))
        .cloned()
        .collect();
    let unknown: BTreeSet<String> = keys
        .iter()
        .filter(|k| is_category(k) && !cats.contains(*k))
        .cloned()
        .collect();
    let mut out = Vec::new();
    if !missing.is_empty() {
        out.push(format!(
            "`{id}` selects on ${var} without the {lang} plural categories {}",
            names(&missing, "")
        ));
    }
    if !unknown.is_empty() {
        out.push(format!(
            "`{id}` has variants {} that {lang} never selects",
            names(&unknown, "")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(lang: &str, text: &str) -> FluentFile {
        FluentFile {
            lang: Lang::parse(lang).expect("a tag"),
            path: format!("locales/{lang}/chrome.ftl"),
            text: text.to_owned(),
        }
    }

    /// `code lang id [accepted: reason]` of every finding.
    fn check(files: &[FluentFile]) -> Vec<String> {
        let en = Lang::parse("en").expect("a tag");
        check_fluent(files, &en)
            .into_iter()
            .map(|f| {
                let at = format!("{} {} {}", f.code, f.lang, f.location.id());
                match f.accepted {
                    Some(reason) => format!("{at} accepted: {reason}"),
                    None => at,
                }
            })
            .collect()
    }

    #[test]
    fn a_terms_own_parameters_are_no_variables_of_the_page() {
        let en = file(
            "en",
            "-series = the invasion of Ukraine\nday-title = Day { $day } of { -series }\n",
        );
        let de = file(
            "de",
            "-series = { $case ->\n    [genitive] der Invasion\n   *[nominative] die Invasion\n}\n\
             day-title = Tag { $day } { -series(case: \"genitive\") }\n",
        );
        assert_eq!(check(&[en.clone(), de]), Vec::<String>::new());
        // A message's variables are still compared.
        let de = file(
            "de",
            "-series = { $case ->\n   *[nominative] die Invasion\n}\n\
             day-title = Tag 686 { -series(case: \"genitive\") }\n",
        );
        assert_eq!(check(&[en, de]), ["check::fluent-variable de day-title"]);
    }

    #[test]
    fn acceptances_in_fluent_comments_read_like_po_ones() {
        let en = file("en", "day-title = Day { $day }\n");
        let bg = file(
            "bg",
            "# A note for translators.\n\
             # dayglot-accept: check::fluent-variable the day is written\n\
             # in words in this title\n\
             day-title = Ден шестстотин осемдесет и шест\n",
        );
        assert_eq!(
            check(&[en, bg]),
            [
                "check::fluent-variable bg day-title accepted: the day is written in words in this title"
            ]
        );
    }
}
