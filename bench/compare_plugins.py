#!/usr/bin/env python3
"""bench/compare_plugins.py: two builds of the plugin, side by side, on the kernels.

  python3 bench/compare_plugins.py BEFORE_BUILD AFTER_BUILD [--out FILE.md]

BEFORE_BUILD and AFTER_BUILD are build directories of the project (each with
lib/libcancelpoints.so and lib/libcancelpoints_rt.a), for instance one made
from an older commit with `git worktree add` and `cmake`.  Every kernel of
bench/kernels is built at -O2 with plain clang and with each plugin, its
checksum checked against plain's, and its instructions in bench_kernel
counted with callgrind (deterministic, so one run each).  Prints a markdown
table of instructions as ratios to plain, and their geomeans.
Environment: LLVM_VERSION (19), BENCH_CG_SCALE (0.01), BENCH_KERNELS=a,b.
"""
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNELS = os.path.join(ROOT, "bench", "kernels")
CLANG = "clang-" + os.environ.get("LLVM_VERSION", "19")
SCALE = os.environ.get("BENCH_CG_SCALE", "0.01")


def build(src, exe, plugin_build=None):
    cmd = [CLANG, "-O2", "-o", exe, src, "-I", KERNELS]
    if plugin_build:
        cmd += ["-fpass-plugin=" + os.path.join(plugin_build, "lib", "libcancelpoints.so"),
                "-I", os.path.join(ROOT, "runtime", "include"),
                os.path.join(plugin_build, "lib", "libcancelpoints_rt.a"),
                "-lpthread", "-lunwind", "-ldl", "-Wl,-z,now"]
    if os.path.basename(src) == "purecall.c":  # its callee, built without the plugin
        helper = exe + ".helper.o"
        subprocess.run([CLANG, "-O2", "-c", "-o", helper, "-I", KERNELS,
                        os.path.join(KERNELS, "pure_helper.c")], check=True)
        cmd.append(helper)
    subprocess.run(cmd + ["-lm"], check=True)


def checksum(exe):
    out = subprocess.run([exe, SCALE], check=True, capture_output=True, text=True).stdout
    return [l for l in out.splitlines() if l.startswith("checksum")]


def instructions(exe, tmp):
    out = os.path.join(tmp, os.path.basename(exe) + ".cg")
    subprocess.run(["valgrind", "--tool=callgrind", "--cache-sim=no", "--collect-atstart=no",
                    "--toggle-collect=bench_kernel", "--callgrind-out-file=" + out, exe, SCALE],
                   check=True, capture_output=True)
    with open(out) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    raise RuntimeError("no totals in " + out)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--out")]
    if len(args) != 2:
        sys.exit(__doc__)
    before, after = (os.path.abspath(a) for a in args)
    names = sorted(f[:-2] for f in os.listdir(KERNELS)
                   if f.endswith(".c") and f != "pure_helper.c")
    if os.environ.get("BENCH_KERNELS"):
        names = [n for n in names if n in os.environ["BENCH_KERNELS"].split(",")]
    rows, logs = [], {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as tmp:
        for k in names:
            src = os.path.join(KERNELS, k + ".c")
            exes = {v: os.path.join(tmp, "%s.%s" % (k, v)) for v in ("plain", "before", "after")}
            build(src, exes["plain"])
            build(src, exes["before"], before)
            build(src, exes["after"], after)
            ref = checksum(exes["plain"])
            for v in ("before", "after"):
                if checksum(exes[v]) != ref:
                    sys.exit("%s: %s build's checksum differs from plain's" % (k, v))
            n = {v: instructions(e, tmp) for v, e in exes.items()}
            r = (n["before"] / n["plain"], n["after"] / n["plain"])
            logs["before"].append(math.log(r[0]))
            logs["after"].append(math.log(r[1]))
            rows.append("| %s | %d | %.3f | %.3f |" % (k, n["plain"], r[0], r[1]))
            print(rows[-1], file=sys.stderr)
    geo = lambda l: math.exp(sum(l) / len(l))
    text = ["| kernel | plain instructions | before / plain | after / plain |",
            "| --- | --- | --- | --- |"] + rows + [
            "| geomean | | %.3f | %.3f |" % (geo(logs["before"]), geo(logs["after"]))]
    print("\n".join(text))


if __name__ == "__main__":
    main()
