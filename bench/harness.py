#!/usr/bin/env python3
"""cancelpoints benchmark harness (stdlib only).

    python3 bench/harness.py [BUILD_DIR]          build, measure, write REPORT.md
    python3 bench/harness.py --report [BUILD_DIR] rewrite REPORT.md and plots from
                                                  bench/out/results.json

bench/run.sh is the front door (`make bench`).  Settings, all from the
environment:

  BENCH_REPS=5          timed repetitions per kernel and variant (interleaved)
  BENCH_MAX_REPS=7      more rounds, up to this, for a kernel whose full-mode
                        paired ratios are still spread (IQR > 4% of the median)
  BENCH_QUICK=1         smoke run: fewer repetitions, smaller sizes (~2 min)
  BENCH_SCALE=1.0       work scale of the timed runs (1.0: 0.2-0.4 s per kernel)
  BENCH_CG_SCALE=0.01   work scale of the callgrind runs
  BENCH_LAT_TRIALS=1000 cancellation latency trials per scenario
  BENCH_COMPILE_REPS=5  repeated compiles per file for compile time (the large
                        file gets at most 3)
  BENCH_KERNELS=a,b     only these kernels
  BENCH_SKIP=cg,lat,compile,time   skip sections
  LLVM_VERSION=19
"""
import concurrent.futures
import datetime
import json
import math
import os
import platform
import random
import resource
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
KDIR = os.path.join(HERE, "kernels")
LDIR = os.path.join(HERE, "latency")
SPDIR = os.path.join(HERE, "safepoints")
OUT = os.path.join(HERE, "out")
V = os.environ.get("LLVM_VERSION", "19")
CLANG = shutil.which("clang-" + V) or "clang"
OPT = shutil.which("opt-" + V) or "opt"
LLC = shutil.which("llc-" + V) or "llc"
LLVM_LINK = shutil.which("llvm-link-" + V) or "llvm-link"
LLVM_DIS = shutil.which("llvm-dis-" + V) or "llvm-dis"
LLVM_SIZE = shutil.which("llvm-size-" + V) or "size"

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")


def env_num(name, default, quick_default, conv=float):
    v = os.environ.get(name)
    if v:
        return conv(v)
    return quick_default if QUICK else default


REPS = env_num("BENCH_REPS", 5, 3, int)
MAX_REPS = max(REPS, env_num("BENCH_MAX_REPS", 7, 3, int))
SCALE = env_num("BENCH_SCALE", 1.0, 0.25)
CG_SCALE = env_num("BENCH_CG_SCALE", 0.01, 0.004)
LAT_TRIALS = env_num("BENCH_LAT_TRIALS", 1000, 100, int)
COMPILE_REPS = env_num("BENCH_COMPILE_REPS", 5, 1, int)
SKIP = set(filter(None, os.environ.get("BENCH_SKIP", "").split(",")))
ONLY = set(filter(None, os.environ.get("BENCH_KERNELS", "").split(",")))
JOBS = max(1, min(2, os.cpu_count() or 1))

KERNELS = sorted(f[:-2] for f in os.listdir(KDIR)
                 if f.endswith(".c") and f != "pure_helper.c")
if ONLY:
    KERNELS = [k for k in KERNELS if k in ONLY]
# Kernels that link the out-of-TU helper (always built without the plugin).
HELPER = {"purecall": "pure_helper.c"}

LOG = []


def log(*a):
    s = " ".join(str(x) for x in a)
    print(s, flush=True)
    LOG.append(s)


