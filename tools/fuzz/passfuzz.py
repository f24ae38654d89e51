#!/usr/bin/env python3
"""passfuzz.py - random IR through the pass with the verifier after every
pass (`make pass-fuzz`).

usage: passfuzz.py --plugin libcancelpoints.so [--opt opt-19]
                   [--n N] [--bundle K] [--c-programs M] [--seed S] [--budget SECONDS]
                   [--modes poll,full] [--out DIR] [--jobs J] [--reduce S]

Modules: N from llvm-stress (seed S*1000003+i, a random size; linked K at
a time with llvm-link, --bundle K, so that opt's start-up is paid once for
K of them; an llvm-stress module is one function), and M from
each generator of C programs (csmith, tools/fuzz/puregen.py) compiled by
plain clang to unoptimised IR (-O0 -Xclang -disable-O0-optnone).  Each
module goes, in each mode, through

    opt -load-pass-plugin PLUGIN -cancelpoints-mode=MODE
        -cancelpoints-verify -cancelpoints-verify-fatal -verify-each
        -passes=cancelpoints            (the pass alone)
    ... -passes='default<O2>'           (the pass where the pipeline puts it)

An opt that crashes, reports a broken module or fails otherwise is a failure,
unless plain opt (no plugin) fails on it the same way.  Each failure is kept
in OUT/failures/<name>/ with module.ll and repro.sh (exits 0 while the
failure shows); with --reduce S > 0, llvm-reduce shrinks module.ll to
reduced.ll within S seconds (the first --reduce-max failures only).  A progress line goes to stderr every 10
seconds; exits 1 on any failure.
"""
import argparse
import os
import random
import shlex
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import puregen  # noqa: E402
from fuzz import CSMITH_INC, CSMITH_OPTS, run  # noqa: E402
from jobs import run_jobs  # noqa: E402

PIPELINES = [("alone", "cancelpoints"), ("O2", "default<O2>")]


def classify(rc, err):
    if rc is None:
        return "timeout"
    if "PLEASE submit" in err or rc < 0:
        return "crash"
    if "invalid IR" in err or "Broken module" in err or "Broken function" in err or "verif" in err.lower():
        return "verifier"
    return "error"


