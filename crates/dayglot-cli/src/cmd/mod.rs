//! One module per subcommand. Each parses its arguments, calls the pipeline, prints, and maps
//! the outcome to an [`Outcome`].

use std::path::PathBuf;
use std::process::ExitCode;

use dayglot_core::{PrintOptions, Report};

pub(crate) mod check;
pub(crate) mod draft;
pub(crate) mod explain;
pub(crate) mod fetch;
pub(crate) mod glossary;
pub(crate) mod ingest;
pub(crate) mod lang;
pub(crate) mod names;
pub(crate) mod publish;
pub(crate) mod report;
pub(crate) mod status;
pub(crate) mod translit;

/// Options shared by every subcommand.
#[derive(Debug)]
pub(crate) struct Context {
    /// `--root`, if given.
    pub(crate) root: Option<PathBuf>,
    /// `--verbose`: every diagnostic in full.
    pub(crate) verbose: bool,
}

/// How a subcommand that ran to the end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Nothing to report.
    Clean,
    /// Content problems were found (exit code 1).
    Problems,
}

/// The project: `--root` if given, else found by walking up from the current directory.
pub(crate) fn project(ctx: &Context) -> anyhow::Result<dayglot_project::Project> {
    Ok(match &ctx.root {
        Some(root) => dayglot_project::Project::open(root)?,
        None => dayglot_project::Project::discover(&std::env::current_dir()?)?,
    })
}

/// Prints a report's diagnostics to stderr (collapsed unless `--verbose`).
pub(crate) fn print_report(ctx: &Context, report: &Report, strict: bool) {
    let text = report.render_text(PrintOptions {
        strict,
        verbose: ctx.verbose,
    });
    if !text.is_empty() {
        crate::output::eprint(text.trim_end());
    }
}

impl Outcome {
    /// `Problems` if `found`, else `Clean`.
    pub(crate) fn problems_if(found: bool) -> Self {
        if found { Self::Problems } else { Self::Clean }
    }

    /// The process exit code.
    pub(crate) fn exit_code(self) -> ExitCode {
        match self {
            Self::Clean => ExitCode::SUCCESS,
            Self::Problems => ExitCode::from(1),
        }
    }
}
