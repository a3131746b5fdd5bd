//! Page chrome from Fluent files (`locales/<lang>/*.ftl`), with ICU4X behind `NUMBER` and
//! `DATETIME`, and glossary names behind `NAME`.
//!
//! Bidi isolation: Fluent can wrap every placeable in U+2068 … U+2069 so that a name written
//! right to left cannot reorder the text around it. Those marks are invisible but break search,
//! copy-paste and feed readers (`"Day 686" in title` is false), and no output other than an HTML
//! page body needs them: [`Chrome::message`] formats without them (titles, attributes, feeds,
//! Markdown, plain text, JSON), [`Chrome::message_isolated`] with them, for the text of an HTML
//! body, where a placeable (a site name, an outlet, a glossary name) may run in another
//! direction than the message around it.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use dayglot_core::{Diagnostic, Lang, Span};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast;
use intl_memoizer::{IntlLangMemoizer, Memoizable};
use unic_langid::LanguageIdentifier;

use crate::RenderError;
use crate::intl::Intl;

/// The message that names the ICU4X locale used for dates and numbers (`format-locale = en-GB`);
/// the language tag itself when absent.
pub const FORMAT_LOCALE_MESSAGE: &str = "format-locale";

/// Where the chrome finds the glossary's forms of a name, for the `NAME()` Fluent function:
/// `NAME("place/ukraine", case: "genitive")`.
///
/// The render crate does not depend on the glossary: the caller passes an implementation.
pub trait NameForms: Send + Sync {
    /// The form of `entity` in `lang`, in grammatical `case` (the preferred form when `None`).
    fn form(&self, entity: &str, lang: &Lang, case: Option<&str>) -> Option<String>;
}

/// A [`NameForms`] that knows no names: every `NAME()` falls back to the entity id, reported.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoNames;

impl NameForms for NoNames {
    fn form(&self, _entity: &str, _lang: &Lang, _case: Option<&str>) -> Option<String> {
        None
    }
}

/// One `.ftl` file as read by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChromeFile {
    /// Path relative to the project root, `/`-separated (`locales/bg/chrome.ftl`), for diagnostics.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// An argument of a chrome message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A string.
    Str(String),
    /// A number (formatted with the locale's separators; selects plural categories).
    Num(f64),
}

/// The page chrome of every language, with the fallback chain `lang → source language`.
pub struct Chrome {
    source: Lang,
    langs: BTreeMap<Lang, LangChrome>,
}

impl std::fmt::Debug for Chrome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chrome")
            .field("source", &self.source)
            .field("langs", &self.langs.keys())
            .finish()
    }
}

struct LangChrome {
    /// Formats without bidi isolation marks.
    bundle: FluentBundle<FluentResource>,
    /// The same messages, with every placeable isolated (U+2068 … U+2069).
    isolating: FluentBundle<FluentResource>,
    /// The ICU4X locale of dates and numbers (`format-locale`, else the language tag).
    format_locale: String,
    /// `NAME()` lookups that found nothing since the last message was formatted.
    name_misses: Arc<Mutex<Vec<String>>>,
    /// Bad `DATETIME()` arguments since the last message was formatted.
    date_misses: Arc<Mutex<Vec<String>>>,
    files: Vec<String>,
}

