#!/bin/sh
# bench/diag/patch/run.sh [REQUESTS] - the request latency of patchable points.
#
# Builds latency.c with 1,000, 10,000 and 100,000 generated sites
# (gen_sites.py; the 100,000 take clang some minutes) and runs each way
# (poll: today's point; mprotect, alias and one: text patching, see patch.c
# and latency.c),
# then both patching ways once more under the kernel's W^X policy (-m).
# x86_64 Linux only.  Work files go to PATCH_WORK (default /tmp/cp-patch).
#   CC   the compiler (default clang-19)
set -eu
cd "$(dirname "$0")"
N=${1:-200}
W=${PATCH_WORK:-/tmp/cp-patch}
CC=${CC:-clang-19}
[ "$(uname -m)" = x86_64 ] || { echo "run.sh: x86_64 only (the int3 protocol)" >&2; exit 2; }
mkdir -p "$W"
for sites in 1000 10000 100000; do
  if [ ! -x "$W/lat$sites" ]; then
    python3 gen_sites.py "$sites" "$W/sites$sites.c"
    $CC -O1 -I. -c "$W/sites$sites.c" -o "$W/sites$sites.o"
    $CC -O2 -pthread latency.c patch.c "$W/sites$sites.o" -o "$W/lat$sites"
  fi
  for way in poll mprotect alias one; do
    "$W/lat$sites" $way "$N"
  done
done
for way in mprotect alias; do
  "$W/lat1000" $way "$N" -m || true # refused: exits 3 after saying so
done