class PassFuzz:
    def __init__(self, a):
        self.a = a
        self.modes = [m.strip() for m in a.modes.split(",") if m.strip()]
        self.lock = threading.Lock()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("CANCELPOINTS_")}
        self.counts = {}
        self.runs = 0
        self.failures = []
        self.start = time.monotonic()
        self.extra = shlex.split(a.opt_extra)

    def opt_cmd(self, mode, pipeline, path):
        return ([self.a.opt, "-load-pass-plugin=" + self.a.plugin, "-cancelpoints-mode=" + mode,
                 "-cancelpoints-verify", "-cancelpoints-verify-fatal", "-verify-each"] + self.extra +
                ["-passes=" + pipeline, "-disable-output", path])

    def stress(self, seed, ll):
        size = random.Random(seed).choice([20, 50, 100, 200, 400])
        return run([self.a.llvm_stress, "-seed", str(seed), "-size", str(size), "-o", ll], timeout=60)

    def make_module(self, kind, i, d):
        seed = self.a.seed * 1000003 + i
        name = "%s-%d" % (kind, seed)
        ll = os.path.join(d, name + ".ll")
        if kind == "stress":
            k = min(self.a.bundle, self.a.n - i)
            if k > 1:
                name = "stress-%d-%d" % (seed, seed + k - 1)
                ll = os.path.join(d, name + ".ll")
                parts = [os.path.join(d, "stress-%d.ll" % (seed + j)) for j in range(k)]
                for j, part in enumerate(parts):
                    rc, _, err = self.stress(seed + j, part)
                    if rc != 0:
                        return name, ll, rc, err
                rc, _, err = run([self.a.llvm_link, "-S", "-o", ll] + parts, timeout=60)
                for part in parts:
                    os.unlink(part)
            else:
                rc, _, err = self.stress(seed, ll)
            with self.lock:
                self.counts["stress modules"] = self.counts.get("stress modules", 0) + k
        else:
            c = os.path.join(d, name + ".c")
            if kind == "csmith":
                # csmith writes platform.info where it runs
                rc, _, err = run(["csmith", "--seed", str(seed)] + CSMITH_OPTS + ["-o", c], timeout=60, cwd=d)
            else:
                with open(c, "w") as f:
                    f.write(puregen.generate(seed, 3))
                rc, err = 0, ""
            if rc == 0:
                rc, _, err = run([self.a.clang, "-O0", "-Xclang", "-disable-O0-optnone", "-w", "-I" + CSMITH_INC,
                                  "-S", "-emit-llvm", c, "-o", ll], env=self.env, timeout=120)
            if os.path.exists(c):
                os.unlink(c)
        return name, ll, rc, err

    def one(self, job):
        kind, i = job
        d = os.path.join(self.a.out, "work")
        name, ll, rc, err = self.make_module(kind, i, d)
        if rc != 0:
            with self.lock:
                self.failures.append(dict(name=name, kind="generator", mode="-", pipeline="-", dir="-",
                                          detail=err.strip().splitlines()[-3:]))
            return
        ok = True
        for mode in self.modes:
            for pname, pipeline in PIPELINES:
                rc, out, err = run(self.opt_cmd(mode, pipeline, ll), env=self.env, timeout=300)
                with self.lock:
                    self.runs += 1
                if rc == 0:
                    continue
                what = classify(rc, err)
                # the same pipeline without the plugin (the pass alone has
                # nothing to compare with)
                prc = 0
                if pipeline != "cancelpoints":
                    prc, _, _ = run([self.a.opt, "-verify-each", "-passes=" + pipeline, "-disable-output", ll],
                                    env=self.env, timeout=300)
                if prc != 0:
                    with self.lock:
                        self.counts["plain opt fails too"] = self.counts.get("plain opt fails too", 0) + 1
                    continue
                ok = False
                self.fail(name, what, mode, pname, pipeline, ll, err)
        with self.lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
        if ok:
            os.unlink(ll)

    def fail(self, name, what, mode, pname, pipeline, ll, err):
        d = os.path.join(self.a.out, "failures", "%s-%s-%s" % (name, mode, pname))
        os.makedirs(d, exist_ok=True)
        shutil.copy(ll, os.path.join(d, "module.ll"))
        cmd = " ".join(shlex.quote(x) for x in self.opt_cmd(mode, pipeline, "${1:-module.ll}"))
        cmd = cmd.replace("'${1:-module.ll}'", '"${1:-module.ll}"')
        with open(os.path.join(d, "repro.sh"), "w") as f:
            f.write("#!/bin/sh\n# %s: %s in mode %s, pipeline %s: exits 0 while it shows\n"
                    "%s > opt.log 2>&1 && exit 1\ngrep -q -E '%s' opt.log\n"
                    % (name, what, mode, pipeline, cmd,
                       {"crash": "PLEASE submit|Stack dump", "verifier": "invalid IR|Broken|verif"}.get(what, ".")))
        os.chmod(os.path.join(d, "repro.sh"), 0o755)
        with open(os.path.join(d, "opt.log"), "w") as f:
            f.write(err)
        with self.lock:
            self.failures.append(dict(name=name, kind=what, mode=mode, pipeline=pname, dir=d,
                                      detail=err.strip().splitlines()[:6]))

    def reduce(self, fl):
        d = fl["dir"]
        red = shutil.which(self.a.llvm_reduce)
        if not red:
            return "%s not found: not reduced" % self.a.llvm_reduce
        t0 = time.monotonic()
        rc, _, _ = run([red, "--test=sh", "--test-arg=" + os.path.join(os.path.abspath(d), "repro.sh"),
                        "module.ll", "-o", "reduced.ll"], cwd=d, timeout=self.a.reduce)
        if not os.path.exists(os.path.join(d, "reduced.ll")):
            return "not reduced within %.0f s" % self.a.reduce
        n = sum(1 for _ in open(os.path.join(d, "reduced.ll")))
        return "reduced to %d lines in %.0f s" % (n, time.monotonic() - t0)

    def main(self):
        a = self.a
        os.makedirs(os.path.join(a.out, "work"), exist_ok=True)
        jobs = [("stress", i) for i in range(0, a.n, max(1, a.bundle))]
        for kind in ("csmith", "pure"):
            jobs += [(kind, i) for i in range(a.c_programs)]
        random.Random(a.seed).shuffle(jobs)

        def task(job):
            try:
                self.one(job)
            except Exception as x:
                with self.lock:
                    self.failures.append(dict(name="%s-%d" % job, kind="harness", mode="-", pipeline="-",
                                              dir="-", detail=[repr(x)]))

        def progress(done):
            sys.stderr.write("pass-fuzz: %4.0f s: %d/%d opt inputs done, %d llvm-stress modules, %d opt runs, "
                             "%d failures\n" % (time.monotonic() - self.start, done, len(jobs),
                                                 self.counts.get("stress modules", 0), self.runs,
                                                 len(self.failures)))
            sys.stderr.flush()

        stopped = run_jobs(jobs, task, a.jobs, self.start, a.budget, a.progress, progress)
        wall = time.monotonic() - self.start
        by = self.counts
        print("pass-fuzz: %d llvm-stress modules (%d opt inputs), %d csmith modules, %d puregen modules; modes %s; "
              "pipelines -passes=cancelpoints and default<O2>, -verify-each; %d opt runs in %.0f s%s" %
              (by.get("stress modules", 0), by.get("stress", 0), by.get("csmith", 0), by.get("pure", 0), ",".join(self.modes), self.runs, wall,
               " (stopped by the budget)" if stopped else ""))
        kinds = {}
        for fl in self.failures:
            kinds[fl["kind"]] = kinds.get(fl["kind"], 0) + 1
        print("pass-fuzz: crashes %d, verifier errors %d, other errors %d, timeouts %d, harness %d; "
              "plain opt fails too %d" %
              (kinds.get("crash", 0), kinds.get("verifier", 0), kinds.get("error", 0) + kinds.get("generator", 0),
               kinds.get("timeout", 0), kinds.get("harness", 0), by.get("plain opt fails too", 0)))
        reduced = 0
        for fl in self.failures:
            print("FAILURE %s %s, mode %s, pipeline %s: %s" % (fl["name"], fl["kind"], fl["mode"], fl["pipeline"],
                                                             fl["dir"]))
            for line in fl["detail"]:
                print("    " + line)
            if a.reduce > 0 and fl["dir"] != "-" and reduced < a.reduce_max:
                reduced += 1
                print("    " + self.reduce(fl))
            if fl["dir"] != "-":
                print("    reproduce: cd %s && sh repro.sh" % fl["dir"])
        return 1 if self.failures else 0


