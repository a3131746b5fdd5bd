//! Languages made from another by transliteration (`locales/<lang>/derived.toml`): Serbian Latin
//! from Serbian Cyrillic, as Serbian newsrooms publish both. The derived edition, glossary, check
//! rules and chrome are transliterated from the base language's at run time, so nothing is
//! translated twice and nothing drifts apart.

use std::collections::BTreeMap;

use dayglot_core::{Document, Lang, Segment, Span};
use dayglot_glossary::Scheme;
use dayglot_project::{Project, TextFile};
use dayglot_translate::Translation;

use crate::Error;
use crate::glossary::load_schemes;

/// A derived language: its base language and the scheme that makes it.
#[derive(Debug, Clone)]
pub struct Derived {
    /// The derived language (`sr-Latn`).
    pub lang: Lang,
    /// The language it is made from (`sr-Cyrl`).
    pub from: Lang,
    /// The transliteration.
    pub scheme: Scheme,
}

impl Derived {
    /// The scheme's id.
    pub fn scheme_id(&self) -> &str {
        &self.scheme.id
    }

    /// A text of the base language, in the derived one.
    pub fn text(&self, text: &str) -> String {
        self.scheme.apply(text)
    }

    /// A segment in the derived script, its quotation and attribution spans moved with it.
    pub fn segment(&self, seg: &mut Segment) {
        let old = std::mem::take(&mut seg.text);
        // A span's ends move to the length of the transliterated text before them.
        let at = |offset: usize| {
            old.get(..offset)
                .map_or(offset, |prefix| self.scheme.apply(prefix).len())
        };
        for q in &mut seg.quotes {
            q.span = Span::new(at(q.span.start), at(q.span.end));
        }
        if let Some(a) = &mut seg.attribution {
            a.span = Span::new(at(a.span.start), at(a.span.end));
        }
        seg.text = self.scheme.apply(&old);
    }

    /// A whole document in the derived language.
    pub fn document(&self, doc: &Document) -> Document {
        let mut out = doc.clone();
        out.lang = self.lang.clone();
        out.for_each_segment_mut(|s| self.segment(s));
        out
    }

    /// The base language's translation of a day, in the derived language (same states,
    /// acceptances and notes; the findings point into the base language's catalog).
    pub fn translation(&self, base: &Translation) -> Translation {
        let mut t = base.clone();
        t.document = self.document(&base.document);
        t
    }

    /// A locale file of the base language, transliterated: every value and comment in the
    /// derived script (keys, ids and variables are ASCII and stay as they are), with the base
    /// language's tag replaced by the derived one where it names the file's language.
    pub fn locale_file(&self, base: &TextFile, path: String) -> TextFile {
        let mut text = String::with_capacity(base.text.len());
        for line in base.text.lines() {
            let t = line.trim_start();
            let names_lang = (t.starts_with("lang") || t.starts_with("format-locale"))
                && line.contains(self.from.as_str());
            if names_lang {
                text.push_str(&line.replace(self.from.as_str(), self.lang.as_str()));
            } else if t.starts_with("script") && t.contains("Cyrl") {
                text.push_str(&line.replace("Cyrl", "Latn"));
            } else {
                text.push_str(&self.scheme.apply(line));
            }
            text.push('\n');
        }
        TextFile { path, text }
    }
}

/// Every derived language of the project, by tag.
pub fn derived_languages(project: &Project) -> Result<BTreeMap<Lang, Derived>, Error> {
    let mut out = BTreeMap::new();
    let mut schemes = None;
    for lang in project.languages()? {
        let Some(d) = project.derivation(&lang)? else {
            continue;
        };
        if schemes.is_none() {
            schemes = Some(load_schemes(project)?);
        }
        let scheme = schemes
            .as_ref()
            .and_then(|s| s.get(&d.scheme))
            .cloned()
            .ok_or_else(|| {
                Error::Refused(format!(
                    "locales/{lang}/derived.toml names the scheme `{}`, which is not in locales/translit/",
                    d.scheme
                ))
            })?;
        out.insert(
            lang.clone(),
            Derived {
                lang,
                from: d.from,
                scheme,
            },
        );
    }
    Ok(out)
}

/// The Fluent files of a language: its own; for a derived language one file of the same name
/// as each base file, its own messages first (so their lines stay where they are in the file)
/// and then the base language's, transliterated, without the ones it defines itself
/// (`format-locale`, `language-name`).
pub fn chrome_files(
    project: &Project,
    lang: &Lang,
    derived: &BTreeMap<Lang, Derived>,
) -> Result<Vec<TextFile>, Error> {
    let own = project.chrome_files(lang)?;
    let Some(d) = derived.get(lang) else {
        return Ok(own);
    };
    let defined: Vec<String> = own.iter().flat_map(|f| message_ids(&f.text)).collect();
    let mut files = Vec::new();
    for base in project.chrome_files(&d.from)? {
        let name = base.path.rsplit('/').next().unwrap_or("chrome.ftl");
        let own_file = own.iter().find(|f| f.path.ends_with(&format!("/{name}")));
        let path = own_file.map_or_else(
            || base.path.replace(d.from.as_str(), lang.as_str()),
            |f| f.path.clone(),
        );
        let kept = TextFile {
            path: base.path.clone(),
            text: without_messages(&base.text, &defined),
        };
        let mut text = own_file.map(|f| f.text.clone()).unwrap_or_default();
        text.push_str(&format!(
            "\n# The messages below are {}'s, transliterated ({}).\n\n",
            d.from,
            d.scheme_id()
        ));
        text.push_str(&d.locale_file(&kept, String::new()).text);
        files.push(TextFile { path, text });
    }
    Ok(files)
}

/// The ids of the messages and terms a Fluent text defines.
fn message_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| {
            l.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '-')
        })
        .filter_map(|l| l.split('=').next())
        .map(|id| id.trim().to_owned())
        .collect()
}

/// A Fluent text without the entries whose id is in `ids` (an entry runs to the next line that
/// starts an entry, a comment or a blank line).
fn without_messages(text: &str, ids: &[String]) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        let starts_entry = line
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '-');
        if starts_entry {
            let id = line.split('=').next().unwrap_or("").trim();
            skipping = ids.iter().any(|d| d == id);
        } else if line.is_empty() || line.starts_with('#') {
            skipping = false;
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
