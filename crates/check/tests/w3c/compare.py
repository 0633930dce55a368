#!/usr/bin/env python3
"""Sets feedwright's verdicts beside the W3C service's.

usage: compare.py VERDICTS.tsv OURS.tsv [--list dev|held-out|all] [--by-folder]

VERDICTS.tsv is measure.py's output (verdicts.tsv); OURS.tsv the output of
`cargo run --release -p feedwright-check --example verdicts -- NOW ROOT FILE...`
on the same files. Prints the verdict and message-type agreement for each
split and, with --list, the files where the verdicts differ (the rules are
tuned on the dev half only: list the held-out half only to report on it).
"""

import collections
import sys


def rows(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        fields = line.rstrip("\n").split("\t")
        out[fields[0]] = fields
    return out


def codes(fields):
    return {c for c in (fields[2] + "," + fields[3]).split(",") if c and c != "-"}


def main():
    args = sys.argv[1:]
    w3c, ours = rows(args[0]), rows(args[1])
    listing = args[args.index("--list") + 1] if "--list" in args else None
    by_folder = "--by-folder" in args
    groups = collections.defaultdict(list)
    for name, theirs in w3c.items():
        split = theirs[5] if len(theirs) > 5 else "all"
        groups[split].append(name)
        groups["all"].append(name) if split != "all" else None
        if by_folder:
            groups[split + " " + "/".join(name.split("/")[:2])].append(name)
    for group in sorted(groups):
        names = groups[group]
        n = len(names)
        verdicts = types = 0
        missed, false = collections.Counter(), collections.Counter()
        for name in names:
            theirs, mine = w3c[name], ours.get(name)
            if mine is None:
                continue
            if theirs[1] == mine[1]:
                verdicts += 1
                types += codes(theirs) == codes(mine)
            elif theirs[1] == "invalid":
                missed.update(theirs[2].split(","))
            else:
                false.update(mine[2].split(","))
        print(
            f"{group}: {n} files, verdicts agree on {verdicts} ({100 * verdicts / n:.1f}%),"
            f" message types on {types} ({100 * types / n:.1f}%)"
        )
        if listing and group in (listing, "all" if listing == "all" else None):
            print("  errors W3C finds and feedwright does not:", dict(missed.most_common()))
            print("  errors feedwright finds and W3C does not:", dict(false.most_common()))
    if listing:
        for name, theirs in sorted(w3c.items()):
            split = theirs[5] if len(theirs) > 5 else "all"
            mine = ours.get(name)
            if listing in (split, "all") and mine and mine[1] != theirs[1]:
                print(f"{name}\tW3C {theirs[1]} {theirs[2]} / {theirs[3]}\tfeedwright {mine[1]} {mine[2]} / {mine[3]}")


main()
