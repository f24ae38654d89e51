#!/usr/bin/env python3
"""add_gc.py IN.ll OUT.ll: give every function defined in a textual LLVM
module the gc "statepoint-example" strategy, which is what opt's
place-safepoints pass looks for before it places polls in a function."""
import re
import sys

src, dst = sys.argv[1], sys.argv[2]
out = []
for line in open(src):
    s = line.rstrip("\n")
    if (s.startswith("define ") and s.endswith("{") and ' gc "' not in s
            and "@gc.safepoint_poll(" not in s):
        body = s[:-1].rstrip()
        # gc goes after the attributes and section/comdat/align, before
        # prefix/prologue/personality and attached metadata.
        m = re.search(r" (?:prefix|prologue|personality) | !\w", body)
        if m:
            body = body[:m.start()] + ' gc "statepoint-example"' + body[m.start():]
        else:
            body += ' gc "statepoint-example"'
        s = body + " {"
    out.append(s + "\n")
with open(dst, "w") as f:
    f.write("".join(out))
