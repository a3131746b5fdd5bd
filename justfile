# dayglot: one-line recipes over the `dayglot` binary and cargo. `just --list` shows them.

set shell := ["bash", "-euo", "pipefail", "-c"]

# Show the recipes.
default:
    @just --list

# Publish a day in every language into public/ (e.g. `just publish day-686`).
publish DAY:
    cargo run --quiet --locked -p dayglot-cli -- publish {{DAY}}

# The whole suite: every test, snapshots checked and never updated, no unreferenced snapshot, and the corpus checks.
test:
    scripts/test.sh

# Check every day of the corpus: ingestion, glossaries, translation status.
check:
    scripts/check.sh

# One PNG per language of a published day, from headless Chromium (e.g. `just screenshot day-686`).
screenshot DAY: (publish DAY)
    scripts/screenshot.sh {{DAY}}

# Benchmarks (criterion/divan) of the hot paths.
bench:
    cargo bench --workspace

# Fuzz a parser (needs `cargo install cargo-fuzz`; targets: ingest_parse, po_parse).
fuzz TARGET="ingest_parse":
    cargo fuzz run -s none {{TARGET}}
