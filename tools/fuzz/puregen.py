#!/usr/bin/env python3
"""puregen.py - write random C programs whose hot loops are effect-free.

usage: puregen.py [--seed S] [--programs K] [--only I] [-o FILE]

The "pure" flavour of tools/fuzz/fuzz.py.  One C file holds K programs;
`./prog I [SCALE]` runs program I and prints one checksum line.  A program's
work function runs a random loop nest (counted loops with constant or
run-time bounds, do-while loops, loops left by a data-dependent break) whose
body only computes on locals: integer arithmetic, reads of const tables,
calls to pure functions (some with loops of their own, some kept out of line),
a pure recursive function, stack arrays written whole before they are read
(declared in the body or before the nest: their old contents are dead at
the header), and now and then a scratch array filled before the nest and
updated inside it (an effect: that loop is polled).  Its result is stored into a global
after the nest and printed by main.  Such loops are what the pass turns into
reset regions, so under chaos mode (CANCELPOINTS_CHAOS) resets are common,
and by the law the checksum must be the one plain clang's build prints.

Everything is unsigned, shift counts and table indices are masked and
divisors are odd: no undefined behaviour at any level.  The same seed writes
the same file.
"""
import argparse
import random
import sys

TARGET = 20000000 # body statements one run of a program executes, roughly
TAB = 64         # entries of a const table (a power of two)
SCRATCH = 16     # entries of a scratch array (a power of two)


