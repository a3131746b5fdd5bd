#!/usr/bin/env python3
"""Parses Fluent files with python-fluent's fluent.syntax, a parser independent of dayglot's
(fluent-rs): every file must parse without Junk, and every group comment (`##`) must be followed
by one empty line (moz-fluent-lint GC02: a `##` written above one message is a group comment
of every later message, and the message itself gets no comment).

Usage: fluent_parse.py FILE.ftl...   Exit 0 clean, 1 problems found, 2 usage.
"""
import sys

from fluent.syntax import FluentParser, ast


def problems(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    resource = FluentParser(with_spans=True).parse(text)
    lines = text.split("\n")
    for entry in resource.body:
        line = text.count("\n", 0, entry.span.start) + 1
        if isinstance(entry, ast.Junk):
            notes = "; ".join(a.message for a in entry.annotations)
            yield f"{path}:{line}: Junk: {notes}: {entry.content.strip()[:80]!r}"
        elif isinstance(entry, (ast.GroupComment, ast.ResourceComment)):
            last = text.count("\n", 0, entry.span.end)  # 0-based index of the comment's last line
            after = lines[last + 1] if last + 1 < len(lines) else ""
            if isinstance(entry, ast.GroupComment) and after.strip():
                yield (f"{path}:{line}: group comment (##) not followed by an empty line "
                       "(GC02): write `#` for a note about one message")


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    found = [p for path in argv for p in problems(path)]
    for p in found:
        print(p)
    print(f"fluent.syntax: {len(argv)} file(s), {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
