//! Planning a publish: every language of the chosen days, the feeds and the index, rendered in
//! memory. The caller writes the files (only when the plan has no error).

use std::collections::BTreeMap;
use std::sync::Arc;

use dayglot_core::{DayId, Diagnostic, Lang, Report, Span};
use dayglot_glossary::Glossary;
use dayglot_project::Project;
use dayglot_render::{
    Chrome, ChromeFile, NameForms, NoNames, RenderContext, RenderedFile, Site, render_site,
};

use crate::edition::build_day;
use crate::glossary::load_glossary;
use crate::Error;

/// What a publish would write, and everything found on the way.
#[derive(Debug, Default)]
pub struct PublishPlan {
    /// The days whose pages are rendered.
    pub days: Vec<DayId>,
    /// The languages.
    pub languages: Vec<Lang>,
    /// The files, paths relative to the output folder.
    pub files: Vec<RenderedFile>,
    /// Problems, each with its file where it has one.
    pub report: Report,
}

/// The page chrome (`locales/<lang>/*.ftl`) of every language. A language without a Fluent file
/// is reported (its chrome falls back to the source language).
pub fn read_chrome(
    project: &Project,
    languages: &[Lang],
    report: &mut Report,
) -> Result<BTreeMap<Lang, Vec<ChromeFile>>, Error> {
    let source = &project.config.source_lang;
    let mut all = BTreeMap::new();
    for lang in languages {
        let files = project.chrome_files(lang)?;
        if files.is_empty() {
            report.push(
                Diagnostic::warning(
                    "publish::no-chrome",
                    Span::default(),
                    format!(
                        "{lang} has no Fluent file ({}): the page chrome of {lang} falls back to {source}",
                        project.chrome_path(lang)
                    ),
                )
                .with_help(format!("run `dayglot lang add {lang}`, or copy {} and translate it", project.chrome_path(source)))
                .for_lang(lang),
            );
        }
        let mut chrome = Vec::new();
        for file in files {
            report.add_file(file.path.clone(), file.text.clone());
            chrome.push(ChromeFile {
                path: file.path,
                text: file.text,
            });
        }
        all.insert(lang.clone(), chrome);
    }
    Ok(all)
}

/// `NAME()` of the chrome, answered by the glossary.
struct GlossaryNames(Arc<Glossary>);

impl NameForms for GlossaryNames {
    fn form(&self, entity: &str, lang: &Lang, case: Option<&str>) -> Option<String> {
        self.0.form(entity, lang, case).map(str::to_owned)
    }
}

/// Renders the pages of `requested` (every day when empty), and the feeds and index of every
/// day of the corpus. A day that cannot be loaded is an error when requested, and is left out of
/// the feeds and index (reported) otherwise.
pub fn plan_publish(project: &Project, requested: &[DayId]) -> Result<PublishPlan, Error> {
    let all_days = project.days()?;
    for day in requested {
        if !all_days.contains(day) {
            // Gives the "unknown day" error with the list of known days.
            project.load_day(*day)?;
        }
    }
    let pages_for = if requested.is_empty() {
        all_days.clone()
    } else {
        requested.to_vec()
    };
    let languages = project.languages()?;
    let mut report = Report::default();
    let chrome_files = read_chrome(project, &languages, &mut report)?;
    let glossary = match load_glossary(project)? {
        Some(g) => {
            report.append(g.report);
            Some(Arc::new(g.glossary))
        }
        None => None,
    };
    let names: Arc<dyn NameForms> = match &glossary {
        Some(g) => Arc::new(GlossaryNames(Arc::clone(g))),
        None => Arc::new(NoNames),
    };
    let (chrome, chrome_diags) =
        Chrome::new(project.config.source_lang.clone(), &chrome_files, names)?;
    report.extend(chrome_diags);
    let matcher = glossary.as_deref().map(Glossary::matcher);

    let mut days = Vec::new();
    for id in &all_days {
        let loaded = match project.load_day(*id) {
            Ok(loaded) => loaded,
            Err(err) if !pages_for.contains(id) => {
                report.push(Diagnostic::warning(
                    "publish::day-skipped",
                    Span::default(),
                    format!("{id} is left out of the feeds and the index: {err}"),
                ));
                continue;
            }
            Err(err) => return Err(err.into()),
        };
        report.extend_in(
            &loaded.source_path,
            &loaded.source_text,
            loaded.ingested.diagnostics.iter().cloned(),
        );
        days.push(build_day(project, &loaded, &languages, matcher.as_ref(), &mut report)?);
    }

    let site = Site {
        name: project.config.site.clone(),
        base_url: project.config.base_url.clone(),
    };
    let rendered = render_site(
        &RenderContext {
            site: &site,
            chrome: &chrome,
        },
        &days,
        &pages_for,
    );
    report.extend(rendered.diagnostics);
    Ok(PublishPlan {
        days: pages_for,
        languages,
        files: rendered.files,
        report,
    })
}