impl Chrome {
    /// Builds one Fluent bundle per language from its files. Syntax errors and duplicate
    /// messages are error diagnostics pointing into the file; the rest of the file still loads.
    pub fn new(
        source: Lang,
        files: &BTreeMap<Lang, Vec<ChromeFile>>,
        names: Arc<dyn NameForms>,
    ) -> Result<(Self, Vec<Diagnostic>), RenderError> {
        let mut diagnostics = Vec::new();
        let mut langs = BTreeMap::new();
        for (lang, lang_files) in files {
            let mut resources = Vec::new();
            for file in lang_files {
                let resource = match FluentResource::try_new(file.text.clone()) {
                    Ok(r) => r,
                    Err((r, errors)) => {
                        for e in errors {
                            let d = Diagnostic::error(
                                "fluent::syntax",
                                Span::from(e.pos.clone()),
                                format!("Fluent syntax error: {}", e.kind),
                            )
                            .with_help(
                                "fix the message; see https://projectfluent.org/fluent/guide/",
                            );
                            diagnostics.push(d.for_lang(lang).in_file(file.path.clone()));
                        }
                        r
                    }
                };
                resources.push((file.path.clone(), resource));
            }
            let format_locale = resources
                .iter()
                .find_map(|(_, r)| text_message(r, FORMAT_LOCALE_MESSAGE))
                .unwrap_or_else(|| lang.to_string());
            let langid: LanguageIdentifier =
                format_locale.parse().map_err(|e| RenderError::Locale {
                    locale: format_locale.clone(),
                    reason: format!("{e}"),
                })?;
            // Fail early, with the locale named, if ICU4X cannot format for it.
            Intl::new(&format_locale)?;
            let name_misses = Arc::new(Mutex::new(Vec::new()));
            let date_misses = Arc::new(Mutex::new(Vec::new()));
            let new_bundle = |isolating: bool| {
                let mut bundle = FluentBundle::new(vec![langid.clone()]);
                bundle.set_use_isolating(isolating);
                bundle.set_formatter(Some(format_number));
                add_functions(
                    &mut bundle,
                    lang,
                    &format_locale,
                    &names,
                    &name_misses,
                    &date_misses,
                );
                bundle
            };
            let mut bundle = new_bundle(false);
            let mut isolating = new_bundle(true);
            let mut paths = Vec::new();
            for (path, resource) in resources {
                // The isolating bundle gets its own copy of the resource (errors were reported
                // once, above, and duplicates are reported once, below).
                let copy = FluentResource::try_new(resource.source().to_owned())
                    .unwrap_or_else(|(r, _)| r);
                let _ = isolating.add_resource(copy);
                if let Err(errors) = bundle.add_resource(resource) {
                    for e in errors {
                        let d =
                            Diagnostic::error("fluent::duplicate", Span::default(), format!("{e}"))
                                .with_help("every message id may be defined once per language");
                        diagnostics.push(d.for_lang(lang).in_file(path.clone()));
                    }
                }
                paths.push(path);
            }
            langs.insert(
                lang.clone(),
                LangChrome {
                    bundle,
                    isolating,
                    format_locale,
                    name_misses,
                    date_misses,
                    files: paths,
                },
            );
        }
        if !langs.contains_key(&source) {
            return Err(RenderError::NoSourceChrome { lang: source });
        }
        Ok((Self { source, langs }, diagnostics))
    }

    /// The source language, the end of every fallback chain.
    pub fn source(&self) -> &Lang {
        &self.source
    }

    /// The languages that have chrome.
    pub fn languages(&self) -> impl Iterator<Item = &Lang> {
        self.langs.keys()
    }

