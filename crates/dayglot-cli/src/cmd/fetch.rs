//! `dayglot fetch` (not implemented yet).

use super::{Context, Outcome};

/// Arguments of `dayglot fetch`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `dayglot fetch`.
pub(crate) fn run(_ctx: &Context, _args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("`dayglot fetch` is not implemented yet")
}
