//! `dayglot translit --scheme ID`: transliterate stdin line by line with a scheme from
//! `locales/translit/ID.toml`.
//! The stream itself is `dayglot_pipeline::translit::transliterate` (nothing allocated per word).

use anyhow::Context as _;
use dayglot_pipeline::translit::transliterate;

use super::{Context, Outcome};
use crate::output;

/// Arguments of `dayglot translit`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The scheme id (`uk-latn-kmu2010`, `bg-latn-2009`, `ru-de`, ...): a file of `locales/translit/`.
    #[arg(long, required_unless_present = "list")]
    scheme: Option<String>,
    /// List the schemes and exit.
    #[arg(long)]
    list: bool,
}

/// Runs `dayglot translit`.
pub(crate) fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let project = super::project(ctx)?;
    let schemes = super::glossary::load_schemes(&project)?;
    if args.list {
        let mut out = String::new();
        for (id, s) in &schemes {
            out.push_str(&format!("{id}\t{}\n", s.name));
        }
        output::print(&out);
        return Ok(Outcome::Clean);
    }
    let id = args.scheme.unwrap_or_default();
    let scheme = schemes.get(&id).with_context(|| {
        let known: Vec<&str> = schemes.keys().map(String::as_str).collect();
        format!(
            "no scheme `{id}` in locales/translit/ (schemes: {})",
            known.join(", ")
        )
    })?;
    transliterate(
        scheme,
        &mut std::io::stdin().lock(),
        &mut std::io::stdout().lock(),
    )
    .context("cannot transliterate stdin")?;
    Ok(Outcome::Clean)
}
