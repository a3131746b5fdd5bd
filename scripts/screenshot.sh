#!/bin/sh
# Saves one PNG per language of a published day: screenshots/<day>-<lang>.png.
# Usage: scripts/screenshot.sh day-686   (run `dayglot publish day-686` first; `just screenshot day-686` does both)
set -eu
day="${1:?usage: scripts/screenshot.sh DAY (e.g. day-686)}"
case "$day" in day-[1-9]*) ;; *) echo "error: '$day' is not a day id such as day-686" >&2; exit 2 ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"
pages="$root/public/$day"
[ -d "$pages" ] || { echo "error: $pages does not exist; run 'dayglot publish $day' first" >&2; exit 2; }
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "error: chromium not found; install it with: apt-get install -y chromium fonts-noto-core" >&2; exit 2; }
mkdir -p "$root/screenshots"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for page in "$pages"/*/index.html; do
    lang="$(basename "$(dirname "$page")")"
    out="$root/screenshots/$day-$lang.png"
    "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
        --window-size=1000,1600 --screenshot="$out" "file://$page" >/dev/null 2>&1
    echo "$out"
done
