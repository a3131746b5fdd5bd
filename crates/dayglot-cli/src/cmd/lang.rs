//! `dayglot lang add TAG`: scaffold a new language (chrome, check and ingest rules from CLDR, a
//! glossary pre-filled for review, an empty catalog per day) so that it publishes at once with a
//! visible fallback.

use super::{Context, Outcome};
use crate::output;

/// Subcommands of `dayglot lang`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum Command {
    /// Add a language (a BCP 47 tag such as `ro` or `sr-Latn`).
    Add {
        /// The language tag.
        tag: String,
    },
}

/// Runs `dayglot lang ...`.
pub(crate) fn run(ctx: &Context, command: Command) -> anyhow::Result<Outcome> {
    let project = super::project(ctx)?;
    let Command::Add { tag } = command;
    let scaffold = dayglot_pipeline::lang::scaffold(&project, &tag)?;
    let lang = &scaffold.lang;
    let mut text = String::new();
    for path in project.create_language(lang, &scaffold.locale_files)? {
        text.push_str(&format!("wrote {path}\n"));
    }
    for (day, po) in &scaffold.catalogs {
        if project.catalog(*day, lang)?.is_none() {
            project.write_catalog(*day, lang, po)?;
            text.push_str(&format!("wrote {}\n", project.catalog_path(*day, lang)));
        }
    }
    text.push_str(&format!(
        "{lang} is a language of the project now: `dayglot publish` writes its edition, falling back \
         visibly to {} until it is translated.\nNext: review the REVIEW lines of locales/{lang}/*.toml, \
         translate locales/{lang}/chrome.ftl and the catalogs (`dayglot status --lang {lang}`).\n",
        project.config.source_lang
    ));
    output::print(&text);
    Ok(Outcome::Clean)
}