class Prog:
    def __init__(self, rng, k):
        self.r = rng
        self.p = "P%d_" % k
        self.k = k
        self.out = []          # top-level text: tables, functions
        self.tables = []
        self.pures = []        # pure functions of (x, y): (name, cost of one call)
        self.rec = None        # (name, cost of one call)
        self.accs = ["a0", "a1", "a2"]
        self.idx = []          # loop indices in scope
        self.scratch = rng.random() < 0.3
        self.nidx = 0
        self.nfresh = 0
        self.hoisted = []  # arrays declared before the loops, written whole before each read
        self.uses_sqrt = False

    # -- expressions ---------------------------------------------------
    def leaf(self):
        r = self.r
        c = r.random()
        if c < 0.45:
            return r.choice(self.accs)
        if c < 0.7 and self.idx:
            return r.choice(self.idx)
        if c < 0.85:
            return "%dULL" % r.choice([1, 3, 7, 13, 255, 0x9e37, 0x7fffffff, r.randrange(1, 1 << 32)])
        return "x"

    def expr(self, depth, cost):
        """An expression and its cost (statements it stands for)."""
        r = self.r
        if depth <= 0 or r.random() < 0.25:
            return self.leaf(), 1
        c = r.random()
        if c < 0.45:
            a, ca = self.expr(depth - 1, cost)
            b, cb = self.expr(depth - 1, cost)
            op = r.choice(["+", "-", "*", "^", "|", "&"])
            return "(%s %s %s)" % (a, op, b), ca + cb
        if c < 0.55:
            a, ca = self.expr(depth - 1, cost)
            b, cb = self.expr(depth - 1, cost)
            op = r.choice(["<<", ">>"])
            return "(%s %s (%s & 63))" % (a, op, b), ca + cb
        if c < 0.62:
            a, ca = self.expr(depth - 1, cost)
            b, cb = self.expr(depth - 1, cost)
            op = r.choice(["/", "%"])
            return "(%s %s (%s | 1))" % (a, op, b), ca + cb
        if c < 0.75 and self.tables:
            a, ca = self.expr(depth - 1, cost)
            return "(uint64_t)%s[(%s) & %d]" % (r.choice(self.tables), a, TAB - 1), ca + 1
        if c < 0.85 and self.pures:
            name, hc = r.choice(self.pures)
            a, ca = self.expr(depth - 1, cost)
            b, cb = self.expr(depth - 1, cost)
            return "%s(%s, %s)" % (name, a, b), ca + cb + hc
        if c < 0.9 and self.rec:
            name, hc = self.rec
            a, ca = self.expr(depth - 1, cost)
            return "%s(%s, 6)" % (name, a), ca + hc
        if c < 0.93:
            a, ca = self.expr(depth - 1, cost)
            self.uses_sqrt = True
            return "(uint64_t)sqrt((double)((%s) & 0xffffffffULL))" % a, ca + 4
        if c < 0.97 and self.scratch:
            a, ca = self.expr(depth - 1, cost)
            return "s[(%s) & %d]" % (a, SCRATCH - 1), ca + 1
        a, ca = self.expr(depth - 1, cost)
        b, cb = self.expr(depth - 1, cost)
        cc, ccc = self.expr(depth - 1, cost)
        return "((%s & 1) ? %s : %s)" % (a, b, cc), ca + cb + ccc

    # -- top-level pieces ----------------------------------------------
    def table(self):
        n = "%st%d" % (self.p, len(self.tables))
        vals = ", ".join("%du" % self.r.randrange(0, 1 << 32) for _ in range(TAB))
        self.out.append("static const uint32_t %s[%d] = {%s};\n" % (n, TAB, vals))
        self.tables.append(n)

    def pure(self):
        """A pure function of (x, y); some loop, some stay out of line."""
        r = self.r
        n = "%sh%d" % (self.p, len(self.pures))
        attr = "NOINLINE " if r.random() < 0.5 else ""
        save = self.accs, self.idx, self.scratch
        self.accs, self.idx, self.scratch = ["x", "y", "z"], [], False
        body = ["  uint64_t z = x ^ 0x5bd1e995ULL;\n"]
        cost = 2
        if r.random() < 0.5:
            trip = r.randrange(2, 24)
            self.idx = ["j"]
            e, c = self.expr(3, 0)
            body.append("  for (uint64_t j = 0; j < %d; j++)\n    z = z * 31 + %s;\n" % (trip, e))
            cost += trip * c
            self.idx = []
        e, c = self.expr(3, 0)
        body.append("  return z ^ (%s) ^ y;\n" % e)
        cost += c
        self.accs, self.idx, self.scratch = save
        self.out.append("%sstatic uint64_t %s(uint64_t x, uint64_t y)\n{\n%s}\n" % (attr, n, "".join(body)))
        self.pures.append((n, cost))

    def recursive(self):
        """A pure recursive function of (x, d): 2^(d+1) calls at most."""
        r = self.r
        n = "%srec" % self.p
        save = self.accs, self.idx, self.scratch
        self.accs, self.idx, self.scratch = ["x", "d"], [], False
        e1, _ = self.expr(2, 0)
        e2, _ = self.expr(2, 0)
        self.accs, self.idx, self.scratch = save
        if r.random() < 0.5:  # one call per level
            body = ("  if (d == 0)\n    return x * 0x9e3779b97f4a7c15ULL;\n"
                    "  return %s(%s, d - 1) + (%s);\n" % (n, e1, e2))
            cost = 7 * 3
        else:
            body = ("  if (d < 2)\n    return x + d;\n"
                    "  return %s(%s, d - 1) ^ %s(%s, d - 2);\n" % (n, e1, n, e2))
            cost = 25 * 3
        self.out.append("static uint64_t %s(uint64_t x, uint64_t d)\n{\n%s}\n" % (n, body))
        self.rec = (n, cost)

    # -- statements ----------------------------------------------------
    def assign(self, ind):
        a = self.r.choice(self.accs)
        e, c = self.expr(4, 0)
        if self.scratch and self.r.random() < 0.2:
            i, ci = self.expr(2, 0)
            return "%ss[(%s) & %d] = %s;\n" % (ind, i, SCRATCH - 1, e), c + ci
        op = self.r.choice(["=", "+=", "^=", "-="])
        return "%s%s %s %s;\n" % (ind, a, op, e), c

    def block(self, ind, depth, mult, nstmts):
        """Statements at indentation ind; mult: how often this block runs."""
        r = self.r
        text, cost = [], 0
        for _ in range(nstmts):
            c = r.random()
            if c < 0.3 and depth < 3 and mult * 8 < TARGET:
                t, cc = self.loop(ind, depth + 1, mult)
            elif c < 0.36:
                t, cc = self.fresh(ind)
            elif c < 0.46:
                cond, c1 = self.expr(2, 0)
                a, ca = self.assign(ind + "  ")
                b, cb = self.assign(ind + "  ")
                t = "%sif ((%s) & 1)\n%s%selse\n%s" % (ind, cond, a, ind, b)
                cc = c1 + max(ca, cb)
            else:
                t, cc = self.assign(ind)
            text.append(t)
            cost += cc
        return "".join(text), max(cost, 1)

    def fresh(self, ind):
        """A stack array written whole before it is read, in each pass:
        declared in the block, or (hoisted) before the work's loops; what
        it held at the loop's header is dead, so the loop stays effect-free."""
        r = self.r
        n = r.choice([2, 4, 8])
        if r.random() < 0.5:
            name = "t%d" % self.nfresh
            self.nfresh += 1
            decl = "%s  uint64_t %s[%d];\n" % (ind, name, n)
        else:
            name = "h%d" % len(self.hoisted)
            self.hoisted.append((name, n))
            decl = ""
        text, cost = [], 0
        for j in range(n):
            e, c = self.expr(2, 0)
            text.append("%s  %s[%d] = %s;\n" % (ind, name, j, e))
            cost += c
        i, ci = self.expr(2, 0)
        a = r.choice(self.accs)
        body = "%s{\n%s%s%s  %s ^= %s[(%s) & %d];\n%s}\n" % (ind, decl, "".join(text), ind, a, name, i, n - 1, ind)
        return body, cost + ci + 1

    def loop(self, ind, depth, mult):
        r = self.r
        i = "i%d" % self.nidx
        self.nidx += 1
        # a trip count that keeps the whole nest near TARGET
        trip = max(2, min(r.randrange(2, 40), TARGET // max(mult, 1) // 8))
        self.idx.append(i)
        body, bc = self.block(ind + "  ", depth, mult * trip, r.randrange(1, 4))
        self.idx.pop()
        shape = r.random()
        if shape < 0.5:
            t = "%sfor (uint64_t %s = 0; %s < %d; %s++) {\n%s%s}\n" % (ind, i, i, trip, i, body, ind)
        elif shape < 0.75:
            t = ("%s{\n%s  uint64_t %s = 0;\n%s  do {\n%s%s  } while (++%s < %d && (%s & 1023) != 77);\n%s}\n"
                 % (ind, ind, i, ind, body, ind, i, trip, r.choice(self.accs), ind))
        else:
            t = ("%sfor (uint64_t %s = 0; %s < %d; %s++) {\n%s%s  if ((%s & 4095) == 1234)\n%s    break;\n%s}\n"
                 % (ind, i, i, trip, i, body, ind, r.choice(self.accs), ind, ind))
        return t, trip * bc

    def work(self):
        r = self.r
        for _ in range(r.randrange(1, 4)):
            self.table()
        for _ in range(r.randrange(0, 4)):
            self.pure()
        if r.random() < 0.5:
            self.recursive()
        # the outer loop's bound is read at run time: no trip bound covers it
        self.idx = ["i"]
        self.nidx = 0
        body, bc = self.block("    ", 1, 1, r.randrange(1, 4))
        self.idx = []
        outer = max(1, TARGET // bc)
        pre = ["  uint64_t a0 = x, a1 = x * 3 + 1, a2 = ~x;\n"]
        pre += ["  uint64_t %s[%d];\n" % h for h in self.hoisted]
        if self.scratch:
            pre.append("  uint64_t s[%d];\n  for (unsigned k = 0; k < %d; k++)\n    s[k] = x + k;\n"
                       % (SCRATCH, SCRATCH))
        self.out.append(
            "NOINLINE static uint64_t %swork(uint64_t x, uint64_t n)\n{\n%s"
            "  for (uint64_t i = 0; i < n; i++) {\n%s  }\n"
            "  return a0 ^ (a1 << 1) ^ (a2 << 2)%s;\n}\n"
            % (self.p, "".join(pre), body, " ^ s[x & %d]" % (SCRATCH - 1) if self.scratch else ""))
        self.out.append("uint64_t %sresult;\n" % self.p)
        return outer


def generate(seed, programs, only=None):
    """K programs; with only=k, program k alone (the same text as in the
    whole file: each program has a random stream of its own)."""
    head = ["/* puregen.py --seed %d --programs %d%s: random programs with effect-free hot loops */\n"
            % (seed, programs, "" if only is None else " --only %d" % only),
            "#include <math.h>\n#include <stdint.h>\n#include <stdio.h>\n#include <stdlib.h>\n",
            "#define NOINLINE __attribute__((noinline))\n"]
    calls = []
    for k in range(programs):
        rng = random.Random("%d/%d" % (seed, k))
        p = Prog(rng, k)
        outer = p.work()
        if only is not None and k != only:
            continue
        head.extend(p.out)
        calls.append("  case %d:\n    P%d_result = P%d_work(%dULL, %dULL * scale);\n"
                     "    printf(\"P%d %%016llx\\n\", (unsigned long long)P%d_result);\n    break;\n"
                     % (k, k, k, rng.randrange(1 << 40), outer, k, k))
    head.append("int main(int argc, char **argv)\n{\n"
                "  int which = argc > 1 ? atoi(argv[1]) : 0;\n"
                "  uint64_t scale = argc > 2 ? strtoull(argv[2], 0, 0) : 1;\n"
                "  switch (which) {\n%s  default:\n    return 2;\n  }\n  return 0;\n}\n" % "".join(calls))
    return "".join(head)


def main(argv):
    ap = argparse.ArgumentParser(prog="puregen.py")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--programs", type=int, default=1)
    ap.add_argument("--only", type=int, help="write program ONLY of the file alone")
    ap.add_argument("-o", dest="out", default="-")
    a = ap.parse_args(argv)
    text = generate(a.seed, a.programs, a.only)
    if a.out == "-":
        sys.stdout.write(text)
    else:
        with open(a.out, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
