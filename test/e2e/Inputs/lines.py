#!/usr/bin/env python3
"""lines.py FILE REGEX... : every line of FILE must match one of the regexes
in full (no torn line).  --sequence: lines with a group named n must carry
consecutive numbers from 0 (nothing lost in the middle).  Prints a summary."""
import re
import sys

args = sys.argv[1:]
sequence = "--sequence" in args
args = [a for a in args if a != "--sequence"]
path, pats = args[0], [re.compile(p) for p in args[1:]]
bad, numbered, expect = 0, 0, 0
with open(path, "rb") as f:
    for no, raw in enumerate(f.read().decode("utf-8", "replace").split("\n")[:-1], 1):
        m = next((m for m in (p.fullmatch(raw) for p in pats) if m), None)
        if m is None:
            print("line %d does not match: %r" % (no, raw[:200]))
            bad += 1
            continue
        if sequence and "n" in m.re.groupindex and m.group("n") is not None:
            if int(m.group("n")) != expect:
                print("line %d: expected number %d, got %s" % (no, expect, m.group("n")))
                bad += 1
            expect = int(m.group("n")) + 1
            numbered += 1
print("numbered lines: %s" % ("some" if numbered else "none"))
print("bad lines: %d" % bad)
sys.exit(1 if bad else 0)
