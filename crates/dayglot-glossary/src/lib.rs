//! Glossaries: one entity, the right spelling in every language.
//!
//! Translators keep what they know about names in files they edit themselves:
//!
//! - `locales/glossary/entities.toml`, the shared registry: one `[[entity]]` per person, place,
//!   organisation or recurring term, with a stable `id` (`person/zelensky`), its `kind` and its
//!   `native` form with `native_lang`.
//! - `locales/<lang>/glossary.toml`, one per language, owned by that language's translator: a
//!   `[language]` header (`lang`, the `cases` the language uses, `required_cases` per kind), then
//!   one `[[entity]]` per registry entity with `preferred`, `short`, `cases.<name>` (a string, or
//!   `[full, short]`), `gender`, `indeclinable`, `accepted` and `forbidden` variants (strings, or
//!   `{ variant = "…", to = "short" }`), `aliases`, `context` and a `note`.
//!
//! [`Glossary::load`] reads them from memory (the CLI reads the files) and lints them: every
//! problem is a [`Diagnostic`] with a stable code (`glossary::duplicate-id`,
//! `glossary::variant-conflict`, `glossary::forbidden-is-accepted`, `glossary::missing-form`,
//! `glossary::unknown-case`, `glossary::unknown-entity`, …) and a span into its file.
//! [`Glossary::matcher`] builds a [`Matcher`] that finds every [`Mention`] of every form of every
//! entity, in all languages, in one pass over a text, on word boundaries, longest form first
//! ([`Matcher::find`], or [`Matcher::for_each`] with allocation-free [`MentionRef`]s), and
//! normalises accepted variants ([`Matcher::normalize`]); [`Scheme`] runs the transliteration rule files of
//! `locales/translit/`; [`suggest`] lists names that are in no glossary.
//!
//! ```
//! use dayglot_core::Lang;
//! use dayglot_glossary::{FormKind, Glossary, GlossaryFile};
//!
//! let registry = GlossaryFile::new("entities.toml", r#"
//! [[entity]]
//! id = "person/nauseda"
//! kind = "person"
//! native = "Gitanas Nausėda"
//! native_lang = "lt"
//! "#);
//! let en = GlossaryFile::new("en/glossary.toml", r#"
//! [language]
//! lang = "en"
//!
//! [[entity]]
//! id = "person/nauseda"
//! preferred = "Gitanas Nausėda"
//! short = "Nausėda"
//! accepted = ["Gitanas Nauseda", "Nauseda"]
//! "#);
//! let (glossary, problems) = Glossary::load(&registry, &[en]);
//! assert!(problems.is_empty());
//! let en = Lang::parse("en").unwrap();
//! let matcher = glossary.matcher();
//! let mentions = matcher.find("Nauseda's office said", &en);
//! assert_eq!(mentions[0].form, FormKind::Accepted);
//! assert_eq!(matcher.normalize("Nauseda's office said", &en).0, "Nausėda's office said");
//! ```
//!
//! **Invariant:** the library does no I/O; normalisation returns a new text and the list of
//! changes, and never touches the stored source.
//!
//! # `dayglot names --format json` (schema version 1)
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "day": "day-686",
//!   "lang": "en",
//!   "mentions": [
//!     {"segment": "s1.p1.1", "start": 24, "end": 42, "text": "Volodymyr Zelensky",
//!      "entity": "person/zelensky", "form_lang": "en", "form": "preferred", "case": null,
//!      "normalized": "Volodymyr Zelensky"}
//!   ]
//! }
//! ```
//!
//! `start`/`end` are byte offsets into the segment's text; `form` is one of `preferred`,
//! `short`, `case` (then `case` names it), `alias`, `accepted`, `forbidden`, `foreign` (a form
//! from another language's glossary); `normalized` is the form the text's language wants there.
//! Fields are only ever added; removing or renaming one bumps `schema_version` (see [`NamesJson`]).

mod fold;
mod load;
mod matcher;
mod model;
mod scan;
mod suggest;
mod table;
mod translit;

use std::collections::BTreeMap;

use dayglot_core::{Diagnostic, Lang, Severity, SourceFile};

pub use matcher::{Change, FormKind, FormRef, Matcher, Mention, MentionRef};
pub use model::{CaseForm, Entity, Gender, Kind, LangForms, Language, Target, Variant};
pub use suggest::{Suggestion, suggest};
pub use translit::{Scheme, SchemeError};

