//! `dayglot`: publish one daily news summary in many languages, consistently.
//!
//! The binary is thin glue (ripgrep's `crates/core` style): it parses arguments, finds the
//! project, calls the library crates, prints their diagnostics and maps the outcome to an exit
//! code: 0 clean, 1 content problems found, 2 usage or fatal error. One module per subcommand.

mod cmd;
mod output;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Publish one daily news summary in many languages, with names and facts consistent.
#[derive(Debug, Parser)]
#[command(name = "dayglot", version, about)]
struct Cli {
    /// Project root (the folder with `dayglot.toml`); found by walking up from the current
    /// directory when omitted.
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<std::path::PathBuf>,
    /// Show every diagnostic and accepted finding in full (repeated ones are otherwise counted).
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse a day (or a file) into the document model and print it.
    Ingest(cmd::ingest::Args),
    /// Publish a day: HTML, Markdown, plain text and JSON for every language.
    Publish(cmd::publish::Args),
    /// List every mention of a glossary entity in a day.
    Names(cmd::names::Args),
    /// Validate glossaries or suggest entries for unknown names.
    #[command(subcommand)]
    Glossary(cmd::glossary::Command),
    /// Transliterate lines from stdin with a scheme from `locales/translit/`.
    Translit(cmd::translit::Args),
    /// Fetch a day's page, or every new day of a feed, into the corpus.
    Fetch(cmd::fetch::Args),
    /// Show what is translated, missing, stale or needs review, per language.
    Status(cmd::status::Args),
    /// Check that every language of a day says the same thing as the source.
    Check(cmd::check::Args),
    /// Write the side-by-side review page of a day.
    Report(cmd::report::Args),
    /// Explain a diagnostic code (`dayglot explain check::number-mismatch`).
    Explain(cmd::explain::Args),
    /// Fill a day's missing and stale entries with drafts (translation memory or an engine).
    Draft(cmd::draft::Args),
    /// Add a language to the project.
    #[command(subcommand)]
    Lang(cmd::lang::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = cmd::Context {
        root: cli.root,
        verbose: cli.verbose,
    };
    let result = match cli.command {
        Command::Ingest(args) => cmd::ingest::run(&ctx, args),
        Command::Publish(args) => cmd::publish::run(&ctx, args),
        Command::Names(args) => cmd::names::run(&ctx, args),
        Command::Glossary(command) => cmd::glossary::run(&ctx, command),
        Command::Translit(args) => cmd::translit::run(&ctx, args),
        Command::Fetch(args) => cmd::fetch::run(&ctx, args),
        Command::Status(args) => cmd::status::run(&ctx, args),
        Command::Check(args) => cmd::check::run(&ctx, args),
        Command::Report(args) => cmd::report::run(&ctx, args),
        Command::Explain(args) => cmd::explain::run(args),
        Command::Lang(command) => cmd::lang::run(&ctx, command),
        Command::Draft(args) => cmd::draft::run(&ctx, args),
    };
    match result {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => {
            output::error(&err);
            ExitCode::from(2)
        }
    }
}
