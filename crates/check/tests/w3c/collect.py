#!/usr/bin/env python3
"""Copies the W3C Feed Validation Service's own test cases that are feeds
(RSS, RDF, Atom feeds and entries) from a checkout of w3c/feedvalidator into
testcases/, keeping their paths, for the agreement tests (tests/it/w3c.rs).

usage: python3 crates/check/tests/w3c/collect.py FEEDVALIDATOR_CHECKOUT

All of testcases/atom, testcases/rss and testcases/rss20 are taken (they are
the service's RSS and Atom cases); from testcases/ext, gbase, opensearch and
xml, the files whose root element is rss, RDF, feed or entry (not the APP,
XRD and OpenSearch description documents, which are no feeds). RSS 1.1
(testcases/rss11) is left out: feedwright does not read RSS 1.1.
"""

import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ALL = ["atom", "rss", "rss20"]
FEEDS_ONLY = ["ext", "gbase", "opensearch", "xml"]
FEED_ROOTS = {"rss", "RDF", "feed", "entry"}


def root_name(data):
    text = data.decode("utf-8", "replace")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"<\?.*?\?>", "", text, flags=re.S)
    text = re.sub(r"<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", "", text, flags=re.S)
    m = re.search(r"<([A-Za-z_][\w:.-]*)", text)
    return m.group(1).split(":")[-1] if m else None


def main():
    source = os.path.join(sys.argv[1], "testcases")
    target = os.path.join(HERE, "testcases")
    shutil.rmtree(target, ignore_errors=True)
    count = 0
    for folder in ALL + FEEDS_ONLY:
        for dirpath, _, files in os.walk(os.path.join(source, folder)):
            for name in sorted(files):
                if not name.endswith(".xml"):
                    continue
                path = os.path.join(dirpath, name)
                data = open(path, "rb").read()
                if folder in FEEDS_ONLY and root_name(data) not in FEED_ROOTS:
                    continue
                out = os.path.join(target, os.path.relpath(path, source))
                os.makedirs(os.path.dirname(out), exist_ok=True)
                with open(out, "wb") as f:
                    f.write(data)
                count += 1
    print(f"{count} test cases copied to {target}")


if __name__ == "__main__":
    main()
