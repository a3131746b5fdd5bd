#!/usr/bin/env python3
"""Reads Atom feeds with feedparser, as feed readers do: each feed must parse without error
(bozo 0), carry the elements RFC 4287 requires (feed and entry id, title, updated; an
alternate link per entry), and no text a reader shows may hold bidi isolation marks (U+2068,
U+2069): they break search ("Day 686" in a title must match).

Usage: feed_check.py FEED.atom...   Exit 0 clean, 1 problems found, 2 usage.
"""
import sys

import feedparser

MARKS = ("\u2068", "\u2069")


def problems(path):
    d = feedparser.parse(path)
    if d.bozo:
        yield f"{path}: not well-formed: {d.bozo_exception}"
        return
    feed = d.feed
    for key in ("id", "title", "updated"):
        if not feed.get(key):
            yield f"{path}: the feed has no {key}"
    texts = [("feed title", feed.get("title", "")), ("feed subtitle", feed.get("subtitle", ""))]
    if not d.entries:
        yield f"{path}: no entries"
    for i, e in enumerate(d.entries, 1):
        for key in ("id", "title", "updated"):
            if not e.get(key):
                yield f"{path}: entry {i} has no {key}"
        if not any(l.get("rel") == "alternate" for l in e.get("links", [])):
            yield f"{path}: entry {i} has no alternate link"
        texts += [(f"entry {i} title", e.get("title", "")), (f"entry {i} summary", e.get("summary", ""))]
        texts += [(f"entry {i} author", a.get("name", "")) for a in e.get("authors", [])]
    for what, text in texts:
        if any(m in text for m in MARKS):
            yield f"{path}: {what} holds bidi isolation marks: {text[:60]!r}"


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    found = [p for path in argv for p in problems(path)]
    for p in found:
        print(p)
    print(f"feedparser {feedparser.__version__}: {len(argv)} feed(s), {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