/// A glossary file's text and the path shown in diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryFile {
    /// Path relative to the project root, `/`-separated (`locales/uk/glossary.toml`).
    pub path: String,
    /// The file's text.
    pub text: String,
    /// For a language glossary, the language its folder names; its `lang` must agree.
    pub lang: Option<Lang>,
}

impl GlossaryFile {
    /// A file with no expected language.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
            lang: None,
        }
    }

    /// The same file, expected to hold the glossary of `lang`.
    #[must_use]
    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.lang = Some(lang);
        self
    }
}

/// Renders diagnostics file by file (in the order of `files`), each file's in source order.
/// Every diagnostic of the loader names its file ([`Diagnostic::file`]).
pub fn render_file_diagnostics(files: &[&GlossaryFile], diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for file in files {
        let mut own: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.file.as_deref() == Some(file.path.as_str()))
            .cloned()
            .collect();
        own.sort_by_key(|d| (d.span.start, d.span.end, d.code));
        if !own.is_empty() {
            out.push_str(&dayglot_core::render_diagnostics(
                &SourceFile::new(&file.path, &file.text),
                &own,
            ));
        }
    }
    out
}

/// Whether any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// All entities with their forms in every language.
#[derive(Debug, Clone)]
pub struct Glossary {
    entities: Vec<Entity>,
    by_id: BTreeMap<String, usize>,
    languages: Vec<Language>,
}

impl Glossary {
    pub(crate) fn new(
        entities: Vec<Entity>,
        by_id: BTreeMap<String, usize>,
        languages: Vec<Language>,
    ) -> Self {
        Self {
            entities,
            by_id,
            languages,
        }
    }

    /// Loads and lints the registry and the language glossaries. Always returns a glossary (with
    /// the entries that could be read) and every problem found.
    pub fn load(registry: &GlossaryFile, langs: &[GlossaryFile]) -> (Glossary, Vec<Diagnostic>) {
        load::load(registry, langs)
    }

    /// The entities, in registry order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// An entity by id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// The languages that have a glossary, in the order their files were given.
    pub fn languages(&self) -> &[Language] {
        &self.languages
    }

    /// The form of an entity in a language: the preferred form without a case, else the full
    /// form of that case (the preferred form for an indeclinable entity). `None` when the
    /// glossary does not have it.
    pub fn form(&self, entity_id: &str, lang: &Lang, case: Option<&str>) -> Option<&str> {
        let forms = self.entity(entity_id)?.forms.get(lang)?;
        match case {
            None => Some(&forms.preferred),
            Some(c) => match forms.cases.get(c) {
                Some(f) => Some(&f.full),
                None if forms.indeclinable => Some(&forms.preferred),
                None => None,
            },
        }
    }

    /// Builds the one-pass matcher over every form of every entity in every language.
    pub fn matcher(&self) -> Matcher<'_> {
        Matcher::new(self)
    }
}

/// The documented JSON of `dayglot names --format json`.
pub mod json {
    use serde::Serialize;

    /// The version of the names format.
    pub const SCHEMA_VERSION: u32 = 1;

    /// Every mention in one day in one language.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
    pub struct NamesJson {
        /// Always [`SCHEMA_VERSION`].
        pub schema_version: u32,
        /// The day id (`day-686`).
        pub day: String,
        /// The language of the texts searched.
        pub lang: String,
        /// Mentions in reading order.
        pub mentions: Vec<MentionJson>,
    }

    /// One mention.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
    pub struct MentionJson {
        /// The segment id (`s1.p1.1`).
        pub segment: String,
        /// First byte in the segment's text.
        pub start: usize,
        /// One past the last byte.
        pub end: usize,
        /// The text as written.
        pub text: String,
        /// The entity id.
        pub entity: String,
        /// The language whose glossary the form comes from.
        pub form_lang: String,
        /// `preferred`, `short`, `case`, `alias`, `accepted`, `forbidden` or `foreign`.
        pub form: String,
        /// The case name when `form` is `case`, else null.
        pub case: Option<String>,
        /// The form the text's language wants there.
        pub normalized: String,
    }

    impl MentionJson {
        /// The JSON of a mention in segment `segment`.
        pub fn new(segment: &str, m: &crate::Mention) -> Self {
            Self {
                segment: segment.to_owned(),
                start: m.span.start,
                end: m.span.end,
                text: m.matched.clone(),
                entity: m.entity.clone(),
                form_lang: m.lang.to_string(),
                form: m.form.name().to_owned(),
                case: m.form.case().map(str::to_owned),
                normalized: m.normalized.clone(),
            }
        }
    }
}
pub use json::NamesJson;
