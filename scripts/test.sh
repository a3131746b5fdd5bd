#!/usr/bin/env bash
# The whole test suite as CI runs it: snapshots are checked, never written (INSTA_UPDATE=no), and a
# snapshot file that no test referenced fails the run (insta records every snapshot it reads in
# INSTA_SNAPSHOT_REFERENCES_FILE).
set -euo pipefail
cd "$(dirname "$0")/.."

refs="$(mktemp)"
log="$(mktemp)"
trap 'rm -f "$refs" "$log"' EXIT
export INSTA_UPDATE=no INSTA_FORCE_PASS=0 INSTA_SNAPSHOT_REFERENCES_FILE="$refs"

cargo fmt --all --check

# The end-to-end suite belongs to dayglot-cli, so cargo builds the binary it runs.
cargo test --workspace --locked 2>&1 | tee "$log"

# insta records each snapshot's path as the test saw it (`crates/dayglot-cli/../../tests/...`
# for the end-to-end suite): compare canonical paths.
seen="$(mktemp)"
trap 'rm -f "$refs" "$log" "$seen"' EXIT
while IFS= read -r p; do realpath -m "$p"; done < "$refs" | sort -u > "$seen"
unreferenced=()
while IFS= read -r -d '' snap; do
  if ! grep -qxF "$(realpath "$snap")" "$seen"; then
    unreferenced+=("$snap")
  fi
done < <(find crates tests -name '*.snap' -not -path '*/target/*' -print0)
if ((${#unreferenced[@]})); then
  echo "error: snapshots that no test references (delete them or restore their test):" >&2
  printf '  %s\n' "${unreferenced[@]}" >&2
  exit 1
fi
pending=$(find crates tests -name '*.snap.new' -o -name '*.pending-snap' | head -5)
if [[ -n "$pending" ]]; then
  echo "error: unreviewed snapshots left behind: $pending" >&2
  exit 1
fi

scripts/check.sh

# One closing line for people and CI: the totals of every test binary above.
awk '/^test result:/ { p += $4; f += $6 } END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
