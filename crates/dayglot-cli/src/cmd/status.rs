//! `dayglot status` (not implemented yet).

use super::{Context, Outcome};

/// Arguments of `dayglot status`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `dayglot status`.
pub(crate) fn run(_ctx: &Context, _args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("`dayglot status` is not implemented yet")
}
