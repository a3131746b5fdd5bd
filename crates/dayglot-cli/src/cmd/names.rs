//! `dayglot names` (not implemented yet).

use super::{Context, Outcome};

/// Arguments of `dayglot names`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `dayglot names`.
pub(crate) fn run(_ctx: &Context, _args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("`dayglot names` is not implemented yet")
}
