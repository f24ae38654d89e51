#!/bin/sh
# bench/run.sh [BUILD_DIR]: the benchmark suite (`make bench` runs this).
# Builds every kernel in every variant, runs them interleaved, counts
# instructions with callgrind, measures cancellation latency, compile time and
# code size, and writes bench/REPORT.md plus PNG plots; raw data in bench/out/.
#   BENCH_QUICK=1   ~2-minute smoke run        BENCH_REPS=N  timed rounds (5)
#   see bench/harness.py for the other BENCH_* settings.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
# A real 100k-line C amalgamation for the compile-time measurement
# (duktape.c, shipped by duktape-dev); without it a generated file is used.
if ! dpkg-query -W -f='${Status}' duktape-dev 2>/dev/null | grep -q "install ok installed"; then
  LLVM_VERSION=${LLVM_VERSION:-19} EXTRA="gnuplot-nox valgrind duktape-dev" sh tools/install-deps.sh ||
    echo "bench: could not install duktape-dev; using a generated large file" >&2
fi
start=$(date +%s)
rc=0
python3 bench/harness.py "$BUILD" || rc=$?
echo "bench: run.sh took $(( $(date +%s) - start )) s (exit $rc)"
exit $rc
