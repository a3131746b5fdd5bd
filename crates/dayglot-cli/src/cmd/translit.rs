//! `dayglot translit` (not implemented yet).

use super::{Context, Outcome};

/// Arguments of `dayglot translit`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

/// Runs `dayglot translit`.
pub(crate) fn run(_ctx: &Context, _args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("`dayglot translit` is not implemented yet")
}
