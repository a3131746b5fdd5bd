//! `dayglot publish` (not implemented yet).

use super::{Context, Outcome};

/// Arguments of `dayglot publish`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `dayglot publish`.
pub(crate) fn run(_ctx: &Context, _args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("`dayglot publish` is not implemented yet")
}
