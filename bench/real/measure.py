#!/usr/bin/env python3
"""measure.py: the measuring half of bench/real/run.sh.

Runs each workload on the plain (clang-19 -O2) and the cpcc (-O2) build of
the same Debian package, checks that both write byte-identical output,
counts instructions with callgrind, times interleaved rounds, compares .text
sizes, and writes bench/REAL.md.  run.sh has built the binaries into
WORK/bin/{plain,cpcc}/ and the inputs into WORK/input/.

  measure.py WORK CPCC OUT.md
  REAL_ROUNDS=5  timed rounds      REAL_WORKLOADS=lua,sqlite3  a subset: a
  word that is a workload's name selects that workload, any other word the
  workloads whose names contain it (xz: both xz workloads)
"""
import datetime
import hashlib
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VARIANTS = ("plain", "cpcc")

# pcre2grep over source text: every line is tried against each pattern in
# turn (nested groups, a backreference, case folding, counted repeats); -a:
# the tar's headers make it look binary; -o: print what matched.
PCRE2GREP_ARGS = [
    "-a", "-o",
    "-e", r"\b(?:if|while|for|switch)\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)\s*\{?\s*$",
    "-e", r"(?i)copyright\s+(?:\(c\)\s+)?(\d{4})(?:\s*[-,]\s*(\d{4}))*",
    "-e", r"\b([A-Za-z_]\w*)\s*=\s*\1\s*[-+*/|&^]",
    "-e", r"\b0x[0-9A-Fa-f]{8,16}[uUlL]*\b",
    "-e", r'"(?:[^"\\]|\\.){40,}"',
    "-e", r"\b[a-z]+(?:_[a-z0-9]+){3,}\s*\(",
    "-e", r"\b(\w+)\s+\1\b",
]

# name, package, tool, args, stdin, timed repetitions per round, and the
# smaller stdin/args used under callgrind (fixed_clock: callgrind's run sees
# a clock that stands still, fixed_clock.c).  "src" names the compress workload
# whose plain output a decompress workload reads; its output must then equal
# that workload's input (the round trip).
WORKLOADS = [
    dict(name="zlib compress", pkg="zlib", tool="minigzip", args=["-6"],
         stdin="data32", cg_stdin="data8"),
    dict(name="zlib decompress", pkg="zlib", tool="minigzip", args=["-d"],
         src="zlib compress", reps=5),
    dict(name="bzip2 compress", pkg="bzip2", tool="bzip2", args=["-9"],
         stdin="data16", cg_stdin="data4"),
    dict(name="bzip2 decompress", pkg="bzip2", tool="bzip2", args=["-d"],
         src="bzip2 compress"),
    dict(name="xz compress", pkg="xz-utils", tool="xz", args=["-6", "-T1"],
         stdin="data4", cg_stdin="data1"),
    dict(name="xz decompress", pkg="xz-utils", tool="xz", args=["-d", "-T1"],
         src="xz compress", reps=8),
    dict(name="lz4 compress", pkg="lz4", tool="lz4", args=["-9"],
         stdin="data32", cg_stdin="data8"),
    dict(name="lz4 decompress", pkg="lz4", tool="lz4", args=["-d"],
         src="lz4 compress", reps=10),
    dict(name="zstd compress", pkg="libzstd", tool="zstd",
         args=["-9", "--single-thread"], stdin="data32", cg_stdin="data8"),
    dict(name="zstd decompress", pkg="libzstd", tool="zstd", args=["-d"],
         src="zstd compress", reps=6),
    dict(name="lua", pkg="lua5.4", tool="lua", args=["@bench.lua", "0.5"],
         cg_args=["@bench.lua", "0.1"]),
    dict(name="sqlite3", pkg="sqlite3", tool="sqlite3", args=[],
         stdin="@bench.sql"),
    # Programs of other kinds: a JavaScript interpreter, a text-processing
    # tool, a regex engine, and a database file in WAL mode ("scratch": each
    # build runs in an empty directory of its own, where it writes its files).
    dict(name="duktape", pkg="duktape", tool="duk",
         args=["-e", "var scale = 0.5", "@bench.js"],
         cg_args=["-e", "var scale = 0.1", "@bench.js"], fixed_clock=True),
    dict(name="gawk", pkg="gawk", tool="gawk", args=["-f", "@bench.awk"],
         stdin="data4", cg_stdin="data1"),
    dict(name="pcre2grep", pkg="pcre2", tool="pcre2grep", args=PCRE2GREP_ARGS,
         stdin="data16", cg_stdin="data4"),
    dict(name="sqlite3 wal", pkg="sqlite3", tool="sqlite3", args=[],
         stdin="@bench_wal.sql", scratch=True),
]

