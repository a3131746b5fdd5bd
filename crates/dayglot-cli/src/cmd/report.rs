//! `dayglot report` (not implemented yet).

use super::{Context, Outcome};

/// Arguments of `dayglot report`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `dayglot report`.
pub(crate) fn run(_ctx: &Context, _args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("`dayglot report` is not implemented yet")
}
