#!/usr/bin/env python3
"""gen.py - write random C programs that test the law of cancellation.

usage: gen.py [--seed S] [--programs K] [-o FILE]

Writes one C file holding K random programs and a main that runs each of
them under cp_scope_run with random deadlines (lawfuzz.h) and checks the law
after every run.  A program is a work function with loops of random nesting
and shapes - counted for loops (constant bounds, bounds from memory), while
loops whose exit test calls a helper with effects, do-while loops, loops that
read() from a pipe, sweeps over an array, fills and copies of an array (which
may become memset and memcpy calls), some with a second exit (break) -
whose bodies update counters and a log in globals, the caller's object
through a pointer and a heap object, call noinline helpers with effects and
pure helpers (with loops of their own), call a recursive function, and store
into globals that are overwritten after the loop.

Each program is written twice from the same text: the code under test, and
the reference (its state in one struct, optimisation off, no points) with a
hook at every source loop header, every recursive entry and every read():
the places where a cancellation may land.  After a run, lawfuzz.h replays
the reference from the state the run started from and looks for the state
the run left.  The same seed writes the same file.
"""
import argparse
import random
import re
import sys

HERE_HEADER = "lawfuzz.h"
TARGET = 200000  # statements a call of a work function runs, roughly
VECN = 512       # elements of the array that sweeps pass over


