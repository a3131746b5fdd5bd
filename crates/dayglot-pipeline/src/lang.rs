//! `dayglot lang add TAG`: scaffold a language so that it publishes at once, with a visible
//! fallback, and every file a translator must correct already written (not written from nothing).

use dayglot_core::Lang;
use dayglot_glossary::{Glossary, Scheme};
use dayglot_project::Project;
use dayglot_render::{LocaleFacts, locale_facts};

use crate::Error;
use crate::glossary::{load_glossary, load_schemes};

/// The files of a new language: name (in `locales/<tag>/`) and text; and an empty catalog per day.
#[derive(Debug, Clone)]
pub struct Scaffold {
    /// The language.
    pub lang: Lang,
    /// `chrome.ftl`, `check.toml`, `ingest.toml`, `glossary.toml`.
    pub locale_files: Vec<(String, String)>,
    /// One empty catalog per day of the corpus.
    pub catalogs: Vec<(dayglot_core::DayId, String)>,
}

/// Plans the files of a new language. Refuses a tag that is already a language of the project.
pub fn scaffold(project: &Project, tag: &str) -> Result<Scaffold, Error> {
    let lang = Lang::parse(tag).map_err(|e| Error::Refused(e.to_string()))?;
    if project.languages()?.contains(&lang) {
        return Err(Error::Refused(format!(
            "{lang} is already a language of this project"
        )));
    }
    let source = project.config.source_lang.clone();
    let facts = locale_facts(lang.as_str())?;
    // CLDR's root locale names months `M01`…: a tag CLDR does not know (a country code such as
    // `ua`, a typo) falls back to it.
    if facts
        .months
        .first()
        .is_some_and(|(m, _)| m.starts_with("m0"))
    {
        let hint = project
            .languages()?
            .into_iter()
            .find(|l| strsim::damerau_levenshtein(l.as_str(), lang.as_str()) <= 1)
            .map(|l| format!("; did you mean `{l}`?"))
            .unwrap_or_default();
        return Err(Error::Refused(format!(
            "CLDR has no language `{lang}`{hint} (a language tag is ISO 639: `uk` is Ukrainian, `ua` a country)"
        )));
    }
    let latin = facts
        .months
        .iter()
        .flat_map(|(m, _)| m.chars())
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_ascii() || ('\u{00c0}'..='\u{024f}').contains(&c));
    let mut chrome = String::new();
    for file in project.chrome_files(&source)? {
        chrome.push_str(&chrome_template(&lang, &source, &file.text));
    }
    let glossary = match load_glossary(project)? {
        Some(g) => glossary_template(&lang, &g.glossary, &load_schemes(project)?, latin),
        None => String::new(),
    };
    let mut catalogs = Vec::new();
    for day in project.days()? {
        let loaded = project.load_day(day)?;
        let po = dayglot_translate::to_po(
            &loaded.ingested.document,
            None,
            &lang,
            dayglot_translate::Update::Keep,
        );
        catalogs.push((day, po));
    }
    Ok(Scaffold {
        locale_files: vec![
            ("chrome.ftl".into(), chrome),
            ("check.toml".into(), check_template(&lang, &facts, latin)),
            ("ingest.toml".into(), ingest_template(&lang, &facts)),
            ("glossary.toml".into(), glossary),
        ],
        lang,
        catalogs,
    })
}

/// The source language's Fluent file with every message commented out and marked for
/// translation (so it falls back visibly), but `format-locale`, which is set to the new tag.
fn chrome_template(lang: &Lang, source: &Lang, text: &str) -> String {
    let mut out = format!(
        "# Page chrome of {lang}, scaffolded by `dayglot lang add {lang}` from the {source} chrome.\n\
         # Every message is commented out and marked TRANSLATE: until it is translated, pages show\n\
         # the {source} text, marked as a fallback. Translate a message, then remove its `# `.\n\
         # Plural categories of {lang} (CLDR), for selectors on numbers: see check.toml.\n\n"
    );
    let mut in_entry = false;
    for line in text.lines() {
        let starts_entry = line
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '-');
        if starts_entry && line.starts_with("format-locale") {
            out.push_str(&format!("format-locale = {lang}\n"));
            in_entry = false;
            continue;
        }
        if starts_entry && only_placeables(line) {
            // `publication-date = { DATETIME($date) }` says nothing in any language: keep it,
            // so that it formats in the new language's locale at once.
            out.push_str(line);
            out.push('\n');
            in_entry = false;
            continue;
        }
        if starts_entry {
            let id = line.split('=').next().unwrap_or("").trim();
            out.push_str(&format!("# TRANSLATE: {id}\n"));
            in_entry = true;
        } else if line.is_empty() || line.starts_with('#') {
            in_entry = false;
        }
        if in_entry || starts_entry {
            out.push_str("# ");
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Whether a one-line message's value is only placeables (`{ DATETIME($date) }`), no words.
fn only_placeables(line: &str) -> bool {
    let Some((_, value)) = line.split_once('=') else {
        return false;
    };
    let mut depth = 0usize;
    let mut words = false;
    for c in value.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            c if depth == 0 && c.is_alphanumeric() => words = true,
            _ => {}
        }
    }
    !words && value.contains('{') && !value.contains("->")
}

fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{a0}' || c == '\u{202f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `check.toml` from CLDR: separators, month names in both forms, a script, and quotation-mark
/// pairs for the translator to confirm.
fn check_template(lang: &Lang, facts: &LocaleFacts, latin: bool) -> String {
    let months: Vec<String> = facts
        .months
        .iter()
        .enumerate()
        .flat_map(|(i, (alone, in_date))| {
            let mut v = vec![format!("{} = {}", toml_str(alone), i + 1)];
            if in_date != alone {
                v.push(format!("{} = {}", toml_str(in_date), i + 1));
            }
            v
        })
        .collect();
    let groups: Vec<String> = [facts.group.as_str(), "\u{a0}", "\u{202f}"]
        .iter()
        .filter(|g| !g.is_empty())
        .map(|g| toml_str(g))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    format!(
        "# Check rules of {lang}, generated by `dayglot lang add {lang}` from CLDR (ICU4X compiled data).\n\
         # REVIEW every value: correct it for how {lang} newsrooms write. CLDR long date: {date}\n\
         # CLDR plural categories of {lang}: {plurals} (the chrome's selectors on numbers need each).\n\n\
         [language]\nscript = \"{script}\"\ndecimal = {decimal}\ngroup = [{groups}]\nallow = []\n\n\
         [quotes]\n# REVIEW: the quotation marks of {lang} (outer pair first).\npairs = [[\"„\", \"”\"], [\"«\", \"»\"], [\"“\", \"”\"]]\n\n\
         [numbers]\n# REVIEW: number words of {lang} (`two = 2`), scales, `times`, `half`, `minus`.\nwords = {{}}\nscales = {{}}\ntimes = []\nhalf = []\nminus = []\npm = []\n\n\
         [dates]\nmonths = {{ {months} }}\nholidays = {{}}\n\n[names]\nderived = {{}}\n",
        date = facts.long_date,
        plurals = facts.plural_categories.join(", "),
        script = if latin { "Latn" } else { "Cyrl" },
        decimal = toml_str(&facts.decimal),
        groups = groups.join(", "),
        months = months.join(", "),
    )
}

/// `ingest.toml`: month names from CLDR, the rest for the translator to fill in.
fn ingest_template(lang: &Lang, facts: &LocaleFacts) -> String {
    let months: Vec<String> = facts
        .months
        .iter()
        .map(|(alone, in_date)| {
            if alone == in_date {
                format!("[{}]", toml_str(alone))
            } else {
                format!("[{}, {}]", toml_str(in_date), toml_str(alone))
            }
        })
        .collect();
    format!(
        "# Parsing rules for {lang} summaries, scaffolded by `dayglot lang add {lang}`.\n\
         # REVIEW: abbreviations that never end a sentence, attribution verbs (`said`), and the words\n\
         # that introduce a day number in a title (\"Day 686\"). Month names are from CLDR.\n\n\
         abbreviations = []\nattribution_verbs = []\nattribution_via = []\nseries_words = []\n\n\
         months = [\n  {}\n]\n",
        months.join(",\n  ")
    )
}

/// `glossary.toml`: every entity of the registry, pre-filled from its native form
/// (transliterated into Latin script when the language is written in it), each marked REVIEW.
fn glossary_template(
    lang: &Lang,
    glossary: &Glossary,
    schemes: &std::collections::BTreeMap<String, Scheme>,
    latin: bool,
) -> String {
    let mut out = format!(
        "# Glossary of {lang}, scaffolded by `dayglot lang add {lang}`: every entity of\n\
         # locales/glossary/entities.toml, pre-filled from its native name. REVIEW each entry: write the\n\
         # form {lang} newsrooms use, add case forms and variants, then delete its REVIEW line.\n\n\
         [language]\nlang = \"{lang}\"\ncases = []\n"
    );
    for entity in glossary.entities() {
        let native = entity.native.clone().unwrap_or_else(|| entity.id.clone());
        let native_lang = entity.native_lang.as_ref().map(Lang::as_str).unwrap_or("");
        let native_is_latin = native
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_ascii() || ('\u{00c0}'..='\u{024f}').contains(&c));
        let (form, how) = if latin && !native_is_latin {
            let prefix = format!("{native_lang}-latn");
            match schemes.iter().find(|(id, _)| id.starts_with(&prefix)) {
                Some((id, scheme)) => (
                    scheme.apply(&native),
                    format!("transliterated from {native_lang} by {id}"),
                ),
                None => (
                    native.clone(),
                    format!("the native {native_lang} form; no scheme to Latin script"),
                ),
            }
        } else {
            (native.clone(), format!("the native {native_lang} form"))
        };
        // An existing translation in the source language helps for terms and organisations.
        let form = if matches!(
            entity.kind,
            dayglot_glossary::Kind::Term | dayglot_glossary::Kind::Organisation
        ) {
            entity
                .forms
                .iter()
                .find(|(l, _)| l.primary() == "en")
                .map(|(_, f)| f.preferred.clone())
                .filter(|_| latin && !native_is_latin)
                .unwrap_or(form)
        } else {
            form
        };
        out.push_str(&format!(
            "\n# REVIEW: {how}.\n[[entity]]\nid = {}\npreferred = {}\n",
            toml_str(&entity.id),
            toml_str(&form)
        ));
    }
    out
}
