#!/usr/bin/env python3
"""law.py - build the law's shapes at one optimisation level and run them all.

usage: law.py --cpcc CPCC --interrupt INTERRUPT_PY --out PREFIX [options] -- FLAGS...

FLAGS is the level, e.g. -O2, or -O2 -flto.  It builds Inputs/sigint.c and
Inputs/scoped.c with `cpcc FLAGS`, then runs, each without and with chaos
mode (CANCELPOINTS_CHAOS, with CANCELPOINTS_STATS=1):

  sigint SHAPE   under interrupt.py: READY, a real SIGINT, exit 130, and the
                 atexit handler's "law OK SHAPE"
  scoped SHAPE   RUNS runs cancelled by random deadlines, "law OK SHAPE"

In chaos runs the stats line must show chaos signals sent, and for the
shapes listed in RESETS (effect-free loops that are reset regions at -O1 and
above) resets that happened.  One line per run, "LEVEL MODE SHAPE: OK" or
"... FAIL: why", then "law FLAGS: N of M runs hold the law".  Exit status 1
if any failed.  Everything runs, also after a failure, so the output says
which shapes fail at this level.
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys

SIGINT_SHAPES = ["take", "outer", "region", "vector", "nested", "caller", "rec", "tail",
                 "irreducible", "multi", "strip"]
SCOPED_SHAPES = SIGINT_SHAPES + ["read", "cp_read", "getc", "fgets", "readdir"]
# Shapes whose cancelled loop is a reset region above -O0: chaos must reset them.
RESETS = {"region"}
STATS = re.compile(r"cancelpoints: stats: signals=(\d+) resets=(\d+) chaos_sent=(\d+) requests=(\d+)")


def run(cmd, env=None, timeout=120):
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env, timeout=timeout)
        return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace")
        return None, out, "timeout after %ds" % timeout


def first(lines, pred):
    for l in lines:
        if pred(l):
            return l
    return None


NO_CHAOS = "chaos mode "


def judge(mode, shape, rc, out, err, chaos, level_O0):
    """Returns None when the run holds the law, else why not."""
    lines = out.splitlines()
    verdict = first(lines, lambda l: l.startswith("law "))
    if rc is None:
        return "timed out: " + (verdict or "no verdict")
    if mode == "sigint":
        if "status: exit=130" not in lines:
            st = first(lines, lambda l: l.startswith("status:")) or "no status"
            return "expected exit 130 on ^C, got %s; %s" % (st, verdict or "no verdict")
        if rc != 0:
            return "the harness failed: " + "; ".join(l for l in lines if l.startswith("error:"))
    if verdict is None:
        return "no verdict (exit %s): %s" % (rc, (err.strip().splitlines() or [""])[-1])
    if not verdict.startswith("law OK"):
        detail = [l for l in lines if l.startswith("run ") or "bytes lost" in l][:2]
        return verdict[len("law FAIL "):] + ("; " + "; ".join(detail) if detail else "")
    if mode == "scoped" and rc != 0:
        return "exit %s after %s" % (rc, verdict)
    if chaos:
        m = STATS.search(out if mode == "sigint" else err)
        if not m:
            return "no stats line in chaos mode"
        if int(m.group(3)) == 0:
            return NO_CHAOS + "sent no signal: " + m.group(0)
        if shape in RESETS and not level_O0 and int(m.group(2)) == 0:
            return NO_CHAOS + "reset nothing in an effect-free loop: " + m.group(0)
    return None


def main(argv):
    ap = argparse.ArgumentParser(prog="law.py")
    ap.add_argument("--cpcc", required=True)
    ap.add_argument("--interrupt", required=True, help="test/tools/interrupt.py")
    ap.add_argument("--out", required=True, help="prefix of the files it writes")
    ap.add_argument("--src", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--runs", type=int, default=160, help="cancelled runs per scoped shape")
    ap.add_argument("--max-us", type=int, default=300, help="latest deadline of a run, microseconds")
    ap.add_argument("--chaos", default="200", help="CANCELPOINTS_CHAOS of the chaos runs")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--shapes", default=None, help="comma-separated subset of shapes")
    ap.add_argument("flags", nargs=argparse.REMAINDER)
    a = ap.parse_args(argv)
    flags = a.flags[1:] if a.flags[:1] == ["--"] else a.flags
    if not flags:
        ap.error("no optimisation flags given (after --)")
    level = " ".join(flags)
    level_O0 = "-O0" in flags
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("CANCELPOINTS_"):
            del env[k]

    bins = {}
    for prog in ("sigint", "scoped"):
        exe = "%s.%s" % (a.out, prog)
        rc, out, err = run([a.cpcc] + flags + ["-g", os.path.join(a.src, prog + ".c"), "-o", exe])
        if rc != 0:
            print("law %s: cannot build %s.c:\n%s%s" % (level, prog, out, err))
            return 1
        bins[prog] = exe

    wanted = set(a.shapes.split(",")) if a.shapes else None
    jobs = []
    for chaos in (False, True):
        for shape in SIGINT_SHAPES:
            if wanted is None or shape in wanted:
                jobs.append(("sigint", shape, chaos))
        for shape in SCOPED_SHAPES:
            if wanted is None or shape in wanted:
                jobs.append(("scoped", shape, chaos))

    def one(job):
        mode, shape, chaos = job
        e = dict(env)
        tag = "%s.%s.%s" % (mode, shape, "chaos" if chaos else "plain")
        if mode == "sigint":
            cmd = [sys.executable, a.interrupt, "--timeout", "60"]
            if chaos:
                cmd += ["--env", "CANCELPOINTS_CHAOS=" + a.chaos, "--env", "CANCELPOINTS_STATS=1"]
            cmd += ["--", bins["sigint"], shape]
        else:
            if chaos:
                e["CANCELPOINTS_CHAOS"] = a.chaos
                e["CANCELPOINTS_STATS"] = "1"
            d = "%s.%s.dir" % (a.out, tag)
            shutil.rmtree(d, ignore_errors=True)
            cmd = [bins["scoped"], shape, str(a.runs), str(a.max_us), d]
        # A loaded machine can keep the chaos thread off the CPU for a whole
        # short run: a chaos run that saw no chaos proves nothing and is run
        # again (at most twice more); a broken law is never run again.
        for attempt in range(3):
            rc, out, err = run(cmd, env=e)
            with open("%s.%s.out" % (a.out, tag), "w") as f:
                f.write(out)
                if err:
                    f.write("--- stderr\n" + err)
            why = judge(mode, shape, rc, out, err, chaos, level_O0)
            if not (why and why.startswith(NO_CHAOS)):
                return why
        return why

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        results = list(ex.map(one, jobs))
    bad = 0
    for (mode, shape, chaos), why in zip(jobs, results):
        name = "%s %s %s %s" % (level, "chaos" if chaos else "plain", mode, shape)
        if why is None:
            print("%s: OK" % name)
        else:
            bad += 1
            print("%s: FAIL: %s" % (name, why))
    print("law %s: %d of %d runs hold the law" % (level, len(jobs) - bad, len(jobs)))
    sys.stdout.flush()
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
