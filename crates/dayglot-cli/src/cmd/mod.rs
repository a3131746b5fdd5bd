//! One module per subcommand. Each has an `Args` (clap) and a `run` returning an [`Outcome`].

use std::path::PathBuf;
use std::process::ExitCode;

pub(crate) mod check;
pub(crate) mod fetch;
pub(crate) mod glossary;
pub(crate) mod ingest;
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
pub(crate) fn project(ctx: &Context) -> anyhow::Result<dayglot_ingest::Project> {
    Ok(match &ctx.root {
        Some(root) => dayglot_ingest::Project::open(root)?,
        None => dayglot_ingest::Project::discover(&std::env::current_dir()?)?,
    })
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
