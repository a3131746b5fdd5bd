#!/usr/bin/env python3
"""Loads each PO file with polib and saves it in place, as a translator's tool built on polib
would: polib wraps long `#` comments at 78 columns, so a `# dayglot-accept:` reason longer
than a line continues on the next comment line.

Usage: po_resave.py FILE.po...   Prints how many comment lines polib wrapped. Exit 0, or 2.
"""
import sys

import polib


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    before = after = 0
    for path in argv:
        with open(path, encoding="utf-8") as f:
            before += sum(1 for line in f if line.startswith("# "))
        polib.pofile(path, encoding="utf-8", wrapwidth=78).save(path)
        with open(path, encoding="utf-8") as f:
            after += sum(1 for line in f if line.startswith("# "))
    print(f"polib {polib.__version__}: {len(argv)} file(s) re-saved; "
          f"translator comment lines {before} -> {after}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
