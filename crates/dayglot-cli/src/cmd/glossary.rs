//! `dayglot glossary lint|suggest` (not implemented yet).

use super::{Context, Outcome};

/// Subcommands of `dayglot glossary`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum Command {
    /// Validate every glossary file.
    Lint,
}

/// Runs `dayglot glossary ...`.
pub(crate) fn run(_ctx: &Context, _command: Command) -> anyhow::Result<Outcome> {
    anyhow::bail!("`dayglot glossary` is not implemented yet")
}