# Functions that exist only in the cpcc build: the runtime and the code the
# pass outlines (reset regions and their trampolines).
CP_FUNC = re.compile(r"^(__cp_|cp_)|\.cp\.|__cp_region_tramp")


def fname(s):
    """callgrind's "file:function": the function, recursion levels (f'2)
    folded, code without a symbol (0x...) in one bucket."""
    name = re.sub(r"'\d+$", "", s.rsplit(":", 1)[-1])
    return "(no symbol)" if re.fullmatch(r"0x[0-9a-f]+", name) else name


def origin(fn):
    """The function an outlined part f.cp.region(.N) came from."""
    return fn.split(".cp.")[0]


def sh_quote(words):
    words = [w.lstrip("@") for w in words]
    return " ".join(w if re.fullmatch(r"[-\w./=@:,+]+", w) else "'" + w + "'" for w in words)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


class Bench:
    def __init__(self, work, cpcc):
        self.work, self.cpcc = work, cpcc
        self.run_dir = os.path.join(work, "run")
        shutil.rmtree(self.run_dir, ignore_errors=True)
        os.makedirs(self.run_dir)
        self.fail_dir = os.path.join(work, "fail")
        shutil.rmtree(self.fail_dir, ignore_errors=True)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("CANCELPOINTS_")}
        self.env["LC_ALL"] = "C"
        self.failures = []          # (workload, message)
        self.results = {}           # name -> dict
        self.outputs = {}           # (name, kind) -> plain output path, for "src"
        # .text the runtime adds: an empty program linked by cpcc and by clang-19
        fp = os.path.join(work, "fp")
        with open(fp + ".c", "w") as f:
            f.write("int main(void) { return 0; }\n")
        size = {}
        for cc in ("clang-19", cpcc):
            subprocess.run([cc, "-O2", fp + ".c", "-o", fp], check=True)
            size[cc] = self.text(fp)
        self.rt_text = size[cpcc] - size["clang-19"]

    # -- paths ------------------------------------------------------------
    def binary(self, variant, tool):
        return os.path.join(self.work, "bin", variant, tool)

    def resolve(self, word):
        """@file: a file of bench/real; dataN: an input slice of WORK/input."""
        if word.startswith("@"):
            return os.path.join(HERE, word[1:])
        if re.fullmatch(r"data\d+", word):
            return os.path.join(self.work, "input", word)
        return word

    def command(self, w, variant, cg=False):
        args = w.get("cg_args", w["args"]) if cg else w["args"]
        return [self.binary(variant, w["tool"])] + [self.resolve(a) for a in args]

    def stdin_of(self, w, cg=False):
        if "src" in w:
            return self.outputs[(w["src"], "cg" if cg else "time")]
        s = w.get("cg_stdin", w.get("stdin")) if cg else w.get("stdin")
        return self.resolve(s) if s else os.devnull

    def expected_of(self, w, cg=False):
        """The round trip: a decompress workload must give back this file."""
        if "src" not in w:
            return None
        src = next(x for x in WORKLOADS if x["name"] == w["src"])
        return self.stdin_of(src, cg)

    # -- running ----------------------------------------------------------
    @staticmethod
    def scratch(cwd):
        """An empty directory to run in (None: the caller's)."""
        if cwd:
            shutil.rmtree(cwd, ignore_errors=True)
            os.makedirs(cwd)
        return cwd

    def run(self, cmd, stdin, out, err, cwd=None):
        with open(stdin, "rb") as fi, open(out, "wb") as fo, open(err, "wb") as fe:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdin=fi, stdout=fo, stderr=fe, env=self.env,
                                 cwd=self.scratch(cwd))
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        return wall, ru.ru_utime + ru.ru_stime, p.returncode

    def fail(self, w, msg, files=()):
        os.makedirs(self.fail_dir, exist_ok=True)
        kept = []
        for f in files:
            dst = os.path.join(self.fail_dir, os.path.basename(f))
            shutil.copyfile(f, dst)
            kept.append(dst)
        if kept:
            msg += " (kept: " + ", ".join(kept) + ")"
        self.failures.append((w["name"], msg))
        print("bench-real: FAIL: %s: %s" % (w["name"], msg), file=sys.stderr)

    def check(self, w, variant, kind, rc, out, err, ref):
        """Exit status 0 and output identical to plain's (and to the
        round-trip file); returns the output's hash."""
        ok = True
        if rc != 0:
            with open(err, "rb") as f:
                tail = f.read()[-300:].decode(errors="replace").strip()
            self.fail(w, "%s %s run exited with status %d: %s" % (variant, kind, rc, tail), [err])
            ok = False
        h = sha256(out)
        if ref is not None and h != ref:
            self.fail(w, "%s %s output differs from plain's" % (variant, kind), [out])
            ok = False
        return h, ok

    def workload(self, w, rounds):
        name = w["name"]
        tag = re.sub(r"\W+", "-", name)
        r = dict(identical=True, errors=[])
        self.results[name] = r
        for v in VARIANTS:
            if not os.access(self.binary(v, w["tool"]), os.X_OK):
                self.fail(w, "%s build of %s failed (see the build log)" % (v, w["pkg"]))
                r["identical"] = None
                return
        out = {v: os.path.join(self.run_dir, "%s.%s.out" % (tag, v)) for v in VARIANTS}
        err = {v: os.path.join(self.run_dir, "%s.%s.err" % (tag, v)) for v in VARIANTS}
        cwd = {v: os.path.join(self.run_dir, "%s.%s.d" % (tag, v)) if w.get("scratch") else None
               for v in VARIANTS}
        r["cmd"] = sh_quote([w["tool"]] + w["args"]) + (
            " < " + w["stdin"].lstrip("@") if w.get("stdin") else "")
        if "src" in w:
            r["cmd"] += " < (output of %s)" % w["src"]

        # Timed rounds, variants alternated; every run's output is checked.
        stdin = self.stdin_of(w)
        ref = None
        walls = {v: [] for v in VARIANTS}
        cpus = {v: [] for v in VARIANTS}
        for i in range(rounds + 1):              # round 0: warm-up and reference
            for v in VARIANTS:
                wall = cpu = 0.0
                for _ in range(w.get("reps", 1)):
                    dw, dc, rc = self.run(self.command(w, v), stdin, out[v], err[v], cwd[v])
                    wall, cpu = wall + dw, cpu + dc
                    h, ok = self.check(w, v, "timed", rc, out[v], err[v], ref)
                    if ref is None and ok:
                        ref = h
                        exp = self.expected_of(w)
                        if exp and sha256(exp) != h:
                            self.fail(w, "plain output is not the round trip of %s" % exp, [out[v]])
                            ok = False
                    if not ok:
                        r["identical"] = False
                        return
                if i > 0:
                    walls[v].append(wall)
                    cpus[v].append(cpu)
        keep = os.path.join(self.run_dir, "%s.time.plain" % tag)
        os.replace(out["plain"], keep)
        self.outputs[(name, "time")] = keep
        r["plain_s"] = statistics.median(walls["plain"])
        r["wall"] = statistics.median(c / p for p, c in zip(walls["plain"], walls["cpcc"]))
        r["cpu"] = statistics.median(c / p for p, c in zip(cpus["plain"], cpus["cpcc"]))

        # Instructions: one callgrind run per variant, both at once.
        stdin = self.stdin_of(w, cg=True)
        procs = {}
        cg = {v: os.path.join(self.run_dir, "%s.%s.callgrind" % (tag, v)) for v in VARIANTS}
        for v in VARIANTS:
            cmd = ["valgrind", "--tool=callgrind", "--cache-sim=no",
                   "--callgrind-out-file=" + cg[v]] + self.command(w, v, cg=True)
            env = dict(self.env)
            if w.get("fixed_clock"):
                env["LD_PRELOAD"] = os.path.join(self.work, "fixed_clock.so")
            fi, fo, fe = open(stdin, "rb"), open(out[v], "wb"), open(err[v], "wb")
            procs[v] = (subprocess.Popen(cmd, stdin=fi, stdout=fo, stderr=fe, env=env,
                                         cwd=self.scratch(cwd[v])), fi, fo, fe)
        ref = None
        for v in VARIANTS:
            p, fi, fo, fe = procs[v]
            rc = p.wait()
            for f in (fi, fo, fe):
                f.close()
            h, ok = self.check(w, v, "callgrind", rc, out[v], err[v], ref)
            if not ok:
                r["identical"] = False
                return
            ref = ref or h
        exp = self.expected_of(w, cg=True)
        if exp and sha256(exp) != ref:
            self.fail(w, "callgrind output is not the round trip of %s" % exp, [out["plain"]])
            r["identical"] = False
            return
        keep = os.path.join(self.run_dir, "%s.cg.plain" % tag)
        os.replace(out["plain"], keep)
        self.outputs[(name, "cg")] = keep
        funcs = {v: self.functions(cg[v]) for v in VARIANTS}
        tot = {v: self.total(cg[v]) for v in VARIANTS}
        r["ir_plain"], r["ir_cpcc"] = tot["plain"], tot["cpcc"]
        r["insn"] = tot["cpcc"] / tot["plain"]
        cg_stdin = w.get("cg_stdin", w.get("stdin"))
        r["cg_cmd"] = sh_quote([w["tool"]] + w.get("cg_args", w["args"])) + (
            " < " + cg_stdin.lstrip("@") if cg_stdin else "")
        if "src" in w:
            r["cg_cmd"] += " < (callgrind output of %s)" % w["src"]
        names = set(funcs["plain"]) | set(funcs["cpcc"])
        delta = sorted(((funcs["cpcc"].get(n, 0) - funcs["plain"].get(n, 0), n) for n in names),
                       reverse=True)
        # net: the function and the parts the pass outlined from it (f.cp.*)
        net = {}
        for d, n in delta:
            net[origin(n)] = net.get(origin(n), 0) + d
        r["top"] = [(n, funcs["plain"].get(n, 0), funcs["cpcc"].get(n, 0), d, net[origin(n)])
                    for d, n in delta[:5] if d > 0]
        r["entries"] = self.region_entries(cg["cpcc"])
        r["cp"] = sorted(((funcs["cpcc"][n], n) for n in funcs["cpcc"] if CP_FUNC.search(n)),
                         reverse=True)
        tc, tp = self.text(self.binary("cpcc", w["tool"])), self.text(self.binary("plain", w["tool"]))
        r["text"], r["text_code"] = tc / tp, (tc - self.rt_text) / tp

    # -- callgrind and size -----------------------------------------------
    @staticmethod
    def total(path):
        with open(path) as f:
            for line in f:
                if line.startswith(("summary:", "totals:")):
                    return int(line.split()[1])
        raise RuntimeError("no total in " + path)

    @staticmethod
    def functions(path):
        """Self Ir per function name (file and object dropped, recursion
        levels name'2 folded into name)."""
        out = subprocess.run(["callgrind_annotate", "--threshold=100", "--inclusive=no", path],
                             capture_output=True, text=True, check=True).stdout
        fn = {}
        pat = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*?)(?: \[[^\]]*\])?$")
        for line in out.splitlines():
            m = pat.match(line)
            if not m or m.group(2).endswith("PROGRAM TOTALS"):
                continue
            name = fname(m.group(2))
            fn[name] = fn.get(name, 0) + int(m.group(1).replace(",", ""))
        return fn

    @staticmethod
    def region_entries(path):
        """Calls into the region trampolines (each one enters a reset region),
        summed per calling function."""
        out = subprocess.run(["callgrind_annotate", "--tree=caller", "--threshold=100",
                              "--inclusive=no", path],
                             capture_output=True, text=True, check=True).stdout
        calls, callers = {}, []
        pat = re.compile(r"^\s*[\d,]+\s+\(\s*[\d.]+%\)\s+([<*])\s+(.*?) \(([\d,]+)x\)")
        star = re.compile(r"^\s*[\d,]+\s+\(\s*[\d.]+%\)\s+\*\s+(.*?)(?: \[[^\]]*\])?$")
        for line in out.splitlines():
            m = pat.match(line)
            if m and m.group(1) == "<":
                callers.append((fname(m.group(2)), int(m.group(3).replace(",", ""))))
                continue
            m = star.match(line)
            if m and fname(m.group(1)).startswith("__cp_region_tramp"):
                for c, n in callers:
                    calls[c] = calls.get(c, 0) + n
            if m or not line.strip():
                callers = []
        return sorted(((n, c) for c, n in calls.items()), reverse=True)

    @staticmethod
    def text(binary):
        out = subprocess.run(["llvm-size-19", "-A", binary], capture_output=True, text=True,
                             check=True).stdout
        for line in out.splitlines():
            f = line.split()
            if f and f[0] == ".text":
                return int(f[1])
        raise RuntimeError("no .text in " + binary)


