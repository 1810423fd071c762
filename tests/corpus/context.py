#!/usr/bin/env python3
"""Prints each diagnostic of a judged list with the source around its position, for judging.

    context.py NAME [RULE] [--verdict V] [--width N]

NAME is a manuscript of tests/corpus/manuscripts.toml; RULE keeps one rule's diagnostics;
--verdict keeps one verdict (e.g. unjudged). Positions are 1-based line and column (in
characters) of the corpus file, so the excerpt needs no manulint build.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.environ.get(
    "MANULINT_CORPUS", os.path.join(HERE, "..", "..", "..", "shared", "corpus")
)


def main(argv):
    width = 220
    verdict_filter = None
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--verdict":
            verdict_filter = argv[i + 1]
            i += 2
        elif argv[i] == "--width":
            width = int(argv[i + 1])
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if not args:
        sys.exit(__doc__)
    name, rule = args[0], (args[1] if len(args) > 1 else None)
    cache = {}
    with open(os.path.join(HERE, f"{name}.txt"), encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            raw = raw.rstrip("\n")
            if not raw or raw.startswith("#"):
                continue
            verdict, rest = raw.split(" ", 1)
            line = rest.split("  ## ")[0]
            this_rule, where = line.split(" ", 2)[:2]
            if rule and this_rule != rule:
                continue
            if verdict_filter and verdict != verdict_filter:
                continue
            path, row, column = where.rsplit(":", 2)
            if path not in cache:
                with open(os.path.join(CORPUS, path), encoding="utf-8", errors="replace") as src:
                    cache[path] = src.read().splitlines()
            lines = cache[path]
            text = lines[int(row) - 1] if int(row) <= len(lines) else ""
            col = int(column) - 1
            before = text[max(0, col - width): col]
            after = text[col: col + width]
            prev_line = lines[int(row) - 2] if int(row) >= 2 else ""
            print(f"[{number}] {raw}")
            if col < 40 and prev_line.strip():
                print(f"      prev| {prev_line[-width:]}")
            print(f"      here| {before}⟦{after[:1]}⟧{after[1:]}")
            print()


if __name__ == "__main__":
    main(sys.argv[1:])
