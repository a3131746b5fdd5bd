#!/usr/bin/env bash
# Checks every day of the corpus: it ingests without errors, the glossaries lint clean, and every
# translation is complete and up to date. Exits non-zero on the first failing check.
set -euo pipefail
cd "$(dirname "$0")/.."

dayglot() { cargo run --quiet --locked -p dayglot-cli -- "$@"; }

dayglot glossary lint
for dir in corpus/day-*/; do
  day=$(basename "$dir")
  echo "== $day"
  dayglot ingest "$day" >/dev/null
  dayglot status "$day"
done
