//! `dayglot ingest` (not implemented yet).

use super::{Context, Outcome};

/// Arguments of `dayglot ingest`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `dayglot ingest`.
pub(crate) fn run(_ctx: &Context, _args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("`dayglot ingest` is not implemented yet")
}
