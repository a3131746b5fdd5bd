#!/usr/bin/env python3
"""Loads gettext PO files with polib, a PO library independent of dayglot's: each file must
load, polib must see every entry the file has (one per `msgctxt` line: polib skips what it
cannot read rather than failing), and each entry must keep its `msgctxt` (dayglot's segment id).

Usage: po_load.py FILE.po...   Exit 0 clean, 1 problems found, 2 usage.
"""
import sys

import polib


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    bad = 0
    entries = 0
    for path in argv:
        try:
            po = polib.pofile(path, encoding="utf-8")
        except Exception as e:  # polib raises IOError/ValueError/OSError on a broken file
            print(f"{path}: polib cannot load it: {e}")
            bad += 1
            continue
        with open(path, encoding="utf-8") as f:
            written = sum(1 for line in f if line.startswith("msgctxt "))
        active = [e for e in po if not e.obsolete]
        if len(active) != written:
            print(f"{path}: polib reads {len(active)} entries, the file has {written} msgctxt lines")
            bad += 1
        for entry in active:
            entries += 1
            if not entry.msgctxt:
                print(f"{path}:{entry.linenum}: entry without msgctxt: {entry.msgid[:60]!r}")
                bad += 1
    print(f"polib {polib.__version__}: {len(argv)} file(s), {entries} entries, {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
