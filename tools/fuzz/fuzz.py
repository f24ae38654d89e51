#!/usr/bin/env python3
"""fuzz.py - differential fuzzing of cpcc against plain clang (`make fuzz`).

usage: fuzz.py --cpcc CPCC [--flavours csmith,pure] [--n N] [--seed S]
               [--budget SECONDS] [--levels L1,L2,...] [--reduce SECONDS]
               [--out DIR] [--jobs J] [--chaos US]

Two flavours of random programs, N of each:

  csmith  csmith's programs (UB-free; they print a checksum of their
          globals).  Each is built with plain clang at -O1 (the reference)
          and with cpcc at each level; every cpcc build runs in chaos mode
          and must print the reference's checksum.  A program whose
          reference does not end within a few seconds is skipped.
  pure    puregen.py's programs, whose hot loops are effect-free, so the pass
          makes reset regions of them.  Each cpcc build runs its program
          with the outer loop scaled until the build runs --pure-run-s
          seconds; the reference is plain clang -O2 at the same scale;
          every cpcc build runs in chaos mode with CANCELPOINTS_STATS=1, and
          the resets each run saw are counted (per program, summed over the
          levels, in OUT/resets-per-program.txt).  A run counts as a reset
          run only if resets happened in it; the flavour fails if no run had
          any.

A cpcc build that fails (crash, verifier error of the pass - compiles run
with CANCELPOINTS_PASS_VERIFY=fatal) where plain clang builds is a failure.
A checksum that differs is rerun without chaos mode: "miscompile" if it
still differs, "law" if only chaos mode changes it; if plain clang at that
level prints the same wrong checksum, the program is counted under "plain
differs too" (undefined behaviour, or clang's bug), not as ours.

Each failure is kept in OUT/failures/<name>/: orig.c, repro.sh (exits 0
while the failure shows: `cd OUT/failures/<name> && sh repro.sh`), and with
--reduce S > 0, reduced.c, what creduce made of it within S seconds (the
first --reduce-max failures only).

A progress line goes to stderr every 10 seconds; the summary to stdout.
Exits 1 on any failure, or when the pure flavour saw no reset at all.
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import puregen  # noqa: E402
from jobs import run_jobs  # noqa: E402

CSMITH_INC = "/usr/include/csmith"
# small programs: they build fast, and most end within milliseconds
CSMITH_OPTS = ["--max-funcs", "3", "--max-block-depth", "3", "--max-expr-complexity", "6"]
STATS = re.compile(r"cancelpoints: stats: signals=(\d+) resets=(\d+) chaos_sent=(\d+)")
PURE_PER_FILE = 20
CSMITH_PER_BATCH = 20
PURE_MAX_SCALE = 1 << 16
REF_TIMEOUT = 5
RUN_TIMEOUT = 30


def tag(level):
    return re.sub(r"[^A-Za-z0-9]+", "", level)


def run(cmd, env=None, timeout=None, cwd=None):
    """(exit status or None on timeout, stdout, stderr)"""
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=timeout, cwd=cwd)
        return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired as x:
        return None, (x.stdout or b"").decode(errors="replace"), (x.stderr or b"").decode(errors="replace")


class Fuzz:
    def __init__(self, a):
        self.a = a
        self.levels = [l.strip() for l in a.levels.split(",") if l.strip()]
        self.lock = threading.Lock()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("CANCELPOINTS_")}
        self.cenv = dict(self.env, CANCELPOINTS_PASS_VERIFY="fatal")
        self.stats = {}
        self.failures = []
        self.start = time.monotonic()
        self.cpcc_extra = shlex.split(a.cpcc_extra)
        self.times = {}

    def st(self, flavour):
        return self.stats.setdefault(flavour, dict(generated=0, checked=0, skipped=0, plain_differs=0, runs=0,
                                                   reset_runs=0, resets=0, signals=0, progs_with_resets=0,
                                                   failures=0))

    def add(self, flavour, **kw):
        with self.lock:
            s = self.st(flavour)
            for k, v in kw.items():
                s[k] += v

    # -- building and running ------------------------------------------
    def timed(self, what, cmd, **kw):
        """run(), its wall time added to self.times[what]"""
        t0 = time.monotonic()
        r = run(cmd, **kw)
        with self.lock:
            self.times[what] = self.times.get(what, 0.0) + time.monotonic() - t0
        return r

    def plain(self, src, level, exe, libs=()):
        srcs = src if isinstance(src, list) else [src]
        return self.timed("plain builds", [self.a.clang] + level.split() + ["-w", "-I" + CSMITH_INC] + srcs + ["-o", exe] + list(libs),
                   env=self.env, timeout=300)

    def cpcc(self, src, level, exe, libs=()):
        srcs = src if isinstance(src, list) else [src]
        return self.timed("cpcc builds", [self.a.cpcc] + level.split() + self.cpcc_extra + ["-w", "-I" + CSMITH_INC] + srcs + ["-o", exe]
                   + list(libs), env=self.cenv, timeout=300)

    def chaos_run(self, cmd):
        e = dict(self.env, CANCELPOINTS_CHAOS=str(self.a.chaos), CANCELPOINTS_STATS="1")
        rc, out, err = self.timed("chaos runs", cmd, env=e, timeout=RUN_TIMEOUT)
        m = STATS.search(err)
        return rc, out, err, (int(m.group(2)) if m else 0), (int(m.group(1)) if m else 0)

    # -- failures ------------------------------------------------------
    def fail(self, flavour, name, kind, level, src, detail, repro):
        """Keeps the program and a script that reproduces the failure."""
        d = os.path.join(self.a.out, "failures", "%s-%s" % (name, tag(level)))
        os.makedirs(d, exist_ok=True)
        shutil.copy(src, os.path.join(d, "orig.c"))
        shutil.copy(src, os.path.join(d, "prog.c"))
        with open(os.path.join(d, "repro.sh"), "w") as f:
            f.write("#!/bin/sh\n# %s %s at %s: exits 0 while the failure shows (on prog.c)\n%s" %
                    (flavour, kind, level, repro))
        os.chmod(os.path.join(d, "repro.sh"), 0o755)
        with open(os.path.join(d, "what.txt"), "w") as f:
            f.write("%s %s at %s\n%s\n" % (flavour, kind, level, detail))
        self.add(flavour, failures=1)
        with self.lock:
            self.failures.append(dict(flavour=flavour, name=name, kind=kind, level=level, dir=d,
                                      detail=detail.strip().splitlines()[:6]))

    def script(self, level, plain_level, run_args, expect_kind, libs=""):
        """The interestingness test of a failure (creduce's, and repro.sh)."""
        q = shlex.quote
        inc = "-I" + CSMITH_INC
        cpcc = " ".join(q(x) for x in [self.a.cpcc] + level.split() + self.cpcc_extra)
        plain = "%s %s" % (q(self.a.clang), plain_level)
        s = ["set -u", "export CANCELPOINTS_PASS_VERIFY=fatal",
             "unset CANCELPOINTS_CHAOS CANCELPOINTS_STATS",
             # the reference builds without a warning of undefined behaviour
             # (no -w: it would silence the -Werror= ones too) and runs clean
             # under the sanitizers, MSan for uninitialised reads included:
             # reductions stay UB-free
             "%s -Werror=uninitialized -Werror=sometimes-uninitialized -Werror=return-type "
             "-Werror=implicit-int -Werror=implicit-function-declaration -Werror=incompatible-pointer-types "
             "-Werror=int-conversion %s prog.c -o ref.exe %s 2>/dev/null || exit 1" % (plain, inc, libs),
             "timeout %d ./ref.exe %s > ref.out 2>/dev/null || exit 1" % (REF_TIMEOUT, run_args)]
        for san in ("undefined,address", "memory"):
            s += ["%s -O1 -w -fsanitize=%s -fno-sanitize-recover=all %s prog.c -o ub.exe %s || exit 1"
                  % (q(self.a.clang), san, inc, libs),
                  "timeout %d ./ub.exe %s > /dev/null 2>&1 || exit 1" % (REF_TIMEOUT * 4, run_args)]
        if expect_kind == "build":
            # plain clang built it (above); cpcc must fail
            s.append("%s -w %s prog.c -o cp.exe %s > cp.log 2>&1 && exit 1" % (cpcc, inc, libs))
            s.append("exit 0")
        else:
            s.append("%s -w %s prog.c -o cp.exe %s || exit 1" % (cpcc, inc, libs))
            if expect_kind == "law":
                s.append("for i in 1 2 3 4 5 6 7 8; do")
                s.append("  CANCELPOINTS_CHAOS=%s timeout %d ./cp.exe %s > cp.out 2>/dev/null"
                         % (self.a.chaos, RUN_TIMEOUT, run_args))
                s.append("  cmp -s ref.out cp.out || exit 0")
                s.append("done")
                s.append("exit 1")
            else:
                s.append("timeout %d ./cp.exe %s > cp.out 2>/dev/null" % (RUN_TIMEOUT, run_args))
                s.append("! cmp -s ref.out cp.out")
        return "\n".join(s) + "\n"

    def check_level(self, flavour, name, src, level, plain_level, ref, run_args, libs=()):
        """Builds src with cpcc at level, runs it in chaos mode; (resets, signals)
        or None after a failure."""
        exe = "%s.%s" % (src[:-2], tag(level))
        rc, out, err = self.cpcc(src, level, exe, libs)
        lib = " ".join(libs)
        if rc != 0:
            prc, _, _ = self.plain(src, level, exe + ".plain", libs)
            if prc == 0:
                self.fail(flavour, name, "build", level, src, (err or out)[-3000:] or "exit %s" % rc,
                          self.script(level, plain_level, " ".join(run_args), "build", lib))
            else:
                self.add(flavour, plain_differs=1)
            return None
        rc, out, err, resets, signals = self.chaos_run([exe] + list(run_args))
        if rc == 0 and out == ref:
            self.add(flavour, runs=1, reset_runs=1 if resets else 0, resets=resets, signals=signals)
            os.unlink(exe)
            return resets, signals
        rc2, out2, err2 = run([exe] + list(run_args), env=self.env, timeout=RUN_TIMEOUT)
        kind = "law" if (rc2 == 0 and out2 == ref) else "miscompile"
        if kind == "miscompile":
            # plain clang at this level: does it print the same?
            pexe = exe + ".plain"
            prc, _, _ = self.plain(src, level, pexe, libs)
            if prc == 0:
                prc2, pout, _ = run([pexe] + list(run_args), env=self.env, timeout=RUN_TIMEOUT)
                if prc2 != 0 or pout != ref:
                    self.add(flavour, plain_differs=1)
                    return None
        detail = "reference:\n%s\ncpcc in chaos mode (exit %s):\n%s%s\ncpcc without chaos (exit %s):\n%s%s" % (
            ref[-400:], rc, out[-400:], err[-1000:], rc2, out2[-400:], err2[-1000:])
        self.fail(flavour, name, kind, level, src, detail,
                  self.script(level, plain_level, " ".join(run_args), kind, lib))
        return None

    # -- the flavours --------------------------------------------------
    def csmith_batch(self, first, k):
        """csmith programs first..first+k-1, linked into one executable per
        level (each program's main renamed; `exe I` runs program I): one
        compiler and linker run per level for k programs.  A program that
        fails there is checked again alone."""
        d = os.path.join(self.a.out, "work")
        seeds = [self.a.seed * 1000003 + first + j for j in range(k)]
        alone = {}   # j -> the program as csmith wrote it
        srcs = {}    # j -> the program with its main renamed
        self.add("csmith", generated=k)
        for j, seed in enumerate(seeds):
            src = os.path.join(d, "csmith-%d.c" % seed)
            # csmith writes platform.info where it runs
            rc, _, err = run(["csmith", "--seed", str(seed)] + CSMITH_OPTS + ["-o", src], timeout=60, cwd=d)
            if rc != 0:
                self.add("csmith", skipped=1)
                continue
            text = open(src).read()
            renamed = re.sub(r"^int main ?\(", "int csmith_main_%d(" % j, text, count=1, flags=re.M)
            if renamed == text:
                self.add("csmith", skipped=1)
                continue
            alone[j] = src
            srcs[j] = os.path.join(d, "csmith-%d-in.c" % seed)
            with open(srcs[j], "w") as f:
                f.write(renamed)
        base = os.path.join(d, "csmith-%d-batch" % seeds[0])
        drv = base + "-main.c"
        with open(drv, "w") as f:
            f.write("#include <stdlib.h>\n%s\nint main(int argc, char **argv)\n{\n"
                    "  static char *args[] = {\"csmith\", 0};\n  switch (argc > 1 ? atoi(argv[1]) : -1) {\n%s"
                    "  }\n  return 2;\n}\n" %
                    ("".join("int csmith_main_%d(int, char **);\n" % j for j in srcs),
                     "".join("  case %d: return csmith_main_%d(1, args);\n" % (j, j) for j in srcs)))
        files = [srcs[j] for j in sorted(srcs)] + [drv]
        refs = {}
        rc, _, _ = self.plain(files, "-O1", base + ".ref")
        for j in sorted(srcs):
            out = None
            if rc == 0:
                r, out, _ = self.timed("reference runs", [base + ".ref", str(j)], env=self.env, timeout=REF_TIMEOUT)
                out = out if r == 0 and out else None
            if out is None:
                self.add("csmith", skipped=1)
            else:
                refs[j] = out
        bad = set()
        resets = {j: 0 for j in refs}
        for level in self.levels:
            exe = "%s.%s" % (base, tag(level))
            rc, out, err = self.cpcc(files, level, exe)
            for j in sorted(refs):
                if j in bad:
                    continue
                if rc == 0:
                    r, out, err, n, signals = self.chaos_run([exe, str(j)])
                    if r == 0 and out == refs[j]:
                        resets[j] += n
                        self.add("csmith", runs=1, reset_runs=1 if n else 0, resets=n, signals=signals)
                        continue
                # the program alone, as csmith wrote it
                bad.add(j)
                name = "csmith-%d" % seeds[j]
                if self.check_level("csmith", name, alone[j], level, "-O1", refs[j], []) is not None:
                    self.fail("csmith", name + "-batch", "law" if rc == 0 else "build", level, alone[j],
                              "only where linked with the other programs of %s (exit %s):\n%s%s"
                              % (base, rc if rc != 0 else r, out[-400:], err[-1000:]), "exit 1\n")
            if rc == 0:
                os.unlink(exe)
        self.add("csmith", checked=len(refs), progs_with_resets=sum(1 for j in resets if resets[j]))
        if not bad:
            for seed in seeds:
                for fn in ("csmith-%d.c" % seed, "csmith-%d-in.c" % seed):
                    if os.path.exists(os.path.join(d, fn)):
                        os.unlink(os.path.join(d, fn))
            for fn in os.listdir(d):
                if fn.startswith(os.path.basename(base)):
                    os.unlink(os.path.join(d, fn))

    def scale_for(self, exe, p):
        """The scale at which program p of exe runs about --pure-run-s
        seconds (one run at scale 1, without chaos mode, tells), or None if
        that run fails or does not end."""
        t0 = time.monotonic()
        rc, out, _ = self.timed("scaling runs", [exe, str(p), "1"], env=self.env, timeout=RUN_TIMEOUT)
        t = time.monotonic() - t0
        if rc != 0:
            return None
        return max(1, min(PURE_MAX_SCALE, int(self.a.pure_run_s / max(t, 0.0005) + 0.5)))

    def pure_file(self, f, k):
        seed = self.a.seed * 1000003 + f
        d = os.path.join(self.a.out, "work")
        src = os.path.join(d, "pure-%d.c" % seed)
        with open(src, "w") as fh:
            fh.write(puregen.generate(seed, k))
        self.add("pure", generated=k)
        ref_exe = src[:-2] + ".ref"
        rc, out, err = self.plain(src, "-O2", ref_exe, ["-lm"])
        if rc != 0:
            self.fail("pure", "pure-%d" % seed, "generator", "plain -O2", src, err[-3000:], "exit 0\n")
            return
        refs = {}  # (program, scale) -> the reference's output

        def ref(p, scale):
            if (p, scale) not in refs:
                rc, out, _ = self.timed("reference runs", [ref_exe, str(p), str(scale)], env=self.env, timeout=REF_TIMEOUT * 4)
                refs[(p, scale)] = out if rc == 0 and out else None
            return refs[(p, scale)]

        progs = [p for p in range(k) if ref(p, 1) is not None]
        self.add("pure", skipped=k - len(progs))
        resets = {p: 0 for p in progs}
        bad = set()

        def alone(p, level, scale, expect):
            one = os.path.join(d, "pure-%d-P%d.c" % (seed, p))
            with open(one, "w") as fh:
                fh.write(puregen.generate(seed, k, only=p))
            return self.check_level("pure", "pure-%d-P%d" % (seed, p), one, level, "-O2", expect,
                                    [str(p), str(scale)], ["-lm"])

        for level in self.levels:
            exe = "%s.%s" % (src[:-2], tag(level))
            rc, out, err = self.cpcc(src, level, exe, ["-lm"])
            if rc != 0:
                # one program at a time: which one breaks the build?
                for p in progs:
                    if p not in bad and alone(p, level, 1, ref(p, 1)) is None:
                        bad.add(p)
                continue
            for p in progs:
                if p in bad:
                    continue
                # long enough for chaos mode: the outer loop scaled until
                # this build runs --pure-run-s seconds
                scale = self.scale_for(exe, p)
                expect = ref(p, scale if scale is not None else 1)
                if scale is None or expect is None:
                    if expect is None:  # the reference does not end at that scale
                        self.add("pure", skipped=1)
                        continue
                    bad.add(p)
                    alone(p, level, 1, expect)
                    continue
                r, out, err, n, signals = self.chaos_run([exe, str(p), str(scale)])
                if r == 0 and out == expect:
                    resets[p] += n
                    self.add("pure", runs=1, reset_runs=1 if n else 0, resets=n, signals=signals)
                    continue
                # keep the program alone, and check it again there
                bad.add(p)
                if alone(p, level, scale, expect) is not None:
                    # it held alone: keep the whole file's failure
                    self.fail("pure", "pure-%d-P%d-file" % (seed, p), "law", level, src,
                              "only in the whole file (exit %s):\n%s%s" % (r, out[-400:], err[-1000:]),
                              self.script(level, "-O2", "%d %d" % (p, scale), "law", "-lm"))
        self.add("pure", checked=len(progs), progs_with_resets=sum(1 for p in resets if resets[p]))
        with self.lock:
            self.per_program.extend(("pure-%d-P%d" % (seed, p), resets[p]) for p in sorted(resets))
        if not bad:
            for fn in os.listdir(d):
                if fn.startswith("pure-%d." % seed) or fn.startswith("pure-%d-" % seed):
                    os.unlink(os.path.join(d, fn))

    # -- reduction -----------------------------------------------------
    def reduce(self, fl):
        d = fl["dir"]
        if not shutil.which("creduce"):
            return "creduce not installed"
        t0 = time.monotonic()
        rc, _, _ = run(["sh", "repro.sh"], cwd=d, timeout=600)
        if rc != 0:
            return "repro.sh does not reproduce it (exit %s): not reduced" % rc
        rc, out, err = run(["creduce", "--n", "1", "--timing", "repro.sh", "prog.c"], cwd=d,
                           timeout=self.a.reduce)
        shutil.copy(os.path.join(d, "prog.c"), os.path.join(d, "reduced.c"))
        shutil.copy(os.path.join(d, "orig.c"), os.path.join(d, "prog.c"))
        for junk in os.listdir(d):
            if junk.endswith((".exe", ".out", ".log")) or junk.startswith("prog.c."):
                os.unlink(os.path.join(d, junk))
        lines = sum(1 for _ in open(os.path.join(d, "reduced.c")))
        return "reduced to %d lines in %.0f s%s" % (lines, time.monotonic() - t0,
                                                    "" if rc is not None else " (time limit)")

    # -- driver --------------------------------------------------------
    def progress(self, final=False):
        sys.stdout.flush()
        parts = []
        for fl in self.flavours:
            s = self.st(fl)
            parts.append("%s %d checked of %d (%d failures, %d resets)" % (fl, s["checked"], self.a.n,
                                                                          s["failures"], s["resets"]))
        sys.stderr.write("fuzz: %4.0f s: %s%s\n" % (time.monotonic() - self.start, ", ".join(parts),
                                                    "" if not final else " - done"))
        sys.stderr.flush()

    def main(self):
        a = self.a
        self.flavours = [f.strip() for f in a.flavours.split(",") if f.strip()]
        self.per_program = []
        os.makedirs(os.path.join(a.out, "work"), exist_ok=True)
        jobs = []
        for fl in self.flavours:
            if fl == "csmith":
                jobs += [("csmith", i, min(CSMITH_PER_BATCH, a.n - i)) for i in range(0, a.n, CSMITH_PER_BATCH)]
            elif fl == "pure":
                jobs += [("pure", f, min(PURE_PER_FILE, a.n - f * PURE_PER_FILE))
                         for f in range((a.n + PURE_PER_FILE - 1) // PURE_PER_FILE)]
            else:
                sys.exit("fuzz.py: unknown flavour %r (csmith, pure)" % fl)
        # interleave the flavours, so that a budget cuts both alike
        jobs.sort(key=lambda j: (j[1] * (PURE_PER_FILE if j[0] == "pure" else 1), j[0]))

        def task(job):
            fl, i, k = job
            try:
                if fl == "csmith":
                    self.csmith_batch(i, k)
                else:
                    self.pure_file(i, k)
            except Exception as x:  # a harness bug must not pass for a green run
                with self.lock:
                    self.failures.append(dict(flavour=fl, name="%s-%d" % (fl, i), kind="harness", level="-",
                                              dir="-", detail=[repr(x)]))
                    self.st(fl)["failures"] += 1

        stopped = run_jobs(jobs, task, a.jobs, self.start, a.budget, a.progress, lambda done: self.progress())
        self.progress(final=True)

        status = 0
        wall = time.monotonic() - self.start
        print("fuzz: levels %s; chaos mode CANCELPOINTS_CHAOS=%s on every cpcc run; seed %d; %.0f s%s" %
              (" ".join(self.levels), a.chaos, a.seed, wall, " (stopped by the budget)" if stopped else ""))
        for fl in self.flavours:
            s = self.st(fl)
            print("%s: %d programs generated, %d checked at %d levels, %d skipped (reference did not end), "
                  "%d plain differs too; %d runs, %d with resets, %d resets (%d signals); "
                  "%d programs with resets; %d failures" %
                  (fl, s["generated"], s["checked"], len(self.levels), s["skipped"], s["plain_differs"],
                   s["runs"], s["reset_runs"], s["resets"], s["signals"], s["progs_with_resets"], s["failures"]))
            if s["failures"]:
                status = 1
            if fl == "pure" and s["runs"] and s["resets"] == 0:
                print("pure: FAILED: no run saw a reset: chaos mode did not test the law")
                status = 1
        print("fuzz: wall seconds (summed over jobs): %s" %
              ", ".join("%s %.0f" % (k, v) for k, v in sorted(self.times.items())))
        if self.per_program:
            # every pure program's resets, summed over the levels
            path = os.path.join(a.out, "resets-per-program.txt")
            with open(path, "w") as f:
                for name, n in sorted(self.per_program):
                    f.write("%s %d\n" % (name, n))
            print("pure: resets per program (summed over the levels) in %s" % path)
            if a.resets_per_program:
                for name, n in sorted(self.per_program):
                    print("  %s %d" % (name, n))
        reduced = 0
        for fl in self.failures:
            print("FAILURE %s %s at %s: %s" % (fl["name"], fl["kind"], fl["level"], fl["dir"]))
            for line in fl["detail"]:
                print("    " + line)
            if a.reduce > 0 and fl["kind"] in ("build", "miscompile", "law"):
                if reduced < a.reduce_max:
                    reduced += 1
                    print("    " + self.reduce(fl))
                else:
                    print("    not reduced (--reduce-max %d reached)" % a.reduce_max)
            if fl["dir"] != "-":
                print("    reproduce: cd %s && sh repro.sh" % fl["dir"])
        sys.stdout.flush()
        return status


def main(argv):
    ap = argparse.ArgumentParser(prog="fuzz.py")
    ap.add_argument("--cpcc", required=True)
    ap.add_argument("--clang", default="clang-19", help="plain clang, the reference (default clang-19)")
    ap.add_argument("--flavours", default="csmith,pure")
    ap.add_argument("--n", type=int, default=100, help="programs per flavour (default 100)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget", type=float, default=0, help="seconds; then no new program starts (0: none)")
    ap.add_argument("--levels", default="-O0,-O1,-O2,-O3,-Os,-O2 -flto",
                    help="comma-separated; a level may hold spaces: '-O2 -flto'")
    ap.add_argument("--chaos", default="50", help="CANCELPOINTS_CHAOS of every cpcc run (mean us)")
    ap.add_argument("--reduce", type=float, default=0, help="creduce each failure for at most S seconds (0: no)")
    ap.add_argument("--reduce-max", type=int, default=5, help="failures reduced at most (default 5)")
    ap.add_argument("--out", default="fuzz.out")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--progress", type=float, default=10, help="seconds between progress lines")
    ap.add_argument("--pure-run-s", type=float, default=0.01,
                    help="seconds a pure program's cpcc build runs at least (its loop is scaled; default 0.01)")
    ap.add_argument("--resets-per-program", action="store_true",
                    help="list each pure program's resets here too (they are always in OUT/resets-per-program.txt)")
    ap.add_argument("--cpcc-extra", default="", help="more arguments to cpcc (the tests break it with them)")
    a = ap.parse_args(argv)
    # repro.sh runs in the failure's folder, creduce's copies elsewhere
    a.cpcc = os.path.abspath(a.cpcc)
    a.clang = os.path.abspath(a.clang) if os.sep in a.clang else (shutil.which(a.clang) or a.clang)
    a.out = os.path.abspath(a.out)
    for tool in (a.cpcc, a.clang):
        if not os.access(tool, os.X_OK):
            sys.exit("fuzz.py: not found: %s" % tool)
    return Fuzz(a).main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
