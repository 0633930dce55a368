#!/usr/bin/env python3
"""Runs the W3C Feed Validation Service's own code offline on feed files and
prints one TSV line per file: name, verdict, error classes, warning classes,
the URL the feed was taken to be at, and (with --split) which half of the
corpus the file is in.

usage: measure.py [--split] FEEDVALIDATOR_SRC ROOT FILE...

FEEDVALIDATOR_SRC is the src/ folder of a checkout of w3c/feedvalidator
(Python 3, with lxml, html5lib and rdflib installed); names are printed
relative to ROOT.

It runs the service as "Validate by URI" does after the fetch: the bytes are
decoded with UTF-8 as the fallback (validateURL's), the first occurrence of
each message is kept, and only errors and warnings are listed (the service
hides its infos). Each file is taken to be where its self link says it is
when that URL ends with the file's name (the feed published where it says),
else at https://example.org/NAME, NAME being its file name. The tests pass
the same URL to feedwright as the document's location, so
SelfDoesntMatchLocation is compared like with like.

--split: the sixth column puts each file in the "dev" or the "held-out" half
by the SHA-1 of its name. The rules were tuned on disagreements in the dev
half only; the held-out half measures them on documents they were not tuned on.
"""

import hashlib
import os
import re
import sys

SELF_LINK = re.compile(rb"<(?:[A-Za-z0-9_]+:)?link\b[^>]*\brel=[\"']self[\"'][^>]*>", re.S)
HREF = re.compile(rb"\bhref=[\"']([^\"']*)[\"']")


def location(data, file_name):
    """Where the feed is taken to be: its self link, if that names this file."""
    for tag in SELF_LINK.finditer(data):
        href = HREF.search(tag.group(0))
        if not href:
            continue
        url = href.group(1).decode("utf-8", "replace").replace("&amp;", "&")
        if url.startswith(("http://", "https://")) and url.split("?")[0].endswith("/" + file_name):
            return url
    return "https://example.org/" + file_name


def main():
    args = sys.argv[1:]
    split = args and args[0] == "--split"
    if split:
        args = args[1:]
    sys.path.insert(0, args[0])
    import feedvalidator
    from feedvalidator import compatibility
    from feedvalidator.logging import Error

    root = args[1]
    for path in args[2:]:
        name = os.path.relpath(path, root)
        data = open(path, "rb").read()
        base = location(data, os.path.basename(name))
        try:
            result = feedvalidator.validateString(
                data, firstOccurrenceOnly=1, fallback="utf-8", base=base
            )
            events = compatibility.AA(result["loggedEvents"])
        except Exception as e:  # the service shows an error page
            print(f"measure.py: {name}: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        errors, warnings = [], []
        for event in events:
            kind = type(event).__name__
            target = errors if isinstance(event, Error) else warnings
            if kind not in target:
                target.append(kind)
        verdict = "invalid" if errors else "valid"
        row = [
            name,
            verdict,
            ",".join(sorted(errors)) or "-",
            ",".join(sorted(warnings)) or "-",
            base,
        ]
        if split:
            digest = hashlib.sha1(name.encode("utf-8")).digest()
            row.append("dev" if digest[0] % 2 == 0 else "held-out")
        print("\t".join(row))


main()
