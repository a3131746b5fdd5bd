//! The project's glossary and transliteration schemes, read through the project and parsed.

use std::collections::BTreeMap;

use dayglot_core::{Diagnostic, Lang, Span};
use dayglot_glossary::{Glossary, GlossaryFile, Scheme};
use dayglot_project::Project;

use crate::{Error, Report};

/// The project's glossary, loaded and linted.
pub struct ProjectGlossary {
    /// The glossary (with whatever could be read despite errors).
    pub glossary: Glossary,
    /// Every problem found, each naming its file.
    pub report: Report,
}

impl ProjectGlossary {
    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.report.has_errors()
    }
}

/// Reads and lints the registry and the glossary of every language of the project that has one.
/// `None` when the project has no registry (`locales/glossary/entities.toml`).
pub fn load_glossary(project: &Project) -> Result<Option<ProjectGlossary>, Error> {
    load_glossary_with(project, &crate::derive::derived_languages(project)?)
}

/// [`load_glossary`] with the project's derived languages already read.
pub fn load_glossary_with(
    project: &Project,
    derived: &BTreeMap<Lang, crate::derive::Derived>,
) -> Result<Option<ProjectGlossary>, Error> {
    let Some(registry) = project.registry()? else {
        return Ok(None);
    };
    let mut report = Report::default();
    let registry_file = GlossaryFile::new(registry.path.clone(), registry.text.clone());
    report.add_file(registry.path, registry.text);
    let mut langs = Vec::new();
    let mut missing = Vec::new();
    for lang in project.languages()? {
        let file = match (project.glossary_file(&lang)?, derived.get(&lang)) {
            // A derived language's glossary is its base's, transliterated.
            (None, Some(d)) => project.glossary_file(&d.from)?.map(|base| {
                let path = format!("{} (from {})", project.glossary_path(&lang), base.path);
                d.locale_file(&base, path)
            }),
            (file, _) => file,
        };
        match file {
            Some(file) => {
                langs.push(
                    GlossaryFile::new(file.path.clone(), file.text.clone()).with_lang(lang.clone()),
                );
                report.add_file(file.path, file.text);
            }
            None if lang != project.config.source_lang => missing.push(
                Diagnostic::warning(
                    "glossary::no-file",
                    Span::default(),
                    format!(
                        "{} does not exist: names in {lang} are not checked",
                        project.glossary_path(&lang)
                    ),
                )
                .with_help(format!(
                    "run `dayglot lang add {lang}` to scaffold it, or write it by hand"
                ))
                .for_lang(&lang),
            ),
            None => {}
        }
    }
    let (glossary, mut diagnostics) = Glossary::load(&registry_file, &langs);
    // File by file (registry first), each file's problems in source order.
    let order = |d: &Diagnostic| {
        let file = d.file.as_deref();
        let k = if file == Some(registry_file.path.as_str()) {
            0
        } else {
            1 + langs
                .iter()
                .position(|f| Some(f.path.as_str()) == file)
                .unwrap_or(langs.len())
        };
        (k, d.span.start, d.span.end, d.code)
    };
    diagnostics.sort_by_key(order);
    // A language's glossary that lacks entities is a warning about that language only: an
    // incomplete new language never blocks the others (`--strict` refuses that language).
    for d in &mut diagnostics {
        let lang = langs
            .iter()
            .find(|f| Some(f.path.as_str()) == d.file.as_deref())
            .and_then(|f| f.lang.clone());
        if let Some(lang) = lang {
            if d.code == "glossary::missing-form" {
                d.severity = dayglot_core::Severity::Warning;
            }
            d.lang = Some(lang);
        }
    }
    report.extend(diagnostics);
    report.extend(missing);
    Ok(Some(ProjectGlossary { glossary, report }))
}

/// Every scheme of `locales/translit/`, by id.
pub fn load_schemes(project: &Project) -> Result<BTreeMap<String, Scheme>, Error> {
    let mut out = BTreeMap::new();
    for file in project.schemes()? {
        let scheme = Scheme::parse(&file.path, &file.text)?;
        out.insert(scheme.id.clone(), scheme);
    }
    Ok(out)
}

/// The project's glossary; an error when the project has no registry.
pub fn require_glossary(project: &Project) -> Result<ProjectGlossary, Error> {
    load_glossary(project)?.ok_or_else(|| {
        Error::Refused(format!(
            "{} is missing: the glossary needs its entity registry",
            project.registry_path()
        ))
    })
}
