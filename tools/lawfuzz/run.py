#!/usr/bin/env python3
"""run.py - build random programs (gen.py) at each optimisation level with
cpcc, run them, report every violation of the law of cancellation.

usage: run.py --cpcc CPCC [--n N] [--levels=-O0,-O1,-O2,-O3,-Os] [options]

N programs per level, written PER_FILE to a C file (the same files at every
level: file F is gen.py --seed SEED*100003+F).  Each program runs RUNS times
in a scope with a random deadline of at most MAX_US microseconds and is
checked after each run (lawfuzz.h).  Every other file runs in chaos mode
(CANCELPOINTS_CHAOS=200).  Files with a violation are kept in OUT with their
binaries; the report says how to rerun them.  Exit status 1 if any program
broke the law (or, with --selftest, if any corrupted state went unseen).
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402

FINAL = re.compile(r"lawfuzz: programs (\d+) runs (\d+) cancelled (\d+) violations (\d+)")


def main(argv):
    ap = argparse.ArgumentParser(prog="run.py")
    ap.add_argument("--cpcc", required=True)
    ap.add_argument("--n", type=int, default=1000, help="programs per level (default 1000)")
    ap.add_argument("--levels", default="-O0,-O1,-O2,-O3,-Os",
                    help="comma-separated; a level may hold spaces: '-O2 -flto'")
    ap.add_argument("--per-file", type=int, default=25, help="programs in one C file (default 25)")
    ap.add_argument("--runs", type=int, default=10, help="cancelled runs of each program (default 10)")
    ap.add_argument("--max-us", type=int, default=400, help="latest deadline of a run (default 400 us)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--chaos", default="200", help="CANCELPOINTS_CHAOS of every other file ('' : none)")
    ap.add_argument("--out", default="lawfuzz.out", help="work directory (default lawfuzz.out)")
    ap.add_argument("--selftest", action="store_true",
                    help="corrupt one observed state of every program: each must be reported")
    ap.add_argument("--show", type=int, default=10, help="violations shown in full (default 10)")
    a = ap.parse_args(argv)

    levels = [l.strip() for l in a.levels.split(",") if l.strip()]
    os.makedirs(a.out, exist_ok=True)
    files = (a.n + a.per_file - 1) // a.per_file
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANCELPOINTS_")}
    if a.selftest:
        env["LAWFUZZ_SELFTEST"] = "1"

    srcs = []
    for f in range(files):
        k = min(a.per_file, a.n - f * a.per_file)
        seed = a.seed * 100003 + f
        path = os.path.join(a.out, "f%04d.c" % f)
        with open(path, "w") as fh:
            fh.write(gen.generate(seed, k))
        srcs.append((f, path, seed, k))

    def task(job):
        level, (f, path, seed, k) = job
        tag = re.sub(r"[^A-Za-z0-9]+", "", level)
        exe = "%s.%s" % (path[:-2], tag)
        t0 = time.monotonic()
        p = subprocess.run([a.cpcc] + level.split() + ["-w", "-I" + HERE, path, "-o", exe],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        t1 = time.monotonic()
        if p.returncode != 0:
            return dict(level=level, f=f, path=path, exe=exe, error="does not build:\n" + p.stdout.decode()[-2000:],
                        out="", build=t1 - t0, run=0.0, chaos=False)
        e = dict(env)
        chaos = bool(a.chaos) and f % 2 == 1
        if chaos:
            e["CANCELPOINTS_CHAOS"] = a.chaos
        cmd = [exe, str(a.runs), str(a.max_us), str(seed)]
        try:
            r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=e,
                               timeout=60 + 2 * k * a.runs)
            out, rc = r.stdout.decode(errors="replace"), r.returncode
        except subprocess.TimeoutExpired as x:
            out, rc = (x.stdout or b"").decode(errors="replace"), None
        t2 = time.monotonic()
        res = dict(level=level, f=f, path=path, exe=exe, out=out, rc=rc, build=t1 - t0, run=t2 - t1,
                   chaos=chaos, cmd=cmd, error=None)
        m = FINAL.search(out)
        if rc is None:
            res["error"] = "timed out"
        elif not m:
            res["error"] = "no final line (exit %s):\n%s" % (rc, out[-2000:])
        return res

    jobs = [(level, s) for s in srcs for level in levels]
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        results = list(ex.map(task, jobs))
    wall = time.monotonic() - start

    status = 0
    shown = 0
    keep = set()
    print("lawfuzz: %d programs per level in %d files of %d, %d runs each, deadlines up to %d us, "
          "chaos mode in every other file" % (a.n, files, a.per_file, a.runs, a.max_us))
    for level in levels:
        rs = [r for r in results if r["level"] == level]
        progs = runs = cancelled = 0
        bad_progs = []
        errors = []
        for r in rs:
            if r["error"]:
                errors.append(r)
                continue
            m = FINAL.search(r["out"])
            progs += int(m.group(1))
            runs += int(m.group(2))
            cancelled += int(m.group(3))
            for line in r["out"].splitlines():
                mm = re.match(r"(P\d+): VIOLATION (.*)", line)
                if mm:
                    bad_progs.append((r, mm.group(1), mm.group(2)))
        if a.selftest:
            caught = len(bad_progs)
            ok = caught == progs and not errors
            print("%s: selftest: %d of %d programs saw their corrupted state%s" %
                  (level, caught, progs, "" if ok else "  <-- NOT ALL"))
            if not ok:
                status = 1
            continue
        print("%s: %d programs, %d runs (%d cancelled): %d programs broke the law, %d files failed to run" %
              (level, progs, runs, cancelled, len(bad_progs), len(errors)))
        for r in errors:
            status = 1
            keep.add(r["path"])
            print("  ERROR %s at %s: %s" % (r["path"], level, r["error"]))
        for r, prog, what in bad_progs:
            status = 1
            keep.add(r["path"])
            if shown < a.show:
                shown += 1
                print("  %s %s%s: %s" % (os.path.basename(r["path"]), prog,
                                         " (chaos)" if r["chaos"] else "", what))
                print("    rerun: %s%s" % ("CANCELPOINTS_CHAOS=%s " % a.chaos if r["chaos"] else "",
                                          " ".join(r["cmd"])))
    total_progs = a.n * len(levels)
    build = sum(r["build"] for r in results)
    run = sum(r["run"] for r in results)
    print("lawfuzz: %d programs in %.0f s (%.0f programs a minute; CPU-seconds in builds %.0f, in runs %.0f)" %
          (total_progs, wall, total_progs * 60.0 / max(wall, 1e-9), build, run))
    # keep what failed, drop the rest
    for f, path, seed, k in srcs:
        if path in keep:
            continue
        for level in levels:
            tag = re.sub(r"[^A-Za-z0-9]+", "", level)
            try:
                os.unlink("%s.%s" % (path[:-2], tag))
            except OSError:
                pass
        os.unlink(path)
    if keep:
        shutil.copy(os.path.join(HERE, "lawfuzz.h"), a.out)
        print("lawfuzz: kept %d files with violations in %s" % (len(keep), a.out))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
