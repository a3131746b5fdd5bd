#!/usr/bin/env bash
# Builds an archive of N days (default 1,000) from day-686 (each day a copy of its source and of
# every catalog, the day's number in its title) in a fresh project folder, and times the release
# binary on it with hyperfine: publish (cold and warm cache), publish day-N, check --all and
# status; then the peak memory of a cold publish with /usr/bin/time -v.
#
#   scripts/bench/archive.sh [DAYS] [DIR]
#   LANGS="en bg de uk" scripts/bench/archive.sh 1000 /tmp/dayglot-archive-4   # the issue's 4 languages
#
# Needs: cargo, hyperfine (apt-get install -y hyperfine), GNU time (/usr/bin/time).
set -euo pipefail

DAYS=${1:-1000}
DIR=${2:-/tmp/dayglot-archive}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${DAYGLOT_BIN:-$ROOT/target/release/dayglot}

if [[ -z "${DAYGLOT_BIN:-}" ]]; then
  (cd "$ROOT" && cargo build --release -p dayglot-cli)
fi

rm -rf "$DIR"
mkdir -p "$DIR/corpus"
cp "$ROOT/dayglot.toml" "$DIR/"
cp -r "$ROOT/locales" "$DIR/"
# LANGS keeps only those languages (their locales folders and catalogs); the shared folders of
# locales/ (glossary, translit) stay.
if [[ -n "${LANGS:-}" ]]; then
  for d in "$DIR"/locales/*/; do
    name=$(basename "$d")
    [[ "$name" == glossary || "$name" == translit ]] && continue
    [[ " $LANGS " == *" $name "* ]] || rm -rf "$d"
  done
fi
last=$((686 + DAYS - 1))
for n in $(seq 686 "$last"); do
  d="$DIR/corpus/day-$n"
  mkdir -p "$d"
  sed "s/^day = 686/day = $n/" "$ROOT/corpus/day-686/day.toml" > "$d/day.toml"
  for f in "$ROOT"/corpus/day-686/source.*.txt "$ROOT"/corpus/day-686/*.po; do
    lang=$(basename "$f" .po)
    if [[ "$f" == *.po && -n "${LANGS:-}" && " $LANGS " != *" $lang "* ]]; then continue; fi
    sed "s/686/$n/g" "$f" > "$d/$(basename "$f")"
  done
done
echo "archive: $DAYS days in $DIR ($(du -sh "$DIR/corpus" | cut -f1)), binary $BIN" >&2
mid=$((686 + DAYS / 2))

cd "$DIR"
clean() { rm -rf "$DIR/public" "$DIR/.public.dayglot" "$DIR/target/dayglot-cache"; }
"$BIN" publish >/dev/null 2>&1 || true

H="hyperfine -N --warmup 1 --runs ${RUNS:-5} --style basic"
$H --prepare "rm -rf $DIR/public $DIR/.public.dayglot $DIR/target/dayglot-cache" \
  -n "publish (cold cache, empty output)" "$BIN publish" --export-markdown "$DIR/bench-cold.md" || true
$H --prepare "rm -rf $DIR/target/dayglot-cache" \
  -n "check --all (cold cache)" "$BIN check --all" \
  -n "status (cold cache)" "$BIN status" --export-markdown "$DIR/bench-cold-check.md" || true
"$BIN" publish >/dev/null 2>&1 || true
$H -n "publish (warm cache, nothing changed)" "$BIN publish" \
  -n "publish day-$mid (unchanged)" "$BIN publish day-$mid" \
  -n "publish day-$mid (rendered and checked again)" "$BIN publish day-$mid --no-cache" \
  -n "check --all (warm cache)" "$BIN check --all" \
  -n "status (warm cache)" "$BIN status" --export-markdown "$DIR/bench-warm.md" || true

clean
/usr/bin/time -v "$BIN" publish 2> "$DIR/time-publish.txt" >/dev/null || true
grep -E "Maximum resident|Elapsed|Percent of CPU" "$DIR/time-publish.txt" >&2
/usr/bin/time -v "$BIN" check --all 2> "$DIR/time-check.txt" >/dev/null || true
grep -E "Maximum resident|Elapsed|Percent of CPU" "$DIR/time-check.txt" >&2
echo "diagnostic lines of a cold publish: $(clean; "$BIN" publish 2>&1 >/dev/null | wc -l)" >&2
