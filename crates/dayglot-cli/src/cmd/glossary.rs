//! `dayglot glossary lint` and `dayglot glossary suggest DAY`.
//!
//! The glossary files are `locales/glossary/entities.toml` (the shared registry) and
//! `locales/<lang>/glossary.toml` (one per language of the project); this module reads them and
//! hands their text to `dayglot_glossary`, which never touches the disk.

use std::collections::BTreeMap;

use anyhow::Context as _;
use dayglot_core::{DayId, Lang};
use dayglot_glossary::{
    Glossary, GlossaryFile, Scheme, Suggestion, has_errors, render_file_diagnostics,
};
use dayglot_ingest::Project;

use super::{Context, Outcome};
use crate::output;

/// Subcommands of `dayglot glossary`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum Command {
    /// Validate every glossary file (exit 1 on errors).
    Lint,
    /// List names in a day's source that are in no glossary, as TOML ready to paste.
    Suggest {
        /// The day (`day-686`).
        day: String,
    },
}

/// The project's glossary, loaded and linted.
pub(crate) struct ProjectGlossary {
    /// The glossary (with whatever could be read despite errors).
    pub(crate) glossary: Glossary,
    /// The rendered diagnostics (empty when clean).
    pub(crate) rendered: String,
    /// Whether any diagnostic is an error.
    pub(crate) has_errors: bool,
}

/// The registry's path, relative to the project root.
pub(crate) const REGISTRY: &str = "locales/glossary/entities.toml";

/// A language glossary's path, relative to the project root.
pub(crate) fn glossary_path(lang: &Lang) -> String {
    format!("locales/{lang}/glossary.toml")
}

/// Reads and lints the registry and the glossary of every language of the project that has one.
/// Used by `names`, `glossary` and `publish`.
pub(crate) fn load_project_glossary(project: &Project) -> anyhow::Result<ProjectGlossary> {
    let read = |rel: &str| -> anyhow::Result<String> {
        let path = project.root.join(rel);
        let bytes = std::fs::read(&path).with_context(|| format!("cannot read {rel}"))?;
        Ok(dayglot_ingest::decode(&bytes)
            .with_context(|| format!("{rel} is not usable text"))?
            .to_owned())
    };
    let registry = GlossaryFile::new(
        REGISTRY,
        read(REGISTRY).context("the entity registry is needed for every glossary")?,
    );
    let mut langs = Vec::new();
    let mut missing = Vec::new();
    for lang in project.languages()? {
        let rel = glossary_path(&lang);
        if project.root.join(&rel).is_file() {
            langs.push(GlossaryFile::new(rel.clone(), read(&rel)?).with_lang(lang));
        } else {
            missing.push(rel);
        }
    }
    let (glossary, diagnostics) = Glossary::load(&registry, &langs);
    let mut files = vec![&registry];
    files.extend(langs.iter());
    let mut rendered = render_file_diagnostics(&files, &diagnostics);
    for rel in missing {
        rendered.push_str(&format!(
            "warning: {rel} does not exist: names in this language are not checked\n"
        ));
    }
    Ok(ProjectGlossary {
        glossary,
        rendered,
        has_errors: has_errors(&diagnostics),
    })
}

/// Loads every scheme of `locales/translit/`, by id.
pub(crate) fn load_schemes(project: &Project) -> anyhow::Result<BTreeMap<String, Scheme>> {
    let dir = project.locales_dir().join("translit");
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rel = format!("locales/translit/{name}");
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {rel}"))?;
        let scheme = Scheme::parse(&rel, &text)?;
        out.insert(scheme.id.clone(), scheme);
    }
    Ok(out)
}

/// Runs `dayglot glossary ...`.
pub(crate) fn run(ctx: &Context, command: Command) -> anyhow::Result<Outcome> {
    let project = super::project(ctx)?;
    match command {
        Command::Lint => {
            let loaded = load_project_glossary(&project)?;
            if loaded.rendered.is_empty() {
                let g = &loaded.glossary;
                let langs: Vec<String> = g.languages().iter().map(|l| l.lang.to_string()).collect();
                output::eprint(&format!(
                    "glossary: {} entities, languages {}: no problems",
                    g.entities().len(),
                    langs.join(", ")
                ));
            } else {
                output::eprint(&loaded.rendered);
            }
            Ok(Outcome::problems_if(loaded.has_errors))
        }
        Command::Suggest { day } => {
            let day = DayId::parse(&day)?;
            let loaded = load_project_glossary(&project)?;
            output::eprint(&loaded.rendered);
            let schemes = load_schemes(&project)?;
            let source = project.load_day(day)?;
            let lang = source.meta.source_lang.clone();
            let segments = super::names::source_segments(&source);
            let targets: Vec<Lang> = loaded
                .glossary
                .languages()
                .iter()
                .map(|l| l.lang.clone())
                .collect();
            let matcher = loaded.glossary.matcher();
            let found = dayglot_glossary::suggest(&matcher, &segments, &lang, &targets, &schemes);
            output::print(&Suggestion::render_toml(
                &found,
                &day.to_string(),
                &lang,
                REGISTRY,
                glossary_path,
            ));
            Ok(Outcome::Clean)
        }
    }
}