def run(cmd, env=None, timeout=600, check=True, cwd=None):
    p = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise RuntimeError("command failed (%d): %s\n%s%s" % (
            p.returncode, shlex.join(cmd), p.stdout[-2000:], p.stderr[-4000:]))
    return p


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def geomean(xs):
    xs = [x for x in xs if x and x > 0 and not math.isnan(x)]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def pct(xs, p):
    """p-th percentile (nearest rank) of xs."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(math.ceil(p / 100.0 * len(s))) - 1))
    return s[k]


# --------------------------------------------------------------------------
# The plugin and the runtime: what exists, and how a mode is selected.

class Toolchain:
    def __init__(self, build):
        self.build = build
        self.plugin = os.path.join(build, "lib", "libcancelpoints.so")
        self.rt_a = os.path.join(build, "lib", "libcancelpoints_rt.a")
        self.inc = os.path.join(ROOT, "runtime", "include")
        self.have_plugin = os.path.exists(self.plugin)
        self.have_rt = os.path.exists(self.rt_a)
        self.mode_method = None    # "mllvm", "mllvm+load" or "env"
        self.mode_probe = {}
        self.pass_options = []
        self.pollN = None          # (option, value) when the pass offers it
        self.notes = []
        self.env = dict(os.environ)
        for k in list(self.env):
            if k.startswith("CANCELPOINTS_"):
                del self.env[k]

    def rt_libs(self):
        # as cpcc links an executable
        return [self.rt_a, "-lpthread", "-lunwind", "-ldl", "-Wl,-z,now"]

    def mode_flags(self, mode, extra_mllvm=()):
        """(cflags, env) selecting `mode` with the method that works."""
        env = dict(self.env)
        fl = ["-fpass-plugin=" + self.plugin]
        if self.mode_method == "env":
            env["CANCELPOINTS_PASS_MODE"] = mode
            for o in extra_mllvm:
                fl += ["-mllvm", o]
            return fl, env
        if self.mode_method == "mllvm+load":
            fl += ["-Xclang", "-load", "-Xclang", self.plugin]
        fl += ["-mllvm", "-cancelpoints-mode=" + mode]
        for o in extra_mllvm:
            fl += ["-mllvm", o]
        return fl, env

    def probe(self):
        if not self.have_plugin:
            self.notes.append("plugin %s not found" % self.plugin)
            return
        p = run([OPT, "-load-pass-plugin=" + self.plugin, "--help-hidden"], check=False)
        self.pass_options = [l.strip() for l in (p.stdout + p.stderr).splitlines()
                             if "cancelpoints" in l]
        src = os.path.join(OUT, "probe.c")
        with open(src, "w") as f:
            f.write(PROBE_C)
        methods = ["mllvm", "mllvm+load", "env"]
        for meth in methods:
            self.mode_method = meth
            res = {}
            for mode in ("off", "poll", "full"):
                fl, env = self.mode_flags(mode)
                p = run([CLANG, "-O2", "-S", "-emit-llvm", "-o", "-"] + fl + [src],
                        env=env, check=False)
                if p.returncode != 0:
                    res[mode] = "error: " + (p.stderr.strip().splitlines() or ["?"])[-1]
                    continue
                ir = p.stdout
                res[mode] = {"tls": "__cp_tls" in ir, "arm": "__cp_arm" in ir,
                             "slow": "__cp_poll_slow" in ir, "size": len(ir)}
            self.mode_probe[meth] = res
            ok = (all(isinstance(res[m], dict) for m in res)
                  and not res["off"]["tls"] and not res["off"]["arm"]
                  and res["poll"]["tls"] and res["full"]["tls"]
                  and res["poll"] != res["full"])
            if ok:
                log("plugin: mode selected with method %r: %s" % (meth, res))
                break
        else:
            self.notes.append("no mode-selection method produced off/poll/full "
                              "as expected: %s" % json.dumps(self.mode_probe))
            log("plugin: WARNING: mode selection probe:", self.mode_probe)
            # Fall back to whichever method compiles.
            for meth in methods:
                if all(isinstance(v, dict) for v in self.mode_probe[meth].values()):
                    self.mode_method = meth
                    break
            else:
                self.mode_method = None
        # A "poll every N iterations" option, if the pass offers one.
        for l in self.pass_options:
            m = re.match(r"-(cancelpoints-[\w-]*(?:every|interval|period|stride|"
                         r"iterations|batch)[\w-]*)", l)
            if m:
                self.pollN = m.group(1)
                log("plugin: poll-every-N option found:", l)
                break

    def usable(self):
        return self.have_plugin and self.have_rt and self.mode_method is not None


PROBE_C = r"""
int g[64];
long pure_loop(long n) { long s = 0; for (long i = 0; i < n; i++) s += i * i ^ (s >> 3); return s; }
void effect_loop(long n) { for (long i = 0; i < n; i++) g[i & 63] += (int)i; }
"""


# --------------------------------------------------------------------------
# Variants.

class Variant:
    def __init__(self, name, opt, mode=None, base=None, sp=False, extra=(), desc=""):
        self.name, self.opt, self.mode, self.base = name, opt, mode, base
        self.sp, self.extra, self.desc = sp, list(extra), desc


def make_variants(tc, sp_ok):
    vs = [Variant("O2", "-O2", desc="plain clang -O2"),
          Variant("O3", "-O3", desc="plain clang -O3")]
    if tc.usable():
        vs += [Variant("O2-full", "-O2", "full", "O2", desc="-O2, plugin full mode, runtime linked"),
               Variant("O2-poll", "-O2", "poll", "O2",
                       desc="-O2, plugin naive poll mode (a poll at every loop header)"),
               Variant("O3-full", "-O3", "full", "O3", desc="-O3, plugin full mode")]
        if any("cancelpoints-outline" in o for o in tc.pass_options):
            vs.append(Variant("O2-full-inline", "-O2", "full", "O2",
                              extra=["-cancelpoints-outline=false"],
                              desc="-O2, plugin full mode with -cancelpoints-outline=false "
                                   "(effect-free loops armed in place, so their function calls "
                                   "the returns_twice __cp_arm: see DIAGNOSIS.md A)"))
        if tc.pollN:
            vs.append(Variant("O2-pollN", "-O2", "poll", "O2",
                              extra=["-%s=1024" % tc.pollN],
                              desc="-O2, plugin poll mode, -%s=1024" % tc.pollN))
    if sp_ok:
        vs.append(Variant("O2-safepoints", "-O2", base="O2", sp=True,
                          desc="-O2, then opt -passes=place-safepoints (TLS-flag poll), llc -O2"))
    return vs


class Builder:
    def __init__(self, tc):
        self.tc = tc
        self.bindir = os.path.join(OUT, "bin")
        self.objdir = os.path.join(OUT, "obj")
        os.makedirs(self.bindir, exist_ok=True)
        os.makedirs(self.objdir, exist_ok=True)
        self.cmdlines = {}

    def cflags(self, v):
        return [v.opt, "-I" + KDIR]

    def helper_obj(self, opt, helper):
        o = os.path.join(self.objdir, "%s%s.o" % (helper[:-2], opt))
        if not os.path.exists(o):
            run([CLANG, opt, "-c", os.path.join(KDIR, helper), "-o", o])
        return o

    def build(self, k, v):
        exe = os.path.join(self.bindir, "%s.%s" % (k, v.name))
        src = os.path.join(KDIR, k + ".c")
        extra_objs = [self.helper_obj(v.opt, HELPER[k])] if k in HELPER else []
        env = self.tc.env
        if v.sp:
            return self.build_sp(k, v, src, exe, extra_objs)
        cmd = [CLANG] + self.cflags(v)
        libs = ["-lm"]
        if v.mode:
            fl, env = self.tc.mode_flags(v.mode, v.extra)
            cmd += fl
            libs = self.tc.rt_libs() + libs
        cmd += [src] + extra_objs + ["-o", exe] + libs
        run(cmd, env=env)
        self.record(v, cmd, env, k, exe)
        return exe

    def build_sp(self, k, v, src, exe, extra_objs):
        """LLVM's place-safepoints as an outside baseline: -O2 IR, every function
        given gc "statepoint-example", a gc.safepoint_poll that tests a TLS
        flag and calls an out-of-line slow path, then place-safepoints, llc."""
        d = os.path.join(self.objdir, "sp")
        os.makedirs(d, exist_ok=True)
        poll_bc = os.path.join(d, "sp_poll.bc")
        rt_o = os.path.join(d, "sp_rt.o")
        if not os.path.exists(poll_bc):
            run([CLANG, "-O2", "-emit-llvm", "-c", os.path.join(SPDIR, "sp_poll.c"), "-o", poll_bc])
            run([CLANG, "-O2", "-c", os.path.join(SPDIR, "sp_rt.c"), "-o", rt_o])
        base = os.path.join(d, k)
        cmds = [
            [CLANG] + self.cflags(v) + ["-emit-llvm", "-S", src, "-o", base + ".ll"],
            [sys.executable, os.path.join(SPDIR, "add_gc.py"), base + ".ll", base + ".gc.ll"],
            [LLVM_LINK, base + ".gc.ll", poll_bc, "-o", base + ".linked.bc"],
            [OPT, "-passes=place-safepoints", base + ".linked.bc", "-o", base + ".sp.bc"],
            [LLC, "-O2", "-relocation-model=pic", "-filetype=obj", base + ".sp.bc", "-o", base + ".sp.o"],
            [CLANG, v.opt, base + ".sp.o", rt_o] + extra_objs + ["-o", exe, "-lm"],
        ]
        for c in cmds:
            run(c)
        self.record(v, cmds, None, k, exe)
        return exe

    def record(self, v, cmd, env, k, exe):
        if v.name in self.cmdlines:
            return
        def gen(c):
            s = shlex.join(c)
            s = s.replace(os.path.join(KDIR, k + ".c"), "bench/kernels/K.c")
            s = s.replace(exe, "bench/out/bin/K." + v.name)
            s = s.replace(os.path.join(self.objdir, "sp", k), "bench/out/obj/sp/K")
            s = s.replace(ROOT + "/", "").replace(sys.executable, "python3")
            return s
        envs = ""
        if env is not None:
            envs = " ".join("%s=%s" % (a, b) for a, b in env.items()
                            if a.startswith("CANCELPOINTS_"))
        if isinstance(cmd[0], list):
            self.cmdlines[v.name] = [gen(c) for c in cmd]
        else:
            self.cmdlines[v.name] = [(envs + " " if envs else "") + gen(cmd)]


def sp_check(builder):
    """Can the place-safepoints baseline be built and run? (ok, message)"""
    if "place-safepoints" not in run([OPT, "--print-passes"]).stdout:
        return False, "opt-%s --print-passes lists no place-safepoints" % V
    v = Variant("O2-safepoints", "-O2", sp=True)
    try:
        exe = builder.build("fib", v)
        p = run([exe, "0.01"], timeout=60)
        if "checksum:" not in p.stdout:
            return False, "probe program printed no checksum: " + p.stdout[-300:]
    except Exception as e:  # noqa: BLE001
        return False, str(e)[-1500:]
    return True, "ok"


def parse_out(s):
    t = re.search(r"time_ns:\s*(\d+)", s)
    c = re.search(r"checksum:\s*(\S+)", s)
    return (int(t.group(1)) if t else None), (c.group(1) if c else None)


def parse_cpu(s):
    u = re.search(r"cpu_ns:\s*(\d+)", s)
    return int(u.group(1)) if u else None


# --------------------------------------------------------------------------
# Sections.

def section_build(builder, variants, R):
    log("== build: %d kernels x %d variants" % (len(KERNELS), len(variants)))
    t0 = time.time()
    bins, fails = {}, {}
    jobs = [(k, v) for k in KERNELS for v in variants]
    with concurrent.futures.ThreadPoolExecutor(JOBS) as ex:
        futs = {ex.submit(builder.build, k, v): (k, v.name) for k, v in jobs}
        for f in concurrent.futures.as_completed(futs):
            k, vn = futs[f]
            try:
                bins[(k, vn)] = f.result()
            except Exception as e:  # noqa: BLE001
                fails["%s/%s" % (k, vn)] = str(e)[-1500:]
                log("build FAILED %s/%s: %s" % (k, vn, str(e)[-400:]))
    R["build_failures"] = fails
    R["cmdlines"] = builder.cmdlines
    R["phase_s"]["build"] = time.time() - t0
    return bins


def noisy(t, vs):
    """Whether a kernel's paired ratios are still too spread to trust: the
    interquartile range of a full-mode/plain paired ratio over 4% of its
    median (more rounds are then run, up to BENCH_MAX_REPS)."""
    for v in vs:
        if v.mode != "full" or not v.base or v.name not in t or v.base not in t:
            continue
        a, b = t[v.name], t[v.base]
        n = min(len(a), len(b))
        if n < 3:
            return True
        rs = sorted(a[i] / b[i] for i in range(n))
        q1, q3 = rs[int(0.25 * (n - 1))], rs[int(math.ceil(0.75 * (n - 1)))]
        if (q3 - q1) / rs[n // 2] > 0.04:
            return True
    return False


def section_time(bins, variants, R):
    log("== timing: %d reps, scale %g" % (REPS, SCALE))
    t0 = time.time()
    times, cpus, sums, failures = {}, {}, {}, {}
    for k in KERNELS:
        vs = [v for v in variants if (k, v.name) in bins]
        r = 0
        while r < MAX_REPS:
            if r >= REPS and not noisy(times.get(k, {}), vs):
                break
            order = vs[r % len(vs):] + vs[:r % len(vs)]   # rotate: no fixed position
            r += 1
            for v in order:
                key = "%s/%s" % (k, v.name)
                try:
                    p = run([bins[(k, v.name)], str(SCALE)], timeout=300)
                    t, c = parse_out(p.stdout)
                except Exception as e:  # noqa: BLE001
                    failures[key] = "run failed: " + str(e)[-600:]
                    continue
                if t is None or c is None:
                    failures[key] = "no time_ns/checksum in output: " + p.stdout[-300:]
                    continue
                times.setdefault(k, {}).setdefault(v.name, []).append(t)
                cpus.setdefault(k, {}).setdefault(v.name, []).append(parse_cpu(p.stdout) or t)
                sums.setdefault(k, {}).setdefault(v.name, set()).add(c)
        line = "  %-10s %d rounds" % (k, r)
        for v in vs:
            ts = times.get(k, {}).get(v.name, [])
            line += " %s=%.1fms" % (v.name, median(ts) / 1e6 if ts else float("nan"))
        log(line)
    # Checksums: every variant of a kernel must agree with plain -O2.
    for k, d in sums.items():
        ref = d.get("O2")
        for vn, cs in d.items():
            if len(cs) != 1 or (ref and cs != ref):
                failures["%s/%s" % (k, vn)] = "checksum mismatch: %s vs O2 %s" % (
                    sorted(cs), sorted(ref or []))
                log("CHECKSUM MISMATCH %s/%s: %s vs %s" % (k, vn, cs, ref))
    R["times"] = times
    R["cpu_times"] = cpus
    R["checksums"] = {k: {vn: sorted(c) for vn, c in d.items()} for k, d in sums.items()}
    R["run_failures"] = failures
    R["phase_s"]["time"] = time.time() - t0


def callgrind_calls(outfile, names=("__cp_arm", "__cp_poll_slow")):
    """Calls made to the named functions (from callgrind's call records)."""
    ids, calls, cur = {}, {n: 0 for n in names}, None
    with open(outfile) as f:
        for line in f:
            if line.startswith("cfn="):
                m = re.match(r"cfn=\((\d+)\)(?:\s+(\S.*))?", line)
                if m:
                    if m.group(2):
                        ids[m.group(1)] = m.group(2).strip()
                    cur = ids.get(m.group(1))
            elif line.startswith("fn=") or line.startswith("fl=") or line.startswith("fi="):
                m = re.match(r"fn=\((\d+)\)\s+(\S.*)", line)
                if m:
                    ids[m.group(1)] = m.group(2).strip()
            elif line.startswith("calls=") and cur in calls:
                calls[cur] += int(line.split("=")[1].split()[0])
                cur = None
    return calls


def callgrind_count(exe, outfile, scale):
    cmd = ["valgrind", "--tool=callgrind", "--cache-sim=no", "--collect-atstart=no",
           "--toggle-collect=bench_kernel", "--callgrind-out-file=" + outfile,
           exe, str(scale)]
    p = run(cmd, timeout=900)
    t, c = parse_out(p.stdout)
    ir = None
    with open(outfile) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                ir = int(line.split()[1])
    return ir, c


def section_callgrind(bins, variants, R):
    if not shutil.which("valgrind"):
        R["notes"].append("valgrind not installed: no instruction counts")
        return
    log("== callgrind instruction counts, scale %g" % CG_SCALE)
    t0 = time.time()
    d = os.path.join(OUT, "callgrind")
    os.makedirs(d, exist_ok=True)
    counts, failures = {}, {}
    jobs = [(k, v.name) for k in KERNELS for v in variants if (k, v.name) in bins]

    def one(kv):
        k, vn = kv
        return callgrind_count(bins[kv], os.path.join(d, "%s.%s.out" % (k, vn)), CG_SCALE)

    with concurrent.futures.ThreadPoolExecutor(JOBS) as ex:
        futs = {ex.submit(one, kv): kv for kv in jobs}
        for f in concurrent.futures.as_completed(futs):
            k, vn = futs[f]
            try:
                ir, c = f.result()
                counts.setdefault(k, {})[vn] = {"ir": ir, "checksum": c}
                counts[k][vn]["calls"] = callgrind_calls(os.path.join(d, "%s.%s.out" % (k, vn)))
            except Exception as e:  # noqa: BLE001
                failures["%s/%s" % (k, vn)] = str(e)[-600:]
    for k, dd in counts.items():
        ref = dd.get("O2", {}).get("checksum")
        for vn, x in dd.items():
            if ref and x["checksum"] != ref:
                failures["%s/%s (callgrind)" % (k, vn)] = "checksum mismatch %s vs %s" % (
                    x["checksum"], ref)
    R["insns"] = counts
    R["cg_failures"] = failures
    R["phase_s"]["callgrind"] = time.time() - t0


def opt_records(path):
    """(pass, kind, name, function) of each record of an optimization-record
    YAML file (only the few fields needed; no YAML library)."""
    recs, cur = [], None
    for line in open(path, errors="replace"):
        if line.startswith("--- !"):
            if cur:
                recs.append(cur)
            cur = {"kind": line[5:].strip()}
        elif cur is not None:
            m = re.match(r"(Pass|Name|Function):\s+(.*)", line)
            if m:
                cur[m.group(1)] = m.group(2).strip().strip("'")
    if cur:
        recs.append(cur)
    return recs


def section_static(tc, variants, R):
    """Per kernel and variant: the pass's remarks (points inserted, by kind)
    and the loops the vectoriser vectorised, in every function but main."""
    log("== static: pass remarks and vectorised loops")
    t0 = time.time()
    d = os.path.join(OUT, "remarks")
    os.makedirs(d, exist_ok=True)
    res = {}
    vs = [v for v in variants if not v.sp]

    def one(k, v):
        y = os.path.join(d, "%s.%s.yaml" % (k, v.name))
        if os.path.exists(y):
            os.unlink(y)
        cmd = [CLANG, v.opt, "-I" + KDIR, "-c", os.path.join(KDIR, k + ".c"),
               "-o", os.path.join(d, "%s.%s.o" % (k, v.name)), "-fsave-optimization-record",
               "-foptimization-record-file=" + y,
               "-foptimization-record-passes=cancelpoints|loop-vectorize"]
        env = tc.env
        if v.mode:
            fl, env = tc.mode_flags(v.mode, v.extra)
            cmd += fl
        run(cmd, env=env)
        c = {}
        for r in opt_records(y):
            if r.get("Function") == "main":
                continue
            if r.get("Pass") == "loop-vectorize":
                if r["kind"] == "Passed":
                    c["vectorized"] = c.get("vectorized", 0) + 1
                continue
            key = "%s:%s" % (r["kind"], r.get("Name", "?"))
            c[key] = c.get(key, 0) + 1
        return c

    for k in KERNELS:
        for v in vs:
            try:
                res.setdefault(k, {})[v.name] = one(k, v)
            except Exception as e:  # noqa: BLE001
                res.setdefault(k, {})[v.name] = {"error": str(e)[-300:]}
    R["static"] = res
    R["phase_s"]["static"] = time.time() - t0


CHAOS_US = env_num("BENCH_CHAOS_US", 200, 200, int)
CHAOS_SCALE = env_num("BENCH_CHAOS_SCALE", 0.05, 0.02)


def section_chaos(tc, bins, variants, R):
    """DESIGN.md's law on the kernels: under chaos mode (resets at random
    instants, no request) every instrumented build prints plain's checksum."""
    vs = [v for v in variants if v.mode]
    if not vs:
        return
    log("== chaos: CANCELPOINTS_CHAOS=%d, scale %g" % (CHAOS_US, CHAOS_SCALE))
    t0 = time.time()
    res, fails = {}, {}
    for k in KERNELS:
        if (k, "O2") not in bins:
            continue
        ref = parse_out(run([bins[(k, "O2")], str(CHAOS_SCALE)], timeout=300).stdout)[1]
        for v in vs:
            if (k, v.name) not in bins:
                continue
            env = dict(tc.env)
            env["CANCELPOINTS_CHAOS"] = str(CHAOS_US)
            env["CANCELPOINTS_STATS"] = "1"
            try:
                p = run([bins[(k, v.name)], str(CHAOS_SCALE)], env=env, timeout=300, check=False)
            except subprocess.TimeoutExpired:
                fails["%s/%s (chaos)" % (k, v.name)] = "timed out under chaos mode"
                continue
            cs = parse_out(p.stdout)[1]
            m = re.search(r"signals=(\d+) resets=(\d+)", p.stderr)
            res.setdefault(k, {})[v.name] = {"ok": cs == ref and p.returncode == 0,
                                              "signals": int(m.group(1)) if m else None,
                                              "resets": int(m.group(2)) if m else None}
            if cs != ref or p.returncode != 0:
                fails["%s/%s (chaos)" % (k, v.name)] = "checksum %s vs plain %s, exit %d: %s" % (
                    cs, ref, p.returncode, p.stderr[-300:])
                log("CHAOS MISMATCH %s/%s: %s vs %s" % (k, v.name, cs, ref))
    R["chaos"] = res
    R["chaos_failures"] = fails
    R["phase_s"]["chaos"] = time.time() - t0


def text_size(obj, check=True):
    """Bytes of .text (and .text.*) in an object or an archive."""
    p = run([LLVM_SIZE, "-A", obj], check=check)
    tot = 0
    for line in p.stdout.splitlines():
        parts = line.split()
        if parts and (parts[0] == ".text" or parts[0].startswith(".text.")):
            tot += int(parts[1])
    return tot


def large_file():
    """A real amalgamation (duktape.c from Debian's duktape-dev) if present,
    else a generated one."""
    duk = "/usr/share/duktape/duktape.c"
    if os.path.exists(duk) and not QUICK:
        return duk, ["-I/usr/share/duktape"], "duktape.c (Debian duktape-dev, %d lines)" % (
            sum(1 for _ in open(duk, errors="replace")))
    gen = os.path.join(OUT, "large_gen.c")
    nfun = 300 if QUICK else 3000
    run([sys.executable, os.path.join(HERE, "gen_large.py"), str(nfun), gen])
    return gen, [], "generated by bench/gen_large.py (%d functions, %d lines)" % (
        nfun, sum(1 for _ in open(gen)))


def section_compile(tc, R):
    if not tc.usable():
        return
    log("== compile time and code size: %d reps" % COMPILE_REPS)
    t0 = time.time()
    d = os.path.join(OUT, "compile")
    os.makedirs(d, exist_ok=True)
    files = [(k, os.path.join(KDIR, k + ".c"), ["-I" + KDIR]) for k in KERNELS]
    lf, lflags, ldesc = large_file()
    files.append(("LARGE", lf, lflags))
    R["large_file"] = ldesc
    res = {}
    for name, src, fl in files:
        for opt in ("-O2",):
            cfg = {"plain": ([], tc.env)}
            pfl, penv = tc.mode_flags("full")
            cfg["full"] = (pfl, penv)
            for rep in range(COMPILE_REPS if name != "LARGE" else min(COMPILE_REPS, 3)):
                order = ["plain", "full"] if rep % 2 == 0 else ["full", "plain"]
                for c in order:
                    obj = os.path.join(d, "%s.%s.o" % (name, c))
                    cmd = [CLANG, opt, "-c", src, "-o", obj] + fl + cfg[c][0]
                    # CPU time of the compiler (user + sys of the waited child), not
                    # wall time: on a shared 2-core machine, waiting for a core is not
                    # compile time.
                    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                    p = run(cmd, env=cfg[c][1], check=False, timeout=900)
                    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                    dt = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
                    if p.returncode != 0:
                        res.setdefault(name, {})["error_" + c] = p.stderr[-800:]
                        continue
                    res.setdefault(name, {}).setdefault("t_" + c, []).append(dt)
                    if rep == 0:
                        res[name]["text_" + c] = text_size(obj)
        x = res.get(name, {})
        log("  %-10s compile plain %.3fs full %.3fs  .text %s -> %s" % (
            name, median(x.get("t_plain", [])), median(x.get("t_full", [])),
            x.get("text_plain"), x.get("text_full")))
    if tc.have_rt:
        R["rt_text"] = text_size(tc.rt_a, check=False)
    R["compile"] = res
    R["phase_s"]["compile"] = time.time() - t0


def section_latency(tc, R):
    if not tc.usable():
        return
    lat_py = os.path.join(LDIR, "latency.py")
    if not os.path.exists(lat_py):
        return
    log("== cancellation latency: %d trials per scenario" % LAT_TRIALS)
    t0 = time.time()
    sys.path.insert(0, LDIR)
    import latency  # noqa: E402  (bench/latency/latency.py)
    R["latency"] = latency.measure(tc, OUT, LAT_TRIALS, log, run, CLANG)
    R["phase_s"]["latency"] = time.time() - t0


# --------------------------------------------------------------------------
# Report.

def loadavg():
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


def machine_info():
    model = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cv = run([CLANG, "--version"], check=False).stdout.splitlines()
    return {"nproc": os.cpu_count(), "cpu": model, "clang": cv[0] if cv else "?",
            "kernel": platform.release(), "valgrind": (run(["valgrind", "--version"], check=False).stdout.strip()
                                                        if shutil.which("valgrind") else "none"),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    build = os.path.abspath(args[0] if args else os.path.join(ROOT, "build"))
    os.makedirs(OUT, exist_ok=True)
    if "--report" in sys.argv:
        with open(os.path.join(OUT, "results.json")) as f:
            R = json.load(f)
        import report
        report.write(R, HERE, OUT, log)
        return 0
    T0 = time.time()
    R = {"phase_s": {}, "notes": [], "quick": QUICK,
         "settings": {"BENCH_REPS": REPS, "BENCH_MAX_REPS": MAX_REPS, "BENCH_SCALE": SCALE, "BENCH_CG_SCALE": CG_SCALE,
                      "BENCH_LAT_TRIALS": LAT_TRIALS, "BENCH_COMPILE_REPS": COMPILE_REPS,
                      "BENCH_CHAOS_US": CHAOS_US, "BENCH_CHAOS_SCALE": CHAOS_SCALE,
                      "BENCH_QUICK": int(QUICK)}}
    R["machine"] = machine_info()
    tc = Toolchain(build)
    tc.probe()
    R["plugin"] = {"path": tc.plugin, "present": tc.have_plugin, "rt_present": tc.have_rt,
                   "mode_method": tc.mode_method, "probe": tc.mode_probe,
                   "options": tc.pass_options, "pollN": tc.pollN,
                   "git": run(["git", "-C", ROOT, "log", "-1", "--format=%h %s"], check=False).stdout.strip()}
    R["notes"] += tc.notes
    if not tc.usable():
        log("NOTE: plugin/runtime not usable (%s); measuring plain variants and baselines only"
            % "; ".join(tc.notes or ["runtime missing"]))
    builder = Builder(tc)
    sp_ok, sp_msg = sp_check(builder)
    R["safepoints"] = {"ok": sp_ok, "message": sp_msg}
    log("place-safepoints baseline:", "ok" if sp_ok else "UNAVAILABLE: " + sp_msg)
    variants = make_variants(tc, sp_ok)
    R["variants"] = [{"name": v.name, "base": v.base, "desc": v.desc} for v in variants]
    R["load"] = {"start": loadavg()}
    bins = section_build(builder, variants, R)
    if "static" not in SKIP:
        section_static(tc, variants, R)
    if "time" not in SKIP:
        R["load"]["before " + 'time'] = loadavg()
        section_time(bins, variants, R)
    if "chaos" not in SKIP:
        section_chaos(tc, bins, variants, R)
    if "cg" not in SKIP:
        R["load"]["before " + 'cg'] = loadavg()
        section_callgrind(bins, variants, R)
    if "lat" not in SKIP:
        R["load"]["before " + 'lat'] = loadavg()
        section_latency(tc, R)
    if "compile" not in SKIP:
        R["load"]["before " + 'compile'] = loadavg()
        section_compile(tc, R)
    R["load"]["end"] = loadavg()
    R["phase_s"]["total"] = time.time() - T0
    R["log"] = LOG
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(R, f, indent=1, default=list)
    sys.path.insert(0, HERE)
    import report
    bad = report.write(R, HERE, OUT, log)
    log("bench: total %.0f s" % R["phase_s"]["total"])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