def main(argv):
    ap = argparse.ArgumentParser(prog="passfuzz.py")
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--opt", default="opt-19")
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--llvm-stress", default="llvm-stress-19")
    ap.add_argument("--llvm-reduce", default="llvm-reduce-19")
    ap.add_argument("--llvm-link", default="llvm-link-19")
    ap.add_argument("--bundle", type=int, default=10, help="llvm-stress modules linked into one opt input")
    ap.add_argument("--n", type=int, default=1000, help="llvm-stress modules (default 1000)")
    ap.add_argument("--c-programs", type=int, default=0, help="modules from each C generator (default 0)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--modes", default="poll,full")
    ap.add_argument("--budget", type=float, default=0, help="seconds; then no new module starts (0: none)")
    ap.add_argument("--reduce", type=float, default=0, help="llvm-reduce each failure for at most S seconds")
    ap.add_argument("--reduce-max", type=int, default=5, help="failures reduced at most (default 5)")
    ap.add_argument("--out", default="passfuzz.out")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--progress", type=float, default=10)
    ap.add_argument("--opt-extra", default="", help="more arguments to opt (the tests break the pass with them)")
    a = ap.parse_args(argv)
    # repro.sh runs in the failure's folder, llvm-reduce's copies elsewhere
    a.plugin = os.path.abspath(a.plugin)
    a.out = os.path.abspath(a.out)
    for t in ("opt", "clang", "llvm_stress", "llvm_link", "llvm_reduce"):
        v = getattr(a, t)
        setattr(a, t, os.path.abspath(v) if os.sep in v else (shutil.which(v) or v))
    return PassFuzz(a).main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