class Prog:
    """One random program; its code is text with markers:
    @v:NAME@  a state variable (test: P<k>_NAME, reference: R<k>.NAME)
    @f:NAME@  a function of the program (test: P<k>_NAME, reference: R<k>_NAME)
    @H@       a place where a cancellation may land (reference: a hook)
    @READ@    read() from the pipe into buf
    """

    def __init__(self, rng, k):
        self.r = rng
        self.k = k
        self.name = "P%d" % k
        self.scalars = []          # state variables: unsigned long
        self.arrays = {}           # name -> length
        self.funcs_named = set()   # helpers made once per program
        self.funcs = []            # text of helper functions (markers)
        self.sites = 0
        self.uses_pipe = False
        self.uses_rec = False
        self.takes = []            # helpers: counters, return ++w
        self.mixes = []            # helpers: hash their argument into w, return it
        self.pures = []            # pure helpers with a loop
        self.objs = []             # helpers that update the caller's object
        self.locals = 0            # loop indices declared
        self.budget = 0            # iterations of the loops around the code being written
        self.cost = 0              # statements one call of the work runs, roughly
        # every loop counts its iterations in `steps`: then a run that ran
        # long must have changed the state (lawfuzz.h checks it)
        self.monotone = rng.random() < 0.5
        if self.monotone:
            self.scalars.append("steps")

    # -- names ---------------------------------------------------------
    def scalar(self):
        """A state scalar: an existing one or a new one."""
        mine = [s for s in self.scalars if s.startswith("c")]
        if mine and (len(mine) >= 6 or self.r.random() < 0.6):
            return self.r.choice(mine)
        return self.new_scalar()

    def new_scalar(self):
        n = "c%d" % len([s for s in self.scalars if s.startswith("c")])
        self.scalars.append(n)
        return n

    def site(self):
        self.sites += 1
        return "@H%d@" % (self.sites - 1)

    # -- helpers -------------------------------------------------------
    def take(self):
        if self.takes and self.r.random() < 0.5:
            return self.r.choice(self.takes)
        i = len(self.takes)
        w = "w_take%d" % i
        self.scalars.append(w)
        f = "take%d" % i
        self.funcs.append("NOINLINE static unsigned long @f:%s@(void) { return ++@v:%s@; }" % (f, w))
        self.takes.append(f)
        return f

    def mix(self):
        if self.mixes and self.r.random() < 0.5:
            return self.r.choice(self.mixes)
        i = len(self.mixes)
        w, c = "w_mix%d" % i, "w_mixn%d" % i
        self.scalars += [w, c]
        f = "mix%d" % i
        self.funcs.append(
            "NOINLINE static unsigned long @f:%s@(unsigned long v)\n{\n"
            "  @v:%s@ = (@v:%s@ ^ v) * 0x9e3779b97f4a7c15UL + %d;\n  @v:%s@++;\n"
            "  return @v:%s@ >> 7;\n}" % (f, w, w, self.r.randrange(1, 1000), c, w))
        self.mixes.append(f)
        return f

    def pure(self):
        if self.pures and self.r.random() < 0.5:
            return self.r.choice(self.pures)
        i = len(self.pures)
        f = "pure%d" % i
        kind = self.r.randrange(3)
        if kind == 0:  # a counted loop with a bound from the argument
            body = ("  unsigned long h = x | 1;\n"
                    "  for (unsigned long j = 0; %s, j < (x & 15) + %d; j++)\n"
                    "    h = (h ^ (h >> 29)) * 0xbf58476d1ce4e5b9UL + j;\n  return h;"
                    % (self.site(), self.r.randrange(2, 40)))
        elif kind == 1:  # a Collatz walk: no bound the compiler knows
            body = ("  unsigned long y = (x & 0xffff) + 2, n = 0;\n"
                    "  while (%s, y != 1) {\n    y = (y & 1) ? 3 * y + 1 : y / 2;\n    n++;\n  }\n"
                    "  return n ^ x;" % self.site())
        else:  # a do-while over bits
            body = ("  unsigned long h = x, n = 0;\n"
                    "  do {\n    %s;\n    n += h & 1;\n    h >>= 1;\n  } while (h);\n  return n * 0x100000001b3UL ^ x;"
                    % self.site())
        self.funcs.append("NOINLINE static unsigned long @f:%s@(unsigned long x)\n{\n%s\n}" % (f, body))
        self.pures.append(f)
        return f

    def objhelper(self):
        if self.objs and self.r.random() < 0.5:
            return self.r.choice(self.objs)
        i = len(self.objs)
        f = "objh%d" % i
        self.funcs.append(
            "NOINLINE static void @f:%s@(struct %s_obj *p, unsigned long v) { p->b = p->b * 3 + v; p->arr[v & 7]++; }"
            % (f, self.name))
        self.objs.append(f)
        return f

    def recursive(self):
        if not self.uses_rec:
            self.uses_rec = True
            self.scalars += ["rdepth", "rsum"]
            d = self.r.randrange(3, 9)
            self.funcs.append(
                "NOINLINE static void @f:rec@(struct %s_obj *o, unsigned long d)\n{\n"
                "  %s;\n  @v:rdepth@++;\n  @v:rsum@ += d;\n"
                "  if (d < %d) {\n    @f:rec@(o, d + 1);\n    if (d & 1)\n      @f:rec@(o, d + 2);\n  }\n"
                "  o->a ^= d;\n  @v:rdepth@--;\n}" % (self.name, self.site(), d))
        return "rec"

    # -- code ----------------------------------------------------------
    def expr(self, idx):
        r = self.r
        terms = []
        for _ in range(r.randrange(1, 3)):
            c = r.random()
            if idx and c < 0.45:
                terms.append(r.choice(idx))
            elif self.scalars and c < 0.7:
                terms.append("@v:%s@" % r.choice(self.scalars))
            elif c < 0.8:
                terms.append("o->a")
            else:
                terms.append(str(r.randrange(1, 100)))
        e = terms[0]
        for t in terms[1:]:
            op = r.choice(["+", "^", "*"])
            e = "(%s %s %s)" % (e, op, t)
        if r.random() < 0.3:
            e = "(%s >> %d)" % (e, r.randrange(1, 9))
        return e

    def simple(self, idx, ind):
        """A statement with an effect on the state, no loop."""
        r = self.r
        c = r.random()
        if c < 0.35:  # most often, a plain update of a global
            c = 0
        else:
            c = (c - 0.35) / 0.65
        e = self.expr(idx)
        self.cost += max(1, self.budget) * (20 if 0.72 <= c < 0.84 else 1)
        if c < 0.25:
            return "%s@v:%s@ %s %s;" % (ind, self.scalar(), r.choice(["+=", "^=", "="]), e)
        if c < 0.38:
            self.arrays["log"] = 16
            if "len" not in self.scalars:
                self.scalars.append("len")
            return "%s@v:log@[@v:len@ %% LOGN] = %s;\n%s@v:len@++;" % (ind, e, ind)
        if c < 0.48:
            return "%so->%s %s %s;" % (ind, r.choice(["a", "b", "arr[%d]" % r.randrange(8)]), r.choice(["+=", "^="]), e)
        if c < 0.56:
            self.arrays["heap"] = 16
            return "%s@v:heap@[(%s) & (HEAPN - 1)] += %s;" % (ind, self.expr(idx), e)
        if c < 0.66:
            return "%s@f:%s@(%s);" % (ind, self.mix(), e)
        if c < 0.72:
            return "%s@f:%s@(o, %s);" % (ind, self.objhelper(), e)
        if c < 0.84:
            return "%s@v:%s@ ^= @f:%s@(%s);" % (ind, self.scalar(), self.pure(), e)
        if c < 0.92:
            return "%sif (((%s) & 3) == 0)\n%s  @v:%s@ += %s;" % (ind, self.expr(idx), ind, self.scalar(), e)
        if c < 0.96 and self.budget_left(8):
            self.cost += max(1, self.budget) * 300
            return "%s@f:%s@(o, %d);" % (ind, self.recursive(), r.randrange(0, 3))
        self.uses_pipe = True
        for s in ("got", "bytes"):
            if s not in self.scalars:
                self.scalars.append(s)
        return ("%sn = (%s, @READ@);\n%sif (n > 0) {\n%s  @v:got@ += (unsigned long)n;\n"
                "%s  @v:bytes@ = @v:bytes@ * 31 + buf[n - 1];\n%s}" % (ind, self.site(), ind, ind, ind, ind))

    def budget_left(self, trips):
        """May a loop of `trips` iterations go here?"""
        return self.budget * trips <= 200000

    def loop(self, idx, ind, depth):
        r = self.r
        i = "i%d" % self.locals
        self.locals += 1
        kind = r.choice(["for", "for", "forvar", "while", "while", "dowhile", "dotake", "read", "sweep",
                         "fill"])
        saved = self.budget
        # Trip counts: small constants (no point of their own), large ones
        # (polled, strip-mined), and ones the compiler cannot bound.
        big = r.random() < 0.5
        if kind == "for":
            t = r.randrange(100, 2000) if big else r.randrange(2, 60)
            head = "for (%s = 0; %s, %s < %d; %s++) {" % (i, self.site(), i, t, i)
            tail = "}"
        elif kind == "forvar":  # a bound read from memory that the body may change
            s = self.scalar()
            m = 1023 if big else 7
            t = r.randrange(2, 12)
            head = "for (%s = 0; %s, %s < (@v:%s@ & %d) + %d; %s++) {" % (i, self.site(), i, s, m, t - 1, i)
            t += m // 2
            tail = "}"
        elif kind == "while":  # the exit test calls a helper with effects
            t = r.randrange(2, 400 if big else 40)
            head = "while (%s, (x = @f:%s@()) %% %d != 0) {" % (self.site(), self.take(), t)
            tail = "}"
        elif kind == "dowhile":
            t = r.randrange(2, 40)
            head = "%s = 0;\n%sdo {\n%s  %s;" % (i, ind, ind, self.site())
            if big:
                s = self.scalar()
                tail = "} while (++%s < (@v:%s@ & 511) + %d);" % (i, s, t)
                t += 256
            else:
                tail = "} while (++%s < %d);" % (i, t)
        elif kind == "dotake":
            t = r.randrange(2, 300 if big else 30)
            head = "do {\n%s  %s;" % (ind, self.site())
            tail = "} while (@f:%s@() %% %d != 0);" % (self.take(), t)
        elif kind == "fill":  # a fill or a copy, which may become a memset or a memcpy
            self.arrays["vec"] = VECN
            self.arrays["vecb"] = VECN
            s = self.scalar()
            # The bound from a helper: a trip count that the compiler cannot
            # bound, so the loop is marked (before it: StridedStores.h).
            if "bound" not in self.funcs_named:
                self.funcs_named.add("bound")
                self.funcs.append("NOINLINE static unsigned long @f:bound@(unsigned long v) { return (v & %d) + 1; }"
                                  % (VECN - 1))
            head = "for (lim = @f:bound@(@v:%s@), %s = 0; %s, %s < lim; %s++)" % (s, i, self.site(), i, i)
            to, frm = r.sample(["vec", "vecb"], 2)
            if r.random() < 0.5:
                body = "%s  @v:%s@[%s] = @v:%s@[%s];" % (ind, to, i, frm, i)
            else:  # a byte pattern (memset) or not (a loop with its point)
                value = r.choice(["0", "~0UL", "%dUL" % r.randrange(2, 1 << 30)])
                body = "%s  @v:%s@[%s] = %s;" % (ind, to, i, value)
            self.cost += max(1, self.budget) * (VECN // 2)
            return "%s%s\n%s" % (ind, head, body)
        elif kind == "sweep":  # a loop the vectoriser takes: a pass over an array
            self.arrays["vec"] = VECN
            s = self.scalar()
            t = VECN // 2
            head = "for (%s = 0; %s, %s < (@v:%s@ & %d) + 1; %s++) {" % (i, self.site(), i, s, VECN - 1, i)
            body = ["%s  @v:vec@[%s] = @v:vec@[%s] * %d + (%s);" % (ind, i, i, r.randrange(3, 99, 2),
                                                                 self.expr([i]))]
            if r.random() < 0.5:  # and a store that the one after the loop makes dead
                c = self.scalar()
                body.append("%s  @v:%s@ = %s;" % (ind, c, i))
                body.append("%s}\n%s@v:%s@ = %d;" % (ind, ind, c, r.randrange(1000, 2000)))
            else:
                body.append("%s}" % ind)
            self.cost += max(1, self.budget) * t
            return "%s%s\n%s" % (ind, head, "\n".join(body))
        else:  # read loop: the header's test is the read
            self.uses_pipe = True
            for s in ("got", "bytes"):
                if s not in self.scalars:
                    self.scalars.append(s)
            t = r.randrange(2, 80)
            if r.random() < 0.5:
                head = "while (%s, (n = @READ@) > 0) {" % self.site()
            else:
                head = "for (%s = 0; %s, %s < %d && (n = @READ@) > 0; %s++) {" % (i, self.site(), i, t, i)
            head += "\n%s  @v:got@ += (unsigned long)n;\n%s  @v:bytes@ = @v:bytes@ * 31 + buf[0];" % (ind, ind)
            tail = "}"
        self.budget = max(1, self.budget) * t
        inner = idx + ([i] if kind in ("for", "forvar", "dowhile") else ["x"] if kind == "while" else [])
        body = [self.simple(inner, ind + "  ")]  # every iteration writes at once
        if self.monotone:  # and counts its steps: the state never comes back
            body.insert(0, "%s  @v:steps@++;" % ind)
        for _ in range(r.randrange(0, 3)):
            if depth < 3 and r.random() < 0.45 and self.budget_left(10):
                body.append(self.loop(inner, ind + "  ", depth + 1))
            else:
                body.append(self.simple(inner, ind + "  "))
        if r.random() < 0.2:  # a second exit
            body.insert(r.randrange(1, len(body) + 1),
                        "%s  if (((%s) & 31) == 0)\n%s    break;" % (ind, self.expr(inner), ind))
        # a store in the loop that a store after it overwrites (DSE)
        post = ""
        if r.random() < 0.3:
            s = self.scalar()
            body.append("%s  @v:%s@ = %s;" % (ind, s, inner[-1] if inner else "1"))
            post = "\n%s@v:%s@ = %d;" % (ind, s, r.randrange(1000, 2000))
        self.budget = saved
        return "%s%s\n%s\n%s%s%s" % (ind, head, "\n".join(body), ind, tail, post)

    def generate(self):
        """The work: one to three loop nests, repeated by an outer loop so that
        a call takes about TARGET statements (hundreds of microseconds)."""
        body = []
        for _ in range(self.r.randrange(1, 4)):
            self.budget = 1
            body.append(self.loop([], "    ", 1))
            if self.r.random() < 0.5:
                self.budget = 1
                body.append(self.simple([], "    "))
        reps = max(1, min(100000, TARGET // max(1, self.cost)))
        self.work = "  for (rep = 0; %s, rep < %d; rep++) {\n%s\n  }" % (self.site(), reps, "\n".join(body))

    # -- rendering -----------------------------------------------------
    def render(self, ref):
        k = self.k

        def sub(m):
            s = m.group(0)
            if s.startswith("@v:"):
                v = s[3:-1]
                return ("R%d.%s" % (k, v)) if ref else ("P%d_%s" % (k, v))
            if s.startswith("@f:"):
                return ("R%d_%s" if ref else "P%d_%s") % (k, s[3:-1])
            if s.startswith("@H"):
                return ("lf_hdr(%d)" % int(s[2:-1])) if ref else "(void)0"
            if s == "@READ@":
                return ("lf_ref_read(&R%d.pos, buf, sizeof buf)" % k) if ref else \
                    "read(lf_rfd, buf, sizeof buf)"
            raise ValueError(s)

        pat = re.compile(r"@v:\w+@|@f:\w+@|@H\d+@|@READ@")
        code = []
        for f in self.funcs:
            code.append(pat.sub(sub, f))
        decl = ("  unsigned long rep, %s;\n  unsigned long x = 0, lim = 0;\n  long n = 0;\n  unsigned char buf[%d];\n"
                "  (void)x, (void)lim, (void)n, (void)buf;\n" % (", ".join("i%d = 0" % j for j in range(max(1, self.locals))),
                                                       self.r_buf))
        if ref:
            code.append("static void R%d_work(void)\n{\n  struct P%d_obj *o = &R%d.obj;\n%s%s\n}"
                        % (k, k, k, decl, pat.sub(sub, self.work)))
        else:
            code.append("static void P%d_work(void *arg)\n{\n  struct P%d_obj *o = arg;\n%s%s\n}"
                        % (k, k, decl, pat.sub(sub, self.work)))
        return "\n".join(code)

    def emit(self):
        k = self.k
        self.r_buf = self.r.choice([1, 3, 7, 16])
        self.generate()
        sc = list(dict.fromkeys(self.scalars))
        out = ["/* ---- program %d ---- */" % k,
               "struct P%d_obj {\n  unsigned long a, b, arr[8];\n};" % k,
               "struct P%d_state {\n  unsigned long pos%s;\n  struct P%d_obj obj;\n%s};"
               % (k, "".join(", " + s for s in sc), k,
                  "".join("  unsigned long %s[%d];\n" % (a, n) for a, n in sorted(self.arrays.items())))]
        # the code under test: separate globals, a heap object
        if sc:
            out.append("static unsigned long %s;" % ", ".join("P%d_%s" % (k, s) for s in sc))
        for a, n in sorted(self.arrays.items()):
            if a == "heap":
                out.append("static unsigned long *P%d_heap;" % k)
            else:
                out.append("static unsigned long P%d_%s[%d];" % (k, a, n))
        out.append(self.render(False))
        snap = ["static void P%d_snap(void *state, const void *obj)\n{\n  struct P%d_state *s = state;\n"
                "  memset(s, 0, sizeof *s);\n  s->obj = *(const struct P%d_obj *)obj;" % (k, k, k)]
        load = ["static void P%d_load(const void *state, void *obj)\n{\n  const struct P%d_state *s = state;\n"
                "  *(struct P%d_obj *)obj = s->obj;" % (k, k, k)]
        for s in sc:
            snap.append("  s->%s = P%d_%s;" % (s, k, s))
            load.append("  P%d_%s = s->%s;" % (k, s, s))
        for a in sorted(self.arrays):
            if a == "heap":
                load.append("  if (!P%d_heap)\n    P%d_heap = calloc(HEAPN, sizeof *P%d_heap);" % (k, k, k))
            snap.append("  memcpy(s->%s, P%d_%s, sizeof s->%s);" % (a, k, a, a))
            load.append("  memcpy(P%d_%s, s->%s, sizeof s->%s);" % (k, a, a, a))
        out.append("\n".join(snap) + "\n}")
        out.append("\n".join(load) + "\n}")
        self.ref_text = "static struct P%d_state R%d;\n%s" % (k, k, self.render(True))
        return "\n".join(out)

    def desc(self):
        k = self.k
        return ('  {"P%d", sizeof(struct P%d_state), %d, %d, P%d_work, sizeof(struct P%d_obj), P%d_snap, P%d_load, '
                'R%d_work, &R%d},' % (k, k, 1 if self.uses_pipe else 0, 1 if self.monotone else 0, k, k, k, k, k, k))


def generate(seed, programs):
    rng = random.Random(seed)
    progs = [Prog(random.Random(rng.getrandbits(64)), k) for k in range(programs)]
    out = ["/* Generated by tools/lawfuzz/gen.py --seed %d --programs %d: random programs whose"
           " memory must\n * obey the law of cancellation after every cancelled run (lawfuzz.h). */"
           % (seed, programs),
           '#include "%s"' % HERE_HEADER,
           "#pragma clang diagnostic ignored \"-Wunused-function\""]
    for p in progs:
        out.append(p.emit())
    out.append("/* ---- the references: one struct of state each, no optimisation, no points ---- */")
    out.append("#pragma clang optimize off")
    out.append('#pragma clang attribute push(__attribute__((annotate("cp_nocancel"))), apply_to = function)')
    for p in progs:
        out.append(p.ref_text)
    out.append("#pragma clang attribute pop")
    out.append("#pragma clang optimize on")
    out.append("static const struct lf_prog progs[] = {")
    for p in progs:
        out.append(p.desc())
    out.append("};")
    out.append("int main(int argc, char **argv)\n{\n  long runs;\n  lf_begin(argc, argv, &runs);\n"
               "  for (unsigned k = 0; k < sizeof progs / sizeof *progs; k++)\n"
               "    if (lf_run(&progs[k], runs) == 0)\n      printf(\"%%s: ok\\n\", progs[k].name);\n"
               "  return lf_end(%d);\n}" % programs)
    return "\n\n".join(out) + "\n"


def main(argv):
    ap = argparse.ArgumentParser(prog="gen.py", description="Write random programs that test the law.")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--programs", type=int, default=10)
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args(argv)
    text = generate(a.seed, a.programs)
    if a.output == "-":
        sys.stdout.write(text)
    else:
        with open(a.output, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
