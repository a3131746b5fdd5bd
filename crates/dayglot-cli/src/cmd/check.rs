//! `dayglot check` (not implemented yet).

use super::{Context, Outcome};

/// Arguments of `dayglot check`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `dayglot check`.
pub(crate) fn run(_ctx: &Context, _args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("`dayglot check` is not implemented yet")
}
