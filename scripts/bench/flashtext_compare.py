#!/usr/bin/env python3
"""Python flashtext on the input of the dayglot matching benchmark, for BENCHMARKS.md.

Usage (flashtext lives in a throwaway virtualenv, never in the repository):

    python3 -m venv /tmp/flashtext-venv && /tmp/flashtext-venv/bin/pip install flashtext
    DAYGLOT_BENCH_DUMP=/tmp/dayglot-bench cargo bench -p dayglot-glossary --bench matching
    /tmp/flashtext-venv/bin/python scripts/bench/flashtext_compare.py /tmp/dayglot-bench

The dump holds patterns.txt (every pattern of the dayglot matcher: each glossary form, its
all-caps and capitalised versions) and text.tsv (lang<TAB>paragraph). flashtext gets the same
patterns, case-sensitive, with letters of all four languages as word characters (its default
only knows ASCII, which would find names inside Cyrillic words), and extracts keywords with
spans from every paragraph, as dayglot does. Reported: patterns, bytes, mentions, CPU seconds of
the extraction (process time, like the CPU-time figure of the Rust benchmark) and MB/s.
"""

import string
import sys
import time
from pathlib import Path

from flashtext import KeywordProcessor


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    dump = Path(sys.argv[1])
    patterns = [p for p in (dump / "patterns.txt").read_text(encoding="utf-8").split("\n") if p]
    paragraphs = []
    for line in (dump / "text.tsv").read_text(encoding="utf-8").split("\n"):
        if line:
            paragraphs.append(line.split("\t", 1)[1])
    total = sum(len(p.encode("utf-8")) for p in paragraphs)

    kp = KeywordProcessor(case_sensitive=True)
    cyrillic = "".join(chr(c) for c in range(0x400, 0x500))
    latin = "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isalpha())
    kp.set_non_word_boundaries(set(string.ascii_letters + string.digits + "_" + cyrillic + latin))
    started = time.process_time()
    for p in patterns:
        kp.add_keyword(p)
    built = time.process_time() - started

    started = time.process_time()
    wall = time.perf_counter()
    mentions = 0
    for p in paragraphs:
        mentions += len(kp.extract_keywords(p, span_info=True))
    cpu = time.process_time() - started
    wall = time.perf_counter() - wall
    print(f"flashtext {len(patterns)} patterns (built in {built:.1f} s CPU), {total} bytes, "
          f"{mentions} mentions: {cpu:.2f} s CPU = {total / 1e6 / cpu:.2f} MB/s per CPU second "
          f"({wall:.2f} s wall = {total / 1e6 / wall:.2f} MB/s)")


if __name__ == "__main__":
    main()