def fmt(x, spec="%.3f"):
    return spec % x if x is not None else "-"


def report(b, out_md, rounds, elapsed_measure):
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    clang = subprocess.run(["clang-19", "--version"], capture_output=True,
                           text=True).stdout.splitlines()[0]
    w = os.path.join(b.work, "")
    read = lambda f: open(os.path.join(b.work, f)).read().strip() if os.path.exists(os.path.join(b.work, f)) else ""
    L = []
    L.append("# Real programs: plain clang-19 -O2 against cpcc -O2")
    L.append("")
    L.append("Written by `make bench-real` (`sh bench/real/run.sh [CPCC]`); do not edit by hand.")
    L.append("")
    L.append("- date: %s" % datetime.datetime.now().strftime("%Y-%m-%d %H:%M"))
    L.append("- commit: %s%s" % (commit, " (with uncommitted changes)" if dirty else ""))
    L.append("- compilers: `%s`; cpcc wraps the same clang" % clang)
    L.append("- machine: %d cores; %d timed rounds per workload" % (os.cpu_count(), rounds))
    start = os.environ.get("REAL_START")
    total = ("%d s in all (downloads and builds included, %s)" % (time.time() - float(start), read("builds.txt") or "builds cached")
             if start else "")
    L.append("- run time: measuring %d s%s" % (elapsed_measure, "; " + total if total else ""))
    L.append("")
    if b.failures:
        L.append("## FAIL")
        L.append("")
        for n, m in b.failures:
            L.append("- **FAIL** %s: %s" % (n, m.replace(w, "$REAL_WORK/")))
        L.append("")
    L.append("## Results")
    L.append("")
    L.append("Ratios are cpcc / plain. insn: callgrind's total instructions of the whole "
             "process, one run each (on the smaller callgrind input below). wall and cpu: "
             "median over the rounds of the per-round ratio, the two variants alternated "
             "in each round. .text: the executable's `.text` bytes (the cpcc one includes "
             "the runtime). identical: every output of the cpcc build equals the plain "
             "build's (and a decompressed output equals the original).")
    L.append("")
    L.append("| workload | plain wall s | insn | wall | cpu | .text | .text w/o runtime | identical |")
    L.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    rows = [(x["name"], b.results.get(x["name"])) for x in WORKLOADS if x["name"] in b.results]
    for n, r in rows:
        ident = {True: "yes", False: "**FAIL**", None: "**FAIL** (build)"}[r["identical"]]
        L.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            n, fmt(r.get("plain_s"), "%.2f"), fmt(r.get("insn")), fmt(r.get("wall")),
            fmt(r.get("cpu")), fmt(r.get("text")), fmt(r.get("text_code")), ident))
    texts = {}
    for x in WORKLOADS:
        r = b.results.get(x["name"])
        if r and "text" in r:
            texts[x["tool"]] = (r["text"], r["text_code"])
    L.append("| **geomean** | | %s | %s | %s | %s | %s | %s |" % (
        fmt(geomean([r.get("insn") for _, r in rows])), fmt(geomean([r.get("wall") for _, r in rows])),
        fmt(geomean([r.get("cpu") for _, r in rows])), fmt(geomean([t for t, _ in texts.values()])),
        fmt(geomean([t for _, t in texts.values()])), "yes" if not b.failures else "**FAIL**"))
    L.append("")
    L.append("The .text geomeans count each executable once. \".text w/o runtime\" subtracts "
             "the %s bytes of `.text` the runtime adds to an empty program." % format(b.rt_text, ","))
    L.append("")
    L.append("## Where the extra instructions are")
    L.append("")
    L.append("Per workload, the five functions with the most extra instructions (self Ir, "
             "cpcc minus plain, matched by name; the runtime's `__cp_*` and the pass's "
             "outlined `*.cp.*` and `__cp_region_tramp.*` functions count under their own "
             "names, so the function they were outlined from may show fewer instructions). "
             "Percentages are of plain's total; the last column adds up `f` and every `f.cp.*` "
             "outlined from it (`f*`), the cost of `f` as written. Then every runtime and "
             "outlined function that ran.")
    L.append("")
    for n, r in rows:
        if "top" not in r:
            continue
        L.append("### %s (%+.1f%% instructions)" % (n, (r["insn"] - 1) * 100))
        L.append("")
        L.append("| function | plain Ir | cpcc Ir | extra | % of plain | net % with its outlined parts |")
        L.append("| --- | ---: | ---: | ---: | ---: | ---: |")
        for fn, p, c, d, net in r["top"]:
            f = origin(fn)
            outlined = any(origin(n) == f and n != f for _, n in r["cp"])
            L.append("| `%s` | %s | %s | %s | %+.2f%% | %s |" % (
                fn, format(p, ","), format(c, ","), format(d, ","), 100.0 * d / r["ir_plain"],
                "%+.2f%% (`%s*`)" % (100.0 * net / r["ir_plain"], f) if outlined else ""))
        L.append("")
        cp = r["cp"]
        if cp:
            shown = ", ".join("`%s` %s" % (fn, format(c, ",")) for c, fn in cp[:12])
            more = " and %d more" % (len(cp) - 12) if len(cp) > 12 else ""
            L.append("Runtime and outlined (%.2f%% of plain): %s%s." % (
                100.0 * sum(c for c, _ in cp) / r["ir_plain"], shown, more))
            L.append("")
        if r["entries"]:
            L.append("Reset regions entered (calls to `__cp_region_tramp.*`), by caller: %s." % ", ".join(
                "`%s` %sx" % (c, format(n, ",")) for n, c in r["entries"][:5]))
            L.append("")
    L.append("## How it was measured")
    L.append("")
    L.append("```sh")
    L.append("make bench-real                  # = sh bench/real/run.sh build/bin/cpcc")
    L.append("REAL_WORK=/tmp/cp-real           # downloads, builds, inputs, callgrind profiles")
    L.append("```")
    L.append("")
    L.append("Sources: Debian bookworm source packages (`apt-get source`, Debian's patches applied): "
             + read("sources.txt") + ".")
    L.append("")
    L.append("Each package is built twice from a fresh copy of its source tree, with "
             "`CC=clang-19 CFLAGS=-O2` and with `CC=<cpcc> CFLAGS=-O2` in the environment, "
             "statically against its own library:")
    L.append("")
    L.append("```sh")
    L.append(read("recipes.txt"))
    L.append("```")
    L.append("")
    L.append("Input: `data` is a tar (sorted, mtime 0) of the unpacked source trees of "
             "bzip2, libzstd, lua5.4, lz4, sqlite3, xz-utils and zlib; "
             "`dataN` is its first N MiB. The commands (stdin from the file named; a "
             "decompress workload reads the plain build's output of the compress one; "
             "sqlite3 wal runs each time in an empty directory of its own, one per build, "
             "where it writes its database file):")
    L.append("")
    L.append("| workload | timed (per round) | callgrind |")
    L.append("| --- | --- | --- |")
    for x in WORKLOADS:
        r = b.results.get(x["name"])
        if not r or "cmd" not in r:
            continue
        reps = x.get("reps", 1)
        cell = lambda c: c.replace("|", "\\|")     # a pipe in a table cell, as GFM wants it
        L.append("| %s | `%s`%s | `%s` |" % (x["name"], cell(r["cmd"]), " x%d" % reps if reps > 1 else "",
                                          cell(r.get("cg_cmd", "-"))))
    L.append("")
    fixed = [x["name"] for x in WORKLOADS if x.get("fixed_clock")]
    L.append("callgrind: `valgrind --tool=callgrind --cache-sim=no` (%s with "
             "`LD_PRELOAD=fixed_clock.so`, a clock that stands still: `fixed_clock.c`); "
             "per-function self Ir from "
             "`callgrind_annotate --threshold=100 --inclusive=no`. Sizes: `llvm-size-19 -A`. "
             "`bench.lua`, `bench.sql`, `bench.js`, `bench.awk` and `bench_wal.sql` are in "
             "`bench/real/`." % ", ".join(fixed))
    L.append("")
    with open(out_md, "w") as f:
        f.write("\n".join(L))


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    work, cpcc, out_md = sys.argv[1:]
    rounds = int(os.environ.get("REAL_ROUNDS", "5"))
    only = [s for s in os.environ.get("REAL_WORKLOADS", "").split(",") if s]
    names = [w["name"] for w in WORKLOADS]
    bad = [o for o in only if not any(o in n for n in names)]
    if bad:
        sys.exit("measure.py: REAL_WORKLOADS: no workload named like %s (workloads: %s)"
                 % (", ".join(bad), ", ".join(names)))
    b = Bench(work, cpcc)
    t0 = time.time()
    for w in WORKLOADS:
        if only and not any(o == w["name"] or (o not in names and o in w["name"]) for o in only):
            continue
        if "src" in w and not all((w["src"], k) in b.outputs for k in ("time", "cg")):
            if w["src"] in b.results:     # the compress workload failed
                b.fail(w, "skipped: %s failed" % w["src"])
                b.results[w["name"]] = dict(identical=False)
                continue
            only_src = next(x for x in WORKLOADS if x["name"] == w["src"])
            b.workload(only_src, rounds)
        t = time.time()
        print("bench-real: %s ..." % w["name"], end="", flush=True)
        b.workload(w, rounds)
        r = b.results[w["name"]]
        print(" %.0f s: insn %s wall %s %s" % (time.time() - t, fmt(r.get("insn")), fmt(r.get("wall")),
                                            "ok" if r["identical"] else "FAIL"), flush=True)
    report(b, out_md, rounds, time.time() - t0)
    print("bench-real: wrote %s" % out_md)
    return 1 if b.failures else 0


if __name__ == "__main__":
    sys.exit(main())
