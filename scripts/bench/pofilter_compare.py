#!/usr/bin/env python3
"""Times Translate Toolkit's pofilter on the archive of the dayglot check benchmark.

The check benchmark (crates/dayglot-check/benches/archive.rs) writes the segments it checks as PO
files when run with DAYGLOT_BENCH_DUMP=DIR: DIR/<lang>/day-N.po, msgctxt = segment id, msgid = the
English source, msgstr = the translation. This script runs pofilter over the same files, in one
process per language (as a CI job would), with pofilter's default set of tests, and prints the
median wall-clock and CPU time of `runs` passes and the number of units it flagged.

    python3 -m venv /tmp/ttk-venv && /tmp/ttk-venv/bin/pip install translate-toolkit
    DAYGLOT_BENCH_DUMP=/tmp/dayglot-check-bench cargo bench -p dayglot-check --bench archive
    /tmp/ttk-venv/bin/python scripts/bench/pofilter_compare.py /tmp/dayglot-check-bench [runs]
"""

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def one_pass(root, pofilter):
    """Runs pofilter once per language directory; returns (wall s, child CPU s, flagged units)."""
    flagged = 0
    wall = 0.0
    cpu = 0.0
    with tempfile.TemporaryDirectory() as out:
        for lang in sorted(os.listdir(root)):
            src = os.path.join(root, lang)
            if not os.path.isdir(src):
                continue
            dst = os.path.join(out, lang)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(
                [pofilter, "--progress=none", f"--language={lang}", "-i", src, "-o", dst],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wall += time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu += (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            for dirpath, _, files in os.walk(dst):
                for name in files:
                    with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                        flagged += sum(1 for line in f if line.startswith("msgctxt "))
    return wall, cpu, flagged


def main():
    root = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    pofilter = os.path.join(os.path.dirname(sys.executable), "pofilter")
    files = sum(len(fs) for _, _, fs in os.walk(root))
    units = 0
    for dirpath, _, fs in os.walk(root):
        for name in fs:
            with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                units += sum(1 for line in f if line.startswith("msgctxt "))
    results = [one_pass(root, pofilter) for _ in range(runs)]
    walls = [r[0] for r in results]
    cpus = [r[1] for r in results]
    print(f"pofilter: {files} files, {units} units, {results[0][2]} units flagged")
    print(f"wall clock: median {statistics.median(walls):.2f} s over {runs} runs ({', '.join(f'{w:.2f}' for w in walls)})")
    print(f"CPU time:   median {statistics.median(cpus):.2f} s")
    print(f"units/s (wall): {units / statistics.median(walls):.0f}")


if __name__ == "__main__":
    main()
