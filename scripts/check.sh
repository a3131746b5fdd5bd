#!/usr/bin/env bash
# Checks every day of the corpus, as CI does: the glossaries lint clean, every translation is
# complete and up to date, and every language says the same thing as the source (strict mode:
# warnings fail too). Exits non-zero when any check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

dayglot() { cargo run --quiet --locked -p dayglot-cli -- "$@"; }

dayglot glossary lint
dayglot status --strict
dayglot check --all --strict
