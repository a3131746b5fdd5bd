//! `dayglot explain CODE`: what a diagnostic code means and how to fix it (like `rustc --explain`).

use super::Outcome;
use crate::output;

/// Arguments of `dayglot explain`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The code (`check::number-mismatch`), as printed in brackets with each diagnostic.
    code: String,
}

/// Runs `dayglot explain`.
pub(crate) fn run(args: Args) -> anyhow::Result<Outcome> {
    match dayglot_core::codes::explain(&args.code) {
        Some(info) => {
            output::print(&format!(
                "{} ({} by default)\n\n{}\n",
                info.code, info.severity, info.explanation
            ));
            Ok(Outcome::Clean)
        }
        None => {
            let near = dayglot_core::codes::similar(&args.code);
            let hint = match near.first() {
                Some(code) => format!("; did you mean `{code}`?"),
                None => String::new(),
            };
            anyhow::bail!("`{}` is not a dayglot code{hint}", args.code)
        }
    }
}