    /// Formats message `id` in `lang`, falling back to the source language (with a warning)
    /// when `lang` lacks it, and to the id itself (with an error) when no language has it.
    /// Without bidi isolation marks: for titles, attributes, feeds, Markdown, plain text, JSON.
    pub fn message(
        &self,
        lang: &Lang,
        id: &str,
        args: &[(&str, Arg)],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> String {
        self.format(lang, id, args, false, diagnostics)
    }

    /// [`Chrome::message`] with every placeable isolated (U+2068 … U+2069), for the text of an
    /// HTML page body, where a placeable may run in another direction than its message.
    pub fn message_isolated(
        &self,
        lang: &Lang,
        id: &str,
        args: &[(&str, Arg)],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> String {
        self.format(lang, id, args, true, diagnostics)
    }

    /// The long form of `date` in `lang`'s formatting locale (`9 януари 2024 г.`), the source
    /// language's when `lang` has no chrome; `None` if ICU4X cannot format it.
    pub fn long_date(&self, lang: &Lang, date: dayglot_core::Date) -> Option<String> {
        let chrome = self
            .langs
            .get(lang)
            .or_else(|| self.langs.get(&self.source))?;
        Intl::new(&chrome.format_locale).ok()?.date(date)
    }

    fn format(
        &self,
        lang: &Lang,
        id: &str,
        args: &[(&str, Arg)],
        isolating: bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> String {
        let chain: Vec<&Lang> = if *lang == self.source {
            vec![lang]
        } else {
            vec![lang, &self.source]
        };
        for (i, l) in chain.iter().enumerate() {
            let Some(chrome) = self.langs.get(*l) else {
                continue;
            };
            let bundle = if isolating {
                &chrome.isolating
            } else {
                &chrome.bundle
            };
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            if i > 0 {
                let d = Diagnostic::warning(
                    "fluent::missing-message",
                    Span::default(),
                    format!("message `{id}` is missing in {lang}; the {l} text is shown"),
                )
                .with_help(format!("add `{id} = ...` to a Fluent file of {lang}"));
                diagnostics.push(d.for_lang(lang));
            }
            let mut fluent_args = FluentArgs::new();
            for (name, value) in args {
                match value {
                    Arg::Str(s) => fluent_args.set(*name, FluentValue::from(s.clone())),
                    Arg::Num(n) => fluent_args.set(*name, FluentValue::from(*n)),
                }
            }
            let mut errors = Vec::new();
            let text = bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned();
            let file = chrome.files.first().cloned();
            for e in errors {
                let d = Diagnostic::error(
                    "fluent::format",
                    Span::default(),
                    format!("message `{id}` in {l}: {e}"),
                )
                .with_help("check the message's variables and references");
                diagnostics.push(match &file {
                    Some(f) => d.for_lang(l).in_file(f.clone()),
                    None => d.for_lang(l),
                });
            }
            for entity in drain(&chrome.name_misses) {
                let d = Diagnostic::warning(
                    "render::unknown-name",
                    Span::default(),
                    format!("message `{id}` in {l}: the glossary has no form of `{entity}`; the id is shown"),
                )
                .with_help(format!("add `{entity}` with its {l} forms to the glossary"));
                diagnostics.push(d.for_lang(l));
            }
            for arg in drain(&chrome.date_misses) {
                let d = Diagnostic::error(
                    "fluent::bad-date",
                    Span::default(),
                    format!("message `{id}` in {l}: DATETIME() got `{arg}`, not a YYYY-MM-DD date"),
                );
                diagnostics.push(d.for_lang(l));
            }
            return text;
        }
        let d = Diagnostic::error(
            "fluent::missing-message",
            Span::default(),
            format!(
                "message `{id}` is defined in no language of the chain {lang} → {}",
                self.source
            ),
        )
        .with_help(format!(
            "add `{id} = ...` to a Fluent file of {}",
            self.source
        ));
        diagnostics.push(d.for_lang(lang));
        id.to_owned()
    }
}

fn drain(misses: &Mutex<Vec<String>>) -> Vec<String> {
    std::mem::take(&mut *misses.lock().unwrap_or_else(PoisonError::into_inner))
}

/// The text of a message made of plain text only (`format-locale = en-GB`), read from the AST
/// before the bundle exists (the bundle's locale depends on it).
fn text_message(resource: &FluentResource, id: &str) -> Option<String> {
    resource.entries().find_map(|entry| match entry {
        ast::Entry::Message(m) if m.id.name == id => {
            let elements = &m.value.as_ref()?.elements;
            match elements.as_slice() {
                [ast::PatternElement::TextElement { value }] => Some(value.trim().to_owned()),
                _ => None,
            }
        }
        _ => None,
    })
}

/// ICU4X number formatting for one bundle locale, memoized per bundle.
struct NumberFormat(Intl);

impl Memoizable for NumberFormat {
    type Args = ();
    type Error = ();
    fn construct(lang: LanguageIdentifier, _args: ()) -> Result<Self, ()> {
        Intl::new(&lang.to_string()).map(Self).map_err(|_| ())
    }
}

/// The bundle's number formatter: locale grouping and decimal separators (fluent-rs alone has
/// neither).
fn format_number(value: &FluentValue<'_>, memo: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let text = n.as_string();
    memo.with_try_get::<NumberFormat, _, _>((), |f| f.0.number(&text))
        .ok()
        .flatten()
}

fn add_functions(
    bundle: &mut FluentBundle<FluentResource>,
    lang: &Lang,
    format_locale: &str,
    names: &Arc<dyn NameForms>,
    name_misses: &Arc<Mutex<Vec<String>>>,
    date_misses: &Arc<Mutex<Vec<String>>>,
) {
    let _ = bundle.add_builtins();
    let locale = format_locale.to_owned();
    let misses = Arc::clone(date_misses);
    // `DATETIME($date)`: the long date form of the locale (`10 січня 2024 р.`).
    let _ = bundle.add_function("DATETIME", move |positional, _named| {
        let arg = match positional.first() {
            Some(FluentValue::String(s)) => s.to_string(),
            _ => String::new(),
        };
        let formatted = arg
            .parse::<dayglot_core::Date>()
            .ok()
            .and_then(|d| Intl::new(&locale).ok()?.date(d));
        match formatted {
            Some(s) => FluentValue::from(s),
            None => {
                misses
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(arg);
                FluentValue::Error
            }
        }
    });
    let names = Arc::clone(names);
    let lang = lang.clone();
    let misses = Arc::clone(name_misses);
    // `NAME("place/ukraine", case: "genitive")`: the glossary's form.
    let _ = bundle.add_function("NAME", move |positional, named| {
        let entity = match positional.first() {
            Some(FluentValue::String(s)) => s.to_string(),
            _ => String::new(),
        };
        let case = match named.get("case") {
            Some(FluentValue::String(s)) => Some(s.to_string()),
            _ => None,
        };
        match names.form(&entity, &lang, case.as_deref()) {
            Some(form) => FluentValue::from(form),
            None => {
                misses
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(entity.clone());
                FluentValue::from(entity)
            }
        }
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    struct OneName;
    impl NameForms for OneName {
        fn form(&self, entity: &str, lang: &Lang, case: Option<&str>) -> Option<String> {
            match (entity, lang.as_str(), case) {
                ("place/ukraine", "uk", Some("accusative")) => Some("Україну".into()),
                ("place/ukraine", _, None) => Some("Ukraine".into()),
                _ => None,
            }
        }
    }

    fn chrome(files: &[(&str, &str)]) -> (Chrome, Vec<Diagnostic>) {
        let map = files
            .iter()
            .map(|(lang, text)| {
                let lang = Lang::parse(lang).unwrap();
                let file = ChromeFile {
                    path: format!("locales/{lang}/chrome.ftl"),
                    text: (*text).into(),
                };
                (lang, vec![file])
            })
            .collect();
        Chrome::new(Lang::parse("en").unwrap(), &map, Arc::new(OneName)).unwrap()
    }

    /// Formats without bidi marks, for readable assertions.
    fn plain(
        c: &Chrome,
        lang: &str,
        id: &str,
        args: &[(&str, Arg)],
        d: &mut Vec<Diagnostic>,
    ) -> String {
        c.message(&Lang::parse(lang).unwrap(), id, args, d)
            .replace(['\u{2068}', '\u{2069}'], "")
    }

    #[test]
    fn plurals_numbers_dates_names_and_the_fallback_chain() {
        let en = "format-locale = en-GB\nn = { $count } events\nonly-en = English only\ndate = { DATETIME($date) }\n";
        let uk = "n = { $count ->\n [one] { $count } подія\n [few] { $count } події\n [many] { $count } подій\n *[other] { $count } події\n}\n\
                  t = вторгнення в { NAME(\"place/ukraine\", case: \"accusative\") }\nx = { NAME(\"person/nobody\") }\ndate = { DATETIME($date) }\n";
        let (c, d) = chrome(&[("en", en), ("uk", uk)]);
        assert!(d.is_empty(), "{d:?}");
        let mut d = Vec::new();
        let n = |v: f64| [("count", Arg::Num(v))];
        assert_eq!(plain(&c, "uk", "n", &n(1.0), &mut d), "1 подія");
        assert_eq!(plain(&c, "uk", "n", &n(3.0), &mut d), "3 події");
        assert_eq!(plain(&c, "uk", "n", &n(5.0), &mut d), "5 подій");
        assert_eq!(
            plain(&c, "uk", "n", &n(12345.0), &mut d),
            "12\u{a0}345 подій"
        );
        assert_eq!(plain(&c, "en", "n", &n(12345.0), &mut d), "12,345 events");
        assert_eq!(plain(&c, "uk", "t", &[], &mut d), "вторгнення в Україну");
        assert_eq!(
            plain(
                &c,
                "en",
                "date",
                &[("date", Arg::Str("2024-01-10".into()))],
                &mut d
            ),
            "10 January 2024"
        );
        assert_eq!(
            plain(
                &c,
                "uk",
                "date",
                &[("date", Arg::Str("2024-01-10".into()))],
                &mut d
            ),
            "10 січня 2024\u{202f}р."
        );
        assert!(d.is_empty(), "{d:?}");
        // Isolation only where asked for (HTML bodies); never in plain messages.
        assert_eq!(
            c.message_isolated(&Lang::parse("uk").unwrap(), "t", &[], &mut d),
            "вторгнення в \u{2068}Україну\u{2069}"
        );
        assert_eq!(
            c.message(&Lang::parse("uk").unwrap(), "t", &[], &mut d),
            "вторгнення в Україну"
        );
        assert!(d.is_empty(), "{d:?}");

        assert_eq!(plain(&c, "uk", "only-en", &[], &mut d), "English only");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "fluent::missing-message");
        assert_eq!(plain(&c, "uk", "x", &[], &mut d), "person/nobody");
        assert_eq!(d[1].code, "render::unknown-name");
        assert_eq!(plain(&c, "uk", "nowhere", &[], &mut d), "nowhere");
        assert_eq!(d[2].code, "fluent::missing-message");
        assert_eq!(d[2].severity, dayglot_core::Severity::Error);
        assert_eq!(
            plain(
                &c,
                "en",
                "date",
                &[("date", Arg::Str("yesterday".into()))],
                &mut d
            ),
            "DATETIME()"
        );
        assert_eq!(d[3].code, "fluent::bad-date");
    }

    #[test]
    fn long_dates_in_each_formatting_locale_and_the_source_for_a_language_without_chrome() {
        let (c, _) = chrome(&[("en", "format-locale = en-GB\n"), ("uk", "x = y\n")]);
        let date: dayglot_core::Date = "2024-01-09".parse().unwrap();
        let lang = |l: &str| Lang::parse(l).unwrap();
        assert_eq!(
            c.long_date(&lang("en"), date).as_deref(),
            Some("9 January 2024")
        );
        assert_eq!(
            c.long_date(&lang("uk"), date).as_deref(),
            Some("9 січня 2024\u{202f}р.")
        );
        assert_eq!(
            c.long_date(&lang("de"), date).as_deref(),
            Some("9 January 2024")
        );
    }

    #[test]
    fn a_duplicate_is_reported_once_although_two_bundles_load_the_file() {
        let (c, d) = chrome(&[("en", "a = one { $x }\na = two\n")]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "fluent::duplicate");
        let mut d = Vec::new();
        let en = Lang::parse("en").unwrap();
        let x = [("x", Arg::Str("1".into()))];
        assert_eq!(c.message(&en, "a", &x, &mut d), "one 1");
        assert_eq!(
            c.message_isolated(&en, "a", &x, &mut d),
            "one \u{2068}1\u{2069}"
        );
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let (_, d) = chrome(&[("en", "ok = fine\nbroken = { $x\n")]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "fluent::syntax");
        assert_eq!(d[0].file.as_deref(), Some("locales/en/chrome.ftl"));
        assert!(d[0].span.start >= "ok = fine\n".len());
    }
}
